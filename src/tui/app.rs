//! The application state and the one place it changes: keys become actions,
//! actions become effects, effects are applied here (writes through the
//! store, then "Đã lưu" only once the store has flushed).

pub mod roles;

use std::collections::HashSet;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::form::{Form, FormEvent};
use super::history_overlay::HistoryOverlay;
use super::import::{Choice, Confirmed, DialogEvent, ImportDialog, start_folder};
use super::keymap::{self, GLOBAL};
use super::lookup::{LookupEvent, LookupState};
use super::screens::{
    Ctx, Effect, Screen, ScreenState, Target, dashboard, households, mediation, reports, settings, targets, teams,
};
use super::undo::UndoStack;
use super::write::{self, Closing, Write, Written};
use super::{Action, draft, forms};
use crate::domain::{Commune, EntityKind, Lang, Settings};
use crate::i18n::importing::ImportingText;
use crate::i18n::mediation::MediationText;
use crate::i18n::{self, ui::Ui};
use crate::report::export::words::ExportText;
use crate::store::{Store, StoreError};

mod privacy;

/// What is drawn over the current screen. One at a time, replaced on each
/// key: its size is irrelevant.
#[allow(clippy::large_enum_variant)]
pub enum Overlay {
    None,
    Help,
    Lookup(Box<LookupState>),
    Form(Box<Form>),
    Confirm {
        question: String,
        write: Write,
        /// A second question asked after a yes, before the write (closing
        /// a period that has not ended).
        then: Option<String>,
    },
    /// Esc in a changed form: leave without saving?
    Discard(Box<Form>),
    /// The change history of the selected record (h).
    History(Box<HistoryOverlay>),
    /// Importing a spreadsheet: path, dry-run report, confirmation.
    Import(Box<ImportDialog>),
    /// A form left unfinished by a crash, whose record changed since:
    /// what changed, before the clerk goes on or drops it.
    DraftReview(Box<draft::Review>),
}

/// A file the app writes for a screen once the busy note is drawn.
enum FileJob {
    Report(Box<reports::export::Job>),
    Book(Box<mediation::BookJob>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Good,
    Bad,
}

pub struct App {
    pub store: Store,
    pub lang: Lang,
    pub commune: Commune,
    pub screen: Screen,
    pub dashboard: dashboard::State,
    pub households: households::State,
    pub teams: teams::State,
    pub mediation: mediation::State,
    pub reports: reports::State,
    pub settings: settings::State,
    pub targets: targets::State,
    pub overlay: Overlay,
    pub status: Option<(String, Tone)>,
    /// First line shown in the help overlay.
    pub help_scroll: usize,
    /// A screen to refresh once the busy note has been drawn.
    deferred: Option<Screen>,
    /// A report or book to write once the busy note has been drawn.
    exporting: Option<FileJob>,
    /// The change groups Ctrl+Z and Ctrl+Y take back; the store undoes.
    undo_stack: UndoStack,
    /// Screens to refresh before they are next shown.
    stale: HashSet<Screen>,
    pub quit: bool,
    /// Ctrl+C in a changed form asked whether to leave it: a yes quits.
    quit_after_discard: bool,
    /// The folder of the last file imported, where the next import starts.
    import_folder: Option<std::path::PathBuf>,
    /// Who is signed in and what they may do (the single clerk of a
    /// ledger without operators may do everything).
    pub grant: crate::domain::access::Grant,
    /// When the idle lock comes (`tui::idle`).
    pub(super) idle: super::idle::Idle,
    /// The lock screen, shown instead of everything while it is set.
    pub(super) lock: Option<Box<super::signin::SignIn>>,
    /// The grant the screens were last read for (`roles::adopt_grant`).
    applied: crate::domain::access::Grant,
    /// The personal numbers shown in full and logged (`roles::log_unmasked`).
    unmasked: Vec<crate::domain::operator::AccessEvent>,
    /// A compaction offered after the daily copy, and accepted (`tui::compact`).
    pub compact: super::compact::Offer,
    /// More keys were already waiting when this one was read: the lookup
    /// box searches once they are all in (`LookupState::defer`).
    pub typed_ahead: bool,
}

impl App {
    pub fn new(store: Store, lang: Lang) -> Result<App, StoreError> {
        let commune = store.commune()?.unwrap_or_else(|| Commune::new("", ""));
        let ctx = Ctx::new(&store, lang, &commune);
        let app_screens = (
            dashboard::State::new(&ctx)?,
            households::State::new(&ctx)?,
            teams::State::unloaded(&ctx),
            mediation::State::unloaded(&ctx),
            reports::State::new(&ctx)?,
            settings::State::new(&ctx)?,
        );
        // A new ledger starts where the commune and its hamlets are entered.
        let first = if commune.name.is_empty() { Screen::Settings } else { Screen::Dashboard };
        let grant = crate::domain::access::Grant::single_clerk(store.operator());
        let idle = super::idle::Idle::new(&store);
        let mut app = App {
            dashboard: app_screens.0,
            households: app_screens.1,
            teams: app_screens.2,
            mediation: app_screens.3,
            reports: app_screens.4,
            settings: app_screens.5,
            targets: targets::State::unloaded(),
            store,
            lang,
            commune,
            screen: first,
            overlay: Overlay::None,
            status: None,
            help_scroll: 0,
            applied: grant.clone(),
            unmasked: Vec::new(),
            grant,
            deferred: None,
            exporting: None,
            undo_stack: UndoStack::default(),
            // Every screen but the first is refreshed when first shown, so a
            // screen may leave costly loading (100,000 households) out of
            // `new` and keep the first screen quick to draw.
            stale: Screen::ALL.into_iter().filter(|s| *s != first).collect(),
            quit: false,
            quit_after_discard: false,
            import_folder: None,
            idle,
            lock: None,
            compact: super::compact::Offer::default(),
            typed_ahead: false,
        };
        app.recover_draft();
        Ok(app)
    }

    pub fn ctx(&self) -> Ctx<'_> {
        Ctx::new(&self.store, self.lang, &self.commune).with_grant(&self.grant)
    }

    /// The one dispatch over the screens: the state of `screen`, with the
    /// context it reads borrowed beside it (the commune is never cloned).
    fn screen_mut(&mut self, screen: Screen) -> (&mut dyn ScreenState, Ctx<'_>) {
        let ctx = Ctx::new(&self.store, self.lang, &self.commune).with_grant(&self.grant);
        let state: &mut dyn ScreenState = match screen {
            Screen::Dashboard => &mut self.dashboard,
            Screen::Households => &mut self.households,
            Screen::Teams => &mut self.teams,
            Screen::Mediation => &mut self.mediation,
            Screen::Reports => &mut self.reports,
            Screen::Settings => &mut self.settings,
            Screen::Targets => &mut self.targets,
        };
        (state, ctx)
    }

    /// The state of `screen`, to draw it or read its keys.
    pub fn screen_state(&self, screen: Screen) -> &dyn ScreenState {
        match screen {
            Screen::Dashboard => &self.dashboard,
            Screen::Households => &self.households,
            Screen::Teams => &self.teams,
            Screen::Mediation => &self.mediation,
            Screen::Reports => &self.reports,
            Screen::Settings => &self.settings,
            Screen::Targets => &self.targets,
        }
    }

    /// Called when no key came for a while: the idle lock may come, and
    /// the dashboard's privacy lines follow whoever is signed in now.
    pub fn tick(&mut self) {
        self.lock_if_idle();
        self.privacy_notes(false);
    }

    /// Feeds one key press to whatever has the focus.
    pub fn on_key(&mut self, key: KeyEvent) {
        self.idle.touch();
        if self.lock.is_some() {
            self.on_lock_key(key);
            return;
        }
        self.adopt_grant();
        if !self.report_waits() {
            self.settle();
        }
        if keymap::is_interrupt(&key) {
            self.interrupt();
            return;
        }
        self.on_any_key(key);
        self.log_unmasked();
    }

    fn on_any_key(&mut self, key: KeyEvent) {
        if matches!(self.overlay, Overlay::None) && super::compact::on_key(self, &key) {
            return;
        }
        let overlay = std::mem::replace(&mut self.overlay, Overlay::None);
        self.overlay = match overlay {
            Overlay::None => {
                self.on_screen_key(key);
                return;
            }
            Overlay::Help => {
                let step = match key.code {
                    KeyCode::Esc | KeyCode::Char('?') | KeyCode::F(1) | KeyCode::Char('q') => {
                        self.help_scroll = 0;
                        return;
                    }
                    KeyCode::Down => 1,
                    KeyCode::PageDown => 10,
                    KeyCode::Up => -1,
                    KeyCode::PageUp => -10,
                    KeyCode::Home => -1000,
                    _ => 0,
                };
                self.help_scroll = self.help_scroll.saturating_add_signed(step);
                Overlay::Help
            }
            Overlay::Lookup(state) => self.on_lookup_key(state, key),
            Overlay::History(mut changes) => {
                if changes.handle(key) {
                    return;
                }
                Overlay::History(changes)
            }
            Overlay::Form(form) => self.on_form_key(form, key),
            Overlay::Confirm { question, write, then } => match (yes_no(key), then) {
                (Some(true), Some(again)) => Overlay::Confirm { question: again, write, then: None },
                (Some(true), None) => {
                    self.apply_write(write, None);
                    return;
                }
                (Some(false), _) => Overlay::None,
                (None, then) => Overlay::Confirm { question, write, then },
            },
            Overlay::Import(mut dialog) => match dialog.handle(key) {
                DialogEvent::Stay => Overlay::Import(dialog),
                DialogEvent::Close => Overlay::None,
            },
            Overlay::DraftReview(review) => match yes_no(key) {
                Some(true) => Overlay::Form(draft::accept(&self.store, *review)),
                Some(false) => {
                    draft::clear(&self.store);
                    self.status = Some((Ui::DraftDropped.get(self.lang).to_string(), Tone::Info));
                    Overlay::None
                }
                None => Overlay::DraftReview(review),
            },
            Overlay::Discard(form) => match yes_no(key) {
                Some(true) => {
                    draft::clear(&self.store);
                    self.quit = std::mem::take(&mut self.quit_after_discard);
                    Overlay::None
                }
                Some(false) => {
                    self.quit_after_discard = false;
                    Overlay::Form(form)
                }
                None => Overlay::Discard(form),
            },
        };
    }

    /// Ctrl+C quits from anywhere, as `q` does on a screen: a changed form
    /// first asks whether to leave it unsaved (a yes then quits), and the
    /// question itself stays until answered.
    fn interrupt(&mut self) {
        let overlay = std::mem::replace(&mut self.overlay, Overlay::None);
        self.overlay = match overlay {
            Overlay::Form(form) if form.dirty => {
                self.quit_after_discard = true;
                Overlay::Discard(form)
            }
            Overlay::Discard(form) => Overlay::Discard(form),
            Overlay::Form(_) => {
                draft::clear(&self.store);
                self.quit = true;
                Overlay::None
            }
            _ => {
                self.quit = true;
                Overlay::None
            }
        };
    }

    fn on_screen_key(&mut self, key: KeyEvent) {
        if let Some(result) = self.screen_text_key(key) {
            match result {
                Ok(effect) => self.apply(effect),
                Err(e) => self.fail(&e),
            }
            return;
        }
        let tables = [self.screen_keys(), GLOBAL];
        if let Some(action) = keymap::resolve(&tables, &key) {
            match self.permits(action) {
                Ok(()) => self.update(action),
                Err(refusal) => self.refuse(&refusal),
            }
        }
    }

    /// A screen with its own text line open (a filter being typed, a
    /// chooser) reads raw keys before the key tables: letters are text
    /// there, not commands. `None` when the screen is not typing.
    fn screen_text_key(&mut self, key: KeyEvent) -> Option<Result<Effect, StoreError>> {
        let (state, ctx) = self.screen_mut(self.screen);
        let result = state.typing().then(|| state.type_key(key, &ctx))?;
        self.status = None;
        Some(result)
    }

    /// The keys of the current screen, for resolving and for hints.
    pub fn screen_keys(&self) -> &'static [keymap::Binding] {
        self.screen_state(self.screen).keys()
    }

    /// Applies one action: the only place app state changes.
    pub fn update(&mut self, action: Action) {
        self.status = None;
        let result = match action {
            Action::Quit => {
                self.quit = true;
                Ok(Effect::None)
            }
            Action::Goto(screen) => Ok(Effect::Goto(screen)),
            Action::Help => {
                self.overlay = Overlay::Help;
                Ok(Effect::None)
            }
            Action::Lookup => {
                self.overlay = Overlay::Lookup(Box::default());
                Ok(Effect::None)
            }
            Action::Undo => self.undo(true),
            Action::Redo => self.undo(false),
            other => self.screen_handle(other),
        };
        match result {
            Ok(effect) => self.apply(effect),
            Err(e) => self.fail(&e),
        }
    }

    fn screen_handle(&mut self, action: Action) -> Result<Effect, StoreError> {
        let (state, ctx) = self.screen_mut(self.screen);
        state.handle(action, &ctx)
    }

    fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::None => {}
            Effect::Status(text) => self.status = Some((text, Tone::Info)),
            Effect::Form(mut form) => {
                // Labels and following fields as the form's selects say,
                // whichever way the screen built or preset it.
                form.settle();
                self.log_form(&form);
                self.overlay = Overlay::Form(form);
            }
            Effect::Confirm { question, write } => self.overlay = Overlay::Confirm { question, write, then: None },
            Effect::ConfirmTwice { first, then, write } => {
                self.overlay = Overlay::Confirm { question: first, write, then: Some(then) }
            }
            Effect::Write(write) => self.apply_write(write, None),
            Effect::Goto(screen) => {
                self.show_screen(screen);
            }
            Effect::Export(job) => {
                self.status = Some((ExportText::Exporting.get(self.lang).to_string(), Tone::Info));
                self.exporting = Some(FileJob::Report(job));
            }
            Effect::Book(job) => {
                self.status = Some((MediationText::BookWriting.get(self.lang).to_string(), Tone::Info));
                self.exporting = Some(FileJob::Book(job));
            }
            Effect::Open { screen, target } => self.open_in(screen, target),
            Effect::History { title, records } => {
                let records: Vec<_> = records.iter().map(|t| (t.kind, t.id)).collect();
                match crate::history::load(&self.store, self.lang, &records) {
                    Ok(entries) => {
                        self.overlay = Overlay::History(Box::new(HistoryOverlay::new(title, &entries, self.lang)))
                    }
                    Err(e) => self.fail(&e),
                }
            }
            Effect::Refresh => self.defer(self.screen),
            Effect::Import(choices) => self.open_import(choices),
            Effect::Access(w) => self.apply_access(w),
        }
    }

    /// The import dialog over the folder of the last import (or where the
    /// ledger is kept); a ledger without its commune sends the clerk to
    /// Settings first, as the command line does (`soxa init`).
    fn open_import(&mut self, choices: &'static [Choice]) {
        if self.commune.name.is_empty() {
            self.status = Some((ImportingText::NeedCommune.get(self.lang).to_string(), Tone::Bad));
            self.show_screen(Screen::Settings);
            return;
        }
        let folder = self.import_folder.clone().unwrap_or_else(|| start_folder(self.store.dir()));
        self.overlay = Overlay::Import(Box::new(ImportDialog::new(choices, &folder)));
    }

    /// Shows a screen. A screen that must reload first (another screen
    /// wrote meanwhile) is refreshed after one frame has shown "working", so
    /// a slow reload at 100,000 households never looks like a frozen window.
    /// A screen the role may not read is refused in one sentence: the
    /// current screen stays (false).
    fn show_screen(&mut self, screen: Screen) -> bool {
        if let Err(refusal) = self.may_read(screen) {
            self.refuse(&refusal);
            return false;
        }
        self.screen = screen;
        if self.stale.remove(&screen) {
            self.defer(screen);
        }
        true
    }

    /// Shows `first` and reads every screen again (another operator
    /// signed in at the lock).
    pub(super) fn reload_all(&mut self, first: Screen) {
        self.stale.extend(Screen::ALL);
        self.show_screen(first);
    }

    /// Reloads `screen` after the next frame, which shows "working". A
    /// reload still waiting for another screen waits for that one to be
    /// shown again instead.
    fn defer(&mut self, screen: Screen) {
        if let Some(other) = self.deferred.replace(screen).filter(|s| *s != screen) {
            self.stale.insert(other);
        }
        self.status = Some((Ui::Busy.get(self.lang).to_string(), Tone::Info));
    }

    /// A period the Reports screen has still to compute does not hold up
    /// the next key for it: that key may choose another period, and only
    /// the last one chosen is computed.
    fn report_waits(&self) -> bool {
        self.deferred == Some(Screen::Reports)
            && self.screen == Screen::Reports
            && matches!(self.overlay, Overlay::None)
            && self.reports.waiting()
    }

    /// Finishes what keys typed ahead left for later (the lookup box's
    /// search), before a frame shows it.
    pub fn catch_up(&mut self) {
        if let Overlay::Lookup(state) = &mut self.overlay
            && let Err(e) = state.settle(&self.store, self.lang, &self.grant)
        {
            self.fail(&e);
        }
    }

    /// True while a reload, an export or an import's read or write waits
    /// for the next frame.
    pub fn busy(&self) -> bool {
        self.deferred.is_some()
            || self.exporting.is_some()
            || matches!(&self.overlay, Overlay::Import(d) if d.pending())
    }

    /// Runs the reload `show_screen` put off (the event loop calls this
    /// right after drawing; a key press calls it first too).
    pub fn settle(&mut self) {
        match self.exporting.take() {
            Some(FileJob::Report(job)) => self.run_export(&job),
            Some(FileJob::Book(job)) => self.run_book(&job),
            None => {}
        }
        if let Overlay::Import(dialog) = &mut self.overlay
            && let Some(confirmed) = dialog.settle(&self.store, self.lang)
        {
            self.overlay = Overlay::None;
            self.write_import(confirmed);
        }
        let Some(screen) = self.deferred.take() else { return };
        if self.status.as_ref().is_some_and(|(text, _)| text == Ui::Busy.get(self.lang)) {
            self.status = None;
        }
        if let Err(e) = self.refresh(screen) {
            self.fail(&e);
        }
    }

    /// Writes the report file and says where it went (or why not).
    fn run_export(&mut self, job: &reports::export::Job) {
        let result = job.run(&self.ctx());
        self.status = Some(match self.reports.export_done(result, self.lang) {
            Ok(text) => (text, Tone::Good),
            Err(text) => (text, Tone::Bad),
        });
    }

    /// Writes the mediation book and says where it went (or why not).
    fn run_book(&mut self, job: &mediation::BookJob) {
        let result = job.run(&self.ctx());
        self.status = Some(match self.mediation.book_done(result, self.lang) {
            Ok(text) => (text, Tone::Good),
            Err(text) => (text, Tone::Bad),
        });
    }

    fn refresh(&mut self, screen: Screen) -> Result<(), StoreError> {
        let (state, ctx) = self.screen_mut(screen);
        state.refresh(&ctx)
    }

    /// After a write: the current screen now, the others when next shown.
    /// The commune is read again only when the write touched it.
    fn after_write(&mut self, touched: Touched) -> Result<(), StoreError> {
        if touched.commune {
            let before = self.commune.settings.clone();
            self.commune = self.store.commune()?.unwrap_or_else(|| self.commune.clone());
            self.adopt_settings(&before);
        }
        self.stale.extend(touched.screens().iter().filter(|s| **s != self.screen));
        self.refresh(self.screen)
    }

    /// A change of the commune's language or operator (a save in Settings,
    /// or its undo) applies at once; a `--lang` given at start holds until
    /// the language setting itself changes.
    fn adopt_settings(&mut self, before: &Settings) {
        let now = &self.commune.settings;
        if now.language != before.language {
            self.lang = now.language;
        }
        // With operators, the audit log names the one signed in, whatever
        // the setting says.
        let signed_in = self.store.has_operators().unwrap_or(false);
        if now.operator != before.operator && !now.operator.is_empty() && !signed_in {
            self.store.set_operator(&now.operator);
        }
    }

    /// Writes through the store. On success the form (if any) closes and the
    /// status says saved; on refusal the form stays open with its errors.
    fn apply_write(&mut self, w: Write, form: Option<Box<Form>>) {
        match self.write_refused(&w) {
            Ok(None) => {}
            Ok(Some(refusal)) => {
                // Nothing typed is lost: the form stays open.
                if let Some(form) = form {
                    self.overlay = Overlay::Form(form);
                }
                self.refuse(&refusal);
                return;
            }
            Err(e) => {
                self.fail(&e);
                return;
            }
        }
        if let Write::Closing(c) = w {
            self.apply_closing(c);
            return;
        }
        if let Write::Privacy(p) = w {
            self.apply_privacy(p, form);
            return;
        }
        let deleting = matches!(w, Write::Delete(..));
        let creating = w.creates();
        let before = self.store.last_group();
        match write::apply(&self.store, w) {
            Ok(written) => {
                draft::clear(&self.store);
                self.push_undo(before);
                if let Err(e) = self.after_write(Touched::by(written)) {
                    self.fail(&e);
                    return;
                }
                if creating {
                    // What was just added is what the clerk works on next.
                    self.open(Target { kind: written.kind, id: written.id });
                }
                let said = if deleting { Ui::Deleted } else { Ui::Saved };
                self.status = Some((said.get(self.lang).to_string(), Tone::Good));
            }
            Err(e) => self.keep_form(form, &e),
        }
    }

    /// A write refused or failed: the form it came from stays open (nothing
    /// typed is lost), with each field's error when the record was refused.
    pub(super) fn keep_form(&mut self, form: Option<Box<Form>>, e: &StoreError) {
        match (e, form) {
            (StoreError::Invalid(errors), Some(mut form)) => {
                form.set_errors(self.lang, errors);
                self.overlay = Overlay::Form(form);
                self.status = Some((Ui::FixErrors.get(self.lang).to_string(), Tone::Bad));
            }
            (e, form) => {
                if let Some(form) = form {
                    self.overlay = Overlay::Form(form);
                }
                self.fail(e);
            }
        }
    }

    /// Closing or reopening a period changes no record: nothing to undo,
    /// nothing to reload but the closed figures the Reports screen shows
    /// and the Dashboard's due line, which says which reports are closed.
    fn apply_closing(&mut self, c: Closing) {
        let period = c.period();
        let reopening = matches!(c, Closing::Reopen(..));
        match write::apply(&self.store, Write::Closing(c)) {
            Ok(_) => {
                if self.screen != Screen::Dashboard {
                    self.stale.insert(Screen::Dashboard);
                }
                let ctx = Ctx::new(&self.store, self.lang, &self.commune);
                self.reports.reload_closing(&ctx);
                let said = reports::closing_said(&ctx, &period, reopening);
                self.status = Some((said, Tone::Good));
            }
            Err(e) => self.fail(&e),
        }
    }

    /// Writes a confirmed import (creating the hamlets its report named),
    /// records it as one change for Ctrl+Z, then writes the refused rows
    /// beside the file.
    fn write_import(&mut self, Confirmed { path, import }: Confirmed) {
        let (kind, lang) = (import.kind(), self.lang);
        self.import_folder = path.parent().filter(|p| p.is_dir()).map(std::path::Path::to_path_buf);
        let rejects = import.rejects();
        let written = match import.write(&self.store, true, &mut |_, _| {}) {
            Ok(w) => w,
            Err(e) => {
                self.status = Some((crate::import::words::error(lang, &e), Tone::Bad));
                return;
            }
        };
        if let Some(group) = written.group {
            self.undo_stack.push(group);
        }
        // An import writes hamlets, households, commitments, members: it
        // never touches the commune profile.
        if let Err(e) = self.after_write(Touched { commune: false, kind: None }) {
            self.fail(&e);
            return;
        }
        let file = match rejects.write(&path, lang) {
            Ok(file) => file,
            Err(e) => {
                self.status = Some((crate::import::words::error(lang, &e), Tone::Bad));
                return;
            }
        };
        let refused = rejects.rejected.len();
        let said =
            crate::import::words::imported(lang, written.created, written.updated, kind, refused, file.as_deref());
        self.status = Some((said, Tone::Good));
    }

    fn on_form_key(&mut self, mut form: Box<Form>, key: KeyEvent) -> Overlay {
        match form.handle(key) {
            FormEvent::Submit => {
                let ctx = self.ctx();
                match forms::submit(&form, &ctx) {
                    Ok(w) => self.apply_write(w, Some(form)),
                    Err(errors) => {
                        form.set_errors(self.lang, &errors);
                        self.status = Some((Ui::FixErrors.get(self.lang).to_string(), Tone::Bad));
                        self.overlay = Overlay::Form(form);
                    }
                }
                std::mem::replace(&mut self.overlay, Overlay::None)
            }
            FormEvent::Cancel if form.dirty => Overlay::Discard(form),
            FormEvent::Cancel => {
                draft::clear(&self.store);
                Overlay::None
            }
            FormEvent::Edited => {
                draft::keep(&self.store, &mut form);
                Overlay::Form(form)
            }
            FormEvent::Moved | FormEvent::Ignored => Overlay::Form(form),
        }
    }

    fn on_lookup_key(&mut self, mut state: Box<LookupState>, key: KeyEvent) -> Overlay {
        state.defer = self.typed_ahead;
        match state.handle(key, &self.store, self.lang, &self.grant) {
            Ok(LookupEvent::Close) => Overlay::None,
            Ok(LookupEvent::Open(target)) => {
                self.open(target);
                std::mem::replace(&mut self.overlay, Overlay::None)
            }
            Ok(LookupEvent::Stay) => Overlay::Lookup(state),
            Err(e) => {
                self.fail(&e);
                Overlay::Lookup(state)
            }
        }
    }

    /// Shows a record found by the lookup in its own screen.
    fn open(&mut self, target: Target) {
        self.open_in(Screen::of(target.kind), target);
    }

    /// Shows `target` in `screen` (the Households screen shows a hamlet as
    /// its households).
    fn open_in(&mut self, screen: Screen, target: Target) {
        if !self.show_screen(screen) {
            return;
        }
        // The record is chosen in the screen's fresh state.
        self.settle();
        let (state, ctx) = self.screen_mut(screen);
        if let Err(e) = state.show(target, &ctx) {
            self.fail(&e);
        }
    }

    /// Puts the change group a write just made on the undo stack (a write
    /// that changed nothing made none: the store's last group is the same).
    fn push_undo(&mut self, before: Option<crate::domain::Id>) {
        if let Some(group) = self.store.last_group().filter(|g| Some(*g) != before) {
            self.undo_stack.push(group);
        }
    }

    fn undo(&mut self, back: bool) -> Result<Effect, StoreError> {
        if let Some(group) = self.undo_stack.next(back)
            && let Some(refusal) = self.undo_refused(group)?
        {
            self.refuse(&refusal);
            return Ok(Effect::None);
        }
        let stack = &mut self.undo_stack;
        let done = if back { stack.undo(&self.store)? } else { stack.redo(&self.store)? };
        let said = match (back, &done) {
            (_, Some(change)) => i18n::ui::undone(self.lang, back, change.as_ref().map(|c| c.words())),
            (true, None) => Ui::NothingToUndo.get(self.lang).to_string(),
            (false, None) => Ui::NothingToRedo.get(self.lang).to_string(),
        };
        if done.is_some() {
            // Any group may hold a change of the commune (a settings save).
            self.after_write(Touched::ANY)?;
        }
        Ok(Effect::Status(said))
    }

    fn fail(&mut self, e: &StoreError) {
        self.status = Some((i18n::store_error(self.lang, e), Tone::Bad));
    }

    /// Offers back a form left unfinished by a crash or power cut, once it
    /// is checked against the ledger as it is now (`tui::draft`).
    fn recover_draft(&mut self) {
        let ctx = self.ctx();
        let Some(recovered) = draft::recover(&self.store, |kind| forms::build(kind, &ctx)) else { return };
        let (overlay, said, tone) = match recovered {
            draft::Recovered::Form(form) => (Overlay::Form(form), Ui::DraftRecovered, Tone::Info),
            draft::Recovered::Review(review) => {
                (Overlay::DraftReview(Box::new(review)), Ui::DraftChangedTitle, Tone::Bad)
            }
            draft::Recovered::Dropped(why) => (Overlay::None, why, Tone::Bad),
        };
        self.overlay = overlay;
        self.status = Some((said.get(self.lang).to_string(), tone));
    }
}

/// What a write touched, so that only what shows it is read again.
#[derive(Clone, Copy, Debug)]
struct Touched {
    /// The commune profile and settings, which the app keeps a copy of.
    commune: bool,
    /// The one kind of record written, when that is known.
    kind: Option<EntityKind>,
}

impl Touched {
    /// Anything: an undo, an import.
    const ANY: Touched = Touched { commune: true, kind: None };

    fn by(written: Written) -> Touched {
        Touched { commune: written.kind == EntityKind::Commune, kind: Some(written.kind) }
    }

    /// The screens that show what was written (see `Screen::showing`).
    fn screens(self) -> &'static [Screen] {
        self.kind.map_or(&Screen::ALL, Screen::showing)
    }
}

/// c/y = yes, k/n/Esc = no (Vietnamese: có / không).
fn yes_no(key: KeyEvent) -> Option<bool> {
    match key.code {
        KeyCode::Char('c' | 'C' | 'y' | 'Y') | KeyCode::Enter => Some(true),
        KeyCode::Char('k' | 'K' | 'n' | 'N') | KeyCode::Esc => Some(false),
        _ => None,
    }
}
