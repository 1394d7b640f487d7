//! A set of slots, one bit each: 16 KB at 126,000 entries, small enough to
//! stay in the processor's fastest cache while postings land anywhere.

use super::entries::Slot;

#[derive(Clone, Default)]
pub struct Bits(Vec<u64>);

impl Bits {
    /// Room for slots below `slots`.
    pub fn grow(&mut self, slots: usize) {
        let words = slots.div_ceil(64);
        if self.0.len() < words {
            self.0.resize(words, 0);
        }
    }

    pub fn insert(&mut self, slot: Slot) {
        if let Some(w) = self.0.get_mut(slot as usize / 64) {
            *w |= 1 << (slot % 64);
        }
    }

    pub fn remove(&mut self, slot: Slot) {
        if let Some(w) = self.0.get_mut(slot as usize / 64) {
            *w &= !(1 << (slot % 64));
        }
    }

    pub fn contains(&self, slot: Slot) -> bool {
        self.0.get(slot as usize / 64).is_some_and(|w| w >> (slot % 64) & 1 == 1)
    }

    pub fn clear(&mut self) {
        self.0.fill(0);
    }

    /// The 64-slot words, for walking a set in slot order.
    pub fn words(&self) -> &[u64] {
        &self.0
    }

    pub fn words_mut(&mut self) -> &mut [u64] {
        &mut self.0
    }

    pub fn heap_bytes(&self) -> usize {
        self.0.capacity() * 8
    }
}

/// The slots of one 64-slot word, lowest first.
pub fn slots_of(word_index: usize, mut word: u64) -> impl Iterator<Item = Slot> {
    let base = u32::try_from(word_index * 64).unwrap_or(u32::MAX);
    std::iter::from_fn(move || {
        let bit = word.trailing_zeros();
        (word != 0).then(|| {
            word &= word - 1;
            base + bit
        })
    })
}
