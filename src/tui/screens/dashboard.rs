//! The Dashboard, the home screen: the current quarter at a glance.
//! Commitment coverage of the commune and of each hamlet (worst first, with
//! text bars), teams under strength or without exactly one leader, open,
//! overdue and late mediation cases, follow-ups due, and the latest changes
//! from the audit log.
//!
//! Every count comes from `report::summarize`, over the quarter so far:
//! from its first day to today. Flags "at the end" of the period (overdue,
//! late to start, team warnings) are then as of today, not as of a quarter
//! end still to come; signed and active households are the same as for the
//! whole quarter, since nothing is dated after today. Follow-ups due are the
//! Mediation screen's `due_follow_ups` over the successful cases. All of it
//! is computed in `refresh` (about a second at 100,000 households) and drawn
//! from plain fields.

#[cfg(test)]
mod tests;
mod view;

use std::cell::Cell;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::mediation::due_follow_ups;
use super::{Ctx, Effect, Target};
use crate::domain::{AuditAction, CaseStatus, EntityKind, Id, Lang, MediationCase, Period, Warning};
use crate::report::{self, HouseholdCounts, Summary};
use crate::store::StoreError;
use crate::tui::Action;
use crate::tui::keymap::Binding;

/// Most audit entries shown.
const RECENT: usize = 8;

pub struct State {
    commune: String,
    today: NaiveDate,
    /// The quarter containing today.
    quarter: Period,
    /// The year whose commitments count, and the commune's thresholds.
    year: i32,
    target_pct: u8,
    team_min: u8,
    households: HouseholdCounts,
    /// Worst coverage first; hamlets without households last.
    hamlets: Vec<HamletBar>,
    teams_short: u32,
    teams_leader: u32,
    /// Teams with either problem, in the summary's order.
    problem_teams: Vec<ProblemTeam>,
    open_cases: u32,
    overdue: u32,
    late_start: u32,
    /// Case numbers ("12/2026") whose follow-up is due, earliest first.
    follow_ups: Vec<String>,
    recent: Vec<Change>,
    /// First hamlet shown.
    scroll: usize,
    /// Written by drawing: hamlet rows that fit.
    page: Cell<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HamletBar {
    pub name: String,
    pub signed: u32,
    pub active: u32,
    pub coverage_permille: Option<u16>,
    pub below_target: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProblemTeam {
    pub name: String,
    /// Under strength, no leader or several leaders.
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub at: NaiveDateTime,
    pub operator: String,
    pub action: AuditAction,
    pub entity: EntityKind,
    pub summary: String,
}

impl State {
    pub fn new(ctx: &Ctx) -> Result<Self, StoreError> {
        let quarter = Period::quarter_containing(ctx.today);
        let mut state = State {
            commune: String::new(),
            today: ctx.today,
            quarter,
            year: quarter.report_year(),
            target_pct: 0,
            team_min: 0,
            households: HouseholdCounts::default(),
            hamlets: Vec::new(),
            teams_short: 0,
            teams_leader: 0,
            problem_teams: Vec::new(),
            open_cases: 0,
            overdue: 0,
            late_start: 0,
            follow_ups: Vec::new(),
            recent: Vec::new(),
            scroll: 0,
            page: Cell::new(usize::MAX),
        };
        state.refresh(ctx)?;
        Ok(state)
    }

    pub fn keys() -> &'static [Binding] {
        &[]
    }

    pub fn refresh(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        let today = ctx.today;
        self.commune = ctx.commune.name.clone();
        self.today = today;
        self.quarter = Period::quarter_containing(today);
        let so_far = Period::custom(self.quarter.start, today).unwrap_or(self.quarter);
        let data = super::reports::load(ctx, &so_far)?;
        let summary = report::summarize(&data, &so_far);
        let team_names: HashMap<Id, &str> = data.teams.iter().map(|t| (t.id, t.name.as_str())).collect();
        self.take_summary(&summary, &team_names);
        self.follow_ups = follow_ups(ctx, today)?;
        self.recent = ctx.store.recent_audit(RECENT)?.into_iter().map(change).collect();
        self.scroll = self.scroll.min(self.hamlets.len().saturating_sub(1));
        Ok(())
    }

    fn take_summary(&mut self, s: &Summary, team_names: &HashMap<Id, &str>) {
        self.year = s.commitment_year;
        self.target_pct = s.thresholds.coverage_target_pct;
        self.team_min = s.thresholds.team_min_members;
        self.households = s.total.households.clone();
        self.hamlets = worst_first(s);
        self.teams_short = s.total.teams.teams_below_min_size;
        self.teams_leader = s.total.teams.teams_without_one_leader;
        self.problem_teams = s
            .details
            .team_warnings
            .iter()
            .filter_map(|t| {
                let warnings: Vec<Warning> = t.warnings.iter().copied().filter(is_team_problem).collect();
                let name = team_names.get(&t.team)?;
                (!warnings.is_empty()).then(|| ProblemTeam { name: (*name).to_string(), warnings })
            })
            .collect();
        let cases = &s.total.cases;
        (self.open_cases, self.overdue, self.late_start) = (cases.pending, cases.overdue, cases.late_start);
    }

    pub fn handle(&mut self, action: Action, _ctx: &Ctx) -> Result<Effect, StoreError> {
        let page = self.page.get().clamp(1, 1000);
        let last = self.hamlets.len().saturating_sub(page.min(self.hamlets.len()));
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll + 1,
            Action::PageUp => self.scroll.saturating_sub(page),
            Action::PageDown => self.scroll + page,
            Action::Top => 0,
            Action::Bottom => last,
            _ => return Ok(Effect::None),
        }
        .min(last);
        Ok(Effect::None)
    }

    pub fn show(&mut self, _target: Target, _ctx: &Ctx) -> Result<(), StoreError> {
        Ok(())
    }

    pub fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        view::render(self, lang, area, buf);
    }
}

/// The problems the dashboard lists; a mediation team without a woman is
/// left to the Teams screen.
fn is_team_problem(w: &Warning) -> bool {
    matches!(w, Warning::TeamUnderStrength { .. } | Warning::TeamNoLeader | Warning::TeamSeveralLeaders { .. })
}

/// The hamlet rows, lowest coverage first (compared exactly, not by the
/// rounded rate), ties in hamlet order, hamlets without households last.
fn worst_first(s: &Summary) -> Vec<HamletBar> {
    let mut bars: Vec<HamletBar> = s
        .hamlets
        .iter()
        .map(|h| HamletBar {
            name: h.name.clone(),
            signed: h.households.signed,
            active: h.households.active,
            coverage_permille: h.households.coverage_permille,
            below_target: h.below_coverage_target,
        })
        .collect();
    bars.sort_by(|a, b| {
        let empty = (a.active == 0).cmp(&(b.active == 0));
        let rate = (u64::from(a.signed) * u64::from(b.active)).cmp(&(u64::from(b.signed) * u64::from(a.active)));
        empty.then(rate)
    });
    bars
}

/// Numbers of the cases whose follow-up is due today. Successful cases are
/// read whatever their period: one closed last quarter may be due now.
fn follow_ups(ctx: &Ctx, today: NaiveDate) -> Result<Vec<String>, StoreError> {
    let cases: Vec<MediationCase> = ctx.store.all_where(|c: &MediationCase| {
        c.status == CaseStatus::Successful && c.follow_up.as_ref().is_some_and(|f| f.kept.is_none())
    })?;
    let number: HashMap<Id, String> = cases.iter().map(|c| (c.id, c.number())).collect();
    Ok(due_follow_ups(&cases, today).into_iter().filter_map(|id| number.get(&id).cloned()).collect())
}

fn change(e: crate::domain::AuditEntry) -> Change {
    Change { at: e.at, operator: e.operator, action: e.action, entity: e.entity, summary: e.summary }
}
