//! The commune's records as plain Rust values, and the rules they obey.
//!
//! Nothing here does I/O, knows sled or draws on a terminal: the store, the
//! reports and the screens all stand on these types. Every record is cleaned
//! with `normalize()` and checked with `validate(today)`, which returns every
//! field error at once; the store refuses anything that does not pass.

pub mod access;
pub mod assessment;
pub mod audit;
pub mod brief;
pub mod case;
pub mod closing;
pub mod commitment;
pub mod commune;
pub mod date;
pub mod diff;
pub mod household;
pub mod indicator;
pub mod model;
pub mod operator;
pub mod outreach;
pub mod period;
pub mod plan;
mod problem;
pub mod purge;
pub mod request;
pub mod retention;
pub mod rules;
pub mod team;
pub mod text;
pub mod warnings;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

pub use assessment::{AreaResult, Assessment, Classification, Mark};
pub use audit::{AuditAction, AuditEntry};
pub use case::{CaseCategory, CaseSource, CaseStatus, FollowUp, MediationCase, Party, StatusChange};
pub use commitment::{CannotSign, Commitment, CommitmentStatus, Violation};
pub use commune::{Catalog, CatalogItem, Commune, Hamlet, HamletKind, Settings, Signer};
pub use household::{Household, HouseholdStatus};
pub use model::{Model, Review, Verdict};
pub use outreach::Outreach;
pub use period::{Period, PeriodKind};
pub use plan::{Due, DueDay, DueReport, DueState, Plan};
pub use problem::{Errors, Field, FieldError, Problem};
pub use team::{Departure, Gender, Member, Rating, Role, Team, TeamKind, TeamStatus, Training, YearRating};
pub use warnings::Warning;

/// Record identifier: unique in its database, never reused.
pub type Id = u64;

/// Interface and report language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// When a record was created and last changed (local time).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    #[serde(with = "date::secs")]
    pub created_at: NaiveDateTime,
    #[serde(with = "date::secs")]
    pub updated_at: NaiveDateTime,
}

impl Default for Stamp {
    fn default() -> Self {
        let epoch = chrono::DateTime::UNIX_EPOCH.naive_utc();
        Stamp { created_at: epoch, updated_at: epoch }
    }
}

/// The kinds of record, as named in audit entries, search hits and `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    Commune,
    Hamlet,
    Household,
    Commitment,
    Team,
    Member,
    Case,
    /// A closed period (chốt số liệu); its audit entries name it by
    /// [`closing::period_entity_id`].
    Period,
    /// A self-management model (mô hình tự quản).
    Model,
    /// A residential area's yearly assessment.
    Assessment,
    /// An outreach session (buổi tuyên truyền).
    Outreach,
}

impl EntityKind {
    pub const ALL: [EntityKind; 11] = [
        EntityKind::Commune,
        EntityKind::Hamlet,
        EntityKind::Household,
        EntityKind::Commitment,
        EntityKind::Team,
        EntityKind::Member,
        EntityKind::Case,
        EntityKind::Period,
        EntityKind::Model,
        EntityKind::Assessment,
        EntityKind::Outreach,
    ];

    /// One byte for keys; stable forever.
    pub fn code(self) -> u8 {
        match self {
            EntityKind::Commune => 0,
            EntityKind::Hamlet => 1,
            EntityKind::Household => 2,
            EntityKind::Commitment => 3,
            EntityKind::Team => 4,
            EntityKind::Member => 5,
            EntityKind::Case => 6,
            EntityKind::Period => 7,
            EntityKind::Model => 8,
            EntityKind::Assessment => 9,
            EntityKind::Outreach => 10,
        }
    }

    pub fn from_code(code: u8) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.code() == code)
    }
}
