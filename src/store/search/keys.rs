//! Sorting words and texts fast: by an integer made of their first bytes,
//! comparing whole strings only where those are equal.

use std::cmp::Ordering;

/// The first 16 bytes, big-endian, zero-padded: sorts as the bytes do
/// (ties aside).
pub fn head(bytes: &[u8]) -> u128 {
    let mut sixteen = [0u8; 16];
    let n = bytes.len().min(16);
    sixteen[..n].copy_from_slice(&bytes[..n]);
    u128::from_be_bytes(sixteen)
}

/// Sorts `items` by `key`, then by `full` among equal keys. `key` must
/// agree with `full`: a < b by key means a < b in full.
pub fn sort_by_key_then<K: Ord + Copy>(items: &mut [u32], key: impl Fn(u32) -> K, full: impl Fn(u32, u32) -> Ordering) {
    let mut keyed: Vec<(K, u32)> = items.iter().map(|i| (key(*i), *i)).collect();
    keyed.sort_unstable();
    for run in keyed.chunk_by_mut(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        run.sort_unstable_by(|a, b| full(a.1, b.1));
    }
    for (item, (_, i)) in items.iter_mut().zip(keyed) {
        *item = i;
    }
}
