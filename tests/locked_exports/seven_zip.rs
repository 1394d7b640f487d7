//! 7-Zip opens the locked ZIP with the passphrase, and not without it.
//! Required in CI (`.ci/run` installs p7zip-full); elsewhere skipped with a
//! note when `7z` is not installed.

use std::process::Command;

use crate::common::{ZIP_PASS, commune, hamlet, household, open_at, soxa_input, stderr, zip_of};

fn seven_zip() -> bool {
    let found = Command::new("7z").arg("i").output().is_ok_and(|o| o.status.success());
    if !found && std::env::var("CI").as_deref() == Ok("true") {
        panic!("7z is required in CI: .ci/run installs p7zip-full");
    }
    if !found {
        println!("note: 7z is not installed: the 7-Zip check of locked exports is skipped");
    }
    found
}

#[test]
fn seven_zip_opens_the_locked_export_with_its_passphrase_only() {
    if !seven_zip() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    {
        let store = open_at(&db);
        store.save_commune(commune()).unwrap();
        let t01 = store.insert(hamlet("T01", "Đông")).unwrap();
        store.insert(household("T01-0001", t01.id, "Nguyễn Văn Khải")).unwrap();
    }
    let asked = tmp.path().join("ho.xlsx");
    let args = ["--db", db.to_str().unwrap(), "export", "households", asked.to_str().unwrap(), "--include-personal"];
    let out = soxa_input(&args, &format!("{ZIP_PASS}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let zip = zip_of(&asked);
    let seven = |args: &[String]| Command::new("7z").args(args).output().unwrap();
    let test = seven(&["t".into(), format!("-p{ZIP_PASS}"), zip.display().to_string()]);
    assert!(test.status.success(), "{}", String::from_utf8_lossy(&test.stdout));
    let listing = seven(&["l".into(), "-slt".into(), format!("-p{ZIP_PASS}"), zip.display().to_string()]);
    let listing = String::from_utf8_lossy(&listing.stdout).into_owned();
    assert!(listing.contains("Method = AES-256") && listing.contains("Encrypted = +"), "{listing}");
    let wrong = seven(&["t".into(), "-pmật khẩu sai".into(), zip.display().to_string()]);
    assert!(!wrong.status.success(), "a wrong passphrase opens nothing");

    let into = tmp.path().join("out");
    let x = seven(&["x".into(), format!("-p{ZIP_PASS}"), format!("-o{}", into.display()), zip.display().to_string()]);
    assert!(x.status.success(), "{}", String::from_utf8_lossy(&x.stdout));
    let plain = std::fs::read(into.join("ho.xlsx")).unwrap();
    assert_eq!(plain, crate::common::unlock(&zip, ZIP_PASS)[0].1, "7-Zip gets the same workbook");
}
