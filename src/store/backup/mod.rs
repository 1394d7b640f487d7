//! Backups: one portable, versioned, checksummed file holding every tree of
//! a database (`format` says how it is laid out), written from an open store
//! without stopping it for long (`snapshot`), verified before anything is
//! touched and restored into a new or replaced folder (`restore`), and taken
//! automatically into the database's `backups/` folder (`auto`). A ledger
//! with a recovery key (`recovery`) has every backup locked to it
//! (`sealed`).

pub mod auto;
pub mod decode;
pub mod encode;
pub mod format;
mod recovery;
mod restore;
mod sealed;
mod snapshot;

use std::path::PathBuf;

pub use auto::{AutoBackup, BackupJob, Reason};
pub use decode::{Contents, ReadError};
pub(crate) use restore::build_from;
pub use restore::{Restored, restore, restore_with, verify, verify_with};
pub use sealed::{AGE_MAGIC, RecoveryKey, is_locked};
pub use snapshot::{Snapshot, Written};

use super::{OpenError, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("cannot write {path}: {detail}")]
    Write { path: PathBuf, detail: String },
    #[error("cannot read {path}: {detail}")]
    Read { path: PathBuf, detail: String },
    #[error("{path} exists already")]
    Exists { path: PathBuf },
    #[error("{path}: {problem}")]
    Invalid { path: PathBuf, problem: ReadError },
    #[error("{path} holds a database already")]
    HasDatabase { path: PathBuf },
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the backup was stopped")]
    Cancelled,
    #[error("{path} is locked with the recovery key")]
    Locked { path: PathBuf },
    #[error("the recovery key given does not open {path}")]
    WrongKey { path: PathBuf },
    #[error("the text given is not a recovery key")]
    NotAKey,
    #[error("the ledger's recovery recipient is unreadable")]
    Recipient,
    /// A compaction's new store does not hold what the old one holds.
    #[error("the compacted copy of tree {tree} differs from the ledger")]
    Mismatch { tree: String },
    /// Less free space on the disk of `path` than a compaction needs.
    #[error("{path}: {free} bytes free, {needed} needed")]
    NoSpace { path: PathBuf, needed: u64, free: u64 },
}

impl From<sled::Error> for BackupError {
    fn from(e: sled::Error) -> Self {
        BackupError::Store(e.into())
    }
}

impl BackupError {
    /// Process exit code (see the table in docs/ARCHITECTURE.md).
    pub fn exit_code(&self) -> u8 {
        match self {
            BackupError::Open(e) => e.exit_code(),
            BackupError::Invalid { problem: ReadError::NewerFormat { .. } | ReadError::NewerSchema { .. }, .. } => 4,
            _ => 1,
        }
    }
}

#[cfg(test)]
mod tests;
