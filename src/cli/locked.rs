//! The command line's side of locked exports (`crate::output::locked`):
//! the passphrase a ZIP is locked with, typed twice without echo, or read
//! once from standard input with `--passphrase-stdin` (the line after the
//! sign-in passphrase when the ledger has operators); refused in one
//! sentence when too short or typed differently, before anything is
//! written. Then, once the file is on disk, the access log's entry.

use super::{Context, Failure};
use crate::domain::operator::AccessEvent;
use crate::i18n::locked::{self, LockText as L};
use crate::output::locked::Passphrase;
use crate::store::Store;

/// The passphrase to lock the file with.
pub fn passphrase(ctx: &Context) -> Result<Passphrase, Failure> {
    let lang = ctx.lang;
    let first = ctx.secrets.read(L::Prompt.get(lang))?;
    let again = if ctx.secrets.reads_stdin() { None } else { Some(ctx.secrets.read(L::PromptAgain.get(lang))?) };
    Passphrase::new(&first, again.as_deref()).map_err(|e| Failure::Said(locked::refused(lang, &e)))
}

/// Records in the access log who wrote which locked file (appended and
/// flushed by the store).
pub fn log(store: &Store, event: AccessEvent) -> Result<(), Failure> {
    store.log_access(event).map_err(Failure::Store)
}
