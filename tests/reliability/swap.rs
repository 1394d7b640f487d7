//! A restore (or demo) that puts a new store in place of the old one is cut
//! short at every step of its swap, by building each state a crash can leave
//! by hand; the next `soxa check` must finish the swap (or roll it back) and
//! say so in one sentence, never open an empty ledger, and keep the old
//! ledger. And no read-only command creates anything in a folder without a
//! ledger.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{copy_dir, demo_at, household_count, listing, soxa, soxa_cmd, stderr, stdout};

const OLD: usize = 120;
const NEW: usize = 80;
const ASIDE: &str = "backups/truoc-khoi-phuc-2026-11-23-090000";

fn journal(kind: &str, staging: &str, aside: &str) -> String {
    let schema = soxa::store::SCHEMA_VERSION;
    format!("soxa swap\nkind {kind}\nstaging {staging}\naside {aside}\nschema {schema}\nend\n")
}

/// A copy of the aside folder opened on its own: the ledger kept aside.
fn count_kept(aside: &Path, scratch: &Path) -> Option<usize> {
    let copy = scratch.join("kept");
    let _ = fs::remove_dir_all(&copy);
    copy_dir(aside, &copy);
    household_count(&copy)
}

/// The states a crash leaves, step by step, and which ledger must open.
fn states() -> Vec<(&'static str, Vec<&'static str>, usize)> {
    vec![
        ("journal written, nothing moved", vec!["stage", "journal"], NEW),
        ("old store moved aside", vec!["stage", "journal", "move-store"], NEW),
        ("old marker moved aside", vec!["stage", "journal", "move-store", "move-format"], NEW),
        ("new store in place, no marker", vec!["stage", "journal", "move-store", "move-format", "put-new"], NEW),
        (
            "marker written, journal left",
            vec!["stage", "journal", "move-store", "move-format", "put-new", "format"],
            NEW,
        ),
        ("build cut short, no journal", vec!["half-stage"], OLD),
        ("journal cut short while written", vec!["stage", "journal-tmp"], OLD),
        ("journal, new store lost", vec!["journal", "move-store", "move-format"], OLD),
    ]
}

fn apply(step: &str, case: &Path, new_store: &Path) {
    let aside = case.join(ASIDE);
    match step {
        "stage" => copy_dir(new_store, &case.join("store-restoring")),
        "half-stage" => {
            copy_dir(new_store, &case.join("store-restoring"));
            fs::write(case.join("store-restoring/db"), b"cut").unwrap();
        }
        "journal-tmp" => fs::write(case.join("soxa-swap.tmp"), "soxa swap\nkind rest").unwrap(),
        "journal" => fs::write(case.join("soxa-swap"), journal("restore", "store-restoring", ASIDE)).unwrap(),
        "move-store" => {
            fs::create_dir_all(&aside).unwrap();
            fs::rename(case.join("store"), aside.join("store")).unwrap();
        }
        "move-format" => fs::rename(case.join("soxa-format"), aside.join("soxa-format")).unwrap(),
        "put-new" => fs::rename(case.join("store-restoring"), case.join("store")).unwrap(),
        "format" => {
            let marker = format!("soxa database\nschema {}\n", soxa::store::SCHEMA_VERSION);
            fs::write(case.join("soxa-format"), marker).unwrap()
        }
        other => panic!("unknown step {other}"),
    }
}

#[test]
fn a_restore_cut_short_at_any_step_is_finished_or_rolled_back_by_the_next_command() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old");
    demo_at(&old, OLD, 1);
    let source = tmp.path().join("source");
    demo_at(&source, NEW, 2);
    let file = tmp.path().join("new.soxabak");
    assert!(soxa_cmd(&["backup", "--db"]).arg(&source).arg(&file).output().unwrap().status.success());
    let restored = tmp.path().join("restored");
    assert!(soxa_cmd(&["restore", "--db"]).arg(&restored).arg(&file).output().unwrap().status.success());
    let new_store = restored.join("store");

    for (n, (name, steps, want)) in states().into_iter().enumerate() {
        let case = tmp.path().join(format!("case{n}"));
        copy_dir(&old, &case);
        fs::remove_file(case.join("soxa.lock")).ok();
        for step in &steps {
            apply(step, &case, &new_store);
        }
        // The command the clerk happens to run next: read-only ones too.
        let command = ["check", "stats", "search"][n % 3];
        let mut args = vec![command, "--lang", "en", "--db", case.to_str().unwrap()];
        if command == "search" {
            args.push("nguyen");
        }
        let out = soxa(&args);
        assert_eq!(out.status.code(), Some(0), "{name}: {}\n{}", stdout(&out), stderr(&out));
        let told = stderr(&out);
        if steps.contains(&"journal") {
            assert_eq!(told.trim().lines().count(), 1, "{name}: one sentence: {told}");
            assert!(told.contains("interrupted"), "{name}: {told}");
        } else {
            assert!(told.trim().is_empty(), "{name}: {told}");
        }
        let check = soxa(&["check", "--lang", "en", "--db", case.to_str().unwrap()]);
        assert_eq!(check.status.code(), Some(0), "{name}: {}", stdout(&check));
        assert_eq!(household_count(&case), Some(want), "{name}: the wrong ledger opens");
        for left in ["soxa-swap", "soxa-swap.tmp", "store-restoring"] {
            assert!(!case.join(left).exists(), "{name}: {left} left");
        }
        if want == NEW {
            assert_eq!(count_kept(&case.join(ASIDE), tmp.path()), Some(OLD), "{name}: the old ledger is kept");
            assert!(told.contains(ASIDE), "{name}: names where the old ledger is: {told}");
        }
    }
}

#[test]
fn a_demo_cut_short_at_its_swap_is_finished_and_keeps_the_backups_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old");
    demo_at(&old, OLD, 1);
    let new = tmp.path().join("new");
    demo_at(&new, NEW, 2);
    for (n, moved) in [false, true].into_iter().enumerate() {
        let case = tmp.path().join(format!("demo{n}"));
        copy_dir(&old, &case);
        fs::create_dir_all(case.join("backups/tài liệu")).unwrap();
        fs::write(case.join("backups/tài liệu/ghi chú.txt"), "của tôi").unwrap();
        copy_dir(&new.join("store"), &case.join("demo-building/store"));
        fs::write(case.join("soxa-swap"), journal("demo", "demo-building/store", "demo-replaced")).unwrap();
        if moved {
            fs::create_dir(case.join("demo-replaced")).unwrap();
            fs::rename(case.join("store"), case.join("demo-replaced/store")).unwrap();
        }
        let out = soxa(&["stats", "--lang", "en", "--db", case.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stderr(&out).contains("demo"), "{}", stderr(&out));
        assert_eq!(household_count(&case), Some(NEW));
        assert!(!case.join("demo-building").exists() && !case.join("demo-replaced").exists());
        assert_eq!(fs::read_to_string(case.join("backups/tài liệu/ghi chú.txt")).unwrap(), "của tôi");
    }
}

/// Every command that only reads, with what it needs; `{out}` is a file
/// outside the folder.
fn read_only_commands(out: &Path) -> Vec<Vec<String>> {
    let o = |name: &str| out.join(name).to_string_lossy().into_owned();
    let csv = o("in.csv");
    fs::write(&csv, "Mã hộ,Họ tên chủ hộ,Thôn\nT01-0001,Nguyễn Văn An,T01\n").unwrap();
    [
        vec!["check".to_string()],
        vec!["stats".into()],
        vec!["search".into(), "nguyen".into()],
        vec!["report".into(), "--period".into(), "2026-Q3".into(), "-o".into(), o("r.json")],
        vec!["export".into(), "households".into(), o("h.csv")],
        vec!["backup".into(), o("b.soxabak")],
        vec!["import".into(), "households".into(), csv, "--dry-run".into()],
    ]
    .into_iter()
    .collect()
}

#[test]
fn read_only_commands_create_nothing_in_a_folder_without_a_ledger() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    fs::create_dir(&outside).unwrap();
    let ledger = tmp.path().join("ledger");
    demo_at(&ledger, 10, 1);
    let folders: Vec<(&str, PathBuf)> = vec![
        ("missing", tmp.path().join("missing")),
        ("empty", tmp.path().join("empty")),
        ("only backups", tmp.path().join("only-backups")),
        ("marker without store", tmp.path().join("marker-only")),
    ];
    fs::create_dir(&folders[1].1).unwrap();
    fs::create_dir_all(folders[2].1.join("backups")).unwrap();
    fs::copy(ledger.join("soxa-format"), folders[2].1.join("backups/cu.txt")).unwrap();
    fs::create_dir_all(&folders[3].1).unwrap();
    fs::copy(ledger.join("soxa-format"), folders[3].1.join("soxa-format")).unwrap();
    let mut tried = 0;
    for (name, folder) in &folders {
        for args in read_only_commands(&outside) {
            let before = listing(folder);
            let mut cmd = soxa_cmd(&["--lang", "en", "--db"]);
            let out = cmd.arg(folder).args(&args).output().unwrap();
            assert_ne!(out.status.code(), Some(0), "{name} {args:?}: {}", stdout(&out));
            assert!(!stderr(&out).contains("panicked"), "{name} {args:?}: {}", stderr(&out));
            assert_eq!(listing(folder), before, "{name} {args:?} created files: {}", stderr(&out));
            assert_eq!(folder.exists(), *name != "missing");
            tried += 1;
        }
        assert!(!folder.join("store").exists(), "{name}");
    }
    assert!(listing(&outside).iter().all(|p| p.ends_with("in.csv")), "{:?}", listing(&outside));
    assert_eq!(tried, 28);
}

/// `soxa check` on a ledger with thousands of problems of several kinds:
/// the verdict with a count per kind comes first, then at most 20 examples.
#[test]
fn check_prints_a_summary_first_and_a_screenful_of_examples() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    demo_at(&db, 300, 1);
    let cases: [(&[&str], usize); 3] = [
        (&["ix_household_code"], 300),
        (&["ix_household_code", "briefs"], 300),
        (&["search", "ix_household_code", "briefs"], 300),
    ];
    for (n, (trees, at_least)) in cases.into_iter().enumerate() {
        let case = tmp.path().join(format!("c{n}"));
        copy_dir(&db, &case);
        {
            let sled = sled::open(case.join("store")).unwrap();
            for tree in trees {
                sled.open_tree(tree).unwrap().clear().unwrap();
            }
            sled.flush().unwrap();
        }
        let out = soxa(&["check", "--lang", "en", "--db", case.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        let total: usize = lines[0]
            .strip_prefix("Problems found: ")
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .replace(',', "")
            .parse()
            .unwrap();
        assert!(total >= at_least, "{trees:?}: {}", lines[0]);
        for tree in trees {
            assert!(lines[0].contains(tree), "{trees:?}: the summary names each kind: {}", lines[0]);
        }
        assert!(lines.len() <= 24, "{trees:?}: {} lines", lines.len());
        assert!(lines.iter().any(|l| l.contains("more not shown")), "{text}");
    }
}

/// The state the reported crash left (before swaps were journaled): the old
/// ledger moved into `backups/truoc-khoi-phuc-*`, the new one still in
/// `store-restoring/` or gone, nothing in place. Opening the interface
/// (which may create a ledger) must not start an empty one over it: it says
/// where the ledger is kept and writes nothing; a restore still works.
#[test]
fn a_folder_whose_ledger_was_moved_aside_is_never_made_a_new_empty_ledger() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old");
    demo_at(&old, 30, 1);
    let file = tmp.path().join("old.soxabak");
    assert!(soxa_cmd(&["backup", "--db"]).arg(&old).arg(&file).output().unwrap().status.success());
    for (n, staging_left) in [false, true].into_iter().enumerate() {
        let case = tmp.path().join(format!("legacy{n}"));
        copy_dir(&old, &case);
        let aside = case.join("backups/truoc-khoi-phuc-2026-11-23-090000");
        fs::create_dir_all(&aside).unwrap();
        fs::rename(case.join("store"), aside.join("store")).unwrap();
        fs::rename(case.join("soxa-format"), aside.join("soxa-format")).unwrap();
        if staging_left {
            copy_dir(&aside.join("store"), &case.join("store-restoring"));
        }
        let before = listing(&case);
        let out = soxa_cmd(&["--lang", "en", "--db"]).arg(&case).output().unwrap();
        assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
        assert!(stderr(&out).contains("truoc-khoi-phuc-2026-11-23-090000"), "{}", stderr(&out));
        assert_eq!(listing(&case), before, "nothing created");
        let check = soxa_cmd(&["check", "--lang", "en", "--db"]).arg(&case).output().unwrap();
        assert_eq!(check.status.code(), Some(7), "{}", stderr(&check));
        assert_eq!(listing(&case), before, "nothing created by check");
        let restore = soxa_cmd(&["restore", "--lang", "en", "--db"]).arg(&case).arg(&file).output().unwrap();
        assert!(restore.status.success(), "{}", stderr(&restore));
        assert_eq!(household_count(&case), Some(30));
    }
}
