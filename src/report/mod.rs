//! The periodic summary (báo cáo quý, 6 tháng, năm): every indicator of
//! DESIGN.md section 3, per hamlet and for the whole commune, computed by one
//! function, [`summarize`], over plain records. The dashboard, the Reports
//! screen and every export call it, so they cannot disagree.
//!
//! [`load`] reads the records a period needs from the store; [`summarize`]
//! does no I/O. Writers (xlsx, csv, markdown, json) and screens live
//! elsewhere and only read the [`Summary`]. The types here are plain data:
//! every count is a `u32`, every rate is a per-mille integer rounded down
//! (so 100.0% means all, never "almost all"), and every list names records
//! by id.
//!
//! Each `///` below states the exact definition of its indicator; "at end"
//! means on the last day of the period, "in P" means dated from its first to
//! its last day, both included.

pub mod book;
pub mod compare;
pub mod export;
mod indicators;
mod load;
mod sums;
pub mod targets;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::brief::{CaseBrief, CommitmentBrief, HouseholdBrief};
use crate::domain::{Assessment, Model, Outreach};
use crate::domain::{
    CaseCategory, Commitment, CommitmentStatus, Commune, Hamlet, Household, Id, MediationCase, Member, Period, Team,
    TeamKind, Warning,
};

pub use compare::compare;
pub use indicators::{summarize, targets_beside};
pub use load::{load, load_or_empty, load_with};
pub use targets::{HamletTargets, TargetRow, Targets};

/// What one summary reads: built by [`load`] from the store's briefs, or
/// by [`Dataset::of_records`] from full records (tests, hand-made data).
/// Households, commitments and cases come as briefs (`domain::brief`), so a
/// summary of 100,000 households never decodes their names and notes.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub commune: Commune,
    pub hamlets: Vec<Hamlet>,
    pub households: Vec<HouseholdBrief>,
    /// The commitments covering year(end), plus any other commitment with a
    /// violation dated in the period. Others are ignored by [`summarize`].
    pub commitments: Vec<CommitmentBrief>,
    pub teams: Vec<Team>,
    /// Any order; [`load`] sorts them by team, which spares [`summarize`]
    /// a copy.
    pub members: Vec<Member>,
    /// [`load`] reads only the cases received by end and not closed before
    /// start; the others count nowhere and are ignored by [`summarize`].
    pub cases: Vec<CaseBrief>,
    /// Every self-management model.
    pub models: Vec<Model>,
    /// The areas' assessments; those of year(end) count.
    pub assessments: Vec<Assessment>,
    /// Outreach sessions; those dated in the period count.
    pub outreach: Vec<Outreach>,
}

impl Dataset {
    /// The dataset of full records, every one of them kept.
    pub fn of_records(
        commune: Commune,
        hamlets: Vec<Hamlet>,
        households: &[Household],
        commitments: &[Commitment],
        teams: Vec<Team>,
        members: Vec<Member>,
        cases: &[MediationCase],
    ) -> Dataset {
        Dataset {
            commune,
            hamlets,
            households: households.iter().map(HouseholdBrief::from).collect(),
            commitments: commitments.iter().map(CommitmentBrief::from).collect(),
            teams,
            members,
            cases: cases.iter().map(CaseBrief::from).collect(),
            models: Vec::new(),
            assessments: Vec::new(),
            outreach: Vec::new(),
        }
    }

    /// The same dataset with the records the targets table reads.
    pub fn with_targets(self, models: Vec<Model>, assessments: Vec<Assessment>, outreach: Vec<Outreach>) -> Dataset {
        Dataset { models, assessments, outreach, ..self }
    }
}

/// Every indicator of one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub period: Period,
    /// The year whose commitments are counted: the year of the period's end.
    pub commitment_year: i32,
    /// The commune settings the flags were computed with.
    pub thresholds: Thresholds,
    /// One row per hamlet, in hamlet code order (digit runs compare as
    /// numbers, so "T2" comes before "T10").
    pub hamlets: Vec<HamletRow>,
    /// Teams that belong to no hamlet. They are included in `total.teams`
    /// and in no hamlet row.
    pub commune_wide: TeamCounts,
    pub total: Total,
    /// The records behind the numbers, for detail sheets.
    pub details: Details,
    /// The plan's targets table, first in every report (absent from
    /// summaries closed before it existed: read as empty).
    #[serde(default)]
    pub targets: Targets,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    pub coverage_target_pct: u8,
    pub team_min_members: u8,
    pub late_start_days: u16,
    pub overdue_days: u16,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HamletRow {
    pub hamlet: Id,
    pub code: String,
    /// The name as it heads a row: "Thôn Đông".
    pub name: String,
    pub households: HouseholdCounts,
    pub teams: TeamCounts,
    pub cases: CaseCounts,
    /// The hamlet has active households and signed × 100 < target % × active
    /// (exact, no rounding). A hamlet with no active household is not below.
    pub below_coverage_target: bool,
    /// No team of kind Security (tổ bảo vệ ANTT) of this hamlet is active at
    /// end; commune-wide teams do not count for a hamlet.
    pub without_security_team: bool,
    /// No team of kind Mediation (tổ hòa giải) of this hamlet is active at end.
    pub without_mediation_team: bool,
}

/// The commune: the sum of the hamlet rows (plus the commune-wide teams),
/// with its rates computed from the summed counts, not averaged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Total {
    pub households: HouseholdCounts,
    pub teams: TeamCounts,
    pub cases: CaseCounts,
    /// Hamlets whose `below_coverage_target` is set, in row order.
    pub hamlets_below_coverage_target: Vec<Id>,
    /// Hamlets whose `without_security_team` is set, in row order.
    pub hamlets_without_security_team: Vec<Id>,
    /// Hamlets whose `without_mediation_team` is set, in row order.
    pub hamlets_without_mediation_team: Vec<Id>,
}

/// Households of one hamlet (or the commune). The four states partition the
/// active households: `signed + refused + absent + not_contacted == active`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdCounts {
    /// Households active at end: living here since on or before end (or since
    /// unknown) and not moved out on or before end.
    pub active: u32,
    /// Active households whose commitment for year(end) has status signed and
    /// a date on or before end.
    pub signed: u32,
    /// signed / active in per-mille, rounded down; `None` when active is 0.
    pub coverage_permille: Option<u16>,
    /// Of `signed`, those whose signing date is in P.
    pub newly_signed: u32,
    /// Active households whose commitment for year(end) has status refused
    /// and a date on or before end.
    pub refused: u32,
    /// Active households whose commitment for year(end) has status absent
    /// and a date on or before end.
    pub absent: u32,
    /// Active households with no commitment for year(end) dated on or before
    /// end. A commitment dated after end did not exist yet at end, so its
    /// household counts here whatever its status.
    pub not_contacted: u32,
    /// Violations dated in P, on any commitment, counted in the hamlet of
    /// the commitment's household (whether or not it is still active).
    pub violations: u32,
}

/// Teams and members of one hamlet, of the commune-wide teams, or of the
/// commune. A member always counts where the member's team belongs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamCounts {
    /// Teams active at end: established on or before end (or unknown) and
    /// not dissolved on or before end.
    pub active_teams: u32,
    /// `active_teams` by kind; every kind is present, with 0 if none.
    pub active_by_kind: BTreeMap<TeamKind, u32>,
    /// Member records active at end (joined on or before end, not left on or
    /// before end) of teams active at end. A person who left and rejoined
    /// has two records, of which at most one is active.
    pub active_members: u32,
    /// Member records whose joining date is in P, in any team (a rejoining
    /// counts, being a new record).
    pub members_joined: u32,
    /// Member records whose leaving date is in P, in any team.
    pub members_left: u32,
    /// Active teams with fewer active members than the minimum team size.
    pub teams_below_min_size: u32,
    /// Active teams whose active members include no leader or more than one.
    pub teams_without_one_leader: u32,
    /// Of `active_members`, those with a training (passed or not) dated in
    /// year(end) and on or before end.
    pub members_trained: u32,
    /// Of `active_members`, those with role mediator, or with role leader in
    /// a mediation team.
    pub mediators: u32,
    /// Of `mediators`, those recorded as women.
    pub mediators_women: u32,
}

/// Mediation cases of one hamlet (or the commune). A case's closing is its
/// `closed` date with its current outcome: a case reopened and not yet
/// closed again counts as never closed. Cases received after end are
/// ignored. The books balance: `carried_over + received == closed.total() +
/// pending`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseCounts {
    /// Received before start and not closed before start (a case closed on
    /// the first day is carried over and closed in P).
    pub carried_over: u32,
    /// Received in P.
    pub received: u32,
    /// Closed in P, by outcome.
    pub closed: Outcomes,
    /// Received on or before end and not closed on or before end.
    pub pending: u32,
    /// successful / (successful + unsuccessful) of the cases closed in P, in
    /// per-mille rounded down; `None` when both are 0.
    pub success_rate_permille: Option<u16>,
    /// Of `pending`, those late to start at end: not started on or before
    /// end, and more than the late-start days (law: 3) between the
    /// assignment (the receipt if not assigned by end) and end.
    pub late_start: u32,
    /// Of `pending`, those open at end for more than the overdue days since
    /// receipt.
    pub overdue: u32,
    /// `received` by category; every category is present, with 0 if none.
    pub by_category: BTreeMap<CaseCategory, u32>,
}

/// Cases closed in P by outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcomes {
    pub successful: u32,
    pub unsuccessful: u32,
    /// Sent to a competent authority.
    pub transferred: u32,
    pub withdrawn: u32,
}

impl Outcomes {
    pub fn total(&self) -> u32 {
        self.successful + self.unsuccessful + self.transferred + self.withdrawn
    }
}

/// The records behind the numbers. Every list is in hamlet row order, then
/// as stated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Details {
    /// Active households not counted as signed, then by household id.
    pub not_signed: Vec<NotSigned>,
    /// The refusals counted in `refused`, then by household id.
    pub refusals: Vec<CommitmentRef>,
    /// The violations counted in `violations`, then by date and household id.
    pub violations: Vec<ViolationRef>,
    /// Teams active at end with at least one warning (`team_warnings` as of
    /// end), commune-wide teams last, then by team id.
    pub team_warnings: Vec<TeamWarnings>,
    /// The cases counted in `pending`, then by receipt date and case id,
    /// with their late-start and overdue flags as of end.
    pub open_cases: Vec<OpenCase>,
    /// The cases counted in `overdue`, same order.
    pub overdue_cases: Vec<Id>,
    /// The cases counted in `late_start`, same order.
    pub late_start_cases: Vec<Id>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotSigned {
    pub household: Id,
    pub hamlet: Id,
    /// The commitment for year(end) dated on or before end, if any.
    pub commitment: Option<Id>,
    /// Refused or absent; `None` when not yet contacted.
    pub status: Option<CommitmentStatus>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentRef {
    pub household: Id,
    pub hamlet: Id,
    pub commitment: Id,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViolationRef {
    pub household: Id,
    pub hamlet: Id,
    pub commitment: Id,
    pub date: NaiveDate,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamWarnings {
    pub team: Id,
    /// `None` for a commune-wide team.
    pub hamlet: Option<Id>,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenCase {
    pub case: Id,
    pub hamlet: Id,
    /// `CaseLateStart` and `CaseOverdue`, as of end.
    pub flags: Vec<Warning>,
}
