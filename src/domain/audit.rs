//! The audit log: who changed what, and when. Append-only. Each entry keeps
//! the record's encoded bytes as they were before the change, so any change,
//! a delete included, can be undone and shown as old -> new.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{EntityKind, Id};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditAction {
    Create,
    Update,
    Delete,
    Restore,
    /// A period closed (chốt số liệu).
    Close,
    /// A closed period reopened; the summary holds the reason.
    Reopen,
    /// A person's personal data erased on request (`soxa purge`); the
    /// entry itself holds none of it.
    Purge,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: Id,
    #[serde(with = "super::date::secs")]
    pub at: NaiveDateTime,
    pub operator: String,
    pub entity: EntityKind,
    pub entity_id: Id,
    pub action: AuditAction,
    /// A short label of the record ("T01-0012 Nguyễn Văn An").
    pub summary: String,
    /// Entries written by one change share the id of its first entry
    /// (deleting a household also deletes its commitments).
    pub group: Id,
    /// The stored bytes of the record before this change; `None` on create.
    pub before: Option<Vec<u8>>,
}
