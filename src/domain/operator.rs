//! Operators (who signs in), the access log (who saw or took personal data,
//! and when), and the privacy settings: the idle lock, how long personal
//! data is kept, the backups' recovery key.
//!
//! Stored values: every enum here is encoded by its variant's position, so
//! variants are only ever added at the end.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::access::OperatorRole;
use super::rules::bounded;
use super::text::{MAX_NAME, clean_line, fold};
use super::{EntityKind, Field, FieldError, Id, Problem};

/// Fewest characters of a passphrase.
pub const MIN_PASSPHRASE: usize = 8;

/// One person who may sign in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    /// As typed at creation, cleaned ("Lê Thị Hoa"); signing in matches it
    /// folded ("le thi hoa"), see [`operator_key`].
    pub name: String,
    pub role: OperatorRole,
    /// The hamlet of a hamlet head (`None` for every other role).
    pub hamlet: Option<Id>,
    /// Argon2id in PHC form (`$argon2id$v=19$m=...`): salt and cost inside.
    pub passphrase_hash: String,
    #[serde(with = "super::date::secs")]
    pub created_at: NaiveDateTime,
    #[serde(with = "super::date::secs")]
    pub passphrase_changed_at: NaiveDateTime,
}

/// The key an operator is stored and found under: the folded name, so
/// "Lê Thị Hoa", "le thi hoa" and "LÊ THỊ HOA" are one operator.
pub fn operator_key(name: &str) -> String {
    fold(&clean_line(name))
}

/// A name as it will be stored, or why it cannot be.
pub fn clean_operator_name(name: &str) -> Result<String, FieldError> {
    let name = clean_line(name);
    if name.is_empty() {
        return Err(FieldError::new(Field::OperatorName, Problem::Required));
    }
    match bounded(&name, MAX_NAME) {
        Some(problem) => Err(FieldError::new(Field::OperatorName, problem)),
        None => Ok(name),
    }
}

/// A new passphrase's length rule (the only rule: a long phrase a clerk can
/// remember beats a short one with symbols).
pub fn check_passphrase(passphrase: &str) -> Result<(), FieldError> {
    if passphrase.chars().count() < MIN_PASSPHRASE {
        return Err(FieldError::new(Field::Passphrase, Problem::TooShort { min: MIN_PASSPHRASE }));
    }
    Ok(())
}

/// One line of the access log: append-only, written by the store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEntry {
    pub id: Id,
    #[serde(with = "super::date::secs")]
    pub at: NaiveDateTime,
    /// The signed-in operator (the single clerk's name without operators).
    pub operator: String,
    pub event: AccessEvent,
}

/// Which personal number was shown in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PersonalNumber {
    NationalId,
    Phone,
}

/// What was done with personal data. References name records by kind, id
/// and code ("T01-0012", "12/2026"), never by a person's name or number:
/// the log outlives a purge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccessEvent {
    SignedIn,
    /// A wrong name or passphrase; `name` is what was typed (cleaned).
    SignInFailed {
        name: String,
    },
    /// A full ID card or phone number shown on screen.
    Unmasked {
        kind: EntityKind,
        id: Id,
        reference: String,
        number: PersonalNumber,
    },
    /// An `--include-personal` export (what: households, members...).
    ExportedPersonal {
        what: String,
        file: String,
    },
    /// A mediation book (it names the parties).
    ExportedBook {
        team: String,
        year: u16,
        file: String,
    },
    /// One person's personal data erased (by request).
    Purged {
        kind: EntityKind,
        id: Id,
        reference: String,
    },
    /// Personal data past its retention erased, how many records.
    PurgedExpired {
        records: u32,
    },
    /// The ledger rebuilt from a backup file.
    Restored {
        from: String,
    },
    OperatorAdded {
        name: String,
        role: OperatorRole,
    },
    OperatorRemoved {
        name: String,
    },
    PassphraseChanged {
        name: String,
    },
    /// A new recovery key: backups made from now on need it.
    RecoveryKeyRotated,
    /// The access log itself written to a file.
    AccessLogExported {
        file: String,
    },
    /// The privacy settings changed (idle lock, retention).
    PrivacySettingsChanged,
    /// A data subject's request entered in the register (by its number;
    /// the requester's name stays in the register, not in the log).
    RequestRecorded {
        id: Id,
    },
    /// A request of the register changed (status, deadlines, answer).
    RequestUpdated {
        id: Id,
    },
    /// The ledger rewritten by `soxa compact` (sizes of its store before
    /// and after, in bytes).
    Compacted {
        before: u64,
        after: u64,
    },
}

/// How long personal data is kept once it is no longer current.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// After a household moved out.
    pub moved_out_years: u8,
    /// After a member left their team.
    pub left_member_years: u8,
    /// After a case was closed.
    pub closed_case_years: u8,
}

impl Default for Retention {
    fn default() -> Self {
        Retention { moved_out_years: 5, left_member_years: 5, closed_case_years: 5 }
    }
}

/// The privacy settings of a ledger, kept beside the commune.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacySettings {
    /// The interface locks after this many minutes without a key (1-240).
    pub idle_lock_minutes: u16,
    pub retention: Retention,
    /// The backups' recovery key, public half (an age X25519 recipient,
    /// "age1..."); `None` until the first operator is created.
    pub recovery_recipient: Option<String>,
}

impl Default for PrivacySettings {
    fn default() -> Self {
        PrivacySettings { idle_lock_minutes: 10, retention: Retention::default(), recovery_recipient: None }
    }
}

impl PrivacySettings {
    pub const IDLE_MINUTES: std::ops::RangeInclusive<u16> = 1..=240;
    pub const RETENTION_YEARS: std::ops::RangeInclusive<u8> = 1..=50;

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let range = |f: Field, v: i64, r: (i64, i64)| {
            (!(r.0..=r.1).contains(&v)).then(|| FieldError::new(f, Problem::OutOfRange { min: r.0, max: r.1 }))
        };
        let idle = (*Self::IDLE_MINUTES.start() as i64, *Self::IDLE_MINUTES.end() as i64);
        let years = (*Self::RETENTION_YEARS.start() as i64, *Self::RETENTION_YEARS.end() as i64);
        let r = &self.retention;
        errors.extend(range(Field::IdleLockMinutes, self.idle_lock_minutes.into(), idle));
        errors.extend(range(Field::RetentionMovedOut, r.moved_out_years.into(), years));
        errors.extend(range(Field::RetentionLeftMember, r.left_member_years.into(), years));
        errors.extend(range(Field::RetentionClosedCase, r.closed_case_years.into(), years));
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

/// Wrong passphrases in a row, for the growing delay.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInFailures {
    pub count: u32,
    #[serde(with = "super::date::secs")]
    pub last_at: NaiveDateTime,
}

impl SignInFailures {
    /// Seconds to wait after `count` wrong passphrases in a row: none after
    /// the first two, then 2, 4, 8... up to 5 minutes.
    pub fn delay_secs(count: u32) -> i64 {
        match count {
            0..=2 => 0,
            n => (1i64 << (n - 2).min(9)).min(300),
        }
    }

    /// Seconds still to wait at `now` before another try is heard.
    pub fn wait_at(&self, now: NaiveDateTime) -> i64 {
        let until = self.last_at + chrono::Duration::seconds(Self::delay_secs(self.count));
        (until - now).num_seconds().max(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_folded() {
        assert_eq!(operator_key(" Lê  Thị Hoa "), operator_key("LE THI HOA"));
        assert_eq!(operator_key("Đỗ An"), "do an");
        assert!(clean_operator_name("  ").is_err());
        assert_eq!(clean_operator_name(" Lê  Thị Hoa ").unwrap(), "Lê Thị Hoa");
    }

    #[test]
    fn passphrases_need_eight_characters() {
        assert!(check_passphrase("ngắn").is_err());
        assert!(check_passphrase("tám chữ!").is_ok());
    }

    #[test]
    fn the_delay_grows_and_stops_at_five_minutes() {
        let d: Vec<i64> = (0..=12).map(SignInFailures::delay_secs).collect();
        assert_eq!(d, [0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let f = SignInFailures { count: 4, last_at: at };
        assert_eq!(f.wait_at(at), 4);
        assert_eq!(f.wait_at(at + chrono::Duration::seconds(3)), 1);
        assert_eq!(f.wait_at(at + chrono::Duration::seconds(9)), 0);
    }

    #[test]
    fn privacy_settings_are_bounded() {
        assert!(PrivacySettings::default().validate().is_ok());
        let s = PrivacySettings { idle_lock_minutes: 0, ..PrivacySettings::default() };
        assert_eq!(s.validate().unwrap_err()[0].field, Field::IdleLockMinutes);
    }
}
