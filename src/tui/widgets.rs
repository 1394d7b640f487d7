//! The widgets any screen may draw with; screens never import each other,
//! so what two screens share lives here.
//!
//! A report section as a document of lines: headings, plain lines, tables
//! of counts with an optional text bar ("██████░░"), wrapped lists. Each
//! section is built for the width it is drawn at; the Reports screen scrolls
//! it and keeps a table's header on top while the table's rows scroll under
//! it. The dashboard draws its hamlet bars with the same tables.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::tui::theme::Theme;

/// A heading line: a section's title in the header style.
pub fn heading(text: &str) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), Theme::header()))
}

/// Narrowest first column of a table and narrowest useful bar.
const MIN_NAME: usize = 6;
const MIN_BAR: usize = 4;
const MAX_BAR: usize = 40;

/// One line, and the line of the table header it falls under, if any.
pub struct DocLine {
    pub line: Line<'static>,
    pub header: Option<usize>,
}

#[derive(Default)]
pub struct Doc {
    pub lines: Vec<DocLine>,
}

/// A table of counts: the first column is a name (left, cut to fit), the
/// others are right-aligned; a row may carry a bar drawn after column
/// `bar_after`, as long as the width leaves room.
pub struct Table {
    pub header: Option<Vec<String>>,
    pub rows: Vec<Row>,
    pub bar_after: usize,
}

pub struct Row {
    pub cells: Vec<Span<'static>>,
    pub bar: Option<Bar>,
}

/// A bar filled `fill` parts of `of`.
#[derive(Clone, Copy)]
pub struct Bar {
    pub fill: u32,
    pub of: u32,
    pub style: Style,
}

impl Row {
    pub fn new(cells: Vec<Span<'static>>) -> Row {
        Row { cells, bar: None }
    }

    pub fn with_bar(mut self, bar: Bar) -> Row {
        self.bar = Some(bar);
        self
    }
}

impl Doc {
    pub fn push(&mut self, line: Line<'static>) {
        self.lines.push(DocLine { line, header: None });
    }

    pub fn heading(&mut self, text: impl Into<String>) {
        self.push(Line::from(Span::styled(text.into(), Theme::header())));
    }

    pub fn blank(&mut self) {
        self.push(Line::default());
    }

    /// `text` cut into lines of at most `width` cells, at spaces.
    pub fn wrapped(&mut self, text: &str, style: Style, width: u16) {
        for line in wrap(text, usize::from(width)) {
            self.push(Line::from(Span::styled(line, style)));
        }
    }

    pub fn table(&mut self, table: Table, width: u16) {
        let lines = table.lines(usize::from(width));
        let header = table.header.is_some().then_some(self.lines.len());
        for (i, line) in lines.into_iter().enumerate() {
            let under = if i == 0 { None } else { header };
            self.lines.push(DocLine { line, header: under });
        }
    }

    /// Draws the lines from `first` that fit in `area`: when `first` falls
    /// among a table's rows, the table's header takes the top row instead.
    pub fn draw(&self, first: usize, area: Rect, buf: &mut Buffer) {
        for (y, line) in self.window(first, usize::from(area.height)).into_iter().enumerate() {
            let y = area.y + u16::try_from(y).unwrap_or(u16::MAX);
            buf.set_line(area.x, y, line, area.width);
        }
    }

    fn window(&self, first: usize, rows: usize) -> Vec<&Line<'static>> {
        let lines = &self.lines;
        let mut out: Vec<&Line<'static>> = lines.iter().skip(first).take(rows).map(|l| &l.line).collect();
        let header = lines.get(first).and_then(|l| l.header).filter(|h| *h < first);
        if let (Some(h), Some(top)) = (header.and_then(|h| lines.get(h)), out.first_mut()) {
            *top = &h.line;
        }
        out
    }
}

impl Table {
    /// The table as lines (the header first, if any) fitted to `width`.
    pub fn lines(&self, width: usize) -> Vec<Line<'static>> {
        let ncols =
            self.header.as_ref().map_or(0, Vec::len).max(self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0));
        let mut widths = vec![0usize; ncols];
        let header_cells: Option<Vec<Span<'static>>> =
            self.header.as_ref().map(|h| h.iter().map(|t| Span::styled(t.clone(), Theme::header())).collect());
        for cells in header_cells.iter().chain(self.rows.iter().map(|r| &r.cells)) {
            for (w, cell) in widths.iter_mut().zip(cells) {
                *w = (*w).max(cell.width());
            }
        }
        let others: usize = widths.iter().skip(1).map(|w| w + 1).sum();
        let has_bar = self.rows.iter().any(|r| r.bar.is_some());
        let reserve = if has_bar { MIN_BAR + 1 } else { 0 };
        if let Some(first) = widths.first_mut() {
            *first = (*first).min(width.saturating_sub(others + reserve).max(MIN_NAME));
        }
        let used: usize = widths.iter().sum::<usize>() + ncols.saturating_sub(1);
        let bar_width = width.saturating_sub(used + 1).min(MAX_BAR);
        let bar_width = if has_bar && bar_width >= MIN_BAR { bar_width } else { 0 };
        let mut out = Vec::with_capacity(self.rows.len() + 1);
        if let Some(cells) = header_cells {
            out.push(self.line(&cells, &widths, None, bar_width));
        }
        for row in &self.rows {
            out.push(self.line(&row.cells, &widths, row.bar, bar_width));
        }
        out
    }

    fn line(&self, cells: &[Span<'static>], widths: &[usize], bar: Option<Bar>, bar_width: usize) -> Line<'static> {
        let mut spans = Vec::with_capacity(widths.len() * 2 + 2);
        for (i, w) in widths.iter().enumerate() {
            let cell = cells.get(i).cloned().unwrap_or_default();
            if i > 0 {
                spans.push(Span::raw(" "));
            }
            if i == 0 {
                spans.push(Span::styled(fit(&cell.content, *w), cell.style));
            } else {
                spans.push(Span::raw(" ".repeat(w.saturating_sub(cell.width()))));
                spans.push(cell);
            }
            if i == self.bar_after && bar_width > 0 {
                spans.push(Span::raw(" "));
                match bar {
                    Some(b) => spans.extend(bar_spans(b, bar_width)),
                    None => spans.push(Span::raw(" ".repeat(bar_width))),
                }
            }
        }
        Line::from(spans)
    }
}

/// "██████░░": `width` cells, the filled part rounded down, so a bar is
/// full only when `fill == of`.
pub fn bar_spans(bar: Bar, width: usize) -> [Span<'static>; 2] {
    let filled = if bar.of == 0 {
        0
    } else {
        let part = u64::from(bar.fill.min(bar.of)) * width as u64 / u64::from(bar.of);
        usize::try_from(part).unwrap_or(width)
    };
    [Span::styled("█".repeat(filled), bar.style), Span::styled("░".repeat(width - filled), Theme::dim())]
}

/// `text` padded to `width` cells, or cut at a word with "…" (see `fit`).
pub fn fit(text: &str, width: usize) -> String {
    super::fit::fit(text, width)
}

/// Words of `text` in lines of at most `width` cells (none for no words).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if text.trim().is_empty() { Vec::new() } else { super::fit::wrap(text, width) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn names_are_cut_after_a_word_and_padded() {
        assert_eq!(fit("Thôn Đông", 12), "Thôn Đông   ");
        assert_eq!(fit("Thôn Đông Hưng", 8), "Thôn…   ");
        assert_eq!(fit("Thôn Đông Hưng", 8).width(), 8);
    }

    #[test]
    fn bars_fill_by_rounding_down() {
        let bar = |fill, of| {
            let [a, b] = bar_spans(Bar { fill, of, style: Style::new() }, 10);
            (a.content.chars().count(), b.content.chars().count())
        };
        assert_eq!(bar(87, 100), (8, 2));
        assert_eq!(bar(999, 1000), (9, 1));
        assert_eq!(bar(1000, 1000), (10, 0));
        assert_eq!(bar(0, 0), (0, 10));
    }

    #[test]
    fn lines_wrap_at_spaces() {
        assert_eq!(wrap("Thôn Đông, Thôn Tây, Thôn Nam", 12), ["Thôn Đông,", "Thôn Tây,", "Thôn Nam"]);
    }

    #[test]
    fn tables_right_align_counts_and_keep_their_width() {
        let t = Table {
            header: Some(vec!["Thôn".into(), "Hộ".into(), "Đã ký".into()]),
            rows: vec![Row::new(vec![Span::raw("Thôn Đông"), Span::raw("1.378"), Span::raw("1.203")]).with_bar(Bar {
                fill: 1,
                of: 2,
                style: Style::new(),
            })],
            bar_after: 2,
        };
        let text: Vec<String> = t.lines(40).iter().map(|l| l.to_string()).collect();
        assert_eq!(text[0], "Thôn         Hộ Đã ký                   ");
        assert_eq!(text[1], "Thôn Đông 1.378 1.203 █████████░░░░░░░░░");
        assert!(text.iter().all(|l| l.width() <= 40));
    }
}
