//! Putting a whole new store in place of the current one (a restore with
//! `--replace`, a new demo over an old one) so that a crash at any moment
//! leaves the ledger as it was before or as it is after, never empty.
//!
//! The new store is built completely in a staging folder first. Then a
//! journal file, `soxa-swap`, is written and synced: it names the staging
//! folder, the folder the current store goes to, the schema and the kind of
//! swap. Only then are the folders moved, each step synced; the journal is
//! removed last. Every step can be run again, so whoever finds the journal
//! (the next [`Store::open`](super::Store::open), a restore, a demo) runs
//! the remaining steps: the swap is finished when the staging store is
//! there, and rolled back in the one case it is not (the old store is put
//! back). Without a journal, a staging folder is a build cut short and is
//! removed. Everything happens under the folder's lock.

use std::fs;
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

use super::OpenError;
use super::folder::{self, DEMO_BUILDING, DEMO_REPLACED, JOURNAL, JOURNAL_TEMP, format_file, store_dir, sync_dir};
use super::open::{self, not_writable};

/// Why the store is swapped; says what happens to the store replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `soxa restore --replace`: the previous store is kept aside for good.
    Restore,
    /// `soxa demo` over a demo: the previous demo is deleted afterwards.
    Demo,
    /// `soxa compact`: the previous store waits in `store-truoc-thu-gon/`
    /// until the next opening of the new one succeeds, which deletes it
    /// ([`remove_compacted`]).
    Compact,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Restore => "restore",
            Kind::Demo => "demo",
            Kind::Compact => "compact",
        }
    }
}

/// One swap, as the journal records it. Paths are relative to the folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub kind: Kind,
    /// The complete new store (a sled folder).
    pub staging: PathBuf,
    /// The folder the current store and marker are moved into, if there
    /// is a current store.
    pub aside: Option<PathBuf>,
    pub schema: u32,
}

/// What the next opening did about a swap a crash interrupted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recovered {
    /// The new store was complete and is now in place; the previous one,
    /// after a restore, is in `aside`.
    Finished { kind: Kind, aside: Option<PathBuf> },
    /// The new store was missing: the previous one is back in place.
    RolledBack { kind: Kind },
}

fn journal(dir: &Path) -> PathBuf {
    dir.join(JOURNAL)
}

/// True when a swap was started and not finished.
pub fn pending(dir: &Path) -> bool {
    journal(dir).exists()
}

fn fail(dir: &Path) -> impl Fn(io::Error) -> OpenError + '_ {
    move |e| not_writable(dir, &e)
}

/// Writes the journal (synced) and then runs the swap.
pub fn commit(dir: &Path, plan: &Plan) -> Result<(), OpenError> {
    write_journal(dir, plan).map_err(fail(dir))?;
    apply(dir, plan).map(|_| ())
}

/// Finishes or rolls back an interrupted swap, if the folder has one.
/// Without one, removes what a cut-short build left. The caller holds the
/// folder's lock.
pub fn recover(dir: &Path) -> Result<Option<Recovered>, OpenError> {
    if !pending(dir) {
        remove_stale(dir).map_err(fail(dir))?;
        return Ok(None);
    }
    let text = fs::read_to_string(journal(dir)).map_err(fail(dir))?;
    let Some(plan) = parse(&text) else {
        // A journal cut short by the crash: it is written to a temporary
        // name and renamed, so this is damage, not a swap in progress.
        return Err(open::damaged(dir, format!("{JOURNAL} is unreadable")));
    };
    apply(dir, &plan).map(Some)
}

/// A ledger a restore moved aside (`backups/truoc-khoi-phuc-*/store`), if
/// the folder has one: a folder without a ledger but with one of these was
/// left by a restore cut short before swaps were journaled (or by hand),
/// and must not quietly become a new, empty ledger.
pub fn kept_aside_ledger(dir: &Path) -> Option<PathBuf> {
    let entries = fs::read_dir(dir.join(folder::BACKUP_DIR)).ok()?;
    let mut kept: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("truoc-khoi-phuc"))
        .map(|e| e.path())
        .filter(|p| p.join(folder::STORE_DIR).is_dir())
        .collect();
    kept.sort();
    kept.pop()
}

/// Removes staging folders no journal names (builds cut short) and a
/// journal or marker cut short while being written.
fn remove_stale(dir: &Path) -> io::Result<()> {
    for name in [folder::staging_dir(dir), dir.join(DEMO_BUILDING), dir.join(DEMO_REPLACED)] {
        match fs::remove_dir_all(&name) {
            Err(e) if e.kind() != ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    for name in [JOURNAL_TEMP, folder::FORMAT_TEMP] {
        remove_file_if_present(&dir.join(name))?;
    }
    Ok(())
}

/// Runs every step not yet done; each can be run again.
fn apply(dir: &Path, plan: &Plan) -> Result<Recovered, OpenError> {
    let fail = fail(dir);
    let staging = dir.join(&plan.staging);
    let store = store_dir(dir);
    let aside = plan.aside.as_ref().map(|a| dir.join(a));
    if !staging.exists() && !store.exists() {
        // Moved aside, and the new store is gone (removed by hand):
        // put the previous one back rather than open an empty ledger.
        if let Some(aside) = &aside {
            move_if_present(&aside.join(folder::STORE_DIR), &store).map_err(&fail)?;
            move_if_present(&aside.join(folder::FORMAT_FILE), &format_file(dir)).map_err(&fail)?;
        }
        finish_journal(dir).map_err(&fail)?;
        return Ok(Recovered::RolledBack { kind: plan.kind });
    }
    if staging.exists() {
        if let Some(aside) = &aside {
            folder::create_private_dir(aside).map_err(&fail)?;
            move_if_present(&store, &aside.join(folder::STORE_DIR)).map_err(&fail)?;
            move_if_present(&format_file(dir), &aside.join(folder::FORMAT_FILE)).map_err(&fail)?;
            sync_dir(aside).map_err(&fail)?;
        }
        fs::rename(&staging, &store).map_err(&fail)?;
        sync_dir(dir).map_err(&fail)?;
    }
    open::write_format(dir, plan.schema)?;
    if plan.kind == Kind::Demo {
        // The demo's own records: a draft or layout of the old demo means
        // nothing in the new one.
        for name in ["draft.json", "ui.json"] {
            remove_file_if_present(&dir.join(name)).map_err(&fail)?;
        }
    }
    finish_journal(dir).map_err(&fail)?;
    if plan.kind == Kind::Demo {
        remove_stale(dir).map_err(&fail)?;
    }
    let kept = if plan.kind == Kind::Restore { aside } else { None };
    Ok(Recovered::Finished { kind: plan.kind, aside: kept })
}

/// Deletes the store a finished compaction replaced. Called only once the
/// new store has opened (sled read it, the schema and the closed periods
/// are read back), never while a swap is pending: until then it is the
/// way back. A failure leaves it for the next opening.
pub fn remove_compacted(dir: &Path) {
    let replaced = dir.join(folder::COMPACT_REPLACED);
    if !pending(dir) && replaced.exists() {
        let _ = fs::remove_dir_all(&replaced);
    }
}

fn finish_journal(dir: &Path) -> io::Result<()> {
    remove_file_if_present(&journal(dir))?;
    sync_dir(dir)
}

fn write_journal(dir: &Path, plan: &Plan) -> io::Result<()> {
    let mut text = format!("soxa swap\nkind {}\nstaging {}\n", plan.kind.word(), plan.staging.display());
    if let Some(aside) = &plan.aside {
        text.push_str(&format!("aside {}\n", aside.display()));
    }
    text.push_str(&format!("schema {}\nend\n", plan.schema));
    let temp = dir.join(JOURNAL_TEMP);
    super::folder::write_fresh(&temp, text.as_bytes())?;
    fs::rename(&temp, journal(dir))?;
    sync_dir(dir)
}

fn parse(text: &str) -> Option<Plan> {
    let mut lines = text.lines();
    if lines.next()? != "soxa swap" || text.lines().last()? != "end" {
        return None;
    }
    let field = |key: &str| text.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix(' ').map(str::to_string));
    let kind = match field("kind")?.as_str() {
        "restore" => Kind::Restore,
        "demo" => Kind::Demo,
        "compact" => Kind::Compact,
        _ => return None,
    };
    let staging = PathBuf::from(field("staging")?);
    let aside = field("aside").map(PathBuf::from);
    let schema = field("schema")?.parse().ok()?;
    // Only folders inside the database folder, named as soxa names them.
    let inside = |p: &Path| p.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside(&staging) || !aside.as_deref().is_none_or(inside) {
        return None;
    }
    Some(Plan { kind, staging, aside, schema })
}

fn move_if_present(from: &Path, to: &Path) -> io::Result<()> {
    match fs::rename(from, to) {
        Err(e) if e.kind() == ErrorKind::NotFound && !from.exists() => Ok(()),
        other => other,
    }
}

fn remove_file_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_journal_reads_back_and_refuses_paths_outside_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let plan = Plan {
            kind: Kind::Restore,
            staging: PathBuf::from("store-restoring"),
            aside: Some(PathBuf::from("backups/truoc-khoi-phuc-2026-11-23-090000")),
            schema: 2,
        };
        write_journal(tmp.path(), &plan).unwrap();
        assert_eq!(parse(&fs::read_to_string(journal(tmp.path())).unwrap()), Some(plan));
        for bad in [
            "soxa swap\nkind restore\nstaging ../x\nschema 2\nend\n",
            "soxa swap\nkind restore\nstaging /etc\nschema 2\nend\n",
            "soxa swap\nkind demo\nstaging s\naside ../../home\nschema 2\nend\n",
            "soxa swap\nkind restore\nstaging s\nschema 2\n",
            "soxa swap\nkind other\nstaging s\nschema 2\nend\n",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }
}
