//! Settings' privacy sections (the retention years, the requests register)
//! at 80x24, and the dashboard's privacy lines: shown to the administrator,
//! not to other roles.

use soxa::domain::access::{Grant, OperatorRole};
use soxa::domain::operator::AccessEvent;
use soxa::domain::request::{DataRequest, RequestKind, RequestStatus};
use soxa::domain::{Lang, date::parse_dmy};

use crate::common::tui::Tui;

fn day(text: &str) -> chrono::NaiveDate {
    parse_dmy(text).unwrap()
}

/// The demo with two requests: one not acknowledged in time, one answered.
fn with_requests() -> Tui {
    let mut tui = Tui::at(Lang::Vi, 80, 24);
    let s = tui.store();
    s.record_request(DataRequest::new(day("02/11/2026"), "Nguyễn Văn Hỏi", RequestKind::See)).unwrap();
    let mut done = DataRequest::new(day("20/11/2026"), "Trần Thị Xóa", RequestKind::Delete);
    done.status = RequestStatus::Done;
    done.answer = "Đã xóa hộ T01-0001".into();
    done.answered = Some(day("23/11/2026"));
    s.record_request(done).unwrap();
    tui.press("");
    tui
}

fn snap(name: &str, tui: &Tui) {
    let terminal = tui.draw(80, 24);
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, terminal.backend());
    });
}

#[test]
fn the_retention_section_shows_the_years_and_the_erase_key() {
    let mut tui = with_requests();
    tui.press("6b<down><down>");
    snap("tui_settings_retention_80x24", &tui);
}

#[test]
fn the_requests_register_marks_what_is_overdue() {
    let mut tui = with_requests();
    tui.press("6b<down><down><down><enter>");
    let text = tui.text(80, 24);
    assert!(text.contains("▸!  1 02/11/2026 Nguyễn Văn Hỏi"), "the overdue request is marked:\n{text}");
    snap("tui_settings_requests_80x24", &tui);
}

#[test]
fn a_request_is_entered_through_its_form_and_a_bad_field_is_named() {
    let mut tui = with_requests();
    tui.press("6b<down><down><down><enter>n<c-s>");
    let text = tui.text(80, 24);
    assert!(text.contains("Người yêu cầu"), "the empty name is refused by name:\n{text}");
    tui.press("Lê Thị Hoa<c-s>");
    let all = tui.store().requests().unwrap();
    assert_eq!(all.len(), 3, "{}", tui.text(80, 24));
    assert_eq!(all[2].person, "Lê Thị Hoa");
    assert_eq!(all[2].acknowledge_by, day("25/11/2026"), "Monday + 2 working days");
    let log = tui.store().access_log(1).unwrap();
    assert_eq!(log[0].event, AccessEvent::RequestRecorded { id: 3 });
}

#[test]
fn the_administrator_is_told_of_expired_records_and_overdue_requests_and_others_are_not() {
    let mut tui = with_requests();
    let mut p = tui.store().privacy().unwrap();
    p.retention.moved_out_years = 1;
    tui.store().set_privacy(&p, AccessEvent::PrivacySettingsChanged).unwrap();
    tui.app.privacy_notes(true);
    let text = tui.text(80, 24);
    assert!(text.contains("hồ sơ đã hết hạn lưu giữ thông"), "{text}");
    assert!(text.contains("1 yêu cầu về dữ liệu cá nhân đã quá hạn"), "{text}");
    tui.app.grant = Grant { name: "Công an".into(), role: OperatorRole::Police, hamlet: None };
    tui.app.privacy_notes(false);
    let text = tui.text(80, 24);
    assert!(!text.contains("hết hạn lưu giữ") && !text.contains("quá hạn (Cài"), "{text}");
}

#[test]
fn expired_data_is_erased_from_settings_after_a_preview() {
    let mut tui = with_requests();
    let mut p = tui.store().privacy().unwrap();
    p.retention.moved_out_years = 1;
    tui.store().set_privacy(&p, AccessEvent::PrivacySettingsChanged).unwrap();
    let due = tui.store().expired(crate::common::now().date()).unwrap().len();
    assert!(due > 0);
    tui.press("6b<down><down>p");
    let text = tui.text(80, 24);
    assert!(text.contains("Hộ đã chuyển đi"), "the preview:\n{text}");
    tui.press("c");
    assert!(tui.store().expired(crate::common::now().date()).unwrap().is_empty());
    let log = tui.store().access_log(1).unwrap();
    assert_eq!(log[0].event, AccessEvent::PurgedExpired { records: u32::try_from(due).unwrap() });
}
