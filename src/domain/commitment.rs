//! A household's yearly commitment (bản cam kết) and the violations recorded
//! against it. A household has at most one commitment per year; the store
//! enforces that with a unique index.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::date::{check_past, days};
use super::rules::{bounded, in_range, required};
use super::text::{MAX_LINE, MAX_NAME, MAX_NOTE, clean_block, clean_line};
use super::{Errors, Field, FieldError, Household, Id, Problem, Stamp};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommitmentStatus {
    Signed,
    Refused,
    /// Nobody could be met (family away, house closed).
    Absent,
}

impl CommitmentStatus {
    pub const ALL: [CommitmentStatus; 3] =
        [CommitmentStatus::Signed, CommitmentStatus::Refused, CommitmentStatus::Absent];
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: Id,
    pub household: Id,
    /// The year the commitment covers.
    pub year: u16,
    pub status: CommitmentStatus,
    /// Day of signing, or of the refusal or the visit that found nobody.
    #[serde(with = "days")]
    pub date: NaiveDate,
    /// Why refused or absent; empty when signed.
    pub reason: String,
    pub representative: String,
    pub witness: String,
    /// Catalog item ids (see `CatalogItem`).
    pub items: Vec<u16>,
    pub violations: Vec<Violation>,
    pub notes: String,
    pub stamp: Stamp,
}

/// A breach of a signed commitment; it does not erase the signature.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    #[serde(with = "days")]
    pub date: NaiveDate,
    pub description: String,
}

/// Most catalog items one commitment can list.
pub const MAX_ITEMS: i64 = 100;
/// Most violations recorded against one commitment.
pub const MAX_VIOLATIONS: i64 = 100;

/// Why a household cannot be signed today (`sign_in_person`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CannotSign {
    /// The household no longer lives here.
    MovedOut,
    /// Only this year's and next year's commitments are signed today.
    NotThisYear,
    /// Already signed, on that day.
    AlreadySigned(NaiveDate),
    /// Neither the commitment nor the commune's catalog names an item.
    NoItems,
}

/// Whether `h` may sign its commitment for `year` today: it lives here, and
/// the year is this one or the next (checked before anything is read).
pub fn may_sign(h: &Household, year: u16, today: NaiveDate) -> Result<(), CannotSign> {
    if !h.is_active_on(today) {
        return Err(CannotSign::MovedOut);
    }
    let this_year = u16::try_from(today.year()).unwrap_or(0);
    if this_year != year && this_year + 1 != year {
        return Err(CannotSign::NotThisYear);
    }
    Ok(())
}

/// A new commitment of `h` for `year`, signed on `on` by the head of the
/// household with the commune's default items (what the commitment form
/// offers, and what `s` writes when the year has none).
pub fn signed_by_head(h: &Household, year: u16, on: NaiveDate, default_items: &[u16]) -> Commitment {
    let mut c = Commitment::signed(h.id, year, on, Vec::new());
    c.sign(on, default_items);
    c.representative = h.head_name.clone();
    c
}

/// Signing in person today: the commitment of `year` (`existing`, or a new
/// one) signed by the signing rule ([`Commitment::sign`]), with the head of
/// the household as representative when none is named. A commitment already
/// signed is left as it is.
pub fn sign_in_person(
    h: &Household,
    existing: Option<Commitment>,
    year: u16,
    today: NaiveDate,
    default_items: &[u16],
) -> Result<Commitment, CannotSign> {
    let mut c = match existing {
        Some(c) if c.status == CommitmentStatus::Signed => return Err(CannotSign::AlreadySigned(c.date)),
        Some(mut c) => {
            c.sign(today, default_items);
            c
        }
        None => signed_by_head(h, year, today, default_items),
    };
    if c.items.is_empty() {
        return Err(CannotSign::NoItems);
    }
    if c.representative.is_empty() {
        c.representative = h.head_name.clone();
    }
    Ok(c)
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Commitment {
    pub fn signed(household: Id, year: u16, date: NaiveDate, items: Vec<u16>) -> Self {
        Commitment {
            id: 0,
            household,
            year,
            status: CommitmentStatus::Signed,
            date,
            reason: String::new(),
            representative: String::new(),
            witness: String::new(),
            items,
            violations: Vec::new(),
            notes: String::new(),
            stamp: Stamp::default(),
        }
    }

    /// The signing rule, one for the interface, the import and the demo:
    /// signed on `on`, the reason of a refusal or absence cleared; items,
    /// representative, witness and violations kept, and the commune's
    /// `default_items` given to a commitment that lists none.
    pub fn sign(&mut self, on: NaiveDate, default_items: &[u16]) {
        self.status = CommitmentStatus::Signed;
        self.date = on;
        self.reason.clear();
        if self.items.is_empty() {
            self.items = default_items.to_vec();
        }
    }

    /// Refused or absent (`status`) on `on`, for `reason`; the other parts
    /// are kept.
    pub fn decline(&mut self, status: CommitmentStatus, on: NaiveDate, reason: String) {
        self.status = status;
        self.date = on;
        self.reason = reason;
    }

    /// A violation recorded against the commitment (it stays signed).
    pub fn record_violation(&mut self, date: NaiveDate, description: String) {
        self.violations.push(Violation { date, description });
    }

    /// Signed and in force on `day`.
    pub fn is_signed_by(&self, day: NaiveDate) -> bool {
        self.status == CommitmentStatus::Signed && self.date <= day
    }

    pub fn normalize(&mut self) {
        self.reason = clean_line(&self.reason);
        self.representative = clean_line(&self.representative);
        self.witness = clean_line(&self.witness);
        self.notes = clean_block(&self.notes);
        for v in &mut self.violations {
            v.description = clean_line(&v.description);
        }
        self.items.sort_unstable();
        self.items.dedup();
    }

    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let max_year = i64::from(today.year()) + 1;
        e.check(Field::Year, in_range(self.year.into(), 2000, max_year));
        e.check(Field::CommitmentDate, check_past(self.date, today));
        // Signing for a year happens in that year or in the last weeks before it.
        let signed_year = i64::from(self.date.year());
        if !(i64::from(self.year) - 1..=i64::from(self.year)).contains(&signed_year) {
            e.push(Field::CommitmentDate, Problem::OutOfRange { min: i64::from(self.year) - 1, max: self.year.into() });
        }
        match self.status {
            CommitmentStatus::Signed => {
                e.check(Field::Reason, (!self.reason.is_empty()).then_some(Problem::NotAllowedForStatus));
                e.check(Field::Items, self.items.is_empty().then_some(Problem::Required));
            }
            CommitmentStatus::Refused | CommitmentStatus::Absent => {
                e.check(Field::Reason, required(&self.reason, MAX_LINE));
            }
        }
        e.check(Field::Representative, bounded(&self.representative, MAX_NAME));
        e.check(Field::Witness, bounded(&self.witness, MAX_NAME));
        e.check(Field::Notes, bounded(&self.notes, MAX_NOTE));
        e.check(Field::Items, in_range(count(self.items.len()), 0, MAX_ITEMS));
        e.check(Field::ViolationDate, in_range(count(self.violations.len()), 0, MAX_VIOLATIONS));
        self.validate_violations(today, &mut e);
        e.into_result()
    }

    fn validate_violations(&self, today: NaiveDate, e: &mut Errors) {
        for (i, v) in self.violations.iter().enumerate() {
            let row = i + 1;
            if self.status != CommitmentStatus::Signed {
                e.push_row(Field::ViolationDate, row, Problem::ViolationNeedsSigned);
            }
            if let Some(p) = check_past(v.date, today) {
                e.push_row(Field::ViolationDate, row, p);
            } else if v.date < self.date {
                e.push_row(Field::ViolationDate, row, Problem::BeforeDate(Field::CommitmentDate));
            }
            if let Some(p) = required(&v.description, MAX_LINE) {
                e.push_row(Field::ViolationDescription, row, p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn household() -> Household {
        let mut h = Household::new("T01-0001", 1, "Nguyễn Văn An");
        h.id = 7;
        h
    }

    #[test]
    fn signing_keeps_what_was_written_and_clears_the_reason() {
        let mut c = Commitment::signed(7, 2026, ymd(2026, 1, 5), vec![]);
        c.decline(CommitmentStatus::Refused, ymd(2026, 1, 5), "Đi vắng".into());
        c.witness = "Trưởng thôn".into();
        c.sign(ymd(2026, 2, 1), &[1, 2]);
        assert_eq!((c.status, c.date, c.reason.as_str()), (CommitmentStatus::Signed, ymd(2026, 2, 1), ""));
        assert_eq!((c.items, c.witness.as_str()), (vec![1, 2], "Trưởng thôn"));
        let mut listed = Commitment::signed(7, 2026, ymd(2026, 1, 5), vec![3]);
        listed.sign(ymd(2026, 2, 1), &[1, 2]);
        assert_eq!(listed.items, vec![3], "items already listed are kept");
    }

    #[test]
    fn signing_in_person_names_the_head_and_says_why_not() {
        let (h, today) = (household(), ymd(2026, 3, 2));
        let c = sign_in_person(&h, None, 2026, today, &[1]).unwrap();
        assert_eq!((c.household, c.representative.as_str(), &c.items[..]), (7, "Nguyễn Văn An", &[1][..]));
        assert_eq!(sign_in_person(&h, Some(c.clone()), 2026, today, &[1]), Err(CannotSign::AlreadySigned(today)));
        assert_eq!(sign_in_person(&h, None, 2026, today, &[]), Err(CannotSign::NoItems));
        assert_eq!(may_sign(&h, 2027, today), Ok(()));
        assert_eq!(may_sign(&h, 2025, today), Err(CannotSign::NotThisYear));
        let mut gone = household();
        gone.set_moved_out(Some(ymd(2026, 3, 1)));
        assert_eq!(may_sign(&gone, 2026, today), Err(CannotSign::MovedOut));
    }

    #[test]
    fn signed_needs_items_and_no_reason() {
        let mut c = Commitment::signed(1, 2026, ymd(2026, 2, 10), vec![]);
        c.reason = "x".into();
        let errs = c.validate(ymd(2026, 11, 23)).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].field, Field::Reason);
        assert_eq!(errs[1].field, Field::Items);
    }

    #[test]
    fn refusal_needs_a_reason() {
        let mut c = Commitment::signed(1, 2026, ymd(2026, 2, 10), vec![1]);
        c.status = CommitmentStatus::Refused;
        let errs = c.validate(ymd(2026, 11, 23)).unwrap_err();
        assert_eq!(errs, vec![FieldError::new(Field::Reason, Problem::Required)]);
    }

    #[test]
    fn signing_late_in_the_previous_year_is_allowed() {
        let c = Commitment::signed(1, 2026, ymd(2025, 12, 20), vec![1]);
        assert_eq!(c.validate(ymd(2026, 11, 23)), Ok(()));
        let c = Commitment::signed(1, 2026, ymd(2024, 12, 20), vec![1]);
        assert!(c.validate(ymd(2026, 11, 23)).is_err());
    }

    #[test]
    fn violations_name_their_row() {
        let mut c = Commitment::signed(1, 2026, ymd(2026, 2, 10), vec![1]);
        c.violations.push(Violation { date: ymd(2026, 3, 1), description: "Đốt pháo".into() });
        c.violations.push(Violation { date: ymd(2026, 1, 1), description: " ".into() });
        c.normalize();
        let errs = c.validate(ymd(2026, 11, 23)).unwrap_err();
        assert_eq!(errs[0], FieldError::in_row(Field::ViolationDate, 2, Problem::BeforeDate(Field::CommitmentDate)));
        assert_eq!(errs[1], FieldError::in_row(Field::ViolationDescription, 2, Problem::Required));
    }

    #[test]
    fn signed_by_counts_the_last_day() {
        let c = Commitment::signed(1, 2026, ymd(2026, 3, 31), vec![1]);
        assert!(c.is_signed_by(ymd(2026, 3, 31)));
        assert!(!c.is_signed_by(ymd(2026, 3, 30)));
    }
}
