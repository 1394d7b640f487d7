//! Every screen drawn into ratatui's `TestBackend` and compared with the
//! `.snap` files in `tests/snapshots`, at 80x24 (the smallest terminal the
//! interface supports) and 120x40, in Vietnamese and, for two, in English.
//!
//! The ledger is the seeded demo on the fixed clock, so a changed picture is
//! a changed interface. To accept an intended change: run
//! `INSTA_UPDATE=always cargo test --test tests tui_snapshots`, then read
//! the changed `.snap` files before committing them (CI never writes them).

use soxa::domain::Lang;

mod fitted;
mod privacy;

use crate::common::tui::Tui;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Opens the demo at each size, types `keys` (the app drawn between keys,
/// as on a terminal) and compares the screen with `tui_<name>_<size>.snap`.
fn snap(name: &str, lang: Lang, sizes: &[(u16, u16)], keys: &str) {
    for &(w, h) in sizes {
        let mut tui = Tui::at(lang, w, h);
        tui.press(keys);
        let terminal = tui.draw(w, h);
        insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("tui_{name}_{w}x{h}"), terminal.backend());
        });
    }
}

#[test]
fn dashboard() {
    snap("dashboard", Lang::Vi, &SIZES, "");
}

#[test]
fn households() {
    snap("households", Lang::Vi, &SIZES, "2");
}

#[test]
fn households_detail() {
    snap("households_detail", Lang::Vi, &SIZES, "2<down><down><enter>");
}

#[test]
fn teams() {
    snap("teams", Lang::Vi, &SIZES, "3");
}

#[test]
fn mediation() {
    snap("mediation", Lang::Vi, &SIZES, "4");
}

#[test]
fn reports() {
    snap("reports", Lang::Vi, &SIZES, "5");
}

#[test]
fn settings() {
    snap("settings", Lang::Vi, &SIZES, "6");
}

#[test]
fn help_overlay() {
    snap("help", Lang::Vi, &SIZES, "2?");
}

/// A new household saved with a head birth year that is not a number and a
/// date that does not exist (31 February): the form stays open, each error
/// beside its field, the focus on the first.
const BAD_HOUSEHOLD: &str = "2nt01-9002<tab><tab><tab>abc<tab><tab><tab><tab><tab>31/02/2026<c-s>";

#[test]
fn form_with_errors() {
    snap("form_errors", Lang::Vi, &SIZES, BAD_HOUSEHOLD);
}

/// The first household's head renamed, signed (if it was not) and given a
/// violation, then its change history (h), newest first.
#[test]
fn history_overlay() {
    snap("history", Lang::Vi, &SIZES, "2e<tab><tab><end> Hồng<c-s>sv<tab>Đánh bạc<c-s>h");
}

#[test]
fn lookup_with_results() {
    snap("lookup", Lang::Vi, &SIZES, "/nhung");
}

#[test]
fn english() {
    snap("households_en", Lang::En, &[(120, 40)], "2");
    snap("form_errors_en", Lang::En, &[(80, 24)], BAD_HOUSEHOLD);
}

#[test]
fn targets_models() {
    snap("targets_models", Lang::Vi, &SIZES, "7nTổ tự quản xóm Đông<tab><tab><right><c-s>");
}

#[test]
fn targets_grid() {
    snap(
        "targets_grid",
        Lang::Vi,
        &SIZES,
        "7<tab><space><right><space><right><space><right><right><right><right><space>",
    );
}

#[test]
fn targets_outreach() {
    snap("targets_outreach", Lang::Vi, &SIZES, "7<tab><tab>n<tab>T01<tab>Phòng chống ma túy<tab>Công an xã<c-s>a<c-s>");
}

#[test]
fn targets_attendance() {
    snap("targets_attendance", Lang::Vi, &SIZES, "7<tab><tab>n<tab>T01<tab>Phòng chống ma túy<c-s>a<down><space>");
}

#[test]
fn targets_in_english() {
    snap("targets_grid_en", Lang::En, &SIZES[..1], "7<tab>");
}
