//! Nothing soxa keeps aside is ever deleted by a command that cleans up: a
//! `backups/` folder holding every kind of thing kept aside (automatic
//! backups of each kind, one dated in the future, a ledger kept aside by a
//! restore, a clerk's own files and folders) goes through demo re-runs,
//! restores with `--replace` (of a demo, then a demo over the restored demo:
//! the reported case), backups, imports, exports, reports and checks, and
//! every file in it is still there, byte for byte.

use std::fs;
use std::path::Path;

use crate::common::{copy_dir, demo_at, snapshot, soxa_cmd, stderr, stdout};

fn run(db: &Path, args: &[&str]) {
    run_expecting(db, args, 0);
}

fn run_expecting(db: &Path, args: &[&str], code: i32) {
    let out = soxa_cmd(&["--lang", "en", "--db"]).arg(db).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {}\n{}", stdout(&out), stderr(&out));
}

/// Fills `backups/` with one of everything soxa or the clerk keeps there.
fn keep_aside(db: &Path, other_ledger: &Path) {
    let backups = db.join("backups");
    fs::create_dir_all(backups.join("tài liệu riêng/cũ")).unwrap();
    // A real backup, written outside (no command writes inside a ledger
    // folder) and put there by hand.
    let real = backups.join("2026-11-20-090000.soxabak");
    let outside = other_ledger.with_extension("soxabak");
    run(db, &["backup", outside.to_str().unwrap()]);
    fs::rename(&outside, &real).unwrap();
    for name in [
        "2026-11-21-090000-truoc-thay-doi.soxabak",
        "2026-11-19-090000-truoc-nang-cap.soxabak",
        "2099-01-01-000000.soxabak",
        "ban-sao-cua-toi.soxabak",
        "so-cu.soxabak.zip",
    ] {
        fs::copy(&real, backups.join(name)).unwrap();
    }
    fs::write(backups.join("ghi chú.txt"), "Sổ của xã, đừng xóa.").unwrap();
    fs::write(backups.join("tài liệu riêng/cũ/danh sách.xlsx"), b"PK\x03\x04 not really").unwrap();
    fs::write(backups.join("nhap.tmp"), b"the clerk's, not ours").unwrap();
    copy_dir(other_ledger, &backups.join("truoc-khoi-phuc-2026-10-01-080000"));
}

#[test]
fn nothing_kept_aside_is_deleted_by_any_command() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real");
    demo_at(&real, 40, 7);
    let db = tmp.path().join("demo");
    demo_at(&db, 30, 1);
    keep_aside(&db, &real);
    let kept = snapshot(&db.join("backups"));
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    let o = |name: &str| out.join(name).to_string_lossy().into_owned();
    let demo_file = o("demo.soxabak");

    let commands: Vec<Vec<String>> = vec![
        vec!["demo".into(), "--households".into(), "25".into(), "--no-open".into()],
        vec!["backup".into(), demo_file.clone()],
        vec!["backup".into(), db.join("backups").to_string_lossy().into_owned()],
        vec!["export".into(), "households".into(), o("h.csv")],
        vec!["import".into(), "households".into(), o("h.csv"), "--dry-run".into()],
        vec!["import".into(), "households".into(), o("h.csv")],
        vec!["report".into(), "--period".into(), "2026-Q3".into(), "-o".into(), o("r.json")],
        vec!["restore".into(), demo_file.clone(), "--replace".into()],
        // The reported case: the restored ledger is a demo, so a demo may
        // replace it; the real ledger kept aside before must stay.
        vec!["demo".into(), "--households".into(), "20".into(), "--seed".into(), "3".into(), "--no-open".into()],
        vec!["restore".into(), demo_file, "--replace".into()],
        vec!["check".into()],
        vec!["stats".into()],
        vec!["search".into(), "nguyen".into()],
        vec!["demo".into(), "--households".into(), "15".into(), "--no-open".into()],
    ];
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        // A backup into the ledger's own folder is refused (exit 1), and
        // must delete nothing either.
        let refused = args[0] == "backup" && Path::new(args[1]).starts_with(&db);
        run_expecting(&db, &args, if refused { 1 } else { 0 });
        let now = snapshot(&db.join("backups"));
        for (path, bytes) in &kept {
            assert!(now.get(path) == Some(bytes), "{args:?} deleted or changed backups/{}", path.display());
        }
    }
    // Each restore --replace kept the ledger it replaced.
    let aside = fs::read_dir(db.join("backups"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("truoc-khoi-phuc-2026-1"))
        .count();
    assert!(aside >= 3, "{aside} ledgers kept aside");
}
