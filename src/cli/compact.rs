//! `soxa compact`, and the compaction the interface runs when it quits
//! after the clerk accepted its offer (`tui::compact`): the ledger rewritten
//! into a fresh store and swapped in (`store::compact`), its sizes before
//! and after printed, and, on a ledger with operators, who did it written
//! into the access log (as a restore is). Only an administrator may: it
//! replaces the whole store, as a restore does (`Action::Restore`).

use super::{Context, Failure, outln};
use crate::domain::access::{Action, Grant};
use crate::domain::operator::AccessEvent;
use crate::i18n::backups as words;
use crate::store::compact::Compacted;
use crate::store::{OpenOptions, Store};

pub fn run(ctx: &mut Context) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    ctx.require(Action::Restore)?;
    let name = ctx.grant.name.clone();
    compact(ctx, store, &name)
}

/// The interface closed its store; `grant` accepted the offer there (the
/// interface offers it only to whom may).
pub fn after_interface(ctx: &Context, grant: &Grant) -> Result<(), Failure> {
    grant.check(Action::Restore).map_err(|r| Failure::from(crate::store::operators::AccessError::Refused(r)))?;
    eprintln!("{}", words::compacting(ctx.lang));
    let mut store = Store::open(&ctx.db, &OpenOptions { create: false, ..OpenOptions::default() })?;
    if !grant.name.is_empty() {
        store.set_operator(&grant.name);
    }
    compact(ctx, store, &grant.name)
}

fn compact(ctx: &Context, store: Store, name: &str) -> Result<(), Failure> {
    let operator = if name.is_empty() { store.operator().to_string() } else { name.to_string() };
    let (done, mut store) = store.compact()?;
    outln!("{}", words::compacted(ctx.lang, &done));
    log(&mut store, &operator, &done)
}

/// "Compacted the ledger" in the access log of a ledger with operators.
fn log(store: &mut Store, operator: &str, done: &Compacted) -> Result<(), Failure> {
    if !store.has_operators()? {
        return Ok(());
    }
    store.set_operator(operator);
    store.log_access(AccessEvent::Compacted { before: done.before, after: done.after })?;
    Ok(())
}
