use chrono::NaiveDate;

use super::*;
use crate::domain::{CatalogItem, CommitmentStatus, Commune, HamletKind, Lang};
use crate::import::sheet::Origin;
use crate::import::words::reasons;
use crate::store::{Clock, OpenOptions};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A ledger with one hamlet (T01 Đông) and one household (T01-0001).
fn ledger(dir: &tempfile::TempDir) -> (Store, Household) {
    let mut store = Store::open(&dir.path().join("db"), &OpenOptions::default()).unwrap();
    store.set_clock(Clock::Fixed(ymd(2026, 11, 23).and_hms_opt(9, 0, 0).unwrap()));
    let mut commune = Commune::new("Xã Nhất Tiến", "Hưng Yên");
    commune.catalog = vec![
        CatalogItem { id: 1, text: "Không ma túy".into(), active: true },
        CatalogItem { id: 2, text: "Không pháo nổ".into(), active: true },
    ];
    store.save_commune(commune).unwrap();
    let hamlet = store.insert(Hamlet::new("T01", "Đông", HamletKind::Thon)).unwrap();
    let mut h = Household::new("T01-0001", hamlet.id, "Nguyễn Văn An");
    h.members = 4;
    h.phone = Some("0912345678".into());
    h.head_birth_year = Some(1968);
    let h = store.insert(h).unwrap();
    (store, h)
}

const HEADINGS: [&str; 7] =
    ["Mã hộ", "Họ tên chủ hộ", "Thôn", "Năm sinh", "Số khẩu", "Số điện thoại", "Ngày ký cam kết"];

fn sheet(rows: &[[&str; 7]]) -> (Sheet, Header) {
    let mut all = vec![Row { number: 1, cells: HEADINGS.iter().map(|c| Cell::text(c)).collect() }];
    for (i, r) in rows.iter().enumerate() {
        all.push(Row { number: i + 2, cells: r.iter().map(|c| Cell::text(c)).collect() });
    }
    let header = Header::find(Kind::Households, &all).unwrap();
    (Sheet { origin: Origin::Workbook { sheet: "x".into() }, rows: all }, header)
}

fn planned(store: &Store, rows: &[[&str; 7]]) -> Plan<HouseholdRecord> {
    let (sheet, header) = sheet(rows);
    plan(store, sheet, header).unwrap()
}

/// The Vietnamese reasons of each refused row.
fn refusals(p: &Plan<HouseholdRecord>) -> Vec<(usize, String)> {
    p.rejected.iter().map(|r| (r.row, reasons(Lang::Vi, &r.reasons))).collect()
}

#[test]
fn rows_are_created_updated_or_unchanged_by_household_code() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = ledger(&dir);
    let p = planned(
        &store,
        &[
            ["T01-0001", "Nguyễn Văn An", "Thôn Đông", "1968", "4", "0912 345 678", ""],
            ["t01-0002", "Trần Thị Bình", "Đông", "", "", "", ""],
            ["T01-0003", "Lê Văn Cường", "dong", "1970", "3", "912345679", "15/02/2026"],
        ],
    );
    assert_eq!(p.unchanged, vec![2]);
    assert_eq!(p.creates.iter().map(|c| c.row).collect::<Vec<_>>(), vec![3, 4]);
    let second = &p.creates[0].record.household;
    assert_eq!((second.code.as_str(), second.members, second.phone.as_deref()), ("T01-0002", 1, None));
    let third = &p.creates[1].record;
    assert_eq!(third.household.phone.as_deref(), Some("0912345679"), "Excel's lost 0 is put back");
    let c = third.commitments.first().unwrap();
    assert_eq!((c.year, c.date, c.items.clone()), (2026, ymd(2026, 2, 15), vec![1, 2]));
    assert!(p.rejected.is_empty() && p.updates.is_empty() && p.new_hamlets.is_empty());
}

#[test]
fn an_update_names_what_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (store, stored) = ledger(&dir);
    let p = planned(&store, &[["T01-0001", "Nguyễn Văn An", "Thôn Đông", "1968", "5", "0987654321", "01/03/2026"]]);
    assert_eq!(p.updates.len(), 1);
    let u = &p.updates[0];
    assert_eq!(u.record.household.id, stored.id);
    assert_eq!(u.changed, vec![Field::MemberCount, Field::Phone, Field::CommitmentDate]);
    assert!(u.record.household_changed);
}

#[test]
fn bad_rows_are_refused_each_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = ledger(&dir);
    let p = planned(
        &store,
        &[
            ["", "Phạm Văn Dũng", "Đông", "", "", "", ""],
            ["T01-0010", "", "Đông", "", "", "", ""],
            ["T01-0011", "Hoàng Văn Em", "", "", "", "", ""],
            ["T01-0012", "Vũ Thị Gấm", "Đông", "khoảng 1970", "4 người", "12345", ""],
            ["T01-0013", "Đỗ Văn Hải", "Đông", "1850", "0", "", "31/02/2026"],
            ["T01-0014", "Bùi Văn Ích", "Đông", "", "", "", "01/12/2026"],
            ["t01-0013", "Đỗ Văn Hải", "Đông", "", "", "", ""],
        ],
    );
    assert_eq!(
        refusals(&p),
        vec![
            (2, "Mã hộ: không được để trống".into()),
            (3, "Họ tên chủ hộ: không được để trống".into()),
            (4, "Thôn/tổ dân phố: không được để trống".into()),
            (
                5,
                "Năm sinh chủ hộ: phải là một số; Số nhân khẩu: phải là một số; Số điện thoại: không phải số điện thoại Việt Nam (10-11 chữ số, bắt đầu bằng 0)".into()
            ),
            (
                6,
                "Năm sinh chủ hộ: phải từ 1900 đến 2026; Số nhân khẩu: phải từ 1 đến 60; Ngày ký cam kết: tháng 2/2026 không có ngày 31 (chỉ có 28 ngày)".into()
            ),
            (7, "Ngày ký cam kết: không được sau ngày hôm nay".into()),
            (8, "Mã hộ: trùng với dòng 6".into()),
        ]
    );
    assert!(p.creates.is_empty() && p.updates.is_empty());
    assert_eq!(p.rejected[0].cells[1], "Phạm Văn Dũng", "the row is kept as the file had it");
}

#[test]
fn hamlets_the_ledger_lacks_are_planned_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = ledger(&dir);
    let p = planned(
        &store,
        &[["T02-0001", "Ngô Văn Khải", "Thôn Tây", "", "", "", ""], ["T02-0002", "Lý Thị Lan", "Tây", "", "", "", ""]],
    );
    assert_eq!(p.new_hamlets.len(), 1);
    assert_eq!(p.new_hamlets[0].display_name(), "Thôn Tây");
    assert!(p.creates.iter().all(|c| c.record.hamlet == HamletRef::New(0)));
}

#[test]
fn the_same_signed_commitment_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (store, stored) = ledger(&dir);
    store.insert(Commitment::signed(stored.id, 2026, ymd(2026, 2, 15), vec![1])).unwrap();
    let row = ["T01-0001", "Nguyễn Văn An", "Đông", "1968", "4", "0912345678", "15/02/2026"];
    assert_eq!(planned(&store, &[row]).unchanged, vec![2]);
    let later = ["T01-0001", "Nguyễn Văn An", "Đông", "1968", "4", "0912345678", "16/02/2026"];
    let p = planned(&store, &[later]);
    assert_eq!(p.updates[0].changed, vec![Field::CommitmentDate]);
    assert!(!p.updates[0].record.household_changed);
    let c = p.updates[0].record.commitments.first().unwrap();
    assert_eq!((c.date, c.items.clone()), (ymd(2026, 2, 16), vec![1]), "its items are kept");
}

/// Plans rows under any headings.
fn planned_with(store: &Store, headings: &[&str], rows: &[&[&str]]) -> Plan<HouseholdRecord> {
    let cells = |r: &[&str]| r.iter().map(|c| Cell::text(c)).collect();
    let mut all = vec![Row { number: 1, cells: cells(headings) }];
    all.extend(rows.iter().enumerate().map(|(i, r)| Row { number: i + 2, cells: cells(r) }));
    let header = Header::find(Kind::Households, &all).unwrap();
    plan(store, Sheet { origin: Origin::Workbook { sheet: "x".into() }, rows: all }, header).unwrap()
}

/// (year, status, date, reason) of every commitment the plan writes.
fn asked(p: &Plan<HouseholdRecord>) -> Vec<(String, u16, CommitmentStatus, NaiveDate, String)> {
    let all = p.creates.iter().chain(&p.updates);
    all.flat_map(|c| {
        c.record
            .commitments
            .iter()
            .map(|k| (c.record.household.code.clone(), k.year, k.status, k.date, k.reason.clone()))
    })
    .collect()
}

const WIDE: [&str; 7] =
    ["Mã hộ", "Họ tên chủ hộ", "Thôn", "Năm 2024", "NAM 2025", "Ly do tu choi 2025", "Cam kết 2026"];

#[test]
fn three_years_in_one_sheet_are_three_commitments_each() {
    use CommitmentStatus::{Absent, Refused, Signed};
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = ledger(&dir);
    let rows: [&[&str]; 2] = [
        &["T01-0001", "Nguyễn Văn An", "Đông", "12/03/2024", "15/02/2025", "", "x"],
        &["T01-0002", "Trần Thị Bình", "Đông", "x", "từ chối", "Không đồng ý", "vắng mặt"],
    ];
    let p = planned_with(&store, &WIDE, &rows);
    assert!(p.rejected.is_empty(), "{:?}", p.rejected);
    assert_eq!((p.creates.len(), p.updates.len()), (1, 1), "T01-0001 is in the ledger");
    assert_eq!(p.years, vec![2024, 2025, 2026]);
    assert!(p.header.ignored.is_empty(), "{:?}", p.header.ignored);
    let jan = |y| ymd(y, 1, 1);
    assert_eq!(
        asked(&p),
        vec![
            ("T01-0002".into(), 2024, Signed, jan(2024), String::new()),
            ("T01-0002".into(), 2025, Refused, jan(2025), "Không đồng ý".into()),
            ("T01-0002".into(), 2026, Absent, jan(2026), "Theo sổ cũ".into()),
            ("T01-0001".into(), 2024, Signed, ymd(2024, 3, 12), String::new()),
            ("T01-0001".into(), 2025, Signed, ymd(2025, 2, 15), String::new()),
            ("T01-0001".into(), 2026, Signed, jan(2026), String::new()),
        ]
    );
    crate::import::apply::households(&store, p, &mut |_, _| {}).unwrap();
    let again = planned_with(&store, &WIDE, &rows);
    assert_eq!((again.unchanged.len(), asked(&again).len()), (2, 0), "a second import changes nothing");
}

#[test]
fn one_row_per_household_and_year_is_read_too() {
    use CommitmentStatus::{Refused, Signed};
    let dir = tempfile::tempdir().unwrap();
    let (store, stored) = ledger(&dir);
    let headings = ["Mã hộ", "Họ tên chủ hộ", "Thôn", "Năm", "Ngày ký cam kết", "Lý do"];
    let rows: [&[&str]; 3] = [
        &["T01-0001", "Nguyễn Văn An", "Đông", "2025", "từ chối 05/02/2025", "Đi làm xa"],
        &["T01-0001", "Nguyễn Văn An", "Đông", "2026", "10/01/2026", ""],
        &["T01-0009", "Phạm Văn Dũng", "Đông", "2026", "x", ""],
    ];
    let p = planned_with(&store, &headings, &rows);
    assert!(p.rejected.is_empty(), "{:?}", p.rejected);
    assert_eq!((p.updates.len(), p.creates.len()), (1, 1));
    assert_eq!(p.updates[0].record.household.id, stored.id);
    assert_eq!(
        asked(&p),
        vec![
            ("T01-0009".into(), 2026, Signed, ymd(2026, 1, 1), String::new()),
            ("T01-0001".into(), 2025, Refused, ymd(2025, 2, 5), "Đi làm xa".into()),
            ("T01-0001".into(), 2026, Signed, ymd(2026, 1, 10), String::new()),
        ]
    );
    crate::import::apply::households(&store, p, &mut |_, _| {}).unwrap();
    let again = planned_with(&store, &headings, &rows);
    assert_eq!((again.unchanged.len(), asked(&again).len()), (2, 0));
}

#[test]
fn a_cell_neither_date_nor_status_refuses_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = ledger(&dir);
    let p = planned_with(&store, &WIDE, &[&["T01-0005", "Lê Văn E", "Đông", "", "có lẽ", "", ""]]);
    assert_eq!(p.rejected.len(), 1);
    assert!(p.creates.is_empty());
}

#[test]
fn one_bad_optional_cell_is_left_out_with_a_warning_and_two_refuse_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let (store, stored) = ledger(&dir);
    let p = planned(
        &store,
        &[
            // Only the phone is wrong: the household is updated, its phone kept.
            ["T01-0001", "Nguyễn Văn An", "Đông", "1968", "5", "12345", ""],
            // Only the birth year is wrong: a new household, without it.
            ["T01-0002", "Trần Thị Bình", "Đông", "một chín", "3", "0912000111", ""],
            // Two bad cells: refused as before.
            ["T01-0003", "Lê Văn Cường", "Đông", "một chín", "2", "12345", ""],
            // A bad required cell (the number of members): refused.
            ["T01-0004", "Phạm Văn Dũng", "Đông", "1970", "0", "", ""],
        ],
    );
    assert_eq!(p.updates.len(), 1);
    assert_eq!(p.updates[0].record.household.phone, stored.phone, "the stored phone is kept");
    assert_eq!(p.updates[0].record.household.members, 5);
    assert_eq!(p.creates.len(), 1);
    assert_eq!(p.creates[0].record.household.head_birth_year, None);
    let warned: Vec<(usize, Field)> = p
        .warnings
        .iter()
        .map(|w| match &w.reason {
            Reason::Field(e) => (w.row, e.field),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(warned, vec![(2, Field::Phone), (3, Field::HeadBirthYear)]);
    let refused: Vec<usize> = p.rejected.iter().map(|r| r.row).collect();
    assert_eq!(refused, vec![4, 5]);
}
