//! Quick lookup across households, members, teams and cases.
//!
//! The folded text of each searchable record lives in the `search` tree,
//! written in the same transaction as the record. On the first search it is
//! loaded into memory once (a sequential read, no record decoding) and then
//! kept in step with every write. A process that searches once, and the
//! interface until the index is built, score the texts in one pass over
//! the tree instead ([`once`]): the same hits, in the same order.
//!
//! **What matches, in what order.** A text is fields joined by " | ", each
//! field words joined by spaces (name or number first). An entry matches
//! when each typed word is part of one of its words. Each typed word earns
//! its best place: 4 as a whole word, 3 at the start of a word, 1 inside
//! one, plus 1 in the first field. When every typed word starts a word the
//! entry earns 2 more per word, which puts it above every entry with a word
//! found only inside one. Words typed in order that start consecutive words
//! of the first field ("nguyen v" in "nguyen van an") earn 3 more per word
//! from its first word, 2 from a later one. Order: score, then kind, text
//! and id ([`score`] holds the definition).
//!
//! **How a keystroke stays fast.** A word index ([`words`]) lists every
//! distinct word once, sorted, with the entries holding it: the words that
//! start with a typed word are one binary-searched range, and the entries
//! are scored from those postings ([`tally`]) without reading their texts.
//! When fewer than the entries asked for have every word at a word start,
//! the words that hold a typed word inside are added, found by one `memmem`
//! pass over the word list. Ties are broken by a rank kept per entry
//! ([`entries`]), so the best `limit` are picked among integers.
//!
//! **Writes.** The word index is built on load and not changed: a write
//! only updates the entry's text and rank, and marks it so its old postings
//! are skipped and its text is scored directly. After `REINDEX_AFTER`
//! changes the next search builds the word index again.

mod bits;
mod collect;
mod entries;
mod keys;
mod once;
mod score;
mod tally;
mod words;

use collect::Collector;
use entries::{Entries, Slot, Unnumbered};
use score::{Query, Score, score_text};
use tally::{MOST_WORDS, Step, Tally};
use words::{Matched, Words};

use std::sync::atomic::Ordering;
use std::sync::{Arc, mpsc};

use sled::IVec;

use super::packed::Table;
use super::tables::{T, id_from_bytes};
use super::{Store, StoreError};
use crate::domain::text::fold;
use crate::domain::{EntityKind, Id};

/// Changes scored from their text before the word index is built again:
/// scoring them costs up to 0.3 ms a keystroke, a build about 100 ms at
/// 100,000 households.
const REINDEX_AFTER: usize = 1_000;

/// One match, best first in a result list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub kind: EntityKind,
    pub id: Id,
    pub score: u32,
}

#[derive(Default)]
pub struct SearchIndex {
    entries: Entries,
    words: Words,
    tally: Tally,
    /// Slots the word index does not hold (or holds stale): scored from
    /// their text. May name removed slots, which are skipped.
    outside: Vec<Slot>,
    /// Entries changed since the word index was built.
    changes: usize,
}

impl SearchIndex {
    /// The index of `items` (kind, id, folded text), with its word index.
    pub fn new(items: &[(EntityKind, Id, &str)]) -> SearchIndex {
        let mut loader = Loader::default();
        for (kind, id, text) in items {
            loader.push(*kind, *id, text);
        }
        loader.finish()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.len() == 0
    }

    pub fn upsert(&mut self, kind: EntityKind, id: Id, text: &str) {
        let slot = match self.entries.find(kind, id) {
            Some(slot) if !self.entries.replace(slot, text) => return,
            Some(slot) => slot,
            None => match self.entries.insert(kind, id, text) {
                Some(slot) => slot,
                None => return,
            },
        };
        if self.tally.leave_out(slot) {
            self.outside.push(slot);
        }
        self.changes += 1;
    }

    pub fn remove(&mut self, kind: EntityKind, id: Id) {
        let Some(slot) = self.entries.find(kind, id) else { return };
        self.entries.remove(slot);
        self.tally.leave_out(slot);
        self.outside.retain(|s| *s != slot);
        self.changes += 1;
    }

    /// Records whose text holds every word of `query` (folded), best first
    /// (see the module's definition); at most `limit`.
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        let folded = fold(query);
        let query = Query::new(&folded);
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        if self.changes > REINDEX_AFTER {
            let mut loader = Loader::default();
            for slot in self.entries.live() {
                if let Some(kind) = self.entries.kind(*slot) {
                    loader.push(kind, self.entries.id(*slot), self.entries.text(*slot));
                }
            }
            *self = loader.finish();
        }
        let scored = if query.len() > MOST_WORDS {
            self.score_texts(&query, self.entries.live())
        } else {
            self.score(&query, limit)
        };
        self.best(scored, limit)
    }

    /// Entries outside the word index from their texts; those inside from
    /// the words that start with each typed word, or, when fewer than
    /// `limit` entries have them all, from the words that hold them.
    fn score(&mut self, query: &Query, limit: usize) -> Vec<(Score, Slot)> {
        let mut scored = self.score_texts(query, &self.outside);
        let starting = self.score_indexed(query, limit, Words::starting);
        if starting.len() + scored.iter().filter(|(s, _)| s.at_word_starts).count() >= limit {
            scored.retain(|(s, _)| s.at_word_starts);
            scored.extend(starting);
        } else {
            scored.extend(self.score_indexed(query, limit, Words::containing));
        }
        scored
    }

    /// Indexed entries matching each typed word in the dictionary words
    /// `matched` finds: all of them, or for one typed word the best `limit`.
    fn score_indexed(
        &mut self,
        query: &Query,
        limit: usize,
        matched: fn(&Words, &[u8]) -> Matched,
    ) -> Vec<(Score, Slot)> {
        if let [typed] = query.words() {
            return self.tally.single(&self.words, query, &matched(&self.words, typed), limit);
        }
        let steps = query.words().iter().enumerate();
        let steps = steps.map(|(typed, w)| Step { typed, matched: matched(&self.words, w) }).collect();
        self.tally.run(&self.words, query, steps)
    }

    fn score_texts(&self, query: &Query, slots: &[Slot]) -> Vec<(Score, Slot)> {
        let live = slots.iter().filter(|s| self.entries.kind(**s).is_some());
        live.filter_map(|s| score_text(self.entries.text(*s), query).map(|score| (score, *s))).collect()
    }

    /// The best `limit` by score, then by rank (kind, text, id), as
    /// integers: score in the high half, rank in the low.
    fn best(&self, scored: Vec<(Score, Slot)>, limit: usize) -> Vec<Hit> {
        let key = |(score, slot): &(Score, Slot)| u64::from(!score.value) << 32 | u64::from(self.entries.rank(*slot));
        let mut keys: Vec<u64> = scored.iter().map(key).collect();
        if keys.len() > limit {
            keys.select_nth_unstable(limit - 1);
            keys.truncate(limit);
        }
        keys.sort_unstable();
        let hit = |key: u64| {
            let slot = self.entries.at_rank(key as u32)?;
            Some(Hit { kind: self.entries.kind(slot)?, id: self.entries.id(slot), score: !((key >> 32) as u32) })
        };
        keys.into_iter().filter_map(hit).collect()
    }

    /// Bytes the index holds (texts, word index, scratch).
    pub fn heap_bytes(&self) -> usize {
        self.entries.heap_bytes() + self.words.heap_bytes() + self.tally.heap_bytes() + 4 * self.outside.capacity()
    }
}

/// Builds an index from entries as they are read: their texts in one
/// buffer, their words numbered on the way.
#[derive(Default)]
struct Loader {
    entries: Unnumbered,
    words: Collector,
}

impl Loader {
    fn push(&mut self, kind: EntityKind, id: Id, text: &str) {
        if self.entries.push(kind, id, text) {
            self.words.add(text);
        }
    }

    fn finish(self) -> SearchIndex {
        let (entries, order) = self.entries.number();
        let (words, outside) = self.words.into_words(&order);
        let mut tally = Tally::new(entries.slots());
        for slot in &outside {
            tally.leave_out(*slot);
        }
        SearchIndex { entries, words, tally, outside, changes: 0 }
    }
}

impl Store {
    /// Quick lookup from the in-memory index, built here on first use;
    /// while the index is being built on its own thread
    /// ([`Store::warm_search_index`]), one pass over the `search` tree
    /// answers instead, so the clerk's first letters do not wait for it.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, StoreError> {
        if self.search_warming.load(Ordering::Acquire) {
            return once::search_tree(self.table(T::Search), query, limit);
        }
        let mut guard = self.search.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            *guard = Some(self.load_search_index()?);
        }
        Ok(guard.as_mut().map(|ix| ix.search(query, limit)).unwrap_or_default())
    }

    /// One search for a process that makes one (`soxa search`): from the
    /// index if it is there, else one pass over the `search` tree, which
    /// costs a fraction of building the index and holds no more than the
    /// hits. The same hits either way.
    pub fn search_once(&self, query: &str, limit: usize) -> Result<Vec<Hit>, StoreError> {
        if !self.search_warming.load(Ordering::Acquire)
            && let Ok(mut guard) = self.search.try_lock()
            && let Some(index) = guard.as_mut()
        {
            return Ok(index.search(query, limit));
        }
        once::search_tree(self.table(T::Search), query, limit)
    }

    fn load_search_index(&self) -> Result<SearchIndex, StoreError> {
        load_index(self.table(T::Search))
    }

    /// Builds the lookup's index on a thread of its own (~0.25 s at
    /// 100,000 households); the interface starts it once the first screen
    /// is drawn. Until it is there, searches make one pass over the tree
    /// instead of waiting. The thread holds the index's lock while it
    /// reads: a write made meanwhile updates the index once it is there
    /// (every write is in the tree before it updates the index, so nothing
    /// is missed or counted twice). A failure is left for the first search
    /// after it to report.
    pub fn warm_search_index(&self) {
        let slot = Arc::clone(&self.search);
        let warming = Arc::clone(&self.search_warming);
        let tree = self.table(T::Search).clone();
        warming.store(true, Ordering::Release);
        let spawned = std::thread::Builder::new().name("soxa-lookup".into()).spawn(move || {
            let mut guard = slot.lock().unwrap_or_else(|p| p.into_inner());
            if guard.is_none() {
                *guard = load_index(&tree).ok();
            }
            warming.store(false, Ordering::Release);
        });
        // Without a thread the first search builds the index itself.
        if spawned.is_err() {
            self.search_warming.store(false, Ordering::Release);
        }
    }
}

/// Reads the `search` tree on this thread while a second one (commune PCs
/// have two cores) copies the texts, numbers their words and then builds
/// the index, all its scratch memory in one place.
fn load_index(tree: &Table) -> Result<SearchIndex, StoreError> {
    let (send, receive) = mpsc::sync_channel::<Vec<(EntityKind, Id, IVec)>>(4);
    let (read, built) = std::thread::scope(|scope| {
        let building = scope.spawn(move || {
            let mut loader = Loader::default();
            for (kind, id, text) in receive.into_iter().flatten() {
                loader.push(kind, id, std::str::from_utf8(&text).map_err(|_| bad_entry())?);
            }
            Ok(loader.finish())
        });
        let read = read_search_tree(tree, send);
        (read, building.join().unwrap_or_else(|_| Err(StoreError::Storage("index builder stopped".into()))))
    });
    read?;
    built
}

/// Sends the entries of the `search` tree, a batch at a time, until the end
/// or until the receiver stops (it then says why).
fn read_search_tree(tree: &Table, send: mpsc::SyncSender<Vec<(EntityKind, Id, IVec)>>) -> Result<(), StoreError> {
    const BATCH: usize = 4096;
    let mut batch = Vec::with_capacity(BATCH);
    for kv in tree.iter() {
        let (key, text) = kv?;
        let (kind, id) = entry_key(&key)?;
        batch.push((kind, id, text));
        if batch.len() == BATCH && send.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).is_err() {
            return Ok(());
        }
    }
    // A receiver gone has failed, and says why.
    let _ = send.send(batch);
    Ok(())
}

/// The kind and id of a `search` tree key.
fn entry_key(key: &[u8]) -> Result<(EntityKind, Id), StoreError> {
    let kind = key.first().and_then(|c| EntityKind::from_code(*c));
    let id = key.get(1..).and_then(id_from_bytes);
    let (Some(kind), Some(id)) = (kind, id) else { return Err(bad_entry()) };
    Ok((kind, id))
}

fn bad_entry() -> StoreError {
    StoreError::Corrupt { tree: T::Search.name(), detail: "bad entry".into() }
}

#[cfg(test)]
mod tests;
