//! The Teams screen: the teams of the commune (kind, place, size, leader,
//! warnings), filtered by kind and hamlet, and the roster of the selected
//! team beside it (or below it on a small terminal). Tab, Left and Right move
//! the focus between the two.
//!
//! Here: the keys, the selection, the focus and the filter's keys. What
//! lives elsewhere: the rows (`rows`), the filter (`filter`), the record
//! keys (`records`), moving a member to another team (`moving`), the forms
//! (`forms`) and the drawing (`draw`).

mod draw;
mod filter;
mod forms;
mod moving;
mod records;
mod rows;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;

use super::{Ctx, Effect, ScreenState, Target};
use crate::domain::access::{Action as Access, Grant};
use crate::domain::{EntityKind, Id, Lang, Member, TeamKind};
use crate::i18n::importing::ImportingText;
use crate::i18n::teams::TeamsText;
use crate::i18n::ui::Ui;
use crate::store::StoreError;
use crate::tui::Action;
use crate::tui::action::TeamAction;
use crate::tui::keymap::{self, Binding, Hint, Rank};
use filter::Filter;
use moving::Flow;
use rows::{MemberRow, TeamRow};

pub use forms::{build_form, submit_form};

/// Rows moved by Page Up / Page Down.
const PAGE: isize = 10;

const fn own(code: KeyCode, n: TeamAction, hint: fn(Lang) -> &'static str, footer: Rank) -> Binding {
    Binding { code, mods: KeyModifiers::NONE, action: Action::Teams(n), hint: Some(Hint::Text(hint)), footer }
}

const KEYS: &[Binding] = &[
    own(KeyCode::Tab, TeamAction::Pane, |l| TeamsText::KeyPane.get(l), 5),
    own(KeyCode::Left, TeamAction::TeamsPane, |l| TeamsText::KeyTeamsPane.get(l), 0),
    own(KeyCode::Right, TeamAction::RosterPane, |l| TeamsText::KeyRosterPane.get(l), 0),
    own(KeyCode::Char('l'), TeamAction::Kind, |l| TeamsText::KeyKind.get(l), 2),
    own(KeyCode::Char('t'), TeamAction::Hamlet, |l| TeamsText::KeyHamlet.get(l), 3),
    own(KeyCode::Char('w'), TeamAction::Warned, |l| TeamsText::KeyWarned.get(l), 3),
    own(KeyCode::Char('c'), TeamAction::Move, |l| TeamsText::KeyMove.get(l), 8),
    own(KeyCode::Char('r'), TeamAction::Retire, |l| TeamsText::KeyRetire.get(l), 4),
    own(KeyCode::Char('d'), TeamAction::Training, |l| TeamsText::KeyTraining.get(l), 2),
    own(KeyCode::Char('i'), TeamAction::Import, |l| ImportingText::KeyImport.get(l), 1),
    keymap::RECORDS[0],
    keymap::RECORDS[1],
    keymap::RECORDS[2],
    keymap::RECORDS[3],
    keymap::RECORDS[4],
];

/// Which list has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Teams,
    Roster,
}

pub struct State {
    hamlets: Vec<(Id, String)>,
    /// Every team, in display order.
    teams: Vec<TeamRow>,
    /// Indexes into `teams` of those the filter lets through.
    shown: Vec<usize>,
    filter: Filter,
    /// Index into `shown`.
    selected: usize,
    /// The team `roster` belongs to.
    roster_team: Option<Id>,
    roster: Vec<MemberRow>,
    /// Index into `roster`.
    member: usize,
    focus: Pane,
    flow: Flow,
}

/// Where an arrow or page key goes.
#[derive(Clone, Copy)]
enum Go {
    By(isize),
    First,
    Last,
}

impl State {
    /// The screen with nothing read yet: the app refreshes it when it is
    /// first shown, so opening the ledger does not wait for it.
    pub fn unloaded(ctx: &Ctx) -> Self {
        State {
            hamlets: Vec::new(),
            teams: Vec::new(),
            shown: Vec::new(),
            filter: Filter::load(ctx.store.dir()),
            selected: 0,
            roster_team: None,
            roster: Vec::new(),
            member: 0,
            focus: Pane::Teams,
            flow: Flow::Idle,
        }
    }

    pub fn new(ctx: &Ctx) -> Result<Self, StoreError> {
        let mut state = State::unloaded(ctx);
        state.refresh(ctx)?;
        Ok(state)
    }

    fn team(&self) -> Option<&TeamRow> {
        self.shown.get(self.selected).and_then(|i| self.teams.get(*i))
    }

    fn current_member(&self) -> Option<&MemberRow> {
        self.roster.get(self.member)
    }

    fn apply_filter(&mut self) {
        let filter = self.filter;
        self.shown = (0..self.teams.len()).filter(|i| filter.matches(&self.teams[*i])).collect();
    }

    /// Selects team `id` if shown, else keeps the position within bounds.
    fn select_team(&mut self, id: Option<Id>) {
        let found = id.and_then(|id| self.shown.iter().position(|i| self.teams[*i].id == id));
        self.selected = found.unwrap_or(self.selected).min(self.shown.len().saturating_sub(1));
    }

    /// Clears the filter if it hides team `id` (a record opened from the
    /// lookup, or the new team of a move, must be seen).
    fn reveal(&mut self, id: Id, ctx: &Ctx) {
        if !self.shown.iter().any(|i| self.teams[*i].id == id) {
            self.filter = Filter::default();
            self.filter.save(ctx.store.dir());
            self.apply_filter();
        }
    }

    /// Reads the selected team's roster, keeping the selected member when
    /// the team is the same.
    fn load_roster(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        let team = self.team().map(|t| t.id);
        let keep = if team == self.roster_team { self.current_member().map(|m| m.id) } else { None };
        self.roster = match team {
            Some(id) => rows::roster(ctx.store, id, ctx.today)?,
            None => Vec::new(),
        };
        self.roster_team = team;
        self.member = keep.and_then(|id| self.roster.iter().position(|m| m.id == id)).unwrap_or(0);
        if team.is_none() {
            self.focus = Pane::Teams;
        }
        Ok(())
    }

    fn go(&mut self, go: Go, ctx: &Ctx) -> Result<Effect, StoreError> {
        let step = |cur: usize, len: usize| match go {
            Go::By(d) => cur.saturating_add_signed(d).min(len.saturating_sub(1)),
            Go::First => 0,
            Go::Last => len.saturating_sub(1),
        };
        match self.focus {
            Pane::Teams => {
                let next = step(self.selected, self.shown.len());
                if next != self.selected {
                    self.selected = next;
                    self.load_roster(ctx)?;
                }
            }
            Pane::Roster => self.member = step(self.member, self.roster.len()),
        }
        Ok(Effect::None)
    }

    fn focus_on(&mut self, pane: Pane) {
        self.focus = if self.team().is_some() { pane } else { Pane::Teams };
    }

    fn open(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        match &self.flow {
            Flow::Picking { .. } => return self.pick(ctx),
            Flow::Ready { .. } => return self.rejoin(ctx),
            _ => {}
        }
        match self.focus {
            Pane::Teams => {
                self.focus_on(Pane::Roster);
                Ok(Effect::None)
            }
            Pane::Roster => self.edit(ctx),
        }
    }

    fn back(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        if self.flow != Flow::Idle {
            self.flow = Flow::Idle;
        } else if !self.filter.is_empty() {
            self.filter = Filter::default();
            self.filtered(ctx)?;
            return Ok(self.say(TeamsText::FiltersCleared, ctx.lang));
        } else {
            self.focus = Pane::Teams;
        }
        Ok(Effect::None)
    }

    /// After the filter changed: keep the same team if still shown.
    fn filtered(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        let team = self.team().map(|t| t.id);
        self.filter.save(ctx.store.dir());
        self.apply_filter();
        self.selected = 0;
        self.select_team(team);
        self.load_roster(ctx)?;
        Ok(Effect::None)
    }

    fn screen_action(&mut self, n: TeamAction, ctx: &Ctx) -> Result<Effect, StoreError> {
        match n {
            TeamAction::Pane => self.focus_on(if self.focus == Pane::Teams { Pane::Roster } else { Pane::Teams }),
            TeamAction::TeamsPane => self.focus = Pane::Teams,
            TeamAction::RosterPane => self.focus_on(Pane::Roster),
            TeamAction::Kind => {
                self.filter.next_kind();
                return self.filtered(ctx);
            }
            TeamAction::Hamlet => {
                let selected = self.team().cloned();
                self.filter.next_place(&self.hamlets, selected.as_ref());
                return self.filtered(ctx);
            }
            TeamAction::Warned => {
                self.filter.warned = !self.filter.warned;
                return self.filtered(ctx);
            }
            TeamAction::Move => return Ok(self.start_move(ctx.lang)),
            TeamAction::Retire => return self.retire(ctx),
            TeamAction::Training => return self.training(ctx),
            TeamAction::Import => return Ok(Effect::Import(crate::tui::import::Choice::TEAMS)),
        }
        Ok(Effect::None)
    }

    fn say(&self, text: TeamsText, lang: Lang) -> Effect {
        Effect::Status(text.get(lang).to_string())
    }
}

impl ScreenState for State {
    fn title(&self) -> Ui {
        Ui::Teams
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    /// Rebuilds the rows after a write. The selection stays on the same
    /// team and member, or moves to the one just added.
    fn refresh(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        let known_teams: HashSet<Id> = self.teams.iter().map(|t| t.id).collect();
        let known_members: HashSet<Id> = self.roster.iter().map(|m| m.id).collect();
        let mut team = self.team().map(|t| t.id);
        self.hamlets = rows::hamlets(ctx.store)?;
        self.teams = rows::team_rows(ctx.store, &self.hamlets, &ctx.commune.settings, ctx.today)?;
        self.filter.settle(&self.hamlets);
        self.apply_filter();
        if let Some(to) = self.after_leaving(ctx)? {
            team = Some(to);
        }
        if !known_teams.is_empty() {
            team = self.teams.iter().map(|t| t.id).filter(|id| !known_teams.contains(id)).max().or(team);
        }
        let same_team = team.is_some() && team == self.roster_team;
        self.select_team(team);
        self.load_roster(ctx)?;
        let added = self.roster.iter().map(|m| m.id).filter(|id| !known_members.contains(id)).max();
        if let Some(id) = added.filter(|_| same_team) {
            self.member = self.roster.iter().position(|m| m.id == id).unwrap_or(self.member);
        }
        Ok(())
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Result<Effect, StoreError> {
        self.settle_flow(action);
        match action {
            Action::Up => self.go(Go::By(-1), ctx),
            Action::Down => self.go(Go::By(1), ctx),
            Action::PageUp => self.go(Go::By(-PAGE), ctx),
            Action::PageDown => self.go(Go::By(PAGE), ctx),
            Action::Top => self.go(Go::First, ctx),
            Action::Bottom => self.go(Go::Last, ctx),
            Action::Open => self.open(ctx),
            Action::Back => self.back(ctx),
            Action::New => self.new_record(ctx),
            Action::Edit => self.edit(ctx),
            Action::Delete => Ok(self.delete(ctx.lang)),
            Action::History => self.history(ctx),
            Action::Teams(n) => self.screen_action(n, ctx),
            _ => Ok(Effect::None),
        }
    }

    fn show(&mut self, target: Target, ctx: &Ctx) -> Result<(), StoreError> {
        let (team, member) = match target.kind {
            EntityKind::Team => (target.id, None),
            EntityKind::Member => match ctx.store.get::<Member>(target.id)? {
                Some(m) => (m.team, Some(m.id)),
                None => return Ok(()),
            },
            _ => return Ok(()),
        };
        self.flow = Flow::Idle;
        self.reveal(team, ctx);
        self.select_team(Some(team));
        self.load_roster(ctx)?;
        if let Some(id) = member {
            self.member = self.roster.iter().position(|m| m.id == id).unwrap_or(0);
        }
        self.focus = if member.is_some() { Pane::Roster } else { Pane::Teams };
        Ok(())
    }

    /// A team of the selected team's kind (a new team: the kind the list
    /// is filtered by, else the first kind the role may keep).
    fn needs(&self, action: Action, grant: &Grant) -> Option<Access> {
        let writable = TeamKind::ALL.into_iter().find(|k| grant.may(Access::WriteTeam { kind: *k }));
        let selected = self.team().map(|t| t.kind);
        let kind = match action {
            Action::New if self.focus == Pane::Teams || selected.is_none() => self.filter.kind.or(writable),
            Action::Teams(TeamAction::Import) => writable,
            Action::New
            | Action::Edit
            | Action::Delete
            | Action::Teams(TeamAction::Move | TeamAction::Retire | TeamAction::Training) => selected.or(writable),
            Action::Open if self.focus == Pane::Roster => selected.or(writable),
            _ => return None,
        };
        Some(Access::WriteTeam { kind: kind.unwrap_or(TeamKind::Other) })
    }

    fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        draw::screen(self, lang, area, buf);
    }
}
