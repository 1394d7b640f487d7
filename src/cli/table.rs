//! Plain-text columns for the terminal, aligned by display width so that
//! Vietnamese letters (one column each, in NFC) line up.

use unicode_width::UnicodeWidthStr;

/// Renders rows with each column padded to its widest cell.
pub fn render(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..columns).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.width()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c].saturating_sub(cell.width()) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_vietnamese_by_width() {
        let rows = vec![vec!["Hộ".to_string(), "Đặng".into()], vec!["Vụ việc".into(), "x".into()]];
        assert_eq!(render(&rows), "Hộ       Đặng\nVụ việc  x\n");
    }
}
