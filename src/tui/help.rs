//! The help overlay (`?` / F1): every key of the current screen, generated
//! from the same tables that act on the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Row, Table, Widget};

use super::keymap::{Binding, key_name};
use super::theme::Theme;
use crate::domain::Lang;
use crate::i18n::ui::Ui;

/// Draws the keys from line `scroll` on (↑ ↓ PgUp PgDn move it).
pub fn render(tables: &[&[Binding]], lang: Lang, scroll: usize, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Theme::border())
        .title(Span::styled(format!(" {} ", Ui::HelpTitle.get(lang)), Theme::title()))
        .title_bottom(Span::styled(format!(" {} ", Ui::HelpClose.get(lang)), Theme::dim()));
    let mut rows: Vec<Row> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for b in tables.iter().flat_map(|t| t.iter()) {
        let Some(hint) = b.hint else { continue };
        let words = hint.get(lang);
        let mut keys: Vec<String> = Vec::new();
        for other in tables.iter().flat_map(|t| t.iter()).filter(|o| o.action == b.action) {
            let name = key_name(other, lang);
            if !keys.contains(&name) {
                keys.push(name);
            }
        }
        if seen.contains(&words) {
            continue;
        }
        seen.push(words);
        rows.push(Row::new(vec![Span::styled(keys.join(", "), Theme::header()), Span::raw(words)]));
    }
    let visible = usize::from(area.height.saturating_sub(2));
    let first = scroll.min(rows.len().saturating_sub(visible));
    let more = rows.len() > first + visible;
    let rows: Vec<Row> = rows.into_iter().skip(first).take(visible).collect();
    let block = if first > 0 || more {
        block.title(Span::styled(format!(" ↑↓ {}-{} ", first + 1, first + rows.len()), Theme::dim()))
    } else {
        block
    };
    let table = Table::new(rows, [Constraint::Length(18), Constraint::Min(10)]).block(block);
    Widget::render(table, area, buf);
}
