//! Every change to records: create, update, delete (with cascades), the
//! commune profile, and bulk loading. A change and all it implies (index
//! entries, search text, audit entries, dependent records) is one sled
//! transaction, flushed before the call returns.

use std::collections::{BTreeSet, HashMap, HashSet};

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::briefs::{self, BriefEdit};
use super::codec;
use super::packed::{Edits, TxBuckets, TxTable};
use super::record::{COMMUNE_VERSION, Record, search_key};
use super::tables::{Key, T};
use super::{Store, StoreError};
use crate::domain::case::MAX_SEQ;
use crate::domain::closing::Fact;
use crate::domain::{
    Assessment, AuditAction, AuditEntry, Commitment, Commune, EntityKind, Field, FieldError, Hamlet, Household, Id,
    MediationCase, Member, Model, Outreach, Problem, Stamp, Team,
};

/// One record's change, prepared outside the transaction.
pub struct RecordChange {
    tree: T,
    kind: EntityKind,
    id: Id,
    /// New envelope; `None` deletes.
    bytes: Option<Vec<u8>>,
    before: Option<Vec<u8>>,
    old_keys: Vec<(T, Vec<u8>)>,
    new_keys: Vec<(T, Vec<u8>)>,
    search: Option<String>,
    action: AuditAction,
    summary: String,
    /// Other raw puts of the same change (a yearly case counter in `meta`).
    pub(super) extra: Vec<RawPut>,
    /// The record's dated facts before and after, which a closed period
    /// may freeze (`domain::closing`).
    pub(super) facts: (Vec<Fact>, Vec<Fact>),
    /// The record's new brief, for kinds that have one (`store::briefs`).
    pub(super) brief: Option<BriefEdit>,
}

impl RecordChange {
    pub(super) fn of<R: Record>(
        old: Option<(&R, Vec<u8>)>,
        new: Option<&R>,
        action: AuditAction,
    ) -> Result<RecordChange, StoreError> {
        let id = new.map(R::id).or(old.as_ref().map(|(r, _)| r.id())).unwrap_or(0);
        let bytes = new.map(|r| r.encode()).transpose().map_err(corrupt(R::TREE))?;
        let label = new.map(R::label).or(old.as_ref().map(|(r, _)| r.label())).unwrap_or_default();
        let facts = (old.as_ref().map(|(r, _)| r.facts()).unwrap_or_default(), new.map(R::facts).unwrap_or_default());
        let brief = BriefEdit::of(old.as_ref().map(|(r, _)| *r), new);
        Ok(RecordChange {
            tree: R::TREE,
            kind: R::KIND,
            id,
            bytes,
            old_keys: old.as_ref().map(|(r, _)| r.index_keys()).unwrap_or_default(),
            new_keys: new.map(R::index_keys).unwrap_or_default(),
            search: new.and_then(R::search_text),
            before: old.map(|(_, b)| b),
            action,
            summary: label,
            extra: Vec::new(),
            facts,
            brief,
        })
    }

    /// The commune profile's change: it has no id, indexes or search text.
    pub(super) fn commune(before: Option<Vec<u8>>, bytes: Vec<u8>, summary: &str, action: AuditAction) -> Self {
        RecordChange {
            tree: T::Commune,
            kind: EntityKind::Commune,
            id: 0,
            bytes: Some(bytes),
            before,
            old_keys: Vec::new(),
            new_keys: Vec::new(),
            search: None,
            action,
            summary: summary.to_string(),
            extra: Vec::new(),
            facts: (Vec::new(), Vec::new()),
            brief: None,
        }
    }

    fn trees(&self) -> impl Iterator<Item = T> + '_ {
        let keys = self.old_keys.iter().chain(&self.new_keys).map(|(t, _)| *t);
        let extra = self.extra.iter().map(|(t, _, _)| *t);
        let briefs = self.brief.as_ref().map(|_| T::Briefs);
        [self.tree, T::Search, T::Audit, T::IxAuditEntity].into_iter().chain(keys).chain(extra).chain(briefs)
    }
}

pub(super) fn corrupt(tree: T) -> impl Fn(codec::CodecError) -> StoreError {
    move |e| StoreError::Corrupt { tree: tree.name(), detail: e.to_string() }
}

/// Which field a clash in a unique index is about.
pub(super) fn unique_field(t: T) -> Field {
    match t {
        T::IxHamletCode => Field::HamletCode,
        T::IxHouseholdCode => Field::HouseholdCode,
        T::IxCommitmentHousehold => Field::Year,
        T::IxCaseNumber => Field::CaseNumber,
        T::IxAssessmentHamlet => Field::Year,
        // Not unique: no clash can be reported on it.
        other => {
            debug_assert!(!other.is_unique(), "unique index {other:?} needs a field");
            Field::Status
        }
    }
}

/// Records per sled batch in `bulk_insert`. sled frees the node copies a
/// batch makes only when it ends: one batch of 277,000 commitments peaked at
/// 4 GB of memory; batches of 5,000 stay small at the same speed.
pub const BULK_CHUNK: usize = 5_000;

fn empty_batches() -> Vec<Edits> {
    T::ALL.iter().map(|_| Edits::default()).collect()
}

type TxResult<V> = Result<V, ConflictableTransactionError<StoreError>>;

impl Store {
    /// Creates a record; returns it as stored (id, stamp, cleaned text).
    pub fn insert<R: Record + Prepare>(&self, mut rec: R) -> Result<R, StoreError> {
        let _guard = self.write_guard();
        rec.clean_and_check(self.today()).map_err(StoreError::Invalid)?;
        self.check_references(&rec)?;
        let counter = self.number(&mut rec, &mut Counters::new())?;
        rec.set_id(self.db.generate_id()? + 1);
        let now = self.now();
        rec.set_stamp(Stamp { created_at: now, updated_at: now });
        let mut change = RecordChange::of::<R>(None, Some(&rec), AuditAction::Create)?;
        change.extra.extend(counter);
        self.commit(vec![change])?;
        Ok(rec)
    }

    /// Replaces a record; returns it as stored.
    pub fn update<R: Record + Prepare>(&self, mut rec: R) -> Result<R, StoreError> {
        let _guard = self.write_guard();
        let (old, old_bytes) = self.load::<R>(rec.id())?;
        rec.clean_and_check(self.today()).map_err(StoreError::Invalid)?;
        self.check_references(&rec)?;
        let old_year = old.clone().sequence().map(|(year, _)| year);
        if let Some((year, seq)) = rec.sequence()
            && Some(year) != old_year
        {
            *seq = 0; // moved to another year: numbered anew in that year
        }
        let counter = self.number(&mut rec, &mut Counters::new())?;
        rec.set_stamp(Stamp { created_at: old.stamp().created_at, updated_at: self.now() });
        let mut change = RecordChange::of(Some((&old, old_bytes)), Some(&rec), AuditAction::Update)?;
        change.extra.extend(counter);
        self.commit(vec![change])?;
        Ok(rec)
    }

    /// Deletes a record and what hangs on it (a household's commitments, a
    /// team's members) in one change; refuses to delete a hamlet in use.
    pub fn delete<R: Record + Prepare>(&self, id: Id) -> Result<(), StoreError> {
        let _guard = self.write_guard();
        let (old, old_bytes) = self.load::<R>(id)?;
        let mut changes = vec![RecordChange::of(Some((&old, old_bytes)), None::<&R>, AuditAction::Delete)?];
        changes.extend(R::dependents(self, id)?);
        self.commit(changes)
    }

    /// Puts back one record exactly as it was stored, from an audit
    /// entry's `before` bytes, checked as a write. (Undo of a whole change
    /// is `Store::undo_group`.)
    pub fn restore<R: Record + Prepare>(&self, before: &[u8]) -> Result<R, StoreError> {
        let _guard = self.write_guard();
        let mut rec = R::decode(before).map_err(corrupt(R::TREE))?;
        rec.clean_and_check(self.today()).map_err(StoreError::Invalid)?;
        self.check_references(&rec)?;
        let counter = self.number(&mut rec, &mut Counters::new())?;
        let old = self.load::<R>(rec.id()).ok();
        let old_ref = old.as_ref().map(|(r, b)| (r, b.clone()));
        let mut change = RecordChange::of(old_ref, Some(&rec), AuditAction::Restore)?;
        change.extra.extend(counter);
        self.commit(vec![change])?;
        Ok(rec)
    }

    /// Saves the commune profile and settings.
    pub fn save_commune(&self, mut commune: Commune) -> Result<Commune, StoreError> {
        let _guard = self.write_guard();
        commune.normalize();
        commune.validate().map_err(StoreError::Invalid)?;
        let before = self.table(T::Commune).get(COMMUNE_KEY)?.map(|v| v.to_vec());
        let now = self.now();
        let created = self.commune()?.map_or(now, |c| c.stamp.created_at);
        commune.stamp = Stamp { created_at: created, updated_at: now };
        let bytes = codec::encode(COMMUNE_VERSION, &commune).map_err(corrupt(T::Commune))?;
        let action = if before.is_some() { AuditAction::Update } else { AuditAction::Create };
        let change = RecordChange::commune(before, bytes, &commune.name, action);
        self.commit(vec![change])?;
        Ok(commune)
    }

    /// Loads many new records at once into a fresh database (the demo):
    /// validated, numbered and indexed like `insert`, written tree by tree in
    /// sled batches of [`BULK_CHUNK`] records with one audit entry for the
    /// whole load, then flushed. Not one transaction: a failure part-way
    /// leaves a partial load, so callers use it only on a database they would
    /// discard.
    pub fn bulk_insert<R: Record + Prepare>(&self, recs: Vec<R>, summary: &str) -> Result<Vec<R>, StoreError> {
        let _guard = self.write_guard();
        let (today, now) = (self.today(), self.now());
        let mut batches = empty_batches();
        let mut seen: HashSet<(T, Vec<u8>)> = HashSet::new();
        let mut out = Vec::with_capacity(recs.len());
        let mut counters = Counters::new();
        let check_closed = self.any_closed();
        let mut brief_edits = Vec::new();
        for mut rec in recs {
            rec.clean_and_check(today).map_err(StoreError::Invalid)?;
            self.check_references(&rec)?;
            if check_closed {
                self.refuse_frozen(R::KIND, &rec.label(), &[], &rec.facts())?;
            }
            if let Some((_, key, value)) = self.number(&mut rec, &mut counters)? {
                batches[T::Meta as usize].insert(key, value);
            }
            rec.set_id(self.db.generate_id()? + 1);
            rec.set_stamp(Stamp { created_at: now, updated_at: now });
            let id_bytes = rec.id().to_be_bytes();
            for (t, key) in rec.index_keys() {
                // Earlier chunks are in the tree already; this chunk is in `seen`.
                if t.is_unique() && (self.table(t).contains_key(&key)? || !seen.insert((t, key.clone()))) {
                    return Err(FieldError::new(unique_field(t), Problem::Duplicate).into());
                }
                batches[t as usize].insert(key, id_bytes);
            }
            if let Some(text) = rec.search_text() {
                batches[T::Search as usize].insert(search_key(R::KIND, rec.id()), text.as_bytes());
            }
            batches[R::TREE as usize].insert(id_bytes, rec.encode().map_err(corrupt(R::TREE))?);
            brief_edits.extend(BriefEdit::of(None, Some(&rec)));
            out.push(rec);
            if out.len() % BULK_CHUNK == 0 {
                self.batch_briefs(&std::mem::take(&mut brief_edits), &mut batches[T::Briefs as usize])?;
                self.apply_batches(std::mem::replace(&mut batches, empty_batches()))?;
                seen.clear();
            }
        }
        self.batch_briefs(&brief_edits, &mut batches[T::Briefs as usize])?;
        self.apply_batches(batches)?;
        let audit = self.audit_entry(EntityKind::Commune, 0, AuditAction::Create, summary, None)?;
        self.append_audit(&audit)?;
        self.flush()?;
        self.forget_search_index();
        Ok(out)
    }

    fn apply_batches(&self, batches: Vec<Edits>) -> Result<(), StoreError> {
        for (t, batch) in T::ALL.iter().zip(batches) {
            if !batch.is_empty() {
                self.table(*t).apply(batch)?;
            }
        }
        Ok(())
    }

    pub(super) fn write_guard(&self) -> std::sync::MutexGuard<'_, ()> {
        // A poisoned lock only means an earlier write panicked; the data is
        // protected by sled's transaction, so carry on.
        self.write_lock.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn load<R: Record>(&self, id: Id) -> Result<(R, Vec<u8>), StoreError> {
        let bytes = self.table(R::TREE).get(id.to_be_bytes())?.ok_or(StoreError::NotFound { kind: R::KIND, id })?;
        self.counters.read(R::TREE);
        let rec = R::decode(&bytes).map_err(corrupt(R::TREE))?;
        Ok((rec, bytes.to_vec()))
    }

    fn check_references<R: Record>(&self, rec: &R) -> Result<(), StoreError> {
        let mut errors = Vec::new();
        for (tree, id, field) in rec.references() {
            if !self.table(tree).contains_key(id.to_be_bytes())? {
                errors.push(FieldError::new(field, Problem::UnknownReference));
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(StoreError::Invalid(errors)) }
    }

    fn audit_entry(
        &self,
        entity: EntityKind,
        entity_id: Id,
        action: AuditAction,
        summary: &str,
        before: Option<Vec<u8>>,
    ) -> Result<AuditEntry, StoreError> {
        let id = self.db.generate_id()? + 1;
        Ok(AuditEntry {
            id,
            at: self.now(),
            operator: self.operator.clone(),
            entity,
            entity_id,
            action,
            summary: summary.to_string(),
            group: id,
            before,
        })
    }

    fn append_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        let bytes = codec::encode(AUDIT_VERSION, entry).map_err(corrupt(T::Audit))?;
        self.table(T::Audit).insert(entry.id.to_be_bytes(), bytes)?;
        let ix = audit_index_key(entry);
        self.table(T::IxAuditEntity).insert(ix, entry.id.to_be_bytes())?;
        Ok(())
    }

    /// Applies prepared changes in one transaction, then flushes.
    fn commit(&self, changes: Vec<RecordChange>) -> Result<(), StoreError> {
        for c in &changes {
            self.refuse_frozen_change(c)?;
        }
        let mut audits = Vec::with_capacity(changes.len());
        for c in &changes {
            let group = audits.first().map(|first: &(AuditEntry, Vec<u8>)| first.0.id);
            audits.push(self.audit_for(c, group)?);
        }
        self.transact(&changes, &audits, &[])?;
        self.flush()?;
        self.refresh_search(&changes);
        if let Some((first, _)) = audits.first() {
            *self.last_group.lock().unwrap_or_else(|p| p.into_inner()) = Some(first.id);
        }
        Ok(())
    }

    /// Refuses a change to what a closed period froze (see `closing`).
    pub(super) fn refuse_frozen_change(&self, c: &RecordChange) -> Result<(), StoreError> {
        self.refuse_frozen(c.kind, &c.summary, &c.facts.0, &c.facts.1)
    }

    /// The audit entry of a change and its bytes; `group` is the id of the
    /// first entry of the same change (`None` for the first itself).
    pub(super) fn audit_for(&self, c: &RecordChange, group: Option<Id>) -> Result<(AuditEntry, Vec<u8>), StoreError> {
        let mut entry = self.audit_entry(c.kind, c.id, c.action, &c.summary, c.before.clone())?;
        entry.group = group.unwrap_or(entry.id);
        let bytes = codec::encode(AUDIT_VERSION, &entry).map_err(corrupt(T::Audit))?;
        Ok((entry, bytes))
    }

    /// Applies changes with their audit entries in one sled transaction over
    /// exactly the trees involved (not flushed). `forget` lists audit entries
    /// to remove in the same transaction: a bulk change being rolled back.
    pub(super) fn transact(
        &self,
        changes: &[RecordChange],
        audits: &[(AuditEntry, Vec<u8>)],
        forget: &[AuditEntry],
    ) -> Result<(), StoreError> {
        let audit_trees = [T::Audit, T::IxAuditEntity];
        let order: Vec<T> = changes
            .iter()
            .flat_map(RecordChange::trees)
            .chain(audit_trees)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let trees: Vec<sled::Tree> = order.iter().map(|t| self.raw(*t).clone()).collect();
        self.counters.transaction();
        let result = trees[..].transaction(|tx| {
            // Packed buckets are changed in memory and written once, last.
            let pending = TxBuckets::default();
            // Every tree a change names is in `order`, built from the same
            // changes; a miss would be a bug, reported rather than written
            // to another tree.
            let tree = |t: T| -> TxResult<TxTable<'_>> {
                let found = order.binary_search(&t).ok().and_then(|i| tx.get(i));
                found.map(|tx| TxTable::buffered(t, tx, &pending)).ok_or_else(|| {
                    ConflictableTransactionError::Abort(StoreError::Storage(format!(
                        "tree {} not in transaction",
                        t.name()
                    )))
                })
            };
            for change in changes {
                apply(change, &tree)?;
            }
            let mut edits = changes.iter().filter_map(|c| c.brief.as_ref()).peekable();
            if edits.peek().is_some() {
                briefs::apply_in(tree(T::Briefs)?.raw(), edits)?;
            }
            for (audit, audit_bytes) in audits {
                tree(T::Audit)?.insert(audit.id.to_be_bytes(), audit_bytes.as_slice())?;
                tree(T::IxAuditEntity)?.insert(audit_index_key(audit), audit.id.to_be_bytes())?;
            }
            for audit in forget {
                tree(T::Audit)?.remove(audit.id.to_be_bytes())?;
                tree(T::IxAuditEntity)?.remove(audit_index_key(audit))?;
            }
            pending.write(&tree)
        });
        match result {
            Ok(()) => Ok(()),
            Err(TransactionError::Abort(e)) => Err(e),
            Err(TransactionError::Storage(e)) => Err(e.into()),
        }
    }

    pub(super) fn refresh_search(&self, changes: &[RecordChange]) {
        let mut guard = self.search.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(index) = guard.as_mut() {
            for c in changes {
                match &c.search {
                    Some(text) => index.upsert(c.kind, c.id, text),
                    None => index.remove(c.kind, c.id),
                }
            }
        }
    }

    pub(super) fn forget_search_index(&self) {
        *self.search.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

/// Writes one change through the transaction's trees.
fn apply<'a>(c: &RecordChange, tx: &dyn Fn(T) -> TxResult<TxTable<'a>>) -> TxResult<()> {
    let id_bytes = c.id.to_be_bytes();
    for (t, key) in &c.new_keys {
        if t.is_unique()
            && let Some(owner) = tx(*t)?.get(key)?
            && owner.as_ref() != id_bytes
        {
            let err = FieldError::new(unique_field(*t), Problem::Duplicate);
            return Err(ConflictableTransactionError::Abort(err.into()));
        }
    }
    for (t, key) in c.old_keys.iter().filter(|k| !c.new_keys.contains(k)) {
        tx(*t)?.remove(key.as_slice())?;
    }
    for (t, key) in &c.new_keys {
        tx(*t)?.insert(key.as_slice(), id_bytes)?;
    }
    let record_key = if c.tree == T::Commune { COMMUNE_KEY.to_vec() } else { id_bytes.to_vec() };
    match &c.bytes {
        Some(bytes) => tx(c.tree)?.insert(record_key, bytes.as_slice())?,
        None => tx(c.tree)?.remove(record_key)?,
    };
    for (t, key, value) in &c.extra {
        tx(*t)?.insert(key.as_slice(), value.as_slice())?;
    }
    let skey = search_key(c.kind, c.id);
    match &c.search {
        Some(text) => tx(T::Search)?.insert(skey, text.as_bytes())?,
        None => tx(T::Search)?.remove(skey)?,
    };
    Ok(())
}

pub(super) const COMMUNE_KEY: &[u8] = &[0];
pub(super) const AUDIT_VERSION: u8 = 1;

pub(super) fn audit_index_key(e: &AuditEntry) -> Vec<u8> {
    Key::new().u8(e.entity.code()).u64(e.entity_id).u64(e.id).build()
}

/// Per-type steps around a write: the yearly number a record carries, the
/// records a delete takes with it or refuses for.
pub trait Prepare: Record {
    /// The yearly sequence this record is numbered in: a case's `N` of
    /// `N/YYYY`. A zero number is assigned by the store.
    fn sequence(&mut self) -> Option<(u16, &mut u32)> {
        None
    }

    /// Changes to dependent records that a delete of `id` implies, or the
    /// reason it is refused.
    fn dependents(_store: &Store, _id: Id) -> Result<Vec<RecordChange>, StoreError> {
        Ok(Vec::new())
    }
}

/// A put into a tree that is not a record or an index: (tree, key, value).
pub(super) type RawPut = (T, Vec<u8>, Vec<u8>);

/// Highest number given per year, during one write or one bulk load.
pub(super) type Counters = HashMap<u16, u32>;

/// `meta` key of the highest case number ever given in `year`. Numbers are
/// never handed out twice, so a deleted case can always be restored.
fn counter_key(year: u16) -> Vec<u8> {
    Key::new().text("case_seq/").u16(year).build()
}

impl Store {
    /// Gives `rec` its yearly number if it has none, and returns the counter
    /// put that must be written with it (when its number raises the counter).
    pub(super) fn number<R: Prepare>(
        &self,
        rec: &mut R,
        counters: &mut Counters,
    ) -> Result<Option<RawPut>, StoreError> {
        let Some((year, seq)) = rec.sequence() else { return Ok(None) };
        let last = match counters.get(&year) {
            Some(last) => *last,
            None => self.last_number(year)?,
        };
        if *seq == 0 {
            *seq = last
                .checked_add(1)
                .filter(|n| *n <= MAX_SEQ)
                .ok_or(FieldError::new(Field::CaseNumber, Problem::OutOfRange { min: 1, max: MAX_SEQ.into() }))?;
        }
        if *seq <= last {
            return Ok(None);
        }
        counters.insert(year, *seq);
        Ok(Some((T::Meta, counter_key(year), seq.to_be_bytes().to_vec())))
    }

    /// The highest case number given in `year`: the counter, or the highest
    /// number in use for databases written before the counter existed.
    fn last_number(&self, year: u16) -> Result<u32, StoreError> {
        let counter = self.table(T::Meta).get(counter_key(year))?;
        let counter = counter.and_then(|v| <[u8; 4]>::try_from(v.as_ref()).ok()).map_or(0, u32::from_be_bytes);
        Ok(counter.max(self.highest_case_seq(year)?))
    }

    /// The next number for a case received in `year`.
    pub fn next_case_seq(&self, year: u16) -> Result<u32, StoreError> {
        Ok(self.last_number(year)?.saturating_add(1))
    }

    /// How many records name `id` under a prefix of index tree `t`.
    fn count_prefix(&self, t: T, id: Id) -> usize {
        self.table(t).scan_prefix(Key::new().u64(id).build()).count()
    }
}

impl Prepare for Commitment {}

impl Prepare for MediationCase {
    fn sequence(&mut self) -> Option<(u16, &mut u32)> {
        Some((self.year, &mut self.seq))
    }
}

impl Prepare for Member {
    /// A mediator named on cases stays: the log book must say who mediated.
    fn dependents(store: &Store, id: Id) -> Result<Vec<RecordChange>, StoreError> {
        match store.count_prefix(T::IxCaseMediator, id) {
            0 => Ok(Vec::new()),
            count => Err(StoreError::InUse { kind: EntityKind::Member, count }),
        }
    }
}

impl Prepare for Hamlet {
    fn dependents(store: &Store, id: Id) -> Result<Vec<RecordChange>, StoreError> {
        let used: usize = [
            T::IxHouseholdHamlet,
            T::IxTeamHamlet,
            T::IxCaseHamlet,
            T::IxModelHamlet,
            T::IxAssessmentHamlet,
            T::IxOutreachHamlet,
        ]
        .iter()
        .map(|t| store.count_prefix(*t, id))
        .sum();
        if used > 0 {
            return Err(StoreError::InUse { kind: EntityKind::Hamlet, count: used });
        }
        Ok(Vec::new())
    }
}

impl Prepare for Household {
    /// Its commitments go with it; team members who lived there and case
    /// parties from it keep their names but lose the link.
    fn dependents(store: &Store, id: Id) -> Result<Vec<RecordChange>, StoreError> {
        let mut changes = Vec::new();
        let prefix = Key::new().u64(id).build();
        for cid in store.ids_with_prefix(T::IxCommitmentHousehold, &prefix)? {
            let (c, bytes) = store.load::<Commitment>(cid)?;
            changes.push(RecordChange::of(Some((&c, bytes)), None::<&Commitment>, AuditAction::Delete)?);
        }
        for mid in store.ids_with_prefix(T::IxMemberHousehold, &prefix)? {
            let (m, bytes) = store.load::<Member>(mid)?;
            let mut unlinked = m.clone();
            unlinked.household = None;
            unlinked.stamp.updated_at = store.now();
            changes.push(RecordChange::of(Some((&m, bytes)), Some(&unlinked), AuditAction::Update)?);
        }
        for case_id in store.ids_with_prefix(T::IxCaseHousehold, &prefix)? {
            let (c, bytes) = store.load::<MediationCase>(case_id)?;
            let mut unlinked = c.clone();
            for p in unlinked.parties.iter_mut().filter(|p| p.household == Some(id)) {
                p.household = None;
            }
            unlinked.stamp.updated_at = store.now();
            changes.push(RecordChange::of(Some((&c, bytes)), Some(&unlinked), AuditAction::Update)?);
        }
        changes.extend(store.unlinked_where::<Outreach>(|s| s.forget(id))?);
        Ok(changes)
    }
}

impl Prepare for Team {
    /// Its members go with it, unless one of them is named on a case.
    fn dependents(store: &Store, id: Id) -> Result<Vec<RecordChange>, StoreError> {
        let members = store.ids_with_prefix(T::IxMemberTeam, &Key::new().u64(id).build())?;
        // Cases naming any of its members, each counted once.
        let mut named = HashSet::new();
        for m in &members {
            named.extend(store.cases_of_mediator(*m)?);
        }
        if !named.is_empty() {
            return Err(StoreError::InUse { kind: EntityKind::Team, count: named.len() });
        }
        let mut changes = Vec::new();
        for mid in members {
            let (m, bytes) = store.load::<Member>(mid)?;
            changes.push(RecordChange::of(Some((&m, bytes)), None::<&Member>, AuditAction::Delete)?);
        }
        // Models it ran keep going without it.
        changes.extend(store.unlinked_where::<Model>(|m| m.team.take_if(|t| *t == id).is_some())?);
        Ok(changes)
    }
}

impl Prepare for Model {}

impl Prepare for Assessment {}

impl Prepare for Outreach {}

impl Store {
    /// An update of every record of kind `R` that `unlink` changed (it
    /// returns true when it took a link out): few records (models,
    /// sessions), so read whole rather than indexed.
    fn unlinked_where<R: Record>(&self, unlink: impl Fn(&mut R) -> bool) -> Result<Vec<RecordChange>, StoreError> {
        let mut changes = Vec::new();
        for item in self.table(R::TREE).iter() {
            let (_, bytes) = item?;
            let old = R::decode(&bytes).map_err(corrupt(R::TREE))?;
            let mut new = old.clone();
            if unlink(&mut new) {
                let mut stamp = new.stamp();
                stamp.updated_at = self.now();
                new.set_stamp(stamp);
                changes.push(RecordChange::of(Some((&old, bytes.to_vec())), Some(&new), AuditAction::Update)?);
            }
        }
        Ok(changes)
    }
}
