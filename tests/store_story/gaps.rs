//! Holes in the store's promises found while writing these tests, each test
//! stating the promise it checks. A hole that is fixed keeps its test as a
//! guard; one still open fails until the store keeps the promise.

use soxa::domain::{EntityKind, Household, MediationCase, Member, Team};
use soxa::store::StoreError;

use super::{assert_clean, footprint, village};
use crate::common::{TestDb, case, household, ymd};

/// A case's mediators must exist (`Record::references`), so removing a
/// mediator must either be refused or take them off the case: it must not
/// leave `check()` reporting a case that points to a missing member.
#[test]
fn deleting_a_mediator_leaves_no_dangling_reference() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    match s.delete::<Member>(v.mai) {
        Err(StoreError::InUse { kind: EntityKind::Member, .. }) => {}
        Err(other) => panic!("unexpected {other:?}"),
        Ok(()) => {
            let c = s.get::<MediationCase>(v.cases[0]).unwrap().unwrap();
            assert!(!c.mediators.contains(&v.mai), "the case still names deleted member {}", v.mai);
        }
    }
    assert_clean(s);
}

/// The same hole through the team: deleting a team deletes its members,
/// so it is refused while one of them is named on a case (Mai, on all
/// three), or it takes them off the cases.
#[test]
fn deleting_a_mediation_team_leaves_no_dangling_reference() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    let before = footprint(s);
    match s.delete::<Team>(v.mediation) {
        Err(StoreError::InUse { kind: EntityKind::Team, count }) => {
            assert_eq!(count, v.cases.len(), "each case naming one of its members, counted once");
            assert_eq!(footprint(s), before, "a refused delete changes nothing");
            assert!(s.get::<Member>(v.mai).unwrap().is_some(), "the mediator stays");
        }
        Err(other) => panic!("unexpected {other:?}"),
        Ok(()) => {
            assert!(s.get::<Team>(v.mediation).unwrap().is_none(), "the team is gone");
            for id in &v.cases {
                let c = s.get::<MediationCase>(*id).unwrap().unwrap();
                assert!(!c.mediators.contains(&v.mai), "case {} still names deleted member {}", c.number(), v.mai);
            }
        }
    }
    assert_clean(s);
}

/// `bulk_insert` is "validated and indexed like `insert`", so cases loaded
/// together are numbered 1, 2, 3 in their year.
#[test]
fn bulk_insert_numbers_cases_in_sequence() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    let cases = (1..=3).map(|d| case(v.tay, ymd(2024, 5, d), "Lý Văn Sơn", "Mai Thị Hoa")).collect();
    let loaded = s.bulk_insert(cases, "demo").expect("three cases of 2024");
    let numbers: Vec<String> = loaded.iter().map(MediationCase::number).collect();
    assert_eq!(numbers, vec!["1/2024", "2/2024", "3/2024"]);
    assert_clean(s);
}

/// Like `insert`, `bulk_insert` refuses records that point to nothing.
#[test]
fn bulk_insert_refuses_unknown_references() {
    let db = TestDb::new();
    let s = &db.store;
    village(s);
    let before = footprint(s);
    let orphan = household("T99-0001", 9_999, "Cao Văn Lâm");
    assert!(matches!(s.bulk_insert(vec![orphan], "demo"), Err(StoreError::Invalid(_))));
    assert_eq!(footprint(s), before);
    assert_eq!(s.count::<Household>(), 3);
    assert_clean(s);
}

/// "An undo is always possible" (DESIGN.md, audit entry): a deleted case comes
/// back under its own number even after new cases were entered. Today the
/// next number is the highest one in use plus one, so deleting the newest case
/// hands its number to the next case and the undo is refused as a duplicate.
#[test]
fn a_deleted_case_keeps_its_number() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    let newest = s.get::<MediationCase>(v.cases[2]).unwrap().unwrap();
    assert_eq!(newest.number(), "2/2026");
    s.delete::<MediationCase>(newest.id).unwrap();
    let before = s.audit_of(EntityKind::Case, newest.id).unwrap().pop().unwrap().before.unwrap();
    let next = s.insert(case(v.dong, ymd(2026, 11, 20), "Lý Văn Sơn", "Mai Thị Hoa")).unwrap();
    assert_ne!(next.number(), "2/2026", "the deleted case's number was handed out again");
    let back = s.restore::<MediationCase>(&before).expect("the deleted case comes back");
    assert_eq!(back.number(), "2/2026");
    assert_clean(s);
}

/// Stored times have whole seconds (`date::secs`), so the record a write
/// returns must be the record a read gives back, on the real clock too.
#[test]
fn a_written_record_reads_back_equal_on_the_system_clock() {
    let mut db = TestDb::new();
    db.store.set_clock(soxa::store::Clock::System);
    let s = &db.store;
    let dong = s.insert(crate::common::hamlet("T01", "Đông")).unwrap();
    assert_eq!(s.get::<soxa::domain::Hamlet>(dong.id).unwrap(), Some(dong.clone()));
    let mut renamed = dong;
    renamed.name = "Đông Hưng".into();
    let renamed = s.update(renamed).unwrap();
    assert_eq!(s.get::<soxa::domain::Hamlet>(renamed.id).unwrap(), Some(renamed));
    let commune = s.save_commune(crate::common::commune()).unwrap();
    assert_eq!(s.commune().unwrap(), Some(commune));
}
