//! The real `soxa` binary in a pseudo-terminal (portable-pty), its screen
//! read back through a terminal emulator (vt100): a clerk builds the demo,
//! adds a household by typing, signs its commitment, quits, opens the ledger
//! again and finds the household, signed, with the quick lookup.
//!
//! Nothing here sleeps for a fixed time: every step waits (polling the
//! parsed screen) for the text it needs, under one deadline for the whole
//! test, and the child is killed if the test fails on the way.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use soxa::domain::{CommitmentStatus, Household};

use crate::common::open_at;

#[cfg(unix)]
mod abnormal;
mod compact;
mod new_ledger;
mod signin;
mod typed_passphrase;

const ROWS: u16 = 24;
const COLS: u16 = 80;

/// The whole test, both runs of the binary, must end within this.
pub(crate) const DEADLINE: Duration = Duration::from_secs(60);

/// One run of `soxa` in a pseudo-terminal, with the screen it draws (also
/// used by `reliability::fsync`, which runs it under strace).
pub(crate) struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    deadline: Instant,
    /// Kept open so that the terminal stays alive while the child runs.
    _master: Box<dyn MasterPty + Send>,
    /// Set once the child's exit was seen.
    exited: Option<portable_pty::ExitStatus>,
}

impl Session {
    fn start(args: &[&str], db: &Path, deadline: Instant) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_soxa"));
        cmd.args(args);
        cmd.env("SOXA_DB", db);
        Session::start_command(cmd, deadline)
    }

    /// Any command in the pseudo-terminal (a shell around soxa, say).
    pub(crate) fn start_command(mut cmd: CommandBuilder, deadline: Instant) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("SOXA_LANG");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("SOXA_INTERFACE_CHILD");
        let child = pair.slave.spawn_command(cmd).expect("start soxa in the pseudo-terminal");
        // Only the child holds the terminal's slave side: its exit ends the
        // reader below with end-of-file (or EIO, on Linux).
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (tx, output) = channel();
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let parser = vt100::Parser::new(nonzero(ROWS), nonzero(COLS), 0);
        Session { child, writer, output, parser, deadline, _master: pair.master, exited: None }
    }

    /// Feeds what the child wrote (waiting at most `wait`) to the emulator,
    /// answering a cursor position query as a terminal would.
    fn pump(&mut self, wait: Duration) -> bool {
        let first = match self.output.recv_timeout(wait) {
            Ok(bytes) => bytes,
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return false,
        };
        let mut chunks = vec![first];
        chunks.extend(self.output.try_iter());
        for bytes in chunks {
            self.parser.process(&bytes);
            if bytes.windows(4).any(|w| w == b"\x1b[6n") {
                let (row, col) = self.parser.screen().cursor_position();
                let answer = format!("\x1b[{};{}R", row + 1, col + 1);
                self.send_raw(answer.as_bytes());
            }
        }
        true
    }

    pub(crate) fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows everything in `all`.
    pub(crate) fn wait_for(&mut self, all: &[&str]) {
        self.wait_until(&format!("{all:?} on screen"), |s| all.iter().all(|t| s.contains(t)));
    }

    pub(crate) fn wait_until(&mut self, what: &str, ok: impl Fn(&str) -> bool) {
        loop {
            if ok(&self.screen()) {
                return;
            }
            let now = Instant::now();
            if now >= self.deadline {
                self.fail(&format!("timed out waiting for {what}"));
            }
            let alive = self.pump((self.deadline - now).min(Duration::from_millis(100)));
            if !alive && !ok(&self.screen()) {
                self.fail(&format!("soxa exited while waiting for {what}"));
            }
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        if let Err(e) = self.writer.write_all(bytes).and_then(|()| self.writer.flush()) {
            self.fail(&format!("cannot type into the terminal: {e}"));
        }
    }

    /// Types `keys`: text as it is, with `<enter>`, `<esc>`, `<tab>` and
    /// `<c-s>`, `<c-u>` spelled as in the key-string tests.
    pub(crate) fn send(&mut self, keys: &str) {
        let mut bytes = Vec::new();
        let mut rest = keys;
        while !rest.is_empty() {
            let named = [("<enter>", "\r"), ("<esc>", "\x1b"), ("<tab>", "\t"), ("<c-s>", "\x13"), ("<c-u>", "\x15")]
                .into_iter()
                .find(|(name, _)| rest.starts_with(name));
            match named {
                Some((name, raw)) => {
                    bytes.extend_from_slice(raw.as_bytes());
                    rest = &rest[name.len()..];
                }
                None => {
                    let c = rest.chars().next().expect("not empty");
                    let mut tmp = [0u8; 4];
                    bytes.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        // A lone Esc is told from the start of an escape sequence only by
        // what follows it in the same read: the test sends `<esc>` last.
        self.send_raw(&bytes);
    }

    /// Waits for the child to exit (draining its output) and returns its
    /// exit status.
    pub(crate) fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    self.exited = Some(status.clone());
                    // The last bytes (leaving the alternate screen) may still
                    // be in the pipe: read until it closes or goes quiet.
                    while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(500)) {
                        self.parser.process(&bytes);
                    }
                    return status;
                }
                Ok(None) => {}
                Err(e) => self.fail(&format!("cannot wait for soxa: {e}")),
            }
            if Instant::now() >= self.deadline {
                self.fail("timed out waiting for soxa to exit");
            }
            self.pump(Duration::from_millis(50));
        }
    }

    fn fail(&mut self, why: &str) -> ! {
        let _ = self.child.kill();
        panic!("{why}\n--- screen ---\n{}\n--------------", self.screen());
    }
}

impl Drop for Session {
    /// A failed test never leaves soxa running.
    fn drop(&mut self) {
        if self.exited.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("non-zero size")
}

/// The exit is clean and the terminal is given back: the alternate screen
/// left, the cursor shown again.
fn assert_clean_exit(s: &mut Session) {
    let status = s.wait_exit();
    assert!(status.success(), "soxa exited with {status:?}\n{}", s.screen());
    assert!(!s.parser.screen().alternate_screen(), "the alternate screen was not left:\n{}", s.screen());
    assert!(!s.parser.screen().hide_cursor(), "the cursor was left hidden");
}

/// The row of the screen holding `needle`.
fn line_with<'a>(screen: &'a str, needle: &str) -> Option<&'a str> {
    screen.lines().find(|l| l.contains(needle))
}

#[test]
fn a_clerk_adds_and_signs_a_household_then_finds_it_after_a_restart() {
    let deadline = Instant::now() + DEADLINE;
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("db");
    let db_arg = db.to_str().expect("utf-8 temp path");

    // The demo is built, then the interface opens on the dashboard.
    let mut s = Session::start(&["demo", "--households", "300", "--seed", "1", "--db", db_arg], &db, deadline);
    s.wait_for(&["Tổng quan"]);
    assert!(s.parser.screen().alternate_screen(), "the interface draws on the alternate screen");

    // Households, a new one typed in: code, hamlet (the first), head.
    s.send("2");
    s.wait_for(&["Ký hôm nay"]);
    s.send("n");
    s.wait_for(&["Thêm hộ gia đình"]);
    s.send("t01-9001<tab><tab>Trần Thị Hồng Nhung");
    s.wait_for(&["Trần Thị Hồng Nhung"]);
    s.send("<c-s>");
    s.wait_until("the form to close, saved", |screen| {
        screen.contains("Đã lưu") && !screen.contains("Thêm hộ gia đình")
    });

    // Narrow the table to it, then sign today: `s`.
    s.send("f9001<enter>");
    s.wait_until("the new household alone in the table", |screen| {
        line_with(screen, "T01-9001").is_some_and(|l| l.contains("Trần Thị Hồng Nhung"))
    });
    s.send("s");
    s.wait_until("the household signed", |screen| {
        screen.contains("Đã lưu") && line_with(screen, "T01-9001").is_some_and(|l| l.contains("Đã ký"))
    });
    s.send("q");
    assert_clean_exit(&mut s);
    // The interface took the day's automatic backup behind the first screen.
    assert!(soxa::store::backup::auto::newest(&db).is_some(), "no automatic backup in {}", db.display());

    // What the binary saved is in the store: signed this year.
    {
        let store = open_at(&db);
        let h: Household = store.household_by_code("T01-9001").expect("read").expect("the household was saved");
        assert_eq!(h.head_name, "Trần Thị Hồng Nhung");
        let signed = store.commitments_of(h.id).expect("read commitments");
        assert_eq!(signed.len(), 1, "one commitment: {signed:?}");
        assert_eq!(signed[0].status, CommitmentStatus::Signed);
        assert_eq!(signed[0].representative, "Trần Thị Hồng Nhung", "the head signed");
    }

    // Again, on the same ledger: the quick lookup finds her, signed (the
    // list is narrow at 80 columns: her code and the start of her name).
    let mut s = Session::start(&["--db", db_arg], &db, deadline);
    s.wait_for(&["Tổng quan"]);
    s.send("/");
    s.wait_for(&["Tra cứu"]);
    s.send("nhung");
    s.wait_until("the household found, signed", |screen| {
        line_with(screen, "T01-9001").is_some_and(|l| l.contains("Trần Thị Hồng") && l.contains("Đã ký"))
    });
    // One more word leaves her first, and Enter opens her household.
    s.send(" hong");
    s.wait_until("her household first in the list", |screen| {
        let mut lines = screen.lines().skip_while(|l| !l.contains("> nhung hong"));
        lines.nth(1).is_some_and(|first| first.contains("T01-9001"))
    });
    s.send("<enter>");
    s.wait_until("her household in full, signed", |screen| {
        screen.contains("T01-9001 · Trần Thị Hồng Nhung") && screen.contains("Đã ký · ")
    });

    // A spreadsheet of households imported from the interface (issue 14
    // item 7): `i`, the file's path typed, the dry run, Enter.
    let file = tmp.path().join("ho-moi.csv");
    std::fs::write(&file, "Mã hộ,Họ tên chủ hộ,Thôn,Số khẩu\r\nT88-0001,Phạm Văn Nhập,Thôn Bến Đò,4\r\n")
        .expect("write");
    s.send("i");
    s.wait_for(&["Nhập hộ gia đình từ tệp", "(thư mục trên)"]);
    s.send(&format!("<c-u>{}<enter>", file.display()));
    s.wait_for(&["Sẽ thêm mới: 1 hộ", "Thôn chưa có trong sổ"]);
    s.send("<enter>");
    s.wait_for(&["Đã nhập: thêm 1, cập nhật 0 hộ."]);
    s.send("q");
    assert_clean_exit(&mut s);
    let store = open_at(&db);
    let h = store.household_by_code("T88-0001").expect("read").expect("the import was saved");
    assert_eq!(h.head_name, "Phạm Văn Nhập");
}

/// "2026: 247/295 hộ được tuyên truyền": the year, reached, households.
fn reach_on(screen: &str) -> Option<(i32, u32, u32)> {
    let line = line_with(screen, "hộ được tuyên truyền")?;
    let rest = line.split(" · ").nth(1)?;
    let (year, counts) = rest.split_once(": ")?;
    let (reached, of) = counts.split_whitespace().next()?.split_once('/')?;
    let number = |s: &str| s.replace('.', "").parse::<u32>().ok();
    Some((year.trim().parse().ok()?, number(reached)?, number(of)?))
}

/// Issue 13: a clerk records an outreach session for a hamlet, ticks its
/// households present, and sees the reach move; it is the targets table's.
/// The Targets screen and the dashboard's targets line say the same share.
#[test]
fn a_clerk_records_an_outreach_session_and_sees_its_reach() {
    let deadline = Instant::now() + DEADLINE;
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("db");
    let db_arg = db.to_str().expect("utf-8 temp path");
    let mut s = Session::start(&["demo", "--households", "300", "--seed", "1", "--db", db_arg], &db, deadline);
    s.wait_for(&["Tổng quan"]);
    s.send("7");
    s.wait_for(&["▸Mô hình tự quản◂"]);
    s.send("<tab><tab>");
    s.wait_for(&["▸Tuyên truyền◂", "hộ được tuyên truyền"]);
    let (year, before, households) = reach_on(&s.screen()).expect("the reach line");

    // A session for T01: date (today), hamlet, topic, speaker; its list opens.
    s.send("n");
    s.wait_for(&["Ghi buổi tuyên truyền"]);
    s.send("<tab>T01<tab>Phòng chống ma túy<tab>Công an xã<c-s>");
    s.wait_for(&["Hộ tham dự ·", "[ ]"]);
    s.send("a");
    s.wait_until("every household ticked", |screen| screen.contains("(100,0%)") && !screen.contains("[ ]"));
    s.send("<c-s>");
    s.wait_until("saved, back to the sessions", |screen| {
        screen.contains("Đã lưu") && !screen.contains("Hộ tham dự ·") && screen.contains("Phòng chống ma túy")
    });
    let (_, after, of) = reach_on(&s.screen()).expect("the reach line");
    assert_eq!(of, households, "the same households");
    assert!(after >= before, "the reach cannot fall: {before} -> {after}");
    // The dashboard's targets line says the same share.
    let permille = u64::from(after) * 1000 / u64::from(households.max(1));
    let share = format!("Tuyên truyền {},{}%", permille / 10, permille % 10);
    s.send("1");
    s.wait_until("the dashboard's reach", |screen| screen.contains(&share));
    s.send("7");
    s.wait_for(&["▸Tuyên truyền◂"]);
    // T01 alone: every one of its households reached.
    s.send("t");
    s.wait_until("T01's own reach", |screen| reach_on(screen).is_some_and(|(_, got, of)| got == of && of < households));
    s.send("q");
    assert_clean_exit(&mut s);

    // What the screen said is the targets table of every report.
    let store = open_at(&db);
    let period = soxa::domain::Period::year(year).expect("a year");
    let sum = soxa::report::summarize(&soxa::report::load(&store, &period).expect("load"), &period);
    let row = sum.targets.rows.iter().find(|r| r.target == soxa::domain::plan::Target::Reached).expect("the row");
    assert_eq!((row.part, row.whole), (after, Some(households)));
}
