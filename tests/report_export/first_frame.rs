//! What the dashboard reads for its first frame, on the demo ledger: the
//! briefs, decoded in two halves on two threads, are every record's in id
//! order; the year-to-date targets taken beside the quarter's summary
//! (`report::targets_beside`) are the year's own summary's.

use soxa::domain::brief::{CaseBrief, CommitmentBrief, HouseholdBrief};
use soxa::domain::plan::Target;
use soxa::domain::{Commitment, Household, MediationCase, Period};
use soxa::report::{load, summarize, targets_beside};

use super::demo_ledger;
use crate::common::{open_at, ymd};

#[test]
fn briefs_read_in_two_halves_are_every_record_in_id_order() {
    let tmp = demo_ledger();
    let s = open_at(&tmp.path().join("db"));
    let briefs = s.briefs(|_| true, |_| true).unwrap();
    let households: Vec<HouseholdBrief> = s.all::<Household>().unwrap().iter().map(HouseholdBrief::from).collect();
    assert!(households.len() > 512, "more than one bucket of households");
    assert_eq!(briefs.households, households);
    let commitments = s.all::<Commitment>().unwrap();
    assert_eq!(briefs.commitments, commitments.iter().map(CommitmentBrief::from).collect::<Vec<_>>());
    assert_eq!(briefs.cases, s.all::<MediationCase>().unwrap().iter().map(CaseBrief::from).collect::<Vec<_>>());
    // The filters apply in both halves.
    let y2026 = s.briefs(|c| c.year == 2026, |_| false).unwrap();
    let expected: Vec<CommitmentBrief> =
        commitments.iter().filter(|c| c.year == 2026).map(CommitmentBrief::from).collect();
    assert!(!expected.is_empty() && expected.len() < commitments.len());
    assert_eq!((y2026.commitments, y2026.cases.len(), y2026.households.len()), (expected, 0, households.len()));
}

#[test]
fn the_year_to_date_targets_beside_the_quarter_are_the_years_own() {
    let tmp = demo_ledger();
    let s = open_at(&tmp.path().join("db"));
    let days = [(1, 1), (2, 14), (3, 31), (4, 1), (6, 30), (7, 15), (9, 30), (10, 2), (11, 23)];
    let mut reached = 0;
    for (m, d) in days {
        let today = ymd(2026, m, d);
        // As the dashboard: the quarter so far, and the year so far.
        let quarter = Period::custom(Period::quarter_containing(today).start, today).unwrap();
        let year = Period::custom(ymd(2026, 1, 1), today).unwrap();
        let data = load(&s, &quarter).unwrap();
        let summary = summarize(&data, &quarter);
        let beside = targets_beside(&data, &year, &summary);
        assert_eq!(beside, summarize(&data, &year).targets, "{today}");
        reached = reached.max(beside.rows.iter().find(|r| r.target == Target::Reached).unwrap().part);
    }
    assert!(reached > 0, "outreach reached households in the demo");
    // Periods ending on other days: the year is summarized.
    let q3 = Period::parse("2026-Q3").unwrap();
    let data = load(&s, &q3).unwrap();
    let whole = Period::year(2026).unwrap();
    assert_eq!(targets_beside(&data, &whole, &summarize(&data, &q3)), summarize(&data, &whole).targets);
}
