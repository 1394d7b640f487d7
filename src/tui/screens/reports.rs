//! The Reports screen: the summary of DESIGN.md section 3 for any period
//! (a quarter, half year, year or range of days), in three sections the
//! clerk switches with Tab: households, teams, mediation. Each section is a
//! scrollable document of tables and text bars (`doc`), built by `sections`
//! from the [`Summary`] that `report::summarize` computed: the screen never
//! counts anything itself, so it shows exactly what an export would.
//!
//! The summary is computed when the period changes and in `refresh` (after
//! a write, or when the screen is shown after one); reading a 100,000
//! household commune takes about a second, so it is not computed at start
//! (the app marks this screen stale instead). `x` opens the export dialog
//! (`export`), which writes the period shown.

pub(super) mod doc;
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

use super::{Ctx, Effect, Target};
use crate::domain::date::format_dmy;
use crate::domain::{Lang, Period, Problem};
use crate::i18n::exports::ExportText;
use crate::i18n::reports::ReportsText as T;
use crate::report::export::Format;
use crate::report::{self, Dataset, Summary};
use crate::store::StoreError;
use crate::tui::Action;
use crate::tui::keymap::{Binding, Hint};

/// The three parts of the summary, in the order Tab visits them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Households,
    Teams,
    Mediation,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Households, Section::Teams, Section::Mediation];

    fn index(self) -> usize {
        match self {
            Section::Households => 0,
            Section::Teams => 1,
            Section::Mediation => 2,
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
        }
    }
}

pub struct State {
    today: NaiveDate,
    period: Period,
    /// A day the period was chosen around: changing the kind (quarter, half,
    /// year) shows the period of the new kind containing it, so cycling
    /// through the kinds comes back to the same quarter.
    anchor: NaiveDate,
    section: Section,
    /// First line shown, per section.
    scroll: [usize; 3],
    /// `None` until first computed.
    summary: Option<Summary>,
    /// The period being typed (`c`), and why the last try was refused.
    input: Option<Input>,
    input_error: Option<Problem>,
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
const PREV: u8 = 0;
const NEXT: u8 = 1;
const KIND: u8 = 2;
const CHOOSE: u8 = 3;
const CURRENT: u8 = 4;
const SECTION: u8 = 5;
const SECTION_BACK: u8 = 6;
const EXPORT: u8 = 7;

const fn bind(code: KeyCode, n: u8, hint: Option<fn(Lang) -> &'static str>, footer: bool) -> Binding {
    let hint = match hint {
        Some(f) => Some(Hint::Text(f)),
        None => None,
    };
    Binding { code, mods: KeyModifiers::NONE, action: Action::Screen(n), hint, footer }
}

/// Tab is not in the footer: the section tabs on screen say it.
const KEYS: &[Binding] = &[
    bind(KeyCode::Left, PREV, Some(|l| T::KeyPrev.get(l)), true),
    bind(KeyCode::Right, NEXT, Some(|l| T::KeyNext.get(l)), false),
    bind(KeyCode::Char('p'), KIND, Some(|l| T::KeyKind.get(l)), true),
    bind(KeyCode::Char('c'), CHOOSE, Some(|l| T::KeyChoose.get(l)), true),
    bind(KeyCode::Char('x'), EXPORT, Some(|l| ExportText::KeyExport.get(l)), true),
    bind(KeyCode::Char('t'), CURRENT, Some(|l| T::KeyCurrent.get(l)), false),
    bind(KeyCode::Tab, SECTION, Some(|l| T::KeySection.get(l)), false),
    bind(KeyCode::BackTab, SECTION_BACK, Some(|l| T::KeySectionBack.get(l)), false),
    bind(KeyCode::Char(','), PREV, None, false),
    bind(KeyCode::Char('<'), PREV, None, false),
    bind(KeyCode::Char('.'), NEXT, None, false),
    bind(KeyCode::Char('>'), NEXT, None, false),
];

impl State {
    /// The current quarter, not yet computed (see the module note).
    pub fn new(ctx: &Ctx) -> Result<Self, StoreError> {
        Ok(State {
            today: ctx.today,
            period: Period::quarter_containing(ctx.today),
            anchor: ctx.today,
            section: Section::Households,
            scroll: [0; 3],
            summary: None,
            input: None,
            input_error: None,
            page: Cell::new(10),
            max_scroll: Cell::new(usize::MAX),
            export: None,
            export_folder: export::Folder::for_user(),
            export_format: Format::Xlsx,
        })
    }

    pub fn keys() -> &'static [Binding] {
        KEYS
    }

    pub fn refresh(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        self.today = ctx.today;
        self.summary = Some(compute(ctx, &self.period)?);
        Ok(())
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx) -> Result<Effect, StoreError> {
        if self.summary.is_none() {
            self.refresh(ctx)?;
        }
        let page = self.page.get().max(1);
        match action {
            Action::Up => self.scroll_to(self.scroll().saturating_sub(1)),
            Action::Down => self.scroll_to(self.scroll().saturating_add(1)),
            Action::PageUp => self.scroll_to(self.scroll().saturating_sub(page)),
            Action::PageDown => self.scroll_to(self.scroll().saturating_add(page)),
            Action::Top => self.scroll_to(0),
            Action::Bottom => self.scroll_to(usize::MAX),
            Action::Screen(SECTION) => self.section = self.section.step(true),
            Action::Screen(SECTION_BACK) => self.section = self.section.step(false),
            Action::Screen(PREV) => self.step(false, ctx)?,
            Action::Screen(NEXT) => self.step(true, ctx)?,
            Action::Screen(KIND) => {
                let next = period::next_kind(&self.period, self.anchor);
                self.show_period(next, self.anchor, ctx)?;
            }
            Action::Screen(CURRENT) => {
                let now = period::of_kind_containing(&self.period, self.today);
                self.show_period(now, self.today, ctx)?;
            }
            Action::Screen(CHOOSE) => {
                let typed = format!("{}..{}", format_dmy(self.period.start), format_dmy(self.period.end));
                self.input = Some(Input::new(typed));
                self.input_error = None;
            }
            Action::Screen(EXPORT) => self.open_export(ctx.lang),
            _ => {}
        }
        Ok(Effect::None)
    }

    pub fn show(&mut self, _target: Target, _ctx: &Ctx) -> Result<(), StoreError> {
        Ok(())
    }

    pub fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        view::render(self, lang, area, buf);
        if let Some(dialog) = &self.export {
            dialog.render(&self.period, lang, area, buf);
        }
    }

    /// Whether the period line or the export dialog is open: the app then
    /// sends every key here.
    pub fn typing(&self) -> bool {
        self.input.is_some() || self.export.is_some()
    }

    /// A key while the period line is open: Enter shows the period typed
    /// (or says why it cannot), Esc closes the line, anything else edits it.
    pub fn type_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Result<Effect, StoreError> {
        if self.export.is_some() {
            return Ok(self.export_key(key));
        }
        let Some(input) = &mut self.input else { return Ok(Effect::None) };
        match key.code {
            KeyCode::Esc => {
                self.input = None;
                self.input_error = None;
            }
            KeyCode::Enter => match period::parse(input.value()) {
                Ok(p) => {
                    self.show_period(p, p.start, ctx)?;
                    self.input = None;
                    self.input_error = None;
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

    fn step(&mut self, forward: bool, ctx: &Ctx) -> Result<(), StoreError> {
        let next = if forward { self.period.next() } else { self.period.previous() };
        let Some(next) = next else { return Ok(()) };
        let anchor = period::carry(self.anchor, &self.period, &next);
        self.show_period(next, anchor, ctx)
    }

    /// Computes `period` first, so a failure leaves the screen as it was.
    fn show_period(&mut self, period: Period, anchor: NaiveDate, ctx: &Ctx) -> Result<(), StoreError> {
        let summary = compute(ctx, &period)?;
        self.period = period;
        self.anchor = anchor;
        self.summary = Some(summary);
        Ok(())
    }

    fn scroll(&self) -> usize {
        self.scroll[self.section.index()]
    }

    fn scroll_to(&mut self, line: usize) {
        self.scroll[self.section.index()] = line.min(self.max_scroll.get());
    }
}

/// The one way this screen gets numbers.
fn compute(ctx: &Ctx, period: &Period) -> Result<Summary, StoreError> {
    let data = load(ctx, period)?;
    Ok(report::summarize(&data, period))
}

/// `report::load`, or nothing at all on a new ledger whose commune is not
/// saved yet (where `load` would refuse): its summary has no rows.
pub(super) fn load(ctx: &Ctx, period: &Period) -> Result<Dataset, StoreError> {
    if ctx.store.commune()?.is_some() {
        return report::load(ctx.store, period);
    }
    Ok(Dataset {
        commune: ctx.commune.clone(),
        hamlets: Vec::new(),
        households: Vec::new(),
        commitments: Vec::new(),
        teams: Vec::new(),
        members: Vec::new(),
        cases: Vec::new(),
    })
}
