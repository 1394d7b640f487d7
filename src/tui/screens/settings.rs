//! The Settings screen: the commune's profile and report signers, its
//! hamlets, the catalogs (commitment items; d shows the model kinds, then
//! the criteria of a safe residential area), the rules (team size, overdue days,
//! coverage target), the operator named in the audit log, and the language;
//! u opens the users and the idle lock (`users.rs`), l the access log
//! (`access_log.rs`), both for an administrator only.
//!
//! Sections are listed on the left, the chosen one is shown on the right.
//! Up/Down move in the pane that has the focus; Enter (or →) goes into a list,
//! Esc (or ←) comes back; Tab / Shift+Tab jump between sections. Enter or e
//! edits what is selected, n adds where that makes sense, h shows the change
//! history, i imports a file (the line under the sections says so). On an empty ledger this is where the clerk begins: the Commune
//! section says to press e, and the first save creates the commune.
//!
//! Forms live in `forms.rs`, drawing in `view.rs`; this file holds the state
//! and what each key does to it. Screens never write: every change is a
//! `Write` handed back to the app.

mod access_log;
mod actions;
mod forms;
mod privacy;
#[cfg(test)]
mod tests;
mod users;
mod view;

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

pub use forms::{build_form, submit_form};

use super::{Ctx, Effect, ScreenState, Target};
use crate::domain::access::{Action as Access, Grant};
use crate::domain::{Catalog, CatalogItem, Commune, EntityKind, Hamlet, HamletKind, Id, Lang};
use crate::i18n::importing::ImportingText;
use crate::i18n::retention::RetainText;
use crate::i18n::settings::SettingsText as T;
use crate::i18n::signin::UsersText;
use crate::i18n::ui::Ui;
use crate::store::StoreError;
use crate::tui::Action;
use crate::tui::action::SettingsAction;
use crate::tui::keymap::{self, Binding, Hint, Rank};

/// The interface languages, in the order they are offered.
pub(super) const LANGS: [Lang; 2] = [Lang::Vi, Lang::En];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Commune,
    Hamlets,
    Catalog,
    Rules,
    Language,
    /// How long personal data is kept; erasing what is past it.
    Retention,
    /// The data subjects' requests register.
    Requests,
    /// Operators and the idle lock (`users.rs`).
    Users,
    /// The access log (`access_log.rs`).
    AccessLog,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Commune,
        Section::Hamlets,
        Section::Catalog,
        Section::Rules,
        Section::Language,
        Section::Users,
        Section::AccessLog,
        Section::Retention,
        Section::Requests,
    ];

    /// The commune's page of sections.
    const COMMUNE_PAGE: [Section; 5] =
        [Section::Commune, Section::Hamlets, Section::Catalog, Section::Rules, Section::Language];

    /// The personal-data page (b switches): who signs in, the access log,
    /// how long data is kept, the data subjects' requests.
    const PRIVACY_PAGE: [Section; 4] = [Section::Users, Section::AccessLog, Section::Retention, Section::Requests];

    /// The sections listed beside this one: arrows and Tab move within a page.
    pub(super) fn page(self) -> &'static [Section] {
        if Section::COMMUNE_PAGE.contains(&self) { &Section::COMMUNE_PAGE } else { &Section::PRIVACY_PAGE }
    }

    fn title(self, lang: Lang) -> &'static str {
        let t = match self {
            Section::Commune => T::SecCommune,
            Section::Hamlets => T::SecHamlets,
            Section::Catalog => T::SecCatalog,
            Section::Rules => T::SecRules,
            Section::Language => T::SecLanguage,
            Section::Retention => T::SecRetention,
            Section::Requests => T::SecRequests,
            Section::Users => return UsersText::SecUsers.get(lang),
            Section::AccessLog => return UsersText::SecAccessLog.get(lang),
        };
        t.get(lang)
    }

    fn index(self) -> usize {
        self.page().iter().position(|s| *s == self).unwrap_or(0)
    }

    /// Sections whose content is a list the focus can go into.
    fn has_list(self) -> bool {
        matches!(
            self,
            Section::Hamlets
                | Section::Catalog
                | Section::Language
                | Section::Requests
                | Section::Users
                | Section::AccessLog
        )
    }
}

/// Which pane the arrows move in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Sections,
    Content,
}

/// One hamlet as listed, with how many records use it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HamletRow {
    pub id: Id,
    pub code: String,
    pub name: String,
    pub kind: HamletKind,
    pub households: usize,
    pub teams: usize,
    pub cases: usize,
}

pub struct State {
    pub section: Section,
    pub focus: Focus,
    /// The commune as saved (an empty name: not saved yet).
    pub commune: Commune,
    pub hamlets: Vec<HamletRow>,
    pub hamlet_sel: usize,
    pub item_sel: usize,
    /// The catalog the Catalog section shows (d switches).
    pub catalog: Catalog,
    pub lang_sel: usize,
    /// Whether the hamlets' counts are loaded: counting reads every
    /// household's index entry, so it waits until the screen is used.
    pub counted: bool,
    /// The retention years and the requests register.
    pub privacy: privacy::Privacy,
    /// The operators and the idle lock.
    pub users: users::Users,
    /// The access log, read when the screen is refreshed.
    pub log: access_log::Log,
}

/// Rows moved by PageUp / PageDown.
const PAGE: isize = 10;

const fn own(code: KeyCode, n: SettingsAction, hint: fn(Lang) -> &'static str, footer: Rank) -> Binding {
    Binding { code, mods: KeyModifiers::NONE, action: Action::Settings(n), hint: Some(Hint::Text(hint)), footer }
}

const KEYS: &[Binding] = &[
    keymap::key(KeyCode::Char('n'), Action::New, Ui::New, 7),
    keymap::key(KeyCode::Char('e'), Action::Edit, Ui::Edit, 8),
    own(KeyCode::Tab, SettingsAction::Next, |l| T::NextSection.get(l), 9),
    own(KeyCode::BackTab, SettingsAction::Prev, |l| T::PrevSection.get(l), 0),
    own(KeyCode::Left, SettingsAction::ToSections, |l| T::FocusSections.get(l), 0),
    own(KeyCode::Right, SettingsAction::ToContent, |l| T::FocusContent.get(l), 0),
    own(KeyCode::Char('r'), SettingsAction::Retire, |l| T::RetireKey.get(l), 2),
    own(KeyCode::Char('c'), SettingsAction::Plan, |l| T::PlanKey.get(l), 3),
    own(KeyCode::Char('d'), SettingsAction::NextCatalog, |l| T::NextCatalogKey.get(l), 0),
    own(KeyCode::Char('i'), SettingsAction::Import, |l| ImportingText::KeyImport.get(l), 3),
    own(KeyCode::Char('b'), SettingsAction::Page, |l| T::PageKey.get(l), 0),
    own(KeyCode::Char('p'), SettingsAction::PurgeExpired, |l| RetainText::PurgeExpiredKey.get(l), 0),
    keymap::key(KeyCode::Delete, Action::Delete, Ui::Delete, 1),
    keymap::alias(KeyCode::Char('x'), Action::Delete),
    keymap::key(KeyCode::Char('h'), Action::History, Ui::History, 2),
    // Shown under the sections, as i is.
    keymap::alias(KeyCode::Char('u'), Action::Settings(SettingsAction::Users)),
    keymap::alias(KeyCode::Char('l'), Action::Settings(SettingsAction::AccessLog)),
];

impl State {
    pub fn new(ctx: &Ctx) -> Result<Self, StoreError> {
        let mut state = State {
            section: Section::Commune,
            focus: Focus::Sections,
            commune: ctx.commune.clone(),
            hamlets: Vec::new(),
            hamlet_sel: 0,
            item_sel: 0,
            catalog: Catalog::Items,
            lang_sel: 0,
            counted: false,
            privacy: privacy::Privacy::default(),
            users: users::Users::new(Grant::single_clerk(ctx.store.operator())),
            log: access_log::Log::default(),
        };
        state.privacy.load(ctx)?;
        // Built at start for a screen maybe never shown: no counting yet
        // (the Commune section it opens on does not need the counts).
        state.refresh_hamlets(ctx, false)?;
        state.refresh_commune(ctx);
        state.users.refresh(ctx, &state.hamlets)?;
        Ok(state)
    }

    /// True once the commune has been saved (its name is required).
    pub fn saved(&self) -> bool {
        !self.commune.name.is_empty()
    }

    /// Loads the counts the first time the screen is used.
    fn ensure_counted(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        if !self.counted { self.refresh_hamlets(ctx, true) } else { Ok(()) }
    }

    fn refresh_commune(&mut self, ctx: &Ctx) {
        let items_before = self.items().len();
        self.commune = ctx.commune.clone();
        if self.items().len() == items_before + 1 {
            self.item_sel = items_before; // an item was just added: show it
        }
        self.item_sel = self.item_sel.min(self.items().len().saturating_sub(1));
        self.lang_sel = LANGS.iter().position(|l| *l == self.commune.settings.language).unwrap_or(0);
    }

    /// Rebuilds the hamlet list (with the counts of what uses each one if
    /// `counts`), keeping the selection on the same hamlet, or moving it to
    /// a hamlet just added.
    fn refresh_hamlets(&mut self, ctx: &Ctx, counts: bool) -> Result<(), StoreError> {
        let known: HashSet<Id> = self.hamlets.iter().map(|h| h.id).collect();
        let selected = self.selected_hamlet().map(|h| h.id);
        let mut hamlets = ctx.store.all::<Hamlet>()?;
        hamlets.sort_by(|a, b| a.code.cmp(&b.code));
        let mut rows = Vec::with_capacity(hamlets.len());
        for h in hamlets {
            let (households, teams, cases) = if counts {
                let store = ctx.store;
                (
                    store.households_in_hamlet(h.id)?.len(),
                    store.teams_in_hamlet(Some(h.id))?.len(),
                    store.cases_in_hamlet(h.id)?.len(),
                )
            } else {
                (0, 0, 0)
            };
            rows.push(HamletRow {
                households,
                teams,
                cases,
                name: h.display_name(),
                id: h.id,
                code: h.code,
                kind: h.kind,
            });
        }
        let added: Vec<Id> = rows.iter().map(|r| r.id).filter(|id| !known.contains(id)).collect();
        let follow = match added.as_slice() {
            [one] if rows.len() == known.len() + 1 => Some(*one),
            _ => selected,
        };
        self.hamlets = rows;
        self.counted = counts;
        match follow.and_then(|id| self.hamlets.iter().position(|r| r.id == id)) {
            Some(i) => self.hamlet_sel = i,
            None => self.hamlet_sel = self.hamlet_sel.min(self.hamlets.len().saturating_sub(1)),
        }
        Ok(())
    }

    /// The items of the catalog shown.
    pub fn items(&self) -> &[CatalogItem] {
        self.commune.catalog_items(self.catalog)
    }

    /// d: shows the next catalog, from its first item.
    fn next_catalog(&mut self) -> Effect {
        self.section = Section::Catalog;
        self.catalog = self.catalog.next();
        self.item_sel = 0;
        self.focus = Focus::Content;
        Effect::None
    }

    pub fn selected_hamlet(&self) -> Option<&HamletRow> {
        self.hamlets.get(self.hamlet_sel)
    }

    /// Up/Down in the focused pane.
    fn step(&mut self, delta: isize) {
        if self.focus == Focus::Sections {
            let page = self.section.page();
            let i = moved(self.section.index(), page.len(), delta);
            self.section = page[i];
            return;
        }
        match self.section {
            Section::Hamlets => self.hamlet_sel = moved(self.hamlet_sel, self.hamlets.len(), delta),
            Section::Catalog => self.item_sel = moved(self.item_sel, self.items().len(), delta),
            Section::Language => self.lang_sel = moved(self.lang_sel, LANGS.len(), delta),
            Section::Requests => self.privacy.step(delta),
            Section::Users => self.users.step(delta),
            Section::AccessLog => self.log.step(delta),
            Section::Commune | Section::Rules | Section::Retention => {}
        }
    }

    /// b: the other page of sections, from its first section.
    fn switch_page(&mut self) -> Effect {
        self.section = if self.section.page() == Section::COMMUNE_PAGE { Section::Users } else { Section::Commune };
        self.focus = Focus::Sections;
        Effect::None
    }

    /// Tab / Shift+Tab: the next or previous section, with its list focused.
    fn cycle(&mut self, by: isize) -> Effect {
        let page = self.section.page();
        let n = page.len();
        let i = (self.section.index() + n).saturating_add_signed(by) % n;
        self.section = page[i];
        self.focus = if self.section.has_list() { Focus::Content } else { Focus::Sections };
        Effect::None
    }
}

impl ScreenState for State {
    fn title(&self) -> Ui {
        Ui::Settings
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn refresh(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        self.refresh_commune(ctx);
        self.privacy.load(ctx)?;
        self.refresh_hamlets(ctx, true)?;
        self.refresh_access(ctx)
    }

    fn typing(&self) -> bool {
        self.users.typing()
    }

    fn type_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Result<Effect, StoreError> {
        Ok(self.users.type_key(key, ctx.lang))
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Result<Effect, StoreError> {
        self.ensure_counted(ctx)?;
        if let Some(effect) = self.access_action(action, ctx) {
            return Ok(effect);
        }
        Ok(match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                self.step(delta(action));
                Effect::None
            }
            Action::Open => self.open(ctx)?,
            Action::Edit => self.edit(ctx)?,
            Action::New => self.add(ctx)?,
            Action::Delete => self.delete(ctx),
            Action::History => match self.history_target() {
                Some((kind, id, title)) => Effect::History { title, records: vec![Target { kind, id }] },
                None => Effect::Status(T::NeedCommuneFirst.get(ctx.lang).to_string()),
            },
            Action::Back | Action::Settings(SettingsAction::ToSections) => {
                self.focus = Focus::Sections;
                Effect::None
            }
            Action::Settings(SettingsAction::ToContent) => {
                if self.section.has_list() {
                    self.focus = Focus::Content;
                }
                Effect::None
            }
            Action::Settings(SettingsAction::Next) => self.cycle(1),
            Action::Settings(SettingsAction::Prev) => self.cycle(-1),
            Action::Settings(SettingsAction::Retire) => self.retire(ctx),
            Action::Settings(SettingsAction::Plan) => self.plan(ctx)?,
            Action::Settings(SettingsAction::NextCatalog) => self.next_catalog(),
            Action::Settings(SettingsAction::Import) => self.import(ctx),
            Action::Settings(SettingsAction::PurgeExpired) => self.purge_expired(ctx)?,
            Action::Settings(SettingsAction::Page) => self.switch_page(),
            _ => Effect::None,
        })
    }

    /// Opens a record found by the quick lookup: a hamlet or the commune.
    fn show(&mut self, target: Target, ctx: &Ctx) -> Result<(), StoreError> {
        self.ensure_counted(ctx)?;
        match target.kind {
            EntityKind::Hamlet => {
                self.section = Section::Hamlets;
                self.focus = Focus::Content;
                if let Some(i) = self.hamlets.iter().position(|h| h.id == target.id) {
                    self.hamlet_sel = i;
                }
            }
            _ => {
                self.section = Section::Commune;
                self.focus = Focus::Sections;
            }
        }
        Ok(())
    }

    /// Everyone sees the settings; every change (the language included:
    /// it is the commune's, for every operator) needs `WriteSettings`.
    fn needs(&self, action: Action, _grant: &Grant) -> Option<Access> {
        match action {
            Action::Open if self.focus == Focus::Sections && self.section.has_list() => None,
            Action::Open
            | Action::New
            | Action::Edit
            | Action::Delete
            | Action::Settings(SettingsAction::Retire | SettingsAction::Plan | SettingsAction::Import) => {
                Some(Access::WriteSettings)
            }
            _ => None,
        }
    }

    fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        view::render(self, lang, area, buf);
    }
}

fn delta(action: Action) -> isize {
    match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -PAGE,
        Action::PageDown => PAGE,
        Action::Top => isize::MIN,
        _ => isize::MAX,
    }
}

/// A selection moved by `delta`, kept inside a list of `len`.
fn moved(sel: usize, len: usize, delta: isize) -> usize {
    sel.saturating_add_signed(delta).min(len.saturating_sub(1))
}

impl State {
    /// The keys of the sections "Người dùng" and "Nhật ký truy cập" (`None`:
    /// the key means what it means elsewhere).
    fn access_action(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        let lang = ctx.lang;
        let grant = self.users.grant.clone();
        match (self.section, action) {
            (_, Action::Settings(SettingsAction::Users)) => Some(self.open_by_key(Section::Users, ctx)),
            (_, Action::Settings(SettingsAction::AccessLog)) => Some(self.open_by_key(Section::AccessLog, ctx)),
            (Section::Users | Section::AccessLog, Action::Open) if self.focus == Focus::Sections => None,
            (Section::Users, Action::New) => Some(self.users.add(lang, &self.hamlets)),
            (Section::Users, Action::Edit | Action::Open) => Some(self.users.edit(lang)),
            (Section::Users, Action::Delete | Action::Settings(SettingsAction::NextCatalog)) => {
                Some(self.users.remove(lang))
            }
            (Section::AccessLog, Action::Delete) => Some(self.log.export(lang, &grant)),
            (Section::Users | Section::AccessLog, Action::New | Action::Edit | Action::Open | Action::History) => {
                Some(Effect::None)
            }
            (Section::AccessLog, Action::Settings(SettingsAction::NextCatalog | SettingsAction::Retire)) => {
                Some(Effect::None)
            }
            _ => None,
        }
    }

    /// u / l: the section, its list focused and read again.
    fn open_by_key(&mut self, section: Section, ctx: &Ctx) -> Effect {
        self.section = section;
        self.focus = Focus::Content;
        match self.refresh_access(ctx) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Status(crate::i18n::store_error(ctx.lang, &e)),
        }
    }

    fn refresh_access(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        self.users.refresh(ctx, &self.hamlets)?;
        let grant = self.users.grant.clone();
        self.log.refresh(ctx, &grant)
    }

    /// The app applied what a dialog of these sections asked: it closes
    /// (`close`), and the users and the log are read again.
    pub fn access_done(&mut self, ctx: &Ctx, close: bool) -> Result<(), StoreError> {
        if close {
            self.users.done();
        }
        self.refresh_access(ctx)
    }
}
