//! What a screen asks the app to do to the store. Screens never write; they
//! return a `Write`, and `App` applies it, records it for undo and says
//! "Đã lưu" only after the store has flushed it.

use chrono::NaiveDate;

use crate::domain::closing::period_entity_id;
use crate::domain::{
    Commitment, Commune, EntityKind, FieldError, Hamlet, Household, Id, MediationCase, Member, Period, Team,
};
use crate::report::Summary;
use crate::store::{COMMUNE_VERSION, Prepare, Record, Store, StoreError, codec};

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
    match kind {
        EntityKind::Hamlet => store.delete::<Hamlet>(id),
        EntityKind::Household => store.delete::<Household>(id),
        EntityKind::Commitment => store.delete::<Commitment>(id),
        EntityKind::Team => store.delete::<Team>(id),
        EntityKind::Member => store.delete::<Member>(id),
        EntityKind::Case => store.delete::<MediationCase>(id),
        // Closings are never undo steps: the store offers them to no history.
        EntityKind::Commune | EntityKind::Period => Ok(()),
    }
}

/// Puts back a record from its stored bytes (an audit entry's `before`).
pub fn put_bytes(store: &Store, kind: EntityKind, bytes: &[u8]) -> Result<(), StoreError> {
    match kind {
        EntityKind::Hamlet => store.restore::<Hamlet>(bytes).map(drop),
        EntityKind::Household => store.restore::<Household>(bytes).map(drop),
        EntityKind::Commitment => store.restore::<Commitment>(bytes).map(drop),
        EntityKind::Team => store.restore::<Team>(bytes).map(drop),
        EntityKind::Member => store.restore::<Member>(bytes).map(drop),
        EntityKind::Case => store.restore::<MediationCase>(bytes).map(drop),
        EntityKind::Commune => {
            let commune: Commune = codec::decode_current(bytes, COMMUNE_VERSION)
                .map_err(|e| StoreError::Corrupt { tree: "commune", detail: e.to_string() })?;
            store.save_commune(commune).map(drop)
        }
        EntityKind::Period => Ok(()),
    }
}

/// The stored bytes of a record now, if it exists.
pub fn current_bytes(store: &Store, kind: EntityKind, id: Id) -> Result<Option<Vec<u8>>, StoreError> {
    fn enc<R: Record>(store: &Store, id: Id) -> Result<Option<Vec<u8>>, StoreError> {
        store
            .get::<R>(id)?
            .map(|r| r.encode().map_err(|e| StoreError::Corrupt { tree: "encode", detail: e.to_string() }))
            .transpose()
    }
    match kind {
        EntityKind::Hamlet => enc::<Hamlet>(store, id),
        EntityKind::Household => enc::<Household>(store, id),
        EntityKind::Commitment => enc::<Commitment>(store, id),
        EntityKind::Team => enc::<Team>(store, id),
        EntityKind::Member => enc::<Member>(store, id),
        EntityKind::Case => enc::<MediationCase>(store, id),
        EntityKind::Commune => store
            .commune()?
            .map(|c| {
                codec::encode(COMMUNE_VERSION, &c)
                    .map_err(|e| StoreError::Corrupt { tree: "encode", detail: e.to_string() })
            })
            .transpose(),
        EntityKind::Period => Ok(None),
    }
}
