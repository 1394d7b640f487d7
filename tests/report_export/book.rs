//! `soxa report book`: a mediation team's book for a year, from the real
//! executable, read back with calamine. Its header is the Ministry of
//! Justice's nine columns, and its rows are exactly the team's cases of that
//! year, in the order received. The Mediation screen's `b` writes the same.
//! The book names the parties, so it is written inside a ZIP locked with a
//! passphrase (issue 15): `sheet` opens it with the tests' passphrase.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, Xlsx};
use soxa::domain::{CaseStatus, Lang, MediationCase, Role, Team, TeamKind};
use soxa::report;

use crate::common::tui::Tui;

use crate::common::{
    TestDb, ZIP_PASS, case, commune, hamlet, member, soxa, soxa_input, stderr, stdout, team, unlock, ymd, zip_of,
};

const HEADER_VI: [&str; 9] = [
    "STT",
    "Ngày, tháng, năm tiếp nhận",
    "Hòa giải viên và người được mời",
    "Họ tên, tuổi, địa chỉ các bên",
    "Nội dung chính của vụ việc",
    "Thỏa thuận đạt được hoặc yêu cầu của các bên",
    "Kết quả hòa giải (thành / không thành)",
    "Chữ ký",
    "Ghi chú",
];

/// Two hamlets, each with its mediation team; cases of both teams, in 2025
/// and 2026. Returns the case numbers expected in the book of T01's team for
/// 2026, in order, with the result each should show.
fn ledger(db: &TestDb) -> Vec<(String, &'static str)> {
    let s = &db.store;
    s.save_commune(commune()).unwrap();
    let dong = s.insert(hamlet("T01", "Đông")).unwrap();
    let tay = s.insert(hamlet("T02", "Tây")).unwrap();
    let a = s.insert(team("Tổ hòa giải thôn Đông", TeamKind::Mediation, Some(dong.id))).unwrap();
    let b = s.insert(team("Tổ hòa giải thôn Tây", TeamKind::Mediation, Some(tay.id))).unwrap();
    let hoa = s.insert(member(a.id, "Nguyễn Thị Hoa", Role::Leader)).unwrap();
    let tam = s.insert(member(a.id, "Lê Văn Tâm", Role::Mediator)).unwrap();
    let west = s.insert(member(b.id, "Phạm Văn Tây", Role::Mediator)).unwrap();
    let add = |hamlet: u64, day: (i32, u32, u32), mediators: Vec<u64>, end: Option<CaseStatus>| {
        let mut c = case(hamlet, ymd(day.0, day.1, day.2), "Trần Văn Bình", "Đỗ Thị Mai");
        c.mediators = mediators;
        if let Some(status) = end {
            c.move_to(CaseStatus::InProgress, ymd(day.0, day.1, day.2), "").unwrap();
            c.move_to(status, ymd(day.0, day.1, day.2 + 5), "").unwrap();
            c.agreement = "Hai bên thống nhất cắm lại mốc ranh giới".into();
        }
        s.insert(c).unwrap().number()
    };
    let first = add(dong.id, (2026, 3, 5), vec![hoa.id, tam.id], Some(CaseStatus::Successful));
    let second = add(dong.id, (2026, 6, 10), vec![hoa.id], Some(CaseStatus::Unsuccessful));
    // No mediator yet: the book of its hamlet's team.
    let third = add(dong.id, (2026, 9, 1), vec![], None);
    // In the other hamlet, but taken by this team's mediator.
    let earliest = add(tay.id, (2026, 2, 1), vec![tam.id], Some(CaseStatus::Successful));
    add(tay.id, (2026, 4, 1), vec![west.id], Some(CaseStatus::Successful));
    add(dong.id, (2025, 12, 20), vec![hoa.id], Some(CaseStatus::Successful));
    vec![(earliest, "Thành"), (first, "Thành"), (second, "Không thành"), (third, "")]
}

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    soxa(&all)
}

/// `run`, giving the book's passphrase on standard input.
fn run_locked(db: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    soxa_input(&all, &format!("{ZIP_PASS}\n"))
}

/// The sheet `name` of the book asked at `path`: the one workbook inside
/// the locked `path`.zip, named as asked.
fn sheet(path: &Path, name: &str) -> Range<Data> {
    assert!(!path.exists(), "no book in clear at {}", path.display());
    let mut inside = unlock(&zip_of(path), ZIP_PASS);
    assert_eq!(inside.len(), 1);
    let (entry, bytes) = inside.remove(0);
    assert_eq!(Some(entry.as_str()), path.file_name().and_then(|n| n.to_str()));
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    book.worksheet_range(name).unwrap()
}

/// A date cell as `yyyy-mm-dd` (calamine's chrono feature is off).
fn date(cell: &Data) -> String {
    let Data::DateTime(d) = cell else { panic!("not a date: {cell:?}") };
    let days = d.as_f64() as u64;
    (ymd(1899, 12, 30) + chrono::Days::new(days)).to_string()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not text: {other:?}"),
    }
}

#[test]
fn the_book_lists_the_teams_cases_of_the_year_under_the_ministrys_header() {
    let db = TestDb::new();
    let want = ledger(&db);
    let path = db.path();
    drop(db.store);
    let file = db.tmp.path().join("so.xlsx");
    let out = run_locked(&path, &["report", "book", "--team", "T01", "--year", "2026", "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Tổ hòa giải thôn Đông 2026") && stdout(&out).contains("(4 vụ việc)"),
        "{}",
        stdout(&out)
    );

    let ws = sheet(&file, "Sổ hòa giải");
    let rows: Vec<&[Data]> = ws.rows().collect();
    let title =
        rows.iter().position(|r| r.first() == Some(&Data::String("SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ".into())));
    assert!(title.is_some(), "the form's title");
    assert!(rows.iter().any(|r| r.first() == Some(&Data::String("Năm 2026".into()))));
    assert!(rows.iter().any(|r| r.first() == Some(&Data::String("ỦY BAN NHÂN DÂN XÃ NHẤT TIẾN".into()))));
    assert!(rows.iter().any(|r| r.first() == Some(&Data::String("TỔ HÒA GIẢI THÔN ĐÔNG".into()))));
    let header = rows.iter().position(|r| r.first() == Some(&Data::String("STT".into()))).unwrap();
    let got: Vec<String> = rows[header].iter().map(text).collect();
    assert_eq!(got, HEADER_VI);
    let numbers: Vec<String> = rows[header + 1].iter().map(text).collect();
    assert_eq!(numbers, (1..=9).map(|n| format!("({n})")).collect::<Vec<_>>());

    let lines = &rows[header + 2..];
    assert_eq!(lines.len(), want.len(), "one line per case of the team received in 2026");
    for (i, (line, (number, result))) in lines.iter().zip(&want).enumerate() {
        assert_eq!(line[0], Data::Float((i + 1) as f64), "STT");
        assert!(matches!(line[1], Data::DateTime(_)), "a real date: {:?}", line[1]);
        assert!(text(&line[3]).contains("Trần Văn Bình, 52 tuổi, Thôn Đông, xã Nhất Tiến"), "{:?}", line[3]);
        assert!(text(&line[3]).contains("Đỗ Thị Mai"));
        assert_eq!(text(&line[4]), "Tranh chấp ranh giới đất vườn giữa hai hộ liền kề");
        assert_eq!(text(&line[6]), *result);
        assert_eq!(line[7], Data::Empty, "the signature column is left to sign");
        assert!(text(&line[8]).starts_with(&format!("Số {number}")), "{:?}", line[8]);
    }
    let dates: Vec<String> = lines.iter().map(|l| date(&l[1])).collect();
    assert_eq!(dates, ["2026-02-01", "2026-03-05", "2026-06-10", "2026-09-01"]);
    assert_eq!(text(&lines[1][2]), "Hòa giải viên: Nguyễn Thị Hoa, Lê Văn Tâm");
    assert_eq!(text(&lines[1][5]), "Hai bên thống nhất cắm lại mốc ranh giới");
    assert_eq!(text(&lines[3][2]), "", "no mediator yet");
    assert!(text(&lines[3][8]).contains("Mới tiếp nhận"), "a case without a result says its status");
}

#[test]
fn the_book_speaks_english_and_finds_the_team_by_name() {
    let db = TestDb::new();
    ledger(&db);
    let path = db.path();
    drop(db.store);
    let file = db.tmp.path().join("book.xlsx");
    let args = ["report", "book", "--team", "hoa giai thon tay", "--year", "2026", "-o", file.to_str().unwrap()];
    let mut en = args.to_vec();
    en.extend(["--lang", "en"]);
    let out = run_locked(&path, &en);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ws = sheet(&file, "Mediation book");
    let rows: Vec<&[Data]> = ws.rows().collect();
    let header = rows.iter().position(|r| r.first() == Some(&Data::String("No.".into()))).unwrap();
    assert_eq!(text(&rows[header][6]), "Result (successful / unsuccessful)");
    assert_eq!(rows.len() - header - 2, 1, "the other team's one case of 2026");
    assert_eq!(text(&rows[header + 2][6]), "Successful");
}

#[test]
fn an_unknown_team_a_ledger_folder_and_an_existing_file_are_refused() {
    let db = TestDb::new();
    ledger(&db);
    let path = db.path();
    drop(db.store);
    let unknown = run(&path, &["report", "book", "--team", "T09", "--lang", "en"]);
    assert_eq!(unknown.status.code(), Some(1));
    let said = stderr(&unknown);
    assert!(said.contains("No mediation team is \"T09\"") && said.contains("Tổ hòa giải thôn Tây"), "{said}");
    assert_eq!(said.trim().lines().count(), 1);

    let inside = path.join("so.xlsx");
    let out = run(&path, &["report", "book", "--team", "T01", "-o", inside.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!inside.exists(), "nothing written inside the ledger");

    // The file the book goes to is the locked ZIP, so.xlsx.zip.
    let file = db.tmp.path().join("so.xlsx");
    std::fs::write(zip_of(&file), "old").unwrap();
    let out = run(&path, &["report", "book", "--team", "T01", "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(std::fs::read(zip_of(&file)).unwrap(), b"old");
    let out = run_locked(&path, &["report", "book", "--team", "T01", "-o", file.to_str().unwrap(), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Without `book`, `soxa report` still wants its period.
    let out = run(&path, &["report"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn b_on_the_mediation_screen_writes_the_selected_cases_team_book() {
    let out = tempfile::tempdir().unwrap();
    let mut tui = Tui::demo(Lang::Vi);
    tui.app.mediation.set_book_folder(out.path().to_path_buf(), true);
    tui.press("4");
    // The newest case is selected: the book of its team, for its year.
    let store = tui.store();
    let newest = store.all::<MediationCase>().unwrap().into_iter().max_by_key(|c| (c.year, c.seq)).unwrap();
    let team_id = report::book::team_of_case(store, &newest).unwrap().unwrap();
    let team = store.get::<Team>(team_id).unwrap().unwrap();
    let book = report::book::Book::load(store, &team, newest.year, Lang::Vi).unwrap();
    assert!(!book.entries.is_empty());
    tui.press("b");
    let screen = tui.text(100, 30);
    assert!(screen.contains("Sổ theo dõi hoạt động hòa giải ở cơ sở"), "{screen}");
    assert!(screen.contains(&format!("◂ {} ▸", team.name)), "{screen}");
    assert!(screen.contains(&format!("▴{}▾", newest.year)), "{screen}");
    tui.press("<up>");
    assert!(tui.text(100, 30).contains(&format!("▴{}▾", newest.year)), "no book for a year to come");
    // Enter steps to the passphrase and its repeat (issue 15), then writes
    // the book locked: so-hoa-giai-….xlsx.zip.
    tui.press(&format!("<enter>{ZIP_PASS}<enter>{ZIP_PASS}<enter>"));
    let asked = out.path().join(report::book::default_file_name(&team, newest.year, Lang::Vi));
    let file = zip_of(&asked);
    assert!(file.is_file(), "{}", tui.text(100, 30));
    let status = tui.app.status.clone().unwrap().0;
    let locked = "Tệp nén đã khóa bằng mật khẩu (AES-256): mở bằng 7-Zip hoặc WinRAR với mật khẩu vừa đặt.";
    assert_eq!(status, format!("Đã xuất: {} ({} vụ việc). {locked}", file.display(), book.entries.len()));
    assert!(!tui.text(100, 30).contains("Sổ theo dõi hoạt động"), "the dialog closed");

    let ws = sheet(&asked, "Sổ hòa giải");
    let rows: Vec<&[Data]> = ws.rows().collect();
    let header = rows.iter().position(|r| r.first() == Some(&Data::String("STT".into()))).unwrap();
    let notes: Vec<String> = rows[header + 2..].iter().map(|r| text(&r[8])).collect();
    let want: Vec<String> = book.entries.iter().map(|e| e.notes.clone()).collect();
    assert_eq!(notes, want, "the rows are the team's cases of the year");

    // The year before, then again: the second time asks before replacing.
    let typed = format!("b<down><enter>{ZIP_PASS}<enter>{ZIP_PASS}<enter>");
    tui.press(&typed);
    let before = zip_of(&out.path().join(report::book::default_file_name(&team, newest.year - 1, Lang::Vi)));
    assert!(before.is_file());
    tui.press(&typed);
    assert!(tui.text(100, 30).contains("Tệp này đã có"));
    tui.press("<esc>");
    assert!(!tui.text(100, 30).contains("Sổ theo dõi hoạt động"));

    // Tab steps to the next team, in name order.
    let teams = report::book::mediation_teams(tui.store()).unwrap();
    let at = teams.iter().position(|t| t.id == team.id).unwrap();
    tui.press("b<tab>");
    let next = &teams[(at + 1) % teams.len()];
    assert!(tui.text(100, 30).contains(&format!("◂ {} ▸", next.name)));

    // Never inside the ledger's folder: refused in the dialog, nothing written.
    let inside = tui.store().dir().join("so.xlsx");
    for _ in 0..200 {
        tui.press("<bs>");
    }
    tui.press(&format!("{}<enter>", inside.display()));
    assert!(tui.text(100, 30).contains("nằm trong thư mục sổ"), "{}", tui.text(100, 30));
    assert!(!inside.exists());
}

#[test]
fn the_book_dialog_snapshot() {
    let mut tui = Tui::at(Lang::Vi, 80, 24);
    tui.app.mediation.set_book_folder(PathBuf::from("/home/can-bo/Documents"), true);
    tui.press("4b");
    let terminal = tui.draw(80, 24);
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("tui_mediation_book_80x24", terminal.backend());
    });
}

#[test]
fn a_team_typed_with_terminal_codes_is_answered_without_them() {
    let db = TestDb::new();
    ledger(&db);
    let path = db.path();
    drop(db.store);
    let out = run(&path, &["report", "book", "--team", "\u{1b}[2JT09\u{7}", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let said = stderr(&out);
    assert!(!said.contains('\u{1b}') && !said.contains('\u{7}'), "{said:?}");
    assert!(said.contains("No mediation team is \"[2JT09\""), "{said}");
}
