//! Undo over the log (a deletion with its dependents, the commune profile),
//! typed changes since an entry, and the counts a write leaves.

use chrono::NaiveDate;

use super::*;
use crate::domain::{Commune, Hamlet, HamletKind, Household, Lang};
use crate::store::{Clock, OpenOptions};

fn open(dir: &std::path::Path) -> Store {
    let mut store = Store::open(dir, &OpenOptions::default()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    store.set_clock(Clock::Fixed(today.and_hms_opt(9, 0, 0).unwrap()));
    store
}

fn ledger(store: &Store) -> (Hamlet, Household, Commitment) {
    store.save_commune(Commune::new("Xã An Khang", "Tuyên Quang")).unwrap();
    let hamlet = store.insert(Hamlet::new("T01", "Đông", HamletKind::Thon)).unwrap();
    let mut h = Household::new("T01-0001", hamlet.id, "Nguyễn Văn An");
    h.members = 3;
    let h = store.insert(h).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let c = store.insert(Commitment::signed(h.id, 2026, day, vec![1])).unwrap();
    (hamlet, h, c)
}

#[test]
fn undoing_a_deletion_brings_back_the_household_and_its_commitment_and_again_redoes() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    let (_, h, c) = ledger(&store);
    store.delete::<Household>(h.id).unwrap();
    let deletion = store.last_group().unwrap();
    assert_eq!(store.last_change().unwrap().len(), 2, "the household and its commitment");

    let undo = store.undo_group(deletion).unwrap().unwrap();
    assert_eq!(store.get::<Household>(h.id).unwrap(), Some(h.clone()));
    assert_eq!(store.commitment_for(h.id, 2026).unwrap(), Some(c));
    let entries = store.group_entries(undo).unwrap();
    assert!(entries.iter().all(|e| e.action == AuditAction::Restore), "the undo is audited as restores");
    assert_eq!(store.last_group(), Some(undo));

    store.undo_group(undo).unwrap().unwrap();
    assert_eq!(store.get::<Household>(h.id).unwrap(), None, "undoing the undo redoes");
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn the_commune_profile_is_undone_like_any_record() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    ledger(&store);
    let mut commune = store.commune().unwrap().unwrap();
    commune.settings.language = Lang::En;
    store.save_commune(commune).unwrap();
    let save = store.last_group().unwrap();

    let undo = store.undo_group(save).unwrap().unwrap();
    assert_eq!(store.commune().unwrap().unwrap().settings.language, Lang::Vi);
    store.undo_group(undo).unwrap().unwrap();
    assert_eq!(store.commune().unwrap().unwrap().settings.language, Lang::En);
}

#[test]
fn changes_since_are_typed_newest_first_and_say_when_too_much_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    let (_, h, mut c) = ledger(&store);
    let seen = store.newest_audit().unwrap().unwrap();
    c.status = crate::domain::CommitmentStatus::Refused;
    c.reason = "Đi làm ăn xa".into();
    store.update(c.clone()).unwrap();
    store.delete::<Household>(h.id).unwrap();

    let since = store.changes_since(seen, 8).unwrap();
    assert!(since.complete);
    let what: Vec<_> = since.entries.iter().map(|e| (e.kind, e.action)).collect();
    assert_eq!(
        what,
        [
            (EntityKind::Commitment, AuditAction::Delete),
            (EntityKind::Household, AuditAction::Delete),
            (EntityKind::Commitment, AuditAction::Update),
        ]
    );
    assert_eq!(since.entries[2].commitment_before.as_ref().map(|b| b.household), Some(h.id));
    assert_eq!(since.newest, Some(since.entries[0].audit));

    let cut = store.changes_since(seen, 2).unwrap();
    assert!(!cut.complete, "more than asked for: reload instead");
    assert_eq!(cut.newest, since.newest);
    assert_eq!(store.changes_since(since.entries[0].audit, 8).unwrap().entries, []);
}

#[test]
fn an_update_reads_its_record_once_in_one_transaction() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    let (_, _, mut c) = ledger(&store);
    let before = store.counts();
    c.representative = "Nguyễn Văn An".into();
    store.update(c).unwrap();
    let n = store.counts().since(&before);
    assert_eq!((n.reads(T::Commitments), n.all_reads(), n.audit_reads, n.transactions), (1, 1, 0, 1));
}
