use super::*;
use crate::domain::period::Period;
use crate::domain::{Commune, HamletKind, Lang};
use crate::import::sheet::Origin;
use crate::import::words::reasons;
use crate::store::{Clock, OpenOptions};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// One hamlet (so every case has it) and a member mediator.
fn ledger(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("db"), &OpenOptions::default()).unwrap();
    store.set_clock(Clock::Fixed(ymd(2026, 11, 23).and_hms_opt(9, 0, 0).unwrap()));
    store.save_commune(Commune::new("Xã Nhất Tiến", "Hưng Yên")).unwrap();
    let dong = store.insert(Hamlet::new("T01", "Đông", HamletKind::Thon)).unwrap();
    let team = store.insert(Team::new("Tổ hòa giải", crate::domain::TeamKind::Mediation, Some(dong.id))).unwrap();
    store.insert(Member::new(team.id, "Lê Thị Hoa", Role::Mediator, ymd(2020, 1, 1))).unwrap();
    store
}

/// A book with a two-row header and a row of column numbers above `rows`.
fn planned(store: &Store, rows: &[[&str; 6]]) -> Plan<MediationCase> {
    let text = |cells: &[&str]| cells.iter().map(|c| Cell::text(c)).collect::<Vec<_>>();
    let mut all = vec![
        Row { number: 1, cells: text(&["SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ"]) },
        Row {
            number: 2, cells: text(&["Ngày tiếp nhận", "Hòa giải viên", "Các bên", "Nội dung", "Kết quả", ""])
        },
        Row { number: 3, cells: text(&["", "", "", "", "Thành", "Không thành"]) },
        Row { number: 4, cells: text(&["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]) },
    ];
    for (i, r) in rows.iter().enumerate() {
        all.push(Row { number: i + 5, cells: text(r) });
    }
    let header = Header::find(Kind::Cases, &all).unwrap();
    plan(store, Sheet { origin: Origin::Workbook { sheet: "x".into() }, rows: all }, header, None).unwrap()
}

#[test]
fn a_two_row_header_its_ticks_and_a_closed_period() {
    let dir = tempfile::tempdir().unwrap();
    let store = ledger(&dir);
    store.close_period(Period::quarter_containing(ymd(2026, 2, 1)), &()).unwrap();
    let p = planned(
        &store,
        &[
            ["05/05/2026", "Lê Thị Hoa", "An Văn Một; Bế Văn Hai", "Tranh chấp đất", "x", ""],
            ["06/05/2026", "lê thị hoa", "Cù Văn Ba; Đàm Văn Bốn", "Nợ tiền", "", "x"],
            ["01/02/2026", "Lê Thị Hoa", "Hà Văn Năm; Kha Văn Sáu", "Lối đi", "x", ""],
        ],
    );
    assert_eq!(p.header.index, 3, "the data starts under the numbers row");
    let statuses: Vec<CaseStatus> = p.creates.iter().map(|c| c.record.status).collect();
    assert_eq!(statuses, [CaseStatus::Successful, CaseStatus::Unsuccessful]);
    assert!(p.creates.iter().all(|c| c.record.mediators.len() == 1), "matched by folded name");
    let refused: Vec<(usize, String)> = p.rejected.iter().map(|r| (r.row, reasons(Lang::Vi, &r.reasons))).collect();
    assert_eq!(refused, vec![(7, "Ngày tiếp nhận: thuộc kỳ đã khóa sổ, không thêm được".to_string())]);
}
