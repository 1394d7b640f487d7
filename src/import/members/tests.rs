use super::*;
use crate::domain::{Commune, Gender, HamletKind, Lang, Role, TeamKind};
use crate::import::sheet::Origin;
use crate::import::words::reasons;
use crate::store::{Clock, OpenOptions};
use chrono::Datelike;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Two hamlets, a mediation team of the same name in each, a commune-wide
/// security team with one member.
fn ledger(dir: &tempfile::TempDir) -> (Store, Member) {
    let mut store = Store::open(&dir.path().join("db"), &OpenOptions::default()).unwrap();
    store.set_clock(Clock::Fixed(ymd(2026, 11, 23).and_hms_opt(9, 0, 0).unwrap()));
    store.save_commune(Commune::new("Xã Nhất Tiến", "Hưng Yên")).unwrap();
    let dong = store.insert(Hamlet::new("T01", "Đông", HamletKind::Thon)).unwrap();
    let tay = store.insert(Hamlet::new("T02", "Tây", HamletKind::Thon)).unwrap();
    for hamlet in [dong.id, tay.id] {
        store.insert(Team::new("Tổ hòa giải", TeamKind::Mediation, Some(hamlet))).unwrap();
    }
    let security = store.insert(Team::new("Tổ bảo vệ ANTT xã", TeamKind::Security, None)).unwrap();
    let member = store.insert(Member::new(security.id, "Nguyễn Văn An", Role::Member, ymd(2022, 1, 10))).unwrap();
    (store, member)
}

const HEADINGS: [&str; 7] = ["Tổ/đội", "Thôn", "Họ và tên", "Chức danh", "Giới tính", "Năm sinh", "Ngày tham gia"];

fn planned(store: &Store, rows: &[[&str; 7]]) -> Plan<Member> {
    let mut all = vec![Row { number: 1, cells: HEADINGS.iter().map(|c| Cell::text(c)).collect() }];
    for (i, r) in rows.iter().enumerate() {
        all.push(Row { number: i + 2, cells: r.iter().map(|c| Cell::text(c)).collect() });
    }
    let header = Header::find(Kind::Members, &all).unwrap();
    plan(store, Sheet { origin: Origin::Workbook { sheet: "x".into() }, rows: all }, header).unwrap()
}

#[test]
fn members_are_matched_by_team_name_and_joining_date() {
    let dir = tempfile::tempdir().unwrap();
    let (store, stored) = ledger(&dir);
    let p = planned(
        &store,
        &[
            ["to bao ve antt xa", "", "NGUYỄN VĂN AN", "Tổ trưởng", "Nam", "", "10/01/2022"],
            ["Tổ hòa giải", "Đông", "Lê Thị Hoa", "Hòa giải viên", "Nữ", "1975", "01/03/2023"],
            ["Tổ bảo vệ ANTT xã", "", "Nguyễn Văn An", "", "", "", "05/05/2025"],
        ],
    );
    assert!(p.rejected.is_empty(), "{:?}", p.rejected);
    assert_eq!(p.updates.len(), 1);
    let u = &p.updates[0];
    assert_eq!((u.record.id, u.record.role, u.record.gender), (stored.id, Role::Leader, Some(Gender::Male)));
    assert_eq!(u.changed, vec![Field::FullName, Field::Role, Field::Gender]);
    let new = &p.creates[0].record;
    let dong = store.hamlet_by_code("T01").unwrap().unwrap();
    let team = store.get::<Team>(new.team).unwrap().unwrap();
    assert_eq!(team.hamlet, Some(dong.id), "the hamlet column tells the two teams apart");
    assert_eq!((new.role, new.birth_date), (Role::Mediator, Some(ymd(1975, 1, 1))));
    assert_eq!(p.creates[1].record.joined, ymd(2025, 5, 5), "rejoining is a new stint");
}

#[test]
fn bad_rows_are_refused_each_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = ledger(&dir);
    let p = planned(
        &store,
        &[
            ["Tổ hòa giải", "", "Trần Văn Bình", "", "", "", "01/03/2023"],
            ["Tổ không có", "", "Lê Văn Cường", "", "", "", "01/03/2023"],
            ["Tổ hòa giải", "Tây", "Phạm Văn Dũng", "", "", "", ""],
            ["Tổ hòa giải", "Tây", "Vũ Thị Em", "Bí thư", "không rõ", "1975", "01/01/2024"],
            ["Tổ hòa giải", "Tây", "", "", "", "30/02/1980", "01/01/2024"],
            ["Tổ hòa giải", "Tây", "Đỗ Văn Giang", "", "", "", "01/01/2024"],
            ["Tổ hòa giải", "tay", "do van giang", "", "", "", "01/01/2024"],
        ],
    );
    let got: Vec<(usize, String)> = p.rejected.iter().map(|r| (r.row, reasons(Lang::Vi, &r.reasons))).collect();
    assert_eq!(
        got,
        vec![
            (2, "Tổ/đội: có nhiều tổ/đội cùng tên, hãy ghi rõ thôn".into()),
            (3, "Tổ/đội: không có trong sổ".into()),
            (4, "Ngày tham gia: không được để trống".into()),
            (
                5,
                "Chức danh: không rõ (ghi Tổ trưởng, Tổ phó, Tổ viên hoặc Hòa giải viên); Giới tính: không rõ (ghi Nam hoặc Nữ)"
                    .into()
            ),
            (6, "Ngày sinh: tháng 2/1980 không có ngày 30 (chỉ có 29 ngày); Họ và tên: không được để trống".into()),
            (8, "Họ và tên: trùng với dòng 7".into()),
        ]
    );
    assert_eq!(p.creates.len(), 1);
}

#[test]
fn a_roster_reads_its_kind_and_training_years_and_tells_namesakes_by_birth_year() {
    let dir = tempfile::tempdir().unwrap();
    let (store, stored) = ledger(&dir);
    let titles = ["Tổ/đội", "Loại tổ", "Họ và tên", "Năm sinh", "Ngày tham gia", "Năm tập huấn"];
    let rows: [[&str; 6]; 4] = [
        ["Tổ bảo vệ ANTT xã", "Tổ bảo vệ ANTT", "Nguyễn Văn An", "", "10/01/2022", "2023, 2025"],
        ["Tổ bảo vệ ANTT xã", "Tổ bảo vệ ANTT", "Lê Văn Bình", "1970", "01/03/2023", "2024"],
        ["Tổ bảo vệ ANTT xã", "Tổ bảo vệ ANTT", "Lê Văn Bình", "1992", "01/03/2023", "năm ngoái"],
        ["Tổ bảo vệ ANTT xã", "Tổ bảo vệ ANTT", "Lê Văn Bình", "1970", "01/03/2023", ""],
    ];
    let mut all = vec![Row { number: 1, cells: titles.iter().map(|c| Cell::text(c)).collect() }];
    for (i, r) in rows.iter().enumerate() {
        all.push(Row { number: i + 2, cells: r.iter().map(|c| Cell::text(c)).collect() });
    }
    let header = Header::find(Kind::Members, &all).unwrap();
    let sheet = Sheet { origin: Origin::Workbook { sheet: "x".into() }, rows: all };
    let p = plan_roster(&store, sheet, header, true).unwrap();
    let read: Vec<Column> = p.header.found.iter().map(|(c, _)| *c).collect();
    assert!(read.contains(&Column::TeamKind) && read.contains(&Column::TrainedYear), "{read:?}");
    assert!(p.header.ignored.is_empty(), "{:?}", p.header.ignored);
    assert_eq!(p.updates.len(), 1, "{:?} {:?}", p.rejected, p.unchanged);
    assert_eq!(p.updates[0].record.id, stored.id);
    let years: Vec<i32> = p.updates[0].record.trainings.iter().map(|t| t.date.year()).collect();
    assert_eq!(years, [2023, 2025]);
    assert_eq!(p.creates.len(), 2, "namesakes born in 1970 and 1992 are two members");
    assert!(p.creates[1].record.trainings.is_empty(), "the unreadable year is left out");
    let warned: Vec<(usize, String)> =
        p.warnings.iter().map(|w| (w.row, reasons(Lang::Vi, std::slice::from_ref(&w.reason)))).collect();
    assert_eq!(warned.len(), 1);
    assert_eq!(warned[0].0, 4);
    let rejected: Vec<(usize, String)> = p.rejected.iter().map(|r| (r.row, reasons(Lang::Vi, &r.reasons))).collect();
    assert_eq!(rejected, vec![(5, "Họ và tên: trùng với dòng 3".to_string())]);
}
