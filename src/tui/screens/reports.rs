//! The Reports screen: the summary of DESIGN.md section 3 for any period
//! (a quarter, half year, year or range of days), in three sections the
//! clerk switches with Tab: households, teams, mediation. Each section is a
//! scrollable document of tables and text bars (`doc`), built by `sections`
//! from the [`Summary`] that `report::summarize` computed: the screen never
//! counts anything itself, so it shows exactly what an export would.
//!
//! The summary is computed in `refresh`: when the screen is shown after a
//! write, and after the clerk chose another period, which returns
//! `Effect::Refresh` so the app draws "working" first and keys stay
//! responsive. Reading a 100,000 household commune takes most of a second,
//! so it is not computed at start (the app marks this screen stale instead).
//!
//! A fourth section compares a closed period's figures as sent with today's
//! (`closed`); `s` closes the period shown, `m` reopens it with a reason. `x` opens the export dialog
//! (`export`), which writes the period shown.

mod close_keys;
mod closed;
pub mod export;
mod period;
mod sections;
#[cfg(test)]
mod tests;
mod view;

use std::cell::Cell;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

pub use close_keys::closing_said;

use super::{Ctx, Effect, ScreenState};
use crate::domain::access::{Action as Access, Grant};
use crate::domain::date::format_dmy;
use crate::domain::{Lang, Period, Problem};
use crate::i18n::closing::ClosingText;
use crate::i18n::reports::ReportsText as T;
use crate::i18n::ui::Ui;
use crate::report::export::Format;
use crate::report::export::words::ExportText;
use crate::report::{self, Dataset, Summary};
use crate::store::{ClosingError, StoreError};
use crate::tui::Action;
use crate::tui::action::ReportAction;
use crate::tui::keymap::{Binding, Hint, Rank};

/// The three parts of the summary, then its closing, in the order Tab
/// visits them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Households,
    Teams,
    Mediation,
    Closing,
}

impl Section {
    pub const ALL: [Section; 4] = [Section::Households, Section::Teams, Section::Mediation, Section::Closing];

    fn index(self) -> usize {
        match self {
            Section::Households => 0,
            Section::Teams => 1,
            Section::Mediation => 2,
            Section::Closing => 3,
        }
    }

    fn step(self, forward: bool) -> Section {
        let n = Section::ALL.len();
        let i = if forward { self.index() + 1 } else { self.index() + n - 1 };
        Section::ALL[i % n]
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Section::Households => T::Households.get(lang),
            Section::Teams => T::Teams.get(lang),
            Section::Mediation => T::Mediation.get(lang),
            Section::Closing => ClosingText::Section.get(lang),
        }
    }
}

pub struct State {
    today: NaiveDate,
    /// The period shown; its summary may still be computing (`waiting`).
    period: Period,
    /// A day the period was chosen around: changing the kind (quarter, half,
    /// year) shows the period of the new kind containing it, so cycling
    /// through the kinds comes back to the same quarter.
    anchor: NaiveDate,
    section: Section,
    /// First line shown, per section.
    scroll: [usize; 4],
    /// `None` until first computed; of another period while `waiting`.
    summary: Option<Summary>,
    /// The period and anchor whose summary is shown, to go back to if
    /// computing the chosen period fails.
    shown: Option<(Period, NaiveDate)>,
    /// Closed periods, and the closed figures of this one.
    closing: closed::ClosingView,
    /// The period being typed (`c`), and why the last try was refused.
    input: Option<Input>,
    input_error: Option<Problem>,
    /// The reason for reopening being typed (`m`), and its refusal.
    reason: Option<Input>,
    reason_error: Option<ClosingError>,
    /// Written by drawing, read by scrolling: lines that fit, and the last
    /// useful first line of the section drawn.
    page: Cell<usize>,
    max_scroll: Cell<usize>,
    /// The export dialog, when open; the folder it proposes and the last
    /// format used.
    export: Option<export::Dialog>,
    export_folder: export::Folder,
    export_format: Format,
}

// Numbers of the screen's own actions (`Action::Screen`).

const fn bind(code: KeyCode, n: ReportAction, hint: Option<fn(Lang) -> &'static str>, footer: Rank) -> Binding {
    let hint = match hint {
        Some(f) => Some(Hint::Text(f)),
        None => None,
    };
    Binding { code, mods: KeyModifiers::NONE, action: Action::Reports(n), hint, footer }
}

/// The periods first on the bottom line, then closing and exporting; Tab
/// comes last: the section tabs on screen say it.
const KEYS: &[Binding] = &[
    bind(KeyCode::Left, ReportAction::Prev, Some(|l| T::KeyPrev.get(l)), 9),
    bind(KeyCode::Right, ReportAction::Next, Some(|l| T::KeyNext.get(l)), 9),
    bind(KeyCode::Char('p'), ReportAction::Kind, Some(|l| T::KeyKind.get(l)), 4),
    bind(KeyCode::Char('c'), ReportAction::Choose, Some(|l| T::KeyChoose.get(l)), 5),
    bind(KeyCode::Char('x'), ReportAction::Export, Some(|l| ExportText::KeyExport.get(l)), 7),
    bind(KeyCode::Char('t'), ReportAction::Current, Some(|l| T::KeyCurrent.get(l)), 3),
    bind(KeyCode::Tab, ReportAction::Section, Some(|l| T::KeySection.get(l)), 1),
    bind(KeyCode::BackTab, ReportAction::SectionBack, Some(|l| T::KeySectionBack.get(l)), 0),
    bind(KeyCode::Char('s'), ReportAction::Close, Some(|l| ClosingText::KeyClose.get(l)), 8),
    bind(KeyCode::Char('m'), ReportAction::Reopen, Some(|l| ClosingText::KeyReopen.get(l)), 6),
    bind(KeyCode::Char(','), ReportAction::Prev, None, 0),
    bind(KeyCode::Char('<'), ReportAction::Prev, None, 0),
    bind(KeyCode::Char('.'), ReportAction::Next, None, 0),
    bind(KeyCode::Char('>'), ReportAction::Next, None, 0),
];

impl State {
    /// The current quarter, not yet computed (see the module note).
    pub fn new(ctx: &Ctx) -> Result<Self, StoreError> {
        Ok(State {
            today: ctx.today,
            period: Period::quarter_containing(ctx.today),
            anchor: ctx.today,
            section: Section::Households,
            scroll: [0; 4],
            summary: None,
            shown: None,
            closing: closed::ClosingView::default(),
            input: None,
            input_error: None,
            reason: None,
            reason_error: None,
            page: Cell::new(10),
            max_scroll: Cell::new(usize::MAX),
            export: None,
            export_folder: export::Folder::for_user(),
            export_format: Format::Xlsx,
        })
    }

    /// The period shown (perhaps still computing).
    pub fn period(&self) -> Period {
        self.period
    }

    /// True while the period shown has not been computed yet.
    pub fn waiting(&self) -> bool {
        self.summary.as_ref().is_none_or(|s| s.period != self.period)
    }

    fn step(&mut self, forward: bool) -> Effect {
        let next = if forward { self.period.next() } else { self.period.previous() };
        let Some(next) = next else { return Effect::None };
        let anchor = period::carry(self.anchor, &self.period, &next);
        self.show_period(next, anchor)
    }

    /// Shows `period` at once and has the app compute it after drawing
    /// "working"; the figures shown until then are remembered in case the
    /// computation fails.
    fn show_period(&mut self, period: Period, anchor: NaiveDate) -> Effect {
        if self.shown.is_none() {
            self.shown = Some((self.period, self.anchor));
        }
        self.period = period;
        self.anchor = anchor;
        Effect::Refresh
    }

    fn scroll(&self) -> usize {
        self.scroll[self.section.index()]
    }

    fn scroll_to(&mut self, line: usize) {
        self.scroll[self.section.index()] = line.min(self.max_scroll.get());
    }
}

impl ScreenState for State {
    fn title(&self) -> Ui {
        Ui::Reports
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    /// Computes the period shown. If that fails, the period whose figures
    /// were shown before comes back, so the screen is as it was.
    fn refresh(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        self.today = ctx.today;
        let computed = compute(ctx, &self.period).and_then(|s| Ok((closed::ClosingView::load(ctx, &s)?, s)));
        match computed {
            Ok((closing, summary)) => {
                self.summary = Some(summary);
                self.closing = closing;
                self.shown = None;
                Ok(())
            }
            Err(e) => {
                if let Some((period, anchor)) = self.shown.take() {
                    (self.period, self.anchor) = (period, anchor);
                }
                Err(e)
            }
        }
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Result<Effect, StoreError> {
        let page = self.page.get().max(1);
        match action {
            Action::Up => self.scroll_to(self.scroll().saturating_sub(1)),
            Action::Down => self.scroll_to(self.scroll().saturating_add(1)),
            Action::PageUp => self.scroll_to(self.scroll().saturating_sub(page)),
            Action::PageDown => self.scroll_to(self.scroll().saturating_add(page)),
            Action::Top => self.scroll_to(0),
            Action::Bottom => self.scroll_to(usize::MAX),
            Action::Reports(ReportAction::Section) => self.section = self.section.step(true),
            Action::Reports(ReportAction::SectionBack) => self.section = self.section.step(false),
            Action::Reports(ReportAction::Prev) => return Ok(self.step(false)),
            Action::Reports(ReportAction::Next) => return Ok(self.step(true)),
            Action::Reports(ReportAction::Kind) => {
                let next = period::next_kind(&self.period, self.anchor);
                return Ok(self.show_period(next, self.anchor));
            }
            Action::Reports(ReportAction::Current) => {
                let now = period::of_kind_containing(&self.period, self.today);
                return Ok(self.show_period(now, self.today));
            }
            Action::Reports(ReportAction::Close) => return Ok(self.ask_close(ctx)),
            Action::Reports(ReportAction::Reopen) => return Ok(self.ask_reason(ctx)),
            Action::Reports(ReportAction::Choose) => {
                let typed = format!("{}..{}", format_dmy(self.period.start), format_dmy(self.period.end));
                self.input = Some(Input::new(typed));
                self.input_error = None;
            }
            Action::Reports(ReportAction::Export) => self.open_export(ctx.lang),
            _ => {}
        }
        Ok(Effect::None)
    }

    /// Exports (numbers masked), closing and reopening a period.
    fn needs(&self, action: Action, _grant: &Grant) -> Option<Access> {
        match action {
            Action::Reports(ReportAction::Export) => Some(Access::ExportMasked),
            Action::Reports(ReportAction::Close) => Some(Access::ClosePeriod),
            Action::Reports(ReportAction::Reopen) => Some(Access::ReopenPeriod),
            _ => None,
        }
    }

    fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        view::render(self, lang, area, buf);
        if let Some(dialog) = &self.export {
            dialog.render(&self.period, lang, area, buf);
        }
    }

    /// Whether a line is open (the period, the reason to reopen, or the
    /// export dialog): the app then sends every key here.
    fn typing(&self) -> bool {
        self.input.is_some() || self.reason.is_some() || self.export.is_some()
    }

    /// A key while the period line is open: Enter shows the period typed
    /// (or says why it cannot), Esc closes the line, anything else edits it.
    fn type_key(&mut self, key: KeyEvent, _ctx: &Ctx) -> Result<Effect, StoreError> {
        if self.export.is_some() {
            return Ok(self.export_key(key));
        }
        if self.reason.is_some() {
            return Ok(self.type_reason(key));
        }
        let Some(input) = &mut self.input else { return Ok(Effect::None) };
        match key.code {
            KeyCode::Esc => {
                self.input = None;
                self.input_error = None;
            }
            KeyCode::Enter => match period::parse(input.value()) {
                Ok(p) => {
                    self.input = None;
                    self.input_error = None;
                    return Ok(self.show_period(p, p.start));
                }
                Err(problem) => self.input_error = Some(problem),
            },
            _ => {
                if input.handle_event(&Event::Key(key)).is_some_and(|c| c.value) {
                    self.input_error = None;
                }
            }
        }
        Ok(Effect::None)
    }
}

/// The one way this screen gets numbers.
fn compute(ctx: &Ctx, period: &Period) -> Result<Summary, StoreError> {
    let data = load(ctx, period)?;
    Ok(report::summarize(&data, period))
}

/// `report::load`, or nothing at all on a new ledger whose commune is not
/// saved yet (see `report::load_or_empty`).
pub(super) fn load(ctx: &Ctx, period: &Period) -> Result<Dataset, StoreError> {
    report::load_or_empty(ctx.store, ctx.commune, period, |_| false)
}
