//! What the Teams screen shows, computed from the store once per refresh:
//! one row per team (active members, leader, warnings) and the roster of the
//! selected team. Rows hold keys (roles, kinds, warnings), not words, so the
//! language can change without a reload; drawing turns them into text.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::date::{age_on, format_dmy};
use crate::domain::text::{fold, mask_phone};
use crate::domain::warnings::{member_warnings, team_warnings};
use crate::domain::{Hamlet, Id, Member, Role, Settings, Team, TeamKind, Warning};
use crate::store::{Store, StoreError};

/// One team in the list.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamRow {
    pub id: Id,
    pub name: String,
    pub kind: TeamKind,
    /// `None` for a commune-wide team.
    pub hamlet: Option<Id>,
    pub hamlet_name: Option<String>,
    pub established: Option<String>,
    /// Active members today.
    pub size: usize,
    /// The first active leader, if any.
    pub leader: Option<String>,
    pub warnings: Vec<Warning>,
    pub dissolved: Option<String>,
}

/// One line of the roster.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberRow {
    pub id: Id,
    pub name: String,
    pub role: Role,
    pub age: Option<i32>,
    /// Masked: "091****678".
    pub phone: String,
    pub joined: String,
    /// Date of the latest training, "" if none.
    pub trained: String,
    /// Date and reason of leaving.
    pub left: Option<(String, String)>,
    pub warnings: Vec<Warning>,
}

/// The hamlets by code, with the names shown: the order of filters and of
/// the hamlet choice in the team form.
pub fn hamlets(store: &Store) -> Result<Vec<(Id, String)>, StoreError> {
    let mut all = store.all::<Hamlet>()?;
    all.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(all.into_iter().map(|h| (h.id, h.display_name())).collect())
}

/// Every team, hamlet by hamlet (commune-wide last), active before dissolved,
/// then by kind and name.
pub fn team_rows(
    store: &Store,
    hamlets: &[(Id, String)],
    settings: &Settings,
    today: NaiveDate,
) -> Result<Vec<TeamRow>, StoreError> {
    let mut by_team: HashMap<Id, Vec<Member>> = HashMap::new();
    for m in store.all::<Member>()? {
        by_team.entry(m.team).or_default().push(m);
    }
    let rank: HashMap<Id, usize> = hamlets.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
    let mut rows: Vec<(usize, bool, TeamKind, String, TeamRow)> = store
        .all::<Team>()?
        .into_iter()
        .map(|t| {
            let members = by_team.get(&t.id).map_or(&[][..], Vec::as_slice);
            let row = team_row(&t, members, hamlets, settings, today);
            let place = t.hamlet.and_then(|h| rank.get(&h).copied()).unwrap_or(usize::MAX);
            (place, row.dissolved.is_some(), t.kind, fold(&t.name), row)
        })
        .collect();
    rows.sort_by(|a, b| (a.0, a.1, a.2, &a.3).cmp(&(b.0, b.1, b.2, &b.3)));
    Ok(rows.into_iter().map(|r| r.4).collect())
}

fn team_row(t: &Team, members: &[Member], hamlets: &[(Id, String)], s: &Settings, today: NaiveDate) -> TeamRow {
    let active: Vec<&Member> = members.iter().filter(|m| m.is_active_on(today)).collect();
    let hamlet_name =
        t.hamlet.map(|h| hamlets.iter().find(|(id, _)| *id == h).map(|(_, n)| n.clone()).unwrap_or_default());
    let dissolved = match t.status {
        crate::domain::TeamStatus::Dissolved { on } => Some(format_dmy(on)),
        crate::domain::TeamStatus::Active => None,
    };
    TeamRow {
        id: t.id,
        name: t.name.clone(),
        kind: t.kind,
        hamlet: t.hamlet,
        hamlet_name,
        established: t.established.map(format_dmy),
        size: active.len(),
        leader: active.iter().find(|m| m.role == Role::Leader).map(|m| m.full_name.clone()),
        warnings: team_warnings(t, members, s, today),
        dissolved,
    }
}

/// The roster of one team: members in the team today first (leaders,
/// deputies, mediators, members, in order of joining), then those who left,
/// latest first.
pub fn roster(store: &Store, team: Id, today: NaiveDate) -> Result<Vec<MemberRow>, StoreError> {
    let mut members = store.members_of_team(team)?;
    members.sort_by_key(|m| {
        let left = m.left.as_ref().map(|l| std::cmp::Reverse(l.on));
        (left, role_rank(m.role), m.joined, m.id)
    });
    Ok(members.iter().map(|m| member_row(m, today)).collect())
}

fn role_rank(r: Role) -> u8 {
    match r {
        Role::Leader => 0,
        Role::Deputy => 1,
        Role::Mediator => 2,
        Role::Member => 3,
    }
}

fn member_row(m: &Member, today: NaiveDate) -> MemberRow {
    MemberRow {
        id: m.id,
        name: m.full_name.clone(),
        role: m.role,
        age: m.birth_date.map(|b| age_on(b, today)),
        phone: m.phone.as_deref().map(mask_phone).unwrap_or_default(),
        joined: format_dmy(m.joined),
        trained: m.trainings.iter().map(|t| t.date).max().map(format_dmy).unwrap_or_default(),
        left: m.left.as_ref().map(|l| (format_dmy(l.on), l.reason.clone())),
        warnings: member_warnings(m, today),
    }
}
