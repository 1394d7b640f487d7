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
mod assessments;
mod cases;
mod columns;
mod csv_file;
mod decode;
mod delimiter;
mod error;
pub mod export;
mod grouped;
mod hamlet_list;
mod hamlets;
mod households;
pub mod limits;
mod members;
mod models;
mod outreach;
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
pub use plan::{Notice, Plan, Planned, Reason, Rejected, Warning};
pub use rejects::{Rejects, path_for as rejects_path};
pub use report::Tense;
pub use sheet::{Cell, Origin, Row, Sheet, TextEncoding};

use crate::domain::{Assessment, Hamlet, Lang, MediationCase, Member, Model, Outreach};
use crate::store::Store;

/// A planned import of either kind of file.
pub enum Import {
    Households(Plan<HouseholdRecord>),
    Members(Plan<Member>),
    Models(Plan<Model>),
    Assessments(Plan<Assessment>),
    Outreach(Plan<Outreach>),
    Cases(Plan<MediationCase>),
}

/// The same expression over the plan of any kind.
macro_rules! each_plan {
    ($import:expr, $p:ident => $e:expr) => {
        match $import {
            Import::Households($p) => $e,
            Import::Members($p) => $e,
            Import::Models($p) => $e,
            Import::Assessments($p) => $e,
            Import::Outreach($p) => $e,
            Import::Cases($p) => $e,
        }
    };
}

impl Import {
    /// Reads `path` and plans its import into `store` (reads only).
    pub fn prepare(store: &Store, path: &Path, kind: Kind) -> Result<Import, ImportError> {
        let (sheet, header) = read::read(path, kind)?;
        Ok(match kind {
            Kind::Households => Import::Households(households::plan(store, sheet, header)?),
            Kind::Members => Import::Members(members::plan(store, sheet, header)?),
            Kind::Models => Import::Models(models::plan(store, sheet, header)?),
            Kind::Assessments => Import::Assessments(assessments::plan(store, sheet, header)?),
            Kind::Outreach => Import::Outreach(outreach::plan(store, sheet, header)?),
            Kind::Cases => Import::Cases(cases::plan(store, sheet, header, None)?),
        })
    }

    /// Reads a roster and plans its import, planning the teams it names
    /// that the ledger lacks (`soxa import teams`; reads only).
    pub fn prepare_teams(store: &Store, path: &Path) -> Result<Import, ImportError> {
        let (sheet, header) = read::read(path, Kind::Members)?;
        Ok(Import::Members(members::plan_roster(store, sheet, header, true)?))
    }

    /// Reads a mediation book and plans its import; mediators the ledger
    /// lacks join `team` (`soxa import cases --team`; reads only).
    pub fn prepare_cases(store: &Store, path: &Path, team: Option<&str>) -> Result<Import, ImportError> {
        let (sheet, header) = read::read(path, Kind::Cases)?;
        Ok(Import::Cases(cases::plan(store, sheet, header, team)?))
    }

    /// Names of the teams the import creates.
    pub fn new_team_names(&self) -> Vec<String> {
        each_plan!(self, p => p.new_teams.iter().map(|t| t.name.clone()).collect())
    }

    pub fn kind(&self) -> Kind {
        each_plan!(self, p => p.kind)
    }

    /// The report, as lines.
    pub fn report(&self, path: &Path, lang: Lang, tense: Tense) -> Vec<String> {
        each_plan!(self, p => report::lines(p, path, lang, tense))
    }

    pub fn new_hamlets(&self) -> &[Hamlet] {
        each_plan!(self, p => &p.new_hamlets)
    }

    /// Rows written without a cell they held.
    pub fn warnings(&self) -> &[Warning] {
        each_plan!(self, p => &p.warnings)
    }

    pub fn rejected(&self) -> &[Rejected] {
        each_plan!(self, p => &p.rejected)
    }

    /// (to create, to update, unchanged) row counts.
    pub fn counts(&self) -> (usize, usize, usize) {
        each_plan!(self, p => (p.creates.len(), p.updates.len(), p.unchanged.len()))
    }

    /// "Thôn Tây (A-TAY)" for each hamlet the ledger lacks.
    pub fn new_hamlet_names(&self) -> Vec<String> {
        self.new_hamlets().iter().map(|h| format!("{} ({})", h.display_name(), h.code)).collect()
    }

    /// The refused rows, for the file written beside the input once the
    /// import is saved (see `rejects`).
    pub fn rejects(&self) -> Rejects {
        let (origin, header) = each_plan!(self, p => (&p.origin, &p.header));
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
            Import::Members(p) => apply::records(store, p, progress),
            Import::Models(p) => apply::records(store, p, progress),
            Import::Assessments(p) => apply::records(store, p, progress),
            Import::Outreach(p) => apply::records(store, p, progress),
            Import::Cases(p) => apply::cases(store, p, progress),
        }
    }
}
