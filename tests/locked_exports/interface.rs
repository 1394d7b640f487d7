//! The Mediation screen's book dialog: two masked passphrase fields, their
//! rules with errors naming the field, and the book written locked and
//! logged.

use std::path::PathBuf;

use soxa::domain::operator::AccessEvent;
use soxa::domain::{Lang, MediationCase, Team};
use soxa::report;

use super::{holds, open_with};
use crate::common::tui::Tui;
use crate::common::{ZIP_PASS, unlock, zip_of};

#[test]
fn the_book_dialog_with_its_passphrase_fields_snapshot() {
    let mut tui = Tui::at(Lang::Vi, 80, 24);
    tui.app.mediation.set_book_folder(PathBuf::from("/home/can-bo/Documents"), true);
    tui.press("4b<enter>bí mật lắm<enter>bí mật");
    let screen = tui.text(80, 24);
    assert!(screen.contains("Mật khẩu: ••••••••••") && !screen.contains("bí mật"), "{screen}");
    let terminal = tui.draw(80, 24);
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("tui_mediation_book_passphrase_80x24", terminal.backend());
    });
}

#[test]
fn the_book_written_from_the_interface_is_a_locked_zip() {
    let out = tempfile::tempdir().unwrap();
    let mut tui = Tui::demo(Lang::Vi);
    tui.app.mediation.set_book_folder(out.path().to_path_buf(), true);
    tui.press("4");
    let store = tui.store();
    let newest = store.all::<MediationCase>().unwrap().into_iter().max_by_key(|c| (c.year, c.seq)).unwrap();
    let team = store.get::<Team>(report::book::team_of_case(store, &newest).unwrap().unwrap()).unwrap().unwrap();
    let book = report::book::Book::load(store, &team, newest.year, Lang::Vi).unwrap();
    let party = newest.parties[0].name.clone();
    let asked = out.path().join(report::book::default_file_name(&team, newest.year, Lang::Vi));
    let zip = zip_of(&asked);

    // Too short: the passphrase field says so and keeps the focus.
    tui.press("b<enter>ngắn<enter>");
    assert!(tui.text(100, 30).contains("Mật khẩu: cần ít nhất 8 ký tự"), "{}", tui.text(100, 30));
    // Typed differently: the repeat field says so; nothing is written.
    tui.press(&format!("ngắn lắm rồi<enter>{ZIP_PASS}<enter>"));
    assert!(tui.text(100, 30).contains("Nhập lại mật khẩu: hai lần gõ không giống nhau"), "{}", tui.text(100, 30));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "nothing written");
    // Backspace on the empty repeat steps back to the passphrase.
    tui.press("<bs>");
    for _ in 0.."ngắn lắm rồi".chars().count() {
        tui.press("<bs>");
    }
    tui.press(&format!("{ZIP_PASS}<enter>{ZIP_PASS}<enter>"));
    assert!(zip.is_file() && !asked.exists(), "{}", tui.text(100, 30));
    assert!(tui.app.status.clone().unwrap().0.contains("khóa bằng mật khẩu"));

    let inside = unlock(&zip, ZIP_PASS);
    assert_eq!(inside.len(), 1);
    assert_eq!(Some(inside[0].0.as_str()), asked.file_name().and_then(|n| n.to_str()));
    assert!(inside[0].1.starts_with(b"PK"), "a workbook inside");
    assert!(open_with(&zip, "ngắn lắm rồi").is_err(), "a wrong passphrase opens nothing");
    assert!(!holds(&std::fs::read(&zip).unwrap(), &party), "{party} in clear");
    assert!(!book.entries.is_empty());

    let log = tui.store().access_log(5).unwrap();
    let want =
        AccessEvent::ExportedBook { team: team.name.clone(), year: newest.year, file: zip.display().to_string() };
    assert_eq!(log.first().map(|e| &e.event), Some(&want), "{log:?}");
}
