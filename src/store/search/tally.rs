//! Scores indexed entries from postings, without reading their texts.
//!
//! One typed word: each posting marks its slot in the set of the points it
//! earns there; walking the sets from the most points down, in slot order
//! (which is rank order for indexed slots), gives the best entries first,
//! so "n" stops after 50 of its 80,000 matches.
//!
//! Several: per entry, the best points of the word at hand, the sum over
//! the words done, and where the words run in typed order in the first
//! field. Words are taken rarest first, and entries missing one are
//! dropped, so a common later word costs one bit test per posting.

use super::bits::{Bits, slots_of};
use super::entries::Slot;
use super::score::{AT_START, Phrase, Place, Query, Score};
use super::words::{Matched, Words};

/// Most typed words the tally follows (its counters are bytes); longer
/// queries are scored from the texts.
pub const MOST_WORDS: usize = 32;

/// Points a posting can earn: 1 to 5.
const LEVELS: usize = 5;

/// The word at hand, per slot.
#[derive(Clone, Copy, Default)]
struct Hot {
    /// Bit `i`: it starts first-field word `i + its place in the query`.
    current: u16,
    /// Best points; 0 while not found.
    best: u8,
}

/// The words done, per slot.
#[derive(Clone, Copy, Default)]
struct Done {
    /// `Hot::current` of each word done, and-ed: where they run in order.
    phrase: u16,
    points: u8,
    /// Words found at a word start.
    starts: u8,
}

/// One typed word: its place in the query and the words it matched.
pub struct Step {
    pub typed: usize,
    pub matched: Matched,
}

#[derive(Default)]
pub struct Tally {
    /// Slots whose postings are stale: changed or removed since the word
    /// index was built.
    left_out: Bits,
    /// One word: the slots earning `i + 1` points at best in `levels[i]`.
    levels: [Bits; LEVELS],
    /// Several words: the slots that found all words done, also listed in
    /// `touched` in the order first found.
    running: Bits,
    touched: Vec<Slot>,
    hot: Vec<Hot>,
    done: Vec<Done>,
}

impl Tally {
    /// Room for the indexed slots, all counted.
    pub fn new(slots: usize) -> Tally {
        let mut t = Tally { hot: vec![Hot::default(); slots], done: vec![Done::default(); slots], ..Tally::default() };
        for bits in t.levels.iter_mut().chain([&mut t.left_out, &mut t.running]) {
            bits.grow(slots);
        }
        t
    }

    /// From now on the postings of `slot` are ignored; false if they
    /// already were.
    pub fn leave_out(&mut self, slot: Slot) -> bool {
        self.left_out.grow(slot as usize + 1);
        let was = self.left_out.contains(slot);
        self.left_out.insert(slot);
        !was
    }

    /// The best `limit` indexed entries holding the one typed word.
    pub fn single(&mut self, words: &Words, query: &Query, matched: &Matched, limit: usize) -> Vec<(Score, Slot)> {
        let levels = &mut self.levels;
        for (range, place) in matched {
            let level = |first: bool| usize::from(place.points(first)).clamp(1, LEVELS) - 1;
            let (later, first) = (level(false), level(true));
            words.each_posting(range.clone(), |slot, position| {
                levels[if position.is_some() { first } else { later }].insert(slot);
            });
        }
        let mut out = Vec::with_capacity(limit);
        // Slots taken at a higher level, or left out.
        let mut seen = self.left_out.clone();
        'walk: for (level, bits) in self.levels.iter().enumerate().rev() {
            let points = u8::try_from(level + 1).unwrap_or(u8::MAX);
            let score = query.score(points.into(), points >= AT_START, Phrase::Absent);
            for (i, (word, seen)) in bits.words().iter().zip(seen.words_mut()).enumerate() {
                let fresh = word & !*seen;
                *seen |= word;
                for slot in slots_of(i, fresh) {
                    if out.len() == limit {
                        break 'walk;
                    }
                    out.push((score, slot));
                }
            }
        }
        self.levels.iter_mut().for_each(Bits::clear);
        out
    }

    /// Indexed entries that hold every typed word somewhere in `steps`,
    /// with their scores.
    pub fn run(&mut self, words: &Words, query: &Query, mut steps: Vec<Step>) -> Vec<(Score, Slot)> {
        steps.sort_by_cached_key(|s| s.matched.iter().map(|(r, _)| words.weight(r)).sum::<usize>());
        for (done, step) in steps.iter().enumerate() {
            let Ok(done) = u8::try_from(done) else { break };
            self.add(words, step, done);
            self.close_word(done);
            if self.touched.is_empty() {
                break;
            }
        }
        let n = query.len();
        let mut out = Vec::with_capacity(self.touched.len());
        for slot in self.touched.drain(..) {
            let Some(d) = self.done.get_mut(slot as usize) else { continue };
            let phrase = match d.phrase {
                0 => Phrase::Absent,
                p if p & 1 == 1 => Phrase::Leading,
                _ => Phrase::Later,
            };
            out.push((query.score(u32::from(d.points), usize::from(d.starts) == n, phrase), slot));
            *d = Done::default();
        }
        self.running.clear();
        out
    }

    /// Counts one typed word's postings for the entries that found all the
    /// `done` words before it.
    fn add(&mut self, words: &Words, step: &Step, done: u8) {
        let typed = u32::try_from(step.typed).unwrap_or(u32::MAX);
        let (hot, touched, running, left_out) = (&mut self.hot, &mut self.touched, &self.running, &self.left_out);
        for (range, place) in &step.matched {
            let (place, at_start) = (*place, *place != Place::Inside);
            words.each_posting(range.clone(), |slot, position| {
                let in_running = if done == 0 { !left_out.contains(slot) } else { running.contains(slot) };
                let Some(h) = hot.get_mut(slot as usize).filter(|_| in_running) else { return };
                if done == 0 && h.best == 0 {
                    touched.push(slot);
                }
                h.best = h.best.max(place.points(position.is_some()));
                if let Some(start) = position.filter(|_| at_start).and_then(|p| p.checked_sub(typed)) {
                    h.current |= 1 << start;
                }
            });
        }
    }

    /// Adds the word at hand to each entry that found it, drops the others.
    fn close_word(&mut self, done: u8) {
        let (hot, totals, running) = (&mut self.hot, &mut self.done, &mut self.running);
        self.touched.retain(|slot| {
            let i = *slot as usize;
            let (Some(h), Some(d)) = (hot.get_mut(i), totals.get_mut(i)) else { return false };
            let found = h.best > 0;
            if found {
                d.points += h.best;
                d.starts += u8::from(h.best >= AT_START);
                d.phrase = if done == 0 { h.current } else { d.phrase & h.current };
                running.insert(*slot);
            } else {
                *d = Done::default();
                running.remove(*slot);
            }
            *h = Hot::default();
            found
        });
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        let bits: usize = self.levels.iter().chain([&self.left_out, &self.running]).map(Bits::heap_bytes).sum();
        bits + self.hot.capacity() * size_of::<Hot>()
            + self.done.capacity() * size_of::<Done>()
            + self.touched.capacity() * size_of::<Slot>()
    }
}
