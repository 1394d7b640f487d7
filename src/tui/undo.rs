//! The undo stack of this session (Ctrl+Z / Ctrl+Y): the ids of the change
//! groups the clerk made (a save, a deletion with what hung on it, an
//! import), and of those undone, each with what it did once it has been
//! undone (so the status line names it: "Đã hoàn tác: sửa hộ «…»"). The
//! store does the undoing (`Store::undo_group`, audited as restores): the
//! interface keeps only ids and that name.

use crate::domain::{AuditAction, Commitment, EntityKind, Household, Id};
use crate::store::{Logged, Store, StoreError};

#[derive(Debug, Default)]
pub struct UndoStack {
    done: Vec<(Id, Option<Change>)>,
    undone: Vec<(Id, Option<Change>)>,
}

/// What a change did, as its first entry says: the change a redo makes
/// again is named as the one first undone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub action: AuditAction,
    pub kind: EntityKind,
    /// The record's label ("T01-0012 Nguyễn Văn An").
    pub label: String,
    /// Other records the same change touched.
    pub more: usize,
}

impl Change {
    pub fn words(&self) -> crate::i18n::ui::Undone<'_> {
        crate::i18n::ui::Undone { action: self.action, kind: self.kind, label: &self.label, more: self.more }
    }

    fn of(store: &Store, group: Id) -> Result<Option<Change>, StoreError> {
        let entries = store.group_changes(group)?;
        Ok(entries.first().map(|e| Change {
            action: e.action,
            kind: e.kind,
            label: label(store, e),
            more: entries.len() - 1,
        }))
    }
}

/// The record's label as the log keeps it; a commitment's names its
/// household and year ("T01-0001 Nguyễn Văn An · 2026"), which its own
/// label ("#12 / 2026") does not.
fn label(store: &Store, e: &Logged) -> String {
    if e.kind == EntityKind::Commitment {
        let c = e.commitment_before.clone().or_else(|| store.get::<Commitment>(e.id).ok().flatten());
        if let Some(c) = c
            && let Ok(Some(h)) = store.get::<Household>(c.household)
        {
            return format!("{} {} · {}", h.code, h.head_name, c.year);
        }
    }
    e.summary.clone()
}

/// Most changes kept per session.
const LIMIT: usize = 200;

impl UndoStack {
    /// Records a change group just written; a new change forgets what was
    /// undone before it.
    pub fn push(&mut self, group: Id) {
        self.done.push((group, None));
        if self.done.len() > LIMIT {
            self.done.remove(0);
        }
        self.undone.clear();
    }

    /// The group Ctrl+Z (`back`) or Ctrl+Y would take back next.
    pub fn next(&self, back: bool) -> Option<Id> {
        let steps = if back { &self.done } else { &self.undone };
        steps.last().map(|(group, _)| *group)
    }

    /// Undoes the latest change: `None` if there was none, else what it
    /// was (`None` inside if the log no longer says).
    pub fn undo(&mut self, store: &Store) -> Result<Option<Option<Change>>, StoreError> {
        step(store, &mut self.done, &mut self.undone)
    }

    /// Redoes the latest undone change, as `undo` says it.
    pub fn redo(&mut self, store: &Store) -> Result<Option<Option<Change>>, StoreError> {
        step(store, &mut self.undone, &mut self.done)
    }
}

type Steps = Vec<(Id, Option<Change>)>;

/// Takes back the newest group of `from`; the group that takes it back in
/// turn goes on `to`, named as the change first undone. A failed step
/// leaves both stacks as they were.
fn step(store: &Store, from: &mut Steps, to: &mut Steps) -> Result<Option<Option<Change>>, StoreError> {
    let Some((group, known)) = from.pop() else { return Ok(None) };
    let change = match known {
        Some(c) => Some(c),
        None => Change::of(store, group).unwrap_or(None),
    };
    match store.undo_group(group) {
        Ok(back) => {
            // Nothing to put back (the records were as they are): the same
            // group stays the way back.
            to.push((back.unwrap_or(group), change.clone()));
            Ok(Some(change))
        }
        Err(e) => {
            from.push((group, change));
            Err(e)
        }
    }
}
