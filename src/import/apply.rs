//! Writing a plan: every row in one bulk change of the store (see
//! `store::bulk`), which lands whole or not at all and is one audit group,
//! so one undo takes the whole import back. The store checks every record
//! again as it would a form's; a refusal there (which the plan should have
//! caught) stops the import with nothing written, naming the row.

use super::error::ImportError;
use super::hamlets::HamletRef;
use super::households::HouseholdRecord;
use super::plan::Plan;
use crate::domain::Id;
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
    let HouseholdRecord { mut household, hamlet, household_changed, commitment } = record;
    household.hamlet = match hamlet {
        HamletRef::Stored(id) => id,
        HamletRef::New(i) => hamlet_ids.get(i).copied().unwrap_or(0),
    };
    let id = match (household.id, household_changed) {
        (0, _) => bulk.insert(household)?.id,
        (_, true) => bulk.update(household)?.id,
        (id, false) => id,
    };
    if let Some(mut c) = commitment {
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
pub fn records<R: Record + Prepare>(
    store: &Store,
    plan: Plan<R>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Written, ImportError> {
    let mut bulk = store.bulk();
    let mut written = Written { created: plan.creates.len(), updated: plan.updates.len(), ..Written::default() };
    for planned in plan.creates.into_iter().chain(plan.updates) {
        let row = planned.row;
        let record = planned.record;
        let result = if record.id() == 0 { bulk.insert(record) } else { bulk.update(record) };
        result.map_err(|error| ImportError::Row { row, error })?;
    }
    written.group = bulk.commit(progress).map_err(ImportError::Store)?;
    Ok(written)
}
