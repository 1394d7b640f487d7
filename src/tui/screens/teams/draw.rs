//! Drawing the Teams screen from its state alone: the filter line (or the
//! step of a move in progress), the team list and the roster, side by side
//! from 100 columns, stacked below that. Only visible rows are drawn; the
//! columns that do not fit are left out, least useful first, and the
//! selected member's details are spelled out under the roster.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Widget, Wrap};

use super::filter::Place;
use super::rows::{MemberRow, TeamRow};
use super::{Flow, Pane, State};
use crate::domain::{Lang, TeamKind, Warning};
use crate::i18n::teams::TeamsText;
use crate::i18n::ui::Ui;
use crate::i18n::{self, Say};
use crate::tui::fit::{cut, cut_line};
use crate::tui::theme::Theme;

/// Narrowest the name column gets before other columns are dropped.
const NAME_MIN: u16 = 16;

/// Width from which the two panes stand side by side.
const SIDE_BY_SIDE: u16 = 100;

pub fn screen(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    top_line(s, lang, bar, buf);
    let [list, roster] = if area.width >= SIDE_BY_SIDE {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body)
    };
    team_pane(s, lang, list, buf);
    roster_pane(s, lang, roster, buf);
}

/// The step of a move in progress, or the filter and the counts.
fn top_line(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let spans = match &s.flow {
        Flow::Picking { name, .. } => vec![
            Span::styled(format!(" {} {name} ", TeamsText::MovePick.get(lang)), Theme::tab_active()),
            Span::raw(format!(" {}", TeamsText::MovePickKeys.get(lang))),
        ],
        Flow::Ready { name, .. } => vec![
            Span::styled(format!(" {} ", TeamsText::MoveNext.get(lang)), Theme::ok_status()),
            Span::raw(format!(" {} ", TeamsText::MoveNextEnter.get(lang))),
            Span::styled(name.clone(), Theme::header()),
            Span::raw(format!(" {}", TeamsText::MoveNextInto.get(lang))),
        ],
        _ => filter_spans(s, lang),
    };
    Paragraph::new(cut_line(Line::from(spans), usize::from(area.width))).render(area, buf);
}

fn filter_spans(s: &State, lang: Lang) -> Vec<Span<'static>> {
    let value = |text: String, set: bool| Span::styled(text, if set { Theme::tab_active() } else { Style::new() });
    let kind = s.filter.kind.map(|k| i18n::team_kind(lang, k).to_string());
    let place = match s.filter.place {
        Place::All => None,
        Place::CommuneWide => Some(i18n::say(lang, Say::CommuneWide).to_string()),
        Place::Hamlet(h) => Some(s.hamlets.iter().find(|(id, _)| *id == h).map(|(_, n)| n.clone()).unwrap_or_default()),
    };
    let all = || Ui::All.get(lang).to_string();
    let mut spans = vec![
        Span::styled(format!(" {}: ", TeamsText::FilterKind.get(lang)), Theme::dim()),
        value(kind.clone().unwrap_or_else(all), kind.is_some()),
        Span::styled(format!("  {}: ", TeamsText::FilterHamlet.get(lang)), Theme::dim()),
        value(place.clone().unwrap_or_else(all), place.is_some()),
    ];
    if s.filter.warned {
        spans.push(Span::raw("  "));
        spans.push(value(format!("! {}", TeamsText::WarnedOnly.get(lang)), true));
    }
    let warned = s.shown.iter().filter(|i| s.teams.get(**i).is_some_and(|t| !t.warnings.is_empty())).count();
    spans.push(Span::styled(
        format!(
            "  {} {} · {warned} {}",
            s.shown.len(),
            TeamsText::TeamsCount.get(lang),
            TeamsText::WithWarnings.get(lang)
        ),
        Theme::dim(),
    ));
    spans
}

fn pane_block(title: String, focused: bool) -> Block<'static> {
    let (border, title_style) = if focused { (Theme::border(), Theme::title()) } else { (Theme::dim(), Theme::dim()) };
    Block::default().borders(Borders::ALL).border_style(border).title(Span::styled(title, title_style))
}

/// The highlighted row: full in the pane with the focus, marked in the other.
fn cursor(focused: bool) -> Style {
    if focused { Theme::selected() } else { Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED) }
}

/// First row shown: the list turns a page at a time, so rows stay put while
/// the selection moves within the page.
fn first_row(selected: usize, height: usize) -> usize {
    let h = height.max(1);
    selected / h * h
}

/// The columns that fit `width`: `cols` are (key, width), width 0 being the
/// one column that takes the rest (at least `NAME_MIN`); the keys in `drop`
/// are left out, in that order, until the others fit.
fn fit<K: Copy + PartialEq>(cols: &[(K, u16)], drop: &[K], width: u16) -> Vec<(K, u16)> {
    let need = |c: &[(K, u16)]| {
        let widths: u16 = c.iter().map(|(_, w)| if *w == 0 { NAME_MIN } else { *w }).sum();
        widths + u16::try_from(c.len().saturating_sub(1)).unwrap_or(u16::MAX)
    };
    let mut keep = cols.to_vec();
    for d in drop {
        if need(&keep) <= width {
            break;
        }
        keep.retain(|(k, _)| k != d);
    }
    // The name takes what the others leave.
    let others = need(&keep).saturating_sub(NAME_MIN);
    let name = width.saturating_sub(others).max(NAME_MIN);
    keep.into_iter().map(|(k, w)| (k, if w == 0 { name } else { w })).collect()
}

/// A cell's text cut at a word, with "…", to its column's width.
fn cell(span: Span<'static>, width: u16) -> Span<'static> {
    Span::styled(cut(&span.content, usize::from(width)), span.style)
}

#[derive(Clone, Copy, PartialEq)]
enum TeamCol {
    Mark,
    Name,
    Kind,
    Hamlet,
    Size,
    Leader,
}

const TEAM_COLS: [(TeamCol, u16); 6] = [
    (TeamCol::Mark, 1),
    (TeamCol::Name, 0),
    (TeamCol::Kind, 9),
    (TeamCol::Hamlet, 13),
    (TeamCol::Size, 5),
    (TeamCol::Leader, 16),
];

fn team_pane(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let focused = s.focus == Pane::Teams;
    let block = pane_block(format!(" {} ({}) ", TeamsText::Title.get(lang), s.shown.len()), focused);
    let inner = block.inner(area);
    block.render(area, buf);
    let empty =
        if s.teams.is_empty() { Some(TeamsText::NoTeams) } else { s.shown.is_empty().then_some(TeamsText::NoMatch) };
    if let Some(text) = empty {
        Paragraph::new(text.get(lang)).style(Theme::dim()).wrap(Wrap { trim: true }).render(inner, buf);
        return;
    }
    let cols = fit(&TEAM_COLS, &[TeamCol::Kind, TeamCol::Size, TeamCol::Hamlet], inner.width);
    let header = Row::new(cols.iter().map(|(c, _)| team_header(*c, lang))).style(Theme::header());
    let height = usize::from(inner.height.saturating_sub(1));
    let first = first_row(s.selected, height);
    let rows = s.shown.iter().enumerate().skip(first).take(height).filter_map(|(i, t)| {
        let t = s.teams.get(*t)?;
        let style = match (i == s.selected, t.dissolved.is_some()) {
            (true, _) => cursor(focused),
            (false, true) => Theme::dim(),
            (false, false) => Style::new(),
        };
        Some(Row::new(cols.iter().map(|(c, w)| cell(team_cell(t, *c, lang), *w))).style(style))
    });
    let widths: Vec<Constraint> = cols.iter().map(|(_, w)| Constraint::Length(*w)).collect();
    Widget::render(Table::new(rows, widths).header(header).column_spacing(1), inner, buf);
}

fn team_header(c: TeamCol, lang: Lang) -> &'static str {
    match c {
        TeamCol::Mark => "",
        TeamCol::Name => TeamsText::ColTeam.get(lang),
        TeamCol::Kind => TeamsText::ColKind.get(lang),
        TeamCol::Hamlet => TeamsText::ColHamlet.get(lang),
        TeamCol::Size => TeamsText::ColSize.get(lang),
        TeamCol::Leader => TeamsText::ColLeader.get(lang),
    }
}

fn team_cell(t: &TeamRow, c: TeamCol, lang: Lang) -> Span<'static> {
    match c {
        TeamCol::Mark if !t.warnings.is_empty() => Span::styled("!", warn_mark()),
        TeamCol::Mark => Span::raw(" "),
        TeamCol::Name => Span::raw(t.name.clone()),
        TeamCol::Kind => Span::raw(kind_short(t.kind, lang)),
        TeamCol::Hamlet => Span::raw(place(t, lang)),
        TeamCol::Size => Span::raw(t.size.to_string()),
        TeamCol::Leader => match (&t.dissolved, &t.leader) {
            (Some(_), _) => Span::raw(i18n::say(lang, Say::Dissolved)),
            (None, Some(name)) => Span::raw(name.clone()),
            (None, None) => Span::raw("-"),
        },
    }
}

fn warn_mark() -> Style {
    Theme::bad().add_modifier(Modifier::BOLD)
}

fn place(t: &TeamRow, lang: Lang) -> String {
    t.hamlet_name.clone().unwrap_or_else(|| i18n::say(lang, Say::CommuneWide).to_string())
}

fn kind_short(k: TeamKind, lang: Lang) -> &'static str {
    let text = match k {
        TeamKind::Security => TeamsText::KindSecurity,
        TeamKind::SelfManaged => TeamsText::KindSelfManaged,
        TeamKind::Mediation => TeamsText::KindMediation,
        TeamKind::ShockBrigade => TeamsText::KindShock,
        TeamKind::Militia => TeamsText::KindMilitia,
        TeamKind::Other => TeamsText::KindOther,
    };
    text.get(lang)
}

fn warnings_text(ws: &[Warning], lang: Lang) -> String {
    ws.iter().map(|w| i18n::warning(lang, *w)).collect::<Vec<_>>().join("; ")
}

fn roster_pane(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let focused = s.focus == Pane::Roster;
    let team = s.team();
    let title = match team {
        Some(t) => format!(" {}: {} ", TeamsText::Roster.get(lang), t.name),
        None => format!(" {} ", TeamsText::Roster.get(lang)),
    };
    let block = pane_block(title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(team) = team else { return };
    let tall = inner.height >= 16;
    let mut lines = Vec::new();
    if tall {
        lines.push(team_summary(team, lang));
    }
    lines.push(match &team.dissolved {
        Some(on) => Line::from(Span::styled(format!("{} {on}", i18n::say(lang, Say::Dissolved)), Theme::dim())),
        None => warning_line(&team.warnings, lang),
    });
    // Every warning is read in full: the lines wrap, up to three of them.
    let wrapped: usize = lines.iter().map(|l| l.width().div_ceil(usize::from(inner.width.max(1))).max(1)).sum();
    let info_height = u16::try_from(wrapped.min(3)).unwrap_or(1);
    let [info, table, detail] = Layout::vertical([
        Constraint::Length(info_height),
        Constraint::Min(2),
        Constraint::Length(if tall { 3 } else { 1 }),
    ])
    .areas(inner);
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(info, buf);
    if s.roster.is_empty() {
        Paragraph::new(TeamsText::NoMembers.get(lang)).style(Theme::dim()).wrap(Wrap { trim: true }).render(table, buf);
        return;
    }
    roster_table(s, lang, focused, table, buf);
    if let Some(m) = s.current_member() {
        member_detail(m, lang, tall, detail, buf);
    }
}

fn team_summary(t: &TeamRow, lang: Lang) -> Line<'static> {
    let mut parts = vec![place(t, lang), i18n::team_kind(lang, t.kind).to_string()];
    if let Some(d) = &t.established {
        parts.push(format!("{} {d}", TeamsText::Established.get(lang)));
    }
    if t.dissolved.is_none() {
        parts.push(format!("{} {}", t.size, TeamsText::Members.get(lang)));
    }
    Line::from(Span::raw(parts.join(" · ")))
}

fn warning_line(ws: &[Warning], lang: Lang) -> Line<'static> {
    if ws.is_empty() {
        Line::from(Span::styled(TeamsText::NoWarnings.get(lang), Theme::good()))
    } else {
        Line::from(vec![Span::styled("! ", warn_mark()), Span::styled(warnings_text(ws, lang), Theme::warn())])
    }
}

#[derive(Clone, Copy, PartialEq)]
enum MemberCol {
    Mark,
    Name,
    Role,
    Age,
    Phone,
    Joined,
    Trained,
}

const MEMBER_COLS: [(MemberCol, u16); 7] = [
    (MemberCol::Mark, 1),
    (MemberCol::Name, 0),
    (MemberCol::Role, 13),
    (MemberCol::Age, 4),
    (MemberCol::Phone, 10),
    (MemberCol::Joined, 10),
    (MemberCol::Trained, 10),
];

fn roster_table(s: &State, lang: Lang, focused: bool, area: Rect, buf: &mut Buffer) {
    let drop = [MemberCol::Trained, MemberCol::Joined, MemberCol::Phone, MemberCol::Age];
    let cols = fit(&MEMBER_COLS, &drop, area.width);
    let header = Row::new(cols.iter().map(|(c, _)| member_header(*c, lang))).style(Theme::header());
    let height = usize::from(area.height.saturating_sub(1));
    let first = first_row(s.member, height);
    let rows = s.roster.iter().enumerate().skip(first).take(height).map(|(i, m)| {
        let style = match (i == s.member, m.left.is_some()) {
            (true, _) => cursor(focused),
            (false, true) => Theme::dim(),
            (false, false) => Style::new(),
        };
        Row::new(cols.iter().map(|(c, w)| cell(member_cell(m, *c, lang), *w))).style(style)
    });
    let widths: Vec<Constraint> = cols.iter().map(|(_, w)| Constraint::Length(*w)).collect();
    Widget::render(Table::new(rows, widths).header(header).column_spacing(1), area, buf);
}

fn member_header(c: MemberCol, lang: Lang) -> &'static str {
    match c {
        MemberCol::Mark => "",
        MemberCol::Name => TeamsText::ColName.get(lang),
        MemberCol::Role => TeamsText::ColRole.get(lang),
        MemberCol::Age => TeamsText::ColAge.get(lang),
        MemberCol::Phone => TeamsText::ColPhone.get(lang),
        MemberCol::Joined => TeamsText::ColJoined.get(lang),
        MemberCol::Trained => TeamsText::ColTrained.get(lang),
    }
}

fn member_cell(m: &MemberRow, c: MemberCol, lang: Lang) -> Span<'static> {
    match c {
        MemberCol::Mark if !m.warnings.is_empty() => Span::styled("!", warn_mark()),
        MemberCol::Mark => Span::raw(" "),
        MemberCol::Name => Span::raw(m.name.clone()),
        MemberCol::Role => Span::raw(i18n::role(lang, m.role)),
        MemberCol::Age => Span::raw(m.age.map(|a| a.to_string()).unwrap_or_default()),
        MemberCol::Phone => Span::raw(m.phone.clone()),
        MemberCol::Joined => Span::raw(m.joined.clone()),
        MemberCol::Trained => Span::raw(m.trained.clone()),
    }
}

/// Under the roster: the selected member's warnings, or when and why they
/// left; on a tall pane also the details the columns may have left out.
fn member_detail(m: &MemberRow, lang: Lang, tall: bool, area: Rect, buf: &mut Buffer) {
    let name = Span::styled(format!("{}: ", m.name), Theme::header());
    let status = match &m.left {
        Some((on, reason)) => {
            let why = if reason.is_empty() { String::new() } else { format!(" ({reason})") };
            Line::from(vec![name, Span::styled(format!("{} {on}{why}", TeamsText::LeftOn.get(lang)), Theme::dim())])
        }
        None => {
            let mut line = warning_line(&m.warnings, lang);
            line.spans.insert(0, name);
            line
        }
    };
    let mut lines = vec![status];
    if tall {
        let mut parts = vec![format!("{} {}", TeamsText::ColJoined.get(lang), m.joined)];
        if !m.trained.is_empty() {
            parts.push(format!("{} {}", TeamsText::ColTrained.get(lang), m.trained));
        }
        if !m.phone.is_empty() {
            parts.push(m.phone.clone());
        }
        lines.push(Line::from(Span::raw(parts.join(" · "))));
    }
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(area, buf);
}
