//! Process crash (a SIGKILL, not a power cut: see `fsync/` for the syncs)
//! during the commands that copy or replace a whole ledger: a real
//! `soxa restore --replace`, `soxa backup` and `soxa demo` are killed with
//! SIGKILL after a seeded random delay (from 0 to a little past the time one
//! uninterrupted run takes, so kills land at start-up, mid-way and at the
//! last steps). After each, the real `soxa check` must pass and the ledger
//! must be one of the two states, before or after, with nothing lost: the
//! replaced ledger kept aside whole, a backup file either absent or
//! complete and verifying, no temporary with personal data left after the
//! next start.
//!
//! `SOXA_KILL_ROUNDS` (default 5 here) and `SOXA_KILL_SEED` (default 6) as
//! in `kill.rs`; a failure prints both.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use soxa::store::backup;

use crate::common::{copy_dir, demo_at, household_count, listing, soxa, soxa_cmd, stderr, stdout};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Extra rounds allowed to make sure a kill lands while the command runs.
const EXTRA_ROUNDS: u64 = 12;

struct Schedule {
    rng: ChaCha8Rng,
    rounds: u64,
    seed: u64,
}

impl Schedule {
    fn new() -> Schedule {
        let seed = env_number("SOXA_KILL_SEED", 6);
        Schedule { rng: ChaCha8Rng::seed_from_u64(seed), rounds: env_number("SOXA_KILL_ROUNDS", 5), seed }
    }

    /// A kill point from start-up to 30% past a whole run.
    fn delay(&mut self, whole: Duration) -> Duration {
        let top = (whole.as_micros() as u64).saturating_mul(13) / 10;
        Duration::from_micros(self.rng.random_range(0..top.max(1)))
    }

    /// Round `round`'s kill point: the schedule's, then (in the extra rounds
    /// run only while no kill has hit a running process, as when the
    /// machine ran faster than when `whole` was measured) one in its first
    /// half.
    fn delay_for(&mut self, round: u64, whole: Duration) -> Duration {
        if round < self.rounds {
            return self.delay(whole);
        }
        Duration::from_micros(self.rng.random_range(0..(whole.as_micros() as u64 / 2).max(1)))
    }

    /// Whether round `round` runs: the scheduled ones, then extra ones
    /// until a kill has hit a running process (at most `EXTRA_ROUNDS`).
    fn runs(&self, round: u64, mid: usize) -> bool {
        round < self.rounds || (mid == 0 && self.rounds >= 4 && round < self.rounds + EXTRA_ROUNDS)
    }

    fn context(&self, what: &str, round: u64) -> String {
        format!("{what} round {round} (SOXA_KILL_SEED={} SOXA_KILL_ROUNDS={})", self.seed, self.rounds)
    }
}

fn command(db: &Path, args: &[&str]) -> Command {
    let mut cmd = soxa_cmd(&["--lang", "en", "--db"]);
    cmd.arg(db).args(args).stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

/// How long one uninterrupted run of `cmd` takes.
fn whole_run(mut cmd: Command) -> Duration {
    let started = Instant::now();
    assert!(cmd.status().unwrap().success(), "the uninterrupted run fails");
    started.elapsed()
}

/// Runs `cmd` and SIGKILLs it after `delay`; true if it was still running.
fn kill_after(mut cmd: Command, delay: Duration) -> bool {
    let mut child = cmd.spawn().expect("start soxa");
    thread::sleep(delay);
    let running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    child.wait().unwrap();
    running
}

/// `soxa check` after the kill: clean, at most one sentence on stderr.
fn check_clean(db: &Path, context: &str) -> String {
    let out = soxa(&["check", "--lang", "en", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{context}: {}\n{}\n{:?}", stdout(&out), stderr(&out), listing(db));
    assert!(!stdout(&out).contains("missing"), "{context}: {}", stdout(&out));
    assert!(stderr(&out).trim().lines().count() <= 1, "{context}: {}", stderr(&out));
    stderr(&out)
}

/// The ledgers a restore kept aside, opened from copies.
fn kept_aside(db: &Path, scratch: &Path) -> Vec<Option<usize>> {
    let Ok(entries) = fs::read_dir(db.join("backups")) else { return Vec::new() };
    let mut counts = Vec::new();
    for e in entries.flatten().filter(|e| e.file_name().to_string_lossy().starts_with("truoc-khoi-phuc-")) {
        let copy = scratch.join("aside-copy");
        let _ = fs::remove_dir_all(&copy);
        copy_dir(&e.path(), &copy);
        counts.push(household_count(&copy));
    }
    counts
}

#[test]
fn a_killed_restore_replace_leaves_the_old_or_the_new_ledger_and_loses_neither() {
    const OLD: usize = 150;
    const NEW: usize = 90;
    let mut plan = Schedule::new();
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("template");
    demo_at(&template, OLD, 1);
    let source = tmp.path().join("source");
    demo_at(&source, NEW, 2);
    let file = tmp.path().join("new.soxabak");
    assert!(soxa(&["backup", "--db", source.to_str().unwrap(), file.to_str().unwrap()]).status.success());
    let args = ["restore", file.to_str().unwrap(), "--replace"];
    let first = tmp.path().join("first");
    copy_dir(&template, &first);
    let whole = whole_run(command(&first, &args));
    let (mut before, mut after, mut mid) = (0, 0, 0);
    for round in 0.. {
        if !plan.runs(round, mid) {
            break;
        }
        let context = plan.context("restore --replace", round);
        let db = tmp.path().join(format!("r{round}"));
        copy_dir(&template, &db);
        mid += usize::from(kill_after(command(&db, &args), plan.delay_for(round, whole)));
        let told = check_clean(&db, &context);
        let aside = kept_aside(&db, tmp.path());
        match household_count(&db) {
            Some(OLD) => {
                before += 1;
                assert!(aside.iter().all(|c| *c == Some(OLD)), "{context}: {aside:?}");
            }
            Some(NEW) => {
                after += 1;
                assert_eq!(aside, vec![Some(OLD)], "{context}: the replaced ledger is kept whole; {told}");
            }
            other => panic!("{context}: {other:?} households: neither state"),
        }
        let left = listing(&db);
        assert!(!left.iter().any(|p| p.starts_with("store-restoring") || p.starts_with("soxa-swap")), "{context}");
    }
    eprintln!("kill restore: {} rounds, {before} before, {after} after, {mid} killed mid-run", plan.rounds);
    assert!(plan.rounds < 4 || mid > 0, "no kill hit a running restore");
}

#[test]
fn a_killed_backup_leaves_no_file_or_a_complete_one_and_no_temporary() {
    let mut plan = Schedule::new();
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    demo_at(&db, 400, 4);
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    let full = out.join("full.soxabak");
    let whole = whole_run(command(&db, &["backup", full.to_str().unwrap()]));
    let entries = backup::verify(&full).unwrap().entries;
    let (mut absent, mut complete, mut mid, mut temps) = (0, 0, 0, 0);
    for round in 0.. {
        if !plan.runs(round, mid) {
            break;
        }
        let context = plan.context("backup", round);
        let target = out.join(format!("r{round}.soxabak"));
        mid +=
            usize::from(kill_after(command(&db, &["backup", target.to_str().unwrap()]), plan.delay_for(round, whole)));
        if target.exists() {
            let got = backup::verify(&target).unwrap_or_else(|e| panic!("{context}: a partial backup: {e}"));
            assert_eq!(got.entries, entries, "{context}");
            complete += 1;
        } else {
            absent += 1;
        }
        let beside: Vec<PathBuf> =
            listing(&out).into_iter().filter(|p| p.extension().is_none_or(|e| e != "soxabak")).collect();
        assert!(beside.is_empty(), "{context}: left beside the target: {beside:?}");
        temps += listing(&db.join("backups")).iter().filter(|p| p.to_string_lossy().ends_with(".tmp")).count();
        check_clean(&db, &context);
        let stale: Vec<PathBuf> =
            listing(&db.join("backups")).into_iter().filter(|p| p.to_string_lossy().contains(".tmp")).collect();
        assert!(stale.is_empty(), "{context}: temporaries after the next start: {stale:?}");
    }
    eprintln!(
        "kill backup: {} rounds, {absent} absent, {complete} complete, {mid} killed mid-run, {temps} temporaries removed",
        plan.rounds
    );
    assert!(plan.rounds < 4 || mid > 0, "no kill hit a running backup");
}

#[test]
fn a_killed_demo_leaves_the_previous_state_or_the_complete_demo() {
    let mut plan = Schedule::new();
    let tmp = tempfile::tempdir().unwrap();
    let scratch = tmp.path().join("scratch");
    let whole = whole_run(command(&scratch, &["demo", "--households", "300", "--no-open"]));
    let db = tmp.path().join("db");
    let mine = PathBuf::from("backups/ghi chú.txt");
    let (mut before_kept, mut after, mut mid) = (0, 0, 0);
    for round in 0.. {
        if !plan.runs(round, mid) {
            break;
        }
        let context = plan.context("demo", round);
        // Alternate sizes so "after" differs from "before" in every round.
        let households = 300 + 7 * (round as usize % 2);
        let before = household_count(&db);
        let n = households.to_string();
        let args = ["demo", "--households", n.as_str(), "--seed", "5", "--no-open"];
        mid += usize::from(kill_after(command(&db, &args), plan.delay_for(round, whole)));
        let now = match before {
            // Nothing before: a kill may leave no ledger (check says so).
            None if household_count(&db).is_none() => None,
            _ => {
                check_clean(&db, &context);
                household_count(&db)
            }
        };
        if now == Some(households) {
            after += 1;
        } else {
            assert_eq!(now, before, "{context}: neither the previous state nor the new demo");
            before_kept += 1;
        }
        if now.is_some() {
            let left = listing(&db);
            assert!(
                !left.iter().any(|p| p.starts_with("demo-building") || p.starts_with("demo-replaced")),
                "{context}"
            );
            if db.join(&mine).exists() {
                assert_eq!(fs::read_to_string(db.join(&mine)).unwrap(), "của thư ký", "{context}");
            } else {
                fs::create_dir_all(db.join("backups")).unwrap();
                fs::write(db.join(&mine), "của thư ký").unwrap();
            }
        }
    }
    eprintln!("kill demo: {} rounds, {before_kept} before, {after} after, {mid} killed mid-run", plan.rounds);
    assert!(plan.rounds < 4 || mid > 0, "no kill hit a running demo");
}

/// Found by the restore kill test: sled 0.34.7 takes a snapshot file cut
/// short by a kill (`snap.<lsn>.generating`) for its newest snapshot and
/// refuses the whole store as "corrupted". Every shape such a file can
/// have (empty, a few bytes, most of a real snapshot, a whole one) must
/// leave the ledger opening with all its records.
#[test]
fn a_snapshot_cut_short_by_a_kill_does_not_make_the_ledger_unreadable() {
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("template");
    demo_at(&template, 60, 3);
    let real = listing(&template.join("store"))
        .into_iter()
        .find(|p| p.to_string_lossy().starts_with("snap."))
        .expect("sled wrote a snapshot");
    let bytes = fs::read(template.join("store").join(&real)).unwrap();
    let shapes: [(&str, Vec<u8>); 4] = [
        ("empty", Vec::new()),
        ("a few bytes", bytes[..5].to_vec()),
        ("most of one", bytes[..bytes.len() * 2 / 3].to_vec()),
        ("a whole one", bytes.clone()),
    ];
    for (n, (shape, content)) in shapes.iter().enumerate() {
        let db = tmp.path().join(format!("s{n}"));
        copy_dir(&template, &db);
        fs::write(db.join("store/snap.FFFFFFFFFFFFFFF0.generating"), content).unwrap();
        check_clean(&db, shape);
        assert_eq!(household_count(&db), Some(60), "{shape}");
    }
}

/// A target on another filesystem (`/dev/shm` is tmpfs here): the rename
/// from `backups/` fails with EXDEV and the copy path is taken. A new file,
/// a `--force` over an existing one and a folder target all end complete
/// and verifying, with no temporary or note left on either side.
#[cfg(unix)]
#[test]
fn a_backup_onto_another_filesystem_is_complete_and_leaves_no_temporary() {
    use std::os::unix::fs::MetadataExt;
    let shm = Path::new("/dev/shm");
    let tmp = tempfile::tempdir().unwrap();
    let Ok(other) = tempfile::tempdir_in(shm) else {
        return crate::common::skip_outside_ci("a second filesystem at /dev/shm (there is no /dev/shm)");
    };
    if fs::metadata(shm).unwrap().dev() == fs::metadata(tmp.path()).unwrap().dev() {
        return crate::common::skip_outside_ci("a second filesystem at /dev/shm (it is on the temporary folder's)");
    }
    let db = tmp.path().join("db");
    demo_at(&db, 40, 2);
    let file = other.path().join("a.soxabak");
    let existing = other.path().join("b.soxabak");
    fs::write(&existing, b"old").unwrap();
    let runs: [(&str, Vec<&str>, Option<&Path>); 3] = [
        ("new file", vec![file.to_str().unwrap()], Some(&file)),
        ("--force", vec![existing.to_str().unwrap(), "--force"], Some(&existing)),
        ("folder", vec![other.path().to_str().unwrap()], None),
    ];
    for (name, args, target) in runs {
        let mut full = vec!["backup"];
        full.extend(args);
        let out = soxa_cmd(&["--lang", "en", "--db"]).arg(&db).args(&full).output().unwrap();
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        if let Some(target) = target {
            assert!(backup::verify(target).is_ok(), "{name}");
        }
        let temps: Vec<PathBuf> = listing(other.path())
            .into_iter()
            .chain(listing(&db.join("backups")))
            .filter(|p| p.to_string_lossy().contains(".tmp"))
            .collect();
        assert!(temps.is_empty(), "{name}: {temps:?}");
    }
    let written: Vec<PathBuf> = listing(other.path());
    assert_eq!(written.len(), 3, "{written:?}");
    assert!(written.iter().all(|p| backup::verify(&other.path().join(p)).is_ok()), "{written:?}");
}

/// Every key and value of every tree of the ledger at `db`, read through a
/// backup file (the library's own reader), in order.
fn dump(db: &Path, scratch: &Path) -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let file = scratch.join("dump.soxabak");
    let _ = fs::remove_file(&file);
    let opts = soxa::store::OpenOptions { create: false, ..soxa::store::OpenOptions::default() };
    let store = (0..100)
        .find_map(|_| match soxa::store::Store::open(db, &opts) {
            Err(soxa::store::OpenError::Locked { .. }) => {
                thread::sleep(Duration::from_millis(50));
                None
            }
            other => Some(other.unwrap_or_else(|e| panic!("{}: {e}", db.display()))),
        })
        .expect("the ledger stays locked");
    store.backup_to(&file, true).unwrap();
    drop(store);
    let mut entries = Vec::new();
    backup::decode::read(fs::File::open(&file).unwrap(), |tree, key, value| {
        entries.push((tree.to_string(), key.to_vec(), value.to_vec()));
        Ok::<(), backup::ReadError>(())
    })
    .unwrap();
    entries
}

/// Issue 16 item 3: `soxa compact` killed at 20 or more seeded random
/// moments across its run (start-up, the automatic backup, the rebuild, the
/// comparison, the swap and the reopening). After each, `soxa check` is
/// clean, every entry of every tree is there and equal, and the next start
/// left no staging store, journal or replaced store behind.
#[test]
fn a_killed_compaction_leaves_the_old_or_the_new_ledger_whole_and_nothing_behind() {
    let mut plan = Schedule::new();
    plan.rounds = plan.rounds.max(20);
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("template");
    demo_at(&template, 400, 3);
    check_clean(&template, "template");
    let expected = dump(&template, tmp.path());
    let first = tmp.path().join("first");
    copy_dir(&template, &first);
    let whole = whole_run(command(&first, &["compact"]));
    let (mut mid, mut compacted, mut finished) = (0, 0, 0);
    for round in 0.. {
        if !plan.runs(round, mid) {
            break;
        }
        let context = plan.context("compact", round);
        let db = tmp.path().join(format!("c{round}"));
        copy_dir(&template, &db);
        mid += usize::from(kill_after(command(&db, &["compact"]), plan.delay_for(round, whole)));
        finished += usize::from(check_clean(&db, &context).contains("compaction was interrupted"));
        let left = listing(&db);
        assert!(
            !left.iter().any(|p| ["store-restoring", "soxa-swap", "store-truoc-thu-gon"]
                .iter()
                .any(|name| p.starts_with(name))),
            "{context}: {left:?}"
        );
        compacted += usize::from(
            listing(&db.join("backups")).iter().any(|p| p.to_string_lossy().ends_with("-truoc-thu-gon.soxabak")),
        );
        assert!(dump(&db, tmp.path()) == expected, "{context}: the entries differ from the ledger's");
        let _ = fs::remove_dir_all(&db);
    }
    eprintln!(
        "kill compact: {} rounds, {mid} killed mid-run, {compacted} past the automatic backup, {finished} in the swap",
        plan.rounds
    );
    assert!(mid > 0, "no kill hit a running compaction");
}

/// Every state a crash can leave inside a compaction's swap (journal
/// written; the old store moved aside; the new one in place; the journal
/// gone but the old store still aside), built by hand: the next opening
/// ends with every entry there and nothing left behind.
#[test]
fn every_step_of_a_compaction_swap_opens_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("template");
    demo_at(&template, 60, 2);
    check_clean(&template, "template");
    let expected = dump(&template, tmp.path());
    let journal = "soxa swap\nkind compact\nstaging store-restoring\naside store-truoc-thu-gon\nschema 4\nend\n";
    let schema = fs::read_to_string(template.join("soxa-format")).unwrap();
    let journal = journal.replace("schema 4", &format!("schema {}", schema.trim().rsplit(' ').next().unwrap()));
    for step in 0..4 {
        let db = tmp.path().join(format!("s{step}"));
        copy_dir(&template, &db);
        copy_dir(&db.join("store"), &db.join("store-restoring"));
        if step < 3 {
            fs::write(db.join("soxa-swap"), &journal).unwrap();
        }
        if step >= 1 {
            fs::create_dir(db.join("store-truoc-thu-gon")).unwrap();
            fs::rename(db.join("store"), db.join("store-truoc-thu-gon/store")).unwrap();
            fs::rename(db.join("soxa-format"), db.join("store-truoc-thu-gon/soxa-format")).unwrap();
        }
        if step >= 2 {
            fs::rename(db.join("store-restoring"), db.join("store")).unwrap();
        }
        if step == 3 {
            fs::copy(template.join("soxa-format"), db.join("soxa-format")).unwrap();
        }
        check_clean(&db, &format!("step {step}"));
        assert!(dump(&db, tmp.path()) == expected, "step {step}");
        let left = listing(&db);
        assert!(
            !left.iter().any(|p| ["store-restoring", "soxa-swap", "store-truoc-thu-gon"]
                .iter()
                .any(|name| p.starts_with(name))),
            "step {step}: {left:?}"
        );
    }
}
