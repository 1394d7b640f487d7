//! Locked backups (issue 15): a ledger with a recovery key writes every
//! backup, automatic ones too, encrypted to it; nothing personal shows in
//! the file's bytes; it restores with the key, every entry equal, and is
//! refused without it or with another key, nothing written; after a new
//! key, new backups need it and older ones the old key. The real binary
//! asks for the key, reads it from standard input or a key file, and makes
//! a new one with `soxa recovery-key`.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use soxa::domain::access::OperatorRole;
use soxa::domain::{Hamlet, Household, MediationCase};
use soxa::store::Store;
use soxa::store::backup::{self, AGE_MAGIC, BackupError, Reason, RecoveryKey, format::MAGIC};

use super::{every_tree, path_str};
use crate::common::tui::demo_store;
use crate::common::{now, open_at, soxa, soxa_cmd, stderr, stdout};

/// Names, ID numbers, phone numbers, hamlet names and case words of the
/// store, as they would show in a plain file.
fn known_values(store: &Store) -> Vec<String> {
    let mut values = Vec::new();
    for h in store.all::<Household>().unwrap().iter().take(60) {
        values.push(h.head_name.clone());
        values.extend(h.national_id.clone());
        values.extend(h.phone.clone());
        values.push(h.address.clone());
    }
    values.extend(store.all::<Hamlet>().unwrap().into_iter().map(|h| h.name));
    for c in store.all::<MediationCase>().unwrap().iter().take(30) {
        values.push(c.content.clone());
        values.extend(c.parties.iter().map(|p| p.name.clone()));
    }
    values.retain(|v| v.len() >= 6);
    values.sort();
    values.dedup();
    assert!(values.len() > 100, "enough values to look for: {}", values.len());
    values
}

fn holds(bytes: &[u8], value: &str) -> bool {
    bytes.windows(value.len()).any(|w| w == value.as_bytes())
}

fn key(secret: &str) -> RecoveryKey {
    RecoveryKey::find(secret).expect("a recovery key")
}

#[test]
fn a_locked_backup_shows_nothing_personal_and_restores_only_with_its_key() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp);
    let values = known_values(&store);
    let plain = tmp.path().join("plain.soxabak");
    store.backup_to(&plain, false).unwrap();
    let plain_bytes = fs::read(&plain).unwrap();
    assert!(plain_bytes.starts_with(&MAGIC), "no key: a plain backup, as before");
    assert!(values.iter().filter(|v| holds(&plain_bytes, v)).count() > values.len() / 2, "the search finds them");

    let secret = store.new_recovery_key().unwrap();
    let file = tmp.path().join("locked.soxabak");
    let written = store.backup_to(&file, false).unwrap();
    let bytes = fs::read(&file).unwrap();
    assert!(bytes.starts_with(AGE_MAGIC));
    assert_eq!(written.bytes, bytes.len() as u64);
    let shown: Vec<&String> = values.iter().filter(|v| holds(&bytes, v)).collect();
    assert!(shown.is_empty(), "in clear in the locked backup: {shown:?}");
    drop(store);

    let restored = tmp.path().join("restored");
    let other = key(&another_secret());
    assert!(matches!(backup::verify(&file), Err(BackupError::Locked { .. })));
    let refused = backup::restore_with(&file, &restored, false, now(), None);
    assert!(matches!(refused, Err(BackupError::Locked { .. })), "{refused:?}");
    let refused = backup::restore_with(&file, &restored, false, now(), Some(&other));
    assert!(matches!(refused, Err(BackupError::WrongKey { .. })), "{refused:?}");
    assert!(!restored.exists(), "nothing written");

    let r = backup::restore_with(&file, &restored, false, now(), Some(&key(&secret))).unwrap();
    assert_eq!(r.contents.entries, written.entries);
    let original = every_tree(&tmp.path().join("db"));
    assert_eq!(original, every_tree(&restored), "every entry of every tree");
    assert_eq!(open_at(&restored).check().unwrap(), vec![]);
    // An old plain backup still restores, without a key.
    backup::restore(&plain, &tmp.path().join("from-plain"), false, now()).unwrap();
}

/// A recovery key of no ledger's.
fn another_secret() -> String {
    use age::secrecy::ExposeSecret;
    age::x25519::Identity::generate().to_string().expose_secret().to_string()
}

#[test]
fn automatic_backups_of_a_ledger_with_a_key_are_locked_too() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp);
    let secret = store.new_recovery_key().unwrap();
    let bulk = store.auto_backup(Reason::BeforeBulkChange).unwrap();
    let daily = store.start_daily_backup().expect("due").unwrap().wait().unwrap();
    drop(store);
    for (n, file) in [bulk.path, daily.path].iter().enumerate() {
        assert!(fs::read(file).unwrap().starts_with(AGE_MAGIC), "{}", file.display());
        let into = tmp.path().join(format!("r{n}"));
        backup::restore_with(file, &into, false, now(), Some(&key(&secret))).unwrap();
        assert_eq!(open_at(&into).check().unwrap(), vec![]);
    }
}

#[test]
fn after_a_new_key_new_backups_need_it_and_older_ones_the_old_key() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp);
    let old = store.new_recovery_key().unwrap();
    let before = tmp.path().join("before.soxabak");
    store.backup_to(&before, false).unwrap();
    let new = store.new_recovery_key().unwrap();
    let after = tmp.path().join("after.soxabak");
    store.backup_to(&after, false).unwrap();
    drop(store);
    let (old, new) = (key(&old), key(&new));
    assert!(matches!(backup::verify_with(&after, Some(&old)), Err(BackupError::WrongKey { .. })));
    assert!(matches!(backup::verify_with(&before, Some(&new)), Err(BackupError::WrongKey { .. })));
    assert!(backup::verify_with(&after, Some(&new)).is_ok());
    assert!(backup::verify_with(&before, Some(&old)).is_ok());
}

#[test]
fn a_damaged_locked_backup_is_refused_as_damaged() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp);
    let secret = store.new_recovery_key().unwrap();
    let file = tmp.path().join("b.soxabak");
    store.backup_to(&file, false).unwrap();
    drop(store);
    let bytes = fs::read(&file).unwrap();
    let len = bytes.len();
    let damaged = tmp.path().join("damaged.soxabak");
    // In the header, in the first chunk, in the last one; cut short.
    for (n, cut) in [(40, len), (300, len), (len - 5, len), (len, len - 100), (len, 30)] {
        let mut copy = bytes[..cut].to_vec();
        if let Some(b) = copy.get_mut(n) {
            *b ^= 0x20;
        }
        fs::write(&damaged, &copy).unwrap();
        let into = tmp.path().join("into");
        let got = backup::restore_with(&damaged, &into, false, now(), Some(&key(&secret)));
        assert!(
            matches!(got, Err(BackupError::Invalid { .. } | BackupError::WrongKey { .. })),
            "byte {n}, cut at {cut}: {got:?}"
        );
        assert!(!into.exists(), "nothing written");
    }
}

/// Runs the binary with `input` on its standard input.
fn soxa_with_input(args: &[&str], input: &str) -> Output {
    let mut child = soxa_cmd(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn locked_backup(tmp: &Path) -> (std::path::PathBuf, String) {
    let store = open_at(&tmp.join("db"));
    store.save_commune(crate::common::commune()).unwrap();
    let secret = store.new_recovery_key().unwrap();
    let file = tmp.join("b.soxabak");
    store.backup_to(&file, false).unwrap();
    (file, secret)
}

#[test]
fn the_binary_restores_with_the_key_from_stdin_or_a_file_and_refuses_a_wrong_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (file, secret) = locked_backup(tmp.path());
    let into = tmp.path().join("r1");
    let args = |into: &Path| {
        vec!["restore".to_string(), path_str(&file).into(), "--db".into(), path_str(into).into(), "--lang".into()]
    };
    let run = |into: &Path, extra: &[&str], input: &str| {
        let mut a = args(into);
        a.push("en".into());
        a.extend(extra.iter().map(|s| s.to_string()));
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        soxa_with_input(&a, input)
    };
    let wrong = another_secret();
    let out = run(&into, &["--passphrase-stdin"], &format!("{wrong}\n"));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("This recovery key does not open the backup"), "{}", stderr(&out));
    assert_eq!(stderr(&out).trim().lines().count(), 1, "one sentence");
    assert!(!into.exists(), "nothing written");

    let out = run(&into, &["--passphrase-stdin"], "not a key\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a recovery key"), "{}", stderr(&out));
    assert!(!into.exists());

    let out = run(&into, &["--passphrase-stdin"], &format!("{secret}\n"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Restored"), "{}", stdout(&out));

    let sheet = tmp.path().join("sheet.txt");
    fs::write(&sheet, soxa::i18n::recovery::sheet(soxa::domain::Lang::Vi, &secret)).unwrap();
    let into = tmp.path().join("r2");
    let out = run(&into, &["--key-file", path_str(&sheet)], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(open_at(&into).check().unwrap(), vec![]);
}

#[test]
fn the_binary_refuses_a_locked_backup_without_a_key() {
    let tmp = tempfile::tempdir().unwrap();
    let (file, _) = locked_backup(tmp.path());
    let into = tmp.path().join("r");
    // No terminal and nothing on standard input: no key.
    let out = soxa(&["restore", path_str(&file), "--db", path_str(&into), "--passphrase-stdin", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!into.exists());
}

#[test]
fn recovery_key_needs_users_then_prints_a_new_sheet_once() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let store = open_at(&db);
    store.save_commune(crate::common::commune()).unwrap();
    drop(store);
    let out = soxa(&["recovery-key", "--db", path_str(&db), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("create the first user first"), "{}", stderr(&out));

    let store = open_at(&db);
    store.add_operator("admin", OperatorRole::Admin, None, "mat-khau-dai").unwrap();
    let first = store.new_recovery_key().unwrap();
    let old_backup = tmp.path().join("old.soxabak");
    store.backup_to(&old_backup, false).unwrap();
    drop(store);

    let sheet = tmp.path().join("to-khoa.txt");
    let args = ["recovery-key", "--db", path_str(&db), "--user", "admin", "--passphrase-stdin"];
    let out = soxa_with_input(&[&args[..], &["--sheet", path_str(&sheet)]].concat(), "mat-khau-dai\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    let new = key(&printed);
    assert!(printed.contains("két sắt"), "{printed}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&sheet).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert!(fs::read_to_string(&sheet).unwrap().contains("AGE-SECRET-KEY-1"));

    let store = open_at(&db);
    let new_backup = tmp.path().join("new.soxabak");
    store.backup_to(&new_backup, false).unwrap();
    drop(store);
    assert!(backup::verify_with(&new_backup, Some(&new)).is_ok());
    assert!(matches!(backup::verify_with(&new_backup, Some(&key(&first))), Err(BackupError::WrongKey { .. })));
    assert!(backup::verify_with(&old_backup, Some(&key(&first))).is_ok());
}
