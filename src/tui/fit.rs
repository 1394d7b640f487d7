//! Text fitted to a width: the one place the interface wraps or shortens
//! words, so that nothing the clerk must read is cut off silently.
//!
//! `wrap` breaks a message into lines at spaces (a word longer than the
//! line is broken between letters: nothing is lost); `cut` shortens one
//! line for a table cell, at the end of a word when it can, and always
//! marks it with "…"; `fit` also pads it to the cell; `leading_parts`
//! keeps the first whole parts of a line of hints. Widths are terminal
//! cells (`unicode-width`), so Vietnamese letters and wide characters
//! count as the terminal draws them. Hand-written rather than `textwrap`:
//! the interface needs only these three, and a line count that matches
//! what is drawn (`wrap(..).len()`), for areas sized to their text.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The widths a table `width` cells wide gives its columns (ratatui's
/// `Table` lays them out this way, one cell between columns), so each
/// cell can be `cut` to its column instead of clipped mid-word.
pub fn column_widths(constraints: &[Constraint], width: u16) -> Vec<usize> {
    let row = Rect::new(0, 0, width, 1);
    Layout::horizontal(constraints.iter().copied()).spacing(1).split(row).iter().map(|r| usize::from(r.width)).collect()
}

/// The mark of a shortened text.
pub const MORE: char = '…';

/// The lines of `text` at most `width` cells wide, broken at spaces; a
/// line break in `text` starts a new line. Never empty: "" gives one
/// empty line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let start = lines.len();
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let need = if line.is_empty() { word.width() } else { line.width() + 1 + word.width() };
            if need > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            push_broken(&mut lines, &mut line, word, width);
        }
        if !line.is_empty() || lines.len() == start {
            lines.push(line);
        }
    }
    lines
}

/// Adds `word` to `line`, breaking it between letters into whole lines of
/// `width` while it does not fit (a path, a long number).
fn push_broken(lines: &mut Vec<String>, line: &mut String, word: &str, width: usize) {
    let mut used = line.width();
    for c in word.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width && used > 0 {
            lines.push(std::mem::take(line));
            used = 0;
        }
        line.push(c);
        used += w;
    }
}

/// `text` on one line of at most `width` cells: as it is when it fits,
/// otherwise shortened and ending with "…", cut after a whole word when
/// that keeps at least half the width, else between letters.
pub fn cut(text: &str, width: usize) -> String {
    let text = text.trim_end();
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let room = width - 1;
    let mut kept = String::new();
    let mut used = 0;
    let mut last_word_end = None;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        if c.is_whitespace() {
            last_word_end = Some(kept.len());
        }
        kept.push(c);
        used += w;
    }
    // The letter after the kept part ends a word too, when it is a space.
    if text[kept.len()..].starts_with(char::is_whitespace) {
        last_word_end = Some(kept.len());
    }
    if let Some(end) = last_word_end.filter(|end| kept[..*end].width() * 2 >= room) {
        kept.truncate(end);
    }
    let mut out = kept.trim_end_matches(|c: char| c.is_whitespace() || ",;:·–-".contains(c)).to_string();
    out.push(MORE);
    out
}

/// `text` padded with spaces to exactly `width` cells, or [`cut`] to fit.
pub fn fit(text: &str, width: usize) -> String {
    let shown = cut(text, width);
    let pad = width.saturating_sub(shown.width());
    format!("{shown}{}", " ".repeat(pad))
}

/// A line of styled spans on at most `width` cells: as it is when it
/// fits, else [`cut`] as one text, each kept letter in its own style and
/// "…" in the style of the last one kept.
pub fn cut_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let shown = cut(&text, width);
    let mut left = shown.trim_end_matches(MORE).chars().count();
    let mut spans = Vec::new();
    for span in line.spans {
        if left == 0 {
            break;
        }
        let kept: String = span.content.chars().take(left).collect();
        left -= kept.chars().count();
        spans.push(Span::styled(kept, span.style));
    }
    let style = spans.last().map(|s| s.style).unwrap_or_default();
    spans.push(Span::styled(MORE.to_string(), style));
    Line::from(spans).style(line.style)
}

/// The first parts of `text` (split at `sep`) that fit in `width` cells,
/// whole: for a line of hints, of which the first matter most.
pub fn leading_parts(text: &str, sep: &str, width: usize) -> String {
    let mut out = String::new();
    for part in text.split(sep) {
        let next = if out.is_empty() { part.to_string() } else { format!("{out}{sep}{part}") };
        if next.width() > width {
            break;
        }
        out = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_cut_after_a_word_and_marked() {
        assert_eq!(fit("Thôn Đông", 12), "Thôn Đông   ");
        assert_eq!(cut("Trần Thị Lan Anh", 12), "Trần Thị…");
        assert_eq!(cut("Đã chuyển cơ quan có thẩm quyền", 16), "Đã chuyển cơ…");
        assert_eq!(fit("Thôn Đông Hưng", 8), "Thôn…   ");
        assert_eq!(fit("Thôn Đông Hưng", 8).width(), 8);
    }

    #[test]
    fn a_word_longer_than_half_the_cell_is_cut_between_letters_with_a_mark() {
        assert_eq!(cut("Nghiêngngả xa", 8), "Nghiêng…");
        assert_eq!(cut("abc", 0), "");
        assert_eq!(cut("abcdef", 1), "…");
    }

    #[test]
    fn a_styled_line_is_cut_at_a_word_keeping_its_styles() {
        let bold = ratatui::style::Style::new().bold();
        let line = Line::from(vec![Span::styled("12/2026 ", bold), Span::raw("Nguyễn Văn An – Lê Thị Bình")]);
        let cut = cut_line(line.clone(), 22);
        assert_eq!(cut.to_string(), "12/2026 Nguyễn Văn An…");
        assert_eq!(cut.spans[0].style, bold);
        assert_eq!(cut_line(line.clone(), 80), line);
    }

    #[test]
    fn hints_keep_their_first_parts_whole() {
        let hint = "Esc: danh sách · m: chuyển trạng thái · h: lịch sử";
        assert_eq!(leading_parts(hint, " · ", 80), hint);
        assert_eq!(leading_parts(hint, " · ", 40), "Esc: danh sách · m: chuyển trạng thái");
        assert_eq!(leading_parts(hint, " · ", 5), "");
    }

    #[test]
    fn lines_wrap_at_spaces_and_keep_every_letter() {
        assert_eq!(wrap("Thôn Đông, Thôn Tây, Thôn Nam", 12), ["Thôn Đông,", "Thôn Tây,", "Thôn Nam"]);
        let long = "xem /home/can-bo/so-xa/bao-cao-quy-4.xlsx ngay";
        let lines = wrap(long, 10);
        assert!(lines.iter().all(|l| l.width() <= 10), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), long.replace(' ', ""));
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("một\nhai", 10), ["một", "hai"]);
    }

    #[test]
    fn a_long_refusal_is_whole_in_its_lines() {
        let text = "Quý III năm 2026 đã chốt số liệu: không lưu được vụ việc «350/2026 Nguyễn Thị Nga – Lê Văn Hùng». Hãy ghi vào kỳ đang mở, hoặc soxa reopen 2026-Q3 --reason \"...\"";
        let lines = wrap(text, 78);
        assert!(lines.iter().all(|l| l.width() <= 78));
        assert_eq!(lines.join(" "), text);
    }
}

#[cfg(test)]
mod column_tests {
    use super::*;

    #[test]
    fn columns_are_as_wide_as_the_table_draws_them() {
        let widths = [Constraint::Fill(1), Constraint::Length(16), Constraint::Length(11), Constraint::Length(13)];
        assert_eq!(column_widths(&widths, 78), vec![35, 16, 11, 13]);
    }
}
