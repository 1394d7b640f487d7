//! `soxa user add|list|remove|passwd`: the ledger's operators from the
//! command line. The first user must be an administrator (the store
//! refuses otherwise); creating them makes the backups' recovery key and
//! prints its sheet once. On a ledger with users every subcommand signs in
//! first and needs the right to manage users, except changing one's own
//! passphrase. New passphrases are typed twice without echo, or read as
//! one line of standard input with `--passphrase-stdin` (after the
//! signing-in operator's line).

use super::{Context, Failure, out, outln, table};
use crate::domain::access::{Action, OperatorRole};
use crate::domain::date::format_dmy;
use crate::domain::operator::{check_passphrase, operator_key};
use crate::domain::{Field, FieldError, Hamlet, Id, Problem};
use crate::i18n::access;
use crate::i18n::users::{self as words, UserText as W};
use crate::store::operators::AccessError;
use crate::store::{Store, StoreError};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// Add a user with a role; the first must be an administrator (the passphrase is asked twice).
    Add {
        /// The user's name, as they sign in ("Lê Thị Hoa"; typing it without diacritics also works).
        name: String,
        /// admin, police, justice, hamlet (a hamlet head, with --hamlet) or viewer.
        #[arg(long, hide_possible_values = true, value_parser = clap::builder::PossibleValuesParser::new(["admin", "police", "justice", "hamlet", "viewer"]))]
        role: String,
        /// The hamlet of a hamlet head, by its code (T01).
        #[arg(long, value_name = "CODE")]
        hamlet: Option<String>,
    },
    /// List the users: name, role, hamlet, created.
    List,
    /// Remove a user (the last administrator stays).
    Remove {
        /// The user's name.
        name: String,
    },
    /// Change a passphrase: your own, or anyone's with the right to manage users.
    Passwd {
        /// The user's name.
        name: String,
    },
}

pub fn run(ctx: &mut Context, args: Args) -> Result<(), Failure> {
    match args.what {
        What::Add { name, role, hamlet } => add(ctx, &name, &role, hamlet.as_deref()),
        What::List => list(ctx),
        What::Remove { name } => remove(ctx, &name),
        What::Passwd { name } => passwd(ctx, &name),
    }
}

fn add(ctx: &mut Context, name: &str, role: &str, hamlet: Option<&str>) -> Result<(), Failure> {
    let role = OperatorRole::from_code(role).unwrap_or(OperatorRole::Viewer);
    let mut store = ctx.open(false)?;
    let first = !store.has_operators()?;
    if !first {
        ctx.require(Action::ManageOperators)?;
    }
    let hamlet = hamlet.map(|code| hamlet_id(&store, code)).transpose()?;
    if first && role != OperatorRole::Admin {
        return Err(AccessError::FirstMustBeAdmin.into());
    }
    let passphrase = new_passphrase(ctx, name)?;
    let added = store.add_operator(name, role, hamlet, &passphrase)?;
    outln!("{} {} ({}).", W::Added.get(ctx.lang), added.name, access::role(ctx.lang, added.role));
    if first {
        // The key is the new administrator's doing, in the access log.
        store.set_operator(&added.name);
        let secret = store.new_recovery_key()?;
        outln!("{}", W::NowSignIn.get(ctx.lang));
        outln!("{}", words::recovery_sheet(ctx.lang, &secret));
    }
    Ok(())
}

/// A hamlet by its code, or the field's refusal.
fn hamlet_id(store: &Store, code: &str) -> Result<Id, Failure> {
    match store.hamlet_by_code(code)? {
        Some(h) => Ok(h.id),
        None => Err(AccessError::Invalid(FieldError::new(Field::Hamlet, Problem::UnknownReference)).into()),
    }
}

/// A new passphrase: typed twice without echo (the two must agree), or one
/// line of standard input. Its length is checked before the second typing.
fn new_passphrase(ctx: &Context, name: &str) -> Result<String, Failure> {
    let first = ctx.secrets.read(&words::new_passphrase_prompt(ctx.lang, name))?;
    check_passphrase(&first).map_err(AccessError::Invalid)?;
    if ctx.secrets.reads_stdin() {
        return Ok(first);
    }
    let again = ctx.secrets.read(W::Again.get(ctx.lang))?;
    if again != first {
        return Err(AccessError::Invalid(FieldError::new(Field::Passphrase, Problem::Mismatch)).into());
    }
    Ok(first)
}

fn list(ctx: &mut Context) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    if !store.has_operators()? {
        outln!("{}", W::NoUsers.get(ctx.lang));
        return Ok(());
    }
    ctx.require(Action::ManageOperators)?;
    let lang = ctx.lang;
    let hamlets: std::collections::HashMap<Id, Hamlet> =
        store.all::<Hamlet>()?.into_iter().map(|h| (h.id, h)).collect();
    let mut rows = vec![[W::Name, W::Role, W::Hamlet, W::Created].map(|w| w.get(lang).to_string()).to_vec()];
    for op in store.operators()? {
        let hamlet = op.hamlet.and_then(|id| hamlets.get(&id)).map(|h| format!("{} {}", h.code, h.display_name()));
        rows.push(vec![
            op.name,
            access::role(lang, op.role).to_string(),
            hamlet.unwrap_or_default(),
            format_dmy(op.created_at.date()),
        ]);
    }
    out!("{}", table::render(&rows));
    Ok(())
}

fn remove(ctx: &mut Context, name: &str) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    ctx.require(Action::ManageOperators)?;
    let removed = store.remove_operator(name)?;
    outln!("{} {}.", W::Removed.get(ctx.lang), removed.name);
    Ok(())
}

fn passwd(ctx: &mut Context, name: &str) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    if operator_key(name) != operator_key(&ctx.grant.name) || !store.has_operators()? {
        ctx.require(Action::ManageOperators)?;
    }
    let op = store.operator_named(name)?.ok_or(StoreError::Access(AccessError::NoSuchOperator))?;
    let passphrase = new_passphrase(ctx, &op.name)?;
    store.set_passphrase(&op.name, &passphrase)?;
    outln!("{} {}.", W::Changed.get(ctx.lang), op.name);
    Ok(())
}
