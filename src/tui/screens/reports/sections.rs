//! The three sections of the summary as documents: households (one row per
//! hamlet plus the commune, coverage bars, hamlets below target), teams (by
//! kind, members, per hamlet, hamlets missing a team) and mediation (the
//! books of the period, by category, per hamlet). Every number is a field of
//! the `Summary`; nothing is counted here.

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use crate::domain::{CaseCategory, CaseStatus, Id, Lang, TeamKind};
use crate::i18n;
use crate::i18n::reports::{self as words, ReportsText as T, number, percent};
use crate::report::{CaseCounts, HouseholdCounts, Summary, TeamCounts};
use crate::tui::theme::Theme;
use crate::tui::widgets::{Bar, Doc, Row, Table};

/// From this width the households table carries its coverage bars itself;
/// narrower, they get a chart of their own below it.
const WIDE: u16 = 110;

fn total_style() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

fn num(lang: Lang, n: u32) -> Span<'static> {
    Span::raw(number(lang, n))
}

/// A count that should be zero: drawn in `style` when it is not.
fn flagged(lang: Lang, n: u32, style: Style) -> Span<'static> {
    Span::styled(number(lang, n), if n > 0 { style } else { Style::new() })
}

fn headers(lang: Lang, keys: &[T]) -> Option<Vec<String>> {
    Some(keys.iter().map(|k| k.get(lang).to_string()).collect())
}

/// A label and a value, for the two-column tables.
fn pair(label: impl Into<String>, value: Span<'static>) -> Row {
    Row::new(vec![Span::raw(label.into()), value])
}

/// A bar chart: one row per label, bars scaled to the largest value.
fn chart(items: Vec<(String, u32)>, style: Style, lang: Lang) -> Table {
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let rows = items
        .into_iter()
        .map(|(label, n)| pair(label, num(lang, n)).with_bar(Bar { fill: n, of: max, style }))
        .collect();
    Table { header: None, rows, bar_after: 1 }
}

/// "Label: Thôn A, Thôn B" or "Label: none", hamlets named in row order.
fn hamlet_list(s: &Summary, lang: Lang, label: &str, ids: &[Id]) -> String {
    if ids.is_empty() {
        return format!("{label}: {}", T::Nothing.get(lang));
    }
    let names: Vec<&str> = s.hamlets.iter().filter(|h| ids.contains(&h.hamlet)).map(|h| h.name.as_str()).collect();
    format!("{label}: {}", names.join(", "))
}

pub fn households(s: &Summary, lang: Lang, width: u16) -> Doc {
    let mut doc = Doc::default();
    let wide = width >= WIDE;
    doc.heading(words::commitments_of(lang, s.commitment_year));
    let mut rows: Vec<Row> =
        s.hamlets.iter().map(|h| household_row(lang, &h.name, &h.households, h.below_coverage_target, false)).collect();
    rows.push(household_row(lang, T::Commune.get(lang), &s.total.households, false, true));
    if !wide {
        rows.iter_mut().for_each(|r| r.bar = None);
    }
    let header = headers(
        lang,
        &[
            T::Hamlet,
            T::ColActive,
            T::ColSigned,
            T::ColCoverage,
            T::ColNew,
            T::ColRefused,
            T::ColAbsent,
            T::ColNotContacted,
            T::ColViolations,
        ],
    );
    doc.table(Table { header, rows, bar_after: 8 }, width);
    doc.blank();
    let below = &s.total.hamlets_below_coverage_target;
    let label = words::below_target(lang, s.thresholds.coverage_target_pct, below.len());
    doc.wrapped(
        &hamlet_list(s, lang, &label, below),
        if below.is_empty() { Theme::good() } else { Theme::bad() },
        width,
    );
    if !wide {
        doc.blank();
        doc.heading(T::CoverageChart.get(lang));
        let rows = s
            .hamlets
            .iter()
            .map(|h| {
                let c = &h.households;
                let pct = Span::styled(percent(lang, c.coverage_permille), coverage_style(h.below_coverage_target));
                pair(h.name.clone(), pct).with_bar(coverage_bar(c, h.below_coverage_target))
            })
            .collect();
        doc.table(Table { header: None, rows, bar_after: 0 }, width);
    }
    doc.blank();
    doc.wrapped(T::HouseholdsLegend.get(lang), Theme::dim(), width);
    doc
}

fn coverage_style(below: bool) -> Style {
    if below { Theme::bad() } else { Theme::good() }
}

fn coverage_bar(c: &HouseholdCounts, below: bool) -> Bar {
    Bar { fill: c.signed, of: c.active, style: coverage_style(below) }
}

fn household_row(lang: Lang, name: &str, c: &HouseholdCounts, below: bool, total: bool) -> Row {
    let name_style = match (total, below) {
        (true, _) => total_style(),
        (false, true) => Theme::bad(),
        (false, false) => Style::new(),
    };
    let rate_style = if below { Theme::bad() } else { Style::new() };
    Row::new(vec![
        Span::styled(name.to_string(), name_style),
        num(lang, c.active),
        num(lang, c.signed),
        Span::styled(percent(lang, c.coverage_permille), rate_style),
        num(lang, c.newly_signed),
        num(lang, c.refused),
        num(lang, c.absent),
        num(lang, c.not_contacted),
        flagged(lang, c.violations, Theme::warn()),
    ])
    .with_bar(coverage_bar(c, below))
}

pub fn teams(s: &Summary, lang: Lang, width: u16) -> Doc {
    let mut doc = Doc::default();
    let t = &s.total.teams;
    let year = s.commitment_year;
    doc.heading(T::TeamsByKind.get(lang));
    let kinds = TeamKind::ALL.into_iter().map(|k| (i18n::team_kind(lang, k).to_string(), t.active_of(k))).collect();
    let mut table = chart(kinds, Theme::good(), lang);
    table.rows.push(Row::new(vec![
        Span::styled(T::Total.get(lang).to_string(), total_style()),
        Span::styled(number(lang, t.active_teams), total_style()),
    ]));
    doc.table(table, width);
    doc.blank();
    doc.heading(T::Members.get(lang));
    let rows = vec![
        pair(T::MembersActive.get(lang), num(lang, t.active_members)),
        pair(T::MembersJoined.get(lang), num(lang, t.members_joined)),
        pair(T::MembersLeft.get(lang), num(lang, t.members_left)),
        pair(words::trained_in(lang, year), num(lang, t.members_trained)),
        pair(T::Mediators.get(lang), num(lang, t.mediators)),
        pair(T::MediatorsWomen.get(lang), num(lang, t.mediators_women)),
        pair(
            words::teams_below(lang, s.thresholds.team_min_members),
            flagged(lang, t.teams_below_min_size, Theme::warn()),
        ),
        pair(T::TeamsLeader.get(lang), flagged(lang, t.teams_without_one_leader, Theme::warn())),
    ];
    doc.table(Table { header: None, rows, bar_after: usize::MAX }, width);
    doc.blank();
    doc.heading(T::ByHamlet.get(lang));
    let mut rows: Vec<Row> = s.hamlets.iter().map(|h| team_row(lang, Span::raw(h.name.clone()), &h.teams)).collect();
    rows.push(team_row(lang, Span::raw(T::CommuneWide.get(lang)), &s.commune_wide));
    rows.push(team_row(lang, Span::styled(T::Commune.get(lang), total_style()), t));
    let header = headers(
        lang,
        &[
            T::Hamlet,
            T::ColTeams,
            T::ColMembers,
            T::ColJoined,
            T::ColLeft,
            T::ColShort,
            T::ColLeader,
            T::ColTrained,
            T::ColMediators,
            T::ColWomen,
        ],
    );
    doc.table(Table { header, rows, bar_after: usize::MAX }, width);
    doc.blank();
    let total = &s.total;
    for (label, ids) in
        [(T::NoSecurity, &total.hamlets_without_security_team), (T::NoMediation, &total.hamlets_without_mediation_team)]
    {
        let style = if ids.is_empty() { Theme::good() } else { Theme::warn() };
        let label = format!("{} ({})", label.get(lang), ids.len());
        doc.wrapped(&hamlet_list(s, lang, &label, ids), style, width);
    }
    doc.blank();
    doc.wrapped(&words::teams_legend(lang, s.thresholds.team_min_members, year), Theme::dim(), width);
    doc
}

fn team_row(lang: Lang, name: Span<'static>, t: &TeamCounts) -> Row {
    Row::new(vec![
        name,
        num(lang, t.active_teams),
        num(lang, t.active_members),
        num(lang, t.members_joined),
        num(lang, t.members_left),
        flagged(lang, t.teams_below_min_size, Theme::warn()),
        flagged(lang, t.teams_without_one_leader, Theme::warn()),
        num(lang, t.members_trained),
        num(lang, t.mediators),
        num(lang, t.mediators_women),
    ])
}

pub fn mediation(s: &Summary, lang: Lang, width: u16) -> Doc {
    let mut doc = Doc::default();
    let c = &s.total.cases;
    let outcome = |status| format!("  {}", i18n::case_status(lang, status));
    let rows = vec![
        pair(T::CarriedOver.get(lang), num(lang, c.carried_over)),
        pair(T::Received.get(lang), num(lang, c.received)),
        pair(T::Closed.get(lang), num(lang, c.closed.total())),
        pair(outcome(CaseStatus::Successful), num(lang, c.closed.successful)),
        pair(outcome(CaseStatus::Unsuccessful), num(lang, c.closed.unsuccessful)),
        pair(outcome(CaseStatus::Transferred), num(lang, c.closed.transferred)),
        pair(outcome(CaseStatus::Withdrawn), num(lang, c.closed.withdrawn)),
        pair(T::Pending.get(lang), num(lang, c.pending)),
        pair(T::SuccessRate.get(lang), Span::raw(percent(lang, c.success_rate_permille))),
        pair(T::LateStart.get(lang), flagged(lang, c.late_start, Theme::warn())),
        pair(T::Overdue.get(lang), flagged(lang, c.overdue, Theme::bad())),
    ];
    doc.table(Table { header: None, rows, bar_after: usize::MAX }, width);
    doc.blank();
    doc.heading(T::ByCategory.get(lang));
    let categories =
        CaseCategory::ALL.into_iter().map(|k| (i18n::case_category(lang, k).to_string(), c.received_of(k))).collect();
    doc.table(chart(categories, Theme::good(), lang), width);
    doc.blank();
    doc.heading(T::ByHamlet.get(lang));
    let mut rows: Vec<Row> = s.hamlets.iter().map(|h| case_row(lang, Span::raw(h.name.clone()), &h.cases)).collect();
    rows.push(case_row(lang, Span::styled(T::Commune.get(lang), total_style()), c));
    let header = headers(
        lang,
        &[
            T::Hamlet,
            T::ColCarried,
            T::ColReceived,
            T::ColSuccessful,
            T::ColUnsuccessful,
            T::ColTransferred,
            T::ColWithdrawn,
            T::ColPending,
            T::ColCoverage,
            T::ColLate,
            T::ColOverdue,
        ],
    );
    doc.table(Table { header, rows, bar_after: usize::MAX }, width);
    doc.blank();
    doc.wrapped(T::CasesLegend.get(lang), Theme::dim(), width);
    doc
}

fn case_row(lang: Lang, name: Span<'static>, c: &CaseCounts) -> Row {
    Row::new(vec![
        name,
        num(lang, c.carried_over),
        num(lang, c.received),
        num(lang, c.closed.successful),
        num(lang, c.closed.unsuccessful),
        num(lang, c.closed.transferred),
        num(lang, c.closed.withdrawn),
        num(lang, c.pending),
        Span::raw(percent(lang, c.success_rate_permille)),
        flagged(lang, c.late_start, Theme::warn()),
        flagged(lang, c.overdue, Theme::bad()),
    ])
}
