//! `soxa export households FILE` and `soxa export members FILE`: records
//! as a spreadsheet in the same columns `soxa import` reads, so a round
//! trip keeps every household. `.xlsx` gives a workbook, `.csv` a UTF-8
//! (BOM) comma-separated file. National ID numbers are masked unless
//! `--include-personal` is given.

use std::path::{Path, PathBuf};

use super::{Context, Failure, outln};
use crate::i18n::records_export::{self as words, RecordsText as W};
use crate::import::export::{self, Options, Table};

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
        /// Write national ID numbers (CCCD) in full.
        #[arg(long)]
        include_personal: bool,
        /// The year whose signed commitments fill "Ngày ký cam kết" (default: this year).
        #[arg(long)]
        year: Option<u16>,
    },
    /// Every team member (thành viên tổ, đội).
    Members {
        /// The .csv or .xlsx file to write.
        file: PathBuf,
        /// Write national ID numbers (CCCD) in full.
        #[arg(long)]
        include_personal: bool,
    },
}

/// The kinds of file written, from the name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Csv,
    Xlsx,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<(), Failure> {
    let (file, include_personal, year) = match &args.what {
        What::Households { file, include_personal, year } => (file.clone(), *include_personal, *year),
        What::Members { file, include_personal } => (file.clone(), *include_personal, None),
    };
    let lang = ctx.lang;
    let format = format_of(&file).ok_or_else(|| Failure::Said(W::UnknownFormat.get(lang).to_string()))?;
    let store = ctx.open(false)?;
    let opts = Options { include_personal, year: year.unwrap_or_else(|| export::year_of(store.today())) };
    let table = match args.what {
        What::Households { .. } => export::households(&store, opts)?,
        What::Members { .. } => export::members(&store, opts)?,
    };
    write(&table, &file, format).map_err(|detail| Failure::Said(words::cannot_write(lang, &file, &detail)))?;
    outln!("{}", words::written(lang, table.rows.len(), table.kind, &file, include_personal));
    Ok(())
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "csv" | "txt" => Some(Format::Csv),
        "xlsx" => Some(Format::Xlsx),
        _ => None,
    }
}

fn write(table: &Table, path: &Path, format: Format) -> Result<(), String> {
    match format {
        Format::Csv => {
            let bytes = export::csv_bytes(table).map_err(|e| e.to_string())?;
            std::fs::write(path, bytes).map_err(|e| e.to_string())
        }
        Format::Xlsx => export::write_xlsx(table, path).map_err(|e| e.to_string()),
    }
}
