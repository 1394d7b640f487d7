//! Cheap counts of what this store did since it was opened: records read
//! (decoded) per tree, reads of the audit log, and write transactions. They
//! let a test prove that one keystroke reads and writes what it must and no
//! more; relaxed atomics, so counting costs nothing worth measuring.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use super::tables::T;

const TREES: usize = T::ALL.len();

/// The live counters a store keeps.
pub(super) struct Counters {
    reads: [AtomicU64; TREES],
    audit_reads: AtomicU64,
    transactions: AtomicU64,
}

// By hand: arrays longer than 32 have no derived `Default`.
impl Default for Counters {
    fn default() -> Self {
        Counters {
            reads: std::array::from_fn(|_| AtomicU64::new(0)),
            audit_reads: AtomicU64::new(0),
            transactions: AtomicU64::new(0),
        }
    }
}

impl Counters {
    /// One record of tree `t` read and decoded.
    pub(super) fn read(&self, t: T) {
        if let Some(c) = self.reads.get(t as usize) {
            c.fetch_add(1, Relaxed);
        }
    }

    /// One look into the audit log (a scan, however many entries it reads).
    pub(super) fn audit_read(&self) {
        self.audit_reads.fetch_add(1, Relaxed);
    }

    /// One write transaction committed or tried.
    pub(super) fn transaction(&self) {
        self.transactions.fetch_add(1, Relaxed);
    }

    fn snapshot(&self) -> Counts {
        Counts {
            reads: std::array::from_fn(|i| self.reads.get(i).map_or(0, |c| c.load(Relaxed))),
            audit_reads: self.audit_reads.load(Relaxed),
            transactions: self.transactions.load(Relaxed),
        }
    }
}

/// What the store had done when asked ([`super::Store::counts`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    reads: [u64; TREES],
    pub audit_reads: u64,
    pub transactions: u64,
}

impl Default for Counts {
    fn default() -> Self {
        Counts { reads: [0; TREES], audit_reads: 0, transactions: 0 }
    }
}

impl Counts {
    /// Records of tree `t` read.
    pub fn reads(&self, t: T) -> u64 {
        self.reads.get(t as usize).copied().unwrap_or(0)
    }

    /// Records read, all trees together.
    pub fn all_reads(&self) -> u64 {
        self.reads.iter().sum()
    }

    /// What was done between `earlier` and these counts.
    pub fn since(&self, earlier: &Counts) -> Counts {
        Counts {
            reads: std::array::from_fn(|i| self.reads[i].saturating_sub(earlier.reads[i])),
            audit_reads: self.audit_reads.saturating_sub(earlier.audit_reads),
            transactions: self.transactions.saturating_sub(earlier.transactions),
        }
    }
}

impl super::Store {
    /// What this store has read and written since it was opened.
    pub fn counts(&self) -> Counts {
        self.counters.snapshot()
    }
}
