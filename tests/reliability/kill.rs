//! Process crash (not a power cut: the kernel's page cache survives a
//! SIGKILL; `fsync/` traces the syncs): a real `soxa __write-test` process
//! saves households and their commitments one by one and is killed with
//! SIGKILL at a random moment; the
//! database must then open, check clean, and hold every save the process had
//! acknowledged, whole, with its index and audit entries.
//!
//! `SOXA_KILL_ROUNDS` sets the number of rounds (default 8 so `cargo test`
//! stays quick; the full run is `SOXA_KILL_ROUNDS=60`), `SOXA_KILL_SEED` the
//! seed (default 6); a failure prints both so it can be replayed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use soxa::cli::write_test;
use soxa::domain::{EntityKind, Household};
use soxa::store::{OpenOptions, Store};

use crate::common::soxa_cmd;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// What one writer printed before it died.
#[derive(Default)]
struct Acks {
    ready: bool,
    saved: Vec<String>,
    signed: Vec<String>,
}

fn start_writer(db: &Path, prefix: &str) -> (Child, Arc<Mutex<Acks>>, thread::JoinHandle<()>) {
    let mut child = soxa_cmd(&["__write-test", "--prefix", prefix, "100000", "--db"])
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the writer");
    let out = child.stdout.take().expect("piped stdout");
    let acks = Arc::new(Mutex::new(Acks::default()));
    let sink = Arc::clone(&acks);
    // Read as the writer prints, so it never blocks on a full pipe; lines
    // still in the pipe after the kill are read too (they were acknowledged).
    let reader = thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let mut a = sink.lock().unwrap();
            match line.split_once(' ') {
                Some(("saved", code)) => a.saved.push(code.to_string()),
                Some(("signed", code)) => a.signed.push(code.to_string()),
                _ if line == "ready" => a.ready = true,
                _ => panic!("unexpected writer output {line:?}"),
            }
        }
    });
    (child, acks, reader)
}

/// Waits until `acks` says the writer got going (or gives up after 20 s).
fn wait_ready(acks: &Mutex<Acks>) {
    let start = Instant::now();
    while !acks.lock().unwrap().ready && start.elapsed() < Duration::from_secs(20) {
        thread::sleep(Duration::from_millis(1));
    }
}

/// Everything every acknowledged save promised, checked on a reopened store.
fn verify(store: &Store, runs: &[(String, Acks)], context: &str) {
    let mismatches = store.check().expect("check runs");
    assert!(mismatches.is_empty(), "{context}: check found {mismatches:?}");
    let hamlet = store.hamlet_by_code(write_test::HAMLET_CODE).expect("read").map(|h| h.id);
    for (prefix, acks) in runs {
        for (n, code) in acks.saved.iter().enumerate() {
            assert_eq!(code, &format!("{prefix}-{n:04}"), "{context}: saves acknowledged out of order");
            let got = store.household_by_code(code).expect("read").unwrap_or_else(|| panic!("{context}: {code} lost"));
            let mut want = write_test::household(prefix, u32::try_from(n).unwrap(), hamlet.expect("hamlet kept"));
            want.normalize();
            (want.id, want.stamp) = (got.id, got.stamp);
            assert_eq!(got, want, "{context}: {code} changed");
        }
        for code in &acks.signed {
            let h = store.household_by_code(code).expect("read").expect("signed implies saved");
            let c = store.commitment_for(h.id, 2025).expect("read");
            assert!(
                c.is_some_and(|c| c.representative.starts_with("Người đại diện")),
                "{context}: {code}'s commitment lost"
            );
        }
        // At most one save can have reached the disk without being
        // acknowledged: the one in flight when the kill came.
        let present =
            (0..).take_while(|n| store.household_by_code(&format!("{prefix}-{n:04}")).unwrap().is_some()).count();
        assert!(
            present <= acks.saved.len() + 1,
            "{context}: {present} households of {prefix} for {} saves",
            acks.saved.len()
        );
    }
    // No half-written record: every household and commitment has exactly its
    // creation in the audit log, and every audit entry names a record.
    let households: Vec<Household> = store.all().expect("read households");
    for h in &households {
        let audit = store.audit_of(EntityKind::Household, h.id).expect("read audit");
        assert_eq!(audit.len(), 1, "{context}: {} has audit {audit:?}", h.code);
        for c in store.commitments_of(h.id).expect("read") {
            assert_eq!(store.audit_of(EntityKind::Commitment, c.id).expect("read audit").len(), 1, "{context}");
        }
    }
    for entry in store.recent_audit(usize::MAX).expect("read audit") {
        let exists = match entry.entity {
            EntityKind::Household => households.iter().any(|h| h.id == entry.entity_id),
            EntityKind::Commitment => store.get::<soxa::domain::Commitment>(entry.entity_id).expect("read").is_some(),
            _ => true,
        };
        assert!(exists, "{context}: audit entry {entry:?} without its record");
    }
}

#[test]
fn acknowledged_saves_survive_sigkill_at_random_moments() {
    let rounds = env_number("SOXA_KILL_ROUNDS", 8);
    let seed = env_number("SOXA_KILL_SEED", 6);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let mut runs: Vec<(String, Acks)> = Vec::new();
    let mut killed_mid_write = 0;
    for round in 0..rounds {
        let context = format!("round {round} (SOXA_KILL_SEED={seed} SOXA_KILL_ROUNDS={rounds})");
        let prefix = format!("R{round:02}");
        let (mut child, acks, reader) = start_writer(&db, &prefix);
        // Kill during start-up and sled's recovery one round in eight,
        // otherwise some way into the stream of saves.
        if round > 0 && rng.random_ratio(1, 8) {
            thread::sleep(Duration::from_micros(rng.random_range(0..20_000)));
        } else {
            wait_ready(&acks);
            thread::sleep(Duration::from_micros(rng.random_range(0..150_000)));
        }
        if round == 0 {
            // A second soxa on the same database is turned away while the
            // first keeps writing.
            let second = soxa_cmd(&["stats", "--lang", "en", "--db"]).arg(&db).output().unwrap();
            assert_eq!(second.status.code(), Some(3), "{}", String::from_utf8_lossy(&second.stderr));
            assert!(String::from_utf8_lossy(&second.stderr).contains("another soxa window"));
        }
        let still_running = child.try_wait().unwrap().is_none();
        child.kill().expect("SIGKILL the writer");
        child.wait().unwrap();
        reader.join().expect("reader thread");
        let acks = Arc::try_unwrap(acks).ok().expect("reader done").into_inner().unwrap();
        if still_running && acks.ready {
            killed_mid_write += 1;
        }
        runs.push((prefix, acks));
        let store = Store::open(&db, &OpenOptions { create: false, ..OpenOptions::default() })
            .unwrap_or_else(|e| panic!("{context}: the database does not open: {e}"));
        verify(&store, &runs, &context);
    }
    let saved: usize = runs.iter().map(|(_, a)| a.saved.len()).sum();
    eprintln!(
        "kill test: {rounds} rounds, seed {seed}, {saved} acknowledged saves, {killed_mid_write} kills mid-write"
    );
    assert!(rounds == 0 || saved > 0, "no save was ever acknowledged: the test proved nothing");
    assert!(killed_mid_write * 2 >= rounds, "only {killed_mid_write} of {rounds} kills hit a writing process");
    // The real `soxa check` agrees with the in-process one.
    let out = soxa_cmd(&["check", "--db"]).arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}
