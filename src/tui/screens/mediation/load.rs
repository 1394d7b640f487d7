//! Reading cases into rows. The first load reads every case (in chunks, to
//! bound memory); after that a refresh reads only the cases the audit log
//! names since the last one, so saving a case does not re-read 20,000 of
//! them. A new day or changed settings (which move the flags) read all.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::rows::CaseRow;
use crate::domain::brief::{CaseBrief, due_follow_ups};
use crate::domain::{EntityKind, Id, MediationCase, Settings};
use crate::store::{Store, StoreError};
use crate::tui::screens::Ctx;

/// Cases read from the store at a time on a full load.
const CHUNK: usize = 2_000;
/// Audit entries looked at on a refresh; more changes than this since the
/// last one (an import, a long undo) read everything again.
const RECENT: usize = 64;

/// What the rows were computed with.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub today: NaiveDate,
    pub settings: Settings,
    /// The newest audit entry the rows include.
    pub audit: Id,
}

impl Loaded {
    /// Whether rows computed then still hold on `ctx`'s day and settings.
    pub fn still_holds(&self, ctx: &Ctx) -> bool {
        self.today == ctx.today && self.settings == ctx.commune.settings
    }
}

fn rows_of(cases: &[MediationCase], ctx: &Ctx) -> Vec<CaseRow> {
    let briefs: Vec<CaseBrief> = cases.iter().map(CaseBrief::from).collect();
    let due: HashSet<Id> = due_follow_ups(&briefs, ctx.today).into_iter().collect();
    cases.iter().map(|c| CaseRow::of(c, &ctx.commune.settings, ctx.today, due.contains(&c.id))).collect()
}

/// Every case's row, in id order.
pub fn all_rows(ctx: &Ctx) -> Result<Vec<CaseRow>, StoreError> {
    let mut rows = Vec::new();
    let mut after = None;
    loop {
        let page = ctx.store.page::<MediationCase>(after, CHUNK)?;
        rows.extend(rows_of(&page, ctx));
        match page.last() {
            Some(last) if page.len() == CHUNK => after = Some(last.id),
            _ => return Ok(rows),
        }
    }
}

/// The row of case `id`, if it exists.
pub fn row(ctx: &Ctx, id: Id) -> Result<Option<CaseRow>, StoreError> {
    let case = ctx.store.get::<MediationCase>(id)?;
    Ok(case.map(|c| rows_of(std::slice::from_ref(&c), ctx)).and_then(|mut r| r.pop()))
}

pub fn newest_audit(store: &Store) -> Result<Id, StoreError> {
    Ok(store.newest_audit()?.unwrap_or(0))
}

/// The cases changed after audit entry `since`, and the newest entry;
/// `None` when too much changed to tell cheaply.
pub fn changed_cases(store: &Store, since: Id) -> Result<Option<(Vec<Id>, Id)>, StoreError> {
    let changed = store.changes_since(since, RECENT)?;
    if !changed.complete {
        return Ok(None);
    }
    let mut ids = Vec::new();
    for e in changed.entries.iter().filter(|e| e.kind == EntityKind::Case) {
        if !ids.contains(&e.id) {
            ids.push(e.id);
        }
    }
    Ok(Some((ids, changed.newest.unwrap_or(since))))
}
