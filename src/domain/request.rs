//! The data subjects' register: a person asks to see, correct or delete
//! their personal data, or objects to its processing, and the commune must
//! acknowledge and act within deadlines (Law 91/2025/QH15, Decree
//! 356/2025/NĐ-CP).
//!
//! The deadlines are computed, and the clerk may change both: acknowledge
//! by 2 working days after the request was received (Saturdays and Sundays
//! skipped; public holidays are not known to soxa, so a request received
//! before Tết needs its date moved by hand), act by 15 calendar days after
//! it was received. Stored values: the enums are encoded by position, so
//! variants are only ever added at the end.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

use super::date::{check_past, days, opt_days};
use super::rules::{bounded, required};
use super::text::{MAX_NAME, MAX_NOTE, clean_block, clean_line};
use super::{Errors, Field, FieldError, Id, Problem};

/// Working days to acknowledge a request.
pub const ACKNOWLEDGE_WORKING_DAYS: u32 = 2;
/// Calendar days to act on a request.
pub const ACT_DAYS: u64 = 15;

/// What the person asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RequestKind {
    /// To see their data (and how it is used).
    See,
    /// To correct it.
    Correct,
    /// To delete it.
    Delete,
    /// To object to, or restrict, its processing.
    Object,
}

impl RequestKind {
    pub const ALL: [RequestKind; 4] =
        [RequestKind::See, RequestKind::Correct, RequestKind::Delete, RequestKind::Object];
}

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RequestStatus {
    Received,
    Acknowledged,
    Done,
    Refused,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 4] =
        [RequestStatus::Received, RequestStatus::Acknowledged, RequestStatus::Done, RequestStatus::Refused];

    /// Answered: done or refused.
    pub fn is_closed(self) -> bool {
        matches!(self, RequestStatus::Done | RequestStatus::Refused)
    }
}

/// One request in the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataRequest {
    pub id: Id,
    #[serde(with = "days")]
    pub received: NaiveDate,
    /// The requester's name as given (free text).
    pub person: String,
    pub kind: RequestKind,
    #[serde(with = "days")]
    pub acknowledge_by: NaiveDate,
    #[serde(with = "days")]
    pub act_by: NaiveDate,
    pub status: RequestStatus,
    /// What was answered, or why it was refused.
    pub answer: String,
    #[serde(with = "opt_days")]
    pub answered: Option<NaiveDate>,
    #[serde(with = "super::date::secs")]
    pub updated_at: NaiveDateTime,
}

/// `from` plus `n` working days (Saturdays and Sundays skipped).
pub fn add_working_days(from: NaiveDate, n: u32) -> NaiveDate {
    let mut day = from;
    let mut left = n;
    while left > 0 {
        let Some(next) = day.succ_opt() else { break };
        day = next;
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

/// The acknowledgement deadline of a request received on `received`.
pub fn acknowledge_by(received: NaiveDate) -> NaiveDate {
    add_working_days(received, ACKNOWLEDGE_WORKING_DAYS)
}

/// The deadline to act on a request received on `received`.
pub fn act_by(received: NaiveDate) -> NaiveDate {
    received.checked_add_days(Days::new(ACT_DAYS)).unwrap_or(received)
}

impl DataRequest {
    /// A new request received on `received`, its deadlines computed.
    pub fn new(received: NaiveDate, person: &str, kind: RequestKind) -> Self {
        DataRequest {
            id: 0,
            received,
            person: person.into(),
            kind,
            acknowledge_by: acknowledge_by(received),
            act_by: act_by(received),
            status: RequestStatus::Received,
            answer: String::new(),
            answered: None,
            updated_at: chrono::DateTime::UNIX_EPOCH.naive_utc(),
        }
    }

    /// Past a deadline on `today`: not acknowledged after its
    /// acknowledgement date, or not answered after its act-by date.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        let late_ack = self.status == RequestStatus::Received && today > self.acknowledge_by;
        let late_act = !self.status.is_closed() && today > self.act_by;
        late_ack || late_act
    }

    pub fn normalize(&mut self) {
        self.person = clean_line(&self.person);
        self.answer = clean_block(&self.answer);
    }

    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.check(Field::RequestPerson, required(&self.person, MAX_NAME));
        e.check(Field::RequestReceived, check_past(self.received, today));
        let before = |d: NaiveDate| (d < self.received).then_some(Problem::BeforeDate(Field::RequestReceived));
        e.check(Field::AcknowledgeBy, before(self.acknowledge_by));
        e.check(Field::ActBy, before(self.act_by));
        e.check(Field::Answer, bounded(&self.answer, MAX_NOTE));
        match (self.status.is_closed(), self.answered) {
            (true, None) => e.push(Field::Answered, Problem::Required),
            (false, Some(_)) => e.push(Field::Answered, Problem::NotAllowedForStatus),
            (true, Some(d)) => e.check(Field::Answered, check_past(d, today).or_else(|| before(d))),
            (false, None) => {}
        }
        if self.status == RequestStatus::Refused && self.answer.is_empty() {
            e.push(Field::Answer, Problem::Required);
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

    #[test]
    fn acknowledgement_skips_the_weekend() {
        // 2026-12-07 is a Monday.
        assert_eq!(acknowledge_by(ymd(2026, 12, 7)), ymd(2026, 12, 9), "Monday -> Wednesday");
        assert_eq!(acknowledge_by(ymd(2026, 12, 10)), ymd(2026, 12, 14), "Thursday -> Monday");
        assert_eq!(acknowledge_by(ymd(2026, 12, 11)), ymd(2026, 12, 15), "Friday -> Tuesday");
        assert_eq!(acknowledge_by(ymd(2026, 12, 12)), ymd(2026, 12, 15), "Saturday -> Tuesday");
        assert_eq!(acknowledge_by(ymd(2026, 12, 13)), ymd(2026, 12, 15), "Sunday -> Tuesday");
        assert_eq!(add_working_days(ymd(2026, 12, 11), 0), ymd(2026, 12, 11));
    }

    #[test]
    fn acting_takes_fifteen_calendar_days() {
        assert_eq!(act_by(ymd(2026, 12, 7)), ymd(2026, 12, 22));
        assert_eq!(act_by(ymd(2026, 12, 20)), ymd(2027, 1, 4));
        assert_eq!(act_by(ymd(2028, 2, 20)), ymd(2028, 3, 6), "leap February");
    }

    #[test]
    fn a_request_is_overdue_past_either_deadline() {
        let mut r = DataRequest::new(ymd(2026, 12, 7), "Nguyễn Văn An", RequestKind::See);
        assert!(!r.is_overdue(ymd(2026, 12, 9)));
        assert!(r.is_overdue(ymd(2026, 12, 10)), "not acknowledged");
        r.status = RequestStatus::Acknowledged;
        assert!(!r.is_overdue(ymd(2026, 12, 22)));
        assert!(r.is_overdue(ymd(2026, 12, 23)), "not answered");
        r.status = RequestStatus::Done;
        assert!(!r.is_overdue(ymd(2027, 6, 1)));
    }

    #[test]
    fn validation_names_the_field() {
        let today = ymd(2026, 12, 7);
        let mut r = DataRequest::new(today, "  ", RequestKind::Delete);
        r.normalize();
        let fields = |r: &DataRequest| r.validate(today).unwrap_err().iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields(&r), [Field::RequestPerson]);
        r.person = "Lê Thị Hoa".into();
        r.act_by = ymd(2026, 12, 1);
        r.status = RequestStatus::Refused;
        assert_eq!(fields(&r), [Field::ActBy, Field::Answered, Field::Answer]);
        r.act_by = act_by(today);
        r.answered = Some(today);
        r.answer = "Không thuộc dữ liệu xã quản lý".into();
        assert_eq!(r.validate(today), Ok(()));
        r.received = ymd(2026, 12, 8);
        assert!(fields(&r).contains(&Field::RequestReceived));
    }
}
