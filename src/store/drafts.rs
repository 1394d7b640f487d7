//! The crash-safe draft of a form being filled in, kept as `draft.json` in
//! the ledger's folder, and what it was made from.
//!
//! The store owns the file because the store owns the folder, and because
//! the changes that make a draft dangerous to save (an import, a purge, a
//! restore, another ledger in the same folder) happen here or below the
//! interface. A draft carries its [`Origin`]: the ledger it was made in and
//! the revision of each record it was built from. [`Store::standing`] says
//! whether those still hold, so the interface never writes an old form over
//! newer data without the clerk seeing it. What the form itself holds (its
//! fields and values) is the interface's, carried here as opaque JSON.
//!
//! Purge clears a draft that names a purged record or holds an erased
//! value; a restore clears any draft (the ledger is another one).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::record::{Record, by_kind};
use super::tables::T;
use super::write::COMMUNE_KEY;
use super::{Store, StoreError};
use crate::domain::text::fold;
use crate::domain::{EntityKind, Id};

const FILE: &str = "draft.json";
const META_LEDGER: &[u8] = b"ledger_id";

/// A record a draft was built from, and its revision then.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Based {
    pub kind: EntityKind,
    pub id: Id,
    pub revision: u32,
}

/// Where a draft comes from: which ledger, which records in which state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub ledger: String,
    /// The record the form edits first (if it edits one), then the records
    /// it hangs from (a new commitment's household).
    pub records: Vec<Based>,
}

/// A draft as written on disk: its origin, then the interface's form.
#[derive(Serialize, Deserialize)]
pub struct DraftFile<F> {
    pub origin: Origin,
    pub form: F,
}

/// Whether a draft can still be offered as it was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Same ledger, every record as it was: the draft applies unchanged.
    Current,
    /// Same ledger, but these records changed since (the edited one first).
    Changed(Vec<(EntityKind, Id)>),
    /// A record it was made from is gone (deleted, or never restored).
    Gone(EntityKind, Id),
    /// The draft was made in another ledger (a restore or a demo replaced
    /// the one it belongs to).
    OtherLedger,
}

fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// Writes `draft` (best effort: a draft that cannot be written must not
/// stop the clerk from typing). Owner-only on Unix: it holds personal data.
pub fn save<F: Serialize>(dir: &Path, draft: &DraftFile<F>) {
    let Ok(json) = serde_json::to_vec(draft) else { return };
    let tmp = dir.join("draft.json.tmp");
    if super::folder::write_fresh(&tmp, &json).is_ok() {
        let _ = fs::rename(&tmp, path(dir));
    }
}

/// What `draft.json` holds: `None` when there is none, `Some(Err)` when
/// there is a file this build cannot read as a draft (an older soxa's,
/// damaged): it cannot be checked, so it must not be offered.
pub fn load<F: DeserializeOwned>(dir: &Path) -> Option<Result<DraftFile<F>, ()>> {
    let bytes = match fs::read(path(dir)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(_) => return Some(Err(())),
    };
    Some(serde_json::from_slice(&bytes).map_err(|_| ()))
}

pub fn clear(dir: &Path) {
    let _ = fs::remove_file(path(dir));
    let _ = fs::remove_file(dir.join("draft.json.tmp"));
}

/// Clears the draft if it names one of `records` or holds one of `values`
/// (compared folded, so "Nguyễn Văn An" typed as "nguyen van an" counts).
/// Returns whether a draft was cleared.
pub fn clear_naming(dir: &Path, records: &[(EntityKind, Id)], values: &[String]) -> bool {
    let Some(found) = load::<serde_json::Value>(dir) else { return false };
    let names_one = |draft: &DraftFile<serde_json::Value>| {
        let about = draft.origin.records.iter().any(|b| records.contains(&(b.kind, b.id)));
        let text = fold(&draft.form.to_string());
        let holds = values.iter().map(|v| fold(v)).any(|v| v.chars().count() >= 3 && text.contains(&v));
        about || holds
    };
    // A draft that cannot be read cannot be shown to hold nothing of theirs.
    let clear_it = match &found {
        Ok(draft) => names_one(draft),
        Err(()) => true,
    };
    if clear_it {
        clear(dir);
    }
    clear_it
}

impl Store {
    /// The ledger's own identity, made once and kept in the `meta` tree (so
    /// a backup restored over it brings its own).
    pub fn ledger_id(&self) -> Result<String, StoreError> {
        let meta = self.raw(T::Meta);
        if let Some(id) = meta.get(META_LEDGER)? {
            return Ok(String::from_utf8_lossy(&id).into_owned());
        }
        let id = format!("{:032x}", rand::random::<u128>());
        let stored = meta.compare_and_swap(META_LEDGER, None as Option<&[u8]>, Some(id.as_bytes()))?;
        self.flush()?;
        match stored {
            Ok(()) => Ok(id),
            Err(current) => Ok(current.current.map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or(id)),
        }
    }

    /// A short fingerprint of the record as stored (`None`: no such record).
    pub fn revision(&self, kind: EntityKind, id: Id) -> Result<Option<u32>, StoreError> {
        let (tree, key) = by_kind!(kind,
            R => (R::TREE, id.to_be_bytes().to_vec()),
            Commune => (T::Commune, COMMUNE_KEY.to_vec()),
            Period => return Ok(None),
        );
        Ok(self.table(tree).get(key)?.map(|bytes| crc32fast::hash(&bytes)))
    }

    /// The origin of a draft of a form built now from `records`; one that
    /// does not exist yet (the commune on a ledger's first start) is left out.
    pub fn origin(&self, records: &[(EntityKind, Id)]) -> Result<Origin, StoreError> {
        let mut based = Vec::new();
        for &(kind, id) in records {
            if let Some(revision) = self.revision(kind, id)? {
                based.push(Based { kind, id, revision });
            }
        }
        Ok(Origin { ledger: self.ledger_id()?, records: based })
    }

    /// Whether a draft made at `origin` still applies to this ledger.
    pub fn standing(&self, origin: &Origin) -> Result<Standing, StoreError> {
        if origin.ledger != self.ledger_id()? {
            return Ok(Standing::OtherLedger);
        }
        let mut changed = Vec::new();
        for based in &origin.records {
            match self.revision(based.kind, based.id)? {
                None => return Ok(Standing::Gone(based.kind, based.id)),
                Some(now) if now != based.revision => changed.push((based.kind, based.id)),
                Some(_) => {}
            }
        }
        Ok(if changed.is_empty() { Standing::Current } else { Standing::Changed(changed) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(records: Vec<Based>, form: &str) -> DraftFile<serde_json::Value> {
        DraftFile { origin: Origin { ledger: "x".into(), records }, form: serde_json::json!({ "values": [form] }) }
    }

    #[test]
    fn a_draft_is_cleared_when_it_names_a_record_or_holds_a_value() {
        let tmp = tempfile::tempdir().unwrap();
        let household = Based { kind: EntityKind::Household, id: 7, revision: 1 };
        save(tmp.path(), &draft(vec![household.clone()], "Nguyễn Văn An"));
        assert!(!clear_naming(tmp.path(), &[(EntityKind::Household, 8)], &["Lê Thị Hoa".into()]));
        assert!(load::<serde_json::Value>(tmp.path()).is_some());
        assert!(clear_naming(tmp.path(), &[(EntityKind::Household, 7)], &[]));
        assert!(load::<serde_json::Value>(tmp.path()).is_none());
        save(tmp.path(), &draft(vec![], "ông NGUYEN van an đã ký"));
        assert!(clear_naming(tmp.path(), &[], &["Nguyễn Văn An".into()]));
        assert!(load::<serde_json::Value>(tmp.path()).is_none());
    }

    #[test]
    fn an_unreadable_draft_is_reported_and_cleared_by_a_purge() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(path(tmp.path()), br#"{"kind":{"Household":3},"values":["An"]}"#).unwrap();
        assert!(matches!(load::<serde_json::Value>(tmp.path()), Some(Err(()))));
        assert!(clear_naming(tmp.path(), &[], &[]));
        assert!(load::<serde_json::Value>(tmp.path()).is_none());
    }
}
