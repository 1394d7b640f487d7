//! Automatic backups: one a day, the last seven kept, a cancelled or
//! unfinished copy never left looking like a backup.

use std::sync::atomic::AtomicBool;

use soxa::store::Clock;
use soxa::store::backup::auto::{self, KEEP};
use soxa::store::backup::{BackupError, Reason};

use crate::common::{TestDb, now};

#[test]
fn the_daily_backup_is_taken_once_a_day_and_seven_are_kept() {
    let mut db = TestDb::new();
    let job = db.store.start_daily_backup().expect("due on a new database").unwrap();
    let first = job.wait().unwrap();
    assert_eq!(first.path, db.path().join("backups/2026-11-23-090000.soxabak"));
    assert!(db.store.start_daily_backup().is_none(), "taken already today");
    db.store.auto_backup(Reason::BeforeBulkChange).unwrap();

    for day in 1..=9 {
        db.store.set_clock(Clock::Fixed(now() + chrono::Duration::days(day)));
        db.store.start_daily_backup().expect("due on a new day").unwrap().wait().unwrap();
    }
    let kept = auto::list(&db.path());
    let daily: Vec<String> =
        kept.iter().filter(|b| b.reason == Reason::Daily).map(|b| b.at.format("%d/%m").to_string()).collect();
    assert_eq!(daily.len(), KEEP);
    assert_eq!(daily.first().map(String::as_str), Some("26/11"));
    assert_eq!(daily.last().map(String::as_str), Some("02/12"));
    assert_eq!(kept.iter().filter(|b| b.reason == Reason::BeforeBulkChange).count(), 1, "other kinds stay");
    assert_eq!(auto::newest(&db.path()).unwrap(), db.path().join("backups/2026-12-02-090000.soxabak"));
}

#[test]
fn a_cancelled_backup_leaves_nothing() {
    let db = TestDb::new();
    // Enough entries for the copy to look at its flag.
    let hamlets = (0..5000).map(|i| crate::common::hamlet(&format!("T{i:04}"), "Thôn")).collect();
    db.store.bulk_insert(hamlets, "5000 thôn").unwrap();
    let target = db.tmp.path().join("cancelled.soxabak");
    let result = db.store.snapshot().write(&target, false, &AtomicBool::new(true));
    assert!(matches!(result, Err(BackupError::Cancelled)), "{result:?}");
    let left: Vec<_> = std::fs::read_dir(db.tmp.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("db")], "nothing but the database");
}

#[test]
fn a_write_waits_for_a_running_backup_and_is_not_lost() {
    let db = TestDb::new();
    let snapshot = db.store.snapshot();
    let target = db.tmp.path().join("b.soxabak");
    std::thread::scope(|s| {
        let copy = s.spawn(|| snapshot.write(&target, false, &AtomicBool::new(false)));
        let saved = db.store.insert(crate::common::hamlet("T01", "Đông")).unwrap();
        copy.join().unwrap().unwrap();
        assert_eq!(db.store.get::<soxa::domain::Hamlet>(saved.id).unwrap().unwrap().name, "Đông");
    });
    // Whichever came first, the copy holds all of that change or none of it.
    let restored = db.tmp.path().join("r");
    soxa::store::backup::restore(&target, &restored, false, now()).unwrap();
    drop(db.store);
    let store = crate::common::open_at(&restored);
    assert_eq!(store.check().unwrap(), vec![]);
}
