//! How large an input file soxa accepts, so that no file, however built,
//! can take more than a bounded amount of memory (the clerk's PC has 2-4
//! GB): every check here runs before the part it guards is read into
//! memory, and a file over a limit is refused with one sentence
//! ([`TooLarge`], worded in `words`).
//!
//! The bound, worst case: a CSV file holds its bytes, its decoded text
//! twice (before and after NFC) and its cells, about 8 times
//! [`MAX_FILE_BYTES`] in all; a workbook holds its shared strings and
//! styles as calamine parses them (each part at most [`MAX_PART_BYTES`]
//! uncompressed, a few times that once parsed) and its cells
//! ([`MAX_CELLS`] cells of 32 bytes plus at most [`MAX_SHEET_TEXT_BYTES`]
//! of text, no value over [`MAX_XML_RUN`]). Both stay under 1 GB; a real
//! commune's list (10,000 households) takes under 100 MB.

use std::io::Read;
use std::path::Path;

/// Any input file, CSV or workbook, on disk. A 10,000-household CSV is
/// about 2 MB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Rows of records in a sheet, beneath its header row: a commune's
/// 100,000 households fit in one file (DESIGN §6's import target).
pub const MAX_ROWS: u32 = 100_000;
/// Lines of a sheet: the row number of its last non-empty cell, the
/// header row included.
pub const MAX_SHEET_ROWS: u32 = MAX_ROWS + 1;
/// Columns of a sheet: the column of its last non-empty cell (IV).
pub const MAX_COLUMNS: u32 = 256;
/// Cells of a sheet's used rectangle (rows x columns, empty ones
/// included), and so of the rows handed to the importer.
pub const MAX_CELLS: u64 = 3_000_000;
/// One CSV record (a row, quoted line breaks included).
pub const MAX_RECORD_BYTES: usize = 64 * 1024;
/// Uncompressed bytes of one part of a workbook's zip (a sheet, the
/// shared strings...): counted while inflating, not taken from the
/// header, which a zip bomb can fake.
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;
/// Uncompressed bytes of the parts calamine reads whole into memory
/// when it opens a workbook (shared strings, styles, workbook, links).
pub const MAX_WHOLE_PART_BYTES: u64 = 48 * 1024 * 1024;
/// Entries in a workbook's zip.
pub const MAX_PARTS: usize = 10_000;
/// Bytes between two `<` or `>` in a workbook part: one text value or one
/// tag, which the XML reader holds whole. Excel's own limit for a cell is
/// 32,767 characters (under 200 KB even escaped).
pub const MAX_XML_RUN: usize = 1024 * 1024;
/// Text of one sheet's cells in all: each cell that names a shared string
/// gets its own copy, so a few long shared strings named by millions of
/// cells would otherwise multiply.
pub const MAX_SHEET_TEXT_BYTES: u64 = 128 * 1024 * 1024;

/// What made a file too large; each names the place so the clerk can
/// find it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TooLarge {
    /// The file itself.
    File { bytes: u64 },
    /// A workbook part that inflates beyond its limit (a zip bomb), or a
    /// zip of too many parts.
    Part { name: String },
    /// A workbook part holding one value or tag over [`MAX_XML_RUN`].
    Value { part: String },
    /// A sheet whose cells hold over [`MAX_SHEET_TEXT_BYTES`] of text.
    Text { sheet: String },
    /// A non-empty cell beyond [`MAX_SHEET_ROWS`] or [`MAX_COLUMNS`]: `cell` is
    /// its reference ("XFD1048576").
    FarCell { sheet: String, cell: String },
    /// A sheet (or CSV file) whose used rectangle holds more than
    /// [`MAX_CELLS`]: `rows` x `columns`.
    Sheet { sheet: String, rows: u64, columns: u64 },
    /// A CSV record longer than [`MAX_RECORD_BYTES`] starting on `line`.
    Record { line: usize },
}

/// Refuses a file larger than [`MAX_FILE_BYTES`] before it is read.
pub fn check_file_size(path: &Path) -> std::io::Result<Result<(), TooLarge>> {
    let bytes = std::fs::metadata(path)?.len();
    Ok(if bytes > MAX_FILE_BYTES { Err(TooLarge::File { bytes }) } else { Ok(()) })
}

/// Inflates every part of a workbook's zip into nothing, counting, and
/// refuses the first one over its limit: calamine reads the shared
/// strings and styles whole when it opens the file, before any sheet.
/// Inflating costs about a tenth of a second for a 5 MB workbook.
pub fn check_zip(path: &Path) -> Result<Result<(), TooLarge>, zip::result::ZipError> {
    let file = std::fs::File::open(path)?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file))?;
    if zip.len() > MAX_PARTS {
        return Ok(Err(TooLarge::Part { name: format!("{} parts", zip.len()) }));
    }
    for i in 0..zip.len() {
        let mut part = zip.by_index(i)?;
        let name = part.name()?.to_string();
        let limit = part_limit(&name);
        let over = || Ok(Err(TooLarge::Part { name: name.clone() }));
        if part.size() > limit {
            return over();
        }
        let mut scan = Scan::default();
        let mut buf = vec![0_u8; 64 * 1024];
        loop {
            let n = part.read(&mut buf)?;
            if n == 0 {
                break;
            }
            if !scan.feed(&buf[..n], limit) {
                return if scan.bytes > limit { over() } else { Ok(Err(TooLarge::Value { part: name })) };
            }
        }
    }
    Ok(Ok(()))
}

/// Bytes of a part seen so far, and of the run since the last `<` or `>`.
#[derive(Default)]
struct Scan {
    bytes: u64,
    run: usize,
}

impl Scan {
    /// Takes the next chunk; false once over `limit` or [`MAX_XML_RUN`].
    fn feed(&mut self, chunk: &[u8], limit: u64) -> bool {
        self.bytes += chunk.len() as u64;
        let mut last = None;
        for at in memchr::memchr2_iter(b'<', b'>', chunk) {
            let since = last.map_or(self.run + at, |l: usize| at - l - 1);
            if since > MAX_XML_RUN {
                return false;
            }
            last = Some(at);
        }
        self.run = match last {
            Some(l) => chunk.len() - l - 1,
            None => self.run + chunk.len(),
        };
        self.bytes <= limit && self.run <= MAX_XML_RUN
    }
}

/// Sheets are streamed cell by cell (and bounded by [`MAX_CELLS`]);
/// every other part is read whole.
fn part_limit(name: &str) -> u64 {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("xl/worksheets/") { MAX_PART_BYTES } else { MAX_WHOLE_PART_BYTES }
}

/// Excel's name of a cell: row and column from 0 ("A1" for (0, 0)).
pub fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 255), "IV1");
    }

    #[test]
    fn runs_between_tags_are_counted_across_chunks() {
        let mut scan = Scan::default();
        assert!(scan.feed(b"<a>hello</a><b>", 100));
        assert_eq!(scan.run, 0);
        let half = vec![b'x'; MAX_XML_RUN / 2 + 1];
        assert!(scan.feed(&half, u64::MAX));
        assert!(!scan.feed(&half, u64::MAX), "two halves make one run over the limit");
        let mut scan = Scan::default();
        assert!(scan.feed(&half, u64::MAX));
        assert!(scan.feed(b"</t>", u64::MAX));
        assert!(scan.feed(&half, u64::MAX));
        assert!(!scan.feed(b"<", 10), "over the byte limit");
    }
}
