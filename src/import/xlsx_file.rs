//! Reading a workbook (.xlsx, and the .xls and .ods calamine also reads)
//! into a [`Sheet`]: the first worksheet whose rows hold the headers the
//! importer needs, else the first worksheet (so the report can say which
//! columns are missing). Excel's date cells become dates; numbers stay
//! numbers, for the importer to read as a year, a count or a date serial.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::sheet::{Cell, Origin, Row, Sheet};

pub fn read(path: &Path, wanted: impl Fn(&[Row]) -> bool) -> Result<Sheet, calamine::Error> {
    let mut book = open_workbook_auto(path)?;
    let mut first = None;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name)?;
        let start = range.start().map_or(0, |(row, _)| row as usize);
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| Row { number: start + i + 1, cells: cells.iter().map(cell).collect() })
            .collect::<Vec<_>>();
        let sheet = Sheet { origin: Origin::Workbook { sheet: name }, rows };
        if wanted(&sheet.rows) {
            return Ok(sheet);
        }
        first.get_or_insert(sheet);
    }
    Ok(first.unwrap_or(Sheet { origin: Origin::Workbook { sheet: String::new() }, rows: Vec::new() }))
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
