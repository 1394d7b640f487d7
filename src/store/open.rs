//! Opening a database folder safely: its lock, its schema marker, and sled's
//! opening steps with their failures told as the clerk must hear them. The
//! folder's layout (what each file is called) is `folder`'s.

use std::fs::{self, File, OpenOptions};
use std::io::ErrorKind;
use std::path::Path;

use super::OpenError;
use super::folder::{self, FORMAT_FILE, FORMAT_TEMP, LOCK_FILE};

/// Schema version this build writes and reads. Older ones are migrated
/// (`Store::migrate`): 2 added the briefs; 3 the models, assessments and
/// outreach trees and the commune's record version 2; 4 the operators and
/// access-log trees; 5 packed the biggest trees into buckets (`packed`).
pub const SCHEMA_VERSION: u32 = 5;

/// Creates the folder (owner-only on Unix) if it does not exist.
pub fn ensure_dir(dir: &Path) -> Result<(), OpenError> {
    if dir.is_dir() {
        return Ok(());
    }
    folder::create_private_dir(dir).map_err(|e| not_writable(dir, &e))
}

/// Takes the folder's lock, or says who holds it.
pub fn take_lock(dir: &Path) -> Result<File, OpenError> {
    let path = dir.join(LOCK_FILE);
    let file =
        OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| not_writable(dir, &e))?;
    // A lock let go a moment ago can still be held for an instant by a
    // process another program was starting then (its copy of the file
    // lives until its `exec`): a short wait tells that from a second window,
    // which holds the lock for as long as it is open.
    let start = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_GRACE => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Err(fs::TryLockError::WouldBlock) => return Err(OpenError::Locked { path: dir.to_path_buf() }),
            Err(fs::TryLockError::Error(e)) => return Err(not_writable(dir, &e)),
        }
    }
}

/// How long a held lock is waited for before the folder counts as open in
/// another window.
const LOCK_GRACE: std::time::Duration = std::time::Duration::from_millis(300);

/// The schema named by the marker file: `None` for a folder that holds no
/// database yet.
pub fn read_format(dir: &Path) -> Result<Option<u32>, OpenError> {
    let path = dir.join(FORMAT_FILE);
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(damaged(dir, format!("{FORMAT_FILE}: {e}"))),
    };
    let version = text.lines().find_map(|l| l.strip_prefix("schema ")).and_then(|v| v.trim().parse::<u32>().ok());
    match version {
        Some(v) => Ok(Some(v)),
        None => Err(damaged(dir, format!("{FORMAT_FILE} is unreadable"))),
    }
}

pub fn write_format(dir: &Path, version: u32) -> Result<(), OpenError> {
    // Written whole under another name, then renamed: a crash never leaves
    // a marker cut short (which would read as damage).
    let path = dir.join(FORMAT_FILE);
    let temp = dir.join(FORMAT_TEMP);
    let text = format!("soxa database\nschema {version}\n");
    let write = || -> std::io::Result<()> {
        folder::write_fresh(&temp, text.as_bytes())?;
        fs::rename(&temp, &path)?;
        folder::sync_dir(dir)
    };
    write().map_err(|e| not_writable(dir, &e))
}

pub fn damaged(dir: &Path, detail: String) -> OpenError {
    // The newest complete automatic backup (half-written copies are never named).
    let detail = super::plain_detail(&detail);
    OpenError::Damaged { path: dir.to_path_buf(), detail, backup: folder::newest(dir) }
}

pub fn not_writable(dir: &Path, e: &std::io::Error) -> OpenError {
    OpenError::NotWritable { path: dir.to_path_buf(), detail: e.to_string() }
}

/// Runs sled's opening steps with panics turned into errors: sled 0.34
/// panics on some damaged files ("tried to serialize Uninitialized"), and a
/// damaged database must get the "damaged" sentence, not a crash. The panic
/// message is kept out of the terminal.
pub fn quietly<V>(f: impl FnOnce() -> sled::Result<V>) -> sled::Result<V> {
    // Two stores opening at once (tests run in threads) must not swap the
    // hook in between each other: the second would keep the silent hook as
    // "previous" and every later panic would go unreported.
    static HOOK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = HOOK.lock().unwrap_or_else(|p| p.into_inner());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(previous);
    result.unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(sled::Error::ReportableBug(detail))
    })
}

/// Removes snapshot files sled was writing when the process was killed.
///
/// sled 0.34.7 writes a snapshot to `snap.<lsn>.generating`, syncs it and
/// renames it to `snap.<lsn>`, removing older ones only after that; but
/// when it opens, it takes the last `snap.*` name in sort order without
/// leaving out `.generating`, so a snapshot cut short by a kill (found
/// empty by the kill tests) makes the whole store refuse to open as
/// "corrupted". Such a file is never the only copy of anything (the older
/// snapshot and the log are still there), and under our lock no sled is
/// writing it: removing it lets sled recover as it was designed to.
pub fn remove_half_snapshots(store: &Path) -> std::io::Result<()> {
    let entries = match fs::read_dir(store) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            fs::remove_file(e.path())?;
        }
    }
    Ok(())
}

/// Maps sled's opening errors onto what the clerk must hear.
pub fn sled_open_error(dir: &Path, e: sled::Error) -> OpenError {
    match e {
        // A full or read-only disk is not damage: the clerk must free space
        // or pick another folder, not restore a backup.
        sled::Error::Io(io)
            if matches!(
                io.kind(),
                ErrorKind::PermissionDenied
                    | ErrorKind::ReadOnlyFilesystem
                    | ErrorKind::StorageFull
                    | ErrorKind::QuotaExceeded
                    | ErrorKind::FileTooLarge
            ) =>
        {
            not_writable(dir, &io)
        }
        sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => {
            OpenError::Locked { path: dir.to_path_buf() }
        }
        other => damaged(dir, other.to_string()),
    }
}

/// Opens sled, waiting up to ten seconds while its file lock is still held.
/// Our own lock file is already ours, so no other soxa holds sled's: a
/// refusal can only be a previous handle that sled releases from its
/// flusher thread a moment after the last drop (a reopen in the same
/// process, as after a restore; or a process that just let go of our lock
/// and is still closing sled, which on a busy machine can take over a
/// second).
pub fn when_released<T>(open: impl Fn() -> sled::Result<T>) -> sled::Result<T> {
    for _ in 0..400 {
        match open() {
            Err(sled::Error::Io(e)) if e.kind() == std::io::ErrorKind::Other && e.to_string().contains("lock") => {
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            other => return other,
        }
    }
    open()
}
