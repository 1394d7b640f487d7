//! Roles on the command line (issue 15): on a small demo made with
//! `--with-operators`, every command in every role from the real binary,
//! signing in with `--user` and `--passphrase-stdin`: allowed (its usual
//! exit code) or refused (exit 1, one sentence naming the role, nothing
//! written: the audit log, the closed periods and the users are as they
//! were). Also: no sign-in, wrong passphrases and their delay, the first
//! user and the recovery sheet, the access log's events, and the audit log
//! naming who signed in.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use soxa::domain::Household;
use soxa::store::{OpenOptions, Store};

use crate::common::{open_at, soxa, soxa_cmd, stderr, stdout};

/// The demo's users (as typed, without diacritics) and passphrases.
const ADMIN: (&str, &str) = ("quan tri", "quantri-demo-2026");
const POLICE: (&str, &str) = ("cong an", "congan-demo-2026");
const JUSTICE: (&str, &str) = ("tu phap", "tuphap-demo-2026");
const HAMLET: (&str, &str) = ("truong thon", "truongthon-demo-2026");
const VIEWER: (&str, &str) = ("chi xem", "chixem-demo-2026");

/// A demo of 30 households with its users, in a folder of its own, with a
/// backup made by the administrator beside it.
struct Demo {
    tmp: tempfile::TempDir,
    /// The recovery key the demo printed once (its backups are locked).
    key: String,
}

impl Demo {
    fn new() -> Demo {
        let tmp = tempfile::tempdir().expect("temp dir");
        let db = tmp.path().join("db");
        let made = soxa(&["demo", "--households", "30", "--no-open", "--with-operators", "--db", s(&db)]);
        assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
        std::fs::create_dir(tmp.path().join("out")).expect("out folder");
        let printed = stdout(&made);
        let key = printed.split_whitespace().find(|w| w.starts_with("AGE-SECRET-KEY-1")).expect("the recovery key");
        let demo = Demo { tmp, key: key.to_string() };
        let base = demo.out("base.soxabak");
        let backup = demo.run(ADMIN, &["backup", s(&base)], "");
        assert_eq!(backup.status.code(), Some(0), "{}", stderr(&backup));
        std::fs::write(
            demo.out("ho.csv"),
            "Mã hộ,Mã thôn,Thôn,Họ tên chủ hộ,Số nhân khẩu\nT01-0999,T01,Thôn Vĩnh Ninh,Trần Văn Thử,3\n",
        )
        .expect("households file");
        demo
    }

    fn db(&self) -> PathBuf {
        self.tmp.path().join("db")
    }

    fn out(&self, name: &str) -> PathBuf {
        self.tmp.path().join("out").join(name)
    }

    /// Runs soxa as `user`, the passphrase and then `more` on standard input.
    fn run(&self, user: (&str, &str), args: &[&str], more: &str) -> Output {
        let db = self.db();
        let mut all = vec!["--db", s(&db), "--user", user.0, "--passphrase-stdin"];
        all.extend(args);
        let mut child = soxa_cmd(&all)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run soxa");
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(format!("{}\n{more}", user.1).as_bytes()).expect("write stdin");
        drop(stdin);
        child.wait_with_output().expect("soxa ends")
    }

    /// What a refused command must leave as it was.
    fn written(&self) -> (usize, usize, usize, usize) {
        let store = open_at(&self.db());
        let audit = store.recent_audit(usize::MAX).expect("audit").len();
        let users = store.operators().expect("users").len();
        (audit, store.closed_periods().len(), users, store.count::<Household>())
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// One command of the matrix: its arguments (with `{out}` for the folder
/// of written files), the lines after the passphrase, the roles allowed
/// (admin, police, justice, hamlet head, viewer) and the exit code when
/// allowed.
struct Row {
    args: &'static [&'static str],
    stdin: &'static str,
    allowed: [bool; 5],
    code: i32,
}

const fn row(args: &'static [&'static str], allowed: [bool; 5]) -> Row {
    Row { args, stdin: "", allowed, code: 0 }
}

const ALL: [bool; 5] = [true; 5];
/// The passphrase of a locked ZIP, on standard input after the sign-in's.
const ZIP: &str = "mat-khau-tep-nen\n";
const ADMIN_ONLY: [bool; 5] = [true, false, false, false, false];

/// Every command, in an order where each allowed one leaves the next
/// meaningful: undo before anything of the role's own is written, the
/// period closed before it is reopened, the restore last.
fn matrix() -> Vec<Row> {
    vec![
        row(&["search", "nguyen"], ALL),
        row(&["check"], ALL),
        row(&["stats"], ALL),
        // The demo's newest change adds its commune's records: settings.
        row(&["undo", "--yes"], ADMIN_ONLY),
        row(&["report", "--period", "2026", "-o", "{out}/r.json"], [true, true, true, false, true]),
        // Files with personal data are locked ZIPs: their passphrase is
        // the line after the sign-in's.
        Row {
            args: &["report", "--period", "2026", "--include-personal", "-o", "{out}/rp.json"],
            stdin: ZIP,
            ..row(&[], [true, true, false, false, false])
        },
        Row {
            args: &["report", "book", "--team", "T01", "--year", "2026", "-o", "{out}/b.xlsx"],
            stdin: ZIP,
            ..row(&[], [true, false, true, false, false])
        },
        // Masked, a households or members file still holds whole phone
        // numbers: not for the viewer.
        row(&["export", "households", "{out}/h.csv"], [true, true, false, false, false]),
        Row {
            args: &["export", "households", "{out}/hp.csv", "--include-personal"],
            stdin: ZIP,
            ..row(&[], [true, true, false, false, false])
        },
        row(&["export", "members", "{out}/m.csv"], [true, true, true, false, false]),
        Row {
            args: &["export", "members", "{out}/mp.csv", "--include-personal"],
            stdin: ZIP,
            ..row(&[], [true, true, false, false, false])
        },
        row(&["export", "outreach", "{out}/o.csv"], [true, true, false, false, true]),
        row(&["import", "households", "{out}/ho.csv", "--dry-run"], [true, true, false, false, false]),
        row(&["import", "households", "{out}/ho.csv"], [true, true, false, false, false]),
        row(&["backup", "{out}/x.soxabak"], [true, true, true, false, false]),
        row(&["close", "2026-Q1"], [true, true, true, false, false]),
        row(&["reopen", "2026-Q1", "--reason", "Bổ sung hộ mới"], ADMIN_ONLY),
        // The administrator is told the commune exists already (exit 1).
        Row {
            args: &["init", "--commune", "Xã Mới", "--province", "Tỉnh Mới"],
            stdin: "",
            allowed: ADMIN_ONLY,
            code: 1,
        },
        row(&["user", "list"], ADMIN_ONLY),
        Row {
            args: &["user", "add", "Người Mới", "--role", "viewer"],
            stdin: "nguoimoi-2026\n",
            ..row(&[], ADMIN_ONLY)
        },
        Row { args: &["user", "passwd", "Người Mới"], stdin: "nguoimoi-2027\n", ..row(&[], ADMIN_ONLY) },
        row(&["user", "remove", "Người Mới"], ADMIN_ONLY),
        row(&["purge", "household", "T02-0001", "--yes"], ADMIN_ONLY),
        // Replaces the whole store, as a restore does (issue 16).
        row(&["compact"], ADMIN_ONLY),
        row(&["access-log"], ADMIN_ONLY),
        row(&["access-log", "-o", "{out}/log.csv"], ADMIN_ONLY),
        // The backup is locked: the recovery key follows the sign-in.
        Row { args: &["restore", "--replace", "{out}/base.soxabak"], stdin: "{key}\n", ..row(&[], ADMIN_ONLY) },
    ]
}

/// Runs the whole matrix as one role (index into the rows' `allowed`).
fn matrix_as(user: (&str, &str), index: usize, role_word: &str) -> Demo {
    let demo = Demo::new();
    let out_dir = demo.tmp.path().join("out");
    for r in matrix() {
        let args: Vec<String> = r.args.iter().map(|a| a.replace("{out}", s(&out_dir))).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let before = demo.written();
        let out = demo.run(user, &args, &r.stdin.replace("{key}", &demo.key));
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        if r.allowed[index] {
            assert_eq!(out.status.code(), Some(r.code), "{role_word} may {args:?}: {err}\n{}", stdout(&out));
            assert!(!err.contains("bạn đang dùng vai trò"), "{role_word} may {args:?}: {err}");
        } else {
            assert_eq!(out.status.code(), Some(1), "{role_word} may not {args:?}: {err}\n{}", stdout(&out));
            assert!(
                err.contains(&format!("bạn đang dùng vai trò {role_word}. Không có gì được ghi.")),
                "{args:?}: {err}"
            );
            assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
            assert_eq!(demo.written(), before, "{role_word} refused {args:?} yet something was written");
        }
    }
    demo
}

#[test]
fn the_administrator_may_do_everything_and_the_access_log_shows_it() {
    let demo = matrix_as(ADMIN, 0, "Quản trị");
    let log = std::fs::read_to_string(demo.out("log.csv")).expect("the access log as CSV");
    assert!(log.starts_with("\u{feff}Thời điểm,Người dùng,Việc"), "{log}");
    for event in [
        "Xuất sổ hòa giải Tổ hòa giải thôn Vĩnh Ninh năm 2026",
        "Xuất Thành viên có thông tin cá nhân",
        "Xuất Hộ có thông tin cá nhân",
        "Xóa thông tin cá nhân của Hộ T02-0001",
        "Thêm người dùng Người Mới (Chỉ xem)",
        "Đổi mật khẩu của Người Mới",
        "Thu gọn sổ: ",
    ] {
        assert!(log.lines().any(|l| l.contains("Quản trị") && l.contains(event)), "no {event:?} in:\n{log}");
    }
    // The restored ledger says who restored it, from which file.
    let after = demo.run(ADMIN, &["access-log"], "");
    let text = stdout(&after);
    assert!(text.lines().nth(1).is_some_and(|l| l.contains("Quản trị  Khôi phục sổ từ base.soxabak")), "{text}");
    let en = demo.run(ADMIN, &["access-log", "--lang", "en"], "");
    assert!(stdout(&en).contains("Quản trị  Restored the ledger from base.soxabak"), "{}", stdout(&en));
}

#[test]
fn the_commune_police_does_what_its_role_allows() {
    matrix_as(POLICE, 1, "Công an xã");
}

#[test]
fn the_audit_log_names_who_signed_in() {
    let demo = Demo::new();
    let out_dir = demo.tmp.path().join("out");
    let import = demo.run(POLICE, &["import", "households", s(&out_dir.join("ho.csv"))], "");
    assert_eq!(import.status.code(), Some(0), "{}", stderr(&import));
    let out = demo.run(POLICE, &["undo"], "k\n");
    let text = stdout(&out);
    assert!(text.lines().any(|l| l.contains("· Công an · ") && l.contains("T01-0999 Trần Văn Thử")), "{text}");
    let hamlet = demo.run(HAMLET, &["undo", "--yes"], "");
    assert!(stderr(&hamlet).contains("bạn đang dùng vai trò Trưởng thôn"), "{}", stderr(&hamlet));
}

#[test]
fn justice_does_what_its_role_allows() {
    matrix_as(JUSTICE, 2, "Tư pháp");
}

#[test]
fn a_hamlet_head_does_what_its_role_allows() {
    matrix_as(HAMLET, 3, "Trưởng thôn");
}

#[test]
fn a_viewer_does_what_its_role_allows() {
    matrix_as(VIEWER, 4, "Chỉ xem");
}

#[test]
fn search_shows_only_what_the_role_reads() {
    let demo = Demo::new();
    let lines = |user| stdout(&demo.run(user, &["search", "thon", "--limit", "200"], ""));
    let hamlet = lines(HAMLET);
    assert!(hamlet.lines().any(|l| l.starts_with("Hộ ")), "{hamlet}");
    for line in hamlet.lines() {
        assert!(line.contains("Thôn Vĩnh Ninh"), "a hamlet head sees only T01: {line}");
        assert!(!line.starts_with("Thành viên") && !line.starts_with("Vụ việc"), "{line}");
    }
    let justice = lines(JUSTICE);
    assert!(justice.lines().any(|l| l.starts_with("Tổ/đội") || l.starts_with("Thành viên")), "{justice}");
    assert!(!justice.lines().any(|l| l.starts_with("Hộ ") || l.starts_with("Mô hình")), "{justice}");
    // Phone numbers stay masked in every role.
    let admin = lines(ADMIN);
    assert!(admin.lines().any(|l| l.contains("****")), "{admin}");
    assert!(
        !admin.lines().any(|l| l.split_whitespace().any(|w| w.len() == 10 && w.bytes().all(|b| b.is_ascii_digit())))
    );
}

#[test]
fn without_a_name_or_with_a_wrong_passphrase_nothing_is_shown() {
    let demo = Demo::new();
    let db = demo.db();
    let out = soxa(&["search", "nguyen", "--db", s(&db)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Sổ này có người dùng: hãy ghi tên bằng --user TÊN"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());

    let wrong_pass = demo.run(("cong an", "sai-mat-khau"), &["search", "nguyen"], "");
    let wrong_name = demo.run(("khong co ai", "congan-demo-2026"), &["search", "nguyen"], "");
    for out in [&wrong_pass, &wrong_name] {
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stderr(out).trim(), "Tên hoặc mật khẩu không đúng.", "never which part");
        assert!(stdout(out).is_empty());
    }
    let third = demo.run(("cong an", "sai-nua"), &["search", "nguyen"], "");
    assert_eq!(stderr(&third).trim(), "Tên hoặc mật khẩu không đúng. Thử lại sau 2 giây.");
    let meanwhile = demo.run(POLICE, &["search", "nguyen"], "");
    assert_eq!(meanwhile.status.code(), Some(1));
    assert!(stderr(&meanwhile).contains("hãy chờ"), "the right passphrase waits too: {}", stderr(&meanwhile));
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let later = demo.run(POLICE, &["search", "nguyen"], "");
    assert_eq!(later.status.code(), Some(0), "{}", stderr(&later));
}

#[test]
fn the_first_user_is_an_administrator_and_gets_the_recovery_sheet_once() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("db");
    let made = soxa(&["demo", "--households", "5", "--no-open", "--db", s(&db)]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let add = |args: &[&str], input: &str| {
        let mut all = vec!["--db", s(&db), "--passphrase-stdin", "user", "add"];
        all.extend(args);
        let mut child =
            soxa_cmd(&all).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run");
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
        child.wait_with_output().expect("soxa ends")
    };
    let police = add(&["Lê Văn Bình", "--role", "police"], "binh-mat-khau\n");
    assert_eq!(police.status.code(), Some(1));
    assert!(stderr(&police).contains("Người dùng đầu tiên phải có vai trò Quản trị"), "{}", stderr(&police));
    let short = add(&["Lê Thị Hoa", "--role", "admin"], "ngan\n");
    assert_eq!(short.status.code(), Some(1), "{}", stderr(&short));
    assert!(stdout(&soxa(&["user", "list", "--db", s(&db)])).contains("chưa có người dùng"));

    let admin = add(&["Lê Thị Hoa", "--role", "admin"], "hoa-mat-khau\n");
    assert_eq!(admin.status.code(), Some(0), "{}", stderr(&admin));
    let sheet = stdout(&admin);
    assert!(sheet.contains("AGE-SECRET-KEY-1") && sheet.contains("tủ an toàn của xã"), "{sheet}");
    let opts = OpenOptions { create: false, ..OpenOptions::default() };
    let recipient = Store::open(&db, &opts).expect("open").recovery_recipient().expect("read");
    assert!(recipient.is_some_and(|r| r.starts_with("age1")));

    let second = add(&["Lê Văn Bình", "--role", "police", "--user", "le thi hoa"], "hoa-mat-khau\nbinh-mat-khau\n");
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert!(!stdout(&second).contains("AGE-SECRET-KEY"), "printed once: {}", stdout(&second));
    let unsigned = soxa(&["stats", "--db", s(&db)]);
    assert_eq!(unsigned.status.code(), Some(1), "from now on everyone signs in");
}

#[test]
fn a_user_changes_their_own_passphrase_but_not_anothers() {
    let demo = Demo::new();
    let own = demo.run(VIEWER, &["user", "passwd", "Chỉ xem"], "chixem-moi-2026\n");
    assert_eq!(own.status.code(), Some(0), "{}", stderr(&own));
    let old = demo.run(VIEWER, &["stats"], "");
    assert_eq!(old.status.code(), Some(1), "the old passphrase no longer signs in");
    let new = demo.run(("chi xem", "chixem-moi-2026"), &["stats"], "");
    assert_eq!(new.status.code(), Some(0), "{}", stderr(&new));
    let other = demo.run(("chi xem", "chixem-moi-2026"), &["user", "passwd", "cong an"], "x-y-z-w-2026\n");
    assert_eq!(other.status.code(), Some(1));
    assert!(stderr(&other).contains("Việc quản lý người dùng cần vai trò Quản trị"), "{}", stderr(&other));
    let last = demo.run(ADMIN, &["user", "remove", "quan tri"], "");
    assert_eq!(last.status.code(), Some(1));
    assert!(stderr(&last).contains("người quản trị cuối cùng"), "{}", stderr(&last));
}
