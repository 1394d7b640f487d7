//! Building a database folder from a backup file.
//!
//! The file is verified completely before any folder is touched. The new
//! store is built beside the old one (in `store-restoring/`), so a failure
//! half-way leaves the folder as it was; only then is the current store, if
//! any, moved into `backups/truoc-khoi-phuc-<time>/` (nothing is deleted) and
//! the new one put in its place, the `soxa-format` marker last, by a
//! journaled swap (`store::swap`): a crash at any step is finished by the
//! next opening, never leaving an empty ledger. The old store is never
//! opened, so a damaged database can be replaced. Everything happens under
//! the folder's lock: never while a soxa window has it open. A locked
//! backup (`sealed`) is read through its recovery key, both times.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::decode::{self, Contents, ReadError};
use super::sealed::{self, RecoveryKey};
use super::{BackupError, auto};
use crate::store::tables::T;
use crate::store::{DEFAULT_CACHE_BYTES, FolderLock, IDGEN_PERSIST_INTERVAL, folder, open, swap};

/// What a restore did.
#[derive(Clone, Debug)]
pub struct Restored {
    pub contents: Contents,
    /// Where the database that was replaced now lives.
    pub moved_aside: Option<PathBuf>,
    /// An earlier restore or demo a crash had cut short, finished or
    /// rolled back before this one began.
    pub earlier: Option<swap::Recovered>,
}

/// Reads the whole file and checks it; writes nothing. A locked backup is
/// refused (`verify_with` takes its key).
pub fn verify(file: &Path) -> Result<Contents, BackupError> {
    verify_with(file, None)
}

/// Reads the whole file, decrypted with `key` if it is locked, and checks
/// it; writes nothing.
pub fn verify_with(file: &Path, key: Option<&RecoveryKey>) -> Result<Contents, BackupError> {
    let invalid = |problem| BackupError::Invalid { path: file.to_path_buf(), problem };
    decode::read(sealed::open(file, key)?, |_, _, _| Ok::<(), ReadError>(())).map_err(invalid)
}

/// Restores a plain `file` into the database folder `dir` (see the module
/// comment). A folder already holding a database is refused unless
/// `replace`.
pub fn restore(file: &Path, dir: &Path, replace: bool, now: NaiveDateTime) -> Result<Restored, BackupError> {
    restore_with(file, dir, replace, now, None)
}

/// Like [`restore`], a locked `file` decrypted with `key`: a missing or
/// wrong key is refused before any folder is touched.
pub fn restore_with(
    file: &Path,
    dir: &Path,
    replace: bool,
    now: NaiveDateTime,
    key: Option<&RecoveryKey>,
) -> Result<Restored, BackupError> {
    let contents = verify_with(file, key)?;
    if dir.exists() && !dir.is_dir() {
        return Err(crate::store::OpenError::NotAFolder { path: dir.to_path_buf() }.into());
    }
    open::ensure_dir(dir)?;
    let holds_database = folder::holds_database(dir);
    if holds_database && !replace {
        return Err(BackupError::HasDatabase { path: dir.to_path_buf() });
    }
    if !holds_database && folder::has_foreign_files(dir) {
        return Err(crate::store::OpenError::NotADatabase { path: dir.to_path_buf() }.into());
    }
    let (_lock, earlier) = FolderLock::take(dir)?;
    // An earlier swap finished just now may have put a database here.
    let holds_database = folder::holds_database(dir);
    if holds_database && !replace {
        return Err(BackupError::HasDatabase { path: dir.to_path_buf() });
    }
    let staging = folder::staging_dir(dir);
    let write_fail = |e: io::Error| BackupError::Write { path: dir.to_path_buf(), detail: e.to_string() };
    remove_if_present(&staging).map_err(write_fail)?;
    if let Err(e) = build(file, key, &staging) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    folder::sync_dir(dir).map_err(write_fail)?;
    let aside = if holds_database { Some(aside_name(dir, now)?) } else { None };
    let plan = swap::Plan {
        kind: swap::Kind::Restore,
        staging: PathBuf::from(folder::STAGING_DIR),
        aside: aside.as_ref().and_then(|a| a.strip_prefix(dir).ok()).map(Path::to_path_buf),
        schema: contents.header.schema,
    };
    swap::commit(dir, &plan)?;
    // A form left unfinished belongs to the ledger that was replaced (were
    // this cut short, the draft's ledger id still keeps it from being
    // offered).
    crate::store::drafts::clear(dir);
    Ok(Restored { contents, moved_aside: aside, earlier })
}

/// Writes every entry of `file` into a new sled database at `path`, then
/// sets its id counter above every id the backed-up database handed out.
fn build(file: &Path, key: Option<&RecoveryKey>, path: &Path) -> Result<(), BackupError> {
    build_from(sealed::open(file, key)?, file, path).map(|_| ())
}

/// Writes every entry of the backup stream `input` (checked as it is read:
/// a checksum that does not match fails the build) into a new sled
/// database at `path`, sets its id counter above every id the backed-up
/// database handed out, and returns what the stream held with the new
/// database, open and flushed. `origin` names the stream in errors.
pub(crate) fn build_from(input: impl Read, origin: &Path, path: &Path) -> Result<(Contents, sled::Db), BackupError> {
    let config = sled::Config::new().path(path).cache_capacity(DEFAULT_CACHE_BYTES);
    let db = open::when_released(|| config.open())?;
    // Every tree soxa knows exists in the restored folder, as after any
    // opening, even those the backup holds no entry of.
    for t in T::ALL {
        db.open_tree(t.name())?;
    }
    let invalid = |problem| BackupError::Invalid { path: origin.to_path_buf(), problem };
    let mut tree: Option<(String, sled::Tree)> = None;
    let mut run = Run::default();
    let contents = decode::read(input, |name, key, value| {
        let current = match tree.take() {
            Some((current, t)) if current == name => (current, t),
            other => {
                if let Some((_, t)) = &other {
                    run.insert_into(t)?;
                }
                (name.to_string(), db.open_tree(name)?)
            }
        };
        run.push(key, value);
        if run.is_full() {
            run.insert_into(&current.1)?;
        }
        tree = Some(current);
        Ok(())
    })
    .map_err(|e: LoadError| match e {
        LoadError::Read(problem) => invalid(problem),
        LoadError::Store(e) => e.into(),
    })?;
    if let Some((_, t)) = &tree {
        run.insert_into(t)?;
    }
    // Every handle (the trees too) must go before sled releases its files.
    drop(tree);
    db.flush()?;
    drop(db);
    // sled offers no way to set its id counter, but documents how it
    // recovers it: on reopening, the last persisted value plus twice the
    // persist interval; and it asserts that the persisted value is a
    // multiple of the interval the store opens with. A new database's
    // persisted value is 0, so reopening it with an interval of half a
    // multiple of the store's interval at or above `next_id` starts the
    // counter at that multiple; the one id then taken persists it (with an
    // fsync), and every later open only adds to it.
    let steps = contents.header.next_id.div_ceil(IDGEN_PERSIST_INTERVAL).max(1);
    let interval = steps * (IDGEN_PERSIST_INTERVAL / 2);
    // sled releases its file lock on a thread of its own after the drop
    // above: wait for it rather than fail on a busy machine.
    let config = config.idgen_persist_interval(interval);
    let db = open::when_released(|| config.open())?;
    db.generate_id()?;
    db.flush()?;
    // sled's flush ends with `sync_file_range` on Linux, and it never syncs
    // `conf`: both synced before the swap puts the store in place (see
    // `folder::sync_new_store`).
    folder::sync_new_store(path).map_err(|e| BackupError::Write { path: path.to_path_buf(), detail: e.to_string() })?;
    Ok((contents, db))
}

/// Entries read in order, inserted a few at a time: one insert at a time
/// (sled 0.34 holds garbage of a whole batch of sorted keys, several GiB
/// for 8,192-entry batches at 100,000 households; single inserts stay near
/// the cache size and are as fast, since nothing is synced before the
/// final flush), but each run of [`RUN`] in reverse order. sled splits a
/// leaf of 17 entries after its 9th, so keys inserted in ascending order
/// leave every leaf about half full for good; runs of 16 inserted from
/// the last leave them nearly full (a store about a third smaller,
/// docs/PERFORMANCE.md, "Compaction").
#[derive(Default)]
struct Run {
    entries: Vec<(Vec<u8>, Vec<u8>)>,
}

/// Entries per reversed run: sled's leaf size before it splits.
const RUN: usize = 16;

impl Run {
    fn push(&mut self, key: &[u8], value: &[u8]) {
        self.entries.push((key.to_vec(), value.to_vec()));
    }

    fn is_full(&self) -> bool {
        self.entries.len() >= RUN
    }

    fn insert_into(&mut self, tree: &sled::Tree) -> Result<(), sled::Error> {
        for (key, value) in self.entries.drain(..).rev() {
            tree.insert(key, value)?;
        }
        Ok(())
    }
}

/// Either side of loading can fail: the file or sled.
enum LoadError {
    Read(ReadError),
    Store(sled::Error),
}

impl From<ReadError> for LoadError {
    fn from(e: ReadError) -> Self {
        LoadError::Read(e)
    }
}

impl From<sled::Error> for LoadError {
    fn from(e: sled::Error) -> Self {
        LoadError::Store(e)
    }
}

/// A new folder under `backups/` for the current store and marker (made
/// by the swap, so only its name is chosen here).
fn aside_name(dir: &Path, now: NaiveDateTime) -> Result<PathBuf, BackupError> {
    let backups = auto::ensure_backups_dir(dir)?;
    let stamp = now.format("%Y-%m-%d-%H%M%S");
    Ok((1..)
        .map(|n| match n {
            1 => backups.join(format!("truoc-khoi-phuc-{stamp}")),
            n => backups.join(format!("truoc-khoi-phuc-{stamp}-{n}")),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| backups.join("truoc-khoi-phuc")))
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
