//! The Dashboard, the home screen: the current quarter at a glance.
//! Commitment coverage of the commune and of each hamlet (worst first, with
//! text bars), teams under strength or without exactly one leader, open,
//! overdue and late mediation cases, follow-ups due, and the latest changes
//! from the audit log.
//!
//! The commune panel on top opens with the plan's targets for the year so
//! far (value and met or not, over 1 January to today, by
//! `report::targets_beside` from the quarter's summary: the same figures
//! as `summarize` over the year, without a second pass over the
//! households) and the reports' next due dates with the days left; then
//! the commitment coverage line.
//!
//! Every count comes from `report::summarize`, over the quarter so far:
//! from its first day to today. Flags "at the end" of the period (overdue,
//! late to start, team warnings) are then as of today, not as of a quarter
//! end still to come; signed and active households are the same as for the
//! whole quarter, since nothing is dated after today. Follow-ups due are the
//! domain's `brief::due_follow_ups` over the cases' briefs, read in the
//! same pass as the summary's. All of it is computed in `refresh` (the
//! summary reads briefs, decoded on two threads, and only the cases listed
//! are read whole) and drawn from plain fields.
//!
//! Two lists take the arrows: the hamlets on the left and, on the right, the
//! overdue cases, follow-ups due and teams with problems (`side`). Tab moves
//! between them; Enter opens the selected line: a hamlet's households, a
//! case, a team.

mod side;
#[cfg(test)]
mod tests;
mod view;

use std::cell::Cell;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;

use super::{Ctx, Effect, Screen, ScreenState, Target};
use crate::domain::access::Grant;
use crate::domain::brief::due_follow_ups;
use crate::domain::closing::closes_all;
use crate::domain::plan::DueReport;
use crate::domain::{AuditAction, Commitment, EntityKind, Household, Id, Lang, MediationCase, Period, Warning};
use crate::i18n::dashboard::DashboardText as T;
use crate::i18n::ui::Ui;
use crate::report::{self, HouseholdCounts, Summary, TargetRow};
use crate::store::{Logged, StoreError};
use crate::tui::Action;
use crate::tui::action::DashboardAction;
use crate::tui::keymap::{Binding, Hint, Rank};
use side::{CaseLine, Item};

const fn own(code: KeyCode, n: DashboardAction, hint: fn(Lang) -> &'static str, footer: Rank) -> Binding {
    Binding { code, mods: KeyModifiers::NONE, action: Action::Dashboard(n), hint: Some(Hint::Text(hint)), footer }
}

const KEYS: &[Binding] = &[
    Binding {
        code: KeyCode::Enter,
        mods: KeyModifiers::NONE,
        action: Action::Open,
        hint: Some(Hint::Ui(Ui::Open)),
        footer: 9,
    },
    own(KeyCode::Tab, DashboardAction::Switch, |l| T::KeySwitch.get(l), 8),
    own(KeyCode::Left, DashboardAction::ToHamlets, |l| T::KeyHamlets.get(l), 0),
    own(KeyCode::Right, DashboardAction::ToSide, |l| T::KeySide.get(l), 0),
];

/// Which list the arrows move in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Hamlets,
    /// Overdue cases, follow-ups due, teams with problems.
    Side,
}

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
    /// Teams active today; none is said, not taken for "all is well".
    active_teams: u32,
    teams_short: u32,
    teams_leader: u32,
    /// Hamlets the report flags: without a security team, without a
    /// mediation team (the summary's own lists, counted).
    hamlets_without: [u32; 2],
    /// Teams with either problem, in the summary's order.
    problem_teams: Vec<ProblemTeam>,
    open_cases: u32,
    overdue: u32,
    late_start: u32,
    /// The overdue cases, most overdue first.
    overdue_cases: Vec<CaseLine>,
    /// Cases whose follow-up is due, earliest first.
    follow_ups: Vec<CaseLine>,
    recent: Vec<RecentChange>,
    /// The plan's targets for the year so far: the commune panel's first
    /// section.
    targets: Vec<TargetRow>,
    /// The next due dates of the reports, nearest first.
    calendar: Vec<DueReport>,
    column: Column,
    /// Selected hamlet row.
    hamlet_sel: usize,
    /// First hamlet shown.
    scroll: usize,
    /// Selected item of the right column (`side::items`).
    side_sel: usize,
    /// Written by drawing: hamlet rows that fit.
    page: Cell<usize>,
    /// Records past retention and overdue requests, counted by the app
    /// after the first frame for the one signed in (`set_privacy`).
    privacy: Option<PrivacyCounts>,
}

/// The dashboard's privacy lines: for whom they were counted, and what.
#[derive(Clone, Debug, PartialEq)]
pub struct PrivacyCounts {
    pub grant: Grant,
    pub expired: usize,
    pub overdue_requests: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HamletBar {
    pub id: Id,
    pub name: String,
    pub signed: u32,
    pub active: u32,
    pub coverage_permille: Option<u16>,
    pub below_target: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProblemTeam {
    pub id: Id,
    pub name: String,
    /// Under strength, no leader or several leaders.
    pub warnings: Vec<Warning>,
}

/// One line of the latest changes list.
#[derive(Clone, Debug, PartialEq)]
pub struct RecentChange {
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
            active_teams: 0,
            teams_short: 0,
            teams_leader: 0,
            hamlets_without: [0; 2],
            problem_teams: Vec::new(),
            open_cases: 0,
            overdue: 0,
            late_start: 0,
            overdue_cases: Vec::new(),
            follow_ups: Vec::new(),
            recent: Vec::new(),
            targets: Vec::new(),
            calendar: Vec::new(),
            column: Column::Hamlets,
            hamlet_sel: 0,
            scroll: 0,
            side_sel: 0,
            page: Cell::new(usize::MAX),
            privacy: None,
        };
        state.refresh(ctx)?;
        Ok(state)
    }

    fn take_summary(&mut self, s: &Summary, team_names: &HashMap<Id, &str>) {
        self.year = s.commitment_year;
        self.target_pct = s.thresholds.coverage_target_pct;
        self.team_min = s.thresholds.team_min_members;
        self.households = s.total.households.clone();
        self.hamlets = worst_first(s);
        self.active_teams = s.total.teams.active_teams;
        let count = |ids: &[Id]| u32::try_from(ids.len()).unwrap_or(u32::MAX);
        self.hamlets_without =
            [count(&s.total.hamlets_without_security_team), count(&s.total.hamlets_without_mediation_team)];
        self.teams_short = s.total.teams.teams_below_min_size;
        self.teams_leader = s.total.teams.teams_without_one_leader;
        self.problem_teams = s
            .details
            .team_warnings
            .iter()
            .filter_map(|t| {
                let warnings: Vec<Warning> = t.warnings.iter().copied().filter(is_team_problem).collect();
                let name = team_names.get(&t.team)?;
                (!warnings.is_empty()).then(|| ProblemTeam { id: t.team, name: (*name).to_string(), warnings })
            })
            .collect();
        let cases = &s.total.cases;
        (self.open_cases, self.overdue, self.late_start) = (cases.pending, cases.overdue, cases.late_start);
    }

    /// Moves the selection of the focused column.
    fn step(&mut self, action: Action, page: usize) {
        let (sel, len) = match self.column {
            Column::Hamlets => (self.hamlet_sel, self.hamlets.len()),
            Column::Side => (self.side_sel, self.side_items().len()),
        };
        let last = len.saturating_sub(1);
        let next = match action {
            Action::Up => sel.saturating_sub(1),
            Action::Down => sel + 1,
            Action::PageUp => sel.saturating_sub(page),
            Action::PageDown => sel + page,
            Action::Top => 0,
            Action::Bottom => last,
            _ => return,
        }
        .min(last);
        match self.column {
            Column::Hamlets => {
                self.hamlet_sel = next;
                // The window follows the selection.
                if next < self.scroll {
                    self.scroll = next;
                } else if next >= self.scroll + page {
                    self.scroll = next + 1 - page;
                }
            }
            Column::Side => self.side_sel = next,
        }
    }

    /// Enter: the selected hamlet's households, case or team.
    fn open(&self) -> Effect {
        match self.column {
            Column::Hamlets => match self.hamlets.get(self.hamlet_sel) {
                Some(h) => {
                    Effect::Open { screen: Screen::Households, target: Target { kind: EntityKind::Hamlet, id: h.id } }
                }
                None => Effect::None,
            },
            Column::Side => match self.side_items().get(self.side_sel).map(Item::opens) {
                Some((screen, Some(target))) => Effect::Open { screen, target },
                Some((screen, None)) => Effect::Goto(screen),
                None => Effect::None,
            },
        }
    }

    /// Whether the privacy lines were counted for this operator.
    pub fn privacy_counted_for(&self, grant: &Grant) -> bool {
        self.privacy.as_ref().is_some_and(|p| p.grant == *grant)
    }

    /// The privacy lines, counted by the app (zero for a role not told).
    pub fn set_privacy(&mut self, grant: &Grant, expired: usize, overdue_requests: usize) {
        self.privacy = Some(PrivacyCounts { grant: grant.clone(), expired, overdue_requests });
    }

    /// The right column's items, in order.
    fn side_items(&self) -> Vec<Item<'_>> {
        side::items(&self.overdue_cases, &self.follow_ups, &self.problem_teams)
    }
}

impl ScreenState for State {
    fn title(&self) -> Ui {
        Ui::Dashboard
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn refresh(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        let today = ctx.today;
        self.commune = ctx.commune.name.clone();
        self.today = today;
        self.quarter = Period::quarter_containing(today);
        let so_far = Period::custom(self.quarter.start, today).unwrap_or(self.quarter);
        let data = report::load_or_empty(ctx.store, ctx.commune, &so_far, |c| c.follow_up_due(today))?;
        let summary = report::summarize(&data, &so_far);
        // The plan's targets are yearly: the year so far, from the same read.
        let year = Period::custom(first_of_year(today), today).unwrap_or(so_far);
        self.targets = report::targets_beside(&data, &year, &summary).rows;
        let closed = ctx.store.closed_periods();
        self.calendar = ctx.commune.plan.standing(today, |p| closes_all(&closed, p));
        let team_names: HashMap<Id, &str> = data.teams.iter().map(|t| (t.id, t.name.as_str())).collect();
        self.take_summary(&summary, &team_names);
        // Lines name the parties: only the cases listed are read whole.
        let overdue: Vec<MediationCase> = ctx.store.get_many(&summary.details.overdue_cases)?;
        self.overdue_cases = side::overdue(&summary, &overdue);
        let due = due_follow_ups(&data.cases, today);
        self.follow_ups = ctx.store.get_many::<MediationCase>(&due)?.iter().map(CaseLine::of).collect();
        if !ctx.grant.may(crate::domain::access::Action::ReadCases) {
            // A role that may not read cases sees their numbers, not the parties.
            self.overdue_cases.iter_mut().chain(self.follow_ups.iter_mut()).for_each(|c| c.parties.clear());
        }
        self.recent = ctx
            .store
            .recent_changes(RECENT)?
            .into_iter()
            // The list names people: only what the role may read.
            .filter(|e| Screen::reads_all_of(ctx.grant, e.kind))
            .map(|e| recent_change(ctx, e))
            .collect::<Result<_, _>>()?;
        self.hamlet_sel = self.hamlet_sel.min(self.hamlets.len().saturating_sub(1));
        self.scroll = self.scroll.min(self.hamlet_sel);
        self.side_sel = self.side_sel.min(self.side_items().len().saturating_sub(1));
        Ok(())
    }

    fn handle(&mut self, action: Action, _ctx: &Ctx) -> Result<Effect, StoreError> {
        let page = self.page.get().clamp(1, 1000);
        let column = match action {
            Action::Dashboard(DashboardAction::Switch) if self.column == Column::Hamlets => Column::Side,
            Action::Dashboard(DashboardAction::Switch | DashboardAction::ToHamlets) => Column::Hamlets,
            Action::Dashboard(DashboardAction::ToSide) => Column::Side,
            Action::Open => return Ok(self.open()),
            other => {
                self.step(other, page);
                return Ok(Effect::None);
            }
        };
        // A column with nothing to choose keeps no focus.
        let empty = match column {
            Column::Hamlets => self.hamlets.is_empty(),
            Column::Side => self.side_items().is_empty(),
        };
        if !empty {
            self.column = column;
        }
        Ok(Effect::None)
    }

    fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
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
            id: h.hamlet,
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

/// The cases whose follow-up is due today, earliest first. Successful cases
/// are read whatever their period: one closed last quarter may be due now.
/// An audit entry as the latest changes list it. A commitment's summary
/// names its household by id ("#13 / 2026"): it is named by code and head
/// instead, when the commitment (or its last version) and household exist.
fn recent_change(ctx: &Ctx, e: Logged) -> Result<RecentChange, StoreError> {
    let mut summary = crate::i18n::history::logged_summary(ctx.lang, &e.summary);
    if e.kind == EntityKind::Commitment {
        let now = ctx.store.get::<Commitment>(e.id)?;
        if let Some(c) = now.or(e.commitment_before)
            && let Some(h) = ctx.store.get::<Household>(c.household)?
        {
            summary = format!("{} {} ({})", h.code, h.head_name, c.year);
        }
    }
    Ok(RecentChange { at: e.at, operator: e.operator, action: e.action, entity: e.kind, summary })
}

/// 1 January of `day`'s year.
fn first_of_year(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day)
}
