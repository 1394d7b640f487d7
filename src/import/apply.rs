//! Writing a plan: every row in one bulk change of the store (see
//! `store::bulk`), which lands whole or not at all and is one audit group,
//! so one undo takes the whole import back. The store checks every record
//! again as it would a form's; a refusal there (which the plan should have
//! caught) stops the import with nothing written, naming the row.

use super::cases::NEW_MEMBER;
use super::error::ImportError;
use super::hamlets::HamletRef;
use super::households::HouseholdRecord;
use super::members::NEW_TEAM;
use super::plan::Plan;
use crate::domain::{Assessment, Id, MediationCase, Member, Model, Outreach};
use crate::store::{Bulk, Prepare, Record, Store, StoreError};

/// What a real run wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub created: usize,
    pub updated: usize,
    pub hamlets: usize,
    /// The audit group of the import, for undo; `None` if nothing changed.
    pub group: Option<Id>,
}

/// Writes a households plan. Its new hamlets are created too: the caller
/// has the clerk's agreement (or refuses before calling).
pub fn households(
    store: &Store,
    plan: Plan<HouseholdRecord>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Written, ImportError> {
    let mut bulk = store.bulk();
    let mut hamlet_ids = Vec::with_capacity(plan.new_hamlets.len());
    for hamlet in plan.new_hamlets {
        hamlet_ids.push(bulk.insert(hamlet).map_err(ImportError::Store)?.id);
    }
    let mut written =
        Written { created: plan.creates.len(), updated: plan.updates.len(), hamlets: hamlet_ids.len(), group: None };
    for planned in plan.creates.into_iter().chain(plan.updates) {
        let row = planned.row;
        household(&mut bulk, planned.record, &hamlet_ids).map_err(|error| ImportError::Row { row, error })?;
    }
    written.group = bulk.commit(progress).map_err(ImportError::Store)?;
    Ok(written)
}

fn household(bulk: &mut Bulk, record: HouseholdRecord, hamlet_ids: &[Id]) -> Result<(), StoreError> {
    let HouseholdRecord { mut household, hamlet, household_changed, commitments } = record;
    household.hamlet = match hamlet {
        HamletRef::Stored(id) => id,
        HamletRef::New(i) => hamlet_ids.get(i).copied().unwrap_or(0),
    };
    let id = match (household.id, household_changed) {
        (0, _) => bulk.insert(household)?.id,
        (_, true) => bulk.update(household)?.id,
        (id, false) => id,
    };
    for mut c in commitments {
        c.household = id;
        if c.id == 0 {
            bulk.insert(c)?;
        } else {
            bulk.update(c)?;
        }
    }
    Ok(())
}

/// Writes a plan of members, models, assessments or outreach sessions.
pub fn records<R: Record + Prepare + NewTeams>(
    store: &Store,
    plan: Plan<R>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Written, ImportError> {
    let mut bulk = store.bulk();
    let mut written = Written { created: plan.creates.len(), updated: plan.updates.len(), ..Written::default() };
    let mut team_ids = Vec::with_capacity(plan.new_teams.len());
    for team in plan.new_teams {
        team_ids.push(bulk.insert(team).map_err(ImportError::Store)?.id);
    }
    for planned in plan.creates.into_iter().chain(plan.updates) {
        let row = planned.row;
        let mut record = planned.record;
        record.resolve_new_teams(&team_ids);
        let result = if record.id() == 0 { bulk.insert(record) } else { bulk.update(record) };
        result.map_err(|error| ImportError::Row { row, error })?;
    }
    written.group = bulk.commit(progress).map_err(ImportError::Store)?;
    Ok(written)
}

/// Writes a mediation book's plan: the mediators it adds first, then the
/// cases naming them (by the stand-in ids from [`NEW_MEMBER`] up), each
/// numbered by the store.
pub fn cases(
    store: &Store,
    plan: Plan<MediationCase>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Written, ImportError> {
    let mut bulk = store.bulk();
    let mut written = Written { created: plan.creates.len(), updated: plan.updates.len(), ..Written::default() };
    let mut member_ids = Vec::with_capacity(plan.new_members.len());
    for member in plan.new_members {
        member_ids.push(bulk.insert(member).map_err(ImportError::Store)?.id);
    }
    for planned in plan.creates.into_iter().chain(plan.updates) {
        let row = planned.row;
        let mut case = planned.record;
        for m in &mut case.mediators {
            if let Some(new) = m.checked_sub(NEW_MEMBER) {
                *m = usize::try_from(new).ok().and_then(|i| member_ids.get(i)).copied().unwrap_or(0);
            }
        }
        let result = if case.id == 0 { bulk.insert(case) } else { bulk.update(case) };
        result.map_err(|error| ImportError::Row { row, error })?;
    }
    written.group = bulk.commit(progress).map_err(ImportError::Store)?;
    Ok(written)
}

/// A record that may name a team the same import creates (a roster's
/// member, by a placeholder id from [`NEW_TEAM`] up): given the ids those
/// teams got, it names them for real. Other kinds name no new team.
pub trait NewTeams {
    fn resolve_new_teams(&mut self, _ids: &[Id]) {}
}

impl NewTeams for Member {
    fn resolve_new_teams(&mut self, ids: &[Id]) {
        if let Some(new) = self.team.checked_sub(NEW_TEAM) {
            self.team = usize::try_from(new).ok().and_then(|i| ids.get(i)).copied().unwrap_or(0);
        }
    }
}

impl NewTeams for Model {}
impl NewTeams for Assessment {}
impl NewTeams for Outreach {}
