//! Damaged database files (copies, in a temporary folder): truncated, zeroed
//! and flipped. Each is either told as damage naming the newest complete
//! automatic backup (when opening, or when `check` reads the damaged part:
//! sled reads its pages lazily), or reads back every entry unchanged (the
//! bytes hit were unused). Never a panic, never a partial load passed as
//! whole. Restoring the named backup over the damaged folder passes `check`.

use std::fs;
use std::path::{Path, PathBuf};

use soxa::store::backup::Reason;
use soxa::store::{OpenError, OpenOptions, Store, StoreError};

use super::{every_tree, path_str};
use crate::common::tui::demo_store;
use crate::common::{snapshot, soxa, stderr, stdout};

#[derive(Clone, Copy, Debug)]
enum Damage {
    Truncate {
        keep_percent: u64,
    },
    Zero {
        at_percent: u64,
    },
    /// Every byte from there to the end.
    ZeroFrom {
        percent: u64,
    },
    Flip {
        bytes: usize,
        seed: u64,
    },
}

const DAMAGES: [Damage; 15] = [
    Damage::Truncate { keep_percent: 0 },
    Damage::Truncate { keep_percent: 50 },
    Damage::Truncate { keep_percent: 90 },
    Damage::Zero { at_percent: 0 },
    Damage::Zero { at_percent: 50 },
    Damage::ZeroFrom { percent: 0 },
    Damage::ZeroFrom { percent: 50 },
    Damage::Flip { bytes: 1, seed: 1 },
    Damage::Flip { bytes: 1, seed: 2 },
    Damage::Flip { bytes: 1, seed: 3 },
    Damage::Flip { bytes: 16, seed: 4 },
    Damage::Flip { bytes: 16, seed: 5 },
    Damage::Flip { bytes: 16, seed: 6 },
    Damage::Flip { bytes: 200, seed: 7 },
    Damage::Flip { bytes: 200, seed: 8 },
];

/// A small seeded generator (splitmix64): the same damage on every run.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn apply(file: &Path, damage: Damage) {
    let mut bytes = fs::read(file).unwrap();
    let len = bytes.len() as u64;
    match damage {
        Damage::Truncate { keep_percent } => bytes.truncate((len * keep_percent / 100) as usize),
        Damage::Zero { at_percent } => {
            let start = (len * at_percent / 100) as usize;
            let end = (start + 4096).min(bytes.len());
            bytes[start..end].fill(0);
        }
        Damage::ZeroFrom { percent } => {
            let start = (len * percent / 100) as usize;
            bytes[start..].fill(0);
        }
        Damage::Flip { bytes: n, seed } => {
            let mut state = seed;
            for _ in 0..n {
                let at = (next(&mut state) % len) as usize;
                bytes[at] ^= 1 << (next(&mut state) % 8);
            }
        }
    }
    fs::write(file, bytes).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// sled's files of a database: `store/conf`, `store/db`, `store/snap.*`.
fn sled_files(db: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        fs::read_dir(db.join("store")).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

/// A demo database with a daily backup, plus a newer half-written copy and
/// a clerk's own file that must never be named.
fn source(tmp: &Path) -> (PathBuf, PathBuf) {
    let tmp_dir = tempfile::TempDir::new_in(tmp).unwrap();
    let store = demo_store(&tmp_dir);
    let backup = store.auto_backup(Reason::Daily).unwrap().path;
    let db = store.dir().to_path_buf();
    drop(store);
    fs::write(db.join("backups/2026-11-24-080000.soxabak.999.tmp"), b"half").unwrap();
    fs::write(db.join("backups/ban-sao-cua-toi.soxabak"), b"mine").unwrap();
    let kept = tmp.join("source");
    copy_dir(&db, &kept);
    (kept.clone(), kept.join("backups").join(backup.file_name().unwrap()))
}

/// How opening and checking a damaged copy went.
#[derive(Debug)]
enum Outcome {
    DamagedAtOpen,
    DamagedOnRead,
    /// sled opened a partial store (it takes a cut log for a crash's end);
    /// `check` finds what is missing.
    Mismatches,
    Unharmed,
}

fn open_and_check(copy: &Path, original: &Path, newest: &Path, case: &str) -> Outcome {
    let opts = OpenOptions { create: false, ..OpenOptions::default() };
    match Store::open(copy, &opts) {
        Err(OpenError::Damaged { backup, .. }) => {
            assert_eq!(backup.as_deref(), Some(newest), "{case}: the newest complete backup is named");
            Outcome::DamagedAtOpen
        }
        Err(other) => panic!("{case}: expected Damaged, got {other:?}"),
        Ok(store) => match store.check() {
            Err(StoreError::Corrupt { .. }) => Outcome::DamagedOnRead,
            Err(other) => panic!("{case}: damage read as {other:?}"),
            Ok(found) if !found.is_empty() => Outcome::Mismatches,
            Ok(_) => {
                drop(store);
                assert!(every_tree(copy) == every_tree(original), "{case}: opened clean but lost entries");
                Outcome::Unharmed
            }
        },
    }
}

#[test]
fn damaged_files_are_told_as_damage_and_their_backup_restores() {
    let tmp = tempfile::tempdir().unwrap();
    let (source, newest) = source(tmp.path());
    let files = sled_files(&source);
    assert!(files.len() >= 2, "conf, db (and a snapshot if sled took one): {files:?}");
    let mut told = 0;
    let mut seen = std::collections::BTreeMap::new();
    for (f, file) in files.iter().enumerate() {
        for (d, damage) in DAMAGES.into_iter().enumerate() {
            let case = format!("{} {damage:?}", file.file_name().unwrap().to_string_lossy());
            let copy = tmp.path().join(format!("copy-{f}-{d}"));
            copy_dir(&source, &copy);
            apply(&copy.join(file.strip_prefix(&source).unwrap()), damage);
            let newest_in_copy = copy.join(newest.strip_prefix(&source).unwrap());
            let outcome = open_and_check(&copy, &source, &newest_in_copy, &case);
            if !matches!(outcome, Outcome::Unharmed) {
                told += 1;
            }
            *seen.entry(format!("{outcome:?}")).or_insert(0) += 1;
            fs::remove_dir_all(&copy).unwrap();
        }
    }
    eprintln!("damaged copies: {seen:?}");
    // Most damage is found; only bytes sled does not use can go unnoticed.
    assert!(told >= files.len() * DAMAGES.len() / 2, "only {told} damaged copies were told");
}

#[test]
fn the_binary_names_the_backup_and_restores_it_over_the_damaged_database() {
    let tmp = tempfile::tempdir().unwrap();
    let (source, newest) = source(tmp.path());
    let db_file = source.join("store/db");
    // Where sled's own layout puts records varies from run to run, so these
    // are damages that always hit something: the file emptied, zeroed, and
    // 200 bytes flipped.
    let damages =
        [Damage::Truncate { keep_percent: 0 }, Damage::ZeroFrom { percent: 0 }, Damage::Flip { bytes: 200, seed: 7 }];
    for (n, damage) in damages.into_iter().enumerate() {
        let copy = tmp.path().join(format!("hỏng-{n}"));
        copy_dir(&source, &copy);
        apply(&copy.join(db_file.strip_prefix(&source).unwrap()), damage);
        let backup = copy.join(newest.strip_prefix(&source).unwrap());

        // Damage found by sled (exit 5) or records missing from a partial
        // store (exit 8): either way the newest backup is named.
        let out = soxa(&["check", "--db", path_str(&copy)]);
        let said = format!("{}{}", stderr(&out), stdout(&out));
        assert!(matches!(out.status.code(), Some(5 | 8)), "{damage:?}: {said}");
        let restore = format!("soxa restore \"{}\"", path_str(&backup));
        assert!(said.contains(&restore), "{damage:?}: {said}");
        assert!(!said.contains("panicked"), "{said}");

        let damaged = snapshot(&copy.join("store"));
        let out = soxa(&["restore", path_str(&backup), "--db", path_str(&copy), "--replace"]);
        assert!(out.status.success(), "{damage:?}: {}{}", stderr(&out), stdout(&out));
        assert!(stdout(&out).contains("Không phát hiện sai lệch nào"), "{}", stdout(&out));
        let out = soxa(&["check", "--db", path_str(&copy)]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(every_tree(&copy) == every_tree(&source), "{damage:?}: the restore holds the backup's entries");

        // The damaged store was moved aside, not deleted.
        let aside = fs::read_dir(copy.join("backups")).unwrap().flatten().find(|e| e.path().is_dir()).unwrap().path();
        assert!(snapshot(&aside.join("store")) == damaged, "{damage:?}: the damaged store was kept as it was");
    }
}
