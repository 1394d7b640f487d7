//! One search without the word index: every text of the `search` tree
//! scored as it is read, by the same definition ([`score_text`]), the best
//! `limit` kept in a small heap in the index's order (score, then kind,
//! text and id). For a process that searches once (`soxa search`) and for
//! the interface's keystrokes while the index is still being built:
//! reading and scoring the texts costs a fraction of building the index
//! from them, and only the entries kept are held.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::score::{Query, score_text};
use super::{Hit, bad_entry, entry_key};
use crate::domain::text::fold;
use crate::domain::{EntityKind, Id};
use crate::store::StoreError;

/// The best hits of `query` among the entries of a `search` tree.
pub fn search_tree(tree: &crate::store::packed::Table, query: &str, limit: usize) -> Result<Vec<Hit>, StoreError> {
    let entries = tree.iter().map(|kv| {
        let (key, text) = kv?;
        let (kind, id) = entry_key(&key)?;
        Ok((kind, id, text))
    });
    one_pass(entries, query, limit)
}

/// The best `limit` hits of `query` among `entries` (kind, id, folded
/// text), best first; the first error stops the pass.
pub fn one_pass<T, I>(entries: I, query: &str, limit: usize) -> Result<Vec<Hit>, StoreError>
where
    T: AsRef<[u8]>,
    I: IntoIterator<Item = Result<(EntityKind, Id, T), StoreError>>,
{
    let folded = fold(query);
    let query = Query::new(&folded);
    if query.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let mut best = Best::new(limit);
    for entry in entries {
        let (kind, id, text) = entry?;
        let Ok(words) = std::str::from_utf8(text.as_ref()) else { return Err(bad_entry()) };
        if let Some(score) = score_text(words, &query) {
            best.offer(Candidate { score: score.value, kind, id, text });
        }
    }
    Ok(best.hits())
}

/// The best `limit` candidates offered so far: a heap whose top is the
/// one that ranks last, replaced when a better one comes.
struct Best<T> {
    limit: usize,
    heap: BinaryHeap<Candidate<T>>,
}

impl<T: AsRef<[u8]>> Best<T> {
    fn new(limit: usize) -> Best<T> {
        Best { limit, heap: BinaryHeap::with_capacity(limit.min(1 << 12) + 1) }
    }

    fn offer(&mut self, candidate: Candidate<T>) {
        if self.heap.len() < self.limit {
            self.heap.push(candidate);
        } else if let Some(mut last) = self.heap.peek_mut()
            && candidate < *last
        {
            *last = candidate;
        }
    }

    /// Best first.
    fn hits(self) -> Vec<Hit> {
        let sorted = self.heap.into_sorted_vec();
        sorted.into_iter().map(|c| Hit { kind: c.kind, id: c.id, score: c.score }).collect()
    }
}

/// A scored entry. Ordered as it ranks: the lesser ranks first.
struct Candidate<T> {
    score: u32,
    kind: EntityKind,
    id: Id,
    text: T,
}

impl<T: AsRef<[u8]>> Ord for Candidate<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .score
            .cmp(&self.score)
            .then_with(|| self.kind.cmp(&other.kind))
            .then_with(|| self.text.as_ref().cmp(other.text.as_ref()))
            .then_with(|| self.id.cmp(&other.id))
    }
}

impl<T: AsRef<[u8]>> PartialOrd for Candidate<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T: AsRef<[u8]>> PartialEq for Candidate<T> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl<T: AsRef<[u8]>> Eq for Candidate<T> {}
