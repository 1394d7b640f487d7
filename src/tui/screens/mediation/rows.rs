//! The case list as plain data: one row per case, computed once in
//! `refresh` (flags included), the filters the clerk sets, and the due
//! follow-ups other screens ask about. No store and no drawing here.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::warnings::{Warning, case_flags};
use crate::domain::{CaseCategory, CaseStatus, Id, Lang, MediationCase, Settings};
use crate::i18n::mediation::MediationText as T;

/// What the table shows of one case.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseRow {
    pub id: Id,
    pub year: u16,
    pub seq: u32,
    pub received: NaiveDate,
    pub hamlet: Id,
    pub category: CaseCategory,
    pub status: CaseStatus,
    /// "Nguyễn Văn An – Trần Thị Bình".
    pub parties: String,
    /// Days open so far, or the days it took to close.
    pub days: i64,
    /// Late start and overdue, on the day of the refresh.
    pub flags: Vec<Warning>,
    pub follow_up_due: bool,
}

impl CaseRow {
    /// The row of `case` on `today`; `follow_up_due` from `due_follow_ups`.
    pub fn of(case: &MediationCase, settings: &Settings, today: NaiveDate, follow_up_due: bool) -> CaseRow {
        let end = case.closed.unwrap_or(today);
        CaseRow {
            id: case.id,
            year: case.year,
            seq: case.seq,
            received: case.received,
            hamlet: case.hamlet,
            category: case.category,
            status: case.status,
            parties: case.parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(" – "),
            days: (end - case.received).num_days().max(0),
            flags: case_flags(case, settings, today),
            follow_up_due,
        }
    }

    /// "12/2026".
    pub fn number(&self) -> String {
        format!("{}/{}", self.seq, self.year)
    }

    pub fn overdue(&self) -> bool {
        self.flags.iter().any(|w| matches!(w, Warning::CaseOverdue { .. }))
    }

    pub fn late(&self) -> bool {
        self.flags.iter().any(|w| matches!(w, Warning::CaseLateStart { .. }))
    }
}

/// Which statuses the list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusFilter {
    /// Received or in progress.
    Open,
    Is(CaseStatus),
}

impl StatusFilter {
    /// The order `s` steps through (after "all").
    pub fn choices() -> Vec<StatusFilter> {
        std::iter::once(StatusFilter::Open).chain(CaseStatus::ALL.into_iter().map(StatusFilter::Is)).collect()
    }

    fn matches(self, s: CaseStatus) -> bool {
        match self {
            StatusFilter::Open => s.is_open(),
            StatusFilter::Is(want) => s == want,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StatusFilter::Open => T::Open.get(lang),
            StatusFilter::Is(s) => short_status(lang, s),
        }
    }
}

/// The list's filters; `None` is "all". Saved in `ui.json` under
/// "mediation" so they survive a restart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub status: Option<StatusFilter>,
    pub category: Option<CaseCategory>,
    pub hamlet: Option<Id>,
    pub year: Option<u16>,
}

impl Filter {
    pub fn matches(&self, r: &CaseRow) -> bool {
        self.status.is_none_or(|s| s.matches(r.status))
            && self.category.is_none_or(|c| c == r.category)
            && self.hamlet.is_none_or(|h| h == r.hamlet)
            && self.year.is_none_or(|y| y == r.year)
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// The next value of a filter that steps "all -> first -> ... -> last -> all".
pub fn cycle<V: Copy + PartialEq>(current: Option<V>, options: &[V]) -> Option<V> {
    match current.and_then(|c| options.iter().position(|o| *o == c)) {
        None => options.first().copied(),
        Some(i) => options.get(i + 1).copied(),
    }
}

/// Years that have cases, newest first.
pub fn years(rows: &[CaseRow]) -> Vec<u16> {
    let mut ys: Vec<u16> = rows.iter().map(|r| r.year).collect();
    ys.sort_unstable_by(|a, b| b.cmp(a));
    ys.dedup();
    ys
}

/// The year a date falls in, as case numbers carry it.
pub fn year_of(d: NaiveDate) -> u16 {
    u16::try_from(d.year()).unwrap_or(0)
}

/// Category in a word or two, for the table.
pub fn short_category(lang: Lang, c: CaseCategory) -> &'static str {
    match c {
        CaseCategory::Neighbours => T::ShortNeighbours,
        CaseCategory::Civil => T::ShortCivil,
        CaseCategory::Family => T::ShortFamily,
        CaseCategory::MinorViolation => T::ShortMinor,
        CaseCategory::Other => T::ShortOther,
    }
    .get(lang)
}

/// Status in a word or two, for the table.
pub fn short_status(lang: Lang, s: CaseStatus) -> &'static str {
    match s {
        CaseStatus::Received => T::ShortReceived,
        CaseStatus::InProgress => T::ShortInProgress,
        CaseStatus::Successful => T::ShortSuccessful,
        CaseStatus::Unsuccessful => T::ShortUnsuccessful,
        CaseStatus::Transferred => T::ShortTransferred,
        CaseStatus::Withdrawn => T::ShortWithdrawn,
    }
    .get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Party;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn case(id: Id, received: NaiveDate) -> MediationCase {
        let p = |n: &str| Party { name: n.into(), age: None, address: String::new(), household: None };
        let mut c = MediationCase::new(received, 1, CaseCategory::Civil, vec![p("An"), p("Bình")]);
        c.id = id;
        c
    }

    #[test]
    fn rows_carry_flags_and_days() {
        let today = ymd(2026, 11, 23);
        let row = CaseRow::of(&case(1, ymd(2026, 10, 1)), &Settings::default(), today, false);
        assert_eq!(row.days, 53);
        assert!(row.overdue() && row.late());
        assert_eq!(row.parties, "An – Bình");
    }

    #[test]
    fn filters_step_through_their_values_and_back_to_all() {
        let opts = [3, 5];
        assert_eq!(cycle(None, &opts), Some(3));
        assert_eq!(cycle(Some(3), &opts), Some(5));
        assert_eq!(cycle(Some(5), &opts), None);
        assert_eq!(cycle(Some(9), &opts), Some(3));
    }
}
