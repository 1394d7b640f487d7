//! Drawing the import dialog from its state alone: the list of kinds, the
//! file picker, the busy note, or the report with its question last.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{Choice, ImportDialog, Step, writes_something};
use crate::domain::Lang;
use crate::i18n::importing::ImportingText as T;
use crate::i18n::ui::Ui;
use crate::import::Import;
use crate::import::words::{self, ImportText as W};
use crate::tui::fit::{cut, wrap};
use crate::tui::theme::Theme;

impl ImportDialog {
    pub fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(Theme::border())
            .title(Span::styled(format!(" {} ", self.title(lang)), Theme::title()))
            .title_bottom(Span::styled(format!(" {} ", self.hint(lang)), Theme::dim()));
        let inner = block.inner(area);
        block.render(area, buf);
        match &self.step {
            Step::Kind { sel } => render_kinds(self.choices, *sel, lang, inner, buf),
            Step::File { picker, .. } => picker.render(lang, inner, buf),
            Step::Reading { .. } => Paragraph::new(W::Reading.get(lang)).render(inner, buf),
            Step::Writing { .. } => Paragraph::new(W::WritingNow.get(lang)).render(inner, buf),
            Step::Report { import, lines, scroll, .. } => render_report(import, lines, *scroll, lang, inner, buf),
        }
    }

    fn title(&self, lang: Lang) -> &'static str {
        match &self.step {
            Step::Kind { .. } => T::Title.get(lang),
            Step::File { choice, .. }
            | Step::Reading { choice, .. }
            | Step::Report { choice, .. }
            | Step::Writing { choice, .. } => choice.title(lang),
        }
    }

    fn hint(&self, lang: Lang) -> String {
        match &self.step {
            Step::Kind { .. } => T::KindHint.get(lang).to_string(),
            Step::File { .. } => T::FileHint.get(lang).to_string(),
            Step::Report { .. } => format!("↑↓ PgUp/PgDn · Esc {}", Ui::Cancel.get(lang)),
            Step::Reading { .. } | Step::Writing { .. } => Ui::Busy.get(lang).to_string(),
        }
    }

    /// Where the terminal cursor goes while the path is typed.
    pub fn cursor(&self, area: Rect, lang: Lang) -> Option<(u16, u16)> {
        let Step::File { picker, .. } = &self.step else { return None };
        let inner = Rect { x: area.x + 1, y: area.y + 1, width: area.width.saturating_sub(2), ..area };
        picker.cursor(lang, inner)
    }
}

/// "1  Hộ gia đình          danh sách hộ, ..." a line per kind.
fn render_kinds(choices: &[Choice], sel: usize, lang: Lang, area: Rect, buf: &mut Buffer) {
    let widest = choices.iter().map(|c| c.name(lang).width()).max().unwrap_or(0);
    let width = usize::from(area.width);
    let mut lines = vec![Line::raw(T::ChooseKind.get(lang)), Line::default()];
    for (n, c) in choices.iter().enumerate() {
        let (mark, style) = if n == sel { ("▸", Theme::selected()) } else { (" ", Style::new()) };
        let name = format!("{mark} {} {}{}  ", n + 1, c.name(lang), " ".repeat(widest - c.name(lang).width()));
        let about = cut(c.about(lang), width.saturating_sub(name.width()));
        lines.push(Line::from(vec![Span::styled(name, style), Span::styled(about, Theme::dim())]));
    }
    Paragraph::new(lines).render(area, buf);
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
