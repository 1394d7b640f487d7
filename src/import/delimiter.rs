//! Which character separates the cells of a text file: comma, semicolon
//! (Excel in many European locales) or tab (Excel's "Unicode text").
//!
//! The separator is the one that splits the first lines into the same
//! number of cells most often; a comma inside an address ("Xóm 2, thôn
//! Đông") varies from line to line and loses to the real separator. Excel's
//! own hint line `sep=;` wins outright.

/// The candidates, in the order that wins a tie.
const CANDIDATES: [u8; 3] = [b'\t', b';', b','];

/// Lines looked at: enough to pass a title and a few blank rows.
const SAMPLE_LINES: usize = 40;

pub fn detect(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(SAMPLE_LINES).collect();
    if let Some(sep) = lines.first().and_then(|l| l.trim().strip_prefix("sep="))
        && let [b] = sep.as_bytes()
    {
        return *b;
    }
    let mut best = (0, 0, b',');
    for candidate in CANDIDATES {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, candidate)).collect();
        let (agreeing, cells) = most_common(&counts);
        if (agreeing, cells) > (best.0, best.1) {
            best = (agreeing, cells, candidate);
        }
    }
    best.2
}

/// How often `sep` occurs outside double quotes.
fn count_outside_quotes(line: &str, sep: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == sep && !quoted {
            n += 1;
        }
    }
    n
}

/// The most common non-zero count: (how many lines have it, the count).
fn most_common(counts: &[usize]) -> (usize, usize) {
    let mut best = (0, 0);
    for &c in counts.iter().filter(|c| **c > 0) {
        let agreeing = counts.iter().filter(|x| **x == c).count();
        if (agreeing, c) > best {
            best = (agreeing, c);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_separator() {
        assert_eq!(detect("Mã hộ,Chủ hộ,Thôn\nT1,An,Đông\n"), b',');
        assert_eq!(detect("Mã hộ;Chủ hộ;Thôn\nT1;An;Đông\n"), b';');
        assert_eq!(detect("Mã hộ\tChủ hộ\tThôn\r\nT1\tAn\tĐông\r\n"), b'\t');
    }

    #[test]
    fn commas_inside_cells_do_not_fool_it() {
        let text = "Mã hộ;Chủ hộ;Địa chỉ\nT1;An;Xóm 2, thôn Đông\nT2;Bình;Số 5, ngõ 3, thôn Tây\nT3;Cúc;Thôn Đông\n";
        assert_eq!(detect(text), b';');
        let quoted = "Mã hộ,Chủ hộ,Địa chỉ\nT1,An,\"Xóm 2; thôn Đông\"\nT2,Bình,\"Số 5; ngõ 3\"\n";
        assert_eq!(detect(quoted), b',');
    }

    #[test]
    fn a_title_line_above_the_table_is_passed_over() {
        let text = "DANH SÁCH HỘ GIA ĐÌNH\n\nMã hộ;Chủ hộ;Thôn\nT1;An;Đông\nT2;Bình;Tây\n";
        assert_eq!(detect(text), b';');
    }

    #[test]
    fn excel_separator_hint_wins() {
        assert_eq!(detect("sep=;\nMã hộ,Chủ hộ\nT1,An\n"), b';');
    }
}
