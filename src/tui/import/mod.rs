//! The import dialog ("Nhập dữ liệu" in Settings, `i` on the Households
//! and Teams screens): the clerk picks what to import (`choice`: skipped
//! when the screen imports one kind only), then the file (`picker`: a
//! folder's .csv and .xlsx files, or a path typed), soxa reads it and
//! shows the dry-run report (counts, the hamlets and teams it would
//! create, every refused row with its reasons; it scrolls), and Enter
//! imports it, creating the missing hamlets the report named. Esc leaves
//! at any step without writing.
//!
//! Reading and writing take a few seconds on a large file, so they wait
//! for the app to draw "reading…"/"writing…" first (`pending`, then
//! `settle`, as screens do their slow reloads). The dialog never writes:
//! `settle` returns the confirmed import, and `App` writes it as one
//! change, which one Ctrl+Z takes back.

mod choice;
mod draw;
mod picker;

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub use choice::Choice;
use picker::{Picked, Picker};

use crate::domain::Lang;
use crate::import::words;
use crate::import::{Import, Tense};
use crate::store::Store;

pub struct ImportDialog {
    /// The kinds offered (the first step lists them when there are several).
    choices: &'static [Choice],
    /// Where the picker starts.
    folder: PathBuf,
    step: Step,
}

enum Step {
    /// Choosing what to import.
    Kind {
        sel: usize,
    },
    /// Choosing the file; the last attempt's error below its path.
    File {
        choice: Choice,
        picker: Box<Picker>,
    },
    /// Waiting for a frame to show "reading" before reading.
    Reading {
        choice: Choice,
        path: PathBuf,
    },
    Report {
        choice: Choice,
        path: PathBuf,
        import: Box<Import>,
        lines: Vec<String>,
        scroll: usize,
    },
    /// Confirmed: waiting for a frame to show "writing" before the app writes.
    Writing {
        choice: Choice,
        path: PathBuf,
        import: Box<Import>,
    },
}

pub enum DialogEvent {
    Stay,
    Close,
}

/// What the dialog is showing, for the bottom line's keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Kind,
    File,
    Report,
    Busy,
}

/// What `settle` hands the app: a confirmed import to write.
pub struct Confirmed {
    pub path: PathBuf,
    pub import: Import,
}

impl ImportDialog {
    /// Opens on the list of `choices`, or on the file picker over `folder`
    /// when there is only one.
    pub fn new(choices: &'static [Choice], folder: &Path) -> ImportDialog {
        let step = match choices {
            [one] => Step::File { choice: *one, picker: Box::new(Picker::new(folder)) },
            _ => Step::Kind { sel: 0 },
        };
        ImportDialog { choices, folder: folder.to_path_buf(), step }
    }

    /// True while a read or a write waits for the next frame.
    pub fn pending(&self) -> bool {
        self.stage() == Stage::Busy
    }

    /// True while its report is shown, waiting for yes or no.
    pub fn reviewing(&self) -> bool {
        self.stage() == Stage::Report
    }

    /// True while the file's path is being typed (a paste goes there).
    pub fn typing(&self) -> bool {
        self.stage() == Stage::File
    }

    pub fn stage(&self) -> Stage {
        match self.step {
            Step::Kind { .. } => Stage::Kind,
            Step::File { .. } => Stage::File,
            Step::Report { .. } => Stage::Report,
            Step::Reading { .. } | Step::Writing { .. } => Stage::Busy,
        }
    }

    pub fn handle(&mut self, key: KeyEvent) -> DialogEvent {
        if key.code == KeyCode::Esc {
            return DialogEvent::Close;
        }
        match &mut self.step {
            Step::Kind { sel } => self.step = kind_key(self.choices, sel, key, &self.folder),
            Step::File { choice, picker } => {
                if let Picked::Read(path) = picker.handle(key) {
                    self.step = Step::Reading { choice: *choice, path };
                }
            }
            Step::Report { scroll, lines, .. } => {
                let last = lines.len().saturating_sub(1);
                match key.code {
                    KeyCode::Char('k' | 'K' | 'n' | 'N') => return DialogEvent::Close,
                    KeyCode::Enter | KeyCode::Char('c' | 'C' | 'y' | 'Y') => return self.confirm(),
                    KeyCode::Down => *scroll = (*scroll + 1).min(last),
                    KeyCode::Up => *scroll = scroll.saturating_sub(1),
                    KeyCode::PageDown => *scroll = (*scroll + 10).min(last),
                    KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
                    KeyCode::Home => *scroll = 0,
                    KeyCode::End => *scroll = last,
                    _ => {}
                }
            }
            Step::Reading { .. } | Step::Writing { .. } => {}
        }
        DialogEvent::Stay
    }

    /// Enter on the report: write, unless there is nothing to write.
    fn confirm(&mut self) -> DialogEvent {
        let step = std::mem::replace(&mut self.step, Step::Kind { sel: 0 });
        match step {
            Step::Report { choice, path, import, .. } if writes_something(&import) => {
                self.step = Step::Writing { choice, path, import };
                DialogEvent::Stay
            }
            _ => DialogEvent::Close,
        }
    }

    /// Does the slow step the last frame announced: reads the file (and
    /// shows its report), or hands over the confirmed import.
    pub fn settle(&mut self, store: &Store, lang: Lang) -> Option<Confirmed> {
        let step = std::mem::replace(&mut self.step, Step::Kind { sel: 0 });
        match step {
            Step::Reading { choice, path } => {
                self.step = match choice.prepare(store, &path) {
                    Ok(import) => {
                        let lines = import.report(&path, lang, Tense::Will);
                        Step::Report { choice, path, import: Box::new(import), lines, scroll: 0 }
                    }
                    Err(e) => {
                        let mut picker = Picker::typed(path.display().to_string());
                        picker.error = Some(words::error(lang, &e));
                        Step::File { choice, picker: Box::new(picker) }
                    }
                };
                None
            }
            Step::Writing { path, import, .. } => Some(Confirmed { path, import: *import }),
            other => {
                self.step = other;
                None
            }
        }
    }
}

/// A key on the list of kinds: ↑↓ or its number choose, Enter goes on to
/// the file.
fn kind_key(choices: &'static [Choice], sel: &mut usize, key: KeyEvent, folder: &Path) -> Step {
    let last = choices.len().saturating_sub(1);
    match key.code {
        KeyCode::Up => *sel = sel.saturating_sub(1),
        KeyCode::Down => *sel = (*sel + 1).min(last),
        KeyCode::Home => *sel = 0,
        KeyCode::End => *sel = last,
        KeyCode::Char(c) if c.to_digit(10).is_some_and(|d| (1..=choices.len()).contains(&(d as usize))) => {
            *sel = c.to_digit(10).map_or(0, |d| d as usize - 1);
            return file_step(choices, *sel, folder);
        }
        KeyCode::Enter => return file_step(choices, *sel, folder),
        _ => {}
    }
    Step::Kind { sel: *sel }
}

fn file_step(choices: &'static [Choice], sel: usize, folder: &Path) -> Step {
    match choices.get(sel) {
        Some(choice) => Step::File { choice: *choice, picker: Box::new(Picker::new(folder)) },
        None => Step::Kind { sel },
    }
}

/// Where the picker starts: the folder holding the ledger, unless the
/// ledger is kept in the system's data folder (soxa's default place);
/// then the clerk's Documents, else home, else the current folder.
pub fn start_folder(ledger: &Path) -> PathBuf {
    let ledger = std::fs::canonicalize(ledger).unwrap_or_else(|_| ledger.to_path_buf());
    let base = directories::BaseDirs::new();
    let hidden =
        base.as_ref().is_some_and(|b| ledger.starts_with(b.data_dir()) || ledger.starts_with(b.data_local_dir()));
    let user = directories::UserDirs::new();
    let documents = user.as_ref().and_then(|u| u.document_dir()).filter(|d| d.is_dir());
    ledger
        .parent()
        .filter(|p| !hidden && p.is_dir())
        .or(documents)
        .or(user.as_ref().map(|u| u.home_dir()))
        .map(Path::to_path_buf)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}

fn writes_something(import: &Import) -> bool {
    let (create, update, _) = import.counts();
    create + update > 0
}
