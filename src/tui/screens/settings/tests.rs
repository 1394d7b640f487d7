//! State tests of the Settings screen: actions in, state and writes out, on
//! a small seeded demo and on an empty ledger, with a fixed clock.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use tempfile::TempDir;
use tui_input::Input;

use super::*;
use crate::demo::{DemoOptions, generate};
use crate::domain::{Field, FieldError, Problem};
use crate::store::{Clock, OpenOptions, Store};
use crate::tui::App;
use crate::tui::form::{Form, FormKind};
use crate::tui::write::{self, AnyRecord, Write};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

struct Fixture {
    _dir: TempDir,
    store: Store,
    commune: Commune,
    lang: Lang,
}

impl Fixture {
    fn empty() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("db"), &OpenOptions::default()).unwrap();
        store.set_clock(Clock::Fixed(today().and_hms_opt(9, 0, 0).unwrap()));
        Fixture { _dir: dir, store, commune: Commune::new("", ""), lang: Lang::Vi }
    }

    fn demo() -> Fixture {
        let mut f = Fixture::empty();
        generate(&f.store, &DemoOptions { households: 300, seed: 7, today: today() }).unwrap();
        f.commune = f.store.commune().unwrap().unwrap();
        f
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            store: &self.store,
            lang: self.lang,
            today: today(),
            commune: &self.commune,
            grant: &crate::tui::screens::CLERK,
        }
    }

    fn state(&self) -> State {
        State::new(&self.ctx()).unwrap()
    }

    /// What the app does with a write: apply it, reload, refresh the screen.
    fn apply(&mut self, w: Write, state: &mut State) -> Result<(), StoreError> {
        write::apply(&self.store, w)?;
        self.commune = self.store.commune()?.unwrap_or_else(|| Commune::new("", ""));
        state.refresh(&self.ctx())
    }

    fn press(&self, state: &mut State, action: Action) -> Effect {
        state.handle(action, &self.ctx()).unwrap()
    }

    /// The action opens a form; returns it.
    fn form(&self, state: &mut State, action: Action) -> Form {
        match self.press(state, action) {
            Effect::Form(form) => *form,
            _ => panic!("{action:?} did not open a form"),
        }
    }

    fn submit(&self, form: &Form) -> Result<Write, Vec<FieldError>> {
        submit_form(form, &self.ctx())
    }
}

/// Sets the text of a field (the `n`th with that `Field`, from 0).
fn fill(form: &mut Form, field: Field, nth: usize, text: &str) {
    let f = form.fields.iter_mut().filter(|f| f.field == field).nth(nth).unwrap();
    f.input = Input::new(text.to_string());
}

fn saved_commune(w: Write) -> Commune {
    match w {
        Write::Save(AnyRecord::Commune(c)) => *c,
        other => panic!("not a commune save: {other:?}"),
    }
}

fn status(e: Effect) -> String {
    match e {
        Effect::Status(s) => s,
        _ => panic!("not a status"),
    }
}

#[test]
fn an_empty_ledger_starts_at_the_commune_and_the_first_save_creates_it() {
    let mut fx = Fixture::empty();
    let mut s = fx.state();
    assert_eq!((s.section, s.focus, s.saved()), (Section::Commune, Focus::Sections, false));
    assert!(s.hamlets.is_empty());

    let mut form = fx.form(&mut s, Action::Edit);
    assert_eq!(form.kind, FormKind::Commune);
    assert_eq!(fx.submit(&form).unwrap_err(), vec![FieldError::new(Field::CommuneName, Problem::Required)]);
    fill(&mut form, Field::CommuneName, 0, "  Xã Nhất Tiến ");
    fill(&mut form, Field::Province, 0, "Hưng Yên");
    fill(&mut form, Field::SignerTitle, 0, "Chủ tịch UBND xã");
    fill(&mut form, Field::SignerName, 0, "Nguyễn Văn An");
    fill(&mut form, Field::SignerTitle, 1, "Trưởng Công an xã");
    fill(&mut form, Field::SignerName, 1, "Trần Thị Bình");
    let w = fx.submit(&form).unwrap();
    let c = saved_commune(w.clone());
    assert_eq!((c.approver.name.as_str(), c.preparer.name.as_str()), ("Nguyễn Văn An", "Trần Thị Bình"));
    assert_eq!(c.preparer.title, "Trưởng Công an xã");
    fx.apply(w, &mut s).unwrap();
    let stored = fx.store.commune().unwrap().unwrap();
    assert_eq!((stored.name.as_str(), stored.province.as_str()), ("Xã Nhất Tiến", "Hưng Yên"));
    assert!(s.saved());
    // A new commune starts with the standard commitment items.
    assert_eq!(stored.catalog.len(), 12);
    assert_eq!(stored.catalog.iter().map(|i| i.id).collect::<Vec<_>>(), (1..=12).collect::<Vec<u16>>());
    assert!(stored.catalog.iter().all(|i| i.active));
    // Saving again does not touch the catalog.
    let mut form = fx.form(&mut s, Action::Edit);
    fill(&mut form, Field::Province, 0, "Thái Bình");
    assert_eq!(saved_commune(fx.submit(&form).unwrap()).catalog, stored.catalog);
}

#[test]
fn without_a_commune_the_catalog_rules_and_language_ask_for_it_first() {
    let fx = Fixture::empty();
    let mut s = fx.state();
    for action in [Action::Settings(SettingsAction::Next), Action::Settings(SettingsAction::Next)] {
        fx.press(&mut s, action);
    }
    assert_eq!(s.section, Section::Catalog);
    let said = status(fx.press(&mut s, Action::New));
    assert_eq!(said, T::NeedCommuneFirst.get(Lang::Vi));
    assert_eq!((s.section, s.focus), (Section::Commune, Focus::Sections));

    s.section = Section::Rules;
    assert!(matches!(fx.press(&mut s, Action::Edit), Effect::Status(_)));
    s.section = Section::Language;
    s.focus = Focus::Content;
    s.lang_sel = 1;
    assert!(matches!(fx.press(&mut s, Action::Open), Effect::Status(_)));
    assert_eq!(s.section, Section::Commune);
}

#[test]
fn hamlets_can_be_added_before_the_commune_exists() {
    let mut fx = Fixture::empty();
    let mut s = fx.state();
    s.section = Section::Hamlets;
    // Enter on an empty hamlet list opens the form for the first one.
    let mut form = fx.form(&mut s, Action::Open);
    assert_eq!(form.kind, FormKind::Hamlet(None));
    assert_eq!(form.value(Field::HamletCode), "");
    fill(&mut form, Field::HamletCode, 0, "t01");
    fill(&mut form, Field::HamletName, 0, "Đông");
    let w = fx.submit(&form).unwrap();
    fx.apply(w, &mut s).unwrap();
    assert_eq!(s.hamlets.len(), 1);
    assert_eq!((s.hamlets[0].code.as_str(), s.hamlets[0].name.as_str()), ("T01", "Thôn Đông"));
    // The next one is offered the next code.
    let form = fx.form(&mut s, Action::New);
    assert_eq!(form.value(Field::HamletCode), "T02");
}

#[test]
fn sections_and_lists_move_with_the_arrows_tab_enter_and_esc() {
    let fx = Fixture::demo();
    let mut s = fx.state();
    assert_eq!(s.section, Section::Commune);
    fx.press(&mut s, Action::Up);
    assert_eq!(s.section, Section::Commune);
    fx.press(&mut s, Action::Down);
    assert_eq!((s.section, s.focus), (Section::Hamlets, Focus::Sections));
    fx.press(&mut s, Action::Open);
    assert_eq!(s.focus, Focus::Content);
    fx.press(&mut s, Action::Down);
    fx.press(&mut s, Action::Down);
    assert_eq!((s.section, s.hamlet_sel), (Section::Hamlets, 2));
    fx.press(&mut s, Action::Bottom);
    assert_eq!(s.hamlet_sel, s.hamlets.len() - 1);
    fx.press(&mut s, Action::PageUp);
    assert_eq!(s.hamlet_sel, (s.hamlets.len() - 1).saturating_sub(10));
    fx.press(&mut s, Action::Back);
    assert_eq!(s.focus, Focus::Sections);
    fx.press(&mut s, Action::Down);
    assert_eq!(s.section, Section::Catalog);
    fx.press(&mut s, Action::Bottom);
    assert_eq!(s.section, Section::Language);
    // Tab wraps round and focuses the list of a list section.
    fx.press(&mut s, Action::Settings(SettingsAction::Next));
    assert_eq!((s.section, s.focus), (Section::Commune, Focus::Sections));
    fx.press(&mut s, Action::Settings(SettingsAction::Prev));
    assert_eq!((s.section, s.focus), (Section::Language, Focus::Content));
    fx.press(&mut s, Action::Settings(SettingsAction::Prev));
    assert_eq!((s.section, s.focus), (Section::Rules, Focus::Sections));
    fx.press(&mut s, Action::Settings(SettingsAction::ToContent));
    assert_eq!(s.focus, Focus::Sections, "the rules have no list to go into");
}

#[test]
fn hamlets_list_codes_names_and_what_uses_them() {
    let fx = Fixture::demo();
    let mut s = fx.state();
    // Counting waits until the screen is used: the app builds it at start.
    assert!(!s.counted && s.hamlets.iter().all(|h| h.households == 0));
    fx.press(&mut s, Action::Down);
    assert!(s.counted);
    assert!(s.hamlets.len() >= 10);
    assert!(s.hamlets.windows(2).all(|w| w[0].code <= w[1].code));
    let households: usize = s.hamlets.iter().map(|h| h.households).sum();
    assert_eq!(households, fx.store.count::<crate::domain::Household>());
    let first = &s.hamlets[0];
    assert_eq!(first.teams, fx.store.teams_in_hamlet(Some(first.id)).unwrap().len());
    assert_eq!(first.cases, fx.store.cases_in_hamlet(first.id).unwrap().len());
    assert!(s.hamlets.iter().any(|h| h.cases > 0));
}

#[test]
fn a_hamlet_is_edited_in_place_and_one_in_use_is_not_deleted() {
    let mut fx = Fixture::demo();
    let mut s = fx.state();
    s.section = Section::Hamlets;
    s.focus = Focus::Content;
    s.hamlet_sel = 1;
    let id = s.hamlets[1].id;
    let mut form = fx.form(&mut s, Action::Open);
    assert_eq!(form.kind, FormKind::Hamlet(Some(id)));
    fill(&mut form, Field::HamletName, 0, "Đoài Mới");
    let w = fx.submit(&form).unwrap();
    assert!(matches!(&w, Write::Save(AnyRecord::Hamlet(h)) if h.id == id));
    fx.apply(w, &mut s).unwrap();
    assert_eq!(s.selected_hamlet().unwrap().id, id, "the selection stays on the edited hamlet");
    assert!(s.selected_hamlet().unwrap().name.ends_with("Đoài Mới"));

    // A code already used comes back from the store as a field error.
    let mut form = fx.form(&mut s, Action::Edit);
    fill(&mut form, Field::HamletCode, 0, &s.hamlets[0].code.clone());
    let err = fx.apply(fx.submit(&form).unwrap(), &mut s).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(e) if e == vec![FieldError::new(Field::HamletCode, Problem::Duplicate)]));

    let Effect::Confirm { write, .. } = fx.press(&mut s, Action::Delete) else { panic!("no question") };
    assert!(matches!(write, Write::Delete(EntityKind::Hamlet, i) if i == id));
    assert!(matches!(fx.apply(write, &mut s), Err(StoreError::InUse { kind: EntityKind::Hamlet, .. })));
}

#[test]
fn the_first_save_says_on_the_form_what_it_adds() {
    let mut fx = Fixture::empty();
    let mut s = fx.state();
    let mut form = fx.form(&mut s, Action::Edit);
    let hint = |form: &Form, field| form.fields.iter().find(|f| f.field == field).and_then(|f| f.hint.clone());
    assert_eq!(hint(&form, Field::Province).as_deref(), Some("Lần lưu đầu thêm 12 nội dung cam kết chuẩn"));
    assert!(hint(&form, Field::CommuneName).is_some_and(|h| h.contains("Chữ Xã ghi hay không đều được")));
    fill(&mut form, Field::CommuneName, 0, "Tân Hòa");
    let w = fx.submit(&form).unwrap();
    assert_eq!(saved_commune(w.clone()).catalog.len(), 12, "what the hint said");
    fx.apply(w, &mut s).unwrap();
    let stored = fx.store.commune().unwrap().unwrap();
    assert_eq!((stored.name.as_str(), stored.full_name().as_str()), ("Tân Hòa", "Xã Tân Hòa"));
    // Once saved, the form says nothing of it.
    let form = fx.form(&mut s, Action::Edit);
    assert_eq!(hint(&form, Field::Province), None);
}

#[test]
fn an_unused_hamlet_is_deleted_after_the_question() {
    let mut fx = Fixture::demo();
    let mut s = fx.state();
    let before = s.hamlets.len();
    s.section = Section::Hamlets;
    let mut form = fx.form(&mut s, Action::New);
    fill(&mut form, Field::HamletCode, 0, "ZZ9");
    fill(&mut form, Field::HamletName, 0, "Mới");
    fx.apply(fx.submit(&form).unwrap(), &mut s).unwrap();
    assert_eq!(s.hamlets.len(), before + 1);
    assert_eq!(s.selected_hamlet().unwrap().code, "ZZ9", "the new hamlet is selected");
    let Effect::Confirm { write, .. } = fx.press(&mut s, Action::Delete) else { panic!("no question") };
    fx.apply(write, &mut s).unwrap();
    assert_eq!(s.hamlets.len(), before);
}

#[test]
fn catalog_items_are_added_renamed_and_retired_never_deleted() {
    let mut fx = Fixture::demo();
    let mut s = fx.state();
    let count = fx.commune.catalog.len();
    let top = fx.commune.catalog.iter().map(|i| i.id).max().unwrap();
    s.section = Section::Catalog;

    let mut form = fx.form(&mut s, Action::New);
    assert_eq!(form.kind, FormKind::CatalogItem(None));
    assert_eq!(fx.submit(&form).unwrap_err(), vec![FieldError::new(Field::CatalogItem, Problem::Required)]);
    fill(&mut form, Field::CatalogItem, 0, "Không thả rông gia súc trên đường");
    let w = fx.submit(&form).unwrap();
    let c = saved_commune(w.clone());
    assert_eq!(c.catalog.len(), count + 1);
    let added = c.catalog.last().unwrap();
    assert_eq!((added.id, added.active), (top + 1, true));
    fx.apply(w, &mut s).unwrap();
    assert_eq!(s.item_sel, count, "the new item is selected");

    let mut form = fx.form(&mut s, Action::Edit);
    assert_eq!(form.kind, FormKind::CatalogItem(Some(top + 1)));
    assert_eq!(form.value(Field::CatalogItem), "Không thả rông gia súc trên đường");
    fill(&mut form, Field::CatalogItem, 0, "Không thả rông gia súc");
    fx.apply(fx.submit(&form).unwrap(), &mut s).unwrap();
    let item = fx.commune.catalog.iter().find(|i| i.id == top + 1).unwrap();
    assert_eq!(item.text, "Không thả rông gia súc");
    assert_eq!(fx.commune.catalog.len(), count + 1);

    let Effect::Write(w) = fx.press(&mut s, Action::Settings(SettingsAction::Retire)) else { panic!("no write") };
    fx.apply(w, &mut s).unwrap();
    assert!(!fx.commune.catalog[count].active);
    assert!(!fx.commune.default_items().contains(&(top + 1)));
    let Effect::Write(w) = fx.press(&mut s, Action::Settings(SettingsAction::Retire)) else { panic!("no write") };
    fx.apply(w, &mut s).unwrap();
    assert!(fx.commune.catalog[count].active);

    assert_eq!(status(fx.press(&mut s, Action::Delete)), T::ItemsNeverDeleted.get(Lang::Vi));
    assert_eq!(fx.commune.catalog.len(), count + 1);
}

#[test]
fn numbers_out_of_range_or_not_numbers_are_field_errors() {
    let fx = Fixture::demo();
    let mut s = fx.state();
    s.section = Section::Rules;
    let mut form = fx.form(&mut s, Action::Open);
    assert_eq!(form.kind, FormKind::Rules);
    assert_eq!(form.value(Field::TeamMinMembers), "3");
    let errors = |form: &Form| fx.submit(form).unwrap_err();

    fill(&mut form, Field::TeamMinMembers, 0, "ba");
    fill(&mut form, Field::OverdueDays, 0, "");
    fill(&mut form, Field::CoverageTarget, 0, "101");
    assert_eq!(
        errors(&form),
        vec![
            FieldError::new(Field::TeamMinMembers, Problem::NotANumber),
            FieldError::new(Field::OverdueDays, Problem::Required),
            FieldError::new(Field::CoverageTarget, Problem::OutOfRange { min: 1, max: 100 }),
        ]
    );
    // Too big for the setting's type, negative, zero: the domain's bounds.
    fill(&mut form, Field::TeamMinMembers, 0, "300");
    fill(&mut form, Field::OverdueDays, 0, "-5");
    fill(&mut form, Field::CoverageTarget, 0, "0");
    assert_eq!(
        errors(&form),
        vec![
            FieldError::new(Field::TeamMinMembers, Problem::OutOfRange { min: 1, max: 50 }),
            FieldError::new(Field::OverdueDays, Problem::OutOfRange { min: 1, max: 365 }),
            FieldError::new(Field::CoverageTarget, Problem::OutOfRange { min: 1, max: 100 }),
        ]
    );

    fill(&mut form, Field::TeamMinMembers, 0, "5");
    fill(&mut form, Field::OverdueDays, 0, "45");
    fill(&mut form, Field::CoverageTarget, 0, "95");
    fill(&mut form, Field::Operator, 0, "Lê Thị Hoa");
    form.fields[4].control = crate::tui::form::Control::Select { options: vec!["a".into(), "b".into()], selected: 1 };
    let c = saved_commune(fx.submit(&form).unwrap());
    let set = &c.settings;
    assert_eq!((set.team_min_members, set.overdue_days, set.coverage_target_pct), (5, 45, 95));
    assert_eq!((set.operator.as_str(), set.language), ("Lê Thị Hoa", Lang::En));
    assert_eq!(c.catalog, fx.commune.catalog, "the rules form leaves the rest alone");
}

#[test]
fn e_in_the_language_section_opens_the_rules_at_the_language() {
    let fx = Fixture::demo();
    let mut s = fx.state();
    s.section = Section::Language;
    let form = fx.form(&mut s, Action::Edit);
    assert_eq!(form.kind, FormKind::Rules);
    assert_eq!(form.fields[form.focus].label, T::Language.get(Lang::Vi));
}

#[test]
fn h_asks_for_the_history_of_the_commune_or_the_selected_hamlet() {
    let fx = Fixture::demo();
    let mut s = fx.state();
    let Effect::History { title, records } = fx.press(&mut s, Action::History) else { panic!("a history") };
    assert_eq!(title, fx.commune.name);
    assert_eq!(records, [Target { kind: EntityKind::Commune, id: 0 }]);
    s.section = Section::Hamlets;
    s.focus = Focus::Content;
    fx.press(&mut s, Action::Down);
    let hamlet = s.selected_hamlet().unwrap().clone();
    let Effect::History { title, records } = fx.press(&mut s, Action::History) else { panic!("a history") };
    assert_eq!(title, hamlet.name);
    assert_eq!(records, [Target { kind: EntityKind::Hamlet, id: hamlet.id }]);
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
}

fn ctrl_s(app: &mut App) {
    app.on_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
}

#[test]
fn a_first_start_in_the_app_creates_the_commune_then_switches_language_and_operator() {
    let fx = Fixture::empty();
    let mut app = App::new(fx.store, Lang::Vi).unwrap();
    assert_eq!(app.screen, crate::tui::Screen::Settings);
    app.on_key(key(KeyCode::Char('e')));
    typed(&mut app, "Xã Nhất Tiến");
    ctrl_s(&mut app);
    assert_eq!(app.store.commune().unwrap().unwrap().name, "Xã Nhất Tiến");
    assert_eq!(app.commune.name, "Xã Nhất Tiến");

    // Language: Shift+Tab to the Language section, down to English, Enter.
    app.on_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    app.on_key(key(KeyCode::Down));
    app.on_key(key(KeyCode::Enter));
    assert_eq!(app.commune.settings.language, Lang::En);
    assert_eq!(app.lang, Lang::En, "the interface switches at once");

    // Operator: the rules form, fourth field.
    app.on_key(key(KeyCode::Up));
    app.on_key(key(KeyCode::Esc));
    app.on_key(key(KeyCode::Up));
    app.on_key(key(KeyCode::Char('e')));
    for _ in 0..3 {
        app.on_key(key(KeyCode::Tab));
    }
    typed(&mut app, "Lê Thị Hoa");
    ctrl_s(&mut app);
    assert_eq!(app.commune.settings.operator, "Lê Thị Hoa");
    assert_eq!(app.store.operator(), "Lê Thị Hoa");
    // Undoing the language change switches back.
    let lang_before = app.lang;
    app.on_key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    app.on_key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    assert_eq!((lang_before, app.lang), (Lang::En, Lang::Vi));
}

#[test]
fn every_section_draws_at_80x24_and_120x40_in_both_languages() {
    let fx = Fixture::demo();
    let empty = Fixture::empty();
    for (fx, expect) in [(&fx, "Chủ tịch UBND xã"), (&empty, "Sổ chưa có thông tin xã.")] {
        let mut s = fx.state();
        for lang in [Lang::Vi, Lang::En] {
            for area in [Rect::new(0, 0, 80, 21), Rect::new(0, 0, 120, 37), Rect::new(0, 0, 20, 5)] {
                for section in Section::ALL {
                    s.section = section;
                    let mut buf = Buffer::empty(area);
                    s.render(lang, area, &mut buf);
                }
            }
        }
        s.section = Section::Commune;
        let area = Rect::new(0, 0, 80, 21);
        let mut buf = Buffer::empty(area);
        s.render(Lang::Vi, area, &mut buf);
        let text: String = buf.content().iter().map(|c| c.symbol()).collect();
        assert!(text.contains(expect), "{expect} not drawn");
    }
}

/// Issue 13: `c` opens the plan's targets and due dates; each error lands
/// beside its own field (rows of one `Field`); a good save keeps the rest.
#[test]
fn the_plan_form_edits_targets_and_due_days() {
    let fx = Fixture::demo();
    let mut s = fx.state();
    s.section = Section::Rules;
    let mut form = fx.form(&mut s, Action::Settings(SettingsAction::Plan));
    assert_eq!(form.kind, FormKind::Plan);
    assert_eq!(form.fields.len(), 13);
    fill(&mut form, Field::PlanTarget, 1, "80");
    fill(&mut form, Field::DueDate, 2, "05/12");
    let c = saved_commune(fx.submit(&form).unwrap());
    assert_eq!((c.plan.reached_pct, c.plan.review_due), (80, crate::domain::DueDay::new(5, 12)));
    assert_eq!(c.plan.safe_pct, 90, "the others as they were");
    fill(&mut form, Field::PlanTarget, 2, "101");
    fill(&mut form, Field::DueDate, 0, "31/04");
    assert_eq!(
        fx.submit(&form).unwrap_err(),
        vec![
            FieldError::in_row(Field::PlanTarget, 3, Problem::OutOfRange { min: 0, max: 100 }),
            FieldError::in_row(Field::DueDate, 1, Problem::BadDate),
        ]
    );
}
