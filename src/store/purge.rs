//! `soxa purge`: erases one person's personal data on request, from the
//! record, its search text and every old version the audit log keeps, in
//! one transaction, then flushes.
//!
//! What is erased and what is kept is `domain::purge`. A closed period does
//! not refuse a purge: the law on personal data wins, and a purge changes no
//! dated fact the closing check compares (dates, statuses, counts).
//!
//! This module writes its own transaction instead of going through
//! `write::commit`, because besides the record it rewrites audit entries,
//! which no other change may do.

use std::collections::{BTreeSet, HashSet};

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::briefs::{self, BriefEdit};
use super::codec;
use super::packed::TxTable;
use super::query::decode_audit;
use super::record::{Record, search_key};
use super::tables::{IndexKeys, T};
use super::write::{AUDIT_VERSION, audit_index_key};
use super::{Store, StoreError};
use crate::domain::purge::replace_name;
use crate::domain::{
    AuditAction, AuditEntry, Commitment, EntityKind, Field, FieldError, Household, Id, MediationCase, Member, Outreach,
    Problem,
};

/// Whose personal data to erase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PurgeTarget {
    Household(Id),
    Member(Id),
    /// A party of a case, by its position in the case's list (0-based).
    Party {
        case: Id,
        index: usize,
    },
}

/// What a purge will erase, for the clerk to confirm.
#[derive(Clone, Debug, PartialEq)]
pub struct PurgePreview {
    pub kind: EntityKind,
    pub id: Id,
    /// The record's label as it is now (the case number for a party).
    pub label: String,
    /// How to name the record once purged: the household code, the member
    /// number, the case number and party place; never the erased name.
    pub reference: String,
    /// Each personal value that will go: (field, value as stored).
    pub erased: Vec<(Field, String)>,
    /// Other current records rewritten with it (a household's commitments).
    pub related: usize,
    /// Audit entries whose stored old version or label will be rewritten.
    pub audit_entries: usize,
}

/// One record rewritten in place.
struct Put {
    tree: T,
    kind: EntityKind,
    id: Id,
    bytes: Vec<u8>,
    search: Option<String>,
    old_keys: IndexKeys,
    new_keys: IndexKeys,
    /// A commitment's violation text may be erased: its brief follows.
    brief: Option<BriefEdit>,
}

impl Put {
    fn of<R: Record>(old: &R, new: &R) -> Result<Put, StoreError> {
        Ok(Put {
            tree: R::TREE,
            kind: R::KIND,
            id: new.id(),
            bytes: encode(new)?,
            search: new.search_text(),
            old_keys: old.index_keys(),
            new_keys: new.index_keys(),
            brief: BriefEdit::of(Some(old), Some(new)),
        })
    }
}

/// An audit entry claimed by a purge: its new `before` and the names its
/// old version held; `None` for an entry about someone else.
type Claimed = Option<(Option<Vec<u8>>, Vec<String>)>;

struct Plan {
    preview: PurgePreview,
    puts: Vec<Put>,
    audits: Vec<AuditEntry>,
    /// The record as it was, purged: the new entry's "before", so the
    /// history still reads as a chain.
    purged_before: Vec<u8>,
}

fn encode<R: Record>(r: &R) -> Result<Vec<u8>, StoreError> {
    r.encode().map_err(|e| StoreError::Corrupt { tree: R::TREE.name(), detail: e.to_string() })
}

fn decode<R: Record>(bytes: &[u8]) -> Result<R, StoreError> {
    R::decode(bytes).map_err(|e| StoreError::Corrupt { tree: R::TREE.name(), detail: e.to_string() })
}

fn opt(field: Field, value: &Option<String>) -> Option<(Field, String)> {
    value.as_ref().filter(|v| !v.is_empty()).map(|v| (field, v.clone()))
}

fn text(field: Field, value: &str) -> Option<(Field, String)> {
    (!value.is_empty()).then(|| (field, value.to_string()))
}

impl Store {
    /// What `purge(target)` would erase; changes nothing.
    pub fn purge_preview(&self, target: PurgeTarget) -> Result<PurgePreview, StoreError> {
        Ok(self.purge_plan(target)?.preview)
    }

    /// Erases the target's personal data everywhere the database keeps it,
    /// writes one `Purge` audit entry without it, and flushes.
    pub fn purge(&self, target: PurgeTarget) -> Result<PurgePreview, StoreError> {
        let _guard = self.write_guard();
        let plan = self.purge_plan(target)?;
        self.apply_purge(&plan)?;
        // A form left unfinished about this person would bring them back.
        let mut records: Vec<(EntityKind, Id)> = plan.puts.iter().map(|p| (p.kind, p.id)).collect();
        records.push((plan.preview.kind, plan.preview.id));
        let values: Vec<String> = plan.preview.erased.iter().map(|(_, v)| v.clone()).collect();
        super::drafts::clear_naming(&self.dir, &records, &values);
        Ok(plan.preview)
    }

    fn purge_plan(&self, target: PurgeTarget) -> Result<Plan, StoreError> {
        match target {
            PurgeTarget::Household(id) => self.plan_household(id),
            PurgeTarget::Member(id) => self.plan_member(id),
            PurgeTarget::Party { case, index } => self.plan_party(case, index),
        }
    }

    fn plan_household(&self, id: Id) -> Result<Plan, StoreError> {
        let (old, old_bytes) = self.load::<Household>(id)?;
        let erased = [
            text(Field::HeadName, &old.head_name),
            old.head_birth_year.map(|y| (Field::HeadBirthYear, y.to_string())),
            opt(Field::NationalId, &old.national_id),
            opt(Field::Phone, &old.phone),
            text(Field::Address, &old.address),
            text(Field::Notes, &old.notes),
        ];
        let mut new = old.clone();
        new.purge_personal();
        new.stamp.updated_at = self.now();
        let mut puts = vec![Put::of(&old, &new)?];
        let commitments = self.commitments_of(id)?;
        let commitment_ids: HashSet<Id> = commitments.iter().map(|c| c.id).collect();
        for c in &commitments {
            let mut purged = c.clone();
            purged.purge_personal();
            if purged != *c {
                purged.stamp.updated_at = self.now();
                puts.push(Put::of(c, &purged)?);
            }
        }
        // Its attendance goes with it: every session forgets it.
        for item in self.table(T::Outreach).iter() {
            let session = decode::<Outreach>(&item?.1)?;
            let mut purged = session.clone();
            if purged.forget(id) {
                purged.stamp.updated_at = self.now();
                puts.push(Put::of(&session, &purged)?);
            }
        }
        let mut names = BTreeSet::from([old.head_name.clone()]);
        let audits = self.rewrite_audit(&mut names, |e| match e.entity {
            EntityKind::Outreach => {
                let before = e.before.as_deref().map(decode::<Outreach>).transpose()?;
                if !before.is_some_and(|s| s.attended(id)) {
                    return Ok(None);
                }
                purge_bytes::<Outreach>(e, |s| {
                    s.forget(id);
                    Vec::new()
                })
            }
            EntityKind::Household if e.entity_id == id => purge_bytes::<Household>(e, |h| {
                let name = h.head_name.clone();
                h.purge_personal();
                vec![name]
            }),
            EntityKind::Commitment => {
                let before = e.before.as_deref().map(decode::<Commitment>).transpose()?;
                let ours = commitment_ids.contains(&e.entity_id) || before.is_some_and(|c| c.household == id);
                if !ours {
                    return Ok(None);
                }
                purge_bytes::<Commitment>(e, |c| {
                    c.purge_personal();
                    Vec::new()
                })
            }
            _ => Ok(None),
        })?;
        let related = puts.len() - 1;
        let preview = PurgePreview {
            kind: EntityKind::Household,
            id,
            label: old.label(),
            reference: old.code.clone(),
            erased: erased.into_iter().flatten().collect(),
            related,
            audit_entries: audits.len(),
        };
        let purged_before = purge_record::<Household>(&old_bytes, Household::purge_personal)?;
        Ok(Plan { preview, puts, audits, purged_before })
    }

    fn plan_member(&self, id: Id) -> Result<Plan, StoreError> {
        let (old, old_bytes) = self.load::<Member>(id)?;
        let erased = [
            text(Field::FullName, &old.full_name),
            old.birth_date.map(|d| (Field::BirthDate, d.format("%d/%m/%Y").to_string())),
            opt(Field::Phone, &old.phone),
            opt(Field::NationalId, &old.national_id),
            old.household.map(|h| (Field::Household, format!("#{h}"))),
            text(Field::Notes, &old.notes),
            old.left.as_ref().and_then(|l| text(Field::LeftReason, &l.reason)),
        ];
        let mut new = old.clone();
        new.purge_personal();
        new.stamp.updated_at = self.now();
        let puts = vec![Put::of(&old, &new)?];
        let mut names = BTreeSet::from([old.full_name.clone()]);
        let audits = self.rewrite_audit(&mut names, |e| match e.entity {
            EntityKind::Member if e.entity_id == id => purge_bytes::<Member>(e, |m| {
                let name = m.full_name.clone();
                m.purge_personal();
                vec![name]
            }),
            _ => Ok(None),
        })?;
        let preview = PurgePreview {
            kind: EntityKind::Member,
            id,
            label: old.label(),
            reference: format!("#{id}"),
            erased: erased.into_iter().flatten().collect(),
            related: 0,
            audit_entries: audits.len(),
        };
        let purged_before = purge_record::<Member>(&old_bytes, Member::purge_personal)?;
        Ok(Plan { preview, puts, audits, purged_before })
    }

    fn plan_party(&self, case: Id, index: usize) -> Result<Plan, StoreError> {
        let (old, old_bytes) = self.load::<MediationCase>(case)?;
        let party = old.parties.get(index).ok_or_else(|| FieldError::new(Field::Parties, Problem::UnknownReference))?;
        if party.name == crate::domain::purge::PURGED_NAME {
            return Err(FieldError::new(Field::PartyName, Problem::UnknownReference).into());
        }
        let name = party.name.clone();
        let erased = [
            text(Field::PartyName, &party.name),
            party.age.map(|a| (Field::PartyAge, a.to_string())),
            text(Field::PartyAddress, &party.address),
            party.household.map(|h| (Field::Household, format!("#{h}"))),
        ];
        let mut new = old.clone();
        new.purge_party(&name);
        new.stamp.updated_at = self.now();
        let puts = vec![Put::of(&old, &new)?];
        let mut names = BTreeSet::from([name.clone()]);
        let audits = self.rewrite_audit(&mut names, |e| match e.entity {
            EntityKind::Case if e.entity_id == case => purge_bytes::<MediationCase>(e, |c| {
                c.purge_party(&name);
                Vec::new()
            }),
            _ => Ok(None),
        })?;
        let preview = PurgePreview {
            kind: EntityKind::Case,
            id: case,
            label: old.number(),
            reference: format!("{} ({})", old.number(), index + 1),
            erased: erased.into_iter().flatten().collect(),
            related: 0,
            audit_entries: audits.len(),
        };
        let purged_before = purge_record::<MediationCase>(&old_bytes, |c| {
            c.purge_party(&name);
        })?;
        Ok(Plan { preview, puts, audits, purged_before })
    }

    /// Every audit entry `purge` claims, with its old version purged, and
    /// then every name the versions held taken out of the labels of those
    /// entries. `purge` returns `None` for entries that are not about the
    /// person, or the new `before` and the names it erased.
    fn rewrite_audit(
        &self,
        names: &mut BTreeSet<String>,
        mut purge: impl FnMut(&AuditEntry) -> Result<Claimed, StoreError>,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let mut claimed = Vec::new();
        for kv in self.table(T::Audit).iter() {
            let mut entry = decode_audit(&kv?.1)?;
            if let Some((before, found)) = purge(&entry)? {
                entry.before = before;
                names.extend(found.into_iter().filter(|n| !n.is_empty()));
                claimed.push(entry);
            }
        }
        for entry in &mut claimed {
            for name in names.iter() {
                entry.summary = replace_name(&entry.summary, name);
            }
        }
        Ok(claimed)
    }

    fn apply_purge(&self, plan: &Plan) -> Result<(), StoreError> {
        let p = &plan.preview;
        let summary = format!("{} {}", p.reference, crate::domain::purge::PURGED_NAME);
        let id = self.db.generate_id()? + 1;
        let entry = AuditEntry {
            id,
            at: self.now(),
            operator: self.operator.clone(),
            entity: p.kind,
            entity_id: p.id,
            action: AuditAction::Purge,
            summary,
            group: id,
            before: Some(plan.purged_before.clone()),
        };
        let mut audit_puts: Vec<(Vec<u8>, Vec<u8>)> = Vec::with_capacity(plan.audits.len() + 1);
        for e in plan.audits.iter().chain([&entry]) {
            let bytes = codec::encode(AUDIT_VERSION, e)
                .map_err(|err| StoreError::Corrupt { tree: T::Audit.name(), detail: err.to_string() })?;
            audit_puts.push((e.id.to_be_bytes().to_vec(), bytes));
        }
        let mut order: BTreeSet<T> = BTreeSet::from([T::Search, T::Audit, T::IxAuditEntity]);
        for put in &plan.puts {
            order.insert(put.tree);
            order.extend(put.old_keys.iter().chain(&put.new_keys).map(|(t, _)| *t));
            order.extend(put.brief.as_ref().map(|_| T::Briefs));
        }
        let order: Vec<T> = order.into_iter().collect();
        let trees: Vec<sled::Tree> = order.iter().map(|t| self.raw(*t).clone()).collect();
        self.counters.transaction();
        let result = trees[..].transaction(|tx| {
            let tree = |t: T| {
                order.binary_search(&t).ok().and_then(|i| tx.get(i)).map(|tx| TxTable::new(t, tx)).ok_or_else(|| {
                    ConflictableTransactionError::Abort(StoreError::Storage(format!(
                        "tree {} not in transaction",
                        t.name()
                    )))
                })
            };
            for put in &plan.puts {
                let id_bytes = put.id.to_be_bytes();
                for (t, key) in put.old_keys.iter().filter(|k| !put.new_keys.contains(k)) {
                    tree(*t)?.remove(key.as_slice())?;
                }
                for (t, key) in &put.new_keys {
                    tree(*t)?.insert(key.as_slice(), id_bytes)?;
                }
                tree(put.tree)?.insert(id_bytes, put.bytes.as_slice())?;
                let skey = search_key(put.kind, put.id);
                match &put.search {
                    Some(text) => tree(T::Search)?.insert(skey, text.as_bytes())?,
                    None => tree(T::Search)?.remove(skey)?,
                };
            }
            let mut edits = plan.puts.iter().filter_map(|p| p.brief.as_ref()).peekable();
            if edits.peek().is_some() {
                briefs::apply_in(tree(T::Briefs)?.raw(), edits)?;
            }
            for (key, bytes) in &audit_puts {
                tree(T::Audit)?.insert(key.as_slice(), bytes.as_slice())?;
            }
            tree(T::IxAuditEntity)?.insert(audit_index_key(&entry), entry.id.to_be_bytes())?;
            Ok(())
        });
        match result {
            Ok(()) => {}
            Err(TransactionError::Abort(e)) => return Err(e),
            Err(TransactionError::Storage(e)) => return Err(e.into()),
        }
        self.flush()?;
        self.forget_search_index();
        Ok(())
    }
}

/// An audit entry's old version of an `R`, purged by `purge` (which returns
/// the names it erased); `Some((None, []))` for an entry without one.
fn purge_bytes<R: Record>(
    entry: &AuditEntry,
    purge: impl FnOnce(&mut R) -> Vec<String>,
) -> Result<Claimed, StoreError> {
    let Some(bytes) = entry.before.as_deref() else { return Ok(Some((None, Vec::new()))) };
    let mut rec = decode::<R>(bytes)?;
    let names = purge(&mut rec);
    Ok(Some((Some(encode(&rec)?), names)))
}

fn purge_record<R: Record>(bytes: &[u8], purge: impl FnOnce(&mut R)) -> Result<Vec<u8>, StoreError> {
    let mut rec = decode::<R>(bytes)?;
    purge(&mut rec);
    encode(&rec)
}
