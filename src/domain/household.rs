//! A household (hộ gia đình) of the commune, headed by its chủ hộ.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::date::{check_past, opt_days};
use super::rules::{bounded, code, in_range, national_id, normalize_phone, phone, required};
use super::text::{MAX_LINE, MAX_NAME, MAX_NOTE, MAX_SHORT, clean_block, clean_line, clean_optional};
use super::{Errors, Field, FieldError, Id, Problem, Stamp};

/// The most people a household can declare; more is a typing mistake.
pub const MAX_MEMBERS: u16 = 60;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Household {
    pub id: Id,
    /// Unique in the commune, compared without case ("T01-0012").
    pub code: String,
    pub hamlet: Id,
    pub head_name: String,
    pub head_birth_year: Option<u16>,
    /// CCCD of the head: 12 digits; masked in lists and exports.
    pub national_id: Option<String>,
    pub address: String,
    pub members: u16,
    pub phone: Option<String>,
    /// Unknown counts as always: imported households are active in every period.
    #[serde(with = "opt_days")]
    pub living_since: Option<NaiveDate>,
    pub status: HouseholdStatus,
    pub notes: String,
    pub stamp: Stamp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HouseholdStatus {
    Active,
    MovedOut {
        #[serde(with = "super::date::days")]
        on: NaiveDate,
    },
}

impl Household {
    pub fn new(code: &str, hamlet: Id, head_name: &str) -> Self {
        Household {
            id: 0,
            code: code.into(),
            hamlet,
            head_name: head_name.into(),
            head_birth_year: None,
            national_id: None,
            address: String::new(),
            members: 1,
            phone: None,
            living_since: None,
            status: HouseholdStatus::Active,
            notes: String::new(),
            stamp: Stamp::default(),
        }
    }

    /// Moving out on `on`, or back to living here (`None`): the one way a
    /// household's status is set.
    pub fn set_moved_out(&mut self, on: Option<NaiveDate>) {
        self.status = on.map_or(HouseholdStatus::Active, |on| HouseholdStatus::MovedOut { on });
    }

    /// Lives in the commune on `day`: arrived on or before it (or unknown) and
    /// not moved out on or before it.
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        // One rule for the record and its brief, which the summary reads.
        super::brief::HouseholdBrief::from(self).is_active_on(day)
    }

    pub fn normalize(&mut self) {
        self.code = clean_line(&self.code).to_uppercase();
        self.head_name = clean_line(&self.head_name);
        self.address = clean_line(&self.address);
        self.notes = clean_block(&self.notes);
        self.national_id = clean_optional(self.national_id.take(), |s| s.replace(' ', ""));
        self.phone = clean_optional(self.phone.take(), |s| normalize_phone(&s));
    }

    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.check(Field::HouseholdCode, code(&self.code, MAX_SHORT));
        e.check(Field::HeadName, required(&self.head_name, MAX_NAME));
        e.check(Field::Address, bounded(&self.address, MAX_LINE));
        e.check(Field::Notes, bounded(&self.notes, MAX_NOTE));
        if let Some(year) = self.head_birth_year {
            let max = i64::from(today.year());
            e.check(Field::HeadBirthYear, in_range(year.into(), 1900, max));
        }
        e.check(Field::NationalId, self.national_id.as_deref().and_then(national_id));
        e.check(Field::Phone, self.phone.as_deref().and_then(phone));
        e.check(Field::MemberCount, in_range(self.members.into(), 1, MAX_MEMBERS.into()));
        if let Some(since) = self.living_since {
            e.check(Field::LivingSince, check_past(since, today));
        }
        if let HouseholdStatus::MovedOut { on } = self.status {
            e.check(Field::MovedOut, check_past(on, today));
            if self.living_since.is_some_and(|since| on < since) {
                e.push(Field::MovedOut, Problem::BeforeDate(Field::LivingSince));
            }
        }
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn today() -> NaiveDate {
        ymd(2026, 11, 23)
    }

    #[test]
    fn a_clean_household_passes() {
        let mut h = Household::new(" t01-0001 ", 1, " Nguyễn   Văn An ");
        h.phone = Some("0912 345 678".into());
        h.national_id = Some("001 234 567 890".into());
        h.normalize();
        assert_eq!(h.code, "T01-0001");
        assert_eq!(h.head_name, "Nguyễn Văn An");
        assert_eq!(h.phone.as_deref(), Some("0912345678"));
        assert_eq!(h.national_id.as_deref(), Some("001234567890"));
        assert_eq!(h.validate(today()), Ok(()));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let mut h = Household::new("", 1, "   ");
        h.members = 0;
        h.national_id = Some("12345678901".into());
        h.phone = Some("123".into());
        h.head_birth_year = Some(1850);
        h.living_since = Some(ymd(2027, 1, 1));
        h.normalize();
        let fields: Vec<Field> = h.validate(today()).unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::HouseholdCode,
                Field::HeadName,
                Field::HeadBirthYear,
                Field::NationalId,
                Field::Phone,
                Field::MemberCount,
                Field::LivingSince
            ]
        );
    }

    #[test]
    fn activity_follows_arrival_and_departure() {
        let mut h = Household::new("A", 1, "B");
        assert!(h.is_active_on(ymd(1990, 1, 1)), "unknown arrival counts as always");
        h.living_since = Some(ymd(2025, 3, 1));
        assert!(!h.is_active_on(ymd(2025, 2, 28)));
        assert!(h.is_active_on(ymd(2025, 3, 1)));
        h.status = HouseholdStatus::MovedOut { on: ymd(2026, 8, 15) };
        assert!(h.is_active_on(ymd(2026, 8, 14)));
        assert!(!h.is_active_on(ymd(2026, 8, 15)));
    }

    #[test]
    fn moving_out_before_arriving_is_refused() {
        let mut h = Household::new("A", 1, "B");
        h.living_since = Some(ymd(2025, 3, 1));
        h.status = HouseholdStatus::MovedOut { on: ymd(2025, 1, 1) };
        let errs = h.validate(today()).unwrap_err();
        assert_eq!(errs[0].problem, Problem::BeforeDate(Field::LivingSince));
    }
}
