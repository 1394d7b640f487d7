//! Random people and the small random helpers every stage uses: names in
//! the Vietnamese order (surname, middle, given) with realistic weights,
//! phone numbers with real mobile prefixes, CCCD numbers laid out as the real
//! ones (province, gender and century, birth year, serial), and dates.
//!
//! Every helper takes the ranges it draws from as they come and never panics
//! on an empty one: it returns the lower bound instead.

use chrono::{Datelike, Months, NaiveDate, TimeDelta};
use rand::Rng;

use super::data::Data;
use crate::domain::Gender;

/// Mobile prefixes of the Vietnamese networks (Viettel, Vinaphone, MobiFone).
const PHONE_PREFIXES: [&str; 24] = [
    "032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078", "079", "081", "083", "084",
    "085", "086", "088", "090", "091", "094", "097", "098",
];

/// A calendar date; the demo only asks for valid ones.
pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(TimeDelta::days(days)).unwrap_or(date)
}

pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_add_months(Months::new(years * 12)).unwrap_or(date)
}

pub fn sub_years(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(years * 12)).unwrap_or(date)
}

/// A day in `from..=to`; `from` when the range is empty.
pub fn between(rng: &mut impl Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days();
    if span <= 0 { from } else { add_days(from, rng.random_range(0..=span)) }
}

/// A number in `lo..=hi`; `lo` when the range is empty.
pub fn int(rng: &mut impl Rng, lo: i64, hi: i64) -> i64 {
    if hi <= lo { lo } else { rng.random_range(lo..=hi) }
}

/// An index below `len`; 0 when `len` is 0 (callers check emptiness).
pub fn index(rng: &mut impl Rng, len: usize) -> usize {
    if len <= 1 { 0 } else { rng.random_range(0..len) }
}

/// One element of a slice that the caller knows is non-empty.
pub fn pick<'a>(rng: &mut impl Rng, items: &'a [String]) -> &'a str {
    items.get(index(rng, items.len())).map_or("", String::as_str)
}

/// An index drawn in proportion to `weights`.
pub fn weighted(rng: &mut impl Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    if total == 0 {
        return 0;
    }
    let mut r = rng.random_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        if r < *w {
            return i;
        }
        r -= w;
    }
    0
}

pub fn gender(rng: &mut impl Rng, female_share: f64) -> Gender {
    if rng.random_bool(female_share) { Gender::Female } else { Gender::Male }
}

/// A full name for a person of `gender`.
pub fn name(data: &Data, rng: &mut impl Rng, gender: Gender) -> String {
    let surname = data.surnames.pick(rng);
    let (middle, given) = match gender {
        Gender::Male => (data.middle_male.pick(rng), pick(rng, &data.given_male)),
        Gender::Female => (data.middle_female.pick(rng), pick(rng, &data.given_female)),
    };
    format!("{surname} {middle} {given}")
}

/// A 10-digit mobile number.
pub fn phone(rng: &mut impl Rng) -> String {
    let prefix = PHONE_PREFIXES[index(rng, PHONE_PREFIXES.len())];
    format!("{prefix}{:07}", rng.random_range(0..10_000_000u32))
}

/// A CCCD number: province code, a digit for gender and century, the last
/// two digits of the birth year, six serial digits.
pub fn national_id(rng: &mut impl Rng, province: &str, birth_year: i32, gender: Gender) -> String {
    let century = if birth_year >= 2000 { 2 } else { 0 };
    let sex = u8::from(gender == Gender::Female);
    let serial = rng.random_range(0..1_000_000u32);
    format!("{province}{}{:02}{serial:06}", century + sex, birth_year.rem_euclid(100))
}

/// A birth date giving an age of `age` years on `on`.
pub fn birth_for_age(rng: &mut impl Rng, on: NaiveDate, age: u32) -> NaiveDate {
    let latest = sub_years(on, age);
    let earliest = add_days(sub_years(on, age + 1), 1);
    between(rng, earliest, latest)
}

/// Age in whole years on `on`, as a party's age field holds it.
pub fn age_in(birth_year: i32, on: NaiveDate) -> i64 {
    i64::from(on.year() - birth_year)
}
