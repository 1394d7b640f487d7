//! Retention: `Store::expired` lists the records whose personal data is past
//! the years of the privacy settings (by code, at the edges), `purge_expired`
//! erases them with the ordinary purge and logs once, a run cut short is
//! finished by running again, and `soxa purge --expired [--dry-run]` does the
//! same from the command line.

use soxa::domain::operator::AccessEvent;
use soxa::domain::purge::PURGED_NAME;
use soxa::domain::retention::Retained;
use soxa::domain::{CaseStatus, Household, MediationCase, Member, Role, TeamKind};
use soxa::store::Store;

use crate::common::{TestDb, case, commune, hamlet, household, member, now, soxa, stdout, team, ymd};

const GONE: &str = "Vương Thị Đã Đi";
const STAYING: &str = "Phan Văn Mới Đi";
const LEFT: &str = "Lò Văn Đã Nghỉ";
const PARTY: &str = "Hà Thị Xưa";

/// Today is 23/11/2026 (`common::now`): T01-0001 moved out in 2020 (due),
/// T01-0002 exactly five years ago (kept), T01-0003 lives here; member
/// `old` left in 2019 (due), `recent` in 2024 (kept); case 1/2020 was
/// closed in 2020 (due, two parties), case 1/2026 is open. Returns the two
/// members' references ("#12").
fn populated(s: &Store) -> [String; 2] {
    s.save_commune(commune()).unwrap();
    let t01 = s.insert(hamlet("T01", "Thôn Đông")).unwrap().id;
    let mut gone = household("T01-0001", t01, GONE);
    gone.living_since = Some(ymd(2010, 1, 1));
    gone.set_moved_out(Some(ymd(2020, 2, 29)));
    s.insert(gone).unwrap();
    let mut staying = household("T01-0002", t01, STAYING);
    staying.set_moved_out(Some(ymd(2021, 11, 23)));
    s.insert(staying).unwrap();
    s.insert(household("T01-0003", t01, "Đinh Văn Ở")).unwrap();
    let t = s.insert(team("Tổ an ninh thôn Đông", TeamKind::Security, Some(t01))).unwrap();
    let mut old = member(t.id, LEFT, Role::Member);
    old.joined = ymd(2015, 1, 1);
    old.leave(ymd(2019, 6, 1), "Chuyển nơi ở".into());
    let old = s.insert(old).unwrap().id;
    let mut recent = member(t.id, "Lê Văn Vừa Nghỉ", Role::Member);
    recent.joined = ymd(2015, 1, 1);
    recent.leave(ymd(2024, 6, 1), String::new());
    let recent = s.insert(recent).unwrap().id;
    let mut closed = case(t01, ymd(2020, 3, 2), PARTY, "Đinh Văn Giữ");
    closed.move_to(CaseStatus::Withdrawn, ymd(2020, 3, 9), "Rút đơn").unwrap();
    s.insert(closed).unwrap();
    s.insert(case(t01, ymd(2026, 11, 2), "Trần Văn Mở", "Ngô Thị Mở")).unwrap();
    [format!("#{old}"), format!("#{recent}")]
}

fn references(s: &Store) -> Vec<(Retained, String)> {
    s.expired(now().date()).unwrap().into_iter().map(|r| (r.kind, r.reference)).collect()
}

#[test]
fn the_records_past_retention_are_listed_by_code_and_erased_once_logged() {
    let db = TestDb::new();
    let s = &db.store;
    let [old, _] = populated(s);
    let due = s.expired(now().date()).unwrap();
    let refs: Vec<(Retained, String)> = due.iter().map(|r| (r.kind, r.reference.clone())).collect();
    assert_eq!(
        refs,
        [
            (Retained::MovedOut, "T01-0001".to_string()),
            (Retained::LeftMember, old.clone()),
            (Retained::ClosedCase, "1/2020".to_string()),
        ]
    );
    assert_eq!(due[2].targets.len(), 2, "both parties of the case");
    assert_eq!(s.purge_expired(&due).unwrap(), 3);
    assert!(references(s).is_empty(), "nothing left to erase");
    let h = s.household_by_code("T01-0001").unwrap().unwrap();
    assert_eq!(h.head_name, PURGED_NAME);
    assert_eq!(s.household_by_code("T01-0002").unwrap().unwrap().head_name, STAYING, "exactly five years: kept");
    let id: u64 = old.trim_start_matches('#').parse().unwrap();
    assert_eq!(s.get::<Member>(id).unwrap().unwrap().full_name, PURGED_NAME);
    let c = s.all::<MediationCase>().unwrap().into_iter().find(|c| c.number() == "1/2020").unwrap();
    assert!(c.parties.iter().all(|p| p.name == PURGED_NAME));
    assert!(!c.content.contains(PARTY));
    let log: Vec<AccessEvent> = s.access_log(10).unwrap().into_iter().map(|e| e.event).collect();
    assert_eq!(log, [AccessEvent::PurgedExpired { records: 3 }], "one line for the run");
    assert!(s.check().unwrap().is_empty());
    // The counts reports use stay.
    assert_eq!(s.all::<Household>().unwrap().len(), 3);
}

#[test]
fn a_run_cut_short_is_finished_by_running_again() {
    let db = TestDb::new();
    let s = &db.store;
    let [old, _] = populated(s);
    let due = s.expired(now().date()).unwrap();
    // A crash after the first purge's transaction: it is whole, the rest untouched.
    s.purge(due[0].targets[0]).unwrap();
    assert_eq!(references(s), [(Retained::LeftMember, old), (Retained::ClosedCase, "1/2020".to_string())]);
    // A case with one party erased lists only the other.
    s.purge(due[2].targets[0]).unwrap();
    let rest = s.expired(now().date()).unwrap();
    assert_eq!(rest[1].targets.len(), 1);
    assert_eq!(s.purge_expired(&rest).unwrap(), 2);
    assert!(references(s).is_empty());
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn shorter_settings_make_more_records_due() {
    let db = TestDb::new();
    let s = &db.store;
    let [old, recent] = populated(s);
    let mut p = s.privacy().unwrap();
    p.retention.moved_out_years = 1;
    p.retention.left_member_years = 1;
    s.set_privacy(&p, AccessEvent::PrivacySettingsChanged).unwrap();
    let refs: Vec<String> = references(s).into_iter().map(|(_, r)| r).collect();
    assert_eq!(refs, ["T01-0001".to_string(), "T01-0002".into(), old, recent, "1/2020".into()]);
}

#[test]
fn purge_expired_lists_codes_on_a_dry_run_then_erases() {
    let db = TestDb::new();
    let [old, _] = populated(&db.store);
    drop(db.store);
    let path = db.tmp.path().join("db");
    let d = path.to_str().unwrap();
    let out = soxa(&["--db", d, "--lang", "en", "purge", "--expired", "--dry-run"]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    // The command runs on today's clock: T01-0002 (moved out 23/11/2021)
    // may be due too, T01-0003 never is.
    assert!(text.contains("Households moved out: ") && text.contains("T01-0001"), "{text}");
    assert!(!text.contains("T01-0003"), "{text}");
    assert!(text.contains("Members who left: ") && text.contains(&old), "{text}");
    assert!(text.contains("Closed cases: 1 (1/2020)"), "{text}");
    assert!(text.contains("Dry run"), "{text}");
    for name in [GONE, LEFT, PARTY] {
        assert!(!text.contains(name), "no names: {text}");
    }
    // No answer on standard input: nothing is erased.
    let out = soxa(&["--db", d, "--lang", "en", "purge", "--expired"]);
    assert!(stdout(&out).contains("Stopped; nothing was erased."), "{out:?}");
    let out = soxa(&["--db", d, "--lang", "en", "purge", "--expired", "--yes"]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("records past retention."), "{out:?}");
    let out = soxa(&["--db", d, "--lang", "en", "purge", "--expired", "--dry-run"]);
    assert!(stdout(&out).contains("No record is past its retention"), "{out:?}");
    let out = soxa(&["--db", d, "check"]);
    assert!(out.status.success(), "{out:?}");
    let out = soxa(&["--db", d, "--lang", "en", "purge", "--expired", "household", "T01-0003"]);
    assert_eq!(out.status.code(), Some(1), "--expired with a record: {out:?}");
}

#[test]
fn the_register_is_listed_and_added_to_from_the_command_line() {
    let db = TestDb::new();
    db.store.save_commune(commune()).unwrap();
    drop(db.store);
    let path = db.tmp.path().join("db");
    let d = path.to_str().unwrap();
    let out = soxa(&["--db", d, "--lang", "en", "request", "list"]);
    assert!(stdout(&out).contains("The register holds no request yet."), "{out:?}");
    let add = ["--db", d, "--lang", "en", "request", "add", "--person", "Nguyễn Văn An", "--kind", "delete"];
    let out = soxa(&[&add[..], &["--received", "02/01/2026"]].concat());
    assert!(out.status.success(), "{out:?}");
    let out = soxa(&[&add[..], &["--received", "31/02/2026"]].concat());
    assert_eq!(out.status.code(), Some(1), "a day that does not exist: {out:?}");
    let out = soxa(&["--db", d, "--lang", "en", "request", "list"]);
    let text = stdout(&out);
    assert!(text.contains("1  02/01/2026  Nguyễn Văn An  Delete it"), "{text}");
    assert!(text.contains("Acknowledge by: 06/01/2026"), "Friday + 2 working days: {text}");
    assert!(text.contains("OVERDUE"), "{text}");
}
