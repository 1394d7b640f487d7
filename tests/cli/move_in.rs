//! A commune moves in (issue 14), from the real executable on an empty
//! folder: `soxa init` with the sample hamlet list, the sample households
//! with three years of commitments, the sample roster of teams, the
//! sample mediation book (its new mediator added to its team), then the
//! reports of 2026-Q3 and 2026, whose counts are computed here from the
//! sample files themselves. And the
//! dead ends it replaces: a ledger without a commune is refused, before
//! anything is written, with a sentence naming `soxa init` and Settings.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{assert_refusal, path_str};
use soxa::domain::{Hamlet, Household};

use crate::common::{open_at, soxa, stderr, stdout};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples").join(name)
}

/// (signed, refused, absent) by `end` for 2026, and the households, read
/// from the sample: a date is signed that day, "x" on 1 January (see
/// `import::households::commitments`), words are refusals and absences.
fn expected(end: NaiveDate) -> (u64, u64, u64, u64) {
    let text = fs::read_to_string(sample("ho_gia_dinh_3_nam.csv")).unwrap();
    let mut lines = text.lines().skip(1);
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = header.iter().position(|h| *h == "Cam kết 2026").unwrap();
    let (mut signed, mut refused, mut absent, mut households) = (0, 0, 0, 0);
    for line in lines.filter(|l| !l.trim().is_empty()) {
        households += 1;
        match line.split(',').nth(at).unwrap() {
            "x" => signed += 1,
            "từ chối" => refused += 1,
            "vắng mặt" => absent += 1,
            "" => {}
            day => signed += u64::from(NaiveDate::parse_from_str(day, "%d/%m/%Y").unwrap() <= end),
        }
    }
    (signed, refused, absent, households)
}

/// (teams, members, mediators, mediation teams) of the sample roster: a
/// mediator is a "Hòa giải viên", or the leader of a mediation team.
fn expected_teams() -> (u64, u64, u64, u64) {
    let text = fs::read_to_string(sample("to_doi.csv")).unwrap();
    let rows: Vec<Vec<&str>> =
        text.lines().skip(2).filter(|l| !l.trim().is_empty()).map(|l| l.split(',').collect()).collect();
    let teams: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[0]).collect();
    let mediation: std::collections::BTreeSet<&str> =
        rows.iter().filter(|r| r[1].contains("hòa giải")).map(|r| r[0]).collect();
    let mediators =
        rows.iter().filter(|r| r[6] == "Hòa giải viên" || (r[6] == "Tổ trưởng" && r[1].contains("hòa giải"))).count();
    let mediators = mediators as u64;
    (teams.len() as u64, rows.len() as u64, mediators, mediation.len() as u64)
}

/// The sample mediation book as (received, ticked "Thành", ticked "Không
/// thành") per case, and the mediators it names that the roster lacks
/// (names before any "Mời:", which introduces invited persons).
fn expected_cases() -> (Vec<(NaiveDate, bool, bool)>, u64) {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(sample("so_hoa_giai.xlsx")).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let roster = fs::read_to_string(sample("to_doi.csv")).unwrap();
    let mut cases = Vec::new();
    let mut unknown = std::collections::BTreeSet::new();
    for row in range.rows() {
        let received = match &row[1] {
            // Excel counts days from 30 December 1899.
            Data::DateTime(d) => NaiveDate::from_ymd_opt(1899, 12, 30).unwrap() + chrono::Days::new(d.as_f64() as u64),
            Data::String(t) => match NaiveDate::parse_from_str(t, "%d/%m/%Y") {
                Ok(d) => d,
                Err(_) => continue,
            },
            _ => continue,
        };
        let ticked = |i: usize| !row[i].to_string().is_empty();
        cases.push((received, ticked(6), ticked(7)));
        let mediators = row[2].to_string();
        for line in mediators.lines().take_while(|l| !l.starts_with("Mời:")) {
            for name in line.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                if !roster.contains(&format!(",{name},")) {
                    unknown.insert(name.to_string());
                }
            }
        }
    }
    (cases, unknown.len() as u64)
}

fn report(db: &Path, period: &str, out: &Path) -> serde_json::Value {
    let file = out.join(format!("{period}.json"));
    let run = soxa(&["report", "--period", period, "--format", "json", "-o", path_str(&file), "--db", path_str(db)]);
    assert_eq!(run.status.code(), Some(0), "{}{}", stdout(&run), stderr(&run));
    serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap()
}

#[test]
fn a_commune_moves_in_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("so");
    let init = soxa(&[
        "init",
        "--commune",
        "Xã Tân Hòa",
        "--province",
        "Tỉnh Long An",
        "--hamlets",
        path_str(&sample("thon.csv")),
        "--db",
        path_str(&db),
    ]);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    assert!(stdout(&init).contains("6 thôn"), "{}", stdout(&init));
    assert!(stdout(&init).contains("soxa import households"), "what to do next: {}", stdout(&init));
    let households = sample("ho_gia_dinh_3_nam.csv");
    let import = soxa(&["import", "households", path_str(&households), "--db", path_str(&db)]);
    assert_eq!(import.status.code(), Some(0), "{}{}", stdout(&import), stderr(&import));
    assert!(stdout(&import).contains("2024, 2025, 2026"), "{}", stdout(&import));
    let roster = sample("to_doi.csv");
    let teams = soxa(&["import", "teams", path_str(&roster), "--db", path_str(&db)]);
    assert_eq!(teams.status.code(), Some(0), "{}{}", stdout(&teams), stderr(&teams));
    let teams_again = soxa(&["import", "teams", path_str(&roster), "--db", path_str(&db)]);
    let (team_count, member_count, mediators, mediation_teams) = expected_teams();
    assert!(
        stdout(&teams_again).contains(&format!("Không đổi: {member_count} thành viên")),
        "a second import changes nothing: {}",
        stdout(&teams_again)
    );
    let book = tmp.path().join("so_hoa_giai.xlsx");
    fs::copy(sample("so_hoa_giai.xlsx"), &book).unwrap();
    let team = "Tổ hòa giải thôn Đông";
    let cases = soxa(&["import", "cases", path_str(&book), "--team", team, "--db", path_str(&db)]);
    assert_eq!(cases.status.code(), Some(0), "{}{}", stdout(&cases), stderr(&cases));
    let (book_cases, new_mediators) = expected_cases();
    let cases_again = soxa(&["import", "cases", path_str(&book), "--team", team, "--db", path_str(&db)]);
    assert!(
        stdout(&cases_again).contains(&format!("Không đổi: {} vụ việc hòa giải", book_cases.len())),
        "a second import changes nothing: {}",
        stdout(&cases_again)
    );
    let again = soxa(&["import", "households", path_str(&households), "--db", path_str(&db)]);
    assert!(stdout(&again).contains("Không đổi: 72 hộ"), "a second import changes nothing: {}", stdout(&again));
    for (period, end, start) in [("2026-Q3", (2026, 9, 30), (2026, 7, 1)), ("2026", (2026, 12, 31), (2026, 1, 1))] {
        let (signed, refused, absent, active) = expected(NaiveDate::from_ymd_opt(end.0, end.1, end.2).unwrap());
        let json = report(&db, period, tmp.path());
        let h = &json["total"]["households"];
        assert_eq!(h["active"], active, "{period}");
        assert_eq!(h["signed"], signed, "{period}");
        assert_eq!(h["refused"], refused, "{period}");
        assert_eq!(h["absent"], absent, "{period}");
        let t = &json["total"]["teams"];
        assert_eq!(t["active_teams"], team_count, "{period}");
        assert_eq!(t["active_members"], member_count + new_mediators, "{period}");
        assert_eq!(t["mediators"], mediators + new_mediators, "{period}");
        let day = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let within = |d: &NaiveDate| (day(start)..=day(end)).contains(d);
        let in_period: Vec<&(NaiveDate, bool, bool)> = book_cases.iter().filter(|c| within(&c.0)).collect();
        let c = &json["total"]["cases"];
        assert_eq!(c["received"], in_period.len() as u64, "{period}");
        assert_eq!(c["closed"]["successful"], in_period.iter().filter(|c| c.1).count() as u64, "{period}");
        assert_eq!(c["closed"]["unsuccessful"], in_period.iter().filter(|c| c.2).count() as u64, "{period}");
        let open_by_end = book_cases.iter().filter(|c| c.0 <= day(end) && !c.1 && !c.2).count();
        assert_eq!(c["pending"], open_by_end as u64, "{period}");
        assert_eq!(t["active_by_kind"]["mediation"], mediation_teams, "{period}");
    }
}

#[test]
fn a_second_init_is_refused_with_nothing_written() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("so");
    let args = |name: &'static str| {
        ["init", "--commune", name, "--province", "Hưng Yên", "--db", path_str(&db)].map(String::from)
    };
    let first = crate::common::soxa_cmd(&[]).args(args("Xã Một")).output().unwrap();
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let second = crate::common::soxa_cmd(&[]).args(args("Xã Hai")).output().unwrap();
    assert_refusal(&second, 1, "đã có xã Xã Một");
    let store = open_at(&db);
    assert_eq!(store.commune().unwrap().map(|c| c.name), Some("Xã Một".to_string()), "the commune was changed");
    assert_eq!(store.recent_audit(10).unwrap().len(), 1, "one change: the first init");
}

#[test]
fn a_ledger_without_a_commune_is_never_a_dead_end() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("so");
    let csv = tmp.path().join("ho.csv");
    fs::write(&csv, "Mã hộ,Họ tên chủ hộ,Thôn,Ngày ký cam kết\nT01-0001,Nguyễn Văn An,Đông,15/02/2026\n").unwrap();
    let out = tmp.path().join("r.json");
    let exported = tmp.path().join("h.csv");
    let commands: [Vec<&str>; 5] = [
        vec!["import", "households", path_str(&csv), "--create-hamlets"],
        vec!["import", "households", path_str(&csv), "--dry-run"],
        vec!["report", "--period", "2026-Q3", "--format", "json", "-o", path_str(&out)],
        vec!["export", "households", path_str(&exported)],
        vec!["close", "2026-Q3"],
    ];
    for command in &commands {
        let mut args = command.clone();
        args.extend(["--db", path_str(&db)]);
        assert_refusal(&soxa(&args), 1, "soxa init");
        assert!(!db.exists(), "{command:?} created a ledger");
        args.extend(["--lang", "en"]);
        assert_refusal(&soxa(&args), 1, "Settings screen");
    }
    // A ledger that exists but has no commune (the interface opened once).
    drop(crate::common::open_at(&db));
    for command in &commands {
        let mut args = command.clone();
        args.extend(["--db", path_str(&db)]);
        let refused = soxa(&args);
        assert_refusal(&refused, 1, "màn hình Cài đặt");
        assert!(!stderr(&refused).contains("Không tìm thấy xã"), "{}", stderr(&refused));
    }
    let store = open_at(&db);
    assert!(store.commune().unwrap().is_none(), "a refused command made a commune");
    assert_eq!(store.recent_audit(10).unwrap().len(), 0, "a refused command wrote to the ledger");
    assert!(store.all::<Hamlet>().unwrap().is_empty() && store.all::<Household>().unwrap().is_empty());
    assert!(!out.exists() && !exported.exists());
}
