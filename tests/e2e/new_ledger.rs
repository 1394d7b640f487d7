//! Issue 18 item 10 in a real pseudo-terminal: a folder named with `--db`
//! that holds no ledger is not made one without asking. No: soxa exits
//! non-zero and creates nothing. Yes: the new ledger opens on Settings.
//! Importing there first says to enter the commune (issue 14 item 7).
//! Ctrl+C then quits the interface, as `q` does.

use std::time::Instant;

use super::{DEADLINE, Session, assert_clean_exit};

#[test]
fn a_mistyped_folder_is_not_made_a_ledger_without_asking() {
    let deadline = Instant::now() + DEADLINE;
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("ledgr");
    let db_arg = db.to_str().expect("utf-8 temp path");

    let mut s = Session::start(&["--db", db_arg], &db, deadline);
    s.wait_for(&["Chưa có sổ ở", "Tạo sổ mới ở đây? (c/k)"]);
    s.send("k<enter>");
    let status = s.wait_exit();
    assert!(!status.success(), "no means no: {status:?}\n{}", s.screen());
    assert!(!db.exists(), "no folder created");

    let mut s = Session::start(&["--db", db_arg, "--lang", "en"], &db, deadline);
    s.wait_for(&["No ledger at", "Create a new one here? (y/n)"]);
    s.send("y<enter>");
    s.wait_for(&["Settings"]);
    assert!(db.exists(), "the new ledger is made");
    // Importing before the commune is entered says what to do first.
    s.send("i");
    s.wait_for(&["The ledger has no commune yet", "before importing"]);
    s.send_raw(b"\x03");
    assert_clean_exit(&mut s);
}
