//! [`load`]: reads from the store what one period's summary needs; nothing
//! is computed here.
//!
//! Households, commitments and cases come from the store's briefs (a few
//! hundred packed values at 100,000 households, see `store::briefs`), never
//! from the full records; hamlets, teams and members are few and read whole.

use chrono::Datelike;

use super::{Dataset, indicators};
use crate::domain::brief::CaseBrief;
use crate::domain::{Assessment, Commune, EntityKind, Hamlet, Member, Model, Outreach, Period, Team};
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
    also: impl Fn(&CaseBrief) -> bool + Sync,
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
    also: impl Fn(&CaseBrief) -> bool + Sync,
) -> Result<Dataset, StoreError> {
    let commune = store.commune()?.ok_or(StoreError::NotFound { kind: EntityKind::Commune, id: 0 })?;
    let year = period.report_year();
    // The few whole records on a second thread while this one reads the
    // briefs (commune PCs have two cores).
    let (briefs, whole) = std::thread::scope(|scope| {
        let whole = scope.spawn(|| Whole::load(store, period));
        let briefs = store.briefs(
            |c| i32::from(c.year) == year || c.violations.iter().any(|v| period.contains(v.date)),
            |c| indicators::case_matters(c, period) || also(c),
        );
        (briefs, whole.join().unwrap_or_else(|_| Err(StoreError::Storage("record reader stopped".into()))))
    });
    let (briefs, whole) = (briefs?, whole?);
    Ok(Dataset {
        commune,
        hamlets: whole.hamlets,
        households: briefs.households,
        commitments: briefs.commitments,
        teams: whole.teams,
        members: whole.members,
        cases: briefs.cases,
        models: whole.models,
        assessments: whole.assessments,
        outreach: whole.outreach,
    })
}

/// The records [`load_with`] reads whole: few, whatever the households.
struct Whole {
    hamlets: Vec<Hamlet>,
    teams: Vec<Team>,
    /// Sorted by team.
    members: Vec<Member>,
    models: Vec<Model>,
    /// Of the report year.
    assessments: Vec<Assessment>,
    outreach: Vec<Outreach>,
}

impl Whole {
    fn load(store: &Store, period: &Period) -> Result<Whole, StoreError> {
        let year = period.report_year();
        let mut members: Vec<Member> = store.all()?;
        members.sort_by_key(|m| m.team);
        Ok(Whole {
            hamlets: store.all()?,
            teams: store.all()?,
            members,
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
}
