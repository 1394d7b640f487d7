//! Drawing the application: header with the screens, the current screen,
//! the status line, the key hints, and any overlay. Reads state only.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::app::{App, Overlay, Tone};
use super::form::Form;
use super::help;
use super::keymap::{self, Binding, GLOBAL};
use super::screens::Screen;
use super::theme::Theme;
use crate::domain::Lang;
use crate::i18n::ui::Ui;
use unicode_width::UnicodeWidthStr;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [header, body, status, footer] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(1), Constraint::Length(1)])
                .areas(area);
        self.render_header(header, buf);
        self.render_screen(body, buf);
        self.render_status(status, buf);
        render_footer(&[self.screen_keys(), GLOBAL], self.lang, footer, buf);
        self.render_overlay(body, buf);
        super::console::compose(buf);
    }
}

impl App {
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
            for (i, s) in Screen::ALL.iter().enumerate() {
                if pad.is_empty() && i > 0 {
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

    fn render_status(&self, area: Rect, buf: &mut Buffer) {
        let Some((text, tone)) = &self.status else { return };
        let style = match tone {
            Tone::Info => Theme::header(),
            Tone::Good => Theme::ok_status(),
            Tone::Bad => Theme::error(),
        };
        Paragraph::new(Span::styled(format!(" {text} "), style)).render(area, buf);
    }

    fn render_overlay(&self, area: Rect, buf: &mut Buffer) {
        match &self.overlay {
            Overlay::None => {}
            Overlay::Help => {
                help::render(&[self.screen_keys(), GLOBAL], self.lang, self.help_scroll, centered(area, 80, 96), buf)
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
        let body = Rect { y: area.y + 1, height: area.height.saturating_sub(3), ..area };
        match &self.overlay {
            Overlay::Lookup(state) => {
                let (x, y) = state.cursor(lookup_area(body));
                Some(Position { x, y })
            }
            Overlay::Form(form) => form_cursor(form, form_area(body, form)),
            Overlay::Import(dialog) => dialog.cursor(import_area(body)).map(|(x, y)| Position { x, y }),
            _ => None,
        }
    }
}

/// The key hints of the footer: screen keys first, then the global ones.
fn render_footer(tables: &[&[Binding]], lang: Lang, area: Rect, buf: &mut Buffer) {
    let mut spans = Vec::new();
    for b in tables.iter().flat_map(|t| t.iter()).filter(|b| b.footer) {
        let Some(hint) = b.hint else { continue };
        spans.push(Span::styled(format!(" {} ", keymap::key_name(b, lang)), Theme::key()));
        spans.push(Span::raw(format!(" {} ", hint.get(lang))));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
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

fn form_area(area: Rect, form: &Form) -> Rect {
    let wanted = u16::try_from(form.fields.len() * 2 + 2).unwrap_or(u16::MAX);
    let [row] = Layout::vertical([Constraint::Length(wanted.min(area.height))]).flex(Flex::Center).areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(area.width.min(90))]).flex(Flex::Center).areas(row);
    cell
}

/// Width of the label column of forms.
const LABEL: u16 = 26;

/// First field drawn, so the focused one is always visible.
fn first_visible(form: &Form, rows: usize) -> usize {
    let per_screen = (rows / 2).max(1);
    form.focus.saturating_sub(per_screen - 1)
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
    let first = first_visible(form, usize::from(inner.height));
    let mut y = inner.y;
    for (i, f) in form.fields.iter().enumerate().skip(first) {
        if y >= inner.bottom() {
            break;
        }
        let label_style = if i == form.focus { Theme::header() } else { ratatui::style::Style::new() };
        let label = Rect { x: inner.x, y, width: LABEL.min(inner.width), height: 1 };
        Paragraph::new(Span::styled(format!("{}:", f.label), label_style)).render(label, buf);
        let field = Rect { x: inner.x + LABEL, y, width: inner.width.saturating_sub(LABEL), height: 1 };
        let width = usize::from(field.width.saturating_sub(1));
        let shown: String = f.input.value().chars().skip(f.input.visual_scroll(width)).collect();
        let value = match f.control {
            super::form::Control::Select { .. } => format!("◂ {shown} ▸"),
            _ => shown,
        };
        Paragraph::new(Span::styled(value, Theme::input())).render(field, buf);
        if let Some(err) = &f.error
            && y + 1 < inner.bottom()
        {
            let line = Rect { x: inner.x + LABEL, y: y + 1, width: field.width, height: 1 };
            Paragraph::new(Span::styled(err.clone(), Theme::bad())).wrap(Wrap { trim: true }).render(line, buf);
        }
        y += 2;
    }
}

fn form_cursor(form: &Form, area: Rect) -> Option<Position> {
    let f = form.fields.get(form.focus)?;
    if matches!(f.control, super::form::Control::Select { .. }) {
        return None;
    }
    let inner = Rect { x: area.x + 1, y: area.y + 1, width: area.width.saturating_sub(2), height: area.height };
    let first = first_visible(form, usize::from(area.height.saturating_sub(2)));
    let row = u16::try_from((form.focus - first) * 2).ok()?;
    let width = usize::from(inner.width.saturating_sub(LABEL + 1));
    let x = f.input.visual_cursor().saturating_sub(f.input.visual_scroll(width));
    Some(Position { x: inner.x + LABEL + u16::try_from(x).ok()?, y: inner.y + row })
}

fn render_question(question: &str, area: Rect, buf: &mut Buffer) {
    let width = u16::try_from(question.width() + 4).unwrap_or(u16::MAX).min(area.width);
    // A question wider than the screen wraps onto more lines.
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let need = question.width().div_ceil(inner);
    // Words wrap, not letters: one line of slack once it wraps at all.
    let lines = u16::try_from(if need <= 1 { 1 } else { need + 1 }).unwrap_or(u16::MAX);
    let [row] = Layout::vertical([Constraint::Length(lines + 2)]).flex(Flex::Center).areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
    Clear.render(cell, buf);
    Paragraph::new(question)
        .wrap(Wrap { trim: true })
        .block(Block::default().borders(Borders::ALL).border_style(Theme::warn()))
        .render(cell, buf);
}
