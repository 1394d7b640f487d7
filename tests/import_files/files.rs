//! Spreadsheets written the ways clerks' files arrive: CSV in UTF-8 (with
//! and without BOM), UTF-16 as Excel's "Unicode text" writes it,
//! Windows-1258 with its separate tone marks, and XLSX workbooks.

use std::path::Path;

use encoding_rs::WINDOWS_1258;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use unicode_normalization::UnicodeNormalization;

/// How a CSV file is written.
#[derive(Clone, Copy, Debug)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    /// Excel's "Unicode text": UTF-16 LE with a BOM, tab separated.
    Utf16Le,
    Windows1258,
}

/// Writes `rows` joined by `sep`, CRLF line ends, in `encoding`.
pub fn write_csv(path: &Path, rows: &[Vec<&str>], sep: &str, encoding: Encoding) {
    let text: String = rows.iter().map(|r| r.join(sep) + "\r\n").collect();
    let bytes = match encoding {
        Encoding::Utf8 => text.into_bytes(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Encoding::Utf16Le => {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        Encoding::Windows1258 => windows_1258(&text),
    };
    std::fs::write(path, bytes).expect("write the CSV");
}

/// Windows-1258 as Vietnamese Windows writes it: the five tone marks as
/// combining characters after the base letter (ệ = ê + dot below).
pub fn windows_1258(text: &str) -> Vec<u8> {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut spelled = String::new();
    for c in text.chars() {
        let parts: String = c.nfd().collect();
        let base: String = parts.chars().filter(|c| !TONES.contains(c)).collect::<String>().nfc().collect();
        spelled.push_str(&base);
        spelled.extend(parts.chars().filter(|c| TONES.contains(c)));
    }
    let (bytes, _, unmappable) = WINDOWS_1258.encode(&spelled);
    assert!(!unmappable, "the sample must be writable in Windows-1258");
    bytes.into_owned()
}

/// One cell of a test workbook.
pub enum X<'a> {
    T(&'a str),
    N(f64),
    D(u16, u8, u8),
    Blank,
}

/// A workbook whose first sheet is unrelated notes and whose second sheet
/// holds `rows` below a title row and a blank row.
pub fn write_xlsx(path: &Path, rows: &[Vec<X>]) {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Ghi chú").unwrap();
    notes.write_string(0, 0, "Danh sách cập nhật tháng 3").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Danh sách hộ").unwrap();
    sheet.write_string(0, 0, "DANH SÁCH HỘ GIA ĐÌNH KÝ CAM KẾT NĂM 2026").unwrap();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in (2u32..).zip(rows) {
        for (c, cell) in (0u16..).zip(row) {
            match cell {
                X::T(t) => {
                    sheet.write_string(r, c, *t).unwrap();
                }
                X::N(n) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                X::D(y, m, d) => {
                    let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    sheet.write_date_with_format(r, c, &date, &day).unwrap();
                }
                X::Blank => {}
            }
        }
    }
    book.save(path).unwrap();
}
