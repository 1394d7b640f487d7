//! Reading records: by id, by page, through the indexes, and the audit log.
//! Every read decodes through the record's versioned codec; a value that does
//! not decode is reported as damage, never skipped silently.

use super::codec;
use super::record::{Record, decode_commune};
use super::tables::{Key, T, id_from_bytes};
use super::write::{AUDIT_VERSION, COMMUNE_KEY};
use super::{Store, StoreError};
use crate::domain::{Assessment, Model, Outreach};
use crate::domain::{
    AuditEntry, CaseStatus, Commitment, CommitmentStatus, Commune, EntityKind, Hamlet, Household, Id, MediationCase,
    Member, Team,
};

impl Store {
    pub fn get<R: Record>(&self, id: Id) -> Result<Option<R>, StoreError> {
        match self.load::<R>(id) {
            Ok((rec, _)) => Ok(Some(rec)),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The records of `ids` that exist, in that order (sorted ids read each
    /// packed bucket once).
    pub fn get_many<R: Record>(&self, ids: &[Id]) -> Result<Vec<R>, StoreError> {
        let keys: Vec<[u8; 8]> = ids.iter().map(|id| id.to_be_bytes()).collect();
        let values = self.table(R::TREE).get_each(&keys)?;
        values.iter().flatten().map(|bytes| self.decode::<R>(bytes)).collect()
    }

    /// Records in id order, `limit` at a time, starting after id `after`.
    pub fn page<R: Record>(&self, after: Option<Id>, limit: usize) -> Result<Vec<R>, StoreError> {
        let start = after.map_or(0, |a| a.saturating_add(1));
        self.table(R::TREE).range_from(&start.to_be_bytes()).take(limit).map(|kv| self.decode::<R>(&kv?.1)).collect()
    }

    /// Every record of a type, in id order.
    pub fn all<R: Record>(&self) -> Result<Vec<R>, StoreError> {
        self.table(R::TREE).iter().map(|kv| self.decode::<R>(&kv?.1)).collect()
    }

    /// Every record of a type that `keep` accepts, in id order. One pass,
    /// decoding one record at a time, so only the kept ones are held.
    pub fn all_where<R: Record>(&self, mut keep: impl FnMut(&R) -> bool) -> Result<Vec<R>, StoreError> {
        let mut out = Vec::new();
        for kv in self.table(R::TREE).iter() {
            let rec = self.decode::<R>(&kv?.1)?;
            if keep(&rec) {
                out.push(rec);
            }
        }
        Ok(out)
    }

    pub fn count<R: Record>(&self) -> usize {
        self.table(R::TREE).len()
    }

    pub fn commune(&self) -> Result<Option<Commune>, StoreError> {
        self.counters.read(T::Commune);
        self.table(T::Commune)
            .get(COMMUNE_KEY)?
            .map(|b| decode_commune(&b).map_err(|e| corrupt(T::Commune, e)))
            .transpose()
    }

    pub fn hamlet_by_code(&self, code: &str) -> Result<Option<Hamlet>, StoreError> {
        self.by_unique(T::IxHamletCode, &Key::new().text(&crate::domain::text::fold(code)).build())
    }

    pub fn household_by_code(&self, code: &str) -> Result<Option<Household>, StoreError> {
        let code = crate::domain::text::clean_line(code).to_uppercase();
        self.by_unique(T::IxHouseholdCode, &Key::new().text(&crate::domain::text::fold(&code)).build())
    }

    pub fn households_in_hamlet(&self, hamlet: Id) -> Result<Vec<Id>, StoreError> {
        self.ids_with_prefix(T::IxHouseholdHamlet, &Key::new().u64(hamlet).build())
    }

    /// A household's commitments, oldest year first.
    pub fn commitments_of(&self, household: Id) -> Result<Vec<Commitment>, StoreError> {
        let ids = self.ids_with_prefix(T::IxCommitmentHousehold, &Key::new().u64(household).build())?;
        self.get_many(&ids)
    }

    pub fn commitment_for(&self, household: Id, year: u16) -> Result<Option<Commitment>, StoreError> {
        self.by_unique(T::IxCommitmentHousehold, &Key::new().u64(household).u16(year).build())
    }

    /// Every commitment covering `year`, in household order.
    pub fn commitments_for_year(&self, year: u16) -> Result<Vec<Commitment>, StoreError> {
        let mut briefs = self.commitment_briefs(|c| c.year == year)?;
        briefs.sort_unstable_by_key(|c| c.household);
        let ids: Vec<Id> = briefs.iter().map(|c| c.id).collect();
        self.get_many(&ids)
    }

    /// The status of every commitment covering `year`, by household, in
    /// household order: what a list of households shows, read from the
    /// briefs (no full commitment is decoded).
    pub fn commitment_statuses(&self, year: u16) -> Result<Vec<(Id, CommitmentStatus)>, StoreError> {
        let briefs = self.commitment_briefs(|c| c.year == year)?;
        let mut statuses: Vec<(Id, CommitmentStatus)> = briefs.into_iter().map(|c| (c.household, c.status)).collect();
        // A household has one commitment per year (a unique index).
        statuses.sort_unstable_by_key(|(household, _)| *household);
        Ok(statuses)
    }

    /// Teams of a hamlet; `None` lists the commune-wide teams.
    pub fn teams_in_hamlet(&self, hamlet: Option<Id>) -> Result<Vec<Team>, StoreError> {
        let ids = self.ids_with_prefix(T::IxTeamHamlet, &Key::new().u64(hamlet.unwrap_or(0)).build())?;
        self.get_many(&ids)
    }

    pub fn members_of_team(&self, team: Id) -> Result<Vec<Member>, StoreError> {
        let ids = self.ids_with_prefix(T::IxMemberTeam, &Key::new().u64(team).build())?;
        self.get_many(&ids)
    }

    /// Team memberships of the people of a household.
    pub fn members_of_household(&self, household: Id) -> Result<Vec<Member>, StoreError> {
        let ids = self.ids_with_prefix(T::IxMemberHousehold, &Key::new().u64(household).build())?;
        self.get_many(&ids)
    }

    /// Models of a hamlet; `None` lists the commune-wide models.
    pub fn models_in_hamlet(&self, hamlet: Option<Id>) -> Result<Vec<Model>, StoreError> {
        let ids = self.ids_with_prefix(T::IxModelHamlet, &Key::new().u64(hamlet.unwrap_or(0)).build())?;
        self.get_many(&ids)
    }

    /// The assessment of a hamlet for a year.
    pub fn assessment_for(&self, hamlet: Id, year: u16) -> Result<Option<Assessment>, StoreError> {
        self.by_unique(T::IxAssessmentHamlet, &Key::new().u64(hamlet).u16(year).build())
    }

    /// Outreach sessions held for a hamlet (among others), oldest entered first.
    pub fn outreach_in_hamlet(&self, hamlet: Id) -> Result<Vec<Outreach>, StoreError> {
        let ids = self.ids_with_prefix(T::IxOutreachHamlet, &Key::new().u64(hamlet).build())?;
        self.get_many(&ids)
    }

    /// A case by its log-book number `seq/year`.
    pub fn case_by_number(&self, year: u16, seq: u32) -> Result<Option<MediationCase>, StoreError> {
        self.by_unique(T::IxCaseNumber, &Key::new().u16(year).u32(seq).build())
    }

    pub fn cases_in_hamlet(&self, hamlet: Id) -> Result<Vec<Id>, StoreError> {
        self.ids_with_prefix(T::IxCaseHamlet, &Key::new().u64(hamlet).build())
    }

    pub fn cases_with_status(&self, status: CaseStatus) -> Result<Vec<Id>, StoreError> {
        let code = super::record::status_code(status);
        self.ids_with_prefix(T::IxCaseStatus, &Key::new().u8(code).build())
    }

    /// The highest case number in use for `year` (0 if none).
    pub(super) fn highest_case_seq(&self, year: u16) -> Result<u32, StoreError> {
        // Never packed (`T::layout`): sled walks it backwards.
        let last = self.raw(T::IxCaseNumber).scan_prefix(year.to_be_bytes()).next_back().transpose()?;
        Ok(last.and_then(|(k, _)| <[u8; 4]>::try_from(k.get(2..6)?).ok()).map_or(0, u32::from_be_bytes))
    }

    /// Cases that name `member` as a mediator.
    pub fn cases_of_mediator(&self, member: Id) -> Result<Vec<Id>, StoreError> {
        self.ids_with_prefix(T::IxCaseMediator, &Key::new().u64(member).build())
    }

    /// Cases where someone of `household` is a party.
    pub fn cases_of_household(&self, household: Id) -> Result<Vec<Id>, StoreError> {
        self.ids_with_prefix(T::IxCaseHousehold, &Key::new().u64(household).build())
    }

    /// The newest audit entries, newest first.
    pub fn recent_audit(&self, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        self.counters.audit_read();
        self.raw(T::Audit).iter().rev().take(limit).map(|kv| decode_audit(&kv?.1)).collect()
    }

    /// The history of one record, oldest first.
    pub fn audit_of(&self, kind: EntityKind, id: Id) -> Result<Vec<AuditEntry>, StoreError> {
        self.counters.audit_read();
        let ids = self.ids_with_prefix(T::IxAuditEntity, &Key::new().u8(kind.code()).u64(id).build())?;
        let tree = self.table(T::Audit);
        ids.iter().filter_map(|a| tree.get(a.to_be_bytes()).transpose()).map(|b| decode_audit(&b?)).collect()
    }

    /// Ids stored as values under a key prefix of an index tree, in key order.
    pub(super) fn ids_with_prefix(&self, t: T, prefix: &[u8]) -> Result<Vec<Id>, StoreError> {
        self.table(t)
            .scan_prefix(prefix)
            .map(|kv| {
                let (_, v) = kv?;
                id_from_bytes(&v).ok_or_else(|| StoreError::Corrupt { tree: t.name(), detail: "bad id".into() })
            })
            .collect()
    }

    fn by_unique<R: Record>(&self, t: T, key: &[u8]) -> Result<Option<R>, StoreError> {
        match self.table(t).get(key)?.and_then(|v| id_from_bytes(&v)) {
            Some(id) => self.get(id),
            None => Ok(None),
        }
    }

    /// Every entry of tree `t` as the ledger means it (key, value), in key
    /// order, whatever layout the tree is stored in: what an upgrade must
    /// keep, entry for entry.
    pub fn entries_of(&self, t: T) -> Result<Vec<Entry>, StoreError> {
        let entries = self.table(t).iter().map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())));
        let mut entries = entries.collect::<Result<Vec<Entry>, _>>()?;
        // A hashed tree is walked in bucket order.
        entries.sort_unstable();
        Ok(entries)
    }

    /// Number of entries in every tree, by tree name.
    pub fn tree_sizes(&self) -> Vec<(&'static str, usize)> {
        T::ALL.iter().map(|t| (t.name(), self.table(*t).len())).collect()
    }
}

/// One entry of a tree: key and value.
pub type Entry = (Vec<u8>, Vec<u8>);

fn corrupt(t: T, e: codec::CodecError) -> StoreError {
    StoreError::Corrupt { tree: t.name(), detail: e.to_string() }
}

impl Store {
    /// Decodes one record read from its tree, and counts the read.
    fn decode<R: Record>(&self, bytes: &[u8]) -> Result<R, StoreError> {
        self.counters.read(R::TREE);
        R::decode(bytes).map_err(|e| corrupt(R::TREE, e))
    }
}

pub(super) fn decode_audit(bytes: &[u8]) -> Result<AuditEntry, StoreError> {
    codec::decode_current(bytes, AUDIT_VERSION).map_err(|e| corrupt(T::Audit, e))
}
