//! What can go wrong when opening or using the store, as data. `i18n.rs` turns
//! each case into one sentence for the clerk, in Vietnamese or English.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::{EntityKind, FieldError, Id, Period};

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("the database {path} is open in another soxa window")]
    Locked { path: PathBuf },
    #[error("the database {path} was made by a newer soxa (schema {found}; this build reads up to {supported})")]
    NewerVersion { path: PathBuf, found: u32, supported: u32 },
    #[error("the database {path} is damaged: {detail}")]
    Damaged { path: PathBuf, detail: String, backup: Option<PathBuf> },
    #[error("the folder {path} is not writable: {detail}")]
    NotWritable { path: PathBuf, detail: String },
    #[error("{path} is not a soxa database")]
    NotADatabase { path: PathBuf },
    #[error("there is no database at {path}")]
    Missing { path: PathBuf },
    #[error("{path} is a file, not a folder")]
    NotAFolder { path: PathBuf },
}

impl OpenError {
    /// Process exit code for this error (documented in the README).
    pub fn exit_code(&self) -> u8 {
        match self {
            OpenError::Locked { .. } => 3,
            OpenError::NewerVersion { .. } => 4,
            OpenError::Damaged { .. } => 5,
            OpenError::NotWritable { .. } => 6,
            OpenError::NotADatabase { .. } | OpenError::Missing { .. } | OpenError::NotAFolder { .. } => 7,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("invalid record: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("{kind:?} {id} does not exist")]
    NotFound { kind: EntityKind, id: Id },
    #[error("{kind:?} is still used by {count} records")]
    InUse { kind: EntityKind, count: usize },
    #[error("damaged value in tree {tree}: {detail}")]
    Corrupt { tree: &'static str, detail: String },
    #[error("storage error: {0}")]
    Storage(String),
    #[error("{0}")]
    Closing(#[from] ClosingError),
    #[error("{0}")]
    Access(AccessError),
}

/// Closing and reopening periods, and writes a closed period refuses.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ClosingError {
    /// The write would add, remove or change a fact of `record` dated
    /// `date`, inside the closed `period`.
    #[error("{kind:?} {record} has a date ({date}) in the closed period {}", period.code())]
    Frozen { period: Period, kind: EntityKind, record: String, date: NaiveDate },
    #[error("the period {} is already closed", .0.code())]
    AlreadyClosed(Period),
    #[error("the period {} is not closed", .0.code())]
    NotClosed(Period),
    #[error("the period {} has not begun", .0.code())]
    NotStarted(Period),
    #[error("a reason is required to reopen a period")]
    NoReason,
    #[error("the reason is longer than {max} characters")]
    ReasonTooLong { max: usize },
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> Self {
        match e {
            // sled pages lazily, so damage to its files can first show when
            // a record is read: that is damage, not a disk that cannot write.
            // So is a "bug" sled reports on reading files it cannot make
            // sense of (what it finds when another file was written over
            // its own).
            sled::Error::Corruption { .. } | sled::Error::ReportableBug(_) => {
                StoreError::Corrupt { tree: "store", detail: plain_detail(&e.to_string()) }
            }
            _ => StoreError::Storage(plain_detail(&e.to_string())),
        }
    }
}

/// What the clerk (and whoever helps) may read of sled's words: never its
/// "Unexpected bug has happened ... PLEASE REPORT THIS BUG!" (the clerk can
/// do nothing with it, and it is damage, said by the "damaged" sentence),
/// nor the empty backtrace it adds to "Read corrupted data". Every
/// clerk-visible sentence holding such a detail passes it through here.
pub fn plain_detail(detail: &str) -> String {
    const UNREADABLE: &str = "sled's files are unreadable";
    if detail.contains("PLEASE REPORT") || detail.contains("Unexpected bug") || detail.contains("panicked") {
        return UNREADABLE.into();
    }
    match detail.find(" backtrace ") {
        Some(at) => detail[..at].to_string(),
        None => detail.to_string(),
    }
}

impl From<FieldError> for StoreError {
    fn from(e: FieldError) -> Self {
        StoreError::Invalid(vec![e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sled_bug_reports_never_reach_the_clerk() {
        let bug = sled::Error::ReportableBug("tried to serialize Uninitialized".into());
        let corrupt = sled::Error::Corruption { at: None, bt: () };
        for e in [bug, corrupt] {
            let said = StoreError::from(e);
            assert!(matches!(&said, StoreError::Corrupt { .. }), "{said:?}");
            let text = said.to_string();
            assert!(!text.contains("REPORT") && !text.contains("backtrace"), "{text}");
        }
        assert_eq!(
            plain_detail("Read corrupted data at file offset None backtrace ()"),
            "Read corrupted data at file offset None"
        );
        assert_eq!(plain_detail("the schema version is missing"), "the schema version is missing");
    }
}

/// Why an operator change or a sign-in did not happen.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AccessError {
    #[error("invalid: {0:?}")]
    Invalid(FieldError),
    #[error("the first operator must be an administrator")]
    FirstMustBeAdmin,
    #[error("the last administrator cannot be removed or demoted")]
    LastAdmin,
    #[error("an operator with this name exists")]
    NameTaken,
    #[error("no operator has this name")]
    NoSuchOperator,
    /// A hamlet head names their hamlet; other roles name none.
    #[error("a hamlet head needs a hamlet, and only a hamlet head has one")]
    HamletMismatch,
    /// Wrong name or passphrase (never which); the next try is heard after
    /// `wait_secs`.
    #[error("wrong name or passphrase")]
    WrongSignIn { wait_secs: i64 },
    /// Too soon after wrong passphrases: nothing was checked.
    #[error("wait {secs} s")]
    MustWait { secs: i64 },
    /// The ledger has operators: a command names who runs it (`--user`).
    #[error("sign-in needed")]
    SignInNeeded,
    #[error("refused: {0:?}")]
    Refused(crate::domain::access::Refusal),
}

impl From<AccessError> for StoreError {
    fn from(e: AccessError) -> Self {
        StoreError::Access(e)
    }
}
