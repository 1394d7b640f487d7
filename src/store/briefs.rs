//! The `briefs` tree: the brief of every household, commitment and case
//! (`domain::brief`), packed by bucket so the summary reads a few hundred
//! values instead of decoding 400,000 records.
//!
//! A bucket holds the briefs of one kind whose ids share `id >> BUCKET_BITS`,
//! in id order, as one codec value. Every write that changes such a record
//! rewrites its bucket in the same transaction (`write::transact`, `purge`),
//! or in the same batch for the demo's bulk load, so a brief is never older
//! than its record; `soxa check` rebuilds every bucket from the records and
//! compares (`check`). Databases of schema 1, which had no briefs, get them
//! built once at their migration ([`Store::rebuild_briefs`]).

use std::collections::BTreeMap;

use sled::IVec;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::codec::{self, CodecError};
use super::record::{Record, by_kind};
use super::tables::{Key, T};
use super::{Store, StoreError};
use crate::domain::brief::{Brief, CaseBrief, CommitmentBrief, HouseholdBrief};
use crate::domain::{EntityKind, Id};

/// Ids per bucket: 512. At most a few tens of KiB per value, so rewriting a
/// bucket on each save stays well under a millisecond, while 100,000
/// households with their commitments and cases fill under a thousand.
pub const BUCKET_BITS: u32 = 9;

/// Version byte of a bucket value.
const VERSION: u8 = 1;

/// The new brief of one record; `None` when the record is gone.
#[derive(Clone, Debug)]
pub(super) struct BriefEdit {
    pub kind: EntityKind,
    pub id: Id,
    pub brief: Option<Brief>,
}

impl BriefEdit {
    /// The edit a change from `old` to `new` implies, if the record kind has
    /// briefs at all.
    pub fn of<R: Record>(old: Option<&R>, new: Option<&R>) -> Option<BriefEdit> {
        let brief = new.and_then(R::brief);
        let had = old.is_some_and(|r| r.brief().is_some());
        let id = new.or(old).map(R::id)?;
        (brief.is_some() || had).then_some(BriefEdit { kind: R::KIND, id, brief })
    }
}

fn bucket_key(kind: EntityKind, id: Id) -> Vec<u8> {
    Key::new().u8(kind.code()).u64(id >> BUCKET_BITS).build()
}

pub(super) fn decode_bucket(bytes: &[u8]) -> Result<Vec<Brief>, CodecError> {
    codec::decode_current(bytes, VERSION)
}

fn encode_bucket(briefs: &[Brief]) -> Result<Vec<u8>, CodecError> {
    codec::encode(VERSION, &briefs)
}

fn corrupt(e: CodecError) -> StoreError {
    StoreError::Corrupt { tree: T::Briefs.name(), detail: e.to_string() }
}

/// Puts `brief` (or its absence) for `id` into a bucket kept in id order.
fn splice(bucket: &mut Vec<Brief>, id: Id, brief: Option<Brief>) {
    match (bucket.binary_search_by_key(&id, Brief::id), brief) {
        (Ok(i), Some(b)) => bucket[i] = b,
        (Ok(i), None) => {
            bucket.remove(i);
        }
        (Err(i), Some(b)) => bucket.insert(i, b),
        (Err(_), None) => {}
    }
}

/// Edits grouped by bucket, in order, so each bucket is read and written
/// once however many of its records change together (an import chunk).
fn by_bucket<'a>(edits: impl IntoIterator<Item = &'a BriefEdit>) -> BTreeMap<Vec<u8>, Vec<&'a BriefEdit>> {
    let mut out: BTreeMap<Vec<u8>, Vec<&BriefEdit>> = BTreeMap::new();
    for e in edits {
        out.entry(bucket_key(e.kind, e.id)).or_default().push(e);
    }
    out
}

/// Applies edits inside a transaction over the `briefs` tree.
pub(super) fn apply_in<'a>(
    tx: &TransactionalTree,
    edits: impl IntoIterator<Item = &'a BriefEdit>,
) -> Result<(), ConflictableTransactionError<StoreError>> {
    let abort = |e: CodecError| ConflictableTransactionError::Abort(corrupt(e));
    for (key, edits) in by_bucket(edits) {
        let mut bucket = match tx.get(&key)? {
            Some(bytes) => decode_bucket(&bytes).map_err(abort)?,
            None => Vec::new(),
        };
        for e in edits {
            splice(&mut bucket, e.id, e.brief.clone());
        }
        if bucket.is_empty() {
            tx.remove(key)?;
        } else {
            tx.insert(key, encode_bucket(&bucket).map_err(abort)?)?;
        }
    }
    Ok(())
}

/// Every brief, by kind, in id order: what the summary reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AllBriefs {
    pub households: Vec<HouseholdBrief>,
    pub commitments: Vec<CommitmentBrief>,
    pub cases: Vec<CaseBrief>,
}

impl AllBriefs {
    /// Adds `later`'s briefs after this one's, kind by kind.
    fn append(&mut self, mut later: AllBriefs) {
        self.households.append(&mut later.households);
        self.commitments.append(&mut later.commitments);
        self.cases.append(&mut later.cases);
    }

    fn push(&mut self, brief: Brief) {
        match brief {
            Brief::Household(b) => self.households.push(b),
            Brief::Commitment(b) => self.commitments.push(b),
            Brief::Case(b) => self.cases.push(b),
        }
    }
}

/// Where to cut `buckets` in two halves of about equal bytes: the first
/// index of the second half (`buckets.len()` for fewer than two buckets).
fn halfway(buckets: &[IVec]) -> usize {
    let total: usize = buckets.iter().map(|b| b.len()).sum();
    let mut so_far = 0;
    let cut = buckets.iter().position(|b| {
        so_far += b.len();
        so_far * 2 >= total
    });
    cut.map_or(buckets.len(), |i| i + 1)
}

/// The briefs of `buckets` that `keep` accepts, in order.
fn decode_kept(buckets: &[IVec], keep: &(impl Fn(&Brief) -> bool + Sync)) -> Result<AllBriefs, StoreError> {
    let mut out = AllBriefs::default();
    for bytes in buckets {
        for brief in decode_bucket(bytes).map_err(corrupt)? {
            if keep(&brief) {
                out.push(brief);
            }
        }
    }
    Ok(out)
}

impl Store {
    /// Every brief of the database; `keep` filters commitments and cases
    /// as they are decoded, so only the ones a period needs are held.
    ///
    /// The buckets are read in key order, then decoded in two halves of
    /// about equal bytes, the second on another thread (commune PCs have
    /// two cores: at 100,000 households decoding is most of the dashboard's
    /// first frame); the halves are joined in key order, so the result is
    /// the same as one pass.
    pub fn briefs(
        &self,
        keep_commitment: impl Fn(&CommitmentBrief) -> bool + Sync,
        keep_case: impl Fn(&CaseBrief) -> bool + Sync,
    ) -> Result<AllBriefs, StoreError> {
        let buckets: Vec<IVec> = self.table(T::Briefs).iter().map(|kv| kv.map(|(_, v)| v)).collect::<Result<_, _>>()?;
        let keep = |brief: &Brief| match brief {
            Brief::Household(_) => true,
            Brief::Commitment(c) => keep_commitment(c),
            Brief::Case(c) => keep_case(c),
        };
        let (first, second) = buckets.split_at(halfway(&buckets));
        let (first, second) = std::thread::scope(|scope| {
            let later = (!second.is_empty()).then(|| scope.spawn(|| decode_kept(second, &keep)));
            let first = decode_kept(first, &keep);
            let second = match later {
                Some(later) => later.join().unwrap_or_else(|_| Err(StoreError::Storage("brief reader stopped".into()))),
                None => Ok(AllBriefs::default()),
            };
            (first, second)
        });
        let mut out = first?;
        out.append(second?);
        Ok(out)
    }

    /// The commitment briefs `keep` accepts, in id order, reading only
    /// the commitments' buckets.
    pub fn commitment_briefs(
        &self,
        mut keep: impl FnMut(&CommitmentBrief) -> bool,
    ) -> Result<Vec<CommitmentBrief>, StoreError> {
        let mut out = Vec::new();
        for kv in self.table(T::Briefs).scan_prefix([EntityKind::Commitment.code()]) {
            let (_, bytes) = kv?;
            for brief in decode_bucket(&bytes).map_err(corrupt)? {
                match brief {
                    Brief::Commitment(c) if keep(&c) => out.push(c),
                    Brief::Commitment(_) => {}
                    other => {
                        return Err(corrupt(CodecError::Payload(format!(
                            "brief {} in a commitment bucket",
                            other.id()
                        ))));
                    }
                }
            }
        }
        Ok(out)
    }

    /// The buckets the records imply, built from scratch.
    pub(super) fn implied_buckets(&self) -> Result<BTreeMap<Vec<u8>, Vec<Brief>>, StoreError> {
        fn add<R: Record>(s: &Store, out: &mut BTreeMap<Vec<u8>, Vec<Brief>>) -> Result<(), StoreError> {
            for kv in s.table(R::TREE).iter() {
                let (_, bytes) = kv?;
                let rec = R::decode(&bytes)
                    .map_err(|e| StoreError::Corrupt { tree: R::TREE.name(), detail: e.to_string() })?;
                if let Some(brief) = rec.brief() {
                    // Records come in id order, so each bucket stays sorted.
                    out.entry(bucket_key(R::KIND, rec.id())).or_default().push(brief);
                }
            }
            Ok(())
        }
        let mut out = BTreeMap::new();
        for kind in EntityKind::ALL {
            by_kind!(kind, R => if R::BRIEFED { add::<R>(self, &mut out)? }, Commune => {}, Period => {});
        }
        Ok(out)
    }

    /// Replaces the whole `briefs` tree by what the records imply (the
    /// migration from schema 1). Not flushed: the caller flushes.
    pub(super) fn rebuild_briefs(&self) -> Result<(), StoreError> {
        let tree = self.raw(T::Briefs);
        tree.clear()?;
        for (key, bucket) in self.implied_buckets()? {
            tree.insert(key, encode_bucket(&bucket).map_err(corrupt)?)?;
        }
        Ok(())
    }

    /// Adds briefs of new records (the demo's bulk load) to `batch`, merged
    /// with what their buckets already hold.
    pub(super) fn batch_briefs(&self, edits: &[BriefEdit], batch: &mut super::packed::Edits) -> Result<(), StoreError> {
        for (key, edits) in by_bucket(edits) {
            let mut bucket = match self.table(T::Briefs).get(&key)? {
                Some(bytes) => decode_bucket(&bytes).map_err(corrupt)?,
                None => Vec::new(),
            };
            for e in edits {
                splice(&mut bucket, e.id, e.brief.clone());
            }
            batch.insert(key, encode_bucket(&bucket).map_err(corrupt)?);
        }
        Ok(())
    }
}
