//! `soxa check`: verifies records and indexes agree; exit code 8 if not.

use std::time::Instant;

use super::{Context, Failure, outln};
use crate::domain::Lang;
use crate::i18n::{self, Say};
use crate::store::Store;

pub fn run(ctx: &mut Context) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    report(ctx.lang, &store)
}

/// Checks `store` and prints the verdict (also after a restore).
pub fn report(lang: Lang, store: &Store) -> Result<(), Failure> {
    let started = Instant::now();
    let found = store.check()?;
    let seconds = started.elapsed().as_secs_f64();
    if found.is_empty() {
        outln!("{} ({seconds:.2} {})", i18n::say(lang, Say::CheckClean), i18n::say(lang, Say::Seconds));
        return Ok(());
    }
    outln!("{} {}", i18n::say(lang, Say::CheckFound), found.len());
    for m in &found {
        outln!("  {m}");
    }
    if let Some(newest) = crate::store::backup::auto::newest(store.dir()) {
        outln!("{}", i18n::backups::restore_advice(lang, &newest, store.dir()));
    }
    Err(Failure::CheckFailed)
}
