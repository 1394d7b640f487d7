//! What each screen remembers across restarts (filters, sort order), kept
//! in `ui.json` in the database folder. Best effort: a preference that
//! cannot be read or written is simply forgotten, never an error.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

const FILE: &str = "ui.json";

fn read_all(dir: &Path) -> BTreeMap<String, serde_json::Value> {
    fs::read(dir.join(FILE)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

/// The preferences saved under `key`, if any.
pub fn load<T: DeserializeOwned>(dir: &Path, key: &str) -> Option<T> {
    read_all(dir).remove(key).and_then(|v| serde_json::from_value(v).ok())
}

/// Saves the preferences of `key`, keeping the other screens' ones.
pub fn save<T: Serialize>(dir: &Path, key: &str, value: &T) {
    let mut all = read_all(dir);
    let Ok(v) = serde_json::to_value(value) else { return };
    all.insert(key.to_string(), v);
    if let Ok(bytes) = serde_json::to_vec_pretty(&all) {
        let tmp = dir.join("ui.json.tmp");
        if crate::store::folder::write_fresh(&tmp, &bytes).is_ok() {
            let _ = fs::rename(tmp, dir.join(FILE));
        }
    }
}
