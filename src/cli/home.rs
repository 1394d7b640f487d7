//! `soxa` with no command: opens the ledger. Until the interactive interface
//! lands, it prints what the ledger holds and which commands exist.

use super::{Context, Failure, stats};
use crate::i18n::{self, Say};
use crate::store::Store;

pub fn run(ctx: &mut Context) -> Result<(), Failure> {
    let store = ctx.open(true)?;
    show(ctx, &store)
}

/// Prints the commune and its counts, then says how to go on.
pub fn show(ctx: &Context, store: &Store) -> Result<(), Failure> {
    match store.commune()? {
        Some(c) => {
            println!("{} - {}", c.name, c.province);
            print!("{}", stats::counts_table(ctx.lang, store));
            println!();
            println!("{}", i18n::say(ctx.lang, Say::InterfaceNotBuilt));
        }
        None => println!("{}", i18n::say(ctx.lang, Say::EmptyLedger)),
    }
    Ok(())
}
