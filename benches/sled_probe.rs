//! The sled probe of issue 16: how sled 0.34.7's open time and peak memory
//! grow with the number of keys, the size of the values, the number of
//! trees and the re-opens a ledger lives through, on this machine.
//!
//! `cargo bench --bench sled_probe` (about 2 minutes; add `-- --ledger DIR`
//! to also count and time a soxa ledger folder, e.g. a copy of the
//! benchmark's 100,000-household demo). Every database is built by one
//! child process and then opened by fresh ones, so each peak resident
//! memory (VmHWM) is that of one opening alone. A database is opened as
//! `store::Store::open` opens soxa's: the same cache setting, the same id
//! interval, every tree opened. Prints one Markdown table; its findings
//! are in docs/PERFORMANCE.md ("What the probe says").

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

type Res<T> = Result<T, Box<dyn Error>>;

/// As `store::IDGEN_PERSIST_INTERVAL` (crate-private there).
const IDGEN_PERSIST_INTERVAL: u64 = 1_000_000;
/// Openings timed per database (fresh processes); the median is shown.
const OPENS: usize = 3;

/// One database of the probe: `keys` values of `value` bytes, spread
/// evenly over `trees` trees, then re-opened `reopens` times, each time
/// rewriting `REWRITES` of them.
#[derive(Clone, Copy)]
struct Case {
    what: &'static str,
    keys: u64,
    value: usize,
    trees: usize,
    reopens: usize,
}

const REWRITES: u64 = 2_000;

/// (a) keys at ~60 MB of values, (b) value size at 100,000 keys, (c) 1 vs
/// 20 trees at 300,000 keys, (d) growth after re-opens with rewrites.
const CASES: &[Case] = &[
    Case { what: "a keys, 60 MB", keys: 10_000, value: 6_000, trees: 1, reopens: 0 },
    Case { what: "a keys, 60 MB", keys: 100_000, value: 600, trees: 1, reopens: 0 },
    Case { what: "a keys, 60 MB", keys: 300_000, value: 200, trees: 1, reopens: 0 },
    Case { what: "a keys, 60 MB", keys: 1_000_000, value: 60, trees: 1, reopens: 0 },
    Case { what: "b value size", keys: 100_000, value: 50, trees: 1, reopens: 0 },
    Case { what: "b value size", keys: 100_000, value: 500, trees: 1, reopens: 0 },
    Case { what: "b value size", keys: 100_000, value: 5_000, trees: 1, reopens: 0 },
    Case { what: "c trees", keys: 300_000, value: 200, trees: 20, reopens: 0 },
    Case { what: "d re-opens", keys: 300_000, value: 200, trees: 20, reopens: 25 },
    Case { what: "d re-opens", keys: 300_000, value: 200, trees: 20, reopens: 100 },
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let result = match args.first().map(String::as_str) {
        Some("child") => child(&args[1..]),
        _ => parent(&args),
    };
    if let Err(e) = result {
        eprintln!("sled_probe: {e}");
        std::process::exit(1);
    }
}

/// Opens sled in `dir` as `Store::open` does.
fn open(dir: &Path) -> sled::Result<sled::Db> {
    sled::Config::new()
        .path(dir)
        .cache_capacity(soxa::store::DEFAULT_CACHE_BYTES)
        .idgen_persist_interval(IDGEN_PERSIST_INTERVAL)
        .open()
}

fn tree_name(i: usize) -> String {
    format!("t{i:02}")
}

/// The trees to open: `n` of the probe's, or every tree of a soxa ledger.
fn open_trees(db: &sled::Db, n: &str) -> sled::Result<Vec<sled::Tree>> {
    if n == "soxa" {
        return soxa::store::tables::T::ALL.iter().map(|t| db.open_tree(t.name())).collect();
    }
    let n: usize = n.parse().unwrap_or(1);
    (0..n).map(|i| db.open_tree(tree_name(i))).collect()
}

/// Bytes that do not compress, different for every key.
fn value(key: u64, round: u64, len: usize) -> Vec<u8> {
    let mut x = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ round.wrapping_add(1).wrapping_mul(0xD1B5_4A32_D192_ED03);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// What a child does, printing one line of numbers:
/// `build DIR KEYS VALUE TREES`, `reopen DIR TREES ROUNDS VALUE KEYS`
/// (re-opens with rewrites, untimed), `open DIR TREES` (µs, peak KiB),
/// `iterate DIR TREES` (µs, peak KiB, values, bytes).
fn child(args: &[String]) -> Res<()> {
    let arg = |i: usize| args.get(i).cloned().ok_or_else(|| format!("missing argument {i}"));
    let dir = PathBuf::from(arg(1)?);
    let started = Instant::now();
    match arg(0)?.as_str() {
        "build" => build(&dir, arg(2)?.parse()?, arg(3)?.parse()?, arg(4)?.parse()?),
        "reopen" => reopen(&dir, arg(2)?.parse()?, arg(3)?.parse()?, arg(4)?.parse()?, arg(5)?.parse()?),
        "open" => {
            let db = open(&dir)?;
            let trees = open_trees(&db, &arg(2)?)?;
            let took = started.elapsed().as_micros();
            println!("{took} {}", peak_kib());
            drop((trees, db));
            Ok(())
        }
        "iterate" => {
            let db = open(&dir)?;
            let trees = open_trees(&db, &arg(2)?)?;
            let (mut n, mut bytes) = (0u64, 0u64);
            for tree in &trees {
                for kv in tree.iter() {
                    let (_, v) = kv?;
                    n += 1;
                    bytes += v.len() as u64;
                }
            }
            println!("{} {} {n} {bytes}", started.elapsed().as_micros(), peak_kib());
            Ok(())
        }
        other => Err(format!("unknown child {other}").into()),
    }
}

fn build(dir: &Path, keys: u64, len: usize, trees: usize) -> Res<()> {
    let db = open(dir)?;
    let trees: Vec<sled::Tree> = (0..trees).map(|i| db.open_tree(tree_name(i))).collect::<Result<_, _>>()?;
    let per_tree = keys.div_ceil(trees.len() as u64);
    for (t, tree) in trees.iter().enumerate() {
        let first = t as u64 * per_tree;
        let last = (first + per_tree).min(keys);
        // Batches of 5,000, as `Store::bulk_insert`.
        let mut at = first;
        while at < last {
            let mut batch = sled::Batch::default();
            for k in at..(at + 5_000).min(last) {
                batch.insert(&k.to_be_bytes(), value(k, 0, len));
            }
            tree.apply_batch(batch)?;
            at += 5_000;
        }
    }
    db.flush()?;
    Ok(())
}

/// `rounds` sessions: open, rewrite `REWRITES` values spread over the
/// trees, flush after each, close.
fn reopen(dir: &Path, trees: usize, rounds: u64, len: usize, keys: u64) -> Res<()> {
    let per_tree = keys.div_ceil(trees as u64);
    for round in 1..=rounds {
        let db = open(dir)?;
        let opened: Vec<sled::Tree> = (0..trees).map(|i| db.open_tree(tree_name(i))).collect::<Result<_, _>>()?;
        for i in 0..REWRITES {
            let k = (i.wrapping_mul(7919) + round * 104_729) % keys;
            let tree = &opened[(k / per_tree) as usize];
            tree.insert(k.to_be_bytes(), value(k, round, len))?;
            if i % 20 == 19 {
                db.flush()?;
            }
        }
        db.flush()?;
    }
    Ok(())
}

fn peak_kib() -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap_or("");
    line.split_whitespace().nth(1).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// Runs this program as a child and returns the numbers it printed.
fn run(args: &[&str]) -> Res<Vec<f64>> {
    let out = Command::new(std::env::current_exe()?).arg("child").args(args).output()?;
    if !out.status.success() {
        return Err(format!("child {args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    let text = String::from_utf8(out.stdout)?;
    Ok(text.split_whitespace().filter_map(|w| w.parse().ok()).collect())
}

/// Allocated bytes of every file under `dir`.
fn disk_bytes(dir: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => disk_bytes(&e.path()),
            Ok(m) => m.blocks() * 512,
            Err(_) => 0,
        })
        .sum()
}

fn mib(bytes: f64) -> String {
    format!("{:.1}", bytes / 1_048_576.0)
}

/// Median opening time (ms) and peak (KiB) over `OPENS` fresh processes,
/// then one full iteration: (open ms, open peak KiB, iterate ms, iterate
/// peak KiB, values).
fn measure(dir: &str, trees: &str) -> Res<[f64; 5]> {
    let mut opens = Vec::new();
    let mut peak: f64 = 0.0;
    for _ in 0..OPENS {
        let o = run(&["open", dir, trees])?;
        opens.push(o.first().copied().unwrap_or(f64::NAN) / 1e3);
        peak = peak.max(o.get(1).copied().unwrap_or(0.0));
    }
    opens.sort_by(f64::total_cmp);
    let it = run(&["iterate", dir, trees])?;
    let get = |i: usize| it.get(i).copied().unwrap_or(f64::NAN);
    Ok([opens[OPENS / 2], peak, get(0) / 1e3, get(1), get(2)])
}

fn parent(args: &[String]) -> Res<()> {
    let started = Instant::now();
    let ledger = args.iter().position(|a| a == "--ledger").and_then(|i| args.get(i + 1)).map(PathBuf::from);
    let root = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let mut table = String::from(
        "| case | keys | value (B) | trees | values (MiB) | on disk (MiB) | open (ms, median of 3) \
         | open peak RSS (MiB) | iterate all (ms) | iterate peak RSS (MiB) |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    // The floor: a process that opens an empty database.
    let empty = root.path().join("empty");
    run(&["build", path(&empty)?, "0", "1", "1"])?;
    let [o, p, ..] = measure(path(&empty)?, "1")?;
    row(&mut table, "empty database", 0, 0, 1, disk_bytes(&empty), [o, p, f64::NAN, f64::NAN, 0.0]);
    let mut built: Option<(PathBuf, u64)> = None;
    for (i, c) in CASES.iter().enumerate() {
        let dir = root.path().join(format!("case{i}"));
        let (trees, keys, len) = (c.trees.to_string(), c.keys.to_string(), c.value.to_string());
        // A re-open case continues the database of the case before it.
        match built.take() {
            Some((prev, done)) if c.reopens > 0 => {
                fs::rename(&prev, &dir)?;
                let more = (c.reopens as u64 - done).to_string();
                run(&["reopen", path(&dir)?, &trees, &more, &len, &keys])?;
            }
            Some((prev, _)) => {
                fs::remove_dir_all(&prev)?;
                run(&["build", path(&dir)?, &keys, &len, &trees])?;
            }
            None => {
                run(&["build", path(&dir)?, &keys, &len, &trees])?;
            }
        }
        let m = measure(path(&dir)?, &trees)?;
        let what = if c.reopens > 0 { format!("{} ({} re-opens)", c.what, c.reopens) } else { c.what.to_string() };
        row(&mut table, &what, c.keys, c.value, c.trees, disk_bytes(&dir), m);
        eprintln!("  {what}: {:.0} s so far", started.elapsed().as_secs_f64());
        built = Some((dir, c.reopens as u64));
    }
    if let Some(dir) = ledger {
        ledger_rows(&mut table, &dir, root.path())?;
    }
    println!("{table}");
    eprintln!("sled_probe: {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn path(p: &Path) -> Res<&str> {
    p.to_str().ok_or_else(|| "a path that is not UTF-8".into())
}

fn row(table: &mut String, what: &str, keys: u64, len: usize, trees: usize, disk: u64, m: [f64; 5]) {
    let values = (keys as f64) * len as f64;
    let kib = |k: f64| if k.is_nan() { "-".to_string() } else { mib(k * 1024.0) };
    let ms = |v: f64| if v.is_nan() { "-".to_string() } else { format!("{v:.1}") };
    table.push_str(&format!(
        "| {what} | {keys} | {len} | {trees} | {} | {} | {} | {} | {} | {} |\n",
        mib(values),
        mib(disk as f64),
        ms(m[0]),
        kib(m[1]),
        ms(m[2]),
        kib(m[3]),
    ));
}

/// A soxa ledger's sled folder (copied first: sled's opening writes),
/// opened with all its trees, and its entries counted per tree.
fn ledger_rows(table: &mut String, ledger: &Path, scratch: &Path) -> Res<()> {
    let store = ledger.join("store");
    let src = if store.is_dir() { store } else { ledger.to_path_buf() };
    let copy = scratch.join("ledger");
    fs::create_dir_all(&copy)?;
    for e in fs::read_dir(&src)? {
        let e = e?;
        if e.file_type()?.is_file() {
            fs::copy(e.path(), copy.join(e.file_name()))?;
        } else if e.file_type()?.is_dir() {
            let sub = copy.join(e.file_name());
            fs::create_dir_all(&sub)?;
            for f in fs::read_dir(e.path())? {
                let f = f?;
                fs::copy(f.path(), sub.join(f.file_name()))?;
            }
        }
    }
    let m = measure(path(&copy)?, "soxa")?;
    let keys = m[4] as u64;
    let db = open(&copy)?;
    let mut counts = Vec::new();
    let mut bytes = 0u64;
    for t in soxa::store::tables::T::ALL {
        let tree = db.open_tree(t.name())?;
        let mut b = 0u64;
        for kv in tree.iter() {
            let (k, v) = kv?;
            b += (k.len() + v.len()) as u64;
        }
        bytes += b;
        counts.push((t.name(), tree.len(), b));
    }
    drop(db);
    let avg = bytes.checked_div(keys).unwrap_or(0) as usize;
    let what = format!("soxa ledger {} (value = mean key+value)", ledger.display());
    row(table, &what, keys, avg, soxa::store::tables::T::ALL.len(), disk_bytes(&copy), m);
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    table.push_str("\n| tree | entries | key+value bytes (MiB) |\n| --- | ---: | ---: |\n");
    for (name, n, b) in counts.iter().filter(|c| c.1 > 0) {
        table.push_str(&format!("| {name} | {n} | {} |\n", mib(*b as f64)));
    }
    Ok(())
}
