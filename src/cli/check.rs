//! `soxa check`: verifies records and indexes agree; exit code 8 if not.
//!
//! A damaged ledger can have thousands of problems: the verdict comes first
//! (how many of each kind), then at most [`EXAMPLES`] of them, so the
//! summary is never scrolled away.

use std::collections::BTreeMap;
use std::time::Instant;

use super::{Context, Failure, outln};
use crate::domain::Lang;
use crate::i18n::{self, Say};
use crate::store::{Mismatch, Store};

/// Problems printed one by one: about a screenful under the summary.
pub const EXAMPLES: usize = 20;

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
        outln!("{} ({})", i18n::say(lang, Say::CheckClean), i18n::numbers::seconds(lang, seconds));
        return Ok(());
    }
    for line in summary(lang, &found) {
        outln!("{line}");
    }
    if let Some(newest) = crate::store::backup::auto::newest(store.dir()) {
        outln!("{}", i18n::backups::restore_advice(lang, &newest, store.dir()));
    }
    Err(Failure::CheckFailed)
}

/// The lines printed for `found` (not empty): the total and the count of
/// each kind on the first line, then at most [`EXAMPLES`] problems.
pub fn summary(lang: Lang, found: &[Mismatch]) -> Vec<String> {
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for m in found {
        *kinds.entry(m.kind()).or_default() += 1;
    }
    let counts: Vec<String> = kinds.iter().map(|(k, n)| format!("{} {k}", i18n::number(lang, *n))).collect();
    let mut lines = vec![format!(
        "{} {} ({})",
        i18n::say(lang, Say::CheckFound),
        i18n::number(lang, found.len()),
        counts.join("; ")
    )];
    lines.push(i18n::say(lang, Say::CheckExamples).to_string());
    lines.extend(found.iter().take(EXAMPLES).map(|m| format!("  {m}")));
    if found.len() > EXAMPLES {
        lines.push(format!("  … {} {}", i18n::number(lang, found.len() - EXAMPLES), i18n::say(lang, Say::CheckMore)));
    }
    lines
}
