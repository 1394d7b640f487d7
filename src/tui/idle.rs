//! The idle lock: after the privacy settings' minutes without a key (on a
//! ledger with operators), the whole interface is replaced by the lock
//! screen. What was open stays as it was in memory (a form, its draft on
//! disk, a question), so unlocking shows it again untouched. Only the same
//! operator unlocks; Tab there signs in as another user instead, which
//! closes whatever was open: a form's draft stays on disk and is offered
//! back at the next start (`tui::draft`), as after a crash.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Overlay};
use super::screens::Screen;
use super::signin::{Mode, SignIn, SignInEvent};
use crate::domain::access::Grant;
use crate::domain::operator::operator_key;
use crate::store::Store;

/// Test-only: `SOXA_IDLE_LOCK_SECS=2` locks after 2 seconds instead of the
/// configured minutes, so the pseudo-terminal tests need not wait minutes.
/// Not documented for clerks; it can only make the lock come sooner, never
/// later than the administrator set.
const TEST_SECS: &str = "SOXA_IDLE_LOCK_SECS";

/// When the interface locks.
pub struct Idle {
    /// `None`: never (a ledger without operators).
    pub after: Option<Duration>,
    last_key: Instant,
}

impl Idle {
    pub fn new(store: &Store) -> Idle {
        Idle { after: configured(store), last_key: Instant::now() }
    }

    pub fn touch(&mut self) {
        self.last_key = Instant::now();
    }

    fn due(&self) -> bool {
        self.after.is_some_and(|after| self.last_key.elapsed() >= after)
    }
}

/// How long without a key before the lock, for this ledger.
pub fn configured(store: &Store) -> Option<Duration> {
    if !store.has_operators().unwrap_or(false) {
        return None;
    }
    let minutes = store.privacy().map(|p| p.idle_lock_minutes).unwrap_or(10);
    let set = Duration::from_secs(u64::from(minutes) * 60);
    let test = std::env::var(TEST_SECS).ok().and_then(|s| s.trim().parse::<u64>().ok()).map(Duration::from_secs);
    Some(test.map_or(set, |t| t.min(set)))
}

impl App {
    /// Who is signed in now: what they may do, the Settings' view of it,
    /// the idle lock of the ledger as it is now, and every screen read
    /// again for what they may see.
    pub fn set_grant(&mut self, grant: Grant) {
        self.settings.users.grant = grant.clone();
        self.grant = grant;
        self.idle.after = configured(&self.store);
        self.idle.touch();
        self.adopt_grant();
    }

    /// True while the lock screen is shown.
    pub fn locked(&self) -> bool {
        self.lock.is_some()
    }

    /// Sets how long without a key before the lock (tests; `None`: never).
    pub fn set_idle_lock(&mut self, after: Option<Duration>) {
        self.idle.after = after;
    }

    /// Locks now if no key came for long enough.
    pub(super) fn lock_if_idle(&mut self) {
        if self.lock.is_none() && self.idle.due() && self.store.has_operators().unwrap_or(false) {
            self.lock = Some(Box::new(SignIn::locked(self.lang, &self.grant.name)));
        }
    }

    /// A key while locked: only the lock screen hears it.
    pub(super) fn on_lock_key(&mut self, key: KeyEvent) {
        let Some(mut lock) = self.lock.take() else { return };
        match lock.handle(key, &mut self.store) {
            SignInEvent::Stay => self.lock = Some(lock),
            SignInEvent::Quit => {
                // The open form's draft stays on disk: offered at the next start.
                self.lock = Some(lock);
                self.quit = true;
            }
            SignInEvent::Granted(grant) => {
                let same = matches!(lock.mode, Mode::Lock { .. })
                    || operator_key(&grant.name) == operator_key(&self.grant.name);
                if !same {
                    self.leave_for(&grant);
                }
                self.set_grant(grant);
            }
        }
    }

    /// Another operator signed in at the lock: what the last one had open
    /// is closed (a form's draft is not cleared), the screens are read
    /// again for them, from the dashboard.
    fn leave_for(&mut self, _grant: &Grant) {
        if matches!(self.overlay, Overlay::Form(_) | Overlay::Discard(_) | Overlay::DraftReview(_)) {
            self.status =
                Some((crate::i18n::signin::SignInText::OtherIntro.get(self.lang).to_string(), super::Tone::Info));
        } else {
            self.status = None;
        }
        self.overlay = Overlay::None;
        let first = if self.commune.name.is_empty() { Screen::Settings } else { Screen::Dashboard };
        self.reload_all(first);
    }
}
