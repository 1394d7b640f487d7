//! ID and phone numbers are masked wherever records are listed (tables, the
//! lookup box, `soxa search`, the change history) and shown in full only in
//! a record's detail view (and in exports with `--include-personal`, tested
//! in `report_export`).

use soxa::domain::{Household, Lang, Member, Role, Team};

use crate::common::tui::Tui;
use crate::common::{household, member, soxa, stderr, stdout};

const ID: &str = "001299000111";
const PHONE: &str = "0966000222";
const MEMBER_ID: &str = "002299000333";
const MEMBER_PHONE: &str = "0944000555";

fn full_numbers(screen: &str) -> Vec<&'static str> {
    [ID, PHONE, MEMBER_ID, MEMBER_PHONE].into_iter().filter(|n| screen.contains(n)).collect()
}

/// The demo plus one household and one member whose numbers were edited
/// once, so their history holds old and new numbers.
fn with_people() -> (Tui, Household, Member) {
    let tui = Tui::at(Lang::Vi, 120, 40);
    let s = tui.store();
    let hamlet = s.hamlet_by_code("T01").unwrap().unwrap().id;
    let mut h = household("T01-9801", hamlet, "Tạ Thị Mật Danh");
    h.national_id = Some("001299000999".into());
    h.phone = Some("0966000999".into());
    let mut h = s.insert(h).unwrap();
    h.national_id = Some(ID.into());
    h.phone = Some(PHONE.into());
    let h = s.update(h).unwrap();
    let team = s.all::<Team>().unwrap().remove(0);
    let mut m = member(team.id, "Kiều Văn Kín Đáo", Role::Member);
    m.national_id = Some("002299000999".into());
    let mut m = s.insert(m).unwrap();
    m.national_id = Some(MEMBER_ID.into());
    m.phone = Some(MEMBER_PHONE.into());
    let m = s.update(m).unwrap();
    (tui, h, m)
}

#[test]
fn lists_lookup_and_history_mask_numbers_and_the_detail_view_shows_them() {
    let (mut tui, _, _) = with_people();
    tui.press("/mat danh");
    let screen = tui.text(120, 40);
    assert!(screen.contains("Tạ Thị Mật Danh"), "lookup:\n{screen}");
    assert_eq!(full_numbers(&screen), Vec::<&str>::new(), "lookup:\n{screen}");
    // The lookup opens the household's detail view: numbers in full.
    tui.press("<esc>2/mat danh<enter>");
    let screen = tui.text(120, 40);
    assert!(screen.contains(ID) && screen.contains(PHONE), "the detail view shows them in full:\n{screen}");
    // Back in the list, the household stays selected in the side panel.
    tui.press("<esc>");
    let screen = tui.text(120, 40);
    assert!(screen.contains("T01-9801") && screen.contains("********0111"), "households list:\n{screen}");
    assert_eq!(full_numbers(&screen), Vec::<&str>::new(), "households list and side panel:\n{screen}");
    tui.press("h");
    let screen = tui.text(120, 40);
    assert!(screen.contains("********0111"), "history:\n{screen}");
    assert!(!screen.contains("001299000999") && !screen.contains("0966000999"), "old numbers masked:\n{screen}");
    assert_eq!(full_numbers(&screen), Vec::<&str>::new(), "history:\n{screen}");
}

#[test]
fn the_roster_and_a_members_history_mask_numbers() {
    let (mut tui, _, _) = with_people();
    tui.press("/kin dao<enter>");
    let screen = tui.text(120, 40);
    assert!(screen.contains("Kiều Văn Kín Đáo"), "roster:\n{screen}");
    assert_eq!(full_numbers(&screen), Vec::<&str>::new(), "roster:\n{screen}");
    tui.press("h");
    let screen = tui.text(120, 40);
    assert!(screen.contains("********0333"), "member history:\n{screen}");
    assert!(!screen.contains("002299000999"), "{screen}");
    assert_eq!(full_numbers(&screen), Vec::<&str>::new(), "member history:\n{screen}");
}

#[test]
fn soxa_search_finds_by_number_but_prints_it_masked() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    {
        let store = crate::common::open_at(&db);
        store.save_commune(crate::common::commune()).unwrap();
        let hamlet = store.insert(crate::common::hamlet("T01", "Thôn Đông")).unwrap();
        let mut h = household("T01-0001", hamlet.id, "Tạ Thị Mật Danh");
        h.national_id = Some(ID.into());
        h.phone = Some(PHONE.into());
        store.insert(h).unwrap();
    }
    for query in [ID, PHONE, "mat danh"] {
        let out = soxa(&["--db", db.to_str().unwrap(), "search", query]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("T01-0001") && text.contains("096****222"), "{query}: {text}");
        assert_eq!(full_numbers(&text), Vec::<&str>::new(), "{query}: {text}");
    }
}
