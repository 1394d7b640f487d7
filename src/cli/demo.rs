//! `soxa demo`: builds a realistic demo commune in its own folder (never the
//! real ledger's), then opens it.

use std::io::IsTerminal;
use std::time::Instant;

use super::{Context, Failure, home, out, outln};
use crate::demo::{DemoOptions, generate};
use crate::i18n::{self, Say};
use crate::store::{OpenError, OpenOptions, Store};

pub fn run(ctx: &mut Context, households: usize, seed: u64, no_open: bool) -> Result<(), Failure> {
    clear_previous_demo(ctx)?;
    let store = ctx.open(true)?;
    let started = Instant::now();
    let opts = DemoOptions { households, seed, today: store.today() };
    generate(&store, &opts)?;
    let lang = ctx.lang;
    outln!(
        "{} ({:.1} {}): {}",
        i18n::say(lang, Say::DemoCreated),
        started.elapsed().as_secs_f64(),
        i18n::say(lang, Say::Seconds),
        ctx.db.display()
    );
    out!("{}", super::stats::counts_table(lang, &store));
    if no_open || !std::io::stdout().is_terminal() {
        return Ok(());
    }
    home::open(ctx, store)
}

/// A previous demo in the folder is replaced; a real ledger is never touched.
fn clear_previous_demo(ctx: &Context) -> Result<(), Failure> {
    let opts = OpenOptions { create: false, ..OpenOptions::default() };
    let existing = match Store::open(&ctx.db, &opts) {
        Ok(store) => store,
        Err(OpenError::Missing { .. }) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if !existing.is_demo()? {
        return Err(Failure::Refused(Say::DemoRefusesRealData));
    }
    eprintln!("{}", i18n::say(ctx.lang, Say::DemoReplacing));
    Ok(existing.wipe()?)
}
