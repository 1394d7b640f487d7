//! The right column of the dashboard as a list: the overdue cases (most
//! overdue first), the follow-ups due (earliest first) and the teams with a
//! problem. Each item is something Enter opens: a case in Mediation, a team
//! in Teams, or, past the few cases shown, the Mediation screen itself.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::ProblemTeam;
use crate::domain::{EntityKind, Id, MediationCase, Warning};
use crate::report::Summary;
use crate::tui::screens::{Screen, Target};

/// Cases of each list shown before a "… and N more" line.
pub const MAX_CASES: usize = 5;

/// A case as the dashboard names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseLine {
    pub id: Id,
    /// "12/2026".
    pub number: String,
    /// "Nguyễn Văn An - Trần Thị Bình".
    pub parties: String,
    /// Days open past the overdue setting's start, for an overdue case.
    pub days: i64,
    /// The follow-up date, for a follow-up due.
    pub due: Option<NaiveDate>,
}

impl CaseLine {
    pub fn of(c: &MediationCase) -> CaseLine {
        let parties: Vec<&str> = c.parties.iter().map(|p| p.name.as_str()).collect();
        CaseLine {
            id: c.id,
            number: c.number(),
            parties: parties.join(" - "),
            days: 0,
            due: c.follow_up.as_ref().map(|f| f.due),
        }
    }
}

/// One selectable line of the column.
#[derive(Clone, Debug, PartialEq)]
pub enum Item<'a> {
    Overdue(&'a CaseLine),
    FollowUp(&'a CaseLine),
    /// More cases than shown: Enter opens the Mediation screen.
    More(usize),
    Team(&'a ProblemTeam),
}

impl Item<'_> {
    /// What Enter opens: a record in its screen, or a screen.
    pub fn opens(&self) -> (Screen, Option<Target>) {
        match self {
            Item::Overdue(c) | Item::FollowUp(c) => {
                (Screen::Mediation, Some(Target { kind: EntityKind::Case, id: c.id }))
            }
            Item::More(_) => (Screen::Mediation, None),
            Item::Team(t) => (Screen::Teams, Some(Target { kind: EntityKind::Team, id: t.id })),
        }
    }
}

/// The overdue cases of the summary, most overdue first.
pub fn overdue(s: &Summary, cases: &[MediationCase]) -> Vec<CaseLine> {
    let by_id: HashMap<Id, &MediationCase> = cases.iter().map(|c| (c.id, c)).collect();
    let mut out: Vec<CaseLine> = s
        .details
        .open_cases
        .iter()
        .filter_map(|o| {
            let days = o.flags.iter().find_map(|w| match w {
                Warning::CaseOverdue { days } => Some(*days),
                _ => None,
            })?;
            let case = by_id.get(&o.case)?;
            Some(CaseLine { days, ..CaseLine::of(case) })
        })
        .collect();
    out.sort_by(|a, b| b.days.cmp(&a.days).then(a.id.cmp(&b.id)));
    out
}

/// The items in column order: overdue cases, follow-ups, teams.
pub fn items<'a>(overdue: &'a [CaseLine], follow_ups: &'a [CaseLine], teams: &'a [ProblemTeam]) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    out.extend(overdue.iter().take(MAX_CASES).map(Item::Overdue));
    if overdue.len() > MAX_CASES {
        out.push(Item::More(overdue.len() - MAX_CASES));
    }
    out.extend(follow_ups.iter().take(MAX_CASES).map(Item::FollowUp));
    if follow_ups.len() > MAX_CASES {
        out.push(Item::More(follow_ups.len() - MAX_CASES));
    }
    out.extend(teams.iter().map(Item::Team));
    out
}
