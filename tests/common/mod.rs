//! Shared helpers: a temporary store on a fixed clock, builders of valid
//! records with real Vietnamese data, a byte-for-byte picture of a folder, and
//! a runner for the real `soxa` executable; `tui` drives the interface.

pub mod tui;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::{NaiveDate, NaiveDateTime};
use soxa::domain::{
    CaseCategory, CatalogItem, Commitment, Commune, Gender, Hamlet, HamletKind, Household, Id, MediationCase, Member,
    Party, Role, Team, TeamKind,
};
use soxa::store::{Clock, OpenOptions, Store};
use tempfile::TempDir;

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// "Now" in every test: Monday 23 November 2026, 09:00.
pub fn now() -> NaiveDateTime {
    ymd(2026, 11, 23).and_hms_opt(9, 0, 0).expect("valid time")
}

/// A fresh temporary folder; the database goes in its `db` subfolder so that
/// `Store::open` creates it (and its permissions) itself.
pub struct TestDb {
    pub tmp: TempDir,
    pub store: Store,
}

impl TestDb {
    pub fn new() -> TestDb {
        let tmp = tempfile::tempdir().expect("temp dir");
        let store = open_at(&tmp.path().join("db"));
        TestDb { tmp, store }
    }

    pub fn path(&self) -> PathBuf {
        self.tmp.path().join("db")
    }
}

/// Opens (creating if needed) the store in `dir` with the fixed clock.
///
/// The lock of a store just closed can outlive it for a moment: another
/// test thread that starts a process at that instant holds a copy of every
/// open file until the child's `exec` closes it, and a lock goes with its
/// file. So a `Locked` is retried for up to five seconds; a real second
/// window holds its lock far longer.
pub fn open_at(dir: &Path) -> Store {
    let start = std::time::Instant::now();
    let mut store = loop {
        match Store::open(dir, &OpenOptions::default()) {
            Err(soxa::store::OpenError::Locked { .. }) if start.elapsed().as_secs() < 5 => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => break other.expect("open store"),
        }
    };
    store.set_clock(Clock::Fixed(now()));
    store
}

/// Creates a database in `dir` and closes it again.
pub fn make_db(dir: &Path) {
    let store = open_at(dir);
    store.save_commune(commune()).expect("save commune");
}

/// Rewrites the `soxa-format` marker to claim schema `n`.
pub fn claim_schema(dir: &Path, n: u32) {
    fs::write(dir.join("soxa-format"), format!("soxa database\nschema {n}\n")).expect("write soxa-format");
}

/// Every file under `dir` (recursively) with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = fs::read(&path).expect("read file");
                out.insert(path.strip_prefix(dir).expect("inside dir").to_path_buf(), bytes);
            }
        }
    }
    out
}

pub fn commune() -> Commune {
    let mut c = Commune::new("Xã Nhất Tiến", "Hưng Yên");
    c.approver.title = "Chủ tịch UBND xã".into();
    c.approver.name = "Phạm Văn Hùng".into();
    c.preparer.title = "Công an xã".into();
    c.preparer.name = "Trần Thị Thu".into();
    c.catalog = vec![
        CatalogItem { id: 1, text: "Không sử dụng, buôn bán trái phép chất ma túy".into(), active: true },
        CatalogItem { id: 2, text: "Không tàng trữ, đốt pháo nổ trái phép".into(), active: true },
        CatalogItem { id: 3, text: "Chấp hành Luật Giao thông đường bộ".into(), active: true },
    ];
    c
}

pub fn hamlet(code: &str, name: &str) -> Hamlet {
    Hamlet::new(code, name, HamletKind::Thon)
}

pub fn household(code: &str, hamlet: Id, head: &str) -> Household {
    let mut h = Household::new(code, hamlet, head);
    h.head_birth_year = Some(1968);
    h.address = "Xóm 2, thôn Đông".into();
    h.members = 4;
    h.phone = Some("0912 345 678".into());
    h.national_id = Some("033068001234".into());
    h.living_since = Some(ymd(1995, 6, 1));
    h
}

pub fn commitment(household: Id, year: u16) -> Commitment {
    let mut c = Commitment::signed(household, year, ymd(i32::from(year), 2, 15), vec![1, 2, 3]);
    c.representative = "Nguyễn Văn An".into();
    c.witness = "Lê Văn Bình, trưởng thôn".into();
    c
}

pub fn team(name: &str, kind: TeamKind, hamlet: Option<Id>) -> Team {
    let mut t = Team::new(name, kind, hamlet);
    t.established = Some(ymd(2021, 3, 26));
    t
}

pub fn member(team: Id, name: &str, role: Role) -> Member {
    let mut m = Member::new(team, name, role, ymd(2022, 1, 10));
    m.birth_date = Some(ymd(1975, 4, 30));
    m.gender = Some(Gender::Female);
    m.phone = Some("0987654321".into());
    m.decision_number = "15/QĐ-UBND".into();
    m.decision_date = Some(ymd(2022, 1, 5));
    m
}

pub fn party(name: &str, household: Option<Id>) -> Party {
    Party { name: name.into(), age: Some(52), address: "Thôn Đông, xã Nhất Tiến".into(), household }
}

pub fn case(hamlet: Id, received: NaiveDate, a: &str, b: &str) -> MediationCase {
    let parties = vec![party(a, None), party(b, None)];
    let mut c = MediationCase::new(received, hamlet, CaseCategory::Civil, parties);
    c.content = "Tranh chấp ranh giới đất vườn giữa hai hộ liền kề".into();
    c
}

/// Runs the real `soxa` executable with `args`, no stdin, and no database or
/// language inherited from the environment.
pub fn soxa(args: &[&str]) -> Output {
    soxa_cmd(args).output().expect("run soxa")
}

pub fn soxa_cmd(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_soxa"));
    cmd.args(args).env_remove("SOXA_DB").env_remove("SOXA_LANG").stdin(Stdio::null());
    cmd
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Copies the folder `from` (recursively) to the new folder `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create copy");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Every path under `dir` (folders too), relative, sorted; empty if `dir`
/// does not exist.
pub fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            out.push(path.strip_prefix(dir).expect("inside dir").to_path_buf());
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Makes a demo ledger of `households` in `dir` with the real binary.
pub fn demo_at(dir: &Path, households: usize, seed: u64) {
    let n = households.to_string();
    let s = seed.to_string();
    let out = soxa_cmd(&["demo", "--households", &n, "--seed", &s, "--no-open", "--lang", "en", "--db"])
        .arg(dir)
        .output()
        .expect("run soxa demo");
    assert!(out.status.success(), "demo: {}", stderr(&out));
}

/// Households in the ledger at `dir` (opened without creating anything), or
/// `None` when there is no ledger. Waits while sled still releases the lock
/// of a handle this process just dropped; any other error fails the test.
pub fn household_count(dir: &Path) -> Option<usize> {
    let opts = OpenOptions { create: false, ..OpenOptions::default() };
    for _ in 0..100 {
        match Store::open(dir, &opts) {
            Ok(store) => return Some(store.count::<Household>()),
            Err(soxa::store::OpenError::Missing { .. }) => return None,
            Err(soxa::store::OpenError::Locked { .. }) => std::thread::sleep(std::time::Duration::from_millis(50)),
            Err(e) => panic!("{}: {e}", dir.display()),
        }
    }
    panic!("{} stays locked", dir.display())
}

/// The passphrase the tests lock exports with (a ZIP's, not a sign-in's).
pub const ZIP_PASS: &str = "mật khẩu thử nghiệm";

/// Runs the real `soxa` with `args` and `--passphrase-stdin`, `input` on
/// its standard input (one passphrase a line).
pub fn soxa_input(args: &[&str], input: &str) -> Output {
    use std::io::Write as _;
    let mut cmd = soxa_cmd(args);
    cmd.arg("--passphrase-stdin").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run soxa");
    if let Some(mut stdin) = child.stdin.take() {
        // soxa may exit before reading (a refusal): a closed pipe is fine.
        let _ = stdin.write_all(input.as_bytes());
    }
    child.wait_with_output().expect("run soxa")
}

/// Every file in the locked ZIP `zip`, opened with `pass`: names and bytes.
pub fn unlock(zip: &Path, pass: &str) -> Vec<(String, Vec<u8>)> {
    use std::io::Read as _;
    let bytes = fs::read(zip).unwrap_or_else(|e| panic!("{}: {e}", zip.display()));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index_decrypt(i, pass.as_bytes()).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().unwrap().to_string(), content)
        })
        .collect()
}

/// `asked` with ".zip" added: where an export with personal data goes.
pub fn zip_of(asked: &Path) -> PathBuf {
    PathBuf::from(format!("{}.zip", asked.display()))
}

/// Runs an export with personal data (`args`, naming `asked`) with
/// [`ZIP_PASS`], then puts what its locked ZIP holds beside it, so a test
/// reads the export as the plain file it was before exports were locked.
pub fn export_unlocked(args: &[&str], asked: &Path) -> Output {
    let mut out = soxa_input(args, &format!("{ZIP_PASS}\n"));
    // A ledger another test thread's child still holds for a moment (exit
    // code 3, see `import_files::soxa_when_free`): run again.
    for _ in 0..100 {
        if out.status.code() != Some(3) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        out = soxa_input(args, &format!("{ZIP_PASS}\n"));
    }
    assert_eq!(out.status.code(), Some(0), "soxa {args:?}: {}{}", stdout(&out), stderr(&out));
    assert!(!asked.exists(), "nothing in clear at {}", asked.display());
    for (name, bytes) in unlock(&zip_of(asked), ZIP_PASS) {
        fs::write(asked.with_file_name(name), bytes).unwrap();
    }
    out
}

/// A test whose precondition this machine cannot provide (a tool, a second
/// filesystem, a way to make a folder read-only) fails in CI (`CI=true`,
/// as `.ci/run` runs): there it must check what it promises. Elsewhere it
/// says why it is skipped, and the caller returns.
pub fn skip_outside_ci(why: &str) {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("required in CI: {why}");
    }
    eprintln!("skipped (not in CI): {why}");
}
