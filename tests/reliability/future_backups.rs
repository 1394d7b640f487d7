//! Automatic backups when names and clocks lie: files named for dates in
//! the future (a clock that once ran ahead) of every kind, at several
//! distances, with files written in another order than their names say.
//! Rotation never deletes the copy just written nor a future-dated file;
//! future-dated files are reported; the newest is the one really written
//! last, in the library and in the damaged-ledger sentence of the binary.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::NaiveDateTime;
use soxa::store::Clock;
use soxa::store::backup::Reason;
use soxa::store::backup::auto::{self, KEEP, file_name};

use crate::common::{TestDb, make_db, now, soxa, stderr};

const KINDS: [Reason; 3] = [Reason::Daily, Reason::BeforeBulkChange, Reason::BeforeMigration];

fn futures() -> Vec<(&'static str, NaiveDateTime)> {
    let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
    vec![
        ("2099", at("2099-01-01 00:00:00")),
        ("next year", at("2027-11-23 09:00:00")),
        ("tomorrow", at("2026-11-24 09:00:00")),
        ("three hours ahead", now() + chrono::Duration::hours(3)),
    ]
}

fn touch(path: &Path, ago: Duration) {
    let f = File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - ago).unwrap();
}

fn of_kind(db: &Path, reason: Reason) -> Vec<PathBuf> {
    auto::list(db).into_iter().filter(|b| b.reason == reason).map(|b| b.path).collect()
}

#[test]
fn future_dated_backups_never_make_rotation_delete_the_new_copy() {
    let mut cases = 0;
    for (label, future) in futures() {
        for reason in KINDS {
            let mut db = TestDb::new();
            let dir = db.path().join("backups");
            fs::create_dir_all(&dir).unwrap();
            let mut planted = Vec::new();
            for i in 0..KEEP as i64 {
                let at = future + chrono::Duration::seconds(i);
                let path = dir.join(file_name(at, reason));
                fs::write(&path, b"SOXA-BAK from a clock running ahead").unwrap();
                // Written back when the clock ran ahead: before any copy
                // the test takes (a file time equal to the new copy's, on a
                // coarse clock tick, would leave the order to the names).
                touch(&path, Duration::from_secs(3600));
                planted.push((path, at));
            }
            planted.sort();
            for day in 0..=KEEP as i64 {
                db.store.set_clock(Clock::Fixed(now() + chrono::Duration::days(day)));
                let written = db.store.auto_backup(reason).unwrap();
                let context = format!("{label}, {reason:?}, day {day}");
                assert!(written.path.exists(), "{context}: the new copy was deleted");
                assert_eq!(auto::newest(&db.path()), Some(written.path.clone()), "{context}");
                let mut reported = written.future_dated.clone();
                reported.sort();
                // "Tomorrow" stops being the future once the clock reaches
                // it; then it is an ordinary backup, rotated like the rest.
                let today = now() + chrono::Duration::days(day);
                let still_future: Vec<PathBuf> =
                    planted.iter().filter(|(_, at)| *at > today + auto::SKEW).map(|(p, _)| p.clone()).collect();
                assert_eq!(reported, still_future, "{context}: reported");
                assert!(still_future.iter().all(|p| p.exists()), "{context}: a future-dated file was deleted");
                let kept = of_kind(&db.path(), reason).len();
                assert!(kept <= KEEP + planted.len(), "{context}: {kept} kept");
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 4 * 3 * (KEEP + 1));
}

#[test]
fn within_the_clock_skew_a_backup_is_not_future_and_rotation_keeps_seven() {
    let mut db = TestDb::new();
    let dir = db.path().join("backups");
    fs::create_dir_all(&dir).unwrap();
    let near = dir.join(file_name(now() + chrono::Duration::minutes(50), Reason::Daily));
    fs::write(&near, b"x").unwrap();
    touch(&near, Duration::from_secs(3600));
    let written = db.store.auto_backup(Reason::Daily).unwrap();
    assert!(written.future_dated.is_empty(), "{:?}", written.future_dated);
    for day in 1..=KEEP as i64 {
        db.store.set_clock(Clock::Fixed(now() + chrono::Duration::days(day)));
        db.store.auto_backup(Reason::Daily).unwrap();
    }
    assert_eq!(of_kind(&db.path(), Reason::Daily).len(), KEEP);
    assert!(!near.exists(), "the oldest really written went first");
    assert!(!written.path.exists(), "then the next oldest");
}

#[test]
fn the_newest_backup_is_the_one_really_written_last_not_the_latest_name() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    make_db(&db);
    let dir = db.join("backups");
    fs::create_dir_all(&dir).unwrap();
    // Names and modification times in opposite orders, plus future names.
    let plan = [
        ("2026-11-20-090000.soxabak", 60),
        ("2026-11-21-090000-truoc-thay-doi.soxabak", 3_600),
        ("2026-11-22-090000.soxabak", 86_400),
        ("2099-12-31-235959.soxabak", 1),
        ("2030-01-01-000000-truoc-nang-cap.soxabak", 0),
    ];
    for (name, ago) in plan {
        fs::write(dir.join(name), b"x").unwrap();
        touch(&dir.join(name), Duration::from_secs(ago));
    }
    let want = dir.join("2026-11-20-090000.soxabak");
    assert_eq!(auto::newest(&db), Some(want.clone()));
    // A damaged ledger names it, and never a future-dated file.
    fs::write(db.join("soxa-format"), "???\n").unwrap();
    for lang in ["en", "vi"] {
        let out = soxa(&["check", "--lang", lang, "--db", db.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
        assert!(stderr(&out).contains("2026-11-20-090000.soxabak"), "{}", stderr(&out));
        assert!(!stderr(&out).contains("2099") && !stderr(&out).contains("2030"), "{}", stderr(&out));
    }
}

#[test]
fn soxa_backup_reports_future_dated_backups() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    make_db(&db);
    fs::create_dir_all(db.join("backups")).unwrap();
    for name in ["2099-01-01-000000.soxabak", "2098-05-05-050505-truoc-thay-doi.soxabak"] {
        fs::write(db.join("backups").join(name), b"x").unwrap();
    }
    let target = tmp.path().join("copy.soxabak");
    let out = soxa(&["backup", "--lang", "en", "--db", db.to_str().unwrap(), target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let told = stderr(&out);
    assert!(told.contains("2 automatic backups are dated in the future"), "{told}");
    assert!(told.contains("2099-01-01-000000.soxabak") && told.contains("2098-05-05"), "{told}");
}
