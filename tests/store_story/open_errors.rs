//! Every way a folder can refuse to open, as the typed error the clerk's
//! sentence is made from; and a refusal never modifies the folder.

use std::fs;

use soxa::store::{OpenError, OpenOptions, Store};

use crate::common::{TestDb, claim_schema, hamlet, make_db, snapshot};

fn open(path: &std::path::Path) -> Result<Store, OpenError> {
    Store::open(path, &OpenOptions::default())
}

#[test]
fn a_second_window_is_told_the_database_is_locked() {
    let db = TestDb::new();
    match open(&db.path()) {
        Err(OpenError::Locked { path }) => assert_eq!(path, db.path()),
        Err(other) => panic!("expected Locked, got {other:?}"),
        Ok(_) => panic!("a second store opened the same folder"),
    }
    db.store.insert(hamlet("T01", "Đông")).expect("the first store still works");
}

#[test]
fn a_database_from_a_newer_soxa_is_refused_and_left_untouched() {
    for schema in [soxa::store::SCHEMA_VERSION + 1, 99] {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("db");
        make_db(&path);
        claim_schema(&path, schema);
        let before = snapshot(&path);
        assert!(before.len() > 3, "the snapshot sees sled's files too: {:?}", before.keys());
        match open(&path) {
            Err(OpenError::NewerVersion { found, supported, .. }) => {
                assert_eq!((found, supported), (schema, soxa::store::SCHEMA_VERSION));
            }
            Err(other) => panic!("expected NewerVersion, got {other:?}"),
            Ok(_) => panic!("schema {schema} opened"),
        }
        assert!(snapshot(&path) == before, "schema {schema}: the folder changed");
    }
}

#[test]
fn a_folder_of_other_files_is_not_a_database() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("Báo cáo quý III.xlsx"), b"not ours").unwrap();
    let before = snapshot(tmp.path());
    assert!(matches!(open(tmp.path()), Err(OpenError::NotADatabase { .. })));
    assert!(snapshot(tmp.path()) == before, "nothing was added to someone's documents folder");
}

#[test]
fn a_missing_database_is_not_created_when_creation_is_off() {
    let tmp = tempfile::tempdir().unwrap();
    let no_create = OpenOptions { create: false, ..OpenOptions::default() };
    let missing = tmp.path().join("không có");
    assert!(matches!(Store::open(&missing, &no_create), Err(OpenError::Missing { .. })));
    assert!(!missing.exists());
    assert!(matches!(Store::open(tmp.path(), &no_create), Err(OpenError::Missing { .. })), "empty folder");
}

#[test]
fn an_unreadable_format_marker_is_damage() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("db");
    make_db(&path);
    fs::write(path.join("soxa-format"), "hello\n").unwrap();
    assert!(matches!(open(&path), Err(OpenError::Damaged { .. })));
}

#[test]
fn a_folder_that_cannot_be_created_is_not_writable() {
    // Works even as root: a folder cannot be made under a plain file.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("ghi-chu.txt");
    fs::write(&file, b"x").unwrap();
    assert!(matches!(open(&file.join("db")), Err(OpenError::NotWritable { .. })));
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_not_writable() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("readonly");
    fs::create_dir(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o500)).unwrap();
    if fs::write(dir.join("probe"), b"").is_ok() {
        eprintln!("skipped: permissions are not enforced for this user (root?)");
        return;
    }
    let result = open(&dir);
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
    assert!(matches!(result, Err(OpenError::NotWritable { .. })), "{:?}", result.err());
}

#[test]
fn every_open_error_has_its_exit_code() {
    let p = std::path::PathBuf::from("x");
    let codes = [
        OpenError::Locked { path: p.clone() }.exit_code(),
        OpenError::NewerVersion { path: p.clone(), found: 2, supported: 1 }.exit_code(),
        OpenError::Damaged { path: p.clone(), detail: String::new(), backup: None }.exit_code(),
        OpenError::NotWritable { path: p.clone(), detail: String::new() }.exit_code(),
        OpenError::NotADatabase { path: p.clone() }.exit_code(),
        OpenError::Missing { path: p }.exit_code(),
    ];
    assert_eq!(codes, [3, 4, 5, 6, 7, 7]);
}
