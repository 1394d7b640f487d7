//! The plan's targets and reporting calendar: the commune's settings that
//! the targets table ("Kết quả thực hiện chỉ tiêu") and the dashboard's
//! due dates read.
//!
//! Defaults come from Bình Phước's plan 222/KH-UBND (2022) and plan
//! 09/KH-UBND (2019); each province writes its own, so every number is
//! editable in Settings and validated here.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::rules::in_range;
use super::{Errors, Field, Period, PeriodKind};

/// A day of the year (day, month) a report is due by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueDay {
    pub day: u8,
    pub month: u8,
}

impl DueDay {
    pub const fn new(day: u8, month: u8) -> Self {
        DueDay { day, month }
    }

    /// The date in `year` (29/2 in a common year falls on 28/2).
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        let (m, d) = (u32::from(self.month), u32::from(self.day));
        NaiveDate::from_ymd_opt(year, m, d).or_else(|| NaiveDate::from_ymd_opt(year, m, d.saturating_sub(1)))
    }

    /// The first due date on or after `today`.
    pub fn next_after(self, today: NaiveDate) -> Option<NaiveDate> {
        let this = self.in_year(today.year())?;
        if this >= today { Some(this) } else { self.in_year(today.year() + 1) }
    }

    fn valid(self) -> bool {
        NaiveDate::from_ymd_opt(2024, u32::from(self.month), u32::from(self.day)).is_some()
    }
}

/// The targets and due dates of the commune's plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Households signed, % of active households (goal 5 of 222: 100%).
    pub signed_pct: u8,
    /// Distinct active households reached by outreach in the period, % (09: 75%).
    pub reached_pct: u8,
    /// Residential areas recognised "An toàn về ANTT", % (222: 90%; 09: 75%).
    pub safe_pct: u8,
    /// Of the areas assessed, classified xuất sắc, at least % (222: 30%).
    pub excellent_pct: u8,
    /// Of the areas assessed, classified khá, at least % (222: 50%).
    pub good_pct: u8,
    /// Areas classified yếu, at most (222: none).
    pub weak_max: u16,
    /// Areas with at least one model reviewed effective, % (222: 80%).
    pub model_pct: u8,
    /// Training classes for core forces a year, at least (222: one).
    pub trainings_min: u8,
    /// Members a mediation team needs, one of them a woman.
    pub mediation_min_members: u8,
    /// The commune's own recognition: areas recognised, at least % (TT 124: 70%).
    pub commune_recognised_pct: u8,
    /// Due date of the 6-month report.
    pub half_year_due: DueDay,
    /// Due date of the yearly report.
    pub year_due: DueDay,
    /// Due date of the yearly review and classification.
    pub review_due: DueDay,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            signed_pct: 100,
            reached_pct: 75,
            safe_pct: 90,
            excellent_pct: 30,
            good_pct: 50,
            weak_max: 0,
            model_pct: 80,
            trainings_min: 1,
            mediation_min_members: 3,
            commune_recognised_pct: 70,
            half_year_due: DueDay::new(15, 5),
            year_due: DueDay::new(15, 11),
            review_due: DueDay::new(10, 12),
        }
    }
}

impl Plan {
    /// The threshold of a row of the targets table: a percentage for a
    /// share, else a count. Every mediation team must qualify: 100%.
    pub fn threshold(&self, target: Target) -> u16 {
        match target {
            Target::Signed => self.signed_pct.into(),
            Target::Reached => self.reached_pct.into(),
            Target::Safe => self.safe_pct.into(),
            Target::Excellent => self.excellent_pct.into(),
            Target::Good => self.good_pct.into(),
            Target::Weak => self.weak_max,
            Target::Models => self.model_pct.into(),
            Target::Training => self.trainings_min.into(),
            Target::MediationTeams => 100,
        }
    }

    /// Every problem, as rows of `Field::PlanTarget` (1 signed, 2 reached,
    /// 3 safe, 4 xuất sắc, 5 khá, 6 yếu, 7 models, 8 trainings, 9 mediation
    /// team size, 10 the commune's recognition) and of `Field::DueDate`
    /// (1 six-month, 2 yearly report, 3 yearly review): the Settings form's
    /// order, so each error lands beside its field.
    pub fn check(&self, e: &mut Errors) {
        let pct = |v: u8| (i64::from(v), 0, 100);
        let bounds = [
            pct(self.signed_pct),
            pct(self.reached_pct),
            pct(self.safe_pct),
            pct(self.excellent_pct),
            pct(self.good_pct),
            (i64::from(self.weak_max), 0, 1_000),
            pct(self.model_pct),
            (i64::from(self.trainings_min), 0, 50),
            (i64::from(self.mediation_min_members), 1, 50),
            pct(self.commune_recognised_pct),
        ];
        for (row, (v, lo, hi)) in bounds.into_iter().enumerate() {
            if let Some(p) = in_range(v, lo, hi) {
                e.push_row(Field::PlanTarget, row + 1, p);
            }
        }
        for (row, due) in [self.half_year_due, self.year_due, self.review_due].into_iter().enumerate() {
            if !due.valid() {
                e.push_row(Field::DueDate, row + 1, super::Problem::BadDate);
            }
        }
    }

    /// The report calendar as (which, next due date on or after `today`).
    pub fn calendar(&self, today: NaiveDate) -> Vec<(Due, NaiveDate)> {
        [(Due::HalfYear, self.half_year_due), (Due::Year, self.year_due), (Due::Review, self.review_due)]
            .into_iter()
            .filter_map(|(which, day)| day.next_after(today).map(|d| (which, d)))
            .collect()
    }
}

/// The rows of the targets table ("Kết quả thực hiện chỉ tiêu"), in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Target {
    /// Households signed, % of active households.
    Signed,
    /// Distinct active households reached by outreach in the period, %.
    Reached,
    /// Residential areas recognised safe for the year, % of hamlets.
    Safe,
    /// Areas classified xuất sắc, % of areas classified.
    Excellent,
    /// Areas classified khá, % of areas classified.
    Good,
    /// Areas classified yếu, a count (at most).
    Weak,
    /// Areas with a model reviewed effective for the year, % of hamlets.
    Models,
    /// Trainings of core forces held in the year, a count (at least).
    Training,
    /// Mediation teams with enough members, one a woman, % of active ones.
    MediationTeams,
}

impl Target {
    pub const ALL: [Target; 9] = [
        Target::Signed,
        Target::Reached,
        Target::Safe,
        Target::Excellent,
        Target::Good,
        Target::Weak,
        Target::Models,
        Target::Training,
        Target::MediationTeams,
    ];

    /// A share in per mille (value and threshold compared as %), or a count.
    pub fn is_share(self) -> bool {
        !matches!(self, Target::Weak | Target::Training)
    }

    /// The value meets the threshold from above (at least) or, for the
    /// count of weak areas, from below (at most).
    pub fn at_most(self) -> bool {
        self == Target::Weak
    }
}

/// The reports the calendar names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Due {
    HalfYear,
    Year,
    Review,
}

impl Due {
    /// The period the report due in `year` is about: the first half of
    /// that year for the 6-month report, the year for the yearly report and
    /// the yearly review.
    pub fn period(self, year: i32) -> Option<Period> {
        match self {
            Due::HalfYear => Period::half(year, 1).ok(),
            Due::Year | Due::Review => Period::year(year).ok(),
        }
    }
}

/// A report of the calendar, tied to the close of its period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueReport {
    pub which: Due,
    pub date: NaiveDate,
    pub period: Period,
    pub state: DueState,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueState {
    /// Days left until the due date (0: today); its period is not closed.
    Left(i64),
    /// Its period is closed (the figures are final, whatever the date).
    Closed,
    /// Days past the due date, its period still not closed.
    Overdue(i64),
}

impl Plan {
    fn due_day(&self, which: Due) -> DueDay {
        match which {
            Due::HalfYear => self.half_year_due,
            Due::Year => self.year_due,
            Due::Review => self.review_due,
        }
    }

    /// Each report's standing on `today`, by date: this year's due date if
    /// it has passed and its period is not closed (overdue), else the next
    /// one, marked closed when its period already is. A past year's report
    /// is not chased: in January the new year's dates show. `closed` says whether
    /// a period's days are all inside closed periods.
    pub fn standing(&self, today: NaiveDate, closed: impl Fn(&Period) -> bool) -> Vec<DueReport> {
        let mut out: Vec<DueReport> = [Due::HalfYear, Due::Year, Due::Review]
            .into_iter()
            .filter_map(|which| {
                let day = self.due_day(which);
                let report = |date: NaiveDate| Some((date, which.period(date.year())?));
                let passed = day.in_year(today.year()).filter(|d| *d < today).and_then(report);
                if let Some((date, period)) = passed.filter(|(_, p)| !closed(p)) {
                    return Some(DueReport {
                        which,
                        date,
                        period,
                        state: DueState::Overdue((today - date).num_days()),
                    });
                }
                let (date, period) = report(day.next_after(today)?)?;
                let state = if closed(&period) { DueState::Closed } else { DueState::Left((date - today).num_days()) };
                Some(DueReport { which, date, period, state })
            })
            .collect();
        out.sort_by_key(|r| r.date);
        out
    }

    /// The report a closed `period` is for and its due date: the first half
    /// of a year gives its 6-month report, a year its yearly report (the
    /// review is the same year's, due later); other periods have none.
    pub fn due_of(&self, period: &Period) -> Option<(Due, NaiveDate)> {
        let which = match period.kind {
            PeriodKind::Half { h: 1, .. } => Due::HalfYear,
            PeriodKind::Year(_) => Due::Year,
            _ => return None,
        };
        Some((which, self.due_day(which).in_year(period.end.year())?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn due_dates_roll_to_next_year_once_passed() {
        let plan = Plan::default();
        let cal = plan.calendar(d(2026, 11, 20));
        assert_eq!(
            cal,
            vec![(Due::HalfYear, d(2027, 5, 15)), (Due::Year, d(2027, 11, 15)), (Due::Review, d(2026, 12, 10))]
        );
        assert_eq!(DueDay::new(29, 2).in_year(2027), Some(d(2027, 2, 28)));
    }

    #[test]
    fn a_passed_due_date_is_overdue_until_its_period_is_closed() {
        let plan = Plan::default();
        let today = d(2026, 11, 23);
        let none = plan.standing(today, |_| false);
        let states: Vec<(Due, NaiveDate, DueState)> = none.iter().map(|r| (r.which, r.date, r.state)).collect();
        assert_eq!(
            states,
            vec![
                (Due::HalfYear, d(2026, 5, 15), DueState::Overdue(192)),
                (Due::Year, d(2026, 11, 15), DueState::Overdue(8)),
                (Due::Review, d(2026, 12, 10), DueState::Left(17)),
            ]
        );
        assert_eq!(none[0].period, Period::half(2026, 1).unwrap());
        // The first half closed: its next report is next year's, still open.
        let h1 = Period::half(2026, 1).unwrap();
        let closed_h1 = plan.standing(today, |p| *p == h1);
        let half = closed_h1.iter().find(|r| r.which == Due::HalfYear).unwrap();
        assert_eq!((half.date, half.state), (d(2027, 5, 15), DueState::Left(173)));
        // The year closed: the yearly report and the review are settled.
        let y = Period::year(2026).unwrap();
        let closed_year = plan.standing(today, |p| *p == y);
        let review = closed_year.iter().find(|r| r.which == Due::Review).unwrap();
        assert_eq!((review.date, review.state), (d(2026, 12, 10), DueState::Closed));
        let year = closed_year.iter().find(|r| r.which == Due::Year).unwrap();
        assert_eq!((year.date, year.state), (d(2027, 11, 15), DueState::Left(357)));
        // On the due date itself it is not yet overdue.
        let on_day = plan.standing(d(2026, 5, 15), |_| false);
        assert_eq!(on_day.iter().find(|r| r.which == Due::HalfYear).unwrap().state, DueState::Left(0));
    }

    #[test]
    fn a_closed_half_year_or_year_names_its_report_due_date() {
        let plan = Plan::default();
        assert_eq!(plan.due_of(&Period::half(2026, 1).unwrap()), Some((Due::HalfYear, d(2026, 5, 15))));
        assert_eq!(plan.due_of(&Period::year(2026).unwrap()), Some((Due::Year, d(2026, 11, 15))));
        assert_eq!(plan.due_of(&Period::half(2026, 2).unwrap()), None);
        assert_eq!(plan.due_of(&Period::quarter(2026, 1).unwrap()), None);
    }

    #[test]
    fn targets_are_checked() {
        let mut e = Errors::default();
        Plan { safe_pct: 101, half_year_due: DueDay::new(31, 4), ..Plan::default() }.check(&mut e);
        let fields: Vec<Field> = e.0.iter().map(|f| f.field).collect();
        assert_eq!(fields, vec![Field::PlanTarget, Field::DueDate]);
        let mut ok = Errors::default();
        Plan::default().check(&mut ok);
        assert!(ok.0.is_empty());
    }
}
