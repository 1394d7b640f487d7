//! The CSV export: one file per table, UTF-8 with a byte order mark so that
//! Excel reads Vietnamese letters right, comma-separated, one header line.
//!
//! The file the clerk names holds the summary: every indicator of every
//! section, one row per hamlet, then the commune-wide teams, then the
//! total, the targets' figures by hamlet first. Beside it, sharing its
//! name, come the targets table (`…-chi-tieu.csv`, first), the report's
//! information and
//! one file per detail list (`bao-cao-2026-Q3-vi-pham.csv`...; see
//! [`super::csv_path`]). Counts are plain integers, rates are percentages
//! with a dot and one decimal (`87.3`, empty when there is nothing to
//! divide), dates are dd/mm/yyyy, flags are `x`. Cells a spreadsheet
//! would run as a formula get a `'` in front (`crate::output::csv`).

use std::path::{Path, PathBuf};

use super::model::{Cell, Kind, Report, Table, date_text, is_targets};
use super::{ExportError, csv_path};
use crate::output;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The files to write, the summary first.
pub fn write(report: &Report, main: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>, ExportError> {
    let mut files = vec![(main.to_path_buf(), table_bytes(&report.wide_summary())?)];
    for table in report.targets.tables.iter().filter(|t| is_targets(t)) {
        files.push((csv_path(main, &table.slug()), table_bytes(table)?));
    }
    files.push((csv_path(main, &report.info.slug()), table_bytes(&report.info)?));
    for table in &report.details {
        files.push((csv_path(main, &table.slug()), table_bytes(table)?));
    }
    Ok(files)
}

fn table_bytes(table: &Table) -> Result<Vec<u8>, ExportError> {
    let mut builder = ::csv::WriterBuilder::new();
    builder.terminator(::csv::Terminator::CRLF);
    let mut w = output::csv::Writer::new(&builder, BOM.to_vec());
    let fail = |e: ::csv::Error| ExportError::Build(e.to_string());
    // Rates are written as numbers of percent; the heading says so.
    let header =
        table.columns.iter().map(|c| if c.kind == Kind::Rate { format!("{} (%)", c.title) } else { c.title.clone() });
    w.write_record(header).map_err(fail)?;
    for row in &table.rows {
        w.write_record(row.cells.iter().map(cell)).map_err(fail)?;
    }
    w.into_inner().map_err(|e| ExportError::Build(e.to_string()))
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Count(n) => n.to_string(),
        Cell::Rate(Some(p)) => format!("{}.{}", p / 10, p % 10),
        Cell::Rate(None) | Cell::Blank | Cell::Mark(false) => String::new(),
        Cell::Date(d) => date_text(*d),
        Cell::Mark(true) => "x".into(),
    }
}
