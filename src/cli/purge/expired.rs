//! `soxa purge --expired [--dry-run]`: lists the records past their
//! retention (counts per kind and their codes, never names), then, unless
//! a dry run, asks once and erases them with the ordinary purge, one
//! person at a time (`Store::purge_expired` says what a crash leaves).

use super::{Context, Failure, W, confirmed, outln, print_old_backups};
use crate::domain::retention::Retained;
use crate::i18n::retention::{self as words, RetainText};
use crate::store::{ExpiredRecord, Store};

pub(super) fn run(ctx: &Context, store: &Store, dry_run: bool, yes: bool) -> Result<(), Failure> {
    let lang = ctx.lang;
    let due = store.expired(store.today())?;
    if due.is_empty() {
        outln!("{}", RetainText::NoneDue.get(lang));
        return Ok(());
    }
    print_due(ctx, &due);
    if dry_run {
        outln!("{}", RetainText::DryRun.get(lang));
        return Ok(());
    }
    outln!("{}", RetainText::WillErase.get(lang));
    if !yes && !confirmed(ctx)? {
        outln!("{}", W::Cancelled.get(lang));
        return Ok(());
    }
    match store.purge_expired(&due) {
        Ok(n) => outln!("{}", words::purged(lang, n)),
        Err(e) => {
            outln!("{}", RetainText::Interrupted.get(lang));
            return Err(e.into());
        }
    }
    print_old_backups(store, lang);
    Ok(())
}

/// One line per kind that has any: its count and references.
fn print_due(ctx: &Context, due: &[ExpiredRecord]) {
    for kind in Retained::ALL {
        let refs: Vec<String> = due.iter().filter(|r| r.kind == kind).map(|r| r.reference.clone()).collect();
        if !refs.is_empty() {
            outln!("{}", words::count_line(ctx.lang, kind, &refs));
        }
    }
}
