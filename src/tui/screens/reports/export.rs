//! The export dialog of the Reports screen (`x`): choose the format (Tab),
//! edit the file's path, Enter exports the period shown. The path is
//! proposed in the clerk's Documents folder (or the folder soxa runs from
//! when there is none), named after the period.
//!
//! The dialog never writes: Enter returns an [`Effect::Export`] with a
//! [`Job`]; the app draws the busy note, then runs the job and hands the
//! result back to [`State::export_done`], which closes the dialog (the
//! status line says "Đã xuất: <path>") or keeps it open with the reason.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::State;
use crate::domain::{Lang, Period};
use crate::i18n;
use crate::output::{self, Existing, OutputError};
use crate::report::export::words::ExportText as W;
use crate::report::export::{self, ExportError, ExportOptions, Format, Records};
use crate::store::StoreError;
use crate::tui::screens::{Ctx, Effect};
use crate::tui::theme::Theme;

pub use crate::tui::folder::Folder;

pub struct Dialog {
    format: Format,
    path: Input,
    documents: bool,
    note: Option<Note>,
    /// Enter was pressed: the job is with the app.
    running: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum Note {
    /// The file exists: the next Enter replaces it.
    Overwrite,
    EmptyName,
    /// The path is inside a ledger folder (the second path): refused
    /// before anything else, never offered for replacing.
    InLedger(PathBuf, PathBuf),
    Failed(String),
}

/// One export to run: the period shown, in the format and file chosen.
pub struct Job {
    pub format: Format,
    pub path: PathBuf,
    pub period: Period,
    /// Replace existing files: the clerk confirmed.
    pub existing: Existing,
}

/// Why a job failed: reading the ledger, or writing the file.
pub enum JobError {
    Store(StoreError),
    Export(ExportError),
}

impl Job {
    /// Reads the period's records, computes its summary and writes it.
    pub fn run(&self, ctx: &Ctx) -> Result<Vec<PathBuf>, JobError> {
        let data = super::load(ctx, &self.period).map_err(JobError::Store)?;
        let summary = crate::report::summarize(&data, &self.period);
        let records = Records::load(ctx.store, &summary).map_err(JobError::Store)?;
        let options = ExportOptions { include_personal: false, lang: ctx.lang, generated_at: ctx.store.now() };
        export::export(self.format, &data, &records, &summary, &options, &self.path, self.existing)
            .map_err(JobError::Export)
    }
}

impl State {
    /// Where the dialog proposes to write (tests pin it).
    pub fn set_export_folder(&mut self, path: PathBuf, documents: bool) {
        self.export_folder = Folder { path, documents };
    }

    /// `x`: opens the dialog on the last format used (XLSX at first).
    pub(super) fn open_export(&mut self, lang: Lang) {
        let format = self.export_format;
        let name = export::default_file_name(&self.period, format, lang);
        let path = self.export_folder.path.join(name).display().to_string();
        self.export = Some(Dialog {
            format,
            path: Input::new(path),
            documents: self.export_folder.documents,
            note: None,
            running: false,
        });
    }

    /// A key while the dialog is open.
    pub(super) fn export_key(&mut self, key: KeyEvent) -> Effect {
        let Some(d) = &mut self.export else { return Effect::None };
        if d.running {
            return Effect::None;
        }
        match key.code {
            KeyCode::Esc => self.export = None,
            KeyCode::Tab => d.cycle(true),
            KeyCode::BackTab => d.cycle(false),
            KeyCode::Enter => return d.submit(self.period),
            _ => {
                if d.path.handle_event(&Event::Key(key)).is_some_and(|c| c.value) {
                    d.note = None;
                }
            }
        }
        Effect::None
    }

    /// The job's result: closes the dialog and says where the report went,
    /// or keeps it open with the reason. The words go to the status line.
    pub fn export_done(&mut self, result: Result<Vec<PathBuf>, JobError>, lang: Lang) -> Result<String, String> {
        match result {
            Ok(files) => {
                if let Some(d) = &self.export {
                    self.export_format = d.format;
                }
                self.export = None;
                let first = files.first().map(|p| p.display().to_string()).unwrap_or_default();
                let more = if files.len() > 1 { format!(" (+{})", files.len() - 1) } else { String::new() };
                Ok(format!("{}: {first}{more}", W::Exported.get(lang)))
            }
            // A CSV table's file beside the one named exists: ask as for
            // the named one; the next Enter replaces them.
            Err(JobError::Export(ExportError::Output(OutputError::Exists(_)))) => {
                if let Some(d) = &mut self.export {
                    d.running = false;
                    d.note = Some(Note::Overwrite);
                }
                Err(W::Overwrite.get(lang).to_string())
            }
            Err(e) => {
                let text = match e {
                    JobError::Store(e) => i18n::store_error(lang, &e),
                    JobError::Export(e) => crate::report::export::words::error(lang, &e),
                };
                if let Some(d) = &mut self.export {
                    d.running = false;
                    d.note = Some(Note::Failed(text.clone()));
                }
                Err(text)
            }
        }
    }
}

impl Dialog {
    /// The next format; the file's extension follows it.
    fn cycle(&mut self, forward: bool) {
        let n = Format::ALL.len();
        let i = Format::ALL.iter().position(|f| *f == self.format).unwrap_or(0);
        self.format = Format::ALL[if forward { (i + 1) % n } else { (i + n - 1) % n }];
        let path = PathBuf::from(self.path.value());
        if path.extension().is_none() || Format::of_path(&path).is_some() {
            self.path = Input::new(path.with_extension(self.format.extension()).display().to_string());
        }
        self.note = None;
    }

    fn submit(&mut self, period: Period) -> Effect {
        let typed = self.path.value().trim();
        if typed.is_empty() {
            self.note = Some(Note::EmptyName);
            return Effect::None;
        }
        let mut path = PathBuf::from(typed);
        if path.extension().is_none() {
            path.set_extension(self.format.extension());
        }
        if let Err(OutputError::InsideLedger { path, ledger }) = output::refuse_ledger(&path) {
            self.note = Some(Note::InLedger(path, ledger));
            return Effect::None;
        }
        let confirmed = self.note == Some(Note::Overwrite);
        if (path.is_file() || path.is_symlink()) && !confirmed {
            self.note = Some(Note::Overwrite);
            return Effect::None;
        }
        self.note = None;
        self.running = true;
        let existing = if confirmed { Existing::Replace } else { Existing::Refuse };
        Effect::Export(Box::new(Job { format: self.format, path, period, existing }))
    }

    /// Drawn over the Reports screen, in the middle of `area`.
    pub fn render(&self, period: &Period, lang: Lang, area: Rect, buf: &mut Buffer) {
        let width = area.width.min(78);
        let [row] = Layout::vertical([Constraint::Length(10.min(area.height))]).flex(Flex::Center).areas(area);
        let [cell] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
        Clear.render(cell, buf);
        let title = format!(" {} · {} ", W::DialogTitle.get(lang), i18n::period_label(lang, period));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(Theme::border())
            .title(Span::styled(title, Theme::title()))
            .title_bottom(Span::styled(format!(" {} ", W::DialogHint.get(lang)), Theme::dim()));
        let inner = block.inner(cell);
        block.render(cell, buf);
        let [formats, file, _, place, masked, note] =
            Layout::vertical([1, 1, 1, 1, 1, 3].map(Constraint::Length)).areas(inner);
        Paragraph::new(self.formats_line(lang)).render(formats, buf);
        Paragraph::new(self.path_line(lang, file.width)).render(file, buf);
        let where_ = if self.documents { W::InDocuments } else { W::InCurrent };
        Paragraph::new(Span::styled(where_.get(lang), Theme::dim())).render(place, buf);
        Paragraph::new(Span::styled(W::Masked.get(lang), Theme::dim())).render(masked, buf);
        let (text, style) = self.note_text(lang);
        Paragraph::new(Span::styled(text, style)).wrap(Wrap { trim: true }).render(note, buf);
    }

    fn formats_line(&self, lang: Lang) -> Line<'static> {
        let mut spans = vec![Span::styled(format!("{}: ", W::DialogFormat.get(lang)), Theme::header())];
        for f in Format::ALL {
            // The arrows mark the choice where colours do not show.
            let (text, style) = if f == self.format {
                (format!("▸{}◂", f.label()), Theme::tab_active())
            } else {
                (format!(" {} ", f.label()), Theme::tab())
            };
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    }

    fn path_line(&self, lang: Lang, width: u16) -> Line<'static> {
        crate::tui::folder::path_line(W::DialogFile.get(lang), &self.path, width)
    }

    fn note_text(&self, lang: Lang) -> (String, ratatui::style::Style) {
        match (&self.note, self.running) {
            (_, true) => (W::Exporting.get(lang).into(), Theme::warn()),
            (Some(Note::Overwrite), _) => (W::Overwrite.get(lang).into(), Theme::warn()),
            (Some(Note::EmptyName), _) => (W::EmptyName.get(lang).into(), Theme::bad()),
            (Some(Note::InLedger(path, ledger)), _) => {
                let refusal = OutputError::InsideLedger { path: path.clone(), ledger: ledger.clone() };
                (i18n::output::error(lang, &refusal), Theme::bad())
            }
            (Some(Note::Failed(text)), _) => (text.clone(), Theme::bad()),
            (None, _) if self.format == Format::Csv => (W::CsvNote.get(lang).into(), Theme::dim()),
            (None, _) => (String::new(), Theme::dim()),
        }
    }
}
