//! The real binary's interface, driven in a pseudo-terminal as a clerk uses
//! it (issue 19 items 1 and 2): the first frame timed from the spawn to the
//! dashboard's commitments line on the parsed screen, and a browse of every
//! screen with the daily automatic backup running, ending with the peak
//! resident memory (VmHWM) of the interface process and of its supervising
//! parent (`src/cli/supervise.rs`), both read just before quitting.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use soxa::store::backup::auto;

use super::pty::{Pty, dashboard_shown, lookup_shows};
use super::{QUERIES, Res, procs};

/// No step of a run may take longer (the daily backup of a large ledger
/// on a loaded machine included).
const LIMIT: Duration = Duration::from_secs(300);

/// Seconds from spawning `soxa --db db` to the dashboard's first figures
/// on screen (the "Đang mở sổ…" frame before them does not count); then
/// `q`, and the process waited for.
pub fn first_frame(exe: &Path, db: &Path) -> Res<f64> {
    let (mut pty, started) = Pty::spawn(exe, db)?;
    pty.wait_until("the dashboard's commitments line", LIMIT, dashboard_shown)?;
    let took = started.elapsed().as_secs_f64();
    pty.quit(LIMIT)?;
    Ok(took)
}

/// What one browse of every screen measured.
pub struct Browse {
    /// VmHWM of the interface (the supervised child), KiB.
    pub interface_kib: u64,
    /// VmHWM of the supervising parent, KiB.
    pub parent_kib: u64,
    /// Each letter typed in the lookup box: from the key written to the
    /// terminal to the box showing it (the hits are found and drawn in the
    /// same frame), seconds.
    pub keystrokes: Vec<f64>,
    /// The daily backup the interface wrote meanwhile.
    pub backup: String,
}

/// The screens after the lookups: key, texts that show it loaded.
const SCREENS: &[(&[u8], &[&str])] = &[
    (b"3", &["Tổ, đội (", "Tổ trưởng"]),
    (b"4", &["Hòa giải ·", "Trạng thái:"]),
    (b"5", &["Báo cáo ·", "Tỷ lệ"]),
    (b"7", &["Mô hình tự quản"]),
    (b"6", &["Thông tin xã"]),
];

/// Opens `db` (a copy: its backups are removed first, so that the daily
/// backup is due and runs after the first frame, as on a clerk's first
/// start of the day) and browses: the dashboard, Households (page down 50
/// times, End, Home), the five lookups typed letter by letter, Teams,
/// Mediation, Reports, Targets, Settings, the dashboard again; waits for
/// the backup's file, reads both peaks, quits.
pub fn browse(exe: &Path, db: &Path) -> Res<Browse> {
    let backups = auto::backups_dir(db);
    if backups.exists() {
        fs::remove_dir_all(&backups)?;
    }
    let (mut pty, _) = Pty::spawn(exe, db)?;
    pty.wait_until("the dashboard", LIMIT, dashboard_shown)?;
    pty.send(b"2")?;
    pty.wait_for(&["Hộ gia đình ·", "Mã hộ", "T01-"], LIMIT)?;
    for _ in 0..50 {
        pty.send(b"\x1b[6~")?;
    }
    pty.send(b"\x1b[F\x1b[H")?;
    let keystrokes = lookups(&mut pty)?;
    for (key, shows) in SCREENS {
        pty.send(key)?;
        pty.wait_for(shows, LIMIT)?;
    }
    pty.send(b"1")?;
    pty.wait_until("the dashboard again", LIMIT, dashboard_shown)?;
    pty.idle_until("the daily backup's file", LIMIT, || auto::newest(db).is_some())?;
    let backup = auto::newest(db).map(|p| p.display().to_string()).unwrap_or_default();
    let parent = pty.parent_pid().ok_or("no process id for soxa")?;
    let interface = pty.interface_pid().ok_or("no interface process under soxa's supervising parent")?;
    let interface_kib = procs::vm_hwm_kib(interface).ok_or("no VmHWM for the interface")?;
    let parent_kib = procs::vm_hwm_kib(parent).ok_or("no VmHWM for the parent")?;
    pty.quit(LIMIT)?;
    Ok(Browse { interface_kib, parent_kib, keystrokes, backup })
}

/// The five queries typed into the lookup box letter by letter, each
/// letter timed until the box shows it; Esc closes the box after each.
fn lookups(pty: &mut Pty) -> Res<Vec<f64>> {
    let mut times = Vec::new();
    for q in QUERIES {
        pty.send(b"/")?;
        pty.wait_until("the lookup box", LIMIT, |s| lookup_shows(s, ""))?;
        for (i, c) in q.char_indices() {
            let typed = &q[..i + c.len_utf8()];
            let t = Instant::now();
            pty.send(c.encode_utf8(&mut [0; 4]).as_bytes())?;
            pty.wait_until(&format!("\"{typed}\" in the lookup box"), LIMIT, |s| lookup_shows(s, typed))?;
            times.push(t.elapsed().as_secs_f64());
        }
        // A lone Esc (nothing follows it in the same read).
        pty.send(b"\x1b")?;
        pty.wait_until("the lookup box closed", LIMIT, |s| !s.contents().contains("không cần dấu"))?;
    }
    Ok(times)
}
