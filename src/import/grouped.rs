//! What the imports of models, area assessments and outreach sessions
//! share: the hamlet a code names (only hamlets the ledger has: these files
//! never create one), reading a cell or noting why not, and putting rows
//! into a [`Plan`] as records, several rows making one record where the
//! file has a row per year (models) or per household (sessions).

use std::collections::HashMap;

use super::columns::{Cells, Column, Kind};
use super::plan::{Plan, Planned, Reason, Rejected};
use super::sheet::{Cell, Row};
use super::values::Bad;
use crate::domain::diff::Facts;
use crate::domain::text::fold;
use crate::domain::{Field, Hamlet, Id, Problem};

/// Stored hamlets by folded code.
pub struct Codes(HashMap<String, Id>);

impl Codes {
    pub fn new(hamlets: &[Hamlet]) -> Codes {
        Codes(hamlets.iter().map(|h| (fold(&h.code), h.id)).collect())
    }

    /// `Ok(None)` for a blank code; an unknown code is a reason.
    pub fn find(&self, code: &str) -> Result<Option<Id>, Reason> {
        if code.trim().is_empty() {
            return Ok(None);
        }
        self.0.get(&fold(code)).map(|id| Some(*id)).ok_or(Reason::field(Field::Hamlet, Problem::UnknownReference))
    }
}

/// The value of `column` read by `read`, or `None` (the file lacks the
/// column, or the cell could not be read: then `reasons` says why).
pub fn read<T>(
    cells: &Cells,
    column: Column,
    reasons: &mut Vec<Reason>,
    read: impl Fn(&Cell) -> Result<T, Bad>,
) -> Option<T> {
    let cell = cells.get(column)?;
    match read(cell) {
        Ok(v) => Some(v),
        Err(Bad::Unknown) => {
            reasons.push(Reason::Unknown(column.field()));
            None
        }
        Err(Bad::Problem(p)) => {
            reasons.push(Reason::field(column.field(), p));
            None
        }
    }
}

/// Records being built from rows, by key: each with the row that began it,
/// the other rows that went into it, and the stored record it started from.
pub struct Groups<K, R> {
    order: Vec<K>,
    groups: HashMap<K, Group<R>>,
}

pub struct Group<R> {
    pub record: R,
    pub stored: Option<R>,
    pub rows: Vec<usize>,
}

impl<K: std::hash::Hash + Eq + Clone, R: Clone + PartialEq + Facts> Groups<K, R> {
    pub fn new() -> Self {
        Groups { order: Vec::new(), groups: HashMap::new() }
    }

    /// The group of `key`, begun from `start()` (the stored record, or a
    /// new one) when the key is first met.
    pub fn entry(&mut self, key: K, row: usize, start: impl FnOnce() -> (R, Option<R>)) -> &mut Group<R> {
        let order = &mut self.order;
        let group = self.groups.entry(key).or_insert_with_key(|k| {
            order.push(k.clone());
            let (record, stored) = start();
            Group { record, stored, rows: Vec::new() }
        });
        group.rows.push(row);
        group
    }

    pub fn records_mut(&mut self) -> impl Iterator<Item = &mut R> {
        self.groups.values_mut().map(|g| &mut g.record)
    }

    /// Puts every group into `plan`: unchanged, an update or a create.
    pub fn into_plan(mut self, plan: &mut Plan<R>, kind: Kind, is_new: impl Fn(&R) -> bool) {
        for key in self.order {
            // A group all of whose rows were refused writes nothing.
            let Some(g) = self.groups.remove(&key).filter(|g| !g.rows.is_empty()) else { continue };
            let first = g.rows.first().copied().unwrap_or(0);
            match &g.stored {
                Some(old) if *old == g.record => plan.unchanged.extend(g.rows),
                Some(old) => {
                    let changed = kind.changed_fields(old, &g.record);
                    plan.updates.push(Planned { row: first, record: g.record, changed });
                }
                None if is_new(&g.record) => {
                    plan.creates.push(Planned { row: first, record: g.record, changed: vec![] })
                }
                None => plan.unchanged.extend(g.rows),
            }
        }
    }
}

/// A refused row, its cells as the file held them.
pub fn refuse(row: &Row, reasons: Vec<Reason>) -> Rejected {
    Rejected { row: row.number, reasons, cells: row.cells.iter().map(Cell::shown).collect() }
}
