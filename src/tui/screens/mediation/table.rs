//! Drawing the case list: the filters, the counts, the visible window of
//! the table (never more rows than fit) and a line about the selected case.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

use super::rows::{CaseRow, short_category, short_status};
use super::{KEYS, State};
use crate::domain::date::format_dmy;
use crate::domain::{Lang, Warning};
use crate::i18n::mediation::MediationText as T;
use crate::i18n::{self, number, ui::Ui};
use crate::tui::Action;
use crate::tui::action::CaseAction;
use crate::tui::fit::{cut, cut_line};
use crate::tui::keymap::key_name;
use crate::tui::theme::Theme;

/// From this width the table shows full hamlet names and the warnings.
const WIDE: u16 = 110;

pub fn render(state: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let count = if state.filter.is_empty() {
        format!("{} {}", number(lang, state.rows.len()), T::Cases.get(lang))
    } else {
        let (shown, all) = (number(lang, state.shown.len()), number(lang, state.rows.len()));
        format!("{shown} {} {all} {}", Ui::Of.get(lang), T::Cases.get(lang))
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Theme::border())
        .title(Span::styled(format!(" {} · {count} ", T::Title.get(lang)), Theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let [filters, counts, table, info] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(2), Constraint::Length(1)])
            .areas(inner);
    let width = usize::from(inner.width);
    Paragraph::new(cut_line(filter_line(state, lang, area.width >= WIDE), width)).render(filters, buf);
    Paragraph::new(cut_line(count_line(state, lang), width)).render(counts, buf);
    if state.shown.is_empty() {
        let empty = if state.rows.is_empty() { T::NoCases } else { T::NoMatch };
        Paragraph::new(Span::styled(empty.get(lang), Theme::dim())).render(table, buf);
        return;
    }
    render_table(state, lang, table, buf);
    Paragraph::new(cut_line(info_line(state, lang), usize::from(info.width))).render(info, buf);
}

/// "s Trạng thái: Tất cả  c Loại: ..." with the key that steps each
/// filter, then "b Xuất sổ", the mediation book's key.
fn filter_line(state: &State, lang: Lang, wide: bool) -> Line<'static> {
    let f = &state.filter;
    let all = T::All.get(lang);
    let category = |c| if wide { i18n::case_category(lang, c) } else { short_category(lang, c) };
    let parts = [
        (CaseAction::ByStatus, T::FilterStatus, f.status.map(|s| s.label(lang).to_string())),
        (CaseAction::ByCategory, T::FilterCategory, f.category.map(|c| category(c).to_string())),
        (CaseAction::ByHamlet, T::FilterHamlet, f.hamlet.map(|h| state.hamlet_name(h, wide))),
        (CaseAction::ByYear, T::FilterYear, f.year.map(|y| y.to_string())),
    ];
    let mut spans = Vec::new();
    for (i, (action, label, value)) in parts.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        let key = KEYS.iter().find(|b| b.action == Action::Mediation(action)).map(|b| key_name(b, lang));
        spans.push(Span::styled(key.unwrap_or_default(), Theme::key()));
        spans.push(Span::styled(format!(" {}: ", label.get(lang)), Theme::header()));
        spans.push(match value {
            Some(v) => Span::styled(v, Theme::warn()),
            None => Span::raw(all),
        });
    }
    // The book is a team's for a year: its key sits beside the year's.
    let book = KEYS.iter().find(|b| b.action == Action::Mediation(CaseAction::Book)).map(|b| key_name(b, lang));
    spans.push(Span::raw("  "));
    spans.push(Span::styled(book.unwrap_or_default(), Theme::key()));
    spans.push(Span::styled(format!(" {}", T::BookShort.get(lang)), Theme::header()));
    Line::from(spans)
}

fn count_line(state: &State, lang: Lang) -> Line<'static> {
    let c = &state.counts;
    let part = |label: T, n: usize, style: Style| {
        let style = if n > 0 { style } else { Theme::dim() };
        Span::styled(format!("{} {}", label.get(lang), number(lang, n)), style)
    };
    let sep = || Span::styled(" · ", Theme::dim());
    Line::from(vec![
        part(T::Open, c.open, Style::new()),
        sep(),
        part(T::Overdue, c.overdue, Theme::bad()),
        sep(),
        part(T::LateStart, c.late, Theme::warn()),
        sep(),
        part(T::FollowUpsDue, c.follow_ups, Theme::header()),
    ])
}

fn render_table(state: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let wide = area.width >= WIDE;
    let widths = column_widths(wide, area.width);
    let height = usize::from(area.height.saturating_sub(1)).max(1);
    let offset = state.selected.saturating_sub(height - 1);
    let end = (offset + height).min(state.shown.len());
    let rows: Vec<Row> = state
        .shown
        .get(offset..end)
        .unwrap_or_default()
        .iter()
        .filter_map(|i| state.rows.get(*i))
        .map(|r| table_row(state, r, lang, &widths))
        .collect();
    let days = if wide { T::ColDays } else { T::ColDaysShort };
    let mut head = vec![
        Cell::from(T::ColNumber.get(lang)),
        Cell::from(T::ColReceived.get(lang)),
        Cell::from(T::ColHamlet.get(lang)),
        Cell::from(T::ColCategory.get(lang)),
        Cell::from(T::ColParties.get(lang)),
        Cell::from(T::ColStatus.get(lang)),
        Cell::from(Line::from(days.get(lang)).alignment(Alignment::Right)),
    ];
    if wide {
        head.push(Cell::from(T::ColFlags.get(lang)));
    }
    let constraints = widths.iter().map(|w| Constraint::Length(*w)).collect::<Vec<_>>();
    let table = Table::new(rows, constraints)
        .header(Row::new(head).style(Theme::header()))
        .row_highlight_style(Theme::selected());
    let mut ts = TableState::default().with_selected(Some(state.selected - offset));
    StatefulWidget::render(table, area, buf, &mut ts);
}

/// The columns' widths: fixed, but for the parties, which take the rest
/// (one cell between columns).
fn column_widths(wide: bool, width: u16) -> Vec<u16> {
    let mut widths = if wide { vec![10, 10, 14, 12, 0, 13, 7, 14] } else { vec![9, 10, 10, 11, 0, 13, 5] };
    let taken: u16 = widths.iter().sum::<u16>() + u16::try_from(widths.len() - 1).unwrap_or(0);
    if let Some(parties) = widths.get_mut(4) {
        *parties = width.saturating_sub(taken).max(1);
    }
    widths
}

fn table_row(state: &State, r: &CaseRow, lang: Lang, widths: &[u16]) -> Row<'static> {
    let mark = if r.flags.is_empty() { "" } else { "!" };
    let wide = widths.len() > 7;
    let texts = [
        r.number(),
        format_dmy(r.received),
        state.hamlet_name(r.hamlet, false),
        short_category(lang, r.category).to_string(),
        r.parties.clone(),
        short_status(lang, r.status).to_string(),
    ];
    let mut cells: Vec<Cell> = texts.iter().zip(widths).map(|(t, w)| Cell::from(cut(t, usize::from(*w)))).collect();
    cells.push(Cell::from(Line::from(format!("{}{mark}", r.days)).alignment(Alignment::Right)));
    if wide {
        let word = |w: &Warning| match w {
            Warning::CaseOverdue { .. } => T::Overdue.get(lang),
            _ => T::LateStart.get(lang),
        };
        let flags = r.flags.iter().map(word).collect::<Vec<_>>().join(", ");
        cells.push(Cell::from(cut(&flags, widths.get(7).map_or(0, |w| usize::from(*w)))));
    }
    Row::new(cells).style(row_style(r))
}

fn row_style(r: &CaseRow) -> Style {
    if r.overdue() {
        Theme::bad()
    } else if r.late() {
        Theme::warn()
    } else if r.follow_up_due {
        Theme::header()
    } else {
        Style::new()
    }
}

/// The selected case's parties in full and its warnings in words.
fn info_line(state: &State, lang: Lang) -> Line<'static> {
    let Some(r) = state.selected_row() else { return Line::default() };
    let mut spans = vec![Span::styled(format!("{} ", r.number()), Theme::header()), Span::raw(r.parties.clone())];
    for w in &r.flags {
        spans.push(Span::styled(format!(" · {}", i18n::warning(lang, *w)), row_style(r)));
    }
    if r.follow_up_due {
        spans.push(Span::styled(format!(" · {}", T::FollowUpsDue.get(lang)), Theme::header()));
    }
    Line::from(spans)
}
