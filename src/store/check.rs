//! `soxa check`: records and their derived trees must agree.
//!
//! Forward: every record decodes, sits under its own id, has each index entry
//! and search text it implies, and points only at records that exist.
//! Backward: every index, search and audit-index entry belongs to a record
//! that implies it. Reports every mismatch; repairs nothing.

use std::fmt;

use super::briefs::decode_bucket;
use super::record::{Record, by_kind, search_key, tree_of};
use super::tables::{IndexKeys, T, id_from_bytes, trailing_id};
use super::write::audit_index_key;
use super::{Store, StoreError, query::decode_audit};
use crate::domain::brief::Brief;
use crate::domain::{EntityKind, Id};

/// One disagreement found by `check`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    pub tree: &'static str,
    pub id: Option<Id>,
    pub what: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.id {
            Some(id) => write!(f, "{} #{}: {}", self.tree, id, self.what),
            None => write!(f, "{}: {}", self.tree, self.what),
        }
    }
}

impl Mismatch {
    /// What kind of problem this is, without the record it is about
    /// ("briefs: brief missing"), to count problems by kind.
    pub fn kind(&self) -> String {
        let head = self.what.split([':', '(', '#', '[', '{']).next().unwrap_or_default();
        let head = head.trim().trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
        format!("{}: {head}", self.tree)
    }
}

fn mismatch(t: T, id: Option<Id>, what: impl Into<String>) -> Mismatch {
    Mismatch { tree: t.name(), id, what: what.into() }
}

impl Store {
    /// Verifies the whole database; an empty list means all is well.
    pub fn check(&self) -> Result<Vec<Mismatch>, StoreError> {
        let mut found = Vec::new();
        for kind in EntityKind::ALL {
            by_kind!(kind, R => self.check_records::<R>(&mut found)?, Commune => {}, Period => {});
        }
        let own_check = [T::IxAuditEntity, T::Search, T::Briefs];
        for t in T::ALL.into_iter().filter(|t| t.is_derived() && !own_check.contains(t)) {
            self.check_index(t, &mut found)?;
        }
        self.check_search(&mut found)?;
        self.check_briefs(&mut found)?;
        self.check_audit(&mut found)?;
        self.check_closed(&mut found)?;
        if let Err(e) = self.commune() {
            found.push(mismatch(T::Commune, None, e.to_string()));
        }
        Ok(found)
    }

    fn check_records<R: Record>(&self, found: &mut Vec<Mismatch>) -> Result<(), StoreError> {
        for kv in self.table(R::TREE).iter() {
            let (key, bytes) = kv?;
            let key_id = id_from_bytes(&key);
            let rec = match R::decode(&bytes) {
                Ok(r) => r,
                Err(e) => {
                    found.push(mismatch(R::TREE, key_id, format!("does not decode: {e}")));
                    continue;
                }
            };
            if key_id != Some(rec.id()) {
                found.push(mismatch(R::TREE, key_id, format!("stored under the wrong key (id {})", rec.id())));
            }
            self.check_implied(&rec, found)?;
        }
        Ok(())
    }

    fn check_implied<R: Record>(&self, rec: &R, found: &mut Vec<Mismatch>) -> Result<(), StoreError> {
        let id = rec.id();
        for (t, key) in rec.index_keys() {
            match self.table(t).get(&key)?.and_then(|v| id_from_bytes(&v)) {
                Some(owner) if owner == id => {}
                Some(owner) => found.push(mismatch(t, Some(id), format!("index entry points to {owner}"))),
                None => found.push(mismatch(t, Some(id), "index entry missing")),
            }
        }
        let stored = self.table(T::Search).get(search_key(R::KIND, id))?;
        if stored.as_deref() != rec.search_text().as_ref().map(String::as_bytes) {
            found.push(mismatch(T::Search, Some(id), "search text missing or stale"));
        }
        for (t, target, _) in rec.references() {
            if !self.table(t).contains_key(target.to_be_bytes())? {
                found.push(mismatch(R::TREE, Some(id), format!("points to missing {} #{target}", t.name())));
            }
        }
        Ok(())
    }

    fn check_index(&self, t: T, found: &mut Vec<Mismatch>) -> Result<(), StoreError> {
        for kv in self.table(t).iter() {
            let (key, value) = kv?;
            let Some(id) = id_from_bytes(&value) else {
                found.push(mismatch(t, None, "entry value is not an id"));
                continue;
            };
            if !t.is_unique() && trailing_id(&key) != Some(id) {
                found.push(mismatch(t, Some(id), "entry key does not end with its id"));
            }
            match self.implied_keys(t.owner(), id)? {
                Some(keys) if keys.contains(&(t, key.to_vec())) => {}
                Some(_) => found.push(mismatch(t, Some(id), "stale index entry")),
                None => found.push(mismatch(t, Some(id), "index entry for a missing record")),
            }
        }
        Ok(())
    }

    fn check_search(&self, found: &mut Vec<Mismatch>) -> Result<(), StoreError> {
        for kv in self.table(T::Search).iter() {
            let (key, _) = kv?;
            let kind = key.first().and_then(|c| EntityKind::from_code(*c));
            let id = key.get(1..).and_then(id_from_bytes);
            let (Some(kind), Some(id)) = (kind, id) else {
                found.push(mismatch(T::Search, None, "unreadable key"));
                continue;
            };
            if !self.table(tree_of(kind)).contains_key(id.to_be_bytes())? {
                found.push(mismatch(T::Search, Some(id), "search text for a missing record"));
            }
        }
        Ok(())
    }

    fn check_audit(&self, found: &mut Vec<Mismatch>) -> Result<(), StoreError> {
        for kv in self.table(T::Audit).iter() {
            let (key, bytes) = kv?;
            match decode_audit(&bytes) {
                Ok(entry) => {
                    if !self.table(T::IxAuditEntity).contains_key(audit_index_key(&entry))? {
                        found.push(mismatch(T::IxAuditEntity, Some(entry.id), "audit index entry missing"));
                    }
                }
                Err(e) => found.push(mismatch(T::Audit, id_from_bytes(&key), format!("does not decode: {e}"))),
            }
        }
        for kv in self.table(T::IxAuditEntity).iter() {
            let (_, value) = kv?;
            let present = match id_from_bytes(&value) {
                Some(id) => self.table(T::Audit).contains_key(id.to_be_bytes())?,
                None => false,
            };
            if !present {
                found.push(mismatch(T::IxAuditEntity, id_from_bytes(&value), "points to a missing audit entry"));
            }
        }
        Ok(())
    }

    /// The index keys the record `id` in `tree` implies, if it exists and decodes.
    fn implied_keys(&self, tree: T, id: Id) -> Result<Option<IndexKeys>, StoreError> {
        fn keys<R: Record>(s: &Store, id: Id) -> Result<Option<IndexKeys>, StoreError> {
            Ok(s.get::<R>(id).ok().flatten().map(|r| r.index_keys()))
        }
        match EntityKind::ALL.into_iter().find(|k| tree_of(*k) == tree) {
            Some(kind) => by_kind!(kind, R => keys::<R>(self, id), Commune => Ok(None), Period => Ok(None)),
            None => Ok(None),
        }
    }
}

impl Store {
    /// `check`: every bucket is exactly what the records imply.
    fn check_briefs(&self, found: &mut Vec<Mismatch>) -> Result<(), StoreError> {
        let mut implied = self.implied_buckets()?;
        let mismatch = |what: String| Mismatch { tree: T::Briefs.name(), id: None, what };
        for kv in self.table(T::Briefs).iter() {
            let (key, bytes) = kv?;
            let stored = match decode_bucket(&bytes) {
                Ok(b) => b,
                Err(e) => {
                    found.push(mismatch(format!("bucket {key:?} does not decode: {e}")));
                    continue;
                }
            };
            match implied.remove(key.as_ref()) {
                Some(expected) if expected == stored => {}
                Some(expected) => {
                    let stale = expected.iter().filter(|b| !stored.contains(b)).map(Brief::id);
                    let extra = stored.iter().filter(|b| !expected.contains(b)).map(Brief::id);
                    for id in stale.chain(extra).collect::<std::collections::BTreeSet<Id>>() {
                        found.push(Mismatch {
                            tree: T::Briefs.name(),
                            id: Some(id),
                            what: "brief missing or stale".into(),
                        });
                    }
                }
                None => found.push(mismatch(format!("bucket {key:?} holds briefs of no record"))),
            }
        }
        for bucket in implied.values() {
            for b in bucket {
                found.push(Mismatch { tree: T::Briefs.name(), id: Some(b.id()), what: "brief missing".into() });
            }
        }
        Ok(())
    }
}
