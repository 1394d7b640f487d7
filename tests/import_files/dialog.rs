//! The import from the interface, issue 14 item 7: "Nhập dữ liệu" (`i`)
//! in Settings offers every kind, `i` on Teams the roster kinds; the file
//! is picked in a folder list (sub-folders, .csv and .xlsx files; Enter
//! opens, Backspace goes up) or typed; the dry run is shown, Enter
//! imports, Ctrl+Z takes the whole import back. A ledger without its
//! commune sends the clerk to Settings first.

use std::path::Path;

use soxa::domain::{Hamlet, Household, Lang, Member, Team};
use soxa::tui::{Overlay, Screen};

use super::files::{Encoding, write_csv};
use crate::common::tui::Tui;

/// A folder with a households file, a roster, a sub-folder and a file no
/// importer reads.
fn folder(tui: &Tui, dir: &Path) {
    let first = tui.store().household_by_code("T01-0001").unwrap().unwrap();
    let hamlet = tui.store().get::<Hamlet>(first.hamlet).unwrap().unwrap();
    let households = vec![
        vec!["Mã hộ", "Họ tên chủ hộ", "Thôn", "Số khẩu"],
        vec!["T99-0001", "Trần Văn Mới", "Thôn Bến Đò", "3"],
        vec!["T99-0002", "Lê Thị Hai", "Thôn Bến Đò", "4"],
    ];
    write_csv(&dir.join("ho.csv"), &households, ",", Encoding::Utf8Bom);
    let roster = vec![
        vec!["Tổ/đội", "Loại tổ", "Thôn", "Họ và tên", "Giới tính", "Năm sinh", "Chức danh", "Ngày tham gia"],
        vec![
            "Tổ hòa giải Bến Mới",
            "Tổ hòa giải",
            &hamlet.code,
            "Đỗ Văn Bình",
            "Nam",
            "1970",
            "Tổ trưởng",
            "01/02/2022",
        ],
        vec![
            "Tổ hòa giải Bến Mới",
            "Tổ hòa giải",
            &hamlet.code,
            "Vũ Thị Lan",
            "Nữ",
            "1985",
            "Thành viên",
            "01/02/2022",
        ],
    ];
    write_csv(&dir.join("to_doi.csv"), &roster, ",", Encoding::Utf8Bom);
    std::fs::create_dir(dir.join("nam-2025")).unwrap();
    std::fs::write(dir.join("ghi-chu.txt"), "không phải tệp nhập").unwrap();
}

/// The folder's path as the picker types it, with its separator.
fn typed(dir: &Path) -> String {
    format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR)
}

#[test]
fn settings_offers_every_kind_and_a_file_is_picked_in_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::at(Lang::Vi, 80, 24);
    folder(&tui, dir.path());
    let (households, hamlets) = (tui.store().count::<Household>(), tui.store().count::<Hamlet>());

    tui.press("6i");
    let kinds = tui.text(80, 24);
    for kind in ["Hộ gia đình", "Tổ, đội và thành viên", "Thành viên tổ, đội", "Mô hình tự quản", "Đánh giá khu dân cư"]
    {
        assert!(kinds.contains(kind), "{kind}:\n{kinds}");
    }
    assert!(kinds.contains("Buổi tuyên truyền"), "{kinds}");
    // Households (the first), then the folder typed: its list.
    tui.press(&format!("<enter><c-u>{}", typed(dir.path())));
    let list = tui.text(80, 24);
    assert!(list.contains("Nhập hộ gia đình từ tệp"), "{list}");
    for entry in ["nam-2025/", "ho.csv", "to_doi.csv"] {
        assert!(list.contains(entry), "{entry}:\n{list}");
    }
    assert!(!list.contains("ghi-chu.txt"), "a file no importer reads is not listed:\n{list}");
    // Into the sub-folder and back up with Backspace: it stays chosen.
    tui.press("<down><enter>");
    assert!(tui.text(80, 24).contains("Thư mục này không có tệp"), "{}", tui.text(80, 24));
    tui.press("<bs>");
    let back = tui.text(80, 24);
    assert!(back.lines().any(|l| l.contains("▸ nam-2025/")), "{back}");
    // Two down: ho.csv; Enter shows the dry run and writes nothing.
    tui.press("<down><enter>");
    let report = tui.text(80, 24);
    assert!(report.contains("Sẽ thêm mới: 2 hộ"), "{report}");
    assert_eq!(tui.store().count::<Household>(), households, "the dry run writes nothing");

    tui.press("<enter>");
    assert!(matches!(tui.app.overlay, Overlay::None));
    let status = tui.app.status.clone().unwrap().0;
    assert!(status.starts_with("Đã nhập: thêm 2, cập nhật 0 hộ."), "{status}");
    assert_eq!(tui.store().count::<Household>(), households + 2);
    assert_eq!(tui.store().count::<Hamlet>(), hamlets + 1);

    tui.press("<c-z>");
    assert_eq!(tui.store().count::<Household>(), households, "one Ctrl+Z takes the whole import back");
    assert_eq!(tui.store().count::<Hamlet>(), hamlets);
    assert_eq!(tui.store().check().unwrap(), vec![]);
}

#[test]
fn a_name_typed_narrows_the_list_and_the_next_import_starts_in_the_same_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::at(Lang::Vi, 80, 24);
    folder(&tui, dir.path());
    let teams = tui.store().count::<Team>();
    let members = tui.store().count::<Member>();

    // Teams: the roster kinds only; the first creates the teams.
    tui.press("3i");
    let kinds = tui.text(80, 24);
    assert!(kinds.contains("1 Tổ, đội và thành viên") && !kinds.contains("danh sách hộ"), "{kinds}");
    tui.press(&format!("1<c-u>{}to", typed(dir.path())));
    let narrowed = tui.text(80, 24);
    assert!(narrowed.contains("▸ to_doi.csv") && !narrowed.contains("ho.csv"), "{narrowed}");
    tui.press("<enter>");
    let report = tui.text(80, 24);
    assert!(report.contains("Tổ, đội sẽ tạo (1): Tổ hòa giải Bến Mới"), "{report}");
    tui.press("<enter>");
    assert_eq!(tui.store().count::<Team>(), teams + 1);
    assert_eq!(tui.store().count::<Member>(), members + 2);
    tui.press("<c-z>");
    assert_eq!((tui.store().count::<Team>(), tui.store().count::<Member>()), (teams, members));

    // The next import opens where the last file was.
    tui.press("2i");
    let again = tui.text(80, 24);
    assert!(again.contains("ho.csv") && again.contains("to_doi.csv"), "{again}");
}

#[test]
fn a_ledger_without_its_commune_is_sent_to_settings_first() {
    let mut tui = Tui::built(Lang::Vi, |_| {});
    for keys in ["2i", "3i", "6i"] {
        tui.press(keys);
        assert!(matches!(tui.app.overlay, Overlay::None), "{keys}: no dialog");
        assert_eq!(tui.app.screen, Screen::Settings, "{keys}");
        let status = tui.app.status.clone().unwrap().0;
        assert!(status.contains("Sổ chưa có thông tin xã") && status.contains("Cài đặt"), "{keys}: {status}");
    }
}

/// The picker at 80x24 (the temporary folder's path, which changes from
/// run to run, is written as one of the same width).
#[test]
fn the_file_picker_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::at(Lang::Vi, 80, 24);
    folder(&tui, dir.path());
    let path = typed(dir.path());
    tui.press(&format!("6i<enter><c-u>{path}<down><down>"));
    let shown = tui.text(80, 24);
    let stand_in: String = "/tmp/nhap/".chars().chain(std::iter::repeat('.')).take(path.chars().count()).collect();
    let shown = shown.replace(&path, &stand_in);
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("tui_import_picker_80x24", shown);
    });
}
