//! `soxa import cases` on the mediation book as communes keep it: the
//! Ministry of Justice's layout under a merged title block, a two-row
//! merged header ("Kết quả" over "Thành" and "Không thành"), a row of
//! column numbers and blank spacer rows; in UTF-16 and Windows-1258 text
//! too; and hostile cells. The sample book `data/samples/so_hoa_giai.xlsx`
//! is written by [`write_book`] (run the ignored test to write it again).

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};
use soxa::domain::{CaseStatus, MediationCase, Member, Team, TeamKind};

use super::files::{Encoding, write_csv};
use super::{Ledger, s, soxa_when_free};
use crate::common::{stderr, stdout};

/// The sample's rows: (received d/m/y, mediators, parties, content,
/// agreement, outcome: 'T' thành, 'K' không thành, ' ' open, notes).
pub const BOOK: &[(&str, &str, &str, &str, &str, char, &str)] = &[
    (
        "08/01/2024",
        "Trần Thanh Giang, Vũ Thanh Oanh",
        "Ông Nguyễn Văn Bảy, 52 tuổi, xóm 1 thôn Đông\nBà Lê Thị Tư, 48 tuổi, xóm 1 thôn Đông",
        "Tranh chấp ranh giới đất vườn",
        "Hai bên thống nhất cắm lại mốc giới",
        'T',
        "",
    ),
    (
        "19/03/2024",
        "Lê Thị Yến",
        "Phạm Văn Hòa (sinh 1975), xóm 2 – Đỗ Văn Lực (sinh 1980), xóm 2",
        "Mâu thuẫn do nước thải chảy sang nhà bên",
        "Ông Lực làm rãnh thoát nước",
        'T',
        "",
    ),
    (
        "02/06/2024",
        "Vũ Thanh Yến\nMời: ông Trưởng thôn Đông",
        "Bùi Thị Sen, 35 tuổi; Hoàng Văn Tám, 38 tuổi",
        "Mâu thuẫn vợ chồng",
        "Bà Sen yêu cầu ông Tám không uống rượu",
        'K',
        "Hướng dẫn đến UBND xã",
    ),
    (
        "14/09/2024",
        "Trần Thanh Giang",
        "Ông Vũ Văn Chín, 60 tuổi, thôn Đông\nÔng Đặng Văn Mười, 58 tuổi, thôn Tây",
        "Vay nợ 20 triệu đồng không trả",
        "Trả dần mỗi tháng 2 triệu",
        'T',
        "",
    ),
    ("", "", "", "", "", ' ', ""),
    (
        "10/01/2025",
        "Vũ Thanh Oanh, Lê Thị Yến",
        "Nguyễn Thị Hạnh, 44 tuổi – Trần Văn Khoa, 47 tuổi",
        "Tranh chấp lối đi chung",
        "Mở lối đi rộng 1,5 m",
        'T',
        "",
    ),
    (
        "25/04/2025",
        "Ngô Văn Thịnh",
        "Ông Lý Văn Sơn, 66 tuổi, xóm 3\nÔng Hà Văn Tùng, 63 tuổi, xóm 3",
        "Gia súc phá hoa màu",
        "Bồi thường 1 triệu đồng",
        'T',
        "Hòa giải viên mới",
    ),
    ("07/08/2025", "Vũ Thanh Yến", "Phan Thị Nga, 30 tuổi; Phan Văn Lộc, 33 tuổi", "Chia tài sản thừa kế", "", 'K', ""),
    ("", "", "", "", "", ' ', ""),
    (
        "12/02/2026",
        "Trần Thanh Giang, Ngô Văn Thịnh",
        "Bà Cao Thị Lụa, 51 tuổi, xóm 1\nÔng Mai Văn Đức, 55 tuổi, xóm 1",
        "Xây tường lấn sang đất nhà bên",
        "Dỡ phần tường lấn",
        'T',
        "",
    ),
    (
        "03/05/2026",
        "Lê Thị Yến",
        "Đinh Văn Hải, 40 tuổi – Đinh Văn Hà, 37 tuổi",
        "Anh em tranh chấp đất hương hỏa",
        "",
        'K',
        "",
    ),
    (
        "15/07/2026",
        "Vũ Thanh Oanh",
        "Tô Thị Mận, 29 tuổi; Tô Văn Đào, 31 tuổi",
        "Tiếng ồn hát karaoke ban đêm",
        "Không hát sau 22 giờ",
        'T',
        "",
    ),
    (
        "22/08/2026",
        "Vũ Thanh Yến, Trần Thanh Giang",
        "Ông Lương Văn Nam, 70 tuổi\nBà Lương Thị Bắc, 65 tuổi",
        "Tranh chấp tiền phụng dưỡng mẹ",
        "Mỗi người góp 1 triệu mỗi tháng",
        'T',
        "",
    ),
    (
        "09/09/2026",
        "Lê Thị Yến",
        "Kiều Văn Bình, 45 tuổi – Kiều Văn An, 42 tuổi",
        "Mâu thuẫn chung ngõ đi",
        "",
        'K',
        "",
    ),
    (
        "28/09/2026",
        "Trần Thanh Giang",
        "Quách Thị Liên, 50 tuổi; Quách Văn Sinh, 53 tuổi",
        "Tranh chấp ranh giới đất ruộng",
        "",
        ' ',
        "Đang hòa giải",
    ),
    (
        "10/11/2026",
        "Vũ Thanh Oanh",
        "Ông Từ Văn Hậu, 62 tuổi\nÔng Thái Văn Lộc, 59 tuổi",
        "Cây đổ sang nhà bên",
        "",
        ' ',
        "",
    ),
];

/// Header cells of the merged two-row header, by column.
const HEADINGS: [&str; 9] = [
    "STT",
    "Ngày tiếp nhận",
    "Hòa giải viên, người được mời",
    "Họ tên, tuổi, địa chỉ các bên",
    "Nội dung chính của vụ việc",
    "Thỏa thuận đạt được / yêu cầu của các bên",
    "Kết quả hòa giải",
    "",
    "Ghi chú",
];

pub fn sample_book() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/so_hoa_giai.xlsx")
}

/// Writes the book as a commune keeps it (see the module): title block
/// merged over the columns, the header merged over two rows, "(1)" to
/// "(9)" under it, dates as date cells (one year as typed text).
pub fn write_book(path: &Path, rows: &[(&str, &str, &str, &str, &str, char, &str)]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Sổ hòa giải").unwrap();
    let centre = Format::new().set_align(FormatAlign::Center).set_bold();
    let wrap = Format::new().set_text_wrap();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let title = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ",
        "Tổ hòa giải thôn Đông, xã Tân Hòa",
    ];
    for (r, t) in (0u32..).zip(title) {
        sheet.merge_range(r, 0, r, 8, t, &centre).unwrap();
    }
    for (c, h) in (0u16..).zip(HEADINGS) {
        if c == 6 {
            sheet.merge_range(5, 6, 5, 7, h, &centre).unwrap();
        } else if c != 7 {
            sheet.merge_range(5, c, 6, c, h, &centre).unwrap();
        }
    }
    sheet.write_string_with_format(6, 6, "Thành", &centre).unwrap();
    sheet.write_string_with_format(6, 7, "Không thành", &centre).unwrap();
    for c in 0u16..9 {
        sheet.write_string(7, c, format!("({})", c + 1)).unwrap();
    }
    let mut number = 0;
    for (r, row) in (8u32..).zip(rows) {
        let (received, mediators, parties, content, agreement, outcome, notes) = *row;
        if received.is_empty() {
            continue;
        }
        number += 1;
        sheet.write_number(r, 0, f64::from(number)).unwrap();
        let dmy: Vec<u16> = received.split('/').map(|p| p.parse().unwrap()).collect();
        if dmy[2] == 2025 {
            sheet.write_string(r, 1, received).unwrap();
        } else {
            let date = ExcelDateTime::from_ymd(dmy[2], dmy[1] as u8, dmy[0] as u8).unwrap();
            sheet.write_date_with_format(r, 1, &date, &day).unwrap();
        }
        for (c, text) in [(2u16, mediators), (3, parties), (4, content), (5, agreement), (8, notes)] {
            if !text.is_empty() {
                sheet.write_string_with_format(r, c, text, &wrap).unwrap();
            }
        }
        match outcome {
            'T' => sheet.write_string(r, 6, "x").map(|_| ()).unwrap(),
            'K' => sheet.write_string(r, 7, "x").map(|_| ()).unwrap(),
            _ => {}
        }
    }
    book.save(path).unwrap();
}

/// Writes `data/samples/so_hoa_giai.xlsx` again from [`BOOK`].
#[test]
#[ignore = "writes the sample file; run by hand after changing BOOK"]
fn write_the_sample_mediation_book() {
    write_book(&sample_book(), BOOK);
}

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
    assert_eq!(cells(&fresh), cells(&sample_book()), "run the ignored test write_the_sample_mediation_book");
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
