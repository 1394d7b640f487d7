//! `soxa search TEXT`: the quick lookup, printed. One line per match with
//! its kind, name, hamlet and status; phone and ID numbers stay masked.

use super::{Context, Failure, out, outln, table};
use crate::i18n::{self, Say};
use crate::lookup::Describe;

pub fn run(ctx: &mut Context, query: &str, limit: usize) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    let hits = store.search(query, limit)?;
    if hits.is_empty() {
        outln!("{}", i18n::say(ctx.lang, Say::NoMatches));
        return Ok(());
    }
    let describe = Describe::new(&store, ctx.lang)?;
    let mut rows = Vec::with_capacity(hits.len());
    for hit in &hits {
        if let Some(row) = describe.row(hit)? {
            rows.push(row.cells(ctx.lang));
        }
    }
    out!("{}", table::render(&rows));
    Ok(())
}
