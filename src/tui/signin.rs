//! Signing in inside the interface: the screen the interface opens on when
//! the ledger has operators (before anything of the ledger is read or
//! drawn), and the lock screen the idle lock puts over everything.
//!
//! The state holds a name and a passphrase (drawn as •); Enter asks the
//! store (`Store::sign_in`, which counts wrong tries in the ledger). While
//! the store says to wait, Enter checks nothing and the seconds left are
//! shown. Nothing here reads the ledger but the operators.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::keymap;
use super::theme::Theme;
use crate::domain::Lang;
use crate::domain::access::Grant;
use crate::i18n::signin::SignInText as T;
use crate::store::operators::AccessError;
use crate::store::{Store, StoreError};

/// Which screen this is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The interface's first screen.
    SignIn,
    /// The idle lock: only `name` unlocks.
    Lock { name: String },
    /// From the lock screen, signing in as someone else.
    Other,
}

/// What a key did.
#[derive(Debug, PartialEq, Eq)]
pub enum SignInEvent {
    Stay,
    Granted(Grant),
    Quit,
}

pub struct SignIn {
    pub mode: Mode,
    pub lang: Lang,
    name: Input,
    passphrase: Input,
    /// True while the passphrase has the focus.
    on_passphrase: bool,
    /// The last refusal, in words.
    pub message: Option<String>,
    /// No try is heard before this (the growing delay).
    wait_until: Option<Instant>,
}

/// Width and height of the box the fields are drawn in.
const BOX_W: u16 = 64;
const BOX_H: u16 = 14;
/// Where the inputs start inside the box.
const LABEL_W: u16 = 18;

impl SignIn {
    /// The first screen of a ledger with operators.
    pub fn new(lang: Lang) -> SignIn {
        SignIn {
            mode: Mode::SignIn,
            lang,
            name: Input::default(),
            passphrase: Input::default(),
            on_passphrase: false,
            message: None,
            wait_until: None,
        }
    }

    /// The lock screen of `name`, the passphrase asked.
    pub fn locked(lang: Lang, name: &str) -> SignIn {
        let mut s = SignIn::new(lang);
        s.mode = Mode::Lock { name: name.to_string() };
        s.on_passphrase = true;
        s
    }

    /// Seconds still to wait before a try is heard (0: none).
    pub fn wait_secs(&self) -> u64 {
        let left = self.wait_until.map_or(Duration::ZERO, |t| t.saturating_duration_since(Instant::now()));
        left.as_secs() + u64::from(left.subsec_nanos() > 0)
    }

    pub fn handle(&mut self, key: KeyEvent, store: &mut Store) -> SignInEvent {
        if keymap::is_interrupt(&key) {
            return SignInEvent::Quit;
        }
        match key.code {
            KeyCode::Esc => SignInEvent::Quit,
            KeyCode::Enter => self.try_sign_in(store),
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => {
                self.switch();
                SignInEvent::Stay
            }
            _ => {
                let input = if self.on_passphrase { &mut self.passphrase } else { &mut self.name };
                input.handle_event(&Event::Key(key));
                SignInEvent::Stay
            }
        }
    }

    /// Tab: the other field; on the lock screen, signing in as another user.
    fn switch(&mut self) {
        match self.mode {
            Mode::Lock { .. } => {
                self.mode = Mode::Other;
                self.passphrase.reset();
                self.on_passphrase = false;
                self.message = None;
            }
            Mode::SignIn | Mode::Other => self.on_passphrase = !self.on_passphrase,
        }
    }

    fn try_sign_in(&mut self, store: &mut Store) -> SignInEvent {
        if self.wait_secs() > 0 {
            return SignInEvent::Stay;
        }
        let name = match &self.mode {
            Mode::Lock { name } => name.clone(),
            Mode::SignIn | Mode::Other => self.name.value().trim().to_string(),
        };
        if name.is_empty() {
            self.message = Some(T::NeedName.get(self.lang).to_string());
            self.on_passphrase = false;
            return SignInEvent::Stay;
        }
        let result = store.sign_in(&name, self.passphrase.value());
        self.passphrase.reset();
        match result {
            Ok(grant) => SignInEvent::Granted(grant),
            Err(e) => {
                self.refused(&e);
                SignInEvent::Stay
            }
        }
    }

    fn refused(&mut self, e: &StoreError) {
        let wait = match e {
            StoreError::Access(AccessError::WrongSignIn { wait_secs } | AccessError::MustWait { secs: wait_secs }) => {
                *wait_secs
            }
            _ => 0,
        };
        let wait = u64::try_from(wait).unwrap_or(0);
        self.wait_until = (wait > 0).then(|| Instant::now() + Duration::from_secs(wait));
        self.message = Some(crate::i18n::store_error(self.lang, e));
        self.on_passphrase = !matches!(self.mode, Mode::SignIn | Mode::Other) || !self.name.value().is_empty();
    }

    /// The message shown: while waiting, the seconds left.
    fn shown_message(&self) -> Option<String> {
        let wait = self.wait_secs();
        if wait > 0 {
            let secs = i64::try_from(wait).unwrap_or(i64::MAX);
            return Some(crate::i18n::access::error(self.lang, &AccessError::MustWait { secs }));
        }
        self.message.clone()
    }

    fn box_area(area: Rect) -> Rect {
        let [row] = Layout::vertical([Constraint::Length(BOX_H.min(area.height))]).flex(Flex::Center).areas(area);
        let [cell] = Layout::horizontal([Constraint::Length(BOX_W.min(area.width))]).flex(Flex::Center).areas(row);
        cell
    }

    fn texts(&self) -> (String, String, T) {
        let lang = self.lang;
        match &self.mode {
            Mode::SignIn => (T::Title.get(lang).into(), T::Intro.get(lang).into(), T::HintSignIn),
            Mode::Lock { name } => (
                T::LockTitle.get(lang).into(),
                format!("{}\n{}", T::LockIntro.get(lang), crate::i18n::signin::locked_user(lang, name)),
                T::HintLock,
            ),
            Mode::Other => (T::OtherTitle.get(lang).into(), T::OtherIntro.get(lang).into(), T::HintOther),
        }
    }

    /// Draws over the whole `area`: nothing of the ledger shows through.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let (title, intro, hint) = self.texts();
        let outer = Self::box_area(area);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(Theme::border())
            .title(Span::styled(format!(" soxa · {title} "), Theme::title()));
        let inner = block.inner(outer);
        block.render(outer, buf);
        let [intro_area, _, name_area, pass_area, _, message_area, hint_area] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(inner.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 }));
        Paragraph::new(intro).wrap(Wrap { trim: true }).render(intro_area, buf);
        if !matches!(self.mode, Mode::Lock { .. }) {
            self.render_field(T::Name.get(self.lang), self.name.value(), !self.on_passphrase, name_area, buf);
        }
        let dots = "•".repeat(self.passphrase.value().chars().count());
        self.render_field(T::Passphrase.get(self.lang), &dots, self.on_passphrase, pass_area, buf);
        if let Some(message) = self.shown_message() {
            Paragraph::new(Span::styled(message, Theme::bad())).wrap(Wrap { trim: true }).render(message_area, buf);
        }
        Paragraph::new(Line::from(Span::styled(hint.get(self.lang), Theme::dim()))).render(hint_area, buf);
    }

    fn render_field(&self, label: &str, value: &str, focused: bool, area: Rect, buf: &mut Buffer) {
        let [l, v] = Layout::horizontal([Constraint::Length(LABEL_W), Constraint::Min(1)]).areas(area);
        let label_style = if focused { Theme::header() } else { Theme::tab() };
        Paragraph::new(Span::styled(format!("{label}:"), label_style)).render(l, buf);
        let width = usize::from(v.width.saturating_sub(1));
        let skip = value.chars().count().saturating_sub(width);
        let shown: String = value.chars().skip(skip).collect();
        let padded = format!("{shown:<width$} ");
        Paragraph::new(Span::styled(padded, Theme::input())).render(v, buf);
    }

    /// Where the cursor blinks: at the end of the focused field.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        let outer = Self::box_area(area);
        let y = outer.y + 1 + 3 + 1 + u16::from(self.on_passphrase);
        let x0 = outer.x + 2 + LABEL_W;
        let room = outer.width.saturating_sub(4 + LABEL_W + 1);
        let len = if self.on_passphrase {
            self.passphrase.value().chars().count()
        } else {
            unicode_width::UnicodeWidthStr::width(self.name.value())
        };
        let x = x0 + u16::try_from(len).unwrap_or(u16::MAX).min(room);
        (y < outer.bottom()).then_some(Position { x, y })
    }
}
