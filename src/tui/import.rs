//! The import dialog (`i` on the Households screen): the clerk types the
//! file's path, soxa reads it and shows the dry-run report (counts, the
//! hamlets it would create, every refused row with its reasons; it
//! scrolls), and Enter imports it, creating the missing hamlets the report
//! named. Esc leaves at any step without writing.
//!
//! Reading and writing take a few seconds on a large file, so they wait
//! for the app to draw "reading…"/"writing…" first (`pending`, then
//! `settle`, as screens do their slow reloads). The dialog never writes:
//! `settle` returns the confirmed import, and `App` writes it.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::fit::wrap;
use super::theme::Theme;
use crate::domain::Lang;
use crate::i18n::ui::Ui;
use crate::import::words::{self as words, ImportText as W};
use crate::import::{Import, Kind, Tense};
use crate::store::Store;

pub struct ImportDialog {
    kind: Kind,
    step: Step,
}

enum Step {
    /// Typing the path; the last attempt's error below it.
    Path {
        input: Input,
        error: Option<String>,
    },
    /// Waiting for a frame to show "reading" before reading.
    Reading {
        path: PathBuf,
    },
    Report {
        path: PathBuf,
        import: Box<Import>,
        lines: Vec<String>,
        scroll: usize,
    },
    /// Confirmed: waiting for a frame to show "writing" before the app writes.
    Writing {
        path: PathBuf,
        import: Box<Import>,
    },
}

pub enum DialogEvent {
    Stay,
    Close,
}

/// What `settle` hands the app: a confirmed import to write.
pub struct Confirmed {
    pub path: PathBuf,
    pub import: Import,
}

impl ImportDialog {
    /// Starts with the path of the current folder typed in, ready for the
    /// file's name.
    pub fn new(kind: Kind) -> ImportDialog {
        let mut start = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default();
        if !start.is_empty() && !start.ends_with(std::path::MAIN_SEPARATOR) {
            start.push(std::path::MAIN_SEPARATOR);
        }
        ImportDialog { kind, step: Step::Path { input: Input::new(start), error: None } }
    }

    /// True while a read or a write waits for the next frame.
    pub fn pending(&self) -> bool {
        matches!(self.step, Step::Reading { .. } | Step::Writing { .. })
    }

    /// True while its report is shown, waiting for yes or no.
    pub fn reviewing(&self) -> bool {
        matches!(self.step, Step::Report { .. })
    }

    /// True while the file's path is being typed (a paste goes there).
    pub fn typing(&self) -> bool {
        matches!(self.step, Step::Path { .. })
    }

    pub fn handle(&mut self, key: KeyEvent) -> DialogEvent {
        match &mut self.step {
            Step::Path { input, .. } => match key.code {
                KeyCode::Esc => return DialogEvent::Close,
                KeyCode::Enter if !input.value().trim().is_empty() => {
                    self.step = Step::Reading { path: PathBuf::from(input.value().trim()) };
                }
                _ => {
                    input.handle_event(&Event::Key(key));
                }
            },
            Step::Report { scroll, lines, .. } => {
                let last = lines.len().saturating_sub(1);
                match key.code {
                    KeyCode::Esc | KeyCode::Char('k' | 'K' | 'n' | 'N') => return DialogEvent::Close,
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
        let step = std::mem::replace(&mut self.step, Step::Reading { path: PathBuf::new() });
        match step {
            Step::Report { path, import, .. } if writes_something(&import) => {
                self.step = Step::Writing { path, import };
                DialogEvent::Stay
            }
            _ => DialogEvent::Close,
        }
    }

    /// Does the slow step the last frame announced: reads the file (and
    /// shows its report), or hands over the confirmed import.
    pub fn settle(&mut self, store: &Store, lang: Lang) -> Option<Confirmed> {
        let step = std::mem::replace(&mut self.step, Step::Reading { path: PathBuf::new() });
        match step {
            Step::Reading { path } => {
                self.step = match Import::prepare(store, &path, self.kind) {
                    Ok(import) => {
                        let lines = import.report(&path, lang, Tense::Will);
                        Step::Report { path, import: Box::new(import), lines, scroll: 0 }
                    }
                    Err(e) => Step::Path {
                        input: Input::new(path.display().to_string()),
                        error: Some(words::error(lang, &e)),
                    },
                };
                None
            }
            Step::Writing { path, import } => Some(Confirmed { path, import: *import }),
            other => {
                self.step = other;
                None
            }
        }
    }

    pub fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let title = match self.kind {
            Kind::Households => W::TitleHouseholds,
            Kind::Members => W::TitleMembers,
            Kind::Models => W::TitleModels,
            Kind::Assessments => W::TitleAssessments,
            Kind::Outreach => W::TitleOutreach,
            Kind::Cases => W::TitleCases,
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(Theme::border())
            .title(Span::styled(format!(" {} ", title.get(lang)), Theme::title()))
            .title_bottom(Span::styled(format!(" {} ", self.hint(lang)), Theme::dim()));
        let inner = block.inner(area);
        block.render(area, buf);
        match &self.step {
            Step::Path { input, error } => render_path(input, error.as_deref(), lang, inner, buf),
            Step::Reading { .. } => Paragraph::new(W::Reading.get(lang)).render(inner, buf),
            Step::Writing { .. } => Paragraph::new(W::WritingNow.get(lang)).render(inner, buf),
            Step::Report { import, lines, scroll, .. } => render_report(import, lines, *scroll, lang, inner, buf),
        }
    }

    fn hint(&self, lang: Lang) -> String {
        match &self.step {
            Step::Path { .. } => W::PathHint.get(lang).to_string(),
            Step::Report { .. } => format!("↑↓ PgUp/PgDn · Esc {}", Ui::Cancel.get(lang)),
            Step::Reading { .. } | Step::Writing { .. } => Ui::Busy.get(lang).to_string(),
        }
    }

    /// Where the terminal cursor goes while the path is typed.
    pub fn cursor(&self, area: Rect) -> Option<(u16, u16)> {
        let Step::Path { input, .. } = &self.step else { return None };
        let width = usize::from(area.width.saturating_sub(4));
        let x = input.visual_cursor().saturating_sub(input.visual_scroll(width));
        Some((area.x + 1 + u16::try_from(x).ok()?, area.y + 2))
    }
}

fn writes_something(import: &Import) -> bool {
    let (create, update, _) = import.counts();
    create + update > 0
}

fn render_path(input: &Input, error: Option<&str>, lang: Lang, area: Rect, buf: &mut Buffer) {
    let [prompt, field, _, message] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Length(1), Constraint::Min(1)])
            .areas(area);
    Paragraph::new(W::PathPrompt.get(lang)).render(prompt, buf);
    let width = usize::from(field.width.saturating_sub(1));
    let shown: String = input.value().chars().skip(input.visual_scroll(width)).collect();
    Paragraph::new(Span::styled(shown, Theme::input())).render(field, buf);
    if let Some(e) = error {
        Paragraph::new(Span::styled(e, Theme::bad())).wrap(Wrap { trim: true }).render(message, buf);
    }
}

/// The report scrolled to `scroll`, with the question on the last line.
fn render_report(import: &Import, lines: &[String], scroll: usize, lang: Lang, area: Rect, buf: &mut Buffer) {
    let ask = if writes_something(import) {
        let (create, update, _) = import.counts();
        words::confirm(lang, create, update, import.new_hamlets().len(), import.kind())
    } else {
        W::NothingToWrite.get(lang).to_string()
    };
    // The question whole, on as many lines as it takes.
    let asked: Vec<Line> =
        wrap(&ask, usize::from(area.width)).into_iter().map(|l| Line::styled(l, Theme::warn())).collect();
    let height = u16::try_from(asked.len()).unwrap_or(1);
    let [body, question] = Layout::vertical([Constraint::Min(1), Constraint::Length(height)]).areas(area);
    // The refused rows close the report, one line each.
    let first_refused = lines.len().saturating_sub(import.rejected().len());
    let shown: Vec<Line> = lines
        .iter()
        .enumerate()
        .skip(scroll)
        .take(usize::from(body.height))
        .map(|(i, l)| Line::styled(l.clone(), if i >= first_refused { Theme::bad() } else { Style::new() }))
        .collect();
    Paragraph::new(shown).wrap(Wrap { trim: false }).render(body, buf);
    Paragraph::new(asked).render(question, buf);
}
