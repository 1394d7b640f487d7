//! Adding up counts: the commune total is the sum of its buckets, and the
//! rates are computed from the sums, never averaged.

use super::{CaseCounts, HouseholdCounts, Outcomes, TeamCounts};
use crate::domain::{CaseCategory, CaseStatus, TeamKind};

/// `part / whole` in per-mille, rounded down; `None` when `whole` is 0.
pub(super) fn permille(part: u32, whole: u32) -> Option<u16> {
    let value = u64::from(part) * 1000 / u64::from(whole).max(1);
    (whole > 0).then(|| u16::try_from(value).unwrap_or(u16::MAX))
}

pub(super) fn success_rate(o: &Outcomes) -> Option<u16> {
    permille(o.successful, o.successful + o.unsuccessful)
}

impl Outcomes {
    /// Counts one case closed with `status`; an open status counts nowhere.
    pub(super) fn count(&mut self, status: CaseStatus) {
        match status {
            CaseStatus::Successful => self.successful += 1,
            CaseStatus::Unsuccessful => self.unsuccessful += 1,
            CaseStatus::Transferred => self.transferred += 1,
            CaseStatus::Withdrawn => self.withdrawn += 1,
            CaseStatus::Received | CaseStatus::InProgress => {}
        }
    }

    fn add(&mut self, o: &Outcomes) {
        self.successful += o.successful;
        self.unsuccessful += o.unsuccessful;
        self.transferred += o.transferred;
        self.withdrawn += o.withdrawn;
    }
}

impl TeamCounts {
    /// Active teams of `kind`.
    pub fn active_of(&self, kind: TeamKind) -> u32 {
        self.active_by_kind.get(&kind).copied().unwrap_or(0)
    }

    pub(super) fn add(&mut self, o: &TeamCounts) {
        self.active_teams += o.active_teams;
        for (kind, n) in &o.active_by_kind {
            *self.active_by_kind.entry(*kind).or_default() += n;
        }
        self.active_members += o.active_members;
        self.members_joined += o.members_joined;
        self.members_left += o.members_left;
        self.teams_below_min_size += o.teams_below_min_size;
        self.teams_without_one_leader += o.teams_without_one_leader;
        self.members_trained += o.members_trained;
        self.mediators += o.mediators;
        self.mediators_women += o.mediators_women;
    }
}

impl Default for TeamCounts {
    fn default() -> Self {
        TeamCounts {
            active_teams: 0,
            active_by_kind: TeamKind::ALL.into_iter().map(|k| (k, 0)).collect(),
            active_members: 0,
            members_joined: 0,
            members_left: 0,
            teams_below_min_size: 0,
            teams_without_one_leader: 0,
            members_trained: 0,
            mediators: 0,
            mediators_women: 0,
        }
    }
}

impl HouseholdCounts {
    /// Adds the counts; the coverage is left for the caller to recompute.
    pub(super) fn add(&mut self, o: &HouseholdCounts) {
        self.active += o.active;
        self.signed += o.signed;
        self.newly_signed += o.newly_signed;
        self.refused += o.refused;
        self.absent += o.absent;
        self.not_contacted += o.not_contacted;
        self.violations += o.violations;
    }
}

impl CaseCounts {
    /// Received in P of `category`.
    pub fn received_of(&self, category: CaseCategory) -> u32 {
        self.by_category.get(&category).copied().unwrap_or(0)
    }

    /// Adds the counts; the success rate is left for the caller to recompute.
    pub(super) fn add(&mut self, o: &CaseCounts) {
        self.carried_over += o.carried_over;
        self.received += o.received;
        self.closed.add(&o.closed);
        self.pending += o.pending;
        self.late_start += o.late_start;
        self.overdue += o.overdue;
        for (category, n) in &o.by_category {
            *self.by_category.entry(*category).or_default() += n;
        }
    }
}

impl Default for CaseCounts {
    fn default() -> Self {
        CaseCounts {
            carried_over: 0,
            received: 0,
            closed: Outcomes::default(),
            pending: 0,
            success_rate_permille: None,
            late_start: 0,
            overdue: 0,
            by_category: CaseCategory::ALL.into_iter().map(|c| (c, 0)).collect(),
        }
    }
}
