//! State tests of the Mediation screen over a small seeded demo commune:
//! action -> new state, and form -> write -> store.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use tui_input::Input;

use super::*;
use crate::domain::warnings::case_flags;
use crate::domain::{CaseCategory, CaseSource, Commune, FollowUp, MediationCase, Problem};
use crate::store::Store;
use crate::tui::form::Control;
use crate::tui::write::{self, AnyRecord};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

struct World {
    _dir: tempfile::TempDir,
    store: Store,
    commune: Commune,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::tui::screens::fixture::demo_store(&dir, 300, 7);
        let commune = store.commune().unwrap().unwrap();
        World { _dir: dir, store, commune }
    }

    fn ctx(&self) -> Ctx<'_> {
        crate::tui::screens::fixture::clerk_ctx(&self.store, &self.commune, today())
    }

    fn cases(&self) -> Vec<MediationCase> {
        self.store.all::<MediationCase>().unwrap()
    }

    /// Applies a write as the app would, then refreshes the screen.
    fn apply(&self, state: &mut State, w: Write) {
        write::apply(&self.store, w).unwrap();
        state.refresh(&self.ctx()).unwrap();
    }
}

fn shown(state: &State) -> Vec<&CaseRow> {
    state.shown.iter().map(|i| &state.rows[*i]).collect()
}

/// Types `text` into the field `field` (of `row`, if given).
fn fill(form: &mut Form, field: Field, row: Option<usize>, text: &str) {
    let f = form.fields.iter_mut().find(|f| f.field == field && (row.is_none() || f.row == row)).unwrap();
    if let Control::Select { options, selected } = &mut f.control {
        *selected = options.iter().position(|o| o == text).unwrap_or_else(|| panic!("no option {text}"));
    }
    f.input = Input::new(text.to_string());
    // As typing does: the fields that follow this one are computed again.
    form.follow();
}

fn options(form: &Form, field: Field, row: Option<usize>) -> Vec<String> {
    let f = form.fields.iter().find(|f| f.field == field && (row.is_none() || f.row == row)).unwrap();
    match &f.control {
        Control::Select { options, .. } => options.clone(),
        _ => panic!("not a select"),
    }
}

fn saved_case(w: Write) -> MediationCase {
    match w {
        Write::Save(AnyRecord::Case(c)) => *c,
        other => panic!("not a case: {other:?}"),
    }
}

#[test]
fn the_list_holds_every_case_newest_first() {
    let w = World::new();
    let state = State::new(&w.ctx()).unwrap();
    assert_eq!(state.rows.len(), w.cases().len());
    assert_eq!(state.shown.len(), state.rows.len());
    let first = &state.rows[0];
    assert!(state.rows.iter().all(|r| (r.year, r.seq) <= (first.year, first.seq)));
}

#[test]
fn filters_narrow_the_list_survive_a_restart_and_esc_clears_them() {
    let w = World::new();
    let ctx = w.ctx();
    let mut state = State::new(&ctx).unwrap();
    let all = state.rows.len();
    state.handle(Action::Mediation(CaseAction::ByStatus), &ctx).unwrap();
    assert_eq!(state.filter.status, Some(StatusFilter::Open));
    assert!(!state.shown.is_empty() && shown(&state).iter().all(|r| r.status.is_open()));
    state.handle(Action::Mediation(CaseAction::ByCategory), &ctx).unwrap();
    state.handle(Action::Mediation(CaseAction::ByCategory), &ctx).unwrap();
    assert_eq!(state.filter.category, Some(CaseCategory::Civil));
    assert!(shown(&state).iter().all(|r| r.category == CaseCategory::Civil && r.status.is_open()));

    // Remembered across restarts.
    let again = State::new(&ctx).unwrap();
    assert_eq!(again.filter, state.filter);
    assert_eq!(again.shown, state.shown);

    state.handle(Action::Back, &ctx).unwrap();
    assert!(state.filter.is_empty());
    assert_eq!(state.shown.len(), all);
    assert!(State::new(&ctx).unwrap().filter.is_empty());

    state.handle(Action::Mediation(CaseAction::ByHamlet), &ctx).unwrap();
    let hamlet = state.filter.hamlet.unwrap();
    assert_eq!(hamlet, state.hamlets[0].id);
    assert!(shown(&state).iter().all(|r| r.hamlet == hamlet));
    state.handle(Action::Back, &ctx).unwrap();
    state.handle(Action::Mediation(CaseAction::ByYear), &ctx).unwrap();
    assert_eq!(state.filter.year, Some(2026));
    assert!(!state.shown.is_empty() && shown(&state).iter().all(|r| r.year == 2026));
}

#[test]
fn overdue_and_late_cases_are_marked_as_the_domain_flags_them() {
    let w = World::new();
    let state = State::new(&w.ctx()).unwrap();
    let cases = w.cases();
    for c in &cases {
        let row = state.rows.iter().find(|r| r.id == c.id).unwrap();
        assert_eq!(row.flags, case_flags(c, &w.commune.settings, today()));
    }
    assert!(state.counts.overdue >= 2, "the demo always has overdue cases");
    assert!(state.counts.late >= 2, "and late starts");
    assert_eq!(state.counts.overdue, state.rows.iter().filter(|r| r.overdue()).count());
}

#[test]
fn the_table_draws_only_what_fits_and_marks_the_selection() {
    let w = World::new();
    let ctx = w.ctx();
    let mut state = State::new(&ctx).unwrap();
    state.handle(Action::Bottom, &ctx).unwrap();
    let mut buf = Buffer::empty(Rect::new(0, 0, 80, 21));
    state.render(Lang::Vi, buf.area, &mut buf);
    let text: String = buf.content.iter().map(|c| c.symbol()).collect();
    let last = state.selected_row().unwrap().number();
    assert!(text.contains(&format!("{last} ")), "the last case is on screen");
    assert!(text.contains("Trạng thái: Tất cả"));
}

#[test]
fn a_new_case_from_the_intake_form_is_saved_numbered_and_selected() {
    let w = World::new();
    let ctx = w.ctx();
    let mut state = State::new(&ctx).unwrap();
    let Effect::Form(mut form) = state.handle(Action::New, &ctx).unwrap() else { panic!("no form") };
    assert_eq!(form.value(Field::Received), "23/11/2026");
    fill(&mut form, Field::Source, None, "Xã chuyển đến");
    fill(&mut form, Field::Category, None, "Tranh chấp dân sự");
    fill(&mut form, Field::PartyName, Some(1), "Nguyễn Văn Tèo");
    fill(&mut form, Field::PartyAge, Some(1), "52");
    fill(&mut form, Field::PartyName, Some(2), "Lê Thị Mận");
    fill(&mut form, Field::Content, None, "Tranh chấp lối đi chung");
    let mediator = options(&form, Field::Mediators, Some(1))[1].clone();
    fill(&mut form, Field::Mediators, Some(1), &mediator);
    fill(&mut form, Field::Invited, None, "Trưởng thôn; Bí thư chi bộ");
    let case = saved_case(submit_form(&form, &ctx).unwrap());
    assert_eq!(case.id, 0);
    assert_eq!(case.source, CaseSource::CommuneReferred);
    assert_eq!(case.parties.len(), 2, "the empty third party is no party");
    assert_eq!(case.parties[0].age, Some(52));
    assert_eq!(case.mediators.len(), 1);
    assert_eq!(case.invited, vec!["Trưởng thôn", "Bí thư chi bộ"]);
    assert_eq!(case.assigned, Some(today()));
    let before = state.rows.len();
    w.apply(&mut state, Write::Save(AnyRecord::Case(Box::new(case))));
    assert_eq!(state.rows.len(), before + 1);
    let row = state.selected_row().unwrap();
    assert_eq!(row.parties, "Nguyễn Văn Tèo – Lê Thị Mận");
    let highest = w.cases().iter().filter(|c| c.year == 2026).map(|c| c.seq).max().unwrap();
    assert_eq!(row.seq, highest, "the store gave the next number of the year");
}

#[test]
fn mediators_of_the_hamlet_come_first() {
    let w = World::new();
    let ctx = w.ctx();
    let mut state = State::new(&ctx).unwrap();
    state.handle(Action::Mediation(CaseAction::ByHamlet), &ctx).unwrap();
    let hamlet = state.filter.hamlet.unwrap();
    let Effect::Form(form) = state.handle(Action::New, &ctx).unwrap() else { panic!("no form") };
    let name = w.store.get::<Hamlet>(hamlet).unwrap().unwrap().display_name();
    assert_eq!(form.value(Field::Hamlet), name);
    let first = &options(&form, Field::Mediators, Some(1))[1];
    let teams = w.store.teams_in_hamlet(Some(hamlet)).unwrap();
    assert!(teams.iter().any(|t| first.ends_with(&t.name)), "{first} is of a team of {name}");
}

#[test]
fn party_errors_land_on_their_row() {
    let w = World::new();
    let ctx = w.ctx();
    let mut form = build_form(&FormKind::Case(None), &ctx).unwrap();
    fill(&mut form, Field::PartyName, Some(1), "Nguyễn Văn Tèo");
    fill(&mut form, Field::PartyAge, Some(3), "200");
    fill(&mut form, Field::Content, None, "Cãi nhau");
    let errors = submit_form(&form, &ctx).unwrap_err();
    assert_eq!(errors, vec![FieldError::in_row(Field::PartyAge, 3, Problem::OutOfRange { min: 1, max: 120 })]);
    fill(&mut form, Field::PartyAge, Some(3), "");
    let w2 = submit_form(&form, &ctx).unwrap();
    let Err(StoreError::Invalid(errors)) = write::apply(&w.store, w2) else { panic!("saved without party 2") };
    assert_eq!(errors, vec![FieldError::in_row(Field::PartyName, 2, Problem::Required)]);
    form.set_errors(Lang::Vi, &errors);
    let f = &form.fields[form.focus];
    assert_eq!((f.field, f.row), (Field::PartyName, Some(2)));
}

/// A case of the demo in `status`, preferring one without flags.
fn case_in(w: &World, status: CaseStatus) -> MediationCase {
    w.cases().into_iter().find(|c| c.status == status).unwrap()
}

#[test]
fn a_status_step_appends_to_the_history() {
    let w = World::new();
    let ctx = w.ctx();
    let mut state = State::new(&ctx).unwrap();
    let case = case_in(&w, CaseStatus::Received);
    state.show(Target { kind: EntityKind::Case, id: case.id }, &ctx).unwrap();
    let Effect::Form(mut form) = state.handle(Action::Mediation(CaseAction::Move), &ctx).unwrap() else {
        panic!("no form")
    };
    assert_eq!(form.value(Field::Status), "Đang hòa giải");
    fill(&mut form, Field::Notes, None, "Họp hai bên lần 1");
    let saved = saved_case(submit_form(&form, &ctx).unwrap());
    assert_eq!(saved.status, CaseStatus::InProgress);
    assert_eq!(saved.started, Some(today()));
    assert_eq!(saved.history.len(), case.history.len() + 1);
    assert_eq!(saved.history.last().unwrap().note, "Họp hai bên lần 1");
    w.apply(&mut state, Write::Save(AnyRecord::Case(Box::new(saved))));
    let d = state.detail.as_ref().unwrap();
    assert_eq!(d.case.status, CaseStatus::InProgress);
    assert!(d.flags.iter().all(|f| !matches!(f, crate::domain::Warning::CaseLateStart { .. })));
}

#[test]
fn closing_needs_the_agreement_and_offers_a_follow_up() {
    let w = World::new();
    let ctx = w.ctx();
    let case = case_in(&w, CaseStatus::InProgress);
    let mut form = build_form(&FormKind::CaseStatus { case: case.id }, &ctx).unwrap();
    assert_eq!(form.value(Field::Status), "Hòa giải thành");
    assert_eq!(submit_form(&form, &ctx).unwrap_err(), vec![FieldError::new(Field::Agreement, Problem::Required)]);
    fill(&mut form, Field::Status, None, "Hòa giải không thành");
    assert_eq!(submit_form(&form, &ctx).unwrap_err(), vec![FieldError::new(Field::Agreement, Problem::Required)]);
    fill(&mut form, Field::Status, None, "Đã chuyển cơ quan có thẩm quyền");
    assert_eq!(submit_form(&form, &ctx).unwrap_err(), vec![FieldError::new(Field::Notes, Problem::Required)]);

    fill(&mut form, Field::Status, None, "Hòa giải thành");
    fill(&mut form, Field::Agreement, None, "Hai bên thống nhất mốc giới");
    fill(&mut form, Field::Closed, None, "20/11/2026");
    let saved = saved_case(submit_form(&form, &ctx).unwrap());
    assert_eq!(saved.status, CaseStatus::Successful);
    assert_eq!(saved.closed, NaiveDate::from_ymd_opt(2026, 11, 20));
    let due = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
    assert_eq!(saved.follow_up, Some(FollowUp { due, kept: None, note: String::new() }), "closing + 30 days");
    write::apply(&w.store, Write::Save(AnyRecord::Case(Box::new(saved)))).unwrap();
}

#[test]
fn a_step_the_log_book_does_not_allow_is_refused_on_the_status() {
    let w = World::new();
    let ctx = w.ctx();
    let case = case_in(&w, CaseStatus::Successful);
    let mut form = build_form(&FormKind::CaseStatus { case: case.id }, &ctx).unwrap();
    assert_eq!(options(&form, Field::Status, None), vec!["— Giữ nguyên trạng thái", "Đang hòa giải"]);
    // As a stale draft would say.
    form.fields[0].input = Input::new("Hòa giải không thành".into());
    fill(&mut form, Field::Agreement, None, "x");
    assert_eq!(submit_form(&form, &ctx).unwrap_err(), vec![FieldError::new(Field::Status, Problem::BadTransition)]);
}

#[test]
fn a_follow_up_result_is_recorded_on_a_successful_case() {
    let w = World::new();
    let ctx = w.ctx();
    let mut state = State::new(&ctx).unwrap();
    let received = case_in(&w, CaseStatus::Received);
    state.show(Target { kind: EntityKind::Case, id: received.id }, &ctx).unwrap();
    assert!(matches!(state.handle(Action::Mediation(CaseAction::Follow), &ctx).unwrap(), Effect::Status(_)));

    let case = case_in(&w, CaseStatus::Successful);
    state.show(Target { kind: EntityKind::Case, id: case.id }, &ctx).unwrap();
    let Effect::Form(mut form) = state.handle(Action::Mediation(CaseAction::Follow), &ctx).unwrap() else {
        panic!("no form")
    };
    assert_eq!(form.fields[form.focus].field, Field::FollowUpKept);
    fill(&mut form, Field::FollowUpKept, None, "Có thực hiện");
    fill(&mut form, Field::FollowUpNote, None, "Đã cắm lại mốc");
    let saved = saved_case(submit_form(&form, &ctx).unwrap());
    assert_eq!(saved.status, CaseStatus::Successful);
    assert_eq!(saved.history, case.history, "keeping the status adds no step");
    let f = saved.follow_up.clone().unwrap();
    assert_eq!((f.kept, f.note.as_str()), (Some(true), "Đã cắm lại mốc"));
    w.apply(&mut state, Write::Save(AnyRecord::Case(Box::new(saved))));
    assert!(!state.rows.iter().find(|r| r.id == case.id).unwrap().follow_up_due);
}

#[test]
fn editing_keeps_the_number_the_steps_and_the_household_links() {
    let w = World::new();
    let ctx = w.ctx();
    let case = w.cases().into_iter().find(|c| c.parties.iter().any(|p| p.household.is_some())).unwrap();
    let mut form = build_form(&FormKind::Case(Some(case.id)), &ctx).unwrap();
    fill(&mut form, Field::Content, None, "Nội dung đã sửa");
    let saved = saved_case(submit_form(&form, &ctx).unwrap());
    assert_eq!((saved.id, saved.year, saved.seq), (case.id, case.year, case.seq));
    assert_eq!(saved.history, case.history);
    assert_eq!(saved.parties, case.parties);
    assert_eq!(saved.mediators, case.mediators);
    assert_eq!(saved.content, "Nội dung đã sửa");
}

#[test]
fn lookup_opens_a_case_hidden_by_the_filters() {
    let w = World::new();
    let ctx = w.ctx();
    let mut state = State::new(&ctx).unwrap();
    state.handle(Action::Mediation(CaseAction::ByStatus), &ctx).unwrap();
    let closed = case_in(&w, CaseStatus::Withdrawn);
    state.show(Target { kind: EntityKind::Case, id: closed.id }, &ctx).unwrap();
    assert!(state.filter.is_empty());
    assert_eq!(state.selected_row().unwrap().id, closed.id);
    assert_eq!(state.detail.as_ref().unwrap().case.id, closed.id);
    state.handle(Action::Back, &ctx).unwrap();
    assert!(state.detail.is_none());
}

#[test]
fn delete_asks_first() {
    let w = World::new();
    let ctx = w.ctx();
    let mut state = State::new(&ctx).unwrap();
    let number = state.selected_row().unwrap().number();
    let Effect::Confirm { question, write } = state.handle(Action::Delete, &ctx).unwrap() else { panic!() };
    assert_eq!(question, format!("Xóa vụ việc {number}? (c/k)"));
    let before = state.rows.len();
    w.apply(&mut state, write);
    assert_eq!(state.rows.len(), before - 1);
}

#[test]
fn a_refresh_after_writes_equals_a_full_load() {
    let w = World::new();
    let ctx = w.ctx();
    let mut state = State::new(&ctx).unwrap();
    let mut case = case_in(&w, CaseStatus::Received);
    case.content = "Đã sửa nội dung".into();
    w.apply(&mut state, Write::Save(AnyRecord::Case(Box::new(case))));
    let gone = case_in(&w, CaseStatus::Withdrawn).id;
    w.apply(&mut state, Write::Delete(EntityKind::Case, gone));
    let mut copy = case_in(&w, CaseStatus::InProgress);
    copy.id = 0;
    copy.seq = 0;
    w.apply(&mut state, Write::Save(AnyRecord::Case(Box::new(copy))));
    assert_eq!(state.rows, State::new(&ctx).unwrap().rows);
    assert!(!state.rows.iter().any(|r| r.id == gone));
}

#[test]
fn changed_settings_move_the_flags() {
    let w = World::new();
    let mut state = State::new(&w.ctx()).unwrap();
    let before = state.counts.overdue;
    let mut commune = w.commune.clone();
    commune.settings.overdue_days = 365;
    let ctx = crate::tui::screens::fixture::clerk_ctx(&w.store, &commune, today());
    state.refresh(&ctx).unwrap();
    assert!(state.counts.overdue < before);
}

#[test]
fn h_asks_for_the_history_of_the_case_from_the_list_or_its_page() {
    let w = World::new();
    let mut state = State::new(&w.ctx()).unwrap();
    let row = state.selected_row().unwrap().clone();
    let Effect::History { title, records } = state.handle(Action::History, &w.ctx()).unwrap() else {
        panic!("a history")
    };
    assert_eq!(title, format!("{} {}", row.number(), row.parties));
    assert_eq!(records, [Target { kind: EntityKind::Case, id: row.id }]);
    state.handle(Action::Open, &w.ctx()).unwrap();
    let Effect::History { records, .. } = state.handle(Action::History, &w.ctx()).unwrap() else { panic!("a history") };
    assert_eq!(records, [Target { kind: EntityKind::Case, id: row.id }]);
    assert!(state.detail.is_some(), "the case page stays open under the history");
}
