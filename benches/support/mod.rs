//! Shared by the divan benchmarks (`benches/soxa.rs`) and the whole-run
//! report (`examples/soxa-bench.rs`): the seeded demo built once into a
//! cache folder, the fixed clock, the queries a clerk types, and driving
//! the interface the way `tests/common/tui.rs` does (in-process), and the
//! real binary in a pseudo-terminal (`pty`, `interface`) with `/proc`'s
//! view of its memory (`procs`); `stats` prints the figures.
#![allow(dead_code)]

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use soxa::demo::{DemoOptions, generate};
use soxa::store::{Clock, OpenOptions, Store};
use soxa::tui::App;

pub mod commands;
pub mod interface;
pub mod procs;
pub mod pty;
pub mod stats;
pub mod table;

pub type Res<T> = Result<T, Box<dyn Error>>;

pub mod year;

/// The demo's seed: the same ledger on every machine and every run.
pub const SEED: u64 = 1;

/// The households of the full benchmark (issue 5).
pub const FULL: usize = 100_000;

/// The terminal every frame is drawn into.
pub const WIDTH: u16 = 120;
pub const HEIGHT: u16 = 40;

/// How many hits the quick lookup box asks for (as `tui::lookup`).
pub const LOOKUP_LIMIT: usize = 50;

/// What a clerk types, one character at a time: a common name, a phone
/// prefix, a case number, a rare name, a household code.
pub const QUERIES: &[&str] = &["nguyen van", "0912345", "12/2026", "giap van khuong", "t07-0123"];

/// "Now" of the demo and of every store the benchmark opens: Monday
/// 23 November 2026, 09:00 (as the tests), so the figures do not drift
/// with the calendar.
pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default()
}

/// Where built demos are kept between runs: `$SOXA_BENCH_CACHE`, else
/// `target/soxa-bench` of this checkout.
pub fn cache_root() -> PathBuf {
    match std::env::var_os("SOXA_BENCH_CACHE") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("soxa-bench"),
    }
}

/// The folder of the demo of `households` households (database in `db`).
pub fn demo_dir(households: usize) -> PathBuf {
    cache_root().join(format!("demo-{households}-seed{SEED}"))
}

/// Builds the demo into the cache unless a complete one is there; returns
/// its database folder and whether it was built now. A folder left by an
/// interrupted build (no `complete` marker) is built again from scratch.
pub fn ensure_demo(households: usize) -> Res<(PathBuf, bool)> {
    let dir = demo_dir(households);
    let db = dir.join("db");
    if dir.join("complete").exists() {
        return Ok((db, false));
    }
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    fs::create_dir_all(&dir)?;
    {
        let store = open(&db)?;
        let opts = DemoOptions { households, seed: SEED, today: now().date() };
        generate(&store, &opts)?;
    }
    fs::write(dir.join("complete"), b"")?;
    Ok((db, true))
}

/// Opens the store in `db` on the fixed clock, as the tests do.
pub fn open(db: &Path) -> Res<Store> {
    let mut store = Store::open(db, &OpenOptions::default())?;
    store.set_clock(Clock::Fixed(now()));
    Ok(store)
}

/// Every prefix of every query, as typed: "n", "ng", ... "nguyen van".
pub fn keystrokes() -> Vec<String> {
    let mut out = Vec::new();
    for q in QUERIES {
        for (i, c) in q.char_indices() {
            out.push(q[..i + c.len_utf8()].to_string());
        }
    }
    out
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// One key as the event loop handles it: the key, then the reload the
/// screen put off, then the frame the clerk sees.
pub fn press(app: &mut App, code: KeyCode) -> Res<()> {
    app.on_key(key(code));
    app.settle();
    draw(app)?;
    Ok(())
}

/// Draws the app into a fresh `WIDTH` x `HEIGHT` test terminal.
pub fn draw(app: &App) -> Res<Terminal<TestBackend>> {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
    terminal.draw(|f| f.render_widget(app, f.area()))?;
    Ok(terminal)
}

/// The text of a drawn terminal, for checking what a frame shows.
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    buf.content().iter().map(|c| c.symbol()).collect()
}

/// The peak resident memory of this process so far, in KiB (Linux).
pub fn peak_rss_kib() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The 1-minute load average (Linux), to print beside each figure.
pub fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// Bytes of every file under `dir`: (apparent size, allocated on disk).
pub fn folder_size(dir: &Path) -> Res<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let mut total = (0, 0);
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if meta.is_dir() {
            let (a, b) = folder_size(&entry.path())?;
            total = (total.0 + a, total.1 + b);
        } else {
            total = (total.0 + meta.len(), total.1 + meta.blocks() * 512);
        }
    }
    Ok(total)
}

/// Copies a database folder (to save into a copy and keep the cache as built).
pub fn copy_folder(from: &Path, to: &Path) -> Res<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_folder(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
