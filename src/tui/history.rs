//! Undo and redo of this session's changes (Ctrl+Z / Ctrl+Y).
//!
//! Each change is the list of records one write touched (a deleted
//! household and its commitments), with their stored bytes before and after.
//! Undo puts the "before" bytes back through the store (so the undo is itself
//! audited, as a restore); redo puts the "after" bytes back. A record that
//! did not exist on that side is deleted. An import is recorded by its
//! audit group instead, and the store reverts the whole group at once.

use super::write::{current_bytes, delete, put_bytes};
use crate::domain::{EntityKind, Id};
use crate::store::{Store, StoreError};

#[derive(Clone, Debug)]
struct Step {
    kind: EntityKind,
    id: Id,
    before: Option<Vec<u8>>,
    after: Option<Vec<u8>>,
}

/// One change of the session: the records of an ordinary write, or the
/// audit group of a bulk change (an import), undone as one by the store.
#[derive(Clone, Debug)]
enum Change {
    Steps(Vec<Step>),
    Group(Id),
}

#[derive(Default)]
pub struct History {
    done: Vec<Change>,
    undone: Vec<Change>,
}

/// Most changes kept per session.
const LIMIT: usize = 200;

impl History {
    /// Records the store's latest change; call right after a write.
    pub fn record(&mut self, store: &Store) -> Result<(), StoreError> {
        let mut steps = Vec::new();
        for entry in store.last_change()? {
            let after = current_bytes(store, entry.entity, entry.entity_id)?;
            steps.push(Step { kind: entry.entity, id: entry.entity_id, before: entry.before, after });
        }
        if !steps.is_empty() {
            self.push(Change::Steps(steps));
        }
        Ok(())
    }

    /// Records a bulk change (an import) by its audit group: a 100,000-row
    /// import is undone in one go, without holding its records here.
    pub fn record_group(&mut self, group: Id) {
        self.push(Change::Group(group));
    }

    fn push(&mut self, change: Change) {
        self.done.push(change);
        if self.done.len() > LIMIT {
            self.done.remove(0);
        }
        self.undone.clear();
    }

    /// Undoes the latest change; `false` if there was none.
    pub fn undo(&mut self, store: &Store) -> Result<bool, StoreError> {
        let Some(change) = self.done.pop() else { return Ok(false) };
        match apply(store, &change, |s| s.before.as_deref()) {
            Ok(reverse) => {
                self.undone.push(reverse);
                Ok(true)
            }
            Err(e) => {
                self.done.push(change);
                Err(e)
            }
        }
    }

    /// Redoes the latest undone change; `false` if there was none.
    pub fn redo(&mut self, store: &Store) -> Result<bool, StoreError> {
        let Some(change) = self.undone.pop() else { return Ok(false) };
        match apply(store, &change, |s| s.after.as_deref()) {
            Ok(reverse) => {
                self.done.push(reverse);
                Ok(true)
            }
            Err(e) => {
                self.undone.push(change);
                Err(e)
            }
        }
    }
}

/// Undoes or redoes one change; returns the change that takes it back. A
/// group is reverted by the store as a new group, which reverts the revert.
fn apply(store: &Store, change: &Change, side: impl Fn(&Step) -> Option<&[u8]>) -> Result<Change, StoreError> {
    match change {
        Change::Steps(steps) => replay(store, steps, side).map(|()| change.clone()),
        Change::Group(group) => {
            let reverse = store.revert_group(*group, &mut |_, _| {})?;
            Ok(reverse.map_or_else(|| change.clone(), Change::Group))
        }
    }
}

/// Brings each record to the chosen side: parents are put back before the
/// records that hang on them (the order they were written), and records to
/// remove are deleted last, dependents first.
fn replay(store: &Store, steps: &[Step], side: impl Fn(&Step) -> Option<&[u8]>) -> Result<(), StoreError> {
    for step in steps {
        if let Some(bytes) = side(step) {
            put_bytes(store, step.kind, bytes)?;
        }
    }
    for step in steps.iter().rev().filter(|s| side(s).is_none()) {
        match delete(store, step.kind, step.id) {
            Ok(()) | Err(StoreError::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
