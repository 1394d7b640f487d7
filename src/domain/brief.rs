//! Briefs: the few fields of a household, a commitment or a mediation case
//! that the periodic summary reads, and nothing else.
//!
//! At 100,000 households the summary cannot afford to decode every full
//! record (names, addresses, notes, items) just to learn a hamlet and a few
//! dates. The store keeps a brief of each of these records beside it, written
//! in the same transaction (`store::briefs`), and the summary is computed
//! over briefs only. A brief is always made from its record by `From`, so
//! the two cannot say different things; `soxa check` compares them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::{days, opt_days};
use super::{
    CaseCategory, CaseStatus, Commitment, CommitmentStatus, FollowUp, Household, HouseholdStatus, Id, MediationCase,
};

/// What the summary needs of a household: where it lives and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdBrief {
    pub id: Id,
    pub hamlet: Id,
    #[serde(with = "opt_days")]
    pub living_since: Option<NaiveDate>,
    pub status: HouseholdStatus,
}

impl HouseholdBrief {
    /// Living here on `day`: arrived on or before it (or arrival unknown)
    /// and not moved out on or before it.
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        let arrived = self.living_since.is_none_or(|since| since <= day);
        let gone = matches!(self.status, HouseholdStatus::MovedOut { on } if on <= day);
        arrived && !gone
    }
}

impl From<&Household> for HouseholdBrief {
    fn from(h: &Household) -> Self {
        HouseholdBrief { id: h.id, hamlet: h.hamlet, living_since: h.living_since, status: h.status }
    }
}

/// What the summary needs of a commitment: whose, which year, its status
/// and day, and its violations (dated, with their description for the
/// detail sheets).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentBrief {
    pub id: Id,
    pub household: Id,
    pub year: u16,
    pub status: CommitmentStatus,
    #[serde(with = "days")]
    pub date: NaiveDate,
    pub violations: Vec<ViolationBrief>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViolationBrief {
    #[serde(with = "days")]
    pub date: NaiveDate,
    pub description: String,
}

impl From<&Commitment> for CommitmentBrief {
    fn from(c: &Commitment) -> Self {
        CommitmentBrief {
            id: c.id,
            household: c.household,
            year: c.year,
            status: c.status,
            date: c.date,
            violations: c
                .violations
                .iter()
                .map(|v| ViolationBrief { date: v.date, description: v.description.clone() })
                .collect(),
        }
    }
}

/// What the summary and the dashboard need of a mediation case: where, what
/// kind, and the days of its steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseBrief {
    pub id: Id,
    pub hamlet: Id,
    pub category: CaseCategory,
    #[serde(with = "days")]
    pub received: NaiveDate,
    #[serde(with = "opt_days")]
    pub assigned: Option<NaiveDate>,
    #[serde(with = "opt_days")]
    pub started: Option<NaiveDate>,
    pub status: CaseStatus,
    #[serde(with = "opt_days")]
    pub closed: Option<NaiveDate>,
    pub follow_up: Option<FollowUpBrief>,
}

/// A follow-up's day and whether it was checked (its note is not needed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpBrief {
    #[serde(with = "days")]
    pub due: NaiveDate,
    pub kept: Option<bool>,
}

impl CaseBrief {
    /// The closing day and outcome of a closed case; `None` while it is open.
    pub fn closing(&self) -> Option<(NaiveDate, CaseStatus)> {
        if self.status.is_open() { None } else { self.closed.map(|day| (day, self.status)) }
    }

    /// A successful case whose follow-up is due by `today` and not yet
    /// checked (the rule of the Mediation screen's reminders).
    pub fn follow_up_due(&self, today: NaiveDate) -> bool {
        self.status == CaseStatus::Successful && self.follow_up.is_some_and(|f| f.kept.is_none() && f.due <= today)
    }
}

impl From<&MediationCase> for CaseBrief {
    fn from(c: &MediationCase) -> Self {
        CaseBrief {
            id: c.id,
            hamlet: c.hamlet,
            category: c.category,
            received: c.received,
            assigned: c.assigned,
            started: c.started,
            status: c.status,
            closed: c.closed,
            follow_up: c.follow_up.as_ref().map(|f: &FollowUp| FollowUpBrief { due: f.due, kept: f.kept }),
        }
    }
}

/// The brief of any record that has one, as the store keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Brief {
    Household(HouseholdBrief),
    Commitment(CommitmentBrief),
    Case(CaseBrief),
}

impl Brief {
    pub fn id(&self) -> Id {
        match self {
            Brief::Household(b) => b.id,
            Brief::Commitment(b) => b.id,
            Brief::Case(b) => b.id,
        }
    }
}

/// The cases whose follow-up is due on `today` (successful, follow-up date
/// on or before today, not yet checked: `CaseBrief::follow_up_due`),
/// earliest due first. For the dashboard and the Mediation screen alike.
pub fn due_follow_ups<'a>(cases: impl IntoIterator<Item = &'a CaseBrief>, today: NaiveDate) -> Vec<Id> {
    let mut due: Vec<(NaiveDate, Id)> = cases
        .into_iter()
        .filter(|c| c.follow_up_due(today))
        .filter_map(|c| c.follow_up.map(|f| (f.due, c.id)))
        .collect();
    due.sort_unstable();
    due.into_iter().map(|(_, id)| id).collect()
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
    fn due_follow_ups_are_successful_unchecked_and_due() {
        let today = ymd(2026, 11, 23);
        let mut cases = Vec::new();
        for (id, due, kept) in [(1, 20, None), (2, 24, None), (3, 10, Some(true)), (4, 5, None)] {
            let mut c = case(id, ymd(2026, 9, 1));
            c.move_to(CaseStatus::Successful, ymd(2026, 9, 5), "").unwrap();
            c.follow_up = Some(FollowUp { due: ymd(2026, 11, due), kept, note: String::new() });
            cases.push(c);
        }
        let mut reopened = cases[3].clone();
        reopened.id = 5;
        reopened.move_to(CaseStatus::InProgress, ymd(2026, 10, 1), "").unwrap();
        cases.push(reopened);
        let briefs: Vec<CaseBrief> = cases.iter().map(CaseBrief::from).collect();
        assert_eq!(due_follow_ups(&briefs, today), vec![4, 1]);
    }
}
