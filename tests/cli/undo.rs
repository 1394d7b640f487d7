//! `soxa undo`: shows the newest change, asks, undoes it through the store
//! (audited as restores); run again, it undoes the undo.

use soxa::domain::{AuditAction, Household};

use crate::common::{commune, hamlet, household, open_at, soxa, stdout};

#[test]
fn undo_asks_then_undoes_the_newest_change_and_again_redoes_it() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("db");
    {
        let store = open_at(&db);
        store.save_commune(commune()).expect("save commune");
        let t01 = store.insert(hamlet("T01", "Đông")).expect("hamlet");
        store.insert(household("T01-0001", t01.id, "Nguyễn Văn An")).expect("household");
    }
    let d = db.to_str().expect("temporary paths are UTF-8");
    let exists = || open_at(&db).household_by_code("T01-0001").expect("read").is_some();

    // No answer (stdin is empty): nothing is undone.
    let out = soxa(&["--db", d, "--lang", "en", "undo"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("The newest change:") && text.contains("T01-0001 Nguyễn Văn An"), "{text}");
    assert!(text.contains("Stopped; nothing was undone."), "{text}");
    assert!(exists());

    let out = soxa(&["--db", d, "--lang", "en", "undo", "--yes"]);
    assert!(stdout(&out).contains("Undone."), "{}", stdout(&out));
    assert!(!exists(), "the new household is taken back");
    let store = open_at(&db);
    let last = store.recent_audit(1).expect("read audit").remove(0);
    assert_eq!(last.action, AuditAction::Restore, "the undo is audited");
    drop(store);

    let out = soxa(&["--db", d, "undo", "--yes"]);
    assert!(stdout(&out).contains("Đã hoàn tác"), "{}", stdout(&out));
    let back = open_at(&db).household_by_code("T01-0001").expect("read").map(|h: Household| h.head_name);
    assert_eq!(back.as_deref(), Some("Nguyễn Văn An"), "undoing the undo redoes");
}
