//! What the Windows consoles need from the interface, checked here on Linux
//! (the same code runs there; `scripts/windows-smoke.sh` runs the .exe
//! under Wine): key releases do nothing, a paste (key presses arriving
//! together) only types text, only precomposed letters and the 16 basic
//! colours are drawn, and a database folder whose path has Vietnamese
//! letters and spaces works from the command line.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::style::Color;
use soxa::domain::{Household, Lang};
use soxa::tui::{Overlay, Screen};
use unicode_normalization::char::is_combining_mark;

use crate::common::tui::{Tui, parse_keys, screen_text};
use crate::common::{soxa, stderr, stdout};

/// Key events that arrived together, as the event loop hands them over.
fn arrive_together(tui: &mut Tui, keys: &str) {
    tui.app.on_keys(&parse_keys(keys));
    tui.app.settle();
}

fn focused_value(tui: &Tui) -> (usize, String) {
    let Overlay::Form(form) = &tui.app.overlay else { panic!("a form is open") };
    (form.focus, form.fields[form.focus].input.value().to_string())
}

#[test]
fn key_releases_do_nothing() {
    let mut tui = Tui::demo(Lang::Vi);
    let release = |c| KeyEvent::new_with_kind(KeyCode::Char(c), KeyModifiers::NONE, KeyEventKind::Release);
    let start = tui.app.screen;
    tui.app.on_keys(&[release('2')]);
    tui.app.on_keys(&[release('q')]);
    assert_eq!(tui.app.screen, start);
    assert!(!tui.app.quit, "releasing q does not quit");
    // Press then release, as Windows reports one stroke: it acts once.
    let press = KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE);
    tui.app.on_keys(&[press, release('2')]);
    tui.app.settle();
    assert_eq!(tui.app.screen, Screen::Households);
    // A held key repeats: each repeat acts like a press.
    let repeat = KeyEvent::new_with_kind(KeyCode::Char('/'), KeyModifiers::NONE, KeyEventKind::Repeat);
    tui.app.on_keys(&[repeat]);
    assert!(matches!(tui.app.overlay, Overlay::Lookup(_)));
}

#[test]
fn a_pasted_line_in_a_form_is_text_and_its_line_break_neither_moves_nor_saves() {
    let mut tui = Tui::demo(Lang::Vi);
    let households = tui.store().count::<Household>();
    // The household form's code field, then the head's name field.
    tui.press("2nt01-9001<tab><tab>");
    let (focus, _) = focused_value(&tui);
    arrive_together(&mut tui, "Nguyễn Văn<enter>An<tab><esc><c-s>");
    assert_eq!(focused_value(&tui), (focus, "Nguyễn Văn An ".to_string()), "Enter and Tab typed spaces");
    assert_eq!(tui.store().count::<Household>(), households, "nothing was saved");
    let draft = std::fs::read_to_string(tui.store().dir().join("draft.json")).expect("a draft of the form");
    assert!(draft.contains("Nguyễn Văn An "), "the paste is in the crash-safe draft: {draft}");
    // Typed by hand afterwards, the keys act again.
    tui.press("<c-s>");
    assert!(matches!(tui.app.overlay, Overlay::None), "Ctrl+S typed saves");
    let saved = tui.store().household_by_code("T01-9001").expect("read").expect("saved");
    assert_eq!(saved.head_name, "Nguyễn Văn An");
}

#[test]
fn a_value_pasted_from_a_spreadsheet_cell_does_not_submit_the_last_field() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("2n");
    let Overlay::Form(form) = &tui.app.overlay else { panic!("a form is open") };
    let last = form.fields.len() - 1;
    // Up from the first field wraps round to the last one.
    tui.press("<up>");
    assert_eq!(focused_value(&tui).0, last);
    // A copied cell ends in a line break: one letter and Enter together.
    arrive_together(&mut tui, "5<enter>");
    assert!(matches!(tui.app.overlay, Overlay::Form(_)), "the form stays open");
    assert_eq!(focused_value(&tui).0, last);
}

#[test]
fn a_paste_outside_a_text_field_does_nothing() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("2");
    let before = tui.text(100, 30);
    let households = tui.store().count::<Household>();
    // On the list, x asks to delete and c confirms: pasted, neither acts.
    arrive_together(&mut tui, "xc");
    arrive_together(&mut tui, "x<enter>");
    assert!(matches!(tui.app.overlay, Overlay::None));
    assert_eq!(tui.store().count::<Household>(), households);
    assert_eq!(tui.text(100, 30), before);
    // Nor in a question: pasted "c" does not confirm a deletion.
    tui.press("x");
    arrive_together(&mut tui, "cc");
    assert!(matches!(tui.app.overlay, Overlay::Confirm { .. }), "the question is still asked");
    assert_eq!(tui.store().count::<Household>(), households);
}

#[test]
fn text_a_terminal_marks_as_pasted_is_typed_the_same_way() {
    // Terminals other than the Windows consoles mark a paste (bracketed
    // paste): even a lone line break in it must not act.
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("2nt01-9001<tab><tab>");
    let (focus, _) = focused_value(&tui);
    tui.app.on_paste("\r\n");
    tui.app.on_paste("Lê Thị\r\nMai\t");
    assert_eq!(focused_value(&tui), (focus, " Lê Thị Mai ".to_string()));
    tui.press("<esc>c");
    let households = tui.store().count::<Household>();
    tui.app.on_paste("x");
    tui.app.on_paste("\n");
    tui.app.on_paste("xc");
    assert!(matches!(tui.app.overlay, Overlay::None), "nothing opened on the list");
    assert_eq!(tui.store().count::<Household>(), households);
}

#[test]
fn a_paste_goes_into_the_lookup_box_without_opening_a_record() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("/");
    arrive_together(&mut tui, "nguyen<enter>");
    let Overlay::Lookup(lookup) = &tui.app.overlay else { panic!("the lookup stays open") };
    assert_eq!(lookup.input.value(), "nguyen ");
    assert!(!lookup.rows.is_empty(), "the pasted name was looked up");
}

#[test]
fn an_input_method_rewrite_arriving_at_once_edits_the_field() {
    // Unikey and EVKey replace "a" by "á" with Backspace then the letter.
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("2nt01-9001<tab><tab>Ha");
    arrive_together(&mut tui, "<bs>á");
    assert_eq!(focused_value(&tui).1, "Há");
}

#[test]
fn held_arrow_keys_that_pile_up_still_move() {
    let mut piled = Tui::demo(Lang::Vi);
    let mut typed = Tui::demo(Lang::Vi);
    piled.press("2");
    typed.press("2<down><down><down>");
    arrive_together(&mut piled, "<down><down><down>");
    assert_eq!(piled.text(100, 30), typed.text(100, 30));
    assert_ne!(piled.text(100, 30), Tui::demo(Lang::Vi).press("2").text(100, 30));
}

#[test]
fn decomposed_letters_are_drawn_precomposed() {
    // An input method set to "Unicode tổ hợp" sends e, a circumflex and a
    // tilde for "ễ"; the old console cannot draw the marks.
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("2nt01-9001<tab><tab>");
    for key in "Nguye\u{302}\u{303}n Vie\u{323}\u{302}t".chars() {
        tui.app.on_key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
    }
    let terminal = tui.draw(100, 30);
    let buf = terminal.backend().buffer();
    for cell in &buf.content {
        assert!(!cell.symbol().chars().any(is_combining_mark), "a combining mark drawn: {:?}", cell.symbol());
        assert!(unicode_normalization::is_nfc(cell.symbol()), "{:?} is not NFC", cell.symbol());
    }
    assert!(screen_text(&terminal).contains("Nguyễn Việt"));
}

/// The colours the old Windows console has.
fn basic(color: Color) -> bool {
    !matches!(color, Color::Rgb(..) | Color::Indexed(_))
}

#[test]
fn every_screen_and_overlay_uses_only_the_16_console_colours() {
    let mut tui = Tui::demo(Lang::Vi);
    let mut views = Vec::new();
    for keys in ["1", "2", "2<enter>", "3", "4", "5", "6", "?", "<esc>/nguyen", "<esc>2n<c-s>"] {
        tui.press(keys);
        views.push((keys, tui.draw(120, 40)));
    }
    for (keys, terminal) in views {
        for cell in &terminal.backend().buffer().content {
            assert!(basic(cell.fg) && basic(cell.bg), "after {keys:?}: {:?}/{:?}", cell.fg, cell.bg);
        }
    }
}

#[test]
fn a_database_path_with_vietnamese_letters_and_spaces_works() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("Nguyễn Văn A").join("sổ xã");
    let db_arg = db.to_str().expect("a UTF-8 path");
    let demo = soxa(&["demo", "--households", "200", "--no-open", "--db", db_arg]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    assert!(db.join("soxa-format").is_file(), "the database is in the folder named");

    let check = soxa(&["check", "--db", db_arg]);
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
    let search = soxa(&["search", "nguyen", "--db", db_arg]);
    assert!(search.status.success(), "{}", stderr(&search));
    assert!(stdout(&search).contains("Nguyễn"), "{}", stdout(&search));
}

/// A way of putting text into the focused field.
type Typing<'a> = dyn Fn(&mut Tui) + 'a;

/// Issue 17 item 10: U+FFFD (what a terminal makes of bytes that are not
/// UTF-8) arriving in a marked paste, in keys pasted together (Windows) or
/// in one typed key: dropped, the status line says how many, and the saved
/// name holds none.
#[test]
fn unreadable_characters_are_dropped_and_told_on_every_way_in() {
    let mut tui = Tui::demo(Lang::En);
    let bad = KeyEvent::new(KeyCode::Char('\u{FFFD}'), KeyModifiers::NONE);
    let cases: [(&str, &Typing<'_>, usize); 4] = [
        ("t01-9201", &|t: &mut Tui| t.app.on_paste("Lê\u{FFFD} Thị\u{FFFD}\u{FFFD} Mai"), 3),
        ("t01-9202", &|t: &mut Tui| t.app.on_paste("\u{FFFD}"), 1),
        (
            "t01-9203",
            &|t: &mut Tui| {
                let mut keys = parse_keys("Vũ");
                keys.insert(1, bad);
                keys.push(bad);
                t.app.on_keys(&keys);
                t.app.on_keys(&parse_keys(" An"));
            },
            2,
        ),
        (
            "t01-9204",
            &|t: &mut Tui| {
                t.app.on_keys(&parse_keys("Hà"));
                t.app.on_keys(&[bad]);
                t.app.on_keys(&parse_keys("Giang"));
            },
            1,
        ),
    ];
    for (code, put, dropped) in cases {
        tui.press(&format!("2n{code}<tab><tab>"));
        put(&mut tui);
        let (_, value) = focused_value(&tui);
        assert!(!value.contains('\u{FFFD}'), "{code}: {value:?}");
        let status = tui.app.status.clone().map(|s| s.0).unwrap_or_default();
        assert!(status.starts_with(&format!("Dropped {dropped} unreadable characters")), "{code}: {status}");
        tui.press("Z<c-s>");
        let saved = tui.store().household_by_code(code).unwrap().unwrap_or_else(|| panic!("{code} saved"));
        assert!(
            !saved.head_name.contains('\u{FFFD}') && saved.head_name.ends_with('Z'),
            "{code}: {:?}",
            saved.head_name
        );
    }
}
