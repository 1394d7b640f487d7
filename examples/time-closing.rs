//! What the closed-period check costs a save, on a copy of a large ledger:
//! `cargo run --release --example time-closing -- LEDGER` (for instance the
//! benchmark's `target/soxa-bench/demo-100000-seed1/db`).
//!
//! The ledger is copied first (its `backups/` left out) into a temporary
//! folder beside it and only the copy is opened: opening is enough to change
//! sled's files. Then the first household is saved 200 times with no period
//! closed, again with eight closed (2024, the quarters and the year 2025,
//! 2026-Q1 and Q2), and the two medians are printed: their difference is the
//! check's cost (`Store::refuse_frozen`, on headers cached at open). Was an
//! ignored test (`store::closing::tests::time_the_check`) until issue 19: a
//! timing tool is not a test.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use soxa::domain::{Household, Period};
use soxa::store::{OpenOptions, Store};

type Res<T> = Result<T, Box<dyn Error>>;

const SAVES: usize = 200;
const CLOSED: [&str; 8] = ["2024", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2025", "2026-Q1", "2026-Q2"];

fn main() {
    if let Err(e) = run() {
        eprintln!("time-closing: {e}");
        std::process::exit(1);
    }
}

fn run() -> Res<()> {
    let ledger: PathBuf = std::env::args_os().nth(1).ok_or("usage: time-closing LEDGER (a copy is timed)")?.into();
    let parent = ledger.canonicalize()?.parent().ok_or("the ledger has no parent folder")?.to_path_buf();
    let work = tempfile::tempdir_in(parent)?;
    let copy = work.path().join("db");
    copy_ledger(&ledger, &copy)?;
    let store = Store::open(&copy, &OpenOptions { create: false, ..OpenOptions::default() })?;
    let mut household: Household = store.page(None, 1)?.pop().ok_or("the ledger has no household")?;
    let open = median(saves(&store, &mut household)?);
    for code in CLOSED {
        let period = Period::parse(code).map_err(|e| format!("{code}: {e:?}"))?;
        store.close_period(period, &"figures")?;
    }
    let closed = median(saves(&store, &mut household)?);
    println!(
        "save one household (`Store::update`, flush included), median of {SAVES}: {open:?} with no closed period, \
         {closed:?} with {}; the check: {:?}",
        CLOSED.len(),
        closed.saturating_sub(open)
    );
    Ok(())
}

/// Saves `h` [`SAVES`] times, its notes changed each time.
fn saves(store: &Store, h: &mut Household) -> Res<Vec<Duration>> {
    let mut took = Vec::with_capacity(SAVES);
    for i in 0..SAVES {
        h.notes = format!("lần sửa {i}");
        let t = Instant::now();
        *h = store.update(h.clone())?;
        took.push(t.elapsed());
    }
    Ok(took)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// Copies the ledger folder, leaving its backups out.
fn copy_ledger(from: &Path, to: &Path) -> Res<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            if entry.file_name() != "backups" {
                copy_ledger(&entry.path(), &target)?;
            }
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
