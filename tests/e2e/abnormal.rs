//! Issue 17 items 6 and 10 in a real pseudo-terminal.
//!
//! The interface's process killed by signals nothing can catch or clean up
//! after (SIGABRT, as an allocation failure aborts; SIGKILL; SIGQUIT; an
//! external SIGSEGV is no test: Rust's stack-overflow handler returns from
//! it once), or
//! asked to stop (SIGTERM to the interface, SIGTERM to its watching
//! parent): each time the terminal is given back as it was. A shell
//! around soxa records `stty -g` before and after (raw mode would differ),
//! and soxa's exit code; the emulator shows the alternate screen left and
//! the cursor shown; an abnormal end is told in one sentence.
//!
//! Bytes that are not UTF-8, typed and pasted (bracketed paste) into a
//! household form: the saved name holds no U+FFFD and the status line told
//! the clerk about the pasted ones.

use std::path::Path;
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;

use super::{DEADLINE, Session};
use crate::common::{open_at, soxa};

/// The processes whose parent is `pid`.
fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(n) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        // "pid (name) state ppid ...": the name may hold spaces.
        let ppid = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse::<u32>().ok());
        if ppid == Some(pid) {
            out.push(n);
        }
    }
    out
}

/// The one child of `pid`, waiting for it to appear.
fn child_of(pid: u32, deadline: Instant) -> u32 {
    loop {
        if let [one] = children(pid).as_slice() {
            return *one;
        }
        assert!(Instant::now() < deadline, "no single child of {pid}: {:?}", children(pid));
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn demo_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("db");
    let out = soxa(&["demo", "--households", "30", "--seed", "3", "--no-open", "--db", db.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    db
}

/// soxa on `db` inside a shell that records the terminal's mode before and
/// after, and soxa's exit code, in `dir`.
fn in_shell(dir: &Path, db: &Path, deadline: Instant) -> Session {
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", r#"stty -g > before; "$SOXA" --db "$DB"; echo $? > code; stty -g > after"#]);
    cmd.env("SOXA", env!("CARGO_BIN_EXE_soxa"));
    cmd.env("DB", db);
    cmd.cwd(dir);
    Session::start_command(cmd, deadline)
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_default().trim().to_string()
}

#[test]
fn a_killed_or_aborted_interface_gives_the_terminal_back() {
    let deadline = Instant::now() + DEADLINE * 2;
    let tmp = tempfile::tempdir().unwrap();
    let db = demo_db(tmp.path());
    // (signal, sent to the interface (true) or to its watching parent,
    // exit code, whether a sentence says it ended abnormally)
    for (signal, to_interface, code, told) in [
        ("ABRT", true, "134", true),
        ("KILL", true, "137", true),
        ("QUIT", true, "131", true),
        ("HUP", false, "129", false),
        ("TERM", true, "143", false),
        ("TERM", false, "143", false),
    ] {
        for f in ["before", "after", "code"] {
            let _ = std::fs::remove_file(tmp.path().join(f));
        }
        let mut s = in_shell(tmp.path(), &db, deadline);
        s.wait_for(&["Tổng quan"]);
        assert!(s.parser.screen().alternate_screen());
        let shell = s.child.process_id().unwrap();
        let parent = child_of(shell, deadline);
        let interface = child_of(parent, deadline);
        let target = if to_interface { interface } else { parent };
        let killed = std::process::Command::new("kill").args(["-s", signal, &target.to_string()]).status().unwrap();
        assert!(killed.success());
        let status = s.wait_exit();
        let case = format!("SIG{signal} to the {}", if to_interface { "interface" } else { "parent" });
        assert!(status.success(), "{case}: the shell ended with {status:?}");
        assert_eq!(read(tmp.path(), "code"), code, "{case}: exit code");
        let (before, after) = (read(tmp.path(), "before"), read(tmp.path(), "after"));
        assert!(!before.is_empty() && before == after, "{case}: terminal mode {before} became {after}");
        assert!(!s.parser.screen().alternate_screen(), "{case}: alternate screen left on\n{}", s.screen());
        assert!(!s.parser.screen().hide_cursor(), "{case}: cursor left hidden");
        assert_eq!(s.screen().contains("soxa bị dừng đột ngột"), told, "{case}:\n{}", s.screen());
        assert!(children(parent).is_empty(), "{case}: the interface outlived its parent");
    }
    // The ledger is whole after all that.
    let out = soxa(&["--db", db.to_str().unwrap(), "check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn bytes_that_are_not_utf8_never_reach_a_saved_name() {
    let deadline = Instant::now() + DEADLINE;
    let tmp = tempfile::tempdir().unwrap();
    let db = demo_db(tmp.path());
    let mut s = Session::start(&["--db", db.to_str().unwrap()], &db, deadline);
    s.wait_for(&["Tổng quan"]);
    s.send("2");
    s.wait_for(&["Ký hôm nay"]);
    // Three households: typed bad bytes, a pasted name with bad bytes, and
    // both, each saved with Ctrl+S.
    let cases: [(&str, &[u8], &str, bool); 3] = [
        ("t01-9101", b"Tr\xff\xfe\xe1\xba\xa7n Th\xc3 Hoa", "Hoa", false),
        ("t01-9102", b"\x1b[200~L\xc3\xaa \xffV\xe1n \xfe\xfeB\xc3\xacnh\x1b[201~", "Bình", true),
        ("t01-9103", b"Ph\xc3\xa1m \x1b[200~\xf0\x9f\x8c Mai\xed\xa0\x80\x1b[201~ \xc0\xafAn", "An", true),
    ];
    for (code, bytes, shown, pasted) in cases {
        s.send("n");
        s.wait_for(&["Thêm hộ gia đình"]);
        s.send(&format!("{code}<tab><tab>"));
        s.send_raw(bytes);
        s.wait_for(&[shown]);
        if pasted {
            s.wait_for(&["Đã bỏ", "ký tự không đọc được"]);
        }
        s.send("<c-s>");
        s.wait_until("the form to close, saved", |screen| {
            screen.contains("Đã lưu") && !screen.contains("Thêm hộ gia đình")
        });
    }
    s.send("q");
    super::assert_clean_exit(&mut s);
    let store = open_at(&db);
    for (code, ..) in cases {
        let h = store.household_by_code(code).unwrap().unwrap_or_else(|| panic!("{code} not saved"));
        assert!(!h.head_name.contains('\u{FFFD}') && !h.head_name.is_empty(), "{code}: {:?}", h.head_name);
        eprintln!("{code}: saved as {:?}", h.head_name);
    }
}

/// The import screen of the real binary, given a workbook with data in
/// `XFD1048576` and one with a zip bomb: the sentence, the interface still
/// running, and a clean exit.
#[test]
fn the_import_screen_refuses_a_bomb_and_the_interface_goes_on() {
    use crate::reliability::big_files::{HEADER, far, xlsx};
    let deadline = Instant::now() + DEADLINE;
    let tmp = tempfile::tempdir().unwrap();
    let db = demo_db(tmp.path());
    let far_cell = tmp.path().join("far.xlsx");
    xlsx(&far_cell, "A1:XFD1048576", &format!("{HEADER}{}", far("XFD1048576")), None);
    let bomb = tmp.path().join("bomb.xlsx");
    let shared = format!("<sst>{}</sst>", "<si><t>aaaaaaaaaaaaaaaa</t></si>".repeat(2_000_000));
    xlsx(&bomb, "A1", HEADER, Some(shared.as_bytes()));
    let mut s = Session::start(&["--db", db.to_str().unwrap()], &db, deadline);
    s.wait_for(&["Tổng quan"]);
    s.send("2");
    s.wait_for(&["Ký hôm nay"]);
    for (file, said) in [(&far_cell, "XFD1048576"), (&bomb, "sharedStrings.xml")] {
        s.send("i");
        s.wait_for(&["Nhập hộ gia đình từ tệp"]);
        s.send(&format!("<c-u>{}<enter>", file.display()));
        s.wait_for(&["quá lớn", said]);
        s.send("<esc>");
        s.wait_until("the import closed", |screen| !screen.contains("Nhập hộ gia đình từ tệp"));
    }
    s.send("q");
    super::assert_clean_exit(&mut s);
}
