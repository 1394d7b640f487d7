//! The Models tab: every self-management model with its review of the year
//! shown, filtered by hamlet (`t`) and by review (`s`), with the warnings
//! the plans ask for above the list: hamlets without an effective model
//! that year, and models running that year not reviewed yet. `r` (or
//! Enter) records the selected model's review of the year.

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

use super::shared::{Place, Shared, moved, place_name};
use crate::domain::date::format_dmy;
use crate::domain::warnings::hamlets_without_effective_model;
use crate::domain::{CatalogItem, Commune, EntityKind, Id, Lang, Model, Verdict};
use crate::i18n::targets;
use crate::i18n::targets_screen::TargetsText as T;
use crate::store::StoreError;
use crate::tui::Action;
use crate::tui::action::TargetAction as A;
use crate::tui::fit::{column_widths, cut, cut_line};
use crate::tui::form::FormKind;
use crate::tui::screens::{Ctx, Effect, Target};
use crate::tui::theme::Theme;
use crate::tui::write::Write;

/// From this width the warnings get their own column.
const WIDE: u16 = 100;

/// The review filter: not reviewed for the year, or one verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewFilter {
    NotReviewed,
    Is(Verdict),
}

impl ReviewFilter {
    const ALL: [ReviewFilter; 4] = [
        ReviewFilter::NotReviewed,
        ReviewFilter::Is(Verdict::Effective),
        ReviewFilter::Is(Verdict::NotYet),
        ReviewFilter::Is(Verdict::Dropped),
    ];

    fn matches(self, m: &Model, year: u16) -> bool {
        match self {
            ReviewFilter::NotReviewed => m.running_in(year) && m.review(year).is_none(),
            ReviewFilter::Is(v) => m.review(year).is_some_and(|r| r.verdict == v),
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match self {
            ReviewFilter::NotReviewed => T::NotReviewed.get(lang),
            ReviewFilter::Is(v) => targets::verdict(lang, v),
        }
    }
}

#[derive(Default)]
pub struct Models {
    /// Every model: hamlet by hamlet in code order, commune-wide last.
    all: Vec<Model>,
    places: Vec<Place>,
    kinds: Vec<CatalogItem>,
    /// Indexes into `all` the filters let through.
    shown: Vec<usize>,
    /// Index into `shown`.
    selected: usize,
    /// `Some(None)`: the commune-wide models.
    hamlet: Option<Option<Id>>,
    review: Option<ReviewFilter>,
    /// Hamlets without a model reviewed effective for the year.
    without: Vec<Id>,
    not_reviewed: usize,
    year: u16,
    /// Models (by id) seen at the last refresh: a new one is selected.
    known: HashSet<Id>,
}

impl Models {
    pub fn refresh(&mut self, ctx: &Ctx, shared: &Shared) -> Result<(), StoreError> {
        let keep = self.current().map(|m| m.id);
        self.places = shared.places.clone();
        self.kinds = ctx.commune.model_kinds.clone();
        let mut all = ctx.store.all::<Model>()?;
        let order = |m: &Model| {
            let place = m.hamlet.and_then(|h| self.places.iter().position(|p| p.id == h)).unwrap_or(usize::MAX);
            (place, m.name.clone(), m.id)
        };
        all.sort_by_key(order);
        let added = all.iter().map(|m| m.id).find(|id| !self.known.is_empty() && !self.known.contains(id));
        self.known = all.iter().map(|m| m.id).collect();
        self.year = shared.year;
        let ids: Vec<Id> = self.places.iter().map(|p| p.id).collect();
        self.without = hamlets_without_effective_model(&ids, &all, self.year);
        self.not_reviewed = all.iter().filter(|m| ReviewFilter::NotReviewed.matches(m, self.year)).count();
        self.all = all;
        self.apply_filter(added.or(keep));
        Ok(())
    }

    fn apply_filter(&mut self, keep: Option<Id>) {
        let (hamlet, review, year) = (self.hamlet, self.review, self.year);
        self.shown = (0..self.all.len())
            .filter(|i| {
                let m = &self.all[*i];
                hamlet.is_none_or(|h| m.hamlet == h) && review.is_none_or(|r| r.matches(m, year))
            })
            .collect();
        let found = keep.and_then(|id| self.shown.iter().position(|i| self.all[*i].id == id));
        self.selected = found.unwrap_or(self.selected).min(self.shown.len().saturating_sub(1));
    }

    fn current(&self) -> Option<&Model> {
        self.shown.get(self.selected).and_then(|i| self.all.get(*i))
    }

    /// Selects model `id`, clearing the filters if they hide it.
    pub fn select(&mut self, id: Id) {
        if !self.shown.iter().any(|i| self.all[*i].id == id) {
            self.hamlet = None;
            self.review = None;
        }
        self.apply_filter(Some(id));
    }

    fn step_hamlet(&mut self) {
        let mut choices: Vec<Option<Option<Id>>> = vec![None];
        choices.extend(self.places.iter().map(|p| Some(Some(p.id))));
        choices.push(Some(None));
        let i = choices.iter().position(|c| *c == self.hamlet).unwrap_or(0);
        self.hamlet = choices[(i + 1) % choices.len()];
        let keep = self.current().map(|m| m.id);
        self.apply_filter(keep);
    }

    fn step_review(&mut self) {
        let i = self.review.and_then(|r| ReviewFilter::ALL.iter().position(|f| *f == r));
        self.review = match i {
            None => Some(ReviewFilter::ALL[0]),
            Some(i) => ReviewFilter::ALL.get(i + 1).copied(),
        };
        let keep = self.current().map(|m| m.id);
        self.apply_filter(keep);
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx, year: u16) -> Result<Effect, StoreError> {
        let current = self.current().map(|m| (m.id, m.name.clone()));
        let keep = current.as_ref().map(|c| c.0);
        let lang = ctx.lang;
        if let Some(i) = moved(&action, self.selected) {
            return Ok(self.go(i));
        }
        Ok(match (action, current) {
            (Action::Targets(A::ByHamlet), _) => {
                self.step_hamlet();
                Effect::None
            }
            (Action::Targets(A::ByReview), _) => {
                self.step_review();
                Effect::None
            }
            (Action::Back, _) if self.hamlet.is_some() || self.review.is_some() => {
                (self.hamlet, self.review) = (None, None);
                self.apply_filter(keep);
                Effect::Status(T::FiltersCleared.get(lang).to_string())
            }
            (Action::New, _) => super::form(FormKind::Model(None), ctx)?,
            (Action::Edit, Some((id, _))) => super::form(FormKind::Model(Some(id)), ctx)?,
            (Action::Targets(A::Review) | Action::Open, Some((id, _))) => {
                super::form(FormKind::ModelReview { model: id, year }, ctx)?
            }
            (Action::Delete, Some((id, name))) => Effect::Confirm {
                question: T::ConfirmDeleteModel.get(lang).replace("{}", &name),
                write: Write::Delete(EntityKind::Model, id),
            },
            (Action::History, Some((id, name))) => {
                Effect::History { title: name, records: vec![Target { kind: EntityKind::Model, id }] }
            }
            _ => Effect::None,
        })
    }

    fn go(&mut self, i: usize) -> Effect {
        self.selected = i.min(self.shown.len().saturating_sub(1));
        Effect::None
    }

    pub fn render(&self, lang: Lang, year: u16, area: Rect, buf: &mut Buffer) {
        let [filters, warnings, table, info] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)])
                .areas(area);
        Paragraph::new(cut_line(self.filter_line(lang, year), usize::from(filters.width))).render(filters, buf);
        Paragraph::new(cut_line(self.warning_line(lang, year), usize::from(warnings.width))).render(warnings, buf);
        if self.shown.is_empty() {
            let text = if self.all.is_empty() { T::NoModels } else { T::NoMatch };
            Paragraph::new(Span::styled(text.get(lang), Theme::dim())).render(table, buf);
        } else {
            self.render_table(lang, year, table, buf);
        }
        Paragraph::new(cut_line(self.info_line(lang), usize::from(info.width))).render(info, buf);
    }

    fn filter_line(&self, lang: Lang, year: u16) -> Line<'static> {
        let hamlet = match self.hamlet {
            None => None,
            Some(None) => Some(T::CommuneWide.get(lang).to_string()),
            Some(id) => place_name(&self.places, id, true),
        };
        let review = self.review.map(|r| r.label(lang).to_string());
        let value = |v: Option<String>| match v {
            Some(v) => Span::styled(v, Theme::warn()),
            None => Span::raw(T::All.get(lang)),
        };
        Line::from(vec![
            Span::styled("t", Theme::key()),
            Span::styled(format!(" {}: ", T::ColPlace.get(lang)), Theme::header()),
            value(hamlet),
            Span::raw("  "),
            Span::styled("s", Theme::key()),
            Span::styled(format!(" {} {year}: ", T::KeyReview.get(lang)), Theme::header()),
            value(review),
        ])
    }

    fn warning_line(&self, lang: Lang, year: u16) -> Line<'static> {
        let names: Vec<String> =
            self.without.iter().filter_map(|h| place_name(&self.places, Some(*h), false)).collect();
        let style = |n: usize| if n > 0 { Theme::warn() } else { Theme::dim() };
        let listed = if names.is_empty() { "–".to_string() } else { names.join(", ") };
        Line::from(vec![
            Span::styled(format!("{} {}", self.not_reviewed, T::NotReviewedCount.get(lang)), style(self.not_reviewed)),
            Span::styled(" · ", Theme::dim()),
            Span::styled(
                format!("{} {year} ({}): {listed}", T::HamletsWithout.get(lang), names.len()),
                style(names.len()),
            ),
        ])
    }

    fn render_table(&self, lang: Lang, year: u16, area: Rect, buf: &mut Buffer) {
        let wide = area.width >= WIDE;
        let height = usize::from(area.height.saturating_sub(1)).max(1);
        let offset = self.selected.saturating_sub(height - 1);
        let end = (offset + height).min(self.shown.len());
        let mut head = vec![
            Cell::from(T::ColModel.get(lang)),
            Cell::from(T::ColKind.get(lang)),
            Cell::from(T::ColPlace.get(lang)),
            Cell::from(format!("{} {year}", T::Year.get(lang))),
        ];
        let mut widths = if wide {
            vec![Constraint::Fill(1), Constraint::Length(22), Constraint::Length(14), Constraint::Length(15)]
        } else {
            vec![Constraint::Fill(1), Constraint::Length(16), Constraint::Length(11), Constraint::Length(14)]
        };
        if wide {
            head.push(Cell::from(T::ColWarnings.get(lang)));
            widths.push(Constraint::Length(18));
        }
        let cols = column_widths(&widths, area.width);
        let rows: Vec<Row> = self.shown[offset..end]
            .iter()
            .filter_map(|i| self.all.get(*i))
            .map(|m| self.row(m, lang, year, wide, &cols))
            .collect();
        let table = Table::new(rows, widths)
            .header(Row::new(head).style(Theme::header()))
            .row_highlight_style(Theme::selected());
        let mut ts = TableState::default().with_selected(Some(self.selected - offset));
        StatefulWidget::render(table, area, buf, &mut ts);
    }

    /// A model's row, each cell cut at a word to its column (`cols`).
    fn row(&self, m: &Model, lang: Lang, year: u16, wide: bool, cols: &[usize]) -> Row<'static> {
        let kind = Commune::item_text(&self.kinds, m.kind).unwrap_or("–").to_string();
        let place = place_name(&self.places, m.hamlet, wide).unwrap_or_else(|| T::CommuneWide.get(lang).to_string());
        let (review, style) = self.review_cell(m, lang, year);
        let mut texts = vec![m.name.clone(), kind, place, review];
        if wide {
            let warn = if ReviewFilter::NotReviewed.matches(m, year) { T::NotReviewed.get(lang) } else { "" };
            texts.push(warn.to_string());
        }
        let cells = texts.iter().zip(cols).map(|(t, w)| Cell::from(cut(t, *w)));
        Row::new(cells.collect::<Vec<_>>()).style(style)
    }

    fn review_cell(&self, m: &Model, lang: Lang, year: u16) -> (String, Style) {
        match m.review(year) {
            Some(r) => {
                let style = match r.verdict {
                    Verdict::Effective => Theme::good(),
                    Verdict::NotYet => Style::new(),
                    Verdict::Dropped => Theme::dim(),
                };
                (targets::verdict(lang, r.verdict).to_string(), style)
            }
            None if m.running_in(year) => (format!("{}!", T::NotReviewed.get(lang)), Theme::warn()),
            None => ("–".into(), Theme::dim()),
        }
    }

    /// The selected model: started, run by, and its reviews year by year.
    fn info_line(&self, lang: Lang) -> Line<'static> {
        let Some(m) = self.current() else { return Line::default() };
        let mut spans = vec![
            Span::styled(format!("{} ", m.name), Theme::header()),
            Span::raw(format!("· {} ", format_dmy(m.started))),
        ];
        for r in &m.reviews {
            let reason = if r.reason.is_empty() { String::new() } else { format!(" ({})", r.reason) };
            spans.push(Span::raw(format!("· {}: {}{reason} ", r.year, targets::verdict(lang, r.verdict))));
        }
        Line::from(spans)
    }
}
