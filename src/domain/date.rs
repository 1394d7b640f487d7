//! Dates as the clerk reads and types them: `dd/mm/yyyy`.
//!
//! Also the compact serde encodings used by stored records (days since the
//! common era and Unix seconds), which keep the database small.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::Problem;

/// The earliest date any record may carry.
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Parses `dd/mm/yyyy`; also accepts `d/m/yyyy` and `-` or `.` separators,
/// which clerks type out of habit. A two-digit year is refused: it is
/// ambiguous for birth dates.
pub fn parse_dmy(input: &str) -> Result<NaiveDate, Problem> {
    let parts: Vec<&str> = input.trim().split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return Err(Problem::BadDate);
    };
    let number = |s: &str| s.trim().parse::<u32>().map_err(|_| Problem::BadDate);
    if y.trim().len() != 4 {
        return Err(Problem::BadDate);
    }
    let (d, m, y) = (number(d)?, number(m)?, number(y)?);
    let y = i32::try_from(y).map_err(|_| Problem::BadDate)?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| no_such_day(d, m, y))
}

/// Why a date typed in the right shape does not exist: a day past the end
/// of a real month (31/02/2026) says so; anything else is not a date.
fn no_such_day(day: u32, month: u32, year: i32) -> Problem {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let last = first.and_then(|f| f.checked_add_months(chrono::Months::new(1))).and_then(|n| n.pred_opt());
    match last {
        Some(last) if (1..=31).contains(&day) => Problem::NoSuchDay { day, month, year, last: last.day() },
        _ => Problem::BadDate,
    }
}

/// Formats as `dd/mm/yyyy`.
pub fn format_dmy(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// A date that must not be in the future nor before 1900.
pub fn check_past(date: NaiveDate, today: NaiveDate) -> Option<Problem> {
    if date > today {
        Some(Problem::DateInFuture)
    } else if date < earliest() {
        Some(Problem::DateTooEarly)
    } else {
        None
    }
}

/// Whole years between `birth` and `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// `NaiveDate` stored as days since 1 January of year 1 (a small varint).
pub mod days {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(date.num_days_from_ce())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let n = i32::deserialize(d)?;
        NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(|| serde::de::Error::custom("date out of range"))
    }
}

/// `Option<NaiveDate>` stored like [`days`].
pub mod opt_days {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_some(&d.num_days_from_ce()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<i32>::deserialize(d)? {
            None => Ok(None),
            Some(n) => NaiveDate::from_num_days_from_ce_opt(n)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom("date out of range")),
        }
    }
}

/// Local `NaiveDateTime` stored as seconds since the Unix epoch.
pub mod secs {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(at.and_utc().timestamp())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let n = i64::deserialize(d)?;
        chrono::DateTime::from_timestamp(n, 0)
            .map(|t| t.naive_utc())
            .ok_or_else(|| serde::de::Error::custom("time out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_the_forms_clerks_type() {
        assert_eq!(parse_dmy("05/09/2026"), Ok(ymd(2026, 9, 5)));
        assert_eq!(parse_dmy("5/9/2026"), Ok(ymd(2026, 9, 5)));
        assert_eq!(parse_dmy(" 5-9-2026 "), Ok(ymd(2026, 9, 5)));
        assert_eq!(parse_dmy("29.02.2024"), Ok(ymd(2024, 2, 29)));
    }

    #[test]
    fn refuses_impossible_dates() {
        // 31/02/2026 is refused too, saying why (see below).
        for bad in ["00/13/2025", "1/1/26", "", "ngày 1", "1/1/2026/1", "32/1/2026", "3102", "0/2/2026"] {
            assert_eq!(parse_dmy(bad), Err(Problem::BadDate), "{bad}");
        }
    }

    #[test]
    fn a_day_the_month_does_not_have_is_said_so() {
        let no = |day, month, year, last| Err(Problem::NoSuchDay { day, month, year, last });
        assert_eq!(parse_dmy("31/02/2026"), no(31, 2, 2026, 28));
        assert_eq!(parse_dmy("29/02/2026"), no(29, 2, 2026, 28));
        assert_eq!(parse_dmy("30/02/2024"), no(30, 2, 2024, 29));
        assert_eq!(parse_dmy("31/04/2026"), no(31, 4, 2026, 30));
        assert_eq!(parse_dmy("30/04/2026"), Ok(ymd(2026, 4, 30)), "the last day itself is a date");
    }

    #[test]
    fn formats_round_trip() {
        let d = ymd(2026, 1, 7);
        assert_eq!(format_dmy(d), "07/01/2026");
        assert_eq!(parse_dmy(&format_dmy(d)), Ok(d));
    }

    #[test]
    fn ages_count_whole_years() {
        assert_eq!(age_on(ymd(2008, 11, 24), ymd(2026, 11, 23)), 17);
        assert_eq!(age_on(ymd(2008, 11, 23), ymd(2026, 11, 23)), 18);
    }

    #[test]
    fn past_dates_are_checked() {
        let today = ymd(2026, 11, 23);
        assert_eq!(check_past(ymd(2026, 11, 24), today), Some(Problem::DateInFuture));
        assert_eq!(check_past(ymd(1899, 12, 31), today), Some(Problem::DateTooEarly));
        assert_eq!(check_past(today, today), None);
    }
}
