//! Bringing a clerk's spreadsheets into the ledger, and writing the ledger
//! out in the same columns.
//!
//! An import reads a file (`read`: CSV in any of the encodings Excel and
//! Vietnamese Windows write, see `decode` and `delimiter`; or a workbook),
//! finds its header row and maps each header to a column (`columns`), turns
//! every row into the record it describes through the same cleaning and
//! checks as the forms (`households`, `members`, with `values` for dates
//! and numbers and `hamlets` for which hamlet a row means), and so builds a
//! [`Plan`]: rows to create, to update, unchanged, refused with reasons.
//! A dry run prints the plan (`report`); a real run writes it as one bulk
//! change of the store, all or nothing and one undo (`apply`), and puts the
//! refused rows in a file beside the input (`rejects`). `export` writes the
//! columns this module reads. Nothing here draws on a terminal or prints.

mod apply;
mod columns;
mod csv_file;
mod decode;
mod delimiter;
mod error;
pub mod export;
mod hamlet_list;
mod hamlets;
mod households;
pub mod limits;
mod members;
mod plan;
mod read;
mod rejects;
mod report;
mod sheet;
mod values;
pub mod words;
mod xlsx_file;

use std::path::Path;

pub use apply::Written;
pub use columns::{Column, Header, Kind};
pub use decode::decode;
pub use error::ImportError;
pub use hamlet_list::{read as read_hamlet_list, write as write_hamlet_list};
pub use households::HouseholdRecord;
pub use plan::{Notice, Plan, Planned, Reason, Rejected};
pub use rejects::{Rejects, path_for as rejects_path};
pub use report::Tense;
pub use sheet::{Cell, Origin, Row, Sheet, TextEncoding};

use crate::domain::{Hamlet, Lang, Member};
use crate::store::Store;

/// A planned import of either kind of file.
pub enum Import {
    Households(Plan<HouseholdRecord>),
    Members(Plan<Member>),
}

impl Import {
    /// Reads `path` and plans its import into `store` (reads only).
    pub fn prepare(store: &Store, path: &Path, kind: Kind) -> Result<Import, ImportError> {
        let (sheet, header) = read::read(path, kind)?;
        Ok(match kind {
            Kind::Households => Import::Households(households::plan(store, sheet, header)?),
            Kind::Members => Import::Members(members::plan(store, sheet, header)?),
        })
    }

    /// Reads a roster and plans its import, planning the teams it names
    /// that the ledger lacks (`soxa import teams`; reads only).
    pub fn prepare_teams(store: &Store, path: &Path) -> Result<Import, ImportError> {
        let (sheet, header) = read::read(path, Kind::Members)?;
        Ok(Import::Members(members::plan_roster(store, sheet, header, true)?))
    }

    /// Names of the teams the import creates.
    pub fn new_team_names(&self) -> Vec<String> {
        match self {
            Import::Households(_) => Vec::new(),
            Import::Members(p) => p.new_teams.iter().map(|t| t.name.clone()).collect(),
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Import::Households(_) => Kind::Households,
            Import::Members(_) => Kind::Members,
        }
    }

    /// The report, as lines.
    pub fn report(&self, path: &Path, lang: Lang, tense: Tense) -> Vec<String> {
        match self {
            Import::Households(p) => report::lines(p, path, lang, tense),
            Import::Members(p) => report::lines(p, path, lang, tense),
        }
    }

    pub fn new_hamlets(&self) -> &[Hamlet] {
        match self {
            Import::Households(p) => &p.new_hamlets,
            Import::Members(p) => &p.new_hamlets,
        }
    }

    pub fn rejected(&self) -> &[Rejected] {
        match self {
            Import::Households(p) => &p.rejected,
            Import::Members(p) => &p.rejected,
        }
    }

    /// (to create, to update, unchanged) row counts.
    pub fn counts(&self) -> (usize, usize, usize) {
        match self {
            Import::Households(p) => (p.creates.len(), p.updates.len(), p.unchanged.len()),
            Import::Members(p) => (p.creates.len(), p.updates.len(), p.unchanged.len()),
        }
    }

    /// "Thôn Tây (A-TAY)" for each hamlet the ledger lacks.
    pub fn new_hamlet_names(&self) -> Vec<String> {
        self.new_hamlets().iter().map(|h| format!("{} ({})", h.display_name(), h.code)).collect()
    }

    /// The refused rows, for the file written beside the input once the
    /// import is saved (see `rejects`).
    pub fn rejects(&self) -> Rejects {
        let (origin, header) = match self {
            Import::Households(p) => (&p.origin, &p.header),
            Import::Members(p) => (&p.origin, &p.header),
        };
        Rejects { origin: origin.clone(), titles: header.titles.clone(), rejected: self.rejected().to_vec() }
    }

    /// Writes every valid row in one bulk change. Hamlets the ledger lacks
    /// are created only with `create_hamlets`; otherwise nothing is written
    /// and the error names them.
    pub fn write(
        self,
        store: &Store,
        create_hamlets: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Written, ImportError> {
        if !create_hamlets && !self.new_hamlets().is_empty() {
            return Err(ImportError::MissingHamlets(self.new_hamlet_names()));
        }
        match self {
            Import::Households(p) => apply::households(store, p, progress),
            Import::Members(p) => apply::members(store, p, progress),
        }
    }
}
