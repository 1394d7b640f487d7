//! The targets table ("Kết quả thực hiện chỉ tiêu"), computed inside
//! [`summarize`](super::summarize) from the same dataset as every other
//! indicator, and the per-hamlet figures behind it.
//!
//! Definitions (year = the year of the period's end, "areas" = every
//! hamlet of the commune):
//! - signed: the summary's signed / active households;
//! - reached: distinct households active at end that attended an outreach
//!   session dated in the period / active households (a household counts
//!   once however many sessions it attended; a moved-out one not at all);
//! - safe: areas whose assessment for the year is "đạt" / areas;
//! - excellent, good: areas classified so for the year / areas;
//! - weak: areas classified yếu for the year, a count (at most);
//! - models: areas with a model of theirs reviewed effective for the year
//!   / areas (commune-wide models give no area one);
//! - training: training classes held for the core forces in the year up to
//!   end, a count (at least). A class is one date and one course: every
//!   member's training with that date and course is the same class, however
//!   many attended and from however many teams. Core forces are the members
//!   of teams of kind security (tổ bảo vệ an ninh trật tự), self-management
//!   (tổ tự quản), shock brigade (đội xung kích) and militia (dân quân);
//!   mediation and other teams are not. A class counts when at least one of
//!   its trainees was on such a team (as recorded, whether or not they
//!   passed);
//! - mediation teams: mediation teams active at end with at least the
//!   plan's members active at end, one of them a woman / such teams
//!   (the target is all of them).
//!
//! A share is met when part × 100 >= threshold × whole, exactly (so 75% of
//! 4 is met by 3, and 899 of 1,000 misses 90%); a share with no whole is
//! not met. Values are per mille rounded down, like every rate.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::sums::permille;
use super::{Dataset, HamletRow};
use crate::domain::assessment::commune_assessment;
use crate::domain::brief::HouseholdBrief;
use crate::domain::plan::Target;
use crate::domain::{AreaResult, Classification, Gender, Id, Member, Period, Plan, TeamKind};

/// The targets table and what stands behind it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Targets {
    /// One row per [`Target`], in `Target::ALL` order.
    pub rows: Vec<TargetRow>,
    /// One per hamlet row of the summary, in the same order.
    pub hamlets: Vec<HamletTargets>,
    /// The commune's own assessment for the year (TT 124: every area
    /// registered and at least the plan's share recognised).
    pub commune: CommuneRecognition,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetRow {
    pub target: Target,
    /// The count, or the part of a share.
    pub part: u32,
    /// The whole of a share; `None` for a count.
    pub whole: Option<u32>,
    /// part / whole in per mille, rounded down; `None` for a count or an
    /// empty whole.
    pub permille: Option<u16>,
    /// The plan's threshold: a percentage for a share, else a count.
    pub threshold: u16,
    pub met: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HamletTargets {
    pub hamlet: Id,
    /// Active households at end (as in the summary's row).
    pub active: u32,
    /// Of them, those reached by outreach in the period.
    pub reached: u32,
    pub reach_permille: Option<u16>,
    /// The assessment of the year, if entered.
    pub registered: bool,
    pub result: Option<AreaResult>,
    pub classification: Option<Classification>,
    /// Its models reviewed effective for the year.
    pub effective_models: u32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneRecognition {
    pub areas: u32,
    pub registered: u32,
    pub recognised: u32,
    pub recognised_pct_needed: u8,
    pub safe: bool,
}

const CORE_FORCES: [TeamKind; 4] =
    [TeamKind::Security, TeamKind::SelfManaged, TeamKind::ShockBrigade, TeamKind::Militia];

/// The targets of `period` over `data`; `rows` are the summary's hamlet rows
/// (their active and signed households are reused, not recounted).
pub(super) fn targets(data: &Dataset, period: &Period, rows: &[HamletRow], signed: (u32, u32)) -> Targets {
    let year = u16::try_from(period.report_year()).unwrap_or(0);
    let hamlets = hamlet_targets(data, period, rows, year);
    let plan = &data.commune.plan;
    let areas = u32::try_from(hamlets.len()).unwrap_or(u32::MAX);
    let count =
        |f: &dyn Fn(&HamletTargets) -> bool| u32::try_from(hamlets.iter().filter(|h| f(h)).count()).unwrap_or(0);
    let reached: u32 = hamlets.iter().map(|h| h.reached).sum();
    let (part_of, whole) = (signed.0, signed.1);
    let rows = Target::ALL
        .into_iter()
        .map(|t| {
            let (part, whole) = match t {
                Target::Signed => (part_of, Some(whole)),
                Target::Reached => (reached, Some(whole)),
                Target::Safe => (count(&|h| h.result == Some(AreaResult::Safe)), Some(areas)),
                Target::Excellent => (count(&|h| h.classification == Some(Classification::Excellent)), Some(areas)),
                Target::Good => (count(&|h| h.classification == Some(Classification::Good)), Some(areas)),
                Target::Weak => (count(&|h| h.classification == Some(Classification::Weak)), None),
                Target::Models => (count(&|h| h.effective_models > 0), Some(areas)),
                Target::Training => (trainings(&data.members, &data.teams, period), None),
                Target::MediationTeams => {
                    let (good, all) = mediation_teams(data, period, plan);
                    (good, Some(all))
                }
            };
            row(t, part, whole, plan.threshold(t))
        })
        .collect();
    let commune = recognition(data, &hamlets, year, plan);
    Targets { rows, hamlets, commune }
}

/// One row of the table, met or not by the rule of the module's comment.
pub fn row(target: Target, part: u32, whole: Option<u32>, threshold: u16) -> TargetRow {
    let met = match whole {
        Some(0) => false,
        Some(w) => u64::from(part) * 100 >= u64::from(threshold) * u64::from(w),
        None if target.at_most() => part <= u32::from(threshold),
        None => part >= u32::from(threshold),
    };
    TargetRow { target, part, whole, permille: whole.and_then(|w| permille(part, w)), threshold, met }
}

fn hamlet_targets(data: &Dataset, period: &Period, rows: &[HamletRow], year: u16) -> Vec<HamletTargets> {
    let reached = reached_by_hamlet(data, period);
    let assessed: HashMap<Id, &crate::domain::Assessment> =
        data.assessments.iter().filter(|a| a.year == year).map(|a| (a.hamlet, a)).collect();
    let mut effective: HashMap<Id, u32> = HashMap::new();
    for m in data.models.iter().filter(|m| m.effective_in(year)) {
        if let Some(h) = m.hamlet {
            *effective.entry(h).or_default() += 1;
        }
    }
    rows.iter()
        .map(|r| {
            let a = assessed.get(&r.hamlet);
            let reached = reached.get(&r.hamlet).copied().unwrap_or(0);
            HamletTargets {
                hamlet: r.hamlet,
                active: r.households.active,
                reached,
                reach_permille: permille(reached, r.households.active),
                registered: a.is_some_and(|a| a.registered.is_some()),
                result: a.and_then(|a| a.result),
                classification: a.and_then(|a| a.classification),
                effective_models: effective.get(&r.hamlet).copied().unwrap_or(0),
            }
        })
        .collect()
}

/// Distinct households active at end reached in the period, by hamlet.
/// The attendance is gathered into one sorted list (tens of thousands of
/// ids over a year at 100,000 households) and met with the households in
/// one merge when they come in id order, as `load` gives them; otherwise
/// each household is looked up in it.
fn reached_by_hamlet(data: &Dataset, period: &Period) -> HashMap<Id, u32> {
    let mut attended: Vec<Id> =
        data.outreach.iter().filter(|s| period.contains(s.date)).flat_map(|s| s.households.iter().copied()).collect();
    attended.sort_unstable();
    attended.dedup();
    let mut out: HashMap<Id, u32> = HashMap::new();
    if attended.is_empty() {
        return out;
    }
    let mut count = |h: &HouseholdBrief| {
        if h.is_active_on(period.end) {
            *out.entry(h.hamlet).or_default() += 1;
        }
    };
    if data.households.is_sorted_by_key(|h| h.id) {
        let mut ids = attended.iter().peekable();
        for h in &data.households {
            while ids.next_if(|id| **id < h.id).is_some() {}
            if ids.peek().is_some_and(|id| **id == h.id) {
                count(h);
            }
        }
    } else {
        data.households.iter().filter(|h| attended.binary_search(&h.id).is_ok()).for_each(count);
    }
    out
}

/// Classes held for core forces in the year up to end: distinct (date,
/// course) of their members' trainings.
fn trainings(members: &[Member], teams: &[crate::domain::Team], period: &Period) -> u32 {
    let core: HashSet<Id> = teams.iter().filter(|t| CORE_FORCES.contains(&t.kind)).map(|t| t.id).collect();
    let year = period.report_year();
    let held: HashSet<(chrono::NaiveDate, &str)> = members
        .iter()
        .filter(|m| core.contains(&m.team))
        .flat_map(|m| m.trainings.iter())
        .filter(|t| t.date.year() == year && t.date <= period.end)
        .map(|t| (t.date, t.course.as_str()))
        .collect();
    u32::try_from(held.len()).unwrap_or(u32::MAX)
}

/// (qualifying, all) mediation teams active at end.
fn mediation_teams(data: &Dataset, period: &Period, plan: &Plan) -> (u32, u32) {
    let end = period.end;
    let mut size: HashMap<Id, (u32, bool)> = HashMap::new();
    for m in data.members.iter().filter(|m| m.is_active_on(end)) {
        let e = size.entry(m.team).or_default();
        e.0 += 1;
        e.1 |= m.gender == Some(Gender::Female);
    }
    let teams = data.teams.iter().filter(|t| t.kind == TeamKind::Mediation && t.is_active_on(end));
    let (mut good, mut all) = (0, 0);
    for t in teams {
        all += 1;
        let (n, woman) = size.get(&t.id).copied().unwrap_or_default();
        good += u32::from(n >= u32::from(plan.mediation_min_members) && woman);
    }
    (good, all)
}

fn recognition(data: &Dataset, hamlets: &[HamletTargets], year: u16, plan: &Plan) -> CommuneRecognition {
    let assessed: HashMap<Id, &crate::domain::Assessment> =
        data.assessments.iter().filter(|a| a.year == year).map(|a| (a.hamlet, a)).collect();
    let c = commune_assessment(hamlets.iter().map(|h| assessed.get(&h.hamlet).copied()));
    CommuneRecognition {
        areas: c.areas,
        registered: c.registered,
        recognised: c.recognised,
        recognised_pct_needed: plan.commune_recognised_pct,
        safe: c.is_safe(plan.commune_recognised_pct),
    }
}

#[cfg(test)]
mod tests;
