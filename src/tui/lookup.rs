//! The quick lookup box (Ctrl+F or `/` from anywhere): one line of text, the
//! matches below it, Enter opens the chosen record in its screen.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table, Widget};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::screens::Target;
use super::theme::Theme;
use crate::domain::Lang;
use crate::i18n::{self, ui::Ui};
use crate::lookup::{Describe, Row as HitRow};
use crate::store::{Store, StoreError};

/// Most matches listed.
const LIMIT: usize = 50;

#[derive(Default)]
pub struct LookupState {
    pub input: Input,
    pub rows: Vec<HitRow>,
    pub selected: usize,
}

pub enum LookupEvent {
    Stay,
    Close,
    Open(Target),
}

impl LookupState {
    pub fn handle(&mut self, key: KeyEvent, store: &Store, lang: Lang) -> Result<LookupEvent, StoreError> {
        match key.code {
            KeyCode::Esc => return Ok(LookupEvent::Close),
            KeyCode::Enter => {
                return Ok(match self.rows.get(self.selected) {
                    Some(r) => LookupEvent::Open(Target { kind: r.kind, id: r.id }),
                    None => LookupEvent::Stay,
                });
            }
            KeyCode::Down => self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1)),
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            _ => {
                if self.input.handle_event(&Event::Key(key)).is_some_and(|c| c.value) {
                    self.search(store, lang)?;
                }
            }
        }
        Ok(LookupEvent::Stay)
    }

    fn search(&mut self, store: &Store, lang: Lang) -> Result<(), StoreError> {
        let hits = store.search(self.input.value(), LIMIT)?;
        let describe = Describe::new(store, lang)?;
        self.rows = hits.iter().filter_map(|h| describe.row(h).transpose()).collect::<Result<_, _>>()?;
        self.selected = 0;
        Ok(())
    }

    pub fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(Theme::border())
            .title(Span::styled(format!(" {} ", Ui::Lookup.get(lang)), Theme::title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let [prompt, field, list] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        Paragraph::new(Span::styled(Ui::LookupPrompt.get(lang), Theme::dim())).render(prompt, buf);
        let width = usize::from(field.width.saturating_sub(2));
        let scroll = self.input.visual_scroll(width);
        let shown: String = self.input.value().chars().skip(scroll).collect();
        Paragraph::new(Line::from(vec![Span::raw("> "), Span::styled(shown, Theme::input())])).render(field, buf);
        if self.rows.is_empty() && !self.input.value().trim().is_empty() {
            Paragraph::new(Ui::NoResults.get(lang)).render(list, buf);
            return;
        }
        let visible = usize::from(list.height);
        let first = self.selected.saturating_sub(visible.saturating_sub(1));
        let rows = self.rows.iter().enumerate().skip(first).take(visible).map(|(i, r)| {
            let style = if i == self.selected { Theme::selected() } else { ratatui::style::Style::new() };
            Row::new(vec![i18n::entity(lang, r.kind).to_string(), r.title.clone(), r.hamlet.clone(), r.status.clone()])
                .style(style)
        });
        let kind_width = self.rows.iter().map(|r| i18n::entity(lang, r.kind).chars().count()).max().unwrap_or(2);
        let widths = [
            Constraint::Length(u16::try_from(kind_width).unwrap_or(10)),
            Constraint::Fill(4),
            Constraint::Fill(2),
            Constraint::Fill(2),
        ];
        Widget::render(Table::new(rows, widths), list, buf);
    }

    /// Where the terminal cursor goes (inside the text field).
    pub fn cursor(&self, area: Rect) -> (u16, u16) {
        let inner_x = area.x + 1 + 2;
        let x = inner_x + u16::try_from(self.input.visual_cursor()).unwrap_or(0);
        (x.min(area.right().saturating_sub(2)), area.y + 2)
    }
}
