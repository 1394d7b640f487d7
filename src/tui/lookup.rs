//! The quick lookup box (Ctrl+F or `/` from anywhere): one line of text, the
//! matches below it, Enter opens the chosen record in its screen. A match
//! is described (its record read) only when the list reaches it: those
//! that fit in the box at each keystroke, more as the selection moves down.

use std::cell::Cell;
use std::collections::VecDeque;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table, Widget};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::screens::{Screen, Target};
use super::theme::Theme;
use crate::domain::Lang;
use crate::domain::access::{Grant, OperatorRole};
use crate::i18n::{self, ui::Ui};
use crate::lookup::{Describe, Row as HitRow};
use crate::store::{Hit, Store, StoreError};
use crate::tui::fit::cut;
use unicode_width::UnicodeWidthStr;

/// The cells of a hit: what it is, its name, its hamlet, its status.
fn cells(r: &HitRow, lang: Lang) -> [String; 4] {
    [i18n::entity(lang, r.kind).to_string(), r.title.clone(), r.hamlet.clone(), r.status.clone()]
}

/// Widths of the four columns in `width` cells (one between columns):
/// each as wide as its longest cell, the name at least two fifths of the
/// line; when they do not fit, the wider of the hamlet and the status
/// gives way first. A cell still too long ends in "…"; the record opened
/// shows it whole.
fn column_widths(rows: &[[String; 4]], width: usize) -> [usize; 4] {
    let longest = |i: usize| rows.iter().map(|r| r[i].width()).max().unwrap_or(0);
    let room = width.saturating_sub(3);
    let kind = longest(0).min(room / 6);
    let name = longest(1).min(room * 2 / 5);
    let (mut hamlet, mut status) = (longest(2), longest(3));
    let floor = room / 8;
    while kind + name + hamlet + status > room && (hamlet > floor || status > floor) {
        if hamlet >= status { hamlet -= 1 } else { status -= 1 }
    }
    [kind, room.saturating_sub(kind + hamlet + status), hamlet, status]
}

/// Most matches listed.
const LIMIT: usize = 50;

#[derive(Default)]
pub struct LookupState {
    pub input: Input,
    /// The matches described so far, best first: at least those the box
    /// shows and the one below the selection, while there are more.
    pub rows: Vec<HitRow>,
    pub selected: usize,
    /// Matches not looked at yet, best first (some the role may not read).
    pending: VecDeque<Hit>,
    /// Rows the list had at its last drawing; 0 before it (then every
    /// match is described).
    shown: Cell<usize>,
    /// Set while more keys are already waiting (typed ahead, or sent at
    /// once): a letter then only changes the text, and the search runs
    /// once, for the text all of them make, at the last one.
    pub defer: bool,
    /// The text changed since the last search.
    stale: bool,
}

pub enum LookupEvent {
    Stay,
    Close,
    Open(Target),
}

impl LookupState {
    pub fn handle(
        &mut self,
        key: KeyEvent,
        store: &Store,
        lang: Lang,
        grant: &Grant,
    ) -> Result<LookupEvent, StoreError> {
        let typing = !matches!(key.code, KeyCode::Esc | KeyCode::Enter | KeyCode::Down | KeyCode::Up);
        if !typing {
            // A choice is made on the hits of all the text typed so far.
            self.catch_up(store, lang, grant)?;
        }
        match key.code {
            KeyCode::Esc => return Ok(LookupEvent::Close),
            KeyCode::Enter => {
                return Ok(match self.rows.get(self.selected) {
                    Some(r) => LookupEvent::Open(Target { kind: r.kind, id: r.id }),
                    None => LookupEvent::Stay,
                });
            }
            KeyCode::Down => self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1)),
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            _ => {
                if self.input.handle_event(&Event::Key(key)).is_some_and(|c| c.value) {
                    self.stale = true;
                }
            }
        }
        if typing && self.defer {
            return Ok(LookupEvent::Stay);
        }
        self.catch_up(store, lang, grant)?;
        Ok(LookupEvent::Stay)
    }

    /// What a frame needs before it shows the box: the search a key typed
    /// ahead put off.
    pub fn settle(&mut self, store: &Store, lang: Lang, grant: &Grant) -> Result<(), StoreError> {
        self.catch_up(store, lang, grant)
    }

    /// Searches for the text if it changed, and describes the rows the
    /// list needs.
    fn catch_up(&mut self, store: &Store, lang: Lang, grant: &Grant) -> Result<(), StoreError> {
        if std::mem::take(&mut self.stale) {
            self.search(store, grant)?;
        }
        self.describe(store, lang, grant)
    }

    /// The hits of the text typed, to be described as the list shows them
    /// (more are asked for a hamlet head, as many are dropped).
    fn search(&mut self, store: &Store, grant: &Grant) -> Result<(), StoreError> {
        let confined = grant.role == OperatorRole::HamletHead;
        let hits = store.search(self.input.value(), if confined { LIMIT * 8 } else { LIMIT })?;
        self.pending = hits.into();
        self.rows.clear();
        self.selected = 0;
        Ok(())
    }

    /// Rows the list needs described: those it shows with the selection
    /// where it is, and the next one (so that Down finds it); at most
    /// `LIMIT`.
    fn wanted(&self) -> usize {
        match self.shown.get() {
            0 => LIMIT,
            shown => (self.selected + 2).max(shown).min(LIMIT),
        }
    }

    /// Describes the next hits the role may read until the list has the
    /// rows it needs: kinds of the screens the role is offered, and for a
    /// hamlet head only their hamlet's records.
    fn describe(&mut self, store: &Store, lang: Lang, grant: &Grant) -> Result<(), StoreError> {
        if self.rows.len() >= self.wanted() || self.pending.is_empty() {
            return Ok(());
        }
        let confined = grant.role == OperatorRole::HamletHead;
        let describe = Describe::new(store, lang)?;
        while self.rows.len() < self.wanted()
            && let Some(hit) = self.pending.pop_front()
        {
            if !Screen::of(hit.kind).read_needs().is_none_or(|a| grant.may(a)) {
                continue;
            }
            if confined {
                let hamlets = describe.hamlets_of(&hit)?;
                if !hamlets.is_empty() && !hamlets.iter().any(|h| grant.sees_hamlet(*h)) {
                    continue;
                }
            }
            self.rows.extend(describe.row(&hit)?);
        }
        Ok(())
    }

    pub fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(Theme::border())
            .title(Span::styled(format!(" {} ", Ui::Lookup.get(lang)), Theme::title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let [prompt, field, list] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        self.shown.set(usize::from(list.height).max(1));
        Paragraph::new(Span::styled(Ui::LookupPrompt.get(lang), Theme::dim())).render(prompt, buf);
        let width = usize::from(field.width.saturating_sub(2));
        let scroll = self.input.visual_scroll(width);
        let shown: String = self.input.value().chars().skip(scroll).collect();
        Paragraph::new(Line::from(vec![Span::raw("> "), Span::styled(shown, Theme::input())])).render(field, buf);
        if self.rows.is_empty() && !self.input.value().trim().is_empty() {
            Paragraph::new(Ui::NoResults.get(lang)).render(list, buf);
            return;
        }
        let visible = usize::from(list.height);
        let first = self.selected.saturating_sub(visible.saturating_sub(1));
        let shown: Vec<[String; 4]> = self.rows.iter().map(|r| cells(r, lang)).collect();
        let widths = column_widths(&shown, usize::from(list.width));
        let rows = shown.iter().enumerate().skip(first).take(visible).map(|(i, cells)| {
            let style = if i == self.selected { Theme::selected() } else { ratatui::style::Style::new() };
            Row::new(cells.iter().zip(widths).map(|(c, w)| cut(c, w))).style(style)
        });
        let widths = widths.map(|w| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX)));
        Widget::render(Table::new(rows, widths), list, buf);
    }

    /// Where the terminal cursor goes (inside the text field).
    pub fn cursor(&self, area: Rect) -> (u16, u16) {
        let inner_x = area.x + 1 + 2;
        let x = inner_x + u16::try_from(self.input.visual_cursor()).unwrap_or(0);
        (x.min(area.right().saturating_sub(2)), area.y + 2)
    }
}
