//! The last step of every frame: only precomposed letters reach the
//! terminal. The old Windows console (conhost) cannot draw combining marks
//! (it shows "e" and a box instead of "ế"), and text can reach the screen
//! decomposed: typed by an input method set to "Unicode tổ hợp", pasted, or
//! read from an imported file before it is cleaned. Each cell is put in NFC;
//! a mark that has no precomposed letter is dropped, so the cell keeps its
//! one column either way.

use ratatui::buffer::Buffer;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Puts every cell of `buf` in NFC, without combining marks.
pub fn compose(buf: &mut Buffer) {
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        if symbol.is_ascii() || (unicode_normalization::is_nfc(symbol) && !symbol.chars().any(is_combining_mark)) {
            continue;
        }
        let composed: String = symbol.nfc().filter(|c| !is_combining_mark(*c)).collect();
        let composed = if composed.is_empty() { " ".to_string() } else { composed };
        cell.set_symbol(&composed);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;

    use super::*;

    fn drawn(text: &str) -> (Buffer, String) {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        buf.set_string(0, 0, text, ratatui::style::Style::new());
        compose(&mut buf);
        let shown = buf.content.iter().map(|c| c.symbol()).collect::<String>();
        (buf, shown)
    }

    #[test]
    fn decomposed_vietnamese_is_drawn_precomposed() {
        // "Nguyễn" with ễ as e + circumflex + tilde, "Việt" with ệ as e + dot + circumflex.
        let (buf, shown) = drawn("Nguye\u{302}\u{303}n Vie\u{323}\u{302}t");
        assert_eq!(shown.trim_end(), "Nguyễn Việt");
        assert!(buf.content.iter().all(|c| !c.symbol().chars().any(is_combining_mark)));
    }

    #[test]
    fn a_mark_with_no_precomposed_letter_is_dropped_and_columns_stay() {
        let (_, shown) = drawn("q\u{301}x");
        assert_eq!(shown.trim_end(), "qx");
    }

    #[test]
    fn precomposed_text_is_left_alone() {
        let (_, shown) = drawn("Sổ xã ĐẮK");
        assert_eq!(shown.trim_end(), "Sổ xã ĐẮK");
    }
}
