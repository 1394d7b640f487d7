//! Models, area assessments and outreach sessions through `soxa export` and
//! `soxa import`: exported from a demo and imported into a ledger holding
//! the same hamlets and households, they export again byte for byte; a
//! second import changes nothing; a bad row is refused into the
//! rejected-rows file while the others are saved; a change inside a closed
//! period is refused whole.

use std::path::Path;

use soxa::domain::{Assessment, Model, Outreach, Period};

use super::{open_when_free as open_at, s, soxa_when_free as soxa};
use crate::common::{export_unlocked, stderr, stdout};

fn run(args: &[&str]) -> String {
    let out = soxa(args);
    assert_eq!(out.status.code(), Some(0), "soxa {args:?}: {}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

const KINDS: [&str; 3] = ["models", "assessments", "outreach"];

fn export_all(db: &Path, dir: &Path, tag: &str) -> Vec<Vec<u8>> {
    KINDS
        .iter()
        .map(|k| {
            let file = dir.join(format!("{tag}-{k}.csv"));
            run(&["export", k, s(&file), "--db", s(db)]);
            std::fs::read(file).unwrap()
        })
        .collect()
}

#[test]
fn the_three_kinds_export_import_and_export_again_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let (demo, copy) = (tmp.path().join("demo"), tmp.path().join("copy"));
    run(&["demo", "--households", "400", "--no-open", "--db", s(&demo)]);
    let households = tmp.path().join("ho.csv");
    export_unlocked(&["export", "households", s(&households), "--include-personal", "--db", s(&demo)], &households);
    let first = export_all(&demo, tmp.path(), "a");
    let counts = {
        let store = open_at(&demo);
        let commune = store.commune().unwrap().unwrap();
        open_at(&copy).save_commune(commune).unwrap();
        (store.count::<Model>(), store.count::<Assessment>(), store.count::<Outreach>())
    };
    assert!(counts.0 > 0 && counts.1 > 0 && counts.2 > 0, "{counts:?}");
    run(&["import", "households", s(&households), "--create-hamlets", "--db", s(&copy)]);
    for k in KINDS {
        let file = tmp.path().join(format!("a-{k}.csv"));
        let dry = run(&["import", k, s(&file), "--dry-run", "--db", s(&copy)]);
        assert!(dry.contains("Chạy thử"), "{dry}");
        run(&["import", k, s(&file), "--db", s(&copy)]);
        let again = run(&["import", k, s(&file), "--db", s(&copy)]);
        assert!(again.contains("Không có gì cần ghi"), "{k}: {again}");
    }
    let store = open_at(&copy);
    assert_eq!((store.count::<Model>(), store.count::<Assessment>(), store.count::<Outreach>()), counts);
    assert_eq!(store.check().unwrap(), vec![]);
    drop(store);
    let second = export_all(&copy, tmp.path(), "b");
    for ((k, a), b) in KINDS.iter().zip(&first).zip(&second) {
        assert!(a == b, "{k}: the second export differs from the first");
    }
}

#[test]
fn a_bad_row_is_refused_alone_and_a_closed_year_refuses_the_whole_file() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    run(&["demo", "--households", "300", "--no-open", "--db", s(&db)]);
    let file = tmp.path().join("danh-gia.csv");
    let rows = "Mã thôn,Năm,Kết quả,Xếp loại\nT01,2024,Đạt,Khá\nT99,2024,Đạt,Khá\nT02,2024,Tốt lắm,Khá\n";
    std::fs::write(&file, rows).unwrap();
    let out = soxa(&["import", "assessments", s(&file), "--db", s(&db)]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("Đã thêm mới: 1 đánh giá khu dân cư"), "{text}");
    let rejects = std::fs::read_to_string(tmp.path().join("danh-gia-loi.csv")).unwrap();
    assert!(rejects.contains("T99") && rejects.contains("Tốt lắm") && !rejects.contains("T01,"), "{rejects}");

    let store = open_at(&db);
    let year = Period::parse("2024").unwrap();
    store.close_period(year, &"đã gửi").unwrap();
    let before = store.all::<Assessment>().unwrap();
    drop(store);
    std::fs::write(&file, "Mã thôn,Năm,Kết quả,Xếp loại\nT02,2024,Đạt,Khá\nT01,2024,Không đạt,Yếu\n").unwrap();
    let out = soxa(&["import", "assessments", s(&file), "--db", s(&db)]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert_eq!(open_at(&db).all::<Assessment>().unwrap(), before, "nothing written");
}
