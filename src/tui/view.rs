//! Drawing the application: header with the screens, the current screen,
//! the status line, the key hints, and any overlay. Reads state only.
//!
//! Nothing the clerk must read is cut off: the status line grows to as
//! many lines as its message needs, a form's labels and errors wrap
//! within their column (`fit`), and the bottom line keeps the keys that
//! matter most for what is shown (`footer`).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::app::{App, Overlay, Tone};
use super::fit::wrap;
use super::footer::{self, Item};
use super::form::{Control, Form, FormField};
use super::help;
use super::keymap::GLOBAL;
use super::screens::Screen;
use super::theme::Theme;
use crate::domain::Lang;
use crate::i18n::ui::Ui;
use unicode_width::UnicodeWidthStr;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if let Some(lock) = &self.lock {
            // Locked: nothing of the ledger shows.
            lock.render(area, buf);
            super::console::compose(buf);
            return;
        }
        let [header, body, status, bottom] = self.areas(area);
        self.render_header(header, buf);
        self.render_screen(body, buf);
        self.render_status(status, buf);
        footer::render(self.footer_items(), bottom, buf);
        self.render_overlay(body, buf);
        super::console::compose(buf);
    }
}

/// The status line's most lines: a third of the screen (a message of
/// about 600 letters at 80 columns).
fn status_cap(area: Rect) -> usize {
    usize::from(area.height / 3).max(1)
}

impl App {
    /// The header, the screen, the status line (as many lines as its
    /// message takes, at least one) and the bottom line.
    fn areas(&self, area: Rect) -> [Rect; 4] {
        let lines = self.status_lines(area.width).len().clamp(1, status_cap(area));
        let lines = u16::try_from(lines).unwrap_or(1);
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(lines), Constraint::Length(1)])
            .areas(area)
    }

    /// The status message in lines of the screen's width (one space each
    /// side), none without a message.
    fn status_lines(&self, width: u16) -> Vec<String> {
        let Some((text, _)) = &self.status else { return Vec::new() };
        wrap(text, usize::from(width.saturating_sub(2)))
    }

    /// The keys of what is shown: the overlay's, or the screen's (its
    /// line's, while it is typing).
    fn footer_items(&self) -> Vec<Item> {
        let lang = self.lang;
        match &self.overlay {
            Overlay::None if self.screen_state(self.screen).typing() => footer::typing(lang),
            Overlay::None => footer::screen(&[&self.offered(&[self.screen_keys(), GLOBAL])], lang),
            Overlay::Help | Overlay::History(_) => footer::reading(lang),
            Overlay::Lookup(_) => footer::lookup(lang),
            Overlay::Form(form) => footer::form(choosing(form), lang),
            Overlay::Confirm { .. } | Overlay::Discard(_) => footer::question(lang),
            Overlay::Import(dialog) => footer::import(dialog.stage(), lang),
            Overlay::DraftReview(_) => footer::draft_review(lang),
        }
    }

    /// The screens as tabs; where they do not fit, without their padding
    /// (one space between tabs), then, narrower still, the other screens
    /// show only their number; the commune's name only when there is room.
    fn render_header(&self, area: Rect, buf: &mut Buffer) {
        let tab = |i: usize, screen: &Screen, full: bool, pad: &str| {
            let style = if *screen == self.screen { Theme::tab_active() } else { Theme::tab() };
            let text = if full || *screen == self.screen {
                format!("{pad}{} {}{pad}", i + 1, self.screen_state(*screen).title().get(self.lang))
            } else {
                format!(" {} ", i + 1)
            };
            Span::styled(text, style)
        };
        let tabs = |full: bool, pad: &str| -> Vec<Span> {
            let mut out = Vec::new();
            // A screen the role may not read is not offered (its number
            // stays that of its key).
            for (i, s) in Screen::ALL.iter().enumerate().filter(|(_, s)| self.may_read(**s).is_ok()) {
                if pad.is_empty() && !out.is_empty() {
                    out.push(Span::raw(" "));
                }
                out.push(tab(i, s, full, pad));
            }
            out
        };
        let fits = |spans: &Vec<Span>| spans.iter().map(Span::width).sum::<usize>() <= usize::from(area.width);
        let mut spans = [tabs(true, " "), tabs(true, "")].into_iter().find(fits).unwrap_or_else(|| tabs(false, " "));
        let used: usize = spans.iter().map(Span::width).sum();
        let name = format!(" {} ", self.commune.name);
        if used + name.chars().count() <= usize::from(area.width) {
            spans.insert(0, Span::styled(name, Theme::title()));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    fn render_screen(&self, area: Rect, buf: &mut Buffer) {
        self.screen_state(self.screen).render(self.lang, area, buf);
    }

    /// The message, whole: one line, or as many as it takes. Only past a
    /// third of the screen is the last line cut, and marked "…".
    fn render_status(&self, area: Rect, buf: &mut Buffer) {
        let Some((_, tone)) = &self.status else { return };
        let style = match tone {
            Tone::Info => Theme::header(),
            Tone::Good => Theme::ok_status(),
            Tone::Bad => Theme::error(),
        };
        let mut lines = self.status_lines(area.width);
        let shown = usize::from(area.height);
        if lines.len() > shown {
            let rest = lines.split_off(shown.saturating_sub(1)).join(" ");
            lines.push(super::fit::cut(&rest, usize::from(area.width.saturating_sub(2))));
        }
        let lines: Vec<Line> = lines.into_iter().map(|l| Line::from(Span::styled(format!(" {l} "), style))).collect();
        Paragraph::new(lines).render(area, buf);
    }

    fn render_overlay(&self, area: Rect, buf: &mut Buffer) {
        match &self.overlay {
            Overlay::None => {}
            Overlay::Help => {
                let keys = self.offered(&[self.screen_keys(), GLOBAL]);
                help::render(&[&keys], self.lang, self.help_scroll, centered(area, 80, 96), buf)
            }
            Overlay::Lookup(state) => state.render(self.lang, lookup_area(area), buf),
            Overlay::History(changes) => changes.render(self.lang, area, buf),
            Overlay::Form(form) => render_form(form, self.lang, form_area(area, form), buf),
            Overlay::Confirm { question, .. } => render_question(question, area, buf),
            Overlay::Discard(form) => {
                render_form(form, self.lang, form_area(area, form), buf);
                render_question(Ui::ConfirmDiscard.get(self.lang), area, buf);
            }
            Overlay::Import(dialog) => dialog.render(self.lang, import_area(area), buf),
            Overlay::DraftReview(review) => review.render(self.lang, area, buf),
        }
    }

    /// Where the terminal cursor should blink, if a text field has focus.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        if let Some(lock) = &self.lock {
            return lock.cursor(area);
        }
        let [_, body, _, _] = self.areas(area);
        match &self.overlay {
            Overlay::Lookup(state) => {
                let (x, y) = state.cursor(lookup_area(body));
                Some(Position { x, y })
            }
            Overlay::Form(form) => form_cursor(form, form_area(body, form)),
            Overlay::Import(dialog) => dialog.cursor(import_area(body), self.lang).map(|(x, y)| Position { x, y }),
            _ => None,
        }
    }
}

/// True when the focused field of `form` is a choice (← → change it).
fn choosing(form: &Form) -> bool {
    form.fields.get(form.focus).is_some_and(|f| matches!(f.control, Control::Select { .. }))
}

pub fn centered(area: Rect, width_pct: u16, height_pct: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Percentage(height_pct)]).flex(Flex::Center).areas(area);
    let [cell] = Layout::horizontal([Constraint::Percentage(width_pct)]).flex(Flex::Center).areas(row);
    cell
}

fn import_area(area: Rect) -> Rect {
    centered(area, 100, 100)
}

fn lookup_area(area: Rect) -> Rect {
    centered(area, 96, 90)
}

/// A form's box: as tall as its fields need, at most 90 columns wide.
fn form_area(area: Rect, form: &Form) -> Rect {
    let width = area.width.min(90);
    let inner = width.saturating_sub(2);
    let rows: usize = form.fields.iter().enumerate().map(|(i, f)| field_rows(f, i == form.focus, inner)).sum();
    let wanted = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    let [row] = Layout::vertical([Constraint::Length(wanted.min(area.height))]).flex(Flex::Center).areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
    cell
}

/// Width of the label column of forms.
const LABEL: u16 = 26;

/// A field's label (with its colon) in lines of the label column.
fn label_lines(f: &FormField) -> Vec<String> {
    wrap(&format!("{}:", f.label), usize::from(LABEL - 1))
}

/// What is written under a field, in lines of the value column: its error,
/// or its hint while it has the focus; none otherwise.
fn under_lines(f: &FormField, focused: bool, inner: u16) -> (Vec<String>, Style) {
    let width = usize::from(inner.saturating_sub(LABEL).max(1));
    match (&f.error, &f.hint) {
        (Some(err), _) => (wrap(err, width), Theme::bad()),
        (None, Some(hint)) if focused => (wrap(hint, width), Theme::dim()),
        _ => (Vec::new(), Theme::bad()),
    }
}

/// Rows a field takes in a form `inner` cells wide: its value and a blank
/// row, or more for a label or an error that wraps.
fn field_rows(f: &FormField, focused: bool, inner: u16) -> usize {
    label_lines(f).len().max(1 + under_lines(f, focused, inner).0.len()).max(2)
}

/// First field drawn, so the focused one is whole on screen.
fn first_visible(form: &Form, rows: usize, inner: u16) -> usize {
    let mut first = form.focus;
    let mut used = form.fields.get(form.focus).map_or(0, |f| field_rows(f, true, inner));
    while first > 0 {
        let above = form.fields.get(first - 1).map_or(0, |f| field_rows(f, false, inner));
        if used + above > rows {
            break;
        }
        used += above;
        first -= 1;
    }
    first
}

fn render_form(form: &Form, lang: Lang, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Theme::border())
        .title(Span::styled(format!(" {} ", form.title), Theme::title()))
        .title_bottom(Span::styled(
            format!(" Tab/Shift+Tab · Ctrl+S {} · Esc {} ", Ui::Save.get(lang), Ui::Cancel.get(lang)),
            Theme::dim(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let first = first_visible(form, usize::from(inner.height), inner.width);
    let mut y = inner.y;
    for (i, f) in form.fields.iter().enumerate().skip(first) {
        if y >= inner.bottom() {
            break;
        }
        let focused = i == form.focus;
        let rows = u16::try_from(field_rows(f, focused, inner.width)).unwrap_or(2);
        let height = rows.min(inner.bottom() - y);
        render_field(f, focused, Rect { y, height, ..inner }, buf);
        y += rows;
    }
}

/// One field in its rows: the label (wrapped) on the left, the value and
/// under it the error (wrapped) on the right.
fn render_field(f: &FormField, focused: bool, area: Rect, buf: &mut Buffer) {
    let label_style = if focused { Theme::header() } else { ratatui::style::Style::new() };
    let label = Rect { width: LABEL.min(area.width), ..area };
    let lines: Vec<Line> = label_lines(f).into_iter().map(|l| Line::from(Span::styled(l, label_style))).collect();
    Paragraph::new(lines).render(label, buf);
    let field = Rect { x: area.x + LABEL, width: area.width.saturating_sub(LABEL), height: 1, ..area };
    let width = usize::from(field.width.saturating_sub(1));
    let shown: String = f.input.value().chars().skip(f.input.visual_scroll(width)).collect();
    let value = match f.control {
        Control::Select { .. } => format!("◂ {shown} ▸"),
        _ => shown,
    };
    // A suggestion not yet touched is drawn selected: typing replaces it.
    let style = if f.selected && focused { Theme::selected() } else { Theme::input() };
    Paragraph::new(Span::styled(value, style)).render(field, buf);
    let (texts, style) = under_lines(f, focused, area.width);
    let lines: Vec<Line> = texts.into_iter().map(|l| Line::from(Span::styled(l, style))).collect();
    let under = Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..field };
    Paragraph::new(lines).render(under, buf);
}

fn form_cursor(form: &Form, area: Rect) -> Option<Position> {
    let f = form.fields.get(form.focus)?;
    if matches!(f.control, Control::Select { .. }) {
        return None;
    }
    let inner = Rect { x: area.x + 1, y: area.y + 1, width: area.width.saturating_sub(2), height: area.height };
    let first = first_visible(form, usize::from(area.height.saturating_sub(2)), inner.width);
    let above: usize =
        form.fields.iter().skip(first).take(form.focus - first).map(|f| field_rows(f, false, inner.width)).sum();
    let row = u16::try_from(above).ok()?;
    let width = usize::from(inner.width.saturating_sub(LABEL + 1));
    let x = f.input.visual_cursor().saturating_sub(f.input.visual_scroll(width));
    Some(Position { x: inner.x + LABEL + u16::try_from(x).ok()?, y: inner.y + row })
}

/// A question in a box over the screen, its words wrapped whole.
fn render_question(question: &str, area: Rect, buf: &mut Buffer) {
    let width = u16::try_from(question.width() + 4).unwrap_or(u16::MAX).min(area.width);
    let lines = wrap(question, usize::from(width.saturating_sub(2)).max(1));
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let [row] = Layout::vertical([Constraint::Length(height.saturating_add(2))]).flex(Flex::Center).areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
    Clear.render(cell, buf);
    let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
    Paragraph::new(lines).block(Block::default().borders(Borders::ALL).border_style(Theme::warn())).render(cell, buf);
}
