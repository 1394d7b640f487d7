//! The layout of a ledger folder: what each file and folder in it is
//! called, how a change to it is made durable, and which files in its
//! `backups/` are complete automatic backups.
//!
//! A ledger folder (created 0700 on Unix) holds `soxa-format` (a text marker
//! naming the schema, read before sled is touched, so a newer database is
//! refused without being modified), `soxa.lock` (held while open: a second
//! window is told plainly), `store/` (sled's files) and `backups/`. A
//! restore builds its store in `store-restoring/`, a demo in
//! `demo-building/`, before `swap` puts it in place (journal `soxa-swap`).
//!
//! Automatic backups are named for when and why they were taken (see
//! `backup::auto`, which writes and rotates them); they are listed here,
//! below `open`, because a damaged ledger is reported with the newest one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::NaiveDateTime;

/// The extension of every backup file.
pub const EXTENSION: &str = "soxabak";

pub const FORMAT_FILE: &str = "soxa-format";
pub const FORMAT_TEMP: &str = "soxa-format.tmp";
pub const LOCK_FILE: &str = "soxa.lock";
pub const STORE_DIR: &str = "store";
/// Present while the ledger has operators: tells, without opening the
/// database (which writes), that someone must sign in (see `signs_in`).
pub const SIGN_IN_FILE: &str = "soxa-signin";
pub const STAGING_DIR: &str = "store-restoring";
pub const BACKUP_DIR: &str = "backups";

pub fn store_dir(dir: &Path) -> PathBuf {
    dir.join(STORE_DIR)
}

/// Where a restore builds the new store before it replaces `store/`.
pub fn staging_dir(dir: &Path) -> PathBuf {
    dir.join(STAGING_DIR)
}

pub fn format_file(dir: &Path) -> PathBuf {
    dir.join(FORMAT_FILE)
}

/// True when `dir` is a soxa ledger folder, or sled's own folder inside
/// one, judged by the files only soxa and sled put there: `soxa-format`,
/// `soxa.lock`, `store/` holding sled's `conf` and `db`, or `conf` and `db`
/// side by side. (A folder merely named `store` is not enough: many
/// Documents folders have one.)
pub fn is_ledger_folder(dir: &Path) -> bool {
    let sled_files = |d: &Path| d.join("conf").is_file() && d.join("db").is_file();
    dir.join(FORMAT_FILE).exists()
        || dir.join(LOCK_FILE).exists()
        || sled_files(&dir.join(STORE_DIR))
        || sled_files(dir)
}

/// True when the folder holds a database (complete or not).
pub fn holds_database(dir: &Path) -> bool {
    format_file(dir).exists() || store_dir(dir).exists()
}

/// The journal file in a database folder.
pub const JOURNAL: &str = "soxa-swap";
/// The journal while it is written (renamed when complete).
pub const JOURNAL_TEMP: &str = "soxa-swap.tmp";
/// Where a demo is built (a whole database folder of its own).
pub const DEMO_BUILDING: &str = "demo-building";
/// Where the demo being replaced goes until the swap is over.
pub const DEMO_REPLACED: &str = "demo-replaced";
/// Where a compaction moves the store it replaced; removed by the next
/// opening that succeeds (`store::compact`).
pub const COMPACT_REPLACED: &str = "store-truoc-thu-gon";

/// Bytes of every file under `dir` (sled's folder: its size on disk, as a
/// file manager shows it); 0 for a folder that cannot be read.
pub fn size_of(dir: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => size_of(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}

/// Creates a folder and its missing parents, owner-only on Unix.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// True when the folder holds files that are not a soxa database (so we never
/// start a database inside someone's documents folder).
pub fn has_foreign_files(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else { return false };
    entries.flatten().any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        ![
            LOCK_FILE,
            FORMAT_FILE,
            SIGN_IN_FILE,
            STORE_DIR,
            STAGING_DIR,
            BACKUP_DIR,
            "soxa.log",
            "draft.json",
            "ui.json",
            JOURNAL,
            JOURNAL_TEMP,
            FORMAT_TEMP,
            DEMO_BUILDING,
            DEMO_REPLACED,
            COMPACT_REPLACED,
        ]
        .contains(&name.as_ref())
    })
}

/// Writes `bytes` to a new file at `path`, owner-only on Unix, and syncs
/// it: the temporary that a rename then puts in place. Whatever stands at
/// `path` (a leftover of a crash, or a link someone put there) is removed
/// first, the link itself and never what it points to, and the file is
/// created new (`create_new` does not follow a link), so no write goes
/// through a link or over a file soxa did not write.
pub fn write_fresh(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    io::Write::write_all(&mut file, bytes)?;
    file.sync_all()
}

/// Whether the ledger in `dir` has operators, read from its marker file
/// without opening it (a restore checks this before it replaces a ledger).
pub fn signs_in(dir: &Path) -> bool {
    dir.join(SIGN_IN_FILE).is_file()
}

/// Puts the marker in line with whether the ledger has operators; the
/// store keeps it so at every opening and at the first operator.
pub fn mark_sign_in(dir: &Path, has_operators: bool) -> io::Result<()> {
    let path = dir.join(SIGN_IN_FILE);
    match (has_operators, path.is_file()) {
        (true, false) => {
            write_fresh(&path, b"soxa: this ledger has operators; sign in to use it\n")?;
            sync_dir(dir)
        }
        (false, true) => {
            fs::remove_file(&path)?;
            sync_dir(dir)
        }
        _ => Ok(()),
    }
}

/// Makes renames inside `dir` durable (Unix; NTFS journals them).
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The name of sled's log file in `store/` (sled 0.34 keeps every page in
/// this one file; `conf` is written once, snapshots are synced by sled).
pub const SLED_LOG: &str = "db";
/// sled's settings file beside it.
pub const SLED_CONF: &str = "conf";

/// Makes what sled has written to its log durable: its own `flush` on Linux
/// ends with `sync_file_range` (sled 0.34.7, `iobuf.rs`), which writes the
/// pages out but neither the file's metadata nor a flush of the disk's
/// cache; sled's `fsync` comes later, from its flusher thread or when the
/// database is closed. So every flush that precedes "saved" is followed by
/// this `fdatasync` (on any descriptor of the file: it syncs the file).
/// Elsewhere sled syncs the whole file after every write already.
pub fn sync_log(store: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    fs::File::open(store.join(SLED_LOG))?.sync_data()?;
    #[cfg(not(target_os = "linux"))]
    let _ = store;
    Ok(())
}

/// Like [`sync_log`], for a store just created: sled writes its `conf`
/// once, never syncing it, and a store missing it does not open; so `conf`
/// is synced too before the store is put in place or reported made.
pub fn sync_new_store(store: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    fs::File::open(store.join(SLED_CONF))?.sync_data()?;
    sync_log(store)
}

/// How far ahead of now a backup may be dated before it counts as dated in
/// the future (clocks of two PCs, a daylight-saving change).
pub const SKEW: chrono::Duration = chrono::Duration::hours(2);

const STAMP: &str = "%Y-%m-%d-%H%M%S";
/// Length of a formatted `STAMP`.
const STAMP_LEN: usize = "2026-11-23-090000".len();

/// Why an automatic backup was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// The first time the ledger is opened in the interface on a day.
    Daily,
    /// Just before the database schema is migrated to a newer version.
    BeforeMigration,
    /// Just before a change of many records at once (an import).
    BeforeBulkChange,
    /// Just before the store is rewritten by `soxa compact`.
    BeforeCompaction,
}

impl Reason {
    pub(super) const ALL: [Reason; 4] =
        [Reason::Daily, Reason::BeforeMigration, Reason::BeforeBulkChange, Reason::BeforeCompaction];

    /// The name suffix, ASCII so the name survives any USB stick.
    fn tag(self) -> &'static str {
        match self {
            Reason::Daily => "",
            Reason::BeforeMigration => "-truoc-nang-cap",
            Reason::BeforeBulkChange => "-truoc-thay-doi",
            Reason::BeforeCompaction => "-truoc-thu-gon",
        }
    }
}

/// A complete automatic backup found in a `backups/` folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutoBackup {
    pub path: PathBuf,
    /// The time its name says.
    pub at: NaiveDateTime,
    pub reason: Reason,
    /// When the file was really written (its modification time).
    pub written: Option<SystemTime>,
}

impl AutoBackup {
    /// Named or modified in the future: after `now` (the store's clock) or
    /// the system's clock, by more than [`SKEW`].
    pub fn is_future(&self, now: NaiveDateTime) -> bool {
        let skew = Duration::from_secs(SKEW.num_seconds().unsigned_abs());
        self.at > now + SKEW || self.written.is_some_and(|w| w > SystemTime::now() + skew)
    }

    /// Order of "really written": modification time, then the name's time.
    pub(super) fn age_key(&self) -> (Option<SystemTime>, NaiveDateTime, &Path) {
        (self.written, self.at, &self.path)
    }
}

pub fn backups_dir(db_dir: &Path) -> PathBuf {
    db_dir.join(BACKUP_DIR)
}

pub fn file_name(at: NaiveDateTime, reason: Reason) -> String {
    format!("{}{}.{EXTENSION}", at.format(STAMP), reason.tag())
}

fn parse(name: &str) -> Option<(NaiveDateTime, Reason)> {
    let stem = name.strip_suffix(EXTENSION)?.strip_suffix('.')?;
    let (stamp, tag) = stem.split_at_checked(STAMP_LEN)?;
    let reason = Reason::ALL.into_iter().find(|r| r.tag() == tag)?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    Some((at, reason))
}

/// Every complete automatic backup of the database in `db_dir`, oldest first.
pub fn list(db_dir: &Path) -> Vec<AutoBackup> {
    let Ok(entries) = fs::read_dir(backups_dir(db_dir)) else { return Vec::new() };
    let mut found: Vec<AutoBackup> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let (at, reason) = parse(e.file_name().to_str()?)?;
            let written = e.metadata().and_then(|m| m.modified()).ok();
            Some(AutoBackup { path: e.path(), at, reason, written })
        })
        .collect();
    found.sort_by(|a, b| (a.at, &a.path).cmp(&(b.at, &b.path)));
    found
}

/// The newest complete automatic backup by when it was really written
/// (not by its name), to name when the database is damaged. Files dated in
/// the future are left out.
pub fn newest(db_dir: &Path) -> Option<PathBuf> {
    let now = chrono::Local::now().naive_local();
    list(db_dir).into_iter().filter(|b| !b.is_future(now)).max_by(|a, b| a.age_key().cmp(&b.age_key())).map(|b| b.path)
}

/// Automatic backups dated in the future, relative to `now` (the store's
/// clock): told to the clerk, never rotated away nor taken for the newest.
pub fn future_dated(db_dir: &Path, now: NaiveDateTime) -> Vec<PathBuf> {
    list(db_dir).into_iter().filter(|b| b.is_future(now)).map(|b| b.path).collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d).and_then(|day| day.and_hms_opt(h, 30, 5)).unwrap()
    }

    #[cfg(unix)]
    #[test]
    fn a_fresh_file_never_goes_through_a_link_nor_keeps_what_stood_there() {
        let tmp = tempfile::tempdir().unwrap();
        let victim = tmp.path().join("cua-thu-ky.txt");
        fs::write(&victim, "the clerk's").unwrap();
        let at = tmp.path().join("x.tmp");
        // An old leftover, a link to the clerk's file, a dangling link.
        let cases: [fn(&Path, &Path); 3] = [
            |at, _| fs::write(at, "left over, much longer than the new text").unwrap(),
            |at, victim| std::os::unix::fs::symlink(victim, at).unwrap(),
            |at, victim| std::os::unix::fs::symlink(victim.with_extension("none"), at).unwrap(),
        ];
        for plant in cases {
            plant(&at, &victim);
            write_fresh(&at, b"new").unwrap();
            assert_eq!(fs::read(&at).unwrap(), b"new");
            assert!(!fs::symlink_metadata(&at).unwrap().file_type().is_symlink());
            assert_eq!(fs::read_to_string(&victim).unwrap(), "the clerk's");
            assert!(!victim.with_extension("none").exists());
            fs::remove_file(&at).unwrap();
        }
    }

    #[test]
    fn names_read_back_as_their_time_and_reason() {
        for reason in Reason::ALL {
            let name = file_name(at(23, 9), reason);
            assert_eq!(parse(&name), Some((at(23, 9), reason)), "{name}");
        }
        assert_eq!(file_name(at(23, 9), Reason::Daily), "2026-11-23-093005.soxabak");
        assert_eq!(file_name(at(3, 15), Reason::BeforeBulkChange), "2026-11-03-153005-truoc-thay-doi.soxabak");
        for other in [
            "2026-11-23-093005.soxabak.4242.tmp",
            "2026-11-23-093005-cua-toi.soxabak",
            "soxa-2026-11-23-0930.soxabak",
            "2026-13-23-093005.soxabak",
            "2026-11-23-093005.soxabak.zip",
            "ghi chú.txt",
        ] {
            assert_eq!(parse(other), None, "{other}");
        }
    }
}
