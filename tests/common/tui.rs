//! Driving the interface from tests: a small seeded demo ledger on the fixed
//! clock, key strings written the way helix writes its test keys
//! ("2/nguyen<enter>", "<c-s>", "<f1>"), and drawing into ratatui's
//! `TestBackend`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use soxa::demo::{DemoOptions, generate};
use soxa::domain::Lang;
use soxa::store::Store;
use soxa::tui::App;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

use super::{now, open_at};

/// Households in the demo ledger of the interface tests: enough for every
/// screen to have something to show, small enough to build in a blink.
pub const HOUSEHOLDS: usize = 300;

/// The interface over its own demo ledger. The app (and its store) is
/// dropped before the temporary folder that holds the database.
pub struct Tui {
    pub app: App,
    /// The terminal's size, if the app is drawn between keys as the real
    /// event loop does (some screens remember how many rows fitted).
    size: Option<(u16, u16)>,
    tmp: TempDir,
}

impl Tui {
    /// A fresh demo ledger (300 households, seed 1, 23/11/2026 09:00),
    /// never drawn between keys.
    pub fn demo(lang: Lang) -> Tui {
        let tmp = tempfile::tempdir().expect("temp dir");
        let store = demo_store(&tmp);
        let app = App::new(store, lang).expect("open the interface");
        Tui { app, size: None, tmp }
    }

    /// A ledger built by `fill` on the fixed clock (a small hand-built
    /// commune), never drawn between keys.
    pub fn built(lang: Lang, fill: impl FnOnce(&Store)) -> Tui {
        let tmp = tempfile::tempdir().expect("temp dir");
        let store = open_at(&tmp.path().join("db"));
        fill(&store);
        let app = App::new(store, lang).expect("open the interface");
        Tui { app, size: None, tmp }
    }

    /// The same, drawn at `w` x `h` before every key, as on a terminal.
    pub fn at(lang: Lang, w: u16, h: u16) -> Tui {
        Tui { size: Some((w, h)), ..Tui::demo(lang) }
    }

    /// Feeds the keys of `keys` (see [`parse_keys`]) to the app.
    pub fn press(&mut self, keys: &str) -> &mut Tui {
        for key in parse_keys(keys) {
            if let Some((w, h)) = self.size {
                draw(&self.app, w, h);
            }
            self.app.on_key(key);
            // The event loop reloads a screen right after drawing "working".
            self.app.settle();
        }
        self
    }

    /// Draws the app as it is now into a `w` x `h` test terminal.
    pub fn draw(&self, w: u16, h: u16) -> Terminal<TestBackend> {
        draw(&self.app, w, h)
    }

    /// The text of the screen at `w` x `h`, rows joined by newlines.
    pub fn text(&self, w: u16, h: u16) -> String {
        screen_text(&self.draw(w, h))
    }

    pub fn store(&self) -> &Store {
        &self.app.store
    }

    /// Closes the app without a word, as a power cut would, and opens the
    /// same ledger again.
    pub fn reopen(self) -> Tui {
        let Tui { app, size, tmp } = self;
        let lang = app.lang;
        drop(app);
        let store = open_at(&tmp.path().join("db"));
        let app = App::new(store, lang).expect("open the interface again");
        Tui { app, size, tmp }
    }
}

impl Tui {
    /// Like [`Tui::reopen`], but `between` runs on the closed ledger's
    /// folder first (another soxa's import, a purge, a restore).
    pub fn reopen_after(self, between: impl FnOnce(&std::path::Path)) -> Tui {
        let Tui { app, size, tmp } = self;
        let lang = app.lang;
        drop(app);
        between(&tmp.path().join("db"));
        let store = open_at(&tmp.path().join("db"));
        let app = App::new(store, lang).expect("open the interface again");
        Tui { app, size, tmp }
    }
}

/// Opens a store in `tmp/db` on the fixed clock and fills it with the demo.
pub fn demo_store(tmp: &TempDir) -> Store {
    let store = open_at(&tmp.path().join("db"));
    let opts = DemoOptions { households: HOUSEHOLDS, seed: 1, today: now().date() };
    generate(&store, &opts).expect("generate the demo");
    store
}

pub fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
    terminal
}

/// The characters of the test terminal, rows joined by newlines (the cell
/// after a wide character is skipped, as a terminal shows it).
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = symbol.width().saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}

/// Parses a key string: plain characters are typed as they are (an upper
/// case letter carries Shift, as terminals report it), and `<...>` names a
/// key: `<enter>` `<esc>` `<tab>` `<s-tab>` `<bs>` `<del>` `<space>`
/// `<up>` `<down>` `<left>` `<right>` `<home>` `<end>` `<pgup>` `<pgdown>`
/// `<f1>`..`<f12>` `<lt>` (a literal `<`), with modifiers `c-` (Ctrl),
/// `a-` (Alt), `s-` (Shift) before it, in either case as helix writes them:
/// `<c-s>`, `<C-z>`, `<a-x>`.
pub fn parse_keys(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let name = if c == '<' { rest[1..].find('>').map(|end| &rest[1..=end]) } else { None };
        match name {
            Some(name) => {
                out.push(named_key(name));
                rest = &rest[name.len() + 2..];
            }
            None => {
                out.push(char_key(c));
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

fn char_key(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    KeyEvent::new(KeyCode::Char(c), mods)
}

fn named_key(name: &str) -> KeyEvent {
    let mut mods = KeyModifiers::NONE;
    let mut base = name;
    loop {
        let (m, rest) = match base.split_at_checked(2) {
            Some(("c-" | "C-", rest)) if !rest.is_empty() => (KeyModifiers::CONTROL, rest),
            Some(("a-" | "A-", rest)) if !rest.is_empty() => (KeyModifiers::ALT, rest),
            Some(("s-" | "S-", rest)) if !rest.is_empty() => (KeyModifiers::SHIFT, rest),
            _ => break,
        };
        mods |= m;
        base = rest;
    }
    let code = match base.to_ascii_lowercase().as_str() {
        "enter" | "ret" | "cr" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "bs" | "backspace" => KeyCode::Backspace,
        "del" | "delete" => KeyCode::Delete,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdown" | "pagedown" => KeyCode::PageDown,
        "lt" => KeyCode::Char('<'),
        "gt" => KeyCode::Char('>'),
        f if f.starts_with('f') && f.len() > 1 => KeyCode::F(f[1..].parse().unwrap_or_else(|_| panic!("key <{name}>"))),
        _ => {
            let mut chars = base.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCode::Char(c),
                _ => panic!("unknown key <{name}> in a key string"),
            }
        }
    };
    KeyEvent::new(code, mods)
}
