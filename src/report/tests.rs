//! Each indicator pinned on small hand-made data, its edges included; and
//! tests of `load` against a temporary store. (`load` and `summarize` on the
//! 100,000-household demo are timed by `examples/soxa-bench.rs`, row 4.)

use chrono::NaiveDate;

use super::*;
use crate::domain::{
    CaseStatus, Departure, Gender, HamletKind, HouseholdStatus, Role, Settings, TeamStatus, Training, Violation,
};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 2026-Q3: 1 July to 30 September 2026.
fn q3() -> Period {
    Period::parse("2026-Q3").unwrap()
}

/// Full records, as a store holds them; summarized through their briefs.
struct Full {
    commune: Commune,
    hamlets: Vec<Hamlet>,
    households: Vec<Household>,
    commitments: Vec<Commitment>,
    teams: Vec<Team>,
    members: Vec<Member>,
    cases: Vec<MediationCase>,
}

impl Full {
    fn dataset(&self) -> Dataset {
        Dataset::of_records(
            self.commune.clone(),
            self.hamlets.clone(),
            &self.households,
            &self.commitments,
            self.teams.clone(),
            self.members.clone(),
            &self.cases,
        )
    }
}

/// Hand-made records with ids given in order. Hamlets: T01 (id 1), T02 (id 2).
struct Town {
    d: Full,
    next: Id,
}

impl Town {
    fn new() -> Town {
        let mut commune = Commune::new("Xã Nhất Tiến", "Hưng Yên");
        commune.settings = Settings::default();
        let hamlets = vec![Hamlet::new("T02", "Tây", HamletKind::Thon), Hamlet::new("T01", "Đông", HamletKind::Thon)];
        let d = Full {
            commune,
            hamlets,
            households: vec![],
            commitments: vec![],
            teams: vec![],
            members: vec![],
            cases: vec![],
        };
        let mut t = Town { d, next: 100 };
        t.d.hamlets[0].id = 2;
        t.d.hamlets[1].id = 1;
        t
    }

    fn id(&mut self) -> Id {
        self.next += 1;
        self.next
    }

    fn household(&mut self, hamlet: Id) -> Id {
        let id = self.id();
        let mut h = Household::new(&format!("H{id}"), hamlet, "Nguyễn Văn An");
        h.id = id;
        self.d.households.push(h);
        id
    }

    fn last_household(&mut self) -> &mut Household {
        self.d.households.last_mut().unwrap()
    }

    fn commitment(&mut self, household: Id, year: u16, status: CommitmentStatus, date: NaiveDate) -> Id {
        let id = self.id();
        let mut c = Commitment::signed(household, year, date, vec![1]);
        c.id = id;
        c.status = status;
        self.d.commitments.push(c);
        id
    }

    fn violation(&mut self, commitment: Id, date: NaiveDate) {
        let c = self.d.commitments.iter_mut().find(|c| c.id == commitment).unwrap();
        c.violations.push(Violation { date, description: format!("Vi phạm {date}") });
    }

    fn team(&mut self, kind: TeamKind, hamlet: Option<Id>) -> Id {
        let id = self.id();
        let mut t = Team::new("Tổ", kind, hamlet);
        t.id = id;
        self.d.teams.push(t);
        id
    }

    fn member(&mut self, team: Id, role: Role, joined: NaiveDate) -> Id {
        let id = self.id();
        let mut m = Member::new(team, "Lê Văn Tám", role, joined);
        m.id = id;
        m.gender = Some(Gender::Male);
        self.d.members.push(m);
        id
    }

    fn last_member(&mut self) -> &mut Member {
        self.d.members.last_mut().unwrap()
    }

    /// A well-formed team: a leader and two members since 2024.
    fn full_team(&mut self, kind: TeamKind, hamlet: Option<Id>) -> Id {
        let team = self.team(kind, hamlet);
        self.member(team, Role::Leader, ymd(2024, 1, 1));
        let role = if kind == TeamKind::Mediation { Role::Mediator } else { Role::Member };
        self.member(team, role, ymd(2024, 1, 1));
        self.member(team, role, ymd(2024, 1, 1));
        self.last_member().gender = Some(Gender::Female);
        team
    }

    fn case(&mut self, hamlet: Id, received: NaiveDate) -> Id {
        let id = self.id();
        let mut c = MediationCase::new(received, hamlet, CaseCategory::Civil, vec![]);
        c.id = id;
        c.assigned = Some(received);
        self.d.cases.push(c);
        id
    }

    fn last_case(&mut self) -> &mut MediationCase {
        self.d.cases.last_mut().unwrap()
    }

    /// Starts the last case the next day, then closes it with `outcome` on `closed`.
    fn close_last(&mut self, outcome: CaseStatus, closed: NaiveDate) {
        let c = self.last_case();
        let started = c.received.succ_opt().unwrap().min(closed);
        c.move_to(CaseStatus::InProgress, started, "").unwrap();
        c.move_to(outcome, closed, "").unwrap();
    }

    fn summary(&self) -> Summary {
        summarize(&self.d.dataset(), &q3())
    }
}

fn row(s: &Summary, hamlet: Id) -> &HamletRow {
    s.hamlets.iter().find(|r| r.hamlet == hamlet).unwrap()
}

#[test]
fn households_are_active_at_the_end_of_the_period() {
    let mut t = Town::new();
    t.household(1); // since unknown: always active
    t.household(1);
    t.last_household().status = HouseholdStatus::MovedOut { on: ymd(2026, 8, 15) }; // moved out inside P
    t.household(1);
    t.last_household().status = HouseholdStatus::MovedOut { on: ymd(2026, 10, 10) }; // after end: still active
    t.household(1);
    t.last_household().living_since = Some(ymd(2026, 10, 1)); // arrived after end
    t.household(1);
    t.last_household().status = HouseholdStatus::MovedOut { on: ymd(2026, 9, 30) }; // gone on the last day
    t.household(1);
    t.last_household().living_since = Some(ymd(2026, 9, 30)); // arrived on the last day
    let s = t.summary();
    assert_eq!(row(&s, 1).households.active, 3);
    assert_eq!(row(&s, 1).households.not_contacted, 3);
    assert_eq!(row(&s, 2).households.active, 0);
    assert_eq!(s.total.households.active, 3);
}

#[test]
fn commitments_count_as_they_stood_at_the_end() {
    let mut t = Town::new();
    let signed_early = t.household(1);
    t.commitment(signed_early, 2026, CommitmentStatus::Signed, ymd(2026, 2, 10));
    let signed_december = t.household(1);
    t.commitment(signed_december, 2026, CommitmentStatus::Signed, ymd(2025, 12, 20));
    let last_day = t.household(1);
    t.commitment(last_day, 2026, CommitmentStatus::Signed, ymd(2026, 9, 30));
    let day_after = t.household(1);
    t.commitment(day_after, 2026, CommitmentStatus::Signed, ymd(2026, 10, 1));
    let refused = t.household(1);
    let refusal = t.commitment(refused, 2026, CommitmentStatus::Refused, ymd(2026, 3, 1));
    let absent = t.household(1);
    let absence = t.commitment(absent, 2026, CommitmentStatus::Absent, ymd(2026, 7, 5));
    let last_year_only = t.household(1);
    t.commitment(last_year_only, 2025, CommitmentStatus::Signed, ymd(2025, 2, 1));
    let never = t.household(1);
    let gone = t.household(1);
    t.commitment(gone, 2026, CommitmentStatus::Signed, ymd(2026, 7, 2));
    t.last_household().status = HouseholdStatus::MovedOut { on: ymd(2026, 8, 1) };

    let s = t.summary();
    let h = &row(&s, 1).households;
    assert_eq!(h.active, 8);
    assert_eq!((h.signed, h.newly_signed), (3, 1), "signed on the last day counts, and as new");
    assert_eq!((h.refused, h.absent), (1, 1));
    assert_eq!(h.not_contacted, 3, "signed the day after end, last year's only, never visited");
    assert_eq!(h.signed + h.refused + h.absent + h.not_contacted, h.active);
    assert_eq!(h.coverage_permille, Some(375));
    assert_eq!(s.commitment_year, 2026);

    let not_signed: Vec<(Id, Option<CommitmentStatus>)> =
        s.details.not_signed.iter().map(|n| (n.household, n.status)).collect();
    assert_eq!(
        not_signed,
        vec![
            (day_after, None),
            (refused, Some(CommitmentStatus::Refused)),
            (absent, Some(CommitmentStatus::Absent)),
            (last_year_only, None),
            (never, None),
        ]
    );
    assert_eq!(s.details.not_signed[2].commitment, Some(absence));
    assert_eq!(s.details.not_signed[0].commitment, None, "a commitment dated after end is not shown");
    assert_eq!(s.details.refusals, vec![CommitmentRef { household: refused, hamlet: 1, commitment: refusal }]);
}

#[test]
fn coverage_is_rounded_down_and_flags_hamlets_under_target() {
    let mut t = Town::new();
    for _ in 0..3 {
        let h = t.household(1);
        t.commitment(h, 2026, CommitmentStatus::Signed, ymd(2026, 2, 1));
    }
    t.household(1); // 3 of 4 signed in T01
    for i in 0..3 {
        let h = t.household(2);
        if i < 2 {
            t.commitment(h, 2026, CommitmentStatus::Signed, ymd(2026, 2, 1));
        }
    } // 2 of 3 in T02
    let s = t.summary();
    assert_eq!(row(&s, 1).households.coverage_permille, Some(750));
    assert_eq!(row(&s, 2).households.coverage_permille, Some(666), "rounded down");
    assert_eq!(s.total.households.coverage_permille, Some(714), "5 of 7, from the summed counts");
    assert_eq!(s.total.hamlets_below_coverage_target, vec![1, 2], "target 100%");

    t.d.commune.settings.coverage_target_pct = 75;
    let s = t.summary();
    assert!(!row(&s, 1).below_coverage_target, "exactly 75% meets a 75% target");
    assert!(row(&s, 2).below_coverage_target);
    assert_eq!(s.total.hamlets_below_coverage_target, vec![2]);
    assert_eq!(s.thresholds.coverage_target_pct, 75);
}

#[test]
fn a_hamlet_without_households_has_no_coverage_and_is_not_below_target() {
    let s = Town::new().summary();
    assert_eq!(row(&s, 1).households.coverage_permille, None);
    assert_eq!(s.total.households.coverage_permille, None);
    assert!(s.total.hamlets_below_coverage_target.is_empty());
}

#[test]
fn violations_in_the_period_count_in_the_households_hamlet() {
    let mut t = Town::new();
    let a = t.household(2);
    let this_year = t.commitment(a, 2026, CommitmentStatus::Signed, ymd(2026, 2, 1));
    t.violation(this_year, ymd(2026, 8, 2));
    t.violation(this_year, ymd(2026, 6, 30)); // before start
    t.violation(this_year, ymd(2026, 10, 1)); // after end
    let b = t.household(2);
    let last_year = t.commitment(b, 2025, CommitmentStatus::Signed, ymd(2025, 2, 1));
    t.violation(last_year, ymd(2026, 7, 1)); // on the first day, against last year's commitment
    t.last_household().status = HouseholdStatus::MovedOut { on: ymd(2026, 7, 20) };
    let s = t.summary();
    assert_eq!(row(&s, 2).households.violations, 2, "a household that left since still counts");
    assert_eq!(row(&s, 1).households.violations, 0);
    let found: Vec<(Id, Id, Id, NaiveDate)> =
        s.details.violations.iter().map(|v| (v.household, v.hamlet, v.commitment, v.date)).collect();
    assert_eq!(found, vec![(b, 2, last_year, ymd(2026, 7, 1)), (a, 2, this_year, ymd(2026, 8, 2))]);
}

#[test]
fn teams_active_at_end_by_kind_with_commune_wide_teams_in_the_total() {
    let mut t = Town::new();
    t.full_team(TeamKind::Security, Some(1));
    t.full_team(TeamKind::Mediation, Some(1));
    let dissolved = t.full_team(TeamKind::Security, Some(2));
    t.d.teams.iter_mut().find(|x| x.id == dissolved).unwrap().status = TeamStatus::Dissolved { on: ymd(2026, 9, 1) };
    let later = t.full_team(TeamKind::Mediation, Some(2));
    t.d.teams.iter_mut().find(|x| x.id == later).unwrap().established = Some(ymd(2026, 10, 1));
    let dissolved_after = t.full_team(TeamKind::Militia, Some(2));
    t.d.teams.iter_mut().find(|x| x.id == dissolved_after).unwrap().status =
        TeamStatus::Dissolved { on: ymd(2026, 10, 1) };
    t.full_team(TeamKind::Security, None);
    t.full_team(TeamKind::ShockBrigade, None);

    let s = t.summary();
    let (t1, t2) = (&row(&s, 1).teams, &row(&s, 2).teams);
    assert_eq!((t1.active_teams, t1.active_of(TeamKind::Security), t1.active_of(TeamKind::Mediation)), (2, 1, 1));
    assert_eq!((t2.active_teams, t2.active_of(TeamKind::Militia)), (1, 1));
    assert_eq!((t2.active_members, t1.active_members), (3, 6), "members of inactive teams do not count");
    assert_eq!(s.commune_wide.active_teams, 2);
    assert_eq!(s.commune_wide.active_members, 6);
    assert_eq!(s.total.teams.active_teams, 5);
    assert_eq!(s.total.teams.active_of(TeamKind::Security), 2);
    assert_eq!(s.total.teams.active_members, 15);
    assert_eq!(s.total.teams.active_by_kind.len(), TeamKind::ALL.len(), "every kind is listed");
    assert!(!row(&s, 1).without_security_team && !row(&s, 1).without_mediation_team);
    assert!(row(&s, 2).without_security_team, "a commune-wide security team does not cover a hamlet");
    assert!(row(&s, 2).without_mediation_team, "a team established after end does not count");
    assert_eq!(s.total.hamlets_without_security_team, vec![2]);
    assert_eq!(s.total.hamlets_without_mediation_team, vec![2]);
}

#[test]
fn members_joined_left_rejoined_and_trained() {
    let mut t = Town::new();
    let team = t.full_team(TeamKind::Security, Some(1));
    // Left in P and rejoined in P: two records, one active at end.
    t.member(team, Role::Member, ymd(2025, 1, 1));
    t.last_member().left = Some(Departure { on: ymd(2026, 7, 15), reason: String::new() });
    t.member(team, Role::Member, ymd(2026, 8, 1));
    // Leaves after end: active at end. Joins after end: not.
    t.member(team, Role::Deputy, ymd(2025, 1, 1));
    t.last_member().left = Some(Departure { on: ymd(2026, 10, 2), reason: String::new() });
    t.member(team, Role::Member, ymd(2026, 10, 2));
    // Left before the period.
    t.member(team, Role::Member, ymd(2025, 1, 1));
    t.last_member().left = Some(Departure { on: ymd(2026, 6, 30), reason: String::new() });
    let training = |y, m, d| Training { date: ymd(y, m, d), course: "PCCC".into(), passed: true };
    t.d.members[0].trainings.push(training(2026, 3, 1));
    t.d.members[1].trainings.push(training(2026, 10, 15)); // after end
    t.d.members[2].trainings.push(training(2025, 11, 1)); // last year
    t.d.members[4].trainings.push(training(2026, 8, 5)); // the rejoined record

    let s = t.summary();
    let c = &row(&s, 1).teams;
    assert_eq!(c.active_members, 5, "3 founders, the rejoined record, the deputy leaving after end");
    assert_eq!((c.members_joined, c.members_left), (1, 1));
    assert_eq!(c.members_trained, 2);
    assert_eq!(s.total.teams, *c);
}

#[test]
fn mediators_are_mediators_and_mediation_team_leaders() {
    let mut t = Town::new();
    let mediation = t.full_team(TeamKind::Mediation, Some(1)); // leader (man), mediator (man), mediator (woman)
    t.member(mediation, Role::Mediator, ymd(2024, 1, 1));
    t.last_member().gender = None;
    t.last_member().left = Some(Departure { on: ymd(2026, 8, 1), reason: String::new() });
    t.full_team(TeamKind::Security, Some(1)); // its leader and members are not mediators
    let s = t.summary();
    let c = &row(&s, 1).teams;
    assert_eq!((c.mediators, c.mediators_women), (3, 1));
}

#[test]
fn team_warnings_are_counted_as_of_end() {
    let mut t = Town::new();
    t.full_team(TeamKind::Security, Some(1)); // fine
    let small = t.team(TeamKind::Security, Some(1));
    t.member(small, Role::Leader, ymd(2024, 1, 1));
    t.member(small, Role::Member, ymd(2024, 1, 1));
    t.member(small, Role::Member, ymd(2026, 10, 1)); // joins after end: still under strength at end
    let leaderless = t.team(TeamKind::SelfManaged, None);
    for _ in 0..3 {
        t.member(leaderless, Role::Member, ymd(2024, 1, 1));
    }
    let two_leaders = t.team(TeamKind::Militia, Some(2));
    t.member(two_leaders, Role::Leader, ymd(2024, 1, 1));
    t.member(two_leaders, Role::Leader, ymd(2024, 1, 1));
    t.member(two_leaders, Role::Member, ymd(2024, 1, 1));
    let s = t.summary();
    assert_eq!((row(&s, 1).teams.teams_below_min_size, row(&s, 1).teams.teams_without_one_leader), (1, 0));
    assert_eq!((row(&s, 2).teams.teams_below_min_size, row(&s, 2).teams.teams_without_one_leader), (0, 1));
    assert_eq!(s.commune_wide.teams_without_one_leader, 1);
    assert_eq!((s.total.teams.teams_below_min_size, s.total.teams.teams_without_one_leader), (1, 2));
    let listed: Vec<(Id, Vec<Warning>)> =
        s.details.team_warnings.iter().map(|w| (w.team, w.warnings.clone())).collect();
    assert_eq!(
        listed,
        vec![
            (small, vec![Warning::TeamUnderStrength { have: 2, min: 3 }]),
            (two_leaders, vec![Warning::TeamSeveralLeaders { count: 2 }]),
            (leaderless, vec![Warning::TeamNoLeader]),
        ],
        "hamlet rows first, commune-wide teams last"
    );
}

/// Cases of T01 around 2026-Q3, named by what they test.
struct Cases {
    closed_inside: Id,
    closed_on_start: Id,
    overdue_at_end: Id,
    late_at_end: Id,
    fresh: Id,
}

fn cases(t: &mut Town) -> Cases {
    t.case(1, ymd(2026, 5, 1));
    t.close_last(CaseStatus::Successful, ymd(2026, 6, 20)); // closed before start: not carried over
    let closed_inside = t.case(1, ymd(2026, 6, 10));
    t.close_last(CaseStatus::Successful, ymd(2026, 7, 20)); // carried over, closed in P
    let closed_on_start = t.case(1, ymd(2026, 6, 15));
    t.close_last(CaseStatus::Unsuccessful, ymd(2026, 7, 1)); // carried over, closed on the first day
    t.case(1, ymd(2026, 8, 1));
    t.close_last(CaseStatus::Unsuccessful, ymd(2026, 8, 20));
    t.case(1, ymd(2026, 8, 3));
    t.last_case().category = CaseCategory::Family;
    t.close_last(CaseStatus::Transferred, ymd(2026, 8, 10));
    t.case(1, ymd(2026, 9, 3));
    t.last_case().category = CaseCategory::Family;
    t.last_case().move_to(CaseStatus::Withdrawn, ymd(2026, 9, 4), "").unwrap();
    let overdue_at_end = t.case(1, ymd(2026, 8, 15));
    t.close_last(CaseStatus::Successful, ymd(2026, 10, 5)); // open 46 days at end
    let late_at_end = t.case(1, ymd(2026, 9, 25));
    t.last_case().move_to(CaseStatus::InProgress, ymd(2026, 10, 2), "").unwrap(); // began after end: late at end
    t.last_case().move_to(CaseStatus::Successful, ymd(2026, 10, 20), "").unwrap();
    let fresh = t.case(1, ymd(2026, 9, 28)); // open, within 3 days at end
    t.case(1, ymd(2026, 10, 5)); // received after end: ignored
    Cases { closed_inside, closed_on_start, overdue_at_end, late_at_end, fresh }
}

#[test]
fn cases_are_carried_over_received_closed_and_pending() {
    let mut t = Town::new();
    let ids = cases(&mut t);
    let s = t.summary();
    let c = &row(&s, 1).cases;
    assert_eq!(c.carried_over, 2, "closed inside P and closed on its first day; not closed before start");
    assert_eq!(c.received, 6);
    assert_eq!(c.closed, Outcomes { successful: 1, unsuccessful: 2, transferred: 1, withdrawn: 1 });
    assert_eq!(c.pending, 3);
    assert_eq!(c.carried_over + c.received, c.closed.total() + c.pending, "the books balance");
    assert_eq!(c.success_rate_permille, Some(333));
    assert_eq!((c.received_of(CaseCategory::Civil), c.received_of(CaseCategory::Family)), (4, 2));
    assert_eq!(c.by_category.len(), CaseCategory::ALL.len());
    assert_eq!((c.late_start, c.overdue), (1, 1));
    let open: Vec<Id> = s.details.open_cases.iter().map(|o| o.case).collect();
    assert_eq!(open, vec![ids.overdue_at_end, ids.late_at_end, ids.fresh], "by receipt date");
    assert_eq!(s.details.overdue_cases, vec![ids.overdue_at_end]);
    assert_eq!(s.details.late_start_cases, vec![ids.late_at_end]);
    assert_eq!(s.details.open_cases[0].flags, vec![Warning::CaseOverdue { days: 46 }]);
    assert_eq!(s.details.open_cases[1].flags, vec![Warning::CaseLateStart { days: 5 }]);
    assert!(s.details.open_cases[2].flags.is_empty());
    assert!(!open.contains(&ids.closed_inside) && !open.contains(&ids.closed_on_start), "closed cases are not open");
}

#[test]
fn a_case_received_before_the_period_and_closed_inside_it() {
    let mut t = Town::new();
    let id = t.case(1, ymd(2026, 6, 10));
    t.close_last(CaseStatus::Successful, ymd(2026, 8, 5));
    let s = t.summary();
    let c = &row(&s, 1).cases;
    assert_eq!((c.carried_over, c.received, c.pending), (1, 0, 0), "carried over, not received again");
    assert_eq!(c.closed, Outcomes { successful: 1, ..Outcomes::default() });
    assert_eq!(c.success_rate_permille, Some(1000));
    assert_eq!(c.received_of(CaseCategory::Civil), 0, "categories count receipts in P only");
    assert!(s.details.open_cases.is_empty());
    // The quarter before: received, and still pending at its end.
    let q2 = summarize(&t.d.dataset(), &Period::parse("2026-Q2").unwrap());
    let c = &row(&q2, 1).cases;
    assert_eq!((c.carried_over, c.received, c.pending, c.closed.total()), (0, 1, 1, 0));
    assert_eq!(q2.details.open_cases[0].case, id);
}

#[test]
fn a_household_that_moved_out_inside_the_period_counts_nowhere_at_its_end() {
    let mut t = Town::new();
    let gone = t.household(1);
    let signed = t.commitment(gone, 2026, CommitmentStatus::Signed, ymd(2026, 2, 1));
    t.violation(signed, ymd(2026, 7, 20));
    t.last_household().status = HouseholdStatus::MovedOut { on: ymd(2026, 8, 15) };
    let s = t.summary();
    let h = &row(&s, 1).households;
    assert_eq!((h.active, h.signed, h.not_contacted), (0, 0, 0));
    assert_eq!(h.coverage_permille, None);
    assert!(s.details.not_signed.is_empty(), "not listed as unsigned either");
    assert_eq!(h.violations, 1, "its violation while it lived here still counts");
    let q2 = summarize(&t.d.dataset(), &Period::parse("2026-Q2").unwrap());
    assert_eq!((row(&q2, 1).households.active, row(&q2, 1).households.signed), (1, 1));
}

#[test]
fn an_unassigned_case_counts_its_delay_from_receipt() {
    let mut t = Town::new();
    let id = t.case(2, ymd(2026, 9, 20));
    t.last_case().assigned = Some(ymd(2026, 10, 3)); // assigned after end: unknown at end
    let s = t.summary();
    assert_eq!(row(&s, 2).cases.late_start, 1);
    assert_eq!(
        s.details.open_cases[0],
        OpenCase { case: id, hamlet: 2, flags: vec![Warning::CaseLateStart { days: 10 }] }
    );
}

#[test]
fn success_rate_is_none_when_nothing_was_mediated_to_an_end() {
    let mut t = Town::new();
    assert_eq!(t.summary().total.cases.success_rate_permille, None);
    t.case(1, ymd(2026, 7, 1));
    t.close_last(CaseStatus::Transferred, ymd(2026, 7, 3));
    t.case(1, ymd(2026, 7, 1)); // still open
    let s = t.summary();
    assert_eq!(row(&s, 1).cases.success_rate_permille, None);
    assert_eq!(s.total.cases.success_rate_permille, None);
    assert_eq!(row(&s, 1).cases.closed.total(), 1);
}

#[test]
fn the_total_is_the_sum_of_the_rows() {
    let mut t = Town::new();
    for hamlet in [1, 2] {
        for i in 0..5 {
            let h = t.household(hamlet);
            let status = [CommitmentStatus::Signed, CommitmentStatus::Refused, CommitmentStatus::Absent][i % 3];
            if i < 4 {
                let c = t.commitment(h, 2026, status, ymd(2026, 7, 1 + i as u32));
                if status == CommitmentStatus::Signed {
                    t.violation(c, ymd(2026, 9, 1));
                }
            }
        }
        let team = t.full_team(TeamKind::Mediation, Some(hamlet));
        t.member(team, Role::Mediator, ymd(2026, 8, 1));
    }
    t.full_team(TeamKind::Security, None);
    cases(&mut t);
    t.case(2, ymd(2026, 7, 7));
    t.close_last(CaseStatus::Successful, ymd(2026, 7, 9));

    let s = t.summary();
    let rows = &s.hamlets;
    let sum = |f: fn(&HamletRow) -> u32| rows.iter().map(f).sum::<u32>();
    let h = &s.total.households;
    assert_eq!(h.active, sum(|r| r.households.active));
    assert_eq!(h.signed, sum(|r| r.households.signed));
    assert_eq!(h.newly_signed, sum(|r| r.households.newly_signed));
    assert_eq!(h.refused, sum(|r| r.households.refused));
    assert_eq!(h.absent, sum(|r| r.households.absent));
    assert_eq!(h.not_contacted, sum(|r| r.households.not_contacted));
    assert_eq!(h.violations, sum(|r| r.households.violations));
    let c = &s.total.cases;
    assert_eq!(c.carried_over, sum(|r| r.cases.carried_over));
    assert_eq!(c.received, sum(|r| r.cases.received));
    assert_eq!(c.closed.successful, sum(|r| r.cases.closed.successful));
    assert_eq!(c.closed.unsuccessful, sum(|r| r.cases.closed.unsuccessful));
    assert_eq!(c.closed.transferred, sum(|r| r.cases.closed.transferred));
    assert_eq!(c.closed.withdrawn, sum(|r| r.cases.closed.withdrawn));
    assert_eq!(c.pending, sum(|r| r.cases.pending));
    assert_eq!(c.late_start, sum(|r| r.cases.late_start));
    assert_eq!(c.overdue, sum(|r| r.cases.overdue));
    for cat in CaseCategory::ALL {
        assert_eq!(c.received_of(cat), sum_by(rows, |r| r.cases.received_of(cat)));
    }
    let teams = |f: fn(&TeamCounts) -> u32| sum_by(rows, |r| f(&r.teams)) + f(&s.commune_wide);
    let tt = &s.total.teams;
    assert_eq!(tt.active_teams, teams(|x| x.active_teams));
    assert_eq!(tt.active_members, teams(|x| x.active_members));
    assert_eq!(tt.members_joined, teams(|x| x.members_joined));
    assert_eq!(tt.members_left, teams(|x| x.members_left));
    assert_eq!(tt.teams_below_min_size, teams(|x| x.teams_below_min_size));
    assert_eq!(tt.teams_without_one_leader, teams(|x| x.teams_without_one_leader));
    assert_eq!(tt.members_trained, teams(|x| x.members_trained));
    assert_eq!(tt.mediators, teams(|x| x.mediators));
    assert_eq!(tt.mediators_women, teams(|x| x.mediators_women));
    for kind in TeamKind::ALL {
        assert_eq!(tt.active_of(kind), sum_by(rows, |r| r.teams.active_of(kind)) + s.commune_wide.active_of(kind));
    }
    // Not vacuous: every section has something in it.
    assert!(h.signed > 0 && h.violations > 0 && c.pending > 0 && tt.mediators > 0 && s.commune_wide.active_teams > 0);
    assert_eq!(h.coverage_permille, Some(u16::try_from(u64::from(h.signed) * 1000 / u64::from(h.active)).unwrap()));
    assert_consistent(&s);
}

/// What must hold in any summary: the states of households partition the
/// active ones, the case books balance, and every detail list is as long as
/// the count it stands behind.
fn assert_consistent(s: &Summary) {
    let (h, c) = (&s.total.households, &s.total.cases);
    assert_eq!(h.signed + h.refused + h.absent + h.not_contacted, h.active);
    assert_eq!(c.carried_over + c.received, c.closed.total() + c.pending);
    let len = |n: usize| u32::try_from(n).unwrap();
    assert_eq!(len(s.details.not_signed.len()), h.active - h.signed);
    assert_eq!(len(s.details.refusals.len()), h.refused);
    assert_eq!(len(s.details.violations.len()), h.violations);
    assert_eq!(len(s.details.open_cases.len()), c.pending);
    assert_eq!(len(s.details.overdue_cases.len()), c.overdue);
    assert_eq!(len(s.details.late_start_cases.len()), c.late_start);
    assert_eq!(c.by_category.values().sum::<u32>(), c.received);
    let t = &s.total.teams;
    assert_eq!(t.active_by_kind.values().sum::<u32>(), t.active_teams);
    assert!(t.mediators_women <= t.mediators && t.members_trained <= t.active_members);
}

fn sum_by(rows: &[HamletRow], f: impl Fn(&HamletRow) -> u32) -> u32 {
    rows.iter().map(f).sum()
}

#[test]
fn rows_follow_hamlet_codes_with_numbers_compared_as_numbers() {
    let mut t = Town::new();
    t.d.hamlets = ["T10", "T2", "T01", "A"]
        .iter()
        .zip(1..)
        .map(|(code, id)| Hamlet { id, ..Hamlet::new(code, "X", HamletKind::Ap) })
        .collect();
    let codes: Vec<String> = t.summary().hamlets.iter().map(|r| r.code.clone()).collect();
    assert_eq!(codes, ["A", "T01", "T2", "T10"]);
    assert_eq!(t.summary().hamlets[0].name, "Ấp X");
}

#[test]
fn records_of_unknown_hamlets_are_left_out_of_every_row() {
    let mut t = Town::new();
    t.household(9);
    t.case(9, ymd(2026, 7, 1));
    t.team(TeamKind::Security, Some(9));
    let s = t.summary();
    assert_eq!((s.total.households.active, s.total.cases.received, s.total.teams.active_teams), (0, 0, 0));
}

#[test]
fn the_summary_serializes_for_json_exports() {
    let mut t = Town::new();
    cases(&mut t);
    let json = serde_json::to_string(&t.summary()).unwrap();
    assert!(
        json.contains(r#""period":{"start":"2026-07-01","end":"2026-09-30","kind":{"Quarter":{"year":2026,"q":3}}}"#)
    );
    assert!(json.contains(r#""by_category":{"Neighbours":0,"Civil":4,"#), "{json}");
}

mod with_store {
    use super::*;
    use crate::store::{Clock, OpenOptions, Store};

    fn store(dir: &std::path::Path) -> Store {
        let mut s = Store::open(&dir.join("db"), &OpenOptions::default()).unwrap();
        s.set_clock(Clock::Fixed(ymd(2026, 11, 23).and_hms_opt(9, 0, 0).unwrap()));
        s
    }

    fn party(name: &str) -> crate::domain::Party {
        crate::domain::Party { name: name.into(), age: Some(40), address: String::new(), household: None }
    }

    #[test]
    fn load_reads_what_the_period_needs() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path());
        s.save_commune(Commune::new("Xã Nhất Tiến", "Hưng Yên")).unwrap();
        let hamlet = s.insert(Hamlet::new("T01", "Đông", HamletKind::Thon)).unwrap().id;
        let a = s.insert(Household::new("T01-0001", hamlet, "Nguyễn Văn An")).unwrap().id;
        let b = s.insert(Household::new("T01-0002", hamlet, "Trần Thị Bình")).unwrap().id;
        let mut old = Commitment::signed(a, 2024, ymd(2024, 2, 1), vec![1]);
        old.violations.push(Violation { date: ymd(2024, 5, 1), description: "Đốt pháo".into() });
        s.insert(old).unwrap();
        let mut last = Commitment::signed(a, 2025, ymd(2025, 2, 1), vec![1]);
        last.violations.push(Violation { date: ymd(2026, 7, 3), description: "Đốt pháo".into() });
        let last = s.insert(last).unwrap().id;
        s.insert(Commitment::signed(b, 2025, ymd(2025, 2, 1), vec![1])).unwrap();
        let mut older = Commitment::signed(b, 2023, ymd(2023, 2, 1), vec![1]);
        older.violations.push(Violation { date: ymd(2026, 9, 30), description: "Gây rối".into() });
        let older = s.insert(older).unwrap().id;
        s.insert(Commitment::signed(a, 2026, ymd(2026, 8, 1), vec![1])).unwrap();
        let team = s.insert(Team::new("Tổ hòa giải thôn Đông", TeamKind::Mediation, Some(hamlet))).unwrap().id;
        s.insert(Member::new(team, "Lê Thị Hoa", Role::Leader, ymd(2026, 7, 10))).unwrap();
        let mut case = MediationCase::new(ymd(2026, 9, 1), hamlet, CaseCategory::Civil, vec![party("A"), party("B")]);
        case.content = "Tranh chấp ranh giới đất".into();
        s.insert(case).unwrap();

        let data = load(&s, &q3()).unwrap();
        assert_eq!((data.hamlets.len(), data.households.len(), data.teams.len()), (1, 2, 1));
        assert_eq!((data.members.len(), data.cases.len()), (1, 1));
        let mut years: Vec<(Id, u16)> = data.commitments.iter().map(|c| (c.household, c.year)).collect();
        years.sort_unstable();
        assert_eq!(years, vec![(a, 2025), (a, 2026), (b, 2023)], "2026, and other years where violated in P");

        let sum = summarize(&data, &q3());
        assert_eq!((sum.total.households.signed, sum.total.households.newly_signed), (1, 1));
        assert_eq!(sum.total.households.not_contacted, 1);
        let violated: Vec<Id> = sum.details.violations.iter().map(|v| v.commitment).collect();
        assert_eq!(violated, vec![last, older]);
        assert_eq!((sum.total.teams.members_joined, sum.total.teams.mediators), (1, 1));
        assert_eq!((sum.total.cases.received, sum.total.cases.pending), (1, 1));
    }

    #[test]
    fn load_needs_a_commune() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path());
        assert!(matches!(load(&s, &q3()), Err(crate::store::StoreError::NotFound { .. })));
    }
}
