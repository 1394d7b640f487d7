//! `soxa demo`: builds a realistic demo commune in its own folder (never the
//! real ledger's), then opens it.
//!
//! The demo is built whole in `demo-building/` inside the folder and put in
//! place by a journaled swap (`store::swap`), so a demo killed half-way
//! leaves the folder as it was (the next start removes the half-built one)
//! or the complete new demo. A previous demo's store is replaced; nothing
//! else in the folder is touched: `backups/` (automatic backups, ledgers
//! kept aside by a restore, a clerk's own files) always stays.
//!
//! Without `--with-operators` the demo has no users (anyone may do
//! everything, as a ledger before its first user); with it, one user of
//! each role is made with demo passphrases, printed once with the recovery
//! key.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use super::{Context, Failure, home, out, outln};
use crate::demo::{DemoOptions, generate};
use crate::domain::access::OperatorRole;
use crate::domain::{Hamlet, Lang};
use crate::i18n::access;
use crate::i18n::users::{self, UserText as W};
use crate::i18n::{self, Say};
use crate::store::swap::{self, Kind, Plan};
use crate::store::{FolderLock, OpenError, OpenOptions, SCHEMA_VERSION, Store, folder};

pub fn run(ctx: &mut Context, households: usize, seed: u64, no_open: bool, users: bool) -> Result<(), Failure> {
    let started = Instant::now();
    let (lock, replacing) = take_folder(ctx)?;
    build(ctx, households, seed)?;
    let plan = Plan {
        kind: Kind::Demo,
        staging: PathBuf::from(folder::DEMO_BUILDING).join("store"),
        aside: replacing.then(|| PathBuf::from(folder::DEMO_REPLACED)),
        schema: SCHEMA_VERSION,
    };
    swap::commit(&ctx.db, &plan)?;
    drop(lock);
    let mut store = ctx.open(false)?;
    let lang = ctx.lang;
    outln!(
        "{} ({}): {}",
        i18n::say(lang, Say::DemoCreated),
        i18n::numbers::seconds(lang, started.elapsed().as_secs_f64()),
        ctx.db.display()
    );
    out!("{}", super::stats::counts_table(lang, &store));
    if users {
        add_users(lang, &mut store)?;
    }
    if no_open || !std::io::stdout().is_terminal() {
        return Ok(());
    }
    home::open(ctx, store)
}

/// The demo's users, one of each role (the administrator first, the
/// hamlet head of the first hamlet), with passphrases only a demo has.
const DEMO_USERS: [(&str, OperatorRole, &str); 5] = [
    ("Quản trị", OperatorRole::Admin, "quantri-demo-2026"),
    ("Công an", OperatorRole::Police, "congan-demo-2026"),
    ("Tư pháp", OperatorRole::Justice, "tuphap-demo-2026"),
    ("Trưởng thôn", OperatorRole::HamletHead, "truongthon-demo-2026"),
    ("Chỉ xem", OperatorRole::Viewer, "chixem-demo-2026"),
];

/// Creates the demo's users, prints them once as a table, then makes the
/// recovery key (after the administrator) and prints its sheet.
fn add_users(lang: Lang, store: &mut Store) -> Result<(), Failure> {
    let first = store.all::<Hamlet>()?.into_iter().min_by(|a, b| a.code.cmp(&b.code));
    let mut rows = vec![[W::Name, W::Role, W::Hamlet, W::Passphrase].map(|w| w.get(lang).to_string()).to_vec()];
    for (name, role, passphrase) in DEMO_USERS {
        let hamlet = first.as_ref().filter(|_| role == OperatorRole::HamletHead);
        let added = store.add_operator(name, role, hamlet.map(|h| h.id), passphrase)?;
        if role == OperatorRole::Admin {
            // The administrator adds the others, as on a real ledger.
            store.set_operator(&added.name);
        }
        let hamlet = hamlet.map(|h| format!("{} {}", h.code, h.display_name())).unwrap_or_default();
        rows.push(vec![name.to_string(), access::role(lang, role).to_string(), hamlet, passphrase.to_string()]);
    }
    let secret = store.new_recovery_key()?;
    outln!("{}", W::DemoUsers.get(lang));
    out!("{}", super::table::render(&rows));
    outln!("{}", W::DemoSignIn.get(lang));
    outln!("{}", users::recovery_sheet(lang, &secret));
    Ok(())
}

/// Takes the folder's lock for the whole build. A previous demo is to be
/// replaced (true); a real ledger is never touched.
fn take_folder(ctx: &Context) -> Result<(FolderLock, bool), Failure> {
    let opts = OpenOptions { create: false, ..OpenOptions::default() };
    match Store::open(&ctx.db, &opts) {
        Ok(existing) => {
            super::tell_recovered(ctx.lang, existing.recovered());
            if !existing.is_demo()? {
                return Err(Failure::Refused(Say::DemoRefusesRealData));
            }
            eprintln!("{}", i18n::say(ctx.lang, Say::DemoReplacing));
            Ok((existing.into_lock(), true))
        }
        Err(OpenError::Missing { .. }) => {
            let (lock, recovered) = FolderLock::take(&ctx.db)?;
            super::tell_recovered(ctx.lang, recovered.as_ref());
            Ok((lock, false))
        }
        Err(e) => Err(e.into()),
    }
}

/// Builds the demo, complete and flushed, in `demo-building/`.
fn build(ctx: &Context, households: usize, seed: u64) -> Result<(), Failure> {
    let store = Store::open(&ctx.db.join(folder::DEMO_BUILDING), &OpenOptions::default())?;
    let opts = DemoOptions { households, seed, today: store.today() };
    generate(&store, &opts)?;
    store.flush()?;
    Ok(())
}
