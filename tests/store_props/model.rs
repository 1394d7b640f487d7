//! A plain in-memory model of what the store should hold, and the expected
//! outcome of every write against it: stored as cleaned, refused for a field,
//! a missing reference or a clash, not found, or in use.

use std::collections::BTreeMap;
use std::fmt::Debug;

use soxa::domain::text::fold;
use soxa::domain::{
    Commitment, EntityKind, Field, FieldError, Hamlet, Household, Id, MediationCase, Member, Problem, Team,
};
use soxa::store::{Record, Store, StoreError};

use super::strategies::today;

/// Ids at and above this are never given by the store: a "missing" reference.
const MISSING: Id = 1 << 40;

#[derive(Default, Debug)]
pub struct Model {
    pub hamlets: BTreeMap<Id, Hamlet>,
    pub households: BTreeMap<Id, Household>,
    pub commitments: BTreeMap<Id, Commitment>,
    pub teams: BTreeMap<Id, Team>,
    pub members: BTreeMap<Id, Member>,
    pub cases: BTreeMap<Id, MediationCase>,
    /// Highest id the store has handed out so far.
    pub max_id: Id,
}

impl Model {
    /// The id a pick stands for: usually an existing record of kind `R`,
    /// sometimes (and always when there is none) one that does not exist.
    pub fn pick<R: Kind>(&self, pick: u64) -> Id {
        let rows = R::rows(self);
        if rows.is_empty() || pick.is_multiple_of(8) {
            return MISSING + pick;
        }
        *rows.keys().nth(pick as usize % rows.len()).unwrap_or(&MISSING)
    }

    fn hamlet_users(&self, id: Id) -> usize {
        self.households.values().filter(|h| h.hamlet == id).count()
            + self.teams.values().filter(|t| t.hamlet == Some(id)).count()
            + self.cases.values().filter(|c| c.hamlet == id).count()
    }

    pub fn mediates(&self, member: Id) -> bool {
        self.cases.values().any(|c| c.mediators.contains(&member))
    }
}

/// What a call should return.
#[derive(Debug)]
pub enum Want<R> {
    Stored(R),
    /// A delete went through.
    Done,
    Invalid(Vec<FieldError>),
    NotFound(EntityKind, Id),
    InUse(EntityKind, usize),
}

/// Asserts that `got` is the outcome `want` describes (the stored value is
/// compared by the caller).
pub fn assert_outcome<R: Debug, T: Debug>(want: &Want<R>, got: &Result<T, StoreError>) {
    let ok = match (want, got) {
        (Want::Stored(_) | Want::Done, Ok(_)) => true,
        (Want::Invalid(w), Err(StoreError::Invalid(g))) => w == g,
        (Want::NotFound(k, i), Err(StoreError::NotFound { kind, id })) => k == kind && i == id,
        (Want::InUse(k, n), Err(StoreError::InUse { kind, count })) => k == kind && n == count,
        _ => false,
    };
    assert!(ok, "expected {want:?}\n     got {got:?}");
}

fn unknown(field: Field) -> FieldError {
    FieldError::new(field, Problem::UnknownReference)
}

fn duplicate(field: Field) -> FieldError {
    FieldError::new(field, Problem::Duplicate)
}

/// A record type as the model sees it. The store's write calls are listed per
/// type because their `Prepare` bound cannot be named outside the store.
pub trait Kind: Record + PartialEq + Debug {
    fn rows(m: &Model) -> &BTreeMap<Id, Self>;
    fn rows_mut(m: &mut Model) -> &mut BTreeMap<Id, Self>;
    /// Turns the picks in reference fields into ids.
    fn resolve(&mut self, m: &Model);
    /// Reference errors, in the order the store reports them.
    fn missing(&self, m: &Model) -> Vec<FieldError>;
    /// The unique-index clash with another record, if any.
    fn clash(&self, _m: &Model) -> Option<FieldError> {
        None
    }
    /// What the store assigns on insert (a case's number).
    fn assign(&mut self, _m: &Model) {}
    /// Takes what the store assigned after checking it is acceptable.
    fn settle(&mut self, _got: &Self) {}
    /// What an edit keeps from the stored record (a case's number).
    fn keep(&mut self, _old: &Self) {}
    /// What deleting record `id` also does to the model, or why it is refused.
    fn cascade(m: &mut Model, id: Id) -> Result<(), Want<Self>> {
        Self::rows_mut(m).remove(&id);
        Ok(())
    }
    fn insert(s: &Store, r: Self) -> Result<Self, StoreError>;
    fn update(s: &Store, r: Self) -> Result<Self, StoreError>;
    fn delete(s: &Store, id: Id) -> Result<(), StoreError>;
    fn restore(s: &Store, bytes: &[u8]) -> Result<Self, StoreError>;
}

macro_rules! store_calls {
    () => {
        fn insert(s: &Store, r: Self) -> Result<Self, StoreError> {
            s.insert(r)
        }
        fn update(s: &Store, r: Self) -> Result<Self, StoreError> {
            s.update(r)
        }
        fn delete(s: &Store, id: Id) -> Result<(), StoreError> {
            s.delete::<Self>(id)
        }
        fn restore(s: &Store, bytes: &[u8]) -> Result<Self, StoreError> {
            s.restore::<Self>(bytes)
        }
    };
}

macro_rules! rows {
    ($field:ident) => {
        fn rows(m: &Model) -> &BTreeMap<Id, Self> {
            &m.$field
        }
        fn rows_mut(m: &mut Model) -> &mut BTreeMap<Id, Self> {
            &mut m.$field
        }
    };
}

impl Kind for Hamlet {
    rows!(hamlets);
    store_calls!();

    fn resolve(&mut self, _m: &Model) {}

    fn missing(&self, _m: &Model) -> Vec<FieldError> {
        Vec::new()
    }

    fn clash(&self, m: &Model) -> Option<FieldError> {
        let taken = m.hamlets.values().any(|h| h.id != self.id && fold(&h.code) == fold(&self.code));
        taken.then(|| duplicate(Field::HamletCode))
    }

    fn cascade(m: &mut Model, id: Id) -> Result<(), Want<Self>> {
        match m.hamlet_users(id) {
            0 => {
                m.hamlets.remove(&id);
                Ok(())
            }
            n => Err(Want::InUse(EntityKind::Hamlet, n)),
        }
    }
}

impl Kind for Household {
    rows!(households);
    store_calls!();

    fn resolve(&mut self, m: &Model) {
        self.hamlet = m.pick::<Hamlet>(self.hamlet);
    }

    fn missing(&self, m: &Model) -> Vec<FieldError> {
        (!m.hamlets.contains_key(&self.hamlet)).then(|| unknown(Field::Hamlet)).into_iter().collect()
    }

    fn clash(&self, m: &Model) -> Option<FieldError> {
        let taken = m.households.values().any(|h| h.id != self.id && fold(&h.code) == fold(&self.code));
        taken.then(|| duplicate(Field::HouseholdCode))
    }

    /// Its commitments go; members who lived there are unlinked "now".
    fn cascade(m: &mut Model, id: Id) -> Result<(), Want<Self>> {
        m.households.remove(&id);
        m.commitments.retain(|_, c| c.household != id);
        for member in m.members.values_mut().filter(|x| x.household == Some(id)) {
            member.household = None;
            member.stamp.updated_at = crate::common::now();
        }
        Ok(())
    }
}

impl Kind for Commitment {
    rows!(commitments);
    store_calls!();

    fn resolve(&mut self, m: &Model) {
        self.household = m.pick::<Household>(self.household);
    }

    fn missing(&self, m: &Model) -> Vec<FieldError> {
        (!m.households.contains_key(&self.household)).then(|| unknown(Field::Household)).into_iter().collect()
    }

    fn clash(&self, m: &Model) -> Option<FieldError> {
        let same = |c: &&Commitment| c.id != self.id && c.household == self.household && c.year == self.year;
        m.commitments.values().any(|c| same(&c)).then(|| duplicate(Field::Year))
    }
}

impl Kind for Team {
    rows!(teams);
    store_calls!();

    fn resolve(&mut self, m: &Model) {
        self.hamlet = self.hamlet.map(|p| m.pick::<Hamlet>(p));
    }

    fn missing(&self, m: &Model) -> Vec<FieldError> {
        self.hamlet.filter(|h| !m.hamlets.contains_key(h)).map(|_| unknown(Field::Hamlet)).into_iter().collect()
    }

    fn cascade(m: &mut Model, id: Id) -> Result<(), Want<Self>> {
        m.teams.remove(&id);
        m.members.retain(|_, x| x.team != id);
        Ok(())
    }
}

impl Kind for Member {
    rows!(members);
    store_calls!();

    fn resolve(&mut self, m: &Model) {
        self.team = m.pick::<Team>(self.team);
        self.household = self.household.map(|p| m.pick::<Household>(p));
    }

    fn missing(&self, m: &Model) -> Vec<FieldError> {
        let mut errs = Vec::new();
        if !m.teams.contains_key(&self.team) {
            errs.push(unknown(Field::Team));
        }
        if self.household.is_some_and(|h| !m.households.contains_key(&h)) {
            errs.push(unknown(Field::Household));
        }
        errs
    }
}

impl Kind for MediationCase {
    rows!(cases);
    store_calls!();

    fn resolve(&mut self, m: &Model) {
        self.hamlet = m.pick::<Hamlet>(self.hamlet);
        self.mediators = self.mediators.iter().map(|p| m.pick::<Member>(*p)).collect();
    }

    fn missing(&self, m: &Model) -> Vec<FieldError> {
        let mut errs = Vec::new();
        if !m.hamlets.contains_key(&self.hamlet) {
            errs.push(unknown(Field::Hamlet));
        }
        let gone = self.mediators.iter().filter(|id| !m.members.contains_key(id));
        errs.extend(gone.map(|_| unknown(Field::Mediators)));
        errs
    }

    /// The store names the received date when a case number is taken.
    fn clash(&self, m: &Model) -> Option<FieldError> {
        let same = |c: &&MediationCase| c.id != self.id && c.year == self.year && c.seq == self.seq;
        m.cases.values().any(|c| same(&c)).then(|| duplicate(Field::Received))
    }

    fn assign(&mut self, m: &Model) {
        if self.seq == 0 {
            let last = m.cases.values().filter(|c| c.year == self.year).map(|c| c.seq).max();
            self.seq = last.unwrap_or(0) + 1;
        }
    }

    /// The number must follow every number in use that year; whether numbers
    /// of deleted cases may come back is left open here (see
    /// `store_story::gaps::a_deleted_case_keeps_its_number`).
    fn settle(&mut self, got: &Self) {
        assert!(got.seq >= self.seq, "case number {} is not after those in use", got.number());
        self.seq = got.seq;
    }

    fn keep(&mut self, old: &Self) {
        self.seq = old.seq;
    }
}

/// The outcome of writing `rec` (references already resolved, `id` set for an edit).
pub fn expect_write<R: Kind>(m: &Model, rec: &R) -> Want<R> {
    let mut clean = rec.clone();
    if let Err(errs) = clean.clean_and_check(today()) {
        return Want::Invalid(errs);
    }
    clean.assign(m);
    expect_placed(m, clean)
}

/// The outcome of placing an already clean record: references, then clashes.
pub fn expect_placed<R: Kind>(m: &Model, rec: R) -> Want<R> {
    let missing = rec.missing(m);
    if !missing.is_empty() {
        return Want::Invalid(missing);
    }
    match rec.clash(m) {
        Some(e) => Want::Invalid(vec![e]),
        None => Want::Stored(rec),
    }
}
