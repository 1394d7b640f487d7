//! Issue 18 item 7 in the interface: an English run says the language
//! setting and the demo's entries of the change list in English (names of
//! people and places stay as they are), and a Vietnamese run in Vietnamese.

use soxa::domain::Lang;

use crate::common::tui::Tui;

#[test]
fn the_language_setting_is_named_in_the_interface_language() {
    let mut tui = Tui::demo(Lang::En);
    let settings = tui.press("6<down><down><down><down><down><down>").text(120, 40);
    assert!(settings.contains("● Vietnamese (current)") && settings.contains("○ English"), "{settings}");
    assert!(!settings.contains("Tiếng Việt"), "{settings}");
    let mut tui = Tui::demo(Lang::Vi);
    let settings = tui.press("6<down><down><down><down><down><down>").text(120, 40);
    assert!(settings.contains("● Tiếng Việt (đang dùng)") && settings.contains("○ Tiếng Anh"), "{settings}");
}

#[test]
fn the_demos_changes_are_listed_in_the_interface_language() {
    let tui = Tui::demo(Lang::En);
    let dashboard = tui.text(100, 40);
    assert!(dashboard.contains("Demo data created: households"), "{dashboard}");
    assert!(!dashboard.contains("Tạo dữ liệu mẫu"), "{dashboard}");
    let tui = Tui::demo(Lang::Vi);
    assert!(tui.text(100, 40).contains("Tạo dữ liệu mẫu: hộ gia đình"));
}
