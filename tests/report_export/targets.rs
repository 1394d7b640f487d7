//! The targets table, first in every format: the four formats of the 2026
//! yearly report say every row of it as `report::summarize` computed it,
//! and each opens with it.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use chrono::Datelike;
use soxa::report::{Summary, TargetRow};

use super::{demo_ledger, run, summary_of};
use crate::common::stderr;

/// Exports the year 2026 as `format` into `tmp/year.<ext>`; the files written.
fn export_year(tmp: &tempfile::TempDir, format: &str) -> Vec<PathBuf> {
    let out = tmp.path().join(format!("year.{format}"));
    let done = run(tmp, &["report", "--period", "2026", "--format", format, "-o", out.to_str().unwrap()]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    let printed = String::from_utf8_lossy(&done.stdout).to_string();
    printed
        .lines()
        .filter_map(|l| l.trim().split(" (").next())
        .filter(|p| p.starts_with('/'))
        .map(PathBuf::from)
        .collect()
}

/// What a format says of one row: achieved, out of, share in %, met.
type Said = (f64, Option<f64>, Option<f64>, bool);

fn expected(r: &TargetRow) -> Said {
    let pct = r.whole.and(r.permille).map(|p| f64::from(p) / 10.0);
    (f64::from(r.part), r.whole.map(f64::from), pct, r.met)
}

fn met(word: &str) -> bool {
    match word.trim() {
        "Đạt" => true,
        "Chưa đạt" => false,
        other => panic!("not a verdict: {other:?}"),
    }
}

fn number(cell: &str) -> Option<f64> {
    let c = cell.trim().trim_end_matches('%').replace('.', "").replace(',', ".");
    (!c.is_empty()).then(|| c.parse().unwrap())
}

fn from_json(path: &Path) -> Vec<Said> {
    let text = std::fs::read_to_string(path).unwrap();
    let at = |key: &str| text.find(&format!("\n  \"{key}\":")).unwrap();
    assert!(at("targets") < at("thresholds") && at("targets") < at("hamlets"), "the first section");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["targets"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (r["value"].as_f64().unwrap(), r["out_of"].as_f64(), r["percent"].as_f64(), r["met"].as_bool().unwrap())
        })
        .collect()
}

fn from_csv(files: &[PathBuf]) -> Vec<Said> {
    let file = files.iter().find(|f| f.to_str().unwrap().ends_with("-chi-tieu.csv")).unwrap();
    let bytes = std::fs::read(file).unwrap();
    let mut r = csv::Reader::from_reader(Cursor::new(bytes[3..].to_vec()));
    // The summary file's first columns are the targets' figures by hamlet.
    let main = std::fs::read(&files[0]).unwrap();
    let header = String::from_utf8_lossy(&main[3..]).lines().next().unwrap().to_string();
    assert!(header.starts_with("\"Thôn, tổ dân phố\",Hộ được tuyên truyền,"), "{header}");
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let n = |i: usize| -> Option<f64> { (!rec[i].is_empty()).then(|| rec[i].parse().unwrap()) };
            (n(1).unwrap(), n(2), n(3), met(&rec[5]))
        })
        .collect()
}

fn from_markdown(path: &Path) -> Vec<Said> {
    let text = std::fs::read_to_string(path).unwrap();
    let first = text.find("\n## ").unwrap();
    assert!(text[first..].starts_with("\n## KẾT QUẢ THỰC HIỆN CHỈ TIÊU"), "the first section");
    let after = &text[text.find("### Các chỉ tiêu của kế hoạch").unwrap()..];
    after
        .lines()
        .skip_while(|l| !l.starts_with("| :"))
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let c: Vec<&str> = l.split('|').collect();
            (number(c[2]).unwrap(), number(c[3]), number(c[4]), met(c[6]))
        })
        .collect()
}

fn from_xlsx(path: &Path) -> Vec<Said> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(path).unwrap())).unwrap();
    assert_eq!(book.sheet_names()[0], "Tổng hợp");
    let sheet = book.worksheet_range("Tổng hợp").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let header = rows.iter().position(|r| r.get(1) == Some(&Data::String("Số đạt được".into()))).unwrap();
    let households = rows.iter().position(|r| r.get(1) == Some(&Data::String("Hộ đang sinh sống cuối kỳ".into())));
    assert!(households.unwrap() > header, "the targets come before the households");
    let num = |d: &Data| match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    };
    rows[header + 1..]
        .iter()
        .take_while(|r| matches!(r.get(1), Some(Data::Float(_) | Data::Int(_))))
        .map(|r| {
            let pct = num(&r[3]).map(|x| (x * 1000.0).round() / 10.0);
            let Data::String(word) = &r[5] else { panic!("{r:?}") };
            (num(&r[1]).unwrap(), num(&r[2]), pct, met(word))
        })
        .collect()
}

#[test]
fn every_format_opens_with_the_targets_table_and_says_each_row() {
    let tmp = demo_ledger();
    let s: Summary = summary_of(&tmp, "2026");
    let want: Vec<Said> = s.targets.rows.iter().map(expected).collect();
    assert_eq!(want.len(), 9);
    assert!(s.targets.rows.iter().any(|r| r.met) && s.targets.rows.iter().any(|r| !r.met), "{want:?}");
    let json = from_json(&export_year(&tmp, "json")[0]);
    let csv = from_csv(&export_year(&tmp, "csv"));
    let md = from_markdown(&export_year(&tmp, "md")[0]);
    let xlsx = from_xlsx(&export_year(&tmp, "xlsx")[0]);
    for (name, got) in [("json", &json), ("csv", &csv), ("md", &md), ("xlsx", &xlsx)] {
        assert_eq!(got.len(), want.len(), "{name}: one line per target");
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g, w, "{name}: {:?}", s.targets.rows[i].target);
        }
    }
}

/// The records of one exported CSV file, by heading.
fn exported(tmp: &tempfile::TempDir, what: &str, extra: &[&str]) -> Vec<std::collections::HashMap<String, String>> {
    let file = tmp.path().join(format!("{what}.csv"));
    let mut args = vec!["export", what, file.to_str().unwrap()];
    args.extend_from_slice(extra);
    let done = run(tmp, &args);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    let bytes = std::fs::read(&file).unwrap();
    let mut r = csv::Reader::from_reader(Cursor::new(bytes[3..].to_vec()));
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| headers.iter().zip(rec.unwrap().iter()).map(|(h, v)| (h.into(), v.into())).collect())
        .collect()
}

fn day(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%d/%m/%Y").ok()
}

/// The demo's 2026 yearly report (JSON, as every format says the same)
/// opens with the targets table, and its numbers are those recomputed here
/// from `soxa export households|models|assessments|outreach`.
#[test]
fn the_yearly_report_targets_equal_those_recomputed_from_the_exports() {
    use std::collections::HashSet;
    let tmp = demo_ledger();
    let end = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let households = exported(&tmp, "households", &["--year", "2026"]);
    let active: Vec<_> = households
        .iter()
        .filter(|h| {
            day(&h["Sinh sống từ ngày"]).is_none_or(|d| d <= end) && day(&h["Ngày chuyển đi"]).is_none_or(|d| d > end)
        })
        .collect();
    let active_codes: HashSet<&str> = active.iter().map(|h| h["Mã hộ"].as_str()).collect();
    let signed = active.iter().filter(|h| day(&h["Ngày ký cam kết"]).is_some()).count();
    let areas: HashSet<&str> = households.iter().map(|h| h["Mã thôn"].as_str()).collect();
    let outreach = exported(&tmp, "outreach", &[]);
    let reached: HashSet<&str> = outreach
        .iter()
        .filter(|r| day(&r["Ngày"]).is_some_and(|d| d.year() == 2026) && active_codes.contains(r["Mã hộ"].as_str()))
        .map(|r| r["Mã hộ"].as_str())
        .collect();
    let assessments = exported(&tmp, "assessments", &[]);
    let of_2026: Vec<_> = assessments.iter().filter(|a| a["Năm"] == "2026").collect();
    let class = |c: &str| of_2026.iter().filter(|a| a["Xếp loại"] == c).count();
    let models = exported(&tmp, "models", &[]);
    let effective: HashSet<&str> = models
        .iter()
        .filter(|m| m["Năm"] == "2026" && m["Đánh giá"] == "Hiệu quả" && !m["Mã thôn"].is_empty())
        .map(|m| m["Mã thôn"].as_str())
        .collect();
    let n = |x: usize| x as f64;
    let a = n(areas.len());
    let recomputed = [
        (n(signed), Some(n(active.len()))),
        (n(reached.len()), Some(n(active.len()))),
        (n(of_2026.iter().filter(|x| x["Kết quả"] == "Đạt").count()), Some(a)),
        (n(class("Xuất sắc")), Some(a)),
        (n(class("Khá")), Some(a)),
        (n(class("Yếu")), None),
        (n(effective.len()), Some(a)),
    ];
    let report = from_json(&export_year(&tmp, "json")[0]);
    for (i, (part, whole)) in recomputed.iter().enumerate() {
        assert_eq!((report[i].0, report[i].1), (*part, *whole), "row {i}");
    }
    assert!(reached.len() * 10 >= active.len() * 7, "the demo reaches 70-90%: {} of {}", reached.len(), active.len());
}
