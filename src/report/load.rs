//! [`load`]: reads from the store the records one period's summary needs;
//! nothing is computed here.
//!
//! Reading is bounded by sled, not by decoding: at the 16 MiB cache every
//! tree is paged in afresh. The commitments (the largest tree) are read on
//! a second thread while the other trees are read on the caller's, which
//! nearly halves the wait on a two-core office PC.

use super::{Dataset, indicators};
use crate::domain::{Commitment, EntityKind, Member, Period};
use crate::store::{Store, StoreError};

/// Reads every hamlet, household, team and member; the cases that can
/// count (received by end, not closed before start); and, in one pass over
/// the commitments, those covering year(end) plus any other carrying a
/// violation dated in the period, whatever year it covers.
pub fn load(store: &Store, period: &Period) -> Result<Dataset, StoreError> {
    let commune = store.commune()?.ok_or(StoreError::NotFound { kind: EntityKind::Commune, id: 0 })?;
    std::thread::scope(|scope| {
        let commitments = scope.spawn(|| commitments(store, period));
        let hamlets = store.all()?;
        let households = store.all()?;
        let teams = store.all()?;
        let mut members: Vec<Member> = store.all()?;
        members.sort_by_key(|m| m.team);
        let cases = store.all_where(|c| indicators::case_matters(c, period))?;
        let commitments =
            commitments.join().map_err(|_| StoreError::Storage("the reading thread stopped".into()))??;
        Ok(Dataset { commune, hamlets, households, commitments, teams, members, cases })
    })
}

fn commitments(store: &Store, period: &Period) -> Result<Vec<Commitment>, StoreError> {
    let year = period.report_year();
    store.all_where(|c: &Commitment| i32::from(c.year) == year || c.violations.iter().any(|v| period.contains(v.date)))
}
