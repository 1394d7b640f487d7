//! Closed periods (chốt số liệu): what a closing freezes, as pure rules.
//!
//! A closed period freezes the *events* dated inside it, not whole records.
//! Each record is read as a list of dated facts ([`Fact`]): a household
//! moving in or out, a commitment signed (or refused, or the household
//! absent), a violation, a team established or dissolved, a member joining,
//! leaving or being trained, a case received, assigned, started, closed or
//! changing status. A write is refused when it would add, remove or alter a
//! fact dated inside a closed period ([`first_frozen_change`]): its date,
//! and the fields the summary reads about it, which are the fact's content.
//!
//! So a commitment signed in a closed quarter can still get a violation
//! dated later, a case received in a closed quarter can still be closed
//! later, and a member who joined in a closed year can still leave; but
//! none of them can be moved out of, into or within a closed period, and
//! the facts dated inside cannot be changed or deleted. Undated fields that
//! the summary also reads (the hamlet of a household living here since
//! long before) are not frozen: the Reports screen shows the closed figures
//! beside today's, so such a change shows as a difference there.
//!
//! Closed periods may overlap (a quarter and its year): each keeps its own
//! figures, and a day is frozen while any closed period contains it.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::{AreaResult, Assessment, Classification, Model, Outreach, Verdict};
use super::{
    CaseCategory, CaseStatus, Commitment, CommitmentStatus, Household, HouseholdStatus, Id, MediationCase, Member,
    Period, Team, TeamKind, TeamStatus,
};

/// One dated event of a record and what the summary reads about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub date: NaiveDate,
    pub what: What,
}

#[derive(Clone, Debug, PartialEq)]
pub enum What {
    MovedIn {
        hamlet: Id,
    },
    MovedOut {
        hamlet: Id,
    },
    /// The commitment's own date: signed, refused or absent.
    Commitment {
        household: Id,
        year: u16,
        status: CommitmentStatus,
    },
    Violation {
        household: Id,
        description: String,
    },
    Established {
        kind: TeamKind,
        hamlet: Option<Id>,
    },
    Dissolved {
        kind: TeamKind,
        hamlet: Option<Id>,
    },
    Joined {
        team: Id,
    },
    Left {
        team: Id,
        reason: String,
    },
    Trained {
        team: Id,
        course: String,
        passed: bool,
    },
    Received {
        hamlet: Id,
        category: CaseCategory,
    },
    Assigned,
    Started,
    Closed {
        status: CaseStatus,
    },
    StatusChanged {
        status: CaseStatus,
        note: String,
    },
    /// A model started, in its hamlet (or commune-wide).
    ModelStarted {
        kind: u16,
        hamlet: Option<Id>,
    },
    /// A model's review, dated on the last day of the year it is for (the
    /// year whose summary reads it).
    Reviewed {
        hamlet: Option<Id>,
        year: u16,
        verdict: Verdict,
    },
    /// An area's assessment, dated on the last day of its year.
    Assessed {
        hamlet: Id,
        year: u16,
        registered: bool,
        result: Option<AreaResult>,
        classification: Option<Classification>,
    },
    /// An outreach session and whom it reached.
    Outreach {
        hamlets: Vec<Id>,
        households: Vec<Id>,
    },
}

/// The dated facts of a record. Hamlets and the commune have none.
pub trait Dated {
    fn facts(&self) -> Vec<Fact>;
}

fn fact(date: NaiveDate, what: What) -> Fact {
    Fact { date, what }
}

impl Dated for Household {
    fn facts(&self) -> Vec<Fact> {
        let hamlet = self.hamlet;
        let mut out: Vec<Fact> = self.living_since.map(|d| fact(d, What::MovedIn { hamlet })).into_iter().collect();
        if let HouseholdStatus::MovedOut { on } = self.status {
            out.push(fact(on, What::MovedOut { hamlet }));
        }
        out
    }
}

impl Dated for Commitment {
    fn facts(&self) -> Vec<Fact> {
        let household = self.household;
        let own = What::Commitment { household, year: self.year, status: self.status };
        let violations = self
            .violations
            .iter()
            .map(|v| fact(v.date, What::Violation { household, description: v.description.clone() }));
        std::iter::once(fact(self.date, own)).chain(violations).collect()
    }
}

impl Dated for Team {
    fn facts(&self) -> Vec<Fact> {
        let (kind, hamlet) = (self.kind, self.hamlet);
        let mut out: Vec<Fact> =
            self.established.map(|d| fact(d, What::Established { kind, hamlet })).into_iter().collect();
        if let TeamStatus::Dissolved { on } = self.status {
            out.push(fact(on, What::Dissolved { kind, hamlet }));
        }
        out
    }
}

impl Dated for Member {
    fn facts(&self) -> Vec<Fact> {
        let team = self.team;
        let mut out = vec![fact(self.joined, What::Joined { team })];
        if let Some(left) = &self.left {
            out.push(fact(left.on, What::Left { team, reason: left.reason.clone() }));
        }
        out.extend(
            self.trainings
                .iter()
                .map(|t| fact(t.date, What::Trained { team, course: t.course.clone(), passed: t.passed })),
        );
        out
    }
}

impl Dated for MediationCase {
    fn facts(&self) -> Vec<Fact> {
        let mut out = vec![fact(self.received, What::Received { hamlet: self.hamlet, category: self.category })];
        out.extend(self.assigned.map(|d| fact(d, What::Assigned)));
        out.extend(self.started.map(|d| fact(d, What::Started)));
        out.extend(self.closed.map(|d| fact(d, What::Closed { status: self.status })));
        out.extend(
            self.history.iter().map(|h| fact(h.date, What::StatusChanged { status: h.status, note: h.note.clone() })),
        );
        out
    }
}

/// The last day of `year` (the day a yearly fact is dated).
fn year_end(year: u16) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year.into(), 12, 31)
}

impl Dated for Model {
    fn facts(&self) -> Vec<Fact> {
        let hamlet = self.hamlet;
        let mut out = vec![fact(self.started, What::ModelStarted { kind: self.kind, hamlet })];
        out.extend(self.reviews.iter().filter_map(|r| {
            year_end(r.year).map(|d| fact(d, What::Reviewed { hamlet, year: r.year, verdict: r.verdict }))
        }));
        out
    }
}

impl Dated for Assessment {
    fn facts(&self) -> Vec<Fact> {
        let what = What::Assessed {
            hamlet: self.hamlet,
            year: self.year,
            registered: self.registered.is_some(),
            result: self.result,
            classification: self.classification,
        };
        year_end(self.year).map(|d| fact(d, what)).into_iter().collect()
    }
}

impl Dated for Outreach {
    fn facts(&self) -> Vec<Fact> {
        let what = What::Outreach { hamlets: self.hamlets.clone(), households: self.households.clone() };
        vec![fact(self.date, what)]
    }
}

/// The earliest date of a fact dated on a frozen day that is in one list
/// and not the other (compared as multisets), or `None` when the frozen
/// facts of `before` and `after` are the same.
pub fn first_frozen_change(before: &[Fact], after: &[Fact], frozen: impl Fn(NaiveDate) -> bool) -> Option<NaiveDate> {
    let mut unmatched: Vec<&Fact> = after.iter().filter(|f| frozen(f.date)).collect();
    let mut changed: Option<NaiveDate> = None;
    let mut note = |d: NaiveDate| changed = Some(changed.map_or(d, |c| c.min(d)));
    for f in before.iter().filter(|f| frozen(f.date)) {
        match unmatched.iter().position(|g| *g == f) {
            Some(i) => {
                unmatched.swap_remove(i);
            }
            None => note(f.date),
        }
    }
    for f in unmatched {
        note(f.date);
    }
    changed
}

/// A closed period: the period, when it was closed and by whom. Its figures
/// as sent are stored beside it by the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClosedPeriod {
    pub period: Period,
    pub closed_at: NaiveDateTime,
    pub closed_by: String,
}

/// The closed period that freezes `date`: of those containing it, the
/// shortest (a quarter before its year), so a message names the most
/// precise one.
pub fn covering(closed: &[ClosedPeriod], date: NaiveDate) -> Option<&ClosedPeriod> {
    closed.iter().filter(|c| c.period.contains(date)).min_by_key(|c| (c.period.days(), c.period.start))
}

/// Whether every day of `p` is inside some closed period (a half year
/// closed as itself, as its year, or as its two quarters).
pub fn closes_all(closed: &[ClosedPeriod], p: &Period) -> bool {
    p.start.iter_days().take_while(|d| *d <= p.end).all(|d| covering(closed, d).is_some())
}

/// The closed periods sharing at least one day with `p`, other than the
/// closing of exactly `p`'s days.
pub fn overlapping<'a>(closed: &'a [ClosedPeriod], p: &Period) -> Vec<&'a ClosedPeriod> {
    closed
        .iter()
        .filter(|c| c.period.start <= p.end && p.start <= c.period.end)
        .filter(|c| (c.period.start, c.period.end) != (p.start, p.end))
        .collect()
}

/// The id that audit entries of a closed period carry: its first and last
/// day (days since the common era) in the high and low 32 bits, so every
/// closing and reopening of the same days shares one history.
pub fn period_entity_id(p: &Period) -> Id {
    let day = |d: NaiveDate| u64::from(d.num_days_from_ce().unsigned_abs());
    (day(p.start) << 32) | day(p.end)
}

/// Whether closing `p` on `today` is closing early: the days still to
/// come (after today, up to and including its last day) when the period
/// has not ended, `None` once today is its last day or later. Closing
/// early freezes days not yet lived, so the CLI (`--early`) and the Reports
/// screen (a second question) both refuse it unless the clerk insists.
pub fn days_left(p: &Period, today: NaiveDate) -> Option<u32> {
    let left = (p.end - today).num_days();
    (left > 0).then(|| u32::try_from(left).unwrap_or(u32::MAX))
}

/// Most characters of a reopening reason (one line of the audit log).
pub const MAX_REASON: usize = 300;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Departure, Role, Training, Violation};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn q3(d: NaiveDate) -> bool {
        Period::quarter(2026, 3).unwrap().contains(d)
    }

    fn signed_in_q1() -> Commitment {
        Commitment::signed(7, 2026, ymd(2026, 2, 15), vec![1])
    }

    #[test]
    fn a_period_is_over_on_its_last_day() {
        let q4 = Period::quarter(2026, 4).unwrap();
        assert_eq!(days_left(&q4, ymd(2026, 12, 6)), Some(25));
        assert_eq!(days_left(&q4, ymd(2026, 12, 30)), Some(1));
        assert_eq!(days_left(&q4, ymd(2026, 12, 31)), None);
        assert_eq!(days_left(&q4, ymd(2027, 1, 2)), None);
    }

    #[test]
    fn facts_outside_the_frozen_days_change_freely() {
        let before = signed_in_q1();
        let mut after = before.clone();
        after.status = CommitmentStatus::Refused;
        after.date = ymd(2026, 5, 2);
        assert_eq!(first_frozen_change(&before.facts(), &after.facts(), q3), None);
    }

    #[test]
    fn a_violation_dated_later_can_be_added_but_not_one_inside() {
        let before = signed_in_q1();
        let mut later = before.clone();
        later.violations.push(Violation { date: ymd(2026, 10, 3), description: "Đốt pháo".into() });
        assert_eq!(first_frozen_change(&before.facts(), &later.facts(), q3), None);
        let mut inside = before.clone();
        inside.violations.push(Violation { date: ymd(2026, 8, 9), description: "Đốt pháo".into() });
        assert_eq!(first_frozen_change(&before.facts(), &inside.facts(), q3), Some(ymd(2026, 8, 9)));
        // Removing it again is a change too, and so is rewording it.
        assert_eq!(first_frozen_change(&inside.facts(), &before.facts(), q3), Some(ymd(2026, 8, 9)));
        let mut reworded = inside.clone();
        reworded.violations[0].description = "Đánh bạc".into();
        assert_eq!(first_frozen_change(&inside.facts(), &reworded.facts(), q3), Some(ymd(2026, 8, 9)));
    }

    #[test]
    fn moving_a_date_out_of_or_into_a_frozen_period_is_a_change() {
        let mut h = Household::new("T01-0001", 1, "Nguyễn Văn An");
        h.living_since = Some(ymd(2026, 7, 20));
        let mut moved = h.clone();
        moved.living_since = Some(ymd(2026, 6, 20));
        assert_eq!(first_frozen_change(&h.facts(), &moved.facts(), q3), Some(ymd(2026, 7, 20)));
        assert_eq!(first_frozen_change(&moved.facts(), &h.facts(), q3), Some(ymd(2026, 7, 20)));
        let mut other_hamlet = h.clone();
        other_hamlet.hamlet = 2;
        assert!(first_frozen_change(&h.facts(), &other_hamlet.facts(), q3).is_some());
        let mut phone = h.clone();
        phone.phone = Some("0912345678".into());
        assert_eq!(first_frozen_change(&h.facts(), &phone.facts(), q3), None, "the summary does not read phones");
    }

    #[test]
    fn creating_and_deleting_count_every_frozen_fact() {
        let mut m = Member::new(3, "Lê Thị Hoa", Role::Member, ymd(2025, 3, 1));
        m.trainings.push(Training { date: ymd(2026, 9, 12), course: "Hòa giải".into(), passed: true });
        assert_eq!(first_frozen_change(&[], &m.facts(), q3), Some(ymd(2026, 9, 12)));
        assert_eq!(first_frozen_change(&m.facts(), &[], q3), Some(ymd(2026, 9, 12)));
        let mut leaving = m.clone();
        leaving.left = Some(Departure { on: ymd(2026, 11, 2), reason: "Chuyển công tác".into() });
        assert_eq!(first_frozen_change(&m.facts(), &leaving.facts(), q3), None);
    }

    #[test]
    fn a_case_received_inside_can_be_closed_later_but_not_reopened_inside() {
        let mut c = MediationCase::new(ymd(2026, 8, 1), 1, CaseCategory::Civil, Vec::new());
        c.move_to(CaseStatus::InProgress, ymd(2026, 8, 3), "").unwrap();
        let mut closed_later = c.clone();
        closed_later.move_to(CaseStatus::Successful, ymd(2026, 10, 20), "Hai bên thống nhất").unwrap();
        assert_eq!(first_frozen_change(&c.facts(), &closed_later.facts(), q3), None);
        let mut closed_inside = c.clone();
        closed_inside.move_to(CaseStatus::Successful, ymd(2026, 9, 30), "").unwrap();
        assert_eq!(first_frozen_change(&c.facts(), &closed_inside.facts(), q3), Some(ymd(2026, 9, 30)));
        let mut recategorized = c.clone();
        recategorized.category = CaseCategory::Family;
        assert_eq!(first_frozen_change(&c.facts(), &recategorized.facts(), q3), Some(ymd(2026, 8, 1)));
        let mut reversed = closed_later.clone();
        reversed.history.reverse();
        let all_days = |_| true;
        assert_eq!(first_frozen_change(&closed_later.facts(), &reversed.facts(), all_days), None, "order is no change");
    }

    #[test]
    fn the_shortest_closed_period_names_a_day() {
        let at = ymd(2026, 10, 5).and_hms_opt(9, 0, 0).unwrap();
        let closed = |p: Period| ClosedPeriod { period: p, closed_at: at, closed_by: "Hoa".into() };
        let list = vec![closed(Period::year(2026).unwrap()), closed(Period::quarter(2026, 3).unwrap())];
        assert_eq!(covering(&list, ymd(2026, 8, 1)).unwrap().period, Period::quarter(2026, 3).unwrap());
        assert_eq!(covering(&list, ymd(2026, 11, 1)).unwrap().period, Period::year(2026).unwrap());
        assert_eq!(covering(&list, ymd(2025, 11, 1)), None);
    }

    #[test]
    fn teams_freeze_their_founding_and_dissolution() {
        let mut t = Team::new("Tổ hòa giải thôn Đông", TeamKind::Mediation, Some(1));
        t.established = Some(ymd(2020, 1, 1));
        let mut dissolved = t.clone();
        dissolved.status = TeamStatus::Dissolved { on: ymd(2026, 8, 1) };
        assert_eq!(first_frozen_change(&t.facts(), &dissolved.facts(), q3), Some(ymd(2026, 8, 1)));
        let mut renamed = t.clone();
        renamed.name = "Tổ hòa giải số 1".into();
        assert_eq!(first_frozen_change(&t.facts(), &renamed.facts(), q3), None);
    }
}
