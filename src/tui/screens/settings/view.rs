//! Drawing the Settings screen from its state alone: the section list on the
//! left, the chosen section on the right, and a line
//! saying what the keys do here. Lists draw only their visible rows.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, HighlightSpacing, List, ListItem, ListState, Paragraph, Row, StatefulWidget, Table,
    TableState, Widget, Wrap,
};
use unicode_width::UnicodeWidthStr;

use super::forms::lang_name;
use super::{Focus, HamletRow, LANGS, Section, State};
use crate::domain::{Field, Lang};
use crate::i18n::importing::ImportingText;
use crate::i18n::ui::Ui;
use crate::i18n::{self, settings, settings::SettingsText as T};
use crate::tui::fit::cut;
use crate::tui::theme::Theme;

pub fn render(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Theme::border())
        .title(Span::styled(format!(" {} ", T::Title.get(lang)), Theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    if let Some(secret) = &s.users.sheet {
        super::users::render_sheet(secret, lang, area, buf);
        return;
    }
    let widest = Section::ALL.iter().map(|x| x.title(lang).width()).max().unwrap_or(10);
    let left_w = u16::try_from(widest + MARK.width() + 2).unwrap_or(u16::MAX).min(inner.width / 2);
    let [left, right] = Layout::horizontal([Constraint::Length(left_w), Constraint::Min(1)]).areas(inner);
    render_sections(s, lang, left, buf);
    let right = Rect { x: right.x + 1, width: right.width.saturating_sub(1), ..right };
    let [body, _, hint] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1), Constraint::Length(2)]).areas(right);
    let hint_text = render_section(s, lang, body, buf);
    Paragraph::new(hint_text).style(Theme::dim()).wrap(Wrap { trim: true }).render(hint, buf);
}

fn render_sections(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let items: Vec<ListItem> = s.section.page().iter().map(|x| ListItem::new(x.title(lang))).collect();
    let style = if s.focus == Focus::Sections { Theme::selected() } else { Theme::header() };
    let list = List::new(items)
        .block(Block::default().borders(Borders::RIGHT).border_style(Theme::border()))
        .highlight_symbol(MARK)
        .highlight_spacing(HighlightSpacing::Always)
        .highlight_style(style);
    let mut state = ListState::default().with_selected(Some(s.section.index()));
    StatefulWidget::render(list, area, buf, &mut state);
    let below = s.section.page().len() + 1;
    render_key_line(" i ", ImportingText::KeyImport.get(lang), below, area, buf);
    let other = if s.section.page().contains(&Section::Users) { T::CommunePageKey } else { T::PageKey };
    render_key_line(" b ", other.get(lang), below + 1, area, buf);
}

/// "i Nhập dữ liệu", "b Bảo vệ dữ liệu" under the sections (keys, not
/// sections), `row` lines down.
fn render_key_line(key: &'static str, words: &'static str, row: usize, area: Rect, buf: &mut Buffer) {
    let row = u16::try_from(row).unwrap_or(u16::MAX);
    if area.height <= row {
        return;
    }
    let line = Line::from(vec![Span::styled(key, Theme::key()), Span::raw(format!(" {words}"))]);
    let at = Rect { y: area.y + row, height: 1, width: area.width.saturating_sub(1), ..area };
    Paragraph::new(line).render(at, buf);
}

/// Draws the chosen section; returns the words of its key hint.
fn render_section(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) -> &'static str {
    match s.section {
        Section::Commune => {
            Paragraph::new(commune_lines(s, lang)).wrap(Wrap { trim: true }).render(area, buf);
            T::HintCommune.get(lang)
        }
        Section::Hamlets => {
            render_hamlets(s, lang, area, buf);
            T::HintHamlets.get(lang)
        }
        Section::Catalog => {
            render_catalog(s, lang, area, buf);
            T::HintCatalog.get(lang)
        }
        Section::Rules => {
            let mut lines = rules_lines(s, lang);
            lines.push(Line::default());
            lines.push(Line::styled(T::SecPlan.get(lang), Theme::title()));
            lines.extend(plan_lines(s, lang));
            Paragraph::new(lines).wrap(Wrap { trim: true }).render(area, buf);
            T::HintRules.get(lang)
        }
        Section::Language => {
            render_languages(s, lang, area, buf);
            T::HintLanguage.get(lang)
        }
        Section::Retention => super::privacy::render_retention(&s.privacy, lang, area, buf).get(lang),
        Section::Requests => {
            super::privacy::render_requests(&s.privacy, s.focus == Focus::Content, lang, area, buf).get(lang)
        }
        Section::Users => super::users::render(&s.users, lang, area, buf),
        Section::AccessLog => super::access_log::render(&s.log, &s.users.grant, lang, area, buf),
    }
}

/// "Label:   value" lines with the values lined up; empty values say so.
fn pairs(rows: Vec<(String, String)>, lang: Lang) -> Vec<Line<'static>> {
    let widest = rows.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    rows.into_iter()
        .map(|(label, value)| {
            let pad = " ".repeat(widest - label.width() + 1);
            let value = if value.is_empty() {
                Span::styled(T::NotSet.get(lang), Theme::dim())
            } else {
                Span::styled(value, Style::new().add_modifier(Modifier::BOLD))
            };
            Line::from(vec![Span::styled(format!("{label}:{pad}"), Theme::header()), value])
        })
        .collect()
}

fn commune_lines(s: &State, lang: Lang) -> Vec<Line<'static>> {
    if !s.saved() {
        return vec![
            Line::styled(T::NoCommune.get(lang), Theme::warn().add_modifier(Modifier::BOLD)),
            Line::default(),
            Line::styled(T::NoCommuneHint.get(lang), Style::new().add_modifier(Modifier::BOLD)),
            Line::default(),
            Line::raw(T::FirstSteps.get(lang)),
        ];
    }
    let c = &s.commune;
    let mut lines = pairs(
        vec![
            (i18n::field(lang, Field::CommuneName).into(), c.name.clone()),
            (i18n::field(lang, Field::Province).into(), c.province.clone()),
            (T::ApproverTitle.get(lang).into(), c.approver.title.clone()),
            (T::ApproverName.get(lang).into(), c.approver.name.clone()),
            (T::PreparerTitle.get(lang).into(), c.preparer.title.clone()),
            (T::PreparerName.get(lang).into(), c.preparer.name.clone()),
        ],
        lang,
    );
    lines.push(Line::default());
    let active = c.catalog.iter().filter(|i| i.active).count();
    lines.extend(pairs(
        vec![
            (T::SecHamlets.get(lang).into(), i18n::number(lang, s.hamlets.len())),
            (T::SecCatalog.get(lang).into(), catalog_counts(active, c.catalog.len() - active, lang)),
        ],
        lang,
    ));
    if s.hamlets.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(T::NoHamletsHint.get(lang), Theme::warn()));
    }
    lines
}

fn catalog_counts(active: usize, retired: usize, lang: Lang) -> String {
    format!("{active} {}, {retired} {}", T::ItemsInUse.get(lang), T::ItemsRetired.get(lang))
}

fn rules_lines(s: &State, lang: Lang) -> Vec<Line<'static>> {
    let set = &s.commune.settings;
    let mut lines = pairs(
        vec![
            (
                i18n::field(lang, Field::TeamMinMembers).into(),
                format!("{} {}", set.team_min_members, T::People.get(lang)),
            ),
            (i18n::field(lang, Field::OverdueDays).into(), format!("{} {}", set.overdue_days, T::Days.get(lang))),
            (i18n::field(lang, Field::CoverageTarget).into(), format!("{}%", set.coverage_target_pct)),
            (i18n::field(lang, Field::Operator).into(), set.operator.clone()),
            (T::Language.get(lang).into(), lang_name(set.language, lang).into()),
        ],
        lang,
    );
    if !s.saved() {
        lines.push(Line::default());
        lines.push(Line::styled(T::NeedCommuneFirst.get(lang), Theme::warn()));
    }
    lines
}

/// The plan's targets and due dates as "label: value" lines.
fn plan_lines(s: &State, lang: Lang) -> Vec<Line<'static>> {
    let rows = super::forms::plan_rows(&s.commune.plan, lang).into_iter().map(|(label, value, _)| (label, value));
    pairs(rows.collect(), lang)
}

/// Marks the selected row, so it shows without colours too.
const MARK: &str = "▸ ";

/// The style of the selected row: bright when the list has the focus.
fn row_highlight(s: &State) -> Style {
    if s.focus == Focus::Content { Theme::selected() } else { Theme::header() }
}

/// The mark of the selected row of a list on the right: only while the
/// focus is there, so one pane at a time shows where the arrows act.
fn row_mark(s: &State) -> &'static str {
    if s.focus == Focus::Content { MARK } else { "  " }
}

/// A table of the right pane with its selected row marked.
fn marked<'a>(table: Table<'a>, s: &State) -> Table<'a> {
    table
        .row_highlight_style(row_highlight(s))
        .highlight_symbol(row_mark(s))
        .highlight_spacing(HighlightSpacing::Always)
}

fn right(text: impl Into<String>) -> Cell<'static> {
    Cell::from(Line::from(text.into()).alignment(Alignment::Right))
}

fn render_hamlets(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    if s.hamlets.is_empty() {
        Paragraph::new(Line::styled(T::NoHamlets.get(lang), Theme::warn())).wrap(Wrap { trim: true }).render(area, buf);
        return;
    }
    let with_kind = area.width >= 60;
    let heads = [T::HouseholdsCol, T::TeamsCol, T::CasesCol].map(|t| t.get(lang));
    let code_w = s.hamlets.iter().map(|h| h.code.width()).chain([T::Code.get(lang).width()]).max().unwrap_or(3);
    let num_w = |i: usize, f: fn(&HamletRow) -> usize| {
        let widest = s.hamlets.iter().map(|h| f(h).to_string().len()).max().unwrap_or(1);
        u16::try_from(widest.max(heads[i].width())).unwrap_or(8)
    };
    let mut widths = vec![Constraint::Length(u16::try_from(code_w).unwrap_or(6)), Constraint::Min(8)];
    let mut header = vec![Cell::from(T::Code.get(lang)), Cell::from(T::Name.get(lang))];
    if with_kind {
        widths.push(Constraint::Length(10));
        header.push(Cell::from(T::Kind.get(lang)));
    }
    let nums = [num_w(0, |h| h.households), num_w(1, |h| h.teams), num_w(2, |h| h.cases)];
    widths.extend(nums.map(Constraint::Length));
    header.extend(heads.map(right));
    // The name takes what the other columns (one cell apart) leave.
    let others = code_w + if with_kind { 11 } else { 0 } + nums.iter().map(|n| usize::from(*n) + 1).sum::<usize>();
    let name_w = usize::from(area.width).saturating_sub(row_mark(s).width() + others + 1).max(1);
    let rows = s.hamlets.iter().map(|h| {
        let mut cells = vec![Cell::from(h.code.clone()), Cell::from(cut(&h.name, name_w))];
        if with_kind {
            cells.push(Cell::from(h.kind.word()));
        }
        cells.extend([h.households, h.teams, h.cases].map(|n| right(i18n::number(lang, n))));
        Row::new(cells)
    });
    let table = marked(Table::new(rows, widths).header(Row::new(header).style(Theme::header())), s);
    let mut state = TableState::default().with_selected(Some(s.hamlet_sel));
    StatefulWidget::render(table, area, buf, &mut state);
}

fn render_catalog(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let items = s.items();
    if items.is_empty() {
        let text = if s.saved() { T::NoItems } else { T::NeedCommuneFirst };
        Paragraph::new(Line::styled(text.get(lang), Theme::warn())).wrap(Wrap { trim: true }).render(area, buf);
        return;
    }
    let [list, detail] = Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(area);
    let words = [T::ItemActive.get(lang), T::ItemRetired.get(lang), Ui::Status.get(lang)];
    let status_w = words.iter().map(|t| t.width()).max().unwrap_or(10);
    // The item's words take what the mark, the number and the status
    // leave; cut at a word, they are whole in the lines under the table.
    let text_w = usize::from(list.width).saturating_sub(row_mark(s).width() + 3 + status_w + 2).max(1);
    let rows = items.iter().map(|i| {
        let (status, style) = if i.active { (T::ItemActive, Style::new()) } else { (T::ItemRetired, Theme::dim()) };
        let text = cut(&i.text, text_w);
        Row::new(vec![Cell::from(i.id.to_string()), Cell::from(text), Cell::from(status.get(lang))]).style(style)
    });
    let widths =
        [Constraint::Length(3), Constraint::Min(10), Constraint::Length(u16::try_from(status_w).unwrap_or(10))];
    let header = Row::new(vec![T::Code.get(lang), settings::catalog_name(lang, s.catalog), Ui::Status.get(lang)]);
    let table = marked(Table::new(rows, widths).header(header.style(Theme::header())), s);
    let mut state = TableState::default().with_selected(Some(s.item_sel));
    StatefulWidget::render(table, list, buf, &mut state);
    if let Some(item) = items.get(s.item_sel) {
        let mut lines = vec![Line::styled(item.text.clone(), Style::new().add_modifier(Modifier::BOLD))];
        if !item.active {
            lines.push(Line::styled(settings::retired_note(lang, s.catalog), Theme::dim()));
        }
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(detail, buf);
    }
}

fn render_languages(s: &State, lang: Lang, area: Rect, buf: &mut Buffer) {
    let items: Vec<ListItem> = LANGS
        .iter()
        .map(|l| {
            let current = *l == s.commune.settings.language;
            let mark = if current { "●" } else { "○" };
            let mut spans = vec![Span::raw(format!("{mark} {}", lang_name(*l, lang)))];
            if current {
                spans.push(Span::styled(format!(" ({})", T::Current.get(lang)), Theme::good()));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    let list = List::new(items)
        .highlight_style(row_highlight(s))
        .highlight_symbol(row_mark(s))
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = ListState::default().with_selected(Some(s.lang_sel));
    StatefulWidget::render(list, area, buf, &mut state);
}
