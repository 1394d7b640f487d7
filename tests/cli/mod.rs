//! The real `soxa` executable: exit codes, one clear sentence on stderr in the
//! chosen language, never a panic, and a database left as it was when it is
//! refused.

use std::fs;
use std::path::Path;
use std::process::Output;

mod help;
mod move_in;
mod roles;
mod search;
mod undo;

use soxa::domain::{Hamlet, Household};
use soxa::store::{OpenOptions, Store};

use crate::common::{
    TestDb, claim_schema, hamlet, household, make_db, open_at, snapshot, soxa, soxa_cmd, stderr, stdout,
};

fn path_str(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// Exits with `code` and says one sentence containing `words` on stderr.
fn assert_refusal(out: &Output, code: i32, words: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "stderr: {err}\nstdout: {}", stdout(out));
    assert!(err.contains(words), "expected {words:?} in stderr: {err}");
    assert!(!err.contains("panicked"), "a panic reached the clerk: {err}");
    assert_eq!(err.trim().lines().count(), 1, "one sentence, not a report: {err}");
}

#[test]
fn a_second_window_is_told_plainly_in_both_languages() {
    let db = TestDb::new();
    let path = db.path();
    let vi = soxa(&["stats", "--db", path_str(&path)]);
    assert_refusal(&vi, 3, "cửa sổ soxa khác");
    let en = soxa(&["stats", "--db", path_str(&path), "--lang", "en"]);
    assert_refusal(&en, 3, "another soxa window");
    let by_env = soxa_cmd(&["check"]).env("SOXA_DB", &path).env("SOXA_LANG", "en").output().unwrap();
    assert_refusal(&by_env, 3, "another soxa window");
    db.store.insert(hamlet("T01", "Đông")).expect("the first window still works");
}

#[test]
fn a_newer_database_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("db");
    make_db(&path);
    claim_schema(&path, 99);
    let before = snapshot(&path);
    let vi = soxa(&["check", "--db", path_str(&path)]);
    assert_refusal(&vi, 4, "phiên bản soxa mới hơn");
    let en = soxa_cmd(&["check", "--db", path_str(&path)]).env("SOXA_LANG", "en").output().unwrap();
    assert_refusal(&en, 4, "newer version of soxa");
    assert!(snapshot(&path) == before, "the newer database was modified");
}

#[test]
fn missing_foreign_damaged_and_unwritable_folders_have_their_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("chưa có");
    assert_eq!(soxa(&["stats", "--db", path_str(&missing)]).status.code(), Some(7));
    assert!(!missing.exists(), "stats does not create a database");

    let documents = tmp.path().join("tài liệu");
    fs::create_dir(&documents).unwrap();
    fs::write(documents.join("danh sách hộ.xlsx"), b"PK").unwrap();
    assert_eq!(soxa(&["check", "--db", path_str(&documents)]).status.code(), Some(7));

    let damaged = tmp.path().join("hỏng");
    make_db(&damaged);
    fs::write(damaged.join("soxa-format"), "???\n").unwrap();
    assert_eq!(soxa(&["check", "--db", path_str(&damaged)]).status.code(), Some(5));

    let file = tmp.path().join("ghi-chu.txt");
    fs::write(&file, b"x").unwrap();
    let out = soxa(&["demo", "--households", "5", "--no-open", "--db", path_str(&file.join("db"))]);
    assert_eq!(out.status.code(), Some(6), "stderr: {}", stderr(&out));
    for out in [soxa(&["stats", "--db", path_str(&missing)]), out] {
        assert!(!stderr(&out).contains("panicked"));
        assert_eq!(stderr(&out).trim().lines().count(), 1, "{}", stderr(&out));
    }
}

#[test]
fn check_exits_8_when_an_index_disagrees() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("db");
    {
        let store = open_at(&path);
        let dong = store.insert(hamlet("T01", "Đông")).unwrap().id;
        store.insert(household("T01-0001", dong, "Nguyễn Văn An")).unwrap();
    }
    let clean = soxa(&["check", "--db", path_str(&path), "--lang", "en"]);
    assert_eq!(clean.status.code(), Some(0), "stderr: {}", stderr(&clean));
    {
        let sled = sled::open(path.join("store")).unwrap();
        let index = sled.open_tree("ix_household_code").unwrap();
        let (key, _) = index.first().unwrap().expect("one entry");
        index.remove(key).unwrap();
        sled.flush().unwrap();
    }
    let out = soxa(&["check", "--db", path_str(&path), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(8), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("ix_household_code"), "{}", stdout(&out));
}

#[test]
fn a_demo_commune_checks_clean_and_answers_searches() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("demo");
    let db = path_str(&path);
    let out = soxa(&["demo", "--households", "300", "--seed", "7", "--no-open", "--db", db]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));

    let check = soxa(&["check", "--db", db, "--lang", "en"]);
    assert_eq!(check.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&check), stderr(&check));
    assert!(stdout(&check).contains("No problems found"), "{}", stdout(&check));
    let check_vi = soxa(&["check", "--db", db, "--lang", "vi"]);
    assert!(stdout(&check_vi).contains("Không phát hiện sai lệch nào"), "{}", stdout(&check_vi));

    let stats = soxa_cmd(&["stats", "--lang", "en"]).env("SOXA_DB", &path).output().unwrap();
    assert_eq!(stats.status.code(), Some(0), "stderr: {}", stderr(&stats));
    let households = stdout(&stats).lines().find(|l| l.starts_with("Household")).map(str::to_string);
    assert_eq!(households.as_deref().and_then(|l| l.split_whitespace().last()), Some("300"), "{}", stdout(&stats));

    let search = soxa(&["search", "nguyen van", "--db", db]);
    assert_eq!(search.status.code(), Some(0), "stderr: {}", stderr(&search));
    let found = stdout(&search);
    assert!(found.lines().any(|l| l.contains("Nguyễn Văn")), "no \"Nguyễn Văn\" in:\n{found}");

    let store = Store::open(&path, &OpenOptions { create: false, ..OpenOptions::default() }).unwrap();
    assert_eq!(store.count::<Household>(), 300);
    assert!(store.count::<Hamlet>() > 0);
    assert!(store.is_demo().unwrap());
    assert!(store.check().unwrap().is_empty());
}

/// clap's usage errors (exit code 2) in the run's language: Vietnamese by
/// default, English with `--lang en` or `SOXA_LANG=en`, as clap writes it.
#[test]
fn usage_errors_are_told_in_the_runs_language() {
    let vi = soxa(&["report", "--format", "pdf"]);
    assert_eq!(vi.status.code(), Some(2));
    assert!(
        stderr(&vi).starts_with("lỗi: giá trị 'pdf' không hợp lệ cho '--format <FORMAT>': cần xlsx, csv, md hoặc json"),
        "{}",
        stderr(&vi)
    );
    let missing = soxa(&["reopen", "2026-Q3"]);
    assert_eq!(missing.status.code(), Some(2));
    let said = stderr(&missing);
    assert!(said.starts_with("lỗi: thiếu tham số bắt buộc: --reason <REASON>"), "{said}");
    assert!(said.contains("Cách dùng: soxa reopen --reason <REASON> <PERIOD>"), "{said}");
    assert!(said.contains("Xem thêm: soxa reopen --help"), "{said}");
    let unknown = soxa(&["stats", "--bogus"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).starts_with("lỗi: không có tham số '--bogus'"), "{}", stderr(&unknown));
    for said in [stderr(&vi), said, stderr(&unknown)] {
        for english in ["error", "invalid value", "the following required arguments", "Usage", "For more"] {
            assert!(!said.contains(english), "English {english:?} in a Vietnamese run: {said}");
        }
    }

    let en = soxa(&["report", "--format", "pdf", "--lang", "en"]);
    assert_eq!(en.status.code(), Some(2));
    assert!(stderr(&en).starts_with("error: invalid value 'pdf' for '--format <FORMAT>'"), "{}", stderr(&en));
    let by_env = soxa_cmd(&["reopen", "2026-Q3"]).env("SOXA_LANG", "en").output().unwrap();
    assert_eq!(by_env.status.code(), Some(2));
    assert!(stderr(&by_env).contains("the following required arguments were not provided"), "{}", stderr(&by_env));
    // Help is in the run's language since issue 14 (item 8): clap's
    // "Usage:" is the English run's, "Cách dùng:" the default one's.
    let help = soxa(&["--help", "--lang", "en"]);
    assert_eq!(help.status.code(), Some(0), "help is not an error");
    assert!(stdout(&help).contains("Usage: soxa"));
    let vi = soxa(&["--help"]);
    assert_eq!(vi.status.code(), Some(0), "help is not an error");
    assert!(stdout(&vi).contains("Cách dùng: soxa"), "{}", stdout(&vi));
}

/// Counts, durations and sizes printed by the command line are written the
/// language's way (issue 18 item 7): "8.000" and "0,12 giây" in
/// Vietnamese, "8,000" and "0.12 seconds" in English, as the interface
/// and the reports write them.
#[test]
fn stats_and_demo_write_numbers_the_languages_way() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let made = soxa(&["demo", "--households", "1200", "--no-open", "--db", path_str(&db)]);
    assert!(made.status.success(), "{}", stderr(&made));
    let first = stdout(&made).lines().next().unwrap_or_default().to_string();
    assert!(first.contains(" giây)") && first.contains(','), "{first}");
    let vi = stdout(&soxa(&["stats", "--db", path_str(&db)]));
    assert!(vi.contains("1.200"), "{vi}");
    assert!(vi.lines().any(|l| l.starts_with("Dung lượng trên đĩa: ") && l.contains(',') && l.ends_with("MB")), "{vi}");
    let en = stdout(&soxa(&["stats", "--db", path_str(&db), "--lang", "en"]));
    assert!(en.contains("1,200"), "{en}");
    assert!(en.lines().any(|l| l.starts_with("Size on disk: ") && l.contains('.') && l.ends_with("MB")), "{en}");
}
