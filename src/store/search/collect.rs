//! Building the word index while the texts are read: each text's words,
//! numbered as they first appear; then, once the entries have their slots,
//! the sorted word list and each word's postings in slot order.

use super::entries::Slot;
use super::keys::{head, sort_by_key_then};
use super::score::{FIELD_BREAK, words_of};
use super::words::{LATER_FIELD, MOST_SLOTS, PLACE_BITS, Words, to_u32};

/// First-field words whose position a posting records (for words typed in
/// order); an entry with a longer first field is left to its text.
const PHRASE_WORDS: u8 = 16;

#[derive(Default)]
pub struct Collector {
    distinct: Distinct,
    /// Each word of each text: its number, and its place (position in the
    /// first field, or `LATER_FIELD`).
    found: Vec<u32>,
    places: Vec<u8>,
    /// Where each text's words end in `found`.
    ends: Vec<usize>,
    /// Texts with a first field too long to record: their words are not kept.
    long: Vec<usize>,
}

impl Collector {
    /// Adds the words of the next text.
    pub fn add(&mut self, text: &str) {
        let mark = self.found.len();
        let (mut position, mut in_first) = (0u8, true);
        for word in words_of(text) {
            if word == FIELD_BREAK {
                in_first = false;
                continue;
            }
            if in_first && position == PHRASE_WORDS {
                self.found.truncate(mark);
                self.places.truncate(mark);
                self.long.push(self.ends.len());
                break;
            }
            self.found.push(self.distinct.number(word));
            self.places.push(if in_first { position } else { LATER_FIELD as u8 });
            position += 1;
        }
        self.ends.push(self.found.len());
    }

    /// The word index once the text added `order[slot]`-th is at each
    /// slot, and the slots it leaves out (first field too long, or beyond
    /// what a posting numbers).
    pub fn into_words(self, order: &[u32]) -> (Words, Vec<Slot>) {
        let (list, starts, renumber) = self.distinct.sorted();
        let word = |n: &u32| renumber.get(*n as usize).map_or(0, |w| *w as usize);
        let mut slot_of = vec![Slot::MAX; self.ends.len()];
        let mut left_out = Vec::new();
        for (slot, text) in order.iter().enumerate() {
            let slot = to_u32(slot);
            match slot_of.get_mut(*text as usize) {
                Some(s) if slot <= MOST_SLOTS => *s = slot,
                _ => left_out.push(slot),
            }
        }
        for text in &self.long {
            if let Some(slot) = slot_of.get_mut(*text).filter(|s| **s != Slot::MAX) {
                left_out.push(std::mem::replace(slot, Slot::MAX));
            }
        }
        left_out.sort_unstable();
        let words_of = |text: usize| {
            let from = text.checked_sub(1).and_then(|t| self.ends.get(t)).copied().unwrap_or_default();
            from..self.ends.get(text).copied().unwrap_or(from)
        };
        // A counting sort by word: counted in the order read, placed in
        // slot order so that each word's postings come by slot.
        let mut next = vec![0u32; renumber.len() + 1];
        for text in (0..self.ends.len()).filter(|t| slot_of[*t] != Slot::MAX) {
            for n in self.found.get(words_of(text)).unwrap_or_default() {
                next[word(n) + 1] += 1;
            }
        }
        for i in 1..next.len() {
            next[i] += next[i - 1];
        }
        let bounds = next.clone();
        let mut grouped = vec![0u32; bounds.last().map_or(0, |n| *n as usize)];
        for (slot, text) in order.iter().enumerate().filter(|(_, t)| slot_of.get(**t as usize) != Some(&Slot::MAX)) {
            let words = words_of(*text as usize);
            let places = self.places.get(words.clone()).unwrap_or_default();
            for (n, place) in self.found.get(words).unwrap_or_default().iter().zip(places) {
                let at = &mut next[word(n)];
                grouped[*at as usize] = to_u32(slot) << PLACE_BITS | u32::from(*place);
                *at += 1;
            }
        }
        (Words::new(list, starts, &grouped, &bounds), left_out)
    }
}

/// Numbers the distinct words as they come, keeping a copy of each. Open
/// addressing over word numbers, 4 bytes a bucket: at 100,000 households
/// the table of 180,000 words stays in the processor's cache, where a
/// `HashMap` of string slices (24 bytes a bucket) made the build twice as
/// slow.
#[derive(Default)]
struct Distinct {
    /// Word number + 1, or 0 for an empty bucket; at most half full.
    buckets: Vec<u32>,
    /// Word `n` is `bytes[ends[n - 1]..ends[n]]`.
    bytes: Vec<u8>,
    ends: Vec<u32>,
}

impl Distinct {
    fn word(&self, n: usize) -> &[u8] {
        let start = n.checked_sub(1).and_then(|p| self.ends.get(p)).map_or(0, |e| *e as usize);
        self.bytes.get(start..self.ends.get(n).map_or(0, |e| *e as usize)).unwrap_or_default()
    }

    fn number(&mut self, word: &[u8]) -> u32 {
        if self.ends.len() * 2 >= self.buckets.len() {
            self.grow();
        }
        let mask = self.buckets.len() - 1;
        let mut at = hash(word) as usize & mask;
        loop {
            match self.buckets[at] {
                0 => {
                    self.bytes.extend_from_slice(word);
                    self.ends.push(to_u32(self.bytes.len()));
                    self.buckets[at] = to_u32(self.ends.len());
                    return to_u32(self.ends.len() - 1);
                }
                n if self.word(n as usize - 1) == word => return n - 1,
                _ => at = (at + 1) & mask,
            }
        }
    }

    fn grow(&mut self) {
        let size = (self.buckets.len() * 2).max(1 << 12);
        self.buckets = vec![0; size];
        for n in 0..self.ends.len() {
            let mut at = hash(self.word(n)) as usize & (size - 1);
            while self.buckets[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            self.buckets[at] = to_u32(n + 1);
        }
    }

    /// The words sorted, each followed by a space; where each starts; and
    /// each word's new number.
    fn sorted(self) -> (Vec<u8>, Vec<u32>, Vec<u32>) {
        let count = self.ends.len();
        let mut sorted: Vec<u32> = (0..count).map(to_u32).collect();
        // Most words fit in 8 bytes: sorting on those is enough.
        let word = |n: u32| self.word(n as usize);
        sort_by_key_then(&mut sorted, |n| (head(word(n)) >> 64) as u64, |a, b| word(a).cmp(word(b)));
        let (mut list, mut starts, mut renumber) =
            (Vec::with_capacity(self.bytes.len() + count), Vec::with_capacity(count + 1), vec![0u32; count]);
        for (new, old) in sorted.iter().enumerate() {
            renumber[*old as usize] = to_u32(new);
            starts.push(to_u32(list.len()));
            list.extend_from_slice(word(*old));
            list.push(b' ');
        }
        starts.push(to_u32(list.len()));
        (list, starts, renumber)
    }
}

/// FxHash (as in rustc), 8 bytes at a time; the top bits are the
/// well-mixed ones.
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let add = |h: u64, n: u64| (h.rotate_left(5) ^ n).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    let mut h = add(0, bytes.len() as u64);
    for chunk in &mut chunks {
        h = add(h, u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default()));
    }
    h = add(h, chunks.remainder().iter().fold(0, |n, b| n << 8 | u64::from(*b)));
    h.rotate_left(26)
}
