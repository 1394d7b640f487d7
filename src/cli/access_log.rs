//! `soxa access-log [-o FILE.csv]`: who saw or took personal data, and
//! when (the store's append-only access log), newest first: printed one
//! line an entry, or written as a CSV file (UTF-8 with BOM, through
//! `crate::output`) and the export itself logged. Needs the right to read
//! the access log.

use std::path::{Path, PathBuf};

use super::{Context, Failure, outln};
use crate::domain::Lang;
use crate::domain::access::Action;
use crate::domain::operator::{AccessEntry, AccessEvent};
use crate::i18n::access;
use crate::i18n::users::UserText as W;
use crate::output::{self, Existing};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Write the log to this .csv file instead of printing it.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace the file if it exists already.
    #[arg(long)]
    force: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<(), Failure> {
    let existing = Existing::replace_if(args.force);
    if let Some(path) = &args.output {
        output::check(path, existing)?;
    }
    let store = ctx.open(false)?;
    ctx.require(Action::ReadAccessLog)?;
    let lang = ctx.lang;
    let entries = store.access_log(usize::MAX)?;
    let Some(path) = args.output else {
        if entries.is_empty() {
            outln!("{}", W::NoAccessLog.get(lang));
        }
        for e in &entries {
            outln!("{}", access::entry_line(lang, e));
        }
        return Ok(());
    };
    let bytes = csv_bytes(lang, &entries).map_err(|e| Failure::Said(e.to_string()))?;
    let written = output::write_all(&[(path.clone(), bytes)], existing)?;
    let file = written.first().map_or_else(|| path.display().to_string(), |p| p.display().to_string());
    store.log_access(AccessEvent::AccessLogExported { file: file_name(&path) })?;
    outln!(
        "{} ({} {}): {file}",
        W::LogWritten.get(lang),
        crate::i18n::number(lang, entries.len()),
        W::Entries.get(lang)
    );
    Ok(())
}

/// The file's name, as the access log keeps it (not the whole path).
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// The log as CSV: when, who, what (in the run's language).
fn csv_bytes(lang: Lang, entries: &[AccessEntry]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = output::csv::Writer::new(&csv::WriterBuilder::new(), b"\xEF\xBB\xBF".to_vec());
    writer.write_record([W::At, W::Operator, W::Event].map(|w| w.get(lang)))?;
    for e in entries {
        let at = e.at.format("%d/%m/%Y %H:%M:%S").to_string();
        writer.write_record([at, e.operator.clone(), access::event(lang, &e.event)])?;
    }
    writer.into_inner()
}
