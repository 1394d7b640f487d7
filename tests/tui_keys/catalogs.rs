//! Issue 13: the catalogs of model kinds and of the criteria of a safe
//! residential area are edited in Settings like the commitment items, from
//! the keys: d shows the next catalog, n adds, e rewords, r retires, x
//! never deletes. Ids are never reused, so a model or an assessment keeps
//! pointing at the kind or criteria it was recorded with.

use soxa::domain::{Assessment, Lang, Model};
use soxa::tui::Overlay;

use crate::common::tui::Tui;

fn status_text(tui: &Tui) -> String {
    tui.app.status.as_ref().map(|(t, _)| t.clone()).unwrap_or_default()
}

#[test]
fn model_kinds_are_added_reworded_and_retired_from_the_keys() {
    let mut tui = Tui::demo(Lang::Vi);
    let kinds_before = tui.store().commune().unwrap().unwrap().model_kinds;
    let models_before: Vec<(u64, u16)> = tui.store().all::<Model>().unwrap().iter().map(|m| (m.id, m.kind)).collect();
    tui.press("6<tab><tab>d");
    let text = tui.text(120, 40);
    assert!(text.contains("Loại mô hình tự quản") && text.contains("Dòng họ tự quản"), "{text}");
    assert!(text.contains("d: danh mục khác"), "the hint names the key: {text}");

    tui.press("nTổ an ninh trường học<c-s>");
    assert!(!matches!(tui.app.overlay, Overlay::Form(_)), "saved: {}", status_text(&tui));
    let kinds = tui.store().commune().unwrap().unwrap().model_kinds;
    assert_eq!(kinds.len(), kinds_before.len() + 1);
    let added = kinds.last().unwrap();
    assert_eq!((added.id, added.text.as_str(), added.active), (7, "Tổ an ninh trường học", true));

    tui.press("e, bến xe<c-s>");
    let kinds = tui.store().commune().unwrap().unwrap().model_kinds;
    assert_eq!(kinds.last().unwrap().text, "Tổ an ninh trường học, bến xe", "reworded in place, same id");
    assert_eq!(kinds.last().unwrap().id, 7);

    tui.press("r");
    assert!(!tui.store().commune().unwrap().unwrap().model_kinds.last().unwrap().active, "retired");
    tui.press("x");
    assert!(status_text(&tui).contains("Không xóa được loại mô hình"), "{}", status_text(&tui));
    assert_eq!(tui.store().commune().unwrap().unwrap().model_kinds.len(), kinds_before.len() + 1);

    // Retiring a kind in use changes no model.
    tui.press("<home>r");
    assert!(!tui.store().commune().unwrap().unwrap().model_kinds[0].active);
    let models: Vec<(u64, u16)> = tui.store().all::<Model>().unwrap().iter().map(|m| (m.id, m.kind)).collect();
    assert_eq!(models, models_before);
}

#[test]
fn criteria_are_reworded_and_added_while_assessments_keep_theirs() {
    let mut tui = Tui::demo(Lang::Vi);
    let marks = |tui: &Tui| -> Vec<Vec<u16>> {
        tui.store().all::<Assessment>().unwrap().iter().map(|a| a.marks.iter().map(|m| m.criterion).collect()).collect()
    };
    let before = marks(&tui);
    assert!(!before.is_empty(), "the demo has assessments");
    tui.press("6<tab><tab>dd");
    let text = tui.text(120, 40);
    assert!(text.contains("Tiêu chí khu dân cư an toàn về ANTT"), "{text}");

    tui.press("<down><down><down>e (sửa đổi 2025)<c-s>");
    let criteria = tui.store().commune().unwrap().unwrap().criteria;
    assert_eq!(criteria[3].id, 4);
    assert!(criteria[3].text.ends_with(" (sửa đổi 2025)"), "{}", criteria[3].text);
    tui.press("nKhông có người nghiện ma túy mới phát sinh<c-s>");
    let criteria = tui.store().commune().unwrap().unwrap().criteria;
    assert_eq!((criteria.len(), criteria[5].id), (6, 6));
    tui.press("r");
    assert!(!tui.store().commune().unwrap().unwrap().criteria[5].active);
    assert_eq!(marks(&tui), before, "the assessments keep the criteria they were marked on");
    // d once more: back to the commitment items.
    tui.press("d");
    assert!(tui.text(120, 40).contains("Nội dung cam kết"), "{}", tui.text(120, 40));
}

#[test]
fn the_plan_form_holds_the_report_due_dates() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("6c");
    let text = tui.text(100, 40);
    assert!(text.contains("Hạn BC 6 tháng (dd/mm)") && text.contains("15/05"), "{text}");
}
