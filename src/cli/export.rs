//! `soxa export households|members|models|assessments|outreach FILE`: records
//! as a spreadsheet in the same columns `soxa import` reads, so a round
//! trip keeps every household. `.xlsx` gives a workbook, `.csv` a UTF-8
//! (BOM) comma-separated file. National ID numbers are masked unless
//! `--include-personal` is given; then the file goes inside a ZIP locked
//! with a passphrase (`ho.xlsx` -> `ho.xlsx.zip`, see
//! `crate::output::locked`), and the access log says who wrote it. Written
//! through `crate::output`: never into a ledger folder, never over an
//! existing file unless `--force`.

use std::path::{Path, PathBuf};

use super::{Context, Failure, outln};
use crate::domain::access::Action;
use crate::domain::operator::AccessEvent;
use crate::domain::{EntityKind, Lang};
use crate::i18n::locked::LockText;
use crate::import::export::{self, Options, Table};
use crate::import::words::{self, RecordsText as W};
use crate::output::{self, Existing, locked};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// Every household (hộ gia đình), with this year's signing date.
    Households {
        /// The .csv or .xlsx file to write.
        file: PathBuf,
        /// Write national ID numbers (CCCD) in full; the file is then zipped and locked with a passphrase (.zip).
        #[arg(long)]
        include_personal: bool,
        /// Replace the file if it exists already.
        #[arg(long)]
        force: bool,
        /// The year whose signed commitments fill "Ngày ký cam kết" (default: this year).
        #[arg(long)]
        year: Option<u16>,
    },
    /// Every team member (thành viên tổ, đội).
    Members {
        /// The .csv or .xlsx file to write.
        file: PathBuf,
        /// Write national ID numbers (CCCD) in full; the file is then zipped and locked with a passphrase (.zip).
        #[arg(long)]
        include_personal: bool,
        /// Replace the file if it exists already.
        #[arg(long)]
        force: bool,
    },
    /// Every self-management model, a row per year reviewed.
    Models {
        /// The .csv or .xlsx file to write.
        file: PathBuf,
        /// Replace the file if it exists already.
        #[arg(long)]
        force: bool,
    },
    /// Every residential area's yearly assessment.
    Assessments {
        /// The .csv or .xlsx file to write.
        file: PathBuf,
        /// Replace the file if it exists already.
        #[arg(long)]
        force: bool,
    },
    /// Every outreach session, a row per attending household.
    Outreach {
        /// The .csv or .xlsx file to write.
        file: PathBuf,
        /// Replace the file if it exists already.
        #[arg(long)]
        force: bool,
    },
}

/// The kinds of file written, from the name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Csv,
    Xlsx,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<(), Failure> {
    let (file, include_personal, year, force) = match &args.what {
        What::Households { file, include_personal, year, force } => (file.clone(), *include_personal, *year, *force),
        What::Members { file, include_personal, force } => (file.clone(), *include_personal, None, *force),
        What::Models { file, force } | What::Assessments { file, force } | What::Outreach { file, force } => {
            (file.clone(), false, None, *force)
        }
    };
    let lang = ctx.lang;
    // Personal data goes only into a locked ZIP; so does a file named .zip.
    let lock = include_personal || locked::is_zip(&file);
    let inner = if lock { locked::inner_path(&file, "xlsx") } else { file.clone() };
    let format = format_of(&inner).ok_or_else(|| Failure::Said(W::UnknownFormat.get(lang).to_string()))?;
    let existing = Existing::replace_if(force);
    // Refused before the ledger is read; checked again just before writing.
    let target = if lock { locked::check(&file, existing)? } else { checked(&file, existing)? };
    let (store, _) = ctx.open_commune()?;
    let (read, kind) = read_of(&args.what);
    ctx.require(read)?;
    ctx.require(if include_personal { Action::ExportPersonal { kind } } else { Action::ExportMasked })?;
    // Even masked, a households or members file keeps phone numbers whole
    // (the import reads them back): only a role that may see them may take it.
    if matches!(kind, EntityKind::Household | EntityKind::Member) {
        ctx.require(Action::Unmask)?;
    }
    let passphrase = if lock { Some(super::locked::passphrase(ctx)?) } else { None };
    let opts = Options { include_personal, year: year.unwrap_or_else(|| export::year_of(store.today())) };
    let what = args.what.code();
    let table = match args.what {
        What::Households { .. } => export::households(&store, opts)?,
        What::Members { .. } => export::members(&store, opts)?,
        What::Models { .. } => export::models(&store)?,
        What::Assessments { .. } => export::assessments(&store)?,
        What::Outreach { .. } => export::outreach(&store)?,
    };
    let bytes = bytes_of(&table, format).map_err(|e| Failure::Said(e.say(lang, &inner)))?;
    let Some(passphrase) = passphrase else {
        output::write_all(&[(target.clone(), bytes)], existing)?;
        outln!("{}", words::written(lang, table.rows.len(), table.kind, &target, include_personal));
        return Ok(());
    };
    let written = locked::write(&target, &[(inner, bytes)], &passphrase, store.now(), existing)?;
    if include_personal {
        let file = written.display().to_string();
        super::locked::log(&store, AccessEvent::ExportedPersonal { what: what.to_string(), file })?;
    }
    let line = words::written(lang, table.rows.len(), table.kind, &written, include_personal);
    outln!("{line} {}", LockText::Locked.get(lang));
    Ok(())
}

/// A plain file's target, refused as `output::check` says.
fn checked(file: &Path, existing: Existing) -> Result<PathBuf, Failure> {
    output::check(file, existing)?;
    Ok(file.to_path_buf())
}

impl What {
    /// The kind exported, as typed: the access log names it so.
    fn code(&self) -> &'static str {
        match self {
            What::Households { .. } => "households",
            What::Members { .. } => "members",
            What::Models { .. } => "models",
            What::Assessments { .. } => "assessments",
            What::Outreach { .. } => "outreach",
        }
    }
}

/// Reading the records an export of `what` writes, and their kind.
fn read_of(what: &What) -> (Action, EntityKind) {
    match what {
        What::Households { .. } => (Action::ReadHouseholds, EntityKind::Household),
        What::Members { .. } => (Action::ReadTeams, EntityKind::Member),
        What::Models { .. } => (Action::ReadTargets, EntityKind::Model),
        What::Assessments { .. } => (Action::ReadTargets, EntityKind::Assessment),
        What::Outreach { .. } => (Action::ReadTargets, EntityKind::Outreach),
    }
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "csv" | "txt" => Some(Format::Csv),
        "xlsx" => Some(Format::Xlsx),
        _ => None,
    }
}

/// Why the file's contents could not be built (a bug, not the clerk's
/// doing).
struct BuildError(String);

impl BuildError {
    fn say(&self, lang: Lang, path: &Path) -> String {
        words::cannot_write(lang, path, &self.0)
    }
}

fn bytes_of(table: &Table, format: Format) -> Result<Vec<u8>, BuildError> {
    match format {
        Format::Csv => export::csv_bytes(table).map_err(|e| BuildError(e.to_string())),
        Format::Xlsx => export::xlsx_bytes(table).map_err(|e| BuildError(e.to_string())),
    }
}
