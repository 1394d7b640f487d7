//! Upgrades: `tests/fixtures/schema1-demo30` is a database written by schema 1
//! (made once with `soxa demo --households 30 --seed 1 --no-open --db
//! tests/fixtures/schema1-demo30`, lock file removed), and
//! `tests/fixtures/schema2-demo30` one written by schema 2 (the same command
//! run by the build of commit c3601b7, before issue 13's models,
//! assessments, outreach and the commune's record version 2; made on
//! 06/12/2026), and `tests/fixtures/schema3-demo30` one written by schema
//! 3 (the same command run by the build of commit a7fb3ac, before issue
//! 15's operators and access log; made on 06/12/2026). Every later soxa must open a copy of each, find it clean and
//! read the same records: never regenerate them, add a new fixture for a new
//! schema instead.
//!
//! `tests/fixtures/schema4-demo30` is one written by schema 4, with what
//! schema 4 has that the earlier fixtures lack: an operator, edits beyond
//! the demo's (an import's update and creation, their undo, which deletes
//! the created household, and a second import's update), a closed period,
//! access-log entries (sign-ins, the operator added, a personal export, a
//! request noted) and a data subject's request. Never regenerate it. It was
//! made on 06/12/2026 by the build of commit 8da10e3 (`cargo build --bin
//! soxa`, the binary copied to `/tmp/soxa-8da10e3`), run from the worktree's
//! root as follows (`F=tests/fixtures/schema4-demo30`, `S=/tmp/soxa-8da10e3`,
//! `P=hoa-mat-khau-2026`, `U="le thi hoa"`; every command exited 0):
//!
//! ```text
//! $S demo --households 30 --seed 1 --no-open --db $F
//! printf "$P\n" | $S user add "Lê Thị Hoa" --role admin --passphrase-stdin --db $F
//! printf 'Mã hộ,Mã thôn,Thôn,Họ tên chủ hộ,Số nhân khẩu\nT02-0001,T02,Thôn Nhân Lý,Nguyễn Bá Luân,6\nT01-0999,T01,Thôn Vĩnh Ninh,Trần Văn Thử,3\n' > /tmp/fx/ho-a.csv
//! printf "$P\n" | $S import households /tmp/fx/ho-a.csv --user "$U" --passphrase-stdin --db $F
//! printf "$P\n" | $S undo --yes --user "$U" --passphrase-stdin --db $F
//! printf 'Mã hộ,Mã thôn,Thôn,Họ tên chủ hộ,Số nhân khẩu\nT01-0002,T01,Thôn Vĩnh Ninh,Lê Văn Hải,3\n' > /tmp/fx/ho-b.csv
//! printf "$P\n" | $S import households /tmp/fx/ho-b.csv --user "$U" --passphrase-stdin --db $F
//! printf "$P\n" | $S close 2026-Q1 --user "$U" --passphrase-stdin --db $F
//! printf "$P\n" | $S request add --person "Nguyễn Bá Luân" --kind see --received 01/12/2026 --user "$U" --passphrase-stdin --db $F
//! printf "$P\nmat-khau-tep-nen\n" | $S export households /tmp/fx/ho-day-du.csv --include-personal --user "$U" --passphrase-stdin --db $F
//! printf "$P\n" | $S check --user "$U" --passphrase-stdin --db $F
//! rm $F/soxa.lock && rmdir $F/store/blobs
//! ```
//!
//! (A dry run of the first import, `soxa access-log`, `soxa request list`
//! and `soxa close --list` were also run, each signing in; the last sign-in
//! was by `soxa check`.) No `backups/` folder was left. The demo printed
//! counts 10 hamlets, 30 households, 84 commitments, 34 teams, 397
//! members, 30 cases, 23 models, 20 assessments, 76 outreach sessions; the
//! user's recovery key (for the backups made after it) is
//! `AGE-SECRET-KEY-1JQ2AFXLG9L6JMYLGX7HH8YSL5U9DAXMH3RV5WQAQA5XGRP839E3QGHUUK4`.
//! The folder is 1.1 MB (`du -sh`), about 116 KB compressed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use soxa::domain::{Assessment, Commitment, Hamlet, Household, MediationCase, Member, Model, Outreach, Team};
use soxa::store::tables::T;
use soxa::store::{OpenError, OpenOptions, Store};

use crate::common::{claim_schema, hamlet, snapshot, soxa_cmd, soxa_input, stderr};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema1-demo30")
}

fn fixture2() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema2-demo30")
}

fn fixture3() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema3-demo30")
}

fn fixture4() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema4-demo30")
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
    copy_of(&fixture())
}

fn copy_of(fixture: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    copy_dir(fixture, &db);
    (tmp, db)
}

fn marker(db: &Path) -> String {
    fs::read_to_string(db.join("soxa-format")).unwrap()
}

fn upgrade_backups(db: &Path) -> usize {
    let Ok(dir) = fs::read_dir(db.join("backups")) else { return 0 };
    dir.filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with("-truoc-nang-cap.soxabak")).count()
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

#[test]
fn the_schema_2_database_is_upgraded_checks_clean_and_reads_the_same() {
    let (_tmp, db) = copy_of(&fixture2());
    assert_eq!(marker(&db), "soxa database\nschema 2\n");
    let store = Store::open(&db, &OpenOptions { create: false, ..OpenOptions::default() }).expect("opens");
    assert_eq!(marker(&db), format!("soxa database\nschema {}\n", soxa::store::SCHEMA_VERSION), "upgraded");
    assert_eq!(upgrade_backups(&db), 1, "backed up as it was before the upgrade");
    assert_eq!(store.check().unwrap(), vec![], "the schema 2 database no longer checks clean");
    let counts = [
        store.count::<Hamlet>(),
        store.count::<Household>(),
        store.count::<Team>(),
        store.count::<Member>(),
        store.count::<MediationCase>(),
    ];
    assert_eq!(counts, [10, 30, 34, 416, 30]);
    assert_eq!((store.count::<Model>(), store.count::<Assessment>(), store.count::<Outreach>()), (0, 0, 0));
    let commune = store.commune().unwrap().expect("the commune");
    assert_eq!(commune.plan, soxa::domain::Plan::default(), "the default plan");
    assert_eq!((commune.model_kinds.len(), commune.criteria.len()), (6, 5), "the seeded catalogs");
    assert!(!commune.catalog.is_empty(), "its own commitment items kept");
    // The new kinds are written to it like to a new ledger.
    let kind = commune.model_kinds[0].id;
    let hamlet_id = store.all::<Hamlet>().unwrap()[0].id;
    let started = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    store.insert(Model::new("Tổ tự quản xóm 3", kind, Some(hamlet_id), started)).expect("a model is saved");
    assert_eq!(store.check().unwrap(), vec![]);
    drop(store);
    Store::open(&db, &OpenOptions::default()).expect("opens again");
    assert_eq!(upgrade_backups(&db), 1, "no second upgrade, no second copy");
}

#[test]
fn the_schema_2_database_checks_clean_from_the_real_binary_and_a_newer_one_is_refused() {
    let (_tmp, db) = copy_of(&fixture2());
    let out = soxa_cmd(&["check", "--lang", "en", "--db"]).arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let newer = soxa::store::SCHEMA_VERSION + 1;
    claim_schema(&db, newer);
    let before = snapshot(&db);
    let out = soxa_cmd(&["check", "--lang", "en", "--db"]).arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(4), "made by a newer soxa: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(snapshot(&db) == before, "the refused database was modified");
}

#[test]
fn the_schema_3_database_is_upgraded_keeps_every_record_and_its_audit_log_and_has_no_operators() {
    let (_tmp, db) = copy_of(&fixture3());
    assert_eq!(marker(&db), "soxa database\nschema 3\n");
    let audit_before = {
        let raw = sled::open(db.join("store")).unwrap();
        raw.open_tree("audit").unwrap().len()
    };
    let store = Store::open(&db, &OpenOptions { create: false, ..OpenOptions::default() }).expect("opens");
    assert_eq!(marker(&db), format!("soxa database\nschema {}\n", soxa::store::SCHEMA_VERSION), "upgraded");
    assert_eq!(upgrade_backups(&db), 1, "backed up as it was before the upgrade");
    assert_eq!(store.check().unwrap(), vec![], "the schema 3 database no longer checks clean");
    let counts = [
        store.count::<Hamlet>(),
        store.count::<Household>(),
        store.count::<Team>(),
        store.count::<Member>(),
        store.count::<MediationCase>(),
        store.count::<Model>(),
        store.count::<Assessment>(),
        store.count::<Outreach>(),
    ];
    // As `soxa demo --households 30` printed when the fixture was made.
    assert_eq!(counts, [10, 30, 34, 397, 30, 23, 20, 76]);
    let changes = store.changes_since(0, usize::MAX).unwrap();
    assert!(audit_before > 0 && changes.complete);
    assert_eq!(changes.entries.len(), audit_before, "every audit entry kept");
    assert!(!store.has_operators().unwrap(), "a ledger from before operators is kept by its single clerk");
    assert!(store.access_log(10).unwrap().is_empty());
    assert_eq!(store.recovery_recipient().unwrap(), None);
    drop(store);
    let out = soxa_cmd(&["search", "--lang", "en", "--db"]).arg(&db).arg("nguyen").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "no sign-in asked: {}", String::from_utf8_lossy(&out.stderr));
}

/// A tree's entries, (key, value) in key order.
pub type Entries = Vec<(Vec<u8>, Vec<u8>)>;

/// Every entry of every tree of `soxa::store::tables::T::ALL` in the ledger
/// at `db`, read raw with sled (`db/store`), by tree name: what the ledger
/// holds before soxa opens it (and may migrate it). A tree the store does
/// not have yet is read as empty, without creating it. The ledger must not
/// be open: sled is dropped before this returns.
pub fn raw_entries(db: &Path) -> BTreeMap<String, Entries> {
    let raw = sled::open(db.join("store")).unwrap();
    let present = raw.tree_names();
    T::ALL
        .iter()
        .map(|t| {
            let entries = if present.iter().any(|n| &n[..] == t.name().as_bytes()) {
                let tree = raw.open_tree(t.name()).unwrap();
                tree.iter().map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())).unwrap()).collect()
            } else {
                Vec::new()
            };
            (t.name().to_string(), entries)
        })
        .collect()
}

/// `meta`'s entries without the schema version (which an upgrade changes).
fn meta_but_schema(entries: &[(Vec<u8>, Vec<u8>)]) -> Entries {
    entries.iter().filter(|(k, _)| k.as_slice() != b"schema_version").cloned().collect()
}

/// Every tree of the opened `store` holds, entry for entry and byte for
/// byte, what `raw` read before (`meta`: but its schema version).
fn assert_every_entry_kept(store: &Store, raw: &BTreeMap<String, Entries>, when: &str) {
    for t in T::ALL {
        let now = store.entries_of(t).unwrap();
        let before = &raw[t.name()];
        if t == T::Meta {
            assert!(meta_but_schema(&now) == meta_but_schema(before), "{when}: meta changed beyond its schema version");
        } else {
            assert_eq!(now.len(), before.len(), "{when}: entries of tree {}", t.name());
            assert!(now == *before, "{when}: the entries of tree {} changed", t.name());
        }
    }
}

/// The schema 4 fixture (see the header) is upgraded keeping every entry of
/// every tree: records, every index, search texts, briefs, the audit log,
/// the access log, the closed period, the operator and the request, as the
/// ledger means them (`Store::entries_of`, whatever layout a tree is stored
/// in), compared with what sled held before soxa opened it. Its operator is
/// "Lê Thị Hoa" (admin, signs in as `le thi hoa`) with the passphrase
/// `hoa-mat-khau-2026`. While schema 4 is the current schema this fails
/// only at `SCHEMA_VERSION > 4`, after everything else has passed.
#[test]
#[allow(
    clippy::assertions_on_constants,
    reason = "`SCHEMA_VERSION > 4` fails until schema 5; a const block would not compile"
)]
fn the_schema_4_database_is_upgraded_keeping_every_entry_of_every_tree() {
    let (_tmp, db) = copy_of(&fixture4());
    assert_eq!(marker(&db), "soxa database\nschema 4\n");
    let raw = raw_entries(&db);
    let nonempty = |name: &str| !raw[name].is_empty();
    let kinds = ["operators", "access_log", "requests", "closed_periods", "audit", "briefs", "search"];
    assert!(kinds.iter().all(|name| nonempty(name)), "the fixture holds what schema 4 has");
    let opts = OpenOptions { create: false, ..OpenOptions::default() };

    let store = Store::open(&db, &opts).expect("opens");
    let marker_after_open = marker(&db);
    let backups_after_open = upgrade_backups(&db);
    assert_every_entry_kept(&store, &raw, "after the upgrade");
    assert_eq!(store.check().unwrap(), vec![], "the schema 4 database no longer checks clean");
    assert!(store.has_operators().unwrap(), "its operator kept");
    drop(store);

    let again = Store::open(&db, &opts).expect("opens again");
    assert_every_entry_kept(&again, &raw, "opened again");
    assert_eq!(marker(&db), marker_after_open, "no second migration");
    assert_eq!(upgrade_backups(&db), backups_after_open, "no second upgrade, no second copy");
    drop(again);

    let out = soxa_input(
        &["check", "--lang", "en", "--user", "le thi hoa", "--db", db.to_str().unwrap()],
        "hoa-mat-khau-2026\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // The upgrade itself: only once schema 4 is no longer the current one.
    assert!(soxa::store::SCHEMA_VERSION > 4, "schema 4 is still the current schema: nothing to upgrade yet");
    assert_eq!(marker_after_open, format!("soxa database\nschema {}\n", soxa::store::SCHEMA_VERSION), "upgraded");
    assert_eq!(backups_after_open, 1, "backed up as it was before the upgrade");
}
