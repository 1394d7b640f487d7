//! A closed period's figures as sent beside today's recomputation of the
//! same period ([`compare`]): every indicator of the commune, and the
//! indicators of each hamlet (and of the commune-wide teams) that differ.
//! Pure, like [`super::summarize`]; the Reports screen draws the result.

use super::{CaseCounts, HouseholdCounts, Summary, TeamCounts};
use crate::domain::Id;
pub use crate::domain::indicator::{Indicator, Value};

/// An indicator as closed and as computed today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figure {
    pub indicator: Indicator,
    pub closed: Value,
    pub today: Value,
}

impl Figure {
    pub fn differs(&self) -> bool {
        self.closed != self.today
    }
}

/// Where a differing figure belongs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Hamlet {
        id: Id,
        name: String,
    },
    /// The teams that belong to no hamlet.
    CommuneWide,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub scope: Scope,
    pub figure: Figure,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// Every indicator of the commune, in the order of the summary.
    pub commune: Vec<Figure>,
    /// Figures of hamlets (in hamlet row order) and of the commune-wide
    /// teams that differ. A hamlet present on one side only is compared
    /// with zeros.
    pub elsewhere: Vec<Difference>,
}

impl Comparison {
    /// How many figures differ, the commune's and the hamlets'.
    pub fn differences(&self) -> usize {
        self.commune.iter().filter(|f| f.differs()).count() + self.elsewhere.len()
    }
}

/// Compares the figures of `closed` (as sent) with `today` (recomputed).
pub fn compare(closed: &Summary, today: &Summary) -> Comparison {
    let commune = pair(commune_figures(closed), commune_figures(today));
    let mut elsewhere = Vec::new();
    let mut ids: Vec<(Id, String)> = today.hamlets.iter().map(|h| (h.hamlet, h.name.clone())).collect();
    for h in &closed.hamlets {
        if !ids.iter().any(|(id, _)| *id == h.hamlet) {
            ids.push((h.hamlet, h.name.clone()));
        }
    }
    for (id, name) in ids {
        let of =
            |s: &Summary| s.hamlets.iter().find(|h| h.hamlet == id).map(|h| figures(&h.households, &h.teams, &h.cases));
        let differing = pair(of(closed).unwrap_or_default(), of(today).unwrap_or_default());
        let scope = Scope::Hamlet { id, name };
        elsewhere.extend(
            differing.into_iter().filter(Figure::differs).map(|figure| Difference { scope: scope.clone(), figure }),
        );
    }
    let wide = pair(team_figures(&closed.commune_wide), team_figures(&today.commune_wide));
    elsewhere.extend(
        wide.into_iter().filter(Figure::differs).map(|figure| Difference { scope: Scope::CommuneWide, figure }),
    );
    Comparison { commune, elsewhere }
}

/// Every indicator of the commune total, in the order of the summary.
pub fn commune_figures(s: &Summary) -> Vec<(Indicator, Value)> {
    figures(&s.total.households, &s.total.teams, &s.total.cases)
}

/// Matches the two lists by indicator; one missing on a side counts as 0.
fn pair(closed: Vec<(Indicator, Value)>, today: Vec<(Indicator, Value)>) -> Vec<Figure> {
    let find = |list: &[(Indicator, Value)], i: Indicator, like: Value| {
        list.iter().find(|(k, _)| *k == i).map_or(zero_like(like), |(_, v)| *v)
    };
    let mut out: Vec<Figure> =
        today.iter().map(|(i, v)| Figure { indicator: *i, closed: find(&closed, *i, *v), today: *v }).collect();
    for (i, v) in &closed {
        if !today.iter().any(|(k, _)| k == i) {
            out.push(Figure { indicator: *i, closed: *v, today: zero_like(*v) });
        }
    }
    out
}

fn zero_like(v: Value) -> Value {
    match v {
        Value::Count(_) => Value::Count(0),
        Value::Permille(_) => Value::Permille(None),
    }
}

fn figures(h: &HouseholdCounts, t: &TeamCounts, c: &CaseCounts) -> Vec<(Indicator, Value)> {
    let mut out = household_figures(h);
    out.extend(team_figures(t));
    out.extend(case_figures(c));
    out
}

fn household_figures(h: &HouseholdCounts) -> Vec<(Indicator, Value)> {
    use Indicator::*;
    use Value::{Count, Permille};
    vec![
        (Active, Count(h.active)),
        (Signed, Count(h.signed)),
        (Coverage, Permille(h.coverage_permille)),
        (NewlySigned, Count(h.newly_signed)),
        (Refused, Count(h.refused)),
        (Absent, Count(h.absent)),
        (NotContacted, Count(h.not_contacted)),
        (Violations, Count(h.violations)),
    ]
}

fn team_figures(t: &TeamCounts) -> Vec<(Indicator, Value)> {
    use Indicator::*;
    use Value::Count;
    let mut out = vec![(ActiveTeams, Count(t.active_teams))];
    out.extend(t.active_by_kind.iter().map(|(k, n)| (TeamsOfKind(*k), Count(*n))));
    out.extend([
        (ActiveMembers, Count(t.active_members)),
        (MembersJoined, Count(t.members_joined)),
        (MembersLeft, Count(t.members_left)),
        (TeamsBelowMin, Count(t.teams_below_min_size)),
        (TeamsWithoutOneLeader, Count(t.teams_without_one_leader)),
        (MembersTrained, Count(t.members_trained)),
        (Mediators, Count(t.mediators)),
        (MediatorsWomen, Count(t.mediators_women)),
    ]);
    out
}

fn case_figures(c: &CaseCounts) -> Vec<(Indicator, Value)> {
    use Indicator::*;
    use Value::{Count, Permille};
    let mut out = vec![(CarriedOver, Count(c.carried_over)), (Received, Count(c.received))];
    out.extend(c.by_category.iter().map(|(k, n)| (ReceivedOf(*k), Count(*n))));
    out.extend([
        (Successful, Count(c.closed.successful)),
        (Unsuccessful, Count(c.closed.unsuccessful)),
        (Transferred, Count(c.closed.transferred)),
        (Withdrawn, Count(c.closed.withdrawn)),
        (Pending, Count(c.pending)),
        (SuccessRate, Permille(c.success_rate_permille)),
        (LateStart, Count(c.late_start)),
        (Overdue, Count(c.overdue)),
    ]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CaseCategory, Period, TeamKind};
    use crate::report::{HamletRow, Thresholds, Total};

    fn summary(hamlets: Vec<HamletRow>) -> Summary {
        let total_households = hamlets.iter().fold(HouseholdCounts::default(), |mut acc, h| {
            acc.active += h.households.active;
            acc.signed += h.households.signed;
            acc
        });
        Summary {
            period: Period::quarter(2026, 3).unwrap(),
            commitment_year: 2026,
            thresholds: Thresholds {
                coverage_target_pct: 90,
                team_min_members: 3,
                late_start_days: 3,
                overdue_days: 30,
            },
            commune_wide: TeamCounts::default(),
            targets: Default::default(),
            total: Total {
                households: total_households,
                teams: TeamCounts::default(),
                cases: CaseCounts::default(),
                ..Total::default()
            },
            hamlets,
            details: Default::default(),
        }
    }

    fn row(id: Id, name: &str, active: u32, signed: u32) -> HamletRow {
        HamletRow {
            hamlet: id,
            code: format!("T{id}"),
            name: name.into(),
            households: HouseholdCounts { active, signed, ..HouseholdCounts::default() },
            teams: TeamCounts::default(),
            cases: CaseCounts::default(),
            below_coverage_target: false,
            without_security_team: false,
            without_mediation_team: false,
        }
    }

    #[test]
    fn the_same_figures_have_no_difference() {
        let s = summary(vec![row(1, "Thôn Đông", 10, 9)]);
        let c = compare(&s, &s);
        assert_eq!(c.differences(), 0);
        assert!(c.commune.iter().any(|f| f.indicator == Indicator::TeamsOfKind(TeamKind::Mediation)));
        assert!(c.commune.iter().any(|f| f.indicator == Indicator::ReceivedOf(CaseCategory::Family)));
    }

    #[test]
    fn a_changed_hamlet_differs_in_its_row_and_the_commune() {
        let closed = summary(vec![row(1, "Thôn Đông", 10, 9), row(2, "Thôn Tây", 5, 5)]);
        let today = summary(vec![row(1, "Thôn Đông", 10, 8), row(2, "Thôn Tây", 5, 5)]);
        let c = compare(&closed, &today);
        let signed = c.commune.iter().find(|f| f.indicator == Indicator::Signed).unwrap();
        assert_eq!((signed.closed, signed.today), (Value::Count(14), Value::Count(13)));
        assert_eq!(c.elsewhere.len(), 1);
        assert_eq!(c.elsewhere[0].scope, Scope::Hamlet { id: 1, name: "Thôn Đông".into() });
        assert_eq!(c.differences(), 2);
    }

    #[test]
    fn a_hamlet_on_one_side_only_is_compared_with_zeros() {
        let closed = summary(vec![row(1, "Thôn Đông", 10, 9), row(3, "Thôn Bắc", 2, 0)]);
        let today = summary(vec![row(1, "Thôn Đông", 10, 9)]);
        let c = compare(&closed, &today);
        let gone: Vec<&Difference> =
            c.elsewhere.iter().filter(|d| d.scope == Scope::Hamlet { id: 3, name: "Thôn Bắc".into() }).collect();
        assert_eq!(gone.len(), 1, "only the active count was not zero");
        assert_eq!((gone[0].figure.closed, gone[0].figure.today), (Value::Count(2), Value::Count(0)));
    }
}
