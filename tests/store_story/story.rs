//! A commune's first weeks in the ledger, one concern per test, each over its
//! own temporary database built by `village()`. `check()` must stay empty
//! after every step.

use soxa::domain::text::fold;
use soxa::domain::{
    AuditAction, Commitment, EntityKind, Field, FieldError, Hamlet, Household, MediationCase, Member, Problem, Team,
};
use soxa::store::StoreError;
use unicode_normalization::UnicodeNormalization;

use super::{assert_clean, field_errors, footprint, history, village};
use crate::common::{TestDb, commitment, commune, household, now};

#[test]
fn a_village_is_entered_and_everything_agrees() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    assert_clean(s);
    assert_eq!(s.commune().unwrap().map(|c| c.name), Some("Xã Nhất Tiến".to_string()));
    assert_eq!((s.count::<Hamlet>(), s.count::<Household>(), s.count::<Commitment>()), (2, 3, 3));
    assert_eq!((s.count::<Team>(), s.count::<Member>(), s.count::<MediationCase>()), (2, 3, 3));
    assert_eq!(s.households_in_hamlet(v.dong).unwrap(), vec![v.an, v.anh]);
    let years: Vec<u16> = s.commitments_of(v.an).unwrap().iter().map(|c| c.year).collect();
    assert_eq!(years, vec![2025, 2026]);
    assert!(s.commitment_for(v.anh, 2026).unwrap().is_none());
    let names: Vec<String> = s.members_of_team(v.security).unwrap().into_iter().map(|m| m.full_name).collect();
    assert_eq!(names, vec!["Lê Văn Bình", "Đặng Thị Lan"]);
    assert_eq!(s.members_of_household(v.an).unwrap().len(), 2);
}

#[test]
fn cases_are_numbered_per_year_in_the_order_they_are_entered() {
    let db = TestDb::new();
    let v = village(&db.store);
    let number = |id| db.store.get::<MediationCase>(id).unwrap().unwrap().number();
    let numbers: Vec<String> = v.cases.iter().map(|id| number(*id)).collect();
    assert_eq!(numbers, vec!["1/2026", "1/2025", "2/2026"]);
    assert_eq!(db.store.case_by_number(2026, 1).unwrap().map(|c| c.id), Some(v.cases[0]));
    assert_eq!(db.store.case_by_number(2026, 2).unwrap().map(|c| c.id), Some(v.cases[2]));
    assert_eq!(db.store.case_by_number(2025, 1).unwrap().map(|c| c.id), Some(v.cases[1]));
    assert!(db.store.case_by_number(2026, 3).unwrap().is_none());
}

#[test]
fn changing_a_household_code_moves_its_unique_index_entry() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    let mut h = s.get::<Household>(v.an).unwrap().unwrap();
    h.code = " t01-0099 ".into();
    let stored = s.update(h).unwrap();
    assert_eq!(stored.code, "T01-0099");
    assert_eq!(stored.stamp.created_at, now());
    assert_eq!(s.household_by_code("T01-0099").unwrap().map(|h| h.id), Some(v.an));
    assert_eq!(s.household_by_code("t01-0099").unwrap().map(|h| h.id), Some(v.an), "codes ignore case");
    assert!(s.household_by_code("T01-0001").unwrap().is_none(), "the old code is free");
    assert_clean(s);
    // ...and free for another household to take.
    s.insert(household("T01-0001", v.dong, "Phan Văn Tuấn")).unwrap();
    assert_clean(s);
}

#[test]
fn duplicates_unknown_references_and_bad_fields_are_refused_without_a_trace() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    let before = footprint(s);

    let errs = field_errors(s.insert(household(" t01-0001 ", v.tay, "Vũ Thị Hằng")));
    assert!(errs.contains(&FieldError::new(Field::HouseholdCode, Problem::Duplicate)), "{errs:?}");

    let errs = field_errors(s.insert(commitment(v.an, 2026)));
    assert!(errs.contains(&FieldError::new(Field::Year, Problem::Duplicate)), "{errs:?}");

    let errs = field_errors(s.insert(household("T09-0001", 9_999, "Vũ Thị Hằng")));
    assert_eq!(errs, vec![FieldError::new(Field::Hamlet, Problem::UnknownReference)]);

    let mut bad = household("T01-0100", v.dong, "   ");
    bad.phone = Some("12345".into());
    let errs = field_errors(s.insert(bad));
    assert_eq!(errs.iter().map(|e| e.field).collect::<Vec<_>>(), vec![Field::HeadName, Field::Phone]);

    // An update that clashes changes nothing either.
    let mut anh = s.get::<Household>(v.anh).unwrap().unwrap();
    anh.code = "T01-0001".into();
    let errs = field_errors(s.update(anh));
    assert!(errs.contains(&FieldError::new(Field::HouseholdCode, Problem::Duplicate)), "{errs:?}");

    assert_eq!(footprint(s), before, "a refused write leaves every tree and the audit log as they were");
    assert_eq!(s.get::<Household>(v.anh).unwrap().unwrap().code, "T01-0002");
    assert_clean(s);
}

#[test]
fn deleting_a_household_takes_its_commitments_and_unlinks_its_members() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    let commitment_ids: Vec<_> = s.commitments_of(v.an).unwrap().iter().map(|c| c.id).collect();
    s.delete::<Household>(v.an).unwrap();
    assert!(s.get::<Household>(v.an).unwrap().is_none());
    assert!(s.commitments_of(v.an).unwrap().is_empty());
    assert!(commitment_ids.iter().all(|id| s.get::<Commitment>(*id).unwrap().is_none()));
    assert_eq!(s.count::<Commitment>(), 1, "the other household's commitment stays");
    assert!(s.members_of_household(v.an).unwrap().is_empty());
    for id in [v.leader, v.lan] {
        let m = s.get::<Member>(id).unwrap().expect("members stay in their team");
        assert_eq!(m.household, None);
        assert_eq!(m.stamp.updated_at, now());
    }
    assert!(s.household_by_code("T01-0001").unwrap().is_none());
    assert_clean(s);
    assert!(matches!(s.delete::<Household>(v.an), Err(StoreError::NotFound { kind: EntityKind::Household, .. })));
}

#[test]
fn a_hamlet_in_use_cannot_be_deleted() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    let before = footprint(s);
    match s.delete::<Hamlet>(v.tay) {
        Err(StoreError::InUse { kind: EntityKind::Hamlet, count }) => assert_eq!(count, 1),
        other => panic!("expected InUse, got {other:?}"),
    }
    assert!(matches!(s.delete::<Hamlet>(v.dong), Err(StoreError::InUse { .. })));
    assert_eq!(footprint(s), before);
    s.delete::<Household>(v.binh).unwrap();
    s.delete::<Hamlet>(v.tay).unwrap();
    assert!(s.hamlet_by_code("T02").unwrap().is_none());
    assert_clean(s);
}

#[test]
fn a_deleted_household_comes_back_from_the_audit_log() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    let household_before = s.get::<Household>(v.an).unwrap().unwrap();
    let commitments_before = s.commitments_of(v.an).unwrap();
    let lan_before = s.get::<Member>(v.lan).unwrap().unwrap();
    s.delete::<Household>(v.an).unwrap();

    let deletion = s.audit_of(EntityKind::Household, v.an).unwrap().pop().unwrap();
    assert_eq!(deletion.action, AuditAction::Delete);
    let group: Vec<_> = s.recent_audit(100).unwrap().into_iter().filter(|a| a.group == deletion.group).collect();
    assert_eq!(group.len(), 1 + 2 + 2, "the household, its two commitments, its two members");

    let restored = s.restore::<Household>(deletion.before.as_deref().unwrap()).unwrap();
    assert_eq!(restored, household_before);
    for entry in group.iter().filter(|a| a.entity != EntityKind::Household) {
        let bytes = entry.before.as_deref().unwrap();
        match entry.entity {
            EntityKind::Commitment => assert_eq!(s.restore::<Commitment>(bytes).unwrap().household, v.an),
            EntityKind::Member => assert_eq!(s.restore::<Member>(bytes).unwrap().household, Some(v.an)),
            other => panic!("unexpected {other:?} in the group"),
        }
    }
    assert_eq!(s.get::<Household>(v.an).unwrap(), Some(household_before));
    assert_eq!(s.commitments_of(v.an).unwrap(), commitments_before);
    assert_eq!(s.get::<Member>(v.lan).unwrap(), Some(lan_before));
    assert_eq!(s.household_by_code("T01-0001").unwrap().map(|h| h.id), Some(v.an));
    assert_eq!(s.search("nguyen van an", 1).unwrap()[0].id, v.an);
    assert_clean(s);
}

#[test]
fn the_audit_log_says_who_did_what_in_order() {
    let mut db = TestDb::new();
    db.store.set_operator("  Trần   Thị Thu ");
    let s = &db.store;
    let v = village(s);
    let mut h = s.get::<Household>(v.anh).unwrap().unwrap();
    let created = s.audit_of(EntityKind::Household, v.anh).unwrap();
    h.members = 6;
    s.update(h).unwrap();
    s.delete::<Household>(v.anh).unwrap();
    let before = s.audit_of(EntityKind::Household, v.anh).unwrap().pop().unwrap().before.unwrap();
    s.restore::<Household>(&before).unwrap();

    let log = s.audit_of(EntityKind::Household, v.anh).unwrap();
    let actions: Vec<AuditAction> = log.iter().map(|a| a.action).collect();
    assert_eq!(actions, vec![AuditAction::Create, AuditAction::Update, AuditAction::Delete, AuditAction::Restore]);
    assert_eq!(log[0], created[0]);
    assert!(log.iter().all(|a| a.operator == "Trần Thị Thu" && a.at == now() && a.entity_id == v.anh));
    assert!(log.windows(2).all(|w| w[0].id < w[1].id));
    let had_before: Vec<bool> = log.iter().map(|a| a.before.is_some()).collect();
    assert_eq!(had_before, vec![false, true, true, false], "nothing existed before the create and the restore");
    assert_eq!(log[2].before.as_deref(), Some(before.as_slice()));
    assert_eq!(log[0].summary, "T01-0002 Nguyễn Văn Anh");
    assert_eq!(s.recent_audit(1).unwrap()[0], log[3], "newest first");
    assert_eq!(history(s, EntityKind::Commune, 0), vec![AuditAction::Create]);
    assert_clean(s);
}

#[test]
fn saving_the_commune_again_keeps_its_creation_time() {
    let mut db = TestDb::new();
    db.store.save_commune(commune()).unwrap();
    db.store.set_clock(soxa::store::Clock::Fixed(now() + chrono::Duration::days(1)));
    let mut c = db.store.commune().unwrap().unwrap();
    c.settings.team_min_members = 5;
    let saved = db.store.save_commune(c).unwrap();
    assert_eq!(saved.stamp.created_at, now());
    assert_eq!(db.store.commune().unwrap(), Some(saved));
    assert_eq!(history(&db.store, EntityKind::Commune, 0), vec![AuditAction::Create, AuditAction::Update]);
    let mut bad = commune();
    bad.name = " ".into();
    assert!(matches!(db.store.save_commune(bad), Err(StoreError::Invalid(_))));
    assert_clean(&db.store);
}

#[test]
fn search_folds_vietnamese_and_follows_every_write() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    let hits = s.search("nguyen van an", 10).unwrap();
    assert_eq!(hits[0].id, v.an, "the exact name first");
    let head = s.get::<Household>(hits[0].id).unwrap().unwrap().head_name;
    assert_eq!(head, "Nguyễn Văn An");
    let dang = s.search("dang", 10).unwrap();
    assert_eq!(dang[0].kind, EntityKind::Member);
    assert_eq!(s.get::<Member>(dang[0].id).unwrap().unwrap().full_name, "Đặng Thị Lan");
    assert_eq!(s.search("1/2025", 10).unwrap()[0].id, v.cases[1], "case numbers are searchable");

    // The index is already in memory; writes must keep it in step.
    assert!(s.search("hoang van em", 10).unwrap().is_empty());
    let mut h = s.get::<Household>(v.anh).unwrap().unwrap();
    h.head_name = "Hoàng Văn Em".into();
    s.update(h).unwrap();
    assert_eq!(s.search("hoang van em", 10).unwrap().iter().map(|h| h.id).collect::<Vec<_>>(), vec![v.anh]);
    assert!(s.search("nguyen van anh", 10).unwrap().iter().all(|h| h.id != v.anh));
    s.delete::<Household>(v.anh).unwrap();
    assert!(s.search("hoang van em", 10).unwrap().is_empty());
    let added = s.insert(household("T02-0002", v.tay, "Đinh Thị Ngọc")).unwrap();
    assert_eq!(s.search("dinh ngoc", 10).unwrap()[0].id, added.id);
    assert_clean(s);
}

#[test]
fn decomposed_input_is_stored_composed() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    let nfd = |t: &str| t.nfd().collect::<String>();
    let mut h = household("T01-0003", v.dong, &nfd("Nguyễn Thị Ánh Tuyết"));
    h.address = nfd("Xóm Đình, thôn Đông");
    assert_ne!(h.head_name, "Nguyễn Thị Ánh Tuyết", "the input really is decomposed");
    let stored = s.insert(h).unwrap();
    let read = s.get::<Household>(stored.id).unwrap().unwrap();
    assert_eq!(read.head_name, "Nguyễn Thị Ánh Tuyết");
    assert_eq!(read.address, "Xóm Đình, thôn Đông");
    assert_eq!(read, stored);
    assert_eq!(s.search(&nfd("Ánh Tuyết"), 10).unwrap()[0].id, stored.id);
    assert_eq!(fold(&read.head_name), "nguyen thi anh tuyet");
    assert_clean(s);
}

#[test]
fn paging_walks_every_record_once_in_id_order() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = s.page::<Household>(after, 2).unwrap();
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        seen.extend(page.iter().map(|h| h.id));
    }
    assert_eq!(seen, vec![v.an, v.anh, v.binh]);
    assert_eq!(s.all::<Household>().unwrap().iter().map(|h| h.id).collect::<Vec<_>>(), seen);
    assert_eq!(s.get_many::<Household>(&[v.binh, 9_999, v.an]).unwrap().len(), 2, "missing ids are skipped");
}
