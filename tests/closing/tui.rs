//! Closing from the interface: the Reports screen's keys (close with a
//! question, reopen with a reason), its closed figures beside today's,
//! periods computed after the "working" note without holding up keys, and
//! the forms of the other screens keeping what was typed when a closed
//! period refuses a save.

use chrono::{Datelike, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use soxa::domain::date::format_dmy;
use soxa::domain::{Commitment, EntityKind, Field, Household, HouseholdStatus, Lang, MediationCase, Member, Period};
use soxa::store::Store;
use soxa::tui::{Overlay, Tone};
use tui_input::Input;

use super::{q3, summary};
use crate::common::tui::Tui;

fn status(tui: &Tui) -> (String, Tone) {
    tui.app.status.clone().expect("a status line")
}

/// Shows the third quarter of 2026 on the Reports screen and closes it.
fn close_q3(tui: &mut Tui) {
    tui.press("5<left>sc");
    assert!(tui.store().closed_period(&q3()).is_some(), "closed: {:?}", tui.app.status);
}

fn in_q3(d: NaiveDate) -> bool {
    q3().contains(d)
}

/// A household that counts at the end of the quarter but has nothing
/// dated in it (nor have its commitments): deleting it is allowed and
/// changes the closed figures.
fn undated_household(s: &Store) -> Household {
    let end = q3().end;
    s.all::<Household>()
        .unwrap()
        .into_iter()
        .filter(|h| h.is_active_on(end) && h.living_since.is_none_or(|d| d < q3().start))
        .filter(|h| h.status == HouseholdStatus::Active)
        .find(|h| {
            s.commitments_of(h.id)
                .unwrap()
                .iter()
                .all(|c: &Commitment| !in_q3(c.date) && c.violations.iter().all(|v| !in_q3(v.date)) && c.year == 2026)
                && !s.commitments_of(h.id).unwrap().is_empty()
        })
        .expect("the demo has such a household")
}

#[test]
fn closing_asks_first_keeps_the_figures_shown_and_says_so_above_every_section() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("5<left>s");
    let Overlay::Confirm { question, .. } = &tui.app.overlay else { panic!("a question first") };
    assert!(question.starts_with("Chốt số liệu Quý III năm 2026?"), "{question}");
    tui.press("k");
    assert!(tui.store().closed_periods().is_empty(), "no means no");
    tui.press("sc");
    assert_eq!(status(&tui), ("Đã chốt số liệu Quý III năm 2026.".to_string(), Tone::Good));
    let stored: soxa::report::Summary = tui.store().closed_summary(&q3()).unwrap().unwrap();
    assert_eq!(stored, summary(tui.store(), &q3()), "the figures shown are the ones kept");
    let text = tui.text(100, 30);
    assert!(text.contains("Đã chốt ngày 23/11/2026 bởi") && text.contains("số liệu không đổi"), "{text}");
    tui.press("s");
    assert!(status(&tui).0.contains("đã được chốt số liệu rồi"), "{:?}", status(&tui));
    tui.press("<right>");
    assert!(!tui.text(100, 30).contains("Đã chốt ngày"), "the fourth quarter is not closed");
    tui.press("p");
    assert_eq!(tui.app.reports.period(), Period::half(2026, 2).unwrap());
    assert!(tui.text(100, 30).contains("Có ngày thuộc kỳ đã chốt: Quý III năm 2026"), "{}", tui.text(100, 30));
}

#[test]
fn closing_a_quarter_that_has_not_ended_asks_a_second_time_naming_the_days_left() {
    let mut tui = Tui::demo(Lang::Vi);
    let q4 = Period::quarter(2026, 4).unwrap();
    tui.press("5");
    assert_eq!(tui.app.reports.period(), q4, "today (23/11/2026) is in the fourth quarter");
    tui.press("s");
    let Overlay::Confirm { question, .. } = &tui.app.overlay else { panic!("a question first") };
    assert!(question.starts_with("Chốt số liệu Quý IV năm 2026? Kỳ này chưa kết thúc."), "{question}");
    tui.press("c");
    let Overlay::Confirm { question, .. } = &tui.app.overlay else { panic!("a second question") };
    assert_eq!(question, "Quý IV năm 2026 còn 38 ngày nữa mới hết. Vẫn chốt số liệu? (c/k)");
    tui.press("k");
    assert!(matches!(tui.app.overlay, Overlay::None));
    assert!(tui.store().closed_periods().is_empty(), "no at the second question means no");
    tui.press("scc");
    assert_eq!(tui.store().closed_period(&q4).map(|c| c.period), Some(q4), "{:?}", tui.app.status);
}

#[test]
fn reopening_asks_for_a_reason_on_its_own_line() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("5m");
    assert!(status(&tui).0.contains("chưa được chốt số liệu"), "{:?}", status(&tui));
    close_q3(&mut tui);
    tui.press("m");
    assert!(tui.text(100, 30).contains("Lý do mở lại:"), "{}", tui.text(100, 30));
    tui.press("  <enter>");
    assert!(tui.text(100, 30).contains("Cần ghi lý do mở lại kỳ đã chốt."), "{}", tui.text(100, 30));
    assert!(tui.store().closed_period(&q3()).is_some());
    tui.press("q");
    assert!(!tui.app.quit, "q is a letter of the reason");
    tui.press("<bs><bs><bs>Bổ sung hộ chuyển đến tháng 8<enter>");
    assert!(tui.store().closed_periods().is_empty());
    assert_eq!(status(&tui), ("Đã mở lại Quý III năm 2026.".to_string(), Tone::Good));
    let last = &tui.store().recent_audit(1).unwrap()[0];
    assert_eq!((last.entity, last.summary.as_str()), (EntityKind::Period, "2026-Q3: Bổ sung hộ chuyển đến tháng 8"));
}

#[test]
fn periods_are_computed_after_the_working_note_and_keys_typed_meanwhile_go_first() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("5");
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    // The event loop draws between keys and settles only when none wait.
    tui.app.on_key(key(KeyCode::Left));
    assert!(tui.app.busy(), "the computation waits for the next frame");
    let text = tui.text(100, 30);
    assert!(text.contains("Đang xử lý") && text.contains("Quý III năm 2026"), "{text}");
    assert!(text.contains("Đang tính số liệu…"), "no stale figures under the new title:\n{text}");
    tui.app.on_key(key(KeyCode::Left));
    tui.app.on_key(key(KeyCode::Left));
    assert!(tui.app.busy());
    assert_eq!(tui.app.reports.period(), Period::quarter(2026, 1).unwrap());
    tui.app.settle();
    assert!(!tui.app.busy());
    let text = tui.text(100, 30);
    assert!(text.contains("Quý I năm 2026") && !text.contains("Đang tính") && !text.contains("Đang xử lý"), "{text}");
}

/// The year 2025, closed from the Reports screen: the small demo has a
/// household, members and cases dated in it.
fn close_2025(tui: &mut Tui) -> Period {
    let year = Period::year(2025).unwrap();
    tui.press("5pp<left>sc");
    assert!(tui.store().closed_period(&year).is_some(), "closed: {:?}", tui.app.status);
    year
}

fn in_2025(d: NaiveDate) -> bool {
    d.year() == 2025
}

/// A day of 2025 next to `d`, also in it.
fn beside(d: NaiveDate) -> NaiveDate {
    let before = d.pred_opt().filter(|b| in_2025(*b));
    before.or_else(|| d.succ_opt()).unwrap()
}

/// Opens the form of the record found by `lookup`, checks `field` shows
/// `date`, moves it to the day beside (still in the closed quarter), saves,
/// and checks the refusal: the form stays open with what was typed, the
/// status line names the closed year.
fn refused_in_form(tui: &mut Tui, lookup: &str, field: Field, date: NaiveDate) {
    tui.press(&format!("/{lookup}<enter>e"));
    let Overlay::Form(form) = &mut tui.app.overlay else { panic!("a form for {lookup}: {:?}", tui.app.status) };
    let f = form.fields.iter_mut().find(|f| f.field == field).expect("the field is in the form");
    assert_eq!(f.input.value(), format_dmy(date), "the form of {lookup}");
    let typed = format_dmy(beside(date));
    f.input = Input::new(typed.clone());
    form.dirty = true;
    tui.press("<c-s>");
    let Overlay::Form(form) = &tui.app.overlay else { panic!("the form stays open: {:?}", tui.app.status) };
    let kept = form.fields.iter().find(|f| f.field == field).map(|f| f.input.value().to_string());
    assert_eq!(kept, Some(typed), "what was typed is kept");
    let (said, tone) = status(tui);
    assert_eq!(tone, Tone::Bad);
    assert!(said.starts_with("Năm 2025 đã chốt số liệu: không lưu được"), "{said}");
    tui.press("<esc>c");
    assert!(matches!(tui.app.overlay, Overlay::None));
}

/// A name no household head and no other member carries, so the lookup
/// finds this member first.
fn unique_name(s: &Store, m: &Member) -> bool {
    let heads = s.all::<Household>().unwrap();
    let members = s.all::<Member>().unwrap();
    heads.iter().all(|h| h.head_name != m.full_name)
        && members.iter().filter(|o| o.full_name == m.full_name).count() == 1
}

#[test]
fn forms_keep_what_was_typed_when_a_closed_period_refuses_the_save() {
    let mut tui = Tui::demo(Lang::Vi);
    let s = tui.store();
    let household = s.all::<Household>().unwrap().into_iter().find(|h| h.living_since.is_some_and(in_2025));
    let member = s.all::<Member>().unwrap().into_iter().find(|m| in_2025(m.joined) && unique_name(s, m));
    let case = s.all::<MediationCase>().unwrap().into_iter().find(|c| in_2025(c.received));
    let (household, member, case) = (household.unwrap(), member.unwrap(), case.unwrap());
    close_2025(&mut tui);
    refused_in_form(&mut tui, &household.code, Field::LivingSince, household.living_since.unwrap());
    refused_in_form(&mut tui, &member.full_name, Field::Joined, member.joined);
    refused_in_form(&mut tui, &case.number(), Field::Received, case.received);
    let s = tui.store();
    assert_eq!(s.get::<Household>(household.id).unwrap().unwrap(), household);
    assert_eq!(s.get::<Member>(member.id).unwrap().unwrap(), member);
    assert_eq!(s.get::<MediationCase>(case.id).unwrap().unwrap(), case);
}

#[test]
fn undo_into_a_closed_period_is_refused_until_it_is_reopened() {
    let mut tui = Tui::demo(Lang::Vi);
    let h = tui.store().all::<Household>().unwrap().into_iter().find(|h| h.living_since.is_some_and(in_2025)).unwrap();
    // Deleted before the closing: the year is closed without it.
    tui.press(&format!("/{}<enter>xc", h.code));
    assert!(tui.store().get::<Household>(h.id).unwrap().is_none(), "deleted: {:?}", tui.app.status);
    close_2025(&mut tui);
    tui.press("<c-z>");
    let (said, tone) = status(&tui);
    assert_eq!(tone, Tone::Bad, "{said}");
    assert!(said.starts_with("Năm 2025 đã chốt số liệu"), "{said}");
    assert!(tui.store().get::<Household>(h.id).unwrap().is_none(), "nothing put back");
    tui.press("mKhôi phục hộ xóa nhầm<enter>");
    assert!(tui.store().closed_periods().is_empty());
    tui.press("<c-z>");
    assert!(tui.store().get::<Household>(h.id).unwrap().is_some(), "{:?}", tui.app.status);
}

/// The snapshot scene: the third quarter closed, then a household that
/// counted in it deleted (allowed: nothing of it is dated in the quarter),
/// so today's figures differ; the closing section shows both.
fn closed_with_a_difference(tui: &mut Tui) {
    tui.app.store.set_operator("Lê Thị Hoa");
    let h = undated_household(tui.store());
    close_q3(tui);
    tui.press(&format!("/{}<enter>", h.code));
    tui.press("xc");
    assert!(tui.store().get::<Household>(h.id).unwrap().is_none(), "{:?}", tui.app.status);
    tui.press("5<tab><tab><tab>");
}

#[test]
fn the_closed_figures_are_shown_beside_today_and_each_difference_marked() {
    let mut tui = Tui::demo(Lang::Vi);
    closed_with_a_difference(&mut tui);
    let text = tui.text(120, 40);
    assert!(text.contains("Đã chốt ngày 23/11/2026 bởi Lê Thị Hoa"), "{text}");
    assert!(text.contains("6 số đã thay đổi"), "{text}");
    assert!(text.contains("Đã chốt") && text.contains("Hôm nay"), "{text}");
    assert!(text.contains("≠   Hộ đang sinh sống") || text.contains("≠ Hộ đang sinh sống"), "{text}");
    assert!(text.contains("−1"), "{text}");
    let en = {
        let mut t = Tui::demo(Lang::En);
        closed_with_a_difference(&mut t);
        t.text(120, 40)
    };
    assert!(en.contains("Closed on 23/11/2026 by") && en.contains("Today"), "{en}");
}

#[test]
fn snapshots_of_a_closed_period_with_a_difference() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut tui = Tui::at(Lang::Vi, w, h);
        closed_with_a_difference(&mut tui);
        let terminal = tui.draw(w, h);
        insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("tui_reports_closed_{w}x{h}"), terminal.backend());
        });
    }
}

#[test]
fn the_dashboard_due_line_follows_the_closing_of_each_report_period() {
    let mut tui = Tui::demo(Lang::Vi);
    let text = tui.text(200, 40);
    assert!(text.contains("BC 6 tháng 15/05/2026 (quá hạn 192 ngày, chưa chốt)"), "{text}");
    assert!(text.contains("BC năm 15/11/2026 (quá hạn 8 ngày, chưa chốt)"), "{text}");
    assert!(text.contains("sơ kết năm 10/12/2026 (còn 17 ngày)"), "{text}");
    tui.press("5p<left>sc");
    let said = status(&tui).0;
    assert_eq!(said, "Đã chốt số liệu 6 tháng đầu năm 2026. Hạn báo cáo 6 tháng: 15/05/2026 (đã quá 192 ngày).");
    tui.press("1");
    let text = tui.text(200, 40);
    assert!(text.contains("BC 6 tháng 15/05/2027 (còn 173 ngày)"), "{text}");
    tui.press("5p");
    assert_eq!(tui.app.reports.period(), Period::year(2026).unwrap());
    tui.press("scc");
    assert!(status(&tui).0.ends_with("Hạn báo cáo năm: 15/11/2026 (đã quá 8 ngày)."), "{:?}", status(&tui));
    tui.press("1");
    let text = tui.text(200, 40);
    assert!(text.contains("BC năm 15/11/2027 (còn 357 ngày)"), "{text}");
    assert!(text.contains("sơ kết năm 10/12/2026 (đã chốt)"), "{text}");
}
