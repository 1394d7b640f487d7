//! Issue 15 in the interface: the sign-in screen, the idle lock that keeps
//! a half-filled form, the Settings sections "Người dùng" and "Nhật ký truy
//! cập" (drawn at 80x24 and compared with `tests/snapshots`), and what the
//! first user made from the interface brings (the recovery sheet, signing
//! in as them).

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use soxa::domain::Lang;
use soxa::domain::access::OperatorRole;
use soxa::store::Store;
use soxa::tui::signin::{Mode, SignIn, SignInEvent};
use soxa::tui::{App, Overlay};

use crate::common::tui::{Tui, parse_keys, screen_text};

const PASS: &str = "mat khau ba";

/// A demo ledger with an administrator and a hamlet head, the app signed
/// in as the administrator.
fn with_operators(lang: Lang) -> Tui {
    let mut tui = Tui::demo(lang);
    add_operators(&tui.app.store);
    let grant = tui.app.store.sign_in("Lê Thị Hoa", PASS).expect("sign in");
    tui.app.set_grant(grant);
    tui
}

fn add_operators(store: &Store) {
    store.add_operator("Lê Thị Hoa", OperatorRole::Admin, None, PASS).expect("admin");
    let hamlet = store.hamlet_by_code("T01").expect("read").expect("T01").id;
    store.add_operator("Đỗ Văn An", OperatorRole::HamletHead, Some(hamlet), "truong thon 1").expect("head");
}

fn draw_sign_in(s: &SignIn) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    terminal.draw(|f| s.render(f.area(), f.buffer_mut())).expect("draw");
    terminal
}

fn type_into(s: &mut SignIn, store: &mut Store, keys: &str) -> Vec<SignInEvent> {
    parse_keys(keys).into_iter().map(|k| s.handle(k, store)).collect()
}

fn snap(name: &str, backend: &TestBackend) {
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name.to_string(), backend);
    });
}

#[test]
fn the_sign_in_screen_at_80x24() {
    for (lang, name) in [(Lang::Vi, "tui_signin_80x24"), (Lang::En, "tui_signin_en_80x24")] {
        let mut tui = Tui::demo(lang);
        let mut s = SignIn::new(lang);
        type_into(&mut s, &mut tui.app.store, "Lê Thị Hoa<tab>secret");
        let terminal = draw_sign_in(&s);
        let text = screen_text(&terminal);
        assert!(text.contains("Lê Thị Hoa") && text.contains("••••••") && !text.contains("secret"), "{text}");
        // Nothing of the ledger: not the commune's name.
        let commune = tui.app.commune.name.clone();
        assert!(!text.contains(&commune), "{text}");
        snap(name, terminal.backend());
    }
}

#[test]
fn signing_in_gives_the_operators_grant_and_wrong_tries_say_so_with_the_delay() {
    let mut tui = Tui::demo(Lang::Vi);
    add_operators(&tui.app.store);
    let store = &mut tui.app.store;
    let mut s = SignIn::new(Lang::Vi);
    // Two wrong tries: the sentence, no delay yet; the third: 2 seconds.
    type_into(&mut s, store, "le thi hoa<tab>sai mat khau<enter>");
    assert_eq!(s.message.as_deref(), Some("Tên hoặc mật khẩu không đúng."));
    assert_eq!(s.wait_secs(), 0);
    type_into(&mut s, store, "sai nua di<enter>sai lan ba<enter>");
    let text = screen_text(&draw_sign_in(&s));
    assert!(text.contains("hãy chờ 2 giây"), "the seconds left are shown:\n{text}");
    assert!(s.wait_secs() > 0);
    // While waiting, nothing is checked (not even the right passphrase).
    let before = store.access_log(100).expect("log").len();
    let events = type_into(&mut s, store, &format!("{PASS}<enter>"));
    assert!(events.iter().all(|e| *e == SignInEvent::Stay), "{events:?}");
    assert_eq!(store.access_log(100).expect("log").len(), before, "nothing checked, nothing logged");
    // Esc quits.
    assert_eq!(type_into(&mut s, store, "<esc>"), vec![SignInEvent::Quit]);
}

#[test]
fn the_right_passphrase_signs_in_as_that_operator() {
    let mut tui = Tui::demo(Lang::Vi);
    add_operators(&tui.app.store);
    let mut s = SignIn::new(Lang::Vi);
    let events = type_into(&mut s, &mut tui.app.store, "do van an<tab>truong thon 1<enter>");
    match events.last() {
        Some(SignInEvent::Granted(g)) => {
            assert_eq!((g.name.as_str(), g.role), ("Đỗ Văn An", OperatorRole::HamletHead));
        }
        other => panic!("not signed in: {other:?} ({:?})", s.message),
    }
    assert_eq!(tui.app.store.operator(), "Đỗ Văn An", "the audit log names who signed in");
}

/// Locks the app now (the idle time set to nothing, then a tick).
fn lock(app: &mut App) {
    app.set_idle_lock(Some(Duration::ZERO));
    app.tick();
    assert!(app.locked(), "the interface locked");
}

#[test]
fn the_lock_screen_at_80x24() {
    for (lang, name) in [(Lang::Vi, "tui_lock_80x24"), (Lang::En, "tui_lock_en_80x24")] {
        let mut tui = with_operators(lang);
        lock(&mut tui.app);
        let terminal = tui.draw(80, 24);
        let text = screen_text(&terminal);
        assert!(text.contains("Lê Thị Hoa"), "{text}");
        assert!(!text.contains(&tui.app.commune.name), "nothing of the ledger shows:\n{text}");
        snap(name, terminal.backend());
    }
}

#[test]
fn the_idle_lock_keeps_a_half_filled_form_and_gives_it_back() {
    let mut tui = with_operators(Lang::Vi);
    tui.press("2n").press("t01-9001<tab><tab>Nguyễn Văn Khóa");
    assert!(matches!(tui.app.overlay, Overlay::Form(_)), "the form is open");
    lock(&mut tui.app);
    let text = tui.text(80, 24);
    assert!(!text.contains("Nguyễn Văn Khóa"), "the form is hidden:\n{text}");
    // A wrong passphrase: still locked; keys never reach the form.
    tui.press("nhầm rồi nhé<enter>");
    assert!(tui.app.locked());
    tui.app.set_idle_lock(None);
    tui.press(&format!("{PASS}<enter>"));
    assert!(!tui.app.locked(), "unlocked");
    let Overlay::Form(form) = &tui.app.overlay else { panic!("the form is gone") };
    let values: Vec<&str> = form.fields.iter().map(|f| f.input.value()).collect();
    assert!(values.contains(&"Nguyễn Văn Khóa") && values.contains(&"t01-9001"), "{values:?}");
    assert!(!values.iter().any(|v| v.contains("nhầm")), "nothing typed at the lock reached the form: {values:?}");
    // Nothing was saved meanwhile.
    assert!(tui.store().household_by_code("T01-9001").expect("read").is_none());
}

#[test]
fn another_user_at_the_lock_closes_the_form_and_keeps_its_draft() {
    let mut tui = with_operators(Lang::Vi);
    tui.press("2n").press("t01-9002<tab><tab>Phạm Thị Nháp");
    lock(&mut tui.app);
    tui.app.set_idle_lock(None);
    tui.press("<tab>do van an<tab>truong thon 1<enter>");
    assert!(!tui.app.locked());
    assert_eq!(tui.app.grant.name, "Đỗ Văn An");
    assert!(matches!(tui.app.overlay, Overlay::None), "the form closed");
    // Its draft is still on disk: offered back at the next start.
    let tui = tui.reopen();
    let Overlay::Form(form) = &tui.app.overlay else { panic!("the draft was not offered back") };
    assert!(form.fields.iter().any(|f| f.input.value() == "Phạm Thị Nháp"));
}

#[test]
fn a_ledger_without_operators_never_locks() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.app.tick();
    assert!(!tui.app.locked());
}

/// Settings, the Users section (5) or the access log (6), by their keys.
fn section(tui: &mut Tui, n: usize) {
    tui.press(if n == 5 { "6u" } else { "6l" });
}

#[test]
fn the_users_section_at_80x24() {
    let mut tui = with_operators(Lang::Vi);
    section(&mut tui, 5);
    let terminal = tui.draw(80, 24);
    let text = screen_text(&terminal);
    assert!(text.contains("Đỗ Văn An") && text.contains("Trưởng thôn") && text.contains("T01"), "{text}");
    assert!(text.contains("Tự khóa sau (phút): 10"), "{text}");
    snap("tui_settings_users_80x24", terminal.backend());
}

#[test]
fn the_access_log_section_at_80x24() {
    let mut tui = with_operators(Lang::Vi);
    section(&mut tui, 6);
    let terminal = tui.draw(80, 24);
    let text = screen_text(&terminal);
    assert!(text.contains("Thêm người dùng Đỗ Văn An"), "{text}");
    let first = text.find("Đăng nhập").expect("the sign-in is logged");
    let added = text.find("Thêm người dùng Lê Thị Hoa").expect("the first user is logged");
    assert!(first < added, "newest first:\n{text}");
    snap("tui_settings_access_log_80x24", terminal.backend());
}

#[test]
fn users_are_added_changed_and_removed_from_settings() {
    let mut tui = with_operators(Lang::Vi);
    section(&mut tui, 5);
    // A viewer: name, role (four steps right), no hamlet, passphrase twice.
    tui.press("n").press("Trần Xem<tab><right><right><right><right><tab><tab>chi xem thoi<tab>chi xem khac<enter>");
    assert!(tui.text(80, 24).contains("hai lần gõ không giống nhau"), "{}", tui.text(80, 24));
    // Both passphrases are typed again.
    tui.press("chi xem thoi<tab>chi xem thoi<enter>");
    let viewer = tui.store().operator_named("tran xem").expect("read").expect("added");
    assert_eq!(viewer.role, OperatorRole::Viewer);
    assert!(tui.text(80, 24).contains("Đã thêm người dùng."));
    // A new passphrase for the selected one (the list is in name order).
    let row = tui.app.settings.users.rows.iter().position(|r| r.name == "Trần Xem").expect("listed") + 1;
    tui.app.settings.users.sel = row;
    tui.press("e").press("mat khau moi<tab>mat khau moi<enter>");
    assert!(tui.text(80, 24).contains("Đã đổi mật khẩu."));
    assert!(tui.app.store.sign_in("Trần Xem", "mat khau moi").is_ok());
    let grant = tui.app.store.sign_in("Lê Thị Hoa", PASS).expect("back");
    tui.app.set_grant(grant);
    // Removed after the question.
    tui.press("d");
    assert!(tui.text(80, 24).contains("Xóa người dùng Trần Xem? (c/k)"));
    tui.press("c");
    assert!(tui.store().operator_named("tran xem").expect("read").is_none());
    // The idle lock's minutes, on the first line.
    tui.app.settings.users.sel = 0;
    tui.press("e<c-u>15<enter>");
    assert_eq!(tui.store().privacy().expect("read").idle_lock_minutes, 15);
    let log: Vec<String> = tui.store().access_log(3).expect("log").iter().map(|e| format!("{:?}", e.event)).collect();
    assert!(log[0].contains("PrivacySettingsChanged"), "{log:?}");
}

#[test]
fn the_last_administrator_is_not_removed() {
    let mut tui = with_operators(Lang::Vi);
    section(&mut tui, 5);
    let row = tui.app.settings.users.rows.iter().position(|r| r.name == "Lê Thị Hoa").expect("listed") + 1;
    tui.app.settings.users.sel = row;
    tui.press("dc");
    assert!(tui.text(80, 24).contains("Không xóa được người quản trị cuối cùng"), "{}", tui.text(80, 24));
    assert!(tui.store().operator_named("le thi hoa").expect("read").is_some());
}

#[test]
fn the_first_user_made_here_shows_the_recovery_sheet_once_and_signs_in() {
    let mut tui = Tui::demo(Lang::Vi);
    section(&mut tui, 5);
    assert!(tui.text(80, 24).contains("Chưa có người dùng"));
    tui.press("n").press(&format!("Lê Thị Hoa<tab><tab><tab>{PASS}<tab>{PASS}<enter>"));
    let text = tui.text(80, 24);
    assert!(text.contains("AGE-SECRET-KEY-1"), "the recovery sheet:\n{text}");
    assert!(tui.store().recovery_recipient().expect("read").is_some());
    assert_eq!(tui.app.grant.name, "Lê Thị Hoa");
    assert_eq!(tui.app.grant.role, OperatorRole::Admin);
    tui.press("<enter>");
    assert!(!tui.text(80, 24).contains("AGE-SECRET-KEY-1"), "shown once");
}

#[test]
fn the_access_log_is_exported_to_csv_and_the_export_logged() {
    let mut tui = with_operators(Lang::Vi);
    section(&mut tui, 6);
    tui.press("x");
    let status = tui.app.status.clone().expect("a message").0;
    let file = status.split_once(": ").expect("the path").1.to_string();
    let text = std::fs::read_to_string(&file).expect("the file");
    assert!(text.contains("Thêm người dùng Đỗ Văn An") && text.contains("Thời điểm"), "{text}");
    std::fs::remove_file(&file).expect("tidy");
    let last = tui.store().access_log(1).expect("log");
    assert!(format!("{:?}", last[0].event).contains("AccessLogExported"));
}

#[test]
fn the_settings_operator_does_not_override_the_signed_in_operator() {
    let mut tui = with_operators(Lang::Vi);
    tui.press("6").press("<down><down><down>e");
    // The Rules form holds the operator field: change it and save.
    let Overlay::Form(form) = &mut tui.app.overlay else { panic!("the rules form") };
    let i = form.fields.iter().position(|f| f.field == soxa::domain::Field::Operator).expect("operator field");
    form.focus = i;
    tui.press("<c-u>Người Khác<c-s>");
    assert_eq!(tui.app.store.operator(), "Lê Thị Hoa");
}

#[test]
fn a_mode_starts_as_sign_in() {
    assert_eq!(SignIn::new(Lang::Vi).mode, Mode::SignIn);
}
