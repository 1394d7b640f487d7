//! [`load`]: reads from the store the records one period's summary needs,
//! and nothing is computed here.

use chrono::Datelike;

use super::Dataset;
use crate::domain::{Commitment, EntityKind, Period};
use crate::store::{Store, StoreError};

/// Reads every hamlet, household, team, member and case, the commitments
/// covering year(end), and the commitments of the neighbouring years
/// (year(start) - 1 to year(end) + 1) that carry a violation dated in the
/// period. A violation is recorded against the commitment in force, which
/// covers the year of the violation, the year before (before the new
/// signing) or the year after (signed in December); an older one is not
/// read.
pub fn load(store: &Store, period: &Period) -> Result<Dataset, StoreError> {
    let commune = store.commune()?.ok_or(StoreError::NotFound { kind: EntityKind::Commune, id: 0 })?;
    Ok(Dataset {
        commune,
        hamlets: store.all()?,
        households: store.all()?,
        commitments: commitments(store, period)?,
        teams: store.all()?,
        members: store.all()?,
        cases: store.all()?,
    })
}

fn commitments(store: &Store, period: &Period) -> Result<Vec<Commitment>, StoreError> {
    let year = period.report_year();
    let mut out = store.commitments_for_year(year_key(year))?;
    let violated = |c: &Commitment| c.violations.iter().any(|v| period.contains(v.date));
    for other in (period.start.year() - 1)..=(year + 1) {
        if other != year {
            out.extend(store.commitments_for_year(year_key(other))?.into_iter().filter(violated));
        }
    }
    Ok(out)
}

/// Commitment years are stored as `u16`; a year outside has no commitments.
fn year_key(year: i32) -> u16 {
    u16::try_from(year).unwrap_or(0)
}
