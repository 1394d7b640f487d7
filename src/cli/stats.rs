//! `soxa stats`: how many records of each kind the ledger holds.

use super::{Context, Failure, out, outln, table};
use crate::domain::EntityKind;
use crate::i18n::{self, Say};
use crate::store::{Record, Store, by_kind};

pub fn run(ctx: &mut Context) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    out!("{}", counts_table(ctx.lang, &store));
    let size = i18n::numbers::size(ctx.lang, store.size_on_disk()?);
    outln!("{}: {size}", i18n::say(ctx.lang, Say::SizeOnDisk));
    Ok(())
}

fn row<R: Record>(lang: crate::domain::Lang, store: &Store) -> Vec<String> {
    vec![i18n::entity(lang, R::KIND).to_string(), i18n::number(lang, store.count::<R>())]
}

/// One line per record kind with its count.
pub fn counts_table(lang: crate::domain::Lang, store: &Store) -> String {
    let rows: Vec<Vec<String>> = EntityKind::ALL
        .into_iter()
        .filter_map(|kind| by_kind!(kind, R => Some(row::<R>(lang, store)), Commune => None, Period => None))
        .collect();
    table::render(&rows)
}
