//! The Reports screen's side of closed periods: what is closed (read with
//! the summary, never while drawing), the "Chốt số liệu" section comparing
//! the figures as sent with today's, and the line above every section that
//! says the period shown is closed.

use ratatui::style::Style;
use ratatui::text::Span;

use crate::domain::closing::{ClosedPeriod, overlapping};
use crate::domain::indicator::Value;
use crate::domain::{Lang, Period};
use crate::i18n::closing::{self as words, ClosingText as T};
use crate::i18n::number;
use crate::report::compare::{Comparison, Figure, Scope};
use crate::report::{Summary, compare};
use crate::store::StoreError;
use crate::tui::screens::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::{Doc, Row, Table};

/// What the screen knows of closings, as of its last refresh.
#[derive(Clone, Debug, Default)]
pub struct ClosingView {
    /// Every closed period, by first day.
    pub all: Vec<ClosedPeriod>,
    /// The closing of the period shown, if closed.
    pub this: Option<ClosedPeriod>,
    /// The figures as sent against today's; `None` when they do not read
    /// back (damaged), which the section says.
    pub comparison: Option<Comparison>,
}

impl ClosingView {
    /// Reads the closings, and the closed figures of `today`'s period.
    pub fn load(ctx: &Ctx, today: &Summary) -> Result<ClosingView, StoreError> {
        let all = ctx.store.closed_periods();
        let this = ctx.store.closed_period(&today.period);
        let comparison = match &this {
            Some(_) => match ctx.store.closed_summary::<Summary>(&today.period) {
                Ok(closed) => closed.map(|c| compare(&c, today)),
                Err(StoreError::Corrupt { .. }) => None,
                Err(e) => return Err(e),
            },
            None => None,
        };
        Ok(ClosingView { all, this, comparison })
    }

    /// The line above the sections: closed (and how many figures differ),
    /// or some days inside other closed periods; `None` otherwise.
    pub fn note(&self, lang: Lang, shown: &Period) -> Option<(String, Style)> {
        if let Some(c) = &self.this {
            let differing = self.comparison.as_ref().map_or(0, Comparison::differences);
            let style = if differing > 0 || self.comparison.is_none() { Theme::bad() } else { Theme::good() };
            return Some((words::header(lang, c, differing), style));
        }
        let covering = overlapping(&self.all, shown);
        (!covering.is_empty()).then(|| (words::inside(lang, &covering), Theme::warn()))
    }
}

/// The "Chốt số liệu" section.
pub fn build(view: &ClosingView, shown: &Period, lang: Lang, width: u16) -> Doc {
    let mut doc = Doc::default();
    let Some(closed) = &view.this else {
        not_closed(&mut doc, view, shown, lang, width);
        return doc;
    };
    doc.heading(words::closed_on(lang, closed, true));
    let Some(comparison) = &view.comparison else {
        doc.wrapped(T::Unreadable.get(lang), Theme::bad(), width);
        return doc;
    };
    let differing = comparison.differences();
    if differing == 0 {
        doc.wrapped(T::Same.get(lang), Theme::good(), width);
    } else {
        doc.wrapped(&words::differing(lang, differing), Theme::bad(), width);
    }
    let header: Vec<String> =
        [T::Indicator, T::ColClosed, T::ColToday, T::ColDiff].map(|k| k.get(lang).to_string()).into();
    if differing > 0 {
        doc.blank();
        doc.heading(T::Differences.get(lang));
        let commune = crate::i18n::reports::ReportsText::Commune.get(lang);
        let rows = comparison
            .commune
            .iter()
            .filter(|f| f.differs())
            .map(|f| (commune.to_string(), f))
            .chain(comparison.elsewhere.iter().map(|d| (place(lang, &d.scope), &d.figure)))
            .map(|(place, f)| figure_row(lang, format!("{place} · {}", words::indicator(lang, f.indicator).trim()), f))
            .collect();
        doc.table(Table { header: Some(header.clone()), rows, bar_after: usize::MAX }, width);
    }
    doc.blank();
    doc.heading(T::CommuneTotals.get(lang));
    let rows = comparison.commune.iter().map(|f| figure_row(lang, words::indicator(lang, f.indicator), f)).collect();
    doc.table(Table { header: Some(header), rows, bar_after: usize::MAX }, width);
    doc
}

fn place(lang: Lang, scope: &Scope) -> String {
    match scope {
        Scope::Hamlet { name, .. } => name.clone(),
        Scope::CommuneWide => crate::i18n::reports::ReportsText::CommuneWide.get(lang).to_string(),
    }
}

fn not_closed(doc: &mut Doc, view: &ClosingView, shown: &Period, lang: Lang, width: u16) {
    doc.heading(T::NotClosedYet.get(lang));
    let covering = overlapping(&view.all, shown);
    if !covering.is_empty() {
        doc.wrapped(&words::inside(lang, &covering), Theme::warn(), width);
    }
    doc.blank();
    doc.wrapped(T::HowToClose.get(lang), Theme::dim(), width);
    doc.blank();
    doc.heading(T::OtherClosed.get(lang));
    if view.all.is_empty() {
        doc.wrapped(T::NoneClosed.get(lang), Theme::dim(), width);
    }
    for c in &view.all {
        doc.wrapped(&format!("• {}", words::closed_item(lang, c)), Style::new(), width);
    }
}

/// A figure as a row: name, closed, today, and the change; a row that
/// differs is drawn as bad and marked "≠".
fn figure_row(lang: Lang, name: String, f: &Figure) -> Row {
    let style = if f.differs() { Theme::bad() } else { Style::new() };
    let mark = if f.differs() { "≠ " } else { "  " };
    Row::new(vec![
        Span::styled(format!("{mark}{name}"), style),
        Span::styled(words::value(lang, f.closed), style),
        Span::styled(words::value(lang, f.today), style),
        Span::styled(change(lang, f), style),
    ])
}

/// "+3", "−1" for counts that differ, "≠" for rates; empty when equal.
fn change(lang: Lang, f: &Figure) -> String {
    match (f.closed, f.today) {
        _ if !f.differs() => String::new(),
        (Value::Count(a), Value::Count(b)) if b > a => format!("+{}", number(lang, b - a)),
        (Value::Count(a), Value::Count(b)) => format!("−{}", number(lang, a - b)),
        _ => "≠".into(),
    }
}
