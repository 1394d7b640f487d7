//! Dashboard state tests on a small seeded demo commune, on a fixed clock
//! (Monday 23 November 2026, 09:00): the numbers are the summary's, the
//! hamlets come worst first, the list scrolls within itself.

use chrono::Days;

use super::State;
use crate::domain::{AuditAction, CaseStatus, Commune, EntityKind, FollowUp, Household, Lang, MediationCase, Period};
use crate::report;
use crate::store::{OpenOptions, Store};
use crate::tui::Action;
use crate::tui::action::DashboardAction;
use crate::tui::screens::ScreenState;
use crate::tui::screens::fixture::today;
use crate::tui::screens::{Ctx, Effect, Screen, Target};

struct Fx {
    _dir: tempfile::TempDir,
    store: Store,
    commune: Commune,
}

impl Fx {
    fn new() -> Fx {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::tui::screens::fixture::demo_store(&dir, 400, 7);
        let commune = store.commune().unwrap().unwrap();
        Fx { _dir: dir, store, commune }
    }

    fn ctx(&self) -> Ctx<'_> {
        crate::tui::screens::fixture::clerk_ctx(&self.store, &self.commune, today())
    }

    fn state(&self) -> State {
        State::new(&self.ctx()).unwrap()
    }
}

fn draw(s: &State, lang: Lang, width: u16, height: u16) -> String {
    crate::tui::screens::fixture::drawn(width, height, |area, buf| s.render(lang, area, buf))
}

#[test]
fn households_signed_and_active_are_the_quarter_summary() {
    let fx = Fx::new();
    let s = fx.state();
    let quarter = Period::quarter_containing(today());
    assert_eq!(s.quarter, quarter);
    let whole = report::summarize(&report::load(&fx.store, &quarter).unwrap(), &quarter);
    assert_eq!(
        (s.households.signed, s.households.active),
        (whole.total.households.signed, whole.total.households.active)
    );
    assert!(s.households.active > 0 && s.households.signed > 0);
    let signed: u32 = s.hamlets.iter().map(|h| h.signed).sum();
    assert_eq!(signed, s.households.signed);
}

#[test]
fn cases_and_teams_are_as_of_today() {
    let fx = Fx::new();
    let s = fx.state();
    let so_far = Period::custom(Period::quarter_containing(today()).start, today()).unwrap();
    let summary = report::summarize(&report::load(&fx.store, &so_far).unwrap(), &so_far);
    let c = &summary.total.cases;
    assert_eq!((s.open_cases, s.overdue, s.late_start), (c.pending, c.overdue, c.late_start));
    let t = &summary.total.teams;
    assert_eq!((s.teams_short, s.teams_leader), (t.teams_below_min_size, t.teams_without_one_leader));
    let listed = u32::try_from(s.problem_teams.len()).unwrap();
    assert!(listed >= s.teams_short.max(s.teams_leader) && listed <= s.teams_short + s.teams_leader);
}

#[test]
fn hamlets_come_worst_first() {
    let fx = Fx::new();
    let s = fx.state();
    assert!(s.hamlets.len() > 2);
    for pair in s.hamlets.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if b.active == 0 {
            continue;
        }
        assert!(a.active > 0, "a hamlet without households comes last");
        assert!(u64::from(a.signed) * u64::from(b.active) <= u64::from(b.signed) * u64::from(a.active));
    }
    let first = &s.hamlets[0];
    let last = s.hamlets.iter().rfind(|h| h.active > 0).unwrap();
    assert!(first.coverage_permille < last.coverage_permille, "the demo's hamlets differ");
}

#[test]
fn the_hamlet_list_scrolls_with_its_selection() {
    let fx = Fx::new();
    let mut s = fx.state();
    let text = draw(&s, Lang::Vi, 80, 14);
    assert!(text.contains("Theo thôn, thấp nhất trước"), "{text}");
    assert!(text.contains(&fx.commune.name), "{text}");
    let page = s.page.get();
    assert!(page < s.hamlets.len(), "a short terminal shows part of the list");
    for _ in 0..100 {
        s.handle(Action::Down, &fx.ctx()).unwrap();
    }
    assert_eq!(s.hamlet_sel, s.hamlets.len() - 1);
    assert_eq!(s.scroll, s.hamlets.len() - page, "the window follows the selection");
    let text = draw(&s, Lang::Vi, 80, 14);
    assert!(text.contains(&s.hamlets[s.hamlet_sel].name), "{text}");
    s.handle(Action::Top, &fx.ctx()).unwrap();
    assert_eq!((s.hamlet_sel, s.scroll), (0, 0));
    s.handle(Action::PageDown, &fx.ctx()).unwrap();
    assert_eq!(s.hamlet_sel, page);
    s.handle(Action::Bottom, &fx.ctx()).unwrap();
    let text = draw(&s, Lang::En, 120, 37);
    assert!(text.contains("By hamlet, lowest first"), "{text}");
}

#[test]
fn enter_opens_a_hamlets_households_an_overdue_case_or_a_team() {
    let fx = Fx::new();
    let mut s = fx.state();
    s.handle(Action::Down, &fx.ctx()).unwrap();
    let hamlet = s.hamlets[1].id;
    let Effect::Open { screen, target } = s.handle(Action::Open, &fx.ctx()).unwrap() else { panic!("opens") };
    assert_eq!((screen, target), (Screen::Households, Target { kind: EntityKind::Hamlet, id: hamlet }));

    // Tab: the right column, overdue cases first, most overdue first.
    s.handle(Action::Dashboard(DashboardAction::Switch), &fx.ctx()).unwrap();
    assert_eq!(s.column, super::Column::Side);
    assert!(!s.overdue_cases.is_empty(), "the demo has overdue cases");
    assert!(s.overdue_cases.windows(2).all(|w| w[0].days >= w[1].days));
    let first = s.overdue_cases[0].id;
    let Effect::Open { screen, target } = s.handle(Action::Open, &fx.ctx()).unwrap() else { panic!("opens") };
    assert_eq!((screen, target), (Screen::Mediation, Target { kind: EntityKind::Case, id: first }));
    let text = draw(&s, Lang::Vi, 80, 21);
    assert!(text.contains(&format!("{} ", s.overdue_cases[0].number)) && text.contains("quá hạn"), "{text}");

    // The last item is the last team with a problem.
    s.handle(Action::Bottom, &fx.ctx()).unwrap();
    let team = s.problem_teams.last().unwrap().id;
    let Effect::Open { screen, target } = s.handle(Action::Open, &fx.ctx()).unwrap() else { panic!("opens") };
    assert_eq!((screen, target), (Screen::Teams, Target { kind: EntityKind::Team, id: team }));
    let text = draw(&s, Lang::Vi, 80, 12);
    assert!(text.contains(&s.problem_teams.last().unwrap().name[..10]), "the selection is in view: {text}");
    s.handle(Action::Dashboard(DashboardAction::ToHamlets), &fx.ctx()).unwrap();
    assert_eq!(s.column, super::Column::Hamlets);
}

#[test]
fn more_overdue_cases_than_shown_end_in_a_line_to_the_mediation_screen() {
    let overdue: Vec<_> = (0..8)
        .map(|i| super::side::CaseLine {
            id: i,
            number: format!("{i}/2026"),
            parties: String::new(),
            days: 40,
            due: None,
        })
        .collect();
    let items = super::side::items(&overdue, &[], &[]);
    assert_eq!(items.len(), super::side::MAX_CASES + 1);
    assert_eq!(items.last().unwrap().opens(), (Screen::Mediation, None));
}

#[test]
fn due_follow_ups_and_latest_changes_follow_writes() {
    let fx = Fx::new();
    let cases: Vec<MediationCase> = fx.store.all().unwrap();
    let mut due = cases.iter().find(|c| c.status == CaseStatus::Successful).unwrap().clone();
    let mut kept = cases.iter().filter(|c| c.status == CaseStatus::Successful).nth(1).unwrap().clone();
    let yesterday = today().checked_sub_days(Days::new(1)).unwrap();
    due.follow_up = Some(FollowUp { due: yesterday, kept: None, note: String::new() });
    kept.follow_up = Some(FollowUp { due: yesterday, kept: Some(true), note: String::new() });
    fx.store.update(due.clone()).unwrap();
    fx.store.update(kept.clone()).unwrap();
    let mut h: Household = fx.store.all::<Household>().unwrap().remove(0);
    h.notes = "Đã kiểm tra".into();
    fx.store.update(h.clone()).unwrap();
    let mut s = fx.state();
    let due_ids: Vec<_> = s.follow_ups.iter().map(|c| c.id).collect();
    assert!(due_ids.contains(&due.id));
    assert!(!due_ids.contains(&kept.id));
    let latest = s.recent[0].clone();
    assert_eq!((latest.entity, latest.action), (EntityKind::Household, AuditAction::Update));
    assert!(latest.summary.contains(&h.code), "{}", latest.summary);
    assert!(s.recent.len() <= super::RECENT);
    let text = draw(&s, Lang::Vi, 80, 21);
    assert!(text.contains("Thay đổi gần đây") && text.contains("Sửa"), "{text}");
    s.refresh(&fx.ctx()).unwrap();
    assert_eq!(s.recent[0].summary, latest.summary);
}

#[test]
fn an_empty_ledger_draws_without_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db"), &OpenOptions::default()).unwrap();
    let commune = Commune::new("", "");
    let ctx = crate::tui::screens::fixture::clerk_ctx(&store, &commune, today());
    let s = State::new(&ctx).unwrap();
    assert!(s.hamlets.is_empty());
    assert!(draw(&s, Lang::Vi, 80, 21).contains("Chưa có thôn nào"));
}

/// Issue 18: the right column's sentences wrap in whole words at 80
/// columns, never cut at the border.
#[test]
fn the_team_line_is_whole_at_80_columns() {
    let fx = Fx::new();
    let mut s = fx.state();
    s.problem_teams.clear();
    let text = draw(&s, Lang::Vi, 80, 21);
    let right: Vec<String> = text.lines().map(|l| l.chars().skip(40).filter(|c| *c != '│').collect()).collect();
    let joined = right.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    let ok = super::T::TeamsOk.get(Lang::Vi);
    assert!(ok.chars().count() > 39, "longer than the column: {ok}");
    assert!(joined.contains(ok), "{ok} whole in:\n{text}");
}
