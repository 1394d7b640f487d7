//! `soxa report` from the real executable on a seeded demo ledger: the four
//! formats written for the same period say the same numbers, and the same
//! as `report::summarize`; arguments and failures are told plainly; the
//! Reports screen's export dialog writes the period shown.

use std::io::Cursor;
use std::path::{Path, PathBuf};

mod book;
mod first_frame;

use calamine::{Data, Range, Reader, Xlsx};
use soxa::demo::{DemoOptions, generate};
use soxa::domain::{Lang, Period};
use soxa::report::{self, Summary};
use tempfile::TempDir;

mod targets;

use crate::common::tui::Tui;
use crate::common::{ZIP_PASS, now, open_at, soxa, soxa_input, stderr, stdout, unlock, zip_of};

/// A 1,000-household demo ledger in `tmp/db`, closed again.
fn demo_ledger() -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let store = open_at(&tmp.path().join("db"));
    generate(&store, &DemoOptions { households: 1000, seed: 3, today: now().date() }).unwrap();
    tmp
}

fn summary_of(tmp: &TempDir, period: &str) -> Summary {
    let store = open_at(&tmp.path().join("db"));
    let period = Period::parse(period).unwrap();
    report::summarize(&report::load(&store, &period).unwrap(), &period)
}

fn run(tmp: &TempDir, args: &[&str]) -> std::process::Output {
    let db = tmp.path().join("db");
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    soxa(&all)
}

/// Exports 2026-Q3 as `format` into `tmp/out.<ext>`; returns the files printed.
fn export(tmp: &TempDir, format: &str) -> Vec<PathBuf> {
    let out = tmp.path().join(format!("out.{format}"));
    let done = run(tmp, &["report", "--period", "2026-Q3", "--format", format, "-o", out.to_str().unwrap()]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    let printed = stdout(&done);
    assert!(printed.starts_with("Đã xuất báo cáo Quý III năm 2026"), "{printed}");
    assert!(printed.contains("Thời gian:"), "{printed}");
    printed
        .lines()
        .filter_map(|l| l.trim().split(" (").next())
        .filter(|p| p.starts_with('/'))
        .map(PathBuf::from)
        .collect()
}

/// The numbers every format is checked on, in this order.
const KEYS: [&str; 12] = [
    "active",
    "signed",
    "refused",
    "absent",
    "not contacted",
    "violations",
    "teams",
    "members",
    "carried over",
    "received",
    "pending",
    "overdue",
];

fn expected(s: &Summary) -> Vec<f64> {
    let (h, t, c) = (&s.total.households, &s.total.teams, &s.total.cases);
    [h.active, h.signed, h.refused, h.absent, h.not_contacted, h.violations]
        .into_iter()
        .chain([t.active_teams, t.active_members, c.carried_over, c.received, c.pending, c.overdue])
        .map(f64::from)
        .collect()
}

/// Coverage and success rate, as percentages.
fn expected_rates(s: &Summary) -> [f64; 2] {
    let pct = |p: Option<u16>| f64::from(p.unwrap()) / 10.0;
    [pct(s.total.households.coverage_permille), pct(s.total.cases.success_rate_permille)]
}

#[test]
fn every_format_says_the_numbers_of_the_summary() {
    let tmp = demo_ledger();
    let s = summary_of(&tmp, "2026-Q3");
    let want = expected(&s);
    assert!(want.iter().all(|n| *n > 0.0), "a demo with something in every count: {want:?}");
    let rates = expected_rates(&s);
    let not_signed = s.details.not_signed.len();

    let json = from_json(&export(&tmp, "json")[0]);
    let csv_files = export(&tmp, "csv");
    let csv = from_csv(&csv_files[0]);
    let md = from_markdown(&export(&tmp, "md")[0]);
    let xlsx = from_xlsx(&export(&tmp, "xlsx")[0]);
    for (name, got) in [("json", &json), ("csv", &csv), ("md", &md), ("xlsx", &xlsx)] {
        for (i, key) in KEYS.iter().enumerate() {
            assert_eq!(got.counts[i], want[i], "{name}: {key}");
        }
        assert_eq!(got.rates, rates, "{name}: coverage and success rate");
        assert_eq!(got.not_signed, not_signed, "{name}: households not signed listed");
    }
    // The summary, the targets table (issue 13), the information, six lists.
    assert_eq!(csv_files.len(), 9);
    assert!(csv_files[1..].iter().all(|f| f.to_str().unwrap().contains("out-")), "{csv_files:?}");
}

/// What one file says.
struct Said {
    counts: Vec<f64>,
    rates: [f64; 2],
    not_signed: usize,
}

fn from_json(path: &Path) -> Said {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let t = &v["total"];
    let n = |x: &serde_json::Value| x.as_f64().unwrap();
    let (h, teams, c) = (&t["households"], &t["teams"], &t["cases"]);
    Said {
        counts: vec![
            n(&h["active"]),
            n(&h["signed"]),
            n(&h["refused"]),
            n(&h["absent"]),
            n(&h["not_contacted"]),
            n(&h["violations"]),
            n(&teams["active_teams"]),
            n(&teams["active_members"]),
            n(&c["carried_over"]),
            n(&c["received"]),
            n(&c["pending"]),
            n(&c["overdue"]),
        ],
        rates: [n(&h["coverage_percent"]), n(&c["success_rate_percent"])],
        not_signed: v["details"]["not_signed"].as_array().unwrap().len(),
    }
}

fn from_csv(path: &Path) -> Said {
    let records = |p: &Path| {
        let bytes = std::fs::read(p).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
        let mut r = csv::Reader::from_reader(Cursor::new(bytes[3..].to_vec()));
        let headers = r.headers().unwrap().clone();
        (headers, r.records().map(Result::unwrap).collect::<Vec<_>>())
    };
    let (headers, rows) = records(path);
    let total = rows.iter().find(|r| &r[0] == "Tổng cộng").unwrap();
    let get = |name: &str| -> f64 { total[headers.iter().position(|h| h == name).unwrap()].parse().unwrap() };
    let not_signed = records(&path.with_file_name("out-ho-chua-ky.csv")).1.len();
    Said {
        counts: [
            "Hộ đang sinh sống cuối kỳ",
            "Đã ký cam kết",
            "Từ chối ký",
            "Vắng mặt",
            "Chưa có bản cam kết",
            "Vi phạm trong kỳ",
            "Tổng số tổ, đội",
            "Thành viên cuối kỳ",
            "Kỳ trước chuyển sang",
            "Tiếp nhận trong kỳ",
            "Đang giải quyết cuối kỳ",
            "Quá hạn",
        ]
        .map(get)
        .to_vec(),
        rates: [get("Tỷ lệ ký (%)"), get("Tỷ lệ hòa giải thành (%)")],
        not_signed,
    }
}

/// Markdown numbers read as printed: "1.234", "87,3%".
fn md_number(cell: &str) -> f64 {
    cell.trim().trim_end_matches('%').replace('.', "").replace(',', ".").parse().unwrap()
}

/// The total row of the table under `### title`, its cells after the label.
fn md_total(text: &str, title: &str) -> Vec<f64> {
    let after = &text[text.find(&format!("### {title}")).unwrap()..];
    let line = after.lines().find(|l| l.starts_with("| Tổng cộng")).unwrap();
    line.split('|').skip(2).filter(|c| !c.trim().is_empty()).map(md_number).collect()
}

fn from_markdown(path: &Path) -> Said {
    let text = std::fs::read_to_string(path).unwrap();
    let h = md_total(&text, "Hộ gia đình theo thôn");
    let teams = md_total(&text, "Tổ, đội đang hoạt động cuối kỳ");
    let members = md_total(&text, "Thành viên tổ, đội");
    let c = md_total(&text, "Vụ việc hòa giải");
    let heading = "### Hộ chưa ký cam kết năm 2026 (";
    let count = &text[text.find(heading).unwrap() + heading.len()..];
    Said {
        counts: vec![h[0], h[1], h[4], h[5], h[6], h[7], teams[0], members[0], c[0], c[1], c[6], c[9]],
        rates: [h[2], c[7]],
        not_signed: md_number(&count[..count.find(')').unwrap()]) as usize,
    }
}

fn from_xlsx(path: &Path) -> Said {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(path).unwrap())).unwrap();
    let sheet = book.worksheet_range("Tổng hợp").unwrap();
    let h = xlsx_total(&sheet, "Hộ đang sinh sống cuối kỳ");
    let teams = xlsx_total(&sheet, "Tổng số tổ, đội");
    let members = xlsx_total(&sheet, "Thành viên cuối kỳ");
    let c = xlsx_total(&sheet, "Kỳ trước chuyển sang");
    let listed = book.worksheet_range("Hộ chưa ký").unwrap();
    // A title, a subtitle, an empty row and the header come before the rows.
    let not_signed = listed.rows().skip(4).filter(|r| matches!(r.first(), Some(Data::Float(_)))).count();
    Said {
        counts: vec![h[0], h[1], h[4], h[5], h[6], h[7], teams[0], members[0], c[0], c[1], c[6], c[9]],
        rates: [h[2] * 100.0, c[7] * 100.0].map(|x| (x * 10.0).round() / 10.0),
        not_signed,
    }
}

/// The numbers of the total row of the table whose second column is `title`.
fn xlsx_total(sheet: &Range<Data>, title: &str) -> Vec<f64> {
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let header = rows.iter().position(|r| r.get(1) == Some(&Data::String(title.into()))).unwrap();
    let total = rows[header..].iter().find(|r| r.first() == Some(&Data::String("Tổng cộng".into()))).unwrap();
    // The sheet is as wide as its widest table: stop at the first empty cell.
    total[1..]
        .iter()
        .take_while(|c| **c != Data::Empty)
        .map(|c| match c {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            other => panic!("not a number in a total row: {other:?}"),
        })
        .collect()
}

#[test]
fn the_default_file_is_named_after_the_period_and_a_range_works() {
    let tmp = demo_ledger();
    let db = tmp.path().join("db");
    let out = crate::common::soxa_cmd(&["--db", db.to_str().unwrap(), "report", "--period", "2026-Q3"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(tmp.path().join("bao-cao-2026-Q3.xlsx").is_file(), "{}", stdout(&out));

    let json = tmp.path().join("range.json");
    let out = run(
        &tmp,
        &["report", "--from", "01/07/2026", "--to", "30/09/2026", "-o", json.to_str().unwrap(), "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("Report written for From 01/07/2026 to 30/09/2026 (json)"), "{}", stdout(&out));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(v["period"]["code"], "2026-07-01..2026-09-30");
    let q3 = summary_of(&tmp, "2026-Q3");
    assert_eq!(v["total"]["households"]["signed"], q3.total.households.signed, "the same days, the same numbers");
}

#[test]
fn national_ids_are_masked_unless_included() {
    let tmp = demo_ledger();
    let twelve_digits = |text: &str| text.split(|c: char| !c.is_ascii_digit()).any(|run| run.len() == 12);
    let json = tmp.path().join("r.json");
    let args = ["report", "--period", "2026-Q3", "-o", json.to_str().unwrap()];
    assert_eq!(run(&tmp, &args).status.code(), Some(0));
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(text.contains("********") && !twelve_digits(&text), "IDs masked by default");
    let mut with = args.to_vec();
    with.push("--include-personal");
    // With personal data the report is written inside a locked ZIP, r.json.zip
    // (issue 15); an existing one is replaced only with --force (issue 17, item 4).
    let zip = zip_of(&json);
    std::fs::write(&zip, "the clerk's own file").unwrap();
    assert_eq!(run_input(&tmp, &with).status.code(), Some(1));
    assert_eq!(std::fs::read(&zip).unwrap(), b"the clerk's own file", "the refused run changed nothing");
    with.push("--force");
    assert_eq!(run_input(&tmp, &with).status.code(), Some(0));
    assert!(!twelve_digits(&std::fs::read_to_string(&json).unwrap()), "the masked file is left as it was");
    let inside = unlock(&zip, ZIP_PASS);
    assert_eq!(inside.len(), 1);
    assert_eq!(inside[0].0, "r.json");
    assert!(twelve_digits(&String::from_utf8_lossy(&inside[0].1)), "IDs in full when asked");
}

/// `run`, giving the locked file's passphrase on standard input.
fn run_input(tmp: &TempDir, args: &[&str]) -> std::process::Output {
    let db = tmp.path().join("db");
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    soxa_input(&all, &format!("{ZIP_PASS}\n"))
}

#[test]
fn bad_arguments_and_unwritable_targets_are_told_in_one_sentence() {
    let tmp = demo_ledger();
    let bad = run(&tmp, &["report", "--period", "2026-Q5"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).starts_with("--period: không phải kỳ báo cáo hợp lệ"), "{}", stderr(&bad));
    let order = run(&tmp, &["report", "--from", "30/09/2026", "--to", "01/07/2026", "--lang", "en"]);
    assert_eq!(order.status.code(), Some(2));
    assert!(stderr(&order).contains("the end date cannot be before the start date"), "{}", stderr(&order));
    let missing = tmp.path().join("không có").join("r.xlsx");
    let out = run(&tmp, &["report", "--period", "2026-Q3", "-o", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("Không có thư mục"), "{}", stderr(&out));
    assert_eq!(stderr(&out).trim().lines().count(), 1);
    let folder = run(&tmp, &["report", "--period", "2026-Q3", "-o", tmp.path().to_str().unwrap(), "--lang", "en"]);
    assert_eq!(folder.status.code(), Some(1));
    assert!(stderr(&folder).contains("is a folder"), "{}", stderr(&folder));
}

#[test]
fn the_reports_screen_exports_the_period_shown() {
    let out = tempfile::tempdir().unwrap();
    let mut tui = Tui::demo(Lang::Vi);
    tui.app.reports.set_export_folder(out.path().to_path_buf(), true);
    tui.press("5x");
    assert!(tui.text(100, 30).contains("Xuất báo cáo · Quý IV năm 2026"));
    tui.press("<enter>");
    let xlsx = out.path().join("bao-cao-2026-Q4.xlsx");
    assert!(xlsx.is_file());
    let status = tui.app.status.clone().unwrap().0;
    assert_eq!(status, format!("Đã xuất: {}", xlsx.display()));
    assert!(!tui.text(100, 30).contains("Xuất báo cáo ·"), "the dialog closed");

    // The previous quarter as Markdown, then again: the second time asks first.
    tui.press("<left>x<tab><tab>");
    assert!(tui.text(100, 30).contains("bao-cao-2026-Q3.md"));
    tui.press("<enter>");
    let md = out.path().join("bao-cao-2026-Q3.md");
    let first = std::fs::read_to_string(&md).unwrap();
    assert!(first.contains("Quý III năm 2026"));
    tui.press("x<enter>");
    assert!(tui.text(100, 30).contains("Tệp này đã có"));
    std::fs::write(&md, "cũ").unwrap();
    tui.press("<enter>");
    assert_eq!(std::fs::read_to_string(&md).unwrap(), first, "replaced after the second Enter");

    // A folder that does not exist: the dialog stays open and says so.
    tui.press("x");
    for _ in 0..200 {
        tui.press("<bs>");
    }
    tui.press("/khong/co/r.json<enter>");
    assert!(tui.text(100, 30).contains("Không có thư mục"), "{}", tui.text(100, 30));
    tui.press("<esc>");
    assert!(!tui.text(100, 30).contains("Xuất báo cáo ·"));
}

#[test]
fn the_export_dialog_snapshot() {
    let mut tui = Tui::at(Lang::Vi, 80, 24);
    tui.app.reports.set_export_folder(PathBuf::from("/home/can-bo/Documents"), true);
    tui.press("5x");
    let terminal = tui.draw(80, 24);
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("tui_reports_export_80x24", terminal.backend());
    });
}
