//! Gives a ledger a recovery key and prints its secret half, for trying
//! and measuring locked backups before `soxa user add` exists on a branch:
//! `cargo run --release --example set-recovery-key -- /tmp/ledger`.
//! Every later backup of that ledger is locked to the key.

use std::path::PathBuf;
use std::process::ExitCode;

use soxa::store::{OpenOptions, Store};

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: set-recovery-key <database folder>");
        return ExitCode::from(2);
    };
    let made = Store::open(&dir, &OpenOptions::default())
        .map_err(|e| e.to_string())
        .and_then(|store| store.new_recovery_key().map_err(|e| e.to_string()));
    match made {
        Ok(secret) => {
            println!("{secret}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
