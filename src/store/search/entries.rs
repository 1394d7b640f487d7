//! The entries the lookup searches (kind, id, folded text), in numbered
//! slots that the word index points at. Texts share one buffer: a changed
//! text is appended and the old bytes wait for the next build, like the
//! slots of removed entries. Two orders are kept in step with every
//! change: by (kind, id), to find an entry, and by (kind, text, id), the
//! order among equal scores, held as a rank per slot so that ranking
//! compares numbers, not strings.

use std::cmp::Ordering;
use std::ops::Range;

use super::keys::{head, sort_by_key_then};
use crate::domain::{EntityKind, Id};

/// An entry's number in the table.
pub type Slot = u32;

#[derive(Default)]
pub struct Entries {
    /// `None` once removed.
    kinds: Vec<Option<EntityKind>>,
    ids: Vec<Id>,
    /// Where each slot's text is in `texts`.
    starts: Vec<usize>,
    lens: Vec<u32>,
    texts: String,
    /// Live slots by (kind, id).
    by_key: Vec<Slot>,
    /// Live slots by (kind, text, id).
    order: Vec<Slot>,
    /// Per live slot, its place in `order`.
    rank: Vec<u32>,
}

/// Entries as they are read, numbered in that order, before
/// [`Unnumbered::number`] gives them their slots.
#[derive(Default)]
pub struct Unnumbered {
    kinds: Vec<EntityKind>,
    ids: Vec<Id>,
    starts: Vec<usize>,
    lens: Vec<u32>,
    texts: String,
}

impl Unnumbered {
    /// Adds an entry; false for a text of 4 GiB, which is left out.
    pub fn push(&mut self, kind: EntityKind, id: Id, text: &str) -> bool {
        let Ok(len) = u32::try_from(text.len()) else { return false };
        self.kinds.push(kind);
        self.ids.push(id);
        self.starts.push(self.texts.len());
        self.lens.push(len);
        self.texts.push_str(text);
        true
    }

    fn text(&self, i: usize) -> &str {
        let start = self.starts.get(i).copied().unwrap_or_default();
        let len = self.lens.get(i).map_or(0, |n| *n as usize);
        self.texts.get(start..start + len).unwrap_or_default()
    }

    /// The table, its slots numbered by (kind, text, id): among entries the
    /// word index holds, a lower slot ranks first. Also, per slot, the
    /// number of the entry as read.
    pub fn number(self) -> (Entries, Vec<u32>) {
        let order = self.rank_order();
        let at = |i: u32| i as usize;
        let mut e = Entries {
            kinds: order.iter().map(|i| self.kinds.get(at(*i)).copied()).collect(),
            ids: order.iter().map(|i| self.ids.get(at(*i)).copied().unwrap_or_default()).collect(),
            starts: order.iter().map(|i| self.starts.get(at(*i)).copied().unwrap_or_default()).collect(),
            lens: order.iter().map(|i| self.lens.get(at(*i)).copied().unwrap_or_default()).collect(),
            ..Entries::default()
        };
        let mut slot_of = vec![0; order.len()];
        for (slot, i) in order.iter().enumerate() {
            slot_of[at(*i)] = Slot::try_from(slot).unwrap_or(Slot::MAX);
        }
        // Read from the `search` tree, the entries come by kind and id: the
        // (stable) sort only checks that.
        let mut by_key: Vec<usize> = (0..self.kinds.len()).collect();
        by_key.sort_by_key(|i| (self.kinds.get(*i), self.ids.get(*i)));
        e.by_key = by_key.into_iter().map(|i| slot_of[i]).collect();
        e.order = (0..e.kinds.len()).filter_map(|s| Slot::try_from(s).ok()).collect();
        e.rank.clone_from(&e.order);
        e.texts = self.texts;
        // Grown by doubling while read.
        e.texts.shrink_to_fit();
        (e, order)
    }

    /// Entry numbers by (kind, text, id); first by the kind and the first
    /// 15 bytes of the text as one number.
    fn rank_order(&self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.kinds.len()).filter_map(|i| u32::try_from(i).ok()).collect();
        let kind = |i: u32| self.kinds.get(i as usize).copied();
        let key = |i: u32| {
            u128::from(kind(i).map_or(0, EntityKind::code)) << 120 | head(self.text(i as usize).as_bytes()) >> 8
        };
        let id = |i: u32| self.ids.get(i as usize);
        sort_by_key_then(&mut order, key, |a, b| (self.text(a as usize), id(a)).cmp(&(self.text(b as usize), id(b))));
        order
    }
}

impl Entries {
    /// Slots, removed ones included.
    pub fn slots(&self) -> usize {
        self.kinds.len()
    }

    /// Live entries.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Live slots by (kind, id).
    pub fn live(&self) -> &[Slot] {
        &self.by_key
    }

    pub fn kind(&self, slot: Slot) -> Option<EntityKind> {
        self.kinds.get(slot as usize).copied().flatten()
    }

    pub fn id(&self, slot: Slot) -> Id {
        self.ids.get(slot as usize).copied().unwrap_or_default()
    }

    pub fn text(&self, slot: Slot) -> &str {
        self.texts.get(self.span(slot)).unwrap_or_default()
    }

    fn span(&self, slot: Slot) -> Range<usize> {
        let start = self.starts.get(slot as usize).copied().unwrap_or_default();
        start..start + self.lens.get(slot as usize).map_or(0, |n| *n as usize)
    }

    /// Place of a live slot among all by (kind, text, id).
    pub fn rank(&self, slot: Slot) -> u32 {
        self.rank.get(slot as usize).copied().unwrap_or(u32::MAX)
    }

    pub fn at_rank(&self, rank: u32) -> Option<Slot> {
        self.order.get(rank as usize).copied()
    }

    pub fn find(&self, kind: EntityKind, id: Id) -> Option<Slot> {
        let i = self.by_key.binary_search_by(|s| self.key(*s).cmp(&(Some(kind), id))).ok()?;
        self.by_key.get(i).copied()
    }

    /// Adds a slot; `None` once slots run out (4 billion) or for a text of
    /// 4 GiB.
    fn push(&mut self, kind: EntityKind, id: Id, text: &str) -> Option<Slot> {
        let start = self.texts.len();
        self.texts.push_str(text);
        self.push_slot(kind, id, start..self.texts.len())
    }

    /// Adds a slot for a text already in `texts`.
    fn push_slot(&mut self, kind: EntityKind, id: Id, text: Range<usize>) -> Option<Slot> {
        let slot = Slot::try_from(self.kinds.len()).ok().filter(|s| *s < Slot::MAX)?;
        self.lens.push(u32::try_from(text.len()).ok()?);
        self.starts.push(text.start);
        self.kinds.push(Some(kind));
        self.ids.push(id);
        self.rank.push(0);
        Some(slot)
    }

    /// Adds a new entry (see [`Entries::push`]).
    pub fn insert(&mut self, kind: EntityKind, id: Id, text: &str) -> Option<Slot> {
        let slot = self.push(kind, id, text)?;
        let at = self.by_key.partition_point(|s| self.key(*s) < (Some(kind), id));
        self.by_key.insert(at, slot);
        self.place(slot, None);
        Some(slot)
    }

    /// Sets a slot's text; false when it was already that (or is 4 GiB).
    pub fn replace(&mut self, slot: Slot, text: &str) -> bool {
        let (Some(old), Ok(len)) = (self.texts.get(self.span(slot)), u32::try_from(text.len())) else {
            return false;
        };
        if old == text || self.kind(slot).is_none() {
            return false;
        }
        self.lens[slot as usize] = len;
        self.starts[slot as usize] = self.texts.len();
        self.texts.push_str(text);
        let from = self.rank(slot) as usize;
        self.order.remove(from);
        self.place(slot, Some(from));
        true
    }

    pub fn remove(&mut self, slot: Slot) {
        let (Some(kind), id) = (self.kind(slot), self.id(slot)) else { return };
        if let Ok(i) = self.by_key.binary_search_by(|s| self.key(*s).cmp(&(Some(kind), id))) {
            self.by_key.remove(i);
        }
        let from = self.rank(slot) as usize;
        self.order.remove(from);
        self.renumber(from..self.order.len());
        self.kinds[slot as usize] = None;
        self.lens[slot as usize] = 0;
    }

    /// Puts `slot` into `order` where its text sorts, and renumbers the
    /// ranks that moved (it was at `from` before, if anywhere).
    fn place(&mut self, slot: Slot, from: Option<usize>) {
        let to = self.order.partition_point(|s| self.compare(*s, slot) == Ordering::Less);
        self.order.insert(to, slot);
        let (lo, hi) = match from {
            Some(from) => (from.min(to), from.max(to) + 1),
            None => (to, self.order.len()),
        };
        self.renumber(lo..hi);
    }

    fn renumber(&mut self, places: Range<usize>) {
        for i in places {
            if let (Some(slot), Ok(rank)) = (self.order.get(i), u32::try_from(i)) {
                self.rank[*slot as usize] = rank;
            }
        }
    }

    /// Bytes held, garbage text included.
    pub fn heap_bytes(&self) -> usize {
        let per_slot = size_of::<Option<EntityKind>>() + size_of::<Id>() + size_of::<usize>() + 2 * size_of::<u32>();
        self.texts.capacity()
            + per_slot * self.kinds.capacity()
            + size_of::<Slot>() * (self.by_key.capacity() + self.order.capacity())
    }

    fn key(&self, slot: Slot) -> (Option<EntityKind>, Id) {
        (self.kind(slot), self.id(slot))
    }

    fn compare(&self, a: Slot, b: Slot) -> Ordering {
        self.kind(a)
            .cmp(&self.kind(b))
            .then_with(|| self.text(a).cmp(self.text(b)))
            .then_with(|| self.id(a).cmp(&self.id(b)))
    }
}
