//! Writing a period's summary to files: XLSX (an official-looking report
//! with detail sheets), CSV (one file per table), Markdown (a printable
//! text report) and JSON (the numbers for a province to merge).
//!
//! Every writer reads the same [`Summary`]: the tabular writers through
//! [`model::Report`], which lays the numbers out in tables once, and JSON
//! through its own plain structure. Names behind the ids of the detail
//! lists come from the [`Dataset`] the summary was computed from
//! (`names`). National ID and phone numbers are masked unless
//! [`ExportOptions::include_personal`] is set.
//!
//! Files are written through `crate::output`: never inside a ledger folder,
//! never over an existing file unless asked, each to a temporary file beside
//! the target renamed into place once complete, so a failed or interrupted
//! export never leaves a half-written report behind. Words come from
//! `words`.

mod csv;
mod json;
mod markdown;
mod model;
mod names;
pub use names::Records;
#[cfg(test)]
mod tests;
pub mod words;
mod xlsx;

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::{Dataset, Summary};
use crate::domain::{Lang, Period, PeriodKind};
use crate::output::{self, Existing, OutputError};

/// The file formats a report can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Xlsx,
    Csv,
    Markdown,
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Xlsx, Format::Csv, Format::Markdown, Format::Json];

    /// Reads `xlsx`, `csv`, `md` (or `markdown`, `txt`) and `json`, in any case.
    pub fn parse(text: &str) -> Option<Format> {
        match text.trim().trim_start_matches('.').to_ascii_lowercase().as_str() {
            "xlsx" | "excel" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "md" | "markdown" | "txt" | "text" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The format a file name's extension names, if any.
    pub fn of_path(path: &Path) -> Option<Format> {
        path.extension().and_then(|e| e.to_str()).and_then(Format::parse)
    }

    /// The extension its files get, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }

    /// How the format is named to the clerk.
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "XLSX (Excel)",
            Format::Csv => "CSV",
            Format::Markdown => "Markdown",
            Format::Json => "JSON",
        }
    }
}

/// How a report is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// Write national ID and phone numbers in full instead of masked.
    pub include_personal: bool,
    /// The language of every label (numbers and codes are the same in both).
    pub lang: Lang,
    /// When the report was made: its date heads the report.
    pub generated_at: NaiveDateTime,
}

/// Why a report could not be written; `crate::report::export::words::error` says it to the
/// clerk. Nothing is left half written in any case.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file could not be written there (see `crate::output`).
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The spreadsheet or JSON library refused the contents (a bug, not the
    /// clerk's doing).
    #[error("cannot build the report: {0}")]
    Build(String),
}

/// Writes the report of `summary` (computed from `data`; `records` are the
/// ones its details name, see [`Records::load`]) as `format` to `path`, and
/// returns every file written: one, or for CSV the summary file
/// at `path` followed by one file per detail table beside it (see
/// [`csv_path`]). An existing file is replaced only if `existing` says so.
pub fn export(
    format: Format,
    data: &Dataset,
    records: &Records,
    summary: &Summary,
    options: &ExportOptions,
    path: &Path,
    existing: Existing,
) -> Result<Vec<PathBuf>, ExportError> {
    output::check(path, existing)?;
    let files = files(format, data, records, summary, options, path)?;
    Ok(output::write_all(&files, existing)?)
}

/// The files [`export`] would write, with their bytes, written nowhere: a
/// report with personal data goes into a locked ZIP
/// (`crate::output::locked`) instead.
pub fn files(
    format: Format,
    data: &Dataset,
    records: &Records,
    summary: &Summary,
    options: &ExportOptions,
    path: &Path,
) -> Result<Vec<(PathBuf, Vec<u8>)>, ExportError> {
    let names = names::Names::new(data, records, options.include_personal);
    let one = |bytes: Vec<u8>| Ok(vec![(path.to_path_buf(), bytes)]);
    match format {
        Format::Json => one(json::write(data, summary, &names, options)?),
        Format::Xlsx => one(xlsx::write(&model::Report::build(data, summary, &names, options))?),
        Format::Markdown => one(markdown::write(&model::Report::build(data, summary, &names, options)).into_bytes()),
        Format::Csv => csv::write(&model::Report::build(data, summary, &names, options), path),
    }
}

/// The file name a report gets unless the clerk chooses one:
/// `bao-cao-2026-Q3.xlsx` (`report-2026-Q3.xlsx` in English); a range of
/// days reads `bao-cao-2026-01-05_2026-03-31.md`.
pub fn default_file_name(period: &Period, format: Format, lang: Lang) -> String {
    let stem = match lang {
        Lang::Vi => "bao-cao",
        Lang::En => "report",
    };
    let code = match period.kind {
        PeriodKind::Custom => period.code().replace("..", "_"),
        _ => period.code(),
    };
    format!("{stem}-{code}.{}", format.extension())
}

/// Where a CSV export puts the table `slug`: beside `main`, named after it
/// (`bao-cao-2026-Q3.csv` -> `bao-cao-2026-Q3-vi-pham.csv`).
pub fn csv_path(main: &Path, slug: &str) -> PathBuf {
    let stem = main.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    main.with_file_name(format!("{stem}-{slug}.csv"))
}
