//! The store over a real temporary database: a commune's records entered,
//! changed, refused, deleted and brought back (`story`); what survives closing
//! (`persistence`); what the clerk is told when a folder cannot be opened
//! (`open_errors`); and holes found while writing these tests (`gaps`).

mod gaps;
mod open_errors;
mod persistence;
mod story;
mod targets;

use soxa::domain::{EntityKind, FieldError, Id, Role, TeamKind};
use soxa::store::{Store, StoreError};

use crate::common::{case, commitment, commune, hamlet, household, member, team, ymd};

/// `check()` finds nothing wrong.
pub fn assert_clean(store: &Store) {
    let found = store.check().expect("check runs");
    assert!(found.is_empty(), "check found mismatches: {found:#?}");
}

/// The field errors of a refused write.
pub fn field_errors<T: std::fmt::Debug>(result: Result<T, StoreError>) -> Vec<FieldError> {
    match result {
        Err(StoreError::Invalid(errors)) => errors,
        other => panic!("expected StoreError::Invalid, got {other:?}"),
    }
}

/// Everything observable about the database's size: every tree's length and
/// the newest audit entries.
pub fn footprint(store: &Store) -> (Vec<(&'static str, usize)>, Vec<Id>) {
    let audit = store.recent_audit(1_000).expect("audit").iter().map(|a| a.id).collect();
    (store.tree_sizes(), audit)
}

/// A small commune as a clerk would enter it in a first week.
pub struct Village {
    pub dong: Id,
    pub tay: Id,
    /// T01-0001 Nguyễn Văn An (thôn Đông), signed 2025 and 2026.
    pub an: Id,
    /// T01-0002 Nguyễn Văn Anh (thôn Đông), no commitment yet.
    pub anh: Id,
    /// T02-0001 Trần Văn Bình (thôn Tây), refused 2026.
    pub binh: Id,
    pub security: Id,
    pub mediation: Id,
    /// Security team members living in household `an`.
    pub leader: Id,
    pub lan: Id,
    /// The mediator of the cases.
    pub mai: Id,
    pub cases: Vec<Id>,
}

pub fn village(store: &Store) -> Village {
    store.save_commune(commune()).expect("commune");
    let dong = store.insert(hamlet("T01", "Đông")).expect("hamlet").id;
    let tay = store.insert(hamlet("T02", "Tây")).expect("hamlet").id;
    let an = store.insert(household("T01-0001", dong, "Nguyễn Văn An")).expect("household").id;
    let anh = store.insert(household("T01-0002", dong, "Nguyễn Văn Anh")).expect("household").id;
    let binh = store.insert(household("T02-0001", tay, "Trần Văn Bình")).expect("household").id;
    store.insert(commitment(an, 2025)).expect("commitment");
    store.insert(commitment(an, 2026)).expect("commitment");
    let mut refused = commitment(binh, 2026);
    refused.status = soxa::domain::CommitmentStatus::Refused;
    refused.reason = "Chủ hộ đi làm ăn xa, chưa về".into();
    store.insert(refused).expect("refused commitment");
    assert_clean(store);
    let security = store.insert(team("Tổ bảo vệ ANTT thôn Đông", TeamKind::Security, Some(dong))).expect("team").id;
    let mediation = store.insert(team("Tổ hòa giải thôn Đông", TeamKind::Mediation, Some(dong))).expect("team").id;
    let mut leader = member(security, "Lê Văn Bình", Role::Leader);
    leader.household = Some(an);
    let leader = store.insert(leader).expect("member").id;
    let mut lan = member(security, "Đặng Thị Lan", Role::Member);
    lan.household = Some(an);
    let lan = store.insert(lan).expect("member").id;
    let mai = store.insert(member(mediation, "Phạm Thị Mai", Role::Leader)).expect("member").id;
    assert_clean(store);
    let cases = village_cases(store, dong, mai);
    assert_clean(store);
    Village { dong, tay, an, anh, binh, security, mediation, leader, lan, mai, cases }
}

/// 1/2026, then 1/2025 (received late, entered late), then 2/2026.
fn village_cases(store: &Store, hamlet: Id, mediator: Id) -> Vec<Id> {
    let received = [ymd(2026, 9, 1), ymd(2025, 12, 20), ymd(2026, 10, 5)];
    let parties =
        [("Nguyễn Văn An", "Trần Văn Bình"), ("Hoàng Văn Đức", "Bùi Thị Hạnh"), ("Ngô Văn Quý", "Đỗ Thị Yến")];
    received
        .iter()
        .zip(parties)
        .map(|(day, (a, b))| {
            let mut c = case(hamlet, *day, a, b);
            c.mediators = vec![mediator];
            store.insert(c).expect("case").id
        })
        .collect()
}

/// The actions in one record's audit history, oldest first.
pub fn history(store: &Store, kind: EntityKind, id: Id) -> Vec<soxa::domain::AuditAction> {
    store.audit_of(kind, id).expect("audit").iter().map(|a| a.action).collect()
}
