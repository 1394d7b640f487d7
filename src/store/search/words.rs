//! The word index: every distinct word of the indexed texts, sorted, each
//! with its postings (the slots whose text holds it, and where). The words
//! that start with a typed word are one binary-searched range; the words
//! that hold it anywhere come from one `memmem` pass over the word list,
//! a fifth of the texts' size.
//!
//! Built at once from the entries and never changed: entries that change
//! afterwards are scored from their text until the next build.

use std::ops::Range;

use memchr::memmem;

use super::entries::{Entries, Slot};
use super::keys::{head, sort_by_key_then};
use super::score::{FIELD_BREAK, Place, words_of};

/// First-field words whose position a posting records (for words typed in
/// order); an entry with a longer first field is left to its text.
const PHRASE_WORDS: u32 = 16;

/// A posting while building is `slot << PLACE_BITS | place`, the place
/// being the word's position in the first field, or `LATER_FIELD`.
const PLACE_BITS: u32 = 5;
const LATER_FIELD: u32 = (1 << PLACE_BITS) - 1;
/// Stored, it is `gap << GAP_SHIFT | FIRST? | place`: the first posting
/// of a word carries `FIRST` and its slot, the next ones the gap from the
/// previous slot. A range of words then reads as one run of bytes.
const FIRST: u32 = 1 << PLACE_BITS;
const GAP_SHIFT: u32 = PLACE_BITS + 1;
const MOST_SLOTS: Slot = u32::MAX >> GAP_SHIFT;

/// The dictionary words a typed word matched, as ranges of word numbers,
/// each with where in those words it was found.
pub type Matched = Vec<(Range<u32>, Place)>;

#[derive(Default)]
pub struct Words {
    /// The distinct words in byte order, each followed by a space (which no
    /// typed word holds, so a match never spans two).
    list: Vec<u8>,
    /// Word `i` starts at `starts[i]`; one more for the end.
    starts: Vec<u32>,
    /// Postings of word `i`: the bytes `postings[postings_at[i]..postings_at[i + 1]]`,
    /// by slot, each a LEB128 number (see `GAP_SHIFT`). Most words are one
    /// entry's phone or ID number, and common names have gaps of 1 or 2, so
    /// a posting takes 2 bytes on average instead of 4.
    postings_at: Vec<u32>,
    postings: Vec<u8>,
}

impl Words {
    /// Indexes the texts of `slots`; returns the slots it left out (first
    /// field too long to record, or beyond what a posting can number).
    pub fn build(entries: &Entries, slots: &[Slot]) -> (Words, Vec<Slot>) {
        let mut slots = slots.to_vec();
        slots.sort_unstable();
        let mut distinct = Distinct::default();
        // About one word in five bytes of text.
        let mut found: Vec<(u32, u32)> = Vec::with_capacity(slots.iter().map(|s| entries.text(*s).len() / 5).sum());
        let mut left_out = Vec::new();
        for slot in slots {
            if slot > MOST_SLOTS {
                left_out.push(slot);
                continue;
            }
            let (mark, mut position, mut in_first) = (found.len(), 0, true);
            for word in words_of(entries.text(slot)) {
                if word == FIELD_BREAK {
                    in_first = false;
                    continue;
                }
                let n = distinct.number(word);
                found.push((n, slot << PLACE_BITS | if in_first { position } else { LATER_FIELD }));
                position += 1;
                if in_first && position > PHRASE_WORDS {
                    found.truncate(mark);
                    left_out.push(slot);
                    break;
                }
            }
        }
        (Words::from_found(&distinct.words, &found), left_out)
    }

    /// Sorts the distinct words and groups the postings by word (a counting
    /// sort, so each word's postings stay in slot order).
    fn from_found(distinct: &[&[u8]], found: &[(u32, u32)]) -> Words {
        let mut w = Words::default();
        let renumber = w.list_words(distinct);
        let mut next = vec![0u32; distinct.len() + 1];
        for (n, _) in found {
            next[renumber[*n as usize] as usize + 1] += 1;
        }
        for i in 1..next.len() {
            next[i] += next[i - 1];
        }
        let mut grouped = vec![0u32; found.len()];
        let bounds = next.clone();
        for (n, posting) in found {
            let at = &mut next[renumber[*n as usize] as usize];
            grouped[*at as usize] = *posting;
            *at += 1;
        }
        w.postings.reserve(found.len() * 2);
        for pair in bounds.windows(2) {
            w.postings_at.push(to_u32(w.postings.len()));
            let (mut last, mut first) = (0, FIRST);
            for posting in grouped.get(pair[0] as usize..pair[1] as usize).unwrap_or_default() {
                let slot = posting >> PLACE_BITS;
                push_leb128(&mut w.postings, (slot - last) << GAP_SHIFT | first | posting & LATER_FIELD);
                (last, first) = (slot, 0);
            }
        }
        w.postings_at.push(to_u32(w.postings.len()));
        w.postings.shrink_to_fit();
        w
    }

    /// Fills the sorted word list; returns each word's new number.
    fn list_words(&mut self, distinct: &[&[u8]]) -> Vec<u32> {
        let mut sorted: Vec<u32> = (0..distinct.len()).map(to_u32).collect();
        let word = |i: u32| distinct.get(i as usize).copied().unwrap_or_default();
        // Most words fit in 8 bytes: sorting on those is enough.
        sort_by_key_then(&mut sorted, |i| (head(word(i)) >> 64) as u64, |a, b| word(a).cmp(word(b)));
        let mut renumber = vec![0u32; distinct.len()];
        self.list.reserve_exact(distinct.iter().map(|w| w.len() + 1).sum());
        for (new, old) in sorted.iter().enumerate() {
            renumber[*old as usize] = to_u32(new);
            self.starts.push(to_u32(self.list.len()));
            self.list.extend_from_slice(word(*old));
            self.list.push(b' ');
        }
        self.starts.push(to_u32(self.list.len()));
        renumber
    }

    /// Distinct words.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn word(&self, i: usize) -> &[u8] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(a), Some(b)) => self.list.get(*a as usize..(*b as usize).saturating_sub(1)).unwrap_or_default(),
            _ => &[],
        }
    }

    /// The words that start with `typed`: a range, its first word the
    /// typed word itself when the texts hold it whole.
    pub fn starting(&self, typed: &[u8]) -> Matched {
        let lo = self.partition(0, self.len(), |w| w < typed);
        let hi = self.partition(lo, self.len(), |w| w.starts_with(typed));
        let (lo, hi) = (to_u32(lo), to_u32(hi));
        if lo < hi && self.word(lo as usize) == typed {
            vec![(lo..lo + 1, Place::Whole), (lo + 1..hi, Place::Start)]
        } else {
            vec![(lo..hi, Place::Start)]
        }
    }

    /// The first word number in `lo..hi` for which `before` is false
    /// (`before` holds for a prefix of the range).
    fn partition(&self, mut lo: usize, mut hi: usize, before: impl Fn(&[u8]) -> bool) -> usize {
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if before(self.word(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The words that hold `typed` anywhere.
    pub fn containing(&self, typed: &[u8]) -> Matched {
        let finder = memmem::Finder::new(typed);
        let mut out = Vec::new();
        let (mut at, mut word) = (0, 0);
        while let Some(hit) = self.list.get(at..).and_then(|rest| finder.find(rest)).map(|h| h + at) {
            word = self.word_at(word, hit);
            let start = self.starts.get(word).map_or(0, |s| *s as usize);
            let end = self.starts.get(word + 1).map_or(self.list.len(), |s| *s as usize);
            let place = match (hit == start, end - start == typed.len() + 1) {
                (true, true) => Place::Whole,
                (true, false) => Place::Start,
                (false, _) => Place::Inside,
            };
            out.push((to_u32(word)..to_u32(word + 1), place));
            at = end.max(hit + 1);
        }
        out
    }

    /// The word that holds byte `at` of the list, from word `from` on.
    /// Galloping: hits of a common typed word are a few words apart, those
    /// of a rare one thousands.
    fn word_at(&self, from: usize, at: usize) -> usize {
        let (mut lo, mut step) = (from, 1);
        while self.starts.get(lo + step).is_some_and(|s| *s as usize <= at) {
            lo += step;
            step *= 2;
        }
        let hi = (lo + step).min(self.len());
        lo + self.starts.get(lo..hi).map_or(1, |s| s.partition_point(|s| *s as usize <= at)).max(1) - 1
    }

    /// Bytes of postings of `words`: what counting them costs.
    pub fn weight(&self, words: &Range<u32>) -> usize {
        let at = |i: u32| self.postings_at.get(i as usize).map_or(0, |p| *p as usize);
        at(words.end).saturating_sub(at(words.start))
    }

    /// Calls `f` with each posting of `words`: the slot, and the word's
    /// position if in the first field.
    #[inline]
    pub fn each_posting(&self, words: Range<u32>, mut f: impl FnMut(Slot, Option<u32>)) {
        let at = |i: u32| self.postings_at.get(i as usize).map_or(0, |p| *p as usize);
        let bytes = self.postings.get(at(words.start)..at(words.end)).unwrap_or_default();
        let (mut slot, mut value, mut shift) = (0u32, 0u32, 0u32);
        for b in bytes {
            value |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b & 0x80 != 0 {
                shift += 7;
                continue;
            }
            let base = if value & FIRST == 0 { slot } else { 0 };
            slot = base.wrapping_add(value >> GAP_SHIFT);
            let place = value & LATER_FIELD;
            f(slot, (place != LATER_FIELD).then_some(place));
            (value, shift) = (0, 0);
        }
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.list.capacity() + self.postings.capacity() + 4 * (self.starts.capacity() + self.postings_at.capacity())
    }
}

fn push_leb128(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Numbers the distinct words of the texts as they come. Open addressing
/// over word numbers, 4 bytes a bucket: at 100,000 households the table of
/// 180,000 words stays in the processor's cache, where a `HashMap` of
/// string slices (24 bytes a bucket) made the build twice as slow.
#[derive(Default)]
struct Distinct<'a> {
    /// Word number + 1, or 0 for an empty bucket; at most half full.
    buckets: Vec<u32>,
    words: Vec<&'a [u8]>,
}

impl<'a> Distinct<'a> {
    fn number(&mut self, word: &'a [u8]) -> u32 {
        if self.words.len() * 2 >= self.buckets.len() {
            self.grow();
        }
        let mask = self.buckets.len() - 1;
        let mut at = hash(word) as usize & mask;
        loop {
            match self.buckets[at] {
                0 => {
                    self.words.push(word);
                    self.buckets[at] = to_u32(self.words.len());
                    return to_u32(self.words.len() - 1);
                }
                n if self.words.get(n as usize - 1) == Some(&word) => return n - 1,
                _ => at = (at + 1) & mask,
            }
        }
    }

    fn grow(&mut self) {
        let size = (self.buckets.len() * 2).max(1 << 12);
        self.buckets = vec![0; size];
        for (n, word) in self.words.iter().enumerate() {
            let mut at = hash(word) as usize & (size - 1);
            while self.buckets[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            self.buckets[at] = to_u32(n + 1);
        }
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
