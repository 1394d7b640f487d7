//! The Households screen: the table of every household with this year's
//! commitment status, filters (hamlet, status, typed text without
//! diacritics), a detail pane, and the commitment workflow in two
//! keystrokes (`s` signs today). `h` asks the app for the change history of
//! the selected household and its commitments.
//!
//! The list lives in `table` (built in one pass over the store, filtered in
//! memory), the selected household in `detail`, the forms in `forms`, the
//! drawing in `view`. This file holds the state and turns actions into
//! effects; it never writes to the store.

mod actions;
mod detail;
mod filtering;
mod forms;
mod table;
#[cfg(test)]
mod tests;
mod view;

use std::cell::Cell;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use tui_input::Input;

use super::{Ctx, Effect, ScreenState, Target};
use crate::domain::access::{Action as Access, Grant};
use crate::domain::operator::AccessEvent;
use crate::domain::{CatalogItem, Commitment, CommitmentStatus, EntityKind, Id, Lang};
use crate::i18n::households::HouseholdsText as T;
use crate::i18n::ui::Ui;
use crate::store::StoreError;
use crate::tui::Action;
use crate::tui::action::HouseholdAction;
use crate::tui::form::FormKind;
use crate::tui::keymap::{Binding, HELP_ONLY, Hint, RECORDS, Rank};
use crate::tui::prefs;
use detail::Detail;
pub use forms::{build_form, submit_form};
use table::{Filters, HamletName, Mark, Table};

/// Where filters and sort order are remembered (`prefs`).
const PREFS_KEY: &str = "households";

/// Which part of the screen has the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    /// The table (with the selected household beside it on wide screens).
    List,
    /// The selected household in full.
    Detail,
}

/// The hamlet chooser (`t`): type to narrow, arrows to move, Enter to pick.
#[derive(Clone, Debug, Default)]
pub struct Picker {
    pub input: Input,
    /// `None` is "all hamlets"; otherwise an index into the hamlet list.
    pub options: Vec<Option<usize>>,
    pub selected: usize,
}

pub struct State {
    dir: PathBuf,
    /// The year whose commitments the table shows.
    year: u16,
    hamlets: Vec<HamletName>,
    /// The newest audit entry when the list was last brought up to date.
    seen: Option<Id>,
    catalog: Vec<CatalogItem>,
    filters: Filters,
    table: Table,
    /// Marks counted over the households of the filtered view still living
    /// here: signed, refused, absent, not yet.
    counts: [usize; 4],
    /// Households of the filtered view that moved out.
    moved: usize,
    /// Position of the selection in the filtered view.
    selected: usize,
    pane: Pane,
    /// The search line, while it is being typed.
    search: Option<Input>,
    picker: Option<Picker>,
    detail: Option<Detail>,
    /// First line shown of the detail pane.
    scroll: usize,
    /// First row of the table drawn last time and how many rows fitted: the
    /// window follows the selection without jumping, as ratatui's own
    /// `TableState` does. Drawing updates these and nothing else.
    first: Cell<usize>,
    page: Cell<usize>,
    /// A hamlet head's hamlet: the only one listed, whatever the filters.
    only: Option<Id>,
    /// Personal numbers masked even in the detail view (the role may not
    /// unmask them).
    masked: bool,
}

// Numbers of the screen's own actions (`Action::Screen`).

/// A screen key and its rank on the bottom line (`keymap::Rank`), or a
/// second key for the same action (no hint).
const fn own(c: char, n: HouseholdAction, hint: Option<fn(Lang) -> &'static str>, footer: Rank) -> Binding {
    let hint = match hint {
        Some(f) => Some(Hint::Text(f)),
        None => None,
    };
    Binding { code: KeyCode::Char(c), mods: KeyModifiers::NONE, action: Action::Households(n), hint, footer }
}

const KEYS: &[Binding] = &[
    own('s', HouseholdAction::Sign, Some(|l| T::KeySign.get(l)), 9),
    own('c', HouseholdAction::Commit, Some(|l| T::KeyCommit.get(l)), 8),
    own('r', HouseholdAction::Refuse, Some(|l| T::KeyRefuse.get(l)), 2),
    own('v', HouseholdAction::Violation, Some(|l| T::KeyViolation.get(l)), 2),
    own('d', HouseholdAction::DeleteCommitment, Some(|l| T::KeyDeleteCommitment.get(l)), HELP_ONLY),
    own('f', HouseholdAction::Search, Some(|l| T::KeySearch.get(l)), 5),
    own('t', HouseholdAction::Hamlet, Some(|l| T::KeyHamlet.get(l)), 4),
    own('l', HouseholdAction::Status, Some(|l| T::KeyStatus.get(l)), 3),
    own('o', HouseholdAction::Sort, Some(|l| T::KeySort.get(l)), 1),
    own('<', HouseholdAction::PrevYear, Some(|l| T::KeyPrevYear.get(l)), 1),
    own(',', HouseholdAction::PrevYear, None, HELP_ONLY),
    own('>', HouseholdAction::NextYear, Some(|l| T::KeyNextYear.get(l)), 1),
    own('.', HouseholdAction::NextYear, None, HELP_ONLY),
    own('i', HouseholdAction::Import, Some(|l| crate::import::words::ImportText::KeyImport.get(l)), 1),
];

/// The screen's keys, then add/edit/delete/history.
const ALL_KEYS: &[Binding] = &{
    let mut all = [KEYS[0]; KEYS.len() + RECORDS.len()];
    let mut i = 0;
    while i < KEYS.len() {
        all[i] = KEYS[i];
        i += 1;
    }
    while i < all.len() {
        all[i] = RECORDS[i - KEYS.len()];
        i += 1;
    }
    all
};

fn year_of(day: NaiveDate) -> u16 {
    u16::try_from(day.year()).unwrap_or(0)
}

impl State {
    pub fn new(ctx: &Ctx) -> Result<Self, StoreError> {
        let filters = prefs::load::<Filters>(ctx.store.dir(), PREFS_KEY).unwrap_or_default();
        let mut state = State {
            dir: ctx.store.dir().to_path_buf(),
            year: year_of(ctx.today),
            hamlets: Vec::new(),
            seen: None,
            catalog: Vec::new(),
            filters,
            table: Table::default(),
            counts: [0; 4],
            moved: 0,
            selected: 0,
            pane: Pane::List,
            search: None,
            picker: None,
            detail: None,
            scroll: 0,
            first: Cell::new(0),
            page: Cell::new(10),
            only: None,
            masked: false,
        };
        state.obey(ctx);
        // The list itself is read when the screen is first shown (the app
        // refreshes each screen then): opening the ledger stays quick.
        state.hamlets = table::hamlets(ctx.store)?;
        Ok(state)
    }

    /// The selected household's detail brought up to date: when only its
    /// commitments changed, only those are read; otherwise it is read whole.
    fn fresh_detail(&self, ctx: &Ctx, changed: &table::Changed, id: Id) -> Result<Option<Detail>, StoreError> {
        let held = self.detail.as_ref().filter(|d| d.household.id == id && changed.only_commitments_of(id));
        match held {
            Some(d) => {
                let mut d = d.clone();
                d.reread(ctx.store, changed.commitments_of(id))?;
                Ok(Some(d))
            }
            None => Detail::load(ctx.store, id),
        }
    }

    /// What the signed-in role may see: a hamlet head only their hamlet
    /// (kept as a filter over the rows' hamlet index: no scan), numbers
    /// masked for a role that may not unmask them.
    fn obey(&mut self, ctx: &Ctx) {
        self.masked = ctx.grant.masks_numbers();
        self.only = match ctx.grant.role {
            crate::domain::access::OperatorRole::HamletHead => Some(ctx.grant.hamlet.unwrap_or(0)),
            _ => None,
        };
    }

    fn screen_action(&mut self, n: HouseholdAction, ctx: &Ctx) -> Result<Effect, StoreError> {
        match n {
            HouseholdAction::Sign => return self.sign_today(ctx),
            HouseholdAction::Commit => return self.commitment_form(ctx, None),
            HouseholdAction::Refuse => return self.commitment_form(ctx, Some(CommitmentStatus::Refused)),
            HouseholdAction::Violation => return self.violation_form(ctx),
            HouseholdAction::DeleteCommitment => return Ok(self.delete_commitment(ctx.lang)),
            HouseholdAction::Search => {
                self.pane = Pane::List;
                self.search = Some(Input::new(self.filters.text.clone()));
            }
            HouseholdAction::Hamlet => {
                let mut picker = Picker::default();
                self.pick_options(&mut picker);
                self.picker = Some(picker);
            }
            HouseholdAction::Status => {
                let next = match self.filters.mark {
                    None => Some(Mark::Signed),
                    Some(Mark::Signed) => Some(Mark::Refused),
                    Some(Mark::Refused) => Some(Mark::Absent),
                    Some(Mark::Absent) => Some(Mark::NotYet),
                    Some(Mark::NotYet) => None,
                };
                self.filters.mark = next;
                self.apply_filters(ctx)?;
            }
            HouseholdAction::Sort => {
                let keep = self.selected_id();
                self.filters.sort = self.filters.sort.next();
                self.table.sort(self.filters.sort, &self.hamlets);
                self.refilter();
                self.save_prefs();
                self.after_filter(keep, ctx)?;
            }
            HouseholdAction::PrevYear | HouseholdAction::NextYear => {
                return self.change_year(n == HouseholdAction::NextYear, ctx);
            }
            HouseholdAction::Import => return Ok(Effect::Import(crate::tui::import::Choice::HOUSEHOLDS)),
        }
        Ok(Effect::None)
    }

    // ---- selection and panes

    fn selected_id(&self) -> Option<Id> {
        self.table.get(self.selected).map(|r| r.id)
    }

    /// Puts the selection in the middle of the table's window (after a
    /// jump: a new filter, sort order, or a record opened from the lookup).
    fn center(&self) {
        self.first.set(self.selected.saturating_sub(self.page.get() / 2));
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.table.len().saturating_sub(1));
    }

    fn move_to(&mut self, at: usize, ctx: &Ctx) -> Result<(), StoreError> {
        let before = self.selected;
        self.selected = at;
        self.clamp();
        if self.selected != before { self.load_selected(ctx) } else { Ok(()) }
    }

    /// Reads the selected household's detail: a handful of point reads,
    /// never a scan.
    fn load_selected(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        self.scroll = 0;
        self.detail = match self.selected_id() {
            Some(id) => Detail::load(ctx.store, id)?,
            None => None,
        };
        Ok(())
    }

    fn set_pane(&mut self, pane: Pane, ctx: &Ctx) -> Result<(), StoreError> {
        self.pane = pane;
        self.load_selected(ctx)
    }

    /// Up/Down/PgUp/PgDn/Home/End scroll the detail pane.
    fn scroll_pane(&mut self, action: Action) -> Option<Effect> {
        let page = self.page.get().max(1);
        let last = self.pane_len().saturating_sub(1);
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => (self.scroll + 1).min(last),
            Action::PageUp => self.scroll.saturating_sub(page),
            Action::PageDown => (self.scroll + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return None,
        };
        Some(Effect::None)
    }

    fn pane_len(&self) -> usize {
        match &self.detail {
            Some(d) => view::detail_lines(self, d, Lang::Vi, true).len(),
            None => 0,
        }
    }
}

impl ScreenState for State {
    fn title(&self) -> Ui {
        Ui::Households
    }

    fn typing(&self) -> bool {
        self.filter_open()
    }

    fn type_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Result<Effect, StoreError> {
        self.filter_key(key, ctx)
    }

    fn keys(&self) -> &'static [Binding] {
        ALL_KEYS
    }

    /// Brings the list up to date, keeping the selection on the same
    /// household (or at the same place if it is gone). After a few writes
    /// only the households they touched are read again (found in the audit
    /// log); otherwise the list is rebuilt in one pass over the store.
    fn refresh(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        self.obey(ctx);
        let keep = self.selected_id();
        self.catalog = ctx.commune.catalog.clone();
        let (changed, newest) = match self.seen {
            Some(seen) => table::changed_since(ctx.store, seen)?,
            None => (None, ctx.store.newest_audit()?),
        };
        self.seen = newest;
        // The selected household, read first when it changed: its row is
        // built from its detail rather than read twice.
        let fresh = match (&changed, keep) {
            (Some(changed), Some(id)) if changed.households.contains(&id) => self.fresh_detail(ctx, changed, id)?,
            _ => None,
        };
        match changed {
            Some(c) => self.table.update(ctx.store, &self.hamlets, self.year, &c.households, fresh.as_ref())?,
            None => {
                self.hamlets = table::hamlets(ctx.store)?;
                self.table = Table::load(ctx.store, &self.hamlets, self.year)?;
            }
        }
        if self.filters.hamlet.is_some_and(|id| !self.hamlets.iter().any(|h| h.id == id)) {
            self.filters.hamlet = None;
        }
        self.table.sort(self.filters.sort, &self.hamlets);
        self.refilter();
        self.selected = keep.and_then(|id| self.table.position(id)).unwrap_or(self.selected);
        self.clamp();
        match fresh.filter(|d| Some(d.household.id) == self.selected_id()) {
            Some(detail) => {
                self.scroll = 0;
                self.detail = Some(detail);
                Ok(())
            }
            None => self.load_selected(ctx),
        }
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Result<Effect, StoreError> {
        if self.pane != Pane::List
            && let Some(effect) = self.scroll_pane(action)
        {
            return Ok(effect);
        }
        let page = self.page.get().max(1);
        match action {
            Action::Up => self.move_to(self.selected.saturating_sub(1), ctx)?,
            Action::Down => self.move_to(self.selected + 1, ctx)?,
            Action::PageUp => self.move_to(self.selected.saturating_sub(page), ctx)?,
            Action::PageDown => self.move_to(self.selected + page, ctx)?,
            Action::Top => self.move_to(0, ctx)?,
            Action::Bottom => self.move_to(self.table.len().saturating_sub(1), ctx)?,
            Action::Open => self.set_pane(if self.pane == Pane::List { Pane::Detail } else { Pane::List }, ctx)?,
            Action::History => return Ok(self.history(ctx.lang)),
            Action::Back => return self.back(ctx),
            Action::New => return self.new_household(ctx),
            Action::Edit => return self.with_selected(ctx, |_, id| Ok(FormKind::Household(Some(id)))),
            Action::Delete => return Ok(self.delete(ctx.lang)),
            Action::Households(n) => return self.screen_action(n, ctx),
            _ => {}
        }
        Ok(Effect::None)
    }

    /// Opens the household found by the quick lookup (or the household of a
    /// commitment), clearing the filters if they hide it; or lists the
    /// households of a hamlet (Enter on the dashboard's coverage bars).
    fn show(&mut self, target: Target, ctx: &Ctx) -> Result<(), StoreError> {
        let id = match target.kind {
            EntityKind::Hamlet => return self.show_hamlet(target.id, ctx),
            EntityKind::Household => target.id,
            EntityKind::Commitment => match ctx.store.get::<Commitment>(target.id)? {
                Some(c) => c.household,
                None => return Ok(()),
            },
            _ => return Ok(()),
        };
        if !self.table.contains(id) {
            self.refresh(ctx)?;
        }
        if self.table.position(id).is_none() {
            self.filters = Filters { sort: self.filters.sort, ..Filters::default() };
            self.search = None;
            self.refilter();
            self.save_prefs();
        }
        if let Some(at) = self.table.position(id) {
            self.selected = at;
            self.center();
            self.load_selected(ctx)?;
            self.pane = Pane::Detail;
            self.scroll = 0;
        }
        Ok(())
    }

    /// Households, their people and their commitments (the selected
    /// household's hamlet for a commitment).
    fn needs(&self, action: Action, _grant: &Grant) -> Option<Access> {
        let hamlet = self.table.get(self.selected).and_then(|r| self.hamlets.get(usize::from(r.hamlet))).map(|h| h.id);
        match action {
            Action::New | Action::Edit | Action::Delete | Action::Households(HouseholdAction::Import) => {
                Some(Access::WriteHousehold)
            }
            Action::Households(
                HouseholdAction::Sign
                | HouseholdAction::Commit
                | HouseholdAction::Refuse
                | HouseholdAction::Violation
                | HouseholdAction::DeleteCommitment,
            ) => Some(Access::WriteCommitment { hamlet }),
            _ => None,
        }
    }

    fn unmasked(&self) -> Vec<AccessEvent> {
        match (&self.detail, self.pane, self.masked) {
            (Some(d), Pane::Detail, false) => d.unmasked(),
            _ => Vec::new(),
        }
    }

    fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        view::render(self, lang, area, buf);
    }
}
