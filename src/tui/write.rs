//! What a screen asks the app to do to the store. Screens never write; they
//! return a `Write`, and `App` applies it, puts its change group on the undo
//! stack and says "Đã lưu" only after the store has flushed it.

use chrono::NaiveDate;

use crate::domain::closing::period_entity_id;
use crate::domain::{
    Commitment, Commune, EntityKind, FieldError, Hamlet, Household, Id, MediationCase, Member, Period, Team,
};
use crate::report::Summary;
use crate::store::{Prepare, Record, Store, StoreError};

/// Any record, for writes that screens hand to the app. Moved once per
/// confirmed save, so the size difference between variants costs nothing
/// worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum AnyRecord {
    Commune(Box<Commune>),
    Hamlet(Hamlet),
    Household(Household),
    Commitment(Commitment),
    Team(Team),
    Member(Member),
    Case(Box<MediationCase>),
}

impl AnyRecord {
    /// What the domain's rules find wrong with this record, as the store
    /// would (less what only the store can tell: a code already used, a
    /// hamlet deleted meanwhile).
    pub fn problems(self, today: NaiveDate) -> Vec<FieldError> {
        let checked = match self {
            AnyRecord::Commune(mut c) => {
                c.normalize();
                c.validate()
            }
            AnyRecord::Hamlet(mut r) => r.clean_and_check(today),
            AnyRecord::Household(mut r) => r.clean_and_check(today),
            AnyRecord::Commitment(mut r) => r.clean_and_check(today),
            AnyRecord::Team(mut r) => r.clean_and_check(today),
            AnyRecord::Member(mut r) => r.clean_and_check(today),
            AnyRecord::Case(mut r) => r.clean_and_check(today),
        };
        checked.err().unwrap_or_default()
    }
}

#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Write {
    /// Inserts a record with id 0, updates one with an id.
    Save(AnyRecord),
    Delete(EntityKind, Id),
    /// Closes or reopens a period: no record changes, so nothing to undo.
    Closing(Closing),
}

#[derive(Clone, Debug)]
pub enum Closing {
    /// Closes the summary's period, keeping the summary as sent.
    Close(Box<Summary>),
    /// Reopens a closed period, with the clerk's reason.
    Reopen(Period, String),
}

impl Closing {
    pub fn period(&self) -> Period {
        match self {
            Closing::Close(s) => s.period,
            Closing::Reopen(p, _) => *p,
        }
    }
}

impl Write {
    /// True for a save of a new household, team, member or case: the
    /// record the clerk will work on next, so the app selects it. (A new
    /// commitment belongs to the household already selected.)
    pub fn creates(&self) -> bool {
        let id = match self {
            Write::Save(AnyRecord::Commune(_) | AnyRecord::Hamlet(_) | AnyRecord::Commitment(_))
            | Write::Delete(..)
            | Write::Closing(_) => {
                return false;
            }
            Write::Save(AnyRecord::Household(r)) => r.id,
            Write::Save(AnyRecord::Team(r)) => r.id,
            Write::Save(AnyRecord::Member(r)) => r.id,
            Write::Save(AnyRecord::Case(r)) => r.id,
        };
        id == 0
    }
}

/// The id of the record a write saved or deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    pub kind: EntityKind,
    pub id: Id,
}

fn save<R: Record + Prepare>(store: &Store, rec: R) -> Result<Written, StoreError> {
    let saved = if rec.id() == 0 { store.insert(rec)? } else { store.update(rec)? };
    Ok(Written { kind: R::KIND, id: saved.id() })
}

pub fn apply(store: &Store, write: Write) -> Result<Written, StoreError> {
    match write {
        Write::Save(AnyRecord::Commune(c)) => {
            store.save_commune(*c)?;
            Ok(Written { kind: EntityKind::Commune, id: 0 })
        }
        Write::Save(AnyRecord::Hamlet(r)) => save(store, r),
        Write::Save(AnyRecord::Household(r)) => save(store, r),
        Write::Save(AnyRecord::Commitment(r)) => save(store, r),
        Write::Save(AnyRecord::Team(r)) => save(store, r),
        Write::Save(AnyRecord::Member(r)) => save(store, r),
        Write::Save(AnyRecord::Case(r)) => save(store, *r),
        Write::Delete(kind, id) => {
            delete(store, kind, id)?;
            Ok(Written { kind, id })
        }
        Write::Closing(c) => {
            let period = c.period();
            match c {
                Closing::Close(summary) => store.close_period(period, &*summary)?,
                Closing::Reopen(p, reason) => store.reopen_period(&p, &reason)?,
            };
            Ok(Written { kind: EntityKind::Period, id: period_entity_id(&period) })
        }
    }
}

pub fn delete(store: &Store, kind: EntityKind, id: Id) -> Result<(), StoreError> {
    // Closings are never undo steps: the store offers them to no history.
    crate::by_kind!(kind, R => store.delete::<R>(id), Commune => Ok(()), Period => Ok(()))
}
