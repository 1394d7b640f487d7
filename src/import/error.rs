//! Why an import stopped before writing anything. Row-level problems are
//! not errors: they are rejected rows of the plan. Words for each case are
//! in `words`.

use std::path::PathBuf;

use super::columns::{Column, Kind};
use super::limits::TooLarge;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {detail}")]
    Read { path: PathBuf, detail: String },
    #[error("cannot read the workbook {path}: {detail}")]
    Workbook { path: PathBuf, detail: String },
    /// Over one of the limits of `import::limits`.
    #[error("{path} is too large to import: {what:?}")]
    TooLarge { path: PathBuf, what: TooLarge },
    /// An .xls, .xlsb or .ods workbook: save it as .xlsx.
    #[error("{path}: old or OpenDocument workbook")]
    OldWorkbook { path: PathBuf },
    #[error("no header row naming the {kind:?} columns")]
    NoHeader { kind: Kind },
    #[error("required columns missing: {0:?}")]
    MissingColumns(Vec<Column>),
    /// `--team` names no team of the ledger.
    #[error("no team named {0}")]
    UnknownTeam(String),
    #[error("hamlets not in the ledger: {0:?}")]
    MissingHamlets(Vec<String>),
    #[error("row {row}: {error}")]
    Row { row: usize, error: StoreError },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write {path}: {detail}")]
    Write { path: PathBuf, detail: String },
    /// The rejected-rows file could not be put where it belongs.
    #[error(transparent)]
    Output(crate::output::OutputError),
}
