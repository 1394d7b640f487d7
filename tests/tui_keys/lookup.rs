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
