//! A form being filled in is saved to `draft.json` in the database folder
//! at every change, so a crash or power cut loses nothing typed; the next
//! start offers it back. The file holds personal data: owner-only on Unix.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::form::{Form, FormKind};

#[derive(Serialize, Deserialize)]
pub struct Draft {
    pub kind: FormKind,
    pub values: Vec<String>,
}

fn path(dir: &Path) -> PathBuf {
    dir.join("draft.json")
}

/// Saves the form's values (best effort: a draft that cannot be written
/// must not stop the clerk from typing).
pub fn save(dir: &Path, form: &Form) {
    let draft = Draft { kind: form.kind.clone(), values: form.values() };
    let Ok(json) = serde_json::to_vec(&draft) else { return };
    let tmp = dir.join("draft.json.tmp");
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&tmp).and_then(|mut f| f.write_all(&json).and_then(|()| f.sync_all()));
    if written.is_ok() {
        let _ = fs::rename(&tmp, path(dir));
    }
}

pub fn load(dir: &Path) -> Option<Draft> {
    let bytes = fs::read(path(dir)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

pub fn clear(dir: &Path) {
    let _ = fs::remove_file(path(dir));
}
