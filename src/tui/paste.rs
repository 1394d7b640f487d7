//! Telling pasted text from typed keys.
//!
//! The Windows consoles (conhost and Windows Terminal) deliver a paste as
//! ordinary key presses, with no bracketed-paste marker: a pasted line break
//! is Enter (which moves on or submits a form) and pasted letters on a list
//! are commands (`x` deletes, `c` confirms). Nobody types two keys within a
//! few milliseconds, so there the event loop gathers the keys that arrive
//! together into one batch, and a batch of two or more keys with a letter
//! among them is taken as pasted text (a Vietnamese input method's rewrite,
//! Backspace then "á", is one too, and is handled right by the same rule):
//! - into a text field that has the focus go its letters and Backspaces,
//!   with line breaks and tabs as spaces;
//! - nothing else in it acts: not Enter, Tab, Esc or any command.
//!
//! Bytes that are not UTF-8 reach soxa as U+FFFD (crossterm decodes a
//! marked paste lossily; a Windows console may send the character itself):
//! they are dropped from pastes and typed keys alike, and the status line
//! says how many (typed bytes that crossterm cannot decode never arrive).
//! The domain's cleaning drops any that come another way.
//!
//! A batch with no letter (a held arrow key while a slow screen redraws) is
//! handled key by key as usual. Other terminals mark a paste (bracketed
//! paste), and the marked text takes the same way in (`on_paste`); there
//! every key is handled as it comes, so keys sent together by a test or over
//! a slow connection still act.

use std::time::Duration;

use ratatui::crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};
use ratatui::crossterm::execute;

use super::app::{App, Overlay};
use super::draft;
use super::form::{Control, FormEvent};

/// How long the event loop waits for the next key of a batch. Pasted keys
/// come in one go; typed keys are tens of milliseconds apart.
pub const GATHER: Duration = Duration::from_millis(10);

/// Most keys in one batch (a longer paste is simply several batches).
pub const MAX_BATCH: usize = 4096;

/// A letter, digit or sign that types itself. AltGr on European layouts
/// reports Ctrl+Alt, so that pair still types.
fn types_itself(key: &KeyEvent) -> bool {
    let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
    matches!(key.code, KeyCode::Char(_)) && (!key.modifiers.intersects(altgr) || key.modifiers.contains(altgr))
}

/// Asks the terminal to mark pastes (bracketed paste), or to stop. The
/// Windows consoles cannot: there, keys arriving together are the sign.
pub fn mark_pastes(on: bool) {
    if cfg!(windows) {
        return;
    }
    let mut out = std::io::stdout();
    let _ = if on { execute!(out, EnableBracketedPaste) } else { execute!(out, DisableBracketedPaste) };
}

/// What a terminal puts for bytes that are not UTF-8.
pub const UNREADABLE: char = char::REPLACEMENT_CHARACTER;

/// The keys that type `text`: a line break (CRLF, CR or LF) is one Enter,
/// other control characters and [`UNREADABLE`] are dropped.
pub fn keys_of(text: &str) -> Vec<KeyEvent> {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' | '\n' => Some(KeyCode::Enter),
            '\t' => Some(KeyCode::Tab),
            c if c.is_control() || c == UNREADABLE => None,
            c => Some(KeyCode::Char(c)),
        })
        .map(|code| KeyEvent::new(code, KeyModifiers::NONE))
        .collect()
}

/// Whether the keys that arrived together are pasted text.
pub fn is_paste(batch: &[KeyEvent]) -> bool {
    batch.len() >= 2 && batch.iter().any(types_itself)
}

/// What a pasted key becomes inside a text field: `None` for keys that
/// must not act.
pub fn as_text(key: KeyEvent) -> Option<KeyEvent> {
    match key.code {
        KeyCode::Char(_) if types_itself(&key) => Some(key),
        KeyCode::Backspace => Some(key),
        KeyCode::Enter | KeyCode::Tab => Some(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE)),
        _ => None,
    }
}

impl App {
    /// Whether the keys typed now go into a line of text: a form's text
    /// field, the lookup box, or a screen's filter or chooser line.
    pub fn text_focused(&self) -> bool {
        if self.locked() {
            // Nothing is pasted behind the lock screen.
            return false;
        }
        match &self.overlay {
            Overlay::Form(form) => {
                form.fields.get(form.focus).is_some_and(|f| !matches!(f.control, Control::Select { .. }))
            }
            Overlay::Lookup(_) => true,
            Overlay::Import(dialog) => dialog.typing(),
            Overlay::None => self.screen_state(self.screen).typing(),
            Overlay::Help
            | Overlay::History(_)
            | Overlay::Confirm { .. }
            | Overlay::Discard(_)
            | Overlay::DraftReview(_) => false,
        }
    }

    /// Feeds the key events that arrived together (see the module's
    /// comment). Windows reports key releases too: only presses (and
    /// repeats, a held key) act.
    pub fn on_keys(&mut self, batch: &[KeyEvent]) {
        let presses: Vec<KeyEvent> = batch.iter().filter(|k| k.kind != KeyEventKind::Release).copied().collect();
        let unreadable = presses.iter().filter(|k| k.code == KeyCode::Char(UNREADABLE)).count();
        let presses: Vec<KeyEvent> = presses.into_iter().filter(|k| k.code != KeyCode::Char(UNREADABLE)).collect();
        if !is_paste(&presses) {
            for key in presses {
                self.on_key(key);
            }
        } else {
            self.type_pasted(presses);
        }
        self.tell_unreadable(unreadable);
    }

    /// Text the terminal marked as pasted: typed into the focused text
    /// field, or nothing, as a paste of keys is.
    pub fn on_paste(&mut self, text: &str) {
        self.type_pasted(keys_of(text));
        self.tell_unreadable(text.chars().filter(|c| *c == UNREADABLE).count());
    }

    fn tell_unreadable(&mut self, n: usize) {
        if n > 0 {
            self.status = Some((crate::i18n::ui::unreadable_dropped(self.lang, n), super::app::Tone::Bad));
        }
    }

    fn type_pasted(&mut self, presses: Vec<KeyEvent>) {
        if !self.text_focused() {
            return;
        }
        if let Overlay::Form(form) = &mut self.overlay {
            // Straight into the field, with one crash-safe draft for the
            // whole paste rather than one (flushed to disk) per letter.
            let mut edited = false;
            for key in presses.into_iter().filter_map(as_text) {
                edited |= form.handle(key) == FormEvent::Edited;
            }
            if edited {
                draft::keep(&self.store, form);
            }
            return;
        }
        for key in presses.into_iter().filter_map(as_text) {
            // The lookup box, or a screen's filter or chooser line.
            if self.text_focused() {
                self.on_key(key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn one_key_or_keys_without_letters_are_typed() {
        assert!(!is_paste(&[k(KeyCode::Char('a'))]));
        assert!(!is_paste(&[k(KeyCode::Enter)]));
        assert!(!is_paste(&[k(KeyCode::Down), k(KeyCode::Down), k(KeyCode::Enter)]));
    }

    #[test]
    fn keys_together_with_a_letter_are_pasted() {
        assert!(is_paste(&[k(KeyCode::Char('5')), k(KeyCode::Enter)]));
        assert!(is_paste(&[k(KeyCode::Backspace), k(KeyCode::Char('á'))]));
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(!is_paste(&[ctrl_s, ctrl_s]), "a command key is no letter");
        let altgr = KeyEvent::new(KeyCode::Char('@'), KeyModifiers::CONTROL | KeyModifiers::ALT);
        assert!(is_paste(&[altgr, k(KeyCode::Enter)]));
    }

    #[test]
    fn marked_text_becomes_keys_with_one_enter_per_line_break() {
        let codes: Vec<KeyCode> = keys_of("Lê\r\nAn\tB\x1b\rC\nD").into_iter().map(|k| k.code).collect();
        use KeyCode::{Char, Enter, Tab};
        assert_eq!(
            codes,
            [Char('L'), Char('ê'), Enter, Char('A'), Char('n'), Tab, Char('B'), Enter, Char('C'), Enter, Char('D')]
        );
    }

    #[test]
    fn unreadable_characters_are_no_keys() {
        let codes: Vec<KeyCode> = keys_of("L\u{FFFD}ê\u{FFFD}\u{FFFD}").into_iter().map(|k| k.code).collect();
        assert_eq!(codes, [KeyCode::Char('L'), KeyCode::Char('ê')]);
    }

    #[test]
    fn pasted_line_breaks_become_spaces_and_other_keys_do_nothing() {
        assert_eq!(as_text(k(KeyCode::Enter)), Some(k(KeyCode::Char(' '))));
        assert_eq!(as_text(k(KeyCode::Tab)), Some(k(KeyCode::Char(' '))));
        assert_eq!(as_text(k(KeyCode::Char('ễ'))), Some(k(KeyCode::Char('ễ'))));
        assert_eq!(as_text(k(KeyCode::Backspace)), Some(k(KeyCode::Backspace)));
        for code in [KeyCode::Esc, KeyCode::Down, KeyCode::F(10), KeyCode::Delete] {
            assert_eq!(as_text(k(code)), None, "{code:?}");
        }
        assert_eq!(as_text(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)), None);
    }
}
