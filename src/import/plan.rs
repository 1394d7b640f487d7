//! What an import will do, row by row, before anything is written: rows
//! to create, rows to update (with the fields that change), rows already
//! as stored, rows refused with every reason, and the hamlets the file
//! names that the ledger does not have. A dry run prints it; a real run
//! writes it (see `apply`).

use crate::domain::{Field, FieldError, Hamlet};

use super::columns::{Header, Kind};
use super::sheet::Origin;

/// Why a row was refused. Words for each are in `words`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// What the forms would say about the field.
    Field(FieldError),
    /// A word that is none of the accepted ones (a role, a gender).
    Unknown(Field),
    /// Several hamlets or teams answer to this name.
    Ambiguous(Field),
    /// The same household code (or member) is on an earlier row.
    Repeated { field: Field, first_row: usize },
    /// Names the ledger does not have (a mediation book's mediators not
    /// among the members): kept as invited persons.
    NotFound { field: Field, names: String },
    /// The date falls in a closed period (khóa sổ): nothing in it changes.
    Frozen(Field),
}

impl Reason {
    pub fn field(field: Field, problem: crate::domain::Problem) -> Reason {
        Reason::Field(FieldError::new(field, problem))
    }
}

/// Something about the whole file the clerk should know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The commune has no commitment items yet, so the signing dates are
    /// not imported (a commitment lists the items signed).
    NoCatalog,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub row: usize,
    pub reasons: Vec<Reason>,
    /// The row's cells as the file held them, for the rejected-rows file.
    pub cells: Vec<String>,
}

/// A row written without something it held: an optional cell that could
/// not be read (left out), or names not found.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub row: usize,
    pub reason: Reason,
}

/// A row that will be written.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned<R> {
    pub row: usize,
    pub record: R,
    /// For an update, the fields that change.
    pub changed: Vec<Field>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Plan<R> {
    pub kind: Kind,
    pub origin: Origin,
    pub header: Header,
    pub creates: Vec<Planned<R>>,
    pub updates: Vec<Planned<R>>,
    /// Rows identical to what the ledger holds.
    pub unchanged: Vec<usize>,
    pub rejected: Vec<Rejected>,
    /// Hamlets named in the file but not in the ledger, created only when
    /// the clerk agrees (`--create-hamlets`, or a yes in the interface).
    pub new_hamlets: Vec<Hamlet>,
    pub notices: Vec<Notice>,
    /// Teams named in a roster but not in the ledger (`soxa import teams`).
    pub new_teams: Vec<crate::domain::Team>,
    /// The years of the file's year columns ("Năm 2024", ...), in order.
    pub years: Vec<u16>,
    /// Rows written without a cell they held, each with why.
    pub warnings: Vec<Warning>,
    /// Mediators a mediation book names that the ledger lacks, added to
    /// the team named with `--team` (`soxa import cases`).
    pub new_members: Vec<crate::domain::Member>,
}

impl<R> Plan<R> {
    pub fn new(kind: Kind, origin: Origin, header: Header) -> Self {
        Plan {
            kind,
            origin,
            header,
            creates: Vec::new(),
            updates: Vec::new(),
            unchanged: Vec::new(),
            rejected: Vec::new(),
            new_hamlets: Vec::new(),
            notices: Vec::new(),
            years: Vec::new(),
            new_teams: Vec::new(),
            warnings: Vec::new(),
            new_members: Vec::new(),
        }
    }

    /// True when a real run would write nothing.
    pub fn writes_nothing(&self) -> bool {
        self.creates.is_empty() && self.updates.is_empty()
    }
}

/// "2-5, 7, 9-12": row numbers in runs, as the report prints them.
pub fn runs(rows: &[usize]) -> String {
    let mut sorted = rows.to_vec();
    sorted.sort_unstable();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        parts.push(if start == end { start.to_string() } else { format!("{start}-{end}") });
        i += 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_print_in_runs() {
        assert_eq!(runs(&[5, 2, 3, 4, 7, 9, 10, 11, 12]), "2-5, 7, 9-12");
        assert_eq!(runs(&[]), "");
        assert_eq!(runs(&[8]), "8");
    }
}
