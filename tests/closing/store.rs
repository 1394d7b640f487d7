//! The store's side of closing: refusals on every write route, what stays
//! allowed, reopening, overlapping closes, the audit log, and the figures as
//! sent read back after a restart.

use soxa::domain::closing::period_entity_id;
use soxa::domain::{
    AuditAction, CaseStatus, Commitment, EntityKind, Household, HouseholdStatus, MediationCase, Period, Role, Team,
    TeamKind, Violation,
};
use soxa::report::Summary;
use soxa::store::{ClosingError, StoreError};

use super::{close, get, q3, refused, summary, village};
use crate::common::{TestDb, case, member, now, open_at, team, ymd};

#[test]
fn editing_a_record_dated_in_a_closed_quarter_is_refused_and_changes_nothing() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    close(s, q3());
    let audit_before = s.recent_audit(1).unwrap();
    let mut h: Household = get(s, v.inside);
    h.living_since = Some(ymd(2026, 10, 1));
    assert_eq!(refused(s.update(h)), q3());
    let mut c: Commitment = get(s, v.signed_in_q3);
    c.status = soxa::domain::CommitmentStatus::Refused;
    c.reason = "Không đồng ý".into();
    let err = s.update(c).unwrap_err();
    let said = soxa::i18n::store_error(soxa::domain::Lang::Vi, &err);
    assert!(said.contains("cam kết «T01-0001 Nguyễn Văn An / 2026»"), "a commitment is named by its household: {said}");
    let mut moved: Household = get(s, v.inside);
    moved.status = HouseholdStatus::MovedOut { on: ymd(2026, 9, 30) };
    assert_eq!(refused(s.update(moved)), q3());
    assert_eq!(get::<Household>(s, v.inside).living_since, Some(ymd(2026, 8, 14)), "nothing changed");
    assert_eq!(s.recent_audit(1).unwrap(), audit_before, "nothing was audited");
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn the_message_names_the_period_and_the_record() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    close(s, q3());
    let mut h: Household = get(s, v.inside);
    h.hamlet = s.insert(crate::common::hamlet("T02", "Tây")).unwrap().id;
    let err = s.update(h).unwrap_err();
    let vi = soxa::i18n::store_error(soxa::domain::Lang::Vi, &err);
    assert!(
        vi.contains("Quý III năm 2026") && vi.contains("T01-0001 Nguyễn Văn An") && vi.contains("14/08/2026"),
        "{vi}"
    );
    assert!(vi.contains("soxa reopen 2026-Q3"), "{vi}");
    let en = soxa::i18n::store_error(soxa::domain::Lang::En, &err);
    assert!(en.contains("Quarter 3, 2026") && en.contains("household \"T01-0001 Nguyễn Văn An\""), "{en}");
}

#[test]
fn what_the_summary_does_not_read_and_later_events_stay_editable() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    close(s, q3());
    let mut h: Household = get(s, v.inside);
    h.phone = Some("0987 654 321".into());
    h.notes = "Đã đổi số điện thoại".into();
    s.update(h).expect("a phone number is not a figure of the quarter");
    let mut c: Commitment = get(s, v.signed_in_q3);
    c.violations.push(Violation { date: ymd(2026, 10, 12), description: "Đốt pháo trái phép".into() });
    s.update(c).expect("a violation of the fourth quarter");
    let mut k: MediationCase = get(s, v.case_in_q3);
    k.agreement = "Hai bên thống nhất ranh giới".into();
    k.move_to(CaseStatus::InProgress, ymd(2026, 10, 2), "").unwrap();
    k.move_to(CaseStatus::Successful, ymd(2026, 10, 20), "").unwrap();
    s.update(k).expect("a case received in the quarter is closed after it");
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn creating_a_record_dated_in_a_closed_period_is_refused_outside_it_is_not() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    close(s, q3());
    let count = s.count::<MediationCase>();
    assert_eq!(refused(s.insert(case(v.hamlet, ymd(2026, 7, 1), "Lê Văn Em", "Vũ Thị Phương"))), q3());
    assert_eq!(s.count::<MediationCase>(), count);
    s.insert(case(v.hamlet, ymd(2026, 10, 1), "Lê Văn Em", "Vũ Thị Phương")).expect("the fourth quarter is open");
    s.insert(case(v.hamlet, ymd(2026, 6, 30), "Lê Văn Em", "Vũ Thị Phương")).expect("the second quarter is open");
    let t = s.insert(team("Tổ hòa giải thôn Đông", TeamKind::Mediation, Some(v.hamlet))).unwrap();
    let mut m = member(t.id, "Hoàng Thị Giang", Role::Mediator);
    m.joined = ymd(2026, 9, 1);
    assert_eq!(refused(s.insert(m.clone())), q3());
    m.joined = ymd(2026, 10, 1);
    s.insert(m).expect("joined after the quarter");
    let mut bulk = member(t.id, "Ngô Văn Hải", Role::Member);
    bulk.joined = ymd(2026, 8, 1);
    assert_eq!(refused(s.bulk_insert(vec![bulk], "nhập danh sách")), q3());
    assert_eq!(s.members_of_team(t.id).unwrap().len(), 1, "the bulk load wrote nothing");
    // An import writes through `Store::bulk`: the same refusal, nothing written.
    let mut imported = member(t.id, "Ngô Thị Hoa", Role::Member);
    imported.joined = ymd(2026, 9, 2);
    let mut bulk = s.bulk();
    bulk.insert(member(t.id, "Đỗ Văn Nam", Role::Member)).unwrap();
    bulk.insert(imported).unwrap();
    assert_eq!(refused(bulk.commit(&mut |_, _| {})), q3());
    assert_eq!(s.members_of_team(t.id).unwrap().len(), 1, "the import wrote nothing");
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn deleting_and_its_cascades_are_refused_when_they_reach_inside() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    let t = s.insert(team("Tổ bảo vệ ANTT thôn Đông", TeamKind::Security, Some(v.hamlet))).unwrap();
    let mut m = member(t.id, "Hoàng Văn Khoa", Role::Leader);
    m.joined = ymd(2026, 7, 15);
    s.insert(m).unwrap();
    close(s, q3());
    // The household itself moved in during the quarter.
    assert_eq!(refused(s.delete::<Household>(v.inside)), q3());
    // This one did not, but its commitment... was signed in the first quarter: allowed.
    s.delete::<Household>(v.before).expect("nothing of it is dated in the quarter");
    // The team was founded in 2021, but a member joined in the quarter.
    assert_eq!(refused(s.delete::<Team>(t.id)), q3());
    assert_eq!(s.members_of_team(t.id).unwrap().len(), 1);
    assert!(s.get::<Commitment>(v.signed_in_q3).unwrap().is_some());
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn undo_of_a_change_into_a_closed_period_is_refused_until_reopened() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    // Before closing: a violation of August is recorded, a case is deleted.
    let mut c: Commitment = get(s, v.signed_in_q1);
    c.violations.push(Violation { date: ymd(2026, 8, 9), description: "Tàng trữ pháo".into() });
    s.update(c).unwrap();
    let violation_before = s.last_change().unwrap()[0].before.clone().unwrap();
    s.delete::<MediationCase>(v.case_in_q3).unwrap();
    let case_bytes = s.last_change().unwrap()[0].before.clone().unwrap();
    close(s, q3());
    assert_eq!(refused(s.restore::<Commitment>(&violation_before)), q3(), "undoing the violation");
    assert_eq!(refused(s.restore::<MediationCase>(&case_bytes)), q3(), "undoing the delete");
    assert_eq!(get::<Commitment>(s, v.signed_in_q1).violations.len(), 1);
    s.reopen_period(&q3(), "Sai ngày vi phạm, cần sửa theo biên bản").unwrap();
    s.restore::<Commitment>(&violation_before).expect("accepted once reopened");
    s.restore::<MediationCase>(&case_bytes).expect("accepted once reopened");
    assert!(get::<Commitment>(s, v.signed_in_q1).violations.is_empty());
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn after_reopening_the_edit_is_accepted_and_the_reason_is_audited() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    close(s, q3());
    let mut h: Household = get(s, v.inside);
    h.living_since = Some(ymd(2026, 10, 1));
    refused(s.update(h.clone()));
    assert_eq!(s.reopen_period(&q3(), "   ").unwrap_err().to_string(), ClosingError::NoReason.to_string());
    let long = "x".repeat(301);
    assert!(matches!(s.reopen_period(&q3(), &long), Err(StoreError::Closing(ClosingError::ReasonTooLong { .. }))));
    s.reopen_period(&q3(), "  Nhập nhầm\tngày chuyển đến  ").unwrap();
    s.update(h).expect("accepted after reopening");
    let log = s.audit_of(EntityKind::Period, period_entity_id(&q3())).unwrap();
    let actions: Vec<AuditAction> = log.iter().map(|e| e.action).collect();
    assert_eq!(actions, vec![AuditAction::Close, AuditAction::Reopen]);
    assert_eq!(log[1].summary, "2026-Q3: Nhập nhầm ngày chuyển đến", "the reason is cleaned");
    assert_eq!((log[1].at, log[1].operator.as_str()), (now(), ""));
    assert!(matches!(s.reopen_period(&q3(), "lần nữa"), Err(StoreError::Closing(ClosingError::NotClosed(_)))));
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn a_closing_is_not_an_undo_step() {
    let db = TestDb::new();
    let s = &db.store;
    village(s);
    assert!(!s.last_change().unwrap().is_empty());
    close(s, q3());
    assert!(s.last_change().unwrap().is_empty(), "Ctrl+Z must not see the closing as a record change");
}

#[test]
fn overlapping_closes_each_keep_their_figures_and_the_year_still_freezes_a_reopened_quarter() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    close(s, q3());
    let year = Period::year(2026).unwrap();
    close(s, year);
    let same_days = Period::parse("01/07/2026..30/09/2026").unwrap();
    assert!(matches!(
        s.close_period(same_days, &summary(s, &same_days)),
        Err(StoreError::Closing(ClosingError::AlreadyClosed(_)))
    ));
    let mut h: Household = get(s, v.inside);
    h.living_since = Some(ymd(2026, 8, 1));
    assert_eq!(refused(s.update(h.clone())), q3(), "the shortest closed period is named");
    s.reopen_period(&q3(), "Sửa ngày chuyển đến").unwrap();
    assert_eq!(refused(s.update(h.clone())), year, "still inside the closed year");
    let mut before_year: Household = get(s, v.before);
    before_year.living_since = Some(ymd(2025, 5, 1));
    s.update(before_year).expect("1995 and 2025 are not closed");
    let listed: Vec<Period> = s.closed_periods().into_iter().map(|c| c.period).collect();
    assert_eq!(listed, vec![year]);
}

#[test]
fn a_future_period_cannot_be_closed() {
    let db = TestDb::new();
    let s = &db.store;
    village(s);
    let next = Period::quarter(2027, 1).unwrap();
    assert!(matches!(s.close_period(next, &summary(s, &next)), Err(StoreError::Closing(ClosingError::NotStarted(_)))));
    assert!(s.closed_periods().is_empty());
}

#[test]
fn the_figures_as_sent_and_the_closing_survive_a_restart() {
    let db = TestDb::new();
    let v = village(&db.store);
    let sent = summary(&db.store, &q3());
    db.store.close_period(q3(), &sent).unwrap();
    let path = db.path();
    let tmp = db.tmp;
    drop(db.store);
    let s = open_at(&path);
    let closed = s.closed_period(&q3()).expect("still closed after a restart");
    assert_eq!(closed.closed_at, now());
    let back: Summary = s.closed_summary(&q3()).unwrap().unwrap();
    assert_eq!(back, sent, "every figure and detail list reads back exactly");
    let mut h: Household = get(&s, v.inside);
    h.living_since = None;
    assert_eq!(refused(s.update(h)), q3(), "the refusal holds after a restart");
    assert!(s.check().unwrap().is_empty());
    drop(s);
    drop(tmp);
}

#[test]
fn a_reopened_closing_keeps_its_figures_aside_and_can_be_closed_again() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    close(s, q3());
    let tree_size = |s: &soxa::store::Store| {
        s.tree_sizes().into_iter().find(|(n, _)| *n == "closed_periods").map(|(_, n)| n).unwrap()
    };
    assert_eq!(tree_size(s), 2, "header and summary");
    s.reopen_period(&q3(), "Bổ sung hộ chuyển đến").unwrap();
    assert_eq!(tree_size(s), 2, "both kept aside, under other keys");
    assert_eq!(s.closed_summary::<Summary>(&q3()).unwrap(), None);
    let mut h: Household = get(s, v.inside);
    h.living_since = Some(ymd(2026, 9, 1));
    s.update(h).unwrap();
    close(s, q3());
    assert_eq!(tree_size(s), 4);
    assert!(s.check().unwrap().is_empty());
}
