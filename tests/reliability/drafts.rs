//! A form left unfinished by a crash is kept as a draft; the next start must
//! never write it over newer data. Tried as a class: drafts of every kind of
//! record against an update, a delete, a purge, a restore and another
//! ledger underneath, at the store (`Store::standing`) and through the
//! interface's keys (review, merge, save; or dropped with a message).

use std::fs;
use std::path::Path;

use soxa::domain::purge::PURGED_NAME;
use soxa::domain::{
    CaseStatus, Commitment, EntityKind, Field, Hamlet, Household, Id, Lang, MediationCase, Member, Team,
};
use soxa::store::drafts::{self, DraftFile, Standing};
use soxa::store::{PurgeTarget, Store};
use soxa::tui::{Overlay, Tone};

use crate::common::tui::Tui;
use crate::common::{now, open_at};

const TYPED: &str = " Út";

/// Opens the edit form of the first household listed, types after its head's
/// name, and returns the household as it was.
fn begin_household_edit(tui: &mut Tui) -> Household {
    tui.press("2e");
    let Overlay::Form(form) = &tui.app.overlay else { panic!("e opens the household form") };
    let soxa::tui::form::FormKind::Household(Some(id)) = form.kind else { panic!("an edit form: {:?}", form.kind) };
    let h = tui.store().get::<Household>(id).unwrap().unwrap();
    // Code, hamlet, then the head's name.
    tui.press(&format!("<tab><tab><end>{TYPED}"));
    assert!(tui.store().dir().join("draft.json").exists(), "the typing is kept as a draft");
    h
}

fn status(tui: &Tui) -> Option<(&str, Tone)> {
    tui.app.status.as_ref().map(|(text, tone)| (text.as_str(), *tone))
}

fn with_store(dir: &Path, change: impl FnOnce(&Store)) {
    let store = open_at(dir);
    change(&store);
}

/// What an import of the household's row would do: a new address, members, phone.
fn imported(h: &Household) -> Household {
    let mut h = h.clone();
    h.address = "Số 9, đường Lê Lợi".into();
    h.members = h.members % 50 + 3;
    h.phone = Some("0987654321".into());
    h
}

#[test]
fn a_draft_over_a_record_changed_underneath_is_reviewed_and_merged_never_reverting_it() {
    let mut tui = Tui::demo(Lang::Vi);
    let h = begin_household_edit(&mut tui);
    let mut tui = tui.reopen_after(|dir| with_store(dir, |s| drop(s.update(imported(&h)).unwrap())));

    let Overlay::DraftReview(review) = &tui.app.overlay else { panic!("the clerk sees what changed first") };
    let now: Vec<&str> = review.changed.iter().map(|c| c.now.as_str()).collect();
    assert!(now.contains(&"Số 9, đường Lê Lợi") && now.contains(&"098****321"), "{now:?}");
    for (w, h_) in [(80, 24), (100, 30), (120, 40)] {
        let screen = tui.text(w, h_);
        assert!(screen.contains("Số 9, đường Lê Lợi") && screen.contains("098****321"), "old and new shown:\n{screen}");
        assert!(!screen.contains("0987654321"), "the phone is masked:\n{screen}");
    }
    assert_eq!(
        tui.store().get::<Household>(h.id).unwrap().unwrap(),
        imported_as_stored(&tui, h.id),
        "nothing written yet"
    );

    tui.press("<enter>");
    let Overlay::Form(form) = &tui.app.overlay else { panic!("Enter goes on to the merged form") };
    assert_eq!(form.value(Field::HeadName), format!("{}{TYPED}", h.head_name));
    assert_eq!(form.value(Field::Address), "Số 9, đường Lê Lợi");
    tui.press("<c-s>");
    assert_eq!(status(&tui), Some(("Đã lưu", Tone::Good)));
    let saved = tui.store().get::<Household>(h.id).unwrap().unwrap();
    assert_eq!(saved.head_name, format!("{}{TYPED}", h.head_name), "the clerk's typing is saved");
    assert_eq!(saved.address, "Số 9, đường Lê Lợi", "the import's address stays");
    assert_eq!(saved.phone.as_deref(), Some("0987654321"), "the import's phone stays");
    assert_eq!(saved.members, imported(&h).members, "the import's member count stays");
    assert!(tui.store().check().unwrap().is_empty());
}

fn imported_as_stored(tui: &Tui, id: Id) -> Household {
    tui.store().get::<Household>(id).unwrap().unwrap()
}

#[test]
fn a_reviewed_draft_can_be_dropped_and_nothing_is_written() {
    let mut tui = Tui::demo(Lang::En);
    let h = begin_household_edit(&mut tui);
    let mut tui = tui.reopen_after(|dir| with_store(dir, |s| drop(s.update(imported(&h)).unwrap())));
    let audit = tui.store().recent_audit(1000).unwrap().len();
    tui.press("<esc>");
    assert!(matches!(tui.app.overlay, Overlay::None));
    assert_eq!(status(&tui), Some(("The unfinished form was dropped; nothing was written", Tone::Info)));
    assert_eq!(tui.store().get::<Household>(h.id).unwrap().unwrap().address, "Số 9, đường Lê Lợi");
    assert_eq!(tui.store().recent_audit(1000).unwrap().len(), audit);
    assert!(!tui.store().dir().join("draft.json").exists());
    let tui = tui.reopen();
    assert!(matches!(tui.app.overlay, Overlay::None), "a dropped draft is not offered again");
}

#[test]
fn a_draft_of_a_purged_person_is_cleared_by_the_purge_and_never_brings_them_back() {
    let mut tui = Tui::demo(Lang::Vi);
    let h = begin_household_edit(&mut tui);
    let tui = tui.reopen_after(|dir| {
        with_store(dir, |s| drop(s.purge(PurgeTarget::Household(h.id)).unwrap()));
        assert!(!dir.join("draft.json").exists(), "the purge cleared the draft that names the household");
    });
    assert!(matches!(tui.app.overlay, Overlay::None));
    assert_eq!(tui.store().get::<Household>(h.id).unwrap().unwrap().head_name, PURGED_NAME);
}

#[test]
fn a_draft_of_a_deleted_record_is_dropped_with_a_message() {
    let mut tui = Tui::demo(Lang::Vi);
    let h = begin_household_edit(&mut tui);
    let tui = tui.reopen_after(|dir| with_store(dir, |s| s.delete::<Household>(h.id).unwrap()));
    assert!(matches!(tui.app.overlay, Overlay::None));
    let (said, tone) = status(&tui).unwrap();
    assert!(said.contains("đã bị xóa") && tone == Tone::Bad, "{said}");
    assert!(tui.store().get::<Household>(h.id).unwrap().is_none(), "nothing brought back");
    assert!(!tui.store().dir().join("draft.json").exists());
}

#[test]
fn a_draft_never_crosses_into_another_ledger() {
    // (a) restore --replace with another commune's backup clears it.
    let mut tui = Tui::demo(Lang::Vi);
    begin_household_edit(&mut tui);
    let other = tempfile::tempdir().unwrap();
    let backup = other.path().join("khac.soxabak");
    {
        let store = open_at(&other.path().join("db"));
        store.save_commune(crate::common::commune()).unwrap();
        store.backup_to(&backup, false).unwrap();
    }
    let tui = tui.reopen_after(|dir| {
        soxa::store::backup::restore(&backup, dir, true, now()).unwrap();
        assert!(!dir.join("draft.json").exists(), "the restore cleared the draft");
    });
    assert!(matches!(tui.app.overlay, Overlay::None));

    // (b) a draft file that reached another ledger by any other way.
    let mut first = Tui::demo(Lang::Vi);
    begin_household_edit(&mut first);
    let draft = fs::read(first.store().dir().join("draft.json")).unwrap();
    let second = Tui::demo(Lang::Vi);
    let second = second.reopen_after(|dir| fs::write(dir.join("draft.json"), &draft).unwrap());
    assert!(matches!(second.app.overlay, Overlay::None), "the same demo, but another ledger");
    let (said, _) = status(&second).unwrap();
    assert!(said.contains("sổ khác"), "{said}");
    assert!(!second.store().dir().join("draft.json").exists());
}

#[test]
fn a_draft_from_an_older_soxa_or_damaged_is_never_offered() {
    for bytes in [&br#"{"kind":{"Household":3},"values":["An"]}"#[..], b"{\"origin\":", b"\xff\xfe"] {
        let tui = Tui::demo(Lang::Vi);
        let tui = tui.reopen_after(|dir| fs::write(dir.join("draft.json"), bytes).unwrap());
        assert!(matches!(tui.app.overlay, Overlay::None));
        assert!(status(&tui).unwrap().0.contains("không đọc được"));
        assert!(!tui.store().dir().join("draft.json").exists());
    }
}

/// The records a draft can be made from, one of each kind in the demo.
fn one_of_each(s: &Store) -> Vec<(EntityKind, Id)> {
    let first = |kind, ids: Vec<Id>| (kind, ids[0]);
    vec![
        (EntityKind::Commune, 0),
        first(EntityKind::Hamlet, s.all::<Hamlet>().unwrap().iter().map(|r| r.id).collect()),
        first(EntityKind::Household, s.page::<Household>(None, 1).unwrap().iter().map(|r| r.id).collect()),
        first(EntityKind::Commitment, s.page::<Commitment>(None, 1).unwrap().iter().map(|r| r.id).collect()),
        first(EntityKind::Team, s.page::<Team>(None, 1).unwrap().iter().map(|r| r.id).collect()),
        first(EntityKind::Member, s.page::<Member>(None, 1).unwrap().iter().map(|r| r.id).collect()),
        first(EntityKind::Case, s.page::<MediationCase>(None, 1).unwrap().iter().map(|r| r.id).collect()),
    ]
}

/// Changes the record a little, as an import or another session would.
fn touch(s: &Store, (kind, id): (EntityKind, Id)) {
    match kind {
        EntityKind::Commune => {
            let mut c = s.commune().unwrap().unwrap();
            c.approver.name = format!("{} Hai", c.approver.name);
            s.save_commune(c).unwrap();
        }
        EntityKind::Hamlet => edit::<Hamlet>(s, id, |r| r.name.push_str(" Mới")),
        EntityKind::Household => edit::<Household>(s, id, |r| r.address.push_str(", xóm 2")),
        EntityKind::Commitment => edit::<Commitment>(s, id, |r| r.witness.push_str(" B")),
        EntityKind::Team => edit::<Team>(s, id, |r| r.name.push_str(" 2")),
        EntityKind::Member => edit::<Member>(s, id, |r| r.full_name.push_str(" Em")),
        EntityKind::Case => edit::<MediationCase>(s, id, |r| r.content.push_str(" (bổ sung)")),
        EntityKind::Model => edit::<soxa::domain::Model>(s, id, |r| r.name.push_str(" 2")),
        EntityKind::Assessment => edit::<soxa::domain::Assessment>(s, id, |r| r.notes.push_str(" (bổ sung)")),
        EntityKind::Outreach => edit::<soxa::domain::Outreach>(s, id, |r| r.topic.push_str(" (bổ sung)")),
        EntityKind::Period => unreachable!(),
    }
}

fn edit<R: soxa::store::Record + soxa::store::Prepare>(s: &Store, id: Id, f: impl FnOnce(&mut R)) {
    let mut r = s.get::<R>(id).unwrap().unwrap();
    f(&mut r);
    s.update(r).unwrap();
}

#[test]
fn every_kind_of_record_tells_a_draft_it_changed_was_deleted_or_is_of_another_ledger() {
    let tui = Tui::demo(Lang::Vi);
    let s = tui.store();
    for record in one_of_each(s) {
        let origin = s.origin(&[record]).unwrap();
        assert_eq!(origin.records.len(), 1, "{record:?} exists");
        assert_eq!(s.standing(&origin).unwrap(), Standing::Current, "{record:?}");
        touch(s, record);
        assert_eq!(s.standing(&origin).unwrap(), Standing::Changed(vec![record]), "{record:?}");
        let mut foreign = s.origin(&[record]).unwrap();
        foreign.ledger = "0".repeat(32);
        assert_eq!(s.standing(&foreign).unwrap(), Standing::OtherLedger, "{record:?}");
    }
    // Deletes: a case, a member, a team, a household (with its commitments).
    let deletable = one_of_each(s).into_iter().filter(|(k, _)| !matches!(k, EntityKind::Commune | EntityKind::Hamlet));
    let mut gone_seen = 0;
    for record in deletable.collect::<Vec<_>>().into_iter().rev() {
        let origin = s.origin(&[record]).unwrap();
        let (kind, id) = record;
        let gone = match kind {
            EntityKind::Case => s.delete::<MediationCase>(id),
            EntityKind::Member => s.delete::<Member>(id),
            EntityKind::Team => s.delete::<Team>(id),
            EntityKind::Household => s.delete::<Household>(id),
            // Deleted with its household just before.
            _ => Ok(()),
        };
        if gone.is_ok() && s.revision(kind, id).unwrap().is_none() {
            assert_eq!(s.standing(&origin).unwrap(), Standing::Gone(kind, id), "{record:?}");
            gone_seen += 1;
        }
    }
    assert!(gone_seen >= 3, "deletes tried: {gone_seen}");
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn every_purge_clears_the_drafts_that_name_its_person_and_only_those() {
    let tui = Tui::demo(Lang::Vi);
    let s = tui.store();
    let dir = s.dir().to_path_buf();
    let h = s.page::<Household>(None, 2).unwrap();
    let m = s.page::<Member>(None, 1).unwrap().remove(0);
    let case = s.all_where::<MediationCase>(|c| c.parties.len() >= 2 && c.status != CaseStatus::Received).unwrap();
    let case = case.first().unwrap();
    let save = |records: &[(EntityKind, Id)], text: &str| {
        let origin = s.origin(records).unwrap();
        drafts::save(&dir, &DraftFile { origin, form: serde_json::json!({ "values": [text] }) });
    };
    let kept = |dir: &Path| dir.join("draft.json").exists();

    // Naming the record, or holding the name in a new record's form.
    save(&[(EntityKind::Household, h[0].id)], "x");
    s.purge(PurgeTarget::Household(h[0].id)).unwrap();
    assert!(!kept(&dir), "a draft of the household");
    save(&[(EntityKind::Team, m.team)], &format!("new member {}", m.full_name));
    s.purge(PurgeTarget::Member(m.id)).unwrap();
    assert!(!kept(&dir), "a draft of a new member typed with the purged name");
    save(&[(EntityKind::Case, case.id)], "x");
    s.purge(PurgeTarget::Party { case: case.id, index: 0 }).unwrap();
    assert!(!kept(&dir), "a draft of the case of the party");
    // A draft about someone else stays.
    save(&[(EntityKind::Household, h[1].id)], &h[1].head_name);
    s.purge(PurgeTarget::Member(s.page::<Member>(None, 3).unwrap()[2].id)).unwrap();
    assert!(kept(&dir), "a draft about someone else stays");
}

/// The draft and the interface's preferences are written through a
/// temporary in the ledger's folder: a link planted under that name is
/// replaced, never written through.
#[cfg(unix)]
#[test]
fn a_link_in_place_of_a_temporary_is_never_written_through() {
    let mut tui = Tui::demo(Lang::Vi);
    let dir = tui.store().dir().to_path_buf();
    let victim = dir.parent().unwrap().join("cua-thu-ky.txt");
    fs::write(&victim, "the clerk's").unwrap();
    for name in ["draft.json.tmp", "ui.json.tmp"] {
        std::os::unix::fs::symlink(&victim, dir.join(name)).unwrap();
    }
    // A filter typed on Households (kept in ui.json), then a form typed in.
    tui.press("2fnguyen<enter>");
    begin_household_edit(&mut tui);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "the clerk's");
    assert!(dir.join("draft.json").exists() && dir.join("ui.json").exists());
    for name in ["draft.json", "ui.json"] {
        assert!(!fs::symlink_metadata(dir.join(name)).unwrap().file_type().is_symlink(), "{name}");
    }
}
