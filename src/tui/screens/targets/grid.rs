//! The Safe areas tab: the year's assessment of every residential area as
//! a grid, one row per hamlet and the commune's own row (computed, never
//! typed), filled in one sitting from the keyboard. Arrows move between
//! cells; Space toggles a criterion, steps the result and the
//! classification, puts today in an empty date; a digit (or Enter) starts
//! editing a date or the decision's number; Ctrl+S saves every changed row
//! as one change (one undo step). Criterion 1 shows beside its typed part
//! the signing part computed from the commitments, which no one types.

use std::collections::{BTreeMap, HashMap};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Widget};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::shared::{Place, Shared, permille};
use crate::domain::assessment::{SIGNING_CRITERION, commune_assessment, signing_part_met};
use crate::domain::date::{format_dmy, parse_dmy};
use crate::domain::{AreaResult, Assessment, Classification, EntityKind, Id, Lang};
use crate::i18n::reports::percent;
use crate::i18n::targets;
use crate::i18n::targets_screen::TargetsText as T;
use crate::store::StoreError;
use crate::tui::Action;
use crate::tui::action::TargetAction as A;
use crate::tui::fit::{column_widths, cut, cut_line};
use crate::tui::screens::{Ctx, Effect, Target};
use crate::tui::theme::Theme;
use crate::tui::write::{AnyRecord, Write};

/// From this width the decision's date has its own column.
const WIDE: u16 = 100;

/// A column of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Registered,
    /// The n-th criterion of the catalog shown.
    Criterion(usize),
    Result,
    Class,
    Decision,
    DecisionDate,
}

#[derive(Default)]
pub struct Grid {
    year: u16,
    places: Vec<Place>,
    /// The active criteria of the catalog: (id, text).
    criteria: Vec<(u16, String)>,
    stored: HashMap<Id, Assessment>,
    /// Rows changed and not saved yet, by hamlet.
    edits: BTreeMap<Id, Assessment>,
    /// The row (a hamlet's index; the commune's row is last) and column.
    row: usize,
    col: usize,
    editing: Option<Input>,
    /// Esc was pressed once with changes not saved.
    leaving: bool,
    recognised_pct: u8,
    today: chrono::NaiveDate,
}

impl Grid {
    pub fn refresh(&mut self, ctx: &Ctx, shared: &Shared) -> Result<(), StoreError> {
        if shared.year != self.year {
            self.edits.clear();
            self.editing = None;
        }
        self.year = shared.year;
        self.today = ctx.today;
        self.places = shared.places.clone();
        self.recognised_pct = ctx.commune.plan.commune_recognised_pct;
        self.criteria = ctx.commune.criteria.iter().filter(|c| c.active).map(|c| (c.id, c.text.clone())).collect();
        let year = self.year;
        self.stored =
            ctx.store.all_where::<Assessment>(|a| a.year == year)?.into_iter().map(|a| (a.hamlet, a)).collect();
        // A row saved (or put back by an undo) as it was typed is done.
        let stored = &self.stored;
        self.edits.retain(|h, edit| !same(edit, stored.get(h), year));
        self.row = self.row.min(self.places.len());
        self.col = self.col.min(self.columns(true).len().saturating_sub(1));
        Ok(())
    }

    pub fn editing(&self) -> bool {
        self.editing.is_some()
    }

    /// Puts the cursor on the row of assessment `id`.
    pub fn select(&mut self, ctx: &Ctx, id: Id) -> Result<(), StoreError> {
        if let Some(a) = ctx.store.get::<Assessment>(id)?
            && let Some(i) = self.places.iter().position(|p| p.id == a.hamlet)
        {
            self.row = i;
        }
        Ok(())
    }

    fn columns(&self, wide: bool) -> Vec<Col> {
        let mut cols = vec![Col::Registered];
        cols.extend((0..self.criteria.len()).map(Col::Criterion));
        cols.extend([Col::Result, Col::Class, Col::Decision]);
        if wide {
            cols.push(Col::DecisionDate);
        }
        cols
    }

    /// The row as it stands: changed, stored, or blank.
    fn current(&self, hamlet: Id) -> Option<&Assessment> {
        self.edits.get(&hamlet).or_else(|| self.stored.get(&hamlet))
    }

    fn changed(&self) -> Vec<&Assessment> {
        self.edits.iter().filter(|(h, e)| !same(e, self.stored.get(h), self.year)).map(|(_, e)| e).collect()
    }

    /// The focused hamlet's row, to change (copied from the stored one).
    fn entry(&mut self) -> Option<&mut Assessment> {
        let hamlet = self.places.get(self.row)?.id;
        let (year, stored) = (self.year, &self.stored);
        Some(
            self.edits
                .entry(hamlet)
                .or_insert_with(|| stored.get(&hamlet).cloned().unwrap_or(Assessment::new(hamlet, year))),
        )
    }

    /// Whether a digit typed here starts editing a cell (elsewhere it
    /// switches screens).
    pub fn on_editable(&self) -> bool {
        matches!(self.col_at(), Col::Registered | Col::Decision | Col::DecisionDate)
    }

    fn col_at(&self) -> Col {
        self.columns(true).get(self.col).copied().unwrap_or(Col::Registered)
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx) -> Result<Effect, StoreError> {
        let lang = ctx.lang;
        let last_col = self.columns(true).len().saturating_sub(1);
        if action != Action::Back {
            self.leaving = false;
        }
        Ok(match action {
            Action::Up => self.go(self.row.saturating_sub(1), self.col),
            Action::Down => self.go(self.row + 1, self.col),
            Action::PageUp => self.go(self.row.saturating_sub(10), self.col),
            Action::PageDown => self.go(self.row + 10, self.col),
            Action::Top => self.go(0, self.col),
            Action::Bottom => self.go(usize::MAX, self.col),
            Action::Targets(A::Left) => self.go(self.row, self.col.saturating_sub(1)),
            Action::Targets(A::Right) => self.go(self.row, (self.col + 1).min(last_col)),
            Action::Targets(A::Toggle) => self.toggle(lang),
            Action::Open => match self.col_at() {
                Col::Registered | Col::Decision | Col::DecisionDate => self.start_editing(None, lang),
                _ => self.toggle(lang),
            },
            Action::Targets(A::Type(c)) => match self.col_at() {
                Col::Registered | Col::Decision | Col::DecisionDate => self.start_editing(Some(c), lang),
                // A digit elsewhere switches screens as it does everywhere.
                _ => match c.to_digit(10).and_then(|d| usize::try_from(d).ok()) {
                    Some(d) if (1..=crate::tui::Screen::ALL.len()).contains(&d) => {
                        Effect::Goto(crate::tui::Screen::ALL[d - 1])
                    }
                    _ => Effect::None,
                },
            },
            Action::Targets(A::Save) => self.save(lang),
            Action::Back => self.back(lang),
            Action::History => match self.places.get(self.row).and_then(|p| self.stored.get(&p.id).map(|a| (p, a))) {
                Some((p, a)) => Effect::History {
                    title: format!("{} {}", p.name, self.year),
                    records: vec![Target { kind: EntityKind::Assessment, id: a.id }],
                },
                None => Effect::None,
            },
            _ => Effect::None,
        })
    }

    fn go(&mut self, row: usize, col: usize) -> Effect {
        self.row = row.min(self.places.len());
        self.col = col;
        Effect::None
    }

    fn on_commune_row(&self, lang: Lang) -> Option<Effect> {
        (self.row >= self.places.len()).then(|| Effect::Status(T::NotEditable.get(lang).to_string()))
    }

    fn toggle(&mut self, lang: Lang) -> Effect {
        if let Some(e) = self.on_commune_row(lang) {
            return e;
        }
        let col = self.col_at();
        let criterion = match col {
            Col::Criterion(i) => self.criteria.get(i).map(|c| c.0),
            _ => None,
        };
        let today = self.today;
        let Some(a) = self.entry() else { return Effect::None };
        match col {
            Col::Criterion(_) => {
                if let Some(c) = criterion {
                    let (met, note) = a.mark(c).map_or((false, String::new()), |m| (m.met, m.note.clone()));
                    a.set_mark(c, !met, &note);
                }
            }
            Col::Result => a.result = cycle(a.result, &AreaResult::ALL),
            Col::Class => a.classification = cycle(a.classification, &Classification::ALL),
            Col::Registered => a.registered = if a.registered.is_some() { None } else { Some(today) },
            Col::DecisionDate => a.decision_date = if a.decision_date.is_some() { None } else { Some(today) },
            Col::Decision => {}
        }
        Effect::None
    }

    fn start_editing(&mut self, first: Option<char>, lang: Lang) -> Effect {
        if let Some(e) = self.on_commune_row(lang) {
            return e;
        }
        let col = self.col_at();
        let now =
            self.places.get(self.row).and_then(|p| self.current(p.id)).map(|a| cell_text(a, col)).unwrap_or_default();
        self.editing = Some(Input::new(first.map_or(now, |c| c.to_string())));
        Effect::None
    }

    /// A key while a cell is being typed in: Enter, Tab, Up and Down keep
    /// it (and move), Esc drops it, anything else edits.
    pub fn type_key(&mut self, key: KeyEvent, lang: Lang) -> Effect {
        let last_col = self.columns(true).len().saturating_sub(1);
        let Some(input) = &mut self.editing else { return Effect::None };
        let (row, col) = match key.code {
            KeyCode::Esc => {
                self.editing = None;
                return Effect::None;
            }
            KeyCode::Enter | KeyCode::Down => (self.row + 1, self.col),
            KeyCode::Up => (self.row.saturating_sub(1), self.col),
            KeyCode::Tab => (self.row, (self.col + 1).min(last_col)),
            _ => {
                input.handle_event(&Event::Key(key));
                return Effect::None;
            }
        };
        let text = input.value().trim().to_string();
        if let Err(e) = self.put(&text) {
            return Effect::Status(e.get(lang).to_string());
        }
        self.editing = None;
        self.go(row, col)
    }

    /// Puts `text` typed into the focused cell.
    fn put(&mut self, text: &str) -> Result<(), T> {
        let col = self.col_at();
        let date = || if text.is_empty() { Ok(None) } else { parse_dmy(text).map(Some).map_err(|_| T::BadDate) };
        let value = match col {
            Col::Registered | Col::DecisionDate => Some(date()?),
            _ => None,
        };
        let Some(a) = self.entry() else { return Ok(()) };
        match col {
            Col::Registered => a.registered = value.flatten(),
            Col::DecisionDate => a.decision_date = value.flatten(),
            Col::Decision => a.decision_number = text.to_string(),
            _ => {}
        }
        Ok(())
    }

    fn save(&mut self, lang: Lang) -> Effect {
        let changed: Vec<AnyRecord> = self.changed().into_iter().cloned().map(AnyRecord::Assessment).collect();
        if changed.is_empty() {
            return Effect::Status(T::NothingToSave.get(lang).to_string());
        }
        Effect::Write(Write::SaveAll(changed))
    }

    fn back(&mut self, lang: Lang) -> Effect {
        if self.changed().is_empty() {
            return Effect::None;
        }
        if !self.leaving {
            self.leaving = true;
            return Effect::Status(T::DiscardGrid.get(lang).to_string());
        }
        self.edits.clear();
        self.leaving = false;
        Effect::Status(T::Discarded.get(lang).to_string())
    }

    pub fn render(&self, lang: Lang, year: u16, area: Rect, buf: &mut Buffer) {
        if self.places.is_empty() {
            Paragraph::new(Span::styled(T::NoHamlets.get(lang), Theme::dim())).render(area, buf);
            return;
        }
        let [table, info, hint] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1), Constraint::Length(1)]).areas(area);
        let wide = area.width >= WIDE;
        self.render_table(lang, wide, table, buf);
        Paragraph::new(cut_line(self.info_line(lang, year), usize::from(info.width))).render(info, buf);
        let changed = self.changed().len();
        let (text, style) = if changed > 0 {
            (format!("{changed} {}", T::Unsaved.get(lang)), Theme::warn())
        } else {
            (T::GridHint.get(lang).to_string(), Theme::dim())
        };
        Paragraph::new(cut_line(Line::from(Span::styled(text, style)), usize::from(hint.width))).render(hint, buf);
    }

    fn render_table(&self, lang: Lang, wide: bool, area: Rect, buf: &mut Buffer) {
        let cols = self.columns(wide);
        let mut head = vec![Cell::from(T::ColHamlet.get(lang))];
        let mut widths = vec![Constraint::Length(if wide { 16 } else { 11 })];
        for col in &cols {
            let (title, width) = match col {
                Col::Registered => (T::ColRegistered.get(lang).to_string(), Constraint::Length(10)),
                Col::Criterion(i) if self.criteria.get(*i).is_some_and(|c| c.0 == SIGNING_CRITERION) => {
                    (format!("{}{}", T::CriterionShort.get(lang), i + 1), Constraint::Length(6))
                }
                Col::Criterion(i) => (format!("{}{}", T::CriterionShort.get(lang), i + 1), Constraint::Length(4)),
                Col::Result => (T::ColResult.get(lang).to_string(), Constraint::Length(9)),
                Col::Class => (T::ColClass.get(lang).to_string(), Constraint::Length(10)),
                Col::Decision => (T::ColDecision.get(lang).to_string(), Constraint::Fill(1)),
                Col::DecisionDate => (T::ColDecisionDate.get(lang).to_string(), Constraint::Length(10)),
            };
            head.push(Cell::from(title));
            widths.push(width);
        }
        // Room for the header and the commune's row.
        let height = usize::from(area.height.saturating_sub(2)).max(1);
        let offset = self.row.min(self.places.len().saturating_sub(1)).saturating_sub(height - 1);
        let end = (offset + height).min(self.places.len());
        let fit = column_widths(&widths, area.width);
        let mut rows: Vec<Row> = (offset..end).map(|i| self.row_of(i, &cols, &fit, lang)).collect();
        rows.push(self.commune_row(&cols, &fit, lang));
        Table::new(rows, widths).header(Row::new(head).style(Theme::header())).render(area, buf);
    }

    /// A hamlet's row, each cell cut at a word to its width in `fit`.
    fn row_of(&self, i: usize, cols: &[Col], fit: &[usize], lang: Lang) -> Row<'static> {
        let Some(place) = self.places.get(i) else { return Row::default() };
        let a = self.current(place.id);
        let edited = self.edits.get(&place.id).is_some_and(|e| !same(e, self.stored.get(&place.id), self.year));
        let name = format!("{}{}", if edited { "*" } else { "" }, place.short);
        let width = |c: usize| fit.get(c).copied().unwrap_or(0);
        let name = cut(&name, width(0));
        let mut cells = vec![Cell::from(name).style(if i == self.row { Theme::header() } else { Style::new() })];
        for (c, col) in cols.iter().enumerate() {
            let focused = i == self.row && c == self.col;
            let (text, style) = match (&self.editing, focused) {
                (Some(input), true) => (format!("{}▏", input.value()), Theme::input()),
                _ => {
                    let (text, style) = self.cell(a, *col, place, lang);
                    (cut(&text, width(c + 1)), style)
                }
            };
            cells.push(Cell::from(text).style(if focused && self.editing.is_none() {
                Theme::selected()
            } else {
                style
            }));
        }
        Row::new(cells)
    }

    fn cell(&self, a: Option<&Assessment>, col: Col, place: &Place, lang: Lang) -> (String, Style) {
        match col {
            Col::Criterion(i) => {
                let Some((id, _)) = self.criteria.get(i) else { return (String::new(), Style::new()) };
                let mark = a
                    .and_then(|a| a.mark(*id))
                    .map_or(("·", Theme::dim()), |m| if m.met { ("✓", Theme::good()) } else { ("✗", Theme::bad()) });
                if *id != SIGNING_CRITERION {
                    return (mark.0.to_string(), mark.1);
                }
                let rate = permille(place.signed as usize, place.active as usize).unwrap_or(0) / 10;
                let signing = if signing_part_met(place.active, place.signed) { Theme::good() } else { Theme::warn() };
                (format!("{} {rate}%", mark.0), if mark.0 == "✓" { signing } else { mark.1 })
            }
            Col::Result => match a.and_then(|a| a.result) {
                Some(AreaResult::Safe) => (targets::area_result(lang, AreaResult::Safe).into(), Theme::good()),
                Some(r) => (targets::area_result(lang, r).into(), Theme::bad()),
                None => ("–".into(), Theme::dim()),
            },
            Col::Class => match a.and_then(|a| a.classification) {
                Some(c) => (targets::classification(lang, c).into(), Style::new()),
                None => ("–".into(), Theme::dim()),
            },
            _ => (a.map(|a| cell_text(a, col)).filter(|t| !t.is_empty()).unwrap_or("–".into()), Style::new()),
        }
    }

    /// The commune's row: registered and recognised areas, and whether the
    /// commune qualifies (every area registered, enough recognised).
    fn commune_row(&self, cols: &[Col], fit: &[usize], lang: Lang) -> Row<'static> {
        let c = commune_assessment(self.places.iter().map(|p| self.current(p.id)));
        let safe = c.is_safe(self.recognised_pct);
        let focused = self.row >= self.places.len();
        let mut cells = vec![Cell::from(T::CommuneRow.get(lang))];
        for (i, col) in cols.iter().enumerate() {
            let text = match col {
                Col::Registered => format!("{}/{}", c.registered, c.areas),
                Col::Result => {
                    let r = if safe { AreaResult::Safe } else { AreaResult::NotSafe };
                    targets::area_result(lang, r).to_string()
                }
                Col::Decision => format!("{}/{} {}", c.recognised, c.areas, T::AreasRecognised.get(lang)),
                _ => String::new(),
            };
            cells.push(Cell::from(cut(&text, fit.get(i + 1).copied().unwrap_or(0))));
        }
        let style = if focused {
            Theme::selected()
        } else if safe {
            Theme::good()
        } else {
            Theme::header()
        };
        Row::new(cells).style(style)
    }

    /// What the focused cell stands for, in full.
    fn info_line(&self, lang: Lang, year: u16) -> Line<'static> {
        let Some(place) = self.places.get(self.row) else {
            let c = commune_assessment(self.places.iter().map(|p| self.current(p.id)));
            let word = if c.is_safe(self.recognised_pct) { T::CommuneSafe } else { T::CommuneNotSafe };
            let text = format!(
                "{} {year}: {}/{} {}, {} {} ({}%)",
                word.get(lang),
                c.registered,
                c.areas,
                T::AreasRegistered.get(lang),
                c.recognised,
                T::AreasRecognised.get(lang),
                self.recognised_pct
            );
            return Line::from(Span::styled(text, Theme::header()));
        };
        let head = Span::styled(format!("{} · ", place.name), Theme::header());
        let text = match self.col_at() {
            Col::Criterion(i) => {
                let (id, text) = self.criteria.get(i).cloned().unwrap_or_default();
                let mut s = format!("{} {}: {text}", T::Criterion.get(lang), i + 1);
                if id == SIGNING_CRITERION {
                    let met = signing_part_met(place.active, place.signed);
                    let word = if met { T::SigningMet } else { T::SigningNotMet };
                    let rate = percent(lang, permille(place.signed as usize, place.active as usize));
                    s = format!(
                        "{s} — {}: {}/{} ({rate}) {}",
                        T::SigningPart.get(lang),
                        place.signed,
                        place.active,
                        word.get(lang)
                    );
                }
                s
            }
            _ => self.summary(place, lang),
        };
        Line::from(vec![head, Span::raw(text)])
    }
}

impl Grid {
    /// A hamlet's row in words: "Đăng ký: 05/02/2026 · Kết quả: Đạt · ...".
    fn summary(&self, place: &Place, lang: Lang) -> String {
        let a = self.current(place.id);
        let text = |col: Col| a.map(|a| cell_text(a, col)).filter(|t| !t.is_empty()).unwrap_or("–".into());
        let result = a.and_then(|a| a.result).map_or("–", |r| targets::area_result(lang, r));
        let class = a.and_then(|a| a.classification).map_or("–", |c| targets::classification(lang, c));
        format!(
            "{}: {} · {}: {result} · {}: {class} · {}: {} {}",
            T::ColRegistered.get(lang),
            text(Col::Registered),
            T::ColResult.get(lang),
            T::ColClass.get(lang),
            T::ColDecision.get(lang),
            text(Col::Decision),
            text(Col::DecisionDate)
        )
    }
}

/// The text a date or decision cell holds.
fn cell_text(a: &Assessment, col: Col) -> String {
    match col {
        Col::Registered => a.registered.map(format_dmy).unwrap_or_default(),
        Col::DecisionDate => a.decision_date.map(format_dmy).unwrap_or_default(),
        Col::Decision => a.decision_number.clone(),
        _ => String::new(),
    }
}

/// `None`, then each of `all` in turn, then `None` again.
fn cycle<V: Copy + PartialEq>(now: Option<V>, all: &[V]) -> Option<V> {
    match now.and_then(|v| all.iter().position(|x| *x == v)) {
        None => all.first().copied(),
        Some(i) => all.get(i + 1).copied(),
    }
}

/// Whether a changed row says what is stored (or, with nothing stored,
/// what a blank row says): ids, stamps and tidying aside.
fn same(edit: &Assessment, stored: Option<&Assessment>, year: u16) -> bool {
    let base = stored.cloned().unwrap_or_else(|| Assessment::new(edit.hamlet, year));
    let mut e = edit.clone();
    e.normalize();
    e.id = base.id;
    e.stamp = base.stamp;
    e == base
}
