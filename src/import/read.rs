//! Opening a file for import: a workbook (.xlsx, .xlsm) through calamine,
//! anything else as delimited text; then its header row. The file's size is
//! checked first, and each reader keeps to the limits of `limits`. Old
//! .xls and .ods workbooks are refused with a sentence asking for .xlsx:
//! calamine builds every sheet of those as a dense range while opening
//! the file, so one far cell would take gigabytes before any check.

use std::path::Path;

use super::columns::{Header, Kind};
use super::csv_file::CsvError;
use super::error::ImportError;
use super::limits::{self, TooLarge};
use super::sheet::{Row, Sheet};
use super::xlsx_file::WorkbookError;
use super::{csv_file, xlsx_file};

/// The file's rows and header, or why they cannot be read.
pub fn read(path: &Path, kind: Kind) -> Result<(Sheet, Header), ImportError> {
    let sheet = sheet(path, |rows| Header::find(kind, rows).is_some_and(|h| h.missing(kind).is_empty()))?;
    let header = Header::find(kind, &sheet.rows).ok_or(ImportError::NoHeader { kind })?;
    let missing = header.missing(kind);
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    Ok((sheet, header))
}

/// The file's rows: of a workbook, the first sheet whose rows are `wanted`
/// (or the first sheet).
pub fn sheet(path: &Path, wanted: impl Fn(&[Row]) -> bool) -> Result<Sheet, ImportError> {
    let unreadable = |detail: String| ImportError::Read { path: path.to_path_buf(), detail };
    let too_large = |what: TooLarge| ImportError::TooLarge { path: path.to_path_buf(), what };
    if is_old_workbook(path) {
        return Err(ImportError::OldWorkbook { path: path.to_path_buf() });
    }
    limits::check_file_size(path).map_err(|e| unreadable(e.to_string()))?.map_err(too_large)?;
    if is_workbook(path) {
        xlsx_file::read(path, wanted).map_err(|e| match e {
            WorkbookError::TooLarge(what) => too_large(what),
            e => ImportError::Workbook { path: path.to_path_buf(), detail: e.to_string() },
        })
    } else {
        let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
        csv_file::read(&bytes).map_err(|e| match e {
            CsvError::TooLarge(what) => too_large(what),
            CsvError::Csv(e) => unreadable(e.to_string()),
        })
    }
}

pub fn is_workbook(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(ext.as_str(), "xlsx" | "xlsm")
}

/// Excel 97-2003 and OpenDocument workbooks, refused (see the module).
pub fn is_old_workbook(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(ext.as_str(), "xls" | "ods" | "xlsb")
}
