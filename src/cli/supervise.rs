//! The interface runs in a child process watched by its parent, so that no
//! way of ending it leaves the clerk's terminal raw.
//!
//! An allocation failure aborts a Rust process on stable Rust (there is no
//! hook to run code then, and `unsafe` is forbidden here), and SIGKILL or
//! a fatal signal cannot be caught: the interface's own restoring (on quit,
//! error and panic, `panic = "unwind"`) never runs. So when a command is
//! about to open the interface on a terminal, soxa runs itself again as a
//! child with [`CHILD_ENV`] set, which inherits the terminal and does
//! everything; the parent only waits (it opens no ledger and takes no
//! lock; its memory is mostly the program's pages, shared with the child:
//! about 4 MB resident in a release build, and at most a few ms more to the
//! first screen, docs/PERFORMANCE.md). If the child ended abnormally
//! (killed by a signal, or on Windows an
//! exception status), the parent puts the terminal back as it found it
//! (Unix: the saved terminal mode; then leaves the alternate screen, shows
//! the cursor, stops bracketed paste, resets colours) and says so in one
//! sentence. Exit codes pass through; a child killed by signal N gives
//! 128 + N, as a shell reports it. SIGTERM, SIGINT, SIGHUP and SIGQUIT sent
//! to the parent are passed on to the child.

use std::io::{IsTerminal, Write};
use std::process::{Command, ExitCode, ExitStatus};

use crate::domain::Lang;
use crate::i18n::console::{self as words};

/// Set in the child's environment: the child opens the interface itself.
pub const CHILD_ENV: &str = "SOXA_INTERFACE_CHILD";

/// Runs this invocation in a watched child when it would open the
/// interface on a terminal; `None` when this process should go on itself
/// (not a terminal, already the child, or the child could not start).
pub fn watch(opens_interface: bool, lang: Lang) -> Option<ExitCode> {
    if !opens_interface
        || std::env::var_os(CHILD_ENV).is_some()
        || !std::io::stdout().is_terminal()
        || !std::io::stdin().is_terminal()
    {
        return None;
    }
    let exe = std::env::current_exe().ok()?;
    let saved = terminal::save();
    let mut child = Command::new(exe).args(std::env::args_os().skip(1)).env(CHILD_ENV, "1").spawn().ok()?;
    let forwarding = terminal::forward_signals(&child);
    let status = child.wait();
    forwarding.stop();
    let status = match status {
        Ok(status) => status,
        Err(_) => return Some(ExitCode::FAILURE),
    };
    match abnormal(&status) {
        None => Some(passed_on(&status)),
        Some(how) => {
            terminal::restore(saved);
            if how.unexpected {
                eprintln!("{}", words::stopped(lang, &how.what));
                super::console::hold_window(lang, true);
            }
            Some(how.code)
        }
    }
}

/// How a child ended that was not its own choice.
struct Abnormal {
    /// "signal 6 (SIGABRT)", "status 0xC0000409".
    what: String,
    /// Not asked for by the clerk or the system (an abort, a fault, a
    /// SIGKILL): worth a sentence. SIGINT, SIGTERM and SIGHUP are asked for.
    unexpected: bool,
    code: ExitCode,
}

fn passed_on(status: &ExitStatus) -> ExitCode {
    status.code().and_then(|c| u8::try_from(c).ok()).map_or(ExitCode::FAILURE, ExitCode::from)
}

#[cfg(unix)]
fn abnormal(status: &ExitStatus) -> Option<Abnormal> {
    use std::os::unix::process::ExitStatusExt;
    let signal = status.signal()?;
    let name = match signal {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => "",
    };
    Some(Abnormal {
        what: format!("signal {signal} {name}").trim_end().to_string(),
        unexpected: !matches!(signal, 1 | 2 | 15),
        code: ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX)),
    })
}

#[cfg(windows)]
fn abnormal(status: &ExitStatus) -> Option<Abnormal> {
    // An exception (access violation, abort's fast-fail...) ends a process
    // with an NTSTATUS error code: 0xC0000000 and above.
    let code = status.code()? as u32;
    (code >= 0xC000_0000).then(|| Abnormal {
        what: format!("status 0x{code:08X}"),
        unexpected: true,
        code: ExitCode::FAILURE,
    })
}

#[cfg(not(any(unix, windows)))]
fn abnormal(_: &ExitStatus) -> Option<Abnormal> {
    None
}

#[cfg(unix)]
mod terminal {
    use rustix::process::{Pid, Signal, kill_process};
    use rustix::termios::{OptionalActions, Termios, tcgetattr, tcsetattr};
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use signal_hook::iterator::{Handle, Signals};

    /// The terminal's mode before the child (and the interface's raw mode).
    pub fn save() -> Option<Termios> {
        tcgetattr(std::io::stdin()).ok()
    }

    pub fn restore(saved: Option<Termios>) {
        if let Some(mode) = saved {
            let _ = tcsetattr(std::io::stdin(), OptionalActions::Now, &mode);
        }
        super::screen_back();
    }

    /// Passes the signals that ask soxa to stop on to the child, until
    /// stopped. (A terminal's Ctrl+C reaches both anyway: the child is in
    /// the same process group; in raw mode it is a key.)
    pub struct Forwarding(Option<Handle>);

    impl Forwarding {
        pub fn stop(mut self) {
            if let Some(handle) = self.0.take() {
                handle.close();
            }
        }
    }

    pub fn forward_signals(child: &std::process::Child) -> Forwarding {
        let pid = Pid::from_child(child);
        let Ok(mut signals) = Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT]) else { return Forwarding(None) };
        let handle = signals.handle();
        std::thread::spawn(move || {
            for raw in signals.forever() {
                if let Some(signal) = Signal::from_named_raw(raw) {
                    let _ = kill_process(pid, signal);
                }
            }
        });
        Forwarding(Some(handle))
    }
}

#[cfg(not(unix))]
mod terminal {
    /// Windows keeps no mode to save: crossterm sets the console's cooked
    /// flags back without one.
    pub struct Saved;

    pub fn save() -> Saved {
        Saved
    }

    pub fn restore(_: Saved) {
        let _ = ratatui::crossterm::terminal::disable_raw_mode();
        super::screen_back();
    }

    /// A console's Ctrl+C and closing reach the child directly.
    pub struct Forwarding;

    impl Forwarding {
        pub fn stop(self) {}
    }

    pub fn forward_signals(_: &std::process::Child) -> Forwarding {
        Forwarding
    }
}

/// Everything the interface turns on, turned off: the alternate screen,
/// the hidden cursor, bracketed paste, colours.
fn screen_back() {
    use ratatui::crossterm::cursor::Show;
    use ratatui::crossterm::event::DisableBracketedPaste;
    use ratatui::crossterm::execute;
    use ratatui::crossterm::style::ResetColor;
    use ratatui::crossterm::terminal::LeaveAlternateScreen;
    let mut out = std::io::stdout();
    let _ = execute!(out, ResetColor, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let _ = out.flush();
}
