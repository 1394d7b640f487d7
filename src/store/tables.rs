//! The sled trees of a soxa database and the layout of their keys.
//!
//! Record trees map a big-endian `u64` id to an envelope. Index trees map a
//! key built from the indexed fields to the record's id (big-endian), so a
//! prefix scan lists records in id order within a hamlet, a team, a year.
//! The `search` tree maps `kind byte + id` to the record's folded search text.

/// Where a packed tree's keys are bucketed (see `store::packed`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// In key order: keys whose bytes before `offset` are the same and
    /// whose big-endian `u64` at `offset` (an id) shares all but its low
    /// `bits` share a bucket.
    Ordered { offset: usize, bits: u32 },
    /// By the top `bits` of the key's FNV-1a hash, for a text key with no
    /// id to split on; such a tree is read by key or whole, never in order.
    Hashed { bits: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T {
    Meta,
    Commune,
    Audit,
    Search,
    Hamlets,
    Households,
    Commitments,
    Teams,
    Members,
    Cases,
    /// Unique: hamlet code -> id.
    IxHamletCode,
    /// Unique: household code -> id.
    IxHouseholdCode,
    /// hamlet + household -> id.
    IxHouseholdHamlet,
    /// Unique: household + year -> commitment id.
    IxCommitmentHousehold,
    /// hamlet (0 for commune-wide) + team -> id.
    IxTeamHamlet,
    /// team + member -> id.
    IxMemberTeam,
    /// household + member -> id.
    IxMemberHousehold,
    /// Unique: year + sequence -> case id.
    IxCaseNumber,
    /// hamlet + case -> id.
    IxCaseHamlet,
    /// status + case -> id.
    IxCaseStatus,
    /// entity kind + entity id + audit id -> audit id.
    IxAuditEntity,
    /// mediator (member) + case -> case id.
    IxCaseMediator,
    /// household of a party + case -> case id.
    IxCaseHousehold,
    /// Closed periods: `p` + period code -> header (JSON), `s` + code ->
    /// the summary as sent (JSON); see `store::closing`.
    Closed,
    /// Briefs of households, commitments and cases for the summary:
    /// kind code + bucket (id >> `briefs::BUCKET_BITS`) -> the briefs of
    /// that bucket, in id order; see `store::briefs`.
    Briefs,
    /// Self-management models.
    Models,
    /// Residential areas' yearly assessments.
    Assessments,
    /// Outreach sessions (attending households inside each value).
    Outreach,
    /// hamlet (0 for commune-wide) + model -> id.
    IxModelHamlet,
    /// Unique: hamlet + year -> assessment id.
    IxAssessmentHamlet,
    /// hamlet + session -> id (one entry per hamlet of the session).
    IxOutreachHamlet,
    /// Folded name -> operator (schema 4); see `store::operators`.
    Operators,
    /// Sequence -> access-log entry, append-only (schema 4).
    AccessLog,
    /// Id -> a data subject's request (the register; schema 4).
    Requests,
}

impl T {
    pub const ALL: [T; 34] = [
        T::Meta,
        T::Commune,
        T::Audit,
        T::Search,
        T::Hamlets,
        T::Households,
        T::Commitments,
        T::Teams,
        T::Members,
        T::Cases,
        T::IxHamletCode,
        T::IxHouseholdCode,
        T::IxHouseholdHamlet,
        T::IxCommitmentHousehold,
        T::IxTeamHamlet,
        T::IxMemberTeam,
        T::IxMemberHousehold,
        T::IxCaseNumber,
        T::IxCaseHamlet,
        T::IxCaseStatus,
        T::IxAuditEntity,
        T::IxCaseMediator,
        T::IxCaseHousehold,
        T::Closed,
        T::Briefs,
        T::Models,
        T::Assessments,
        T::Outreach,
        T::IxModelHamlet,
        T::IxAssessmentHamlet,
        T::IxOutreachHamlet,
        T::Operators,
        T::AccessLog,
        T::Requests,
    ];

    /// Trees of older schemas that nothing reads any more, dropped by the
    /// migration: `ix_commitment_year` (year + household -> commitment),
    /// superseded in schema 2 by the commitments' briefs.
    pub const RETIRED: [&'static str; 1] = ["ix_commitment_year"];

    /// The sled tree name; stable forever, part of the file format.
    pub fn name(self) -> &'static str {
        match self {
            T::Meta => "meta",
            T::Commune => "commune",
            T::Audit => "audit",
            T::Search => "search",
            T::Hamlets => "hamlets",
            T::Households => "households",
            T::Commitments => "commitments",
            T::Teams => "teams",
            T::Members => "members",
            T::Cases => "cases",
            T::IxHamletCode => "ix_hamlet_code",
            T::IxHouseholdCode => "ix_household_code",
            T::IxHouseholdHamlet => "ix_household_hamlet",
            T::IxCommitmentHousehold => "ix_commitment_household",
            T::IxTeamHamlet => "ix_team_hamlet",
            T::IxMemberTeam => "ix_member_team",
            T::IxMemberHousehold => "ix_member_household",
            T::IxCaseNumber => "ix_case_number",
            T::IxCaseHamlet => "ix_case_hamlet",
            T::IxCaseStatus => "ix_case_status",
            T::IxAuditEntity => "ix_audit_entity",
            T::IxCaseMediator => "ix_case_mediator",
            T::IxCaseHousehold => "ix_case_household",
            T::Closed => "closed_periods",
            T::Briefs => "briefs",
            T::Models => "models",
            T::Assessments => "assessments",
            T::Outreach => "outreach",
            T::IxModelHamlet => "ix_model_hamlet",
            T::IxAssessmentHamlet => "ix_assessment_hamlet",
            T::IxOutreachHamlet => "ix_outreach_hamlet",
            T::Operators => "operators",
            T::AccessLog => "access_log",
            T::Requests => "requests",
        }
    }

    /// A unique index refuses a second record with the same key.
    pub fn is_unique(self) -> bool {
        matches!(
            self,
            T::IxHamletCode | T::IxHouseholdCode | T::IxCommitmentHousehold | T::IxCaseNumber | T::IxAssessmentHamlet
        )
    }

    /// The record tree whose records write entries into index tree `self`
    /// (any other tree: itself).
    pub fn owner(self) -> T {
        match self {
            T::IxHamletCode => T::Hamlets,
            T::IxHouseholdCode | T::IxHouseholdHamlet => T::Households,
            T::IxCommitmentHousehold => T::Commitments,
            T::IxTeamHamlet => T::Teams,
            T::IxMemberTeam | T::IxMemberHousehold => T::Members,
            T::IxCaseNumber | T::IxCaseHamlet | T::IxCaseStatus | T::IxCaseMediator | T::IxCaseHousehold => T::Cases,
            T::IxModelHamlet => T::Models,
            T::IxAssessmentHamlet => T::Assessments,
            T::IxOutreachHamlet => T::Outreach,
            other => other,
        }
    }

    /// How the tree is packed (schema 5; see `store::packed`), or `None`
    /// for a tree kept one sled key per entry. Packed: the trees with a key
    /// per household, commitment or case, which held nine keys in ten of a
    /// 100,000-household ledger. A bucket spans 32 ids of records and
    /// search texts (a few KiB), 16 of cases (a case holds its whole story),
    /// 256 of the small index entries, and one 4,096th of the household
    /// codes; stable forever once written, since each bucket key ends with
    /// its `bits` (0xFF for a hashed tree).
    pub fn layout(self) -> Option<Layout> {
        let ordered = |offset, bits| Some(Layout::Ordered { offset, bits });
        match self {
            T::Households | T::Commitments | T::IxCommitmentHousehold => ordered(0, 5),
            T::Cases => ordered(0, 4),
            T::Search => ordered(1, 5),
            T::IxCaseStatus => ordered(1, 8),
            T::IxHouseholdHamlet | T::IxCaseHamlet | T::IxCaseMediator | T::IxCaseHousehold => ordered(8, 8),
            T::IxHouseholdCode => Some(Layout::Hashed { bits: 12 }),
            _ => None,
        }
    }

    /// Trees whose entries are derived from records (checked by `check`).
    pub fn is_derived(self) -> bool {
        self == T::Search || self == T::Briefs || self.name().starts_with("ix_")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_order_matches_discriminants() {
        for (i, t) in T::ALL.iter().enumerate() {
            assert_eq!(*t as usize, i, "{t:?}");
        }
        let names: std::collections::HashSet<&str> = T::ALL.iter().map(|t| t.name()).collect();
        assert_eq!(names.len(), T::ALL.len());
    }
}

/// Builds index keys from big-endian parts.
#[derive(Default)]
pub struct Key(Vec<u8>);

impl Key {
    pub fn new() -> Self {
        Key(Vec::with_capacity(24))
    }

    pub fn u64(mut self, v: u64) -> Self {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }

    pub fn u32(mut self, v: u32) -> Self {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }

    pub fn u16(mut self, v: u16) -> Self {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }

    pub fn u8(mut self, v: u8) -> Self {
        self.0.push(v);
        self
    }

    pub fn text(mut self, s: &str) -> Self {
        self.0.extend_from_slice(s.as_bytes());
        self
    }

    pub fn build(self) -> Vec<u8> {
        self.0
    }
}

/// The record id in a big-endian key or value, if it is exactly 8 bytes.
pub fn id_from_bytes(bytes: &[u8]) -> Option<u64> {
    <[u8; 8]>::try_from(bytes).ok().map(u64::from_be_bytes)
}

/// The id at the end of a composite key.
pub fn trailing_id(key: &[u8]) -> Option<u64> {
    key.len().checked_sub(8).and_then(|start| id_from_bytes(&key[start..]))
}

/// The index entries a record implies: (index tree, key), each mapping to its id.
pub type IndexKeys = Vec<(T, Vec<u8>)>;
