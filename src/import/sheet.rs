//! A spreadsheet as the importer sees it, whatever file it came from: rows
//! of cells, each row numbered as the clerk sees it in Excel or a text
//! editor, so a rejected row can be found and fixed.

use chrono::NaiveDate;

use crate::domain::date::format_dmy;

/// One cell. CSV files give text only; XLSX files also give numbers and
/// dates, which the importer reads as such.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// A text cell, or `Empty` for blank text.
    pub fn text(s: &str) -> Cell {
        if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as the clerk would read it: whole numbers without ".0"
    /// (codes and phone numbers are often typed as numbers in Excel), dates
    /// as dd/mm/yyyy.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => format_dmy(*d),
        }
    }
}

/// Whole numbers print as integers ("912345678", not "912345678.0" or
/// "9.12e8"); others as Rust prints them.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{n:.0}") } else { n.to_string() }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The row's number in the file: Excel's row number, or the line of a
    /// text file where the row starts (both count from 1).
    pub number: usize,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }

    pub fn get(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }
}

/// How a text file was written, as found by [`super::decode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1258,
    Windows1252,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Windows1258 => "Windows-1258",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Where the rows came from, for the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Text { encoding: TextEncoding, delimiter: u8 },
    Workbook { sheet: String },
}

/// A file's rows (header rows included) and where they came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub origin: Origin,
    pub rows: Vec<Row>,
}
