//! Issue 18: what a form shows is what it saves. Each computed default is
//! changed through the field it depends on, the form is drawn at 80x24,
//! and the value drawn is compared with the value saved. Also: suggestions
//! typed over, names typed with their kind word, case dates in order, and
//! the words of refusals, undo, deletions and help.

use chrono::{Days, NaiveDate};
use soxa::domain::date::format_dmy;
use soxa::domain::{
    CaseStatus, CommitmentStatus, Hamlet, HamletKind, Household, HouseholdStatus, Lang, MediationCase, Team, TeamStatus,
};
use soxa::tui::Overlay;

use crate::common::tui::Tui;
use crate::common::ymd;

fn today() -> NaiveDate {
    ymd(2026, 11, 23)
}

/// The value drawn beside the label starting `label` in the open form at
/// 80x24 ("" if the field is drawn empty).
fn drawn(tui: &Tui, label: &str) -> String {
    let text = tui.text(80, 24);
    let line = text.lines().find(|l| l.contains(label)).unwrap_or_else(|| panic!("no {label:?} in\n{text}"));
    // A label may be given with the form's border ("│Ngày:") to tell it apart.
    let border = if label.starts_with('│') { '│'.len_utf8() } else { 0 };
    let after = &line[line.find(label).unwrap_or(0) + border..];
    // The label column is 26 wide; the value starts after it.
    let value: String = after.chars().skip(26).collect();
    value.trim_end_matches(['│', ' ']).trim().to_string()
}

fn form_open(tui: &Tui) -> bool {
    matches!(tui.app.overlay, Overlay::Form(_))
}

fn status_text(tui: &Tui) -> String {
    tui.app.status.as_ref().map(|(t, _)| t.clone()).unwrap_or_default()
}

fn cases(tui: &Tui) -> Vec<MediationCase> {
    let mut all = tui.store().all::<MediationCase>().expect("read cases");
    all.sort_by_key(|c| c.id);
    all
}

fn case(tui: &Tui, id: u64) -> MediationCase {
    cases(tui).into_iter().find(|c| c.id == id).expect("the case")
}

/// Opens case `c` through the lookup (it shows it in the Mediation screen).
fn open_case(tui: &mut Tui, c: &MediationCase) {
    tui.press(&format!("4/{}<enter>", c.number()));
    assert!(!form_open(tui));
}

/// The latest date a new step of `c` may take: its last step, assignment
/// or intake.
fn earliest_step(c: &MediationCase) -> NaiveDate {
    let last = c.history.last().map(|h| h.date);
    [Some(c.received), c.assigned, c.started, last].into_iter().flatten().max().unwrap_or(c.received)
}

/// An open case in progress whose next step can be dated at least `room`
/// days before today.
fn in_progress(tui: &Tui, room: u64) -> MediationCase {
    cases(tui)
        .into_iter()
        .find(|c| c.status == CaseStatus::InProgress && earliest_step(c) + Days::new(room) <= today())
        .expect("an open case in the demo")
}

#[test]
fn the_follow_up_date_follows_the_closing_date_and_is_saved_as_drawn() {
    let mut tui = Tui::demo(Lang::Vi);
    let c = in_progress(&tui, 2);
    open_case(&mut tui, &c);
    tui.press("m");
    assert_eq!(drawn(&tui, "Chuyển sang"), "◂ Hòa giải thành ▸");
    let offered = format_dmy(today() + Days::new(30));
    assert_eq!(drawn(&tui, "Ngày theo dõi"), offered, "offered 30 days after today's step");
    // The step's date typed over the suggestion (no Backspace needed).
    let on = earliest_step(&c);
    tui.press(&format!("<tab>{}", format_dmy(on)));
    assert_eq!(drawn(&tui, "│Ngày:"), format_dmy(on));
    let shown = drawn(&tui, "Ngày theo dõi");
    assert_eq!(shown, format_dmy(on + Days::new(30)), "recomputed from the new date");
    tui.press("<tab><tab>Hai bên thống nhất<c-s>");
    assert!(!form_open(&tui), "saved: {}", status_text(&tui));
    let saved = case(&tui, c.id);
    assert_eq!(saved.status, CaseStatus::Successful);
    assert_eq!(saved.follow_up.map(|f| format_dmy(f.due)), Some(shown), "saved as drawn");
}

#[test]
fn a_follow_up_date_the_clerk_typed_stays_when_the_closing_date_changes() {
    let mut tui = Tui::demo(Lang::Vi);
    let c = in_progress(&tui, 2);
    open_case(&mut tui, &c);
    let on = earliest_step(&c);
    tui.press("m<tab><tab><tab>Thỏa thuận<tab>15/01/2027");
    assert_eq!(drawn(&tui, "Ngày theo dõi"), "15/01/2027", "the suggestion was replaced, not added to");
    tui.press(&format!("<s-tab><s-tab><s-tab>{}", "<bs>".repeat(10)));
    tui.press(&format_dmy(on));
    let shown = drawn(&tui, "Ngày theo dõi");
    assert_eq!(shown, "15/01/2027", "the clerk's own date is kept");
    tui.press("<c-s>");
    assert!(!form_open(&tui), "saved: {}", status_text(&tui));
    assert_eq!(case(&tui, c.id).follow_up.map(|f| format_dmy(f.due)), Some(shown));
}

#[test]
fn a_follow_up_result_is_dated_on_screen_and_saved_as_drawn() {
    let mut tui = Tui::demo(Lang::Vi);
    let c = cases(&tui)
        .into_iter()
        .find(|c| c.status == CaseStatus::Successful && c.follow_up.is_none())
        .expect("a successful case without follow-up");
    open_case(&mut tui, &c);
    tui.press("f");
    assert_eq!(drawn(&tui, "Ngày theo dõi"), "", "no date before a result");
    tui.press("<right>");
    let shown = drawn(&tui, "Ngày theo dõi");
    assert_eq!(shown, format_dmy(today()), "a result chosen is dated today, on screen");
    tui.press("<c-s>");
    assert!(!form_open(&tui), "saved: {}", status_text(&tui));
    let f = case(&tui, c.id).follow_up.expect("the follow-up");
    assert_eq!((format_dmy(f.due), f.kept), (shown, Some(true)));
}

/// Types a new case's two parties and content, then goes to mediator 1.
const NEW_CASE: &str =
    "4n<tab><tab><tab><tab>Nguyễn Văn A<tab><tab><tab>Lê Thị B<tab><tab><tab><tab><tab><tab>Tranh chấp lối đi<tab>";

#[test]
fn the_assignment_date_follows_the_mediator_and_is_saved_as_drawn() {
    let mut tui = Tui::demo(Lang::Vi);
    let before = cases(&tui).len();
    tui.press(NEW_CASE);
    tui.press("<right><tab><tab><tab><tab>");
    let shown = drawn(&tui, "Ngày phân công");
    assert_eq!(shown, format_dmy(today()), "a mediator chosen: assigned today");
    tui.press("<s-tab><s-tab><s-tab><s-tab><left><tab><tab><tab><tab>");
    assert_eq!(drawn(&tui, "Ngày phân công"), "", "no mediator: no assignment");
    tui.press("<s-tab><s-tab><s-tab><s-tab><right><tab><tab><tab><tab>");
    let shown = drawn(&tui, "Ngày phân công");
    tui.press("<c-s>");
    assert!(!form_open(&tui), "saved: {}", status_text(&tui));
    let all = cases(&tui);
    assert_eq!(all.len(), before + 1);
    let new = all.last().unwrap();
    assert_eq!(new.assigned.map(format_dmy), Some(shown));
    assert_eq!(new.mediators.len(), 1);
}

#[test]
fn case_dates_that_cannot_all_be_true_are_refused_through_the_keys() {
    let mut tui = Tui::demo(Lang::Vi);
    let before = cases(&tui).len();
    // An assignment date with no mediator.
    tui.press(NEW_CASE);
    tui.press("<tab><tab><tab><tab>23/11/2026<c-s>");
    assert!(form_open(&tui), "refused");
    assert!(tui.text(80, 24).contains("cần chọn hòa giải viên (hoặc để trống ô này)"), "{}", tui.text(80, 24));
    assert_eq!(cases(&tui).len(), before);
    tui.press("<esc>c");

    // Closing before the case was assigned or its first session: said on
    // the step's date, naming the date it cannot precede.
    let c = cases(&tui)
        .into_iter()
        .find(|c| c.status == CaseStatus::InProgress && earliest_step(c) > c.received)
        .expect("a case in progress assigned or begun after intake");
    open_case(&mut tui, &c);
    let day_before = earliest_step(&c) - Days::new(1);
    tui.press(&format!("m<tab>{}<tab><tab>Thỏa thuận<c-s>", format_dmy(day_before)));
    assert!(form_open(&tui), "refused");
    let said = drawn(&tui, "│Ngày:");
    assert_eq!(said, format_dmy(day_before));
    let text = tui.text(80, 24);
    assert!(
        ["không được trước ngày phân công", "không được trước ngày bắt đầu", "không được trước ngày của bước"]
            .iter()
            .any(|m| text.contains(m)),
        "{text}"
    );
    assert_eq!(case(&tui, c.id).status, CaseStatus::InProgress);
}

#[test]
fn the_moving_out_date_follows_the_status_and_is_saved_as_drawn() {
    let mut tui = Tui::demo(Lang::Vi);
    let first = tui.store().household_by_code("T01-0001").unwrap().unwrap();
    assert_eq!(first.status, HouseholdStatus::Active);
    tui.press("2e<tab><tab><tab><tab><tab><tab><tab><tab><tab>");
    assert_eq!(drawn(&tui, "Ngày chuyển đi"), "");
    tui.press("<right>");
    let shown = drawn(&tui, "Ngày chuyển đi");
    assert_eq!(shown, format_dmy(today()), "moved out: dated today, on screen");
    tui.press("<c-s>");
    assert!(!form_open(&tui), "saved: {}", status_text(&tui));
    let saved: Household = tui.store().household_by_code("T01-0001").unwrap().unwrap();
    assert_eq!(saved.status, HouseholdStatus::MovedOut { on: today() });
    // Back to living here: the date goes from the screen and the record.
    tui.press("e<tab><tab><tab><tab><tab><tab><tab><tab><tab><left>");
    assert_eq!(drawn(&tui, "Ngày chuyển đi"), "");
    tui.press("<c-s>");
    let saved: Household = tui.store().household_by_code("T01-0001").unwrap().unwrap();
    assert_eq!(saved.status, HouseholdStatus::Active);
    // A date typed while living here is refused, not silently dropped.
    tui.press("e<tab><tab><tab><tab><tab><tab><tab><tab><tab><tab>01/11/2026<c-s>");
    assert!(form_open(&tui), "refused");
    assert!(tui.text(80, 24).contains("không dùng cho trạng thái này"), "{}", tui.text(80, 24));
}

#[test]
fn a_new_households_code_follows_its_hamlet_and_is_saved_as_drawn() {
    let mut tui = Tui::demo(Lang::Vi);
    // The table filtered to T01: a new household there is offered T01's next code.
    tui.press("2tt01<enter>n");
    let offered = drawn(&tui, "│Mã hộ:");
    assert!(offered.starts_with("T01-"), "{offered}");
    // Another hamlet chosen: that hamlet's next code, on screen.
    tui.press("<tab><right>");
    let shown = drawn(&tui, "│Mã hộ:");
    assert!(shown.starts_with("T02-"), "{shown}");
    tui.press("<tab>Phạm Thị Hoa<c-s>");
    assert!(!form_open(&tui), "saved: {}", status_text(&tui));
    let saved = tui.store().household_by_code(&shown).unwrap().expect("saved under the code drawn");
    assert_eq!(saved.head_name, "Phạm Thị Hoa");
}

#[test]
fn dissolving_a_team_dates_it_on_screen_and_saves_it_as_drawn() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("3e<tab><tab><tab><tab><right>");
    let shown = drawn(&tui, "Ngày giải thể");
    assert_eq!(shown, format_dmy(today()));
    let Overlay::Form(form) = &tui.app.overlay else { panic!("the team form") };
    let soxa::tui::form::FormKind::Team(Some(id)) = form.kind else { panic!("a team form") };
    tui.press("<c-s>");
    assert!(!form_open(&tui), "saved: {}", status_text(&tui));
    let team = tui.store().get::<Team>(id).unwrap().unwrap();
    assert_eq!(team.status, TeamStatus::Dissolved { on: today() });
}

#[test]
fn a_refusal_is_labelled_as_one_and_commits_to_no_items() {
    for (lang, date, who) in [(Lang::Vi, "Ngày từ chối ký", "Người từ chối"), (Lang::En, "Refused on", "Refused by")]
    {
        let mut tui = Tui::demo(lang);
        tui.press("2r");
        assert!(form_open(&tui));
        let text = tui.text(80, 24);
        assert!(text.contains(date) && text.contains(who), "{text}");
        assert!(!text.contains("Ngày ký cam kết") && !text.contains("Người đại diện ký"), "{text}");
        let items = if lang == Lang::Vi { "Các nội dung cam kết" } else { "Items committed" };
        assert_eq!(drawn(&tui, items), "", "a refusal commits to nothing");
        tui.press("Không đồng ý<c-s>");
        assert!(!form_open(&tui), "saved: {}", status_text(&tui));
        let h = tui.store().household_by_code("T01-0001").unwrap().unwrap();
        let c = tui.store().commitment_for(h.id, 2026).unwrap().unwrap();
        assert_eq!((c.status, c.items.len()), (CommitmentStatus::Refused, 0));
        // The household's detail names the representative the same way.
        tui.press("<enter>");
        let text = tui.text(120, 40);
        assert!(text.contains(&format!("{who}: ")), "{text}");
    }
}

#[test]
fn a_suggested_code_is_replaced_by_typing_and_a_hamlet_keeps_its_kind_once() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("6<tab>n");
    let offered = drawn(&tui, "Mã thôn");
    assert!(!offered.is_empty(), "the next code is offered");
    tui.press("T77<tab>Ấp 3");
    assert_eq!(drawn(&tui, "Mã thôn"), "T77", "typed over the suggestion");
    assert_eq!(drawn(&tui, "Loại"), "◂ Ấp ▸", "the kind typed chooses the kind");
    tui.press("<c-s>");
    assert!(!form_open(&tui), "saved: {}", status_text(&tui));
    let hamlets = tui.store().all::<Hamlet>().unwrap();
    let h = hamlets.iter().find(|h| h.code == "T77").expect("typing replaced the suggested code");
    assert_eq!((h.kind, h.name.as_str(), h.display_name()), (HamletKind::Ap, "3", "Ấp 3".to_string()));

    tui.press("nT78<tab>thôn đông<c-s>");
    let hamlets = tui.store().all::<Hamlet>().unwrap();
    let h = hamlets.iter().find(|h| h.code == "T78").expect("saved");
    assert_eq!(h.display_name(), "Thôn đông", "not Thôn thôn đông");
}

#[test]
fn the_name_fields_say_the_kind_word_is_optional() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("6<tab>n<tab>");
    assert!(tui.text(80, 24).contains("Chữ Thôn, Ấp, Tổ dân phố… ghi hay không đều được"), "{}", tui.text(80, 24));
    tui.press("<esc>");
    tui.press("<s-tab>e");
    assert!(tui.text(80, 24).contains("Chữ Xã ghi hay không đều được"), "{}", tui.text(80, 24));
}

#[test]
fn undo_and_redo_say_what_they_did() {
    let mut tui = Tui::demo(Lang::En);
    tui.press("2e<tab><tab><end> X<c-s>");
    let h = tui.store().household_by_code("T01-0001").unwrap().unwrap();
    tui.press("<c-z>");
    assert_eq!(status_text(&tui), format!("Undone: changed household «T01-0001 {}»", h.head_name));
    tui.press("<c-y>");
    assert!(status_text(&tui).starts_with("Redone: changed household «T01-0001 "), "{}", status_text(&tui));
}

#[test]
fn undoing_a_signature_names_the_household_and_year() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("2llll");
    let h = tui
        .store()
        .all::<Household>()
        .unwrap()
        .into_iter()
        .filter(|h| h.status == HouseholdStatus::Active)
        .find(|h| tui.store().commitment_for(h.id, 2026).unwrap().is_none())
        .expect("a household not yet visited");
    tui.press(&format!("f{}<enter>", h.code));
    tui.press("s<c-z>");
    let said = status_text(&tui);
    assert!(said.starts_with("Đã hoàn tác: thêm cam kết «T") && said.ends_with(" · 2026»"), "{said}");
    assert!(!said.contains('#'), "named by household, not by id: {said}");
}

#[test]
fn delete_questions_name_the_record() {
    let mut tui = Tui::demo(Lang::Vi);
    tui.press("3x");
    let Overlay::Confirm { question, .. } = &tui.app.overlay else { panic!("a question") };
    assert!(question.starts_with("Xóa «Tổ") && question.ends_with("? (c/k)"), "{question}");
    tui.press("k6<tab>x");
    let Overlay::Confirm { question, .. } = &tui.app.overlay else { panic!("a question") };
    assert!(question.starts_with("Xóa «T01 Thôn ") && !question.contains("Thôn Thôn"), "{question}");

    let mut tui = Tui::demo(Lang::En);
    tui.press("3x");
    let Overlay::Confirm { question, .. } = &tui.app.overlay else { panic!("a question") };
    assert!(question.starts_with("Delete «") && question.ends_with("» and all its members? (y/n)"), "{question}");
    tui.press("n6<tab>x");
    let Overlay::Confirm { question, .. } = &tui.app.overlay else { panic!("a question") };
    assert!(question.starts_with("Delete «T01 Thôn ") && question.ends_with("» from the hamlets? (y/n)"), "{question}");
}

#[test]
fn help_lists_keys_in_words() {
    for (lang, or) in [(Lang::Vi, " hoặc "), (Lang::En, " or ")] {
        for screen in ["1", "2", "3", "4", "5", "6"] {
            let mut tui = Tui::demo(lang);
            tui.press(&format!("{screen}?"));
            let text = tui.text(120, 40);
            assert!(!text.contains(", ,") && !text.contains(",,"), "{screen}: {text}");
            assert!(text.contains(or), "{screen}: {text}");
        }
    }
}

/// The demo's cases keep the log book's date order too, so a clerk who
/// opens one and saves it is not refused for what the demo made up.
#[test]
fn every_demo_case_keeps_the_case_date_rules() {
    let tui = Tui::demo(Lang::Vi);
    let bad: Vec<String> = cases(&tui)
        .iter()
        .filter_map(|c| c.validate(today()).err().map(|e| format!("{}: {e:?}", c.number())))
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}
