//! Trees stored packed (schema 5): many entries to one sled value.
//!
//! sled's open time and memory follow the number of keys it holds, not the
//! bytes (`benches/sled_probe.rs`: 13.6 ms and 8 MiB to open 100,000 keys,
//! 89.8 ms and 51 MiB for 1,000,000 holding the same bytes), and schema 4
//! kept over a million small ones at 100,000 households: a key per record,
//! per index entry and per search text. The biggest trees now keep their
//! entries in buckets: every logical key whose `u64` at byte `offset`
//! shares `value >> bits` (and whose bytes before it are the same) lives in
//! one value, under the bucket key `key[..offset] ++ (u64 >> bits) ++
//! [bits]`, as `codec::pack` frames it, in key order. Bucket keys sort as
//! their entries do, so the logical map keeps sled's order: `get`, ranges
//! and prefix scans read the few buckets they need and nothing else.
//!
//! `ix_household_code`, whose keys are text with no id to split on, is
//! kept by hash instead (`Layout::Hashed`: the top bits of the key's FNV-1a
//! hash, bucket keys ending with 0xFF): read by key or whole, never walked
//! in key order.
//!
//! [`Table`] is a tree as the rest of the store means it, packed or not;
//! [`TxTable`] the same inside a transaction, where a write reads its
//! bucket, changes the one entry and writes the bucket back, so a change is
//! still one sled transaction (or, buffered, keeps the bucket decoded in
//! [`TxBuckets`] and writes it once at the transaction's end); [`Edits`]
//! gathers a bulk load's writes to apply bucket by bucket. A bucket key is
//! one byte longer than the logical keys of its tree (and a hashed one ends
//! with a byte text never holds), so an entry of the old layout is told
//! from a bucket by its key alone: the migration folds such entries into
//! their buckets ([`Table::fold_old_entries`]), batch by atomic batch, and
//! may be cut short and run again.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Bound;

use sled::IVec;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::StoreError;
use super::codec;
use super::tables::{Layout, T};

impl Layout {
    /// Length of every bucket key of this layout.
    fn bucket_len(self) -> usize {
        match self {
            Layout::Ordered { offset, .. } => offset + 9,
            Layout::Hashed { .. } => 9,
        }
    }

    /// True for a key of this layout's buckets; false for an entry of the
    /// old layout (a logical key is never as long as an ordered tree's
    /// bucket key, and a hashed tree's keys are text, which never holds
    /// the byte 0xFF its bucket keys end with).
    fn is_bucket_key(self, key: &[u8]) -> bool {
        key.len() == self.bucket_len() && (matches!(self, Layout::Ordered { .. }) || key.last() == Some(&HASHED_TAG))
    }

    /// The bucket of a logical key, or `None` for a key too short to have
    /// one (no key of a packed tree is).
    fn bucket_of(self, key: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(self.bucket_len());
        match self {
            Layout::Ordered { offset, bits } => {
                let id = u64::from_be_bytes(<[u8; 8]>::try_from(key.get(offset..offset + 8)?).ok()?);
                out.extend_from_slice(&key[..offset]);
                out.extend_from_slice(&(id >> bits).to_be_bytes());
                out.push(bits as u8);
            }
            Layout::Hashed { bits } => {
                out.extend_from_slice(&(fnv1a(key) >> (64 - bits)).to_be_bytes());
                out.push(HASHED_TAG);
            }
        }
        Some(out)
    }

    /// The first bucket that can hold a key at or after `start`: `start`
    /// cut or padded with zero bytes to the bucketed `u64`'s end. Every key
    /// of the tree is at least that long, so none at or after `start` sorts
    /// in an earlier bucket. (A hashed tree starts at its first bucket.)
    fn first_bucket(self, start: &[u8]) -> Vec<u8> {
        let Layout::Ordered { offset, .. } = self else { return Vec::new() };
        let mut padded = start[..start.len().min(offset + 8)].to_vec();
        padded.resize(offset + 8, 0);
        self.bucket_of(&padded).unwrap_or_default()
    }
}

/// The last byte of a hashed tree's bucket keys.
const HASHED_TAG: u8 = 0xFF;

/// 64-bit FNV-1a: simple, and fixed forever (part of the file format,
/// unlike std's hasher, which may change between Rust releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

type Bucket = Vec<(IVec, IVec)>;

fn corrupt(t: T, detail: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt { tree: t.name(), detail: detail.to_string() }
}

/// The bucket key of `key` in tree `t`.
fn bucket_key(t: T, layout: Layout, key: &[u8]) -> Result<Vec<u8>, StoreError> {
    layout.bucket_of(key).ok_or_else(|| corrupt(t, "key too short for its bucket"))
}

/// The value under `key` among a bucket's entries (`spans` of `bytes`).
fn value_in(bytes: &[u8], spans: &[codec::Spans], key: &[u8]) -> Option<IVec> {
    let i = spans.binary_search_by(|(k, _)| bytes[k.clone()].cmp(key)).ok()?;
    Some(IVec::from(&bytes[spans[i].1.clone()]))
}

fn decode(t: T, bytes: &[u8]) -> Result<Bucket, StoreError> {
    let ranges = codec::unpack(bytes).map_err(|e| corrupt(t, e))?;
    Ok(ranges.into_iter().map(|(k, v)| (IVec::from(&bytes[k]), IVec::from(&bytes[v]))).collect())
}

/// The value under `key` in a bucket's bytes, read without copying its
/// neighbours (a lookup of one record reads one value of 32).
fn find(t: T, bytes: &[u8], key: &[u8]) -> Result<Option<IVec>, StoreError> {
    let spans = codec::unpack(bytes).map_err(|e| corrupt(t, e))?;
    Ok(value_in(bytes, &spans, key))
}

fn encode(t: T, bucket: &Bucket) -> Result<Vec<u8>, StoreError> {
    codec::pack(bucket).map_err(|e| corrupt(t, e))
}

/// Puts `value` (or its absence) under `key` in a bucket kept in key order;
/// false when the bucket already said exactly that.
fn splice(bucket: &mut Bucket, key: &[u8], value: Option<&[u8]>) -> bool {
    match (bucket.binary_search_by(|(k, _)| k.as_ref().cmp(key)), value) {
        (Ok(i), Some(v)) if bucket[i].1.as_ref() == v => false,
        (Ok(i), Some(v)) => {
            bucket[i].1 = IVec::from(v);
            true
        }
        (Ok(i), None) => {
            bucket.remove(i);
            true
        }
        (Err(i), Some(v)) => {
            bucket.insert(i, (IVec::from(key), IVec::from(v)));
            true
        }
        (Err(_), None) => false,
    }
}

/// One tree of the store as its entries mean it, whatever its layout.
#[derive(Clone)]
pub struct Table {
    t: T,
    tree: sled::Tree,
    layout: Option<Layout>,
}

impl Table {
    pub fn new(t: T, tree: sled::Tree) -> Table {
        Table { t, tree, layout: t.layout() }
    }

    fn bucket(&self, layout: Layout, key: &[u8]) -> Result<(Vec<u8>, Bucket), StoreError> {
        let bk = bucket_key(self.t, layout, key)?;
        let bucket = match self.tree.get(&bk)? {
            Some(bytes) => decode(self.t, &bytes)?,
            None => Vec::new(),
        };
        Ok((bk, bucket))
    }

    pub fn get(&self, key: impl AsRef<[u8]>) -> Result<Option<IVec>, StoreError> {
        let key = key.as_ref();
        let Some(layout) = self.layout else { return Ok(self.tree.get(key)?) };
        let bk = bucket_key(self.t, layout, key)?;
        match self.tree.get(bk)? {
            Some(bytes) => find(self.t, &bytes, key),
            None => Ok(None),
        }
    }

    /// The values of `keys`, in their order (`None`: absent); a run of keys
    /// in one bucket reads it once, so sorted keys read each bucket once
    /// (a report's 12,000 households: 3,000 reads instead of 12,000).
    pub fn get_each<K: AsRef<[u8]>>(&self, keys: &[K]) -> Result<Vec<Option<IVec>>, StoreError> {
        let Some(layout) = self.layout else { return keys.iter().map(|k| self.get(k)).collect() };
        let mut out = Vec::with_capacity(keys.len());
        let mut current: Option<(Vec<u8>, Option<IVec>, Vec<codec::Spans>)> = None;
        for key in keys {
            let key = key.as_ref();
            let bk = bucket_key(self.t, layout, key)?;
            if current.as_ref().is_none_or(|(k, _, _)| *k != bk) {
                let bytes = self.tree.get(&bk)?;
                let spans = match &bytes {
                    Some(b) => codec::unpack(b).map_err(|e| corrupt(self.t, e))?,
                    None => Vec::new(),
                };
                current = Some((bk, bytes, spans));
            }
            let found = current.as_ref().and_then(|(_, bytes, spans)| value_in(bytes.as_ref()?, spans, key));
            out.push(found);
        }
        Ok(out)
    }

    pub fn contains_key(&self, key: impl AsRef<[u8]>) -> Result<bool, StoreError> {
        Ok(self.get(key)?.is_some())
    }

    /// Writes one entry outside any transaction (migrations, tests).
    pub fn insert(&self, key: impl AsRef<[u8]>, value: impl AsRef<[u8]>) -> Result<(), StoreError> {
        self.put(key.as_ref(), Some(value.as_ref()))
    }

    /// Removes one entry outside any transaction (migrations, tests).
    pub fn remove(&self, key: impl AsRef<[u8]>) -> Result<(), StoreError> {
        self.put(key.as_ref(), None)
    }

    fn put(&self, key: &[u8], value: Option<&[u8]>) -> Result<(), StoreError> {
        let Some(layout) = self.layout else {
            match value {
                Some(v) => self.tree.insert(key, v)?,
                None => self.tree.remove(key)?,
            };
            return Ok(());
        };
        let (bk, mut bucket) = self.bucket(layout, key)?;
        if splice(&mut bucket, key, value) {
            self.write_bucket(bk, &bucket)?;
        }
        Ok(())
    }

    fn write_bucket(&self, bk: Vec<u8>, bucket: &Bucket) -> Result<(), StoreError> {
        match bucket.is_empty() {
            true => self.tree.remove(bk)?,
            false => self.tree.insert(bk, encode(self.t, bucket)?)?,
        };
        Ok(())
    }

    /// Every entry in key order.
    pub fn iter(&self) -> Entries {
        self.entries(&[], None)
    }

    /// Entries from `start` on, in key order.
    pub fn range_from(&self, start: &[u8]) -> Entries {
        self.entries(start, None)
    }

    /// Entries whose key starts with `prefix`, in key order.
    pub fn scan_prefix(&self, prefix: impl AsRef<[u8]>) -> Entries {
        let prefix = prefix.as_ref();
        self.entries(prefix, Some(prefix.to_vec()))
    }

    fn entries(&self, start: &[u8], prefix: Option<Vec<u8>>) -> Entries {
        let ordered = !matches!(self.layout, Some(Layout::Hashed { .. }));
        let refused = (!ordered && (!start.is_empty() || prefix.is_some()))
            .then(|| StoreError::Storage(format!("{} is kept by hash: read by key or whole", self.t.name())));
        let (raw, first) = match (self.layout, &prefix) {
            (None, Some(p)) => (self.tree.scan_prefix(p), Vec::new()),
            (None, None) => (self.tree.range::<&[u8], _>(start..), Vec::new()),
            (Some(layout), _) => (self.tree.range(layout.first_bucket(start)..), start.to_vec()),
        };
        Entries {
            t: self.t,
            raw,
            packed: self.layout,
            bucket: Vec::new().into_iter(),
            start: first,
            prefix,
            refused,
            done: false,
        }
    }

    /// How many entries the tree holds (reads every bucket's count).
    pub fn len(&self) -> usize {
        match self.layout {
            None => self.tree.len(),
            // A bucket that does not decode counts as empty here; `check`
            // reports it.
            Some(_) => self
                .tree
                .iter()
                .values()
                .filter_map(Result::ok)
                .filter_map(|b| b.get(1..5).and_then(|c| <[u8; 4]>::try_from(c).ok()))
                .map(|c| u32::from_be_bytes(c) as usize)
                .sum(),
        }
    }

    /// Applies a bulk load's writes: each bucket read, changed and written
    /// once, in one sled batch (atomic).
    pub fn apply(&self, edits: Edits) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        match self.layout {
            None => {
                for (k, v) in edits.0 {
                    match v {
                        Some(v) => batch.insert(k, v),
                        None => batch.remove(k),
                    }
                }
            }
            Some(layout) => self.batch_buckets(layout, edits, &mut batch)?,
        }
        self.tree.apply_batch(batch)?;
        Ok(())
    }

    /// Puts into `batch` every bucket `edits` change: each read once,
    /// changed, and written (or removed when left empty).
    fn batch_buckets(&self, layout: Layout, edits: Edits, batch: &mut sled::Batch) -> Result<(), StoreError> {
        for (bk, group) in by_bucket(self.t, layout, edits.0)? {
            let mut bucket = match self.tree.get(&bk)? {
                Some(bytes) => decode(self.t, &bytes)?,
                None => Vec::new(),
            };
            for (k, v) in &group {
                splice(&mut bucket, k, v.as_deref());
            }
            match bucket.is_empty() {
                true => batch.remove(bk),
                false => batch.insert(bk, encode(self.t, &bucket)?),
            }
        }
        Ok(())
    }

    /// Folds every entry still in the old, one-key-per-entry layout into
    /// its bucket, a batch at a time; each batch writes the buckets and
    /// removes the entries it folded atomically, so a crash part-way leaves
    /// every entry in exactly one place and a second run finishes the rest.
    /// Returns how many entries it folded.
    pub fn fold_old_entries(&self) -> Result<usize, StoreError> {
        let Some(layout) = self.layout else { return Ok(0) };
        let mut folded = 0;
        let mut after: Option<IVec> = None;
        loop {
            let from = after.as_ref().map_or(Bound::Unbounded, |k| Bound::Excluded(k.clone()));
            let mut old = Edits::default();
            let mut removed = Vec::new();
            for kv in self.tree.range::<IVec, _>((from, Bound::Unbounded)) {
                let (k, v) = kv?;
                if !layout.is_bucket_key(&k) {
                    old.insert(&k, &v);
                    removed.push(k);
                    if removed.len() == FOLD_BATCH {
                        break;
                    }
                }
            }
            let Some(last) = removed.last().cloned() else { return Ok(folded) };
            let mut batch = sled::Batch::default();
            self.batch_buckets(layout, old, &mut batch)?;
            for k in &removed {
                batch.remove(k.clone());
            }
            self.tree.apply_batch(batch)?;
            folded += removed.len();
            after = Some(last);
        }
    }
}

/// Entries folded per atomic batch by [`Table::fold_old_entries`].
const FOLD_BATCH: usize = 20_000;

type Group = Vec<(Vec<u8>, Option<Vec<u8>>)>;

/// Edits grouped by bucket (in a hashed tree, neighbouring keys lie in
/// buckets far apart), so each bucket is read and written once.
fn by_bucket(
    t: T,
    layout: Layout,
    edits: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
) -> Result<BTreeMap<Vec<u8>, Group>, StoreError> {
    let mut out: BTreeMap<Vec<u8>, Group> = BTreeMap::new();
    for (k, v) in edits {
        let bk = bucket_key(t, layout, &k)?;
        out.entry(bk).or_default().push((k, v));
    }
    Ok(out)
}

/// A bulk load's writes to one tree, applied by [`Table::apply`].
#[derive(Default)]
pub struct Edits(BTreeMap<Vec<u8>, Option<Vec<u8>>>);

impl Edits {
    pub fn insert(&mut self, key: impl AsRef<[u8]>, value: impl AsRef<[u8]>) {
        self.0.insert(key.as_ref().to_vec(), Some(value.as_ref().to_vec()));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The entries of a [`Table`] in key order.
pub struct Entries {
    t: T,
    raw: sled::Iter,
    packed: Option<Layout>,
    bucket: std::vec::IntoIter<(IVec, IVec)>,
    /// Packed only: entries before it are skipped.
    start: Vec<u8>,
    /// Entries must start with it; the first that does not ends the walk.
    prefix: Option<Vec<u8>>,
    /// A walk in key order asked of a hashed tree: said once, then the end.
    refused: Option<StoreError>,
    done: bool,
}

impl Iterator for Entries {
    type Item = Result<(IVec, IVec), StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if let Some(e) = self.refused.take() {
            self.done = true;
            return Some(Err(e));
        }
        let Some(layout) = self.packed else { return self.raw.next().map(|kv| kv.map_err(StoreError::from)) };
        loop {
            if let Some((k, v)) = self.bucket.next() {
                if k.as_ref() < self.start.as_slice() {
                    continue;
                }
                if self.prefix.as_ref().is_some_and(|p| !k.starts_with(p)) {
                    self.done = true;
                    return None;
                }
                return Some(Ok((k, v)));
            }
            let next = match self.raw.next()? {
                Ok((bk, bytes)) if layout.is_bucket_key(&bk) => decode(self.t, &bytes),
                Ok(_) => Err(corrupt(self.t, "an entry of the old layout is left (the upgrade was cut short)")),
                Err(e) => Err(e.into()),
            };
            match next {
                Ok(bucket) => self.bucket = bucket.into_iter(),
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

type TxResult<V> = Result<V, ConflictableTransactionError<StoreError>>;

/// The buckets a transaction has changed, kept decoded until it ends, so
/// that its many writes to one bucket (a chunk of an import writes each of
/// 32 records' bucket 32 times) read, decode and encode it once: the
/// transaction's writes land by [`TxBuckets::write`], called last, as the
/// same values the writes one at a time would have left. Made afresh inside
/// each run of the transaction's closure (sled may run it again).
#[derive(Default)]
pub struct TxBuckets(RefCell<BTreeMap<Slot, (Bucket, bool)>>);

/// A bucket of one tree: its tree and bucket key.
type Slot = (T, Vec<u8>);

impl TxBuckets {
    /// Writes every changed bucket through `tree` (an empty one is
    /// removed), each once, and forgets them.
    pub fn write<'a>(&self, tree: &dyn Fn(T) -> TxResult<TxTable<'a>>) -> TxResult<()> {
        let changed = std::mem::take(&mut *self.0.borrow_mut());
        for ((t, bk), (bucket, dirty)) in changed {
            if !dirty {
                continue;
            }
            let tx = tree(t)?.tx;
            match bucket.is_empty() {
                true => tx.remove(bk)?,
                false => tx.insert(bk, encode(t, &bucket).map_err(ConflictableTransactionError::Abort)?)?,
            };
        }
        Ok(())
    }
}

/// A [`Table`] inside a sled transaction.
#[derive(Clone, Copy)]
pub struct TxTable<'a> {
    t: T,
    tx: &'a TransactionalTree,
    /// Where packed writes wait for the transaction's end; without it,
    /// each write reads and writes its bucket at once.
    pending: Option<&'a TxBuckets>,
}

impl<'a> TxTable<'a> {
    pub fn new(t: T, tx: &'a TransactionalTree) -> Self {
        TxTable { t, tx, pending: None }
    }

    /// A table whose packed writes wait in `pending` until
    /// [`TxBuckets::write`], which the transaction must call before it ends.
    pub fn buffered(t: T, tx: &'a TransactionalTree, pending: &'a TxBuckets) -> Self {
        TxTable { t, tx, pending: Some(pending) }
    }

    /// The tree underneath, for a tree with its own packing (`briefs`).
    pub fn raw(&self) -> &'a TransactionalTree {
        self.tx
    }

    fn bucket_key(&self, layout: Layout, key: &[u8]) -> TxResult<Vec<u8>> {
        let abort = ConflictableTransactionError::Abort;
        bucket_key(self.t, layout, key).map_err(abort)
    }

    fn load(&self, bk: &[u8]) -> TxResult<Bucket> {
        Ok(match self.tx.get(bk)? {
            Some(bytes) => decode(self.t, &bytes).map_err(ConflictableTransactionError::Abort)?,
            None => Vec::new(),
        })
    }

    /// Makes sure bucket `bk` is in `pending` (read and decoded if not);
    /// returns its place there.
    fn cached(&self, pending: &TxBuckets, bk: Vec<u8>) -> TxResult<Slot> {
        let slot = (self.t, bk);
        if !pending.0.borrow().contains_key(&slot) {
            let bucket = self.load(&slot.1)?;
            pending.0.borrow_mut().insert(slot.clone(), (bucket, false));
        }
        Ok(slot)
    }

    pub fn get(&self, key: impl AsRef<[u8]>) -> TxResult<Option<IVec>> {
        let key = key.as_ref();
        let Some(layout) = self.t.layout() else { return Ok(self.tx.get(key)?) };
        let bk = self.bucket_key(layout, key)?;
        if let Some(pending) = self.pending {
            // Kept decoded: a key read in a transaction (a unique key
            // checked) is most often written next.
            let slot = self.cached(pending, bk)?;
            let map = pending.0.borrow();
            let found = map.get(&slot).and_then(|(bucket, _)| {
                let i = bucket.binary_search_by(|(k, _)| k.as_ref().cmp(key)).ok()?;
                bucket.get(i).map(|(_, v)| v.clone())
            });
            return Ok(found);
        }
        match self.tx.get(bk)? {
            Some(bytes) => find(self.t, &bytes, key).map_err(ConflictableTransactionError::Abort),
            None => Ok(None),
        }
    }

    pub fn insert(&self, key: impl AsRef<[u8]>, value: impl AsRef<[u8]>) -> TxResult<()> {
        self.put(key.as_ref(), Some(value.as_ref()))
    }

    pub fn remove(&self, key: impl AsRef<[u8]>) -> TxResult<()> {
        self.put(key.as_ref(), None)
    }

    fn put(&self, key: &[u8], value: Option<&[u8]>) -> TxResult<()> {
        let Some(layout) = self.t.layout() else {
            match value {
                Some(v) => self.tx.insert(key, v)?,
                None => self.tx.remove(key)?,
            };
            return Ok(());
        };
        let bk = self.bucket_key(layout, key)?;
        if let Some(pending) = self.pending {
            let slot = self.cached(pending, bk)?;
            let mut map = pending.0.borrow_mut();
            if let Some((bucket, dirty)) = map.get_mut(&slot)
                && splice(bucket, key, value)
            {
                *dirty = true;
            }
            return Ok(());
        }
        let mut bucket = self.load(&bk)?;
        if splice(&mut bucket, key, value) {
            match bucket.is_empty() {
                true => self.tx.remove(bk)?,
                false => self.tx.insert(bk, encode(self.t, &bucket).map_err(ConflictableTransactionError::Abort)?)?,
            };
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
