//! [`load`]: reads from the store what one period's summary needs; nothing
//! is computed here.
//!
//! Households, commitments and cases come from the store's briefs (a few
//! hundred packed values at 100,000 households, see `store::briefs`), never
//! from the full records; hamlets, teams and members are few and read whole.

use chrono::Datelike;

use super::{Dataset, indicators};
use crate::domain::brief::CaseBrief;
use crate::domain::{Assessment, Commune, EntityKind, Member, Outreach, Period};
use crate::store::{Store, StoreError};

/// Reads every hamlet, household, team and member; the cases that can
/// count (received by end, not closed before start); and the commitments
/// covering year(end) plus any other carrying a violation dated in the
/// period, whatever year it covers.
pub fn load(store: &Store, period: &Period) -> Result<Dataset, StoreError> {
    load_with(store, period, |_| false)
}

/// [`load_with`], or an empty dataset for `commune` on a new ledger whose
/// commune is not saved yet (where `load_with` would refuse): its summary
/// has no rows. What the screens read.
pub fn load_or_empty(
    store: &Store,
    commune: &Commune,
    period: &Period,
    also: impl FnMut(&CaseBrief) -> bool,
) -> Result<Dataset, StoreError> {
    if store.commune()?.is_some() {
        return load_with(store, period, also);
    }
    Ok(Dataset {
        commune: commune.clone(),
        hamlets: Vec::new(),
        households: Vec::new(),
        commitments: Vec::new(),
        teams: Vec::new(),
        members: Vec::new(),
        cases: Vec::new(),
        models: Vec::new(),
        assessments: Vec::new(),
        outreach: Vec::new(),
    })
}

/// [`load`], also keeping the cases `also` accepts, in the same pass (the
/// dashboard's follow-ups due). [`summarize`](super::summarize) ignores a
/// case that cannot count in the period, so the summary is the same.
pub fn load_with(
    store: &Store,
    period: &Period,
    mut also: impl FnMut(&CaseBrief) -> bool,
) -> Result<Dataset, StoreError> {
    let commune = store.commune()?.ok_or(StoreError::NotFound { kind: EntityKind::Commune, id: 0 })?;
    let year = period.report_year();
    let briefs = store.briefs(
        |c| i32::from(c.year) == year || c.violations.iter().any(|v| period.contains(v.date)),
        |c| indicators::case_matters(c, period) || also(c),
    )?;
    let mut members: Vec<Member> = store.all()?;
    members.sort_by_key(|m| m.team);
    Ok(Dataset {
        commune,
        hamlets: store.all()?,
        households: briefs.households,
        commitments: briefs.commitments,
        teams: store.all()?,
        members,
        cases: briefs.cases,
        models: store.all()?,
        assessments: store.all::<Assessment>()?.into_iter().filter(|a| i32::from(a.year) == year).collect(),
        // The report year's sessions too: the dashboard's quarter and its
        // year to date share one read (`summarize` counts those in P).
        outreach: store
            .all::<Outreach>()?
            .into_iter()
            .filter(|s| period.contains(s.date) || s.date.year() == year)
            .collect(),
    })
}
