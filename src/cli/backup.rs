//! `soxa backup FILE` and `soxa restore FILE`.
//!
//! A backup never replaces an existing file unless `--force`, and is never
//! written inside a ledger folder (`crate::output`: the one in `--db` or
//! any other, links resolved); given a folder it writes a dated file inside. A restore builds the database in `--db`
//! (refusing one that holds a database unless `--replace`, which first moves
//! the current one into its `backups/` folder), then runs `check` on it.
//! A backup locked with the recovery key is opened with the key typed
//! without echo, read from standard input, or from `--key-file`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, NaiveDateTime};

use super::{Context, Failure, outln};
use crate::domain::Lang;
use crate::domain::access::Action;
use crate::domain::operator::AccessEvent;
use crate::i18n::backups::BackupText as B;
use crate::i18n::{self, numbers};
use crate::output;
use crate::store::backup::{self, BackupError, RecoveryKey, Restored, Written, format::EXTENSION};
use crate::store::{Clock, OpenOptions, Store};

#[derive(clap::Args, Debug)]
pub struct BackupArgs {
    /// Backup file to write (.soxabak), or a folder to write a dated file in.
    file: PathBuf,
    /// Replace the file if it exists already.
    #[arg(long)]
    force: bool,
}

#[derive(clap::Args, Debug)]
pub struct RestoreArgs {
    /// Backup file to restore (.soxabak). The database is built in --db.
    file: PathBuf,
    /// Replace the database in --db; it is first moved into its backups folder, not deleted.
    #[arg(long)]
    replace: bool,
    /// A file holding the recovery key (the recovery sheet), for a locked backup; otherwise it is asked.
    #[arg(long, value_name = "PATH")]
    key_file: Option<PathBuf>,
}

pub fn backup(ctx: &mut Context, args: BackupArgs) -> Result<(), Failure> {
    output::refuse_ledger(&args.file)?;
    let store = ctx.open(false)?;
    ctx.require(Action::Backup)?;
    let target = target_file(&args.file, store.now());
    output::refuse_ledger(&target)?;
    let started = Instant::now();
    let written = store.backup_to(&target, args.force)?;
    outln!("{}", saved_line(ctx.lang, &written, started.elapsed().as_secs_f64()));
    let future = backup::auto::future_dated(store.dir(), store.now());
    if !future.is_empty() {
        eprintln!("{}", i18n::backups::future_dated(ctx.lang, &future));
    }
    Ok(())
}

/// A folder gets a dated file name inside, as `soxa-2026-11-23-1530.soxabak`.
fn target_file(given: &Path, now: NaiveDateTime) -> PathBuf {
    if given.is_dir() {
        given.join(format!("soxa-{}.{EXTENSION}", now.format("%Y-%m-%d-%H%M")))
    } else {
        given.to_path_buf()
    }
}

fn saved_line(lang: Lang, w: &Written, seconds: f64) -> String {
    format!(
        "{} {} ({} {}, {}, {})",
        B::Saved.get(lang),
        w.path.display(),
        i18n::number(lang, w.entries),
        B::Entries.get(lang),
        numbers::size(lang, w.bytes),
        numbers::seconds(lang, seconds)
    )
}

pub fn restore(ctx: &mut Context, args: RestoreArgs) -> Result<(), Failure> {
    // Only a ledger with operators (its marker says so without opening
    // it: opening writes) is opened here, to sign in; then the recovery
    // key of a locked file is asked.
    require_restore(ctx, args.replace)?;
    let lang = ctx.lang;
    let started = Instant::now();
    let key = recovery_key(ctx, &args)?;
    let restored = backup::restore_with(&args.file, &ctx.db, args.replace, Clock::System.now(), key.as_ref())?;
    super::tell_recovered(lang, restored.earlier.as_ref());
    outln!("{}", restored_line(lang, &args.file, &ctx.db, &restored, started.elapsed().as_secs_f64()));
    if let Some(aside) = &restored.moved_aside {
        outln!("{} {}", B::MovedAside.get(lang), aside.display());
    }
    let mut store = Store::open(&ctx.db, &OpenOptions { create: false, ..OpenOptions::default() })?;
    log_restored(ctx, &mut store, &args.file)?;
    super::check::report(lang, &store)
}

/// The recovery key a locked backup needs (none for a plain one): read
/// from `--key-file`, or the next passphrase (typed without echo, or the
/// next line of standard input with `--passphrase-stdin`).
fn recovery_key(ctx: &Context, args: &RestoreArgs) -> Result<Option<RecoveryKey>, Failure> {
    if !backup::is_locked(&args.file)? {
        return Ok(None);
    }
    let text = match &args.key_file {
        Some(path) => read_key_file(path)?,
        None => ctx.secrets.read(i18n::backups::RecoveryText::KeyPrompt.get(ctx.lang))?,
    };
    RecoveryKey::find(&text).map(Some).ok_or(Failure::Backup(BackupError::NotAKey))
}

/// A key file is small (the sheet); a large one is not a key file.
fn read_key_file(path: &Path) -> Result<String, Failure> {
    use std::io::Read;
    const MAX_KEY_FILE: u64 = 64 * 1024;
    let fail = |e: std::io::Error| BackupError::Read { path: path.to_path_buf(), detail: e.to_string() };
    let mut bytes = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(MAX_KEY_FILE).read_to_end(&mut bytes)).map_err(fail)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `--replace` over a ledger with users: the one replaced is signed in to,
/// and its user must be allowed to restore. A ledger that cannot be opened
/// (damaged, missing) is replaced as before; a restore into a new folder
/// needs no sign-in, since the restored ledger asks for one itself.
fn require_restore(ctx: &mut Context, replace: bool) -> Result<(), Failure> {
    if !replace {
        return Ok(());
    }
    if !crate::store::folder::signs_in(&ctx.db) {
        return Ok(());
    }
    let store = ctx.open(false)?;
    ctx.require(Action::Restore)?;
    drop(store);
    Ok(())
}

/// "Restored from FILE" in the restored ledger's access log (one with
/// users), by whoever restored it (the user signed in to the ledger replaced, else the
/// computer's user).
fn log_restored(ctx: &Context, store: &mut Store, file: &Path) -> Result<(), Failure> {
    // A single clerk's ledger reads back exactly as it was backed up; one
    // with operators keeps who restored it.
    if !store.has_operators()? {
        return Ok(());
    }
    if !ctx.grant.name.is_empty() {
        store.set_operator(&ctx.grant.name);
    } else if store.operator().is_empty() {
        let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_default();
        store.set_operator(&user);
    }
    let from = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    store.log_access(AccessEvent::Restored { from })?;
    Ok(())
}

fn restored_line(lang: Lang, file: &Path, db: &Path, r: &Restored, seconds: f64) -> String {
    let made_at = DateTime::from_timestamp(r.contents.header.created_at, 0)
        .map(|t| t.naive_utc().format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_default();
    format!(
        "{} {} ({} {made_at}) {} {}: {} {} ({})",
        B::Restored.get(lang),
        file.display(),
        B::MadeAt.get(lang),
        B::Into.get(lang),
        db.display(),
        i18n::number(lang, r.contents.entries),
        B::Entries.get(lang),
        numbers::seconds(lang, seconds)
    )
}
