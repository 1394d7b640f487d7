//! `soxa import cases` on the mediation book as communes keep it: the
//! Ministry of Justice's layout under a merged title block, a two-row
//! merged header ("Kết quả" over "Thành" and "Không thành"), a row of
//! column numbers and blank spacer rows; in UTF-16 and Windows-1258 text
//! too; and hostile cells. The sample book `data/samples/so_hoa_giai.xlsx`
//! is written by `book::write_book` (`cargo run --example
//! write-sample-book` writes it again).

use std::path::{Path, PathBuf};

use soxa::domain::{CaseStatus, MediationCase, Member, Team, TeamKind};

use super::book::{BOOK, HEADINGS, sample_book, write_book};
use super::files::{Encoding, write_csv};
use super::{Ledger, s, soxa_when_free};
use crate::common::{stderr, stdout};

/// The cells of a workbook's first sheet, as text.
fn cells(path: &Path) -> Vec<Vec<String>> {
    use calamine::{Reader, open_workbook_auto};
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

#[test]
fn the_sample_mediation_book_is_what_the_generator_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let fresh = tmp.path().join("so.xlsx");
    write_book(&fresh, BOOK);
    assert_eq!(cells(&fresh), cells(&sample_book()), "run `cargo run --example write-sample-book`");
}

/// A ledger with the mediation team of thôn Đông and its four members.
fn ledger_with_team() -> Ledger {
    let ledger = Ledger::new();
    let store = ledger.open();
    let dong = store.hamlet_by_code("T01").unwrap().unwrap();
    let team = store.insert(Team::new("Tổ hòa giải thôn Đông", TeamKind::Mediation, Some(dong.id))).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    for name in ["Trần Thanh Giang", "Lê Thị Yến", "Vũ Thanh Oanh", "Vũ Thanh Yến"] {
        store.insert(Member::new(team.id, name, soxa::domain::Role::Mediator, day)).unwrap();
    }
    ledger
}

fn import(ledger: &Ledger, file: &Path, extra: &[&str]) -> std::process::Output {
    let db = ledger.db();
    let mut args = vec!["import", "cases", s(file), "--db", s(&db)];
    args.extend(extra);
    soxa_when_free(&args)
}

/// Cases received in the book (rows with a date).
fn booked() -> usize {
    BOOK.iter().filter(|r| !r.0.is_empty()).count()
}

/// The sample copied beside the ledger (a refused row's file is written
/// beside the file imported, never in `data/samples`).
fn copied_sample(ledger: &Ledger) -> PathBuf {
    let book = ledger.file("so_hoa_giai.xlsx");
    std::fs::copy(sample_book(), &book).unwrap();
    book
}

#[test]
fn the_sample_book_imports_once_numbered_with_its_mediators() {
    let ledger = ledger_with_team();
    let book = copied_sample(&ledger);
    let team = ["--team", "Tổ hòa giải thôn Đông"];
    let dry = import(&ledger, &book, &[team[0], team[1], "--dry-run"]);
    let text = stdout(&dry);
    assert_eq!(dry.status.code(), Some(0), "{text}{}", stderr(&dry));
    assert!(text.contains("dòng tiêu đề 6"), "{text}");
    assert!(text.contains(&format!("Sẽ thêm mới: {} vụ việc hòa giải", booked())), "{text}");
    assert!(text.contains("Hòa giải viên sẽ thêm vào tổ (1): Ngô Văn Thịnh"), "{text}");
    let run = import(&ledger, &book, &team);
    assert_eq!(run.status.code(), Some(0), "{}{}", stdout(&run), stderr(&run));
    let again = import(&ledger, &book, &team);
    assert!(stdout(&again).contains(&format!("Không đổi: {} vụ việc hòa giải", booked())), "{}", stdout(&again));
    assert!(stdout(&again).contains("Không có gì cần ghi"), "{}", stdout(&again));
    let store = ledger.open();
    let mut cases = store.all::<MediationCase>().unwrap();
    cases.sort_by_key(|c| (c.year, c.seq));
    assert_eq!(cases.len(), booked());
    let numbers: Vec<String> = cases.iter().map(MediationCase::number).collect();
    assert_eq!(&numbers[..5], ["1/2024", "2/2024", "3/2024", "4/2024", "1/2025"]);
    let first = &cases[0];
    assert_eq!(first.parties[0].name, "Nguyễn Văn Bảy");
    assert_eq!((first.parties[1].age, first.parties[1].address.as_str()), (Some(48), "xóm 1 thôn Đông"));
    assert_eq!((first.status, first.closed), (CaseStatus::Successful, Some(first.received)));
    assert_eq!(first.mediators.len(), 2);
    let third = &cases[2];
    assert_eq!((third.status, third.invited.clone()), (CaseStatus::Unsuccessful, vec!["Trưởng thôn Đông".to_string()]));
    let thinh: Vec<Member> =
        store.all::<Member>().unwrap().into_iter().filter(|m| m.full_name == "Ngô Văn Thịnh").collect();
    assert_eq!(thinh.len(), 1, "added once, named on two cases");
    assert_eq!(thinh[0].joined.to_string(), "2025-04-25");
    assert_eq!(cases.iter().filter(|c| c.mediators.contains(&thinh[0].id)).count(), 2);
    assert!(cases.iter().all(|c| c.hamlet == store.hamlet_by_code("T01").unwrap().unwrap().id));
    assert_eq!(cases.iter().filter(|c| c.status.is_open()).count(), 2);
}

#[test]
fn without_team_a_mediator_not_found_is_kept_as_invited_with_a_warning() {
    let ledger = ledger_with_team();
    let book = copied_sample(&ledger);
    let out = import(&ledger, &book, &[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(text.contains("Nhập kèm cảnh báo: 1 dòng"), "{text}");
    assert!(
        text.contains("  Dòng 18: Hòa giải viên: không có trong sổ: Ngô Văn Thịnh (ghi vào người được mời)"),
        "{text}"
    );
    assert!(
        text.contains("  Dòng 15: Thôn/tổ dân phố: không được để trống"),
        "his only case has no team to tell its hamlet: {text}"
    );
    assert_eq!(ledger.open().count::<Member>(), 4, "no member added without --team");
    let unknown = import(&ledger, &book, &["--team", "Tổ không có"]);
    assert!(stderr(&unknown).contains("Không có tổ \"Tổ không có\" trong sổ"), "{}", stderr(&unknown));
}

/// The book as text rows: the two-row header flattened as LibreOffice
/// saves it, then the rows, with the hostile ones after.
fn text_rows() -> Vec<Vec<String>> {
    let mut rows = vec![
        vec!["SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ".to_string()],
        HEADINGS.iter().map(|h| h.to_string()).collect(),
        ["", "", "", "", "", "", "Thành", "Không thành", ""].map(String::from).to_vec(),
    ];
    for (i, r) in BOOK.iter().enumerate().filter(|(_, r)| !r.0.is_empty()).take(4) {
        let tick = |c| if r.5 == c { "x" } else { "" };
        rows.push(
            [&(i + 1).to_string(), r.0, r.1, r.2, r.3, r.4, tick('T'), tick('K'), r.6]
                .map(|c| c.replace('\n', " – "))
                .to_vec(),
        );
    }
    rows
}

#[test]
fn utf16_and_windows_1258_text_read_the_same_cases() {
    for (encoding, sep) in [(Encoding::Utf16Le, "\t"), (Encoding::Windows1258, ";"), (Encoding::Utf8Bom, ",")] {
        let ledger = ledger_with_team();
        let file = ledger.file("so.csv");
        let rows = text_rows();
        let quoted: Vec<Vec<String>> =
            rows.iter().map(|r| r.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect()).collect();
        let refs: Vec<Vec<&str>> = quoted.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        write_csv(&file, &refs, sep, encoding);
        let out = import(&ledger, &file, &[]);
        assert_eq!(out.status.code(), Some(0), "{encoding:?}: {}{}", stdout(&out), stderr(&out));
        let store = ledger.open();
        let mut cases = store.all::<MediationCase>().unwrap();
        cases.sort_by_key(|c| c.received);
        assert_eq!(cases.len(), 4, "{encoding:?}");
        let names: Vec<&str> = cases[1].parties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Phạm Văn Hòa", "Đỗ Văn Lực"], "{encoding:?}");
        assert!(unicode_normalization::is_nfc(&cases[0].content), "{encoding:?}");
        let outcomes: Vec<CaseStatus> = cases.iter().map(|c| c.status).collect();
        use CaseStatus::{Successful as T, Unsuccessful as K};
        assert_eq!(outcomes, [T, T, K, T], "{encoding:?}");
    }
}

#[test]
fn hostile_cells_are_cleaned_left_out_or_refused() {
    let ledger = ledger_with_team();
    let file = ledger.file("so.csv");
    let long = "Đ".repeat(5_000);
    let rows: Vec<Vec<String>> = vec![
        ["Ngày tiếp nhận", "Hòa giải viên", "Các bên", "Nội dung", "Kết quả", "Ngày kết thúc"]
            .map(String::from)
            .to_vec(),
        [
            "01/02/2026",
            "Lê Thị Yến",
            "An\u{1b}[2J Văn\u{0} Bình; Cao Thị Hoa",
            "=HYPERLINK(\"http://x\",\"bấm\")",
            "=1+1",
            "31/02/2026",
        ]
        .map(String::from)
        .to_vec(),
        vec![
            "02/02/2026".into(),
            "Lê Thị Yến".into(),
            format!("{long}; Cao Thị Hoa"),
            "Tranh chấp đất".into(),
            "".into(),
            "".into(),
        ],
        vec![
            "03/02/2026".into(),
            "Lê Thị Yến".into(),
            "Ngô Văn Một; Ngô Văn Hai".into(),
            long.clone(),
            "".into(),
            "".into(),
        ],
        ["", "Lê Thị Yến", "Ngô Văn Ba; Ngô Văn Bốn", "Không có ngày", "", ""].map(String::from).to_vec(),
        ["04/02/2026", "Lê Thị Yến", "Chỉ Một Người", "Thiếu bên kia", "", ""].map(String::from).to_vec(),
    ];
    let quoted: Vec<Vec<String>> =
        rows.iter().map(|r| r.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect()).collect();
    let refs: Vec<Vec<&str>> = quoted.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    write_csv(&file, &refs, ",", Encoding::Utf8);
    let out = import(&ledger, &file, &[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    assert!(text.contains("Đã thêm mới: 1 vụ việc hòa giải (dòng 2)"), "{text}");
    assert!(text.contains("Nhập kèm cảnh báo: 1 dòng"), "{text}");
    assert!(
        text.contains("  Dòng 2: Trạng thái: không rõ (ghi Thành, Không thành, Chuyển hoặc Rút)"),
        "the unreadable outcome is a warning: {text}"
    );
    for row in ["  Dòng 3:", "  Dòng 4:", "  Dòng 5: Ngày tiếp nhận: không được để trống", "  Dòng 6:"]
    {
        assert!(text.contains(row), "{row} refused: {text}");
    }
    let store = ledger.open();
    let cases = store.all::<MediationCase>().unwrap();
    assert_eq!(cases.len(), 1);
    let c = &cases[0];
    assert_eq!(c.parties[0].name, "An[2J Văn Bình");
    assert_eq!(c.content, "=HYPERLINK(\"http://x\",\"bấm\")", "kept as text; exports write it as text");
    assert!(c.status.is_open(), "an outcome not understood leaves the case open");
}
