//! Keys are data: (context, key) -> action, with the words of its hint. The
//! footer and the help overlay are generated from these tables, so they can
//! never disagree with what a key does.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, Screen};
use crate::domain::Lang;
use crate::i18n::ui::Ui;

/// One key of one context.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    /// Words for the footer and help. `None` hides a duplicate key.
    pub hint: Option<Hint>,
    /// Its place on the bottom line (all bindings show in help).
    pub footer: Rank,
}

/// How much a key matters on the bottom line: [`HELP_ONLY`] keeps it off
/// (the help lists it); otherwise, when the line is too narrow for every
/// key, the lowest rank goes first (`footer::fitted`).
pub type Rank = u8;

/// Only in the help (`?`), never on the bottom line.
pub const HELP_ONLY: Rank = 0;

/// The words of a hint: from the frame's texts or a screen's own.
#[derive(Clone, Copy, Debug)]
pub enum Hint {
    Ui(Ui),
    Text(fn(Lang) -> &'static str),
}

impl Hint {
    pub fn get(self, lang: Lang) -> &'static str {
        match self {
            Hint::Ui(u) => u.get(lang),
            Hint::Text(f) => f(lang),
        }
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

pub const fn key(code: KeyCode, action: Action, hint: Ui, footer: Rank) -> Binding {
    Binding { code, mods: NONE, action, hint: Some(Hint::Ui(hint)), footer }
}

pub const fn ctrl(c: char, action: Action, hint: Ui, footer: Rank) -> Binding {
    Binding { code: KeyCode::Char(c), mods: CTRL, action, hint: Some(Hint::Ui(hint)), footer }
}

/// A second key for an action already listed.
pub const fn alias(code: KeyCode, action: Action) -> Binding {
    Binding { code, mods: NONE, action, hint: None, footer: HELP_ONLY }
}

/// A screen's own key with its own words.
pub const fn screen_key(c: char, action: Action, hint: fn(Lang) -> &'static str, footer: Rank) -> Binding {
    Binding { code: KeyCode::Char(c), mods: NONE, action, hint: Some(Hint::Text(hint)), footer }
}

/// Help and quit end every screen's bottom line, whatever its width.
pub const ALWAYS: Rank = Rank::MAX;

/// Keys that work on every screen (outside forms and the lookup box).
pub const GLOBAL: &[Binding] = &[
    key(KeyCode::Char('/'), Action::Lookup, Ui::Lookup, 4),
    ctrl('f', Action::Lookup, Ui::Lookup, HELP_ONLY),
    key(KeyCode::Char('?'), Action::Help, Ui::Help, ALWAYS),
    alias(KeyCode::F(1), Action::Help),
    ctrl('z', Action::Undo, Ui::Undo, 1),
    ctrl('y', Action::Redo, Ui::Redo, HELP_ONLY),
    key(KeyCode::Char('q'), Action::Quit, Ui::Quit, ALWAYS),
    key(KeyCode::Up, Action::Up, Ui::Up, HELP_ONLY),
    alias(KeyCode::Char('k'), Action::Up),
    key(KeyCode::Down, Action::Down, Ui::Down, HELP_ONLY),
    alias(KeyCode::Char('j'), Action::Down),
    key(KeyCode::PageUp, Action::PageUp, Ui::PageUp, HELP_ONLY),
    key(KeyCode::PageDown, Action::PageDown, Ui::PageDown, HELP_ONLY),
    key(KeyCode::Home, Action::Top, Ui::Top, HELP_ONLY),
    key(KeyCode::End, Action::Bottom, Ui::Bottom, HELP_ONLY),
    key(KeyCode::Enter, Action::Open, Ui::Open, HELP_ONLY),
    key(KeyCode::Esc, Action::Back, Ui::Back, HELP_ONLY),
    key(KeyCode::Char('1'), Action::Goto(Screen::Dashboard), Ui::Dashboard, HELP_ONLY),
    alias(KeyCode::F(2), Action::Goto(Screen::Dashboard)),
    key(KeyCode::Char('2'), Action::Goto(Screen::Households), Ui::Households, HELP_ONLY),
    alias(KeyCode::F(3), Action::Goto(Screen::Households)),
    key(KeyCode::Char('3'), Action::Goto(Screen::Teams), Ui::Teams, HELP_ONLY),
    alias(KeyCode::F(4), Action::Goto(Screen::Teams)),
    key(KeyCode::Char('4'), Action::Goto(Screen::Mediation), Ui::Mediation, HELP_ONLY),
    alias(KeyCode::F(5), Action::Goto(Screen::Mediation)),
    key(KeyCode::Char('5'), Action::Goto(Screen::Reports), Ui::Reports, HELP_ONLY),
    alias(KeyCode::F(6), Action::Goto(Screen::Reports)),
    key(KeyCode::Char('6'), Action::Goto(Screen::Settings), Ui::Settings, HELP_ONLY),
    alias(KeyCode::F(7), Action::Goto(Screen::Settings)),
    key(KeyCode::Char('7'), Action::Goto(Screen::Targets), Ui::Targets, HELP_ONLY),
    alias(KeyCode::F(8), Action::Goto(Screen::Targets)),
];

/// Keys for records in lists: add, edit, delete, history.
pub const RECORDS: &[Binding] = &[
    key(KeyCode::Char('n'), Action::New, Ui::New, 7),
    key(KeyCode::Char('e'), Action::Edit, Ui::Edit, 6),
    key(KeyCode::Delete, Action::Delete, Ui::Delete, 1),
    alias(KeyCode::Char('x'), Action::Delete),
    key(KeyCode::Char('h'), Action::History, Ui::History, 2),
];

fn matches(b: &Binding, ev: &KeyEvent) -> bool {
    let code = match ev.code {
        // Terminals report Shift+letter as an upper-case char with SHIFT.
        KeyCode::Char(c) => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    let mods = ev.mods_without_shift();
    b.code == code && b.mods == mods
}

/// Ctrl+C: quits from anywhere, forms and overlays included, so it is
/// read before any table (where `c` would be a letter, or a yes).
pub fn is_interrupt(ev: &KeyEvent) -> bool {
    matches!(ev.code, KeyCode::Char('c' | 'C')) && ev.mods_without_shift() == CTRL
}

/// The action of a key among `tables` (first match wins, screen first).
pub fn resolve(tables: &[&[Binding]], ev: &KeyEvent) -> Option<Action> {
    tables.iter().flat_map(|t| t.iter()).find(|b| matches(b, ev)).map(|b| b.action)
}

/// How a key is written in hints: "Ctrl+F", "F1", "Enter", "n".
pub fn key_name(b: &Binding, lang: Lang) -> String {
    let base = match b.code {
        KeyCode::Char(' ') => Ui::SpaceKey.get(lang).to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Delete => "Del".into(),
        _ => "?".into(),
    };
    if b.mods.contains(KeyModifiers::CONTROL) { format!("Ctrl+{}", base.to_uppercase()) } else { base }
}

trait ModsWithoutShift {
    fn mods_without_shift(&self) -> KeyModifiers;
}

impl ModsWithoutShift for KeyEvent {
    fn mods_without_shift(&self) -> KeyModifiers {
        self.modifiers - KeyModifiers::SHIFT
    }
}
