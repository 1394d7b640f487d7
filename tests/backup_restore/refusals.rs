//! What a backup or restore refuses, with its sentence and exit code, and
//! that a refusal changes nothing.

use std::fs;

use soxa::store::SCHEMA_VERSION;
use soxa::store::backup::encode::Encoder;
use soxa::store::backup::format::{FORMAT_VERSION, Header};

use super::path_str;
use crate::common::{TestDb, make_db, snapshot, soxa, stderr, stdout};

/// One sentence on stderr holding `words`, exit `code`, no panic.
fn assert_refused(out: &std::process::Output, code: i32, words: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "stderr: {err}\nstdout: {}", stdout(out));
    assert!(err.contains(words), "expected {words:?} in: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

/// A database in `tmp/db` and a good backup of it in `tmp/good.soxabak`.
fn db_and_backup() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    make_db(&tmp.path().join("db"));
    let file = tmp.path().join("good.soxabak");
    let out = soxa(&["backup", path_str(&file), "--db", path_str(&tmp.path().join("db"))]);
    assert!(out.status.success(), "{}", stderr(&out));
    (tmp, file)
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let (tmp, file) = db_and_backup();
    let db = tmp.path().join("db");
    fs::write(&file, b"my own notes").unwrap();
    let out = soxa(&["backup", path_str(&file), "--db", path_str(&db)]);
    assert_refused(&out, 1, "soxa không ghi đè");
    assert_eq!(fs::read(&file).unwrap(), b"my own notes");
    let out = soxa(&["backup", path_str(&file), "--db", path_str(&db), "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(soxa::store::backup::verify(&file).is_ok());
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_folder_holding_a_database_is_replaced_only_when_asked() {
    let (tmp, file) = db_and_backup();
    let other = tmp.path().join("other");
    make_db(&other);
    let before = snapshot(&other);
    let out = soxa(&["restore", path_str(&file), "--db", path_str(&other)]);
    assert_refused(&out, 1, "đã có cơ sở dữ liệu");
    assert!(snapshot(&other) == before, "the database was touched");

    let out = soxa(&["restore", path_str(&file), "--db", path_str(&other), "--replace", "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("The previous database was kept, unchanged, in"), "{}", stdout(&out));
    // The replaced store and marker, byte for byte, under backups/.
    let aside = fs::read_dir(other.join("backups")).unwrap().flatten().map(|e| e.path()).find(|p| p.is_dir()).unwrap();
    assert!(aside.file_name().unwrap().to_string_lossy().starts_with("truoc-khoi-phuc-"));
    let kept = snapshot(&aside);
    for (path, bytes) in &before {
        if path.starts_with("store") || path.as_os_str() == "soxa-format" {
            assert_eq!(kept.get(path), Some(bytes), "{} was not kept as it was", path.display());
        }
    }
}

#[test]
fn a_damaged_backup_changes_nothing() {
    let (tmp, file) = db_and_backup();
    let mut bytes = fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    let bad = tmp.path().join("bad.soxabak");
    fs::write(&bad, &bytes).unwrap();
    let new = tmp.path().join("new");
    let out = soxa(&["restore", path_str(&bad), "--db", path_str(&new)]);
    assert_refused(&out, 1, "bị hỏng");
    assert!(!new.exists(), "a folder was made for a damaged backup");

    // Even when replacing: the current database stays in place.
    let db = tmp.path().join("db");
    let before = snapshot(&db);
    let out = soxa(&["restore", path_str(&bad), "--db", path_str(&db), "--replace", "--lang", "en"]);
    assert_refused(&out, 1, "is damaged (");
    assert!(snapshot(&db) == before);

    fs::write(&bad, &bytes[..middle]).unwrap();
    let out = soxa(&["restore", path_str(&bad), "--db", path_str(&new), "--lang", "en"]);
    assert_refused(&out, 1, "ends too early");
}

#[test]
fn other_files_and_newer_backups_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let sheet = tmp.path().join("danh sách hộ.xlsx");
    fs::write(&sheet, b"PK\x03\x04 not a backup").unwrap();
    let new = tmp.path().join("new");
    assert_refused(&soxa(&["restore", path_str(&sheet), "--db", path_str(&new)]), 1, "không phải tệp sao lưu");
    let missing = tmp.path().join("không có.soxabak");
    assert_refused(&soxa(&["restore", path_str(&missing), "--db", path_str(&new)]), 1, "Không đọc được tệp");

    let newer = tmp.path().join("newer.soxabak");
    let header = Header { format: FORMAT_VERSION, schema: SCHEMA_VERSION + 1, created_at: 0, next_id: 1 };
    let bytes = Encoder::new(Vec::new(), &header).unwrap().finish().unwrap();
    fs::write(&newer, bytes).unwrap();
    assert_refused(&soxa(&["restore", path_str(&newer), "--db", path_str(&new)]), 4, "phiên bản soxa mới hơn");
    assert!(!new.exists());
}

#[test]
fn a_folder_of_other_files_or_an_open_database_is_left_alone() {
    let (tmp, file) = db_and_backup();
    let documents = tmp.path().join("tài liệu");
    fs::create_dir(&documents).unwrap();
    fs::write(documents.join("báo cáo.docx"), b"x").unwrap();
    let before = snapshot(&documents);
    let out = soxa(&["restore", path_str(&file), "--db", path_str(&documents), "--replace"]);
    assert_refused(&out, 7, "không phải cơ sở dữ liệu soxa");
    assert!(snapshot(&documents) == before);

    let open = TestDb::new();
    let out = soxa(&["restore", path_str(&file), "--db", path_str(&open.path()), "--replace"]);
    assert_refused(&out, 3, "cửa sổ soxa khác");
    open.store.insert(crate::common::hamlet("T01", "Đông")).expect("the open window still works");
    let out = soxa(&["backup", path_str(&tmp.path().join("x.soxabak")), "--db", path_str(&open.path())]);
    assert_refused(&out, 3, "cửa sổ soxa khác");
}
