//! The Teams screen's state on a small seeded demo with a fixed clock:
//! keys become actions, actions change the selection, filters and move flow,
//! and forms produce the writes the store expects.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use tempfile::TempDir;
use tui_input::Input;

use super::filter::{Filter, Place};
use super::*;
use crate::domain::date::format_dmy;
use crate::domain::warnings::member_warnings;
use crate::domain::{Commune, Field, FieldError, Household, Problem, Role, Team, TeamKind, Warning};
use crate::store::Store;
use crate::tui::form::{Form, FormKind};
use crate::tui::write::{self, AnyRecord, Write};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

struct World {
    _dir: TempDir,
    store: Store,
    commune: Commune,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::tui::screens::fixture::demo_store(&dir, 400, 11);
        let commune = store.commune().unwrap().unwrap();
        World { _dir: dir, store, commune }
    }

    fn ctx(&self) -> Ctx<'_> {
        crate::tui::screens::fixture::clerk_ctx(&self.store, &self.commune, today())
    }

    fn state(&self) -> State {
        State::new(&self.ctx()).unwrap()
    }

    /// Applies a write as the app would, then refreshes the screen.
    fn apply(&self, state: &mut State, w: Write) {
        write::apply(&self.store, w).unwrap();
        state.refresh(&self.ctx()).unwrap();
    }
}

fn press(state: &mut State, w: &World, action: Action) -> Effect {
    state.handle(action, &w.ctx()).unwrap()
}

fn form(effect: Effect) -> Form {
    match effect {
        Effect::Form(f) => *f,
        _ => panic!("expected a form"),
    }
}

fn saved_member(w: Write) -> Member {
    match w {
        Write::Save(AnyRecord::Member(m)) => m,
        other => panic!("expected a member, got {other:?}"),
    }
}

fn set(form: &mut Form, field: Field, text: &str) {
    let f = form.fields.iter_mut().find(|f| f.field == field).unwrap();
    f.input = Input::new(text.to_string());
    // As typing does: the fields that follow this one are computed again.
    form.follow();
}

fn select_team(state: &mut State, w: &World, pred: impl Fn(&TeamRow) -> bool) -> TeamRow {
    let row = state.teams.iter().find(|t| pred(t)).unwrap().clone();
    state.show(Target { kind: EntityKind::Team, id: row.id }, &w.ctx()).unwrap();
    row
}

fn screen_text(state: &State, width: u16, height: u16) -> String {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    state.render(Lang::Vi, area, &mut buf);
    (0..height).map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n").collect()
}

#[test]
fn every_team_is_listed_and_the_broken_ones_are_marked() {
    let w = World::new();
    let mut s = w.state();
    assert_eq!(s.teams.len(), w.store.count::<Team>());
    assert_eq!(s.shown.len(), s.teams.len());
    let has = |pred: &dyn Fn(&Warning) -> bool| s.teams.iter().any(|t| t.warnings.iter().any(pred));
    assert!(has(&|x| *x == Warning::TeamNoLeader));
    assert!(has(&|x| matches!(x, Warning::TeamSeveralLeaders { .. })));
    assert!(has(&|x| matches!(x, Warning::TeamUnderStrength { .. })));
    assert!(has(&|x| *x == Warning::MediationTeamNoWoman));

    let broken = select_team(&mut s, &w, |t| t.warnings.contains(&Warning::MediationTeamNoWoman));
    assert_eq!(broken.kind, TeamKind::Mediation);
    let text = screen_text(&s, 80, 21);
    assert!(text.contains("Tổ hòa giải chưa có thành viên nữ"), "{text}");
    let marked = text
        .lines()
        .any(|l| l.starts_with("│!") && l.contains(broken.name.chars().take(12).collect::<String>().as_str()));
    assert!(marked, "{text}");
    // A member's warnings are marked in the roster and spelled out below it.
    let over70 = w
        .store
        .all::<Member>()
        .unwrap()
        .into_iter()
        .find(|m| member_warnings(m, today()).iter().any(|x| matches!(x, Warning::MemberOver70 { .. })))
        .unwrap();
    s.show(Target { kind: EntityKind::Member, id: over70.id }, &w.ctx()).unwrap();
    let text = screen_text(&s, 80, 21);
    assert!(text.contains("Trên 70 tuổi"), "{text}");
}

#[test]
fn the_roster_follows_the_selection_and_tab_moves_the_focus() {
    let w = World::new();
    let mut s = w.state();
    assert_eq!(s.selected, 0);
    assert_eq!(s.roster_team, Some(s.teams[s.shown[0]].id));
    press(&mut s, &w, Action::Down);
    assert_eq!(s.selected, 1);
    assert_eq!(s.roster_team, Some(s.teams[s.shown[1]].id));
    assert_eq!(s.roster.len(), w.store.members_of_team(s.teams[s.shown[1]].id).unwrap().len());
    press(&mut s, &w, Action::Teams(TeamAction::Pane));
    assert_eq!(s.focus, Pane::Roster);
    press(&mut s, &w, Action::Down);
    assert_eq!((s.selected, s.member), (1, 1));
    press(&mut s, &w, Action::Teams(TeamAction::TeamsPane));
    assert_eq!(s.focus, Pane::Teams);
    press(&mut s, &w, Action::Teams(TeamAction::RosterPane));
    assert_eq!(s.focus, Pane::Roster);
    press(&mut s, &w, Action::Back);
    assert_eq!(s.focus, Pane::Teams);
    press(&mut s, &w, Action::Open);
    assert_eq!(s.focus, Pane::Roster);
    press(&mut s, &w, Action::Teams(TeamAction::Pane));
    press(&mut s, &w, Action::Bottom);
    assert_eq!(s.selected, s.shown.len() - 1);
}

#[test]
fn filters_narrow_the_list_are_remembered_and_esc_clears_them() {
    let w = World::new();
    let mut s = w.state();
    let total = s.teams.len();
    press(&mut s, &w, Action::Teams(TeamAction::Kind));
    assert_eq!(s.filter.kind, Some(TeamKind::Security));
    assert!(!s.shown.is_empty() && s.shown.iter().all(|i| s.teams[*i].kind == TeamKind::Security));
    let hamlet = s.team().unwrap().hamlet.unwrap();
    press(&mut s, &w, Action::Teams(TeamAction::Hamlet));
    assert_eq!(s.filter.place, Place::Hamlet(hamlet));
    assert!(s.shown.iter().all(|i| s.teams[*i].hamlet == Some(hamlet) && s.teams[*i].kind == TeamKind::Security));
    press(&mut s, &w, Action::Teams(TeamAction::Warned));
    assert!(s.shown.iter().all(|i| !s.teams[*i].warnings.is_empty()));
    press(&mut s, &w, Action::Teams(TeamAction::Warned));

    let again = w.state();
    assert_eq!(again.filter, Filter { kind: Some(TeamKind::Security), place: Place::Hamlet(hamlet), warned: false });
    assert_eq!(again.shown, s.shown);

    press(&mut s, &w, Action::Back);
    assert!(s.filter.is_empty());
    assert_eq!(s.shown.len(), total);
    assert!(w.state().filter.is_empty());
}

#[test]
fn a_new_team_form_saves_a_team_of_the_filtered_kind() {
    let w = World::new();
    let mut s = w.state();
    for _ in 0..3 {
        press(&mut s, &w, Action::Teams(TeamAction::Kind));
    }
    assert_eq!(s.filter.kind, Some(TeamKind::Mediation));
    let mut f = form(press(&mut s, &w, Action::New));
    assert_eq!(f.kind, FormKind::Team(None));
    assert_eq!(f.choice(Field::TeamKind), 2);
    set(&mut f, Field::TeamName, "Tổ hòa giải khu dân cư mới");
    forms::choose(&mut f, Field::Hamlet, 1);
    set(&mut f, Field::Established, "01/02/2020");
    let write = submit_form(&f, &w.ctx()).unwrap();
    let Write::Save(AnyRecord::Team(team)) = &write else { panic!("expected a team") };
    assert_eq!((team.id, team.kind, team.hamlet), (0, TeamKind::Mediation, Some(s.hamlets[0].0)));
    assert_eq!(team.established, NaiveDate::from_ymd_opt(2020, 2, 1));
    w.apply(&mut s, write);
    let added = s.team().unwrap();
    assert_eq!(added.name, "Tổ hòa giải khu dân cư mới", "the new team is selected");
    assert!(added.warnings.contains(&Warning::TeamNoLeader));
}

#[test]
fn dissolving_a_team_needs_its_date() {
    let w = World::new();
    let mut s = w.state();
    let mut f = form(press(&mut s, &w, Action::Edit));
    assert_eq!(f.kind, FormKind::Team(Some(s.team().unwrap().id)));
    forms::choose(&mut f, Field::Status, 1);
    // Choosing "dissolved" offers today, on screen; the clerk may clear it.
    assert_eq!(f.value(Field::Dissolved), format_dmy(today()));
    set(&mut f, Field::Dissolved, "");
    let errors = submit_form(&f, &w.ctx()).unwrap_err();
    assert_eq!(errors, vec![FieldError::new(Field::Dissolved, Problem::Required)]);
    set(&mut f, Field::Dissolved, &format_dmy(today()));
    assert!(submit_form(&f, &w.ctx()).is_ok());
}

#[test]
fn mediation_teams_offer_leader_or_mediator_and_codes_link_households() {
    let w = World::new();
    let mut s = w.state();
    let team = select_team(&mut s, &w, |t| t.kind == TeamKind::Mediation);
    press(&mut s, &w, Action::Teams(TeamAction::RosterPane));
    let mut f = form(press(&mut s, &w, Action::New));
    assert_eq!(f.kind, FormKind::Member { team: team.id, id: None });
    let roles = f.fields.iter().find(|f| f.field == Field::Role).unwrap();
    let crate::tui::form::Control::Select { options, .. } = &roles.control else { panic!("a select") };
    assert_eq!(options, &vec!["Tổ trưởng".to_string(), "Hòa giải viên".to_string()]);
    assert_eq!(f.value(Field::Joined), format_dmy(today()));
    set(&mut f, Field::FullName, "Trần Thị Mai");
    set(&mut f, Field::BirthDate, "12/03/1980");
    forms::choose(&mut f, Field::Gender, 1);
    set(&mut f, Field::Household, "KHÔNG-CÓ");
    let errors = submit_form(&f, &w.ctx()).unwrap_err();
    assert_eq!(errors, vec![FieldError::new(Field::Household, Problem::UnknownReference)]);
    let household = w.store.page::<Household>(None, 1).unwrap().remove(0);
    set(&mut f, Field::Household, &household.code.to_lowercase());
    let m = saved_member(submit_form(&f, &w.ctx()).unwrap());
    assert_eq!((m.id, m.team, m.role, m.household), (0, team.id, Role::Mediator, Some(household.id)));
    assert_eq!(m.gender, Some(crate::domain::Gender::Female));
}

/// Selects the first active member of the selected team's roster.
fn first_active(s: &mut State) -> MemberRow {
    let i = s.roster.iter().position(|m| m.left.is_none()).unwrap();
    s.member = i;
    s.roster[i].clone()
}

#[test]
fn moving_a_member_closes_the_old_stint_then_opens_the_new_one() {
    let w = World::new();
    let mut s = w.state();
    let from = select_team(&mut s, &w, |t| t.dissolved.is_none() && t.size > 3);
    let person = first_active(&mut s);
    press(&mut s, &w, Action::Teams(TeamAction::Move));
    assert!(matches!(s.flow, Flow::Picking { member, .. } if member == person.id));
    assert_eq!(s.focus, Pane::Teams);
    // The same team is refused; move down to an active one.
    assert!(matches!(press(&mut s, &w, Action::Open), Effect::Status(_)));
    loop {
        press(&mut s, &w, Action::Down);
        let t = s.team().unwrap();
        if t.id != from.id && t.dissolved.is_none() {
            break;
        }
    }
    let to = s.team().unwrap().clone();
    let Effect::Confirm { question, write } = press(&mut s, &w, Action::Open) else { panic!("expected a question") };
    assert!(question.contains(&person.name) && question.contains(&to.name));
    let old = saved_member(write.clone());
    assert_eq!(old.id, person.id);
    assert_eq!(old.left.as_ref().map(|l| (l.on, l.reason.as_str())), Some((today(), "Chuyển sang tổ khác")));
    w.apply(&mut s, write);
    assert!(matches!(s.flow, Flow::Ready { to: t, .. } if t == to.id));
    assert_eq!(s.team().unwrap().id, to.id);

    let f = form(press(&mut s, &w, Action::Open));
    assert_eq!(f.kind, FormKind::Member { team: to.id, id: None });
    assert_eq!(f.value(Field::FullName), person.name);
    assert_eq!(f.value(Field::Joined), format_dmy(today()));
    assert_eq!(s.flow, Flow::Idle);
    let new = saved_member(submit_form(&f, &w.ctx()).unwrap());
    assert_eq!((new.id, new.team, new.joined, new.left.clone()), (0, to.id, today(), None));
    w.apply(&mut s, Write::Save(AnyRecord::Member(new)));
    let joined = s.current_member().unwrap();
    assert_eq!(
        (joined.name.as_str(), joined.left.is_none()),
        (person.name.as_str(), true),
        "the new stint is selected"
    );
    let stints = w.store.all::<Member>().unwrap().into_iter().filter(|m| m.full_name == person.name).count();
    assert!(stints >= 2);
}

#[test]
fn a_declined_move_is_forgotten() {
    let w = World::new();
    let mut s = w.state();
    select_team(&mut s, &w, |t| t.dissolved.is_none() && t.size > 0);
    first_active(&mut s);
    press(&mut s, &w, Action::Teams(TeamAction::Move));
    press(&mut s, &w, Action::Down);
    if s.team().unwrap().dissolved.is_some() {
        press(&mut s, &w, Action::Down);
    }
    assert!(matches!(press(&mut s, &w, Action::Open), Effect::Confirm { .. }));
    press(&mut s, &w, Action::Down);
    assert_eq!(s.flow, Flow::Idle);
    // Esc also gives up choosing.
    press(&mut s, &w, Action::Teams(TeamAction::RosterPane));
    press(&mut s, &w, Action::Teams(TeamAction::Move));
    assert!(matches!(s.flow, Flow::Picking { .. }));
    press(&mut s, &w, Action::Back);
    assert_eq!(s.flow, Flow::Idle);
}

#[test]
fn retiring_and_training_fill_the_member_record() {
    let w = World::new();
    let mut s = w.state();
    select_team(&mut s, &w, |t| t.dissolved.is_none() && t.size > 0);
    let person = first_active(&mut s);
    let before = w.store.get::<Member>(person.id).unwrap().unwrap();

    let mut f = form(press(&mut s, &w, Action::Teams(TeamAction::Training)));
    assert_eq!(f.kind, FormKind::Training { member: person.id });
    set(&mut f, Field::TrainingCourse, "Kỹ năng hòa giải ở cơ sở");
    forms::choose(&mut f, Field::Passed, 1);
    let trained = saved_member(submit_form(&f, &w.ctx()).unwrap());
    assert_eq!(trained.trainings.len(), before.trainings.len() + 1);
    assert!(trained.trainings.iter().any(|t| t.date == today() && !t.passed && t.course == "Kỹ năng hòa giải ở cơ sở"));
    w.apply(&mut s, Write::Save(AnyRecord::Member(trained)));
    assert_eq!(s.current_member().unwrap().trained, format_dmy(today()));

    let mut f = form(press(&mut s, &w, Action::Teams(TeamAction::Retire)));
    assert_eq!(f.kind, FormKind::Member { team: before.team, id: Some(person.id) });
    assert_eq!(f.fields[f.focus].field, Field::Left);
    assert_eq!(f.value(Field::Left), format_dmy(today()));
    set(&mut f, Field::LeftReason, "Đi làm ăn xa");
    let left = saved_member(submit_form(&f, &w.ctx()).unwrap());
    assert_eq!(left.left.as_ref().map(|l| l.reason.as_str()), Some("Đi làm ăn xa"));
    assert_eq!(left.trainings.len(), before.trainings.len() + 1, "an edit keeps the trainings");
    w.apply(&mut s, Write::Save(AnyRecord::Member(left)));
    let row = s.roster.iter().find(|m| m.id == person.id).unwrap();
    assert!(row.left.is_some());
    // One who left cannot retire or move again.
    s.member = s.roster.iter().position(|m| m.id == person.id).unwrap();
    assert!(matches!(press(&mut s, &w, Action::Teams(TeamAction::Retire)), Effect::Status(_)));
}

#[test]
fn the_lookup_opens_a_member_in_its_team_even_when_filtered_out() {
    let w = World::new();
    let mut s = w.state();
    press(&mut s, &w, Action::Teams(TeamAction::Kind));
    let member = w
        .store
        .all::<Member>()
        .unwrap()
        .into_iter()
        .find(|m| w.store.get::<Team>(m.team).unwrap().unwrap().kind == TeamKind::Militia)
        .unwrap();
    s.show(Target { kind: EntityKind::Member, id: member.id }, &w.ctx()).unwrap();
    assert!(s.filter.is_empty());
    assert_eq!(s.team().unwrap().id, member.team);
    assert_eq!(s.current_member().unwrap().id, member.id);
    assert_eq!(s.focus, Pane::Roster);
}

#[test]
fn deletes_are_asked_first() {
    let w = World::new();
    let mut s = w.state();
    let team = s.team().unwrap().clone();
    let Effect::Confirm { write: Write::Delete(kind, id), .. } = press(&mut s, &w, Action::Delete) else {
        panic!("expected a question")
    };
    assert_eq!((kind, id), (EntityKind::Team, team.id));
    press(&mut s, &w, Action::Teams(TeamAction::RosterPane));
    let member = s.current_member().unwrap().id;
    let Effect::Confirm { write: Write::Delete(kind, id), .. } = press(&mut s, &w, Action::Delete) else {
        panic!("expected a question")
    };
    assert_eq!((kind, id), (EntityKind::Member, member));
}

#[test]
fn both_layouts_draw_the_list_and_the_roster() {
    let w = World::new();
    let s = w.state();
    let small = screen_text(&s, 80, 21);
    let wide = screen_text(&s, 120, 37);
    for text in [&small, &wide] {
        assert!(text.contains("Tổ, đội (") && text.contains("Thành viên: "), "{text}");
        assert!(text.contains("Tổ trưởng"), "{text}");
    }
    // Side by side: the list's and the roster's titles share a line.
    assert!(wide.lines().any(|l| l.contains("Tổ, đội (") && l.contains("Thành viên: ")), "{wide}");
    assert!(!small.lines().any(|l| l.contains("Tổ, đội (") && l.contains("Thành viên: ")), "{small}");
}

#[test]
fn own_keys_do_not_shadow_global_ones() {
    for b in KEYS.iter().filter(|b| matches!(b.action, Action::Teams(_))) {
        assert!(!keymap::GLOBAL.iter().any(|g| g.code == b.code && g.mods == b.mods), "{:?}", b.code);
    }
}

#[test]
fn h_asks_for_the_history_of_the_team_with_its_members_or_of_the_member() {
    let w = World::new();
    let mut s = w.state();
    let team = select_team(&mut s, &w, |t| t.size > 1);
    let Effect::History { title, records } = press(&mut s, &w, Action::History) else { panic!("a history") };
    assert_eq!(title, team.name);
    let members = w.store.members_of_team(team.id).unwrap();
    assert_eq!(records.len(), 1 + members.len());
    assert_eq!(records[0], Target { kind: EntityKind::Team, id: team.id });
    assert!(records[1..].iter().all(|t| t.kind == EntityKind::Member));
    press(&mut s, &w, Action::Teams(TeamAction::RosterPane));
    let member = s.current_member().unwrap().clone();
    let Effect::History { title, records } = press(&mut s, &w, Action::History) else { panic!("a history") };
    assert_eq!(title, member.name);
    assert_eq!(records, [Target { kind: EntityKind::Member, id: member.id }]);
}
