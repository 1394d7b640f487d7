//! Drawing the Households screen from its state: the filter line, the
//! visible window of the table, the detail pane, the hamlet chooser. Only the rows that fit are built, whatever the list's length.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table, Widget, Wrap};
use tui_input::Input;

use super::detail::{self, Context, Detail};
use super::table::Mark;
use super::{Pane, Picker, State};
use crate::domain::{CommitmentStatus, Lang};
use crate::i18n::households::{self as words, HouseholdsText as T};
use crate::i18n::{self, ui::Ui};
use crate::tui::fit::{cut, cut_line};
use crate::tui::theme::Theme;

/// From this width the selected household is shown beside the table.
const WIDE: u16 = 100;

pub fn render(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let shown = words::number(lang, s.table.len());
    let total = words::number(lang, s.table.total());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Theme::border())
        .title(Span::styled(format!(" {} ", words::title(lang, s.year)), Theme::title()))
        .title(Line::from(format!(" {shown}/{total} ")).alignment(Alignment::Right))
        .title_bottom(counts_line(s, lang));
    let inner = block.inner(area);
    block.render(area, buf);
    let [info, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    Paragraph::new(cut_line(info_line(s, lang), usize::from(info.width))).render(info, buf);
    match s.pane {
        Pane::List if area.width >= WIDE => {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
            render_table(s, lang, left, buf);
            render_detail(s, lang, right, false, buf);
        }
        Pane::List => render_table(s, lang, body, buf),
        Pane::Detail => render_detail(s, lang, body, true, buf),
    }
    if let Some(p) = &s.picker {
        render_picker(s, p, lang, body, buf);
    }
}

/// "Đã ký 8.123 · Từ chối 12 · Vắng mặt 40 · Chưa ký 300 · Chuyển đi 154":
/// the marks of the households living here (as the dashboard and reports
/// count them), then those moved out, if any.
fn counts_line(s: &State, lang: Lang) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (i, mark) in Mark::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", Theme::dim()));
        }
        spans.push(Span::styled(format!("{} ", mark_word(lang, *mark)), mark_style(*mark)));
        spans.push(Span::raw(words::number(lang, s.counts[i])));
    }
    if s.moved > 0 {
        spans.push(Span::styled(" · ", Theme::dim()));
        spans.push(Span::styled(format!("{} ", T::MovedOutShort.get(lang)), Theme::dim()));
        spans.push(Span::raw(words::number(lang, s.moved)));
    }
    spans.push(Span::raw(" "));
    Line::from(spans)
}

fn mark_word(lang: Lang, m: Mark) -> &'static str {
    match m {
        Mark::Signed => i18n::commitment_status(lang, CommitmentStatus::Signed),
        Mark::Refused => i18n::commitment_status(lang, CommitmentStatus::Refused),
        Mark::Absent => i18n::commitment_status(lang, CommitmentStatus::Absent),
        Mark::NotYet => T::NotYet.get(lang),
    }
}

fn mark_style(m: Mark) -> Style {
    match m {
        Mark::Signed => Theme::good(),
        Mark::Refused => Theme::bad(),
        Mark::Absent => Theme::warn(),
        Mark::NotYet => Style::new(),
    }
}

/// The filters in words, or the search line being typed.
fn info_line(s: &State, lang: Lang) -> Line<'static> {
    let label = |t: &str| Span::styled(format!("{t}: "), Theme::dim());
    if let Some(input) = &s.search {
        let mut spans = vec![label(T::SearchLabel.get(lang))];
        spans.extend(with_cursor(input));
        spans.push(Span::styled(format!("  {}", T::SearchHint.get(lang)), Theme::dim()));
        return Line::from(spans);
    }
    let hamlet = s.filters.hamlet.and_then(|id| s.hamlets.iter().find(|h| h.id == id)).map(|h| h.name.clone());
    let mark = s.filters.mark.map_or(Ui::All.get(lang), |m| mark_word(lang, m));
    let sort = match s.filters.sort {
        super::table::Sort::Code => T::SortCode.get(lang),
        super::table::Sort::Name => T::SortName.get(lang),
        super::table::Sort::Hamlet => T::SortHamlet.get(lang),
    };
    let mut spans = vec![
        label(Ui::Hamlet.get(lang)),
        Span::raw(hamlet.unwrap_or_else(|| Ui::All.get(lang).to_string())),
        Span::styled(" · ", Theme::dim()),
        label(T::StatusLabel.get(lang)),
        Span::raw(mark),
        Span::styled(" · ", Theme::dim()),
        label(Ui::Sort.get(lang)),
        Span::raw(sort),
    ];
    if !s.filters.text.is_empty() {
        spans.push(Span::styled(" · ", Theme::dim()));
        spans.push(label(T::SearchLabel.get(lang)));
        spans.push(Span::styled(s.filters.text.clone(), Theme::warn()));
    }
    Line::from(spans)
}

/// A text being typed, with the letter under the cursor shown reversed
/// (the terminal's own cursor is kept for forms and the lookup box).
fn with_cursor(input: &Input) -> Vec<Span<'static>> {
    let value = input.value();
    let at = value.char_indices().nth(input.cursor()).map_or(value.len(), |(i, _)| i);
    let (before, rest) = value.split_at(at);
    let mut chars = rest.chars();
    let under = chars.next().map_or(" ".to_string(), String::from);
    vec![
        Span::styled(before.to_string(), Theme::input()),
        Span::styled(under, Theme::key()),
        Span::styled(chars.as_str().to_string(), Theme::input()),
    ]
}

/// First row to draw: where the window was, moved just enough to show the
/// selection, and never leaving blank rows at the bottom of a long list.
fn window(first: usize, selected: usize, rows: usize, len: usize) -> usize {
    let first = first.min(len.saturating_sub(rows));
    if selected < first {
        selected
    } else if selected >= first + rows {
        selected + 1 - rows
    } else {
        first
    }
}

fn render_table(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let rows = usize::from(area.height.saturating_sub(1)).max(1);
    s.page.set(rows);
    if s.table.len() == 0 {
        let text = if s.table.total() == 0 { T::Empty } else { T::NoMatch };
        Paragraph::new(Span::styled(text.get(lang), Theme::dim())).wrap(Wrap { trim: true }).render(area, buf);
        return;
    }
    let first = window(s.first.get(), s.selected, rows, s.table.len());
    s.first.set(first);
    // Code, head, hamlet, members, status, one cell between: the head's
    // name takes the rest; a name or hamlet still too long ends in "…".
    let hamlet_width: u16 = if area.width >= 90 { 20 } else { 16 };
    let head_width = area.width.saturating_sub(9 + hamlet_width + 3 + 9 + 4).max(1);
    let body = (first..s.table.len().min(first + rows)).filter_map(|i| {
        let r = s.table.get(i)?;
        let hamlet = s.hamlets.get(usize::from(r.hamlet)).map_or("", |h| h.name.as_str());
        let (word, style) = match (r.mark, r.moved_out) {
            (Mark::NotYet, true) => (T::MovedOutShort.get(lang), Theme::dim()),
            (m, _) => (mark_word(lang, m), mark_style(m)),
        };
        let selected = i == s.selected;
        let status = Cell::from(Span::styled(word, if selected { Style::new() } else { style }));
        let row = Row::new(vec![
            Cell::from(r.code().to_string()),
            Cell::from(cut(r.head(), usize::from(head_width))),
            Cell::from(cut(hamlet, usize::from(hamlet_width))),
            Cell::from(Line::from(r.members.to_string()).alignment(Alignment::Right)),
            status,
        ]);
        Some(if selected { row.style(Theme::selected()) } else { row })
    });
    let header = Row::new(vec![
        T::ColCode.get(lang).to_string(),
        T::ColHead.get(lang).to_string(),
        Ui::Hamlet.get(lang).to_string(),
        T::ColMembers.get(lang).to_string(),
        s.year.to_string(),
    ])
    .style(Theme::header());
    let widths = [
        Constraint::Length(9),
        Constraint::Length(head_width),
        Constraint::Length(hamlet_width),
        Constraint::Length(3),
        Constraint::Length(9),
    ];
    Widget::render(Table::new(body, widths).header(header).column_spacing(1), area, buf);
}

/// The lines of the detail pane (the side pane masks identifiers).
pub fn detail_lines(s: &State, d: &Detail, lang: Lang, full: bool) -> Vec<Line<'static>> {
    let hamlet = s.hamlets.iter().find(|h| h.id == d.household.hamlet).map_or("", |h| h.name.as_str());
    let cx = Context { lang, hamlet, catalog: &s.catalog, year: s.year, full, masked: s.masked };
    detail::lines(d, &cx)
}

fn render_detail(s: &State, lang: Lang, area: Rect, full: bool, buf: &mut Buffer) {
    let block =
        if full { Block::default() } else { Block::default().borders(Borders::LEFT).border_style(Theme::dim()) };
    let Some(d) = &s.detail else {
        Paragraph::new(Span::styled(T::NoneSelected.get(lang), Theme::dim())).block(block).render(area, buf);
        return;
    };
    let lines = detail_lines(s, d, lang, full);
    let scroll = if full { u16::try_from(s.scroll).unwrap_or(u16::MAX) } else { 0 };
    Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)).render(area, buf);
}

fn render_picker(s: &State, p: &Picker, lang: Lang, area: Rect, buf: &mut Buffer) {
    let wanted = u16::try_from(p.options.len() + 3).unwrap_or(u16::MAX).min(area.height);
    let [row] = Layout::vertical([Constraint::Length(wanted)]).flex(Flex::Center).areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(area.width.min(48))]).flex(Flex::Center).areas(row);
    Clear.render(cell, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Theme::border())
        .title(Span::styled(format!(" {} ", T::PickHamlet.get(lang)), Theme::title()))
        .title_bottom(Span::styled(format!(" {} ", T::PickHint.get(lang)), Theme::dim()));
    let inner = block.inner(cell);
    block.render(cell, buf);
    let [field, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let mut prompt = vec![Span::raw("> ")];
    prompt.extend(with_cursor(&p.input));
    Paragraph::new(Line::from(prompt)).render(field, buf);
    let visible = usize::from(list.height).max(1);
    let first = p.selected.saturating_sub(visible - 1);
    let lines: Vec<Line> = p
        .options
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, o)| {
            let text = match o.and_then(|h| s.hamlets.get(h)) {
                Some(h) => format!("{} ({})", h.name, h.code),
                None => Ui::All.get(lang).to_string(),
            };
            let style = if i == p.selected { Theme::selected() } else { Style::new() };
            Line::from(Span::styled(text, style))
        })
        .collect();
    Paragraph::new(lines).render(list, buf);
}
