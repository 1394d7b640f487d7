//! The passphrase of a locked export typed on a real terminal: asked
//! twice, without echo; typed differently, soxa says so in one sentence
//! and writes nothing; typed alike, the locked ZIP is written.

use std::time::{Duration, Instant};

use super::Session;
use crate::common::{commune, hamlet, household, open_at, unlock, zip_of};

#[test]
fn the_passphrase_is_typed_twice_without_echo_and_must_match() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    {
        let store = open_at(&db);
        store.save_commune(commune()).unwrap();
        let t01 = store.insert(hamlet("T01", "Đông")).unwrap();
        store.insert(household("T01-0001", t01.id, "Nguyễn Văn Khải")).unwrap();
    }
    let asked = tmp.path().join("ho.xlsx");
    let args = ["--db", db.to_str().unwrap(), "export", "households", asked.to_str().unwrap(), "--include-personal"];
    let deadline = Instant::now() + Duration::from_secs(60);

    let mut s = Session::start(&args, &db, deadline);
    s.wait_for(&["Mật khẩu cho tệp nén"]);
    // The prompt is printed just before echo is turned off: a person never
    // types in between, a test can.
    std::thread::sleep(Duration::from_millis(300));
    s.send("mật khẩu một<enter>");
    s.wait_for(&["Gõ lại mật khẩu"]);
    s.send("mật khẩu hai<enter>");
    s.wait_for(&["Nhập lại mật khẩu: hai lần gõ không giống nhau. Chưa ghi tệp nào."]);
    assert!(!s.wait_exit().success());
    assert!(!s.screen().contains("mật khẩu một"), "no echo: {}", s.screen());
    assert!(!zip_of(&asked).exists() && !asked.exists());

    let mut s = Session::start(&args, &db, deadline);
    s.wait_for(&["Mật khẩu cho tệp nén"]);
    s.send("mật khẩu chung<enter>");
    s.wait_for(&["Gõ lại mật khẩu"]);
    s.send("mật khẩu chung<enter>");
    s.wait_for(&["khóa bằng mật khẩu"]);
    assert!(s.wait_exit().success(), "{}", s.screen());
    assert_eq!(unlock(&zip_of(&asked), "mật khẩu chung")[0].0, "ho.xlsx");
}
