//! Checks shown as warnings, never as blocks: a team without exactly one
//! leader or under strength, members too young or old or untrained this year,
//! mediation teams without a woman, cases that started late or are overdue,
//! self-management models not reviewed this year and hamlets without an
//! effective model.

use chrono::{Datelike, NaiveDate};

use super::date::age_on;
use super::{CaseStatus, Gender, Id, MediationCase, Member, Model, Role, Settings, Team, TeamKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Warning {
    TeamNoLeader,
    TeamSeveralLeaders {
        count: usize,
    },
    TeamUnderStrength {
        have: usize,
        min: usize,
    },
    MediationTeamNoWoman,
    MemberUnder18 {
        age: i32,
    },
    /// Over 70: kept only by the chair's decision.
    MemberOver70 {
        age: i32,
    },
    MemberNotTrainedThisYear,
    /// No mediation began within the legal days of assignment.
    CaseLateStart {
        days: i64,
    },
    CaseOverdue {
        days: i64,
    },
    /// A running model without a review for the year.
    ModelNotReviewed {
        year: u16,
    },
    /// A hamlet none of whose models was reviewed effective for the year.
    HamletNoEffectiveModel {
        year: u16,
    },
}

/// Warnings about a model on `today`: running this year and not reviewed.
pub fn model_warnings(model: &Model, today: NaiveDate) -> Vec<Warning> {
    let year = u16::try_from(today.year()).unwrap_or(0);
    if model.running_in(year) && model.review(year).is_none() {
        vec![Warning::ModelNotReviewed { year }]
    } else {
        Vec::new()
    }
}

/// The hamlets of `hamlets` with no model reviewed effective for `year`
/// (commune-wide models give no hamlet one), in the order given.
pub fn hamlets_without_effective_model(hamlets: &[Id], models: &[Model], year: u16) -> Vec<Id> {
    let with: std::collections::HashSet<Id> =
        models.iter().filter(|m| m.effective_in(year)).filter_map(|m| m.hamlet).collect();
    hamlets.iter().copied().filter(|h| !with.contains(h)).collect()
}

/// Warnings about a team active on `today`, from its members (those who left
/// are ignored). A dissolved team has nothing to warn about.
pub fn team_warnings(team: &Team, members: &[Member], settings: &Settings, today: NaiveDate) -> Vec<Warning> {
    if !team.is_active_on(today) {
        return Vec::new();
    }
    let active: Vec<&Member> = members.iter().filter(|m| m.team == team.id && m.is_active_on(today)).collect();
    let mut out = Vec::new();
    let leaders = active.iter().filter(|m| m.role == Role::Leader).count();
    match leaders {
        0 => out.push(Warning::TeamNoLeader),
        1 => {}
        n => out.push(Warning::TeamSeveralLeaders { count: n }),
    }
    let min = usize::from(settings.team_min_members);
    if active.len() < min {
        out.push(Warning::TeamUnderStrength { have: active.len(), min });
    }
    if team.kind == TeamKind::Mediation && !active.iter().any(|m| m.gender == Some(Gender::Female)) {
        out.push(Warning::MediationTeamNoWoman);
    }
    out
}

/// Warnings about one member: age on joining and today, training this year.
pub fn member_warnings(member: &Member, today: NaiveDate) -> Vec<Warning> {
    let mut out = Vec::new();
    if let Some(birth) = member.birth_date {
        let at_joining = age_on(birth, member.joined);
        if at_joining < 18 {
            out.push(Warning::MemberUnder18 { age: at_joining });
        }
        let now = age_on(birth, today);
        if now > 70 && member.is_active_on(today) {
            out.push(Warning::MemberOver70 { age: now });
        }
    }
    let trained = member.trainings.iter().any(|t| t.date.year() == today.year());
    if member.is_active_on(today) && !trained {
        out.push(Warning::MemberNotTrainedThisYear);
    }
    out
}

/// Late start and overdue flags of an open case on `today`.
pub fn case_flags(case: &MediationCase, settings: &Settings, today: NaiveDate) -> Vec<Warning> {
    let mut out = Vec::new();
    if !case.status.is_open() {
        return out;
    }
    let assigned = case.assigned.unwrap_or(case.received);
    let since_assigned = (today - assigned).num_days();
    if case.status == CaseStatus::Received && case.started.is_none() && since_assigned > settings.late_start_days.into()
    {
        out.push(Warning::CaseLateStart { days: since_assigned });
    }
    let open_days = (today - case.received).num_days();
    if open_days > settings.overdue_days.into() {
        out.push(Warning::CaseOverdue { days: open_days });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CaseCategory, Departure, Training};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn member(role: Role, gender: Gender) -> Member {
        let mut m = Member::new(7, "X", role, ymd(2024, 1, 1));
        m.gender = Some(gender);
        m
    }

    fn team(kind: TeamKind) -> Team {
        let mut t = Team::new("Tổ", kind, None);
        t.id = 7;
        t
    }

    #[test]
    fn models_not_reviewed_and_hamlets_without_an_effective_one() {
        use crate::domain::{Review, Verdict};
        let review = |year, verdict| Review { year, verdict, date: Some(ymd(2026, 11, 1)), reason: "x".into() };
        let mut a = Model::new("A", 1, Some(1), ymd(2025, 1, 1));
        let today = ymd(2026, 11, 23);
        assert_eq!(model_warnings(&a, today), vec![Warning::ModelNotReviewed { year: 2026 }]);
        a.set_review(review(2026, Verdict::Effective));
        assert!(model_warnings(&a, today).is_empty());
        let mut dropped = Model::new("B", 1, Some(2), ymd(2025, 1, 1));
        dropped.set_review(review(2025, Verdict::Dropped));
        assert!(model_warnings(&dropped, today).is_empty(), "dropped last year: not running");
        let mut wide = Model::new("C", 1, None, ymd(2025, 1, 1));
        wide.set_review(review(2026, Verdict::Effective));
        assert_eq!(hamlets_without_effective_model(&[1, 2, 3], &[a, dropped, wide], 2026), vec![2, 3]);
    }

    #[test]
    fn a_full_team_with_one_leader_is_quiet() {
        let ms = vec![
            member(Role::Leader, Gender::Male),
            member(Role::Member, Gender::Male),
            member(Role::Member, Gender::Female),
        ];
        assert!(team_warnings(&team(TeamKind::Security), &ms, &Settings::default(), ymd(2026, 11, 23)).is_empty());
    }

    #[test]
    fn leaders_strength_and_women_are_checked() {
        let today = ymd(2026, 11, 23);
        let mut gone = member(Role::Leader, Gender::Female);
        gone.left = Some(Departure { on: ymd(2026, 1, 1), reason: String::new() });
        let ms = vec![member(Role::Mediator, Gender::Male), gone];
        let w = team_warnings(&team(TeamKind::Mediation), &ms, &Settings::default(), today);
        assert_eq!(
            w,
            vec![Warning::TeamNoLeader, Warning::TeamUnderStrength { have: 1, min: 3 }, Warning::MediationTeamNoWoman]
        );
        let two = vec![
            member(Role::Leader, Gender::Male),
            member(Role::Leader, Gender::Female),
            member(Role::Member, Gender::Male),
        ];
        let w = team_warnings(&team(TeamKind::Security), &two, &Settings::default(), today);
        assert_eq!(w, vec![Warning::TeamSeveralLeaders { count: 2 }]);
    }

    #[test]
    fn dissolved_teams_are_quiet() {
        let mut t = team(TeamKind::Mediation);
        t.status = crate::domain::TeamStatus::Dissolved { on: ymd(2026, 1, 1) };
        assert!(team_warnings(&t, &[], &Settings::default(), ymd(2026, 11, 23)).is_empty());
    }

    #[test]
    fn member_age_and_training() {
        let today = ymd(2026, 11, 23);
        let mut young = member(Role::Member, Gender::Male);
        young.birth_date = Some(ymd(2007, 6, 1));
        young.trainings.push(Training { date: ymd(2026, 3, 1), course: "PCCC".into(), passed: true });
        assert_eq!(member_warnings(&young, today), vec![Warning::MemberUnder18 { age: 16 }]);
        let mut old = member(Role::Member, Gender::Male);
        old.birth_date = Some(ymd(1950, 1, 1));
        assert_eq!(
            member_warnings(&old, today),
            vec![Warning::MemberOver70 { age: 76 }, Warning::MemberNotTrainedThisYear]
        );
    }

    #[test]
    fn late_and_overdue_cases() {
        let parties = vec![];
        let mut c = MediationCase::new(ymd(2026, 10, 1), 1, CaseCategory::Other, parties);
        let s = Settings::default();
        assert_eq!(case_flags(&c, &s, ymd(2026, 10, 4)), vec![]);
        assert_eq!(case_flags(&c, &s, ymd(2026, 10, 5)), vec![Warning::CaseLateStart { days: 4 }]);
        c.move_to(CaseStatus::InProgress, ymd(2026, 10, 6), "").unwrap();
        assert_eq!(case_flags(&c, &s, ymd(2026, 11, 1)), vec![Warning::CaseOverdue { days: 31 }]);
        c.move_to(CaseStatus::Successful, ymd(2026, 11, 2), "").unwrap();
        assert!(case_flags(&c, &s, ymd(2026, 12, 1)).is_empty());
    }
}
