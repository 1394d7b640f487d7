//! Choosing the period on the Reports screen: the kinds the clerk cycles
//! through with `p`, the period of a kind around a day, and reading a typed
//! period. Periods themselves (stepping, parsing codes) are the domain's.

use chrono::{Datelike, Months, NaiveDate};

use crate::domain::{Period, PeriodKind, Problem};

/// Quarter -> half year -> year -> quarter; a range becomes a quarter.
pub fn next_kind(current: &Period, anchor: NaiveDate) -> Period {
    let next = match current.kind {
        PeriodKind::Quarter { .. } => Kind::Half,
        PeriodKind::Half { .. } => Kind::Year,
        PeriodKind::Year(_) | PeriodKind::Custom => Kind::Quarter,
    };
    containing(next, anchor)
}

/// The period of `current`'s kind that contains `day` (a range gives the
/// quarter): what "back to now" shows.
pub fn of_kind_containing(current: &Period, day: NaiveDate) -> Period {
    let kind = match current.kind {
        PeriodKind::Half { .. } => Kind::Half,
        PeriodKind::Year(_) => Kind::Year,
        PeriodKind::Quarter { .. } | PeriodKind::Custom => Kind::Quarter,
    };
    containing(kind, day)
}

/// The anchor after stepping from `from` to `to`: moved as far as the
/// period's start (by whole months between quarters, halves and years, so
/// 14 August steps to 14 May), kept inside `to`.
pub fn carry(anchor: NaiveDate, from: &Period, to: &Period) -> NaiveDate {
    let moved = if from.kind == PeriodKind::Custom || to.kind == PeriodKind::Custom {
        anchor.checked_add_signed(to.start - from.start)
    } else {
        let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        let delta = months(to.start) - months(from.start);
        let by = Months::new(u32::try_from(delta.unsigned_abs()).unwrap_or(u32::MAX));
        if delta < 0 { anchor.checked_sub_months(by) } else { anchor.checked_add_months(by) }
    };
    moved.unwrap_or(to.start).clamp(to.start, to.end)
}

#[derive(Clone, Copy)]
enum Kind {
    Quarter,
    Half,
    Year,
}

fn containing(kind: Kind, day: NaiveDate) -> Period {
    let year = day.year();
    let found = match kind {
        Kind::Quarter => Ok(Period::quarter_containing(day)),
        Kind::Half => Period::half(year, if day.month() <= 6 { 1 } else { 2 }),
        Kind::Year => Period::year(year),
    };
    found.unwrap_or_else(|_| Period::quarter_containing(day))
}

/// What the clerk typed: anything `Period::parse` reads ("2026-Q3",
/// "2026-H1", "2026", "05/01/2026..31/03/2026"), or two dates separated by
/// spaces or a dash ("05/01/2026 - 31/03/2026"), as people write ranges.
pub fn parse(text: &str) -> Result<Period, Problem> {
    let first = Period::parse(text);
    if first.is_ok() || text.contains("..") {
        return first;
    }
    let dates: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—')).filter(|t| !t.is_empty()).collect();
    match dates.as_slice() {
        [from, to] if from.contains('/') && to.contains('/') => Period::parse(&format!("{from}..{to}")),
        _ => first,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn kinds_cycle_back_to_the_same_quarter() {
        let anchor = ymd(2026, 8, 14);
        let q3 = Period::quarter(2026, 3).unwrap();
        let h2 = next_kind(&q3, anchor);
        assert_eq!(h2, Period::half(2026, 2).unwrap());
        let year = next_kind(&h2, anchor);
        assert_eq!(year, Period::year(2026).unwrap());
        assert_eq!(next_kind(&year, anchor), q3);
    }

    #[test]
    fn the_anchor_follows_steps() {
        let q3 = Period::quarter(2026, 3).unwrap();
        let q2 = Period::quarter(2026, 2).unwrap();
        assert_eq!(carry(ymd(2026, 8, 14), &q3, &q2), ymd(2026, 5, 14));
        let y26 = Period::year(2026).unwrap();
        let y25 = Period::year(2025).unwrap();
        assert_eq!(carry(ymd(2026, 12, 31), &y26, &y25), ymd(2025, 12, 31));
        assert_eq!(carry(ymd(2026, 5, 31), &q2, &Period::quarter(2026, 1).unwrap()), ymd(2026, 2, 28));
        let range = Period::custom(ymd(2026, 3, 1), ymd(2026, 3, 10)).unwrap();
        assert_eq!(carry(ymd(2026, 3, 5), &range, &range.previous().unwrap()), ymd(2026, 2, 23));
    }

    #[test]
    fn ranges_are_read_as_people_write_them() {
        let range = Period::custom(ymd(2026, 1, 5), ymd(2026, 3, 31));
        assert_eq!(parse("05/01/2026..31/03/2026"), range);
        assert_eq!(parse("05/01/2026 - 31/03/2026"), range);
        assert_eq!(parse(" 5/1/2026   31/3/2026 "), range);
        assert_eq!(parse("2026-Q3"), Period::quarter(2026, 3));
        assert_eq!(parse("31/03/2026 - 05/01/2026"), Err(Problem::PeriodOrder));
        assert_eq!(parse("hôm qua"), Err(Problem::BadPeriod));
    }
}
