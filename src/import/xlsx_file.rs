//! Reading an .xlsx (or .xlsm) workbook into a [`Sheet`]: the first
//! worksheet whose rows hold the headers the importer needs, else the
//! first worksheet (so the report can say which columns are missing).
//! Excel's date cells become dates; numbers stay numbers, for the importer
//! to read as a year, a count or a date serial.
//!
//! The file is bounded before calamine sees it (see `limits`): its zip
//! parts are inflated and counted first, and each sheet is streamed cell
//! by cell into a sparse map, refused at the first non-empty cell beyond
//! the row or column limit, so the dense range calamine would build from
//! one far cell (`XFD1048576`: 17 billion cells) never exists. The sheet's
//! declared `<dimension>` is not trusted. Empty cells (formatting only)
//! (and blank text) are ignored wherever they are. Old .xls and .ods workbooks are refused
//! in `read` (calamine builds their dense ranges while opening them).

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, XlsxError, open_workbook};
use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::limits::{self, MAX_CELLS, MAX_COLUMNS, MAX_SHEET_ROWS, MAX_SHEET_TEXT_BYTES, TooLarge};
use super::sheet::{Cell, Origin, Row, Sheet};

/// Why a workbook could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error(transparent)]
    Xlsx(#[from] XlsxError),
    #[error(transparent)]
    Zip(#[from] zip::result::ZipError),
    #[error("too large: {0:?}")]
    TooLarge(TooLarge),
}

pub fn read(path: &Path, wanted: impl Fn(&[Row]) -> bool) -> Result<Sheet, WorkbookError> {
    limits::check_zip(path)?.map_err(WorkbookError::TooLarge)?;
    let mut book: Xlsx<_> = open_workbook(path)?;
    let mut first = None;
    let mut too_large = None;
    for name in book.sheet_names() {
        let sheet = match read_sheet(&mut book, &name)? {
            Ok(Some(rows)) => Sheet { origin: Origin::Workbook { sheet: name }, rows },
            Ok(None) => continue,
            Err(e) => {
                too_large.get_or_insert(e);
                continue;
            }
        };
        if wanted(&sheet.rows) {
            return Ok(sheet);
        }
        first.get_or_insert(sheet);
    }
    // A sheet too large to read may be the one with the headers: say so
    // rather than "no header row".
    if let Some(e) = too_large {
        return Err(WorkbookError::TooLarge(e));
    }
    Ok(first.unwrap_or(Sheet { origin: Origin::Workbook { sheet: String::new() }, rows: Vec::new() }))
}

/// One worksheet's rows, numbered as in Excel and starting at its first
/// used row and column (as calamine's ranges do); `Ok(None)` for a chart
/// sheet.
fn read_sheet<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    name: &str,
) -> Result<Result<Option<Vec<Row>>, TooLarge>, XlsxError> {
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Ok(None)),
        Err(e) => return Err(e),
    };
    let mut cells: BTreeMap<u32, Vec<(u32, Cell)>> = BTreeMap::new();
    let mut used = Used::default();
    let mut text: u64 = 0;
    while let Some(found) = reader.next_cell()? {
        let value = cell(&Data::from(found.get_value().clone()));
        if value.is_empty() {
            continue;
        }
        let (row, column) = found.get_position();
        if row >= MAX_SHEET_ROWS || column >= MAX_COLUMNS {
            return Ok(Err(TooLarge::FarCell { sheet: name.to_string(), cell: limits::cell_name(row, column) }));
        }
        used.add(row, column);
        if used.cells() > MAX_CELLS {
            let (rows, columns) = used.size();
            return Ok(Err(TooLarge::Sheet { sheet: name.to_string(), rows, columns }));
        }
        if let Cell::Text(t) = &value {
            text += t.len() as u64;
            if text > MAX_SHEET_TEXT_BYTES {
                return Ok(Err(TooLarge::Text { sheet: name.to_string() }));
            }
        }
        cells.entry(row).or_default().push((column, value));
    }
    Ok(Ok(Some(dense(&used, cells))))
}

/// The rectangle of a sheet's non-empty cells, grown cell by cell.
#[derive(Default)]
struct Used {
    /// (top, bottom, left, right), from 0, all inclusive.
    bounds: Option<(u32, u32, u32, u32)>,
}

impl Used {
    fn add(&mut self, row: u32, column: u32) {
        let (t, b, l, r) = self.bounds.unwrap_or((row, row, column, column));
        self.bounds = Some((t.min(row), b.max(row), l.min(column), r.max(column)));
    }

    /// (rows, columns).
    fn size(&self) -> (u64, u64) {
        self.bounds.map_or((0, 0), |(t, b, l, r)| (u64::from(b - t) + 1, u64::from(r - l) + 1))
    }

    fn cells(&self) -> u64 {
        let (rows, columns) = self.size();
        rows * columns
    }
}

/// The sparse cells as rows padded to the used rectangle (at most
/// [`MAX_CELLS`], checked while reading).
fn dense(used: &Used, mut cells: BTreeMap<u32, Vec<(u32, Cell)>>) -> Vec<Row> {
    let Some((top, bottom, left, right)) = used.bounds else { return Vec::new() };
    let width = (right - left) as usize + 1;
    (top..=bottom)
        .map(|r| {
            let mut row = Row { number: r as usize + 1, cells: vec![Cell::Empty; width] };
            for (column, value) in cells.remove(&r).unwrap_or_default() {
                if let Some(slot) = row.cells.get_mut((column - left) as usize) {
                    *slot = value;
                }
            }
            row
        })
        .collect()
}

/// One workbook cell as the importer reads it.
pub fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        // Text typed with the Windows Vietnamese keyboard may be decomposed.
        Data::String(s) => Cell::text(&s.nfc().collect::<String>()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(y.into(), m.into(), d.into()).map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => {
            let day = s.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            day.map_or_else(|| Cell::text(s), Cell::Date)
        }
        Data::DurationIso(s) => Cell::text(s),
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    use super::*;

    #[test]
    fn excel_dates_become_dates() {
        let serial = ExcelDateTime::new(46_072.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell(&Data::DateTime(serial)), Cell::Date(NaiveDate::from_ymd_opt(2026, 2, 19).unwrap()));
        let mac = ExcelDateTime::new(44_610.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(cell(&Data::DateTime(mac)), Cell::Date(NaiveDate::from_ymd_opt(2026, 2, 19).unwrap()));
        let iso = Data::DateTimeIso("2026-02-19T00:00:00".into());
        assert_eq!(cell(&iso), Cell::Date(NaiveDate::from_ymd_opt(2026, 2, 19).unwrap()));
    }

    #[test]
    fn other_cells() {
        assert_eq!(cell(&Data::Float(912_345_678.0)).shown(), "912345678");
        assert_eq!(cell(&Data::Int(4)), Cell::Number(4.0));
        assert_eq!(cell(&Data::String("  ".into())), Cell::Empty);
        let nfd: String = "Đông".nfd().collect();
        assert_eq!(cell(&Data::String(nfd)), Cell::Text("Đông".into()));
    }
}
