//! Other processes seen through Linux's `/proc`: a process's peak resident
//! memory (VmHWM), its children, and a whole command timed with its peak.
//!
//! std gives no `getrusage` of a child, and the benchmark takes no `libc`,
//! so the peak of a whole command comes from GNU time (`/usr/bin/time -f
//! %M`: the kernel's own maximum resident set of the child at its exit,
//! the same figure as VmHWM), which adds its own fork and exec (about a
//! millisecond) to the time. Without it, `/proc/<pid>/status` is polled
//! every millisecond on a thread while the main thread waits: VmHWM never
//! falls, so the last read is the peak up to then, but growth in the last
//! moments before the exit is missed (0.5-1 MiB less than GNU time's on
//! `soxa search`). Figures are in KiB, as the kernel gives them.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::Res;

/// The peak resident memory of process `pid` so far, in KiB (none once
/// it has exited).
pub fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The children of process `pid`: from `/proc/<pid>/task/*/children`, or
/// else every process whose parent is `pid`.
pub fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    if let Ok(tasks) = fs::read_dir(format!("/proc/{pid}/task")) {
        for task in tasks.flatten() {
            if let Ok(list) = fs::read_to_string(task.path().join("children")) {
                out.extend(list.split_whitespace().filter_map(|p| p.parse::<u32>().ok()));
            }
        }
    }
    if out.is_empty() {
        out = by_parent(pid);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Every process whose parent (fourth field of `/proc/<p>/stat`) is `pid`.
fn by_parent(pid: u32) -> Vec<u32> {
    let Ok(entries) = fs::read_dir("/proc") else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|p| {
            let stat = fs::read_to_string(format!("/proc/{p}/stat")).unwrap_or_default();
            // The name may hold spaces: fields start after its last ')'.
            let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
            rest.split_whitespace().nth(1).and_then(|pp| pp.parse::<u32>().ok()) == Some(pid)
        })
        .collect()
}

/// GNU time, when installed.
const GNU_TIME: &str = "/usr/bin/time";

/// How [`run_with_peak`] reads the peak on this machine, for the table.
pub fn peak_method() -> &'static str {
    if Path::new(GNU_TIME).exists() { "VmHWM at exit, GNU time's %M" } else { "VmHWM polled every 1 ms" }
}

/// Runs `cmd` to its end: (seconds from spawn to exit, peak KiB). Its
/// standard output is thrown away; a failure is an error with its stderr.
pub fn run_with_peak(cmd: &Command) -> Res<(f64, u64)> {
    if !Path::new(GNU_TIME).exists() {
        let mut cmd = rebuild(cmd, None);
        return run_polled(&mut cmd);
    }
    let note = tempfile::NamedTempFile::new()?;
    let mut timed = rebuild(cmd, Some(note.path()));
    let started = Instant::now();
    let out = timed.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).output()?;
    let took = started.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!("{cmd:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    let said = fs::read_to_string(note.path())?;
    let kib = said.trim().parse().map_err(|_| format!("GNU time said {said:?}"))?;
    Ok((took, kib))
}

/// `cmd` again, under GNU time writing the peak to `note` when given.
fn rebuild(cmd: &Command, note: Option<&Path>) -> Command {
    let mut out = match note {
        Some(note) => {
            let mut c = Command::new(GNU_TIME);
            c.arg("-o").arg(note).args(["-f", "%M"]).arg(cmd.get_program());
            c
        }
        None => Command::new(cmd.get_program()),
    };
    out.args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(v) => out.env(key, v),
            None => out.env_remove(key),
        };
    }
    out
}

fn run_polled(cmd: &mut Command) -> Res<(f64, u64)> {
    let started = Instant::now();
    let child = cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn()?;
    let pid = child.id();
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let poller = std::thread::spawn(move || {
        let mut peak = 0;
        while !flag.load(Ordering::Relaxed) {
            if let Some(kib) = vm_hwm_kib(pid) {
                peak = peak.max(kib);
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        peak
    });
    let out = child.wait_with_output()?;
    let took = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let peak = poller.join().map_err(|_| "the memory poller failed")?;
    if !out.status.success() {
        return Err(format!("{cmd:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok((took, peak))
}
