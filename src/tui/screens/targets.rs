//! The Targets screen (Chỉ tiêu, key 7): the records of the plan's other
//! targets, in three tabs that Tab steps through. `models`: the
//! self-management models with their yearly reviews, filters and warnings.
//! `grid`: the year's assessment of every residential area, one row per
//! hamlet and the commune's own row, filled from the keyboard. `outreach`:
//! the year's outreach sessions, their reach, and a session's attendance
//! ticked household by household.
//!
//! Here: the tabs, the year they share and the dispatch to the tab shown.
//! Each tab reads the store in `refresh` and returns writes as effects, like
//! every screen.

mod forms;
mod grid;
mod models;
mod outreach;
mod shared;
#[cfg(test)]
mod tests;

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::{Ctx, Effect, ScreenState, Target};
use crate::domain::access::{Action as Access, Grant};
use crate::domain::{EntityKind, Lang};
use crate::i18n::targets_screen::TargetsText as T;
use crate::i18n::ui::Ui;
use crate::store::StoreError;
use crate::tui::Action;
use crate::tui::action::TargetAction as A;
use crate::tui::form::FormKind;
use crate::tui::keymap::{Binding, HELP_ONLY, Hint, RECORDS, Rank};
use crate::tui::theme::Theme;

pub use forms::{build_form, submit_form};

/// The tabs, in the order Tab steps through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Models,
    Grid,
    Outreach,
}

impl Tab {
    const ALL: [Tab; 3] = [Tab::Models, Tab::Grid, Tab::Outreach];

    fn title(self) -> T {
        match self {
            Tab::Models => T::TabModels,
            Tab::Grid => T::TabGrid,
            Tab::Outreach => T::TabOutreach,
        }
    }

    fn step(self, forward: bool) -> Tab {
        let i = Tab::ALL.iter().position(|t| *t == self).unwrap_or(0);
        let n = Tab::ALL.len();
        Tab::ALL[if forward { (i + 1) % n } else { (i + n - 1) % n }]
    }
}

const fn own(code: KeyCode, a: A, hint: fn(Lang) -> &'static str, footer: Rank) -> Binding {
    Binding { code, mods: KeyModifiers::NONE, action: Action::Targets(a), hint: Some(Hint::Text(hint)), footer }
}

const fn ctrl(c: char, a: A, hint: fn(Lang) -> &'static str) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
        action: Action::Targets(a),
        hint: Some(Hint::Text(hint)),
        footer: 10,
    }
}

const fn digit(c: char) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
        action: Action::Targets(A::Type(c)),
        hint: None,
        footer: HELP_ONLY,
    }
}

const TAB: Binding = own(KeyCode::Tab, A::NextTab, |l| T::KeyTab.get(l), 8);
const BACK_TAB: Binding = own(KeyCode::BackTab, A::PrevTab, |l| T::KeyPrevTab.get(l), HELP_ONLY);
const PREV_YEAR: Binding = own(KeyCode::Char('-'), A::PrevYear, |l| T::KeyPrevYear.get(l), 3);
const NEXT_YEAR: Binding = own(KeyCode::Char('+'), A::NextYear, |l| T::KeyNextYear.get(l), 3);
const NEXT_YEAR_EQ: Binding =
    Binding { hint: None, ..own(KeyCode::Char('='), A::NextYear, |l| T::KeyNextYear.get(l), HELP_ONLY) };

const MODEL_KEYS: &[Binding] = &[
    TAB,
    BACK_TAB,
    own(KeyCode::Char('r'), A::Review, |l| T::KeyReview.get(l), 9),
    own(KeyCode::Char('t'), A::ByHamlet, |l| T::KeyHamlet.get(l), 2),
    own(KeyCode::Char('s'), A::ByReview, |l| T::KeyState.get(l), 2),
    PREV_YEAR,
    NEXT_YEAR,
    NEXT_YEAR_EQ,
    RECORDS[0],
    RECORDS[1],
    RECORDS[2],
    RECORDS[3],
    RECORDS[4],
];

const GRID_KEYS: &[Binding] = &[
    TAB,
    BACK_TAB,
    own(KeyCode::Char(' '), A::Toggle, |l| T::KeyToggle.get(l), 9),
    ctrl('s', A::Save, |l| T::KeySave.get(l)),
    own(KeyCode::Left, A::Left, |l| T::KeyLeft.get(l), HELP_ONLY),
    own(KeyCode::Right, A::Right, |l| T::KeyRight.get(l), HELP_ONLY),
    PREV_YEAR,
    NEXT_YEAR,
    NEXT_YEAR_EQ,
    // Digits and "/" start editing a date: "type to edit".
    digit('0'),
    digit('1'),
    digit('2'),
    digit('3'),
    digit('4'),
    digit('5'),
    digit('6'),
    digit('7'),
    digit('8'),
    digit('9'),
    digit('/'),
    RECORDS[4],
];

const OUTREACH_KEYS: &[Binding] = &[
    TAB,
    BACK_TAB,
    own(KeyCode::Char('t'), A::ByHamlet, |l| T::KeyHamlet.get(l), 2),
    own(KeyCode::Char('a'), A::Attendance, |l| T::KeyAttendance.get(l), 9),
    PREV_YEAR,
    NEXT_YEAR,
    NEXT_YEAR_EQ,
    RECORDS[0],
    RECORDS[1],
    RECORDS[2],
    RECORDS[3],
    RECORDS[4],
];

const ATTENDANCE_KEYS: &[Binding] = &[
    own(KeyCode::Char(' '), A::Toggle, |l| T::KeyPresent.get(l), 9),
    own(KeyCode::Char('a'), A::AllPresent, |l| T::KeyAllPresent.get(l), 8),
    own(KeyCode::Char('u'), A::NonePresent, |l| T::KeyNonePresent.get(l), 7),
    ctrl('s', A::Save, |l| T::KeySave.get(l)),
];

pub struct State {
    tab: Tab,
    /// The year every tab shows (reviews, assessments, sessions).
    year: u16,
    models: models::Models,
    grid: grid::Grid,
    outreach: outreach::Sessions,
}

impl State {
    /// Nothing read yet: the app refreshes the screen when first shown.
    pub fn unloaded() -> Self {
        State {
            tab: Tab::Models,
            year: 0,
            models: models::Models::default(),
            grid: grid::Grid::default(),
            outreach: outreach::Sessions::default(),
        }
    }

    /// Which tab is shown (tests).
    pub fn tab(&self) -> Tab {
        self.tab
    }

    fn step_year(&mut self, by: i32, ctx: &Ctx) -> Result<Effect, StoreError> {
        let this = ctx.today.year();
        let year = (i32::from(self.year) + by).clamp(2000, this + 1);
        self.year = u16::try_from(year).unwrap_or(self.year);
        self.refresh(ctx)?;
        Ok(Effect::None)
    }

    fn header(&self, lang: Lang) -> Line<'static> {
        let mut spans = Vec::new();
        for tab in Tab::ALL {
            let (text, style) = if tab == self.tab {
                (format!("▸{}◂", tab.title().get(lang)), Theme::tab_active())
            } else {
                (format!(" {} ", tab.title().get(lang)), Theme::tab())
            };
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(format!(" {} {} (-/+)", T::Year.get(lang), self.year), Theme::header()));
        Line::from(spans)
    }
}

impl ScreenState for State {
    fn title(&self) -> Ui {
        Ui::Targets
    }

    fn keys(&self) -> &'static [Binding] {
        match self.tab {
            Tab::Models => MODEL_KEYS,
            Tab::Grid => GRID_KEYS,
            Tab::Outreach if self.outreach.attending() => ATTENDANCE_KEYS,
            Tab::Outreach => OUTREACH_KEYS,
        }
    }

    fn refresh(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        if self.year == 0 {
            self.year = u16::try_from(ctx.today.year()).unwrap_or(2026);
        }
        let shared = shared::Shared::load(ctx, self.year)?;
        self.models.refresh(ctx, &shared)?;
        self.grid.refresh(ctx, &shared)?;
        self.outreach.refresh(ctx, &shared)?;
        Ok(())
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Result<Effect, StoreError> {
        match action {
            Action::Targets(A::NextTab) | Action::Targets(A::PrevTab) if !self.outreach.attending() => {
                self.tab = self.tab.step(action == Action::Targets(A::NextTab));
                Ok(Effect::None)
            }
            Action::Targets(A::PrevYear) => self.step_year(-1, ctx),
            Action::Targets(A::NextYear) => self.step_year(1, ctx),
            other => match self.tab {
                Tab::Models => self.models.handle(other, ctx, self.year),
                Tab::Grid => self.grid.handle(other, ctx),
                Tab::Outreach => self.outreach.handle(other, ctx),
            },
        }
    }

    fn show(&mut self, target: Target, ctx: &Ctx) -> Result<(), StoreError> {
        self.tab = match target.kind {
            EntityKind::Model => Tab::Models,
            EntityKind::Assessment => Tab::Grid,
            EntityKind::Outreach => Tab::Outreach,
            _ => return Ok(()),
        };
        self.refresh(ctx)?;
        match self.tab {
            Tab::Models => self.models.select(target.id),
            Tab::Grid => self.grid.select(ctx, target.id)?,
            Tab::Outreach => self.outreach.open(ctx, target.id)?,
        }
        Ok(())
    }

    /// Models, the grid's assessments, outreach sessions (in the selected
    /// session's hamlet; a new one in the operator's own hamlet).
    fn needs(&self, action: Action, grant: &Grant) -> Option<Access> {
        let writes = match self.tab {
            Tab::Outreach if self.outreach.attending() => {
                matches!(action, Action::Targets(A::Toggle | A::AllPresent | A::NonePresent | A::Save))
            }
            Tab::Outreach => matches!(action, Action::Edit | Action::Delete | Action::Targets(A::Attendance)),
            Tab::Models => {
                matches!(action, Action::New | Action::Edit | Action::Delete | Action::Open)
                    || action == Action::Targets(A::Review)
            }
            Tab::Grid => match action {
                Action::Targets(A::Toggle | A::Save) | Action::Open => true,
                Action::Targets(A::Type(_)) => self.grid.on_editable(),
                _ => false,
            },
        };
        match self.tab {
            Tab::Outreach if action == Action::New && !self.outreach.attending() => {
                Some(Access::WriteOutreach { hamlet: grant.hamlet })
            }
            Tab::Outreach if writes => Some(Access::WriteOutreach { hamlet: self.outreach.hamlet() }),
            Tab::Models if writes => Some(Access::WriteModel),
            Tab::Grid if writes => Some(Access::WriteAssessment),
            _ => None,
        }
    }

    fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(Theme::border())
            .title(Span::styled(format!(" {} ", Ui::Targets.get(lang)), Theme::title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        Paragraph::new(self.header(lang)).render(head, buf);
        match self.tab {
            Tab::Models => self.models.render(lang, self.year, body, buf),
            Tab::Grid => self.grid.render(lang, self.year, body, buf),
            Tab::Outreach => self.outreach.render(lang, self.year, body, buf),
        }
    }

    /// A grid cell or nothing else being typed in reads every key.
    fn typing(&self) -> bool {
        self.tab == Tab::Grid && self.grid.editing()
    }

    fn type_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Result<Effect, StoreError> {
        Ok(self.grid.type_key(key, ctx.lang))
    }
}

/// A form over the screen.
fn form(kind: FormKind, ctx: &Ctx) -> Result<Effect, StoreError> {
    Ok(Effect::Form(Box::new(forms::build_form(&kind, ctx)?)))
}
