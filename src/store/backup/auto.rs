//! Automatic backups in the database's `backups/` folder.
//!
//! Names say when and why: `2026-11-23-090000.soxabak` (the daily copy),
//! `2026-11-23-091500-truoc-thay-doi.soxabak` (before a bulk change such as
//! an import), `...-truoc-nang-cap.soxabak` (before a schema migration).
//! The newest [`KEEP`] of each kind are kept; older ones of that kind are
//! deleted after a new one is complete. Files whose names do not follow
//! this pattern (a clerk's own copies, half-written `.tmp` files, the
//! `truoc-khoi-phuc-*` folders left by a restore) are never taken for an
//! automatic backup and never rotated away; stale `.tmp` files of ours are
//! removed, since the folder's lock tells us no other soxa is writing them.
//!
//! Names and the clock are not trusted to decide what to delete or what is
//! newest: a clock that once ran ahead leaves names dated in the future.
//! Such files ([`future_dated`]: named more than [`SKEW`] after the store's
//! now, or modified more than [`SKEW`] after the system's) are reported,
//! never rotated away and never taken for the newest; rotation never
//! deletes the copy just written, and orders the others by when they were
//! really written (the file's modification time; the name's time only
//! breaks ties, as after a copy that reset every time).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use chrono::{NaiveDate, NaiveDateTime};

use super::BackupError;
use super::snapshot::{Snapshot, Written};
pub use crate::store::folder::{
    AutoBackup, EXTENSION, Reason, SKEW, backups_dir, file_name, future_dated, list, newest,
};
use crate::store::{Store, folder};

/// Automatic backups kept per kind (a week of daily copies).
pub const KEEP: usize = 7;

/// The `backups/` folder, created owner-only if missing.
pub fn ensure_backups_dir(db_dir: &Path) -> Result<PathBuf, BackupError> {
    let dir = backups_dir(db_dir);
    if !dir.is_dir() {
        folder::create_private_dir(&dir)
            .map_err(|e| BackupError::Write { path: dir.clone(), detail: e.to_string() })?;
    }
    Ok(dir)
}

/// True when no daily backup was taken on `today`.
pub fn daily_due(db_dir: &Path, today: NaiveDate) -> bool {
    !list(db_dir).iter().any(|b| b.reason == Reason::Daily && b.at.date() == today)
}

/// Deletes the oldest automatic backups of `reason` so that `keep` remain,
/// `just_written` among them: it is never deleted, and neither is a file
/// dated in the future (relative to `now`); the rest go oldest first by
/// when they were really written.
fn rotate(db_dir: &Path, reason: Reason, keep: usize, just_written: &Path, now: NaiveDateTime) -> io::Result<()> {
    let mut of_kind: Vec<AutoBackup> = list(db_dir)
        .into_iter()
        .filter(|b| b.reason == reason && b.path != just_written && !b.is_future(now))
        .collect();
    of_kind.sort_by(|a, b| a.age_key().cmp(&b.age_key()));
    let excess = of_kind.len().saturating_sub(keep.saturating_sub(1));
    for old in &of_kind[..excess] {
        fs::remove_file(&old.path)?;
    }
    Ok(())
}

/// Removes half-written copies left by a soxa that was stopped mid-way
/// (ours only: `*.soxabak.*.tmp`), and the copies it was making on another
/// disk, which a note beside them names.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let marker = format!(".{EXTENSION}.");
    let own = format!(".{EXTENSION}.{}.tmp", std::process::id());
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        // This process's own are being written right now (a daily copy on
        // its thread); each removes itself if it fails.
        if !name.contains(&marker) || name.contains(&own) {
            continue;
        }
        if name.ends_with(OUTSIDE_NOTE) {
            remove_outside_copy(&e.path());
        } else if name.ends_with(".tmp") {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Suffix of the note naming a copy being made beside a target on another
/// disk.
const OUTSIDE_NOTE: &str = ".tmp.ngoai";

/// The note for the temporary `temp` (see `snapshot`).
pub fn outside_note(temp: &Path) -> PathBuf {
    let mut name = temp.as_os_str().to_os_string();
    name.push(".ngoai");
    PathBuf::from(name)
}

/// Removes the copy a note names, if it is one of ours (ends in `.tmp`,
/// and holds nothing or the start of a backup), then the note.
fn remove_outside_copy(note: &Path) {
    let Ok(named) = fs::read_to_string(note) else { return };
    let copy = PathBuf::from(named.trim_end_matches('\n'));
    let ours = copy.extension().is_some_and(|e| e == "tmp") && starts_as_backup(&copy);
    if ours {
        let _ = fs::remove_file(&copy);
    }
    let _ = fs::remove_file(note);
}

/// True for a file that is empty or begins like a backup, plain or locked.
fn starts_as_backup(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    let read = fs::File::open(path).and_then(|f| f.take(8).read_to_end(&mut head));
    read.is_ok() && (super::format::MAGIC.starts_with(&head) || super::sealed::AGE_MAGIC.starts_with(&head))
}

/// The target for a new automatic backup: its own name, one second later
/// if a backup of that second exists already (a fixed clock, two imports in
/// one second), so no complete backup is ever replaced.
fn target(dir: &Path, at: NaiveDateTime, reason: Reason) -> PathBuf {
    let mut at = at;
    loop {
        let path = dir.join(file_name(at, reason));
        if !path.exists() {
            return path;
        }
        at += chrono::Duration::seconds(1);
    }
}

/// Writes one automatic backup of `snapshot` into `db_dir/backups`, then
/// rotates that kind.
fn take(snapshot: &Snapshot, db_dir: &Path, reason: Reason, cancel: &AtomicBool) -> Result<Written, BackupError> {
    let dir = ensure_backups_dir(db_dir)?;
    remove_stale_temps(&dir);
    let mut written = snapshot.write(&target(&dir, snapshot.taken_at(), reason), false, cancel)?;
    let now = snapshot.taken_at();
    rotate(db_dir, reason, KEEP, &written.path, now)
        .map_err(|e| BackupError::Write { path: dir, detail: e.to_string() })?;
    written.future_dated = future_dated(db_dir, now);
    Ok(written)
}

impl Store {
    /// Takes an automatic backup now (blocking). Other code calls this with
    /// `BeforeBulkChange` before changing many records at once.
    pub fn auto_backup(&self, reason: Reason) -> Result<Written, BackupError> {
        take(&self.snapshot(), self.dir(), reason, &AtomicBool::new(false))
    }

    /// Starts today's daily backup on a background thread, unless one was
    /// taken today already. See [`BackupJob`].
    pub fn start_daily_backup(&self) -> Option<Result<BackupJob, BackupError>> {
        if !daily_due(self.dir(), self.today()) {
            return None;
        }
        let snapshot = self.snapshot();
        let db_dir = self.dir().to_path_buf();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let spawned = std::thread::Builder::new()
            .name("soxa-backup".into())
            .spawn(move || take(&snapshot, &db_dir, Reason::Daily, &flag));
        Some(
            spawned
                .map(|handle| BackupJob { cancel, handle })
                .map_err(|e| BackupError::Write { path: backups_dir(self.dir()), detail: e.to_string() }),
        )
    }
}

/// A backup running on its own thread. It holds the store's write lock
/// while it copies, so a save made meanwhile waits for it. Cancelling
/// stops it within a few thousand entries and leaves no file behind.
pub struct BackupJob {
    cancel: Arc<AtomicBool>,
    handle: JoinHandle<Result<Written, BackupError>>,
}

impl BackupJob {
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// Waits for the backup and returns how it went.
    pub fn wait(self) -> Result<Written, BackupError> {
        self.handle.join().unwrap_or(Err(BackupError::Cancelled))
    }

    /// Asks the backup to stop and waits until it has.
    pub fn cancel(self) -> Result<Written, BackupError> {
        self.cancel.store(true, Ordering::Relaxed);
        self.wait()
    }
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;

    fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d).and_then(|day| day.and_hms_opt(h, 30, 5)).unwrap()
    }

    #[test]
    fn rotation_keeps_the_newest_of_each_kind_and_nothing_else_is_touched() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = ensure_backups_dir(tmp.path()).unwrap();
        for d in 1..=10 {
            fs::write(dir.join(file_name(at(d, 8), Reason::Daily)), b"x").unwrap();
        }
        fs::write(dir.join(file_name(at(2, 9), Reason::BeforeBulkChange)), b"x").unwrap();
        let foreign = ["2026-11-01-000000.soxabak.99.tmp", "ban-sao-cua-toi.soxabak"];
        for name in foreign {
            fs::write(dir.join(name), b"x").unwrap();
        }
        let newest = dir.join(file_name(at(10, 8), Reason::Daily));
        rotate(tmp.path(), Reason::Daily, KEEP, &newest, at(10, 9)).unwrap();
        let left = list(tmp.path());
        let days: Vec<u32> = left.iter().filter(|b| b.reason == Reason::Daily).map(|b| b.at.day()).collect();
        assert_eq!(days, vec![4, 5, 6, 7, 8, 9, 10]);
        assert!(left.iter().any(|b| b.reason == Reason::BeforeBulkChange));
        assert!(foreign.iter().all(|name| dir.join(name).exists()));
    }

    #[test]
    fn the_newest_is_a_complete_automatic_backup_and_daily_is_due_once_a_day() {
        let tmp = tempfile::tempdir().unwrap();
        assert_eq!(newest(tmp.path()), None);
        assert!(daily_due(tmp.path(), at(23, 9).date()));
        let dir = ensure_backups_dir(tmp.path()).unwrap();
        fs::write(dir.join(file_name(at(22, 9), Reason::Daily)), b"x").unwrap();
        fs::write(dir.join(file_name(at(23, 7), Reason::BeforeBulkChange)), b"x").unwrap();
        // Newer, but half-written or not ours.
        fs::write(dir.join("2026-11-23-100000.soxabak.77.tmp"), b"x").unwrap();
        fs::write(dir.join("ban-sao-tay.soxabak"), b"x").unwrap();
        fs::create_dir(dir.join("truoc-khoi-phuc-2026-11-23-110000")).unwrap();
        assert_eq!(newest(tmp.path()), Some(dir.join("2026-11-23-073005-truoc-thay-doi.soxabak")));
        assert!(daily_due(tmp.path(), at(23, 9).date()), "a bulk-change copy is not the daily one");
        assert!(!daily_due(tmp.path(), at(22, 9).date()));
        remove_stale_temps(&dir);
        assert!(!dir.join("2026-11-23-100000.soxabak.77.tmp").exists());
        assert!(dir.join("ban-sao-tay.soxabak").exists());
    }

    #[test]
    fn stale_temporaries_are_removed_with_the_copies_their_notes_name_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = ensure_backups_dir(tmp.path()).unwrap();
        let outside = tmp.path().join("usb");
        fs::create_dir(&outside).unwrap();
        let cases = [
            ("a", b"SOXA-BAK half".as_slice(), true),
            ("b", b"".as_slice(), true),
            ("c", b"SOXA".as_slice(), true),
            ("d", b"the clerk's own bytes".as_slice(), false),
        ];
        for (name, bytes, _) in cases {
            let copy = outside.join(format!("{name}.soxabak.4242.tmp"));
            fs::write(&copy, bytes).unwrap();
            let temp = dir.join(format!("dang-ghi-{name}.soxabak.4242.tmp"));
            fs::write(&temp, b"SOXA-BAK").unwrap();
            fs::write(outside_note(&temp), copy.as_os_str().as_encoded_bytes()).unwrap();
        }
        let theirs = outside.join("ban-sao.soxabak");
        fs::write(&theirs, b"x").unwrap();
        fs::write(dir.join("ghi-chu.tmp"), b"x").unwrap();
        remove_stale_temps(&dir);
        for (name, _, removed) in cases {
            assert_eq!(outside.join(format!("{name}.soxabak.4242.tmp")).exists(), !removed, "{name}");
        }
        let left: Vec<String> =
            fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into()).collect();
        assert_eq!(left, vec!["ghi-chu.tmp".to_string()]);
        assert!(theirs.exists());
    }

    #[test]
    fn a_second_backup_in_the_same_second_gets_the_next_second() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join(file_name(at(23, 9), Reason::Daily)), b"x").unwrap();
        let next = target(tmp.path(), at(23, 9), Reason::Daily);
        assert_eq!(next, tmp.path().join("2026-11-23-093006.soxabak"));
    }
}
