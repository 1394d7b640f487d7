//! Compaction (`soxa compact`): sled 0.34 has no call that gives back the
//! space its log keeps growing into, so the ledger is rewritten into a
//! fresh store through the verified backup path and swapped in.
//!
//! In order, all under the folder's lock: an automatic backup
//! (`-truoc-thu-gon`); a check that the disk has room for the copy; every
//! tree streamed as a backup (never sealed, never on disk: a pipe inside
//! this process) into a new store built in `store-restoring/` beside the
//! ledger, its checksums checked as it is read; the new store compared
//! with the old tree by tree (entry count and a checksum of every key and
//! value); then the journaled swap (`swap`, kind `Compact`): a crash at any
//! moment leaves the old ledger or the new one. The old store is moved to
//! `store-truoc-thu-gon/` rather than deleted at once, and deleted by the
//! next opening that succeeds, which `compact` itself does at once: were
//! the new store unreadable after all (a disk that lied about a sync), the
//! old one is still whole beside it.

use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::backup::{self, BackupError, Reason};
use super::tables::T;
use super::{OpenOptions, Store, folder, swap};

/// What a compaction did.
#[derive(Clone, Debug)]
pub struct Compacted {
    /// Bytes of the store folder before and after.
    pub before: u64,
    pub after: u64,
    /// Bytes of the keys and values copied: the ledger's live size.
    pub live: u64,
    pub entries: u64,
    /// The automatic backup taken first.
    pub backup: PathBuf,
    pub seconds: f64,
}

/// Bytes a freshly rebuilt store takes for `live` bytes of keys and
/// values, measured on this build (docs/PERFORMANCE.md, "Compaction"):
/// about 2.2 bytes on disk per live byte (sled's nodes and log) plus about
/// 3 MB of its own (3,000 households: 2.4 MB live in 8.1 MB; 100,000:
/// 80.1 MB live in 179.4 MB).
pub fn rebuilt_estimate(live: u64) -> u64 {
    const FIXED: u64 = 3 << 20;
    FIXED.saturating_add(live.saturating_mul(9) / 4)
}

/// Whether the interface offers a compaction: the folder is more than
/// twice the live size AND compaction would give back at least a third of
/// it (a fresh store of a few thousand households is already over three
/// times its live size in sled, so the first rule alone would offer it on
/// every small ledger, even right after a compaction).
pub fn worth_compacting(folder_bytes: u64, live: u64) -> bool {
    live > 0 && folder_bytes > live.saturating_mul(2) && folder_bytes > rebuilt_estimate(live).saturating_mul(3) / 2
}

impl Store {
    /// Rewrites this store into a fresh one and swaps it in (see the
    /// module comment); returns what it did and the new store, open.
    pub fn compact(self) -> Result<(Compacted, Store), BackupError> {
        let started = Instant::now();
        let dir = self.dir().to_path_buf();
        let taken = self.auto_backup(Reason::BeforeCompaction)?;
        let before = folder::size_of(&folder::store_dir(&dir));
        check_space(&dir, rebuilt_estimate(taken.live_bytes))?;
        let staging = folder::staging_dir(&dir);
        let write_fail = |e: std::io::Error| BackupError::Write { path: dir.clone(), detail: e.to_string() };
        remove_dir_if_present(&staging).map_err(write_fail)?;
        let built = self.rebuild_into(&staging);
        let (entries, live, schema) = match built {
            Ok(done) => done,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&staging);
                return Err(e);
            }
        };
        folder::sync_dir(&dir).map_err(write_fail)?;
        let plan = swap::Plan {
            kind: swap::Kind::Compact,
            staging: PathBuf::from(folder::STAGING_DIR),
            aside: Some(PathBuf::from(folder::COMPACT_REPLACED)),
            schema,
        };
        let lock = self.into_lock();
        swap::commit(&dir, &plan)?;
        drop(lock);
        let store = Store::open(&dir, &OpenOptions { create: false, ..OpenOptions::default() })?;
        let after = folder::size_of(&folder::store_dir(&dir));
        let seconds = started.elapsed().as_secs_f64();
        Ok((Compacted { before, after, live, entries, backup: taken.path, seconds }, store))
    }

    /// Streams this store into a new one at `staging` (a pipe between a
    /// thread writing the backup stream and this one building from it),
    /// then compares the two. Returns the entries, live bytes and schema.
    fn rebuild_into(&self, staging: &Path) -> Result<(u64, u64, u32), BackupError> {
        let fail = |e: std::io::Error| BackupError::Write { path: staging.to_path_buf(), detail: e.to_string() };
        let (reader, writer) = std::io::pipe().map_err(fail)?;
        let snapshot = self.snapshot();
        let feeder = std::thread::Builder::new()
            .name("soxa-compact".into())
            .spawn(move || snapshot.stream_plain(BufWriter::with_capacity(256 * 1024, writer)))
            .map_err(fail)?;
        // The reader is dropped when the build ends, so a build that fails
        // early stops the writer too (it gets a broken pipe).
        let built = backup::build_from(BufReader::with_capacity(256 * 1024, reader), staging, staging);
        let fed = feeder.join().unwrap_or(Err(BackupError::Cancelled));
        // The writer's failure first: the reader's is then only its echo.
        let (entries, live) = fed?;
        let (contents, db) = built?;
        self.same_as(&db)?;
        db.flush()?;
        Ok((entries, live, contents.header.schema))
    }

    /// Compares every tree with the same tree of `copy`: entry count and a
    /// checksum of every key and value, in order (what `check` would find
    /// equal, at the level of bytes).
    fn same_as(&self, copy: &sled::Db) -> Result<(), BackupError> {
        for t in T::ALL {
            let theirs = copy.open_tree(t.name())?;
            if digest(self.raw(t))? != digest(&theirs)? {
                return Err(BackupError::Mismatch { tree: t.name().to_string() });
            }
        }
        Ok(())
    }
}

/// Entry count and CRC-32 of a tree's keys and values, each preceded by
/// its length (so no two different trees read the same).
fn digest(tree: &sled::Tree) -> Result<(u64, u32), sled::Error> {
    let mut hash = crc32fast::Hasher::new();
    let mut count = 0u64;
    for kv in tree.iter() {
        let (key, value) = kv?;
        hash.update(&(key.len() as u64).to_le_bytes());
        hash.update(&key);
        hash.update(&(value.len() as u64).to_le_bytes());
        hash.update(&value);
        count += 1;
    }
    Ok((count, hash.finalize()))
}

/// Refuses before anything is written when the disk of `dir` has less
/// than `needed` bytes free. A disk whose free space cannot be read is
/// tried anyway: a write that then fails says so, and removes the copy.
fn check_space(dir: &Path, needed: u64) -> Result<(), BackupError> {
    match fs2::available_space(dir) {
        Ok(free) if free < needed => Err(BackupError::NoSpace { path: dir.to_path_buf(), needed, free }),
        _ => Ok(()),
    }
}

fn remove_dir_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_store_is_not_offered_a_compaction_and_a_grown_one_is() {
        const MB: u64 = 1 << 20;
        // Measured: a 3,000-household demo, 2.4 MB live, 8.2 MB fresh and
        // 8.1 MB compacted; 100,000 households, 80.1 MB live, 191 MB fresh
        // and 179 MB compacted.
        let small = 2 * MB + 2 * MB / 5;
        for (folder, live) in [(8 * MB + MB / 5, small), (8 * MB, small), (191 * MB, 80 * MB)] {
            assert!(!worth_compacting(folder, live), "{folder} {live}");
        }
        assert!(!worth_compacting(180 * MB, 80 * MB), "not right after a compaction");
        assert!(worth_compacting(300 * MB, 80 * MB));
        assert!(worth_compacting(20 * MB, small));
        assert!(!worth_compacting(500 * MB, 0), "nothing measured yet");
        assert!((180 * MB..200 * MB).contains(&rebuilt_estimate(80 * MB)));
        assert!(rebuilt_estimate(small) >= 8 * MB);
    }
}
