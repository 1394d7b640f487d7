//! The book dialog of the Mediation screen (`b`): which mediation team
//! (Tab), which year (Up, Down; none after this one), the file's path and,
//! since the book names the parties, the passphrase it is locked with,
//! typed twice in masked fields. Enter steps from the path to the
//! passphrase and its repeat (Backspace on an empty one steps back), then
//! writes that team's book for that year (`report::book`) inside a ZIP
//! locked with it (`ho.xlsx.zip`). It opens on the team whose book the
//! selected case is in and on the year filtered, else the case's year.
//!
//! Like the Reports screen's export dialog it never writes: Enter returns an
//! [`Effect::Book`] with a [`Job`]; the app draws the busy note, runs the job
//! and hands the result to [`State::book_done`].

use std::path::PathBuf;

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::State;
use crate::domain::operator::{AccessEvent, check_passphrase};
use crate::domain::{EntityKind, FieldError, Id, Lang, MediationCase, Problem, Team};
use crate::i18n;
use crate::i18n::locked::LockText as L;
use crate::i18n::mediation::MediationText as T;
use crate::output::locked::{self, Passphrase};
use crate::output::{self, Existing, OutputError};
use crate::report::book::words::BookText as B;
use crate::report::book::{self, Book};
use crate::report::export::ExportError;
use crate::report::export::words::ExportText as W;
use crate::store::StoreError;
use crate::tui::folder::{Folder, path_line};
use crate::tui::masked::{Edit, Masked};
use crate::tui::screens::{Ctx, Effect};
use crate::tui::theme::Theme;

pub struct Dialog {
    teams: Vec<Team>,
    team: usize,
    year: u16,
    /// This year: no book is written for a year to come.
    last_year: u16,
    path: Input,
    /// The clerk typed in the path: it no longer follows the team and year.
    typed: bool,
    /// The passphrase and its repeat, masked.
    pass: Masked,
    again: Masked,
    /// The field the keys type into.
    focus: Focus,
    folder: Folder,
    note: Option<Note>,
    /// Enter was pressed: the job is with the app.
    running: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum Note {
    /// The file exists: the next Enter replaces it.
    Overwrite,
    EmptyName,
    Failed(String),
}

/// The text field the keys type into; Enter steps down them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Focus {
    File,
    Pass,
    Again,
}

/// One book to write.
pub struct Job {
    pub team: Id,
    pub year: u16,
    /// The locked ZIP to write (`….xlsx.zip`).
    pub path: PathBuf,
    /// Replace an existing file: the clerk confirmed.
    pub existing: Existing,
    pub passphrase: Passphrase,
}

/// Why a job failed: reading the ledger, or writing the file.
pub enum JobError {
    Store(StoreError),
    Export(ExportError),
}

impl Job {
    /// Reads the team's cases of the year, writes the locked book and logs
    /// it in the access log; returns the file and how many cases it lists.
    pub fn run(&self, ctx: &Ctx) -> Result<(PathBuf, usize), JobError> {
        let team = ctx.store.get::<Team>(self.team).map_err(JobError::Store)?;
        let team = team.ok_or(JobError::Store(StoreError::NotFound { kind: EntityKind::Team, id: self.team }))?;
        let book = Book::load(ctx.store, &team, self.year, ctx.lang).map_err(JobError::Store)?;
        let now = ctx.store.now();
        let file = book::write(&book, &self.path, &self.passphrase, now, self.existing).map_err(JobError::Export)?;
        let event = AccessEvent::ExportedBook { team: team.name, year: self.year, file: file.display().to_string() };
        ctx.store.log_access(event).map_err(JobError::Store)?;
        Ok((file, book.entries.len()))
    }
}

impl State {
    /// Where the dialog proposes to write (tests pin it).
    pub fn set_book_folder(&mut self, path: PathBuf, documents: bool) {
        self.book_folder = Folder { path, documents };
    }

    /// `b`: opens the dialog on the selected case's team and year.
    pub(super) fn open_book(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        let teams = book::mediation_teams(ctx.store)?;
        if teams.is_empty() {
            return Ok(Effect::Status(T::BookNoTeam.get(ctx.lang).to_string()));
        }
        let case = match self.current() {
            Some((id, _)) => ctx.store.get::<MediationCase>(id)?,
            None => None,
        };
        let wanted = match &case {
            Some(c) => book::team_of_case(ctx.store, c)?,
            None => None,
        };
        let this_year = u16::try_from(ctx.today.year()).unwrap_or(0);
        let year = self.filter.year.or(case.as_ref().map(|c| c.year)).unwrap_or(this_year);
        let team = wanted.and_then(|id| teams.iter().position(|t| t.id == id)).unwrap_or(0);
        let mut dialog = Dialog {
            teams,
            team,
            year: year.min(this_year),
            last_year: this_year,
            path: Input::default(),
            typed: false,
            pass: Masked::default(),
            again: Masked::default(),
            focus: Focus::File,
            folder: self.book_folder.clone(),
            note: None,
            running: false,
        };
        dialog.propose(ctx.lang);
        self.book = Some(dialog);
        Ok(Effect::None)
    }

    /// A key while the dialog is open.
    pub(super) fn book_key(&mut self, key: KeyEvent, lang: Lang) -> Effect {
        let Some(d) = &mut self.book else { return Effect::None };
        if d.running {
            return Effect::None;
        }
        match key.code {
            KeyCode::Esc => self.book = None,
            KeyCode::Tab => d.step_team(1, lang),
            KeyCode::BackTab => d.step_team(d.teams.len().saturating_sub(1), lang),
            KeyCode::Up | KeyCode::PageUp => d.step_year(1, lang),
            KeyCode::Down | KeyCode::PageDown => d.step_year(-1, lang),
            KeyCode::Enter => return d.enter(lang),
            _ => d.type_key(key),
        }
        Effect::None
    }

    /// The job's result: closes the dialog and says where the book went,
    /// or keeps it open with the reason. The words go to the status line.
    pub fn book_done(&mut self, result: Result<(PathBuf, usize), JobError>, lang: Lang) -> Result<String, String> {
        match result {
            Ok((file, cases)) => {
                self.book = None;
                let rows = B::Rows.get(lang);
                Ok(format!("{}: {} ({cases} {rows}). {}", W::Exported.get(lang), file.display(), L::Locked.get(lang)))
            }
            Err(e) => {
                let overwrite = matches!(e, JobError::Export(ExportError::Output(OutputError::Exists(_))));
                let text = match e {
                    _ if overwrite => W::Overwrite.get(lang).to_string(),
                    JobError::Store(e) => i18n::store_error(lang, &e),
                    JobError::Export(e) => crate::report::export::words::error(lang, &e),
                };
                if let Some(d) = &mut self.book {
                    d.running = false;
                    d.note = Some(if overwrite { Note::Overwrite } else { Note::Failed(text.clone()) });
                }
                Err(text)
            }
        }
    }
}

impl Dialog {
    /// The path proposed for the team and year chosen, unless one was typed.
    fn propose(&mut self, lang: Lang) {
        if self.typed {
            return;
        }
        if let Some(team) = self.teams.get(self.team) {
            let name = book::default_file_name(team, self.year, lang);
            let zip = locked::zip_path(&self.folder.path.join(name));
            self.path = Input::new(zip.display().to_string());
        }
    }

    fn step_team(&mut self, by: usize, lang: Lang) {
        self.team = (self.team + by) % self.teams.len().max(1);
        self.note = None;
        self.propose(lang);
    }

    fn step_year(&mut self, by: i32, lang: Lang) {
        let year = i32::from(self.year) + by;
        self.year = u16::try_from(year.clamp(1900, i32::from(self.last_year))).unwrap_or(self.year);
        self.note = None;
        self.propose(lang);
    }

    /// A key that types: into the field that has the focus.
    fn type_key(&mut self, key: KeyEvent) {
        let edit = match self.focus {
            Focus::File => {
                let changed = self.path.handle_event(&Event::Key(key)).is_some_and(|c| c.value);
                self.typed |= changed;
                if changed { Edit::Changed } else { Edit::Ignored }
            }
            Focus::Pass => self.pass.key(key),
            Focus::Again => self.again.key(key),
        };
        match edit {
            Edit::Changed => self.note = None,
            Edit::BackOnEmpty => self.focus = if self.focus == Focus::Again { Focus::Pass } else { Focus::File },
            Edit::Ignored => {}
        }
    }

    /// Enter: checks the field left and steps to the next; on the last
    /// one, writes.
    fn enter(&mut self, lang: Lang) -> Effect {
        match self.focus {
            Focus::File => {
                if self.target(lang).is_some() {
                    self.focus = Focus::Pass;
                }
                Effect::None
            }
            Focus::Pass => {
                match check_passphrase(self.pass.text()) {
                    Ok(()) => self.focus = Focus::Again,
                    Err(e) => self.refuse_passphrase(lang, &e),
                }
                Effect::None
            }
            Focus::Again => self.submit(lang),
        }
    }

    /// The ZIP the path typed names (`so.xlsx` -> `so.xlsx.zip`), or a
    /// note saying why there is none; the focus then goes back to the path.
    fn target(&mut self, lang: Lang) -> Option<PathBuf> {
        let typed = self.path.value().trim();
        let note = if typed.is_empty() {
            Note::EmptyName
        } else {
            let mut path = PathBuf::from(typed);
            if path.extension().is_none() {
                path.set_extension("xlsx");
            }
            match output::refuse_ledger(&path) {
                Ok(()) => return Some(locked::zip_path(&path)),
                Err(e) => Note::Failed(i18n::output::error(lang, &e)),
            }
        };
        self.note = Some(note);
        self.focus = Focus::File;
        None
    }

    /// The passphrase's problem, naming its field, which is emptied (what
    /// was typed there cannot be seen) and gets the focus.
    fn refuse_passphrase(&mut self, lang: Lang, e: &FieldError) {
        self.note = Some(Note::Failed(i18n::locked::field_error(lang, e)));
        if e.problem == Problem::Mismatch {
            self.again.clear();
            self.focus = Focus::Again;
        } else {
            self.pass.clear();
            self.focus = Focus::Pass;
        }
    }

    fn submit(&mut self, lang: Lang) -> Effect {
        let Some(path) = self.target(lang) else { return Effect::None };
        let passphrase = match Passphrase::new(self.pass.text(), Some(self.again.text())) {
            Ok(p) => p,
            Err(e) => {
                self.refuse_passphrase(lang, &e);
                return Effect::None;
            }
        };
        let confirmed = self.note == Some(Note::Overwrite);
        if (path.is_file() || path.is_symlink()) && !confirmed {
            self.note = Some(Note::Overwrite);
            return Effect::None;
        }
        let Some(team) = self.teams.get(self.team) else { return Effect::None };
        self.note = None;
        self.running = true;
        let existing = if confirmed { Existing::Replace } else { Existing::Refuse };
        Effect::Book(Box::new(Job { team: team.id, year: self.year, path, existing, passphrase }))
    }

    /// Drawn over the Mediation screen, in the middle of `area`.
    pub fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        let width = area.width.min(78);
        let [row] = Layout::vertical([Constraint::Length(12.min(area.height))]).flex(Flex::Center).areas(area);
        let [cell] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
        Clear.render(cell, buf);
        let title = format!(" {} ", capitalized(B::Title.get(lang)));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(Theme::border())
            .title(Span::styled(title, Theme::title()))
            .title_bottom(Span::styled(format!(" {} ", T::BookHint.get(lang)), Theme::dim()));
        let inner = block.inner(cell);
        block.render(cell, buf);
        let [team, year, file, place, pass, again, lock, note] =
            Layout::vertical([1, 1, 1, 1, 1, 1, 1, 3].map(Constraint::Length)).areas(inner);
        let name = self.teams.get(self.team).map(|t| t.name.as_str()).unwrap_or_default();
        let count = format!(" ({}/{})", self.team + 1, self.teams.len());
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{}: ", T::BookTeam.get(lang)), Theme::header()),
            Span::styled(format!("◂ {name} ▸"), Theme::tab_active()),
            Span::styled(count, Theme::dim()),
        ]))
        .render(team, buf);
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{}: ", T::BookYear.get(lang)), Theme::header()),
            Span::styled(format!("▴{}▾", self.year), Theme::tab_active()),
        ]))
        .render(year, buf);
        Paragraph::new(self.path_line(lang, file.width)).render(file, buf);
        let where_ = if self.folder.documents { W::InDocuments } else { W::InCurrent };
        Paragraph::new(Span::styled(where_.get(lang), Theme::dim())).render(place, buf);
        let focused = |f: Focus| self.focus == f && !self.running;
        Paragraph::new(self.pass.line(L::Passphrase.get(lang), focused(Focus::Pass), pass.width)).render(pass, buf);
        Paragraph::new(self.again.line(L::Again.get(lang), focused(Focus::Again), again.width)).render(again, buf);
        Paragraph::new(Span::styled(L::BookNote.get(lang), Theme::dim())).render(lock, buf);
        let (text, style) = self.note_text(lang);
        Paragraph::new(Span::styled(text, style)).wrap(Wrap { trim: true }).render(note, buf);
    }

    /// The path, with its cursor while it has the focus; else its end,
    /// "…" marking what is cut.
    fn path_line(&self, lang: Lang, width: u16) -> Line<'static> {
        if self.focus == Focus::File && !self.running {
            return path_line(W::DialogFile.get(lang), &self.path, width);
        }
        let label = format!("{}: ", W::DialogFile.get(lang));
        let room = usize::from(width).saturating_sub(label.chars().count());
        let value: Vec<char> = self.path.value().chars().collect();
        // Cut at the front, marked, so the file's own name shows whole.
        let shown: String = if value.len() > room {
            std::iter::once('…').chain(value[value.len() + 1 - room.max(1)..].iter().copied()).collect()
        } else {
            value.iter().collect()
        };
        Line::from(vec![Span::styled(label, Theme::header()), Span::styled(shown, Theme::input())])
    }

    fn note_text(&self, lang: Lang) -> (String, ratatui::style::Style) {
        match (&self.note, self.running) {
            (_, true) => (T::BookWriting.get(lang).into(), Theme::warn()),
            (Some(Note::Overwrite), _) => (W::Overwrite.get(lang).into(), Theme::warn()),
            (Some(Note::EmptyName), _) => (W::EmptyName.get(lang).into(), Theme::bad()),
            (Some(Note::Failed(text)), _) => (text.clone(), Theme::bad()),
            (None, _) => (String::new(), Theme::dim()),
        }
    }
}

/// "Sổ theo dõi hoạt động hòa giải ở cơ sở" from the form's capitals.
fn capitalized(title: &str) -> String {
    let lower = title.to_lowercase();
    let mut chars = lower.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
