//! Issue 15 in a real pseudo-terminal: on a ledger with users, the binary
//! opens on the sign-in screen; the clerk signs in by typing, opens a form
//! and types into it, leaves it (SOXA_IDLE_LOCK_SECS=2, the test-only
//! override of the idle lock's minutes), sees the lock screen, which hides
//! the form, signs in again and finds the form with what was typed.

use std::time::Instant;

use portable_pty::CommandBuilder;
use soxa::domain::access::OperatorRole;

use super::{DEADLINE, Session, assert_clean_exit};
use soxa::demo::{DemoOptions, generate};

use crate::common::{now, open_at};

#[test]
fn the_interface_signs_in_then_locks_when_idle_keeping_the_form() {
    let deadline = Instant::now() + DEADLINE;
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("db");
    {
        let store = open_at(&db);
        let opts = DemoOptions { households: 300, seed: 1, today: now().date() };
        generate(&store, &opts).expect("the demo");
        store.add_operator("Lê Thị Hoa", OperatorRole::Admin, None, "mat khau ba").expect("add the admin");
    }
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_soxa"));
    cmd.args(["--db", db.to_str().expect("utf-8 temp path")]);
    cmd.env("SOXA_DB", &db);
    cmd.env("SOXA_IDLE_LOCK_SECS", "2");
    let mut s = Session::start_command(cmd, deadline);

    // The sign-in screen, nothing of the ledger on it.
    s.wait_for(&["Đăng nhập", "Tên người dùng", "Mật khẩu"]);
    assert!(!s.screen().contains("Tổng quan"), "the ledger shows before sign-in:\n{}", s.screen());
    s.send("le thi hoa<tab>mat khau ba<enter>");
    s.wait_for(&["Tổng quan"]);

    // A household form, half filled.
    s.send("2");
    s.wait_for(&["Ký hôm nay"]);
    s.send("n");
    s.wait_for(&["Thêm hộ gia đình"]);
    s.send("t01-9001<tab><tab>Nguyễn Văn Khóa");
    s.wait_for(&["Nguyễn Văn Khóa"]);

    // Two seconds without a key: the lock screen, the form hidden.
    // The whole box drawn: its title, the signed-in name, its key line.
    s.wait_for(&["Đã khóa", "Người dùng: Lê Thị Hoa", "Enter: mở khóa"]);
    assert!(!s.screen().contains("Nguyễn Văn Khóa"), "the form shows through the lock:\n{}", s.screen());
    s.send("mat khau ba<enter>");
    s.wait_until("the form back as it was", |screen| {
        screen.contains("Thêm hộ gia đình") && screen.contains("Nguyễn Văn Khóa") && screen.contains("T01-9001")
            || screen.contains("Thêm hộ gia đình") && screen.contains("Nguyễn Văn Khóa") && screen.contains("t01-9001")
    });
    // Saved from there, then quit.
    s.send("<c-s>");
    s.wait_until("saved", |screen| screen.contains("Đã lưu") && !screen.contains("Thêm hộ gia đình"));
    s.send("q");
    assert_clean_exit(&mut s);
    let store = open_at(&db);
    let h = store.household_by_code("T01-9001").expect("read").expect("saved");
    assert_eq!(h.head_name, "Nguyễn Văn Khóa");
    // The audit log names who signed in.
    let log = store.access_log(10).expect("log");
    assert!(log.iter().any(|e| e.operator == "Lê Thị Hoa"), "{log:?}");
}
