//! The audit log read as changes, and undo over it. A change group is what
//! one write made (one save, a deletion with what hung on it, one import,
//! one undo); undoing it puts back every record it touched as it was, in a
//! new group of its own, audited as restores; undoing that group redoes.
//! Screens learn what changed since they last looked from [`Logged`]
//! entries, typed, never from audit or record bytes.

use chrono::NaiveDateTime;

use super::record::Record;
use super::tables::T;
use super::{Store, StoreError};
use crate::domain::{AuditAction, AuditEntry, Commitment, EntityKind, Id};

/// One audit entry as a screen sees it: what happened to which record,
/// when and by whom, without the stored bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Logged {
    /// The audit entry's id: entries are numbered in the order written.
    pub audit: Id,
    pub group: Id,
    pub at: NaiveDateTime,
    pub operator: String,
    pub action: AuditAction,
    pub kind: EntityKind,
    pub id: Id,
    /// A short label of the record ("T01-0012 Nguyễn Văn An").
    pub summary: String,
    /// A commitment as it was before this change (none for a creation or
    /// another kind): the household it belonged to, its year.
    pub commitment_before: Option<Commitment>,
}

impl Logged {
    fn of(e: AuditEntry) -> Logged {
        let commitment_before = match e.entity {
            // A before that does not decode names no household: the
            // screens show what they can, and `soxa check` reports damage.
            EntityKind::Commitment => e.before.as_deref().and_then(|b| Commitment::decode(b).ok()),
            _ => None,
        };
        Logged {
            audit: e.id,
            group: e.group,
            at: e.at,
            operator: e.operator,
            action: e.action,
            kind: e.entity,
            id: e.entity_id,
            summary: e.summary,
            commitment_before,
        }
    }
}

/// The entries written after a given one, newest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Since {
    pub entries: Vec<Logged>,
    /// False when more entries were written than asked for: too much
    /// changed to replay, reload instead.
    pub complete: bool,
    /// The newest entry now: where the next look starts.
    pub newest: Option<Id>,
}

impl Store {
    /// The audit entries written after entry `since`, at most `limit` of
    /// them (newest first); one look into the log.
    pub fn changes_since(&self, since: Id, limit: usize) -> Result<Since, StoreError> {
        self.counters.audit_read();
        let log = self.raw(T::Audit);
        let mut entries = Vec::new();
        for kv in log.range(since.saturating_add(1).to_be_bytes()..).take(limit) {
            entries.push(Logged::of(super::query::decode_audit(&kv?.1)?));
        }
        let complete = entries.len() < limit;
        let newest = match entries.last() {
            Some(e) if complete => Some(e.audit),
            _ => self.newest_in_log()?,
        };
        entries.reverse();
        Ok(Since { entries, complete, newest })
    }

    /// The newest audit entries, newest first, typed.
    pub fn recent_changes(&self, limit: usize) -> Result<Vec<Logged>, StoreError> {
        Ok(self.recent_audit(limit)?.into_iter().map(Logged::of).collect())
    }

    /// The id of the newest audit entry, if any.
    pub fn newest_audit(&self) -> Result<Option<Id>, StoreError> {
        self.counters.audit_read();
        self.newest_in_log()
    }

    fn newest_in_log(&self) -> Result<Option<Id>, StoreError> {
        let last = self.raw(T::Audit).last()?;
        Ok(last.and_then(|(k, _)| super::tables::id_from_bytes(&k)))
    }

    /// The group of the latest change made through this store (the one
    /// Ctrl+Z undoes next); `None` after a closing, which is not undone.
    pub fn last_group(&self) -> Option<Id> {
        *self.last_group.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The newest change group in the log that undo can take back, with its
    /// entries (what `soxa undo` offers); `None` when the newest change is
    /// a closing, or there is none.
    pub fn newest_group(&self) -> Result<Option<Vec<Logged>>, StoreError> {
        let Some(newest) = self.recent_audit(1)?.pop() else { return Ok(None) };
        if newest.entity == EntityKind::Period {
            return Ok(None);
        }
        Ok(Some(self.group_entries(newest.group)?.into_iter().map(Logged::of).collect()))
    }

    /// The entries of change group `group`, typed, in the order written
    /// (what an undo of it takes back, to name it).
    pub fn group_changes(&self, group: Id) -> Result<Vec<Logged>, StoreError> {
        Ok(self.group_entries(group)?.into_iter().map(Logged::of).collect())
    }

    /// The audit entries of the latest change made through this store, in
    /// the order they were written (a deleted household, then its
    /// commitments).
    pub fn last_change(&self) -> Result<Vec<AuditEntry>, StoreError> {
        match self.last_group() {
            Some(group) => self.group_entries(group),
            None => Ok(Vec::new()),
        }
    }

    /// Undoes change group `group`: every record it touched is put back as
    /// it was before, as one new group audited as restores. Returns that
    /// group, whose undo is the redo; `None` when there was nothing to put
    /// back.
    pub fn undo_group(&self, group: Id) -> Result<Option<Id>, StoreError> {
        self.revert_group(group, &mut |_, _| {})
    }

    /// The audit entries of one group, in the order they were written. A
    /// group's entries are consecutive: writes hold the write lock.
    pub(super) fn group_entries(&self, group: Id) -> Result<Vec<AuditEntry>, StoreError> {
        self.counters.audit_read();
        let mut out = Vec::new();
        for kv in self.raw(T::Audit).range(group.to_be_bytes()..) {
            let entry = super::query::decode_audit(&kv?.1)?;
            if entry.group != group {
                break;
            }
            out.push(entry);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
