//! Teams (tổ / đội) of the movement and their members.
//!
//! One `Member` record is one stint in one team: a person who leaves and
//! rejoins, or moves to another team, gets a new record, as a paper roster
//! gets a new line. Counting members joined and left in a period stays simple.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::{check_past, days, opt_days};
use super::rules::{bounded, in_range, national_id, normalize_phone, phone, required};
use super::text::{MAX_LINE, MAX_NAME, MAX_NOTE, MAX_SHORT, clean_block, clean_line, clean_optional};
use super::{Errors, Field, FieldError, Id, Problem, Stamp};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TeamKind {
    /// Tổ bảo vệ an ninh, trật tự ở cơ sở.
    Security,
    /// Tổ tự quản về an ninh, trật tự.
    SelfManaged,
    /// Tổ hòa giải ở cơ sở.
    Mediation,
    /// Đội xung kích.
    ShockBrigade,
    /// Dân quân tự vệ.
    Militia,
    Other,
}

impl TeamKind {
    pub const ALL: [TeamKind; 6] = [
        TeamKind::Security,
        TeamKind::SelfManaged,
        TeamKind::Mediation,
        TeamKind::ShockBrigade,
        TeamKind::Militia,
        TeamKind::Other,
    ];

    /// The key used in data files and imports.
    pub fn from_key(key: &str) -> Option<TeamKind> {
        Some(match key {
            "security" => TeamKind::Security,
            "self_managed" => TeamKind::SelfManaged,
            "mediation" => TeamKind::Mediation,
            "shock_brigade" => TeamKind::ShockBrigade,
            "militia" => TeamKind::Militia,
            "other" => TeamKind::Other,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TeamStatus {
    Active,
    Dissolved {
        #[serde(with = "days")]
        on: NaiveDate,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub id: Id,
    pub name: String,
    pub kind: TeamKind,
    /// `None` for a commune-wide team.
    pub hamlet: Option<Id>,
    #[serde(with = "opt_days")]
    pub established: Option<NaiveDate>,
    pub status: TeamStatus,
    pub notes: String,
    pub stamp: Stamp,
}

impl Team {
    pub fn new(name: &str, kind: TeamKind, hamlet: Option<Id>) -> Self {
        Team {
            id: 0,
            name: name.into(),
            kind,
            hamlet,
            established: None,
            status: TeamStatus::Active,
            notes: String::new(),
            stamp: Stamp::default(),
        }
    }

    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        let founded = self.established.is_none_or(|d| d <= day);
        let dissolved = matches!(self.status, TeamStatus::Dissolved { on } if on <= day);
        founded && !dissolved
    }

    pub fn normalize(&mut self) {
        self.name = clean_line(&self.name);
        self.notes = clean_block(&self.notes);
    }

    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.check(Field::TeamName, required(&self.name, MAX_NAME));
        e.check(Field::Notes, bounded(&self.notes, MAX_NOTE));
        if let Some(d) = self.established {
            e.check(Field::Established, check_past(d, today));
        }
        if let TeamStatus::Dissolved { on } = self.status {
            e.check(Field::Dissolved, check_past(on, today));
            if self.established.is_some_and(|d| on < d) {
                e.push(Field::Dissolved, Problem::BeforeDate(Field::Established));
            }
        }
        e.into_result()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// Tổ trưởng / đội trưởng.
    Leader,
    /// Tổ phó / đội phó.
    Deputy,
    /// Tổ viên.
    Member,
    /// Hòa giải viên (in a mediation team).
    Mediator,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    Male,
    Female,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rating {
    /// Hoàn thành xuất sắc nhiệm vụ.
    Excellent,
    /// Hoàn thành tốt nhiệm vụ.
    Good,
    /// Hoàn thành nhiệm vụ.
    Completed,
    /// Không hoàn thành nhiệm vụ.
    NotCompleted,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Departure {
    #[serde(with = "days")]
    pub on: NaiveDate,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Training {
    #[serde(with = "days")]
    pub date: NaiveDate,
    pub course: String,
    pub passed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearRating {
    pub year: u16,
    pub rating: Rating,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub id: Id,
    pub team: Id,
    pub full_name: String,
    #[serde(with = "opt_days")]
    pub birth_date: Option<NaiveDate>,
    pub gender: Option<Gender>,
    pub phone: Option<String>,
    pub national_id: Option<String>,
    /// The household the member lives in, when known.
    pub household: Option<Id>,
    pub role: Role,
    /// Recognition decision (quyết định công nhận) number and date.
    pub decision_number: String,
    #[serde(with = "opt_days")]
    pub decision_date: Option<NaiveDate>,
    #[serde(with = "days")]
    pub joined: NaiveDate,
    pub left: Option<Departure>,
    pub trainings: Vec<Training>,
    pub ratings: Vec<YearRating>,
    pub notes: String,
    pub stamp: Stamp,
}

/// Most trainings (and yearly ratings) kept on one member.
pub const MAX_TRAININGS: i64 = 200;

impl Member {
    pub fn new(team: Id, full_name: &str, role: Role, joined: NaiveDate) -> Self {
        Member {
            id: 0,
            team,
            full_name: full_name.into(),
            birth_date: None,
            gender: None,
            phone: None,
            national_id: None,
            household: None,
            role,
            decision_number: String::new(),
            decision_date: None,
            joined,
            left: None,
            trainings: Vec::new(),
            ratings: Vec::new(),
            notes: String::new(),
            stamp: Stamp::default(),
        }
    }

    /// Leaving the team on `on` for `reason` (moving to another team is
    /// leaving this one and joining that one).
    pub fn leave(&mut self, on: NaiveDate, reason: String) {
        self.left = Some(Departure { on, reason });
    }

    /// In the team on `day`: joined on or before it and not yet left.
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.joined <= day && self.left.as_ref().is_none_or(|l| l.on > day)
    }

    pub fn normalize(&mut self) {
        self.full_name = clean_line(&self.full_name);
        self.decision_number = clean_line(&self.decision_number);
        self.notes = clean_block(&self.notes);
        self.national_id = clean_optional(self.national_id.take(), |s| s.replace(' ', ""));
        self.phone = clean_optional(self.phone.take(), |s| normalize_phone(&s));
        if let Some(left) = &mut self.left {
            left.reason = clean_line(&left.reason);
        }
        for t in &mut self.trainings {
            t.course = clean_line(&t.course);
        }
    }

    /// Puts trainings and ratings in date order; done after validation so an
    /// error's row number is the row the clerk typed.
    pub fn sort_lists(&mut self) {
        self.trainings.sort_by_key(|t| t.date);
        self.ratings.sort_by_key(|r| r.year);
    }

    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.check(Field::FullName, required(&self.full_name, MAX_NAME));
        e.check(Field::DecisionNumber, bounded(&self.decision_number, MAX_SHORT));
        e.check(Field::Notes, bounded(&self.notes, MAX_NOTE));
        e.check(Field::NationalId, self.national_id.as_deref().and_then(national_id));
        e.check(Field::Phone, self.phone.as_deref().and_then(phone));
        if let Some(b) = self.birth_date {
            e.check(Field::BirthDate, check_past(b, today));
        }
        if let Some(d) = self.decision_date {
            e.check(Field::DecisionDate, check_past(d, today));
        }
        e.check(Field::Joined, check_past(self.joined, today));
        if self.birth_date.is_some_and(|b| self.joined < b) {
            e.push(Field::Joined, Problem::BeforeDate(Field::BirthDate));
        }
        if let Some(left) = &self.left {
            e.check(Field::Left, check_past(left.on, today));
            if left.on < self.joined {
                e.push(Field::Left, Problem::BeforeDate(Field::Joined));
            }
            e.check(Field::LeftReason, bounded(&left.reason, MAX_LINE));
        }
        self.validate_lists(today, &mut e);
        e.into_result()
    }

    fn validate_lists(&self, today: NaiveDate, e: &mut Errors) {
        let n = |len: usize| i64::try_from(len).unwrap_or(i64::MAX);
        e.check(Field::TrainingDate, in_range(n(self.trainings.len()), 0, MAX_TRAININGS));
        e.check(Field::RatingYear, in_range(n(self.ratings.len()), 0, MAX_TRAININGS));
        for (i, t) in self.trainings.iter().enumerate() {
            if let Some(p) = check_past(t.date, today) {
                e.push_row(Field::TrainingDate, i + 1, p);
            }
            if let Some(p) = required(&t.course, MAX_LINE) {
                e.push_row(Field::TrainingCourse, i + 1, p);
            }
        }
        let max_year = i64::from(chrono::Datelike::year(&today));
        for (i, r) in self.ratings.iter().enumerate() {
            if let Some(p) = in_range(r.year.into(), 2000, max_year) {
                e.push_row(Field::RatingYear, i + 1, p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn membership_spans_joined_to_left() {
        let mut m = Member::new(1, "Lê Văn Tám", Role::Member, ymd(2024, 5, 1));
        assert!(!m.is_active_on(ymd(2024, 4, 30)));
        assert!(m.is_active_on(ymd(2024, 5, 1)));
        m.left = Some(Departure { on: ymd(2026, 2, 1), reason: "Chuyển nơi ở".into() });
        assert!(m.is_active_on(ymd(2026, 1, 31)));
        assert!(!m.is_active_on(ymd(2026, 2, 1)));
    }

    #[test]
    fn leaving_before_joining_is_refused() {
        let mut m = Member::new(1, "Lê Văn Tám", Role::Member, ymd(2024, 5, 1));
        m.left = Some(Departure { on: ymd(2024, 1, 1), reason: String::new() });
        let errs = m.validate(ymd(2026, 11, 23)).unwrap_err();
        assert_eq!(errs, vec![FieldError::new(Field::Left, Problem::BeforeDate(Field::Joined))]);
    }

    #[test]
    fn trainings_name_their_row() {
        let mut m = Member::new(1, "Lê Văn Tám", Role::Member, ymd(2024, 5, 1));
        m.trainings.push(Training { date: ymd(2025, 1, 1), course: "PCCC".into(), passed: true });
        m.trainings.push(Training { date: ymd(2030, 1, 1), course: String::new(), passed: true });
        let errs = m.validate(ymd(2026, 11, 23)).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert!(errs.iter().all(|e| e.row == Some(2)));
    }

    #[test]
    fn dissolved_teams_are_inactive_from_that_day() {
        let mut t = Team::new("Tổ hòa giải thôn Đông", TeamKind::Mediation, Some(3));
        t.status = TeamStatus::Dissolved { on: ymd(2026, 6, 30) };
        assert!(t.is_active_on(ymd(2026, 6, 29)));
        assert!(!t.is_active_on(ymd(2026, 6, 30)));
    }
}
