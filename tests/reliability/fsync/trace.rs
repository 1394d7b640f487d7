//! An strace log (`strace -f -y -o LOG`, one file for every thread and
//! process) read back as calls in the order they happened, and the one
//! question the fsync tests ask of it: was every write to a file synced
//! before the clerk was told?
//!
//! With `-o` and one file, strace writes each line as the event happens, so
//! line order is time order across threads; a call another thread
//! interrupted is split into `<unfinished ...>` and `<... name resumed>`,
//! and each call here keeps both lines: it began at `start` and returned at
//! `end`. `-y` names each descriptor's file (`4</tmp/x/store/db>`);
//! strings are printed C-escaped (`\304\220`) and cut at `-s` bytes.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

/// One system call of the trace.
#[derive(Debug)]
pub struct Call {
    pub name: String,
    /// The file of the first argument, when it is a descriptor (`-y`).
    pub file: Option<String>,
    /// Every string argument, decoded (as far as `-s` printed it).
    pub strings: Vec<Vec<u8>>,
    /// What it returned (`0`, a byte count, `-1 ENOENT ...`).
    pub ret: String,
    /// Line of the trace where the call began, and where it returned.
    pub start: usize,
    pub end: usize,
    /// The line as strace wrote it (where it began), for messages.
    pub line: String,
}

impl Call {
    /// The bytes written (the first string argument).
    pub fn data(&self) -> &[u8] {
        self.strings.first().map_or(&[], Vec::as_slice)
    }

    pub fn holds(&self, needle: &[u8]) -> bool {
        !needle.is_empty() && self.data().windows(needle.len()).any(|w| w == needle)
    }

    pub fn is_write(&self) -> bool {
        matches!(self.name.as_str(), "write" | "pwrite64" | "writev" | "pwritev" | "pwritev2")
    }

    /// fsync or fdatasync that succeeded.
    pub fn is_sync(&self) -> bool {
        matches!(self.name.as_str(), "fsync" | "fdatasync") && self.ret == "0"
    }

    pub fn is_rename(&self) -> bool {
        self.name.starts_with("rename") && self.ret == "0"
    }

    pub fn on(&self, file: &Path) -> bool {
        self.file.as_deref() == file.to_str()
    }

    /// The line, cut to a readable length.
    pub fn short(&self) -> String {
        let mut s: String = self.line.chars().take(150).collect();
        if s.len() < self.line.len() {
            s.push('…');
        }
        s
    }
}

pub struct Trace {
    pub calls: Vec<Call>,
}

impl Trace {
    pub fn read(log: &Path) -> Trace {
        let bytes = std::fs::read(log).unwrap_or_else(|e| panic!("read {}: {e}", log.display()));
        let text = String::from_utf8_lossy(&bytes);
        let mut calls: Vec<Call> = Vec::new();
        let mut pending: HashMap<u32, usize> = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let Some((pid, rest)) = line.split_once(char::is_whitespace) else { continue };
            let Ok(pid) = pid.parse::<u32>() else { continue };
            let rest = rest.trim_start();
            if let Some(resumed) = rest.strip_prefix("<... ") {
                if let Some(i) = pending.remove(&pid) {
                    calls[i].end = n;
                    calls[i].ret = result(resumed);
                }
                continue;
            }
            let Some((name, args)) = rest.split_once('(') else { continue };
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let unfinished = rest.ends_with("<unfinished ...>");
            let call = Call {
                name: name.to_string(),
                file: descriptor_file(args),
                strings: strings(args),
                ret: if unfinished { String::new() } else { result(args) },
                start: n,
                end: n,
                line: format!("{pid} {rest}"),
            };
            if unfinished {
                pending.insert(pid, calls.len());
            }
            calls.push(call);
        }
        Trace { calls }
    }

    /// The first call after line `after` that writes to a file `to` accepts
    /// and holds `text`.
    pub fn first_write(&self, after: usize, to: impl Fn(&str) -> bool, text: &str) -> Option<&Call> {
        self.calls
            .iter()
            .find(|c| c.start > after && c.is_write() && c.file.as_deref().is_some_and(&to) && c.holds(text.as_bytes()))
    }

    /// The first write to `file` holding `marker`.
    pub fn first_write_of(&self, file: &Path, marker: &[u8]) -> Option<&Call> {
        self.calls.iter().find(|c| c.is_write() && c.on(file) && c.holds(marker))
    }

    /// The first sync of `file` begun after line `line`.
    pub fn first_sync_after(&self, file: &Path, line: usize) -> Option<&Call> {
        self.calls.iter().find(|c| c.is_sync() && c.on(file) && c.start > line)
    }

    /// The durability contract, for a report (the write that tells the
    /// clerk): every write to `file` begun before the report returned before
    /// a sync of `file` began, and that sync returned before the report
    /// began. One of those writes holds `marker` (the change itself, so the
    /// trace is the change's). Returns the sync.
    pub fn assert_synced_before(&self, file: &Path, marker: &[u8], report: &Call, what: &str) -> &Call {
        self.synced_before(file, marker, report)
            .unwrap_or_else(|why| panic!("{what}: {why}\n{}", self.excerpt(file, report)))
    }

    /// [`Trace::assert_synced_before`] without the panic: why not.
    pub fn synced_before(&self, file: &Path, marker: &[u8], report: &Call) -> Result<&Call, String> {
        let writes: Vec<&Call> =
            self.calls.iter().filter(|c| c.is_write() && c.on(file) && c.start < report.start).collect();
        if !writes.iter().any(|w| w.holds(marker)) {
            let marker = String::from_utf8_lossy(marker);
            return Err(format!("no write to {} before the report holds {marker:?}", file.display()));
        }
        let last = writes.iter().map(|w| w.end).max().unwrap_or(0);
        let synced = |c: &&Call| c.is_sync() && c.on(file) && c.start > last && c.end < report.start;
        self.calls.iter().find(synced).ok_or_else(|| {
            format!("the report precedes the sync of {} (last write returned at line {last})", file.display())
        })
    }

    /// The calls on `file` and the report, in order, up to the report and a
    /// few lines past it: what a failure shows, and the excerpts of
    /// docs/RELIABILITY.md.
    pub fn excerpt(&self, file: &Path, report: &Call) -> String {
        let mut out = String::new();
        let near = |c: &Call| c.on(file) && c.start > report.start.saturating_sub(400) && c.start < report.end + 40;
        for c in self.calls.iter().filter(|c| near(c) || std::ptr::eq(*c, report)) {
            let mark = if std::ptr::eq(c, report) { ">> " } else { "   " };
            let _ = writeln!(out, "{mark}{:>6} {}", c.start, c.short());
        }
        out
    }
}

/// The file `-y` names for a first argument like `4</tmp/x/store/db>`.
fn descriptor_file(args: &str) -> Option<String> {
    let digits = args.bytes().take_while(u8::is_ascii_digit).count();
    let rest = args[digits..].strip_prefix('<').filter(|_| digits > 0)?;
    let end = rest.find('>')?;
    let raw = decode(&rest[..end]);
    Some(String::from_utf8_lossy(&raw).into_owned())
}

/// What a call returned: the word after the last `) = ` (strace pads short
/// lines with spaces before the `=`).
fn result(line: &str) -> String {
    match line.rsplit_once(" = ") {
        Some((call, ret)) if call.trim_end().ends_with(')') => ret.split_whitespace().next().unwrap_or("").to_string(),
        _ => String::new(),
    }
}

/// Every quoted string of the arguments, decoded.
fn strings(args: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut chars = args.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '"' {
            continue;
        }
        let body = &args[i + 1..];
        let mut end = body.len();
        let mut escaped = false;
        for (j, d) in body.char_indices() {
            match (escaped, d) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    end = j;
                    break;
                }
                _ => {}
            }
        }
        out.push(decode(&body[..end]));
        // Skip past the closing quote.
        let skip = body[..end].chars().count() + 1;
        for _ in 0..skip {
            chars.next();
        }
    }
    out
}

/// strace's C escapes: `\n \t \r \v \f \" \\`, octal `\304`, hex `\xc4`.
fn decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 == b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let e = b[i + 1];
        i += 2;
        match e {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(0x0b),
            b'f' => out.push(0x0c),
            b'x' => {
                let hex = std::str::from_utf8(&b[i..(i + 2).min(b.len())]).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                i += 2;
            }
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + u32::from(b[i] - b'0');
                    i += 1;
                    n += 1;
                }
                out.push(u8::try_from(v & 0xff).unwrap_or(b'?'));
            }
            other => out.push(other),
        }
    }
    out
}

#[test]
fn strace_lines_are_read_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("log");
    let text = "\
10  pwrite64(4</t/store/db>, \"\\304\\220\\303\\243 l\\306\\260u\\n\\\"x\\\"\"..., 12, 0) = 12
11  fdatasync(5</t/store/db> <unfinished ...>
10  write(1</dev/pts/3>, \"\\x1b[1mhi\", 7) = 7
11  <... fdatasync resumed>) = 0
10  rename(\"/t/a\", \"/t/b\")      = 0
10  +++ exited with 0 +++
";
    std::fs::write(&log, text).expect("write");
    let t = Trace::read(&log);
    assert_eq!(t.calls.len(), 4);
    assert_eq!(t.calls[0].data(), "Đã lưu\n\"x\"".as_bytes());
    assert_eq!(t.calls[0].file.as_deref(), Some("/t/store/db"));
    assert_eq!((t.calls[1].start, t.calls[1].end, t.calls[1].ret.as_str()), (1, 3, "0"));
    assert!(t.calls[1].is_sync());
    assert_eq!(t.calls[2].data(), b"\x1b[1mhi");
    assert_eq!(t.calls[3].strings, vec![b"/t/a".to_vec(), b"/t/b".to_vec()]);
    assert!(t.calls[3].is_rename(), "a padded result is read: {:?}", t.calls[3].ret);
    // The sync began before the terminal write but returned after it: it
    // does not precede that report.
    let db = Path::new("/t/store/db");
    let report = &t.calls[2];
    let why = t.synced_before(db, "Đã".as_bytes(), report).expect_err("a sync still running is no sync");
    assert!(why.contains("precedes the sync"), "{why}");
    // The rename comes after the sync returned: that one counts.
    assert!(t.synced_before(db, "Đã".as_bytes(), &t.calls[3]).is_ok());
    // A marker no write holds.
    assert!(t.synced_before(db, b"nowhere", &t.calls[3]).expect_err("no such write").contains("holds"));
}
