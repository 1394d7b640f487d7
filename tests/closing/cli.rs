//! `soxa close`, `soxa close --list` and `soxa reopen` from the real binary:
//! what they print, their exit codes, and what they leave in the database.

use std::path::Path;

use soxa::domain::AuditAction;
use soxa::report::Summary;

use super::{q3, summary, village};
use crate::common::{TestDb, open_at, soxa, stderr, stdout};

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--db", db.to_str().unwrap()]);
    soxa(&all)
}

/// A database holding the village, closed (the store dropped).
fn village_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let db = TestDb::new();
    village(&db.store);
    let path = db.path();
    let TestDb { tmp, store } = db;
    drop(store);
    (tmp, path)
}

#[test]
fn close_stores_the_summary_prints_key_figures_and_refuses_twice() {
    let (_tmp, path) = village_db();
    let out = run(&path, &["close", "2026-Q3"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Đã chốt số liệu Quý III năm 2026."), "{text}");
    assert!(text.contains("Hộ đang sinh sống") && text.contains("Tỷ lệ ký"), "{text}");
    let again = run(&path, &["close", "q3/2026", "--lang", "en"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(stderr(&again).trim(), "Quarter 3, 2026 is already closed.");
    let listed = run(&path, &["close", "--list"]);
    assert!(stdout(&listed).contains("Quý III năm 2026 (2026-Q3, chốt ngày"), "{}", stdout(&listed));
    let s = open_at(&path);
    let stored: Summary = s.closed_summary(&q3()).unwrap().expect("stored");
    assert_eq!(stored, summary(&s, &q3()), "the summary stored is the one computed");
}

#[test]
fn reopen_needs_a_reason_and_writes_it_to_the_audit_log() {
    let (_tmp, path) = village_db();
    assert_eq!(run(&path, &["close", "2026-Q3"]).status.code(), Some(0));
    let missing = run(&path, &["reopen", "2026-Q3"]);
    assert_eq!(missing.status.code(), Some(2), "clap asks for --reason");
    let blank = run(&path, &["reopen", "2026-Q3", "--reason", "  "]);
    assert_eq!(blank.status.code(), Some(1));
    assert_eq!(stderr(&blank).trim(), "Cần ghi lý do mở lại kỳ đã chốt.");
    let done = run(&path, &["reopen", "2026-Q3", "--reason", "Bổ sung 2 hộ chuyển đến tháng 8", "--lang", "en"]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    assert_eq!(stdout(&done).trim(), "Quarter 3, 2026 is reopened.");
    let again = run(&path, &["reopen", "2026-Q3", "--reason", "x"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("chưa được chốt"), "{}", stderr(&again));
    let s = open_at(&path);
    assert!(s.closed_periods().is_empty());
    let last = &s.recent_audit(1).unwrap()[0];
    assert_eq!((last.action, last.summary.as_str()), (AuditAction::Reopen, "2026-Q3: Bổ sung 2 hộ chuyển đến tháng 8"));
}

#[test]
fn a_reopened_quarter_of_a_closed_year_is_said_to_stay_frozen() {
    let (_tmp, path) = village_db();
    assert_eq!(run(&path, &["close", "2026-Q3"]).status.code(), Some(0));
    // The year may not have ended when the test runs: insisting is harmless.
    assert_eq!(run(&path, &["close", "2026", "--early"]).status.code(), Some(0));
    let out = run(&path, &["reopen", "2026-Q3", "--reason", "Sửa ngày"]);
    assert!(stdout(&out).contains("vẫn thuộc kỳ đã chốt Năm 2026"), "{}", stdout(&out));
}

#[test]
fn bad_periods_and_an_empty_list_are_answered_plainly() {
    let (_tmp, path) = village_db();
    let none = run(&path, &["close", "--list"]);
    assert_eq!(stdout(&none).trim(), "Chưa có kỳ nào được chốt.");
    // clap's usage errors are in the run's language (issue 18 item 7).
    let bad = run(&path, &["close", "quý ba", "--lang", "en"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("expected 2026-Q3"), "{}", stderr(&bad));
    let bad = run(&path, &["close", "quý ba"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("'quý ba' không hợp lệ") && stderr(&bad).contains("cần dạng 2026-Q3"));
    let future = run(&path, &["close", "2099-Q1"]);
    assert_eq!(future.status.code(), Some(1));
    assert!(stderr(&future).contains("chưa bắt đầu"));
    let both = run(&path, &["close", "2026-Q3", "--list"]);
    assert_eq!(both.status.code(), Some(2));
}

/// Days around today's (the real clock's: the binary's) as a period that
/// has not ended.
fn unfinished() -> String {
    let today = chrono::Local::now().date_naive();
    let day = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    format!("{}..{}", day(today - chrono::Days::new(3)), day(today + chrono::Days::new(10)))
}

#[test]
fn a_period_that_has_not_ended_is_closed_only_with_early() {
    let (_tmp, path) = village_db();
    let period = unfinished();
    let refused = run(&path, &["close", &period]);
    assert_eq!(refused.status.code(), Some(1));
    let said = stderr(&refused);
    assert_eq!(said.trim().lines().count(), 1, "one sentence: {said}");
    assert!(said.contains("ngày nữa mới hết") && said.contains("--early"), "{said}");
    assert!(stdout(&refused).is_empty(), "{}", stdout(&refused));
    assert!(open_at(&path).closed_periods().is_empty(), "nothing written");
    let english = run(&path, &["close", &period, "--lang", "en"]);
    assert!(stderr(&english).contains("more days to go") && stderr(&english).contains("--early"));
    let early = run(&path, &["close", &period, "--early"]);
    assert_eq!(early.status.code(), Some(0), "{}", stderr(&early));
    assert!(stdout(&early).contains("kỳ này chưa kết thúc"), "{}", stdout(&early));
    assert_eq!(open_at(&path).closed_periods().len(), 1);
}

#[test]
fn closing_a_half_year_or_a_year_says_when_its_report_is_due() {
    let (_tmp, path) = village_db();
    let half = run(&path, &["close", "2026-H1", "--early"]);
    assert_eq!(half.status.code(), Some(0), "{}", stderr(&half));
    assert!(stdout(&half).contains("Hạn báo cáo 6 tháng: 15/05/2026 ("), "{}", stdout(&half));
    let year = run(&path, &["close", "2026", "--early", "--lang", "en"]);
    assert!(stdout(&year).contains("Yearly report due: 15/11/2026 ("), "{}", stdout(&year));
    let quarter = run(&path, &["close", "2026-Q3"]);
    assert!(!stdout(&quarter).contains("Hạn báo cáo"), "a quarter has no report of its own: {}", stdout(&quarter));
}
