//! The bottom line: the keys that matter most for what is on screen.
//!
//! A screen's line is generated from its key tables (`keymap`), in their
//! order, each key with its rank; an overlay (a form, the lookup, a
//! question...) has its own short list here, since its keys are read by
//! the overlay itself. When the line is too narrow the lowest rank goes
//! first; the keys ranked [`ALWAYS`] stay: on a screen "? Trợ giúp" and
//! "q Thoát" end the line, on an overlay the key that leaves it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::import::Stage;
use super::keymap::{ALWAYS, Binding, HELP_ONLY, Rank, key_name};
use super::theme::Theme;
use crate::domain::Lang;
use crate::i18n::importing::ImportingText;
use crate::i18n::ui::Ui;

/// One key of the bottom line: how it is written, what it does, its rank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub key: String,
    pub words: &'static str,
    pub rank: Rank,
}

impl Item {
    fn new(key: &str, words: Ui, rank: Rank, lang: Lang) -> Item {
        Item { key: key.to_string(), words: words.get(lang), rank }
    }

    /// Cells it takes: " key " then " words ".
    fn width(&self) -> usize {
        self.key.width() + self.words.width() + 4
    }
}

/// The keys of a screen: its own table, then the global keys; the keys
/// ranked [`ALWAYS`] (help, quit) last. A key is listed once.
pub fn screen(tables: &[&[Binding]], lang: Lang) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for b in tables.iter().flat_map(|t| t.iter()).filter(|b| b.footer != HELP_ONLY) {
        let Some(hint) = b.hint else { continue };
        let item = Item { key: key_name(b, lang), words: hint.get(lang), rank: b.footer };
        if !items.iter().any(|i| i.key == item.key) {
            items.push(item);
        }
    }
    let (mut out, last): (Vec<Item>, Vec<Item>) = items.into_iter().partition(|i| i.rank != ALWAYS);
    out.extend(last);
    out
}

/// A screen's own line of text is open (a filter, a period): Enter keeps
/// what was typed, Esc leaves it.
pub fn typing(lang: Lang) -> Vec<Item> {
    vec![Item::new("Enter", Ui::Done, ALWAYS, lang), Item::new("Esc", Ui::Cancel, ALWAYS, lang)]
}

/// A form: Ctrl+S saves, Esc leaves; ← → change a choice when one has
/// the focus.
pub fn form(choosing: bool, lang: Lang) -> Vec<Item> {
    let mut items = vec![Item::new("Tab", Ui::NextField, 6, lang), Item::new("Shift+Tab", Ui::PrevField, 3, lang)];
    if choosing {
        items.push(Item::new("← →", Ui::Choose, 7, lang));
    }
    items.push(Item::new("Ctrl+S", Ui::Save, ALWAYS, lang));
    items.push(Item::new("Esc", Ui::Cancel, ALWAYS, lang));
    items
}

/// The help, the change history: scrolled, closed with Esc.
pub fn reading(lang: Lang) -> Vec<Item> {
    vec![
        Item::new("↑↓", Ui::Scroll, 5, lang),
        Item::new("PgUp PgDn", Ui::PageScroll, 3, lang),
        Item::new("Esc", Ui::Close, ALWAYS, lang),
    ]
}

/// The quick lookup.
pub fn lookup(lang: Lang) -> Vec<Item> {
    vec![
        Item::new("↑↓", Ui::Choose, 5, lang),
        Item::new("Enter", Ui::Open, 8, lang),
        Item::new("Esc", Ui::Close, ALWAYS, lang),
    ]
}

/// A yes/no question (c or Enter: yes; k or Esc: no).
pub fn question(lang: Lang) -> Vec<Item> {
    vec![Item::new("c/Enter", Ui::Yes, ALWAYS, lang), Item::new("k/Esc", Ui::No, ALWAYS, lang)]
}

/// The review of a form left unfinished whose record changed since.
pub fn draft_review(lang: Lang) -> Vec<Item> {
    vec![Item::new("Enter", Ui::DraftReopen, ALWAYS, lang), Item::new("Esc", Ui::DraftDrop, ALWAYS, lang)]
}

/// The import dialog: choosing the kind, the file, or reading its report.
pub fn import(stage: Stage, lang: Lang) -> Vec<Item> {
    let own = |key: &str, words: ImportingText, rank| Item { key: key.to_string(), words: words.get(lang), rank };
    let esc = Item::new("Esc", Ui::Cancel, ALWAYS, lang);
    match stage {
        Stage::Kind => vec![own("↑↓", ImportingText::Choose, 3), own("Enter", ImportingText::Next, ALWAYS), esc],
        Stage::File => vec![
            own("↑↓", ImportingText::Choose, 3),
            own("Backspace", ImportingText::GoUp, 2),
            Item::new("Enter", Ui::ReadFile, ALWAYS, lang),
            esc,
        ],
        Stage::Report => {
            vec![Item::new("↑↓", Ui::Scroll, 3, lang), Item::new("c/Enter", Ui::WriteIn, ALWAYS, lang), esc]
        }
        Stage::Busy => vec![esc],
    }
}

/// The items that fit in `width` cells: while they do not, the lowest
/// rank goes (the last listed of that rank first); [`ALWAYS`] stays.
pub fn fitted(mut items: Vec<Item>, width: usize) -> Vec<Item> {
    while items.iter().map(Item::width).sum::<usize>() > width {
        let lowest = items.iter().enumerate().filter(|(_, i)| i.rank != ALWAYS).min_by_key(|(n, i)| (i.rank, !n));
        let Some((n, _)) = lowest else { break };
        items.remove(n);
    }
    items
}

/// The line as drawn: each key on a grey chip, then its words.
pub fn line(items: &[Item]) -> Line<'static> {
    let spans = items
        .iter()
        .flat_map(|i| [Span::styled(format!(" {} ", i.key), Theme::key()), Span::raw(format!(" {} ", i.words))]);
    Line::from(spans.collect::<Vec<_>>())
}

pub fn render(items: Vec<Item>, area: Rect, buf: &mut Buffer) {
    Paragraph::new(line(&fitted(items, usize::from(area.width)))).render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str, rank: Rank) -> Item {
        Item { key: key.into(), words: "abcd", rank }
    }

    #[test]
    fn the_lowest_rank_goes_first_and_always_stays() {
        let items = vec![item("a", 9), item("b", 1), item("c", 5), item("d", 1), item("?", ALWAYS)];
        let keys = |w| fitted(items.clone(), w).iter().map(|i| i.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(100), ["a", "b", "c", "d", "?"]);
        assert_eq!(keys(36), ["a", "b", "c", "?"]);
        assert_eq!(keys(27), ["a", "c", "?"]);
        assert_eq!(keys(5), ["?"]);
    }
}
