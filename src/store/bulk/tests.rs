use chrono::NaiveDate;

use super::*;
use crate::domain::{Hamlet, HamletKind, Household};
use crate::store::{Clock, OpenOptions};

fn open(dir: &std::path::Path) -> Store {
    let mut store = Store::open(dir, &OpenOptions::default()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    store.set_clock(Clock::Fixed(today.and_hms_opt(9, 0, 0).unwrap()));
    store
}

fn household(code: &str, hamlet: Id) -> Household {
    let mut h = Household::new(code, hamlet, "Nguyễn Văn An");
    h.members = 3;
    h
}

/// A bulk change of `n` households in a new hamlet, not yet committed.
/// Returns it with the new hamlet's id.
fn prepared(store: &Store, n: usize) -> (Bulk<'_>, Id) {
    let mut bulk = store.bulk();
    let hamlet = bulk.insert(Hamlet::new("T01", "Đông", HamletKind::Thon)).unwrap();
    for i in 0..n {
        bulk.insert(household(&format!("T01-{i:05}"), hamlet.id)).unwrap();
    }
    (bulk, hamlet.id)
}

fn audit_len(store: &Store) -> usize {
    store.table(T::Audit).len()
}

#[test]
fn a_bulk_change_lands_whole_with_one_audit_group() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    let (bulk, _) = prepared(&store, CHUNK + 7);
    let mut calls = Vec::new();
    let group = bulk.commit(&mut |done, total| calls.push((done, total))).unwrap().unwrap();
    assert_eq!(store.count::<Household>(), CHUNK + 7);
    assert_eq!(calls, vec![(CHUNK, CHUNK + 8), (CHUNK + 8, CHUNK + 8)]);
    let entries = store.group_entries(group).unwrap();
    assert_eq!(entries.len(), CHUNK + 8, "one audit entry per record, all in one group");
    assert_eq!(store.last_change().unwrap().len(), CHUNK + 8);
    assert!(store.table(T::Meta).get(PENDING).unwrap().is_none());
    assert_eq!(store.check().unwrap(), vec![]);
}

#[test]
fn clashes_inside_the_change_are_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    let (mut bulk, hamlet) = prepared(&store, 3);
    let err = bulk.insert(household("t01-00001", 999_999)).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let err = bulk.insert(household("t01-00001", hamlet)).unwrap_err();
    match err {
        StoreError::Invalid(e) => assert_eq!(e[0].problem, Problem::Duplicate),
        other => panic!("{other:?}"),
    }
    drop(bulk);
    assert_eq!(store.count::<Hamlet>(), 0);
    assert_eq!(store.count::<Household>(), 0);
}

#[test]
fn an_error_in_a_later_chunk_leaves_the_ledger_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    store.insert(Hamlet::new("T09", "Tây", HamletKind::Thon)).unwrap();
    let audit_before = audit_len(&store);
    let (mut bulk, hamlet) = prepared(&store, CHUNK + 20);
    // A record the preparation did not see: the same code as the first
    // household, slipped into the second chunk, so the store's own check
    // inside the transaction refuses it after the first chunk is written.
    let mut twin = household("T01-00000", hamlet);
    twin.id = store.db.generate_id().unwrap() + 1;
    bulk.changes.push(RecordChange::of::<Household>(None, Some(&twin), AuditAction::Create).unwrap());
    let err = bulk.commit(&mut |_, _| {}).unwrap_err();
    match err {
        StoreError::Invalid(e) => assert_eq!(e[0].problem, Problem::Duplicate),
        other => panic!("{other:?}"),
    }
    assert_eq!(store.count::<Household>(), 0);
    assert_eq!(store.count::<Hamlet>(), 1);
    assert_eq!(audit_len(&store), audit_before, "the failed change leaves no audit entries");
    assert!(store.table(T::Meta).get(PENDING).unwrap().is_none());
    assert!(store.household_by_code("T01-00001").unwrap().is_none());
    assert_eq!(store.check().unwrap(), vec![]);
}

#[test]
fn a_change_cut_short_by_a_crash_is_undone_on_opening() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("db");
    {
        let store = open(&dir);
        let (bulk, _) = prepared(&store, CHUNK * 2);
        // What `commit` does up to the middle, then the power goes.
        let (first, bytes) = store.audit_for(&bulk.changes[0], None).unwrap();
        let group = first.id;
        store.table(T::Meta).insert(PENDING, group.to_be_bytes()).unwrap();
        store.flush().unwrap();
        Bulk::write_chunk(&store, &bulk.changes[..CHUNK], group, &mut Some((first, bytes))).unwrap();
        store.flush().unwrap();
        assert_eq!(store.count::<Household>(), CHUNK - 1);
    }
    let store = open(&dir);
    assert_eq!(store.count::<Household>(), 0);
    assert_eq!(store.count::<Hamlet>(), 0);
    assert_eq!(audit_len(&store), 0);
    assert!(store.table(T::Meta).get(PENDING).unwrap().is_none());
    assert_eq!(store.check().unwrap(), vec![]);
}

#[test]
fn a_bulk_change_is_undone_and_redone_as_one() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    let hamlet = store.insert(Hamlet::new("T01", "Đông", HamletKind::Thon)).unwrap();
    let kept = store.insert(household("T01-1", hamlet.id)).unwrap();
    let mut bulk = store.bulk();
    let mut changed = kept.clone();
    changed.phone = Some("0912345678".into());
    bulk.update(changed).unwrap();
    bulk.insert(household("T01-2", hamlet.id)).unwrap();
    let group = bulk.commit(&mut |_, _| {}).unwrap().unwrap();

    let undo = store.revert_group(group, &mut |_, _| {}).unwrap().unwrap();
    assert_eq!(store.count::<Household>(), 1);
    let back = store.get::<Household>(kept.id).unwrap().unwrap();
    assert_eq!(back.phone, None);
    assert!(store.household_by_code("T01-2").unwrap().is_none());
    assert_eq!(store.check().unwrap(), vec![]);

    store.revert_group(undo, &mut |_, _| {}).unwrap().unwrap();
    assert_eq!(store.count::<Household>(), 2);
    assert_eq!(store.get::<Household>(kept.id).unwrap().unwrap().phone.as_deref(), Some("0912345678"));
    assert!(store.household_by_code("T01-2").unwrap().is_some());
    assert_eq!(store.check().unwrap(), vec![]);
}

#[test]
fn nothing_to_write_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    let audit = audit_len(&store);
    assert_eq!(store.bulk().commit(&mut |_, _| {}).unwrap(), None);
    assert_eq!(audit_len(&store), audit);
}
