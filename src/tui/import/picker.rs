//! The import dialog's file picker: a line holding a path, and below it
//! the folder that path names, listed (its sub-folders, then its .csv and
//! .xlsx files; hidden entries left out). The text after the last
//! separator narrows the list as it is typed; ↑↓ choose, Enter opens a
//! folder or reads a file, Backspace on a bare folder goes up. A path
//! typed or pasted whole is read as it is, so a file the list does not
//! show (another extension, a folder that cannot be listed) still opens.
//! Listing a folder happens on a key, never while drawing.

use std::path::{MAIN_SEPARATOR, Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::domain::Lang;
use crate::domain::text::fold;
use crate::i18n::importing::ImportingText as T;
use crate::tui::fit::{cut, wrap};
use crate::tui::theme::Theme;

/// Files the importers read.
const EXTENSIONS: [&str; 2] = ["csv", "xlsx"];

pub struct Picker {
    input: Input,
    /// The folder part of the text when it was last listed.
    listed: String,
    entries: Vec<Entry>,
    cannot_list: bool,
    /// Position in the shown (narrowed) list.
    sel: usize,
    /// Why the last file could not be read.
    pub error: Option<String>,
}

struct Entry {
    name: String,
    folded: String,
    folder: bool,
}

/// What a key in the picker asks for.
pub enum Picked {
    Stay,
    Read(PathBuf),
}

impl Picker {
    /// Lists `folder`, its path typed in, ready for a name.
    pub fn new(folder: &Path) -> Picker {
        let mut text = folder.display().to_string();
        if !text.is_empty() && !text.ends_with(is_separator) {
            text.push(MAIN_SEPARATOR);
        }
        Picker::typed(text)
    }

    /// The picker with `text` typed in (a path that could not be read).
    pub fn typed(text: String) -> Picker {
        let mut picker = Picker {
            input: Input::new(text),
            listed: String::new(),
            entries: Vec::new(),
            cannot_list: false,
            sel: 0,
            error: None,
        };
        picker.list();
        picker
    }

    pub fn handle(&mut self, key: KeyEvent) -> Picked {
        let shown = self.shown().len();
        match key.code {
            KeyCode::Up => self.sel = self.sel.saturating_sub(1),
            KeyCode::Down => self.sel = (self.sel + 1).min(shown.saturating_sub(1)),
            KeyCode::PageUp => self.sel = self.sel.saturating_sub(10),
            KeyCode::PageDown => self.sel = (self.sel + 10).min(shown.saturating_sub(1)),
            KeyCode::Enter => return self.enter(),
            KeyCode::Backspace if key.modifiers == KeyModifiers::NONE && self.at_bare_folder() => self.go_up(),
            _ => {
                if self.input.handle_event(&Event::Key(key)).is_some_and(|c| c.value) {
                    if let Some(fresh) = restarted(self.input.value()) {
                        self.input = Input::new(fresh);
                    }
                    self.error = None;
                    self.sel = 0;
                    self.list();
                }
            }
        }
        Picked::Stay
    }

    /// Enter: the chosen entry when no name is typed; else the path typed
    /// (a file read, a folder opened); else the entry the name narrowed to.
    fn enter(&mut self) -> Picked {
        let text = self.input.value().trim().to_string();
        let (_, name) = split(&text);
        if name.is_empty()
            && let Some(i) = self.chosen()
        {
            return self.activate(i);
        }
        let path = PathBuf::from(&text);
        if path.is_file() {
            return Picked::Read(path);
        }
        if path.is_dir() && !name.is_empty() {
            self.open(&path);
            return Picked::Stay;
        }
        match self.chosen() {
            Some(i) => self.activate(i),
            None if text.is_empty() => Picked::Stay,
            None => Picked::Read(path),
        }
    }

    /// Opens the entry at `i` of `entries` (None: the folder above).
    fn activate(&mut self, entry: Option<usize>) -> Picked {
        let Some(entry) = entry.and_then(|i| self.entries.get(i)) else {
            self.go_up();
            return Picked::Stay;
        };
        let path = PathBuf::from(format!("{}{}", self.listed, entry.name));
        if entry.folder {
            self.open(&path);
            return Picked::Stay;
        }
        Picked::Read(path)
    }

    fn open(&mut self, folder: &Path) {
        *self = Picker::new(folder);
    }

    /// Backspace with only a folder typed: its parent, with the folder
    /// just left chosen.
    fn go_up(&mut self) {
        let here = self.listed.trim_end_matches(is_separator).to_string();
        let Some(parent) = Path::new(&here).parent().filter(|p| !p.as_os_str().is_empty()) else { return };
        let left = Path::new(&here).file_name().map(|n| n.to_string_lossy().into_owned());
        self.open(parent);
        if let Some(i) =
            left.and_then(|n| self.shown().iter().position(|e| e.is_some_and(|e| self.entries[e].name == n)))
        {
            self.sel = i;
        }
    }

    fn at_bare_folder(&self) -> bool {
        let text = self.input.value();
        split(text).1.is_empty() && !text.is_empty() && self.input.cursor() == text.chars().count()
    }

    /// Lists the folder the text names, if it changed since last listed.
    fn list(&mut self) {
        let (folder, _) = split(self.input.value());
        if folder == self.listed && !self.listed.is_empty() {
            return;
        }
        self.listed = folder.to_string();
        self.entries.clear();
        self.cannot_list = false;
        if folder.is_empty() {
            return;
        }
        match std::fs::read_dir(folder) {
            Ok(dir) => self.entries = dir.filter_map(|e| entry(&e.ok()?)).collect(),
            Err(_) => self.cannot_list = true,
        }
        self.entries.sort_by(|a, b| (!a.folder, &a.folded, &a.name).cmp(&(!b.folder, &b.folded, &b.name)));
    }

    /// The entries shown, narrowed by the name typed: indexes into
    /// `entries`, `None` for the folder above (shown while no name is).
    fn shown(&self) -> Vec<Option<usize>> {
        let name = fold(split(self.input.value()).1);
        let up = name.is_empty() && Path::new(self.listed.trim_end_matches(is_separator)).parent().is_some();
        let up = up.then_some(None);
        up.into_iter()
            .chain((0..self.entries.len()).filter(|i| self.entries[*i].folded.contains(&name)).map(Some))
            .collect()
    }

    fn chosen(&self) -> Option<Option<usize>> {
        self.shown().get(self.sel).copied()
    }

    /// Draws the prompt, the path, the last error and the list.
    pub fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        let mut lines: Vec<Line> = wrap(T::FilePrompt.get(lang), width).into_iter().map(Line::raw).collect();
        let scroll = self.input.visual_scroll(width.saturating_sub(1));
        lines.push(Line::styled(self.input.value().chars().skip(scroll).collect::<String>(), Theme::input()));
        if let Some(e) = &self.error {
            lines.extend(wrap(e, width).into_iter().map(|l| Line::styled(l, Theme::bad())));
        }
        lines.push(Line::default());
        let room = usize::from(area.height).saturating_sub(lines.len());
        lines.extend(self.list_lines(lang, room, width));
        Paragraph::new(lines).render(area, buf);
    }

    /// The list's visible window, the chosen row in it.
    fn list_lines(&self, lang: Lang, room: usize, width: usize) -> Vec<Line<'static>> {
        let shown = self.shown();
        let first = (self.sel + 1).saturating_sub(room.max(1));
        let rows = shown.iter().enumerate().skip(first).take(room).map(|(n, e)| {
            let (mark, style) = if n == self.sel { ("▸ ", Theme::selected()) } else { ("  ", Style::new()) };
            let text = self.row_text(*e, lang);
            Line::from(Span::styled(format!("{mark}{}", cut(&text, width.saturating_sub(2))), style))
        });
        let mut lines: Vec<Line> = rows.collect();
        if shown.iter().all(Option::is_none) {
            let why = if self.cannot_list {
                T::CannotList
            } else if self.entries.is_empty() {
                T::NoFiles
            } else {
                T::NoMatch
            };
            lines.push(Line::styled(why.get(lang), Theme::dim()));
        }
        lines
    }

    /// "ho.csv", "nam-2025/", or the folder above.
    fn row_text(&self, entry: Option<usize>, lang: Lang) -> String {
        match entry.and_then(|i| self.entries.get(i)) {
            Some(e) if e.folder => format!("{}{}", e.name, MAIN_SEPARATOR),
            Some(e) => e.name.clone(),
            None => format!("..{MAIN_SEPARATOR}  {}", T::Up.get(lang)),
        }
    }

    /// Where the terminal cursor goes: on the path's line.
    pub fn cursor(&self, lang: Lang, area: Rect) -> Option<(u16, u16)> {
        let width = usize::from(area.width);
        let row = wrap(T::FilePrompt.get(lang), width).len();
        let x = self.input.visual_cursor().saturating_sub(self.input.visual_scroll(width.saturating_sub(1)));
        Some((area.x + u16::try_from(x).ok()?, area.y + u16::try_from(row).ok()?))
    }
}

/// A sub-folder, or a file an importer reads; hidden ones are left out.
fn entry(e: &std::fs::DirEntry) -> Option<Entry> {
    let name = e.file_name().to_str()?.to_string();
    if name.starts_with('.') {
        return None;
    }
    let folder = e.path().is_dir();
    let ext = Path::new(&name).extension().and_then(|x| x.to_str()).map(str::to_ascii_lowercase);
    if !folder && !ext.is_some_and(|x| EXTENSIONS.contains(&x.as_str())) {
        return None;
    }
    Some(Entry { folded: fold(&name), name, folder })
}

fn is_separator(c: char) -> bool {
    c == '/' || c == MAIN_SEPARATOR
}

/// A whole path typed (or pasted) after the folder shown, from where it
/// starts: a "/" or a drive ("D:") just after a separator, so
/// "/tmp//home/a.xlsx" reads "/home/a.xlsx" and "C:\\Users\\D:\\so.xlsx"
/// reads "D:\\so.xlsx". `None` when the text is one path.
fn restarted(text: &str) -> Option<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let starts_again = |k: usize| {
        let (Some((_, before)), Some((_, c))) = (chars.get(k.wrapping_sub(1)), chars.get(k)) else { return false };
        let drive = c.is_ascii_alphabetic() && chars.get(k + 1).is_some_and(|(_, n)| *n == ':');
        k > 0 && is_separator(*before) && (*c == '/' || drive)
    };
    let k = (1..chars.len()).rev().find(|k| starts_again(*k))?;
    chars.get(k).map(|(i, _)| text[*i..].to_string())
}

/// The text up to and with its last separator, and the name after it.
fn split(text: &str) -> (&str, &str) {
    match text.rfind(is_separator) {
        Some(i) => text.split_at(i + 1),
        None => ("", text),
    }
}

#[cfg(test)]
mod path_tests {
    use super::restarted;

    #[test]
    fn a_whole_path_typed_after_the_folder_starts_again() {
        assert_eq!(restarted("/tmp//home/a.xlsx").as_deref(), Some("/home/a.xlsx"));
        assert_eq!(restarted("/tmp/so/a.xlsx"), None);
        // A drive after a separator (a Windows path typed over the folder).
        assert_eq!(restarted("C:/Users/D:/so.xlsx").as_deref(), Some("D:/so.xlsx"));
        assert_eq!(restarted("C:/Users/so.xlsx"), None);
        assert_eq!(restarted("/"), None);
    }
}
