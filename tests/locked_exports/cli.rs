//! The command line: exports with personal data, the report with personal
//! data and the book are locked ZIPs; the passphrase's rules; the order of
//! passphrases on standard input when the ledger has operators.

use soxa::domain::access::OperatorRole;
use soxa::domain::operator::AccessEvent;
use soxa::import::export::{self, Options};

use super::{holds, open_with, says_locked};
use crate::common::{ZIP_PASS, commune, hamlet, household, open_at, soxa, soxa_input, stderr, stdout, unlock, zip_of};

/// A small ledger of three households with their ID numbers, closed again.
fn ledger(dir: &std::path::Path) -> Vec<(String, String)> {
    let store = open_at(dir);
    store.save_commune(commune()).unwrap();
    let t01 = store.insert(hamlet("T01", "Đông")).unwrap();
    let mut people = Vec::new();
    for (i, head) in ["Nguyễn Văn Khải", "Trần Thị Liễu", "Phạm Quốc Vượng"].iter().enumerate() {
        let mut h = household(&format!("T01-000{}", i + 1), t01.id, head);
        h.national_id = Some(format!("03306800123{i}"));
        let h = store.insert(h).unwrap();
        people.push((h.head_name.clone(), h.national_id.clone().unwrap()));
    }
    people
}

fn args<'a>(db: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--db", db];
    all.extend_from_slice(rest);
    all
}

#[test]
fn a_personal_export_is_a_locked_zip_holding_exactly_the_plain_export() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let people = ledger(&db);
    let asked = tmp.path().join("ho.csv");
    let d = db.to_str().unwrap();
    let run = ["export", "households", asked.to_str().unwrap(), "--include-personal", "--year", "2026"];
    let out = soxa_input(&args(d, &run), &format!("{ZIP_PASS}\n"));
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    let zip = zip_of(&asked);
    assert!(zip.is_file() && !asked.exists(), "only the locked file is written");
    says_locked(&out, &zip);

    let store = open_at(&db);
    let table = export::households(&store, Options { include_personal: true, year: 2026 }).unwrap();
    let plain = export::csv_bytes(&table).unwrap();
    assert_eq!(unlock(&zip, ZIP_PASS), vec![("ho.csv".to_string(), plain.clone())], "the plain export, whole");
    assert!(open_with(&zip, "mật khẩu sai bét").is_err(), "a wrong passphrase opens nothing");
    let bytes = std::fs::read(&zip).unwrap();
    for (name, id) in &people {
        assert!(holds(&plain, name) && holds(&plain, id), "the export has {name} {id}");
        assert!(!holds(&bytes, name) && !holds(&bytes, id), "{name} or {id} in clear in the ZIP");
    }
    let log = store.access_log(10).unwrap();
    let want = AccessEvent::ExportedPersonal { what: "households".into(), file: zip.display().to_string() };
    assert_eq!(log.iter().filter(|e| e.event == want).count(), 1, "{log:?}");
}

#[test]
fn a_masked_export_stays_a_plain_file_and_a_zip_named_is_locked_too() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    ledger(&db);
    let d = db.to_str().unwrap();
    let masked = tmp.path().join("che.xlsx");
    let out = soxa(&args(d, &["export", "households", masked.to_str().unwrap()]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(masked.is_file() && !zip_of(&masked).exists(), "masked: a plain file, as before");
    assert!(
        open_at(&db).access_log(10).unwrap().iter().all(|e| !matches!(e.event, AccessEvent::ExportedPersonal { .. }))
    );

    // A name ending in .zip: the workbook inside is named without it.
    let named = tmp.path().join("to.zip");
    let out =
        soxa_input(&args(d, &["export", "members", named.to_str().unwrap(), "--include-personal"]), "đủ tám ký tự\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(unlock(&named, "đủ tám ký tự")[0].0, "to.xlsx");
}

#[test]
fn a_short_passphrase_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    ledger(&db);
    let asked = tmp.path().join("ho.xlsx");
    let run = ["--lang", "en", "export", "households", asked.to_str().unwrap(), "--include-personal"];
    let out = soxa_input(&args(db.to_str().unwrap(), &run), "short\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).trim(), "Passphrase: needs at least 8 characters. Nothing was written.");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1, "only the ledger's folder");
    let none = soxa_input(&args(db.to_str().unwrap(), &run), "");
    assert_eq!(none.status.code(), Some(1), "no passphrase given: {}", stderr(&none));
    assert!(!zip_of(&asked).exists());
}

#[test]
fn the_report_with_personal_data_and_the_book_are_locked_and_logged() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    {
        let store = open_at(&db);
        let opts = soxa::demo::DemoOptions { households: 300, seed: 5, today: crate::common::now().date() };
        soxa::demo::generate(&store, &opts).unwrap();
    }
    let d = db.to_str().unwrap();
    let report = tmp.path().join("r.csv");
    let run = ["report", "--period", "2026", "--format", "csv", "-o", report.to_str().unwrap(), "--include-personal"];
    let out = soxa_input(&args(d, &run), &format!("{ZIP_PASS}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let zip = zip_of(&report);
    says_locked(&out, &zip);
    let inside = unlock(&zip, ZIP_PASS);
    assert!(
        inside.len() >= 5,
        "the summary and every table beside it: {:?}",
        inside.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert_eq!(inside[0].0, "r.csv");
    assert!(inside.iter().any(|(name, _)| name.starts_with("r-")));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 2, "the ledger and the ZIP, nothing in clear");

    let book = tmp.path().join("so.xlsx");
    let out = soxa_input(
        &args(d, &["report", "book", "--team", "T01", "-o", book.to_str().unwrap()]),
        &format!("{ZIP_PASS}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    says_locked(&out, &zip_of(&book));
    assert_eq!(unlock(&zip_of(&book), ZIP_PASS)[0].0, "so.xlsx");

    let log: Vec<AccessEvent> = open_at(&db).access_log(10).unwrap().into_iter().map(|e| e.event).collect();
    let file = zip.display().to_string();
    assert!(log.contains(&AccessEvent::ExportedPersonal { what: "report 2026".into(), file }), "{log:?}");
    assert!(
        log.iter().any(
            |e| matches!(e, AccessEvent::ExportedBook { file, .. } if *file == zip_of(&book).display().to_string())
        ),
        "{log:?}"
    );
}

#[test]
fn on_a_ledger_with_operators_the_zips_passphrase_is_the_line_after_the_sign_in() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    ledger(&db);
    open_at(&db).add_operator("lan", OperatorRole::Admin, None, "mật khẩu của Lan").unwrap();
    let asked = tmp.path().join("ho.csv");
    let run = ["--user", "lan", "export", "households", asked.to_str().unwrap(), "--include-personal"];
    let out = soxa_input(&args(db.to_str().unwrap(), &run), &format!("mật khẩu của Lan\n{ZIP_PASS}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(open_with(&zip_of(&asked), "mật khẩu của Lan").is_err(), "not the sign-in passphrase");
    assert_eq!(unlock(&zip_of(&asked), ZIP_PASS)[0].0, "ho.csv");
    let log = open_at(&db).access_log(10).unwrap();
    assert!(
        log.iter().any(|e| e.operator == "lan" && matches!(e.event, AccessEvent::ExportedPersonal { .. })),
        "{log:?}"
    );
}
