//! The lookup box reads the records of the hits it shows, not of all
//! fifty: more are described as the selection moves down, so the list
//! is the same as if all had been described at once.

use soxa::domain::Lang;
use soxa::tui::Overlay;

use crate::common::tui::Tui;

fn rows(tui: &Tui) -> Vec<soxa::lookup::Row> {
    let Overlay::Lookup(lookup) = &tui.app.overlay else { panic!("the lookup is open") };
    lookup.rows.clone()
}

fn selected(tui: &Tui) -> usize {
    let Overlay::Lookup(lookup) = &tui.app.overlay else { panic!("the lookup is open") };
    lookup.selected
}

#[test]
fn the_box_describes_the_hits_it_shows_and_more_as_the_selection_moves_down() {
    // Never drawn: the box knows no height and describes every hit.
    let mut whole = Tui::demo(Lang::Vi);
    whole.press("/nguyen");
    let all = rows(&whole);
    assert_eq!(all.len(), 50, "the demo has more than 50 Nguyễn");

    let mut tui = Tui::at(Lang::Vi, 80, 24);
    tui.press("/nguyen");
    let shown = rows(&tui);
    assert!((10..30).contains(&shown.len()), "about a box of rows described: {}", shown.len());
    assert_eq!(shown[..], all[..shown.len()], "the same hits, in the same order");

    tui.press(&"<down>".repeat(60));
    assert_eq!(selected(&tui), 49, "the selection stops at the 50th hit");
    assert_eq!(rows(&tui), all, "every hit described once the list reaches it");
    let screen = tui.text(80, 24);
    let last: String = all[49].title.chars().take(8).collect();
    assert!(screen.contains(&last), "the 50th hit ({last}) is on screen:\n{screen}");

    // A new letter starts again from the first hits.
    tui.press("<bs>");
    assert_eq!((selected(&tui), rows(&tui).len()), (0, shown.len()));
}

/// Letters typed ahead (keys already waiting, as when they are sent at
/// once): the box reads nothing until the last one, then shows exactly the
/// hits typing them one at a time shows; a choice (Enter) or a frame
/// (`App::catch_up`) made while the search is put off gets the same hits.
#[test]
fn letters_typed_ahead_search_once_for_all_of_them_and_show_the_same_hits() {
    let mut one_by_one = Tui::demo(Lang::Vi);
    one_by_one.press("/nguyen van");
    let want = rows(&one_by_one);
    assert!(!want.is_empty());

    let mut ahead = Tui::demo(Lang::Vi);
    ahead.press("/");
    let before = ahead.store().counts().all_reads();
    ahead.app.typed_ahead = true;
    ahead.press("nguyen va");
    assert!(rows(&ahead).is_empty(), "no search while more keys wait");
    assert_eq!(ahead.store().counts().all_reads(), before, "no record read while more keys wait");
    ahead.app.typed_ahead = false;
    ahead.press("n");
    assert_eq!(rows(&ahead), want, "the last letter searches for the whole text");

    let mut framed = Tui::demo(Lang::Vi);
    framed.press("/");
    framed.app.typed_ahead = true;
    framed.press("nguyen van");
    framed.app.typed_ahead = false;
    framed.app.catch_up();
    assert_eq!(rows(&framed), want, "a frame drawn after keys typed ahead shows their hits");

    let mut chosen = Tui::demo(Lang::Vi);
    chosen.press("/");
    chosen.app.typed_ahead = true;
    chosen.press("nguyen van<enter>");
    one_by_one.press("<enter>");
    assert!(matches!(chosen.app.overlay, Overlay::None), "Enter opened the first hit");
    assert_eq!(chosen.app.screen, one_by_one.app.screen, "the same record's screen");
    assert_eq!(chosen.text(100, 30), one_by_one.text(100, 30), "the same record shown");
}
