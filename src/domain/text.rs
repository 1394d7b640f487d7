//! Text hygiene and search folding.
//!
//! Every string that reaches the store passes through [`clean_line`] or
//! [`clean_block`]: NFC, no control or bidirectional-override characters,
//! no U+FFFD (what a decoder puts for bytes that were not text: it says
//! nothing about the person, so it is dropped like a control), trimmed. Searching compares [`fold`]ed keys so that "nguyen van an" finds
//! "Nguyễn Văn An" and "dang" finds "Đặng". Masking of national ID and phone
//! numbers for lists and exports lives here too, as it is pure text work.

use unicode_normalization::{IsNormalized, UnicodeNormalization, char::is_combining_mark, is_nfc_quick};

/// Longest person, household or team name, in characters.
pub const MAX_NAME: usize = 100;
/// Longest free-text note, in characters.
pub const MAX_NOTE: usize = 2_000;
/// Longest short field (codes, phone numbers, decision numbers).
pub const MAX_SHORT: usize = 30;
/// Longest address or one-line description.
pub const MAX_LINE: usize = 300;

/// Characters that are invisible yet change how text is drawn: bidi marks and
/// overrides, zero-width characters, the byte-order mark. A name carrying them
/// could look like another name on screen, so they are dropped.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}')
}

/// Cleans a one-line field: controls and invisible format characters
/// removed, every run of white space made one space, trimmed, then NFC (so
/// the result is NFC even when a removed character sat inside a letter), and
/// no stray combining mark left at the start of a word.
pub fn clean_line(input: &str) -> String {
    let mut kept = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.chars() {
        if c.is_whitespace() {
            pending_space = true;
        } else if c.is_control() || is_invisible_format(c) || c == char::REPLACEMENT_CHARACTER {
            // Dropped without a trace: a control between two letters does not
            // split a word, and one after a space does not cancel the space.
        } else {
            if pending_space && !kept.is_empty() {
                kept.push(' ');
            }
            pending_space = false;
            kept.push(c);
        }
    }
    // Most text arrives composed already (every keyboard and spreadsheet we
    // know of writes NFC): the quick check spares decomposing and composing
    // it again, a tenth of a 100,000-row import.
    let composed: String = match is_nfc_quick(kept.chars()) {
        IsNormalized::Yes => kept,
        _ => kept.nfc().collect(),
    };
    let mut out = String::with_capacity(composed.len());
    for c in composed.chars() {
        let starts_word = out.is_empty() || out.ends_with(' ');
        if !(starts_word && is_combining_mark(c)) {
            out.push(c);
        }
    }
    out
}

/// Cleans a multi-line note: like [`clean_line`] per line, keeping line breaks
/// (at most one blank line in a row), trimmed at both ends.
pub fn clean_block(input: &str) -> String {
    let normalized = input.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = Vec::new();
    for raw in normalized.split('\n') {
        let line = clean_line(raw);
        let blank_run = line.is_empty() && lines.last().is_some_and(String::is_empty);
        if !blank_run {
            lines.push(line);
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    lines[first..].join("\n")
}

/// Cleans an optional one-line value; empty becomes `None`.
pub fn clean_optional(value: Option<String>, tidy: impl Fn(String) -> String) -> Option<String> {
    value.map(|v| tidy(clean_line(&v))).filter(|v| !v.is_empty())
}

/// Length in characters (what a clerk would count), not bytes.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// The search key of a text: lower case, diacritics removed, đ/Đ as d, every
/// run of non-alphanumeric characters one space. "ĐẶNG Văn Đức" -> "dang van duc".
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            // Rare but seen in old spreadsheets: the Icelandic eth looks the same.
            'ð' | 'Ð' => 'd',
            _ => c,
        };
        if c.is_alphanumeric() || c == '/' {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// The rest of `text` after the words of `prefix`, matched whole and in any
/// case ("thôn đông" after "Thôn" is "đông"); `None` if `text` does not
/// begin with them or nothing follows them.
pub fn strip_words<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let mut rest = text.trim_start();
    for word in prefix.split_whitespace() {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (first, after) = rest.split_at(end);
        if first.nfc().flat_map(char::to_lowercase).ne(word.nfc().flat_map(char::to_lowercase)) {
            return None;
        }
        rest = after.trim_start();
    }
    let rest = rest.trim_end();
    (!rest.is_empty() && !prefix.trim().is_empty()).then_some(rest)
}

/// Shows only the last 4 digits of a national ID: "********8901".
pub fn mask_national_id(id: &str) -> String {
    mask_keep_last(id, 4)
}

/// Shows the first 3 and last 3 digits of a phone number: "091****678".
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() <= 6 {
        return mask_keep_last(phone, 2);
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 3..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 6))
}

fn mask_keep_last(s: &str, keep: usize) -> String {
    let n = s.chars().count();
    let hidden = n.saturating_sub(keep);
    let tail: String = s.chars().skip(hidden).collect();
    format!("{}{tail}", "*".repeat(hidden))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_is_matched_by_whole_words_in_any_case() {
        assert_eq!(strip_words("Thôn Đông", "Thôn"), Some("Đông"));
        assert_eq!(strip_words("thôn đông", "Thôn"), Some("đông"));
        assert_eq!(strip_words("TỔ DÂN PHỐ 5", "Tổ dân phố"), Some("5"));
        assert_eq!(strip_words("Thôn", "Thôn"), None);
        assert_eq!(strip_words("Thônđông", "Thôn"), None);
        assert_eq!(strip_words("Bàn Đá", "Bản"), None);
        assert_eq!(strip_words("Đông", "Thôn"), None);
    }

    #[test]
    fn folds_real_vietnamese_names() {
        assert_eq!(fold("Nguyễn Thị Ánh Tuyết"), "nguyen thi anh tuyet");
        assert_eq!(fold("ĐẶNG VĂN ĐỨC"), "dang van duc");
        assert_eq!(fold("Phạm Ngọc Đoàn"), "pham ngoc doan");
        assert_eq!(fold("Huỳnh Thị Yến"), "huynh thi yen");
        assert_eq!(fold("Trần Thị Hồng Nhung"), "tran thi hong nhung");
    }

    #[test]
    fn folds_decomposed_input_like_precomposed() {
        let nfd: String = "Nguyễn Văn An".nfd().collect();
        assert_ne!(nfd, "Nguyễn Văn An");
        assert_eq!(fold(&nfd), "nguyen van an");
    }

    #[test]
    fn folding_keeps_digits_and_case_numbers() {
        assert_eq!(fold("  Hộ T01-0012 "), "ho t01 0012");
        assert_eq!(fold("12/2026"), "12/2026");
        assert_eq!(fold("0912.345.678"), "0912 345 678");
    }

    #[test]
    fn clean_line_makes_nfc_and_drops_controls() {
        let nfd: String = "Lê Thị Hoa".nfd().collect();
        assert_eq!(clean_line(&nfd), "Lê Thị Hoa");
        assert_eq!(clean_line("  Lê\tThị   Hoa \n"), "Lê Thị Hoa");
        assert_eq!(clean_line("Lê\x1b[2JHoa"), "Lê[2JHoa");
        assert_eq!(clean_line("A\u{202E}B\u{200B}C\0D"), "ABCD");
        assert_eq!(clean_line("   "), "");
        assert_eq!(clean_line("Lê \u{7}Hoa"), "Lê Hoa");
        assert_eq!(clean_line("Nguyễn \0Văn"), "Nguyễn Văn");
        let cleaned = clean_line("e\u{200B}\u{0301}");
        assert_eq!(cleaned, "é");
        assert!(unicode_normalization::is_nfc(&cleaned));
        assert_eq!(clean_line("\u{0301}An \u{0300}Bình"), "An Bình");
    }

    #[test]
    fn replacement_characters_never_stay() {
        for (input, kept) in [
            ("Nguy\u{FFFD}\u{FFFD}n Văn An", "Nguyn Văn An"),
            ("\u{FFFD}", ""),
            ("Lê \u{FFFD} Hoa", "Lê Hoa"),
            ("\u{FFFD}\u{0301}An", "An"),
        ] {
            assert_eq!(clean_line(input), kept, "{input:?}");
            assert!(!clean_block(&format!("{input}\n{input}")).contains('\u{FFFD}'));
        }
    }

    #[test]
    fn clean_block_keeps_paragraphs() {
        assert_eq!(clean_block("\n\n a \r\n\r\n\r\n b\x07 \n\n"), "a\n\nb");
    }

    #[test]
    fn masks_identifiers() {
        assert_eq!(mask_national_id("001234567890"), "********7890");
        assert_eq!(mask_phone("0912345678"), "091****678");
        assert_eq!(mask_phone("12345"), "***45");
    }
}
