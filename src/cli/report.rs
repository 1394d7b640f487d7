//! `soxa report --period P --format F -o FILE`: the summary of a period,
//! written by one of `report::export`'s writers. Prints the files written
//! with their sizes, and how long reading, computing and writing took.
//! With `--include-personal` (or a name ending in .zip) every file goes
//! into one ZIP locked with a passphrase (`crate::output::locked`), and the
//! access log says who wrote it.
//! `soxa report book` is `book`'s.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Context, Failure, outln};
use crate::domain::access::Action;
use crate::domain::date::parse_dmy;
use crate::domain::operator::AccessEvent;
use crate::domain::{EntityKind, Lang, Period};
use crate::i18n;
use crate::i18n::locked::LockText;
use crate::output::{self, Existing, locked};
use crate::report::export::words::ExportText as W;
use crate::report::export::{self, ExportOptions, Format};
use crate::report::{load, summarize};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The period: a quarter (2026-Q3), a half year (2026-H1), a year (2026)
    /// or a range of days (05/01/2026..31/03/2026).
    #[arg(long, value_name = "P", required_unless_present = "from", conflicts_with_all = ["from", "to"])]
    period: Option<String>,
    /// First day of a range of days (dd/mm/yyyy), with --to.
    #[arg(long, value_name = "dd/mm/yyyy", requires = "to")]
    from: Option<String>,
    /// Last day of a range of days (dd/mm/yyyy), with --from.
    #[arg(long, value_name = "dd/mm/yyyy", requires = "from")]
    to: Option<String>,
    /// xlsx, csv, md or json (default: from the file name's extension, else xlsx).
    #[arg(long, short = 'f', value_parser = parse_format)]
    format: Option<Format>,
    /// The file to write (default: bao-cao-<period>.<ext> in the current folder).
    /// CSV writes more files beside it, one per detail table.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write national ID and phone numbers in full (they are masked by default);
    /// the files are then zipped and locked with a passphrase (.zip).
    #[arg(long)]
    include_personal: bool,
    /// Replace the file (and, for CSV, the files beside it) if it exists already.
    #[arg(long)]
    force: bool,
    #[command(subcommand)]
    what: Option<What>,
}

/// Other documents than the period's summary.
#[derive(clap::Subcommand, Debug)]
enum What {
    /// A mediation team's book for a year (sổ theo dõi hoạt động hòa giải ở cơ sở), as xlsx.
    Book(super::book::Args),
}

fn parse_format(s: &str) -> Result<Format, super::usage::BadValue> {
    Format::parse(s).ok_or_else(|| super::usage::BadValue::new(s, crate::i18n::usage::Expected::Format))
}

pub fn run(ctx: &mut Context, args: Args) -> Result<(), Failure> {
    if let Some(What::Book(book)) = args.what {
        return super::book::run(ctx, book);
    }
    let started = Instant::now();
    let period = period_of(&args)?;
    // With personal data (or named .zip), the report goes into a locked ZIP.
    let lock = args.include_personal || args.output.as_deref().is_some_and(locked::is_zip);
    // A named file is refused before the ledger is even opened; every file
    // is checked again, with the CSV files beside it, just before writing.
    let existing = Existing::replace_if(args.force);
    if let Some(path) = &args.output {
        if lock {
            locked::check(path, existing)?;
        } else {
            output::check(path, existing)?;
        }
    }
    let (store, _) = ctx.open_commune()?;
    ctx.require(Action::ReadReports)?;
    ctx.require(Action::ExportMasked)?;
    if args.include_personal {
        ctx.require(Action::ExportPersonal { kind: EntityKind::Household })?;
    }
    let passphrase = if lock { Some(super::locked::passphrase(ctx)?) } else { None };
    let lang = ctx.lang;
    let named = args.output.as_deref().map(|p| if lock { unzipped(p) } else { p.to_path_buf() });
    let format = args.format.or_else(|| named.as_deref().and_then(Format::of_path)).unwrap_or(Format::Xlsx);
    let path = args.output.unwrap_or_else(|| PathBuf::from(export::default_file_name(&period, format, lang)));
    let data = load(&store, &period)?;
    let loaded = Instant::now();
    let sum = summarize(&data, &period);
    let computed = Instant::now();
    let options = ExportOptions { include_personal: args.include_personal, lang, generated_at: store.now() };
    let records = export::Records::load(&store, &sum)?;
    let files = match &passphrase {
        None => export::export(format, &data, &records, &sum, &options, &path, existing).map_err(Failure::Export)?,
        Some(passphrase) => {
            let inner = locked::inner_path(&path, format.extension());
            let files = export::files(format, &data, &records, &sum, &options, &inner).map_err(Failure::Export)?;
            let zip = locked::write(&locked::zip_path(&path), &files, passphrase, store.now(), existing)?;
            if args.include_personal {
                let what = format!("report {}", period.code());
                let file = zip.display().to_string();
                super::locked::log(&store, AccessEvent::ExportedPersonal { what, file })?;
            }
            vec![zip]
        }
    };
    let written = Instant::now();
    outln!("{} {} ({}):", W::Written.get(lang), i18n::period_label(lang, &period), format.extension());
    for file in &files {
        match passphrase {
            Some(_) => outln!("  {} ({}) {}", file.display(), size(lang, file), LockText::Locked.get(lang)),
            None => outln!("  {} ({})", file.display(), size(lang, file)),
        }
    }
    let secs = |a: Instant, b: Instant| (b - a).as_secs_f64();
    outln!(
        "{}",
        crate::report::export::words::timing(
            lang,
            secs(started, written),
            secs(started, loaded),
            secs(loaded, computed),
            secs(computed, written)
        )
    );
    Ok(())
}

/// `--period`, or `--from` and `--to` (clap makes sure one of the two is given).
fn period_of(args: &Args) -> Result<Period, Failure> {
    let bad = |name: &'static str| move |problem| Failure::Argument { name, problem };
    if let Some(p) = &args.period {
        return Period::parse(p).map_err(bad("--period"));
    }
    let from = parse_dmy(args.from.as_deref().unwrap_or_default()).map_err(bad("--from"))?;
    let to = parse_dmy(args.to.as_deref().unwrap_or_default()).map_err(bad("--to"))?;
    Period::custom(from, to).map_err(bad("--to"))
}

/// The name asked without its ".zip" (`r.json.zip` -> `r.json`).
fn unzipped(path: &Path) -> PathBuf {
    if locked::is_zip(path) { path.with_extension("") } else { path.to_path_buf() }
}

/// "12,5 KB", "1,3 MB" ("1.3 MB" in English).
fn size(lang: Lang, file: &Path) -> String {
    crate::i18n::numbers::size(lang, std::fs::metadata(file).map(|m| m.len()).unwrap_or(0))
}
