//! The importers on damaged spreadsheets: a real export of the demo (CSV
//! and XLSX) under random flips, cuts and insertions, and CSV text built
//! from hostile cells, must give a plan or a clear error, never a panic.
//! Whatever plan comes out only holds rows that passed the form's checks.

use std::path::Path;

use proptest::prelude::*;
use soxa::import::export::{self, Options};
use soxa::import::{Import, Kind};
use soxa::store::Store;

use super::codec_fuzz::{mutate, mutation};
use crate::common::tui::demo_store;

/// A real export of the demo's households, as CSV bytes and as XLSX bytes.
fn exports(store: &Store) -> (Vec<u8>, Vec<u8>) {
    let table = export::households(store, Options { include_personal: true, year: 2026 }).unwrap();
    let csv = export::csv_bytes(&table).unwrap();
    (csv, export::xlsx_bytes(&table).unwrap())
}

/// Plans an import of `bytes` saved as `name`, as every kind of file; the
/// outcome does not matter, only that it is one.
fn plan_both(store: &Store, dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    for kind in [Kind::Households, Kind::Members, Kind::Cases, Kind::Models, Kind::Assessments, Kind::Outreach] {
        let _ = Import::prepare(store, &path, kind);
    }
    let _ = Import::prepare_teams(store, &path);
    let _ = Import::prepare_cases(store, &path, None);
}

/// The report of any plan `path` gives as `prepare` makes it: no control
/// character survives the cleaning. Returns whether there was a plan.
fn clean_report(import: Result<Import, soxa::import::ImportError>, path: &Path) -> Result<bool, TestCaseError> {
    let Ok(import) = import else { return Ok(false) };
    for line in import.report(path, soxa::domain::Lang::Vi, soxa::import::Tense::Will) {
        prop_assert!(!line.chars().any(|c| c.is_control() && c != '\n'), "{line:?}");
    }
    Ok(true)
}

fn hostile_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("\u{1b}[2J\u{1b}]0;x\u{7}".to_string()),
        Just("Nguye\u{302}\u{303}n\u{200f}".to_string()),
        Just("31/02/2026".to_string()),
        Just("\"".to_string()),
        Just("a;b\tc,d".to_string()),
        Just("9".repeat(400)),
        "\\PC{0,40}",
        any::<String>(),
        Just("=HYPERLINK(\"http://x\",\"bấm\")".to_string()),
        Just("a\u{0}b".to_string()),
        Just("Đ".repeat(5_000)),
        Just("Ông A, 45 tuổi\n– Bà B (sinh 1980); C và D".to_string()),
        Just("x".to_string()),
    ]
}

/// Hostile rows under `header`, as quoted CSV text.
fn csv_text(header: &str, rows: &[Vec<String>]) -> String {
    let mut text = header.to_string();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    text
}

#[test]
fn damaged_exports_never_panic_the_importer() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp);
    let (csv, xlsx) = exports(&store);
    let config = crate::store_props::config(120);
    proptest!(config, |(mutations in proptest::collection::vec(mutation(), 1..8), workbook in any::<bool>())| {
        let mut bytes = if workbook { xlsx.clone() } else { csv.clone() };
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        plan_both(&store, tmp.path(), if workbook { "hong.xlsx" } else { "hong.csv" }, &bytes);
    });
}

#[test]
fn hostile_csv_cells_give_a_plan_or_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp);
    let header = "Mã hộ,Thôn,Họ tên chủ hộ,Số nhân khẩu,Số điện thoại,CCCD,Ngày ký cam kết\n";
    let config = crate::store_props::config(200);
    let planned = std::cell::Cell::new(0);
    proptest!(config, |(rows in proptest::collection::vec(proptest::collection::vec(hostile_cell(), 0..9), 1..12))| {
        let text = csv_text(header, &rows);
        plan_both(&store, tmp.path(), "do-hai.csv", text.as_bytes());
        // Whatever is planned was cleaned: no control character survives.
        let path = tmp.path().join("do-hai.csv");
        if clean_report(Import::prepare(&store, &path, Kind::Households), &path)? {
            planned.set(planned.get() + 1);
        }
    });
    assert!(planned.get() > 0, "no hostile file made a plan: the cleaning was never checked");
}

#[test]
fn hostile_rosters_and_mediation_books_give_a_plan_or_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp);
    let roster = "Tổ/đội,Loại tổ,Thôn,Họ và tên,Năm sinh,Chức danh,Ngày tham gia,Năm tập huấn\n";
    let book = "STT,Ngày tiếp nhận,Hòa giải viên,Họ tên tuổi địa chỉ các bên,Nội dung,Thỏa thuận,Kết quả,Ghi chú\n";
    let teams = store.all::<soxa::domain::Team>().unwrap();
    let mediation = teams.iter().find(|t| t.kind == soxa::domain::TeamKind::Mediation).unwrap().name.clone();
    let config = crate::store_props::config(150);
    let planned = std::cell::Cell::new([0; 3]);
    proptest!(config, |(rows in proptest::collection::vec(proptest::collection::vec(hostile_cell(), 0..9), 1..10))| {
        let path = tmp.path().join("do-hai.csv");
        std::fs::write(&path, csv_text(roster, &rows)).unwrap();
        let teams = clean_report(Import::prepare_teams(&store, &path), &path)?;
        std::fs::write(&path, csv_text(book, &rows)).unwrap();
        let cases = clean_report(Import::prepare_cases(&store, &path, None), &path)?;
        let into_team = clean_report(Import::prepare_cases(&store, &path, Some(&mediation)), &path)?;
        let mut n = planned.get();
        for (count, made) in n.iter_mut().zip([teams, cases, into_team]) {
            *count += usize::from(made);
        }
        planned.set(n);
    });
    assert!(planned.get().iter().all(|n| *n > 0), "plans made (roster, book, book into a team): {:?}", planned.get());
}
