//! `soxa search TEXT`: the quick lookup, printed. One line per match with
//! its kind, name, hamlet and status; phone and ID numbers stay masked.
//! Any signed-in user may search; only what their role may read is shown
//! (a hamlet head: their own hamlet's households, models and sessions).

use super::{Context, Failure, out, outln, table};
use crate::domain::access::{Action, Grant};
use crate::domain::{EntityKind, Household, Model, Outreach};
use crate::i18n::{self, Say};
use crate::lookup::Describe;
use crate::store::{Hit, Store, StoreError};

pub fn run(ctx: &mut Context, query: &str, limit: usize) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    let hits = visible_hits(&store, &ctx.grant, query, limit)?;
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

/// The best `limit` hits the operator may read: when the role leaves some
/// out, the lookup is asked for more until `limit` are found or none are left.
fn visible_hits(store: &Store, grant: &Grant, query: &str, limit: usize) -> Result<Vec<Hit>, StoreError> {
    let mut asked = limit;
    loop {
        let hits = store.search_once(query, asked)?;
        let exhausted = hits.len() < asked;
        let mut shown = Vec::new();
        for hit in hits {
            if may_read(store, grant, &hit)? {
                shown.push(hit);
            }
        }
        if shown.len() >= limit || exhausted || asked >= usize::MAX / 4 {
            shown.truncate(limit);
            return Ok(shown);
        }
        asked *= 4;
    }
}

/// Whether the operator may read the record of `hit`.
fn may_read(store: &Store, grant: &Grant, hit: &Hit) -> Result<bool, StoreError> {
    let read = match hit.kind {
        EntityKind::Household => Action::ReadHouseholds,
        EntityKind::Team | EntityKind::Member => Action::ReadTeams,
        EntityKind::Case => Action::ReadCases,
        EntityKind::Model | EntityKind::Outreach | EntityKind::Assessment => Action::ReadTargets,
        _ => Action::ReadReports,
    };
    if !grant.may(read) {
        return Ok(false);
    }
    let sees = |hamlet: Option<crate::domain::Id>| hamlet.is_none_or(|h| grant.sees_hamlet(h));
    Ok(match hit.kind {
        EntityKind::Household => store.get::<Household>(hit.id)?.is_some_and(|h| grant.sees_hamlet(h.hamlet)),
        EntityKind::Model => store.get::<Model>(hit.id)?.is_some_and(|m| sees(m.hamlet)),
        EntityKind::Outreach => store
            .get::<Outreach>(hit.id)?
            .is_some_and(|o| o.hamlets.is_empty() || o.hamlets.iter().any(|h| sees(Some(*h)))),
        _ => true,
    })
}
