//! Other processes seen through Linux's `/proc`: a process's peak resident
//! memory (VmHWM), its children, and a whole command timed with its peak.
//!
//! std gives no `getrusage` of a child, and the benchmark takes no `libc`:
//! the peak of a command is read by polling `/proc/<pid>/status` every
//! millisecond on a thread while the main thread waits for the exit.
//! VmHWM is a high-water mark (it never falls), so the last read is the
//! peak up to that moment; only growth in the last millisecond before the
//! exit could be missed. Figures are in KiB, as the kernel gives them.

use std::fs;
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

/// Runs `cmd` to its end: (seconds from spawn to exit, peak KiB). Its
/// standard output is thrown away; a failure is an error with its stderr.
pub fn run_with_peak(cmd: &mut Command) -> Res<(f64, u64)> {
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
