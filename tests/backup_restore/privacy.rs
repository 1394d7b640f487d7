//! On Unix, what soxa creates is for its owner only: database, backups and
//! restore folders 0700, backup files 0600.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use soxa::store::backup::{self, Reason};

use super::path_str;
use crate::common::{TestDb, now, soxa, stderr};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn folders_are_0700_and_backup_files_0600() {
    let db = TestDb::new();
    let path = db.path();
    assert_eq!(mode(&path), 0o700, "database folder");

    let auto = db.store.auto_backup(Reason::Daily).unwrap();
    assert_eq!(mode(&path.join("backups")), 0o700, "backups folder");
    assert_eq!(mode(&auto.path), 0o600, "automatic backup");

    let own = db.tmp.path().join("copy.soxabak");
    db.store.backup_to(&own, false).unwrap();
    assert_eq!(mode(&own), 0o600, "backup written with soxa backup");
    drop(db.store);

    // Restored into a new folder, then replaced: the moved-aside folder too.
    let restored = db.tmp.path().join("restored/deeper");
    backup::restore(&own, &restored, false, now()).unwrap();
    assert_eq!(mode(&restored), 0o700, "restored database folder");
    let r = backup::restore(&own, &restored, true, now()).unwrap();
    assert_eq!(mode(&restored.join("backups")), 0o700);
    assert_eq!(mode(&r.moved_aside.unwrap()), 0o700, "folder of the replaced database");
}

#[test]
fn the_binary_writes_backups_for_the_owner_only() {
    let db = TestDb::new();
    let file = db.tmp.path().join("sổ.soxabak");
    let store_path = db.path();
    drop(db.store);
    let out = soxa(&["backup", path_str(&file), "--db", path_str(&store_path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&file), 0o600);
}
