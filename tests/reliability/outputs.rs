//! Files soxa writes for the clerk, tried with hostile targets from the
//! real binary (issue 17, items 4 and 7).
//!
//! Item 4, the class "an output lands inside a ledger folder": every path
//! into a ledger (sled's `db` and `conf`, `soxa-format`, `soxa.lock`,
//! `backups/x`, the folder itself, a new file in it, the same through `..`,
//! and on Unix a symbolic link to each, a dangling one and a link to the
//! `store` folder), for the `--db` ledger and for another ledger, through
//! every command that writes a file (`report` in four formats, with and
//! without `--force`, `backup` with and without `--force`, `export
//! households` and `export members`, `report book` (a mediation book), and
//! the import's rejected-rows file).
//! After each: refused with the one sentence, both ledgers byte for byte
//! as before, and `soxa check` clean. An existing file is replaced only
//! with `--force`, by every command alike.
//!
//! Item 7, the class "the rejected-rows file meets something already
//! there": an existing file, a symbolic link to an existing file, a
//! dangling link, a folder of that name, and several imports in a row.
//! Nothing there is touched or followed; the next free name is used and
//! printed.

use std::fs;
use std::path::{Path, PathBuf};

use soxa::demo::{DemoOptions, generate};
use soxa::import::export::{self, Options};
use tempfile::TempDir;

use crate::common::{ZIP_PASS, make_db, now, open_at, snapshot, soxa, soxa_input, stderr, stdout};

/// A temporary folder with two ledgers (`a`, used as `--db`, with a small
/// demo commune; `b`, another one) and `out`, a plain folder.
struct Place {
    tmp: TempDir,
}

impl Place {
    fn new() -> Place {
        let tmp = tempfile::tempdir().unwrap();
        let store = open_at(&tmp.path().join("a"));
        generate(&store, &DemoOptions { households: 40, seed: 17, today: now().date() }).unwrap();
        drop(store);
        make_db(&tmp.path().join("b"));
        for led in ["a", "b"] {
            // As after the first automatic backup.
            fs::create_dir_all(tmp.path().join(led).join("backups")).unwrap();
            fs::write(tmp.path().join(led).join("backups").join("2026-11-23-090000.soxabak"), "a backup").unwrap();
        }
        fs::create_dir(tmp.path().join("out")).unwrap();
        Place { tmp }
    }

    fn a(&self) -> PathBuf {
        self.tmp.path().join("a")
    }

    fn b(&self) -> PathBuf {
        self.tmp.path().join("b")
    }

    fn out(&self) -> PathBuf {
        self.tmp.path().join("out")
    }

    /// Runs soxa on ledger `a`, in English.
    fn run(&self, args: &[&str]) -> std::process::Output {
        let db = self.a();
        let mut all = vec!["--lang", "en", "--db", db.to_str().unwrap()];
        all.extend_from_slice(args);
        soxa(&all)
    }

    /// `run`, giving the passphrase a locked file needs on standard input.
    fn run_input(&self, args: &[&str]) -> std::process::Output {
        let db = self.a();
        let mut all = vec!["--lang", "en", "--db", db.to_str().unwrap()];
        all.extend_from_slice(args);
        soxa_input(&all, &format!("{ZIP_PASS}\n"))
    }
}

/// Every way a path can point into the ledger `led` (see the module
/// comment); links are made in `out`, named `.csv` so `export` takes them.
fn into_ledger(led: &Path, out: &Path, tag: &str) -> Vec<PathBuf> {
    let name = led.file_name().unwrap();
    let mut paths = vec![
        led.join("store").join("db"),
        led.join("store").join("conf"),
        led.join("soxa-format"),
        led.join("soxa.lock"),
        led.join("backups").join("x.soxabak"),
        led.join("backups").join("2026-11-23-090000.soxabak"),
        led.join("backups"),
        led.to_path_buf(),
        led.join("bao-cao.csv"),
        led.join("store").join("db.csv"),
        led.join("store").join("blobs").join("r.xlsx"),
        out.join("..").join(name).join("store").join("db"),
        led.join("store").join("..").join("soxa-format"),
        out.join("..").join(name).join("x.xlsx"),
    ];
    #[cfg(unix)]
    {
        let targets = [
            led.join("store").join("db"),
            led.join("store").join("conf"),
            led.join("soxa-format"),
            led.join("store").join("not-yet"),
            led.to_path_buf(),
            led.join("backups").join("2026-11-23-090000.soxabak"),
            led.join("backups").join("new.soxabak"),
        ];
        for (i, target) in targets.iter().enumerate() {
            let link = out.join(format!("{tag}-link-{i}.csv"));
            std::os::unix::fs::symlink(target, &link).unwrap();
            paths.push(link);
        }
        let folder = out.join(format!("{tag}-store"));
        std::os::unix::fs::symlink(led.join("store"), &folder).unwrap();
        paths.push(folder.join("db"));
        paths.push(folder.join("r.csv"));
        let chain = out.join(format!("{tag}-chain.csv"));
        std::os::unix::fs::symlink(out.join(format!("{tag}-link-0.csv")), &chain).unwrap();
        paths.push(chain);
    }
    #[cfg(not(unix))]
    let _ = (out, tag);
    paths
}

/// Every command that writes a file, aimed at `path`.
fn writers(path: &str) -> Vec<Vec<&str>> {
    vec![
        vec!["report", "--period", "2026", "-o", path],
        vec!["report", "--period", "2026", "--format", "csv", "--force", "-o", path],
        vec!["report", "--period", "2026-Q3", "--format", "json", "-o", path],
        vec!["report", "--period", "2026", "--format", "md", "--force", "-o", path],
        vec!["backup", path, "--force"],
        vec!["backup", path],
        vec!["export", "households", path, "--force"],
        vec!["export", "members", path],
        vec!["report", "book", "--team", "T01", "--year", "2026", "-o", path, "--force"],
    ]
}

fn check_clean(db: &Path) {
    let out = soxa(&["--lang", "en", "--db", db.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(0), "check {}: {}{}", db.display(), stdout(&out), stderr(&out));
}

#[test]
fn no_command_writes_inside_a_ledger_folder() {
    let place = Place::new();
    let mut paths = into_ledger(&place.a(), &place.out(), "a");
    paths.extend(into_ledger(&place.b(), &place.out(), "b"));
    let mut tried = 0;
    for path in &paths {
        let text = path.to_str().unwrap();
        for args in writers(text) {
            let (before_a, before_b) = (snapshot(&place.a()), snapshot(&place.b()));
            let out = place.run(&args);
            let what = format!("{args:?}: {}{}", stdout(&out), stderr(&out));
            assert_ne!(out.status.code(), Some(0), "{what}");
            // `export` first refuses a name without .csv or .xlsx.
            let named = args[0] != "export" || text.ends_with(".csv") || text.ends_with(".xlsx");
            if named {
                assert!(stderr(&out).contains("is inside the ledger folder"), "{what}");
            }
            assert!(!stderr(&out).contains("REPORT") && !stderr(&out).contains("panicked"), "{what}");
            assert!(snapshot(&place.a()) == before_a, "ledger a changed by {what}");
            assert!(snapshot(&place.b()) == before_b, "ledger b changed by {what}");
            tried += 1;
        }
        check_clean(&place.a());
        check_clean(&place.b());
    }
    assert_eq!(tried, 9 * paths.len());
    assert!(paths.len() >= if cfg!(unix) { 48 } else { 28 }, "{} paths", paths.len());
}

#[test]
fn the_rejected_rows_file_is_never_written_inside_a_ledger() {
    let place = Place::new();
    // An input file kept in ledger b's folder: its rejected rows would go
    // beside it, into b.
    let input = place.b().join("ho.csv");
    fs::write(&input, households_csv_with_a_bad_row(&place.a())).unwrap();
    let before_b = snapshot(&place.b());
    let out = place.run(&["import", "households", input.to_str().unwrap()]);
    assert!(stderr(&out).contains("is inside the ledger folder"), "{}{}", stdout(&out), stderr(&out));
    assert!(snapshot(&place.b()) == before_b, "ledger b changed");
    check_clean(&place.a());
    check_clean(&place.b());
}

#[test]
fn every_writer_refuses_an_existing_file_unless_forced() {
    let place = Place::new();
    let out = place.out();
    let cases: [(&str, Vec<&str>); 7] = [
        ("r.xlsx", vec!["report", "--period", "2026"]),
        // The book is written locked (issue 15): its file is the ZIP.
        ("s.xlsx.zip", vec!["report", "book", "--team", "T01"]),
        ("r.csv", vec!["report", "--period", "2026"]),
        ("r.md", vec!["report", "--period", "2026"]),
        ("r.json", vec!["report", "--period", "2026"]),
        ("h.csv", vec!["export", "households"]),
        ("m.xlsx", vec!["export", "members"]),
    ];
    for (name, command) in cases {
        let file = out.join(name);
        fs::write(&file, "the clerk's own file").unwrap();
        let path = file.to_str().unwrap();
        let mut args = command.clone();
        if args[0] == "report" {
            args.extend(["-o", path]);
        } else {
            args.push(path);
        }
        let refused = place.run(&args);
        assert_eq!(refused.status.code(), Some(1), "{args:?}: {}", stderr(&refused));
        assert!(stderr(&refused).contains("exists already"), "{}", stderr(&refused));
        assert_eq!(fs::read(&file).unwrap(), b"the clerk's own file");
        args.push("--force");
        let forced = if args[1] == "book" { place.run_input(&args) } else { place.run(&args) };
        assert_eq!(forced.status.code(), Some(0), "{args:?}: {}", stderr(&forced));
        assert_ne!(fs::read(&file).unwrap(), b"the clerk's own file");
    }
    // A CSV report's files beside the named one count too.
    let main = out.join("q.csv");
    let beside = out.join("q-not-signed.csv");
    fs::write(&beside, "kept").unwrap();
    let refused = place.run(&["report", "--period", "2026", "-o", main.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(!main.exists());
    assert_eq!(fs::read(&beside).unwrap(), b"kept");
}

/// A households CSV exported from `db` (so its columns are right) plus one
/// row the importer refuses (no head of household, no hamlet).
fn households_csv_with_a_bad_row(db: &Path) -> Vec<u8> {
    let store = open_at(db);
    let table = export::households(&store, Options { include_personal: false, year: 2026 }).unwrap();
    drop(store);
    let mut bytes = export::csv_bytes(&table).unwrap();
    let commas = ",".repeat(table.headings.len() - 1);
    bytes.extend_from_slice(format!("ZZ-9999{commas}\r\n").as_bytes());
    bytes
}

/// What is at the rejected-rows file's name before the import.
#[derive(Debug, Clone, Copy)]
enum There {
    File,
    LinkToFile,
    Dangling,
    Folder,
    Nothing,
}

#[test]
fn the_rejected_rows_file_never_replaces_nor_follows_anything() {
    let place = Place::new();
    let csv = households_csv_with_a_bad_row(&place.a());
    let mut cases = vec![There::File, There::Folder, There::Nothing];
    if cfg!(unix) {
        cases.extend([There::LinkToFile, There::Dangling]);
    }
    for (i, there) in cases.into_iter().enumerate() {
        let dir = place.out().join(format!("case-{i}"));
        fs::create_dir(&dir).unwrap();
        let input = dir.join("ho.csv");
        fs::write(&input, &csv).unwrap();
        let wanted = dir.join("ho-loi.csv");
        let victim = dir.join("victim.txt");
        match there {
            There::File => fs::write(&wanted, "the clerk's own").unwrap(),
            There::Folder => fs::create_dir(&wanted).unwrap(),
            There::Nothing => {}
            #[cfg(unix)]
            There::LinkToFile => {
                fs::write(&victim, "the clerk's own").unwrap();
                std::os::unix::fs::symlink(&victim, &wanted).unwrap();
            }
            #[cfg(unix)]
            There::Dangling => std::os::unix::fs::symlink(&victim, &wanted).unwrap(),
            #[cfg(not(unix))]
            _ => {}
        }
        // Several imports in a row: each gets the next free name.
        for round in 1..=3 {
            let out = place.run(&["import", "households", input.to_str().unwrap()]);
            let said = stdout(&out);
            let n = match there {
                There::Nothing => round,
                _ => round + 1,
            };
            let used = if n == 1 { dir.join("ho-loi.csv") } else { dir.join(format!("ho-loi-{n}.csv")) };
            assert!(said.contains(used.to_str().unwrap()), "{there:?} round {round}: {said}{}", stderr(&out));
            let written = fs::read_to_string(&used).unwrap();
            assert!(written.contains("ZZ-9999"), "{there:?}: {written}");
        }
        match there {
            There::File => assert_eq!(fs::read(&wanted).unwrap(), b"the clerk's own"),
            There::Folder => assert!(wanted.is_dir() && fs::read_dir(&wanted).unwrap().count() == 0),
            There::Nothing => assert!(fs::read_to_string(&wanted).unwrap().contains("ZZ-9999")),
            There::LinkToFile => {
                assert!(wanted.is_symlink());
                assert_eq!(fs::read(&victim).unwrap(), b"the clerk's own");
            }
            There::Dangling => {
                assert!(wanted.is_symlink());
                assert!(!victim.exists(), "the dangling link was not followed");
            }
        }
    }
    check_clean(&place.a());
}

/// Types `path` into the Reports screen's export dialog and presses Enter.
fn export_from_the_interface(tui: &mut crate::common::tui::Tui, path: &str) {
    // Tab: the format follows the name's extension only when chosen.
    let tabs = if path.ends_with(".csv") { "<tab>" } else { "" };
    tui.press("x").press(tabs);
    for _ in 0..300 {
        tui.press("<bs>");
    }
    tui.press(path).press("<enter>");
}

#[test]
fn the_interface_exports_nowhere_inside_a_ledger_and_asks_before_replacing() {
    use soxa::domain::Lang;
    let out = tempfile::tempdir().unwrap();
    let mut tui = crate::common::tui::Tui::demo(Lang::Vi);
    tui.app.reports.set_export_folder(out.path().to_path_buf(), true);
    tui.press("5");
    let led = tui.app.store.dir().to_path_buf();
    let mut paths = vec![
        led.join("store").join("db"),
        led.join("soxa-format"),
        led.join("bao-cao.csv"),
        led.join("store").join("..").join("store").join("conf"),
    ];
    #[cfg(unix)]
    {
        let link = out.path().join("link.xlsx");
        std::os::unix::fs::symlink(led.join("store").join("db"), &link).unwrap();
        paths.push(link);
    }
    #[cfg(unix)]
    let inode = || std::os::unix::fs::MetadataExt::ino(&fs::metadata(led.join("store").join("db")).unwrap());
    #[cfg(unix)]
    let before = inode();
    for path in &paths {
        export_from_the_interface(&mut tui, path.to_str().unwrap());
        let screen = tui.text(100, 30);
        assert!(screen.contains("nằm trong thư mục sổ"), "{}: {screen}", path.display());
        tui.press("<esc>");
    }
    #[cfg(unix)]
    assert_eq!(inode(), before, "sled's file was never replaced");
    assert!(!led.join("bao-cao.csv").exists() && !led.join("soxa-format.xlsx").exists());

    // A CSV table's file beside the named one exists: asked first, then replaced.
    let main = out.path().join("q.csv");
    let beside = out.path().join("q-ho-chua-ky.csv");
    fs::write(&beside, "cũ").unwrap();
    export_from_the_interface(&mut tui, main.to_str().unwrap());
    assert!(tui.text(100, 30).contains("Tệp này đã có"), "{}", tui.text(100, 30));
    assert_eq!(fs::read_to_string(&beside).unwrap(), "cũ");
    tui.press("<enter>");
    assert!(main.is_file());
    assert_ne!(fs::read_to_string(&beside).unwrap(), "cũ");
}

fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// What a ledger looked like when an older soxa wrote a file over sled's
/// `db` (item 4's reproduction): sled then reports a "bug" with its own
/// words ("Unexpected bug has happened ... PLEASE REPORT THIS BUG!"). The
/// clerk must read the "damaged" sentence, in both languages, from every
/// command, and never sled's words.
#[test]
fn sled_bug_text_never_reaches_the_clerk() {
    let tmp = tempfile::tempdir().unwrap();
    let led = tmp.path().join("led");
    let text = led.to_str().unwrap();
    let made = soxa(&["demo", "--households", "3000", "--no-open", "--db", text]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    // Reopened once, as a ledger in use is: sled has rewritten its segments.
    let report = tmp.path().join("r.xlsx");
    assert_eq!(
        soxa(&["--db", text, "report", "--period", "2026", "-o", report.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let junk: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let overwrites: [(&str, Vec<u8>); 4] = [
        ("xlsx report", fs::read(&report).unwrap()),
        ("markdown", "# Báo cáo\n| a | b |\n".repeat(5_000).into_bytes()),
        ("noise", junk),
        ("empty", Vec::new()),
    ];
    for (i, (what, bytes)) in overwrites.iter().enumerate() {
        let copy = tmp.path().join(format!("copy-{i}"));
        copy_folder(&led, &copy);
        fs::write(copy.join("store").join("db"), bytes).unwrap();
        let db = copy.to_str().unwrap();
        for lang in ["vi", "en"] {
            for command in [&["check"][..], &["stats"], &["search", "Nguyễn"], &["report", "--period", "2026"]] {
                let mut args = vec!["--lang", lang, "--db", db];
                args.extend_from_slice(command);
                let out = soxa(&args);
                let said = stderr(&out);
                let case = format!("{what}, {lang}, {command:?}: {said}");
                assert_ne!(out.status.code(), Some(0), "{case}");
                for word in ["REPORT", "Unexpected bug", "panicked", "backtrace"] {
                    assert!(!said.contains(word), "{case}");
                }
                assert!(said.contains("bị hỏng") || said.contains("damaged"), "{case}");
            }
        }
    }
}
