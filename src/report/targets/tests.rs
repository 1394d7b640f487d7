//! One test per row of the targets table on small hand-built communes, at
//! the thresholds' edges: exactly 75%, 89.9% against 90%, a dropped model,
//! a household reached twice counted once, a moved-out household not
//! counted, the yếu count at its maximum, a mediation team without a woman.

use chrono::NaiveDate;

use crate::domain::plan::Target;
use crate::domain::{
    AreaResult, Assessment, Classification, Commitment, Commune, Gender, Hamlet, HamletKind, Household,
    HouseholdStatus, Id, Member, Model, Outreach, Period, Review, Role, Team, TeamKind, Training, Verdict,
};
use crate::report::{Dataset, Summary, TargetRow, summarize};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `n` hamlets (ids 1..=n) of `per` households each (ids hamlet*1000 + i),
/// none signed, no teams.
struct Town {
    commune: Commune,
    hamlets: Vec<Hamlet>,
    households: Vec<Household>,
    commitments: Vec<Commitment>,
    teams: Vec<Team>,
    members: Vec<Member>,
    models: Vec<Model>,
    assessments: Vec<Assessment>,
    outreach: Vec<Outreach>,
}

impl Town {
    fn new(n: u64, per: u64) -> Town {
        let hamlets = (1..=n)
            .map(|i| {
                let mut h = Hamlet::new(&format!("T{i:02}"), &format!("{i}"), HamletKind::Thon);
                h.id = i;
                h
            })
            .collect();
        let households = (1..=n)
            .flat_map(|h| {
                (0..per).map(move |i| {
                    let mut x = Household::new(&format!("H{h}-{i}"), h, "Nguyễn Văn An");
                    x.id = h * 1000 + i;
                    x
                })
            })
            .collect();
        Town {
            commune: Commune::new("Xã Nhất Tiến", "Bình Phước"),
            hamlets,
            households,
            commitments: vec![],
            teams: vec![],
            members: vec![],
            models: vec![],
            assessments: vec![],
            outreach: vec![],
        }
    }

    fn summary(&self) -> Summary {
        let data = Dataset::of_records(
            self.commune.clone(),
            self.hamlets.clone(),
            &self.households,
            &self.commitments,
            self.teams.clone(),
            self.members.clone(),
            &[],
        )
        .with_targets(self.models.clone(), self.assessments.clone(), self.outreach.clone());
        summarize(&data, &Period::parse("2026").unwrap())
    }

    fn row(&self, t: Target) -> TargetRow {
        *self.summary().targets.rows.iter().find(|r| r.target == t).unwrap()
    }

    fn session(&mut self, date: NaiveDate, households: Vec<Id>) {
        let mut s = Outreach::new(date, vec![1], "Phòng chống tội phạm");
        s.households = households;
        self.outreach.push(s);
    }

    fn assess(&mut self, hamlet: Id, result: Option<AreaResult>, class: Option<Classification>) {
        let mut a = Assessment::new(hamlet, 2026);
        a.registered = Some(ymd(2026, 2, 1));
        a.result = result;
        a.classification = class;
        self.assessments.push(a);
    }
}

#[test]
fn every_target_has_one_row_in_order() {
    let s = Town::new(2, 2).summary();
    assert_eq!(s.targets.rows.iter().map(|r| r.target).collect::<Vec<_>>(), Target::ALL.to_vec());
    assert_eq!(s.targets.hamlets.len(), 2);
}

#[test]
fn signed_households_must_be_all_of_them() {
    let mut t = Town::new(1, 4);
    for id in [1000, 1001, 1002] {
        t.commitments.push(Commitment::signed(id, 2026, ymd(2026, 2, 1), vec![1]));
    }
    let r = t.row(Target::Signed);
    assert_eq!((r.part, r.whole, r.permille, r.threshold, r.met), (3, Some(4), Some(750), 100, false));
    t.commitments.push(Commitment::signed(1003, 2026, ymd(2026, 2, 1), vec![1]));
    assert!(t.row(Target::Signed).met);
}

#[test]
fn outreach_reaching_exactly_75_percent_meets_the_target() {
    let mut t = Town::new(1, 4);
    t.session(ymd(2026, 3, 1), vec![1000, 1001]);
    // Attending twice counts once.
    t.session(ymd(2026, 9, 1), vec![1001, 1002]);
    let r = t.row(Target::Reached);
    assert_eq!((r.part, r.whole, r.permille, r.met), (3, Some(4), Some(750), true));
    assert_eq!(t.summary().targets.hamlets[0].reached, 3);
}

#[test]
fn a_moved_out_household_and_a_session_out_of_the_period_do_not_count() {
    let mut t = Town::new(1, 4);
    t.households[2].status = HouseholdStatus::MovedOut { on: ymd(2026, 10, 1) };
    t.session(ymd(2026, 3, 1), vec![1000, 1001, 1002]);
    t.session(ymd(2025, 12, 31), vec![1003]);
    let r = t.row(Target::Reached);
    // Active: 3 (1000, 1001, 1003); reached and active: 1000, 1001.
    assert_eq!((r.part, r.whole, r.permille, r.met), (2, Some(3), Some(666), false));
}

#[test]
fn households_out_of_id_order_are_reached_the_same() {
    // `load` gives households in id order and the count merges; hand-made
    // data in any order is looked up instead: the same counts either way.
    let mut t = Town::new(3, 5);
    t.households[4].status = HouseholdStatus::MovedOut { on: ymd(2026, 6, 1) };
    t.session(ymd(2026, 3, 1), vec![1000, 1004, 2001, 2002, 3004]);
    t.session(ymd(2026, 5, 1), vec![2002, 3000, 9999]);
    let in_order = t.summary().targets;
    assert_eq!(in_order.hamlets.iter().map(|h| h.reached).collect::<Vec<_>>(), vec![1, 2, 2]);
    t.households.reverse();
    t.households.swap(3, 9);
    assert_eq!(t.summary().targets, in_order);
}

#[test]
fn safe_areas_at_89_9_percent_miss_90() {
    let mut t = Town::new(1000, 0);
    for h in 1..=899 {
        t.assess(h, Some(AreaResult::Safe), None);
    }
    t.assess(900, Some(AreaResult::NotSafe), None);
    let r = t.row(Target::Safe);
    assert_eq!((r.part, r.whole, r.permille, r.threshold, r.met), (899, Some(1000), Some(899), 90, false));
    t.assess(901, Some(AreaResult::Safe), None);
    assert!(t.row(Target::Safe).met, "900 of 1,000 is exactly 90%");
    let commune = t.summary().targets.commune;
    assert_eq!((commune.areas, commune.registered, commune.recognised, commune.safe), (1000, 901, 900, false));
}

#[test]
fn classifications_excellent_good_and_weak() {
    let mut t = Town::new(10, 0);
    for h in 1..=3 {
        t.assess(h, Some(AreaResult::Safe), Some(Classification::Excellent));
    }
    for h in 4..=8 {
        t.assess(h, Some(AreaResult::Safe), Some(Classification::Good));
    }
    t.assess(9, Some(AreaResult::Safe), Some(Classification::Average));
    let (ex, good, weak) = (t.row(Target::Excellent), t.row(Target::Good), t.row(Target::Weak));
    assert_eq!((ex.part, ex.met), (3, true), "30% of 10 exactly");
    assert_eq!((good.part, good.met), (5, true), "50% of 10 exactly");
    assert_eq!((weak.part, weak.whole, weak.met), (0, None, true));
    t.assess(10, Some(AreaResult::NotSafe), Some(Classification::Weak));
    assert_eq!((t.row(Target::Weak).part, t.row(Target::Weak).met), (1, false));
    t.commune.plan.weak_max = 1;
    assert!(t.row(Target::Weak).met, "at most one");
    // Every area registered and 9 of 10 recognised: the commune qualifies.
    assert!(t.summary().targets.commune.safe);
}

#[test]
fn a_dropped_model_gives_no_effective_area() {
    let mut t = Town::new(5, 0);
    let review = |year, verdict| Review { year, verdict, date: Some(ymd(year.into(), 11, 1)), reason: "x".into() };
    for h in 1..=4 {
        let mut m = Model::new("Camera", 4, Some(h), ymd(2024, 1, 1));
        m.set_review(review(2026, Verdict::Effective));
        t.models.push(m);
    }
    let r = t.row(Target::Models);
    assert_eq!((r.part, r.whole, r.met), (4, Some(5), true), "80% exactly");
    t.models[0].set_review(review(2026, Verdict::Dropped));
    // Effective last year only, and commune-wide, give no area one.
    let mut old = Model::new("Cũ", 1, Some(1), ymd(2024, 1, 1));
    old.set_review(review(2025, Verdict::Effective));
    t.models.push(old);
    let mut wide = Model::new("Toàn xã", 1, None, ymd(2024, 1, 1));
    wide.set_review(review(2026, Verdict::Effective));
    t.models.push(wide);
    let r = t.row(Target::Models);
    assert_eq!((r.part, r.met), (3, false));
}

fn member(team: Id, gender: Gender) -> Member {
    let mut m = Member::new(team, "Lê Thị Hoa", Role::Member, ymd(2024, 1, 1));
    m.gender = Some(gender);
    m
}

#[test]
fn one_training_of_core_forces_this_year_is_enough() {
    let mut t = Town::new(1, 0);
    let mut security = Team::new("Tổ bảo vệ", TeamKind::Security, Some(1));
    security.id = 7;
    let mut mediation = Team::new("Tổ hòa giải", TeamKind::Mediation, Some(1));
    mediation.id = 8;
    t.teams = vec![security, mediation];
    let course = |date| Training { date, course: "Nghiệp vụ ANTT".into(), passed: true };
    let mut m = member(8, Gender::Male);
    m.trainings.push(course(ymd(2026, 5, 1)));
    t.members.push(m);
    assert_eq!(
        (t.row(Target::Training).part, t.row(Target::Training).met),
        (0, false),
        "mediators are not core forces"
    );
    for _ in 0..3 {
        let mut m = member(7, Gender::Male);
        m.trainings.push(course(ymd(2026, 5, 1)));
        m.trainings.push(course(ymd(2025, 5, 1)));
        t.members.push(m);
    }
    assert_eq!((t.row(Target::Training).part, t.row(Target::Training).met), (1, true), "one class, three trainees");
}

#[test]
fn a_class_counts_in_its_own_year_up_to_the_period_end() {
    let mut t = Town::new(1, 0);
    let mut militia = Team::new("Dân quân", TeamKind::Militia, None);
    militia.id = 7;
    t.teams = vec![militia];
    let mut m = member(7, Gender::Male);
    m.trainings.push(Training { date: ymd(2025, 12, 20), course: "Huấn luyện dân quân".into(), passed: true });
    t.members.push(m);
    assert_eq!((t.row(Target::Training).part, t.row(Target::Training).met), (0, false), "last year's class");
    let mut m = member(7, Gender::Female);
    m.trainings.push(Training { date: ymd(2026, 3, 2), course: "Huấn luyện dân quân".into(), passed: false });
    t.members.push(m);
    assert_eq!((t.row(Target::Training).part, t.row(Target::Training).met), (1, true), "one class this year");
}

#[test]
fn mediation_teams_need_three_members_and_a_woman() {
    let mut t = Town::new(1, 0);
    for id in [8, 9] {
        let mut team = Team::new("Tổ hòa giải", TeamKind::Mediation, Some(1));
        team.id = id;
        t.teams.push(team);
        t.members.push(member(id, Gender::Male));
        t.members.push(member(id, Gender::Male));
    }
    t.members.push(member(8, Gender::Female));
    t.members.push(member(9, Gender::Male));
    let r = t.row(Target::MediationTeams);
    assert_eq!((r.part, r.whole, r.permille, r.threshold, r.met), (1, Some(2), Some(500), 100, false));
    t.members.push(member(9, Gender::Female));
    assert!(t.row(Target::MediationTeams).met);
}

#[test]
fn thresholds_come_from_the_plan() {
    let mut t = Town::new(1, 4);
    t.session(ymd(2026, 3, 1), vec![1000, 1001]);
    assert!(!t.row(Target::Reached).met);
    t.commune.plan.reached_pct = 50;
    let r = t.row(Target::Reached);
    assert_eq!((r.threshold, r.met), (50, true));
}
