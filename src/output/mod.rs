//! Every file soxa writes for the clerk goes through here: reports, record
//! exports, the import's rejected rows and backups made on request. One
//! rule for all of them: a path inside any ledger folder (found by its own
//! marker files, after resolving `..` and symbolic links, see `guard`) is
//! refused, so no output can overwrite the ledger it was made from; an
//! existing file is replaced only when the clerk said so (`--force`, or the
//! interface's confirmation); files are written whole or not at all
//! (`atomic`). The rejected-rows file is always a new file (`write_new`).
//! Every CSV cell goes through `csv::Writer`, which neutralises formulas.
//! An export with personal data is written as a ZIP locked with a
//! passphrase (`locked`), under the same rules.
//!
//! Automatic backups, drafts and the ledger's own files are the store's
//! business and do not come here.

mod atomic;
pub mod csv;
mod guard;
pub mod locked;

use std::io;
use std::path::{Path, PathBuf};

pub use guard::ledger_holding;

/// Whether an existing file may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Refuse to write over it (the default everywhere).
    Refuse,
    /// The clerk asked to replace it (`--force`, or confirmed).
    Replace,
}

impl Existing {
    /// `--force` given or not.
    pub fn replace_if(force: bool) -> Existing {
        if force { Existing::Replace } else { Existing::Refuse }
    }
}

/// Why a file was not written; `i18n::output::error` says it to the clerk.
/// Nothing is left half written in any case.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path} is inside the ledger folder {ledger}")]
    InsideLedger { path: PathBuf, ledger: PathBuf },
    #[error("{0} exists already")]
    Exists(PathBuf),
    #[error("the folder {0} does not exist")]
    NoFolder(PathBuf),
    #[error("{0} is a folder, not a file name")]
    IsFolder(PathBuf),
    #[error("{0} is open in another program")]
    InUse(PathBuf),
    #[error("not allowed to write {0}")]
    Denied(PathBuf),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Refuses a target before any work is done: inside a ledger folder, a
/// folder, in a folder that does not exist, or (unless `existing` is
/// `Replace`) a file that exists already.
pub fn check(path: &Path, existing: Existing) -> Result<(), OutputError> {
    refuse_ledger(path)?;
    if path.as_os_str().is_empty() || path.is_dir() {
        return Err(OutputError::IsFolder(path.to_path_buf()));
    }
    let folder = atomic::folder_of(path);
    if !folder.is_dir() {
        return Err(OutputError::NoFolder(folder.to_path_buf()));
    }
    // `symlink_metadata`: a link of that name (even a dangling one) is
    // something there too.
    if existing == Existing::Refuse && path.symlink_metadata().is_ok() {
        return Err(OutputError::Exists(path.to_path_buf()));
    }
    Ok(())
}

/// Refuses a path inside a ledger folder (the one in `--db` or any other).
pub fn refuse_ledger(path: &Path) -> Result<(), OutputError> {
    match ledger_holding(path) {
        Some(ledger) => Err(OutputError::InsideLedger { path: path.to_path_buf(), ledger }),
        None => Ok(()),
    }
}

/// Checks every target (see [`check`]), then writes every `(target, bytes)`,
/// all or none; returns the targets.
pub fn write_all(files: &[(PathBuf, Vec<u8>)], existing: Existing) -> Result<Vec<PathBuf>, OutputError> {
    for (target, _) in files {
        check(target, existing)?;
    }
    atomic::write_all(files, existing)
}

/// Writes `bytes` to a new file named `wanted`, or `wanted` numbered
/// (`x-loi.csv`, `x-loi-2.csv`, `x-loi-3.csv`...) when that name is taken
/// by anything: a file, a folder, a symbolic link even dangling. Never
/// replaces nor follows anything; returns the name used.
pub fn write_new(wanted: &Path, bytes: &[u8]) -> Result<PathBuf, OutputError> {
    refuse_ledger(wanted)?;
    let folder = atomic::folder_of(wanted);
    if !folder.is_dir() {
        return Err(OutputError::NoFolder(folder.to_path_buf()));
    }
    atomic::write_new(wanted, bytes)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    /// A folder that looks like a ledger: its marker file.
    fn ledger(at: &Path) -> PathBuf {
        fs::create_dir_all(at.join("store")).unwrap();
        fs::write(at.join("soxa-format"), "soxa database\nschema 2\n").unwrap();
        at.to_path_buf()
    }

    #[test]
    fn folders_are_refused_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(check(dir.path(), Existing::Refuse), Err(OutputError::IsFolder(_))));
        let missing = dir.path().join("nowhere").join("r.xlsx");
        assert!(
            matches!(check(&missing, Existing::Refuse), Err(OutputError::NoFolder(p)) if p == dir.path().join("nowhere"))
        );
        assert!(check(&dir.path().join("r.xlsx"), Existing::Refuse).is_ok());
        assert!(check(Path::new("r.xlsx"), Existing::Replace).is_ok(), "a bare name is in the current folder");
    }

    #[test]
    fn an_existing_file_is_replaced_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        fs::write(&a, "old").unwrap();
        assert!(matches!(write_all(&[(a.clone(), b"new".to_vec())], Existing::Refuse), Err(OutputError::Exists(_))));
        assert_eq!(fs::read(&a).unwrap(), b"old");
        write_all(&[(a.clone(), b"new".to_vec())], Existing::Replace).unwrap();
        assert_eq!(fs::read(&a).unwrap(), b"new");
    }

    #[test]
    fn every_path_into_a_ledger_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let led = ledger(&dir.path().join("led"));
        let other = dir.path().join("out");
        fs::create_dir(&other).unwrap();
        let inside = [
            led.join("store").join("db"),
            led.join("soxa-format"),
            led.join("backups").join("x.soxabak"),
            led.clone(),
            led.join("report.xlsx"),
            other.join("..").join("led").join("store").join("db"),
            led.join("store").join("..").join("..").join("led").join("x.csv"),
        ];
        for path in &inside {
            assert!(
                matches!(check(path, Existing::Replace), Err(OutputError::InsideLedger { .. })),
                "{}",
                path.display()
            );
        }
        assert!(check(&other.join("r.csv"), Existing::Refuse).is_ok());
        assert!(check(&dir.path().join("r.csv"), Existing::Refuse).is_ok(), "beside the ledger is fine");
    }

    #[cfg(unix)]
    #[test]
    fn links_into_a_ledger_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let led = ledger(&dir.path().join("led"));
        fs::write(led.join("store").join("db"), "sled").unwrap();
        let link = |name: &str, to: &Path| {
            let at = dir.path().join(name);
            std::os::unix::fs::symlink(to, &at).unwrap();
            at
        };
        let to_db = link("to-db", &led.join("store").join("db"));
        let dangling = link("dangling", &led.join("store").join("new"));
        let folder = link("folder", &led.join("store"));
        let chain = link("chain", &to_db);
        for path in [to_db, dangling, folder.join("db"), folder.join("x.csv"), chain] {
            assert!(matches!(refuse_ledger(&path), Err(OutputError::InsideLedger { .. })), "{}", path.display());
        }
        // A relative link, dangling, inside a folder reached through a link:
        // `../../led/store/new` counts from where the link really is.
        let real = dir.path().join("deep").join("er");
        fs::create_dir_all(&real).unwrap();
        std::os::unix::fs::symlink(Path::new("../../led/store/new"), real.join("rel.csv")).unwrap();
        let via = link("via", &real);
        assert!(matches!(refuse_ledger(&via.join("rel.csv")), Err(OutputError::InsideLedger { .. })));
        let outside = link("outside", dir.path());
        assert!(refuse_ledger(&outside.join("r.csv")).is_ok());
    }
}
