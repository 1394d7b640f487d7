//! How long personal data is kept once a record is no longer current, and
//! which records are past it (`soxa purge --expired`, the dashboard's
//! reminder, Settings → "Xóa dữ liệu hết hạn").
//!
//! A record's clock starts on the day it ended: a household's moving-out
//! date, a member's leaving date, a case's closing date. It is kept for
//! the whole `N` years after that day and is due the day after the
//! anniversary: ended 10/03/2021, kept 5 years, due from 11/03/2026. An
//! anniversary that does not exist (29 February in a common year) is the
//! last day of that February, so a record ended on a leap day is due from
//! 1 March. Pure: the store finds the records, this says which are due.

use chrono::{Months, NaiveDate};

use super::brief::{CaseBrief, HouseholdBrief};
use super::operator::Retention;
use super::purge::PURGED_NAME;
use super::{HouseholdStatus, Id, MediationCase, Member};

/// Which kind of record a retention period applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Retained {
    /// A household that moved out (its head's data).
    MovedOut,
    /// A team member who left.
    LeftMember,
    /// A closed mediation case (its parties' data).
    ClosedCase,
}

impl Retained {
    pub const ALL: [Retained; 3] = [Retained::MovedOut, Retained::LeftMember, Retained::ClosedCase];

    /// The years this kind is kept under `r`.
    pub fn years(self, r: &Retention) -> u8 {
        match self {
            Retained::MovedOut => r.moved_out_years,
            Retained::LeftMember => r.left_member_years,
            Retained::ClosedCase => r.closed_case_years,
        }
    }
}

/// A record that ended on a day: the input of [`due`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ended {
    pub kind: Retained,
    pub id: Id,
    pub on: NaiveDate,
}

/// The last day a record ended on `ended` is kept: the `years`th
/// anniversary (28 February for a leap day in a common year).
pub fn kept_until(ended: NaiveDate, years: u8) -> NaiveDate {
    ended.checked_add_months(Months::new(12 * u32::from(years))).unwrap_or(NaiveDate::MAX)
}

/// Whether a record ended on `ended` and kept `years` is due on `today`:
/// more than `years` years have passed.
pub fn is_due(ended: NaiveDate, years: u8, today: NaiveDate) -> bool {
    today > kept_until(ended, years)
}

/// The records of `ended` whose retention under `r` is over on `today`,
/// in the order given.
pub fn due(ended: impl IntoIterator<Item = Ended>, r: &Retention, today: NaiveDate) -> Vec<Ended> {
    ended.into_iter().filter(|e| is_due(e.on, e.kind.years(r), today)).collect()
}

/// The day a household moved out, from its brief.
pub fn moved_out(h: &HouseholdBrief) -> Option<Ended> {
    match h.status {
        HouseholdStatus::MovedOut { on } => Some(Ended { kind: Retained::MovedOut, id: h.id, on }),
        HouseholdStatus::Active => None,
    }
}

/// The day a member left, unless their data is already erased.
pub fn left(m: &Member) -> Option<Ended> {
    let on = m.left.as_ref()?.on;
    (m.full_name != PURGED_NAME).then_some(Ended { kind: Retained::LeftMember, id: m.id, on })
}

/// The day a case was closed, from its brief.
pub fn closed(c: &CaseBrief) -> Option<Ended> {
    c.closing().map(|(on, _)| Ended { kind: Retained::ClosedCase, id: c.id, on })
}

/// The places (0-based) of a case's parties whose data is still there.
pub fn parties_left(c: &MediationCase) -> Vec<usize> {
    c.parties.iter().enumerate().filter(|(_, p)| p.name != PURGED_NAME).map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_record_is_kept_through_the_anniversary_and_due_the_day_after() {
        let ended = ymd(2021, 3, 10);
        assert_eq!(kept_until(ended, 5), ymd(2026, 3, 10));
        assert!(!is_due(ended, 5, ymd(2026, 3, 9)));
        assert!(!is_due(ended, 5, ymd(2026, 3, 10)), "exactly five years: still kept");
        assert!(is_due(ended, 5, ymd(2026, 3, 11)));
        assert!(is_due(ended, 1, ymd(2022, 3, 11)) && !is_due(ended, 1, ymd(2022, 3, 10)));
    }

    #[test]
    fn a_leap_day_is_kept_to_the_end_of_february() {
        let leap = ymd(2020, 2, 29);
        assert_eq!(kept_until(leap, 5), ymd(2025, 2, 28));
        assert!(!is_due(leap, 5, ymd(2025, 2, 28)));
        assert!(is_due(leap, 5, ymd(2025, 3, 1)));
        // Four years on, the anniversary exists.
        assert_eq!(kept_until(leap, 4), ymd(2024, 2, 29));
        assert!(!is_due(leap, 4, ymd(2024, 2, 29)) && is_due(leap, 4, ymd(2024, 3, 1)));
    }

    #[test]
    fn each_kind_has_its_own_period() {
        let r = Retention { moved_out_years: 1, left_member_years: 5, closed_case_years: 10 };
        let on = ymd(2020, 6, 1);
        let ended = Retained::ALL.map(|kind| Ended { kind, id: 1, on });
        let kinds = |today| due(ended, &r, today).into_iter().map(|e| e.kind).collect::<Vec<_>>();
        assert_eq!(kinds(ymd(2021, 6, 1)), []);
        assert_eq!(kinds(ymd(2021, 6, 2)), [Retained::MovedOut]);
        assert_eq!(kinds(ymd(2025, 6, 2)), [Retained::MovedOut, Retained::LeftMember]);
        assert_eq!(kinds(ymd(2030, 6, 2)), Retained::ALL);
    }

    #[test]
    fn only_ended_records_and_unerased_people_count() {
        let mut h = HouseholdBrief { id: 3, hamlet: 1, living_since: None, status: HouseholdStatus::Active };
        assert_eq!(moved_out(&h), None);
        h.status = HouseholdStatus::MovedOut { on: ymd(2020, 1, 1) };
        assert_eq!(moved_out(&h).map(|e| e.on), Some(ymd(2020, 1, 1)));
        let mut m = Member::new(1, "Lê Thị Hoa", crate::domain::Role::Member, ymd(2019, 1, 1));
        assert_eq!(left(&m), None);
        m.leave(ymd(2020, 1, 1), String::new());
        assert_eq!(left(&m).map(|e| e.kind), Some(Retained::LeftMember));
        m.purge_personal();
        assert_eq!(left(&m), None, "already erased");
    }
}
