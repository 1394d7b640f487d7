//! `soxa` with no command: opens the ledger in the interactive interface, or,
//! when standard output is not a terminal, prints what the ledger holds.
//!
//! A folder named with `--db` (or `SOXA_DB`) that holds no ledger is not
//! made one silently on a terminal: soxa asks first, so a mistyped path
//! never collects a week of records. The default folder is created without
//! asking (nobody typed it: it is the first start after installing), and
//! without a terminal nothing is asked (as before, an empty ledger).

use std::io::{BufRead, IsTerminal, Write};

use super::{Context, Failure, out, outln, stats};
use crate::i18n::console as words;
use crate::i18n::{self, Say};
use crate::store::{OpenError, Store};

pub fn run(ctx: &mut Context) -> Result<(), Failure> {
    let store = match ctx.open_unsigned(false) {
        Err(Failure::Open(OpenError::Missing { path })) if ctx.db_given && interactive() => {
            if !ask(&words::create_here(ctx.lang, &path)) {
                return Err(Failure::Open(OpenError::Missing { path }));
            }
            ctx.open_unsigned(true)?
        }
        Err(Failure::Open(OpenError::Missing { .. })) => ctx.open_unsigned(true)?,
        other => other?,
    };
    open(ctx, store)
}

fn interactive() -> bool {
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// Asks `question` on the terminal; only "c"/"có"/"y"/"yes" is a yes (an
/// empty line or end of input is a no).
fn ask(question: &str) -> bool {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{question} ");
    let _ = err.flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    words::is_yes(&answer)
}

/// Opens the interface on a terminal; prints a summary otherwise.
pub fn open(ctx: &Context, store: Store) -> Result<(), Failure> {
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        return match crate::tui::run(store, ctx.lang)? {
            Some(grant) => super::compact::after_interface(ctx, &grant),
            None => Ok(()),
        };
    }
    show(ctx, &store)
}

/// Prints the commune and its counts.
pub fn show(ctx: &Context, store: &Store) -> Result<(), Failure> {
    match store.commune()? {
        Some(c) => {
            outln!("{} - {}", c.name, c.province);
            out!("{}", stats::counts_table(ctx.lang, store));
        }
        None => outln!("{}", i18n::say(ctx.lang, Say::EmptyLedger)),
    }
    Ok(())
}
