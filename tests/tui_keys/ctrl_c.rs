//! Ctrl+C quits from anywhere, as `q` does on a screen: in a form (after
//! the same question Esc asks when it was changed), in a text line where
//! `q` is a letter, in every overlay; and never counts as the `c` (có) of
//! a yes/no question.

use soxa::domain::Lang;
use soxa::tui::Overlay;

use super::{NEW_HOUSEHOLD, household};
use crate::common::tui::Tui;

#[test]
fn ctrl_c_quits_from_screens_lines_and_overlays() {
    // A screen, the lookup box, the help, a filter line, a history.
    for keys in ["", "/nguyen", "?", "2f", "2h"] {
        let mut tui = Tui::demo(Lang::Vi);
        tui.press(keys);
        assert!(!tui.app.quit, "{keys}");
        tui.press("<c-c>");
        assert!(tui.app.quit, "Ctrl+C after {keys:?} quits");
    }
}

#[test]
fn ctrl_c_in_an_untouched_form_quits_at_once() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("2n<c-c>");
    assert!(tui.app.quit);
}

#[test]
fn ctrl_c_in_a_changed_form_asks_first_like_esc() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press(NEW_HOUSEHOLD);
    tui.press("<c-c>");
    assert!(matches!(tui.app.overlay, Overlay::Discard(_)), "a changed form asks");
    assert!(!tui.app.quit);
    assert!(tui.text(80, 24).contains("Bỏ các thay đổi chưa lưu? (c/k)"));
    // Ctrl+C again is not a yes: the question stays.
    tui.press("<c-c>");
    assert!(matches!(tui.app.overlay, Overlay::Discard(_)) && !tui.app.quit);
    // k: back to the form, still open, nothing lost; Esc then yes does not quit.
    tui.press("k");
    assert!(matches!(tui.app.overlay, Overlay::Form(_)) && !tui.app.quit);
    tui.press("<esc>c");
    assert!(matches!(tui.app.overlay, Overlay::None) && !tui.app.quit, "Esc's yes only closes the form");
    // Ctrl+C then c (có): the form is left unsaved and soxa quits.
    tui.press(NEW_HOUSEHOLD);
    tui.press("<c-c>c");
    assert!(tui.app.quit);
    assert!(household(&tui, "T01-9001").is_none(), "nothing saved");
}

#[test]
fn ctrl_c_at_a_question_quits_without_answering_yes() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("2x");
    assert!(matches!(tui.app.overlay, Overlay::Confirm { .. }), "x asks first");
    let before = tui.store().count::<soxa::domain::Household>();
    tui.press("<c-c>");
    assert!(tui.app.quit);
    assert_eq!(tui.store().count::<soxa::domain::Household>(), before, "nothing deleted");
}
