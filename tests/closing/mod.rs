//! Closing periods (chốt số liệu): the store refuses writes that would change
//! what a closed period froze, on every route (insert, update, delete and
//! its cascades, restore as undo uses it, bulk loads); closing and reopening
//! are audited and survive a restart; `soxa close` / `soxa reopen` from the
//! real binary; the interface's forms keep what was typed when refused.

mod cli;
mod store;
mod targets;
mod tui;

use soxa::domain::{Id, Period};
use soxa::report::{self, Summary};
use soxa::store::{ClosingError, Store, StoreError};

use crate::common::{case, commitment, commune, hamlet, household, ymd};

pub fn q3() -> Period {
    Period::quarter(2026, 3).unwrap()
}

/// The summary of `p` as `soxa close` computes it.
pub fn summary(s: &Store, p: &Period) -> Summary {
    report::summarize(&report::load(s, p).unwrap(), p)
}

/// Closes `p` with its summary of now.
pub fn close(s: &Store, p: Period) {
    s.close_period(p, &summary(s, &p)).unwrap();
}

/// A commune with one hamlet and three households: `inside` moved in during
/// the third quarter of 2026, `before` long before, both with a commitment
/// for 2026; and a case received in the third quarter.
pub struct Village {
    pub hamlet: Id,
    pub inside: Id,
    pub before: Id,
    pub signed_in_q3: Id,
    pub signed_in_q1: Id,
    pub case_in_q3: Id,
}

pub fn village(s: &Store) -> Village {
    s.save_commune(commune()).unwrap();
    let hamlet = s.insert(hamlet("T01", "Đông")).unwrap().id;
    let mut h = household("T01-0001", hamlet, "Nguyễn Văn An");
    h.living_since = Some(ymd(2026, 8, 14));
    let inside = s.insert(h).unwrap().id;
    let before = s.insert(household("T01-0002", hamlet, "Trần Thị Bích")).unwrap().id;
    let mut c = commitment(inside, 2026);
    c.date = ymd(2026, 8, 20);
    let signed_in_q3 = s.insert(c).unwrap().id;
    let signed_in_q1 = s.insert(commitment(before, 2026)).unwrap().id;
    let case_in_q3 = s.insert(case(hamlet, ymd(2026, 9, 2), "Phạm Văn Cường", "Đỗ Thị Dung")).unwrap().id;
    Village { hamlet, inside, before, signed_in_q3, signed_in_q1, case_in_q3 }
}

/// The write was refused for a closed period; returns that period.
pub fn refused<T: std::fmt::Debug>(result: Result<T, StoreError>) -> Period {
    match result {
        Err(StoreError::Closing(ClosingError::Frozen { period, .. })) => period,
        other => panic!("expected a refusal for a closed period, got {other:?}"),
    }
}

pub fn get<R: soxa::store::Record>(s: &Store, id: Id) -> R {
    s.get::<R>(id).unwrap().unwrap()
}
