//! The word index: every distinct word of the indexed texts, sorted, each
//! with its postings (the slots whose text holds it, and where). The words
//! that start with a typed word are one binary-searched range; the words
//! that hold it anywhere come from one `memmem` pass over the word list,
//! a fifth of the texts' size.
//!
//! Built once ([`super::collect`]) and never changed: entries that change
//! afterwards are scored from their text until the next build.

use std::ops::Range;

use memchr::memmem;

use super::entries::Slot;
use super::score::Place;

/// A posting while building is `slot << PLACE_BITS | place`, the place
/// being the word's position in the first field, or `LATER_FIELD`.
pub const PLACE_BITS: u32 = 5;
pub const LATER_FIELD: u32 = (1 << PLACE_BITS) - 1;
/// Stored, it is `gap << GAP_SHIFT | FIRST? | place`: the first posting
/// of a word carries `FIRST` and its slot, the next ones the gap from the
/// previous slot. A range of words then reads as one run of bytes.
const FIRST: u32 = 1 << PLACE_BITS;
const GAP_SHIFT: u32 = PLACE_BITS + 1;
/// Slots a posting can number.
pub const MOST_SLOTS: Slot = u32::MAX >> GAP_SHIFT;

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
    /// The index of the sorted `list` of words (each followed by a space,
    /// word `i` at `starts[i]`), given each word's postings as
    /// `grouped[bounds[i]..bounds[i + 1]]`, each `slot << PLACE_BITS |
    /// place`, by slot.
    pub fn new(list: Vec<u8>, starts: Vec<u32>, grouped: &[u32], bounds: &[u32]) -> Words {
        let mut w = Words { list, starts, postings_at: Vec::with_capacity(bounds.len()), postings: Vec::new() };
        // A little over what the 100,000-household demo needs.
        w.postings.reserve(grouped.len() * 2);
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

pub fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
