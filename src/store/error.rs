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
            sled::Error::Corruption { .. } => StoreError::Corrupt { tree: "store", detail: e.to_string() },
            _ => StoreError::Storage(e.to_string()),
        }
    }
}

impl From<FieldError> for StoreError {
    fn from(e: FieldError) -> Self {
        StoreError::Invalid(vec![e])
    }
}
