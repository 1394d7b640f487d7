//! Drawing the Reports screen from its state: the period in the title, the
//! section tabs (or the period line being typed), and the visible window of
//! the section, a table's header kept on top while its rows scroll.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use tui_input::Input;

use super::{Section, State, closed, sections};
use crate::domain::date::format_dmy;
use crate::domain::{Lang, PeriodKind};
use crate::i18n::closing::{ClosingText, error as closing_error};
use crate::i18n::{self, reports::ReportsText as T};
use crate::tui::theme::Theme;
use crate::tui::widgets::Doc;

pub fn render(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let p = &s.period;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(Theme::border())
        .title(Span::styled(format!(" {} · {} ", T::Title.get(lang), i18n::period_label(lang, p)), Theme::title()));
    if p.kind != PeriodKind::Custom {
        let dates = format!(" {} – {} ", format_dmy(p.start), format_dmy(p.end));
        block = block.title(Line::from(dates).alignment(Alignment::Right));
    }
    let inner = block.inner(area);
    let note = if s.waiting() { None } else { s.closing.note(lang, &s.period) };
    let top_height = if note.is_some() { 2 } else { 1 };
    let [top, body] = Layout::vertical([Constraint::Length(top_height), Constraint::Min(1)]).areas(inner);
    let mut lines = vec![match (&s.reason, &s.input) {
        (Some(reason), _) => reason_line(s, reason, lang),
        (None, Some(input)) => input_line(s, input, lang),
        (None, None) => tabs_line(s, lang),
    }];
    lines.extend(note.map(|(text, style)| Line::from(Span::styled(text, style))));
    let position = render_body(s, lang, body, buf);
    let block = match position {
        Some(text) => block.title_bottom(Line::from(text).alignment(Alignment::Right)),
        None => block,
    };
    block.render(area, buf);
    Paragraph::new(lines).render(top, buf);
}

/// "▸Hộ gia đình◂  Tổ, đội  Hòa giải  (Tab)", and a note when the period
/// has not ended yet.
fn tabs_line(s: &State, lang: Lang) -> Line<'static> {
    let mut spans = Vec::new();
    for section in Section::ALL {
        let style = if section == s.section { Theme::tab_active() } else { Theme::tab() };
        spans.push(Span::styled(format!(" {} ", section.title(lang)), style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled("(Tab)", Theme::dim()));
    if s.period.end > s.today {
        spans.push(Span::styled(format!(" · {}", T::NotOver.get(lang)), Theme::warn()));
    }
    Line::from(spans)
}

/// The period being typed, with its cursor, then the hint or the error.
fn input_line(s: &State, input: &Input, lang: Lang) -> Line<'static> {
    let note = match s.input_error {
        Some(problem) => (i18n::problem(lang, problem), Theme::bad()),
        None => (T::PeriodHint.get(lang).to_string(), Theme::dim()),
    };
    typed_line(T::PeriodPrompt.get(lang), input, note)
}

/// The reason to reopen being typed, then the hint or the refusal.
fn reason_line(s: &State, input: &Input, lang: Lang) -> Line<'static> {
    let note = match &s.reason_error {
        Some(e) => (closing_error(lang, e), Theme::bad()),
        None => (ClosingText::ReasonHint.get(lang).to_string(), Theme::dim()),
    };
    typed_line(ClosingText::ReasonPrompt.get(lang), input, note)
}

/// "Prompt: text with its cursor  note".
fn typed_line(prompt: &str, input: &Input, (note, style): (String, ratatui::style::Style)) -> Line<'static> {
    let value = input.value();
    let at = input.cursor();
    let before: String = value.chars().take(at).collect();
    let under: String = value.chars().nth(at).map_or(" ".into(), String::from);
    let after: String = value.chars().skip(at + 1).collect();
    Line::from(vec![
        Span::styled(format!("{prompt}: "), Theme::header()),
        Span::styled(before, Theme::input()),
        Span::styled(under, Theme::key()),
        Span::styled(after, Theme::input()),
        Span::styled(format!("  {note}"), style),
    ])
}

/// Draws the visible window of the section; returns "12-28/60" when the
/// section is longer than the window.
fn render_body(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) -> Option<String> {
    let summary = match &s.summary {
        Some(summary) if !s.waiting() => summary,
        _ => {
            Paragraph::new(Span::styled(T::Computing.get(lang), Theme::dim())).render(area, buf);
            return None;
        }
    };
    if summary.hamlets.is_empty() && s.section != Section::Closing {
        Paragraph::new(Span::styled(T::NoHamlets.get(lang), Theme::dim())).wrap(Wrap { trim: true }).render(area, buf);
        return None;
    }
    let doc: Doc = match s.section {
        Section::Households => sections::households(summary, lang, area.width),
        Section::Teams => sections::teams(summary, lang, area.width),
        Section::Mediation => sections::mediation(summary, lang, area.width),
        Section::Closing => closed::build(&s.closing, &s.period, lang, area.width),
    };
    let rows = usize::from(area.height);
    let max = doc.lines.len().saturating_sub(rows);
    s.page.set(rows.saturating_sub(1).max(1));
    s.max_scroll.set(max);
    let first = s.scroll().min(max);
    doc.draw(first, area, buf);
    (max > 0).then(|| format!(" {}-{}/{} ", first + 1, (first + rows).min(doc.lines.len()), doc.lines.len()))
}
