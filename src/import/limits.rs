//! How large an input file soxa accepts, so that no file, however built,
//! can take more than a bounded amount of memory (the clerk's PC has 2-4
//! GB): every check here runs before the part it guards is read into
//! memory, and a file over a limit is refused with one sentence
//! ([`TooLarge`], worded in `i18n::imports`).
//!
//! The bound, worst case: a CSV file holds its bytes, its decoded text
//! twice (before and after NFC) and its cells, about 8 times
//! [`MAX_FILE_BYTES`] in all; a workbook holds its shared strings and
//! styles as calamine parses them (each part at most [`MAX_PART_BYTES`]
//! uncompressed, a few times that once parsed) and its cells
//! ([`MAX_CELLS`] cells of 32 bytes plus their text). Both stay under
//! 1 GB; a real commune's list (10,000 households) takes under 100 MB.

use std::io::Read;
use std::path::Path;

/// Any input file, CSV or workbook, on disk. A 10,000-household CSV is
/// about 2 MB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Rows of a sheet: the row number of its last non-empty cell.
pub const MAX_ROWS: u32 = 100_000;
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

/// What made a file too large; each names the place so the clerk can
/// find it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TooLarge {
    /// The file itself.
    File { bytes: u64 },
    /// A workbook part that inflates beyond its limit (a zip bomb), or a
    /// zip of too many parts.
    Part { name: String },
    /// A non-empty cell beyond [`MAX_ROWS`] or [`MAX_COLUMNS`]: `cell` is
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
        let read = std::io::copy(&mut part.by_ref().take(limit + 1), &mut std::io::sink())?;
        if read > limit {
            return over();
        }
    }
    Ok(Ok(()))
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
}
