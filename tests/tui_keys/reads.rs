//! One keystroke, one read: what signing a household (`s` on Households)
//! and an ordinary form save read and write, counted by the store
//! (`Store::counts`). The numbers are exact: a new read is a choice to make
//! in the open, here.

use soxa::domain::{CommitmentStatus, Lang};
use soxa::store::Counts;
use soxa::store::tables::T;
use soxa::tui::Tone;

use crate::common::tui::Tui;

/// What pressing `keys` made the store do.
fn counted(tui: &mut Tui, keys: &str) -> Counts {
    let before = tui.store().counts();
    tui.press(keys);
    tui.store().counts().since(&before)
}

fn saved(tui: &Tui) -> bool {
    tui.app.status.as_ref().is_some_and(|(text, tone)| text == "Đã lưu" && *tone == Tone::Good)
}

#[test]
fn s_on_a_refused_household_reads_its_commitment_once_and_writes_once() {
    let mut tui = Tui::demo(Lang::Vi);
    // l cycles the status filter (signed, refused, absent, not yet, all):
    // a refused household, then opened from the lookup in the whole list,
    // so that it stays selected once signed.
    tui.press("2ll");
    let code = super::first_code(&tui.text(80, 24)).expect("a refused household is listed");
    let h = tui.store().household_by_code(&code).expect("read").expect("the listed household exists");
    tui.press(&format!("lll<c-f>{code}<enter>"));
    let n = counted(&mut tui, "s");
    assert!(saved(&tui));
    let c = tui.store().commitment_for(h.id, 2026).expect("read").expect("its commitment");
    assert_eq!(c.status, CommitmentStatus::Signed);
    assert_eq!(n.transactions, 1, "one transaction");
    assert_eq!(n.reads(T::Commune), 0, "the commune did not change: not read again");
    assert_eq!(n.audit_reads, 1, "the refresh looks into the audit log once");
    // The write reads the commitment as stored (the screen already held
    // it, so `s` itself reads nothing); the refresh reads the one record
    // that changed, and builds the detail and the row from it.
    assert_eq!(n.reads(T::Commitments), 2, "the write's, and the refresh's of what changed");
    assert_eq!(n.reads(T::Households), 0, "the household did not change: not read");
    assert_eq!(n.all_reads(), 2, "nothing else");
}

#[test]
fn a_form_save_reads_the_record_once_and_writes_once() {
    let mut tui = Tui::demo(Lang::Vi);
    // The head's name of the first household, edited.
    tui.press("2");
    let code = super::first_code(&tui.text(80, 24)).expect("the table lists households");
    tui.press("e<tab><tab><end> Hồng");
    let h = tui.store().household_by_code(&code).expect("read").expect("the listed household exists");
    let years = tui.store().commitments_of(h.id).expect("read").len() as u64;
    let hamlets = tui.store().count::<soxa::domain::Hamlet>() as u64;
    let n = counted(&mut tui, "<c-s>");
    assert!(saved(&tui));
    assert_eq!(
        tui.store().get::<soxa::domain::Household>(h.id).expect("read").map(|h| h.head_name.ends_with(" Hồng")),
        Some(true)
    );
    assert_eq!(n.transactions, 1, "one transaction");
    assert_eq!(n.reads(T::Commune), 0, "the commune did not change: not read again");
    assert_eq!(n.audit_reads, 1, "the refresh looks into the audit log once");
    // The form reads the household and the hamlets it chooses from to
    // build the record; the write reads the household as stored; the
    // refresh reads its detail once (household and commitments).
    assert_eq!(n.reads(T::Households), 3, "form, write, refresh");
    assert_eq!(n.reads(T::Hamlets), hamlets, "the form's hamlet list");
    assert_eq!(n.reads(T::Commitments), years, "the household's {years} years, once");
    assert_eq!(n.all_reads(), 3 + hamlets + years, "nothing else");
}
