//! Property tests. `sequences`: random create / update / delete / undo
//! sequences across every record type agree with a plain model after every
//! step (records, next case numbers, audit entries), and `check()` stays
//! empty. `codec`: every record type round-trips through its envelope, and no
//! bytes, however wrong, make decoding panic.

mod codec;
mod model;
pub mod strategies;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{FailurePersistence, FileFailurePersistence};
use soxa::domain::brief::{CaseBrief, CommitmentBrief, HouseholdBrief};
use soxa::domain::{
    AuditAction, AuditEntry, Commitment, EntityKind, Hamlet, Household, Id, MediationCase, Member, Stamp, Team,
};
use soxa::store::Store;

use crate::common::{TestDb, now};
use model::{Kind, Model, Trail, Want, assert_outcome, expect_write};

/// proptest's default keeps failures beside `src/lib.rs`, which a test in a
/// subfolder of `tests/` has not (and it warns): keep them next to the test
/// instead (`mod.proptest-regressions` for `mod.rs`), unless
/// `PROPTEST_DISABLE_FAILURE_PERSISTENCE` is set. `PROPTEST_CASES`, when set,
/// overrides `cases`.
pub fn config(cases: u32) -> ProptestConfig {
    let default = ProptestConfig::default();
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() { default.cases } else { cases };
    let file = FileFailurePersistence::WithSource("proptest-regressions");
    let failure_persistence =
        default.failure_persistence.is_some().then(|| Box::new(file) as Box<dyn FailurePersistence>);
    ProptestConfig { cases, failure_persistence, ..default }
}

#[derive(Clone, Debug)]
enum Rec {
    Hamlet(Hamlet),
    Household(Household),
    Commitment(Commitment),
    Team(Team),
    Member(Member),
    Case(MediationCase),
}

#[derive(Clone, Debug)]
enum Op {
    Insert(Rec),
    /// New values for the record a pick stands for.
    Update(Rec, u64),
    Delete(EntityKind, u64),
    /// Restores the `before` bytes of one of the newest audit entries.
    Undo(u8),
}

fn rec() -> impl Strategy<Value = Rec> {
    prop_oneof![
        2 => strategies::hamlet().prop_map(Rec::Hamlet),
        5 => strategies::household().prop_map(Rec::Household),
        4 => strategies::commitment().prop_map(Rec::Commitment),
        2 => strategies::team().prop_map(Rec::Team),
        4 => strategies::member().prop_map(Rec::Member),
        3 => strategies::case().prop_map(Rec::Case),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let kinds = select(&EntityKind::ALL[1..]);
    prop_oneof![
        6 => rec().prop_map(Op::Insert),
        2 => (rec(), any::<u16>()).prop_map(|(r, p)| Op::Update(r, p.into())),
        2 => (kinds, any::<u16>()).prop_map(|(k, p)| Op::Delete(k, p.into())),
        1 => any::<u8>().prop_map(Op::Undo),
    ]
}

/// A few hamlets, households, teams, members and cases first (each one an
/// insert like any other), so that the random steps after them mostly touch
/// records that exist, and deletes meet mediators and linked parties.
fn ops() -> impl Strategy<Value = Vec<Op>> {
    use proptest::collection::vec;
    let hamlets = vec(strategies::hamlet().prop_map(Rec::Hamlet), 2..4);
    let households = vec(strategies::household().prop_map(Rec::Household), 1..5);
    let teams = vec(strategies::team().prop_map(Rec::Team), 1..3);
    let members = vec(strategies::member().prop_map(Rec::Member), 1..4);
    let cases = vec(strategies::case().prop_map(Rec::Case), 0..3);
    (hamlets, households, teams, members, cases, vec(op(), 1..25)).prop_map(|(h, hh, t, m, c, rest)| {
        let setup = h.into_iter().chain(hh).chain(t).chain(m).chain(c).map(Op::Insert);
        setup.chain(rest).collect()
    })
}

fn insert<R: Kind>(s: &Store, m: &mut Model, mut rec: R) {
    rec.resolve(m);
    let want = expect_write(m, &rec, None);
    let got = R::insert(s, rec);
    assert_outcome(&want, &got);
    if let (Want::Stored(mut want), Ok(got)) = (want, got) {
        assert!(got.id() > m.max_id, "id {} handed out again (highest so far {})", got.id(), m.max_id);
        m.max_id = got.id();
        want.set_id(got.id());
        want.set_stamp(Stamp { created_at: now(), updated_at: now() });
        assert_eq!(got, want, "stored as cleaned");
        m.trail.push(Trail::new::<R>(AuditAction::Create, got.id(), None));
        m.put(got);
    }
}

fn update<R: Kind>(s: &Store, m: &mut Model, mut rec: R, pick: u64) {
    rec.resolve(m);
    let id = m.pick::<R>(pick);
    rec.set_id(id);
    let old = R::rows(m).get(&id).cloned();
    let want = match &old {
        None => Want::NotFound(R::KIND, id),
        Some(old) => {
            rec.keep(old);
            expect_write(m, &rec, Some(old))
        }
    };
    let got = R::update(s, rec);
    assert_outcome(&want, &got);
    if let (Want::Stored(mut want), Ok(got), Some(old)) = (want, got, old) {
        want.set_stamp(Stamp { created_at: old.stamp().created_at, updated_at: now() });
        assert_eq!(got, want, "stored as cleaned");
        m.trail.push(Trail::new(AuditAction::Update, id, Some(&old)));
        m.put(got);
    }
}

/// Deletes, and what hangs on the record goes in the same change; or nothing
/// at all happens.
fn delete<R: Kind>(s: &Store, m: &mut Model, pick: u64) {
    let id = m.pick::<R>(pick);
    let want: Want<R> = match R::rows(m).get(&id).cloned() {
        None => Want::NotFound(R::KIND, id),
        Some(old) => {
            m.trail.push(Trail::new(AuditAction::Delete, id, Some(&old)));
            match R::cascade(m, id) {
                Ok(()) => Want::Done,
                Err(refused) => {
                    m.trail.clear();
                    refused
                }
            }
        }
    };
    assert_outcome(&want, &R::delete(s, id));
}

fn restore<R: Kind>(s: &Store, m: &mut Model, bytes: &[u8]) {
    let rec = R::decode(bytes).expect("audit bytes decode");
    let want = expect_write(m, &rec, None);
    let got = R::restore(s, bytes);
    assert_outcome(&want, &got);
    if let (Want::Stored(want), Ok(got)) = (want, got) {
        assert_eq!(got, want, "restored exactly as it was");
        let old = R::rows(m).get(&got.id());
        m.trail.push(Trail::new(AuditAction::Restore, got.id(), old));
        m.put(got);
    }
}

fn undo(s: &Store, m: &mut Model, nth: u8) {
    let recent: Vec<AuditEntry> =
        s.recent_audit(8).expect("audit").into_iter().filter(|a| a.before.is_some()).collect();
    let Some(entry) = recent.get(usize::from(nth) % recent.len().max(1)) else { return };
    let bytes = entry.before.as_deref().unwrap_or_default();
    match entry.entity {
        EntityKind::Hamlet => restore::<Hamlet>(s, m, bytes),
        EntityKind::Household => restore::<Household>(s, m, bytes),
        EntityKind::Commitment => restore::<Commitment>(s, m, bytes),
        EntityKind::Team => restore::<Team>(s, m, bytes),
        EntityKind::Member => restore::<Member>(s, m, bytes),
        EntityKind::Case => restore::<MediationCase>(s, m, bytes),
        // The generated operations write none of issue 13's kinds.
        EntityKind::Commune
        | EntityKind::Period
        | EntityKind::Model
        | EntityKind::Assessment
        | EntityKind::Outreach => {}
    }
}

fn apply(s: &Store, m: &mut Model, op: Op) {
    match op {
        Op::Insert(Rec::Hamlet(r)) => insert(s, m, r),
        Op::Insert(Rec::Household(r)) => insert(s, m, r),
        Op::Insert(Rec::Commitment(r)) => insert(s, m, r),
        Op::Insert(Rec::Team(r)) => insert(s, m, r),
        Op::Insert(Rec::Member(r)) => insert(s, m, r),
        Op::Insert(Rec::Case(r)) => insert(s, m, r),
        Op::Update(Rec::Hamlet(r), p) => update(s, m, r, p),
        Op::Update(Rec::Household(r), p) => update(s, m, r, p),
        Op::Update(Rec::Commitment(r), p) => update(s, m, r, p),
        Op::Update(Rec::Team(r), p) => update(s, m, r, p),
        Op::Update(Rec::Member(r), p) => update(s, m, r, p),
        Op::Update(Rec::Case(r), p) => update(s, m, r, p),
        Op::Delete(EntityKind::Hamlet, p) => delete::<Hamlet>(s, m, p),
        Op::Delete(EntityKind::Household, p) => delete::<Household>(s, m, p),
        Op::Delete(EntityKind::Commitment, p) => delete::<Commitment>(s, m, p),
        Op::Delete(EntityKind::Team, p) => delete::<Team>(s, m, p),
        Op::Delete(EntityKind::Member, p) => delete::<Member>(s, m, p),
        Op::Delete(EntityKind::Case, p) => delete::<MediationCase>(s, m, p),
        Op::Delete(
            EntityKind::Commune
            | EntityKind::Period
            | EntityKind::Model
            | EntityKind::Assessment
            | EntityKind::Outreach,
            _,
        ) => {}
        Op::Undo(nth) => undo(s, m, nth),
    }
}

fn rows<R: Kind + Clone>(m: &Model) -> Vec<R> {
    R::rows(m).values().cloned().collect()
}

/// The store holds exactly the model, its derived trees agree, and the quick
/// lookup finds every household by code and nothing that is gone.
fn assert_agrees(s: &Store, m: &Model) {
    assert_eq!(s.all::<Hamlet>().unwrap(), rows::<Hamlet>(m));
    assert_eq!(s.all::<Household>().unwrap(), rows::<Household>(m));
    assert_eq!(s.all::<Commitment>().unwrap(), rows::<Commitment>(m));
    assert_eq!(s.all::<Team>().unwrap(), rows::<Team>(m));
    assert_eq!(s.all::<Member>().unwrap(), rows::<Member>(m));
    assert_eq!(s.all::<MediationCase>().unwrap(), rows::<MediationCase>(m));
    let found = s.check().unwrap();
    assert!(found.is_empty(), "check: {found:#?}");
    let briefs = s.briefs(|_| true, |_| true).unwrap();
    assert_eq!(briefs.households, rows::<Household>(m).iter().map(HouseholdBrief::from).collect::<Vec<_>>());
    assert_eq!(briefs.commitments, rows::<Commitment>(m).iter().map(CommitmentBrief::from).collect::<Vec<_>>());
    assert_eq!(briefs.cases, rows::<MediationCase>(m).iter().map(CaseBrief::from).collect::<Vec<_>>());
    for year in 2023..=2026 {
        assert_eq!(s.next_case_seq(year).unwrap(), m.next_case_seq(year), "next case number of {year}");
    }
    for h in m.households.values() {
        let hits = s.search(&h.code, 100).unwrap();
        assert!(hits.iter().any(|x| x.kind == EntityKind::Household && x.id == h.id), "{} not found", h.code);
    }
    for hit in s.search("t01", 100).unwrap().iter().chain(&s.search("nguyen", 100).unwrap()) {
        assert!(exists(m, hit.kind, hit.id), "search found deleted {:?} {}", hit.kind, hit.id);
    }
}

/// The step added exactly the audit entries the model expects, in order, as
/// one group.
fn assert_audited(s: &Store, m: &mut Model) {
    let want = std::mem::take(&mut m.trail);
    let all = s.recent_audit(usize::MAX).unwrap();
    assert_eq!(all.len(), m.audited + want.len(), "audit entries: expected {want:#?}");
    m.audited = all.len();
    let mut added: Vec<AuditEntry> = all.into_iter().take(want.len()).collect();
    added.reverse();
    let got: Vec<Trail> = added
        .iter()
        .map(|e| Trail { entity: e.entity, id: e.entity_id, action: e.action, before: e.before.clone() })
        .collect();
    assert_eq!(got, want, "audit entries of the step");
    if let Some(first) = added.first() {
        assert!(added.iter().all(|e| e.group == first.id), "one change, one group: {added:#?}");
    }
}

fn exists(m: &Model, kind: EntityKind, id: Id) -> bool {
    match kind {
        EntityKind::Household => m.households.contains_key(&id),
        EntityKind::Team => m.teams.contains_key(&id),
        EntityKind::Member => m.members.contains_key(&id),
        EntityKind::Case => m.cases.contains_key(&id),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { max_shrink_iters: 256, ..config(64) })]

    #[test]
    fn random_writes_agree_with_the_model(ops in ops()) {
        let db = TestDb::new();
        // Search is used from the start, so every write must keep it in step.
        db.store.search("x", 1).unwrap();
        let mut model = Model::default();
        for op in ops {
            apply(&db.store, &mut model, op);
            assert_audited(&db.store, &mut model);
            assert_agrees(&db.store, &model);
        }
    }
}
