//! Outreach sessions (buổi tuyên truyền) and who they reached.
//!
//! A session lists the households that attended inside its own value (a
//! hamlet of 500 households is one value, not 500 keys), kept sorted and
//! without repeats. The indicator is the share of *distinct active*
//! households reached in a period: [`reached`] gives that set.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::{check_past, days};
use super::rules::{bounded, in_range, required};
use super::text::{MAX_LINE, MAX_NAME, MAX_NOTE, clean_block, clean_line};
use super::{Errors, Field, FieldError, Id, Period, Problem, Stamp};

/// Most households one session may list (a whole large commune), which
/// keeps its value far below the store's size limit.
pub const MAX_ATTENDING: usize = 100_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outreach {
    pub id: Id,
    #[serde(with = "days")]
    pub date: NaiveDate,
    /// The hamlets the session was held for (at least one).
    pub hamlets: Vec<Id>,
    pub topic: String,
    pub speaker: String,
    /// Attending households, sorted, each once.
    pub households: Vec<Id>,
    /// People present (may exceed the households: several per household,
    /// guests).
    pub head_count: u32,
    pub notes: String,
    pub stamp: Stamp,
}

impl Outreach {
    pub fn new(date: NaiveDate, hamlets: Vec<Id>, topic: &str) -> Self {
        Outreach {
            id: 0,
            date,
            hamlets,
            topic: topic.into(),
            speaker: String::new(),
            households: Vec::new(),
            head_count: 0,
            notes: String::new(),
            stamp: Stamp::default(),
        }
    }

    /// Marks a household present or absent: the one way screens, imports
    /// and the demo change attendance.
    pub fn set_attended(&mut self, household: Id, present: bool) {
        match (self.households.binary_search(&household), present) {
            (Err(at), true) => self.households.insert(at, household),
            (Ok(at), false) => {
                self.households.remove(at);
            }
            _ => {}
        }
    }

    pub fn attended(&self, household: Id) -> bool {
        self.households.binary_search(&household).is_ok()
    }

    /// Takes a household out of the session (a purge). True if it was there.
    pub fn forget(&mut self, household: Id) -> bool {
        let was = self.attended(household);
        self.set_attended(household, false);
        was
    }

    pub fn normalize(&mut self) {
        self.topic = clean_line(&self.topic);
        self.speaker = clean_line(&self.speaker);
        self.notes = clean_block(&self.notes);
        self.households.sort_unstable();
        self.households.dedup();
        self.hamlets.sort_unstable();
        self.hamlets.dedup();
    }

    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.check(Field::OutreachDate, check_past(self.date, today));
        e.check(Field::Topic, required(&self.topic, MAX_LINE));
        e.check(Field::Speaker, bounded(&self.speaker, MAX_NAME));
        e.check(Field::Notes, bounded(&self.notes, MAX_NOTE));
        if self.hamlets.is_empty() {
            e.push(Field::Hamlet, Problem::Required);
        }
        let count = i64::try_from(self.households.len()).unwrap_or(i64::MAX);
        e.check(Field::Attending, in_range(count, 0, MAX_ATTENDING as i64));
        e.check(Field::HeadCount, in_range(self.head_count.into(), 0, 1_000_000));
        e.into_result()
    }
}

/// The distinct households reached by sessions dated inside `period`
/// (whether they are active is the caller's filter).
pub fn reached<'a>(sessions: impl IntoIterator<Item = &'a Outreach>, period: &Period) -> BTreeSet<Id> {
    sessions.into_iter().filter(|s| period.contains(s.date)).flat_map(|s| s.households.iter().copied()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn attendance_is_sorted_and_counted_once() {
        let mut s = Outreach::new(d(2026, 3, 1), vec![2, 1, 2], "Phòng chống ma túy");
        s.households = vec![9, 3, 9, 5];
        s.normalize();
        assert_eq!((s.hamlets.clone(), s.households.clone()), (vec![1, 2], vec![3, 5, 9]));
        s.set_attended(4, true);
        s.set_attended(4, true);
        assert!(s.forget(9) && !s.forget(9));
        assert_eq!(s.households, vec![3, 4, 5]);
    }

    #[test]
    fn reach_counts_a_household_once_and_only_inside_the_period() {
        let mut a = Outreach::new(d(2026, 3, 1), vec![1], "a");
        a.households = vec![1, 2];
        let mut b = Outreach::new(d(2026, 9, 1), vec![1], "b");
        b.households = vec![2, 3];
        let mut late = Outreach::new(d(2027, 1, 2), vec![1], "c");
        late.households = vec![4];
        let year = Period::parse("2026").unwrap();
        assert_eq!(reached([&a, &b, &late], &year).into_iter().collect::<Vec<_>>(), vec![1, 2, 3]);
    }

    #[test]
    fn a_session_needs_a_hamlet_and_a_topic() {
        let s = Outreach::new(d(2026, 3, 1), vec![], " ");
        let mut s = s;
        s.normalize();
        let errs = s.validate(d(2026, 6, 1)).unwrap_err();
        let fields: Vec<Field> = errs.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![Field::Topic, Field::Hamlet]);
    }
}
