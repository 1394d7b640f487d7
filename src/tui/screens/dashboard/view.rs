//! Drawing the dashboard: the coverage line on top; the hamlets with their
//! bars on the left and the teams and mediation on the right; the latest
//! changes below. The middle takes the room it needs first (the latest
//! changes keep at least three lines); each column shows a window around
//! its selection, which is highlighted in the column that has the focus.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::side::{self, Item};
use super::{Column, HamletBar, State};
use crate::domain::Lang;
use crate::domain::date::format_dmy;
use crate::i18n::dashboard::{self as words, DashboardText as T};
use crate::i18n::reports::{ReportsText, number, percent};
use crate::i18n::targets;
use crate::i18n::{self, entity};
use crate::tui::fit::{cut, cut_line, wrap};
use crate::tui::theme::Theme;
use crate::tui::widgets::{Bar, Row, Table, fit, heading};

pub fn render(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let period = i18n::period_label(lang, &s.quarter);
    let title = words::heading(lang, &s.commune, &period, &format_dmy(s.today));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Theme::border())
        .title(Span::styled(format!(" {title} "), Theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    // The lists Enter opens come first; the latest changes get the rest
    // (at least a heading and three entries, at most all of them).
    // The commune panel (targets, due dates, coverage) takes its lines first.
    let panel = panel_lines(s, lang, inner.width);
    let top_height = u16::try_from(panel.len()).unwrap_or(1);
    let wanted = u16::try_from(middle_lines(s)).unwrap_or(u16::MAX);
    let middle = wanted.clamp(3, inner.height.saturating_sub(top_height + MIN_RECENT).max(3));
    let recent = u16::try_from(s.recent.len().max(1) + 1).unwrap_or(u16::MAX);
    let recent = recent.min(inner.height.saturating_sub(top_height + middle)).max(2);
    let [top, middle, bottom, _] = Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Length(middle),
        Constraint::Length(recent),
        Constraint::Min(0),
    ])
    .areas(inner);
    Paragraph::new(panel).render(top, buf);
    let split = if inner.width >= 100 { 55 } else { 50 };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(split), Constraint::Percentage(100 - split)]).areas(middle);
    render_hamlets(s, lang, left, buf);
    let right = Rect { x: right.x + 1, width: right.width.saturating_sub(1), ..right };
    render_side(s, lang, right, buf);
    render_recent(s, lang, bottom, buf);
}

/// Lines of the latest changes kept however long the lists are.
const MIN_RECENT: u16 = 4;

/// Lines the hamlet list and the side column would fill, whichever is more.
fn middle_lines(s: &State) -> usize {
    (s.hamlets.len() + 1).max(side_lines(s, Lang::Vi, 40).len()) + 1
}

/// The commune panel: the targets (wrapped to the width), the due dates,
/// then the coverage line.
fn panel_lines(s: &State, lang: Lang, width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if !s.targets.is_empty() {
        let met = s.targets.iter().filter(|r| r.met).count();
        let head = targets::panel_head(lang, s.today.year(), met, s.targets.len());
        let spans = s.targets.iter().map(|r| {
            let style = if r.met { Theme::good() } else { Theme::bad() };
            Span::styled(targets::panel_item(lang, r.target, r.part, r.permille, r.whole.is_some(), r.met), style)
        });
        lines.extend(wrap_spans(Span::styled(head, Theme::title()), spans, usize::from(width)));
    }
    if !s.calendar.is_empty() {
        let items: Vec<String> =
            s.calendar.iter().map(|r| targets::due_item(lang, r.which, &format_dmy(r.date), r.state)).collect();
        let due = targets::due_line(lang, &items);
        lines.extend(wrap(&due, usize::from(width)).into_iter().map(|l| Line::from(Span::styled(l, Theme::dim()))));
    }
    lines.push(cut_line(coverage_line(s, lang), usize::from(width)));
    lines.extend(privacy_lines(s, lang, width));
    lines
}

/// For the administrator: records past retention, overdue requests (only
/// when there are some), wrapped, in the warning colour.
fn privacy_lines(s: &State, lang: Lang, width: u16) -> Vec<Line<'static>> {
    let Some(p) = &s.privacy else { return Vec::new() };
    let mut texts = Vec::new();
    if p.expired > 0 {
        texts.push(crate::i18n::retention::due_line(lang, p.expired));
    }
    if p.overdue_requests > 0 {
        texts.push(crate::i18n::retention::overdue_line(lang, p.overdue_requests));
    }
    texts.iter().flat_map(|t| wrap(t, usize::from(width))).map(|l| Line::from(Span::styled(l, Theme::warn()))).collect()
}

/// `head` then `items` separated by spaces, in lines of at most `width`
/// columns (an item never splits).
fn wrap_spans(head: Span<'static>, items: impl Iterator<Item = Span<'static>>, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut used = head.content.width();
    let mut line = vec![head];
    for item in items {
        let w = item.content.width() + 1;
        if used + w > width && line.len() > 1 {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        if used > 0 {
            line.push(Span::raw(" "));
        }
        used += w;
        line.push(item);
    }
    lines.push(Line::from(line));
    lines
}

fn coverage_line(s: &State, lang: Lang) -> Line<'static> {
    let h = &s.households;
    let below = h.active > 0 && u64::from(h.signed) * 100 < u64::from(s.target_pct) * u64::from(h.active);
    let text = words::coverage(
        lang,
        s.year,
        &number(lang, h.signed),
        &number(lang, h.active),
        &percent(lang, h.coverage_permille),
        s.target_pct,
    );
    Line::from(Span::styled(text, if below { Theme::bad() } else { Theme::good() }))
}

fn render_hamlets(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    if s.hamlets.is_empty() {
        Paragraph::new(Span::styled(T::NoHamlets.get(lang), Theme::dim())).wrap(Wrap { trim: true }).render(area, buf);
        return;
    }
    let rows = usize::from(list.height);
    s.page.set(rows);
    let first = s.scroll.min(s.hamlets.len().saturating_sub(rows)).min(s.hamlet_sel);
    let first = first.max((s.hamlet_sel + 1).saturating_sub(rows));
    let shown = &s.hamlets[first..s.hamlets.len().min(first + rows)];
    let mut title = T::ByHamlet.get(lang).to_string();
    if s.hamlets.len() > rows {
        title = format!("{title} ({}-{}/{})", first + 1, first + shown.len(), s.hamlets.len());
    }
    Paragraph::new(heading(&title)).render(head, buf);
    // At 80 columns "1.428/1.663" would leave the bar a few cells: the bar
    // and the rate say it; the Reports screen has the counts.
    let with_counts = list.width >= 50;
    let rows = shown.iter().map(|h| hamlet_row(h, lang, with_counts)).collect();
    let table = Table { header: None, rows, bar_after: 0 };
    for (i, mut line) in table.lines(usize::from(list.width)).into_iter().enumerate() {
        if s.column == Column::Hamlets && first + i == s.hamlet_sel {
            line = line.patch_style(Theme::selected());
        }
        let y = list.y + u16::try_from(i).unwrap_or(u16::MAX);
        buf.set_line(list.x, y, &line, list.width);
    }
}

/// "Thôn Đông ████████░░ 87,3% 1.203/1.378".
fn hamlet_row(h: &HamletBar, lang: Lang, with_counts: bool) -> Row {
    let style = if h.below_target { Theme::bad() } else { Theme::good() };
    let pct = match h.coverage_permille {
        Some(_) => Span::styled(percent(lang, h.coverage_permille), style),
        None => Span::styled(T::NoHouseholds.get(lang), Theme::dim()),
    };
    let mut cells = vec![Span::raw(h.name.clone()), pct];
    if with_counts {
        let counts = format!("{}/{}", number(lang, h.signed), number(lang, h.active));
        cells.push(Span::styled(counts, Theme::dim()));
    }
    Row::new(cells).with_bar(Bar { fill: h.signed, of: h.active, style })
}

/// Mediation first (it has deadlines), then the teams with problems. Shows
/// the window of lines that holds the selection; a last line says how many
/// more there are below.
fn render_side(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let mut lines = side_lines(s, lang, usize::from(area.width));
    let rows = usize::from(area.height);
    if s.column == Column::Side
        && let Some((line, _)) = lines.iter_mut().find(|(_, item)| *item == Some(s.side_sel))
    {
        *line = std::mem::take(line).patch_style(Theme::selected());
    }
    let at = lines.iter().position(|(_, item)| *item == Some(s.side_sel)).filter(|_| s.column == Column::Side);
    // The selected line stays above the "more" line.
    let first = at.map_or(0, |at| (at + 2).saturating_sub(rows)).min(lines.len().saturating_sub(rows));
    let mut shown: Vec<Line> = lines.into_iter().skip(first).map(|(line, _)| line).collect();
    if shown.len() > rows && rows > 0 {
        let more = shown.len() - (rows - 1);
        shown.truncate(rows - 1);
        shown.push(Line::from(Span::styled(words::more_lines(lang, more), Theme::dim())));
    }
    for (i, line) in shown.iter().take(rows).enumerate() {
        let y = area.y + u16::try_from(i).unwrap_or(u16::MAX);
        buf.set_line(area.x, y, line, area.width);
    }
}

/// Every line of the right column, each with the index of the item it
/// shows (`side::items`) if Enter can open it.
fn side_lines(s: &State, lang: Lang, width: usize) -> Vec<(Line<'static>, Option<usize>)> {
    let count = |label: T, n: u32, style: Style| {
        vec![
            Span::raw(format!("{}: ", label.get(lang))),
            Span::styled(number(lang, n), if n > 0 { style } else { Style::new() }),
        ]
    };
    let dot = || Span::styled(" · ", Theme::dim());
    let plain = |line: Line<'static>| (line, None);
    let mut lines = vec![plain(heading(T::Mediation.get(lang)))];
    let mut first = count(T::Open, s.open_cases, Style::new());
    first.push(dot());
    first.extend(count(T::Overdue, s.overdue, Theme::bad()));
    lines.push(plain(Line::from(first)));
    let mut second = count(T::LateStart, s.late_start, Theme::warn());
    second.push(dot());
    second.extend(count(T::FollowUps, u32::try_from(s.follow_ups.len()).unwrap_or(u32::MAX), Theme::warn()));
    lines.push(plain(Line::from(second)));
    let items = side::items(&s.overdue_cases, &s.follow_ups, &s.problem_teams);
    let mut items = items.iter().enumerate().peekable();
    while let Some((i, item)) = items.next_if(|(_, it)| !matches!(it, Item::Team(_))) {
        lines.push((case_line(item, lang, width), Some(i)));
    }
    lines.push(plain(heading(T::Teams.get(lang))));
    for (text, style) in team_summary(s, lang) {
        lines.extend(wrapped(&text, style, width));
    }
    for (i, item) in items {
        if let Item::Team(t) = item {
            let why: Vec<String> = t.warnings.iter().map(|w| words::team_problem(lang, *w)).collect();
            let why = why.join(", ");
            let name = width.saturating_sub(why.width() + 2).max(width / 2);
            let name = fit(&t.name, name);
            let line = Line::from(vec![Span::raw(format!("{}: ", name.trim_end())), Span::styled(why, Theme::warn())]);
            lines.push((line, Some(i)));
        }
    }
    lines
}

/// No teams at all, or all well, or the counts of teams with problems;
/// then the hamlets the report flags for lacking a security or mediation
/// team (the same words as the report).
fn team_summary(s: &State, lang: Lang) -> Vec<(String, Style)> {
    let warn = |text: String| (text, Theme::warn());
    let mut lines = if s.active_teams == 0 {
        vec![warn(T::NoTeams.get(lang).to_string())]
    } else if s.problem_teams.is_empty() {
        vec![(T::TeamsOk.get(lang).to_string(), Theme::good())]
    } else {
        vec![warn(words::teams_short(lang, s.team_min, s.teams_short)), warn(words::teams_leader(lang, s.teams_leader))]
    };
    let labels = [ReportsText::NoSecurity, ReportsText::NoMediation];
    for (label, n) in labels.into_iter().zip(s.hamlets_without).filter(|(_, n)| *n > 0) {
        lines.push(warn(format!("{}: {}", label.get(lang), number(lang, n))));
    }
    lines
}

/// A sentence of the right column in whole words, on as many lines as it
/// takes (none opens anything).
fn wrapped(text: &str, style: Style, width: usize) -> Vec<(Line<'static>, Option<usize>)> {
    wrap(text, width).into_iter().map(|l| (Line::from(Span::styled(l, style)), None)).collect()
}

/// "12/2026 An - Bình: quá hạn 45 ngày", cut to the column's width.
fn case_line(item: &Item, lang: Lang, width: usize) -> Line<'static> {
    let (c, why, style) = match item {
        Item::Overdue(c) => (c, words::overdue_days(lang, c.days), Theme::bad()),
        Item::FollowUp(c) => (c, words::follow_up_due(lang, &c.due.map(format_dmy).unwrap_or_default()), Theme::warn()),
        Item::More(n) => return Line::from(Span::styled(fit(&words::more_cases(lang, *n), width), Theme::dim())),
        Item::Team(_) => return Line::default(),
    };
    let head = format!("{} {}", c.number, c.parties);
    let head = fit(&head, width.saturating_sub(why.width() + 2).max(width / 2));
    Line::from(vec![Span::raw(format!("{}: ", head.trim_end())), Span::styled(why, style)])
}

/// "23/11 09:05  Lê Thị Hoa  Sửa  Hộ: T01-0012 Nguyễn Văn An".
fn render_recent(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![heading(T::Recent.get(lang))];
    if s.recent.is_empty() {
        lines.push(Line::from(Span::styled(T::NoChanges.get(lang), Theme::dim())));
    }
    let who_width = s.recent.iter().map(|c| c.operator.width()).max().unwrap_or(0).clamp(1, 18);
    let what_width = s.recent.iter().map(|c| words::action(lang, c.action).width()).max().unwrap_or(0);
    let width = usize::from(area.width);
    for c in &s.recent {
        let when = if c.at.year() == s.today.year() { c.at.format("%d/%m %H:%M") } else { c.at.format("%d/%m/%Y") };
        let who = if c.operator.is_empty() { "–" } else { c.operator.as_str() };
        let mut spans = vec![
            Span::styled(format!("{when}  "), Theme::dim()),
            Span::raw(format!("{}  ", fit(who, who_width))),
            Span::styled(format!("{}  ", fit(words::action(lang, c.action), what_width)), Theme::warn()),
        ];
        let used: usize = spans.iter().map(Span::width).sum();
        let what = format!("{}: {}", entity(lang, c.entity), c.summary);
        spans.push(Span::raw(cut(&what, width.saturating_sub(used))));
        lines.push(Line::from(spans));
    }
    for (i, line) in lines.iter().take(usize::from(area.height)).enumerate() {
        let y = area.y + u16::try_from(i).unwrap_or(u16::MAX);
        buf.set_line(area.x, y, line, area.width);
    }
}
