//! A passphrase being typed in a dialog (the mediation book's): kept as
//! typed, drawn masked, one • per character, never in clear. Only
//! characters and Backspace edit it; the cursor stays at its end.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::{Line, Span};

use crate::tui::theme::Theme;

/// One masked field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Masked {
    text: String,
}

/// What a key did to a masked field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Changed,
    /// Backspace on an empty field: the dialog may step back a field.
    BackOnEmpty,
    Ignored,
}

impl Masked {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn clear(&mut self) {
        self.text.clear();
    }

    /// A character is added at the end, Backspace takes the last one away.
    pub fn key(&mut self, key: KeyEvent) -> Edit {
        let control = key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if !control && !c.is_control() => self.text.push(c),
            KeyCode::Backspace if self.text.is_empty() => return Edit::BackOnEmpty,
            KeyCode::Backspace => {
                self.text.pop();
            }
            _ => return Edit::Ignored,
        }
        Edit::Changed
    }

    /// "Mật khẩu: ••••••" within `width`, with the cursor after the last
    /// • when `focused`.
    pub fn line(&self, label: &str, focused: bool, width: u16) -> Line<'static> {
        let label = format!("{label}: ");
        let room = usize::from(width).saturating_sub(label.chars().count() + 1);
        let dots = "•".repeat(self.text.chars().count().min(room));
        let mut spans = vec![Span::styled(label, Theme::header()), Span::styled(dots, Theme::input())];
        if focused {
            spans.push(Span::styled(" ", Theme::key()));
        }
        Line::from(spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(m: &mut Masked, code: KeyCode) -> Edit {
        m.key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn typed_characters_are_kept_and_drawn_as_dots_only() {
        let mut m = Masked::default();
        for c in "mật khẩu".chars() {
            assert_eq!(press(&mut m, KeyCode::Char(c)), Edit::Changed);
        }
        assert_eq!(press(&mut m, KeyCode::Backspace), Edit::Changed);
        assert_eq!(m.text(), "mật khẩ");
        assert_eq!(press(&mut m, KeyCode::Left), Edit::Ignored);
        let line: String = m.line("Mật khẩu", true, 40).spans.iter().map(|s| s.content.to_string()).collect();
        assert_eq!(line, "Mật khẩu: ••••••• ");
        let narrow: String = m.line("Mật khẩu", false, 13).spans.iter().map(|s| s.content.to_string()).collect();
        assert_eq!(narrow, "Mật khẩu: ••");
        m.clear();
        assert_eq!(press(&mut m, KeyCode::Backspace), Edit::BackOnEmpty);
    }
}
