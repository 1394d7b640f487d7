//! What the ids of a summary's detail lists stand for: hamlets and teams
//! looked up in the [`Dataset`] the summary was computed from; households,
//! commitments and cases in the [`Records`] read for those lists alone.
//! National ID and phone numbers are masked unless the export includes
//! personal data.

use std::collections::{BTreeSet, HashMap};

use crate::domain::text::{mask_national_id, mask_phone};
use crate::domain::{Commitment, Hamlet, Household, Id, MediationCase, Team};
use crate::report::{Dataset, Summary};
use crate::store::{Store, StoreError};

/// The full records a summary's detail lists name, and no others: the
/// summary itself is computed from briefs, which carry no names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Records {
    pub households: Vec<Household>,
    pub commitments: Vec<Commitment>,
    pub cases: Vec<MediationCase>,
}

impl Records {
    /// Reads, by id, every household, commitment and case that `summary`'s
    /// details name.
    pub fn load(store: &Store, summary: &Summary) -> Result<Records, StoreError> {
        let d = &summary.details;
        let mut households = BTreeSet::new();
        let mut commitments = BTreeSet::new();
        for n in &d.not_signed {
            households.insert(n.household);
            commitments.extend(n.commitment);
        }
        for r in &d.refusals {
            households.insert(r.household);
            commitments.insert(r.commitment);
        }
        for v in &d.violations {
            households.insert(v.household);
            commitments.insert(v.commitment);
        }
        let cases: BTreeSet<Id> = d.open_cases.iter().map(|o| o.case).collect();
        let ids = |set: BTreeSet<Id>| set.into_iter().collect::<Vec<_>>();
        Ok(Records {
            households: store.get_many(&ids(households))?,
            commitments: store.get_many(&ids(commitments))?,
            cases: store.get_many(&ids(cases))?,
        })
    }
}

pub struct Names<'a> {
    hamlets: HashMap<Id, &'a Hamlet>,
    households: HashMap<Id, &'a Household>,
    commitments: HashMap<Id, &'a Commitment>,
    teams: HashMap<Id, &'a Team>,
    cases: HashMap<Id, &'a MediationCase>,
    include_personal: bool,
}

fn by_id<T>(records: &[T], id: impl Fn(&T) -> Id) -> HashMap<Id, &T> {
    records.iter().map(|r| (id(r), r)).collect()
}

impl<'a> Names<'a> {
    pub fn new(data: &'a Dataset, records: &'a Records, include_personal: bool) -> Names<'a> {
        Names {
            hamlets: by_id(&data.hamlets, |h| h.id),
            households: by_id(&records.households, |h| h.id),
            commitments: by_id(&records.commitments, |c| c.id),
            teams: by_id(&data.teams, |t| t.id),
            cases: by_id(&records.cases, |c| c.id),
            include_personal,
        }
    }

    /// "Thôn Đông"; empty for an unknown id.
    pub fn hamlet(&self, id: Id) -> String {
        self.hamlets.get(&id).map(|h| h.display_name()).unwrap_or_default()
    }

    /// "T01"; empty for an unknown id.
    pub fn hamlet_code(&self, id: Id) -> String {
        self.hamlets.get(&id).map(|h| h.code.clone()).unwrap_or_default()
    }

    pub fn household(&self, id: Id) -> Option<&'a Household> {
        self.households.get(&id).copied()
    }

    pub fn commitment(&self, id: Id) -> Option<&'a Commitment> {
        self.commitments.get(&id).copied()
    }

    pub fn team(&self, id: Id) -> Option<&'a Team> {
        self.teams.get(&id).copied()
    }

    pub fn case(&self, id: Id) -> Option<&'a MediationCase> {
        self.cases.get(&id).copied()
    }

    /// The household's national ID as the export may show it.
    pub fn national_id(&self, h: &Household) -> String {
        self.personal(h.national_id.as_deref(), mask_national_id)
    }

    /// The household's phone number as the export may show it.
    pub fn phone(&self, h: &Household) -> String {
        self.personal(h.phone.as_deref(), mask_phone)
    }

    fn personal(&self, value: Option<&str>, mask: fn(&str) -> String) -> String {
        match value {
            None => String::new(),
            Some(v) if self.include_personal => v.to_string(),
            Some(v) => mask(v),
        }
    }
}
