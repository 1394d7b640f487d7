//! Strategies for records that pass validation (unless asked not to), with
//! Vietnamese names, sometimes decomposed or padded with spaces, and dates
//! consistent with each other and with "today" (23/11/2026).
//!
//! Reference fields (a household's hamlet, a member's team, a case's
//! mediators and its parties' households...) hold a *pick*, a small number
//! the model turns into the id of an existing record, or of a missing one,
//! when the operation is applied.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;
use soxa::domain::case::MAX_SEQ;
use soxa::domain::{
    CaseCategory, CaseSource, CaseStatus, Commitment, CommitmentStatus, Departure, FollowUp, Gender, Hamlet,
    HamletKind, Household, HouseholdStatus, MediationCase, Member, Party, Rating, Role, Team, TeamKind, TeamStatus,
    Training, Violation, YearRating,
};
use unicode_normalization::UnicodeNormalization;

use crate::common::ymd;

pub fn today() -> NaiveDate {
    ymd(2026, 11, 23)
}

fn days_ago(n: i64) -> NaiveDate {
    today() - Duration::days(n)
}

/// A day between `from` and today, `frac` percent of the way.
fn between(from: NaiveDate, frac: u8) -> NaiveDate {
    let span = (today() - from).num_days().max(0);
    from + Duration::days(span * i64::from(frac) / 100)
}

const FAMILY: &[&str] = &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Lý"];
const MIDDLE: &[&str] = &["Văn", "Thị", "Hữu", "Đức", "Thanh", "Minh", "Ngọc", "Thị Ánh"];
const GIVEN: &[&str] = &["An", "Bình", "Cường", "Dũng", "Hạnh", "Lan", "Mai", "Nam", "Phúc", "Quý", "Yến", "Đức"];

pub fn name() -> impl Strategy<Value = String> {
    (select(FAMILY), select(MIDDLE), select(GIVEN), any::<bool>(), 0..3usize).prop_map(|(f, m, g, nfd, pad)| {
        let n = format!("{}{f} {m}  {g}{}", " ".repeat(pad), "\t".repeat(pad));
        if nfd { n.nfd().collect() } else { n }
    })
}

fn line() -> impl Strategy<Value = String> {
    select(&["", "Xóm 2, thôn Đông", "Số 14 ngõ 3", "Gần đình làng", "Đội 5"][..]).prop_map(str::to_string)
}

fn pick() -> impl Strategy<Value = u64> {
    any::<u16>().prop_map(u64::from)
}

fn phone() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("0[35789][0-9]{8}")
}

fn national_id() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("[0-9]{12}")
}

pub fn hamlet() -> impl Strategy<Value = Hamlet> {
    let codes = select(&["T01", "T02", "T03", "t01", "T-02", "Đ1", "D1"][..]);
    let names = select(&["Đông", "Tây", "Nam", "Bắc", "Trung", "1", "2"][..]);
    (codes, names, select(&HamletKind::ALL[..])).prop_map(|(c, n, k)| Hamlet::new(c, n, k))
}

/// Household codes clash often, and "T01-0003", "T01 0003", "t01.0003" are
/// the same code once folded.
fn household_code() -> impl Strategy<Value = String> {
    (select(&["T01", "T02", "t01"][..]), select(&['-', ' ', '.'][..]), 0..6u8)
        .prop_map(|(p, sep, n)| format!("{p}{sep}000{n}"))
}

pub fn household() -> impl Strategy<Value = Household> {
    let who = (household_code(), pick(), name(), proptest::option::of(1930..=2008u16), 1..=12u16);
    let more = (phone(), national_id(), line(), proptest::option::of(0..20_000i64), proptest::option::of(0..=100u8));
    (who, more, proptest::bool::weighted(0.05)).prop_map(|((code, hamlet, head, born, n), more, blank)| {
        let (phone, cccd, address, since, moved) = more;
        let mut h = Household::new(&code, hamlet, if blank { "  " } else { &head });
        h.head_birth_year = born;
        h.members = n;
        h.phone = phone;
        h.national_id = cccd;
        h.address = address;
        h.living_since = since.map(days_ago);
        if let Some(frac) = moved {
            h.status = HouseholdStatus::MovedOut { on: between(h.living_since.unwrap_or(ymd(1990, 1, 1)), frac) };
        }
        h
    })
}

pub fn commitment() -> impl Strategy<Value = Commitment> {
    let what = (pick(), 2024..=2027u16, select(&CommitmentStatus::ALL[..]), 0..730i64);
    let items = proptest::collection::vec(1..=8u16, 1..4);
    let extra = (name(), name(), proptest::option::of((0..100i64, line())));
    (what, items, extra).prop_map(|((household, year, status, offset), items, (rep, witness, violation))| {
        let date = (ymd(i32::from(year) - 1, 1, 1) + Duration::days(offset)).min(today());
        let mut c = Commitment::signed(household, year, date, items);
        c.status = status;
        c.representative = rep;
        c.witness = witness;
        if status == CommitmentStatus::Signed {
            if let Some((after, text)) = violation.filter(|(_, t)| !t.is_empty()) {
                c.violations.push(Violation { date: (date + Duration::days(after)).min(today()), description: text });
            }
        } else {
            c.reason = "Gia đình đi làm ăn xa".into();
        }
        c
    })
}

pub fn team() -> impl Strategy<Value = Team> {
    let names = select(&["Tổ bảo vệ ANTT", "Tổ tự quản", "Tổ hòa giải", "Đội xung kích", "Tổ dân quân"][..]);
    let hamlet = proptest::option::weighted(0.75, pick());
    let dates = (proptest::option::of(0..8_000i64), proptest::option::of(0..=100u8));
    (names, select(&TeamKind::ALL[..]), hamlet, dates).prop_map(|(n, kind, hamlet, (est, dissolved))| {
        let mut t = Team::new(n, kind, hamlet);
        t.established = est.map(days_ago);
        if let Some(frac) = dissolved {
            t.status = TeamStatus::Dissolved { on: between(t.established.unwrap_or(ymd(2000, 1, 1)), frac) };
        }
        t
    })
}

pub fn member() -> impl Strategy<Value = Member> {
    let roles = select(&[Role::Leader, Role::Deputy, Role::Member, Role::Mediator][..]);
    let who = (pick(), proptest::option::weighted(0.5, pick()), name(), roles, 0..4_000i64);
    let person = (proptest::option::of(18..80i64), proptest::option::of(select(&[Gender::Male, Gender::Female][..])));
    let later = (proptest::option::of(0..=100u8), proptest::option::of(0..=100u8), phone(), 2018..=2026u16);
    (who, person, later).prop_map(|((team, household, n, role, joined), (age, gender), later)| {
        let (left, trained, phone, rated) = later;
        let joined = days_ago(joined);
        let mut m = Member::new(team, &n, role, joined);
        m.household = household;
        m.birth_date = age.map(|a| joined - Duration::days(a * 365));
        m.gender = gender;
        m.phone = phone;
        m.left = left.map(|f| Departure { on: between(joined, f), reason: "Chuyển nơi ở".into() });
        if let Some(f) = trained {
            m.trainings.push(Training {
                date: between(joined, f),
                course: "Nghiệp vụ ANTT".into(),
                passed: f % 2 == 0,
            });
            m.ratings.push(YearRating { year: rated, rating: Rating::Good });
        }
        m
    })
}

/// A party: a name, sometimes from a household (a pick).
fn party() -> impl Strategy<Value = Party> {
    (name(), proptest::option::weighted(0.4, pick())).prop_map(|(name, household)| Party {
        name,
        age: Some(40),
        address: String::new(),
        household,
    })
}

/// Mostly without a number (the store gives the next one), sometimes with
/// one of the first numbers of its year, as when copying an old book, so
/// that numbers clash now and then; rarely with the last number a year can
/// have, after which that year has no number left to give.
pub fn case() -> impl Strategy<Value = MediationCase> {
    let what = (pick(), 0..1_100i64, select(&CaseCategory::ALL[..]), proptest::collection::vec(party(), 2..4));
    let how = (proptest::collection::vec(pick(), 0..3), 0..3u8, 0..=100u8, 0..=100u8);
    let seq = prop_oneof![75 => Just(0), 23 => 1..=3u32, 2 => Just(MAX_SEQ)];
    (what, how, seq).prop_map(|((hamlet, received, category, parties), (mediators, stage, f1, f2), seq)| {
        let received = days_ago(received);
        let mut c = MediationCase::new(received, hamlet, category, parties);
        c.seq = seq;
        c.source = CaseSource::MediatorObserved;
        c.content = "Tranh chấp lối đi chung".into();
        c.mediators = mediators;
        if stage >= 1 {
            c.assigned = Some(received);
            c.move_to(CaseStatus::InProgress, between(received, f1), "Họp lần 1").expect("received -> in progress");
        }
        if stage >= 2 {
            let started = c.started.unwrap_or(received);
            c.move_to(CaseStatus::Successful, between(started, f2), "Hai bên thống nhất")
                .expect("in progress -> successful");
            c.agreement = "Giữ nguyên hiện trạng".into();
            c.follow_up = Some(FollowUp { due: started, kept: Some(true), note: String::new() });
        }
        c
    })
}
