//! Key strings on the app state: what a key does, checked on the app and in
//! the store, without comparing pictures (the snapshots do that). A pane is
//! drawn only where the state that shows it is private to its screen.

mod agreement;
mod catalogs;
mod ctrl_c;
mod english;
mod forms;
mod lookup;
mod reads;
mod roles;
mod targets;

use std::panic::{AssertUnwindSafe, catch_unwind};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use soxa::domain::{CommitmentStatus, EntityKind, Field, Household, Lang};
use soxa::tui::{Overlay, Screen, Tone};

use crate::common::tui::{Tui, parse_keys};
use crate::common::{now, ymd};

/// Typed into the household form: code, (first hamlet), head's name.
const NEW_HOUSEHOLD: &str = "2nt01-9001<tab><tab>Trần Thị Hồng Nhung";

fn status(tui: &Tui) -> Option<(&str, Tone)> {
    tui.app.status.as_ref().map(|(text, tone)| (text.as_str(), *tone))
}

fn household(tui: &Tui, code: &str) -> Option<Household> {
    tui.store().household_by_code(code).expect("read the store")
}

#[test]
fn key_strings_parse_like_helix() {
    let k = |code, mods| KeyEvent::new(code, mods);
    let none = KeyModifiers::NONE;
    assert_eq!(
        parse_keys("2/nA<enter>"),
        [
            k(KeyCode::Char('2'), none),
            k(KeyCode::Char('/'), none),
            k(KeyCode::Char('n'), none),
            k(KeyCode::Char('A'), KeyModifiers::SHIFT),
            k(KeyCode::Enter, none),
        ]
    );
    assert_eq!(
        parse_keys("<c-s><C-z><f1><s-tab><esc><tab><down><bs><del><space><lt>"),
        [
            k(KeyCode::Char('s'), KeyModifiers::CONTROL),
            k(KeyCode::Char('z'), KeyModifiers::CONTROL),
            k(KeyCode::F(1), none),
            k(KeyCode::BackTab, KeyModifiers::SHIFT),
            k(KeyCode::Esc, none),
            k(KeyCode::Tab, none),
            k(KeyCode::Down, none),
            k(KeyCode::Backspace, none),
            k(KeyCode::Delete, none),
            k(KeyCode::Char(' '), none),
            k(KeyCode::Char('<'), none),
        ]
    );
    // Vietnamese letters are one key each; a `<` with no `>` is itself.
    assert_eq!(parse_keys("Hồng<").len(), 5);
    assert_eq!(parse_keys("ệ"), [k(KeyCode::Char('ệ'), none)]);
}

#[test]
fn digits_and_function_keys_switch_screens() {
    let mut tui = Tui::demo(Lang::Vi);
    assert_eq!(tui.app.screen, Screen::Dashboard, "a ledger with a commune opens on the dashboard");
    for (keys, screen) in [
        ("2", Screen::Households),
        ("3", Screen::Teams),
        ("4", Screen::Mediation),
        ("5", Screen::Reports),
        ("6", Screen::Settings),
        ("1", Screen::Dashboard),
        ("<f3>", Screen::Households),
        ("<f7>", Screen::Settings),
        ("<f2>", Screen::Dashboard),
    ] {
        tui.press(keys);
        assert_eq!(tui.app.screen, screen, "after {keys}");
    }
    tui.press("q");
    assert!(tui.app.quit);
}

#[test]
fn lookup_finds_a_household_and_enter_opens_it_in_households() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("/");
    assert!(matches!(tui.app.overlay, Overlay::Lookup(_)), "/ opens the quick lookup");
    tui.press("nhung");
    let Overlay::Lookup(lookup) = &tui.app.overlay else { panic!("the lookup stays open while typing") };
    let first = lookup.rows.first().expect("typing nhung lists something");
    assert_eq!(first.kind, EntityKind::Household, "the first hit is a household: {:?}", lookup.rows);
    let found: Household = tui.store().get(first.id).expect("read").expect("the hit exists");
    assert!(found.head_name.ends_with("Nhung"), "{found:?}");

    tui.press("<enter>");
    assert!(matches!(tui.app.overlay, Overlay::None), "Enter closes the lookup");
    assert_eq!(tui.app.screen, Screen::Households);
    let screen = tui.text(120, 40);
    let heading = format!("{} · {}", found.code, found.head_name);
    assert!(screen.contains(&heading), "the household is shown in full ({heading}):\n{screen}");
}

#[test]
fn lookup_esc_closes_and_ctrl_f_opens() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("3<c-f>");
    assert!(matches!(tui.app.overlay, Overlay::Lookup(_)));
    // Letters are text in the lookup, not commands: q does not quit.
    tui.press("q2<esc>");
    assert!(matches!(tui.app.overlay, Overlay::None));
    assert_eq!(tui.app.screen, Screen::Teams);
    assert!(!tui.app.quit);
}

#[test]
fn help_opens_with_question_mark_or_f1_and_closes_with_esc() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("2?");
    assert!(matches!(tui.app.overlay, Overlay::Help));
    tui.press("<esc>");
    assert!(matches!(tui.app.overlay, Overlay::None));
    tui.press("<f1>");
    assert!(matches!(tui.app.overlay, Overlay::Help));
    // q in help closes help, not the app.
    tui.press("q");
    assert!(matches!(tui.app.overlay, Overlay::None));
    assert!(!tui.app.quit);
    assert_eq!(tui.app.screen, Screen::Households);
}

#[test]
fn a_new_household_is_saved_then_undone_and_redone() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press(NEW_HOUSEHOLD);
    assert!(matches!(tui.app.overlay, Overlay::Form(_)), "n opens the household form");
    assert!(household(&tui, "T01-9001").is_none(), "nothing is saved while typing");
    tui.press("<c-s>");
    assert!(matches!(tui.app.overlay, Overlay::None), "Ctrl+S saves and closes the form");
    assert_eq!(status(&tui), Some(("Đã lưu", Tone::Good)));
    let saved = household(&tui, "T01-9001").expect("saved, code in capitals");
    assert_eq!(saved.head_name, "Trần Thị Hồng Nhung");

    tui.press("<c-z>");
    // It says what was undone, and the redo what was done again.
    assert_eq!(status(&tui), Some(("Đã hoàn tác: thêm hộ «T01-9001 Trần Thị Hồng Nhung»", Tone::Info)));
    assert!(household(&tui, "T01-9001").is_none(), "Ctrl+Z removes the new household");
    tui.press("<c-y>");
    assert_eq!(status(&tui), Some(("Đã làm lại: thêm hộ «T01-9001 Trần Thị Hồng Nhung»", Tone::Info)));
    let back = household(&tui, "T01-9001").expect("Ctrl+Y brings it back");
    assert_eq!((back.id, &back.head_name), (saved.id, &saved.head_name));
    tui.press("<c-y>");
    assert_eq!(status(&tui).map(|s| s.0), Some("Không còn gì để làm lại"));
}

#[test]
fn enter_on_the_last_field_and_f10_submit_too() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press(NEW_HOUSEHOLD);
    tui.press("<f10>");
    assert!(household(&tui, "T01-9001").is_some(), "F10 saves");
    tui.press("nt01-9003<tab><tab>Lê Văn Tám");
    // Through every field to the last one, where Enter saves.
    for _ in 0..20 {
        if household(&tui, "T01-9003").is_some() {
            break;
        }
        tui.press("<enter>");
    }
    assert!(household(&tui, "T01-9003").is_some(), "Enter on the last field saves");
    assert!(matches!(tui.app.overlay, Overlay::None));
}

fn form_errors(tui: &Tui) -> Vec<Field> {
    let Overlay::Form(form) = &tui.app.overlay else { panic!("the form stays open") };
    form.fields.iter().filter(|f| f.error.is_some()).map(|f| f.field).collect()
}

#[test]
fn a_form_with_errors_stays_open_and_saves_nothing() {
    let mut tui = Tui::demo(Lang::Vi);
    let households = tui.store().count::<Household>();
    // Code typed, head's name left empty, a date that does not exist.
    tui.press("2nt01-9002<tab><tab><tab><tab><tab><tab><tab><tab>31/02/2026<c-s>");
    let Overlay::Form(form) = &tui.app.overlay else { panic!("the form stays open") };
    let focused = &form.fields[form.focus];
    assert_eq!(focused.field, Field::HeadName, "the focus is on the first field in error");
    // Every error at once: the date that does not parse, and the store's
    // own rule that a head's name is required.
    assert_eq!(form_errors(&tui), [Field::HeadName, Field::LivingSince]);
    assert_eq!(status(&tui), Some(("Chưa lưu: hãy sửa các ô báo lỗi", Tone::Bad)));
    assert_eq!(tui.store().count::<Household>(), households);

    // The date fixed (six fields down, Backspace over it): only the name
    // is left to fix.
    tui.press(&format!("{}{}01/02/2026<c-s>", "<tab>".repeat(6), "<bs>".repeat(10)));
    assert_eq!(form_errors(&tui), [Field::HeadName]);
    assert_eq!(tui.store().count::<Household>(), households);
}

#[test]
fn parse_errors_and_rule_errors_of_other_fields_show_together_on_every_form() {
    let mut tui = Tui::demo(Lang::Vi);
    // A new case: the received date does not exist, the content is empty
    // and the first party has no name (rules of the store).
    tui.press(&format!("4n{}30/02/2026<c-s>", "<bs>".repeat(10)));
    let errors = form_errors(&tui);
    assert!(errors.contains(&Field::Received), "{errors:?}");
    assert!(errors.contains(&Field::Content), "{errors:?}");
    assert!(errors.contains(&Field::PartyName), "{errors:?}");
    // Closing a case with a step date that does not exist and no
    // agreement: both are said at once.
    tui.press(&format!("<esc>c4m<right><right><tab>{}31/02/2026<c-s>", "<bs>".repeat(10)));
    assert_eq!(form_errors(&tui), [Field::Closed, Field::Agreement]);
    // A bad date among good values: nothing else is blamed on it.
    tui.press("<esc>c2e<tab><tab><tab><tab><tab><tab><tab><tab>99/99/2026<c-s>");
    assert_eq!(form_errors(&tui), [Field::LivingSince]);
}

#[test]
fn esc_in_a_changed_form_asks_before_discarding() {
    let mut tui = Tui::demo(Lang::Vi);
    // An untouched form closes at once.
    tui.press("2n<esc>");
    assert!(matches!(tui.app.overlay, Overlay::None));

    tui.press(NEW_HOUSEHOLD);
    tui.press("<esc>");
    assert!(matches!(tui.app.overlay, Overlay::Discard(_)), "Esc in a changed form asks");
    assert!(tui.text(80, 24).contains("Bỏ các thay đổi chưa lưu? (c/k)"));
    // k (không): back to the form, nothing lost.
    tui.press("k");
    let Overlay::Form(form) = &tui.app.overlay else { panic!("k goes back to the form") };
    assert_eq!(form.value(soxa::domain::Field::HeadName), "Trần Thị Hồng Nhung");
    // Another key than yes or no leaves the question up.
    tui.press("<esc>z");
    assert!(matches!(tui.app.overlay, Overlay::Discard(_)));
    // c (có): discarded, nothing saved.
    tui.press("c");
    assert!(matches!(tui.app.overlay, Overlay::None));
    assert!(household(&tui, "T01-9001").is_none());
}

#[test]
fn a_draft_left_by_a_crash_is_offered_back() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press(NEW_HOUSEHOLD);
    let tui = tui.reopen();
    let Overlay::Form(form) = &tui.app.overlay else { panic!("the draft is offered back as a form") };
    assert_eq!(form.value(soxa::domain::Field::HeadName), "Trần Thị Hồng Nhung");
    assert_eq!(form.value(soxa::domain::Field::HouseholdCode), "t01-9001");
    assert!(form.dirty, "a recovered draft counts as changed");
}

/// `s` signs the selected household's commitment today, in one key, and
/// Ctrl+Z takes the signature back.
#[test]
fn s_signs_the_selected_household_today() {
    let mut tui = Tui::demo(Lang::Vi);
    // l cycles the status filter: signed, refused, absent, not yet.
    tui.press("2llll");
    let code = first_code(&tui.text(80, 24)).expect("a household not yet signed is listed");
    let h = household(&tui, &code).expect("the listed household exists");
    let signed = |tui: &Tui| {
        tui.store().commitment_for(h.id, 2026).expect("read").filter(|c| c.status == CommitmentStatus::Signed)
    };
    assert!(signed(&tui).is_none());

    tui.press("s");
    assert_eq!(status(&tui), Some(("Đã lưu", Tone::Good)));
    let c = signed(&tui).expect("s signed the commitment");
    assert_eq!(c.date, now().date(), "signed today");
    assert_eq!(c.representative, h.head_name, "the head signs for the household");
    assert!(!c.items.is_empty(), "with the commune's items");
    let screen = tui.text(80, 24);
    assert!(!screen.contains(&code), "a signed household leaves the 'not yet' list:\n{screen}");

    tui.press("<c-z>");
    assert!(signed(&tui).is_none(), "Ctrl+Z unsigns");
    tui.press("<c-y>");
    assert_eq!(signed(&tui).map(|c| c.date), Some(ymd(2026, 11, 23)), "Ctrl+Y signs again");
}

#[test]
fn s_on_a_household_signed_already_changes_nothing() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("2");
    let code = first_code(&tui.text(80, 24)).expect("the table lists households");
    let h = household(&tui, &code).expect("the listed household exists");
    let before = tui.store().commitment_for(h.id, 2026).expect("read").expect("the demo signed T01-0001");
    assert_eq!(before.status, CommitmentStatus::Signed);
    let audit = tui.store().recent_audit(1).expect("read audit");

    tui.press("s");
    let (said, tone) = status(&tui).expect("s says why it did nothing");
    assert!(said.contains("2026"), "{said}");
    assert_eq!(tone, Tone::Info);
    assert_eq!(tui.store().commitment_for(h.id, 2026).expect("read").map(|c| c.date), Some(before.date));
    assert_eq!(tui.store().recent_audit(1).expect("read audit").first().map(|e| e.id), audit.first().map(|e| e.id));
}

#[test]
fn deleting_a_household_asks_and_ctrl_z_brings_it_back_with_its_commitments() {
    let mut tui = Tui::demo(Lang::Vi);
    let h = household(&tui, "T01-0001").expect("the demo's first household");
    let commitments = tui.store().commitments_of(h.id).expect("read").len();
    assert!(commitments > 0);

    tui.press("2x");
    assert!(matches!(tui.app.overlay, Overlay::Confirm { .. }), "x asks first");
    tui.press("k");
    assert!(household(&tui, "T01-0001").is_some(), "k (không) keeps it");

    tui.press("xc");
    assert_eq!(status(&tui), Some(("Đã xóa", Tone::Good)));
    assert!(household(&tui, "T01-0001").is_none());
    assert!(tui.store().commitments_of(h.id).expect("read").is_empty(), "its commitments go with it");
    tui.press("/t01-0001");
    let Overlay::Lookup(lookup) = &tui.app.overlay else { panic!("the lookup is open") };
    assert!(!lookup.rows.iter().any(|r| r.id == h.id && r.kind == EntityKind::Household), "the lookup forgets it");

    tui.press("<esc><c-z>");
    let back = household(&tui, "T01-0001").expect("Ctrl+Z brings the household back");
    assert_eq!(back.id, h.id, "under the same id");
    assert_eq!(tui.store().commitments_of(h.id).expect("read").len(), commitments, "with its commitments");
    tui.press("/t01-0001");
    let Overlay::Lookup(lookup) = &tui.app.overlay else { panic!("the lookup is open") };
    assert!(lookup.rows.iter().any(|r| r.id == h.id), "the lookup finds it again");
}

/// The language chosen in Settings applies at once, to every word of the
/// frame, is kept in the ledger, and Ctrl+Z takes it back.
#[test]
fn choosing_english_in_settings_switches_the_interface_at_once() {
    let mut tui = Tui::demo(Lang::Vi);
    // Settings, fifth section (Ngôn ngữ), the second language, Enter.
    tui.press("6<tab><tab><tab><tab><down><enter>");
    assert_eq!(tui.app.lang, Lang::En);
    let screen = tui.text(80, 24);
    assert!(screen.contains("1 Dashboard") && screen.contains("Saved"), "{screen}");
    let commune = tui.store().commune().expect("read").expect("the demo has a commune");
    assert_eq!(commune.settings.language, Lang::En, "kept in the ledger");

    tui.press("<c-z>");
    assert_eq!(tui.app.lang, Lang::Vi);
    assert!(tui.text(80, 24).contains("1 Tổng quan"));
}

/// After saving a new household the clerk's next key (`s`, `c`, `e`) should
/// act on it. Today the selection stays where it was, so `s` right after
/// saving signs the household selected before.
#[test]
fn a_new_household_is_selected_after_saving() {
    let mut tui = Tui::at(Lang::Vi, 120, 40);
    tui.press(&format!("2<down><down>{}<c-s>", &NEW_HOUSEHOLD[1..]));
    let screen = tui.text(120, 40);
    assert!(screen.contains("T01-9001 · Trần Thị Hồng Nhung"), "the new household is shown:\n{screen}");
}

/// The first household code (T01-0001) in the table drawn on `screen`.
fn first_code(screen: &str) -> Option<String> {
    screen.lines().find_map(|line| {
        let cell = line.trim_start_matches('│').split_whitespace().next()?;
        let ok = cell.len() == 8 && cell.starts_with('T') && cell.as_bytes()[3] == b'-';
        ok.then(|| cell.to_string())
    })
}

#[test]
fn letters_typed_in_a_form_are_text_not_commands() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("2n");
    tui.press("q?/<tab><tab>j5");
    assert!(!tui.app.quit);
    assert_eq!(tui.app.screen, Screen::Households);
    let Overlay::Form(form) = &tui.app.overlay else { panic!("still in the form") };
    assert_eq!(form.value(soxa::domain::Field::HouseholdCode), "q?/");
    assert_eq!(form.value(soxa::domain::Field::HeadName), "j5");
}

/// Keys a clerk might press anywhere, forms and overlays included.
const MONKEY_KEYS: &[&str] = &[
    "1", "2", "3", "4", "5", "6", "<tab>", "<s-tab>", "<enter>", "<esc>", "<up>", "<down>", "<left>", "<right>",
    "<pgup>", "<pgdown>", "<home>", "<end>", "<c-s>", "<c-z>", "<c-y>", "<c-f>", "<f1>", "<f10>", "<bs>", "<del>",
    "<space>", "/", "?", "n", "e", "x", "h", "s", "c", "r", "v", "f", "t", "l", "o", "m", "y", "k", "j", "a", "g",
    "<lt>", ">", ",", ".", "0", "9", "ệ",
];

/// Random keys (seeded, so a failure replays) on every screen, the app
/// drawn after each at sizes down to a tiny window: nothing may panic.
#[test]
fn random_keys_never_panic() {
    let sizes = [(80, 24), (120, 40), (60, 15), (20, 6)];
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut tui = Tui::demo(Lang::Vi);
    let mut typed = String::new();
    for i in 0..1000 {
        let key = MONKEY_KEYS[rng.random_range(0..MONKEY_KEYS.len())];
        typed.push_str(key);
        let (w, h) = sizes[i % sizes.len()];
        let step = catch_unwind(AssertUnwindSafe(|| {
            tui.press(key);
            tui.draw(w, h);
        }));
        assert!(step.is_ok(), "panicked drawing at {w}x{h} after the keys {typed:?}");
    }
}

fn history_text(tui: &Tui) -> Vec<String> {
    let Overlay::History(changes) = &tui.app.overlay else { panic!("the history is open") };
    changes.text()
}

#[test]
fn h_shows_what_changed_from_what_to_what_on_every_screen() {
    let mut tui = Tui::demo(Lang::Vi);
    // Households: the head's name of the first household edited.
    let all = tui.store().all::<Household>().expect("read the store");
    let first = all.into_iter().min_by(|a, b| a.code.cmp(&b.code)).expect("a household");
    let before = first.head_name.clone();
    tui.press("2e<tab><tab><end> Hồng<c-s>h");
    let text = history_text(&tui);
    assert!(text[0].starts_with("23/11/2026 09:00 · "), "{text:?}");
    assert!(text[0].ends_with(&format!("Sửa · {} {before} Hồng", first.code)), "{text:?}");
    assert_eq!(text[1], format!("  Họ tên chủ hộ: {before} → {before} Hồng"));
    tui.press("<esc>");
    assert!(matches!(tui.app.overlay, Overlay::None));

    // Mediation: a step taken shows as a line added to the steps.
    tui.press("4m<c-s>h");
    let text = history_text(&tui);
    assert!(text.iter().any(|l| l.starts_with("  Diễn biến: + 23/11/2026 ")), "{text:?}");
    tui.press("q");
    assert!(matches!(tui.app.overlay, Overlay::None), "q closes the history, not the app");
    assert!(!tui.app.quit);

    // Teams and Settings open it too (the demo's records were loaded in
    // bulk, so a team may have nothing to show yet).
    for keys in ["3h", "6h"] {
        tui.press(keys);
        assert!(matches!(tui.app.overlay, Overlay::History(_)), "{keys}");
        tui.press("h");
        assert!(matches!(tui.app.overlay, Overlay::None), "h closes it again");
    }
}

#[test]
fn enter_on_the_dashboard_opens_a_hamlets_households_an_overdue_case_or_a_team() {
    let mut tui = Tui::demo(Lang::Vi);
    // The second worst hamlet: its households, every other filter off.
    tui.press("2l1<down><enter>");
    assert_eq!(tui.app.screen, Screen::Households);
    let text = tui.text(120, 40);
    let info = text.lines().nth(2).expect("the filter line");
    assert!(info.contains("Thôn: Thôn ") && info.contains("Cam kết: Tất cả"), "{info}");
    let hamlet = info.split("Thôn: ").nth(1).and_then(|r| r.split(" · ").next()).expect("a hamlet").to_string();
    let rows: Vec<&str> = text.lines().skip(4).take(30).filter(|l| l.contains("│T")).collect();
    assert!(!rows.is_empty() && rows.iter().all(|r| r.contains(&hamlet)), "{text}");
    // Esc clears the filter again.
    tui.press("<esc>");
    assert!(tui.text(120, 40).lines().nth(2).unwrap_or("").contains("Thôn: Tất cả"));

    // The right column: the most overdue case opens in Mediation.
    tui.press("1<right><enter>");
    assert_eq!(tui.app.screen, Screen::Mediation);
    let text = tui.text(80, 24);
    assert!(text.contains("Quá hạn ("), "{text}");

    // Its last line: a team with a problem opens in Teams.
    tui.press("1<right><end><enter>");
    assert_eq!(tui.app.screen, Screen::Teams);
    let text = tui.text(120, 40);
    assert!(text.contains("2 tổ trưởng") || text.contains("Có 2 tổ trưởng"), "{text}");
}
