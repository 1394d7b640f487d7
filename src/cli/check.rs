//! `soxa check`: verifies records and indexes agree; exit code 8 if not.

use std::time::Instant;

use super::{Context, Failure, outln};
use crate::i18n::{self, Say};

pub fn run(ctx: &mut Context) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    let started = Instant::now();
    let found = store.check()?;
    let seconds = started.elapsed().as_secs_f64();
    let lang = ctx.lang;
    if found.is_empty() {
        outln!("{} ({seconds:.2} {})", i18n::say(lang, Say::CheckClean), i18n::say(lang, Say::Seconds));
        return Ok(());
    }
    outln!("{} {}", i18n::say(lang, Say::CheckFound), found.len());
    for m in &found {
        outln!("  {m}");
    }
    Err(Failure::CheckFailed)
}
