//! Reporting periods: a quarter, a half year, a year or any range of days.
//!
//! A period is parsed once from what the clerk or the command line typed
//! ("2026-Q3", "q3/2026", "2026-H1", "2026", "2026-01-05..2026-03-31") and is
//! always a closed range of days `[start, end]` with `start <= end`. Its
//! machine code (`code()`) parses back to the same period; its words live in
//! `i18n::period_label`.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Problem;
use super::date::{earliest, parse_dmy};

/// The first and last year a period may name; dates outside are refused
/// everywhere else too.
const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 9999;

/// A closed range of days. Build it with the constructors below, which keep
/// `start <= end` and `kind` in agreement with the dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub kind: PeriodKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PeriodKind {
    /// Quarter `q` (1-4) of `year`.
    Quarter {
        year: i32,
        q: u8,
    },
    /// Half `h` (1 = January-June, 2 = July-December) of `year`.
    Half {
        year: i32,
        h: u8,
    },
    Year(i32),
    /// Any other range of days.
    Custom,
}

impl Period {
    pub fn quarter(year: i32, q: u8) -> Result<Period, Problem> {
        if !(1..=4).contains(&q) {
            return Err(Problem::BadPeriod);
        }
        let first_month = u32::from(q) * 3 - 2;
        Period::months(year, first_month, 3, PeriodKind::Quarter { year, q })
    }

    pub fn half(year: i32, h: u8) -> Result<Period, Problem> {
        if !(1..=2).contains(&h) {
            return Err(Problem::BadPeriod);
        }
        let first_month = u32::from(h) * 6 - 5;
        Period::months(year, first_month, 6, PeriodKind::Half { year, h })
    }

    pub fn year(year: i32) -> Result<Period, Problem> {
        Period::months(year, 1, 12, PeriodKind::Year(year))
    }

    /// Any range of days from `from` to `to`, both included.
    pub fn custom(from: NaiveDate, to: NaiveDate) -> Result<Period, Problem> {
        if from > to {
            return Err(Problem::PeriodOrder);
        }
        if from < earliest() || to.year() > MAX_YEAR {
            return Err(Problem::BadPeriod);
        }
        Ok(Period { start: from, end: to, kind: PeriodKind::Custom })
    }

    /// `count` whole months from the first of `first_month`.
    fn months(year: i32, first_month: u32, count: u32, kind: PeriodKind) -> Result<Period, Problem> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(Problem::BadPeriod);
        }
        let start = NaiveDate::from_ymd_opt(year, first_month, 1).ok_or(Problem::BadPeriod)?;
        let next = start.checked_add_months(chrono::Months::new(count)).ok_or(Problem::BadPeriod)?;
        let end = next.pred_opt().ok_or(Problem::BadPeriod)?;
        Ok(Period { start, end, kind })
    }

    /// Reads what the clerk typed, without regard to case or spaces:
    /// quarters "2026-Q3", "Q3-2026", "q3/2026", "2026 Q3"; halves
    /// "2026-H1", "H2/2026"; years "2026"; ranges "2026-01-05..2026-03-31"
    /// or "05/01/2026..31/03/2026".
    pub fn parse(input: &str) -> Result<Period, Problem> {
        let text = input.trim().to_ascii_lowercase();
        if let Some((from, to)) = text.split_once("..") {
            return Period::custom(parse_day(from)?, parse_day(to)?);
        }
        let tokens: Vec<&str> = text.split(['-', '/', ' ', '.']).filter(|t| !t.is_empty()).collect();
        let (year, part) = match tokens.as_slice() {
            [one] => split_glued(one),
            [a, b] if is_year(a) => (*a, Some(*b)),
            [a, b] if is_year(b) => (*b, Some(*a)),
            _ => return Err(Problem::BadPeriod),
        };
        if !is_year(year) {
            return Err(Problem::BadPeriod);
        }
        let year: i32 = year.parse().map_err(|_| Problem::BadPeriod)?;
        let Some(part) = part else {
            return Period::year(year);
        };
        if let Some(n) = part.strip_prefix('q') {
            Period::quarter(year, small_number(n)?)
        } else if let Some(n) = part.strip_prefix('h') {
            Period::half(year, small_number(n)?)
        } else {
            Err(Problem::BadPeriod)
        }
    }

    /// The quarter `date` falls in.
    pub fn quarter_containing(date: NaiveDate) -> Period {
        let q = u8::try_from(date.month0() / 3 + 1).unwrap_or(1);
        let first = NaiveDate::from_ymd_opt(date.year(), u32::from(q) * 3 - 2, 1).unwrap_or(date);
        let end = first.checked_add_months(chrono::Months::new(3)).and_then(|d| d.pred_opt()).unwrap_or(date);
        Period { start: first, end, kind: PeriodKind::Quarter { year: date.year(), q } }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Number of days, both ends included.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// The year whose commitments the period's report counts: the year of `end`.
    pub fn report_year(&self) -> i32 {
        self.end.year()
    }

    /// The period of the same kind just before: the previous quarter, half or
    /// year; for a range, as many days ending the day before `start`.
    /// `None` before 1900.
    pub fn previous(&self) -> Option<Period> {
        match self.kind {
            PeriodKind::Quarter { year, q: 1 } => Period::quarter(year - 1, 4).ok(),
            PeriodKind::Quarter { year, q } => Period::quarter(year, q - 1).ok(),
            PeriodKind::Half { year, h: 1 } => Period::half(year - 1, 2).ok(),
            PeriodKind::Half { year, h } => Period::half(year, h - 1).ok(),
            PeriodKind::Year(year) => Period::year(year - 1).ok(),
            PeriodKind::Custom => {
                let end = self.start.pred_opt()?;
                let start = end.checked_sub_days(Days::new(u64::try_from(self.days() - 1).ok()?))?;
                Period::custom(start, end).ok()
            }
        }
    }

    /// The period of the same kind just after (see [`Period::previous`]).
    pub fn next(&self) -> Option<Period> {
        match self.kind {
            PeriodKind::Quarter { year, q: 4 } => Period::quarter(year + 1, 1).ok(),
            PeriodKind::Quarter { year, q } => Period::quarter(year, q + 1).ok(),
            PeriodKind::Half { year, h: 2 } => Period::half(year + 1, 1).ok(),
            PeriodKind::Half { year, h } => Period::half(year, h + 1).ok(),
            PeriodKind::Year(year) => Period::year(year + 1).ok(),
            PeriodKind::Custom => {
                let start = self.end.succ_opt()?;
                let end = start.checked_add_days(Days::new(u64::try_from(self.days() - 1).ok()?))?;
                Period::custom(start, end).ok()
            }
        }
    }

    /// A stable machine code that `parse` reads back: "2026-Q3", "2026-H1",
    /// "2026", "2026-01-05..2026-03-31". Used in file names and stored
    /// closed periods.
    pub fn code(&self) -> String {
        match self.kind {
            PeriodKind::Quarter { year, q } => format!("{year:04}-Q{q}"),
            PeriodKind::Half { year, h } => format!("{year:04}-H{h}"),
            PeriodKind::Year(year) => format!("{year:04}"),
            PeriodKind::Custom => format!("{}..{}", self.start.format("%Y-%m-%d"), self.end.format("%Y-%m-%d")),
        }
    }
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// "2026q3" or "q32026" typed without a separator; a bare year has no part.
fn split_glued(token: &str) -> (&str, Option<&str>) {
    if token.len() == 6 && token.is_ascii() {
        let (head, tail) = token.split_at(4);
        if is_year(head) {
            return (head, Some(tail));
        }
        let (head, tail) = token.split_at(2);
        if is_year(tail) {
            return (tail, Some(head));
        }
    }
    (token, None)
}

fn small_number(s: &str) -> Result<u8, Problem> {
    if s.len() != 1 {
        return Err(Problem::BadPeriod);
    }
    s.parse().map_err(|_| Problem::BadPeriod)
}

/// A day of a range: ISO `yyyy-mm-dd` (as in `code()`) or `dd/mm/yyyy`.
fn parse_day(s: &str) -> Result<NaiveDate, Problem> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d").or_else(|_| parse_dmy(s)).map_err(|_| Problem::BadDate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn q(year: i32, q: u8) -> Period {
        Period::quarter(year, q).unwrap()
    }

    #[test]
    fn quarters_parse_in_every_usual_spelling() {
        let spellings =
            ["2026-Q3", "2026-q3", "q3/2026", "Q3-2026", " Q3 2026 ", "2026Q3", "q32026", "2026/Q3", "Q3.2026"];
        for text in spellings {
            assert_eq!(Period::parse(text), Ok(q(2026, 3)), "{text}");
        }
    }

    #[test]
    fn halves_years_and_ranges_parse() {
        assert_eq!(Period::parse("2026-H1"), Period::half(2026, 1));
        assert_eq!(Period::parse("h2/2026"), Period::half(2026, 2));
        assert_eq!(Period::parse("2026"), Period::year(2026));
        let range = Period::custom(ymd(2026, 1, 5), ymd(2026, 3, 31));
        assert_eq!(Period::parse("2026-01-05..2026-03-31"), range);
        assert_eq!(Period::parse("05/01/2026..31/03/2026"), range);
        assert_eq!(Period::parse("5/1/2026 .. 31/3/2026"), range);
    }

    #[test]
    fn nonsense_is_refused() {
        let typed = ["", "Q3", "2026-Q5", "2026-Q0", "2026-H3", "26-Q3", "2026-Q3-1", "Q3/H1", "2026-Q12"];
        let foreign = ["quý 3/2026", "2026-ý3", "ý2026", "ýý2026"];
        for bad in typed.into_iter().chain(foreign) {
            assert_eq!(Period::parse(bad), Err(Problem::BadPeriod), "{bad}");
        }
        assert_eq!(Period::parse("1899"), Err(Problem::BadPeriod));
        assert_eq!(Period::parse("2026-02-30..2026-03-01"), Err(Problem::BadDate));
        assert_eq!(Period::parse("2026-03-31..2026-01-05"), Err(Problem::PeriodOrder));
    }

    #[test]
    fn quarters_cover_the_year_edge_to_edge() {
        assert_eq!((q(2026, 1).start, q(2026, 1).end), (ymd(2026, 1, 1), ymd(2026, 3, 31)));
        assert_eq!((q(2026, 2).start, q(2026, 2).end), (ymd(2026, 4, 1), ymd(2026, 6, 30)));
        assert_eq!((q(2026, 3).start, q(2026, 3).end), (ymd(2026, 7, 1), ymd(2026, 9, 30)));
        assert_eq!((q(2026, 4).start, q(2026, 4).end), (ymd(2026, 10, 1), ymd(2026, 12, 31)));
        assert_eq!(q(2026, 1).days() + q(2026, 2).days() + q(2026, 3).days() + q(2026, 4).days(), 365);
        let year = Period::year(2026).unwrap();
        assert_eq!((year.start, year.end), (ymd(2026, 1, 1), ymd(2026, 12, 31)));
        let h1 = Period::half(2026, 1).unwrap();
        assert_eq!((h1.start, h1.end), (ymd(2026, 1, 1), ymd(2026, 6, 30)));
    }

    #[test]
    fn leap_years_have_their_29th_of_february() {
        assert_eq!(q(2024, 1).days(), 91);
        assert_eq!(q(2026, 1).days(), 90);
        assert!(q(2024, 1).contains(ymd(2024, 2, 29)));
        assert_eq!(Period::year(2024).unwrap().days(), 366);
        assert_eq!(Period::quarter_containing(ymd(2024, 2, 29)), q(2024, 1));
    }

    #[test]
    fn containment_includes_both_ends() {
        let p = q(2026, 3);
        assert!(p.contains(ymd(2026, 7, 1)));
        assert!(p.contains(ymd(2026, 9, 30)));
        assert!(!p.contains(ymd(2026, 6, 30)));
        assert!(!p.contains(ymd(2026, 10, 1)));
        assert_eq!(p.report_year(), 2026);
    }

    #[test]
    fn the_quarter_of_a_day() {
        assert_eq!(Period::quarter_containing(ymd(2026, 1, 1)), q(2026, 1));
        assert_eq!(Period::quarter_containing(ymd(2026, 3, 31)), q(2026, 1));
        assert_eq!(Period::quarter_containing(ymd(2026, 4, 1)), q(2026, 2));
        assert_eq!(Period::quarter_containing(ymd(2026, 12, 31)), q(2026, 4));
    }

    #[test]
    fn previous_and_next_step_over_year_ends() {
        assert_eq!(q(2026, 1).previous(), Some(q(2025, 4)));
        assert_eq!(q(2026, 3).previous(), Some(q(2026, 2)));
        assert_eq!(q(2025, 4).next(), Some(q(2026, 1)));
        assert_eq!(Period::half(2026, 1).unwrap().previous(), Period::half(2025, 2).ok());
        assert_eq!(Period::year(2026).unwrap().next(), Period::year(2027).ok());
        assert_eq!(q(1900, 1).previous(), None);
        let range = Period::custom(ymd(2026, 3, 1), ymd(2026, 3, 10)).unwrap();
        assert_eq!(range.previous(), Period::custom(ymd(2026, 2, 19), ymd(2026, 2, 28)).ok());
        assert_eq!(range.next(), Period::custom(ymd(2026, 3, 11), ymd(2026, 3, 20)).ok());
    }

    #[test]
    fn codes_read_back() {
        let periods = [
            q(2026, 3),
            Period::half(2026, 1).unwrap(),
            Period::year(2026).unwrap(),
            Period::custom(ymd(2026, 1, 5), ymd(2026, 3, 31)).unwrap(),
            Period::custom(ymd(2024, 2, 29), ymd(2024, 2, 29)).unwrap(),
        ];
        let codes: Vec<String> = periods.iter().map(Period::code).collect();
        assert_eq!(codes, ["2026-Q3", "2026-H1", "2026", "2026-01-05..2026-03-31", "2024-02-29..2024-02-29"]);
        for p in periods {
            assert_eq!(Period::parse(&p.code()), Ok(p));
        }
    }

    #[test]
    fn a_range_may_be_one_day_but_not_backwards() {
        assert!(Period::custom(ymd(2026, 5, 1), ymd(2026, 5, 1)).is_ok());
        assert_eq!(Period::custom(ymd(2026, 5, 2), ymd(2026, 5, 1)), Err(Problem::PeriodOrder));
    }
}
