//! `soxa init --commune NAME --province NAME [--hamlets FILE] [signers]`:
//! creates the commune of a new ledger exactly as the first save in
//! Settings does (`Commune::begin`: the run's language, the standard
//! commitment catalog), with the hamlets of a list if one is given, and
//! prints the commands that come next. A ledger that has its commune
//! already is refused with nothing written (exit 1).

use std::path::PathBuf;

use super::{Context, Failure, outln};
use crate::domain::access::Action;
use crate::domain::{Commune, Lang, Signer};
use crate::i18n::init::{self as words, InitText as W};
use crate::i18n::number;
use crate::import::{read_hamlet_list, words as import_words, write_hamlet_list};
use crate::store::StoreError;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The commune's name, as reports name it ("Xã Tân Hòa").
    #[arg(long)]
    commune: String,
    /// The province (or city) ("Tỉnh Long An").
    #[arg(long)]
    province: String,
    /// A list of the hamlets (.csv or .xlsx; a "Thôn" or "Tên thôn" column, optionally "Mã thôn").
    #[arg(long, value_name = "FILE")]
    hamlets: Option<PathBuf>,
    /// Who approves and signs the reports ("Nguyễn Văn An").
    #[arg(long, alias = "signer", value_name = "NAME")]
    approver: Option<String>,
    /// The approver's title ("Chủ tịch UBND xã").
    #[arg(long, value_name = "TITLE")]
    approver_title: Option<String>,
    /// Who prepares the reports.
    #[arg(long, value_name = "NAME")]
    preparer: Option<String>,
    /// The preparer's title ("Công an xã").
    #[arg(long, value_name = "TITLE")]
    preparer_title: Option<String>,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<(), Failure> {
    let mut commune = commune_of(&args);
    commune.begin(ctx.lang, crate::demo::standard_items());
    commune.normalize();
    commune.validate().map_err(StoreError::Invalid)?;
    // An existing ledger is opened as every command opens it (nothing
    // written if it is refused); a new one is made.
    let store = match ctx.open(false) {
        Err(Failure::Open(crate::store::OpenError::Missing { .. })) => ctx.open(true)?,
        other => other?,
    };
    ctx.require(Action::WriteSettings)?;
    let lang = ctx.lang;
    if let Some(existing) = store.commune()? {
        return Err(Failure::Said(words::already(lang, &existing.name)));
    }
    let said = |e| Failure::Said(import_words::error(lang, &e));
    let hamlets = match &args.hamlets {
        Some(file) => read_hamlet_list(&store, file).map_err(said)?,
        None => Vec::new(),
    };
    let added = write_hamlet_list(&store, hamlets).map_err(said)?;
    let saved = store.save_commune(commune)?;
    outln!(
        "{}: {}, {} ({} {}, {} {}).",
        W::Created.get(lang),
        saved.name,
        saved.province,
        number(lang, added),
        W::Hamlets.get(lang),
        number(lang, saved.catalog.len()),
        W::Items.get(lang)
    );
    next_steps(ctx, lang);
    Ok(())
}

fn commune_of(args: &Args) -> Commune {
    let mut c = Commune::new(&args.commune, &args.province);
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    c.approver = Signer { title: text(&args.approver_title), name: text(&args.approver) };
    c.preparer = Signer { title: text(&args.preparer_title), name: text(&args.preparer) };
    c
}

/// The commands a clerk runs next, with `--db` when the folder was named.
fn next_steps(ctx: &Context, lang: Lang) {
    let db = if ctx.db_given { format!(" --db \"{}\"", ctx.db.display()) } else { String::new() };
    outln!("{}", W::Next.get(lang));
    let file = match lang {
        Lang::Vi => "ho_gia_dinh.xlsx",
        Lang::En => "households.xlsx",
    };
    let members = match lang {
        Lang::Vi => "thanh_vien.xlsx",
        Lang::En => "members.xlsx",
    };
    let steps = [
        (W::PreviewHouseholds, format!("soxa import households {file} --create-hamlets --dry-run{db}")),
        (W::ImportHouseholds, format!("soxa import households {file} --create-hamlets{db}")),
        (W::ImportMembers, format!("soxa import members {members}{db}")),
        (W::Open, format!("soxa{db}")),
    ];
    for (what, command) in steps {
        outln!("- {}:\n    {command}", what.get(lang));
    }
}
