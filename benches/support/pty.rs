//! The real `soxa` binary in a pseudo-terminal (portable-pty), its screen
//! parsed by a terminal emulator (vt100), as `tests/e2e` drives it: the
//! benchmark's whole-process figures of the interface (the first frame, the
//! lookup box's keystrokes, the peak memory while browsing) are taken here,
//! on what a clerk's terminal would show, never on an in-memory backend.
//!
//! Nothing sleeps for a fixed time: every step polls the parsed screen for
//! the text it needs, under a deadline, and the child is killed (the
//! supervising parent and the interface under it) if the run fails.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use super::{HEIGHT, Res, WIDTH, procs};

/// One run of `soxa --db DB` in a `WIDTH` x `HEIGHT` pseudo-terminal.
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Kept open so that the terminal stays alive while the child runs.
    _master: Box<dyn MasterPty + Send>,
    exited: bool,
}

impl Pty {
    /// Starts `exe --db db` (the supervising parent, which starts the
    /// interface as its child, as for a clerk) and returns it with the
    /// instant just before the spawn.
    pub fn spawn(exe: &Path, db: &Path) -> Res<(Pty, Instant)> {
        let size = PtySize { rows: HEIGHT, cols: WIDTH, pixel_width: 0, pixel_height: 0 };
        let pair = native_pty_system().openpty(size).map_err(|e| format!("open a pseudo-terminal: {e}"))?;
        let mut cmd = CommandBuilder::new(exe);
        cmd.arg("--db");
        cmd.arg(db);
        cmd.env("TERM", "xterm-256color");
        for var in ["SOXA_LANG", "NO_COLOR", "SOXA_DB", "SOXA_INTERFACE_CHILD"] {
            cmd.env_remove(var);
        }
        let mut reader = pair.master.try_clone_reader().map_err(|e| format!("pty reader: {e}"))?;
        let writer = pair.master.take_writer().map_err(|e| format!("pty writer: {e}"))?;
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                if tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).map_err(|e| format!("start soxa in the pseudo-terminal: {e}"))?;
        // Only the child holds the slave side: its exit ends the reader.
        drop(pair.slave);
        let parser = vt100::Parser::new(nonzero(HEIGHT), nonzero(WIDTH), 0);
        Ok((Pty { child, writer, output, parser, _master: pair.master, exited: false }, started))
    }

    /// The supervising parent's process id (the process spawned).
    pub fn parent_pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// The interface's process id: the parent's child.
    pub fn interface_pid(&self) -> Option<u32> {
        procs::children(self.parent_pid()?).into_iter().next()
    }

    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Feeds what the child wrote (waiting at most `wait`) to the emulator,
    /// answering a cursor position query as a terminal would. False once
    /// the child closed the terminal.
    fn pump(&mut self, wait: Duration) -> Res<bool> {
        let first = match self.output.recv_timeout(wait) {
            Ok(bytes) => bytes,
            Err(RecvTimeoutError::Timeout) => return Ok(true),
            Err(RecvTimeoutError::Disconnected) => return Ok(false),
        };
        let mut chunks = vec![first];
        chunks.extend(self.output.try_iter());
        for bytes in chunks {
            self.parser.process(&bytes);
            if bytes.windows(4).any(|w| w == b"\x1b[6n") {
                let (row, col) = self.parser.screen().cursor_position();
                self.send(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes())?;
            }
        }
        Ok(true)
    }

    /// Waits (at most `limit`) until `ok` holds for the parsed screen.
    pub fn wait_until(&mut self, what: &str, limit: Duration, ok: impl Fn(&vt100::Screen) -> bool) -> Res<()> {
        let deadline = Instant::now() + limit;
        loop {
            if ok(self.screen()) {
                return Ok(());
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(self.failed(&format!("timed out waiting for {what}")));
            }
            if !self.pump((deadline - now).min(Duration::from_millis(50)))? && !ok(self.screen()) {
                return Err(self.failed(&format!("soxa closed the terminal while waiting for {what}")));
            }
        }
    }

    /// Waits until every text of `all` is on screen.
    pub fn wait_for(&mut self, all: &[&str], limit: Duration) -> Res<()> {
        self.wait_until(&format!("{all:?} on screen"), limit, |s| {
            let text = s.contents();
            all.iter().all(|t| text.contains(t))
        })
    }

    /// Keeps reading the screen for `limit` or until `done()` holds.
    pub fn idle_until(&mut self, what: &str, limit: Duration, done: impl Fn() -> bool) -> Res<()> {
        self.wait_until(what, limit, |_| done())
    }

    pub fn send(&mut self, bytes: &[u8]) -> Res<()> {
        self.writer.write_all(bytes)?;
        self.writer.flush()?;
        Ok(())
    }

    /// Presses `q` and waits (at most `limit`) for a clean exit.
    pub fn quit(&mut self, limit: Duration) -> Res<()> {
        self.send(b"q")?;
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait()? {
                self.exited = true;
                if !status.success() {
                    return Err(format!("soxa exited with {status:?}").into());
                }
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(self.failed("timed out waiting for soxa to quit"));
            }
            self.pump(Duration::from_millis(20))?;
        }
    }

    fn failed(&mut self, why: &str) -> Box<dyn std::error::Error> {
        self.kill();
        format!("{why}\n--- screen ---\n{}\n--------------", self.screen().contents()).into()
    }

    /// Kills the interface (by its id) and the parent spawned here.
    fn kill(&mut self) {
        if self.exited {
            return;
        }
        if let Some(pid) = self.interface_pid() {
            let _ = std::process::Command::new("kill").arg("-KILL").arg(pid.to_string()).status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.exited = true;
    }
}

impl Drop for Pty {
    /// A failed run never leaves soxa running.
    fn drop(&mut self) {
        if !self.exited && matches!(self.child.try_wait(), Ok(None)) {
            self.kill();
        }
    }
}

/// The dashboard's first frame with its figures: the commitments line
/// ("Cam kết năm 2026: đã ký 257/295 hộ · 87,1% ..."), not "Đang mở sổ…".
pub fn dashboard_shown(screen: &vt100::Screen) -> bool {
    screen.contents().lines().any(|l| l.contains("Cam kết năm") && l.contains("đã ký") && l.contains('%'))
}

/// The lookup box shows `typed` as its whole text: the cursor's row reads
/// "> typed" up to the cursor (so "nguyen " is told from "nguyen").
pub fn lookup_shows(screen: &vt100::Screen, typed: &str) -> bool {
    let (row, col) = screen.cursor_position();
    let mut line = String::new();
    for c in 0..col {
        match screen.cell(row, c) {
            Some(cell) if cell.is_wide_continuation() => {}
            // A blank never written (ratatui skips unchanged blanks) is empty.
            Some(cell) if cell.contents().is_empty() => line.push(' '),
            Some(cell) => line.push_str(cell.contents()),
            None => {}
        }
    }
    line.ends_with(&format!("> {typed}"))
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}
