//! `soxa __write-test`: a hidden command for the process-crash test
//! (tests/reliability). It saves households one at a time through the normal
//! store API and prints `saved <code>` only after each save returned, that is
//! after the transaction was flushed. The test kills the process at random
//! moments and then checks that every acknowledged household survived whole.
//! Not in `--help`; harmless on a real ledger (it only adds records), but meant
//! for a throwaway folder.

use chrono::NaiveDate;

use super::{Context, Failure, outln};
use crate::domain::{CatalogItem, Commitment, Commune, Hamlet, HamletKind, Household, Id};
use crate::store::Store;

/// The hamlet every test household belongs to.
pub const HAMLET_CODE: &str = "KT";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Prefix of the household codes, distinct for each run ("R07").
    #[arg(long)]
    prefix: String,
    /// How many households to save.
    count: u32,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<(), Failure> {
    let store = ctx.open(true)?;
    let hamlet = prepare(&store)?;
    outln!("ready");
    for n in 0..args.count {
        let saved = store.insert(household(&args.prefix, n, hamlet))?;
        outln!("saved {}", saved.code);
        // A commitment is a second kind of record with its own unique index,
        // written by a separate change: it must be whole or absent too.
        store.insert(commitment(saved.id, n))?;
        outln!("signed {}", saved.code);
    }
    Ok(())
}

/// The commune and the hamlet, made on the first run and reused after.
fn prepare(store: &Store) -> Result<Id, Failure> {
    if store.commune()?.is_none() {
        let mut c = Commune::new("Xã Thử Nghiệm", "Hưng Yên");
        c.catalog = vec![CatalogItem { id: 1, text: "Chấp hành pháp luật".into(), active: true }];
        store.save_commune(c)?;
    }
    match store.hamlet_by_code(HAMLET_CODE)? {
        Some(h) => Ok(h.id),
        None => Ok(store.insert(Hamlet::new(HAMLET_CODE, "Thôn Kiểm Thử", HamletKind::Thon))?.id),
    }
}

/// The `n`th household of a run: every field follows from `prefix` and `n`,
/// so a test can rebuild it and compare field by field.
pub fn household(prefix: &str, n: u32, hamlet: Id) -> Household {
    let mut h = Household::new(&format!("{prefix}-{n:04}"), hamlet, &format!("Nguyễn Thị Hạnh {prefix} {n}"));
    h.head_birth_year = Some(1940 + (n % 60) as u16);
    h.national_id = Some(format!("{:012}", 33_000_000_000u64 + u64::from(n)));
    h.address = format!("Xóm {}, thôn Kiểm Thử", n % 9);
    h.members = 1 + (n % 12) as u16;
    h.phone = Some(format!("09{:08}", n));
    // Long notes make each write span more of sled's log, so kills land in
    // the middle of writes more often.
    h.notes = format!("Hộ số {n}. ").repeat(60 + (n % 40) as usize).trim().to_string();
    h
}

/// The commitment saved right after the `n`th household.
pub fn commitment(household: Id, n: u32) -> Commitment {
    let date = NaiveDate::from_ymd_opt(2025, 1 + n % 12, 1 + n % 28).unwrap_or_default();
    let mut c = Commitment::signed(household, 2025, date, vec![1]);
    c.representative = format!("Người đại diện {n}");
    c
}
