//! `soxa undo [--yes]`: undoes the newest change in the ledger (one save,
//! a deletion with what hung on it, one import, one purge of a record's
//! links...) after showing it and asking, unless `--yes`. The store does
//! the undoing, as the interface's Ctrl+Z does: every record the change
//! touched is put back as it was, in a new change audited as restores. So
//! running it again undoes the undo (redo). A closing is not undone:
//! `soxa reopen` reopens a period, with a reason.
//!
//! Exit codes: 0 undone, nothing to undo, or stopped at the question; 1 a
//! storage error or a write the ledger refuses (a closed period); 3-7 the
//! database could not be opened.

use std::io::BufRead;

use super::{Context, Failure, out, outln};
use crate::domain::access::{Action, OperatorRole, write_of};
use crate::domain::date::format_dmy;
use crate::domain::text::fold;
use crate::domain::{Commitment, EntityKind, Household, Id, Member, Outreach, Team, TeamKind};
use crate::i18n::history::logged_summary;
use crate::i18n::undo::{self as words, UndoText as W};
use crate::i18n::{audit_action, entity};
use crate::store::{Logged, Store};

/// Entries of the change listed before the question.
const SHOWN: usize = 10;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Undo without asking (for scripts).
    #[arg(long)]
    yes: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    let lang = ctx.lang;
    let Some(entries) = store.newest_group()? else {
        let said = if store.recent_audit(1)?.is_empty() { W::Nothing } else { W::Closing };
        outln!("{}", said.get(lang));
        return Ok(());
    };
    let Some(group) = entries.first().map(|e| e.group) else {
        outln!("{}", W::Nothing.get(lang));
        return Ok(());
    };
    // An administrator may undo anything: the records are not read for it.
    for e in entries.iter().filter(|_| ctx.grant.role != OperatorRole::Admin) {
        ctx.require(write_action(&store, e)?)?;
    }
    outln!("{}", W::Newest.get(lang));
    for e in entries.iter().take(SHOWN) {
        outln!("  {}", line(lang, e));
    }
    if entries.len() > SHOWN {
        outln!("  {}", words::more(lang, entries.len() - SHOWN));
    }
    if !args.yes && !confirmed(ctx)? {
        outln!("{}", W::Cancelled.get(lang));
        return Ok(());
    }
    let said = match store.undo_group(group)? {
        Some(_) => W::Undone,
        None => W::Nothing,
    };
    outln!("{}", said.get(lang));
    Ok(())
}

/// The write undoing entry `e` needs: the kind of its record, with its
/// hamlet (a commitment's household's, a session held in one hamlet) and
/// its team's kind where the role depends on them.
fn write_action(store: &Store, e: &Logged) -> Result<Action, Failure> {
    let team_kind = |team: Id| -> Result<Option<TeamKind>, Failure> { Ok(store.get::<Team>(team)?.map(|t| t.kind)) };
    let (hamlet, kind) = match e.kind {
        EntityKind::Commitment => {
            let household = match store.get::<Commitment>(e.id)? {
                Some(c) => Some(c.household),
                None => e.commitment_before.as_ref().map(|c| c.household),
            };
            let hamlet = match household {
                Some(h) => store.get::<Household>(h)?.map(|h| h.hamlet),
                None => None,
            };
            (hamlet, None)
        }
        EntityKind::Outreach => {
            let hamlets = store.get::<Outreach>(e.id)?.map(|o| o.hamlets).unwrap_or_default();
            (if let [one] = hamlets.as_slice() { Some(*one) } else { None }, None)
        }
        EntityKind::Team => (None, team_kind(e.id)?),
        EntityKind::Member => match store.get::<Member>(e.id)? {
            Some(m) => (None, team_kind(m.team)?),
            None => (None, None),
        },
        _ => (None, None),
    };
    Ok(write_of(e.kind, hamlet, kind))
}

/// "23/11/2026 09:00 · Lê Thị Hoa · Sửa Hộ gia đình T01-0001 Nguyễn Văn An"
fn line(lang: crate::domain::Lang, e: &Logged) -> String {
    let when = format!("{} {}", format_dmy(e.at.date()), e.at.format("%H:%M"));
    let who = if e.operator.is_empty() { String::new() } else { format!("{} · ", e.operator) };
    format!(
        "{when} · {who}{} {} {}",
        audit_action(lang, e.action),
        entity(lang, e.kind),
        logged_summary(lang, &e.summary)
    )
}

fn confirmed(ctx: &Context) -> Result<bool, Failure> {
    out!("{}", W::Confirm.get(ctx.lang));
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| Failure::Said(e.to_string()))?;
    Ok(matches!(fold(line.trim()).as_str(), "co" | "c" | "yes" | "y"))
}
