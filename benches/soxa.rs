//! In-process figures of issue 5 under divan: `cargo bench --bench soxa`.
//! Uses the seeded demo cached by `support::ensure_demo` (100,000
//! households, or `SOXA_BENCH_HOUSEHOLDS`). The whole report, with the
//! whole-process figures, is `cargo run --release --example soxa-bench`.

mod support;

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::Bencher;
use ratatui::crossterm::event::KeyCode;
use soxa::domain::{Household, Lang, Period};
use soxa::output::Existing;
use soxa::report::export::{ExportOptions, Format, Records, export};
use soxa::report::{load, summarize};
use soxa::store::Store;
use soxa::tui::App;

fn main() {
    divan::main();
}

/// The cached demo's database folder, built on first use.
fn db() -> &'static PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let households = std::env::var("SOXA_BENCH_HOUSEHOLDS").ok().and_then(|s| s.parse().ok());
        match support::ensure_demo(households.unwrap_or(support::FULL)) {
            Ok((db, _)) => db,
            Err(e) => fail(&e.to_string()),
        }
    })
}

/// The store of the cached demo, opened once (sled allows one per folder).
fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let store = support::open(db()).unwrap_or_else(|e| fail(&e.to_string()));
        // The lookup index is loaded once per session: not in the figure.
        store.search("a", 1).unwrap_or_else(|e| fail(&e.to_string()));
        store
    })
}

fn fail(what: &str) -> ! {
    eprintln!("soxa bench: {what}");
    std::process::exit(1)
}

fn period(q: Option<u8>) -> Period {
    let p = match q {
        Some(q) => Period::quarter(2026, q),
        None => Period::year(2026),
    };
    p.unwrap_or_else(|e| fail(&format!("{e:?}")))
}

/// Every prefix of every query typed, one search each.
#[divan::bench(args = support::QUERIES, sample_count = 20, sample_size = 1)]
fn lookup_typed(bencher: Bencher, query: &str) {
    let store = store();
    let prefixes: Vec<&str> = query.char_indices().map(|(i, c)| &query[..i + c.len_utf8()]).collect();
    bencher.bench(|| {
        for p in &prefixes {
            divan::black_box(store.search(p, support::LOOKUP_LIMIT).ok());
        }
    });
}

#[divan::bench(args = ["2026-Q3", "2026"], sample_count = 5, sample_size = 1)]
fn summary(bencher: Bencher, which: &str) {
    let period = period((which == "2026-Q3").then_some(3));
    bencher.bench(|| {
        let data = load(store(), &period).ok()?;
        Some(summarize(&data, &period))
    });
}

#[divan::bench(args = ["xlsx", "csv", "md", "json"], sample_count = 10, sample_size = 1)]
fn export_q3(bencher: Bencher, format: &str) {
    let period = period(Some(3));
    let data = load(store(), &period).unwrap_or_else(|e| fail(&e.to_string()));
    let summary = summarize(&data, &period);
    let records = Records::load(store(), &summary).unwrap_or_else(|e| fail(&e.to_string()));
    let options = ExportOptions { include_personal: false, lang: Lang::Vi, generated_at: support::now() };
    let format = Format::parse(format).unwrap_or_else(|| fail("format"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(&e.to_string()));
    let path = dir.path().join(format!("q3.{}", format.extension()));
    bencher.bench(|| export(format, &data, &records, &summary, &options, &path, Existing::Replace).is_ok());
}

/// One page down in the households table, key and frame (the app keeps
/// its own store, so this one runs on a copy of the demo).
#[divan::bench(sample_count = 50)]
fn households_page_down(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(&e.to_string()));
    let copy = dir.path().join("db");
    support::copy_folder(db(), &copy).unwrap_or_else(|e| fail(&e.to_string()));
    let store = support::open(&copy).unwrap_or_else(|e| fail(&e.to_string()));
    let mut app = App::new(store, Lang::Vi).unwrap_or_else(|e| fail(&e.to_string()));
    support::press(&mut app, KeyCode::Char('2')).unwrap_or_else(|e| fail(&e.to_string()));
    let mut pages = 0;
    bencher.bench_local(|| {
        if support::press(&mut app, KeyCode::PageDown).is_err() {
            fail("page down");
        }
        // Back to the top now and then, so no sample runs at the end.
        pages += 1;
        if pages % 500 == 0 && support::press(&mut app, KeyCode::Home).is_err() {
            fail("home");
        }
    });
}

/// One edited household saved, flush included (on a copy of the demo).
#[divan::bench(sample_count = 50)]
fn save_household(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(&e.to_string()));
    let copy = dir.path().join("db");
    support::copy_folder(db(), &copy).unwrap_or_else(|e| fail(&e.to_string()));
    let store = support::open(&copy).unwrap_or_else(|e| fail(&e.to_string()));
    let households = store.all::<Household>().unwrap_or_else(|e| fail(&e.to_string()));
    let first = households.into_iter().next().unwrap_or_else(|| fail("no household"));
    let mut flip = false;
    bencher.bench_local(|| {
        let mut h = first.clone();
        flip = !flip;
        h.notes = if flip { "Đã kiểm tra".into() } else { String::new() };
        store.update(h).is_ok()
    });
}
