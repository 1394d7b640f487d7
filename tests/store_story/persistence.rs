//! What is written stays written: close the store, open the folder again, and
//! read back the very same values.

use soxa::domain::{Commitment, Hamlet, Household, Id, MediationCase, Member, Team};
use soxa::store::{OpenOptions, Record, Store};

use super::{assert_clean, village};
use crate::common::{TestDb, hamlet, household, open_at};

fn everything<R: Record>(store: &Store) -> Vec<R> {
    store.all::<R>().expect("read all")
}

#[test]
fn records_survive_closing_and_reopening() {
    let db = TestDb::new();
    village(&db.store);
    let commune = db.store.commune().unwrap();
    let hamlets = everything::<Hamlet>(&db.store);
    let households = everything::<Household>(&db.store);
    let commitments = everything::<Commitment>(&db.store);
    let teams = everything::<Team>(&db.store);
    let members = everything::<Member>(&db.store);
    let cases = everything::<MediationCase>(&db.store);
    let audit = db.store.recent_audit(1_000).unwrap();
    let path = db.path();
    let TestDb { tmp, store } = db;
    drop(store);

    let again = Store::open(&path, &OpenOptions { create: false, ..OpenOptions::default() }).unwrap();
    assert!(commune.is_some());
    assert_eq!(again.commune().unwrap(), commune);
    assert_eq!(everything::<Hamlet>(&again), hamlets);
    assert_eq!(everything::<Household>(&again), households);
    assert_eq!(everything::<Commitment>(&again), commitments);
    assert_eq!(everything::<Team>(&again), teams);
    assert_eq!(everything::<Member>(&again), members);
    assert_eq!(everything::<MediationCase>(&again), cases);
    assert_eq!(again.recent_audit(1_000).unwrap(), audit);
    assert_eq!(again.search("dang thi lan", 5).unwrap().len(), 1, "search text persisted too");
    assert_clean(&again);
    drop(again);
    drop(tmp);
}

#[test]
fn new_ids_never_reuse_old_ones_after_reopening() {
    let db = TestDb::new();
    let v = village(&db.store);
    let path = db.path();
    let highest = v.cases.iter().copied().max().unwrap();
    db.store.delete::<MediationCase>(highest).unwrap();
    let TestDb { tmp, store } = db;
    drop(store);
    let again = open_at(&path);
    let h = again.insert(crate::common::hamlet("T03", "Nam")).unwrap();
    assert!(h.id > highest, "id {} reused (highest before: {highest})", h.id);
    drop(again);
    drop(tmp);
}

#[cfg(unix)]
#[test]
fn the_database_folder_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let db = TestDb::new();
    let mode = std::fs::metadata(db.path()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700, "mode {mode:o}");
}

/// The interface builds the lookup's index on a thread after the first
/// frame; writes made while it is built, before or after it reads them, are
/// all found, and none twice. Each round opens the store afresh, so the
/// index is built again while a write races it.
#[test]
fn the_lookup_built_ahead_sees_every_write_made_meanwhile() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("db");
    let dong = open_at(&path).insert(hamlet("T01", "Đông")).unwrap().id;
    for round in 0..20 {
        let s = open_at(&path);
        let before = s.insert(household(&format!("T01-{round}A"), dong, "Nguyễn Văn Trước")).unwrap().id;
        s.warm_search_index();
        let during = s.insert(household(&format!("T01-{round}B"), dong, "Trần Thị Trong")).unwrap().id;
        s.delete::<Household>(before).unwrap();
        let found = |q: &str| -> Vec<Id> { s.search(q, 100).unwrap().iter().map(|h| h.id).collect() };
        assert_eq!(found(&format!("t01 {round}b")), vec![during], "round {round}: the write made meanwhile");
        assert!(found(&format!("t01 {round}a")).is_empty(), "round {round}: the deleted household is gone");
        assert_eq!(found("tran thi trong").len(), round + 1, "round {round}: each once");
    }
}
