//! Operators, signing in with its growing delay, and the access log.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::*;
use crate::domain::{Hamlet, HamletKind};
use crate::store::{Clock, OpenOptions};

fn at(secs: i64) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 6).unwrap().and_hms_opt(9, 0, 0).unwrap() + Duration::seconds(secs)
}

fn open(dir: &std::path::Path) -> Store {
    let mut store = Store::open(dir, &OpenOptions::default()).unwrap();
    store.set_clock(Clock::Fixed(at(0)));
    store
}

fn access_error(e: StoreError) -> AccessError {
    match e {
        StoreError::Access(a) => a,
        other => panic!("not an access error: {other:?}"),
    }
}

#[test]
fn the_first_operator_is_an_administrator_and_the_last_one_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    assert!(!store.has_operators().unwrap());
    let e = store.add_operator("Trần Văn Bình", OperatorRole::Police, None, "mat khau cong an").unwrap_err();
    assert_eq!(access_error(e), AccessError::FirstMustBeAdmin);
    assert!(!store.has_operators().unwrap(), "nothing written");
    store.add_operator("Lê Thị Hoa", OperatorRole::Admin, None, "mat khau quan tri").unwrap();
    store.add_operator("Trần Văn Bình", OperatorRole::Police, None, "mat khau cong an").unwrap();
    let e = store.add_operator("TRAN VAN BINH", OperatorRole::Viewer, None, "mat khau chi xem").unwrap_err();
    assert_eq!(access_error(e), AccessError::NameTaken, "names are matched folded");
    let e = store.remove_operator("le thi hoa").unwrap_err();
    assert_eq!(access_error(e), AccessError::LastAdmin);
    store.remove_operator("Trần Văn Bình").unwrap();
    let names: Vec<String> = store.operators().unwrap().into_iter().map(|o| o.name).collect();
    assert_eq!(names, ["Lê Thị Hoa"]);
}

#[test]
fn bad_names_passphrases_and_hamlets_are_refused_naming_the_field() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    let e = store.add_operator("Hoa", OperatorRole::Admin, None, "ngắn").unwrap_err();
    assert_eq!(access_error(e), AccessError::Invalid(FieldError::new(Field::Passphrase, Problem::TooShort { min: 8 })));
    let e = store.add_operator("  ", OperatorRole::Admin, None, "mat khau quan tri").unwrap_err();
    assert!(matches!(access_error(e), AccessError::Invalid(f) if f.field == Field::OperatorName));
    store.add_operator("Hoa", OperatorRole::Admin, None, "mat khau quan tri").unwrap();
    let e = store.add_operator("Tư", OperatorRole::HamletHead, None, "mat khau truong thon").unwrap_err();
    assert_eq!(access_error(e), AccessError::HamletMismatch);
    let e = store.add_operator("Tư", OperatorRole::HamletHead, Some(999), "mat khau truong thon").unwrap_err();
    assert!(matches!(access_error(e), AccessError::Invalid(f) if f.field == Field::Hamlet));
    let hamlet = store.insert(Hamlet::new("T01", "Đông", HamletKind::Thon)).unwrap();
    let op = store.add_operator("Tư", OperatorRole::HamletHead, Some(hamlet.id), "mat khau truong thon").unwrap();
    assert_eq!(op.hamlet, Some(hamlet.id));
}

#[test]
fn signing_in_grants_the_role_and_wrong_tries_wait_longer_and_longer() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(&tmp.path().join("db"));
    store.add_operator("Lê Thị Hoa", OperatorRole::Admin, None, "mat khau quan tri").unwrap();
    let wrong_name = access_error(store.sign_in("Lê Thị Hồng", "mat khau quan tri").unwrap_err());
    let wrong_pass = access_error(store.sign_in("Lê Thị Hoa", "sai mat khau").unwrap_err());
    // Neither says which part was wrong.
    assert_eq!(wrong_name, AccessError::WrongSignIn { wait_secs: 0 });
    assert_eq!(wrong_pass, AccessError::WrongSignIn { wait_secs: 0 });
    let third = access_error(store.sign_in("Lê Thị Hoa", "sai nua").unwrap_err());
    assert_eq!(third, AccessError::WrongSignIn { wait_secs: 2 });
    // During the wait even the right passphrase is not checked.
    let waiting = access_error(store.sign_in("Lê Thị Hoa", "mat khau quan tri").unwrap_err());
    assert_eq!(waiting, AccessError::MustWait { secs: 2 });
    // The count is kept in the ledger: opening again does not reset it.
    drop(store);
    let mut store = open(&tmp.path().join("db"));
    assert!(matches!(access_error(store.sign_in("Lê Thị Hoa", "x").unwrap_err()), AccessError::MustWait { .. }));
    store.set_clock(Clock::Fixed(at(2)));
    let grant = store.sign_in("le thi hoa", "mat khau quan tri").unwrap();
    assert_eq!((grant.name.as_str(), grant.role), ("Lê Thị Hoa", OperatorRole::Admin));
    assert_eq!(store.operator(), "Lê Thị Hoa", "the audit log names who signed in");
    // A success clears the count.
    assert_eq!(access_error(store.sign_in("Lê Thị Hoa", "y").unwrap_err()), AccessError::WrongSignIn { wait_secs: 0 });
}

#[test]
fn the_access_log_records_sign_ins_and_operator_changes_newest_first() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(&tmp.path().join("db"));
    store.add_operator("Hoa", OperatorRole::Admin, None, "mat khau quan tri").unwrap();
    store.sign_in("Hoa", "sai mat khau").unwrap_err();
    store.sign_in("Hoa", "mat khau quan tri").unwrap();
    store.set_passphrase("Hoa", "mat khau moi hon").unwrap();
    let events: Vec<AccessEvent> = store.access_log(10).unwrap().into_iter().map(|e| e.event).collect();
    assert_eq!(
        events,
        [
            AccessEvent::PassphraseChanged { name: "Hoa".into() },
            AccessEvent::SignedIn,
            AccessEvent::SignInFailed { name: "Hoa".into() },
            AccessEvent::OperatorAdded { name: "Hoa".into(), role: OperatorRole::Admin },
        ]
    );
    assert_eq!(store.access_log(10).unwrap()[0].operator, "Hoa");
    assert_eq!(store.access_log(10).unwrap()[2].operator, "", "a failed try is no one's");
    assert!(store.sign_in("Hoa", "mat khau quan tri").is_err(), "the old passphrase no longer opens");
}

#[test]
fn no_passphrase_is_stored_in_clear() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("db");
    let store = open(&dir);
    store.add_operator("Hoa", OperatorRole::Admin, None, "cau than chu bi mat").unwrap();
    let op = store.operator_named("Hoa").unwrap().unwrap();
    assert!(op.passphrase_hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{}", op.passphrase_hash);
    drop(store);
    let mut found = false;
    for entry in walk(&dir) {
        found |= std::fs::read(&entry).unwrap().windows(19).any(|w| w == b"cau than chu bi mat");
    }
    assert!(!found);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

#[test]
fn privacy_settings_round_trip_and_bad_ones_change_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    assert_eq!(store.privacy().unwrap(), PrivacySettings::default());
    let mut s = PrivacySettings { idle_lock_minutes: 3, ..PrivacySettings::default() };
    store.set_privacy(&s, AccessEvent::PrivacySettingsChanged).unwrap();
    assert_eq!(store.privacy().unwrap().idle_lock_minutes, 3);
    s.idle_lock_minutes = 0;
    assert!(matches!(store.set_privacy(&s, AccessEvent::PrivacySettingsChanged), Err(StoreError::Invalid(_))));
    assert_eq!(store.privacy().unwrap().idle_lock_minutes, 3);
    assert_eq!(store.access_log(10).unwrap().len(), 1);
}
