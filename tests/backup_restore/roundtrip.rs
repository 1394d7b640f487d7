//! A backup restores to a database holding exactly the same bytes, whose
//! ids go on from where the original's stopped.

use soxa::domain::Hamlet;
use soxa::store::backup::{self, Reason};
use soxa::store::tables::T;

use super::{every_tree, highest_id, path_str};
use crate::common::tui::demo_store;
use crate::common::{hamlet, now, open_at, soxa, stderr, stdout};

#[test]
fn a_restored_demo_holds_every_entry_of_every_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp);
    // Changes leave audit entries holding earlier bytes, and a deleted id.
    let h = store.insert(hamlet("T99", "Xóm Mới")).unwrap();
    store.update(Hamlet { name: "Xóm Mới Lập".into(), ..h.clone() }).unwrap();
    store.delete::<Hamlet>(h.id).unwrap();
    let file = tmp.path().join("demo.soxabak");
    let written = store.backup_to(&file, false).unwrap();
    // Entries as the ledger means them: the biggest trees are stored many
    // to a sled value (schema 5).
    let entries: usize = T::ALL.iter().map(|t| store.entries_of(*t).unwrap().len()).sum();
    drop(store);

    let contents = backup::verify(&file).unwrap();
    let names: Vec<&str> = contents.trees.iter().map(|(n, _)| n.as_str()).collect();
    let all: Vec<&str> = T::ALL.iter().map(|t| t.name()).collect();
    assert_eq!(names, all, "every tree of the store, in order");
    assert_eq!(contents.entries, written.entries);

    let restored = tmp.path().join("restored");
    let r = backup::restore(&file, &restored, false, now()).unwrap();
    assert_eq!(r.contents, contents);
    assert!(r.moved_aside.is_none());

    let original = every_tree(&tmp.path().join("db"));
    let copy = every_tree(&restored);
    assert!(entries > 4000, "the demo is not empty: {entries} entries");
    assert_eq!(original.len(), copy.len(), "the same trees");
    for (name, pairs) in &original {
        assert!(copy.get(name) == Some(pairs), "tree {} differs", String::from_utf8_lossy(name));
    }

    let store = open_at(&restored);
    assert_eq!(store.check().unwrap(), vec![]);
    let newer = store.insert(hamlet("T98", "Xóm Sau")).unwrap();
    assert!(newer.id > highest_id(&original), "id {} was handed out before", newer.id);
}

#[test]
fn ids_stay_above_the_original_after_reopening_a_restored_database() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open_at(&tmp.path().join("db"));
    store.save_commune(crate::common::commune()).unwrap();
    let mut last = 0;
    for i in 0..50 {
        last = store.insert(hamlet(&format!("T{i:02}"), "Thôn")).unwrap().id;
    }
    let file = tmp.path().join("b.soxabak");
    store.backup_to(&file, false).unwrap();
    drop(store);
    let restored = tmp.path().join("r");
    backup::restore(&file, &restored, false, now()).unwrap();
    for round in 0..3 {
        let store = open_at(&restored);
        let id = store.insert(hamlet(&format!("N{round}"), "Thôn mới")).unwrap().id;
        assert!(id > last, "round {round}: id {id} not above {last}");
        last = id;
    }
}

#[test]
fn an_automatic_backup_restores_like_any_other() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp);
    let written = store.auto_backup(Reason::BeforeBulkChange).unwrap();
    assert_eq!(written.path, tmp.path().join("db/backups/2026-11-23-090000-truoc-thay-doi.soxabak"));
    drop(store);
    let restored = tmp.path().join("r");
    backup::restore(&written.path, &restored, false, now()).unwrap();
    assert_eq!(every_tree(&restored), every_tree(&tmp.path().join("db")));
}

#[test]
fn the_binary_backs_up_restores_and_checks() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("sổ");
    let out = soxa(&["demo", "--households", "200", "--no-open", "--db", path_str(&db)]);
    assert!(out.status.success(), "{}", stderr(&out));

    // Into a folder: a dated file inside.
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let out = soxa(&["backup", path_str(&folder), "--db", path_str(&db)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("Đã sao lưu vào "), "{}", stdout(&out));
    let made: Vec<String> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(made[0].starts_with("soxa-20") && made[0].ends_with(".soxabak") && made[0].len() == 28, "{made:?}");

    let file = folder.join(&made[0]);
    let new = tmp.path().join("mới");
    let out = soxa(&["restore", path_str(&file), "--db", path_str(&new), "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.starts_with("Restored ") && said.contains("No problems found."), "{said}");

    let stats = |dir: &std::path::Path| {
        let out = soxa(&["stats", "--db", path_str(dir)]);
        stdout(&out).lines().filter(|l| !l.contains("Dung lượng")).map(String::from).collect::<Vec<_>>()
    };
    assert_eq!(stats(&db), stats(&new));
    assert_eq!(every_tree(&db), every_tree(&new));
}
