//! What a screen asks the app to do to the store. Screens never write; they
//! return a `Write`, and `App` applies it, puts its change group on the undo
//! stack and says "Đã lưu" only after the store has flushed it.

use chrono::NaiveDate;

use crate::domain::closing::period_entity_id;
use crate::domain::{
    Assessment, Commitment, Commune, EntityKind, FieldError, Hamlet, Household, Id, MediationCase, Member, Model,
    Outreach, Period, Team,
};
use crate::report::Summary;
use crate::store::{Prepare, Record, Store, StoreError, by_kind};

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
    Model(Model),
    Assessment(Assessment),
    Outreach(Outreach),
}

/// The one `match` over the variants of [`AnyRecord`]: in every arm but
/// the commune's, `$r` is the record (unboxed; borrowed after `ref`), so the
/// arm is written once for any record type.
macro_rules! any_record {
    (ref $any:expr, $r:ident => $record:expr, Commune($c:ident) => $commune:expr) => {
        any_record!(@arms $any, $r => $record, Commune($c) => $commune, |$r| { let $r: &MediationCase = $r; $record })
    };
    ($any:expr, $r:ident => $record:expr, Commune($c:ident) => $commune:expr) => {
        any_record!(@arms $any, $r => $record, Commune($c) => $commune, |$r| { let $r = *$r; $record })
    };
    (@arms $any:expr, $r:ident => $record:expr, Commune($c:ident) => $commune:expr, |$case:ident| $unboxed:expr) => {
        match $any {
            AnyRecord::Commune($c) => $commune,
            AnyRecord::Hamlet($r) => $record,
            AnyRecord::Household($r) => $record,
            AnyRecord::Commitment($r) => $record,
            AnyRecord::Team($r) => $record,
            AnyRecord::Member($r) => $record,
            AnyRecord::Case($case) => $unboxed,
            AnyRecord::Model($r) => $record,
            AnyRecord::Assessment($r) => $record,
            AnyRecord::Outreach($r) => $record,
        }
    };
}

impl AnyRecord {
    /// What the domain's rules find wrong with this record, as the store
    /// would (less what only the store can tell: a code already used, a
    /// hamlet deleted meanwhile).
    pub fn problems(self, today: NaiveDate) -> Vec<FieldError> {
        fn check<R: Record>(mut r: R, today: NaiveDate) -> Result<(), Vec<FieldError>> {
            r.clean_and_check(today)
        }
        let checked = any_record!(self, r => check(r, today), Commune(c) => {
            let mut c = c;
            c.normalize();
            c.validate()
        });
        checked.err().unwrap_or_default()
    }

    /// The kind and id of the record (id 0: not saved yet).
    pub fn key(&self) -> (EntityKind, Id) {
        fn key<R: Record>(r: &R) -> (EntityKind, Id) {
            (R::KIND, r.id())
        }
        any_record!(ref self, r => key(r), Commune(_c) => (EntityKind::Commune, 0))
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
    /// Saves several records as one change, all or none, one undo step (a
    /// year's grid of area assessments).
    SaveAll(Vec<AnyRecord>),
    /// Retention, the requests register, erasing expired data: written
    /// with the access log, not the change log, so nothing to undo.
    Privacy(PrivacyWrite),
}

/// The privacy writes of Settings (`screens::settings::privacy`).
#[derive(Clone, Debug)]
pub enum PrivacyWrite {
    Retention(crate::domain::operator::Retention),
    /// A new request (id 0) or a change to one.
    Request(crate::domain::request::DataRequest),
    /// The records previewed, erased one purge at a time.
    PurgeExpired(Vec<crate::store::ExpiredRecord>),
}

/// What a privacy write did: saved, or erased this many records.
pub enum PrivacyDone {
    Saved,
    Purged(usize),
}

/// Applies a privacy write through the store (each call logs and flushes).
pub fn apply_privacy(store: &Store, write: PrivacyWrite) -> Result<PrivacyDone, StoreError> {
    use crate::domain::operator::AccessEvent;
    match write {
        PrivacyWrite::Retention(r) => {
            let mut settings = store.privacy()?;
            settings.retention = r;
            store.set_privacy(&settings, AccessEvent::PrivacySettingsChanged)?;
        }
        PrivacyWrite::Request(r) if r.id == 0 => {
            store.record_request(r)?;
        }
        PrivacyWrite::Request(r) => {
            store.update_request(r)?;
        }
        PrivacyWrite::PurgeExpired(due) => return store.purge_expired(&due).map(PrivacyDone::Purged),
    }
    Ok(PrivacyDone::Saved)
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
    /// True for a save of a new household, team, member or case (any new
    /// record but a hamlet or a commitment): the record the clerk will work
    /// on next, so the app selects it. (A new commitment belongs to the
    /// household already selected; hamlets are kept in Settings.)
    pub fn creates(&self) -> bool {
        match self {
            Write::Save(record) => match record.key() {
                (EntityKind::Commune | EntityKind::Hamlet | EntityKind::Commitment, _) => false,
                (_, id) => id == 0,
            },
            Write::Delete(..) | Write::Closing(_) | Write::SaveAll(_) | Write::Privacy(_) => false,
        }
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
        Write::Save(record) => any_record!(record, r => save(store, r), Commune(c) => {
            store.save_commune(*c)?;
            Ok(Written { kind: EntityKind::Commune, id: 0 })
        }),
        Write::Delete(kind, id) => {
            delete(store, kind, id)?;
            Ok(Written { kind, id })
        }
        Write::SaveAll(records) => save_all(store, records),
        Write::Privacy(p) => {
            apply_privacy(store, p)?;
            Ok(Written { kind: EntityKind::Commune, id: 0 })
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

/// Every record in one bulk change (one transaction at a grid's size, one
/// audit group, hence one undo step). The commune is not among them.
fn save_all(store: &Store, records: Vec<AnyRecord>) -> Result<Written, StoreError> {
    fn add<R: Record + Prepare>(bulk: &mut crate::store::Bulk, rec: R) -> Result<Written, StoreError> {
        let saved = if rec.id() == 0 { bulk.insert(rec)? } else { bulk.update(rec)? };
        Ok(Written { kind: R::KIND, id: saved.id() })
    }
    let mut bulk = store.bulk();
    let mut first = None;
    for record in records {
        let written = any_record!(record, r => add(&mut bulk, r)?, Commune(_c) => continue);
        first = first.or(Some(written));
    }
    bulk.commit(&mut |_, _| {})?;
    Ok(first.unwrap_or(Written { kind: EntityKind::Assessment, id: 0 }))
}

pub fn delete(store: &Store, kind: EntityKind, id: Id) -> Result<(), StoreError> {
    // Closings are never undo steps: the store offers them to no history.
    by_kind!(kind, R => store.delete::<R>(id), Commune => Ok(()), Period => Ok(()))
}
