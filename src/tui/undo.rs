//! The undo stack of this session (Ctrl+Z / Ctrl+Y): the ids of the change
//! groups the clerk made (a save, a deletion with what hung on it, an
//! import), and of those undone. The store does the undoing
//! (`Store::undo_group`, audited as restores): the interface keeps only ids.

use crate::domain::Id;
use crate::store::{Store, StoreError};

#[derive(Debug, Default)]
pub struct UndoStack {
    done: Vec<Id>,
    undone: Vec<Id>,
}

/// Most changes kept per session.
const LIMIT: usize = 200;

impl UndoStack {
    /// Records a change group just written; a new change forgets what was
    /// undone before it.
    pub fn push(&mut self, group: Id) {
        self.done.push(group);
        if self.done.len() > LIMIT {
            self.done.remove(0);
        }
        self.undone.clear();
    }

    /// Undoes the latest change; `false` if there was none.
    pub fn undo(&mut self, store: &Store) -> Result<bool, StoreError> {
        step(store, &mut self.done, &mut self.undone)
    }

    /// Redoes the latest undone change; `false` if there was none.
    pub fn redo(&mut self, store: &Store) -> Result<bool, StoreError> {
        step(store, &mut self.undone, &mut self.done)
    }
}

/// Takes back the newest group of `from`; the group that takes it back in
/// turn goes on `to`. A failed step leaves both stacks as they were.
fn step(store: &Store, from: &mut Vec<Id>, to: &mut Vec<Id>) -> Result<bool, StoreError> {
    let Some(group) = from.pop() else { return Ok(false) };
    match store.undo_group(group) {
        Ok(back) => {
            // Nothing to put back (the records were as they are): the same
            // group stays the way back.
            to.push(back.unwrap_or(group));
            Ok(true)
        }
        Err(e) => {
            from.push(group);
            Err(e)
        }
    }
}
