//! The performance report of issues 5, 16 and 19 at 100,000 households
//! (or any size): `cargo build --release --example soxa-bench --bin soxa`,
//! then `target/release/examples/soxa-bench --out perf-run.md`.
//!
//! Builds the seeded demo once into a cache folder (`target/soxa-bench`,
//! reused while present), then measures every figure of docs/PERFORMANCE.md
//! and prints one Markdown table. What a clerk waits for is measured on the
//! real `soxa` binary built beside this example (`../soxa`): the interface
//! in a pseudo-terminal (first frame, lookup box, peak memory while
//! browsing with the daily backup running; `support::interface`), and the
//! commands as whole processes with their peak memory (`support::procs`).
//! Rows marked "breakdown (in-process, TestBackend)" split the same work
//! inside this process (the first frame also in a child of this program,
//! `first-frame DB`, so it starts cold). `--smoke` runs everything at 300
//! households in seconds, so the benchmark is exercised on every CI run and
//! cannot rot; it needs the binary too (`.ci/run` builds it first).

#[path = "../benches/support/mod.rs"]
mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use clap::{Parser, Subcommand};
use ratatui::crossterm::event::KeyCode;
use soxa::domain::access::OperatorRole;
use soxa::domain::{Commitment, Household, Lang, MediationCase, Member, Period, Team};
use soxa::report::export::{ExportOptions, Format, Records, export};
use soxa::report::{load, summarize};
use soxa::store::Record;
use soxa::tui::{App, Screen};
use support::commands::{import_rows, report_command, search_command, soxa_exe};
use support::stats::{Stats, kib_to_mib, mib, secs};
use support::table::Table;
use support::{Res, interface};

#[derive(Parser)]
#[command(about = "soxa's performance report (issues 5, 16, 19)")]
struct Cli {
    /// Households in the demo.
    #[arg(long, default_value_t = support::FULL)]
    households: usize,
    /// Samples per figure (processes spawned for whole-process figures).
    #[arg(long, default_value_t = 11)]
    samples: usize,
    /// 300 households, 3 samples: checks that every step runs.
    #[arg(long)]
    smoke: bool,
    /// Working days of the simulated year of use (row 10; 0 leaves it out).
    #[arg(long, default_value_t = 250)]
    year_days: usize,
    /// Also write the table to this file.
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(subcommand)]
    child: Option<Child>,
}

/// What a child process measures and prints on one line.
#[derive(Subcommand)]
enum Child {
    /// Open DB, build the app and draw the first dashboard frame into a
    /// TestBackend; prints µs to drawn, peak KiB, µs to opened, µs to built.
    FirstFrame { db: PathBuf },
}

fn main() {
    let started = Instant::now();
    let cli = Cli::parse();
    let result = match &cli.child {
        Some(Child::FirstFrame { db }) => first_frame_child(db, started),
        None => report(&cli),
    };
    if let Err(e) = result {
        eprintln!("soxa-bench: {e}");
        std::process::exit(1);
    }
}

fn first_frame_child(db: &Path, started: Instant) -> Res<()> {
    let store = support::open(db)?;
    let opened = started.elapsed();
    let app = App::new(store, Lang::Vi)?;
    let built = started.elapsed();
    let terminal = support::draw(&app)?;
    let took = started.elapsed();
    if app.screen != Screen::Dashboard || support::screen_text(&terminal).trim().is_empty() {
        return Err("the first frame is not the dashboard".into());
    }
    let peak = support::peak_rss_kib().unwrap_or(0);
    println!("{} {peak} {} {}", took.as_micros(), opened.as_micros(), built.as_micros());
    Ok(())
}

fn time<T>(f: impl FnOnce() -> Res<T>) -> Res<(f64, T)> {
    let t = Instant::now();
    let out = f()?;
    Ok((t.elapsed().as_secs_f64(), out))
}

/// Runs `f` `n` times and keeps the times.
fn sample(n: usize, mut f: impl FnMut() -> Res<()>) -> Res<Stats> {
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        v.push(time(&mut f)?.0);
    }
    Ok(Stats::of(v))
}

fn report(cli: &Cli) -> Res<()> {
    let (households, samples) = if cli.smoke { (300, 3) } else { (cli.households, cli.samples.max(1)) };
    let soxa = soxa_exe()?;
    if !soxa.exists() {
        return Err(format!(
            "{} is missing: build the binary beside this example first (`cargo build --release --example \
             soxa-bench --bin soxa`; for a debug run such as `--smoke`, `cargo build --bin soxa`)",
            soxa.display()
        )
        .into());
    }
    let mut table = Table::default();
    eprintln!("soxa-bench: {households} households, {samples} samples, load {}", support::load_average());
    let (built, (db, fresh)) = time(|| support::ensure_demo(households))?;
    if fresh {
        table.add("0 build the demo (once, then cached)", secs(built), "-", None);
    }
    // On the same disk as the cache (`/tmp` may be memory), so a flush is a real one.
    let work = tempfile::tempdir_in(support::cache_root())?;
    let exe = std::env::current_exe()?;

    // 1 (and 2, 8). The real binary in a pseudo-terminal, on a copy of the
    // demo (its daily backups land there, not in the cache).
    let ui_db = work.path().join("db-ui");
    support::copy_folder(&db, &ui_db)?;
    let mut frames = Vec::new();
    for _ in 0..samples {
        frames.push(interface::first_frame(&soxa, &ui_db)?);
    }
    let frames = Stats::of(frames);
    table.add(
        "1 first dashboard frame: `soxa --db DB` in a 120x40 pseudo-terminal, spawn to the commitments line on \
         screen (supervising parent included; one process per sample)",
        frames.show(),
        "≤ 80 ms",
        Some(frames.median() <= 0.080),
    );
    let first_peaks = first_frame_breakdown(&mut table, &exe, &db, samples)?;
    let sessions = samples.min(5);
    let mut browses = Vec::new();
    for _ in 0..sessions {
        let b = interface::browse(&soxa, &ui_db)?;
        eprintln!("  browse: daily backup written: {}", b.backup);
        browses.push(b);
    }

    // 2. The lookup: the real lookup box, then its parts in-process, then
    // `soxa search` as a whole process.
    let typed: Vec<f64> = browses.iter().flat_map(|b| b.keystrokes.iter().copied()).collect();
    let typed = Stats::of(typed);
    let what = format!(
        "{} keystrokes × {sessions} sessions of the browse below; as for a clerk, the daily backup and the \
         lookup index's build after the first frame may still be running",
        support::keystrokes().len()
    );
    let (_, tail) = typed.tail();
    table.add(
        "2 lookup box keystroke incl. drawing: real binary in a pseudo-terminal, letter written to the terminal \
         until the box shows it (hits found and drawn in that frame)",
        typed.show_tail(&what),
        "p99 ≤ 4 ms",
        Some(tail <= 0.004),
    );
    lookup_breakdown(&mut table, &db, samples)?;
    search_command(&mut table, &soxa, &db, samples)?;

    // 3. The households table, driven through the app and drawn at 120x40.
    let store = support::open(&db)?;
    let mut app = App::new(store, Lang::Vi)?;
    support::draw(&app)?;
    let (opened, _) = time(|| support::press(&mut app, KeyCode::Char('2')))?;
    table.add(
        "3 breakdown (in-process, TestBackend): open the Households screen (first time in a session)",
        secs(opened),
        "-",
        None,
    );
    let mut pages = Vec::new();
    for _ in 0..samples.max(5) * 10 {
        pages.push(time(|| support::press(&mut app, KeyCode::PageDown))?.0);
    }
    let pages = Stats::of(pages);
    table.add(
        "3 breakdown (in-process, TestBackend): households, one page down (key + draw)",
        pages.show(),
        "one frame (16 ms)",
        Some(pages.median() <= 0.016),
    );
    let mut ends = Vec::new();
    for _ in 0..samples {
        ends.push(time(|| support::press(&mut app, KeyCode::End))?.0);
        support::press(&mut app, KeyCode::Home)?;
    }
    let ends = Stats::of(ends);
    table.add(
        "3 breakdown (in-process, TestBackend): households, jump to the end (key + draw)",
        ends.show(),
        "one frame (16 ms)",
        Some(ends.median() <= 0.016),
    );
    drop(app);

    // 4 and 5. The summaries, then each export of 2026-Q3.
    let store = support::open(&db)?;
    for (label, period) in [("2026-Q3", period(Period::quarter(2026, 3))?), ("year 2026", period(Period::year(2026))?)]
    {
        let mut loads = Vec::new();
        let mut sums = Vec::new();
        for _ in 0..samples {
            let (l, data) = time(|| Ok(load(&store, &period)?))?;
            let (s, _) = time(|| Ok(summarize(&data, &period)))?;
            loads.push(l);
            sums.push(s);
        }
        let loads = Stats::of(loads);
        let sums = Stats::of(sums);
        let both = loads.median() + sums.median();
        table.add(&format!("4 summary {label}: `report::load`"), loads.show(), "-", None);
        table.add(&format!("4 summary {label}: `report::summarize`"), sums.show(), "-", None);
        let target = if label == "2026-Q3" { "≤ 100 ms" } else { "-" };
        let met = (label == "2026-Q3").then_some(both <= 0.100);
        table.add(&format!("4 summary {label}: load + summarize (sum of medians)"), secs(both), target, met);
    }
    let period = period(Period::quarter(2026, 3))?;
    let options = ExportOptions { include_personal: false, lang: Lang::Vi, generated_at: support::now() };
    for format in [Format::Xlsx, Format::Csv, Format::Markdown, Format::Json] {
        let path = work.path().join(format!("q3.{}", format.extension()));
        // The whole path of `soxa report`: read, summarize, read the named
        // records, write the file.
        let stats = sample(samples, || {
            let data = load(&store, &period)?;
            let summary = summarize(&data, &period);
            let records = Records::load(&store, &summary)?;
            export(format, &data, &records, &summary, &options, &path, soxa::output::Existing::Replace)?;
            Ok(())
        })?;
        let (target, met) = match format {
            Format::Xlsx => ("≤ 1.5 s", Some(stats.median() <= 1.5)),
            _ => ("-", None),
        };
        let bytes = fs::metadata(&path)?.len();
        table.add(
            &format!("5 export 2026-Q3 as {} ({}; in-process: load, summarize, write)", format.label(), mib(bytes)),
            stats.show(),
            target,
            met,
        );
    }
    drop(store);

    report_command(&mut table, &soxa, &db, samples, work.path())?;

    // 6. `soxa export households` once, then `soxa import households` of
    // that file into an empty ledger, whole processes of the real binary.
    import_rows(&mut table, &db, households, samples, work.path())?;

    // 7. One edited household saved, flush included, in a copy of the demo.
    let copy = work.path().join("db");
    support::copy_folder(&db, &copy)?;
    let store = support::open(&copy)?;
    let first: Household = store.all_where(|_: &Household| true)?.into_iter().next().ok_or("no household")?;
    let mut flip = false;
    let saves = sample(samples.max(20), || {
        let mut h = first.clone();
        flip = !flip;
        h.notes = if flip { "Đã kiểm tra".into() } else { String::new() };
        store.update(h)?;
        Ok(())
    })?;
    table.add(
        "7 save one edited household (`Store::update`, flush included)",
        saves.show(),
        "≤ 20 ms",
        Some(saves.median() <= 0.020),
    );
    drop(store);

    // 8. Peak memory of the real interface while browsing, and size on
    // disk vs CSV.
    let peaks = Stats::of(browses.iter().map(|b| kib_to_mib(b.interface_kib)).collect());
    table.add(
        "8 peak resident memory while browsing every screen with the daily backup running: the interface process \
         (VmHWM of the real binary's supervised child, read before quitting)",
        peaks.show_mib(),
        "≤ 57.2 MiB (60 MB)",
        Some(peaks.median() <= 60e6 / 1_048_576.0),
    );
    let parents = Stats::of(browses.iter().map(|b| kib_to_mib(b.parent_kib)).collect());
    table.add("8 the same browse: the supervising parent (VmHWM)", parents.show_mib(), "-", None);
    table.add(
        "8 breakdown (in-process, TestBackend): peak resident memory at the first frame",
        first_peaks.show_mib(),
        "-",
        None,
    );
    let (apparent, on_disk) = support::folder_size(&db)?;
    let store = support::open(&db)?;
    let csv_dir = support::demo_dir(households).join("csv");
    let csv_bytes = write_csv(&store, &csv_dir)?;
    drop(store);
    let ratio = on_disk as f64 / csv_bytes as f64;
    let text =
        format!("{} on disk ({} apparent) vs {} of CSV: {ratio:.1}×", mib(on_disk), mib(apparent), mib(csv_bytes));
    table.add("8 database size vs CSV of the same records (fresh demo)", text, "≤ 2×", Some(ratio <= 2.0));

    // 9. Issue 15's costs: signing in (one Argon2id check, m=19 MiB,
    // t=2, p=1, and its access-log line flushed), and a whole backup plain
    // then encrypted to the recovery key (age X25519), in a copy of the demo.
    let copy = work.path().join("db-operators");
    support::copy_folder(&db, &copy)?;
    let mut store = support::open(&copy)?;
    let target = work.path().join("b.soxabak");
    let plain = sample(samples, || {
        store.backup_to(&target, true)?;
        Ok(())
    })?;
    store.add_operator("Bench", OperatorRole::Admin, None, "bench-passphrase")?;
    store.new_recovery_key()?;
    let locked = sample(samples, || {
        store.backup_to(&target, true)?;
        Ok(())
    })?;
    let signs = sample(samples.max(5), || {
        store.sign_in("Bench", "bench-passphrase")?;
        Ok(())
    })?;
    drop(store);
    table.add("9 sign in: Argon2id check + access-log line (`Store::sign_in`)", signs.show(), "-", None);
    table.add("9 backup of the whole ledger, plain (`Store::backup_to`)", plain.show(), "-", None);
    table.add("9 the same backup encrypted to the recovery key (age)", locked.show(), "-", None);

    // 10. A year of use, simulated on a copy of the demo (issue 16).
    let days = if cli.smoke { 5 } else { cli.year_days };
    for (what, measured, target, met) in support::year::rows(&db, work.path(), days, csv_bytes)? {
        table.add(&what, measured, target, met);
    }

    let md = table.markdown();
    println!("{md}");
    if let Some(out) = &cli.out {
        fs::write(out, &md)?;
    }
    Ok(())
}

/// The first frame in a fresh process of this program (`first-frame DB`):
/// its split, and its peak memory (MiB) returned for row 8.
fn first_frame_breakdown(table: &mut Table, exe: &Path, db: &Path, samples: usize) -> Res<Stats> {
    let (mut drawn, mut rss, mut opens, mut apps, mut draws) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..samples {
        let out = Command::new(exe).arg("first-frame").arg(db).output()?;
        if !out.status.success() {
            return Err(format!("first-frame child: {}", String::from_utf8_lossy(&out.stderr)).into());
        }
        let line = String::from_utf8(out.stdout)?;
        let v: Vec<f64> = line.split_whitespace().map(str::parse::<f64>).collect::<Result<_, _>>()?;
        let [took, peak, opened, built] = v[..] else { return Err(format!("first-frame child said {line:?}").into()) };
        drawn.push(took / 1e6);
        rss.push(peak / 1024.0);
        opens.push(opened / 1e6);
        apps.push((built - opened) / 1e6);
        draws.push((took - built) / 1e6);
    }
    let drawn = Stats::of(drawn);
    let label = "1 breakdown (in-process, TestBackend, a fresh process each):";
    table.add(&format!("{label} main to the dashboard drawn"), drawn.show(), "≤ 60 ms", Some(drawn.median() <= 0.060));
    table.add(&format!("{label} open the database (sled recovery)"), Stats::of(opens).show(), "-", None);
    table.add(&format!("{label} `App::new` (the dashboard's figures)"), Stats::of(apps).show(), "-", None);
    table.add(&format!("{label} draw the frame"), Stats::of(draws).show(), "-", None);
    Ok(Stats::of(rss))
}

/// The lookup's parts inside this process: the index's load, the search
/// alone per keystroke, and the lookup box's keystroke drawn into a
/// TestBackend.
fn lookup_breakdown(table: &mut Table, db: &Path, samples: usize) -> Res<()> {
    let store = support::open(db)?;
    let (loaded, _) = time(|| Ok(store.search("a", support::LOOKUP_LIMIT)?))?;
    table.add("2 breakdown (in-process): load the lookup index (first search of a session)", secs(loaded), "-", None);
    let keys = support::keystrokes();
    let mut per_key = Vec::new();
    for _ in 0..samples {
        for q in &keys {
            per_key.push(time(|| Ok(store.search(q, support::LOOKUP_LIMIT)?))?.0);
        }
    }
    let per_key = Stats::of(per_key);
    table.add(
        "2 breakdown (in-process): lookup per keystroke, `Store::search`",
        per_key.show_tail(&format!("{} keystrokes × {samples}", keys.len())),
        "-",
        None,
    );
    drop(store);
    let store = support::open(db)?;
    let mut app = App::new(store, Lang::Vi)?;
    support::draw(&app)?;
    // As in the interface (`tui::event_loop`): the index is built on a
    // thread once the first frame is drawn; the first letter comes later.
    app.store.warm_search_index();
    std::thread::sleep(std::time::Duration::from_secs(1));
    // At least 100 keystrokes, so the tail is a p99.
    let rounds = samples.max(3);
    let mut boxed = Vec::new();
    for _ in 0..rounds {
        for q in support::QUERIES {
            support::press(&mut app, KeyCode::Char('/'))?;
            for c in q.chars() {
                boxed.push(time(|| support::press(&mut app, KeyCode::Char(c)))?.0);
            }
            support::press(&mut app, KeyCode::Esc)?;
        }
    }
    table.add(
        "2 breakdown (in-process, TestBackend): lookup box keystroke incl. describing the hits on screen and drawing \
         (index built 1 s before)",
        Stats::of(boxed).show_tail(&format!("{} keystrokes × {rounds} rounds", keys.len())),
        "-",
        None,
    );
    Ok(())
}

fn period(p: Result<Period, soxa::domain::Problem>) -> Res<Period> {
    p.map_err(|e| format!("bad period: {e:?}").into())
}

/// Writes every household, commitment, team, member and case as CSV (one
/// file per kind, one column per field, nested values as JSON) and returns
/// the bytes written. `households.csv` is also what VisiData opens.
fn write_csv(store: &soxa::store::Store, dir: &Path) -> Res<u64> {
    fs::create_dir_all(dir)?;
    let mut total = 0;
    total += write_kind::<Household>(store, &dir.join("households.csv"))?;
    total += write_kind::<Commitment>(store, &dir.join("commitments.csv"))?;
    total += write_kind::<Team>(store, &dir.join("teams.csv"))?;
    total += write_kind::<Member>(store, &dir.join("members.csv"))?;
    total += write_kind::<MediationCase>(store, &dir.join("cases.csv"))?;
    Ok(total)
}

fn write_kind<R: Record>(store: &soxa::store::Store, path: &Path) -> Res<u64> {
    // A benchmark's scratch file, never given to a clerk: plain `csv` is fine.
    #[allow(clippy::disallowed_methods)]
    let mut out = csv::Writer::from_path(path)?;
    let mut header = false;
    for rec in store.all::<R>()? {
        let serde_json::Value::Object(fields) = serde_json::to_value(&rec)? else {
            return Err("a record is not a struct".into());
        };
        if !header {
            out.write_record(fields.keys())?;
            header = true;
        }
        out.write_record(fields.values().map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        }))?;
    }
    out.flush()?;
    drop(out);
    Ok(fs::metadata(path)?.len())
}
