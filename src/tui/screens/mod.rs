//! The screens, one file each, and what they share: the context they read
//! and the effects they return to the app.
//!
//! A screen's state is rebuilt from the store in `refresh` (after any write)
//! and drawn from that state alone. `handle` turns an action into an
//! `Effect`; only the app applies effects.

pub mod dashboard;
pub mod households;
pub mod mediation;
pub mod reports;
pub mod settings;
pub mod targets;
pub mod teams;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::Action;
use super::form::Form;
use super::keymap::Binding;
use super::write::Write;
use crate::domain::access::{Action as Access, Grant, OperatorRole};
use crate::domain::operator::AccessEvent;
use crate::domain::{Commune, EntityKind, Id, Lang};
use crate::i18n::ui::Ui;
use crate::store::{Store, StoreError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Screen {
    Dashboard,
    Households,
    Teams,
    Mediation,
    Reports,
    Settings,
    /// The plan's other targets: models, safe areas, outreach (issue 13).
    Targets,
}

impl Screen {
    pub const ALL: [Screen; 7] = [
        Screen::Dashboard,
        Screen::Households,
        Screen::Teams,
        Screen::Mediation,
        Screen::Reports,
        Screen::Settings,
        Screen::Targets,
    ];

    /// The screen a record of `kind` is shown in (a lookup hit, a link).
    /// One of the places a new kind of record names its screen
    /// (docs/ARCHITECTURE.md, "Adding a kind of record").
    pub fn of(kind: EntityKind) -> Screen {
        match kind {
            EntityKind::Household | EntityKind::Commitment => Screen::Households,
            EntityKind::Team | EntityKind::Member => Screen::Teams,
            EntityKind::Case => Screen::Mediation,
            EntityKind::Hamlet | EntityKind::Commune => Screen::Settings,
            EntityKind::Period => Screen::Reports,
            EntityKind::Model | EntityKind::Assessment | EntityKind::Outreach => Screen::Targets,
        }
    }

    /// What reading the screen needs; `None`: everyone (the dashboard
    /// shows each role what it may read; Settings shows everyone the
    /// commune's settings, and changing them needs `WriteSettings`).
    pub fn read_needs(self) -> Option<Access> {
        match self {
            Screen::Dashboard | Screen::Settings => None,
            Screen::Households => Some(Access::ReadHouseholds),
            Screen::Teams => Some(Access::ReadTeams),
            Screen::Mediation => Some(Access::ReadCases),
            Screen::Reports => Some(Access::ReadReports),
            Screen::Targets => Some(Access::ReadTargets),
        }
    }

    /// Whether `grant` may read records of `kind` anywhere in the commune
    /// (a hamlet head: only the kinds not kept by hamlet, as the commune's
    /// hamlets; their own hamlet's records are checked record by record).
    pub fn reads_all_of(grant: &Grant, kind: EntityKind) -> bool {
        let readable = Screen::of(kind).read_needs().is_none_or(|a| grant.may(a));
        readable && (grant.role != OperatorRole::HamletHead || Screen::of(kind) == Screen::Settings)
    }

    /// The screens that show a record of `kind` once written, so refresh.
    /// A commitment shows in the summary (Dashboard, Reports) and on
    /// Households only; any other record may show anywhere (names, counts,
    /// links).
    pub fn showing(kind: EntityKind) -> &'static [Screen] {
        match kind {
            EntityKind::Commitment => &[Screen::Dashboard, Screen::Households, Screen::Reports],
            _ => &Screen::ALL,
        }
    }
}

/// The shape every screen shares, so the app dispatches once (through
/// `App::active` and `App::shown`) instead of matching on the screen at
/// each step. A screen reads through `Ctx`, answers with an `Effect` and
/// draws from its own state; it never writes and never imports another
/// screen (what two screens share lives in `widgets`).
pub trait ScreenState {
    /// The words of its tab.
    fn title(&self) -> Ui;
    /// Its own keys, before the global ones: resolving, footer and help.
    fn keys(&self) -> &'static [Binding];
    /// Rebuilds the state from the store (after a write, or when shown).
    fn refresh(&mut self, ctx: &Ctx) -> Result<(), StoreError>;
    /// Turns an action into what the app should do.
    fn handle(&mut self, action: Action, ctx: &Ctx) -> Result<Effect, StoreError>;
    /// Draws the state; reads only.
    fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer);
    /// Shows a record opened from elsewhere (the lookup, the dashboard).
    fn show(&mut self, _target: Target, _ctx: &Ctx) -> Result<(), StoreError> {
        Ok(())
    }
    /// True while a line of its own is open: raw keys go to `type_key`
    /// before the key tables (letters are text there, not commands).
    fn typing(&self) -> bool {
        false
    }
    fn type_key(&mut self, _key: KeyEvent, _ctx: &Ctx) -> Result<Effect, StoreError> {
        Ok(Effect::None)
    }
    /// What the operator must be allowed for `action` here (the selected
    /// record decides a hamlet, a team's kind); `None`: it changes nothing.
    /// The key handler, the footer and the help all ask this
    /// (`App::permits`), so they cannot disagree.
    fn needs(&self, _action: Action, _grant: &Grant) -> Option<Access> {
        None
    }
    /// The personal numbers the view now shows in full (an open detail of
    /// a household, a member, a case's party), for the access log: the app
    /// logs them once when the view opens, never while drawing.
    fn unmasked(&self) -> Vec<AccessEvent> {
        Vec::new()
    }
}

/// What screens read: the store (for reads only), language, today, commune,
/// and who is signed in (what they may see: a hamlet head's hamlet, masked
/// personal numbers).
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub lang: Lang,
    pub today: NaiveDate,
    pub commune: &'a Commune,
    pub grant: &'a Grant,
}

/// The single clerk of a ledger without operators: everything, as before
/// operators existed (the grant of a context built without one).
pub static CLERK: Grant = Grant { name: String::new(), role: OperatorRole::Admin, hamlet: None };

impl<'a> Ctx<'a> {
    /// The one way the app builds a context: borrowed, never cloned.
    pub fn new(store: &'a Store, lang: Lang, commune: &'a Commune) -> Self {
        Ctx { store, lang, today: store.today(), commune, grant: &CLERK }
    }

    /// The same context for `grant` (the app's signed-in operator).
    pub fn with_grant(self, grant: &'a Grant) -> Self {
        Ctx { grant, ..self }
    }
}

/// What a screen asks of the app.
pub enum Effect {
    None,
    /// A message in the status line.
    Status(String),
    /// Opens a form over the screen.
    Form(Box<Form>),
    /// Asks yes/no, then applies the write on yes.
    Confirm {
        question: String,
        write: Write,
    },
    /// Asks yes/no twice (the second question only after a yes), then
    /// applies the write.
    ConfirmTwice {
        first: String,
        then: String,
        write: Write,
    },
    /// Applies a write now (no question: a two-key commitment signing).
    Write(Write),
    /// Shows another screen.
    Goto(Screen),
    /// Writes a report file once the busy note is on screen.
    Export(Box<reports::export::Job>),
    /// Writes a mediation team's book once the busy note is on screen.
    Book(Box<mediation::BookJob>),
    /// Shows a record, or what a record stands for (a hamlet's households),
    /// in the given screen.
    Open {
        screen: Screen,
        target: Target,
    },
    /// Shows the change history of these records together (a household
    /// and its commitments), titled by what they are.
    History {
        title: String,
        records: Vec<Target>,
    },
    /// Refreshes the current screen once the busy note is drawn: its state
    /// changed in a way that needs a slow reload (the Reports screen's
    /// period), which must not hold up the key that asked for it.
    Refresh,
    /// Opens the import dialog offering these kinds of file.
    Import(&'static [crate::tui::import::Choice]),
    /// An operator, the idle lock or the access log (Settings): applied by
    /// the app through the store (`tui::access`).
    Access(crate::tui::access::AccessWrite),
}

/// A record to show, from the quick lookup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub kind: EntityKind,
    pub id: Id,
}

/// What the screens' tests share: a seeded demo store on a fixed clock.
#[cfg(test)]
pub mod fixture {
    use chrono::{NaiveDate, NaiveTime};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    use crate::demo::{DemoOptions, generate};
    use crate::store::{Clock, OpenOptions, Store};

    /// The day every screen test lives on.
    pub fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
    }

    /// A demo commune in `dir`, with the store's clock at 09:00 on [`today`].
    pub fn demo_store(dir: &tempfile::TempDir, households: usize, seed: u64) -> Store {
        let mut store = Store::open(&dir.path().join("db"), &OpenOptions::default()).unwrap();
        store.set_clock(Clock::Fixed(today().and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default())));
        generate(&store, &DemoOptions { households, seed, today: today() }).unwrap();
        store
    }

    /// What a screen reads, for the single clerk (a ledger without users)
    /// in Vietnamese on `today`.
    pub fn clerk_ctx<'a>(store: &'a Store, commune: &'a crate::domain::Commune, today: NaiveDate) -> super::Ctx<'a> {
        super::Ctx { store, lang: crate::domain::Lang::Vi, today, commune, grant: &super::CLERK }
    }

    /// What `render` draws into a `width` x `height` buffer, as lines of text.
    pub fn drawn(width: u16, height: u16, render: impl FnOnce(Rect, &mut Buffer)) -> String {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        render(area, &mut buf);
        (0..height)
            .map(|y| (0..width).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }
}
