//! `soxa` with no command: opens the ledger in the interactive interface, or,
//! when standard output is not a terminal, prints what the ledger holds.

use std::io::IsTerminal;

use super::{Context, Failure, out, outln, stats};
use crate::i18n::{self, Say};
use crate::store::Store;

pub fn run(ctx: &mut Context) -> Result<(), Failure> {
    let store = ctx.open(true)?;
    open(ctx, store)
}

/// Opens the interface on a terminal; prints a summary otherwise.
pub fn open(ctx: &Context, store: Store) -> Result<(), Failure> {
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        return Ok(crate::tui::run(store, ctx.lang)?);
    }
    show(ctx, &store)
}

/// Prints the commune and its counts.
pub fn show(ctx: &Context, store: &Store) -> Result<(), Failure> {
    match store.commune()? {
        Some(c) => {
            outln!("{} - {}", c.name, c.province);
            out!("{}", stats::counts_table(ctx.lang, store));
        }
        None => outln!("{}", i18n::say(ctx.lang, Say::EmptyLedger)),
    }
    Ok(())
}
