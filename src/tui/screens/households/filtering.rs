//! Narrowing the table: the search line typed letter by letter, the hamlet
//! chooser, the status filter and sort order, the year shown, and Esc to
//! clear them. Every change here works on the rows in memory; only a new
//! year reads the store again.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use super::table::Filters;
use super::{Ctx, Effect, PREFS_KEY, Pane, Picker, ScreenState, State, year_of};
use crate::domain::Id;
use crate::i18n::households::HouseholdsText as T;
use crate::store::StoreError;
use crate::tui::prefs;

impl State {
    /// The raw keys of the search line and the hamlet chooser while one is
    /// open; the app asks `typing()` first.
    pub(super) fn filter_open(&self) -> bool {
        self.search.is_some() || self.picker.is_some()
    }

    pub(super) fn filter_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Result<Effect, StoreError> {
        if self.picker.is_some() {
            return self.picker_key(key, ctx);
        }
        let Some(input) = self.search.as_mut() else { return Ok(Effect::None) };
        match key.code {
            KeyCode::Enter => {
                self.search = None;
                self.save_prefs();
            }
            KeyCode::Esc => {
                self.search = None;
                self.filters.text.clear();
                self.apply_filters(ctx)?;
            }
            KeyCode::Up => self.move_to(self.selected.saturating_sub(1), ctx)?,
            KeyCode::Down => self.move_to(self.selected + 1, ctx)?,
            KeyCode::PageUp => self.move_to(self.selected.saturating_sub(self.page.get()), ctx)?,
            KeyCode::PageDown => self.move_to(self.selected + self.page.get(), ctx)?,
            _ => {
                if input.handle_event(&Event::Key(key)).is_some_and(|c| c.value) {
                    self.filters.text = input.value().to_string();
                    let keep = self.selected_id();
                    self.table.search(&self.applied(), &self.hamlets);
                    self.after_filter(keep, ctx)?;
                }
            }
        }
        Ok(Effect::None)
    }

    /// Esc: back to the table, then clear the filters and sort order.
    pub(super) fn back(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        if self.pane != Pane::List {
            self.pane = Pane::List;
            return Ok(Effect::None);
        }
        if self.filters.is_default() {
            return Ok(Effect::None);
        }
        let keep = self.selected_id();
        self.filters = Filters::default();
        self.table.sort(self.filters.sort, &self.hamlets);
        self.refilter();
        self.save_prefs();
        self.after_filter(keep, ctx)?;
        Ok(Effect::Status(T::FiltersCleared.get(ctx.lang).to_string()))
    }

    /// The filters as applied: a hamlet head's own hamlet, always.
    pub(super) fn applied(&self) -> Filters {
        match self.only {
            Some(hamlet) => Filters { hamlet: Some(hamlet), ..self.filters.clone() },
            None => self.filters.clone(),
        }
    }

    pub(super) fn refilter(&mut self) {
        self.table.filter(&self.applied(), &self.hamlets);
        (self.counts, self.moved) = self.table.counts();
    }

    /// After the filters changed: same household selected if it is still
    /// listed, else the first row.
    pub(super) fn after_filter(&mut self, keep: Option<Id>, ctx: &Ctx) -> Result<(), StoreError> {
        (self.counts, self.moved) = self.table.counts();
        self.selected = keep.and_then(|id| self.table.position(id)).unwrap_or(0);
        self.center();
        if self.selected_id() != keep { self.load_selected(ctx) } else { Ok(()) }
    }

    /// The households of one hamlet, first row selected: that hamlet's
    /// filter alone (no status or text filter to hide some), sort kept.
    pub(super) fn show_hamlet(&mut self, hamlet: Id, ctx: &Ctx) -> Result<(), StoreError> {
        if !self.hamlets.iter().any(|h| h.id == hamlet) {
            self.seen = None;
            self.refresh(ctx)?;
        }
        self.filters = Filters { hamlet: Some(hamlet), sort: self.filters.sort, ..Filters::default() };
        self.search = None;
        self.picker = None;
        self.pane = Pane::List;
        self.refilter();
        self.save_prefs();
        self.selected = 0;
        self.first.set(0);
        self.load_selected(ctx)
    }

    pub(super) fn apply_filters(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        let keep = self.selected_id();
        self.refilter();
        self.save_prefs();
        self.after_filter(keep, ctx)
    }

    pub(super) fn save_prefs(&self) {
        prefs::save(&self.dir, PREFS_KEY, &self.filters);
    }

    pub(super) fn pick_options(&self, picker: &mut Picker) {
        let folded = crate::domain::text::fold(picker.input.value());
        picker.options = std::iter::once(None)
            .filter(|_| folded.is_empty())
            .chain(
                self.hamlets
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| h.key.contains(&folded) && self.only.is_none_or(|id| id == h.id))
                    .map(|(i, _)| Some(i)),
            )
            .collect();
        let current = self.filters.hamlet.and_then(|id| self.hamlets.iter().position(|h| h.id == id));
        picker.selected = if picker.input.value().is_empty() {
            picker.options.iter().position(|o| *o == current).unwrap_or(0)
        } else {
            0
        };
    }

    pub(super) fn picker_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Result<Effect, StoreError> {
        let Some(mut picker) = self.picker.take() else { return Ok(Effect::None) };
        let last = picker.options.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc => return Ok(Effect::None),
            KeyCode::Enter => {
                if let Some(choice) = picker.options.get(picker.selected) {
                    self.filters.hamlet = choice.and_then(|i| self.hamlets.get(i)).map(|h| h.id);
                    self.apply_filters(ctx)?;
                }
                return Ok(Effect::None);
            }
            KeyCode::Up => picker.selected = picker.selected.saturating_sub(1),
            KeyCode::Down => picker.selected = (picker.selected + 1).min(last),
            KeyCode::PageUp => picker.selected = picker.selected.saturating_sub(10),
            KeyCode::PageDown => picker.selected = (picker.selected + 10).min(last),
            _ => {
                if picker.input.handle_event(&Event::Key(key)).is_some_and(|c| c.value) {
                    self.pick_options(&mut picker);
                }
            }
        }
        self.picker = Some(picker);
        Ok(Effect::None)
    }

    pub(super) fn change_year(&mut self, next: bool, ctx: &Ctx) -> Result<Effect, StoreError> {
        let max = year_of(ctx.today) + 1;
        let year = if next { self.year + 1 } else { self.year.saturating_sub(1) };
        if !(2000..=max).contains(&year) {
            return Ok(Effect::None);
        }
        self.year = year;
        // Every row's mark changes: read the list again in full.
        self.seen = None;
        self.refresh(ctx)?;
        Ok(Effect::None)
    }
}
