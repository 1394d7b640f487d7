//! The writers on a small hand-made commune: every format says the same
//! numbers, masks personal numbers unless asked, and lays its tables out
//! as documented. (The agreement of the four files written by the real
//! binary on a demo ledger is in `tests/report_export`.)

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use super::model::{Kind, Report, RowKey};
use super::names::Names;
use super::*;
use crate::domain::{
    CaseCategory, CaseStatus, Commitment, CommitmentStatus, Commune, Hamlet, HamletKind, Household, MediationCase,
    Member, Party, Role, Team, TeamKind, Violation,
};
use crate::report::{Dataset, summarize};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const NATIONAL_ID: &str = "033068001234";
const PHONE: &str = "0912345678";

/// Two hamlets; T01 has a signed, a refused and a never-visited household
/// (with ID and phone), a security team and an overdue case; T02 has one
/// signed household with a violation in Q3.
fn dataset() -> (Dataset, Records) {
    let mut commune = Commune::new("Xã Nhất Tiến", "Hưng Yên");
    commune.approver.title = "Chủ tịch UBND xã".into();
    commune.approver.name = "Phạm Văn Hùng".into();
    let mut hamlets = vec![Hamlet::new("T01", "Đông", HamletKind::Thon), Hamlet::new("T02", "Tây", HamletKind::Thon)];
    hamlets[0].id = 1;
    hamlets[1].id = 2;
    let household = |id, hamlet, code: &str, head: &str| {
        let mut h = Household::new(code, hamlet, head);
        h.id = id;
        h.address = "Xóm 2 | ngõ 3".into();
        h
    };
    let mut never = household(12, 1, "T01-0003", "Lê Văn Cường");
    never.national_id = Some(NATIONAL_ID.into());
    never.phone = Some(PHONE.into());
    let households = vec![
        household(10, 1, "T01-0001", "Nguyễn Văn An"),
        household(11, 1, "T01-0002", "Trần Thị Bình"),
        never,
        household(13, 2, "T02-0001", "Đỗ Thị Dung"),
    ];
    let commitment = |id, household, status, date| {
        let mut c = Commitment::signed(household, 2026, date, vec![1]);
        c.id = id;
        c.status = status;
        c
    };
    let mut refused = commitment(21, 11, CommitmentStatus::Refused, ymd(2026, 3, 2));
    refused.reason = "Gia đình chưa đồng ý".into();
    let mut violated = commitment(22, 13, CommitmentStatus::Signed, ymd(2026, 7, 10));
    violated.violations.push(Violation { date: ymd(2026, 8, 1), description: "Đốt pháo".into() });
    let commitments = vec![commitment(20, 10, CommitmentStatus::Signed, ymd(2026, 2, 1)), refused, violated];
    let mut team = Team::new("Tổ bảo vệ ANTT thôn Đông", TeamKind::Security, Some(1));
    team.id = 30;
    let mut leader = Member::new(30, "Vũ Văn Em", Role::Leader, ymd(2024, 1, 1));
    leader.id = 31;
    let parties = vec![party("Ngô Văn Phúc"), party("Đinh Thị Giang")];
    let mut case = MediationCase::new(ymd(2026, 7, 2), 1, CaseCategory::Civil, parties);
    case.id = 40;
    case.seq = 7;
    case.content = "Tranh chấp lối đi".into();
    case.assigned = Some(ymd(2026, 7, 2));
    case.move_to(CaseStatus::InProgress, ymd(2026, 7, 3), "").unwrap();
    let cases = vec![case];
    let data = Dataset::of_records(commune, hamlets, &households, &commitments, vec![team], vec![leader], &cases);
    (data, Records { households, commitments, cases })
}

fn party(name: &str) -> Party {
    Party { name: name.into(), age: Some(40), address: String::new(), household: None }
}

fn options(lang: Lang, include_personal: bool) -> ExportOptions {
    ExportOptions { include_personal, lang, generated_at: ymd(2026, 11, 23).and_hms_opt(9, 0, 0).unwrap() }
}

fn q3() -> Period {
    Period::parse("2026-Q3").unwrap()
}

/// Exports `format` into a fresh folder; returns the folder and the files.
fn export_to(format: Format, o: &ExportOptions) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let (data, records) = dataset();
    let summary = summarize(&data, &q3());
    let path = dir.path().join(default_file_name(&q3(), format, o.lang));
    let files = export(format, &data, &records, &summary, o, &path, Existing::Refuse).unwrap();
    (dir, files)
}

fn all_bytes(files: &[PathBuf]) -> String {
    files.iter().map(|f| String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned()).collect()
}

#[test]
fn formats_parse_and_name_their_files() {
    assert_eq!(Format::parse("XLSX"), Some(Format::Xlsx));
    assert_eq!(Format::parse("md"), Some(Format::Markdown));
    assert_eq!(Format::parse(".json"), Some(Format::Json));
    assert_eq!(Format::parse("pdf"), None);
    assert_eq!(Format::of_path(Path::new("a/b/bao-cao.CSV")), Some(Format::Csv));
    assert_eq!(default_file_name(&q3(), Format::Xlsx, Lang::Vi), "bao-cao-2026-Q3.xlsx");
    assert_eq!(default_file_name(&q3(), Format::Markdown, Lang::En), "report-2026-Q3.md");
    let range = Period::parse("05/01/2026..31/03/2026").unwrap();
    assert_eq!(default_file_name(&range, Format::Csv, Lang::Vi), "bao-cao-2026-01-05_2026-03-31.csv");
    assert_eq!(csv_path(Path::new("/x/bao-cao-2026-Q3.csv"), "vi-pham"), Path::new("/x/bao-cao-2026-Q3-vi-pham.csv"));
}

#[test]
fn the_heading_names_the_commune_with_its_kind_once() {
    let (mut data, records) = dataset();
    let s = summarize(&data, &q3());
    for (typed, issuer, place) in [
        ("Tân Hòa", "XÃ TÂN HÒA", "Tân Hòa"),
        ("Xã Tân Hòa", "XÃ TÂN HÒA", "Tân Hòa"),
        ("Phường X", "PHƯỜNG X", "X"),
        ("Thị trấn Phú Mỹ", "THỊ TRẤN PHÚ MỸ", "Phú Mỹ"),
    ] {
        data.commune.name = typed.into();
        let names = Names::new(&data, &records, false);
        let r = Report::build(&data, &s, &names, &options(Lang::Vi, false));
        assert_eq!(r.heading.issuer[1], issuer, "{typed}");
        assert!(r.heading.place_date.starts_with(&format!("{place}, ngày")), "{}", r.heading.place_date);
    }
}

#[test]
fn the_refusals_are_dated_as_refusals() {
    let (data, records) = dataset();
    let s = summarize(&data, &q3());
    let names = Names::new(&data, &records, false);
    for (lang, sheet, date) in [(Lang::Vi, "Từ chối ký", "Ngày từ chối ký"), (Lang::En, "Refusals", "Refused on")]
    {
        let r = Report::build(&data, &s, &names, &options(lang, false));
        let t = r.details.iter().find(|t| t.sheet == sheet).expect("the refusals sheet");
        let titles: Vec<&str> = t.columns.iter().map(|c| c.title.as_str()).collect();
        assert!(titles.contains(&date) && !titles.contains(&"Ngày ký cam kết"), "{titles:?}");
    }
}

#[test]
fn the_model_copies_the_summary_into_tables() {
    let (data, records) = dataset();
    let s = summarize(&data, &q3());
    let names = Names::new(&data, &records, false);
    let r = Report::build(&data, &s, &names, &options(Lang::Vi, false));
    let households = &r.sections[0].tables[0];
    assert_eq!(households.rows.len(), 3, "two hamlets and the total");
    let total = households.rows.iter().find(|row| row.key == RowKey::Total).unwrap();
    assert_eq!(total.cells[1], model::Cell::Count(s.total.households.active));
    assert_eq!(total.cells[2], model::Cell::Count(2));
    assert_eq!(total.cells[3], model::Cell::Rate(Some(500)));
    assert_eq!(r.heading.issuer[1], "XÃ NHẤT TIẾN");
    assert_eq!(r.heading.place_date, "Nhất Tiến, ngày 23 tháng 11 năm 2026");
    assert_eq!(r.heading.period, "Quý III năm 2026 (từ 01/07/2026 đến 30/09/2026)");
    assert_eq!(r.signers[1].title, "CHỦ TỊCH UBND XÃ");
    assert_eq!(r.signers[0].title, "NGƯỜI LẬP BÁO CÁO", "no preparer title set: the default");
    let slugs: Vec<String> = r.details.iter().map(|t| t.slug()).collect();
    assert_eq!(
        slugs,
        ["ho-chua-ky", "tu-choi-ky", "vi-pham", "to-doi-can-kien-toan", "vu-viec-dang-giai-quyet", "vu-viec-qua-han"]
    );
    let lens: Vec<usize> = r.details.iter().map(|t| t.rows.len()).collect();
    assert_eq!(lens, [2, 1, 1, 1, 1, 1], "not signed, refusals, violations, teams, open, overdue");
}

#[test]
fn the_csv_summary_has_one_row_per_hamlet_and_unique_column_names() {
    for lang in [Lang::Vi, Lang::En] {
        let (data, records) = dataset();
        let s = summarize(&data, &q3());
        let r = Report::build(&data, &s, &Names::new(&data, &records, false), &options(lang, false));
        let wide = r.wide_summary();
        let keys: Vec<RowKey> = wide.rows.iter().map(|row| row.key).collect();
        assert_eq!(keys, [RowKey::Hamlet(0), RowKey::Hamlet(1), RowKey::CommuneWide, RowKey::Total]);
        assert!(wide.rows.iter().all(|row| row.cells.len() == wide.columns.len()));
        let mut titles: Vec<&str> = wide.columns.iter().map(|c| c.title.as_str()).collect();
        titles.sort_unstable();
        let n = titles.len();
        titles.dedup();
        assert_eq!(titles.len(), n, "{lang:?}: every column of the summary file has its own name");
        assert!(wide.columns.iter().any(|c| c.kind == Kind::Rate));
    }
}

#[test]
fn personal_numbers_are_masked_unless_asked_for() {
    for format in Format::ALL {
        let (_dir, files) = export_to(format, &options(Lang::Vi, false));
        let text = all_bytes(&files);
        if format != Format::Xlsx {
            assert!(text.contains("********1234"), "{format:?} shows the masked ID");
            assert!(text.contains("091****678"), "{format:?} shows the masked phone");
        }
        assert!(!text.contains(NATIONAL_ID) && !text.contains(PHONE), "{format:?} leaks a personal number");
        let (_dir, files) = export_to(format, &options(Lang::Vi, true));
        if format != Format::Xlsx {
            assert!(all_bytes(&files).contains(NATIONAL_ID), "{format:?} with include_personal");
        }
    }
    // The XLSX is zipped: read its detail sheet.
    for (include, id) in [(false, "********1234"), (true, NATIONAL_ID)] {
        let (_dir, files) = export_to(Format::Xlsx, &options(Lang::Vi, include));
        let sheet = xlsx_sheet(&files[0], "Hộ chưa ký");
        assert!(sheet.iter().flatten().any(|c| c == id), "{sheet:?}");
    }
}

fn xlsx_sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(path).unwrap())).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| if c == &Data::Empty { String::new() } else { c.to_string() }).collect())
        .collect()
}

#[test]
fn the_xlsx_holds_real_numbers_and_every_sheet() {
    let (_dir, files) = export_to(Format::Xlsx, &options(Lang::Vi, false));
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(&files[0]).unwrap())).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Tổng hợp",
            "Hộ chưa ký",
            "Từ chối ký",
            "Vi phạm",
            "Tổ đội cần kiện toàn",
            "Vụ việc đang giải quyết",
            "Vụ việc quá hạn",
            "Thông tin báo cáo"
        ]
    );
    let summary = book.worksheet_range("Tổng hợp").unwrap();
    let cell = |r: u32, c: u32| summary.get_value((r, c)).cloned().unwrap_or_default();
    assert_eq!(cell(0, 0), Data::String("ỦY BAN NHÂN DÂN".into()));
    assert!((0..12).any(|c| cell(0, c) == Data::String("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into())));
    // The households table: header, T01, T02, total.
    let header = (0..60).find(|r| cell(*r, 1) == Data::String("Hộ đang sinh sống cuối kỳ".into())).unwrap();
    assert_eq!(cell(header + 3, 0), Data::String("Tổng cộng".into()));
    assert_eq!(cell(header + 3, 1), Data::Float(4.0));
    assert_eq!(cell(header + 3, 3), Data::Float(0.5), "a real fraction, shown as 50.0%");
    let violations = xlsx_sheet(&files[0], "Vi phạm");
    assert!(violations.iter().any(|r| r.contains(&"Đốt pháo".to_string())));
}

#[test]
fn the_markdown_tables_line_up() {
    use unicode_width::UnicodeWidthStr;
    let (_dir, files) = export_to(Format::Markdown, &options(Lang::Vi, false));
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.starts_with("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM  \nĐộc lập - Tự do - Hạnh phúc\n"));
    let mut table: Vec<&str> = Vec::new();
    let mut tables = 0;
    for line in text.lines().chain([""]) {
        if line.starts_with('|') {
            table.push(line);
            continue;
        }
        if let Some(first) = table.first() {
            assert!(table.iter().all(|l| l.width() == first.width()), "{table:#?}");
            tables += 1;
        }
        table.clear();
    }
    assert!(tables > 1, "{tables} tables checked in:\n{text}");
    assert!(text.contains("| Tổng cộng |"), "{text}");
    assert!(text.contains("Xóm 2 \\| ngõ 3"), "a | in a cell is escaped");
    assert!(text.contains("50,0%"));
}

#[test]
fn the_csv_files_start_with_a_bom_and_read_back() {
    let (dir, files) = export_to(Format::Csv, &options(Lang::Vi, false));
    assert_eq!(files.len(), 9, "summary, targets (issue 13), information and six detail lists");
    assert_eq!(files[0], dir.path().join("bao-cao-2026-Q3.csv"));
    assert!(files.iter().all(|f| f.starts_with(dir.path())));
    for f in &files {
        assert!(std::fs::read(f).unwrap().starts_with(b"\xEF\xBB\xBF"), "{f:?}");
    }
    let bytes = std::fs::read(&files[0]).unwrap();
    let mut reader = ::csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let total = rows.last().unwrap();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&total[0], "Tổng cộng");
    assert_eq!(&total[column("Đã ký cam kết")], "2");
    assert_eq!(&total[column("Tỷ lệ ký (%)")], "50.0");
    assert_eq!(&total[column("Quá hạn")], "1");
}

#[test]
fn the_json_has_its_version_and_the_summary_numbers() {
    let (_dir, files) = export_to(Format::Json, &options(Lang::En, false));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["period"]["code"], "2026-Q3");
    assert_eq!(v["period"]["label"], "Quarter 3, 2026");
    assert_eq!(v["generated_at"], "2026-11-23T09:00:00");
    assert_eq!(v["commune"]["name"], "Xã Nhất Tiến");
    assert_eq!(v["total"]["households"]["signed"], 2);
    assert_eq!(v["total"]["households"]["coverage_percent"], 50.0);
    assert_eq!(v["hamlets"][0]["code"], "T01");
    assert_eq!(v["total"]["cases"]["received_by_category"]["civil"], 1);
    assert_eq!(v["details"]["not_signed"][1]["national_id"], "********1234");
    assert_eq!(v["details"]["overdue_cases"][0], "7/2026");
    assert_eq!(v["details"]["violations"][0]["date"], "2026-08-01");
}

#[test]
fn a_missing_folder_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (data, records) = dataset();
    let s = summarize(&data, &q3());
    let path = dir.path().join("nowhere").join("r.xlsx");
    let e = export(Format::Xlsx, &data, &records, &s, &options(Lang::Vi, false), &path, Existing::Refuse).unwrap_err();
    assert!(matches!(e, ExportError::Output(OutputError::NoFolder(_))));
    assert!(crate::report::export::words::error(Lang::Vi, &e).starts_with("Không có thư mục"));
    let e =
        export(Format::Csv, &data, &records, &s, &options(Lang::En, false), dir.path(), Existing::Refuse).unwrap_err();
    assert!(crate::report::export::words::error(Lang::En, &e).contains("is a folder"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
