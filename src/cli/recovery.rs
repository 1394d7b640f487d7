//! `soxa recovery-key`: makes a new recovery key for the ledger's backups
//! and prints its sheet once (optionally also into an owner-only text file
//! to print). Backups made before need the old key. Only someone who may
//! manage users does this, on a ledger that has users.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{Context, Failure, outln};
use crate::domain::access::Action;
use crate::i18n;
use crate::output::{self, Existing, OutputError};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Also write the recovery sheet to this new text file (readable by its owner only), to print.
    #[arg(long, value_name = "FILE")]
    sheet: Option<PathBuf>,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<(), Failure> {
    if let Some(path) = &args.sheet {
        output::check(path, Existing::Refuse)?;
    }
    let store = ctx.open(false)?;
    if !store.has_operators()? {
        return Err(Failure::Said(i18n::recovery::no_users(ctx.lang)));
    }
    ctx.require(Action::ManageOperators)?;
    let secret = store.new_recovery_key()?;
    let sheet = i18n::recovery::sheet(ctx.lang, &secret);
    outln!("{sheet}");
    if let Some(path) = &args.sheet {
        write_private(path, sheet.as_bytes())?;
        outln!("{}", i18n::recovery::sheet_written(ctx.lang, path));
    }
    Ok(())
}

/// A new file only its owner can read (Unix), written and synced; nothing
/// is left behind if that fails.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut file = opts.open(path).map_err(|source| OutputError::Write { path: path.to_path_buf(), source })?;
    let written: io::Result<()> = file.write_all(bytes).and_then(|()| file.sync_all());
    written.map_err(|source| {
        drop(file);
        let _ = std::fs::remove_file(path);
        OutputError::Write { path: path.to_path_buf(), source }
    })
}
