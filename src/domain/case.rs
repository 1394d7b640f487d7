//! Mediation cases (vụ việc hòa giải ở cơ sở), shaped after the mediation log
//! book: `received -> in progress -> successful | unsuccessful | transferred |
//! withdrawn`, with the history of every status change kept on the case.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::date::{check_past, days, opt_days};
use super::rules::{bounded, in_range, required};
use super::text::{MAX_LINE, MAX_NAME, MAX_NOTE, clean_block, clean_line};
use super::{Errors, Field, FieldError, Id, Problem, Stamp};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CaseSource {
    /// One of the parties asked for mediation.
    PartyRequest,
    /// A mediator saw the conflict and stepped in.
    MediatorObserved,
    /// Referred by the commune (People's Committee, police, Front).
    CommuneReferred,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CaseCategory {
    /// Mâu thuẫn giữa các bên (neighbours).
    Neighbours,
    /// Tranh chấp dân sự: land, debt, property.
    Civil,
    /// Hôn nhân và gia đình.
    Family,
    /// Vi phạm pháp luật nhỏ.
    MinorViolation,
    Other,
}

impl CaseCategory {
    pub const ALL: [CaseCategory; 5] = [
        CaseCategory::Neighbours,
        CaseCategory::Civil,
        CaseCategory::Family,
        CaseCategory::MinorViolation,
        CaseCategory::Other,
    ];

    pub fn from_key(key: &str) -> Option<CaseCategory> {
        Some(match key {
            "neighbours" => CaseCategory::Neighbours,
            "civil" => CaseCategory::Civil,
            "family" => CaseCategory::Family,
            "minor_violation" => CaseCategory::MinorViolation,
            "other" => CaseCategory::Other,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CaseStatus {
    Received,
    InProgress,
    Successful,
    Unsuccessful,
    /// Sent to a competent authority.
    Transferred,
    Withdrawn,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 6] = [
        CaseStatus::Received,
        CaseStatus::InProgress,
        CaseStatus::Successful,
        CaseStatus::Unsuccessful,
        CaseStatus::Transferred,
        CaseStatus::Withdrawn,
    ];

    pub fn is_open(self) -> bool {
        matches!(self, CaseStatus::Received | CaseStatus::InProgress)
    }

    /// The steps the log book allows; a closed case may be reopened for more
    /// mediation (a party comes back), which returns it to in progress.
    pub fn can_move_to(self, next: CaseStatus) -> bool {
        use CaseStatus::*;
        match (self, next) {
            (a, b) if a == b => false,
            (Received, _) => next != Received,
            (InProgress, _) => next != Received,
            (_, InProgress) => true,
            _ => false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub age: Option<u8>,
    pub address: String,
    pub household: Option<Id>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    #[serde(with = "days")]
    pub date: NaiveDate,
    pub status: CaseStatus,
    pub note: String,
}

/// Days from a successful closing to its follow-up, unless the clerk says.
pub const FOLLOW_UP_DAYS: u64 = 30;

/// When the follow-up of a case closed with success on `closed` is due.
pub fn follow_up_due(closed: NaiveDate) -> Option<NaiveDate> {
    closed.checked_add_days(Days::new(FOLLOW_UP_DAYS))
}

/// After a successful mediation: was the agreement kept?
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    #[serde(with = "days")]
    pub due: NaiveDate,
    /// `None` until someone has checked.
    pub kept: Option<bool>,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MediationCase {
    pub id: Id,
    /// The case number is `seq/year`, a sequence per year given by the store.
    pub year: u16,
    pub seq: u32,
    #[serde(with = "days")]
    pub received: NaiveDate,
    pub source: CaseSource,
    pub hamlet: Id,
    pub category: CaseCategory,
    pub parties: Vec<Party>,
    pub content: String,
    /// Member ids of the mediators assigned.
    pub mediators: Vec<Id>,
    /// Others invited to take part (village elders, relatives), by name.
    pub invited: Vec<String>,
    #[serde(with = "opt_days")]
    pub assigned: Option<NaiveDate>,
    /// First mediation session.
    #[serde(with = "opt_days")]
    pub started: Option<NaiveDate>,
    pub status: CaseStatus,
    #[serde(with = "opt_days")]
    pub closed: Option<NaiveDate>,
    /// The agreement reached, or each side's demands.
    pub agreement: String,
    pub outcome_notes: String,
    pub follow_up: Option<FollowUp>,
    pub history: Vec<StatusChange>,
    pub stamp: Stamp,
}

/// Fewest parties a dispute can have.
pub const MIN_PARTIES: usize = 2;
/// Most parties, mediators or invited persons on one case.
pub const MAX_LIST: i64 = 30;
/// Most status changes kept on one case.
pub const MAX_HISTORY: i64 = 200;
/// Highest case number in a year.
pub const MAX_SEQ: u32 = 99_999;

fn len<T>(list: &[T]) -> i64 {
    i64::try_from(list.len()).unwrap_or(i64::MAX)
}

impl MediationCase {
    pub fn new(received: NaiveDate, hamlet: Id, category: CaseCategory, parties: Vec<Party>) -> Self {
        MediationCase {
            id: 0,
            year: chrono::Datelike::year(&received).try_into().unwrap_or(0),
            seq: 0,
            received,
            source: CaseSource::PartyRequest,
            hamlet,
            category,
            parties,
            content: String::new(),
            mediators: Vec::new(),
            invited: Vec::new(),
            assigned: None,
            started: None,
            status: CaseStatus::Received,
            closed: None,
            agreement: String::new(),
            outcome_notes: String::new(),
            follow_up: None,
            history: Vec::new(),
            stamp: Stamp::default(),
        }
    }

    /// "12/2026".
    pub fn number(&self) -> String {
        format!("{}/{}", self.seq, self.year)
    }

    /// The team whose mediation book (sổ theo dõi hoạt động hòa giải) the
    /// case is written in: the team most of its mediators belong to (the
    /// lower team id on a tie), else, before any mediator took it,
    /// `hamlet_team`, the mediation team of its hamlet. So each case is in
    /// exactly one book.
    pub fn book_team(&self, team_of: impl Fn(Id) -> Option<Id>, hamlet_team: Option<Id>) -> Option<Id> {
        let mut teams: Vec<Id> = self.mediators.iter().filter_map(|m| team_of(*m)).collect();
        teams.sort_unstable();
        let runs = teams.chunk_by(|a, b| a == b);
        // `max_by_key` keeps the last of equal counts: walk from the end.
        let best = runs.rev().max_by_key(|run| run.len()).and_then(|run| run.first().copied());
        best.or(hamlet_team)
    }

    /// Moves to `next` on `date`, recording the step. Closing statuses set the
    /// closing date; reopening clears it.
    pub fn move_to(&mut self, next: CaseStatus, date: NaiveDate, note: &str) -> Result<(), Problem> {
        if !self.status.can_move_to(next) {
            return Err(Problem::BadTransition);
        }
        if next == CaseStatus::InProgress && self.started.is_none() {
            self.started = Some(date);
        }
        self.closed = (!next.is_open()).then_some(date);
        self.status = next;
        self.history.push(StatusChange { date, status: next, note: clean_line(note) });
        Ok(())
    }

    /// Why a step to `next` on `date` cannot be taken: a date before
    /// intake or before the step before it, or a closing before the
    /// assignment or the first session. The same day is allowed.
    pub fn step_date_problem(&self, next: CaseStatus, date: NaiveDate) -> Option<(Field, Problem)> {
        let closing = !next.is_open();
        if date < self.received {
            Some((Field::Closed, Problem::BeforeDate(Field::Received)))
        } else if self.history.last().is_some_and(|h| date < h.date) {
            Some((Field::Closed, Problem::StepOutOfOrder))
        } else if closing && self.started.is_some_and(|s| date < s) {
            Some((Field::Closed, Problem::BeforeDate(Field::Started)))
        } else if closing && self.assigned.is_some_and(|a| date < a) {
            Some((Field::Closed, Problem::BeforeDate(Field::Assigned)))
        } else {
            None
        }
    }

    pub fn normalize(&mut self) {
        // The number's year is the year the case was received, always.
        self.year = chrono::Datelike::year(&self.received).try_into().unwrap_or(0);
        self.content = clean_block(&self.content);
        self.agreement = clean_block(&self.agreement);
        self.outcome_notes = clean_block(&self.outcome_notes);
        for p in &mut self.parties {
            p.name = clean_line(&p.name);
            p.address = clean_line(&p.address);
        }
        self.invited = self.invited.iter().map(|s| clean_line(s)).filter(|s| !s.is_empty()).collect();
        self.mediators.sort_unstable();
        self.mediators.dedup();
        if let Some(f) = &mut self.follow_up {
            f.note = clean_block(&f.note);
        }
        for h in &mut self.history {
            h.note = clean_line(&h.note);
        }
    }

    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.check(Field::Received, check_past(self.received, today));
        e.check(Field::CaseNumber, in_range(self.seq.into(), 0, MAX_SEQ.into()));
        self.validate_parties(&mut e);
        e.check(Field::Mediators, in_range(len(&self.mediators), 0, MAX_LIST));
        e.check(Field::Mediators, in_range(len(&self.invited), 0, MAX_LIST));
        for (i, name) in self.invited.iter().enumerate() {
            if let Some(p) = bounded(name, MAX_NAME) {
                e.push_row(Field::Mediators, i + 1, p);
            }
        }
        e.check(Field::Status, in_range(len(&self.history), 0, MAX_HISTORY));
        for (i, h) in self.history.iter().enumerate() {
            if let Some(p) = bounded(&h.note, MAX_LINE) {
                e.push_row(Field::Status, i + 1, p);
            }
        }
        e.check(Field::Content, required(&self.content, MAX_NOTE));
        e.check(Field::Agreement, bounded(&self.agreement, MAX_NOTE));
        e.check(Field::Notes, bounded(&self.outcome_notes, MAX_NOTE));
        for (field, date) in [(Field::Assigned, self.assigned), (Field::Started, self.started)] {
            self.check_after_received(field, date, today, &mut e);
        }
        self.validate_closing(today, &mut e);
        self.validate_order(&mut e);
        if let Some(f) = &self.follow_up {
            e.check(Field::FollowUpNote, bounded(&f.note, MAX_NOTE));
        }
        e.into_result()
    }

    /// Dates that cannot all be true, each said on the later field of the
    /// log book: received, then assigned (which names a mediator) and the
    /// first session, then the closing, then the follow-up. A step is not
    /// dated before the one before it. The same day is allowed throughout.
    fn validate_order(&self, e: &mut Errors) {
        if self.assigned.is_some() && self.mediators.is_empty() {
            e.push(Field::Assigned, Problem::NeedsMediator);
        }
        if let Some(closed) = self.closed {
            for (field, date) in [(Field::Assigned, self.assigned), (Field::Started, self.started)] {
                if date.is_some_and(|d| d > closed) {
                    e.push(field, Problem::AfterDate(Field::Closed));
                }
            }
        }
        if let Some(f) = &self.follow_up {
            let (after, since) = match self.closed {
                Some(closed) => (Field::Closed, closed),
                None => (Field::Received, self.received),
            };
            if f.due < since {
                e.push(Field::FollowUpDate, Problem::BeforeDate(after));
            }
        }
        for (i, pair) in self.history.windows(2).enumerate() {
            if let [before, step] = pair
                && step.date < before.date
            {
                e.push_row(Field::Status, i + 2, Problem::StepOutOfOrder);
            }
        }
        if let Some(i) = self.history.iter().position(|h| h.date < self.received) {
            e.push_row(Field::Status, i + 1, Problem::BeforeDate(Field::Received));
        }
    }

    fn validate_parties(&self, e: &mut Errors) {
        if self.parties.len() < MIN_PARTIES {
            e.push(Field::Parties, Problem::TooFewParties { min: MIN_PARTIES });
        }
        e.check(Field::Parties, in_range(len(&self.parties), 0, MAX_LIST));
        for (i, p) in self.parties.iter().enumerate() {
            if let Some(prob) = required(&p.name, MAX_NAME) {
                e.push_row(Field::PartyName, i + 1, prob);
            }
            if let Some(prob) = bounded(&p.address, MAX_LINE) {
                e.push_row(Field::PartyAddress, i + 1, prob);
            }
            if let Some(prob) = p.age.and_then(|a| in_range(a.into(), 1, 120)) {
                e.push_row(Field::PartyAge, i + 1, prob);
            }
        }
    }

    fn validate_closing(&self, today: NaiveDate, e: &mut Errors) {
        match (self.status.is_open(), self.closed) {
            (true, Some(_)) => e.push(Field::Closed, Problem::NotAllowedForStatus),
            (false, None) => e.push(Field::Closed, Problem::Required),
            (false, Some(c)) => self.check_after_received(Field::Closed, Some(c), today, e),
            (true, None) => {}
        }
    }

    fn check_after_received(&self, field: Field, date: Option<NaiveDate>, today: NaiveDate, e: &mut Errors) {
        let Some(d) = date else { return };
        if let Some(p) = check_past(d, today) {
            e.push(field, p);
        } else if d < self.received {
            e.push(field, Problem::BeforeDate(Field::Received));
        }
    }
}

#[cfg(test)]
mod tests;
