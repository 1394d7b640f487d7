//! The change history overlay (`h` on a selected record, on every screen):
//! the record's audit entries from `crate::history`, newest first, each a
//! heading (when, who, what it did, to what) followed by its changed parts
//! as "old → new", "+ item" or "− item". The lines are put in words once,
//! when the overlay opens; drawing builds only the lines that fit.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::domain::Lang;
use crate::domain::date::format_dmy;
use crate::history::{Entry, Shift};
use crate::i18n::{self, history::HistoryText as T};

pub struct HistoryOverlay {
    /// What the history is of: "T01-0012 Nguyễn Văn An".
    pub title: String,
    lines: Vec<Line<'static>>,
    /// First line shown.
    pub scroll: usize,
    /// Lines that fitted when last drawn: PgUp/PgDn move by it.
    page: Cell<usize>,
}

impl HistoryOverlay {
    pub fn new(title: String, entries: &[Entry], lang: Lang) -> HistoryOverlay {
        let mut lines = Vec::new();
        for e in entries {
            lines.push(heading(e, lang));
            lines.extend(e.lines.iter().map(|l| change(&l.label, &l.shift)));
        }
        HistoryOverlay { title, lines, scroll: 0, page: Cell::new(10) }
    }

    /// The text of every line, for tests.
    pub fn text(&self) -> Vec<String> {
        self.lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    /// Scrolls; `true` when the key closes the overlay (Esc, h, q, Enter).
    pub fn handle(&mut self, key: KeyEvent) -> bool {
        let page = self.page.get().max(1);
        let last = self.lines.len().saturating_sub(1);
        self.scroll = match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('h' | 'q') => return true,
            KeyCode::Up | KeyCode::Char('k') => self.scroll.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.scroll + 1,
            KeyCode::PageUp => self.scroll.saturating_sub(page),
            KeyCode::PageDown => self.scroll + page,
            KeyCode::Home => 0,
            KeyCode::End => self.lines.len().saturating_sub(page),
            _ => self.scroll,
        }
        .min(last);
        false
    }

    pub fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_style(Theme::border())
            .title(Span::styled(format!(" {}: {} ", T::Title.get(lang), self.title), Theme::title()))
            .title_bottom(Span::styled(format!(" {} ", T::Keys.get(lang)), Theme::dim()));
        let inner = block.inner(area);
        let rows = usize::from(inner.height).max(1);
        self.page.set(rows);
        if self.lines.len() > rows {
            let last = (self.scroll + rows).min(self.lines.len());
            let place = format!(" {}-{}/{} ", self.scroll + 1, last, self.lines.len());
            block = block.title(Line::styled(place, Theme::dim()).right_aligned());
        }
        if self.lines.is_empty() {
            let nothing = Line::styled(T::Nothing.get(lang), Theme::dim());
            Paragraph::new(nothing).block(block).render(area, buf);
            return;
        }
        let shown: Vec<Line> = self.lines.iter().skip(self.scroll).take(rows).cloned().collect();
        Paragraph::new(shown).block(block).wrap(Wrap { trim: false }).render(area, buf);
    }
}

/// "23/11/2026 09:00 · Lê Thị Hoa · Sửa · Cam kết năm 2026".
fn heading(e: &Entry, lang: Lang) -> Line<'static> {
    let when = format!("{} {}", format_dmy(e.at.date()), e.at.format("%H:%M"));
    let who = if e.operator.is_empty() { T::NoOperator.get(lang).to_string() } else { e.operator.clone() };
    let dot = || Span::styled(" · ", Theme::dim());
    Line::from(vec![
        Span::styled(when, Theme::dim()),
        dot(),
        Span::raw(who),
        dot(),
        Span::styled(i18n::audit_action(lang, e.action), Theme::warn()),
        dot(),
        Span::styled(e.subject.clone(), Theme::header()),
    ])
}

/// "  Trạng thái: Từ chối → Đã ký", "  Vi phạm: + 12/03/2026 Đánh bạc".
fn change(label: &str, shift: &Shift) -> Line<'static> {
    let mut spans = vec![Span::raw(format!("  {label}: "))];
    match shift {
        Shift::Set { old, new } => {
            spans.push(Span::styled(old.clone(), Theme::dim()));
            spans.push(Span::raw(" → "));
            spans.push(Span::raw(new.clone()));
        }
        Shift::Added(item) => {
            spans.push(Span::styled("+ ", Theme::good()));
            spans.push(Span::raw(item.clone()));
        }
        Shift::Removed(item) => {
            spans.push(Span::styled("− ", Theme::bad()));
            spans.push(Span::styled(item.clone(), Theme::dim()));
        }
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use ratatui::crossterm::event::KeyModifiers;

    use super::*;
    use crate::domain::{AuditAction, EntityKind};
    use crate::history::Line as Changed;

    fn entries(n: usize) -> Vec<Entry> {
        let at = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(9, 5, 0).unwrap();
        (0..n)
            .map(|i| Entry {
                audit: i as u64,
                at,
                operator: if i == 0 { String::new() } else { "Lê Thị Hoa".into() },
                action: AuditAction::Update,
                kind: EntityKind::Household,
                subject: "T01-0001 Nguyễn Văn An".into(),
                lines: vec![Changed {
                    label: "Số nhân khẩu".into(),
                    shift: Shift::Set { old: "4".into(), new: "5".into() },
                }],
            })
            .collect()
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn each_entry_is_a_heading_then_its_changes() {
        let c = HistoryOverlay::new("T01-0001".into(), &entries(2), Lang::Vi);
        assert_eq!(
            c.text(),
            [
                "23/11/2026 09:05 · (không rõ người nhập) · Sửa · T01-0001 Nguyễn Văn An",
                "  Số nhân khẩu: 4 → 5",
                "23/11/2026 09:05 · Lê Thị Hoa · Sửa · T01-0001 Nguyễn Văn An",
                "  Số nhân khẩu: 4 → 5",
            ]
        );
    }

    #[test]
    fn keys_scroll_within_the_lines_and_esc_closes() {
        let mut c = HistoryOverlay::new(String::new(), &entries(30), Lang::En);
        let area = Rect::new(0, 0, 60, 12);
        c.render(Lang::En, area, &mut Buffer::empty(area));
        assert!(!c.handle(key(KeyCode::PageDown)));
        assert_eq!(c.scroll, 10, "a page is the rows that fitted");
        c.handle(key(KeyCode::End));
        assert_eq!(c.scroll, 50);
        for _ in 0..20 {
            c.handle(key(KeyCode::Down));
        }
        assert_eq!(c.scroll, 59, "never past the last line");
        c.handle(key(KeyCode::Home));
        assert_eq!(c.scroll, 0);
        assert!(c.handle(key(KeyCode::Esc)));
    }

    #[test]
    fn only_the_lines_that_fit_are_drawn() {
        let mut c = HistoryOverlay::new("X".into(), &entries(30), Lang::Vi);
        c.scroll = 3;
        let area = Rect::new(0, 0, 70, 6);
        let mut buf = Buffer::empty(area);
        c.render(Lang::Vi, area, &mut buf);
        let row = |y| (0..70).map(|x| buf[(x, y)].symbol()).collect::<String>();
        assert!(row(0).contains("Lịch sử thay đổi: X"));
        assert!(row(0).contains(" 4-7/60 "));
        assert!(row(1).starts_with("│  Số nhân khẩu: 4 → 5"));
        assert!(row(2).starts_with("│23/11/2026 09:05 · Lê Thị Hoa"));
    }

    #[test]
    fn an_empty_history_says_so() {
        let c = HistoryOverlay::new("X".into(), &[], Lang::En);
        let area = Rect::new(0, 0, 50, 4);
        let mut buf = Buffer::empty(area);
        c.render(Lang::En, area, &mut buf);
        let row: String = (0..50).map(|x| buf[(x, 1)].symbol()).collect();
        assert!(row.contains("No change recorded yet."));
    }
}
