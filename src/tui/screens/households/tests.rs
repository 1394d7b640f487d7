//! Key -> action -> state tests of the Households screen on a small seeded
//! demo commune, on a fixed clock (Monday 23 November 2026, 09:00).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::table::{Mark, Sort};
use super::{Pane, State};
use crate::domain::text::fold;
use crate::domain::{Commitment, CommitmentStatus, Commune, EntityKind, Field, Household};
use crate::store::Store;
use crate::tui::Action;
use crate::tui::action::HouseholdAction;
use crate::tui::form::FormKind;
use crate::tui::screens::ScreenState;
use crate::tui::screens::fixture::today;
use crate::tui::screens::{Ctx, Effect, Target};
use crate::tui::write::{self, AnyRecord, Write};

struct Fx {
    _dir: tempfile::TempDir,
    store: Store,
    commune: Commune,
}

impl Fx {
    fn new() -> Fx {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::tui::screens::fixture::demo_store(&dir, 300, 11);
        let commune = store.commune().unwrap().unwrap();
        Fx { _dir: dir, store, commune }
    }

    fn ctx(&self) -> Ctx<'_> {
        crate::tui::screens::fixture::clerk_ctx(&self.store, &self.commune, today())
    }

    /// The screen as the app first shows it: made, then refreshed.
    fn state(&self) -> State {
        let mut s = State::new(&self.ctx()).unwrap();
        s.refresh(&self.ctx()).unwrap();
        s
    }

    fn act(&self, s: &mut State, action: Action) -> Effect {
        s.handle(action, &self.ctx()).unwrap()
    }

    fn key(&self, s: &mut State, code: KeyCode) -> Effect {
        s.type_key(KeyEvent::new(code, KeyModifiers::NONE), &self.ctx()).unwrap()
    }

    fn typed(&self, s: &mut State, text: &str) {
        for c in text.chars() {
            self.key(s, KeyCode::Char(c));
        }
    }

    /// Applies a write as the app would, then refreshes the screen.
    fn apply(&self, s: &mut State, effect: Effect) {
        let Effect::Write(w) = effect else { panic!("expected a write") };
        write::apply(&self.store, w).unwrap();
        s.refresh(&self.ctx()).unwrap();
    }
}

fn rows(s: &State) -> Vec<&super::table::Row> {
    (0..s.table.len()).map(|i| s.table.get(i).unwrap()).collect()
}

fn ids(s: &State) -> Vec<u64> {
    rows(s).iter().map(|r| r.id).collect()
}

const SORT: Action = Action::Households(HouseholdAction::Sort);
const STATUS: Action = Action::Households(HouseholdAction::Status);
const SEARCH: Action = Action::Households(HouseholdAction::Search);
const HAMLET: Action = Action::Households(HouseholdAction::Hamlet);
const SIGN: Action = Action::Households(HouseholdAction::Sign);
const REFUSE: Action = Action::Households(HouseholdAction::Refuse);
const VIOLATION: Action = Action::Households(HouseholdAction::Violation);

#[test]
fn the_table_lists_every_household_with_this_years_status() {
    let fx = Fx::new();
    let s = fx.state();
    assert_eq!(s.year, 2026);
    assert_eq!(s.table.total(), 300);
    assert_eq!(s.table.len(), 300);
    // The marks count the households living here (as the dashboard and
    // reports do); those moved out are counted apart.
    let living: std::collections::HashSet<u64> = fx
        .store
        .all::<Household>()
        .unwrap()
        .iter()
        .filter(|h| !matches!(h.status, crate::domain::HouseholdStatus::MovedOut { .. }))
        .map(|h| h.id)
        .collect();
    let signed = fx.store.commitments_for_year(2026).unwrap();
    let signed =
        signed.iter().filter(|c| c.status == CommitmentStatus::Signed && living.contains(&c.household)).count();
    assert_eq!(s.counts[Mark::Signed as usize], signed);
    assert!(s.moved > 0, "the demo has households that moved out");
    assert_eq!(s.counts.iter().sum::<usize>(), living.len());
    assert_eq!(s.moved, 300 - living.len());
    let codes: Vec<&str> = rows(&s).iter().map(|r| r.code()).collect();
    assert!(codes.windows(2).all(|w| w[0] <= w[1]), "sorted by code");
    assert!(s.detail.is_some(), "the first household is shown");
}

#[test]
fn the_hamlet_chooser_filters_by_hamlet() {
    let fx = Fx::new();
    let mut s = fx.state();
    let hamlet = s.hamlets[1].clone();
    fx.act(&mut s, HAMLET);
    assert!(s.typing());
    fx.typed(&mut s, &hamlet.code.to_lowercase());
    fx.key(&mut s, KeyCode::Enter);
    assert!(!s.typing());
    assert_eq!(s.filters.hamlet, Some(hamlet.id));
    let expected = fx.store.households_in_hamlet(hamlet.id).unwrap().len();
    assert_eq!(s.table.len(), expected);
    assert!(rows(&s).iter().all(|r| s.hamlets[usize::from(r.hamlet)].id == hamlet.id));
    // Back to all hamlets: the chooser's first line.
    fx.act(&mut s, HAMLET);
    fx.key(&mut s, KeyCode::Home);
    for _ in 0..200 {
        fx.key(&mut s, KeyCode::Up);
    }
    fx.key(&mut s, KeyCode::Enter);
    assert_eq!(s.filters.hamlet, None);
    assert_eq!(s.table.len(), 300);
}

#[test]
fn the_status_filter_cycles_through_the_marks() {
    let fx = Fx::new();
    let mut s = fx.state();
    let year = fx.store.commitments_for_year(2026).unwrap();
    let count = |st: CommitmentStatus| year.iter().filter(|c| c.status == st).count();
    fx.act(&mut s, STATUS);
    assert_eq!(s.filters.mark, Some(Mark::Signed));
    assert_eq!(s.table.len(), count(CommitmentStatus::Signed));
    fx.act(&mut s, STATUS);
    assert_eq!(s.table.len(), count(CommitmentStatus::Refused));
    assert!(rows(&s).iter().all(|r| r.mark == Mark::Refused));
    fx.act(&mut s, STATUS);
    assert_eq!(s.table.len(), count(CommitmentStatus::Absent));
    fx.act(&mut s, STATUS);
    assert_eq!(s.filters.mark, Some(Mark::NotYet));
    assert!(s.table.len() > 0, "the demo leaves some households to visit");
    for r in rows(&s) {
        assert!(!r.moved_out);
        assert_eq!(fx.store.commitment_for(r.id, 2026).unwrap(), None);
    }
    fx.act(&mut s, STATUS);
    assert_eq!(s.filters.mark, None);
    assert_eq!(s.table.len(), 300);
}

#[test]
fn typed_text_filters_without_diacritics_and_narrows_incrementally() {
    let fx = Fx::new();
    let mut s = fx.state();
    fx.act(&mut s, SEARCH);
    fx.typed(&mut s, "nguyen v");
    let narrowed = ids(&s);
    assert!(!narrowed.is_empty());
    for r in rows(&s) {
        let key = fold(r.head());
        assert!(key.contains("nguyen") && key.contains('v'), "{}", r.head());
    }
    // The narrowed view is what a full pass gives.
    s.table.filter(&s.filters, &s.hamlets);
    assert_eq!(ids(&s), narrowed);
    // Typed with diacritics, the same households.
    for _ in 0.."nguyen v".len() {
        fx.key(&mut s, KeyCode::Backspace);
    }
    assert_eq!(s.table.len(), 300);
    fx.typed(&mut s, "Nguyễn V");
    assert_eq!(ids(&s), narrowed);
    // Enter keeps the filter; a code matches too.
    fx.key(&mut s, KeyCode::Enter);
    assert!(!s.typing());
    assert_eq!(s.filters.text, "Nguyễn V");
    let code = fx.store.all::<Household>().unwrap()[42].code.clone();
    fx.act(&mut s, SEARCH);
    fx.key(&mut s, KeyCode::Esc);
    assert_eq!(s.table.len(), 300, "Esc in the search line clears it");
    fx.act(&mut s, SEARCH);
    fx.typed(&mut s, &code.to_lowercase());
    assert_eq!(rows(&s).iter().map(|r| r.code()).collect::<Vec<_>>(), vec![code.as_str()]);
}

#[test]
fn sort_cycles_code_name_hamlet() {
    let fx = Fx::new();
    let mut s = fx.state();
    fx.act(&mut s, SORT);
    assert_eq!(s.filters.sort, Sort::Name);
    let names: Vec<String> = rows(&s).iter().map(|r| fold(r.head())).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
    fx.act(&mut s, SORT);
    assert_eq!(s.filters.sort, Sort::Hamlet);
    let codes: Vec<&str> = rows(&s).iter().map(|r| s.hamlets[usize::from(r.hamlet)].code.as_str()).collect();
    assert!(codes.windows(2).all(|w| w[0] <= w[1]));
    fx.act(&mut s, SORT);
    assert_eq!(s.filters.sort, Sort::Code);
}

#[test]
fn the_selection_stays_on_its_household() {
    let fx = Fx::new();
    let mut s = fx.state();
    for _ in 0..5 {
        fx.act(&mut s, Action::Down);
    }
    let id = s.selected_id().unwrap();
    assert_eq!(s.detail.as_ref().unwrap().household.id, id);
    // Sorting by name moves it, the selection follows.
    fx.act(&mut s, SORT);
    assert_eq!(s.selected_id(), Some(id));
    // A new household sorted before it does not move the selection either.
    let hamlet = s.hamlets[0].id;
    write::apply(&fx.store, Write::Save(AnyRecord::Household(Household::new("A00-0001", hamlet, "Ân Văn A")))).unwrap();
    s.refresh(&fx.ctx()).unwrap();
    assert_eq!(s.table.total(), 301);
    assert_eq!(s.selected_id(), Some(id));
    // Paging and the ends.
    fx.act(&mut s, Action::Bottom);
    assert_eq!(s.selected, 300);
    fx.act(&mut s, Action::PageDown);
    assert_eq!(s.selected, 300);
    fx.act(&mut s, Action::Top);
    assert_eq!(s.selected, 0);
    fx.act(&mut s, Action::PageDown);
    assert_eq!(s.selected, s.page.get());
}

fn select_first(fx: &Fx, s: &mut State, mark: Mark) {
    while s.filters.mark != Some(mark) {
        fx.act(s, STATUS);
    }
    assert!(s.table.len() > 0, "the demo has a household marked {mark:?}");
}

#[test]
fn s_signs_today_in_one_write() {
    let fx = Fx::new();
    let mut s = fx.state();
    select_first(&fx, &mut s, Mark::NotYet);
    let h = s.detail.as_ref().unwrap().household.clone();
    let effect = fx.act(&mut s, SIGN);
    let Effect::Write(Write::Save(AnyRecord::Commitment(c))) = &effect else { panic!("expected a commitment") };
    assert_eq!((c.id, c.household, c.year), (0, h.id, 2026));
    assert_eq!(c.status, CommitmentStatus::Signed);
    assert_eq!(c.date, today());
    assert_eq!(c.items, fx.commune.default_items());
    assert_eq!(c.representative, h.head_name);
    fx.apply(&mut s, effect);
    let stored = fx.store.commitment_for(h.id, 2026).unwrap().unwrap();
    assert_eq!(stored.status, CommitmentStatus::Signed);
    // Still filtered on "not yet": it left the list; back to all, it is signed.
    assert_eq!(s.table.position(h.id), None);
    fx.act(&mut s, Action::Back);
    let at = s.table.position(h.id).unwrap();
    assert_eq!(s.table.get(at).unwrap().mark, Mark::Signed);
    // A second `s` does not move the signing date.
    s.selected = at;
    s.load_selected(&fx.ctx()).unwrap();
    assert!(matches!(fx.act(&mut s, SIGN), Effect::Status(t) if t.contains("23/11/2026")));
}

#[test]
fn s_turns_a_refusal_into_a_signature() {
    let fx = Fx::new();
    let mut s = fx.state();
    select_first(&fx, &mut s, Mark::Refused);
    let id = s.selected_id().unwrap();
    let before = fx.store.commitment_for(id, 2026).unwrap().unwrap();
    let Effect::Write(Write::Save(AnyRecord::Commitment(c))) = fx.act(&mut s, SIGN) else { panic!() };
    assert_eq!(c.id, before.id, "the year's commitment is updated, not doubled");
    assert_eq!((c.status, c.date, c.reason.as_str()), (CommitmentStatus::Signed, today(), ""));
}

#[test]
fn r_and_v_open_the_right_forms() {
    let fx = Fx::new();
    let mut s = fx.state();
    select_first(&fx, &mut s, Mark::NotYet);
    let Effect::Form(form) = fx.act(&mut s, REFUSE) else { panic!("expected a form") };
    assert_eq!(form.choice(Field::Status), 1);
    assert_eq!(form.fields[form.focus].field, Field::Reason);
    assert_eq!(form.value(Field::Year), "2026");
    assert!(matches!(fx.act(&mut s, VIOLATION), Effect::Status(t) if t.contains("2026")));
    select_first(&fx, &mut s, Mark::Signed);
    let Effect::Form(form) = fx.act(&mut s, VIOLATION) else { panic!("expected a form") };
    assert!(matches!(form.kind, FormKind::Violation { .. }));
}

#[test]
fn filters_are_remembered_and_esc_clears_them() {
    let fx = Fx::new();
    let mut s = fx.state();
    fx.act(&mut s, STATUS);
    fx.act(&mut s, SORT);
    fx.act(&mut s, SEARCH);
    fx.typed(&mut s, "thi");
    fx.key(&mut s, KeyCode::Enter);
    let again = fx.state();
    assert_eq!(again.filters, s.filters);
    assert_eq!(ids(&again), ids(&s));
    // Esc leaves the detail first, then clears the filters.
    fx.act(&mut s, Action::Open);
    assert_eq!(s.pane, Pane::Detail);
    fx.act(&mut s, Action::Back);
    assert_eq!(s.pane, Pane::List);
    assert!(matches!(fx.act(&mut s, Action::Back), Effect::Status(_)));
    assert!(s.filters.is_default());
    assert_eq!(s.table.len(), 300);
    assert!(fx.state().filters.is_default());
}

#[test]
fn the_lookup_opens_a_household_hidden_by_the_filters() {
    let fx = Fx::new();
    let mut s = fx.state();
    select_first(&fx, &mut s, Mark::Refused);
    let hidden = fx.store.all::<Household>().unwrap().into_iter().find(|h| s.table.position(h.id).is_none()).unwrap();
    s.show(Target { kind: EntityKind::Household, id: hidden.id }, &fx.ctx()).unwrap();
    assert_eq!(s.selected_id(), Some(hidden.id));
    assert_eq!(s.pane, Pane::Detail);
    assert_eq!(s.filters.mark, None);
    // A commitment opens its household.
    let c: Commitment = fx.store.commitments_for_year(2025).unwrap().remove(3);
    s.show(Target { kind: EntityKind::Commitment, id: c.id }, &fx.ctx()).unwrap();
    assert_eq!(s.selected_id(), Some(c.household));
}

#[test]
fn delete_asks_and_names_the_commitments() {
    let fx = Fx::new();
    let mut s = fx.state();
    let d = s.detail.clone().unwrap();
    let Effect::Confirm { question, write } = fx.act(&mut s, Action::Delete) else { panic!("expected a question") };
    assert!(question.contains(&d.household.code));
    assert!(question.contains(&format!("{} bản cam kết", d.commitments.len())), "{question}");
    assert!(matches!(write, Write::Delete(EntityKind::Household, id) if id == d.household.id));
}

#[test]
fn the_household_form_round_trips() {
    let fx = Fx::new();
    let mut s = fx.state();
    let h = s.detail.as_ref().unwrap().household.clone();
    let Effect::Form(form) = fx.act(&mut s, Action::Edit) else { panic!("expected a form") };
    let Ok(Write::Save(AnyRecord::Household(back))) = super::submit_form(&form, &fx.ctx()) else { panic!() };
    assert_eq!(back, h);
    // In a hamlet's list, a new household gets that hamlet and the next code.
    fx.act(&mut s, HAMLET);
    fx.key(&mut s, KeyCode::Down);
    fx.key(&mut s, KeyCode::Enter);
    let hamlet = s.hamlets[0].clone();
    let last = rows(&s).iter().map(|r| r.code().to_string()).max().unwrap();
    let Effect::Form(form) = fx.act(&mut s, Action::New) else { panic!("expected a form") };
    assert_eq!(form.value(Field::Hamlet), format!("{} ({})", hamlet.name, hamlet.code));
    let next: u32 = last.rsplit('-').next().unwrap().parse::<u32>().unwrap() + 1;
    assert_eq!(form.value(Field::HouseholdCode), format!("{}-{next:04}", hamlet.code));
    let errors = super::submit_form(&form, &fx.ctx()).unwrap_or_else(|_| panic!("parses"));
    // An empty form parses; the store then says what is missing.
    assert!(write::apply(&fx.store, errors).is_err());
}

#[test]
fn h_asks_for_the_history_of_the_household_and_its_commitments() {
    let fx = Fx::new();
    let mut s = fx.state();
    let d = s.detail.clone().unwrap();
    assert!(!d.commitments.is_empty());
    let Effect::History { title, records } = fx.act(&mut s, Action::History) else { panic!("a history") };
    assert_eq!(title, format!("{} {}", d.household.code, d.household.head_name));
    let mut expected = vec![Target { kind: EntityKind::Household, id: d.household.id }];
    expected.extend(d.commitments.iter().map(|c| Target { kind: EntityKind::Commitment, id: c.id }));
    assert_eq!(records, expected);
    assert_eq!(s.pane, Pane::List, "the history is an overlay; the screen stays as it was");
}

/// What the table shows, to compare an updated table with a fresh one.
fn picture(s: &State) -> Vec<(u64, String, String, Mark, bool)> {
    rows(s).iter().map(|r| (r.id, r.code().to_string(), r.head().to_string(), r.mark, r.moved_out)).collect()
}

#[test]
fn updating_after_writes_agrees_with_a_full_load() {
    let fx = Fx::new();
    let mut s = fx.state();
    let mut undo = crate::tui::undo::UndoStack::default();
    let mut apply = |s: &mut State, w: Write| {
        write::apply(&fx.store, w).unwrap();
        undo.push(fx.store.last_group().unwrap());
        s.refresh(&fx.ctx()).unwrap();
    };
    // Sign a household, then delete another one's commitment.
    select_first(&fx, &mut s, Mark::NotYet);
    let Effect::Write(w) = fx.act(&mut s, SIGN) else { panic!() };
    apply(&mut s, w);
    fx.act(&mut s, Action::Back);
    let c = fx.store.commitments_for_year(2026).unwrap().remove(5);
    apply(&mut s, Write::Delete(EntityKind::Commitment, c.id));
    assert_eq!(s.table.get(s.table.position(c.household).unwrap()).unwrap().mark, Mark::NotYet);
    // Rename a head, delete a household, add one.
    let mut h = fx.store.get::<Household>(s.table.get(7).unwrap().id).unwrap().unwrap();
    h.head_name = "Đặng Thị Zuyên".into();
    apply(&mut s, Write::Save(AnyRecord::Household(h)));
    let gone = s.table.get(9).unwrap().id;
    apply(&mut s, Write::Delete(EntityKind::Household, gone));
    assert_eq!(s.table.position(gone), None);
    let first_hamlet = s.hamlets[0].id;
    apply(&mut s, Write::Save(AnyRecord::Household(Household::new("T99-0001", first_hamlet, "Lò Văn Mới"))));
    assert_eq!(s.table.total(), 300);
    assert_eq!(picture(&s), picture(&fx.state()));
    // Undo the delete: the household and its commitments come back.
    undo.undo(&fx.store).unwrap();
    undo.undo(&fx.store).unwrap();
    s.refresh(&fx.ctx()).unwrap();
    assert!(s.table.position(gone).is_some());
    assert_eq!(picture(&s), picture(&fx.state()));
    // A new hamlet reloads everything (the chooser lists it).
    let hamlet = crate::domain::Hamlet::new("T99", "Mới", crate::domain::HamletKind::Thon);
    write::apply(&fx.store, Write::Save(AnyRecord::Hamlet(hamlet))).unwrap();
    s.refresh(&fx.ctx()).unwrap();
    assert!(s.hamlets.iter().any(|h| h.code == "T99"));
}

#[test]
fn d_deletes_the_commitment_of_the_year_shown_after_a_question() {
    let fx = Fx::new();
    let mut s = fx.state();
    select_first(&fx, &mut s, Mark::Refused);
    let d = s.detail.clone().unwrap();
    let c = d.commitment(2026).unwrap().clone();
    let Effect::Confirm { question, write } = fx.act(&mut s, Action::Households(HouseholdAction::DeleteCommitment))
    else {
        panic!("a question first")
    };
    assert_eq!(
        question,
        format!("Xóa bản cam kết năm 2026 của hộ {} {}? (c/k)", d.household.code, d.household.head_name)
    );
    assert!(matches!(write, Write::Delete(EntityKind::Commitment, id) if id == c.id));
    write::apply(&fx.store, write).unwrap();
    assert!(fx.store.get::<Household>(d.household.id).unwrap().is_some(), "the household stays");
    assert_eq!(fx.store.commitment_for(d.household.id, 2026).unwrap(), None);
    s.refresh(&fx.ctx()).unwrap();
    select_first(&fx, &mut s, Mark::NotYet);
    let Effect::Status(text) = fx.act(&mut s, Action::Households(HouseholdAction::DeleteCommitment)) else {
        panic!("a message")
    };
    assert_eq!(text, "Hộ chưa có bản cam kết năm 2026");
}

/// Signing a household and deleting its commitment, kept selected in the
/// whole list: the refresh reads only the commitment written, and the
/// detail and the row it builds agree with reading them afresh.
#[test]
fn a_refresh_after_a_commitment_change_agrees_with_a_fresh_read() {
    let fx = Fx::new();
    let mut s = fx.state();
    for mark in [Mark::Refused, Mark::NotYet] {
        select_first(&fx, &mut s, mark);
        let id = s.detail.as_ref().unwrap().household.id;
        s.filters.mark = None;
        s.refilter();
        s.selected = s.table.position(id).unwrap();
        s.load_selected(&fx.ctx()).unwrap();
        let Effect::Write(w) = fx.act(&mut s, SIGN) else { panic!("s signs") };
        write::apply(&fx.store, w).unwrap();
        let before = fx.store.counts();
        s.refresh(&fx.ctx()).unwrap();
        let read = fx.store.counts().since(&before);
        assert_eq!(s.selected_id(), Some(id));
        assert_eq!(s.detail, super::detail::Detail::load(&fx.store, id).unwrap());
        assert_eq!((read.reads(crate::store::tables::T::Commitments), read.all_reads()), (1, 1), "{mark:?}");
        assert_eq!(row_mark(&s, id), Mark::Signed);
        let c = s.detail.as_ref().unwrap().commitment(2026).unwrap().id;
        write::apply(&fx.store, Write::Delete(EntityKind::Commitment, c)).unwrap();
        s.refresh(&fx.ctx()).unwrap();
        assert_eq!(s.detail, super::detail::Detail::load(&fx.store, id).unwrap());
        assert_eq!(row_mark(&s, id), Mark::NotYet);
    }
}

fn row_mark(s: &State, id: u64) -> Mark {
    s.table.get(s.table.position(id).unwrap()).unwrap().mark
}
