//! Undo and redo of this session's changes (Ctrl+Z / Ctrl+Y).
//!
//! Each change is the list of records one write touched (a deleted
//! household and its commitments), with their stored bytes before and after.
//! Undo puts the "before" bytes back through the store (so the undo is itself
//! audited, as a restore); redo puts the "after" bytes back. A record that
//! did not exist on that side is deleted.

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

#[derive(Default)]
pub struct History {
    done: Vec<Vec<Step>>,
    undone: Vec<Vec<Step>>,
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
            self.done.push(steps);
            if self.done.len() > LIMIT {
                self.done.remove(0);
            }
            self.undone.clear();
        }
        Ok(())
    }

    /// Undoes the latest change; `false` if there was none.
    pub fn undo(&mut self, store: &Store) -> Result<bool, StoreError> {
        let Some(steps) = self.done.pop() else { return Ok(false) };
        let result = replay(store, &steps, |s| s.before.as_deref());
        match result {
            Ok(()) => self.undone.push(steps),
            Err(_) => self.done.push(steps),
        }
        result.map(|()| true)
    }

    /// Redoes the latest undone change; `false` if there was none.
    pub fn redo(&mut self, store: &Store) -> Result<bool, StoreError> {
        let Some(steps) = self.undone.pop() else { return Ok(false) };
        let result = replay(store, &steps, |s| s.after.as_deref());
        match result {
            Ok(()) => self.done.push(steps),
            Err(_) => self.undone.push(steps),
        }
        result.map(|()| true)
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
