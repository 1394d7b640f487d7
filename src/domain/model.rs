//! Self-management models (mô hình tự phòng, tự quản, tự bảo vệ về an ninh,
//! trật tự) and their yearly reviews.
//!
//! A model belongs to one hamlet or to the whole commune, has a kind from
//! the commune's editable catalog (`Commune::model_kinds`), may name the
//! team that runs it, and is reviewed once a year: effective, not yet
//! effective, or dropped ("thanh loại", with the date and the reason).
//! Whether a model counts as effective in a year is [`Model::effective_in`],
//! the one rule the warnings, the targets table and the screens share.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::{check_past, days, opt_days};
use super::rules::{bounded, in_range, required};
use super::text::{MAX_LINE, MAX_NAME, MAX_NOTE, clean_block, clean_line};
use super::{Errors, Field, FieldError, Id, Problem, Stamp};

/// The verdict of one yearly review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Verdict {
    /// Hiệu quả.
    Effective,
    /// Chưa hiệu quả.
    NotYet,
    /// Thanh loại: the model is dropped from this year on.
    Dropped,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Effective, Verdict::NotYet, Verdict::Dropped];
}

/// One year's review of a model. `date` and `reason` are required for a
/// dropped model and optional otherwise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub year: u16,
    pub verdict: Verdict,
    #[serde(with = "opt_days")]
    pub date: Option<NaiveDate>,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub id: Id,
    pub name: String,
    /// An id of `Commune::model_kinds`.
    pub kind: u16,
    /// `None` for a commune-wide model.
    pub hamlet: Option<Id>,
    #[serde(with = "days")]
    pub started: NaiveDate,
    /// The team that runs it, if any.
    pub team: Option<Id>,
    /// At most one per year, in year order.
    pub reviews: Vec<Review>,
    pub notes: String,
    pub stamp: Stamp,
}

impl Model {
    pub fn new(name: &str, kind: u16, hamlet: Option<Id>, started: NaiveDate) -> Self {
        Model {
            id: 0,
            name: name.into(),
            kind,
            hamlet,
            started,
            team: None,
            reviews: Vec::new(),
            notes: String::new(),
            stamp: Stamp::default(),
        }
    }

    /// The review of `year`, if there is one.
    pub fn review(&self, year: u16) -> Option<&Review> {
        self.reviews.iter().find(|r| r.year == year)
    }

    /// Records (or replaces) the review of `review.year`, keeping the list
    /// in year order: the one way screens, imports and the demo review.
    pub fn set_review(&mut self, review: Review) {
        self.reviews.retain(|r| r.year != review.year);
        self.reviews.push(review);
        self.reviews.sort_by_key(|r| r.year);
    }

    /// Reviewed "effective" for `year`.
    pub fn effective_in(&self, year: u16) -> bool {
        self.review(year).is_some_and(|r| r.verdict == Verdict::Effective)
    }

    /// Dropped in a review of `year` or an earlier year.
    pub fn dropped_by(&self, year: u16) -> bool {
        self.reviews.iter().any(|r| r.year <= year && r.verdict == Verdict::Dropped)
    }

    /// Running in `year`: started on or before its end and not dropped
    /// before it (a model dropped this year still needed this year's review).
    pub fn running_in(&self, year: u16) -> bool {
        let started = i32::from(year) >= chrono::Datelike::year(&self.started);
        let dropped_before = self.reviews.iter().any(|r| r.year < year && r.verdict == Verdict::Dropped);
        started && !dropped_before
    }

    pub fn normalize(&mut self) {
        self.name = clean_line(&self.name);
        self.notes = clean_block(&self.notes);
        for r in &mut self.reviews {
            r.reason = clean_line(&r.reason);
        }
        self.reviews.sort_by_key(|r| r.year);
    }

    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.check(Field::ModelName, required(&self.name, MAX_NAME));
        e.check(Field::Notes, bounded(&self.notes, MAX_NOTE));
        e.check(Field::ModelStarted, check_past(self.started, today));
        for (i, r) in self.reviews.iter().enumerate() {
            review_errors(&mut e, i + 1, r, self, today);
        }
        e.into_result()
    }
}

fn review_errors(e: &mut Errors, row: usize, r: &Review, model: &Model, today: NaiveDate) {
    let start_year = chrono::Datelike::year(&model.started);
    let this_year = chrono::Datelike::year(&today);
    if let Some(p) = in_range(r.year.into(), start_year.into(), this_year.into()) {
        e.push_row(Field::ReviewYear, row, p);
    }
    if model.reviews.iter().filter(|o| o.year == r.year).count() > 1 {
        e.push_row(Field::ReviewYear, row, Problem::Duplicate);
    }
    if let Some(p) = bounded(&r.reason, MAX_LINE) {
        e.push_row(Field::ReviewReason, row, p);
    }
    if let Some(d) = r.date {
        if let Some(p) = check_past(d, today) {
            e.push_row(Field::ReviewDate, row, p);
        }
        if d < model.started {
            e.push_row(Field::ReviewDate, row, Problem::BeforeDate(Field::ModelStarted));
        }
    }
    if r.verdict == Verdict::Dropped {
        if r.date.is_none() {
            e.push_row(Field::ReviewDate, row, Problem::Required);
        }
        if r.reason.is_empty() {
            e.push_row(Field::ReviewReason, row, Problem::Required);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn review(year: u16, verdict: Verdict) -> Review {
        Review { year, verdict, date: Some(d(year.into(), 11, 20)), reason: "hết hoạt động".into() }
    }

    #[test]
    fn effective_means_reviewed_effective_that_year() {
        let mut m = Model::new("Camera ấp 1", 4, Some(1), d(2024, 3, 1));
        m.set_review(review(2025, Verdict::Effective));
        assert!(m.effective_in(2025));
        assert!(!m.effective_in(2026));
        m.set_review(review(2026, Verdict::Dropped));
        assert!(!m.effective_in(2026));
        assert!(m.dropped_by(2026) && !m.dropped_by(2025));
        assert!(m.running_in(2026) && !m.running_in(2027));
    }

    #[test]
    fn a_second_review_of_a_year_replaces_the_first() {
        let mut m = Model::new("Tổ tự quản", 1, None, d(2024, 3, 1));
        m.set_review(review(2026, Verdict::NotYet));
        m.set_review(review(2025, Verdict::Effective));
        m.set_review(review(2026, Verdict::Effective));
        assert_eq!(m.reviews.iter().map(|r| r.year).collect::<Vec<_>>(), vec![2025, 2026]);
        assert!(m.effective_in(2026));
    }

    #[test]
    fn a_dropped_review_needs_its_date_and_reason() {
        let mut m = Model::new("Tổ tự quản", 1, None, d(2024, 3, 1));
        m.reviews.push(Review { year: 2025, verdict: Verdict::Dropped, date: None, reason: String::new() });
        m.reviews.push(Review { year: 2023, verdict: Verdict::Effective, date: None, reason: String::new() });
        let errs = m.validate(d(2026, 6, 1)).unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| (e.field, e.problem)).collect();
        assert!(fields.contains(&(Field::ReviewDate, Problem::Required)));
        assert!(fields.contains(&(Field::ReviewReason, Problem::Required)));
        assert!(fields.contains(&(Field::ReviewYear, Problem::OutOfRange { min: 2024, max: 2026 })));
    }
}
