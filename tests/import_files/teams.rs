//! `soxa import teams` on rosters as they arrive: UTF-16 text as Excel's
//! "Unicode text" writes it, Windows-1258 with its separate tone marks, a
//! workbook with a merged title block, and hostile cells (escapes, NUL,
//! 5,000 characters, formulas). A row whose only problem is one optional
//! cell is imported without it, with a warning; a row without its name or
//! joining date is refused.

use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use soxa::domain::{Member, Team, TeamKind};

use super::files::{Encoding, write_csv};
use super::{Ledger, s, soxa_when_free};
use crate::common::{stderr, stdout};

const TITLES: [&str; 8] =
    ["Tổ/đội", "Loại tổ", "Thôn", "Họ và tên", "Năm sinh", "Chức danh", "Ngày tham gia", "Năm tập huấn"];

fn rows() -> Vec<Vec<String>> {
    let rows = [
        TITLES,
        ["Tổ hòa giải thôn Đông", "Tổ hòa giải", "Đông", "Trần Thanh Giang", "1990", "Tổ trưởng", "05/02/2021", "2023"],
        ["Tổ hòa giải thôn Đông", "Tổ hòa giải", "Đông", "Lê Thị Yến", "1973", "Hòa giải viên", "01/11/2023", ""],
        ["Tổ bảo vệ ANTT thôn Tây", "Tổ bảo vệ ANTT", "Tây", "Đặng Đức Cường", "1972", "", "03/07/2022", "2024, 2025"],
    ];
    rows.iter().map(|r| r.map(String::from).to_vec()).collect()
}

fn import(ledger: &Ledger, file: &std::path::Path) -> std::process::Output {
    let db = ledger.db();
    soxa_when_free(&["import", "teams", s(file), "--db", s(&db)])
}

fn write_text(path: &std::path::Path, rows: &[Vec<String>], sep: &str, encoding: Encoding) {
    let quoted: Vec<Vec<String>> =
        rows.iter().map(|r| r.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect()).collect();
    let refs: Vec<Vec<&str>> = quoted.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    write_csv(path, &refs, sep, encoding);
}

/// The roster's teams and members as stored: (team, kind, member, trainings).
fn stored(ledger: &Ledger) -> Vec<(String, TeamKind, String, usize)> {
    let store = ledger.open();
    let teams: Vec<Team> = store.all().unwrap();
    let mut out: Vec<_> = store
        .all::<Member>()
        .unwrap()
        .into_iter()
        .map(|m| {
            let t = teams.iter().find(|t| t.id == m.team).unwrap();
            (t.name.clone(), t.kind, m.full_name, m.trainings.len())
        })
        .collect();
    out.sort();
    out
}

fn expected() -> Vec<(String, TeamKind, String, usize)> {
    let row = |t: &str, k, m: &str, n| (t.to_string(), k, m.to_string(), n);
    vec![
        row("Tổ bảo vệ ANTT thôn Tây", TeamKind::Security, "Đặng Đức Cường", 2),
        row("Tổ hòa giải thôn Đông", TeamKind::Mediation, "Lê Thị Yến", 0),
        row("Tổ hòa giải thôn Đông", TeamKind::Mediation, "Trần Thanh Giang", 1),
    ]
}

#[test]
fn utf16_windows_1258_and_a_workbook_with_a_merged_title_import_the_same_roster() {
    for (encoding, sep) in [(Encoding::Utf16Le, "\t"), (Encoding::Windows1258, ";")] {
        let ledger = Ledger::new();
        let file = ledger.file("to_doi.csv");
        write_text(&file, &rows(), sep, encoding);
        let out = import(&ledger, &file);
        assert_eq!(out.status.code(), Some(0), "{encoding:?}: {}{}", stdout(&out), stderr(&out));
        assert!(stdout(&out).contains("Loại tổ/đội"), "{encoding:?}: {}", stdout(&out));
        assert_eq!(stored(&ledger), expected(), "{encoding:?}");
        assert!(stored(&ledger).iter().all(|r| unicode_normalization::is_nfc(&r.2)));
    }
    let ledger = Ledger::new();
    let file = ledger.file("to_doi.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, 7, "UBND XÃ TÂN HÒA", &bold).unwrap();
    sheet.merge_range(1, 0, 1, 7, "DANH SÁCH TỔ, ĐỘI VÀ THÀNH VIÊN NĂM 2026", &bold).unwrap();
    for (r, row) in (3u32..).zip(rows()) {
        for (c, cell) in (0u16..).zip(row) {
            sheet.write_string(r, c, cell).unwrap();
        }
    }
    book.save(&file).unwrap();
    let out = import(&ledger, &file);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("dòng tiêu đề 4"), "{}", stdout(&out));
    assert_eq!(stored(&ledger), expected());
}

#[test]
fn hostile_cells_are_cleaned_left_out_or_refused() {
    let ledger = Ledger::new();
    let file = ledger.file("to_doi.csv");
    let long = "Đ".repeat(5_000);
    let mut all = rows();
    all[1][3] = "Trần\u{1b}[2J Thanh\u{0} Giang".into();
    all[2][7] = "=HYPERLINK(\"http://x\",\"2024\")".into();
    all.push(["Tổ hòa giải thôn Đông", "", "Đông", &long, "", "", "01/01/2024", ""].map(String::from).to_vec());
    all.push(["Tổ hòa giải thôn Đông", "", "Đông", "Không Có Ngày", "", "", "", ""].map(String::from).to_vec());
    all.push(["=cmd|' /C calc'!A0", "", "Đông", "", "", "", "01/01/2024", ""].map(String::from).to_vec());
    write_text(&file, &all, ",", Encoding::Utf8);
    let out = import(&ledger, &file);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    assert!(text.contains("Đã thêm mới: 3 thành viên (dòng 2-4)"), "{text}");
    assert!(text.contains("Nhập kèm cảnh báo: 1 dòng"), "{text}");
    assert!(text.contains("  Dòng 3: Ngày tập huấn:"), "the formula is no year, left out: {text}");
    for row in ["  Dòng 5: Họ và tên:", "  Dòng 6: Ngày tham gia: không được để trống", "  Dòng 7: Họ và tên:"]
    {
        assert!(text.contains(row), "{row} refused: {text}");
    }
    let names: Vec<String> = stored(&ledger).into_iter().map(|r| r.2).collect();
    assert!(names.contains(&"Trần[2J Thanh Giang".to_string()), "{names:?}");
}
