//! A plain in-memory model of what the store should hold, and the expected
//! outcome of every write against it: stored as cleaned, refused for a field,
//! a missing reference or a clash, not found, or in use; and the audit
//! entries a write that goes through adds.

use std::collections::BTreeMap;
use std::fmt::Debug;

use soxa::domain::case::MAX_SEQ;
use soxa::domain::text::fold;
use soxa::domain::{
    AuditAction, Commitment, EntityKind, Field, FieldError, Hamlet, Household, Id, MediationCase, Member, Problem, Team,
};
use soxa::store::{Record, Store, StoreError};

use super::strategies::today;
use crate::common::now;

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
    /// Highest case number ever given, per year: numbers of deleted cases
    /// are not given again.
    pub case_seqs: BTreeMap<u16, u32>,
    /// Audit entries the store holds.
    pub audited: usize,
    /// Audit entries the current step should add, in order.
    pub trail: Vec<Trail>,
}

/// An audit entry as the model predicts it: which record, what was done, and
/// the record's bytes before (what an undo puts back).
#[derive(Debug, PartialEq)]
pub struct Trail {
    pub entity: EntityKind,
    pub id: Id,
    pub action: AuditAction,
    pub before: Option<Vec<u8>>,
}

impl Trail {
    pub fn new<R: Record>(action: AuditAction, id: Id, before: Option<&R>) -> Trail {
        let before = before.map(|r| r.encode().expect("encodes"));
        Trail { entity: R::KIND, id, action, before }
    }
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

    /// How many cases name `member` as a mediator.
    fn cases_naming(&self, member: Id) -> usize {
        self.cases.values().filter(|c| c.mediators.contains(&member)).count()
    }

    /// The number the next case of `year` gets: after every number ever
    /// given that year and every number in use.
    pub fn next_case_seq(&self, year: u16) -> u32 {
        let in_use = self.cases.values().filter(|c| c.year == year).map(|c| c.seq).max();
        let given = self.case_seqs.get(&year).copied();
        given.max(in_use).unwrap_or(0) + 1
    }

    /// Keeps a record the store has just written.
    pub fn put<R: Kind>(&mut self, rec: R) {
        rec.stored(self);
        R::rows_mut(self).insert(rec.id(), rec);
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
    /// What the store assigns when writing over `old` (or anew, or back): a
    /// case's number; or why it cannot.
    fn assign(&mut self, _m: &Model, _old: Option<&Self>) -> Result<(), FieldError> {
        Ok(())
    }
    /// What an edit carries over from the stored record, as an edit form
    /// would: a case's number, unless the edit gives one.
    fn keep(&mut self, _old: &Self) {}
    /// What a write of this record leaves in the model besides its row.
    fn stored(&self, _m: &mut Model) {}
    /// What deleting record `id` also does to the model (and the audit
    /// entries it adds after the delete's own), or why it is refused.
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

    /// Its commitments go (by year); members who lived there, then case
    /// parties from it (by id), are unlinked "now", in the same change.
    fn cascade(m: &mut Model, id: Id) -> Result<(), Want<Self>> {
        m.households.remove(&id);
        let mut gone: Vec<Commitment> = m.commitments.values().filter(|c| c.household == id).cloned().collect();
        gone.sort_by_key(|c| c.year);
        for c in gone {
            m.trail.push(Trail::new(AuditAction::Delete, c.id, Some(&c)));
            m.commitments.remove(&c.id);
        }
        for member in m.members.values_mut().filter(|x| x.household == Some(id)) {
            m.trail.push(Trail::new(AuditAction::Update, member.id, Some(&*member)));
            member.household = None;
            member.stamp.updated_at = now();
        }
        let from_here = |c: &MediationCase| c.parties.iter().any(|p| p.household == Some(id));
        for case in m.cases.values_mut().filter(|c| from_here(c)) {
            m.trail.push(Trail::new(AuditAction::Update, case.id, Some(&*case)));
            for p in case.parties.iter_mut().filter(|p| p.household == Some(id)) {
                p.household = None;
            }
            case.stamp.updated_at = now();
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

    /// Its members go (by id), unless one mediates a case: then it is
    /// refused, counting for each member the cases naming them (a case with
    /// two of its members counts twice).
    fn cascade(m: &mut Model, id: Id) -> Result<(), Want<Self>> {
        let members: Vec<Member> = m.members.values().filter(|x| x.team == id).cloned().collect();
        // Cases naming any of its members, each counted once.
        let named = m.cases.values().filter(|c| members.iter().any(|x| c.mediators.contains(&x.id))).count();
        if named > 0 {
            return Err(Want::InUse(EntityKind::Team, named));
        }
        m.teams.remove(&id);
        for x in members {
            m.trail.push(Trail::new(AuditAction::Delete, x.id, Some(&x)));
            m.members.remove(&x.id);
        }
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

    /// A mediator named on cases stays.
    fn cascade(m: &mut Model, id: Id) -> Result<(), Want<Self>> {
        match m.cases_naming(id) {
            0 => {
                m.members.remove(&id);
                Ok(())
            }
            n => Err(Want::InUse(EntityKind::Member, n)),
        }
    }
}

impl Kind for MediationCase {
    rows!(cases);
    store_calls!();

    fn resolve(&mut self, m: &Model) {
        self.hamlet = m.pick::<Hamlet>(self.hamlet);
        self.mediators = self.mediators.iter().map(|p| m.pick::<Member>(*p)).collect();
        for p in &mut self.parties {
            p.household = p.household.map(|h| m.pick::<Household>(h));
        }
    }

    /// The hamlet, each mediator, then each party's household, in that order.
    fn missing(&self, m: &Model) -> Vec<FieldError> {
        let mut errs = Vec::new();
        if !m.hamlets.contains_key(&self.hamlet) {
            errs.push(unknown(Field::Hamlet));
        }
        let gone = self.mediators.iter().filter(|id| !m.members.contains_key(id));
        errs.extend(gone.map(|_| unknown(Field::Mediators)));
        let gone = self.parties.iter().filter_map(|p| p.household).filter(|h| !m.households.contains_key(h));
        errs.extend(gone.map(|_| unknown(Field::Household)));
        errs
    }

    fn clash(&self, m: &Model) -> Option<FieldError> {
        let same = |c: &&MediationCase| c.id != self.id && c.year == self.year && c.seq == self.seq;
        m.cases.values().any(|c| same(&c)).then(|| duplicate(Field::CaseNumber))
    }

    /// A case moved to another year is numbered anew there; a case without
    /// a number gets the next one of its year, if there is one left.
    fn assign(&mut self, m: &Model, old: Option<&Self>) -> Result<(), FieldError> {
        if old.is_some_and(|o| o.year != self.year) {
            self.seq = 0;
        }
        if self.seq == 0 {
            self.seq = m.next_case_seq(self.year);
            if self.seq > MAX_SEQ {
                let full = Problem::OutOfRange { min: 1, max: MAX_SEQ.into() };
                return Err(FieldError::new(Field::CaseNumber, full));
            }
        }
        Ok(())
    }

    fn keep(&mut self, old: &Self) {
        if self.seq == 0 {
            self.seq = old.seq;
        }
    }

    /// A number above the highest given raises it.
    fn stored(&self, m: &mut Model) {
        let given = m.case_seqs.entry(self.year).or_default();
        *given = (*given).max(self.seq);
    }
}

/// The outcome of writing `rec` (references already resolved, `id` set for
/// an edit of `old`; a restore is a write of the stored record, with no
/// `old`): cleaned and checked, then references, then its number, then
/// clashes.
pub fn expect_write<R: Kind>(m: &Model, rec: &R, old: Option<&R>) -> Want<R> {
    let mut clean = rec.clone();
    if let Err(errs) = clean.clean_and_check(today()) {
        return Want::Invalid(errs);
    }
    let missing = clean.missing(m);
    if !missing.is_empty() {
        return Want::Invalid(missing);
    }
    if let Err(e) = clean.assign(m, old) {
        return Want::Invalid(vec![e]);
    }
    match clean.clash(m) {
        Some(e) => Want::Invalid(vec![e]),
        None => Want::Stored(clean),
    }
}
