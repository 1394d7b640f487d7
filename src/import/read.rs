//! Opening a file for import: a workbook (.xlsx, .xlsm, .xls, .ods) through
//! calamine, anything else as delimited text; then its header row.

use std::path::Path;

use super::columns::{Header, Kind};
use super::error::ImportError;
use super::sheet::Sheet;
use super::{csv_file, xlsx_file};

/// The file's rows and header, or why they cannot be read.
pub fn read(path: &Path, kind: Kind) -> Result<(Sheet, Header), ImportError> {
    let sheet = if is_workbook(path) {
        let wanted = |rows: &[_]| Header::find(kind, rows).is_some_and(|h| h.missing(kind).is_empty());
        xlsx_file::read(path, wanted)
            .map_err(|e| ImportError::Workbook { path: path.to_path_buf(), detail: e.to_string() })?
    } else {
        let bytes =
            std::fs::read(path).map_err(|e| ImportError::Read { path: path.to_path_buf(), detail: e.to_string() })?;
        csv_file::read(&bytes).map_err(|e| ImportError::Read { path: path.to_path_buf(), detail: e.to_string() })?
    };
    let header = Header::find(kind, &sheet.rows).ok_or(ImportError::NoHeader { kind })?;
    let missing = header.missing(kind);
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    Ok((sheet, header))
}

pub fn is_workbook(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods")
}
