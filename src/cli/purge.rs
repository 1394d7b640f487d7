//! `soxa purge household CODE | member ID-OR-NAME | party CASE N`: erases a
//! person's personal data on request (see `store::purge` for where from).
//! Shows what will go and asks before erasing, unless `--yes`.
//! `soxa purge --expired [--dry-run]`: every record past its retention
//! (see `expired`).
//!
//! Exit codes: 0 erased, or stopped at the question; 1 no such record, a
//! name that fits several members, or a storage error; 3-7 the database
//! could not be opened.

use std::io::BufRead;

mod expired;

use super::{Context, Failure, out, outln};
use crate::domain::access::Action;
use crate::domain::operator::AccessEvent;
use crate::domain::text::{fold, mask_national_id, mask_phone};
use crate::domain::{Field, Id, Member};
use crate::i18n::privacy::{self as words, PrivacyText as W};
use crate::i18n::retention::RetainText;
use crate::store::backup::auto;
use crate::store::{PurgeTarget, Store};

#[derive(clap::Args, Debug)]
#[command(arg_required_else_help = true)]
pub struct Args {
    #[command(subcommand)]
    what: Option<What>,
    /// Erase the personal data of every record past its retention
    /// (moved-out households, members who left, closed cases; years in Settings).
    #[arg(long)]
    expired: bool,
    /// With --expired: list the records (by code) and erase nothing.
    #[arg(long, requires = "expired")]
    dry_run: bool,
    /// Erase without asking (for scripts).
    #[arg(long, global = true)]
    yes: bool,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// A household, by its code (T01-0001): the head's name, ID, phone, address...
    Household { code: String },
    /// A team member, by number (#12 or 12) or full name.
    Member {
        #[arg(required = true, num_args = 1..)]
        who: Vec<String>,
    },
    /// A party of a mediation case: the case number (12/2026) and the party's place in its list (1, 2...).
    Party { case: String, party: usize },
}

pub fn run(ctx: &mut Context, args: Args) -> Result<(), Failure> {
    let lang = ctx.lang;
    let what = match (&args.what, args.expired) {
        (Some(_), true) => return Err(Failure::Said(RetainText::ExpiredTakesNoRecord.get(lang).into())),
        (None, false) => return Err(Failure::Said(RetainText::SayWhat.get(lang).into())),
        (what, _) => what,
    };
    let store = ctx.open(false)?;
    ctx.require(Action::Purge)?;
    let Some(what) = what else { return expired::run(ctx, &store, args.dry_run, args.yes) };
    let target = match what {
        What::Household { code } => match store.household_by_code(code)? {
            Some(h) => PurgeTarget::Household(h.id),
            None => return Err(Failure::Said(W::NoHousehold.get(lang).into())),
        },
        What::Member { who } => PurgeTarget::Member(find_member(&store, &who.join(" "), ctx)?),
        What::Party { case, party } => find_party(&store, case, *party, ctx)?,
    };
    let preview = store.purge_preview(target)?;
    if preview.erased.is_empty() {
        outln!("{}", W::NothingToErase.get(lang));
        return Ok(());
    }
    outln!("{} {}", crate::i18n::entity(lang, preview.kind), preview.label);
    outln!("{}", W::WillErase.get(lang));
    for (f, value) in &preview.erased {
        outln!("{}", words::erased_line(lang, *f, &masked(*f, value)));
    }
    outln!("{}", W::Kept.get(lang));
    if let PurgeTarget::Household(id) = target {
        print_linked(&store, id, ctx)?;
    }
    if !args.yes && !confirmed(ctx)? {
        outln!("{}", W::Cancelled.get(lang));
        return Ok(());
    }
    let done = store.purge(target)?;
    store.log_access(AccessEvent::Purged { kind: done.kind, id: done.id, reference: done.reference.clone() })?;
    outln!("{}", words::done(lang, &done));
    print_old_backups(&store, lang);
    Ok(())
}

/// Backups made before a purge still hold what it erased: say where.
fn print_old_backups(store: &Store, lang: crate::domain::Lang) {
    let backups = auto::list(store.dir());
    if !backups.is_empty() {
        outln!("{}", W::OldBackups.get(lang));
        for b in backups {
            outln!("  {}", b.path.display());
        }
    }
}

/// Members and case parties linked to the household: often the same
/// person, but erased only when asked for by name.
fn print_linked(store: &Store, household: Id, ctx: &Context) -> Result<(), Failure> {
    let members = store.members_of_household(household)?;
    let cases = store.cases_of_household(household)?;
    if members.is_empty() && cases.is_empty() {
        return Ok(());
    }
    outln!("{}", W::Linked.get(ctx.lang));
    for m in members {
        outln!("  {} #{} {}", crate::i18n::entity(ctx.lang, crate::domain::EntityKind::Member), m.id, m.full_name);
    }
    for c in store.get_many::<crate::domain::MediationCase>(&cases)? {
        for (i, p) in c.parties.iter().enumerate().filter(|(_, p)| p.household == Some(household)) {
            outln!(
                "  {} {} ({}) {}",
                crate::i18n::entity(ctx.lang, crate::domain::EntityKind::Case),
                c.number(),
                i + 1,
                p.name
            );
        }
    }
    Ok(())
}

/// An erased value as printed: ID and phone numbers masked like every
/// list (the terminal's scrollback and a script's log keep what is
/// printed; the clerk recognises the person by name and code).
fn masked(f: Field, value: &str) -> String {
    match f {
        Field::NationalId => mask_national_id(value),
        Field::Phone => mask_phone(value),
        _ => value.to_string(),
    }
}

fn confirmed(ctx: &Context) -> Result<bool, Failure> {
    out!("{}", W::Confirm.get(ctx.lang));
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| Failure::Said(e.to_string()))?;
    Ok(matches!(fold(line.trim()).as_str(), "co" | "c" | "yes" | "y"))
}

/// A member by number (`12`, `#12`) or by full name (folded; must fit one).
fn find_member(store: &Store, who: &str, ctx: &Context) -> Result<Id, Failure> {
    let not_found = || Failure::Said(W::NoMember.get(ctx.lang).into());
    if let Ok(id) = who.trim().trim_start_matches('#').parse::<Id>() {
        return store.get::<Member>(id)?.map(|m| m.id).ok_or_else(not_found);
    }
    let key = fold(who);
    let found = store.all_where::<Member>(|m| fold(&m.full_name) == key)?;
    match found.as_slice() {
        [] => Err(not_found()),
        [one] => Ok(one.id),
        many => {
            let mut message = W::ManyMembers.get(ctx.lang).to_string();
            for m in many {
                message.push_str(&format!("\n  #{} {}", m.id, m.full_name));
            }
            Err(Failure::Said(message))
        }
    }
}

/// A case by its number `N/YYYY`, and a party by its place (from 1).
fn find_party(store: &Store, case: &str, party: usize, ctx: &Context) -> Result<PurgeTarget, Failure> {
    let parsed = case.trim().split_once('/').and_then(|(n, y)| Some((n.trim().parse().ok()?, y.trim().parse().ok()?)));
    let found = match parsed {
        Some((seq, year)) => store.case_by_number(year, seq)?,
        None => None,
    };
    let Some(c) = found else { return Err(Failure::Said(W::NoCase.get(ctx.lang).into())) };
    match party.checked_sub(1).filter(|i| *i < c.parties.len()) {
        Some(index) => Ok(PurgeTarget::Party { case: c.id, index }),
        None => Err(Failure::Said(W::NoParty.get(ctx.lang).into())),
    }
}
