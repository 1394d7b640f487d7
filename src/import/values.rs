//! Cells read as the values records hold: dates (Excel date cells, Excel
//! serial numbers, dd/mm/yyyy text), years, counts, phone and ID numbers,
//! roles and genders. Each returns the domain's `Problem` (or `Unknown` for
//! a word none of ours) so the row's error names the field.
//!
//! Excel stores numbers typed into a cell as numbers: a phone number loses
//! its leading 0 ("912345678") and a CCCD its leading zeros. Both are put
//! back here: a phone of 9 digits gets its 0, a CCCD that Excel held as a
//! number is padded to 12 digits.

use calamine::{ExcelDateTime, ExcelDateTimeType};
use chrono::{Datelike, NaiveDate};

use super::sheet::{Cell, number_text};
use crate::domain::date::parse_dmy;
use crate::domain::text::fold;
use crate::domain::{Gender, Problem, Role};

/// Why a cell could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bad {
    Problem(Problem),
    /// A word that is none of the accepted ones (a role, a gender).
    Unknown,
}

impl From<Problem> for Bad {
    fn from(p: Problem) -> Bad {
        Bad::Problem(p)
    }
}

/// The cell's text, trimmed.
pub fn text(cell: &Cell) -> String {
    cell.shown().trim().to_string()
}

/// The cell's text, `None` when blank.
pub fn optional_text(cell: &Cell) -> Option<String> {
    Some(text(cell)).filter(|t| !t.is_empty())
}

/// A date: an Excel date cell, an Excel serial number (a date column
/// formatted as a number), or text as dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd,
/// with any time after it ignored.
pub fn date(cell: &Cell) -> Result<Option<NaiveDate>, Problem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) => serial(*n).map(Some),
        Cell::Text(t) => text_date(t).map(Some),
    }
}

fn text_date(t: &str) -> Result<NaiveDate, Problem> {
    let day = t.split_whitespace().next().unwrap_or("");
    if day.len() == 5 && day.bytes().all(|b| b.is_ascii_digit()) {
        return day.parse::<f64>().map_err(|_| Problem::BadDate).and_then(serial);
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").or_else(|_| parse_dmy(day))
}

/// Excel's day number (1900 system; the 1904 system only reaches us as
/// date cells, which calamine has already converted).
fn serial(n: f64) -> Result<NaiveDate, Problem> {
    if !(1.0..2_958_466.0).contains(&n) {
        return Err(Problem::BadDate);
    }
    let (y, m, d, ..) = ExcelDateTime::new(n, ExcelDateTimeType::DateTime, false).to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(y.into(), m.into(), d.into()).ok_or(Problem::BadDate)
}

/// A year: a number such as 1968, or a date whose year is taken.
pub fn year(cell: &Cell) -> Result<Option<u16>, Problem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => year_of(*d).map(Some),
        Cell::Number(n) if n.fract() == 0.0 => whole(*n).map(Some),
        Cell::Number(_) => Err(Problem::NotANumber),
        Cell::Text(t) => match t.trim().parse::<u16>() {
            Ok(y) => Ok(Some(y)),
            Err(_) => text_date(t).map_err(|_| Problem::NotANumber).and_then(year_of).map(Some),
        },
    }
}

fn year_of(d: NaiveDate) -> Result<u16, Problem> {
    u16::try_from(d.year()).map_err(|_| Problem::DateTooEarly)
}

/// A whole number such as a count of people; too large reads as the
/// largest, for the record's range check to refuse.
pub fn count(cell: &Cell) -> Result<Option<u16>, Problem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.fract() == 0.0 => whole(*n).map(Some),
        Cell::Text(t) if !t.trim().is_empty() && t.trim().bytes().all(|b| b.is_ascii_digit()) => {
            Ok(Some(t.trim().parse::<u16>().unwrap_or(u16::MAX)))
        }
        _ => Err(Problem::NotANumber),
    }
}

fn whole(n: f64) -> Result<u16, Problem> {
    if n < 0.0 {
        return Err(Problem::NotANumber);
    }
    Ok(if n > f64::from(u16::MAX) { u16::MAX } else { n as u16 })
}

/// A phone number as text, its leading 0 put back when Excel dropped it.
pub fn phone(cell: &Cell) -> Option<String> {
    let raw = optional_text(cell)?;
    let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')')).collect();
    if digits.len() == 9 && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("0{digits}"));
    }
    Some(raw)
}

/// A CCCD cell: blank, a number, or masked as `soxa export` writes it
/// without `--include-personal` ("********1234"), which carries no number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NationalId {
    Given(Option<String>),
    Masked,
}

pub fn national_id(cell: &Cell) -> NationalId {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 => {
            NationalId::Given(Some(format!("{:0>12}", number_text(*n))))
        }
        _ => match optional_text(cell) {
            Some(t) if t.contains('*') => NationalId::Masked,
            given => NationalId::Given(given),
        },
    }
}

/// A role as rosters write it: tổ trưởng / đội trưởng, tổ phó / đội phó,
/// tổ viên / đội viên / thành viên, hòa giải viên (or the English words).
/// Blank reads as an ordinary member.
pub fn role(cell: &Cell) -> Result<Role, Bad> {
    let folded = fold(&text(cell));
    let role = match folded.as_str() {
        "" | "to vien" | "doi vien" | "thanh vien" | "member" => Role::Member,
        "to truong" | "doi truong" | "truong" | "truong to" | "leader" => Role::Leader,
        "to pho" | "doi pho" | "pho" | "pho to" | "deputy" => Role::Deputy,
        "hoa giai vien" | "mediator" => Role::Mediator,
        _ => return Err(Bad::Unknown),
    };
    Ok(role)
}

/// Nam / nữ (or the English words, or M / F).
pub fn gender(cell: &Cell) -> Result<Option<Gender>, Bad> {
    match fold(&text(cell)).as_str() {
        "" => Ok(None),
        "nam" | "m" | "male" => Ok(Some(Gender::Male)),
        "nu" | "f" | "female" => Ok(Some(Gender::Female)),
        _ => Err(Bad::Unknown),
    }
}

/// A date of birth; a roster that gives only the year records 1 January
/// of it, as civil records do for an unknown day.
pub fn birth(cell: &Cell) -> Result<Option<NaiveDate>, Problem> {
    let only_year = match cell {
        Cell::Number(n) if n.fract() == 0.0 && (1000.0..=9999.0).contains(n) => Some(*n as i32),
        Cell::Text(t) if t.trim().len() == 4 => t.trim().parse::<i32>().ok(),
        _ => None,
    };
    match only_year {
        Some(y) => NaiveDate::from_ymd_opt(y, 1, 1).map(Some).ok_or(Problem::BadDate),
        None => date(cell),
    }
}

#[cfg(test)]
mod tests;

/// Hiệu quả / chưa hiệu quả / thanh loại (or the English words); blank is
/// no review.
pub fn verdict(cell: &Cell) -> Result<Option<crate::domain::Verdict>, Bad> {
    use crate::domain::Verdict;
    match fold(&text(cell)).as_str() {
        "" => Ok(None),
        "hieu qua" | "effective" => Ok(Some(Verdict::Effective)),
        "chua hieu qua" | "khong hieu qua" | "not yet effective" | "not yet" => Ok(Some(Verdict::NotYet)),
        "thanh loai" | "dropped" => Ok(Some(Verdict::Dropped)),
        _ => Err(Bad::Unknown),
    }
}

/// Đạt / không đạt (or the English words); blank is not yet assessed.
pub fn area_result(cell: &Cell) -> Result<Option<crate::domain::AreaResult>, Bad> {
    use crate::domain::AreaResult;
    match fold(&text(cell)).as_str() {
        "" => Ok(None),
        "dat" | "an toan" | "safe" => Ok(Some(AreaResult::Safe)),
        "khong dat" | "chua dat" | "not safe" => Ok(Some(AreaResult::NotSafe)),
        _ => Err(Bad::Unknown),
    }
}

/// Xuất sắc / khá / trung bình / yếu (or the English words).
pub fn classification(cell: &Cell) -> Result<Option<crate::domain::Classification>, Bad> {
    use crate::domain::Classification;
    match fold(&text(cell)).as_str() {
        "" => Ok(None),
        "xuat sac" | "excellent" => Ok(Some(Classification::Excellent)),
        "kha" | "good" => Ok(Some(Classification::Good)),
        "trung binh" | "average" => Ok(Some(Classification::Average)),
        "yeu" | "weak" => Ok(Some(Classification::Weak)),
        _ => Err(Bad::Unknown),
    }
}

/// A criterion: đạt / không đạt (x, có / không); blank is not marked.
pub fn met(cell: &Cell) -> Result<Option<bool>, Bad> {
    match fold(&text(cell)).as_str() {
        "" => Ok(None),
        "dat" | "x" | "co" | "met" | "yes" => Ok(Some(true)),
        "khong dat" | "chua dat" | "khong" | "not met" | "no" => Ok(Some(false)),
        _ => Err(Bad::Unknown),
    }
}

/// A count of people (up to a million).
pub fn head_count(cell: &Cell) -> Result<Option<u32>, Problem> {
    match cell {
        Cell::Empty => Ok(None),
        other => {
            let t = text(other);
            let n: f64 = t.replace(['.', ','], "").parse().map_err(|_| Problem::NotANumber)?;
            if n.fract() != 0.0 || !(0.0..=1_000_000.0).contains(&n) {
                return Err(Problem::OutOfRange { min: 0, max: 1_000_000 });
            }
            Ok(Some(n as u32))
        }
    }
}
