//! Upgrades: `tests/fixtures/schema1-demo30` is a database written by schema 1
//! (made once with `soxa demo --households 30 --seed 1 --no-open --db
//! tests/fixtures/schema1-demo30`, lock file removed). Every later soxa must
//! open a copy of it, find it clean and read the same records: never
//! regenerate it, add a new fixture for a new schema instead.

use std::fs;
use std::path::{Path, PathBuf};

use soxa::domain::{Commitment, Hamlet, Household, MediationCase, Member, Team};
use soxa::store::{OpenError, OpenOptions, Store};

use crate::common::{claim_schema, hamlet, snapshot, soxa_cmd};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema1-demo30")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() { copy_dir(&path, &target) } else { fs::copy(&path, &target).map(|_| ()).unwrap() }
    }
}

/// A copy of the fixture in a temporary folder (the committed one is never
/// opened: opening takes a lock file and may let sled tidy its log).
fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    copy_dir(&fixture(), &db);
    (tmp, db)
}

#[test]
fn the_schema_1_database_opens_checks_clean_and_reads_the_same() {
    let (_tmp, db) = fixture_copy();
    let store = Store::open(&db, &OpenOptions { create: false, ..OpenOptions::default() }).expect("opens");
    assert_eq!(store.check().unwrap(), vec![], "the schema 1 database no longer checks clean");
    assert!(store.is_demo().unwrap());
    let counts = [
        store.count::<Hamlet>(),
        store.count::<Household>(),
        store.count::<Commitment>(),
        store.count::<Team>(),
        store.count::<Member>(),
        store.count::<MediationCase>(),
    ];
    assert_eq!(counts, [10, 30, 84, 34, 414, 30]);
    let every_record_decodes = (
        store.all::<Household>().unwrap().len(),
        store.all::<Commitment>().unwrap().len(),
        store.all::<Member>().unwrap().len(),
        store.all::<MediationCase>().unwrap().len(),
    );
    assert_eq!(every_record_decodes, (30, 84, 414, 30));
    // Schema 2 added the summary's briefs: the migration built them all.
    let briefs = store.briefs(|_| true, |_| true).unwrap();
    assert_eq!((briefs.households.len(), briefs.commitments.len(), briefs.cases.len()), (30, 84, 30));
    let h = store.household_by_code("T02-0001").unwrap().expect("household T02-0001");
    assert_eq!(h.head_name, "Nguyễn Bá Luân");
    let home = store.get::<Hamlet>(h.hamlet).unwrap().expect("its hamlet");
    assert_eq!(home.display_name(), "Thôn Nhân Lý");
    assert!(store.commitment_for(h.id, 2026).unwrap().is_some(), "T02-0001 signed in 2026");
    let hits = store.search("nguyen ba luan", 5).unwrap();
    assert!(hits.iter().any(|hit| hit.id == h.id), "search finds the household: {hits:?}");
    // A future soxa writes to it too.
    store.insert(hamlet("T99", "Thôn Mới")).expect("a new record is saved");
    assert_eq!(store.check().unwrap(), vec![]);
}

#[test]
fn the_schema_1_database_checks_clean_from_the_real_binary() {
    let (_tmp, db) = fixture_copy();
    let out = soxa_cmd(&["check", "--lang", "en", "--db"]).arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_newer_copy_of_the_fixture_is_refused_byte_for_byte_untouched() {
    let (_tmp, db) = fixture_copy();
    let newer = soxa::store::SCHEMA_VERSION + 1;
    claim_schema(&db, newer);
    let before = snapshot(&db);
    match Store::open(&db, &OpenOptions::default()) {
        Err(OpenError::NewerVersion { found, supported, .. }) => {
            assert_eq!((found, supported), (newer, soxa::store::SCHEMA_VERSION));
        }
        Err(other) => panic!("refused for the wrong reason: {other}"),
        Ok(_) => panic!("a database of schema {newer} was opened by this build"),
    }
    assert!(snapshot(&db) == before, "the refused database was modified");
}
