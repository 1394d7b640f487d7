//! The help overlay (`?` / F1): every key of the current screen, generated
//! from the same tables that act on the keys. Keys that do the same thing
//! read as a list in words: "← hoặc , hoặc <".

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Row, Table, Widget};
use unicode_width::UnicodeWidthStr;

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
    // The key column: as wide as its longest entry and a space, at least 18.
    let mut width = 17;
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
        let keys = keys.join(Ui::KeysOr.get(lang));
        width = width.max(keys.width());
        rows.push(Row::new(vec![Span::styled(keys, Theme::header()), Span::raw(words)]));
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
    let keys = u16::try_from(width + 1).unwrap_or(u16::MAX).min(area.width / 2);
    let table = Table::new(rows, [Constraint::Length(keys), Constraint::Min(10)]).block(block);
    Widget::render(table, area, buf);
}
