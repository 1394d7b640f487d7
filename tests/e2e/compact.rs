//! Issue 16 item 3 in a real pseudo-terminal: a ledger whose folder has
//! grown far past its live size is offered a compaction once the daily
//! copy is over; F9 accepts it, `q` quits, and the compaction then runs in
//! the same process: its sizes are printed, the folder is smaller, every
//! household is still there. (The growth is simulated: a large file in the
//! store folder, which sled ignores and the size on disk counts, as the
//! log's garbage would be counted.)

use std::fs;
use std::time::Instant;

use super::{DEADLINE, Session, assert_clean_exit};
use crate::common::{demo_at, household_count};

#[test]
fn a_grown_ledger_is_offered_a_compaction_that_runs_at_quit() {
    let deadline = Instant::now() + DEADLINE;
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("db");
    demo_at(&db, 300, 1);
    fs::write(db.join("store/gia-lap-rac"), vec![0u8; 24 << 20]).expect("padding");
    let before = soxa::store::folder::size_of(&db.join("store"));

    let mut s = Session::start(&["--lang", "en"], &db, deadline);
    s.wait_for(&["The ledger takes", "press F9 to compact"]);
    s.send_raw(b"\x1b[20~");
    s.wait_for(&["will be compacted when you quit"]);
    s.send("q");
    s.wait_for(&["Ledger compacted:"]);
    assert_clean_exit(&mut s);
    let after = soxa::store::folder::size_of(&db.join("store"));
    assert!(after < before / 3, "{before} -> {after}");
    assert!(!db.join("store/gia-lap-rac").exists());
    assert!(!db.join("store-truoc-thu-gon").exists() && !db.join("store-restoring").exists());
    assert_eq!(household_count(&db), Some(300));
}

#[test]
fn a_fresh_ledger_is_not_offered_a_compaction() {
    let deadline = Instant::now() + DEADLINE;
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("db");
    demo_at(&db, 300, 1);
    let mut s = Session::start(&["--lang", "en"], &db, deadline);
    s.wait_for(&["Automatic backup saved:"]);
    assert!(!s.screen().contains("F9"), "{}", s.screen());
    s.send_raw(b"\x1b[20~");
    s.send("q");
    assert_clean_exit(&mut s);
    assert!(!s.screen().contains("compacted"), "{}", s.screen());
}
