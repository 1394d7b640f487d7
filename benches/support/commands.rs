//! The real `soxa` binary's commands as whole processes, one per sample:
//! `soxa search` and `soxa report` with their peak memory (`procs`), and
//! `soxa export households` then `soxa import households` of that file.
//! The binary is the one built beside the benchmark (`../soxa`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use soxa::domain::Household;

use super::Res;
use super::procs;
use super::stats::{Stats, kib_to_mib, mib, secs};
use super::table::Table;

/// `soxa search "nguyen van an"`, a whole process per sample: spawn to
/// exit, and its peak memory (VmHWM polled, `support::procs`).
pub fn search_command(table: &mut Table, soxa: &Path, db: &Path, samples: usize) -> Res<()> {
    let (mut times, mut peaks) = (Vec::new(), Vec::new());
    for _ in 0..samples {
        let mut cmd = Command::new(soxa);
        cmd.arg("--db").arg(db).args(["search", "nguyen van an"]).env("SOXA_LANG", "en");
        let (took, kib) = procs::run_with_peak(&cmd)?;
        times.push(took);
        peaks.push(kib_to_mib(kib));
    }
    let (times, peaks) = (Stats::of(times), Stats::of(peaks));
    let what = "2 `soxa search \"nguyen van an\"` (whole process)";
    table.add(&format!("{what}: spawn to exit"), times.show(), "≤ 100 ms", Some(times.median() <= 0.100));
    table.add(
        &format!("{what}: peak resident memory ({})", procs::peak_method()),
        peaks.show_mib(),
        "≤ 57.2 MiB (60 MB)",
        Some(peaks.median() <= 60e6 / 1_048_576.0),
    );
    Ok(())
}

/// `soxa report --period 2026-Q3 --format json -o FILE`, a whole process
/// per sample: spawn to exit, and its peak memory.
pub fn report_command(table: &mut Table, soxa: &Path, db: &Path, samples: usize, work: &Path) -> Res<()> {
    let file = work.join("q3-command.json");
    let (mut times, mut peaks) = (Vec::new(), Vec::new());
    for _ in 0..samples {
        if file.exists() {
            fs::remove_file(&file)?;
        }
        let mut cmd = Command::new(soxa);
        cmd.arg("--db").arg(db).args(["report", "--period", "2026-Q3", "--format", "json", "-o"]).arg(&file);
        let (took, kib) = procs::run_with_peak(cmd.env("SOXA_LANG", "en"))?;
        times.push(took);
        peaks.push(kib_to_mib(kib));
    }
    let bytes = fs::metadata(&file)?.len();
    let what = format!("5 `soxa report --period 2026-Q3 --format json -o FILE` ({}; whole process)", mib(bytes));
    table.add(&format!("{what}: spawn to exit"), Stats::of(times).show(), "-", None);
    let peak = format!("{what}: peak resident memory ({})", procs::peak_method());
    table.add(&peak, Stats::of(peaks).show_mib(), "-", None);
    Ok(())
}

/// The `soxa` binary built beside this example (`cargo build --release
/// --example soxa-bench --bin soxa`).
pub fn soxa_exe() -> Res<PathBuf> {
    let exe = std::env::current_exe()?;
    let dir = exe.parent().and_then(Path::parent).ok_or("no target folder")?;
    Ok(dir.join(format!("soxa{}", std::env::consts::EXE_SUFFIX)))
}

pub fn run_soxa(args: &[&std::ffi::OsStr]) -> Res<f64> {
    let t = Instant::now();
    let out = Command::new(soxa_exe()?).args(args).env("SOXA_LANG", "en").output()?;
    let took = t.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!("soxa {args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(took)
}

/// Runs soxa with `input` on its standard input (a passphrase).
pub fn run_soxa_with(args: &[&std::ffi::OsStr], input: &str) -> Res<f64> {
    use std::io::Write as _;
    let t = Instant::now();
    let mut child = Command::new(soxa_exe()?)
        .args(args)
        .env("SOXA_LANG", "en")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    child.stdin.take().ok_or("no stdin")?.write_all(input.as_bytes())?;
    let out = child.wait_with_output()?;
    let took = t.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!("soxa {args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(took)
}

/// The first file of a locked ZIP, written to `to`.
pub fn unzip_one(zip: &Path, passphrase: &str, to: &Path) -> Res<()> {
    let mut archive = ::zip::ZipArchive::new(fs::File::open(zip)?)?;
    let mut file = archive.by_index_decrypt(0, passphrase.as_bytes())?;
    std::io::copy(&mut file, &mut fs::File::create(to)?)?;
    Ok(())
}

pub fn import_rows(table: &mut Table, db: &Path, households: usize, samples: usize, work: &Path) -> Res<()> {
    let csv = work.join("households.csv");
    // With the ID numbers, so the import reads what a real file holds:
    // such a file is written inside a locked ZIP (issue 15), unpacked here.
    let exported = run_soxa_with(
        &[
            "--db".as_ref(),
            db.as_os_str(),
            "--passphrase-stdin".as_ref(),
            "export".as_ref(),
            "households".as_ref(),
            csv.as_os_str(),
            "--include-personal".as_ref(),
        ],
        "bench-zip-passphrase\n",
    )?;
    unzip_one(&work.join("households.csv.zip"), "bench-zip-passphrase", &csv)?;
    table.add("6 `soxa export households` (whole process, CSV in a locked ZIP)", secs(exported), "-", None);
    // A sheet holds at most `MAX_ROWS` households beneath its header: a
    // larger file is imported in parts of 50,000 households, one process
    // each (as a clerk would have to), and the times are added.
    let parts = split_csv(&csv, households)?;
    let mut times = Vec::new();
    for n in 0..samples.min(3) {
        let empty = work.join(format!("import-{n}"));
        // An import needs the commune (`soxa init`, not timed), so the
        // commitment dates in the file are imported too.
        run_soxa(&[
            "--db".as_ref(),
            empty.as_os_str(),
            "init".as_ref(),
            "--commune".as_ref(),
            "Xã Thử".as_ref(),
            "--province".as_ref(),
            "Tỉnh Thử".as_ref(),
        ])?;
        let mut took = 0.0;
        for part in &parts {
            let args = [
                "--db".as_ref(),
                empty.as_os_str(),
                "import".as_ref(),
                "households".as_ref(),
                part.as_os_str(),
                "--create-hamlets".as_ref(),
            ];
            took += run_soxa(&args)?;
        }
        times.push(took);
        let store = super::open(&empty)?;
        let imported = store.all::<Household>()?.len();
        if imported != households {
            return Err(format!("the import made {imported} households, not {households}").into());
        }
        drop(store);
        fs::remove_dir_all(&empty)?;
    }
    let times = Stats::of(times);
    let files =
        if parts.len() == 1 { String::new() } else { format!(" in {} files (one process each, added)", parts.len()) };
    let what = format!(
        "6 `soxa import households` of {households}{files}, with this year's commitments, into a new ledger after \
         `soxa init` (whole process)"
    );
    table.add(&what, times.show(), "≤ 5 s", Some(times.median() <= 5.0));
    Ok(())
}

/// `csv` itself when its households fit in one sheet, else parts of
/// 50,000 households with the header repeated (`csv-1.csv`, ...). The
/// export writes one line per household, which is checked.
pub fn split_csv(csv: &Path, households: usize) -> Res<Vec<PathBuf>> {
    let most = usize::try_from(soxa::import::limits::MAX_ROWS)?;
    if households <= most {
        return Ok(vec![csv.to_path_buf()]);
    }
    let text = fs::read_to_string(csv)?;
    let mut lines = text.lines();
    let header = lines.next().ok_or("an empty export")?;
    let rows: Vec<&str> = lines.collect();
    if rows.len() != households {
        return Err(format!("the export has {} lines for {households} households", rows.len()).into());
    }
    let mut parts = Vec::new();
    for (i, chunk) in rows.chunks(50_000).enumerate() {
        let part = csv.with_file_name(format!("households-{}.csv", i + 1));
        fs::write(&part, format!("{header}\r\n{}\r\n", chunk.join("\r\n")))?;
        parts.push(part);
    }
    Ok(parts)
}
