//! The Mediation screen: the commune's mediation log book. A list of cases
//! (number, received, hamlet, category, parties, status, days) filtered by
//! status, category, hamlet and year, with late and overdue cases marked;
//! a case's full page; the intake form and the progress form that walks a
//! case through its statuses; `b` writes a mediation team's book for a
//! year (`book`).
//!
//! Rows are computed once in `refresh` and only the visible window is
//! drawn, so 20,000 cases scroll as fast as 20. The full case is read from
//! the store only when opened.

mod book;
mod detail;
mod forms;
mod load;
mod rows;
mod table;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::{Ctx, Effect, ScreenState, Target};
use crate::domain::access::{Action as Access, Grant};
use crate::domain::{CaseStatus, EntityKind, Field, FieldError, Hamlet, Id, Lang};
use crate::i18n::mediation::MediationText as T;
use crate::i18n::ui::Ui;
use crate::store::StoreError;
use crate::tui::Action;
use crate::tui::action::CaseAction;
use crate::tui::form::{Form, FormKind};
use crate::tui::keymap::{Binding, RECORDS, screen_key};
use crate::tui::prefs;
use crate::tui::write::Write;
use detail::Detail;
use load::Loaded;
use rows::{CaseRow, Filter, StatusFilter, cycle};

/// Key under which the filters are remembered in `ui.json`.
const PREFS_KEY: &str = "mediation";
/// Rows moved by PageUp / PageDown.
const PAGE: usize = 10;

// Screen actions (`Action::Mediation(n)`).

const KEYS: &[Binding] = &[
    screen_key('m', Action::Mediation(CaseAction::Move), |l| T::KeyMove.get(l), 9),
    screen_key('f', Action::Mediation(CaseAction::Follow), |l| T::KeyFollowUp.get(l), 5),
    screen_key('s', Action::Mediation(CaseAction::ByStatus), |l| T::KeyStatus.get(l), 4),
    screen_key('c', Action::Mediation(CaseAction::ByCategory), |l| T::KeyCategory.get(l), 2),
    screen_key('t', Action::Mediation(CaseAction::ByHamlet), |l| T::KeyHamlet.get(l), 3),
    screen_key('y', Action::Mediation(CaseAction::ByYear), |l| T::KeyYear.get(l), 2),
    screen_key('b', Action::Mediation(CaseAction::Book), |l| T::KeyBook.get(l), 1),
    RECORDS[0],
    RECORDS[1],
    RECORDS[2],
    RECORDS[3],
    RECORDS[4],
];

/// A hamlet as the list names it: the bare name ("Đông") when narrow, the
/// full one ("Thôn Đông") when there is room.
struct HamletName {
    id: Id,
    short: String,
    full: String,
}

/// Figures about the cases shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    open: usize,
    overdue: usize,
    late: usize,
    follow_ups: usize,
}

pub struct State {
    /// Every case, newest number first.
    rows: Vec<CaseRow>,
    /// Indexes into `rows` that pass the filter.
    shown: Vec<usize>,
    /// Index into `shown`.
    selected: usize,
    filter: Filter,
    /// In code order: the order `t` steps through.
    hamlets: Vec<HamletName>,
    hamlet_ix: HashMap<Id, usize>,
    /// Years with cases, newest first.
    years: Vec<u16>,
    counts: Counts,
    /// The case opened with Enter.
    detail: Option<Detail>,
    /// What the rows were computed with; `None` before the first load.
    loaded: Option<Loaded>,
    /// Highest case id seen: a case added since is selected on refresh.
    max_id: Id,
    dir: PathBuf,
    /// The book dialog (`b`), when open, and the folder it proposes.
    book: Option<book::Dialog>,
    book_folder: crate::tui::folder::Folder,
}

impl State {
    /// The screen with nothing read yet: the app refreshes it when it is
    /// first shown, so opening the ledger does not wait for it.
    pub fn unloaded(ctx: &Ctx) -> Self {
        State {
            rows: Vec::new(),
            shown: Vec::new(),
            selected: 0,
            filter: prefs::load(ctx.store.dir(), PREFS_KEY).unwrap_or_default(),
            hamlets: Vec::new(),
            hamlet_ix: HashMap::new(),
            years: Vec::new(),
            counts: Counts::default(),
            detail: None,
            loaded: None,
            max_id: 0,
            dir: ctx.store.dir().to_path_buf(),
            book: None,
            book_folder: crate::tui::folder::Folder::for_user(),
        }
    }

    pub fn new(ctx: &Ctx) -> Result<Self, StoreError> {
        let mut state = State::unloaded(ctx);
        state.refresh(ctx)?;
        Ok(state)
    }

    /// Re-reads the rows of cases `ids` (gone ones are dropped).
    fn update_rows(&mut self, ctx: &Ctx, ids: &[Id]) -> Result<(), StoreError> {
        self.rows.retain(|r| !ids.contains(&r.id));
        for id in ids {
            self.rows.extend(load::row(ctx, *id)?);
        }
        Ok(())
    }

    /// Actions on the current case and the filters, from the list or the detail.
    fn act(&mut self, action: Action, ctx: &Ctx) -> Result<Effect, StoreError> {
        let current = self.current();
        Ok(match (action, current) {
            (Action::New, _) => Effect::Form(Box::new(forms::intake(ctx, self.filter.hamlet)?)),
            (Action::Edit, Some((id, _))) => form(&FormKind::Case(Some(id)), ctx)?,
            (Action::Delete, Some((id, number))) => Effect::Confirm {
                question: T::ConfirmDelete.get(ctx.lang).replace("{}", &number),
                write: Write::Delete(EntityKind::Case, id),
            },
            (Action::History, Some((id, number))) => Effect::History {
                title: self.history_title(id, number),
                records: vec![Target { kind: EntityKind::Case, id }],
            },
            (Action::Mediation(CaseAction::Move), Some((id, _))) => form(&FormKind::CaseStatus { case: id }, ctx)?,
            (Action::Mediation(CaseAction::Follow), Some((id, _))) => self.follow_up_form(id, ctx)?,
            (Action::Mediation(CaseAction::Book), _) => self.open_book(ctx)?,
            (
                Action::Mediation(
                    n @ (CaseAction::ByStatus | CaseAction::ByCategory | CaseAction::ByHamlet | CaseAction::ByYear),
                ),
                _,
            ) => {
                self.step_filter(n);
                self.detail = None;
                Effect::None
            }
            _ => Effect::None,
        })
    }

    /// "12/2026 Nguyễn Văn An - Trần Thị Bình": the case the history is of.
    fn history_title(&self, id: Id, number: String) -> String {
        let parties = match &self.detail {
            Some(d) if d.case.id == id => d.case.parties.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(" - "),
            _ => self.rows.iter().find(|r| r.id == id).map(|r| r.parties.clone()).unwrap_or_default(),
        };
        format!("{number} {parties}")
    }

    fn selected_row(&self) -> Option<&CaseRow> {
        self.shown.get(self.selected).and_then(|i| self.rows.get(*i))
    }

    /// The case the keys act on: the one opened, else the one selected.
    fn current(&self) -> Option<(Id, String)> {
        match &self.detail {
            Some(d) => Some((d.case.id, d.case.number())),
            None => self.selected_row().map(|r| (r.id, r.number())),
        }
    }

    fn select(&mut self, i: usize) {
        self.selected = i.min(self.shown.len().saturating_sub(1));
    }

    fn load_hamlets(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        let mut all = ctx.store.all::<Hamlet>()?;
        all.sort_by(|a, b| a.code.cmp(&b.code).then(a.id.cmp(&b.id)));
        self.hamlets =
            all.into_iter().map(|h| HamletName { id: h.id, full: h.display_name(), short: h.name }).collect();
        self.hamlet_ix = self.hamlets.iter().enumerate().map(|(i, h)| (h.id, i)).collect();
        Ok(())
    }

    fn hamlet_name(&self, id: Id, full: bool) -> String {
        match self.hamlet_ix.get(&id).and_then(|i| self.hamlets.get(*i)) {
            Some(h) if full => h.full.clone(),
            Some(h) => h.short.clone(),
            None => String::new(),
        }
    }

    /// Recomputes the rows shown and their counts, keeping `keep` selected
    /// when it is still shown.
    fn apply_filter(&mut self, keep: Option<Id>) {
        let filter = self.filter;
        self.shown = self.rows.iter().enumerate().filter(|(_, r)| filter.matches(r)).map(|(i, _)| i).collect();
        let mut counts = Counts::default();
        for r in self.shown.iter().filter_map(|i| self.rows.get(*i)) {
            counts.open += usize::from(r.status.is_open());
            counts.overdue += usize::from(r.overdue());
            counts.late += usize::from(r.late());
            counts.follow_ups += usize::from(r.follow_up_due);
        }
        self.counts = counts;
        let found = keep.and_then(|id| self.shown.iter().position(|i| self.rows.get(*i).is_some_and(|r| r.id == id)));
        self.select(found.unwrap_or(self.selected));
    }

    fn set_filter(&mut self, filter: Filter) {
        let keep = self.selected_row().map(|r| r.id);
        self.filter = filter;
        prefs::save(&self.dir, PREFS_KEY, &self.filter);
        self.apply_filter(keep);
    }

    fn step_filter(&mut self, which: CaseAction) {
        let mut f = self.filter;
        match which {
            CaseAction::ByStatus => f.status = cycle(f.status, &StatusFilter::choices()),
            CaseAction::ByCategory => f.category = cycle(f.category, &crate::domain::CaseCategory::ALL),
            CaseAction::ByHamlet => f.hamlet = cycle(f.hamlet, &self.hamlets.iter().map(|h| h.id).collect::<Vec<_>>()),
            _ => f.year = cycle(f.year, &self.years),
        }
        self.set_filter(f);
    }

    /// The progress form with the focus on "agreement kept"; only a
    /// successful case has an agreement to follow up.
    fn follow_up_form(&self, id: Id, ctx: &Ctx) -> Result<Effect, StoreError> {
        let status = match &self.detail {
            Some(d) => d.case.status,
            None => self.selected_row().map_or(CaseStatus::Received, |r| r.status),
        };
        if status != CaseStatus::Successful {
            return Ok(Effect::Status(T::NotSuccessful.get(ctx.lang).to_string()));
        }
        let mut form = forms::build(&FormKind::CaseStatus { case: id }, ctx)?;
        if let Some(i) = form.fields.iter().position(|f| f.field == Field::FollowUpKept) {
            form.focus = i;
        }
        Ok(Effect::Form(Box::new(form)))
    }
}

impl ScreenState for State {
    fn title(&self) -> Ui {
        Ui::Mediation
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn refresh(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        let keep = self.selected_row().map(|r| r.id);
        let since = self.loaded.as_ref().filter(|l| l.still_holds(ctx)).map(|l| l.audit);
        let changed = match since {
            Some(since) => load::changed_cases(ctx.store, since)?,
            None => None,
        };
        let audit = match changed {
            Some((ids, audit)) => {
                self.update_rows(ctx, &ids)?;
                audit
            }
            None => {
                let audit = load::newest_audit(ctx.store)?;
                self.rows = load::all_rows(ctx)?;
                audit
            }
        };
        self.loaded = Some(Loaded { today: ctx.today, settings: ctx.commune.settings.clone(), audit });
        self.rows.sort_unstable_by_key(|r| std::cmp::Reverse((r.year, r.seq, r.id)));
        let newest = self.rows.iter().map(|r| r.id).max().unwrap_or(0);
        let added = (self.max_id != 0 && newest > self.max_id).then_some(newest);
        self.max_id = self.max_id.max(newest);
        self.years = rows::years(&self.rows);
        self.load_hamlets(ctx)?;
        self.apply_filter(added.or(keep));
        if let Some(d) = &self.detail {
            let scroll = d.scroll;
            self.detail = Detail::load(ctx, d.case.id)?.map(|d| Detail { scroll, ..d });
        }
        Ok(())
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Result<Effect, StoreError> {
        if let Some(d) = &mut self.detail {
            let lang = ctx.lang;
            match action {
                Action::Up => d.scroll_by(-1, lang),
                Action::Down => d.scroll_by(1, lang),
                Action::PageUp => d.scroll_by(-(detail::PAGE as isize), lang),
                Action::PageDown => d.scroll_by(detail::PAGE as isize, lang),
                Action::Top => d.scroll_to(0, lang),
                Action::Bottom => d.scroll_to(usize::MAX, lang),
                Action::Back => self.detail = None,
                Action::Open => {}
                other => return self.act(other, ctx),
            }
            return Ok(Effect::None);
        }
        match action {
            Action::Up => self.select(self.selected.saturating_sub(1)),
            Action::Down => self.select(self.selected.saturating_add(1)),
            Action::PageUp => self.select(self.selected.saturating_sub(PAGE)),
            Action::PageDown => self.select(self.selected.saturating_add(PAGE)),
            Action::Top => self.select(0),
            Action::Bottom => self.select(usize::MAX),
            Action::Open => {
                if let Some(id) = self.selected_row().map(|r| r.id) {
                    self.detail = Detail::load(ctx, id)?;
                }
            }
            Action::Back if !self.filter.is_empty() => {
                self.set_filter(Filter::default());
                return Ok(Effect::Status(T::FiltersCleared.get(ctx.lang).to_string()));
            }
            other => return self.act(other, ctx),
        }
        Ok(Effect::None)
    }

    fn show(&mut self, target: Target, ctx: &Ctx) -> Result<(), StoreError> {
        if target.kind != EntityKind::Case {
            return Ok(());
        }
        if !self.rows.iter().any(|r| r.id == target.id) {
            self.refresh(ctx)?;
        }
        if !self.shown.iter().any(|i| self.rows.get(*i).is_some_and(|r| r.id == target.id)) {
            self.set_filter(Filter::default());
        }
        self.apply_filter(Some(target.id));
        self.detail = Detail::load(ctx, target.id)?;
        Ok(())
    }

    /// Cases; the mediation book holds the parties' personal data.
    fn needs(&self, action: Action, _grant: &Grant) -> Option<Access> {
        match action {
            Action::New | Action::Edit | Action::Delete | Action::Mediation(CaseAction::Move | CaseAction::Follow) => {
                Some(Access::WriteCase)
            }
            Action::Mediation(CaseAction::Book) => Some(Access::ExportPersonal { kind: EntityKind::Case }),
            _ => None,
        }
    }

    fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        match &self.detail {
            Some(d) => d.render(lang, area, buf),
            None => table::render(self, lang, area, buf),
        }
        if let Some(dialog) = &self.book {
            dialog.render(lang, area, buf);
        }
    }

    /// The book dialog reads every key while it is open.
    fn typing(&self) -> bool {
        self.book.is_some()
    }

    fn type_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Result<Effect, StoreError> {
        Ok(self.book_key(key, ctx.lang))
    }
}

fn form(kind: &FormKind, ctx: &Ctx) -> Result<Effect, StoreError> {
    Ok(Effect::Form(Box::new(forms::build(kind, ctx)?)))
}

pub fn build_form(kind: &FormKind, ctx: &Ctx) -> Result<Form, StoreError> {
    forms::build(kind, ctx)
}

pub use book::Job as BookJob;

pub fn submit_form(form: &Form, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    forms::submit(form, ctx)
}
