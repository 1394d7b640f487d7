//! Imports and exports through the real `soxa` executable, on files the
//! tests write the ways clerks' files arrive (see `files`): dry runs, real
//! runs, a second run that changes nothing, the rejected-rows file, hamlets
//! the ledger lacks, an import cut short, and export -> import round trips.
//! `screen` drives the same import from the interface.

mod book;
mod cases;
mod dialog;
mod files;
mod round_trip;
mod screen;
mod targets;
mod teams;

use std::path::{Path, PathBuf};
use std::process::Output;

use soxa::domain::{Commitment, Hamlet, Household};
use soxa::store::Store;
use tempfile::TempDir;

use crate::common::{commune, hamlet, soxa, stderr, stdout};
use files::{Encoding, X, write_csv, write_xlsx};

fn s(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// A ledger (commune with three commitment items, hamlets T01 Đông and
/// T02 Tây) in a temporary folder, closed so the executable can open it.
struct Ledger {
    tmp: TempDir,
}

impl Ledger {
    fn new() -> Ledger {
        let tmp = tempfile::tempdir().unwrap();
        let store = open_when_free(&tmp.path().join("db"));
        store.save_commune(commune()).unwrap();
        store.insert(hamlet("T01", "Đông")).unwrap();
        store.insert(hamlet("T02", "Tây")).unwrap();
        Ledger { tmp }
    }

    fn db(&self) -> PathBuf {
        self.tmp.path().join("db")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Runs `soxa import households FILE` with `extra` arguments.
    fn import(&self, file: &Path, extra: &[&str]) -> Output {
        let db = self.db();
        let mut args = vec!["import", "households", s(file), "--db", s(&db)];
        args.extend(extra);
        soxa_when_free(&args)
    }

    /// Opens the ledger to look (close it before running soxa again).
    fn open(&self) -> Store {
        open_when_free(&self.db())
    }
}

/// Tests run in parallel threads that start `soxa` processes, and a ledger
/// this process just closed can stay locked for a moment (sled's
/// background threads, or a child process started by another test thread
/// before it drops the inherited descriptors). Such a lock is the test
/// harness's, not soxa's, so opening and running wait it out.
const LOCK_RETRIES: usize = 100;

fn open_when_free(db: &Path) -> Store {
    for _ in 0..LOCK_RETRIES {
        match Store::open(db, &soxa::store::OpenOptions::default()) {
            Err(soxa::store::OpenError::Locked { .. }) => std::thread::sleep(std::time::Duration::from_millis(50)),
            Ok(mut store) => {
                store.set_clock(soxa::store::Clock::Fixed(crate::common::now()));
                return store;
            }
            Err(e) => panic!("open {}: {e}", db.display()),
        }
    }
    panic!("{} stayed locked", db.display())
}

/// Runs soxa, again if it found the ledger locked (exit code 3, see above).
fn soxa_when_free(args: &[&str]) -> Output {
    for _ in 0..LOCK_RETRIES {
        let out = soxa(args);
        if out.status.code() != Some(3) {
            return out;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    soxa(args)
}

fn households(store: &Store) -> Vec<Household> {
    let mut all = store.all::<Household>().unwrap();
    all.sort_by(|a, b| a.code.cmp(&b.code));
    all
}

fn audit_len(store: &Store) -> usize {
    store.recent_audit(usize::MAX).unwrap().len()
}

const HEADER: [&str; 8] =
    ["STT", "Mã hộ", "Họ tên chủ hộ", "Thôn", "Năm sinh", "Số khẩu", "Số điện thoại", "Ngày ký cam kết"];

/// Three good rows in Vietnamese: a new household in each hamlet, one
/// signed, named by the hamlet's name without and with its kind word.
fn good_rows() -> Vec<Vec<&'static str>> {
    vec![
        HEADER.to_vec(),
        vec!["1", "T01-0001", "Nguyễn Văn Đức", "Đông", "1968", "4", "0912345678", "15/02/2026"],
        vec!["2", "T01-0002", "Trần Thị Hồng Nhung", "thon dong", "1975", "3", "0987654321", ""],
        vec!["3", "T02-0001", "Phạm Ngọc Đoàn", "Thôn Tây", "", "5", "", "3/3/2026"],
    ]
}

/// A household as the good rows describe it: (code, hamlet code, head,
/// birth year, members, phone).
type Described = (String, String, String, Option<u16>, u16, Option<String>);

/// The good rows as stored.
fn expected() -> Vec<Described> {
    let row =
        |c: &str, h: &str, n: &str, y, m, p: Option<&str>| (c.into(), h.into(), n.into(), y, m, p.map(String::from));
    vec![
        row("T01-0001", "T01", "Nguyễn Văn Đức", Some(1968), 4, Some("0912345678")),
        row("T01-0002", "T01", "Trần Thị Hồng Nhung", Some(1975), 3, Some("0987654321")),
        row("T02-0001", "T02", "Phạm Ngọc Đoàn", None, 5, None),
    ]
}

fn stored(store: &Store) -> Vec<Described> {
    let code = |id| store.get::<Hamlet>(id).unwrap().unwrap().code;
    households(store)
        .into_iter()
        .map(|h| (h.code, code(h.hamlet), h.head_name, h.head_birth_year, h.members, h.phone))
        .collect()
}

#[test]
fn csv_in_every_encoding_excel_writes_imports_the_same_households() {
    let cases = [
        (Encoding::Utf8, ",", "UTF-8, phân cách dấu phẩy"),
        (Encoding::Utf8Bom, ";", "UTF-8 (BOM), phân cách dấu chấm phẩy"),
        (Encoding::Utf16Le, "\t", "UTF-16 LE, phân cách dấu tab"),
        (Encoding::Windows1258, ";", "Windows-1258, phân cách dấu chấm phẩy"),
    ];
    for (encoding, sep, described) in cases {
        let ledger = Ledger::new();
        let file = ledger.file("ho.csv");
        write_csv(&file, &good_rows(), sep, encoding);
        let dry = ledger.import(&file, &["--dry-run"]);
        let out = stdout(&dry);
        assert_eq!(dry.status.code(), Some(0), "{encoding:?}: {out}{}", stderr(&dry));
        assert!(out.contains(described), "{encoding:?}: {out}");
        assert!(out.contains("Sẽ thêm mới: 3 hộ (dòng 2-4)"), "{encoding:?}: {out}");
        assert!(out.contains("Cột bỏ qua: STT"), "{out}");
        let run = ledger.import(&file, &[]);
        assert_eq!(run.status.code(), Some(0), "{encoding:?}: {}{}", stdout(&run), stderr(&run));
        let store = ledger.open();
        assert_eq!(stored(&store), expected(), "{encoding:?}");
        for h in households(&store) {
            assert!(unicode_normalization::is_nfc(&h.head_name), "{encoding:?}: {} is not NFC", h.head_name);
        }
        let signed = store.commitments_for_year(2026).unwrap();
        let dates: Vec<_> = signed.iter().map(|c| (c.date, c.items.clone())).collect();
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(dates, vec![(day(2, 15), vec![1, 2, 3]), (day(3, 3), vec![1, 2, 3])], "{encoding:?}");
    }
}

#[test]
fn a_dry_run_reports_every_row_and_writes_nothing() {
    let ledger = Ledger::new();
    let file = ledger.file("ho.csv");
    let mut rows = good_rows();
    rows.push(vec!["4", "T01-0001", "Lê Văn Trùng", "Đông", "", "2", "", ""]);
    rows.push(vec!["5", "T01-0009", "Vũ Thị Lỗi", "Đông", "khoảng 1970", "0", "12345", "31/02/2026"]);
    rows.push(vec!["6", "", "Không Có Mã", "Đông", "", "", "", ""]);
    write_csv(&file, &rows, ",", Encoding::Utf8Bom);
    let audit = audit_len(&ledger.open());
    let out = ledger.import(&file, &["--dry-run"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "refused rows make the exit code 1: {text}");
    for line in [
        "Tệp: ho.csv (CSV, UTF-8 (BOM), phân cách dấu phẩy), dòng tiêu đề 1",
        "Sẽ thêm mới: 3 hộ (dòng 2-4)",
        "Sẽ cập nhật: 0 hộ",
        "Không đổi: 0 hộ",
        "Bị từ chối: 3 dòng",
        "  Dòng 5: Mã hộ: trùng với dòng 2",
        "  Dòng 6: Năm sinh chủ hộ: phải là một số; Số điện thoại: không phải số điện thoại Việt Nam (10-11 chữ số, bắt đầu bằng 0); Số nhân khẩu: phải từ 1 đến 60; Ngày ký cam kết: tháng 2/2026 không có ngày 31 (chỉ có 28 ngày)",
        "  Dòng 7: Mã hộ: không được để trống",
        "Chạy thử: chưa ghi gì vào sổ.",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line:?} in:\n{text}");
    }
    assert!(stderr(&out).contains("Có 3 dòng bị từ chối"), "{}", stderr(&out));
    let store = ledger.open();
    assert_eq!(store.count::<Household>(), 0);
    assert_eq!(audit_len(&store), audit, "a dry run leaves no trace");
    assert!(!soxa::import::rejects_path(&file).exists(), "a dry run writes no rejected-rows file");
}

#[test]
fn a_dry_run_speaks_english_when_asked() {
    let ledger = Ledger::new();
    let file = ledger.file("households.csv");
    let rows = vec![
        vec!["Household code", "Head", "Hamlet", "Phone", "Members"],
        vec!["T01-0100", "Nguyen Van An", "Dong", "0912 345 678", "3"],
        vec!["T01-0101", "Le Thi Hoa", "Dong", "12", "2"],
    ];
    write_csv(&file, &rows, ",", Encoding::Utf8);
    let out = ledger.import(&file, &["--dry-run", "--lang", "en"]);
    let text = stdout(&out);
    // Issue 14: a row whose only problem is one optional cell (the phone)
    // is added without it, and the problem is still told on its row.
    assert!(text.contains("To add: 2 households (rows 2-3)"), "{text}");
    assert!(
        text.contains("Imported with warnings: 1 rows\n  Row 3: Phone: is not a Vietnamese phone number"),
        "{text}"
    );
    assert!(text.contains("Dry run: nothing was written."), "{text}");
    assert!(!stderr(&out).contains("refused"), "{}", stderr(&out));
}

#[test]
fn a_real_run_writes_once_and_the_same_file_again_changes_nothing() {
    let ledger = Ledger::new();
    let file = ledger.file("ho.csv");
    write_csv(&file, &good_rows(), ",", Encoding::Utf8Bom);
    let first = ledger.import(&file, &[]);
    let text = stdout(&first);
    assert_eq!(first.status.code(), Some(0), "{text}{}", stderr(&first));
    assert!(text.contains("Đã thêm mới: 3 hộ (dòng 2-4)") && text.contains("Đã lưu vào sổ."), "{text}");
    let (audit, commitments) = {
        let store = ledger.open();
        let entries = store.recent_audit(usize::MAX).unwrap();
        let import_group = entries[0].group;
        let in_group = entries.iter().filter(|e| e.group == import_group).count();
        assert_eq!(in_group, 5, "3 households and 2 commitments in one audit group");
        (entries.len(), store.count::<Commitment>())
    };
    let again = ledger.import(&file, &[]);
    let text = stdout(&again);
    assert_eq!(again.status.code(), Some(0), "{text}");
    assert!(text.contains("Không đổi: 3 hộ (dòng 2-4)"), "{text}");
    assert!(text.contains("Không có gì cần ghi: sổ đã khớp với tệp."), "{text}");
    let store = ledger.open();
    assert_eq!(audit_len(&store), audit, "the second run wrote nothing");
    assert_eq!(store.count::<Commitment>(), commitments);
    assert_eq!(stored(&store), expected());
}

#[test]
fn an_updated_file_updates_by_household_code() {
    let ledger = Ledger::new();
    let file = ledger.file("ho.csv");
    write_csv(&file, &good_rows(), ",", Encoding::Utf8);
    assert_eq!(ledger.import(&file, &[]).status.code(), Some(0));
    let mut rows = good_rows();
    rows[1][5] = "6";
    rows[2][7] = "20/01/2026";
    write_csv(&file, &rows, ",", Encoding::Utf8);
    let out = ledger.import(&file, &[]);
    let text = stdout(&out);
    assert!(text.contains("Đã cập nhật: 2 hộ (dòng 2-3)"), "{text}");
    assert!(text.contains("  Dòng 2 (T01-0001): Số nhân khẩu"), "{text}");
    assert!(text.contains("  Dòng 3 (T01-0002): Ngày ký cam kết"), "{text}");
    assert!(text.contains("Không đổi: 1 hộ (dòng 4)"), "{text}");
    let store = ledger.open();
    let h = store.household_by_code("T01-0001").unwrap().unwrap();
    assert_eq!(h.members, 6);
    let second = store.household_by_code("T01-0002").unwrap().unwrap();
    assert_eq!(store.commitment_for(second.id, 2026).unwrap().unwrap().date.to_string(), "2026-01-20");
}

#[test]
fn refused_rows_go_to_a_file_beside_the_input_that_imports_once_fixed() {
    let ledger = Ledger::new();
    let file = ledger.file("danh sách.csv");
    let mut rows = good_rows();
    rows.push(vec!["4", "T02-0002", "Đỗ Văn Hải", "Tây", "1970", "4 người", "", ""]);
    rows.push(vec!["5", "T02-0003", "Bùi Thị Gấm", "", "1980", "2", "", ""]);
    write_csv(&file, &rows, ";", Encoding::Utf8Bom);
    let out = ledger.import(&file, &[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("Đã thêm mới: 3 hộ"), "the valid rows are written: {text}");
    let rejects = ledger.file("danh sách-loi.csv");
    assert!(text.contains(s(&rejects)), "{text}");
    let bytes = std::fs::read(&rejects).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM for Excel");
    let content = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = content.lines().collect();
    assert_eq!(lines[0], "STT;Mã hộ;Họ tên chủ hộ;Thôn;Năm sinh;Số khẩu;Số điện thoại;Ngày ký cam kết;Lỗi khi nhập");
    assert_eq!(lines[1], "4;T02-0002;Đỗ Văn Hải;Tây;1970;4 người;;;Dòng 5: Số nhân khẩu: phải là một số");
    assert_eq!(lines[2], "5;T02-0003;Bùi Thị Gấm;;1980;2;;;Dòng 6: Thôn/tổ dân phố: không được để trống");
    assert_eq!(lines.len(), 3);

    let fixed = content.replace("4 người", "4").replace("Gấm;;1980", "Gấm;Tây;1980");
    std::fs::write(&rejects, [b"\xEF\xBB\xBF".as_slice(), fixed.as_bytes()].concat()).unwrap();
    let again = ledger.import(&rejects, &[]);
    assert_eq!(again.status.code(), Some(0), "{}{}", stdout(&again), stderr(&again));
    assert!(stdout(&again).contains("Cột bỏ qua: STT, Lỗi khi nhập"), "{}", stdout(&again));
    assert_eq!(ledger.open().count::<Household>(), 5);
}

#[test]
fn hamlets_the_ledger_lacks_are_refused_unless_the_clerk_asks() {
    let ledger = Ledger::new();
    let file = ledger.file("ho.csv");
    let mut rows = good_rows();
    rows.push(vec!["4", "T03-0001", "Ngô Văn Khải", "Ấp Mỹ Lợi", "", "2", "", ""]);
    rows.push(vec!["5", "T04-0001", "Lý Thị Lan", "Tổ dân phố 3", "", "2", "", ""]);
    write_csv(&file, &rows, ",", Encoding::Utf8);
    let refused = ledger.import(&file, &[]);
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    assert!(
        err.contains("Chưa nhập gì: 2 thôn trong tệp chưa có trong sổ: Ấp Mỹ Lợi (A-MY-LOI), Tổ dân phố 3 (TDP-3)"),
        "{err}"
    );
    assert_eq!(ledger.open().count::<Household>(), 0, "nothing was written");

    let dry = ledger.import(&file, &["--dry-run"]);
    assert!(stdout(&dry).contains("Thôn chưa có trong sổ (2): Ấp Mỹ Lợi (A-MY-LOI), Tổ dân phố 3 (TDP-3)"));
    assert!(stdout(&dry).contains("--create-hamlets"));

    let created = ledger.import(&file, &["--create-hamlets"]);
    assert_eq!(created.status.code(), Some(0), "{}{}", stdout(&created), stderr(&created));
    assert!(stdout(&created).contains("Đã tạo thôn mới (2)"));
    let store = ledger.open();
    let my_loi = store.hamlet_by_code("A-MY-LOI").unwrap().unwrap();
    assert_eq!((my_loi.name.as_str(), my_loi.kind), ("Mỹ Lợi", soxa::domain::HamletKind::Ap));
    assert_eq!(store.household_by_code("T03-0001").unwrap().unwrap().hamlet, my_loi.id);
    assert_eq!(store.count::<Household>(), 5);
}

#[test]
fn a_workbook_with_a_title_date_cells_and_numbers_excel_mangled() {
    let ledger = Ledger::new();
    let file = ledger.file("ho.xlsx");
    let header =
        ["Mã hộ", "Họ và tên chủ hộ", "Thôn", "CCCD", "SĐT", "Số nhân khẩu", "Ngày ký cam kết", "Sinh sống từ ngày"];
    let mut rows: Vec<Vec<X>> = vec![header.iter().map(|h| X::T(h)).collect()];
    rows.push(vec![
        X::T("T01-0001"),
        X::T("Nguyễn Văn Đức"),
        X::T("Thôn Đông"),
        X::N(1_068_001_234.0),
        X::N(912_345_678.0),
        X::N(4.0),
        X::D(2026, 2, 15),
        X::T("01/06/1995"),
    ]);
    rows.push(vec![
        X::T("T02-0001"),
        X::T("Phạm Ngọc Đoàn"),
        X::T("T02"),
        X::Blank,
        X::Blank,
        X::N(2.0),
        X::N(46_072.0),
        X::Blank,
    ]);
    rows.push(vec![
        X::T("T02-0002"),
        X::T("Lê Văn Sai"),
        X::T("Tây"),
        X::T("123"),
        X::Blank,
        X::N(2.0),
        X::Blank,
        X::Blank,
    ]);
    write_xlsx(&file, &rows);
    let out = ledger.import(&file, &[]);
    let text = stdout(&out);
    assert!(text.contains("Tệp: ho.xlsx (trang tính \"Danh sách hộ\"), dòng tiêu đề 3"), "{text}");
    // Issue 14: the row whose only problem is its ID number is added
    // without it, and the problem is still told on its row.
    assert!(text.contains("Đã thêm mới: 3 hộ (dòng 4-6)"), "{text}");
    assert!(text.contains("  Dòng 6: Số CCCD: phải gồm đúng 12 chữ số"), "{text}");
    let store = ledger.open();
    let h = store.household_by_code("T01-0001").unwrap().unwrap();
    assert_eq!(h.national_id.as_deref(), Some("001068001234"), "Excel's lost zeros are put back");
    assert_eq!(h.phone.as_deref(), Some("0912345678"));
    assert_eq!(h.living_since.map(|d| d.to_string()).as_deref(), Some("1995-06-01"));
    let c = store.commitment_for(h.id, 2026).unwrap().unwrap();
    assert_eq!(c.date.to_string(), "2026-02-15");
    let other = store.household_by_code("T02-0001").unwrap().unwrap();
    assert_eq!(store.commitment_for(other.id, 2026).unwrap().unwrap().date.to_string(), "2026-02-19");
    let without_id = store.household_by_code("T02-0002").unwrap().unwrap();
    assert_eq!(without_id.national_id, None, "the bad ID number is left out");
}

#[test]
fn files_it_cannot_use_are_refused_in_one_sentence() {
    let ledger = Ledger::new();
    let missing = ledger.file("không có.csv");
    let out = ledger.import(&missing, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Không đọc được tệp"), "{}", stderr(&out));
    let file = ledger.file("ho.csv");
    write_csv(&file, &[vec!["Họ tên chủ hộ", "Số khẩu"], vec!["An", "3"]], ",", Encoding::Utf8);
    let out = ledger.import(&file, &[]);
    assert!(stderr(&out).contains("Tệp thiếu cột bắt buộc: Mã hộ, Thôn/tổ dân phố."), "{}", stderr(&out));
    write_csv(&file, &[vec!["a", "b"], vec!["1", "2"]], ",", Encoding::Utf8);
    let out = ledger.import(&file, &[]);
    assert!(stderr(&out).contains("Không tìm thấy dòng tiêu đề"), "{}", stderr(&out));
    let fake = ledger.file("hỏng.xlsx");
    std::fs::write(&fake, b"not a workbook").unwrap();
    let out = ledger.import(&fake, &[]);
    assert!(stderr(&out).contains("Không đọc được bảng tính"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
    assert_eq!(ledger.open().count::<Household>(), 0);
}

/// The process is killed (as by a power cut) after the first chunks of a
/// large import are written: opening the ledger again undoes them, so the
/// import left nothing. (A store error inside a chunk is tested in
/// `store::bulk`; the kill covers what a test cannot inject there.)
#[test]
fn an_import_cut_short_leaves_nothing() {
    use std::io::{BufRead, BufReader};
    let ledger = Ledger::new();
    let file = ledger.file("lon.csv");
    let mut text = String::from("Mã hộ,Họ tên chủ hộ,Thôn,Số khẩu,Ngày ký cam kết\n");
    for i in 0..15_000 {
        text.push_str(&format!("T01-{i:05},Nguyễn Văn An,Đông,3,15/02/2026\n"));
    }
    std::fs::write(&file, text).unwrap();
    let db = ledger.db();
    let mut child = crate::common::soxa_cmd(&["import", "households", s(&file), "--db", s(&db)])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut progress = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    progress.read_line(&mut first).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(first.starts_with("Đang ghi ") && !first.contains("30.000/30.000"), "killed mid-import: {first}");
    let check = soxa_when_free(&["check", "--db", s(&db)]);
    assert_eq!(check.status.code(), Some(0), "{}{}", stdout(&check), stderr(&check));
    let store = ledger.open();
    assert_eq!(store.count::<Household>(), 0, "the chunks written before the kill were undone");
    assert_eq!(store.count::<Commitment>(), 0);
    assert_eq!(store.count::<Hamlet>(), 2);
}
