//! The summary is computed from the store's briefs, kept beside each record
//! (issue 5's speed). A count that lags behind a write would be a wrong
//! official figure, so: after each kind of write (sign, move out, move to
//! another hamlet, delete with its commitments, close a case, undo, an
//! import's bulk change), the summary read through `report::load` changes
//! by exactly what the write implies, and equals the summary computed from
//! the full records read one by one; `check()` stays clean.

use soxa::demo::{DemoOptions, generate};
use soxa::domain::{
    CaseStatus, Commitment, CommitmentStatus, Household, HouseholdStatus, Id, MediationCase, Member, Period, Team,
};
use soxa::report::{self, Dataset, Summary};
use soxa::store::Store;

use crate::common::{TestDb, now, ymd};

/// 2026-Q4 so far, as the dashboard shows it on the fixed "today".
fn period() -> Period {
    Period::custom(ymd(2026, 10, 1), now().date()).unwrap()
}

/// Through the briefs, as the dashboard and Reports read it.
fn fast(s: &Store) -> Summary {
    report::summarize(&report::load(s, &period()).unwrap(), &period())
}

/// From every full record, decoded one by one.
fn slow(s: &Store) -> Summary {
    let data = Dataset::of_records(
        s.commune().unwrap().unwrap(),
        s.all().unwrap(),
        &s.all::<Household>().unwrap(),
        &s.all::<Commitment>().unwrap(),
        s.all::<Team>().unwrap(),
        s.all::<Member>().unwrap(),
        &s.all::<MediationCase>().unwrap(),
    )
    .with_targets(s.all().unwrap(), s.all().unwrap(), s.all().unwrap());
    report::summarize(&data, &period())
}

/// Fast equals slow and the database checks clean; returns the summary.
fn agreed(s: &Store) -> Summary {
    let sum = fast(s);
    assert_eq!(sum, slow(s), "the briefs lag behind the records");
    let found = s.check().unwrap();
    assert!(found.is_empty(), "check: {found:#?}");
    sum
}

fn row(s: &Summary, hamlet: Id) -> &soxa::report::HamletRow {
    s.hamlets.iter().find(|r| r.hamlet == hamlet).unwrap()
}

fn this_years(s: &Store, household: Id) -> Option<Commitment> {
    s.commitments_of(household).unwrap().into_iter().find(|c| c.year == 2026)
}

#[test]
fn every_kind_of_write_shows_at_once_in_the_summary() {
    let db = TestDb::new();
    let s = &db.store;
    generate(s, &DemoOptions { households: 300, seed: 11, today: now().date() }).unwrap();
    let before = agreed(s);
    let households: Vec<Household> = s.all().unwrap();
    let active = |h: &&Household| h.is_active_on(now().date());

    // Signing a household never contacted this year.
    let h = households.iter().filter(active).find(|h| this_years(s, h.id).is_none()).unwrap();
    s.insert(Commitment::signed(h.id, 2026, ymd(2026, 11, 20), vec![1])).unwrap();
    let signed = agreed(s);
    assert_eq!(signed.total.households.signed, before.total.households.signed + 1);
    assert_eq!(signed.total.households.newly_signed, before.total.households.newly_signed + 1);
    assert_eq!(row(&signed, h.hamlet).households.signed, row(&before, h.hamlet).households.signed + 1);

    // Turning that signature into a refusal.
    let mut c = this_years(s, h.id).unwrap();
    c.status = CommitmentStatus::Refused;
    c.reason = "Không đồng ý".into();
    s.update(c).unwrap();
    let refused = agreed(s);
    assert_eq!(refused.total.households.signed, before.total.households.signed);
    assert_eq!(refused.total.households.refused, before.total.households.refused + 1);

    // Moving a signed household out of the commune.
    let gone = households
        .iter()
        .filter(active)
        .find(|x| this_years(s, x.id).is_some_and(|c| c.status == CommitmentStatus::Signed))
        .unwrap();
    let mut moved = gone.clone();
    moved.status = HouseholdStatus::MovedOut { on: ymd(2026, 11, 1) };
    s.update(moved).unwrap();
    let out = agreed(s);
    assert_eq!(out.total.households.active, refused.total.households.active - 1);
    assert_eq!(out.total.households.signed, refused.total.households.signed - 1);

    // Moving a household to another hamlet.
    let mover = households.iter().filter(active).find(|x| x.id != gone.id && x.id != h.id).unwrap();
    let other = s.all::<soxa::domain::Hamlet>().unwrap().into_iter().find(|x| x.id != mover.hamlet).unwrap();
    let mut there = s.get::<Household>(mover.id).unwrap().unwrap();
    there.hamlet = other.id;
    s.update(there).unwrap();
    let shifted = agreed(s);
    assert_eq!(row(&shifted, mover.hamlet).households.active, row(&out, mover.hamlet).households.active - 1);
    assert_eq!(row(&shifted, other.id).households.active, row(&out, other.id).households.active + 1);
    assert_eq!(shifted.total.households.active, out.total.households.active);

    // Deleting a household takes its commitments with it.
    s.delete::<Household>(h.id).unwrap();
    let deleted = agreed(s);
    assert_eq!(deleted.total.households.active, shifted.total.households.active - 1);
    assert_eq!(deleted.total.households.refused, shifted.total.households.refused - 1);

    // Undo puts it back, commitments and all.
    let group = s.recent_audit(1).unwrap()[0].group;
    s.revert_group(group, &mut |_, _| {}).unwrap();
    let undone = agreed(s);
    assert_eq!(undone.total.households, shifted.total.households);

    // Closing an open case.
    let open = s.all::<MediationCase>().unwrap().into_iter().find(|c| c.status == CaseStatus::InProgress).unwrap();
    let mut closed = open.clone();
    closed.agreement = "Hai bên thống nhất".into();
    closed.move_to(CaseStatus::Successful, now().date(), "").unwrap();
    s.update(closed).unwrap();
    let after_case = agreed(s);
    assert_eq!(after_case.total.cases.pending, undone.total.cases.pending - 1);
    assert_eq!(after_case.total.cases.closed.successful, undone.total.cases.closed.successful + 1);

    // A bulk change (what an import writes), then its undo.
    let hamlet = s.all::<soxa::domain::Hamlet>().unwrap()[0].id;
    let mut bulk = s.bulk();
    for i in 0..30 {
        bulk.insert(Household::new(&format!("NEW-{i:03}"), hamlet, "Hộ mới")).unwrap();
    }
    let group = bulk.commit(&mut |_, _| {}).unwrap().unwrap();
    let imported = agreed(s);
    assert_eq!(imported.total.households.active, after_case.total.households.active + 30);
    assert_eq!(imported.total.households.not_contacted, after_case.total.households.not_contacted + 30);
    s.revert_group(group, &mut |_, _| {}).unwrap();
    assert_eq!(agreed(s).total.households, after_case.total.households);
}
