//! How each kind of record is stored: its tree, its version, its index keys,
//! the records it points to, and its folded search text; and [`by_kind!`],
//! the one place that goes from an [`EntityKind`] to its record type.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::codec::{self, CodecError};
use super::tables::{IndexKeys, Key, T};
use crate::domain::brief::Brief;
use crate::domain::closing::{Dated, Fact};
use crate::domain::text::fold;
use crate::domain::{Assessment, CatalogItem, Commune, Model, Outreach, Settings, Signer};
use crate::domain::{
    CaseStatus, Commitment, EntityKind, Field, FieldError, Hamlet, Household, Id, MediationCase, Member, Stamp, Team,
};

/// A record type the store can keep.
pub trait Record: Serialize + DeserializeOwned + Clone {
    const KIND: EntityKind;
    const TREE: T;
    /// Version byte written in front of new values of this type.
    const VERSION: u8 = 1;

    fn id(&self) -> Id;
    fn set_id(&mut self, id: Id);
    fn stamp(&self) -> Stamp;
    fn set_stamp(&mut self, stamp: Stamp);
    /// Cleans every text field, then checks every field.
    fn clean_and_check(&mut self, today: NaiveDate) -> Result<(), Vec<FieldError>>;
    /// Index keys (tree, key) this record must have; each maps to its id.
    fn index_keys(&self) -> IndexKeys;
    /// Records this one points to, which must exist: (tree, id, field).
    fn references(&self) -> Vec<(T, Id, Field)> {
        Vec::new()
    }
    /// Folded text the quick lookup matches against, if searchable.
    fn search_text(&self) -> Option<String> {
        None
    }
    /// A short label for audit entries and messages.
    fn label(&self) -> String;
    /// The dated facts a closed period freezes (`domain::closing`).
    fn facts(&self) -> Vec<Fact> {
        Vec::new()
    }
    /// True for a kind the periodic summary reads: its records give a
    /// [`Record::brief`] (rebuilding and checking the briefs reads only
    /// these kinds).
    const BRIEFED: bool = false;
    /// The few fields the periodic summary reads, kept beside the record
    /// in the `briefs` tree (see `store::briefs`).
    fn brief(&self) -> Option<Brief> {
        None
    }

    /// Decodes an envelope of any version this build knows. Adding a version
    /// means a frozen struct for the old one and a match arm converting it.
    fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        codec::decode_current(bytes, Self::VERSION)
    }

    fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(Self::VERSION, self)
    }
}

/// The one exhaustive dispatch from an [`EntityKind`] to its record type:
/// `by_kind!(kind, R => expr using R, Commune => expr, Period => expr)`.
/// Every place that takes "any kind" (drafts' revision, undo, `check`,
/// history, deleting from the interface) goes through it, so a new kind is
/// one arm here beside its `impl Record` (docs/ARCHITECTURE.md, "Adding a
/// kind of record"). The commune (one value, no id) and closed periods (kept
/// by `closing`) are not records and get their own arm.
#[macro_export]
macro_rules! by_kind {
    ($kind:expr, $R:ident => $record:expr, Commune => $commune:expr, Period => $period:expr $(,)?) => {
        match $kind {
            $crate::domain::EntityKind::Hamlet => {
                type $R = $crate::domain::Hamlet;
                $record
            }
            $crate::domain::EntityKind::Household => {
                type $R = $crate::domain::Household;
                $record
            }
            $crate::domain::EntityKind::Commitment => {
                type $R = $crate::domain::Commitment;
                $record
            }
            $crate::domain::EntityKind::Team => {
                type $R = $crate::domain::Team;
                $record
            }
            $crate::domain::EntityKind::Member => {
                type $R = $crate::domain::Member;
                $record
            }
            $crate::domain::EntityKind::Case => {
                type $R = $crate::domain::MediationCase;
                $record
            }
            $crate::domain::EntityKind::Model => {
                type $R = $crate::domain::Model;
                $record
            }
            $crate::domain::EntityKind::Assessment => {
                type $R = $crate::domain::Assessment;
                $record
            }
            $crate::domain::EntityKind::Outreach => {
                type $R = $crate::domain::Outreach;
                $record
            }
            $crate::domain::EntityKind::Commune => $commune,
            $crate::domain::EntityKind::Period => $period,
        }
    };
}
pub use by_kind;

/// The tree a kind's records live in.
pub fn tree_of(kind: EntityKind) -> T {
    by_kind!(kind, R => R::TREE, Commune => T::Commune, Period => T::Closed)
}

/// `search` tree key of a record.
pub fn search_key(kind: EntityKind, id: Id) -> Vec<u8> {
    Key::new().u8(kind.code()).u64(id).build()
}

fn folded(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts.iter().filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push_str(" | ");
        }
        out.push_str(&fold(p));
    }
    out
}

macro_rules! common_fields {
    () => {
        fn id(&self) -> Id {
            self.id
        }
        fn set_id(&mut self, id: Id) {
            self.id = id;
        }
        fn stamp(&self) -> Stamp {
            self.stamp
        }
        fn set_stamp(&mut self, stamp: Stamp) {
            self.stamp = stamp;
        }
    };
}

impl Record for Hamlet {
    const KIND: EntityKind = EntityKind::Hamlet;
    const TREE: T = T::Hamlets;
    common_fields!();

    fn clean_and_check(&mut self, _today: NaiveDate) -> Result<(), Vec<FieldError>> {
        self.normalize();
        self.validate()
    }

    fn index_keys(&self) -> IndexKeys {
        vec![(T::IxHamletCode, Key::new().text(&fold(&self.code)).build())]
    }

    fn label(&self) -> String {
        format!("{} {}", self.code, self.display_name())
    }
}

impl Record for Household {
    const KIND: EntityKind = EntityKind::Household;
    const TREE: T = T::Households;
    const BRIEFED: bool = true;
    common_fields!();

    fn brief(&self) -> Option<Brief> {
        Some(Brief::Household(self.into()))
    }

    fn facts(&self) -> Vec<Fact> {
        Dated::facts(self)
    }

    fn clean_and_check(&mut self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        self.normalize();
        self.validate(today)
    }

    fn index_keys(&self) -> IndexKeys {
        vec![
            (T::IxHouseholdCode, Key::new().text(&fold(&self.code)).build()),
            (T::IxHouseholdHamlet, Key::new().u64(self.hamlet).u64(self.id).build()),
        ]
    }

    fn references(&self) -> Vec<(T, Id, Field)> {
        vec![(T::Hamlets, self.hamlet, Field::Hamlet)]
    }

    fn search_text(&self) -> Option<String> {
        let phone = self.phone.as_deref().unwrap_or("");
        let cccd = self.national_id.as_deref().unwrap_or("");
        Some(folded(&[&self.head_name, &self.code, phone, cccd, &self.address]))
    }

    fn label(&self) -> String {
        format!("{} {}", self.code, self.head_name)
    }
}

impl Record for Commitment {
    const KIND: EntityKind = EntityKind::Commitment;
    const TREE: T = T::Commitments;
    const BRIEFED: bool = true;
    common_fields!();

    fn brief(&self) -> Option<Brief> {
        Some(Brief::Commitment(self.into()))
    }

    fn facts(&self) -> Vec<Fact> {
        Dated::facts(self)
    }

    fn clean_and_check(&mut self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        self.normalize();
        self.validate(today)
    }

    fn index_keys(&self) -> IndexKeys {
        vec![(T::IxCommitmentHousehold, Key::new().u64(self.household).u16(self.year).build())]
    }

    fn references(&self) -> Vec<(T, Id, Field)> {
        vec![(T::Households, self.household, Field::Household)]
    }

    fn label(&self) -> String {
        format!("#{} / {}", self.household, self.year)
    }
}

impl Record for Team {
    const KIND: EntityKind = EntityKind::Team;
    const TREE: T = T::Teams;
    common_fields!();

    fn facts(&self) -> Vec<Fact> {
        Dated::facts(self)
    }

    fn clean_and_check(&mut self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        self.normalize();
        self.validate(today)
    }

    fn index_keys(&self) -> IndexKeys {
        vec![(T::IxTeamHamlet, Key::new().u64(self.hamlet.unwrap_or(0)).u64(self.id).build())]
    }

    fn references(&self) -> Vec<(T, Id, Field)> {
        self.hamlet.map(|h| (T::Hamlets, h, Field::Hamlet)).into_iter().collect()
    }

    fn search_text(&self) -> Option<String> {
        Some(folded(&[&self.name]))
    }

    fn label(&self) -> String {
        self.name.clone()
    }
}

impl Record for Member {
    const KIND: EntityKind = EntityKind::Member;
    const TREE: T = T::Members;
    common_fields!();

    fn facts(&self) -> Vec<Fact> {
        Dated::facts(self)
    }

    fn clean_and_check(&mut self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        self.normalize();
        self.validate(today)?;
        self.sort_lists();
        Ok(())
    }

    fn index_keys(&self) -> IndexKeys {
        let mut keys = vec![(T::IxMemberTeam, Key::new().u64(self.team).u64(self.id).build())];
        if let Some(h) = self.household {
            keys.push((T::IxMemberHousehold, Key::new().u64(h).u64(self.id).build()));
        }
        keys
    }

    fn references(&self) -> Vec<(T, Id, Field)> {
        let mut refs = vec![(T::Teams, self.team, Field::Team)];
        refs.extend(self.household.map(|h| (T::Households, h, Field::Household)));
        refs
    }

    fn search_text(&self) -> Option<String> {
        let phone = self.phone.as_deref().unwrap_or("");
        let cccd = self.national_id.as_deref().unwrap_or("");
        Some(folded(&[&self.full_name, phone, cccd]))
    }

    fn label(&self) -> String {
        self.full_name.clone()
    }
}

/// How much of a case's content the lookup searches: enough for "đất",
/// "nợ", a party's nickname; not the whole story.
const CASE_CONTENT_SEARCHED: usize = 160;

impl Record for MediationCase {
    const KIND: EntityKind = EntityKind::Case;
    const TREE: T = T::Cases;
    const BRIEFED: bool = true;
    common_fields!();

    fn brief(&self) -> Option<Brief> {
        Some(Brief::Case(self.into()))
    }

    fn facts(&self) -> Vec<Fact> {
        Dated::facts(self)
    }

    fn clean_and_check(&mut self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        self.normalize();
        self.validate(today)
    }

    fn index_keys(&self) -> IndexKeys {
        let mut keys = vec![
            (T::IxCaseNumber, Key::new().u16(self.year).u32(self.seq).build()),
            (T::IxCaseHamlet, Key::new().u64(self.hamlet).u64(self.id).build()),
            (T::IxCaseStatus, Key::new().u8(status_code(self.status)).u64(self.id).build()),
        ];
        keys.extend(self.mediators.iter().map(|m| (T::IxCaseMediator, Key::new().u64(*m).u64(self.id).build())));
        let households: BTreeSet<Id> = self.parties.iter().filter_map(|p| p.household).collect();
        keys.extend(households.iter().map(|h| (T::IxCaseHousehold, Key::new().u64(*h).u64(self.id).build())));
        keys
    }

    fn references(&self) -> Vec<(T, Id, Field)> {
        let mut refs = vec![(T::Hamlets, self.hamlet, Field::Hamlet)];
        refs.extend(self.mediators.iter().map(|m| (T::Members, *m, Field::Mediators)));
        refs.extend(self.parties.iter().filter_map(|p| p.household).map(|h| (T::Households, h, Field::Household)));
        refs
    }

    fn search_text(&self) -> Option<String> {
        let number = self.number();
        let content: String = self.content.chars().take(CASE_CONTENT_SEARCHED).collect();
        let mut parts: Vec<&str> = vec![&number];
        parts.extend(self.parties.iter().map(|p| p.name.as_str()));
        parts.push(&content);
        Some(folded(&parts))
    }

    fn label(&self) -> String {
        let names: Vec<&str> = self.parties.iter().map(|p| p.name.as_str()).collect();
        format!("{} {}", self.number(), names.join(" - "))
    }
}

/// One byte per case status in index keys; stable forever.
pub fn status_code(status: CaseStatus) -> u8 {
    match status {
        CaseStatus::Received => 0,
        CaseStatus::InProgress => 1,
        CaseStatus::Successful => 2,
        CaseStatus::Unsuccessful => 3,
        CaseStatus::Transferred => 4,
        CaseStatus::Withdrawn => 5,
    }
}

impl Record for Model {
    const KIND: EntityKind = EntityKind::Model;
    const TREE: T = T::Models;
    common_fields!();

    fn facts(&self) -> Vec<Fact> {
        Dated::facts(self)
    }

    fn clean_and_check(&mut self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        self.normalize();
        self.validate(today)
    }

    fn index_keys(&self) -> IndexKeys {
        vec![(T::IxModelHamlet, Key::new().u64(self.hamlet.unwrap_or(0)).u64(self.id).build())]
    }

    fn references(&self) -> Vec<(T, Id, Field)> {
        let mut refs: Vec<(T, Id, Field)> = self.hamlet.map(|h| (T::Hamlets, h, Field::Hamlet)).into_iter().collect();
        refs.extend(self.team.map(|t| (T::Teams, t, Field::Team)));
        refs
    }

    fn search_text(&self) -> Option<String> {
        Some(folded(&[&self.name]))
    }

    fn label(&self) -> String {
        self.name.clone()
    }
}

impl Record for Assessment {
    const KIND: EntityKind = EntityKind::Assessment;
    const TREE: T = T::Assessments;
    common_fields!();

    fn facts(&self) -> Vec<Fact> {
        Dated::facts(self)
    }

    fn clean_and_check(&mut self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        self.normalize();
        self.validate(today)
    }

    fn index_keys(&self) -> IndexKeys {
        vec![(T::IxAssessmentHamlet, Key::new().u64(self.hamlet).u16(self.year).build())]
    }

    fn references(&self) -> Vec<(T, Id, Field)> {
        vec![(T::Hamlets, self.hamlet, Field::Hamlet)]
    }

    fn label(&self) -> String {
        format!("#{} / {}", self.hamlet, self.year)
    }
}

impl Record for Outreach {
    const KIND: EntityKind = EntityKind::Outreach;
    const TREE: T = T::Outreach;
    common_fields!();

    fn facts(&self) -> Vec<Fact> {
        Dated::facts(self)
    }

    fn clean_and_check(&mut self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        self.normalize();
        self.validate(today)
    }

    fn index_keys(&self) -> IndexKeys {
        self.hamlets.iter().map(|h| (T::IxOutreachHamlet, Key::new().u64(*h).u64(self.id).build())).collect()
    }

    fn references(&self) -> Vec<(T, Id, Field)> {
        let mut refs: Vec<(T, Id, Field)> = self.hamlets.iter().map(|h| (T::Hamlets, *h, Field::Hamlet)).collect();
        refs.extend(self.households.iter().map(|h| (T::Households, *h, Field::Attending)));
        refs
    }

    fn search_text(&self) -> Option<String> {
        Some(folded(&[&self.topic, &self.speaker]))
    }

    fn label(&self) -> String {
        format!("{} {}", crate::domain::date::format_dmy(self.date), self.topic)
    }
}

/// The commune as record version 1 stored it (before the plan and the
/// catalogs of model kinds and criteria): frozen, never change it.
#[derive(serde::Deserialize)]
struct CommuneV1 {
    name: String,
    province: String,
    approver: Signer,
    preparer: Signer,
    settings: Settings,
    catalog: Vec<CatalogItem>,
    stamp: Stamp,
}

impl From<CommuneV1> for Commune {
    /// An older commune gets the default plan and the seeded catalogs.
    fn from(v1: CommuneV1) -> Commune {
        Commune {
            settings: v1.settings,
            catalog: v1.catalog,
            approver: v1.approver,
            preparer: v1.preparer,
            stamp: v1.stamp,
            ..Commune::new(&v1.name, &v1.province)
        }
    }
}

/// Version byte written in front of the commune's value.
pub const COMMUNE_VERSION: u8 = 2;

/// Decodes the commune's value of any version this build knows.
pub fn decode_commune(bytes: &[u8]) -> Result<Commune, CodecError> {
    match codec::open_envelope(bytes)? {
        (1, payload) => codec::decode_exact::<CommuneV1>(payload).map(Commune::from),
        (COMMUNE_VERSION, payload) => codec::decode_exact(payload),
        (v, _) => Err(CodecError::UnknownVersion(v)),
    }
}

#[cfg(test)]
mod commune_tests {
    use super::*;

    #[derive(Serialize)]
    struct V1Out<'a> {
        name: &'a str,
        province: &'a str,
        approver: Signer,
        preparer: Signer,
        settings: Settings,
        catalog: Vec<CatalogItem>,
        stamp: Stamp,
    }

    #[test]
    fn a_version_1_commune_reads_with_the_default_plan_and_seeded_catalogs() {
        let catalog = vec![CatalogItem { id: 1, text: "Không đốt pháo".into(), active: true }];
        let v1 = V1Out {
            name: "Xã Nhất Tiến",
            province: "Bình Phước",
            approver: Signer::default(),
            preparer: Signer::default(),
            settings: Settings::default(),
            catalog: catalog.clone(),
            stamp: Stamp::default(),
        };
        let bytes = codec::encode(1, &v1).unwrap();
        let c = decode_commune(&bytes).unwrap();
        assert_eq!((c.name.as_str(), c.catalog.clone()), ("Xã Nhất Tiến", catalog));
        assert_eq!(c.plan, crate::domain::Plan::default());
        assert_eq!(c.model_kinds.len(), 6);
        assert_eq!(c.criteria.len(), 5);
        let again = codec::encode(COMMUNE_VERSION, &c).unwrap();
        assert_eq!(decode_commune(&again).unwrap(), c);
        assert_eq!(decode_commune(&[3, 0]), Err(CodecError::UnknownVersion(3)));
    }
}
