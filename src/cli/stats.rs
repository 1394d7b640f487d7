//! `soxa stats`: how many records of each kind the ledger holds.

use super::{Context, Failure, out, outln, table};
use crate::domain::{Commitment, EntityKind, Hamlet, Household, MediationCase, Member, Team};
use crate::i18n::{self, Say};
use crate::store::{Record, Store};

pub fn run(ctx: &mut Context) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    out!("{}", counts_table(ctx.lang, &store));
    let mib = store.size_on_disk()? as f64 / (1024.0 * 1024.0);
    outln!("{}: {mib:.1} MiB", i18n::say(ctx.lang, Say::SizeOnDisk));
    Ok(())
}

fn row<R: Record>(lang: crate::domain::Lang, store: &Store) -> Vec<String> {
    vec![i18n::entity(lang, R::KIND).to_string(), store.count::<R>().to_string()]
}

/// One line per record kind with its count.
pub fn counts_table(lang: crate::domain::Lang, store: &Store) -> String {
    let rows = vec![
        row::<Hamlet>(lang, store),
        row::<Household>(lang, store),
        row::<Commitment>(lang, store),
        row::<Team>(lang, store),
        row::<Member>(lang, store),
        row::<MediationCase>(lang, store),
    ];
    debug_assert_eq!(rows.len(), EntityKind::ALL.len() - 2, "every kind but the commune and closed periods");
    table::render(&rows)
}
