//! Years of commitments in a households file, in either layout clerks keep:
//!
//! - one column per year: "Năm 2024", "Cam kết 2025", "Ngày ký 2026"
//!   (with or without accents), with an optional "Lý do từ chối 2025";
//! - one row per household and year: a "Năm" (or "Năm cam kết") column and
//!   the "Ngày ký cam kết" column, optionally "Tình trạng" and "Lý do".
//!
//! A cell is a date (signed that day), "x" / "đã ký" (signed, day not
//! known), "từ chối" (refused) or "vắng" / "vắng mặt" (absent), a word
//! optionally followed by its date ("từ chối 12/03/2025"). What a word
//! without a date means for the day is decided in `commitments`.

use chrono::NaiveDate;

use super::super::columns::{Column, Header};
use super::super::sheet::Cell;
use super::super::values;
use crate::domain::text::fold;
use crate::domain::{CommitmentStatus, Problem};

/// Headers of a year's column, before the year ("nam 2024").
const YEAR_PREFIXES: &[&str] = &[
    "nam",
    "cam ket",
    "cam ket nam",
    "ky cam ket",
    "ky cam ket nam",
    "ngay ky",
    "ngay ky nam",
    "ngay ky cam ket",
    "ngay ky cam ket nam",
    "tinh trang",
    "tinh trang nam",
    "tinh trang cam ket",
    "tinh trang cam ket nam",
    "year",
    "commitment",
    "signed",
];
/// Headers of a year's reason column, before the year ("ly do tu choi 2025").
const REASON_PREFIXES: &[&str] =
    &["ly do", "ly do nam", "ly do tu choi", "ly do tu choi nam", "ly do khong ky", "ly do khong ky nam", "reason"];
/// A year column in the one-row-per-year layout.
const YEAR_HEADERS: &[&str] = &["nam", "year"];
/// The status column of the one-row-per-year layout.
const STATUS_HEADERS: &[&str] = &["tinh trang", "tinh trang cam ket", "ket qua", "status"];

/// Words of a status cell, folded.
const SIGNED: &[&str] = &["x", "v", "co", "da ky", "ky", "ky cam ket", "da ky cam ket", "signed", "yes"];
const REFUSED: &[&str] = &["tu choi", "tu choi ky", "khong ky", "khong chiu ky", "refused"];
const ABSENT: &[&str] = &["vang", "vang mat", "di vang", "khong gap", "absent"];

/// One year's column and its reason column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearColumn {
    pub year: u16,
    pub cell: usize,
    pub reason: Option<usize>,
}

/// The columns of the one-row-per-year layout that `columns` does not name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowColumns {
    pub status: Option<usize>,
    pub reason: Option<usize>,
}

/// What a cell says about a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub status: CommitmentStatus,
    pub date: Option<NaiveDate>,
}

/// Finds the year columns among the headers no column took, and takes
/// them out of the ignored ones.
pub fn year_columns(header: &mut Header) -> Vec<YearColumn> {
    let mut years: Vec<YearColumn> = Vec::new();
    let mut reasons = Vec::new();
    for (i, title) in free_titles(header) {
        match split_year(&title) {
            Some((prefix, year)) if YEAR_PREFIXES.contains(&prefix.as_str()) => {
                years.push(YearColumn { year, cell: i, reason: None });
            }
            Some((prefix, year)) if REASON_PREFIXES.contains(&prefix.as_str()) => reasons.push((year, i)),
            _ => continue,
        }
        header.ignored.retain(|t| *t != title);
    }
    for (year, i) in reasons {
        if let Some(y) = years.iter_mut().find(|y| y.year == year && y.reason.is_none()) {
            y.reason = Some(i);
        }
    }
    years
}

/// Finds "Năm", "Tình trạng" and "Lý do" of the one-row-per-year layout.
/// A bare "Năm" is read as the commitment's year.
pub fn row_columns(header: &mut Header) -> RowColumns {
    let mut found = RowColumns::default();
    for (i, title) in free_titles(header) {
        let folded = fold(&title);
        if YEAR_HEADERS.contains(&folded.as_str()) && !header.has(Column::CommitmentYear) {
            header.found.push((Column::CommitmentYear, i));
        } else if STATUS_HEADERS.contains(&folded.as_str()) && found.status.is_none() {
            found.status = Some(i);
        } else if REASON_PREFIXES.contains(&folded.as_str()) && found.reason.is_none() {
            found.reason = Some(i);
        } else {
            continue;
        }
        header.ignored.retain(|t| *t != title);
    }
    found
}

/// Header cells no column took, with their index.
fn free_titles(header: &Header) -> Vec<(usize, String)> {
    let taken = |i: usize| header.found.iter().any(|(_, at)| *at == i);
    header.titles.iter().enumerate().filter(|(i, t)| !t.is_empty() && !taken(*i)).map(|(i, t)| (i, t.clone())).collect()
}

/// "Cam kết năm 2026" -> ("cam ket nam", 2026).
fn split_year(title: &str) -> Option<(String, u16)> {
    let folded = fold(title);
    let (prefix, last) = folded.rsplit_once(' ')?;
    let year: u16 = last.parse().ok().filter(|y| (1990..=2100).contains(y))?;
    Some((prefix.trim().to_string(), year))
}

/// What a cell says: nothing (blank), a status with or without its day,
/// or the problem of a cell that is neither a date nor a known word.
pub fn entry(cell: &Cell) -> Result<Option<Entry>, Problem> {
    match values::date(cell) {
        Ok(None) => Ok(None),
        Ok(Some(d)) => Ok(Some(Entry { status: CommitmentStatus::Signed, date: Some(d) })),
        Err(problem) => word(&cell.shown()).map(Some).ok_or(problem),
    }
}

/// "từ chối", "vắng mặt 05/02/2025", "x".
fn word(text: &str) -> Option<Entry> {
    if let Some(status) = status_of(&fold(text)) {
        return Some(Entry { status, date: None });
    }
    let (words, day) = text.trim().rsplit_once(' ')?;
    let date = values::date(&Cell::text(day)).ok().flatten()?;
    Some(Entry { status: status_of(&fold(words))?, date: Some(date) })
}

fn status_of(folded: &str) -> Option<CommitmentStatus> {
    let folded = folded.trim_matches(|c: char| c == ' ' || c == '(' || c == ')');
    if SIGNED.contains(&folded) {
        Some(CommitmentStatus::Signed)
    } else if REFUSED.contains(&folded) {
        Some(CommitmentStatus::Refused)
    } else if ABSENT.contains(&folded) {
        Some(CommitmentStatus::Absent)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn cells_say_a_date_a_status_or_both() {
        let e = |s: &str| entry(&Cell::text(s));
        let (signed, refused, absent) = (CommitmentStatus::Signed, CommitmentStatus::Refused, CommitmentStatus::Absent);
        assert_eq!(e("12/03/2025"), Ok(Some(Entry { status: signed, date: Some(ymd(2025, 3, 12)) })));
        assert_eq!(e("x"), Ok(Some(Entry { status: signed, date: None })));
        assert_eq!(e("Đã ký"), Ok(Some(Entry { status: signed, date: None })));
        assert_eq!(e("TỪ CHỐI"), Ok(Some(Entry { status: refused, date: None })));
        assert_eq!(e("vang mat"), Ok(Some(Entry { status: absent, date: None })));
        assert_eq!(e("từ chối 05/02/2025"), Ok(Some(Entry { status: refused, date: Some(ymd(2025, 2, 5)) })));
        assert_eq!(e(""), Ok(None));
        assert!(e("có lẽ").is_err());
    }

    #[test]
    fn year_headers_are_split_with_or_without_accents() {
        assert_eq!(split_year("Năm 2024"), Some(("nam".into(), 2024)));
        assert_eq!(split_year("CAM KET NAM 2026"), Some(("cam ket nam".into(), 2026)));
        assert_eq!(split_year("Lý do từ chối 2025"), Some(("ly do tu choi".into(), 2025)));
        assert_eq!(split_year("Năm sinh"), None);
    }
}
