//! Large changes that must land whole or not at all: an import of 100,000
//! households, and the undo (or redo) of one.
//!
//! One sled transaction cannot hold such a change: sled keeps every node
//! copy a transaction makes until it ends (one transaction of 100,000
//! households peaked at 2.7 GB). So a bulk change is written as a journal:
//!
//! 1. a marker naming the change's audit group is written to `meta` and
//!    flushed;
//! 2. the records go in transactions of [`CHUNK`] changes, each carrying
//!    its records, index entries, search text and audit entries (all in the
//!    group), so every chunk is whole;
//! 3. the marker is removed and the store flushed: the change is done.
//!
//! If a chunk fails, the chunks already written are reverted from their
//! audit entries (each holds the record's bytes before the change) and the
//! entries removed, so the ledger is as it was. If the process dies
//! instead, [`Store::open`] finds the marker and reverts the same way before
//! anything reads the ledger. sled recovers a prefix of what was written, so
//! whatever survives a crash is covered by the marker, flushed first.

use std::collections::{HashMap, HashSet};
use std::sync::MutexGuard;

use super::record::{Record, by_kind, decode_commune};
use super::tables::{T, id_from_bytes};
use super::write::{COMMUNE_KEY, Counters, Prepare, RecordChange, corrupt, unique_field};
use super::{Store, StoreError};
use crate::domain::{AuditAction, AuditEntry, FieldError, Id, Problem, Stamp};

/// Changes per transaction. sled frees a transaction's node copies only
/// when it ends: at 2,500 a 100,000-household import peaks near 250 MB,
/// at 1,000 near 200 MB but about 10% slower; 5,000 and more cost more
/// memory and time alike.
pub const CHUNK: usize = 2_500;

/// `meta` key of the audit group of a bulk change not yet finished.
const PENDING: &[u8] = b"bulk_pending";

/// A bulk change being prepared. It holds the store's write lock, so the
/// checks made while adding records still hold when it is committed.
pub struct Bulk<'a> {
    store: &'a Store,
    _guard: MutexGuard<'a, ()>,
    changes: Vec<RecordChange>,
    /// Records created by this change: later records may point to them.
    created: HashSet<(T, Id)>,
    /// Unique index keys this change gives, with the record that gets each.
    taken: HashMap<(T, Vec<u8>), Id>,
    /// Unique index keys this change frees (a record's old code).
    freed: HashSet<(T, Vec<u8>)>,
    /// Records this change writes: each at most once, since each change is
    /// prepared from the record as stored.
    touched: HashSet<(T, Id)>,
    counters: Counters,
}

impl Store {
    /// Starts a bulk change; nothing is written until [`Bulk::commit`].
    pub fn bulk(&self) -> Bulk<'_> {
        Bulk {
            store: self,
            _guard: self.write_guard(),
            changes: Vec::new(),
            created: HashSet::new(),
            taken: HashMap::new(),
            freed: HashSet::new(),
            touched: HashSet::new(),
            counters: Counters::new(),
        }
    }

    /// Undoes a change written earlier (its audit `group`): every record it
    /// touched is put back as it was before, in one bulk change of its own,
    /// audited as restores. Returns the new change's group, which undoes
    /// the undo (redo). Meant for bulk changes; any group of records works.
    pub fn revert_group(&self, group: Id, progress: &mut dyn FnMut(usize, usize)) -> Result<Option<Id>, StoreError> {
        let mut bulk = self.bulk();
        for entry in self.group_entries(group)?.iter().rev() {
            bulk.changes.extend(self.revert_change(entry)?);
        }
        bulk.commit(progress)
    }

    /// Finishes what a crash interrupted: reverts a bulk change whose marker
    /// is still in `meta`. Called by `open` before anything reads the ledger.
    pub(super) fn recover_bulk(&self) -> Result<(), StoreError> {
        let Some(bytes) = self.table(T::Meta).get(PENDING)? else { return Ok(()) };
        let group = id_from_bytes(&bytes)
            .ok_or_else(|| StoreError::Corrupt { tree: T::Meta.name(), detail: "bad bulk marker".into() })?;
        self.roll_back(group)
    }

    /// The change that puts one audited record back as it was before: the
    /// record as stored now becomes the record of `before` (or is deleted).
    fn revert_change(&self, entry: &AuditEntry) -> Result<Option<RecordChange>, StoreError> {
        fn revert<R: Record>(store: &Store, e: &AuditEntry) -> Result<Option<RecordChange>, StoreError> {
            let now = match store.load::<R>(e.entity_id) {
                Ok(found) => Some(found),
                Err(StoreError::NotFound { .. }) => None,
                Err(err) => return Err(err),
            };
            let before = e.before.as_deref().map(R::decode).transpose().map_err(corrupt(R::TREE))?;
            if now.is_none() && before.is_none() {
                return Ok(None);
            }
            let now = now.as_ref().map(|(r, b)| (r, b.clone()));
            RecordChange::of(now, before.as_ref(), AuditAction::Restore).map(Some)
        }
        by_kind!(entry.entity,
            R => revert::<R>(self, entry),
            Commune => self.revert_commune(entry),
            // Closings are not undone: a period is reopened, with a reason.
            Period => Err(StoreError::Corrupt {
                tree: T::Audit.name(),
                detail: format!("audit group {} holds a closing", entry.group),
            }),
        )
    }

    /// The change that puts the commune profile back as an entry found it
    /// (none when the entry created it: a ledger keeps its profile).
    fn revert_commune(&self, entry: &AuditEntry) -> Result<Option<RecordChange>, StoreError> {
        let Some(before) = entry.before.clone() else { return Ok(None) };
        let now = self.table(T::Commune).get(COMMUNE_KEY)?.map(|v| v.to_vec());
        let name = decode_commune(&before).map_err(corrupt(T::Commune))?.name;
        Ok(Some(RecordChange::commune(now, before, &name, AuditAction::Restore)))
    }

    /// Reverts the chunks of an unfinished bulk change, newest first, and
    /// removes their audit entries with them, then the marker.
    fn roll_back(&self, group: Id) -> Result<(), StoreError> {
        let entries = self.group_entries(group)?;
        for chunk in entries.rchunks(CHUNK) {
            let mut changes = Vec::with_capacity(chunk.len());
            for entry in chunk.iter().rev() {
                changes.extend(self.revert_change(entry)?);
            }
            self.transact(&changes, &[], chunk)?;
        }
        self.table(T::Meta).remove(PENDING)?;
        self.flush()?;
        self.forget_search_index();
        Ok(())
    }
}

impl Bulk<'_> {
    /// Adds a new record: cleaned and checked as `Store::insert` does, its
    /// references found in the store or earlier in this change. Returns it
    /// with its id.
    pub fn insert<R: Record + Prepare>(&mut self, mut rec: R) -> Result<R, StoreError> {
        let store = self.store;
        rec.clean_and_check(store.today()).map_err(StoreError::Invalid)?;
        self.check_references(&rec)?;
        let counter = store.number(&mut rec, &mut self.counters)?;
        rec.set_id(store.db.generate_id()? + 1);
        let now = store.now();
        rec.set_stamp(Stamp { created_at: now, updated_at: now });
        self.claim_keys(&rec, &[])?;
        let mut change = RecordChange::of::<R>(None, Some(&rec), AuditAction::Create)?;
        change.extra.extend(counter);
        self.created.insert((R::TREE, rec.id()));
        self.touch(R::TREE, rec.id())?;
        self.changes.push(change);
        Ok(rec)
    }

    /// Replaces a stored record, checked as `Store::update` does.
    pub fn update<R: Record + Prepare>(&mut self, mut rec: R) -> Result<R, StoreError> {
        let store = self.store;
        self.touch(R::TREE, rec.id())?;
        let (old, old_bytes) = store.load::<R>(rec.id())?;
        rec.clean_and_check(store.today()).map_err(StoreError::Invalid)?;
        self.check_references(&rec)?;
        rec.set_stamp(Stamp { created_at: old.stamp().created_at, updated_at: store.now() });
        self.claim_keys(&rec, &old.index_keys())?;
        self.changes.push(RecordChange::of(Some((&old, old_bytes)), Some(&rec), AuditAction::Update)?);
        Ok(rec)
    }

    /// How many records this change writes.
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Writes the whole change (see the module comment), reporting
    /// `progress(written, total)` after each chunk. Returns the audit group
    /// (for undo), or `None` when there was nothing to write.
    pub fn commit(self, progress: &mut dyn FnMut(usize, usize)) -> Result<Option<Id>, StoreError> {
        // The lock is held (`_guard`) until the change is whole.
        let Bulk { store, _guard, changes, .. } = self;
        let Some(first) = changes.first() else { return Ok(None) };
        // A closed period freezes its dated facts for imports too.
        if store.any_closed() {
            for c in &changes {
                store.refuse_frozen_change(c)?;
            }
        }
        let (first_audit, first_bytes) = store.audit_for(first, None)?;
        let group = first_audit.id;
        store.table(T::Meta).insert(PENDING, group.to_be_bytes())?;
        store.flush()?;
        let mut first = Some((first_audit, first_bytes));
        let total = changes.len();
        let mut done = 0;
        // Each chunk is dropped once written: a 100,000-row import holds
        // its prepared changes only until they are in the store.
        let mut rest = changes.into_iter();
        let mut last = Vec::new();
        loop {
            let chunk: Vec<RecordChange> = rest.by_ref().take(CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            if let Err(e) = Self::write_chunk(store, &chunk, group, &mut first) {
                // The error the clerk must hear is the first one; a failing
                // rollback leaves the marker for the next opening to finish.
                let _ = store.roll_back(group);
                return Err(e);
            }
            done += chunk.len();
            progress(done, total);
            last = chunk;
        }
        store.table(T::Meta).remove(PENDING)?;
        store.flush()?;
        if total > CHUNK {
            store.forget_search_index();
        } else {
            store.refresh_search(&last);
        }
        *store.last_group.lock().unwrap_or_else(|p| p.into_inner()) = Some(group);
        Ok(Some(group))
    }

    /// One chunk in one transaction; `first` is the group's first audit
    /// entry, made before the marker, used by the first chunk.
    fn write_chunk(
        store: &Store,
        chunk: &[RecordChange],
        group: Id,
        first: &mut Option<(AuditEntry, Vec<u8>)>,
    ) -> Result<(), StoreError> {
        let mut audits = Vec::with_capacity(chunk.len());
        for change in chunk {
            match first.take() {
                Some(made) => audits.push(made),
                None => audits.push(store.audit_for(change, Some(group))?),
            }
        }
        store.transact(chunk, &audits, &[])
    }

    fn touch(&mut self, tree: T, id: Id) -> Result<(), StoreError> {
        if self.touched.insert((tree, id)) {
            Ok(())
        } else {
            Err(StoreError::Storage(format!("record {id} of {} changed twice in one bulk change", tree.name())))
        }
    }

    fn check_references<R: Record>(&self, rec: &R) -> Result<(), StoreError> {
        let mut errors = Vec::new();
        for (tree, id, field) in rec.references() {
            if !self.created.contains(&(tree, id)) && !self.store.table(tree).contains_key(id.to_be_bytes())? {
                errors.push(FieldError::new(field, Problem::UnknownReference));
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(StoreError::Invalid(errors)) }
    }

    /// Checks the record's unique keys against the store and this change,
    /// then takes them (and frees the old ones it no longer has).
    fn claim_keys<R: Record>(&mut self, rec: &R, old_keys: &[(T, Vec<u8>)]) -> Result<(), StoreError> {
        let new_keys = rec.index_keys();
        for (t, key) in new_keys.iter().filter(|(t, _)| t.is_unique()) {
            let clash = match self.taken.get(&(*t, key.clone())) {
                Some(owner) => *owner != rec.id(),
                None => {
                    let stored = self.store.table(*t).get(key)?.and_then(|v| id_from_bytes(&v));
                    stored.is_some_and(|owner| owner != rec.id() && !self.freed.contains(&(*t, key.clone())))
                }
            };
            if clash {
                return Err(FieldError::new(unique_field(*t), Problem::Duplicate).into());
            }
        }
        for old in old_keys.iter().filter(|(t, k)| t.is_unique() && !new_keys.contains(&(*t, k.clone()))) {
            self.taken.remove(old);
            self.freed.insert(old.clone());
        }
        for (t, key) in new_keys.into_iter().filter(|(t, _)| t.is_unique()) {
            self.taken.insert((t, key), rec.id());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
