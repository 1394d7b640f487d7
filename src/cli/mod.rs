//! The command line: arguments (clap), where the database lives, and one
//! module per command. Errors arrive here typed and leave as one localized
//! sentence on stderr with a documented exit code; nothing panics.

mod access_log;
mod backup;
mod book;
mod check;
mod close;
mod compact;
mod console;
mod demo;
mod export;
mod help;
mod home;
mod import;
mod init;
mod locked;
mod paths;
mod purge;
mod recovery;
mod report;
mod request;
mod search;
mod secret;
mod stats;
pub mod supervise;
mod table;
mod undo;
mod usage;
mod user;
pub mod write_test;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::domain::access::{Action, Grant};
use crate::domain::{Commune, Lang};
use crate::i18n::{self, Say};
use crate::store::backup::BackupError;
use crate::store::operators::AccessError;
use crate::store::{OpenError, OpenOptions, Store, StoreError};

/// soxa (sổ xã): the commune ledger of the movement "Toàn dân bảo vệ an ninh Tổ quốc".
///
/// Keeps households (hộ gia đình) and their yearly signed commitments (bản cam kết),
/// security and mediation teams (tổ / đội) with their members, and grassroots
/// mediation cases (vụ việc hòa giải) for one commune (xã / phường).
#[derive(Parser, Debug)]
#[command(name = "soxa", version, about, long_about = None)]
pub struct Cli {
    /// Database folder (default: the platform's local data folder, soxa/ledger).
    #[arg(long, global = true, env = "SOXA_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    /// Interface language: vi (Vietnamese, default) or en.
    #[arg(long, global = true, env = "SOXA_LANG", value_parser = parse_lang)]
    lang: Option<Lang>,

    /// Who runs the command, on a ledger with users (the passphrase is asked without echo).
    #[arg(long, global = true, env = "SOXA_USER", value_name = "NAME")]
    user: Option<String>,

    /// Read passphrases from standard input, one per line, instead of asking (for scripts).
    #[arg(long, global = true)]
    passphrase_stdin: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Create the commune of a new ledger (as the first save in Settings does), then import its records.
    Init(init::Args),
    /// Create a realistic demo commune (xã mẫu) and open it.
    Demo {
        /// Number of households (hộ gia đình) to generate.
        #[arg(long, default_value_t = 8000, value_parser = clap::value_parser!(u32).range(1..=500_000))]
        households: u32,
        /// Seed: the same seed gives the same commune.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Only create the database; do not open the interface.
        #[arg(long)]
        no_open: bool,
        /// Also create one user of each role, with demo passphrases printed once.
        #[arg(long)]
        with_operators: bool,
    },
    /// Find households, members, teams and cases; type without diacritics ("nguyen van an").
    Search {
        /// Words to look for: names, codes, phone numbers, case numbers (12/2026).
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
        /// Most results to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Verify that every record and index agree; exits 8 when they do not.
    Check,
    /// Count the records of each kind.
    Stats,
    /// Write the summary of a period (báo cáo) as xlsx, csv, md or json;
    /// `soxa report book` writes a mediation team's book for a year.
    #[command(subcommand_negates_reqs = true, args_conflicts_with_subcommands = true)]
    Report(report::Args),
    /// Close a period (chốt số liệu) once its report is sent.
    Close(close::CloseArgs),
    /// Reopen a closed period, giving the reason.
    Reopen(close::ReopenArgs),
    /// Bring in records from a spreadsheet (.csv or .xlsx).
    Import(import::Args),
    /// Write records as a spreadsheet the import reads back (.csv or .xlsx).
    Export(export::Args),
    /// Copy the whole ledger into one backup file.
    Backup(backup::BackupArgs),
    /// Erase a person's personal data on request (household, member or case party).
    Purge(purge::Args),
    /// Rebuild a ledger from a backup file (in a new folder, or over one with --replace).
    Restore(backup::RestoreArgs),
    /// Compact the ledger: copy it into a fresh, smaller store (a backup first, every entry checked) and swap it in, giving disk space back.
    Compact,
    /// Undo the newest change (one save, deletion or import) after asking; run again to redo.
    Undo(undo::Args),
    /// Make a new recovery key for the backups and print its sheet once (backups made before need the old key).
    RecoveryKey(recovery::Args),
    /// The register of data subjects' requests (see, correct, delete, object) and their deadlines.
    Request(request::Args),
    /// Users who sign in, and their roles: add, list, remove, change a passphrase.
    User(user::Args),
    /// Who saw or took personal data, and when (the access log), newest first.
    AccessLog(access_log::Args),
    /// Test only (tests/reliability): saves households one by one, printing
    /// `saved <code>` after each flushed save. Hidden from help.
    #[command(name = "__write-test", hide = true)]
    WriteTest(write_test::Args),
}

/// Prints a line; a reader that went away (`soxa search an | head -1`) is
/// not an error worth a message.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// Prints without a newline, like `outln!`.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

pub(crate) use {out, outln};

fn parse_lang(s: &str) -> Result<Lang, usage::BadValue> {
    i18n::parse_lang(s).ok_or_else(|| usage::BadValue::new(s, i18n::usage::Expected::Lang))
}

/// Why a command stopped, each with its words and exit code.
#[derive(Debug)]
pub enum Failure {
    Open(OpenError),
    Store(StoreError),
    Refused(Say),
    Backup(BackupError),
    /// `soxa check` found mismatches (already printed).
    CheckFailed,
    /// An argument clap accepted but soxa cannot read (`--period 2026-Q5`).
    Argument {
        name: &'static str,
        problem: crate::domain::Problem,
    },
    /// A report could not be written.
    Export(crate::report::export::ExportError),
    /// A file could not be written there (`crate::output`).
    Output(crate::output::OutputError),
    /// A refusal already put in the clerk's language.
    Said(String),
}

impl From<crate::output::OutputError> for Failure {
    fn from(e: crate::output::OutputError) -> Self {
        Failure::Output(e)
    }
}

impl From<OpenError> for Failure {
    fn from(e: OpenError) -> Self {
        Failure::Open(e)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

impl From<AccessError> for Failure {
    fn from(e: AccessError) -> Self {
        Failure::Store(StoreError::Access(e))
    }
}

impl From<BackupError> for Failure {
    fn from(e: BackupError) -> Self {
        Failure::Backup(e)
    }
}

impl Failure {
    fn exit_code(&self) -> u8 {
        match self {
            Failure::Open(e) => e.exit_code(),
            Failure::Backup(e) => e.exit_code(),
            Failure::CheckFailed => 8,
            Failure::Argument { .. } => 2,
            Failure::Store(_) | Failure::Refused(_) | Failure::Export(_) | Failure::Output(_) | Failure::Said(_) => 1,
        }
    }

    /// Damage found while reading (sled pages lazily, so some shows only
    /// then) is told like damage found when opening: with the newest
    /// automatic backup and how to restore it.
    fn naming_backup(self, db: &std::path::Path) -> Failure {
        match self {
            Failure::Store(StoreError::Corrupt { tree, detail }) => Failure::Open(OpenError::Damaged {
                path: db.to_path_buf(),
                detail: format!("{tree}: {detail}"),
                backup: crate::store::backup::auto::newest(db),
            }),
            other => other,
        }
    }

    fn message(&self, lang: Lang) -> Option<String> {
        match self {
            Failure::Open(e) => Some(i18n::open_error(lang, e)),
            Failure::Store(e) => Some(i18n::store_error(lang, e)),
            Failure::Refused(s) => Some(i18n::say(lang, *s).to_string()),
            Failure::Backup(e) => Some(i18n::backups::backup_error(lang, e)),
            Failure::CheckFailed => None,
            Failure::Argument { name, problem } => Some(format!("{name}: {}", i18n::problem(lang, *problem))),
            Failure::Export(e) => Some(crate::report::export::words::error(lang, e)),
            Failure::Output(e) => Some(i18n::output::error(lang, e)),
            Failure::Said(s) => Some(s.clone()),
        }
    }
}

/// What every command gets: the chosen language and database folder, and
/// who runs it.
pub struct Context {
    pub lang: Lang,
    lang_given: bool,
    pub db: PathBuf,
    /// The folder was named (`--db`, `SOXA_DB`), not the default one.
    db_given: bool,
    /// `--user`: who signs in, on a ledger with operators.
    user: Option<String>,
    /// Where passphrases come from (`--passphrase-stdin`, or the terminal).
    secrets: secret::Secrets,
    /// What the signed-in operator may do (everything for the single
    /// clerk of a ledger without operators), set by [`Context::open`].
    pub grant: Grant,
}

impl Context {
    /// Opens the database and signs in: on a ledger with operators, the
    /// `--user` named and their passphrase (asked without echo, or read
    /// from standard input); adopts the commune's language unless one was
    /// given.
    fn open(&mut self, create: bool) -> Result<Store, Failure> {
        let mut store = self.open_unsigned(create)?;
        if store.has_operators()? {
            let Some(name) = self.user.clone() else { return Err(AccessError::SignInNeeded.into()) };
            let passphrase = self.secrets.read(&i18n::access::passphrase_prompt(self.lang, &name))?;
            self.grant = store.sign_in(&name, &passphrase)?;
        } else {
            self.grant = Grant::single_clerk(store.operator());
        }
        Ok(store)
    }

    /// Refuses, in one sentence naming the role needed, what the signed-in
    /// operator may not do.
    fn require(&self, action: Action) -> Result<(), Failure> {
        self.grant.check(action).map_err(|r| AccessError::Refused(r).into())
    }

    /// Opens the database without signing in: the interface signs in on
    /// its own screen.
    fn open_unsigned(&mut self, create: bool) -> Result<Store, Failure> {
        let opts = OpenOptions { create, ..OpenOptions::default() };
        let mut store = Store::open(&self.db, &opts)?;
        tell_recovered(self.lang, store.recovered());
        let commune = store.commune()?;
        if let Some(c) = &commune {
            if !self.lang_given {
                self.lang = c.settings.language;
            }
            if !c.settings.operator.is_empty() {
                store.set_operator(&c.settings.operator);
            }
        }
        if let Some(user) = &self.user {
            store.set_operator(user);
        }
        if store.operator().is_empty() {
            let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_default();
            store.set_operator(&user);
        }
        Ok(store)
    }

    /// Opens a ledger that must have its commune (reports, closing, imports,
    /// exports): without one, nothing is created or written and the clerk
    /// is told how to make it (`soxa init` or the Settings screen).
    fn open_commune(&mut self) -> Result<(Store, Commune), Failure> {
        let store = match self.open(false) {
            Err(Failure::Open(OpenError::Missing { .. })) => return Err(Failure::Refused(Say::NoCommune)),
            other => other?,
        };
        match store.commune()? {
            Some(commune) => Ok((store, commune)),
            None => Err(Failure::Refused(Say::NoCommune)),
        }
    }
}

/// Says in one sentence what the opening did about a restore or demo a
/// crash had cut short.
fn tell_recovered(lang: Lang, recovered: Option<&crate::store::swap::Recovered>) {
    if let Some(r) = recovered {
        eprintln!("{}", i18n::backups::recovered(lang, r));
    }
}

/// Runs soxa with the process's arguments.
pub fn main() -> ExitCode {
    let cli = match usage::parse::<Cli>() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let opens_interface = matches!(cli.command, None | Some(Command::Demo { no_open: false, .. }));
    if let Some(code) = supervise::watch(opens_interface, cli.lang.unwrap_or_default()) {
        return code;
    }
    // Last line of defence: a bug must still end in one sentence, not a
    // backtrace. (The interface adds its own hook that restores the terminal.)
    let lang = cli.lang.unwrap_or_default();
    std::panic::set_hook(Box::new(move |info| {
        eprintln!("{}: {info}", i18n::say(lang, Say::UnexpectedError));
    }));
    let mut ctx = Context {
        lang: cli.lang.unwrap_or_default(),
        lang_given: cli.lang.is_some(),
        db: PathBuf::new(),
        db_given: false,
        user: cli.user.clone(),
        secrets: secret::Secrets::new(cli.passphrase_stdin),
        grant: Grant::single_clerk(""),
    };
    let interface = cli.command.is_none();
    let result = run(cli, &mut ctx).map_err(|f| f.naming_backup(&ctx.db));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if let Some(message) = failure.message(ctx.lang) {
                eprintln!("{message}");
            }
            console::hold_window(ctx.lang, interface);
            ExitCode::from(failure.exit_code())
        }
    }
}

fn run(cli: Cli, ctx: &mut Context) -> Result<(), Failure> {
    let is_demo = matches!(cli.command, Some(Command::Demo { .. }));
    ctx.db_given = cli.db.is_some();
    ctx.db = match cli.db {
        Some(path) => path,
        None if is_demo => paths::default_demo_db(),
        None => paths::default_db(),
    };
    match cli.command {
        None => home::run(ctx),
        Some(Command::Demo { households, seed, no_open, with_operators }) => {
            demo::run(ctx, households as usize, seed, no_open, with_operators)
        }
        Some(Command::Init(args)) => init::run(ctx, args),
        Some(Command::Search { text, limit }) => search::run(ctx, &text.join(" "), limit),
        Some(Command::Check) => check::run(ctx),
        Some(Command::Stats) => stats::run(ctx),
        Some(Command::Report(args)) => report::run(ctx, args),
        Some(Command::Close(args)) => close::close(ctx, args),
        Some(Command::Reopen(args)) => close::reopen(ctx, args),
        Some(Command::Import(args)) => import::run(ctx, args),
        Some(Command::Export(args)) => export::run(ctx, args),
        Some(Command::Backup(args)) => backup::backup(ctx, args),
        Some(Command::Restore(args)) => backup::restore(ctx, args),
        Some(Command::Purge(args)) => purge::run(ctx, args),
        Some(Command::Request(args)) => request::run(ctx, args),
        Some(Command::Compact) => compact::run(ctx),
        Some(Command::Undo(args)) => undo::run(ctx, args),
        Some(Command::RecoveryKey(args)) => recovery::run(ctx, args),
        Some(Command::User(args)) => user::run(ctx, args),
        Some(Command::AccessLog(args)) => access_log::run(ctx, args),
        Some(Command::WriteTest(args)) => write_test::run(ctx, args),
    }
}
