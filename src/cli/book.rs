//! `soxa report book --team T --year Y -o FILE.xlsx`: one mediation team's
//! book for a year (sổ theo dõi hoạt động hòa giải ở cơ sở), written by
//! `report::book`. The team is named by its hamlet's code or its name. The
//! book names the parties: it is written inside a ZIP locked with a
//! passphrase (asked after the team is found), and the access log says who
//! wrote it.

use std::path::PathBuf;

use chrono::Datelike;

use super::{Context, Failure, outln};
use crate::domain::EntityKind;
use crate::domain::access::Action;
use crate::domain::operator::AccessEvent;
use crate::i18n::locked::LockText;
use crate::output::{Existing, locked};
use crate::report::book::{self, Book, FindError, words};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The mediation team: its hamlet's code (T01) or its name, with or
    /// without diacritics ("to hoa giai thon dong").
    #[arg(long, value_name = "TEAM")]
    team: String,
    /// The year the cases were received in (default: this year).
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(u16).range(1900..=9999))]
    year: Option<u16>,
    /// The file to write, with .zip added: the book is zipped and locked with a
    /// passphrase (default: so-hoa-giai-<team>-<year>.xlsx.zip in the current folder).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace the file if it exists already.
    #[arg(long)]
    force: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<(), Failure> {
    let existing = Existing::replace_if(args.force);
    if let Some(path) = &args.output {
        locked::check(path, existing)?;
    }
    let store = ctx.open(false)?;
    ctx.require(Action::ExportPersonal { kind: EntityKind::Case })?;
    let lang = ctx.lang;
    let today = store.today();
    let team = book::find_team(&store, &args.team, today).map_err(|e| match e {
        FindError::Store(e) => Failure::Store(e),
        other => Failure::Said(words::find_error(lang, &other)),
    })?;
    let passphrase = super::locked::passphrase(ctx)?;
    let year = args.year.unwrap_or_else(|| u16::try_from(today.year()).unwrap_or(0));
    let path = args.output.unwrap_or_else(|| PathBuf::from(book::default_file_name(&team, year, lang)));
    let book = Book::load(&store, &team, year, lang)?;
    let written = book::write(&book, &path, &passphrase, store.now(), existing).map_err(Failure::Export)?;
    let file = written.display().to_string();
    super::locked::log(&store, AccessEvent::ExportedBook { team: team.name.clone(), year, file })?;
    outln!(
        "{} {} {}: {} ({} {}) {}",
        words::BookText::Written.get(lang),
        team.name,
        year,
        written.display(),
        book.entries.len(),
        words::BookText::Rows.get(lang),
        LockText::Locked.get(lang)
    );
    Ok(())
}
