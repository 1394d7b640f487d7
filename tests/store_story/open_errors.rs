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

/// `/proc` takes no new folder, even from root; and is itself a folder of
/// other files.
#[cfg(target_os = "linux")]
#[test]
fn a_folder_under_proc_is_not_writable() {
    let path = std::path::Path::new("/proc/soxa-db");
    match open(path) {
        Err(OpenError::NotWritable { path: told, .. }) => assert_eq!(told, path),
        Err(other) => panic!("expected NotWritable, got {other:?}"),
        Ok(_) => panic!("a store opened under /proc"),
    }
    assert!(!path.exists());
    assert!(matches!(open(std::path::Path::new("/proc")), Err(OpenError::NotADatabase { .. })));
}

/// A folder this process may not write into. Its mode (0o500) binds a
/// user but not root, and CI runs as root: then the folder is also marked
/// immutable (`chattr +i`, which binds root too: no entry can be created
/// in it). Undone on drop, so the temporary folder can be removed.
#[cfg(unix)]
struct ReadOnly {
    dir: std::path::PathBuf,
    immutable: bool,
}

#[cfg(unix)]
impl ReadOnly {
    /// `None` when neither way makes `dir` refuse a new file.
    fn make(dir: &std::path::Path) -> Option<ReadOnly> {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o500)).unwrap();
        let mut guard = ReadOnly { dir: dir.to_path_buf(), immutable: false };
        if refuses_new_files(dir) {
            return Some(guard);
        }
        let chattr = std::process::Command::new("chattr").arg("+i").arg(dir).output();
        guard.immutable = chattr.is_ok_and(|o| o.status.success());
        (guard.immutable && refuses_new_files(dir)).then_some(guard)
    }
}

#[cfg(unix)]
impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let undone = std::process::Command::new("chattr").arg("-i").arg(&self.dir).status();
            assert!(undone.is_ok_and(|s| s.success()), "chattr -i {}", self.dir.display());
        }
        fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700)).unwrap();
    }
}

/// Whether creating a file in `dir` fails (a file that could be made is
/// removed again).
#[cfg(unix)]
fn refuses_new_files(dir: &std::path::Path) -> bool {
    let probe = dir.join("probe");
    match fs::write(&probe, b"") {
        Ok(()) => {
            fs::remove_file(&probe).unwrap();
            false
        }
        Err(_) => true,
    }
}

/// Issue 19: this test returned early as root (always the case in CI), so
/// it checked nothing there; as root the folder is now made immutable.
#[cfg(unix)]
#[test]
fn a_read_only_folder_is_not_writable() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("readonly");
    fs::create_dir(&dir).unwrap();
    let Some(read_only) = ReadOnly::make(&dir) else {
        // `chattr +i` needs CAP_LINUX_IMMUTABLE and a filesystem with the
        // flag (ext2/3/4, xfs, btrfs; tmpfs since Linux 6.0).
        return crate::common::skip_outside_ci(
            "a folder refusing new files: mode 0o500 did not bind this user and chattr +i failed",
        );
    };
    let result = open(&dir);
    let entries: Vec<_> = fs::read_dir(&dir).unwrap().collect();
    let how = if read_only.immutable { "immutable (chattr +i)" } else { "mode 0o500" };
    drop(read_only);
    match result {
        Err(OpenError::NotWritable { path, detail }) => {
            assert_eq!(path, dir, "{how}");
            assert!(!detail.is_empty(), "{how}: the system's reason is kept for the sentence");
        }
        Err(other) => panic!("{how}: expected NotWritable, got {other:?}"),
        Ok(_) => panic!("{how}: a store opened in a folder that refuses new files"),
    }
    assert!(entries.is_empty(), "{how}: nothing was written: {entries:?}");
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
