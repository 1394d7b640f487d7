//! The import from the interface: `i` on the Households screen, the path,
//! the dry-run report (snapshot at 80x24), Enter imports, Ctrl+Z takes the
//! whole import back and Ctrl+Y puts it again.

use soxa::domain::{Hamlet, Household, Lang};
use soxa::tui::Overlay;

use super::files::{Encoding, write_csv};
use crate::common::tui::Tui;

/// A file for the demo ledger: one household changed, one new in a new
/// hamlet, one refused.
fn file(tui: &Tui, dir: &std::path::Path) -> std::path::PathBuf {
    let first = tui.store().household_by_code("T01-0001").unwrap().unwrap();
    let hamlet = tui.store().get::<Hamlet>(first.hamlet).unwrap().unwrap();
    let members = (first.members % 10 + 1).to_string();
    let rows = vec![
        vec!["Mã hộ", "Họ tên chủ hộ", "Thôn", "Số khẩu"],
        vec!["T01-0001", &first.head_name, &hamlet.code, &members],
        vec!["T99-0001", "Trần Văn Mới", "Thôn Bến Đò", "3"],
        vec!["T99-0002", "Lê Thị Sai", "Thôn Bến Đò", "ba"],
    ];
    let path = dir.join("ho.csv");
    write_csv(&path, &rows, ",", Encoding::Utf8Bom);
    path
}

fn open_report(tui: &mut Tui, path: &std::path::Path) {
    tui.press(&format!("2i<c-u>{}<enter>", path.display()));
}

#[test]
fn the_dry_run_report_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::at(Lang::Vi, 80, 24);
    let path = file(&tui, dir.path());
    open_report(&mut tui, &path);
    let terminal = tui.draw(80, 24);
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("tui_import_dry_run_80x24", terminal.backend());
    });
}

#[test]
fn enter_imports_and_one_undo_takes_the_import_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::at(Lang::Vi, 100, 30);
    let path = file(&tui, dir.path());
    let before = tui.store().count::<Household>();
    let hamlets = tui.store().count::<Hamlet>();
    open_report(&mut tui, &path);
    assert_eq!(tui.store().count::<Household>(), before, "the report writes nothing");
    tui.press("<enter>");
    assert!(matches!(tui.app.overlay, Overlay::None));
    let status = tui.app.status.clone().unwrap().0;
    assert!(status.starts_with("Đã nhập: thêm 1, cập nhật 1 hộ."), "{status}");
    assert!(status.contains("ho-loi.csv"), "{status}");
    assert!(dir.path().join("ho-loi.csv").exists());
    assert_eq!(tui.store().count::<Household>(), before + 1);
    assert_eq!(tui.store().count::<Hamlet>(), hamlets + 1, "the new hamlet was confirmed with the import");

    tui.press("<c-z>");
    assert_eq!(tui.store().count::<Household>(), before);
    assert_eq!(tui.store().count::<Hamlet>(), hamlets);
    assert!(tui.store().household_by_code("T99-0001").unwrap().is_none());
    assert_eq!(tui.store().check().unwrap(), vec![]);
    tui.press("<c-y>");
    assert_eq!(tui.store().count::<Household>(), before + 1);
    assert_eq!(tui.store().check().unwrap(), vec![]);
}

#[test]
fn esc_leaves_without_writing_and_a_bad_path_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::at(Lang::Vi, 100, 30);
    let before = tui.store().count::<Household>();
    tui.press(&format!("2i<c-u>{}<enter>", dir.path().join("không có.csv").display()));
    assert!(tui.text(100, 30).contains("Không đọc được tệp"), "{}", tui.text(100, 30));
    tui.press("<esc>");
    assert!(matches!(tui.app.overlay, Overlay::None));
    let path = file(&tui, dir.path());
    open_report(&mut tui, &path);
    tui.press("<esc>");
    assert!(matches!(tui.app.overlay, Overlay::None));
    assert_eq!(tui.store().count::<Household>(), before);
}
