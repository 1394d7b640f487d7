//! Writing a backup of an open store to a file, safely.
//!
//! The copy is consistent: it holds the store's write lock from the first
//! tree to the last, so no change lands half in it (reads go on meanwhile).
//! It streams tree by tree through a buffer, never holding the database in
//! memory, into a temporary file in the ledger's own `backups/` folder
//! (owner-only on Unix), which is flushed to disk and only then renamed
//! over the target: a copy cut short by a crash, a full disk or a cancel
//! never looks like a backup, and leaves no personal data outside the
//! ledger's folder (the next opening removes such temporaries). A target
//! on another disk cannot be reached by a rename: the copy is then copied
//! to a temporary beside the target (named in a note in `backups/`, so the
//! next opening removes it too if this is cut short), synced and renamed.
//! On a ledger with a recovery key the stream is encrypted as it is
//! written (`sealed`), and the locked file is checked once synced.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDateTime;

use super::encode::Encoder;
use super::format::{FORMAT_VERSION, Header};
use super::sealed::{self, Sealed, Sealing};
use super::{BackupError, auto};
use crate::store::tables::T;
use crate::store::{META_SCHEMA, SCHEMA_VERSION, Store};

/// How often (in entries) a running copy looks at its cancel flag.
const CANCEL_EVERY: u64 = 4096;
const BUFFER_BYTES: usize = 256 * 1024;

/// What a finished backup wrote.
#[derive(Clone, Debug)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: u64,
    pub entries: u64,
    /// Bytes of the keys and values copied: the ledger's live size, which
    /// the folder on disk is compared with (`store::compact`).
    pub live_bytes: u64,
    /// Automatic backups dated in the future found beside an automatic
    /// copy (see `auto`): the clerk is told of them.
    pub future_dated: Vec<PathBuf>,
}

/// Everything needed to copy the store, detached from it so that the copy
/// can run on another thread (handles to sled share the open database).
#[derive(Clone)]
pub struct Snapshot {
    db: sled::Db,
    meta: sled::Tree,
    trees: Vec<(&'static str, sled::Tree)>,
    write_lock: Arc<Mutex<()>>,
    now: NaiveDateTime,
    /// The database folder: temporaries go into its `backups/`.
    db_dir: PathBuf,
}

impl Store {
    /// A handle that copies this store; taking it costs nothing.
    pub fn snapshot(&self) -> Snapshot {
        let trees = T::ALL.iter().map(|t| (t.name(), self.raw(*t).clone())).collect();
        let meta = self.raw(T::Meta).clone();
        let db_dir = self.dir().to_path_buf();
        Snapshot { db: self.db.clone(), meta, trees, write_lock: Arc::clone(&self.write_lock), now: self.now(), db_dir }
    }

    /// Writes a backup of every tree to `target`; an existing file there is
    /// replaced only if `overwrite`.
    pub fn backup_to(&self, target: &Path, overwrite: bool) -> Result<Written, BackupError> {
        self.snapshot().write(target, overwrite, &AtomicBool::new(false))
    }
}

impl Snapshot {
    /// Local time the snapshot handle was taken (names the automatic copies).
    pub fn taken_at(&self) -> NaiveDateTime {
        self.now
    }

    /// Copies the store into `target` (see the module comment). Stops with
    /// `Cancelled`, leaving nothing behind, soon after `cancel` is set.
    pub fn write(&self, target: &Path, overwrite: bool, cancel: &AtomicBool) -> Result<Written, BackupError> {
        let fail = |e: io::Error| BackupError::Write { path: target.to_path_buf(), detail: e.to_string() };
        if !overwrite && target.exists() {
            return Err(BackupError::Exists { path: target.to_path_buf() });
        }
        let temp = temp_path(&auto::ensure_backups_dir(&self.db_dir)?);
        let file = create_private(&temp).map_err(fail)?;
        let result = self.write_into(file, target, cancel).and_then(|(entries, live_bytes, sealed)| {
            if let Some(sealed) = sealed {
                sealed.check_file(&temp).map_err(fail)?;
            }
            if !overwrite && target.exists() {
                return Err(BackupError::Exists { path: target.to_path_buf() });
            }
            put_in_place(&temp, target).map_err(fail)?;
            let bytes = fs::metadata(target).map_err(fail)?.len();
            Ok(Written { path: target.to_path_buf(), bytes, entries, live_bytes, future_dated: Vec::new() })
        });
        if result.is_err() {
            let _ = fs::remove_file(&temp);
        }
        result
    }

    /// Streams every tree into `file` under the write lock, locked to the
    /// ledger's recovery recipient if it has one (`sealed`), and syncs it.
    /// Returns the entries and live bytes copied.
    fn write_into(
        &self,
        file: File,
        target: &Path,
        cancel: &AtomicBool,
    ) -> Result<(u64, u64, Option<Sealed>), BackupError> {
        let io_fail = |e: io::Error| BackupError::Write { path: target.to_path_buf(), detail: e.to_string() };
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        let recipient = sealed::recipient_in(&self.meta)?;
        let out = Sealing::new(BufWriter::with_capacity(BUFFER_BYTES, file), recipient.as_ref()).map_err(io_fail)?;
        let (out, entries, live) = self.encode(out, cancel, &io_fail)?;
        let (out, sealed) = out.finish().map_err(io_fail)?;
        let file = out.into_inner().map_err(|e| io_fail(e.into_error()))?;
        file.sync_all().map_err(io_fail)?;
        Ok((entries, live, sealed))
    }

    /// Streams every tree, never sealed, into `out` (a pipe to a rebuild
    /// in the same process: `store::compact`), under the write lock.
    /// Returns the entries and live bytes copied.
    pub(crate) fn stream_plain<W: Write>(&self, out: W) -> Result<(u64, u64), BackupError> {
        let io_fail = |e: io::Error| BackupError::Write { path: self.db_dir.clone(), detail: e.to_string() };
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        let (mut out, entries, live) = self.encode(out, &AtomicBool::new(false), &io_fail)?;
        out.flush().map_err(io_fail)?;
        Ok((entries, live))
    }

    /// Encodes every tree into `out`; the caller holds the write lock.
    /// Returns `out`, the entries and the bytes of their keys and values.
    fn encode<W: Write>(
        &self,
        out: W,
        cancel: &AtomicBool,
        io_fail: &dyn Fn(io::Error) -> BackupError,
    ) -> Result<(W, u64, u64), BackupError> {
        let next_id = self.db.generate_id()?.saturating_add(1);
        let created_at = self.now.and_utc().timestamp();
        let header = Header { format: FORMAT_VERSION, schema: self.schema()?, created_at, next_id };
        let mut enc = Encoder::new(out, &header).map_err(io_fail)?;
        let (mut seen, mut live): (u64, u64) = (0, 0);
        for (name, tree) in &self.trees {
            enc.tree(name).map_err(io_fail)?;
            for kv in tree.iter() {
                let (key, value) = kv?;
                enc.entry(&key, &value).map_err(io_fail)?;
                live += (key.len() + value.len()) as u64;
                seen += 1;
                if seen.is_multiple_of(CANCEL_EVERY) && cancel.load(Ordering::Relaxed) {
                    return Err(BackupError::Cancelled);
                }
            }
            enc.end_tree().map_err(io_fail)?;
        }
        let entries = enc.entries();
        Ok((enc.finish().map_err(io_fail)?, entries, live))
    }
}

impl Snapshot {
    /// The schema the records are in: this build's, except in the copy
    /// taken just before migrating an older database.
    fn schema(&self) -> Result<u32, BackupError> {
        let stored = self.meta.get(META_SCHEMA)?;
        Ok(stored.and_then(|v| <[u8; 4]>::try_from(v.as_ref()).ok()).map_or(SCHEMA_VERSION, u32::from_be_bytes))
    }
}

/// A temporary in `backups/` unique to this process and call, named so it
/// is never taken for a backup (it ends in `.tmp`) and is known as ours to
/// remove at the next opening (`auto::remove_stale_temps`).
fn temp_path(backups: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    backups.join(format!("dang-ghi-{n}.{}.{}.tmp", super::format::EXTENSION, std::process::id()))
}

/// Renames the synced `temp` over `target`, or, when `target` is on another
/// disk (a rename cannot cross), copies it beside the target, syncs, renames
/// and removes `temp`.
fn put_in_place(temp: &Path, target: &Path) -> io::Result<()> {
    match fs::rename(temp, target) {
        Err(e) if e.kind() == io::ErrorKind::CrossesDevices => copy_across(temp, target),
        other => other,
    }?;
    sync_parent(target)
}

fn copy_across(temp: &Path, target: &Path) -> io::Result<()> {
    let mut name = target.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!(".{}.tmp", std::process::id()));
    let beside = target.with_file_name(name);
    let note = auto::outside_note(temp);
    crate::store::folder::write_fresh(&note, beside.as_os_str().as_encoded_bytes())?;
    sync_parent(&note)?;
    let copied = (|| {
        let mut out = create_private(&beside)?;
        io::copy(&mut File::open(temp)?, &mut out)?;
        out.sync_all()?;
        fs::rename(&beside, target)
    })();
    if copied.is_err() {
        let _ = fs::remove_file(&beside);
    }
    copied?;
    fs::remove_file(temp)?;
    fs::remove_file(&note)
}

/// A new file only its owner can read (Unix); never an existing one.
fn create_private(path: &Path) -> io::Result<File> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)
}

/// Makes a rename durable: the folder holding `path` is synced
/// (`folder::sync_dir`).
pub(super) fn sync_parent(path: &Path) -> io::Result<()> {
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => crate::store::folder::sync_dir(parent),
        None => Ok(()),
    }
}
