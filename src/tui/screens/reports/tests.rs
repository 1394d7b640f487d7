//! Reports screen state tests on a small seeded demo commune, on a fixed
//! clock (Monday 23 November 2026, 09:00): stepping and choosing periods,
//! switching sections, scrolling, and the numbers being the summary's.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Section, State};
use crate::domain::{Commune, Lang, Period, PeriodKind, Problem};
use crate::report;
use crate::store::Store;
use crate::tui::action::ReportAction;
use crate::tui::screens::ScreenState;
use crate::tui::screens::fixture::today;
use crate::tui::screens::{Ctx, Effect, Screen};
use crate::tui::{Action, App};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn store_in(dir: &tempfile::TempDir) -> Store {
    crate::tui::screens::fixture::demo_store(dir, 300, 5)
}

struct Fx {
    _dir: tempfile::TempDir,
    store: Store,
    commune: Commune,
}

impl Fx {
    fn new() -> Fx {
        let dir = tempfile::tempdir().unwrap();
        let store = store_in(&dir);
        let commune = store.commune().unwrap().unwrap();
        Fx { _dir: dir, store, commune }
    }

    fn ctx(&self) -> Ctx<'_> {
        crate::tui::screens::fixture::clerk_ctx(&self.store, &self.commune, today())
    }

    fn state(&self) -> State {
        let mut s = State::new(&self.ctx()).unwrap();
        s.refresh(&self.ctx()).unwrap();
        s
    }

    /// Does what the app does with the effect of a screen action: a
    /// refresh is run at once (the app runs it after drawing "working").
    fn act(&self, s: &mut State, n: ReportAction) -> Effect {
        let effect = s.handle(Action::Reports(n), &self.ctx()).unwrap();
        self.settle(s, effect)
    }

    fn key(&self, s: &mut State, code: KeyCode) -> Effect {
        let effect = s.type_key(KeyEvent::new(code, KeyModifiers::NONE), &self.ctx()).unwrap();
        self.settle(s, effect)
    }

    fn settle(&self, s: &mut State, effect: Effect) -> Effect {
        if matches!(effect, Effect::Refresh) {
            assert!(s.waiting(), "a refresh is asked only for a period not computed yet");
            s.refresh(&self.ctx()).unwrap();
        }
        effect
    }

    fn typed(&self, s: &mut State, text: &str) {
        for c in text.chars() {
            self.key(s, KeyCode::Char(c));
        }
    }

    /// The period shown and the period its numbers are of.
    fn shown(&self, s: &State) -> (Period, Period) {
        (s.period, s.summary.as_ref().unwrap().period)
    }
}

fn q(year: i32, n: u8) -> Period {
    Period::quarter(year, n).unwrap()
}

fn draw(s: &State, lang: Lang, width: u16, height: u16) -> String {
    crate::tui::screens::fixture::drawn(width, height, |area, buf| s.render(lang, area, buf))
}

#[test]
fn starts_on_the_current_quarter_with_the_summary_of_it() {
    let fx = Fx::new();
    let mut s = State::new(&fx.ctx()).unwrap();
    assert!(s.summary.is_none(), "nothing is computed at start");
    assert!(draw(&s, Lang::Vi, 80, 21).contains("Đang tính số liệu"));
    s.refresh(&fx.ctx()).unwrap();
    let expected = report::summarize(&report::load(&fx.store, &q(2026, 4)).unwrap(), &q(2026, 4));
    assert_eq!(s.summary.as_ref(), Some(&expected));
}

#[test]
fn periods_step_back_and_forward_over_the_year_end() {
    let fx = Fx::new();
    let mut s = fx.state();
    fx.act(&mut s, ReportAction::Prev);
    assert_eq!(fx.shown(&s), (q(2026, 3), q(2026, 3)));
    let expected = report::summarize(&report::load(&fx.store, &q(2026, 3)).unwrap(), &q(2026, 3));
    assert_eq!(s.summary.as_ref(), Some(&expected));
    fx.act(&mut s, ReportAction::Next);
    fx.act(&mut s, ReportAction::Next);
    assert_eq!(fx.shown(&s), (q(2027, 1), q(2027, 1)));
    fx.act(&mut s, ReportAction::Current);
    assert_eq!(fx.shown(&s), (q(2026, 4), q(2026, 4)));
}

#[test]
fn the_kind_cycles_quarter_half_year_around_the_same_days() {
    let fx = Fx::new();
    let mut s = fx.state();
    fx.act(&mut s, ReportAction::Prev);
    fx.act(&mut s, ReportAction::Prev);
    assert_eq!(s.period, q(2026, 2));
    fx.act(&mut s, ReportAction::Kind);
    assert_eq!(fx.shown(&s), (Period::half(2026, 1).unwrap(), Period::half(2026, 1).unwrap()));
    fx.act(&mut s, ReportAction::Prev);
    assert_eq!(s.period, Period::half(2025, 2).unwrap());
    fx.act(&mut s, ReportAction::Kind);
    assert_eq!(fx.shown(&s), (Period::year(2025).unwrap(), Period::year(2025).unwrap()));
    fx.act(&mut s, ReportAction::Kind);
    assert_eq!(s.period, q(2025, 4), "the same place in the half year stepped back to");
    fx.act(&mut s, ReportAction::Kind);
    fx.act(&mut s, ReportAction::Current);
    assert_eq!(s.period, Period::half(2026, 2).unwrap(), "the current period keeps the kind");
}

#[test]
fn a_range_of_days_is_typed_on_the_period_line() {
    let fx = Fx::new();
    let mut s = fx.state();
    fx.act(&mut s, ReportAction::Choose);
    assert!(s.typing());
    assert_eq!(s.input.as_ref().unwrap().value(), "01/10/2026..31/12/2026");
    assert!(draw(&s, Lang::Vi, 80, 21).contains("Kỳ báo cáo: 01/10/2026..31/12/2026"));
    for _ in 0..30 {
        fx.key(&mut s, KeyCode::Backspace);
    }
    fx.typed(&mut s, "15/12/2025 - 31/3/2026");
    fx.key(&mut s, KeyCode::Enter);
    assert!(!s.typing());
    let range = Period::custom(ymd(2025, 12, 15), ymd(2026, 3, 31)).unwrap();
    assert_eq!(fx.shown(&s), (range, range));
    assert_eq!(s.period.kind, PeriodKind::Custom);
    fx.act(&mut s, ReportAction::Prev);
    assert_eq!(s.period, range.previous().unwrap(), "a range steps by its own length");
}

#[test]
fn a_wrong_period_is_refused_on_the_line_and_esc_keeps_the_old_one() {
    let fx = Fx::new();
    let mut s = fx.state();
    fx.act(&mut s, ReportAction::Choose);
    for _ in 0..30 {
        fx.key(&mut s, KeyCode::Backspace);
    }
    fx.typed(&mut s, "31/12/2026..01/10/2026");
    fx.key(&mut s, KeyCode::Enter);
    assert!(s.typing());
    assert_eq!(s.input_error, Some(Problem::PeriodOrder));
    assert!(draw(&s, Lang::Vi, 80, 21).contains("ngày kết thúc không được trước"));
    fx.key(&mut s, KeyCode::Backspace);
    assert_eq!(s.input_error, None, "editing clears the error");
    fx.key(&mut s, KeyCode::Esc);
    assert!(!s.typing());
    assert_eq!(s.period, q(2026, 4));
}

#[test]
fn sections_switch_with_tab_and_keep_their_own_scroll() {
    let fx = Fx::new();
    let mut s = fx.state();
    assert_eq!(s.section, Section::Households);
    draw(&s, Lang::Vi, 80, 21);
    for _ in 0..3 {
        s.handle(Action::Down, &fx.ctx()).unwrap();
    }
    assert_eq!(s.scroll(), 3);
    fx.act(&mut s, ReportAction::Section);
    assert_eq!((s.section, s.scroll()), (Section::Teams, 0));
    fx.act(&mut s, ReportAction::Section);
    assert_eq!(s.section, Section::Mediation);
    fx.act(&mut s, ReportAction::Section);
    assert_eq!(s.section, Section::Closing);
    fx.act(&mut s, ReportAction::Section);
    assert_eq!(s.section, Section::Households);
    fx.act(&mut s, ReportAction::SectionBack);
    assert_eq!(s.section, Section::Closing);
    fx.act(&mut s, ReportAction::SectionBack);
    fx.act(&mut s, ReportAction::SectionBack);
    fx.act(&mut s, ReportAction::SectionBack);
    assert_eq!((s.section, s.scroll()), (Section::Households, 3));
}

#[test]
fn scrolling_stops_at_the_end_of_the_section() {
    let fx = Fx::new();
    let mut s = fx.state();
    // The closing section of a period not closed is short.
    for section in Section::ALL.into_iter().filter(|s| *s != Section::Closing) {
        s.section = section;
        let text = draw(&s, Lang::Vi, 80, 21);
        let max = s.max_scroll.get();
        assert!(max > 0, "{section:?} is longer than 80x24:\n{text}");
        s.handle(Action::Bottom, &fx.ctx()).unwrap();
        assert_eq!(s.scroll(), max);
        s.handle(Action::Down, &fx.ctx()).unwrap();
        assert_eq!(s.scroll(), max);
        let bottom = draw(&s, Lang::Vi, 80, 21);
        assert!(bottom.contains(&format!("/{} ", max + 18)), "18 lines fit under the tabs:\n{bottom}");
        s.handle(Action::PageUp, &fx.ctx()).unwrap();
        assert_eq!(s.scroll(), max.saturating_sub(17), "a page keeps one line of the last");
        s.handle(Action::Top, &fx.ctx()).unwrap();
        assert_eq!(s.scroll(), 0);
    }
}

#[test]
fn sections_draw_their_tables_in_both_languages() {
    let fx = Fx::new();
    let mut s = fx.state();
    let hamlet = s.summary.as_ref().unwrap().hamlets[0].name.clone();
    let text = draw(&s, Lang::Vi, 80, 21);
    for word in ["Báo cáo · Quý IV năm 2026", "Hộ gia đình", "Đã ký", "Tỷ lệ", "Vi phạm", &hamlet, "kỳ chưa kết thúc"]
    {
        assert!(text.contains(word), "{word}:\n{text}");
    }
    s.section = Section::Teams;
    let text = draw(&s, Lang::En, 120, 37);
    for word in ["Active teams by kind", "Security team", "Members", "Active at period end"] {
        assert!(text.contains(word), "{word}:\n{text}");
    }
    s.section = Section::Mediation;
    let text = draw(&s, Lang::Vi, 120, 37);
    for word in
        ["Kỳ trước chuyển sang", "Tỷ lệ hòa giải thành", "Tiếp nhận theo loại vụ việc", "Mâu thuẫn giữa các bên"]
    {
        assert!(text.contains(word), "{word}:\n{text}");
    }
    s.handle(Action::Down, &fx.ctx()).unwrap();
    s.section = Section::Households;
    let text = draw(&s, Lang::Vi, 120, 37);
    assert!(text.contains("█"), "wide tables carry their bars:\n{text}");
}

#[test]
fn the_app_sends_keys_to_the_period_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(store_in(&dir), Lang::Vi).unwrap();
    app.update(Action::Goto(Screen::Reports));
    assert!(app.busy(), "a working note is drawn before the first computation");
    app.settle();
    assert!(app.reports.summary.is_some(), "computed when first shown");
    let press = |app: &mut App, code| app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    press(&mut app, KeyCode::Char('c'));
    for _ in 0..30 {
        press(&mut app, KeyCode::Backspace);
    }
    for c in "2026-h1".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    assert_eq!(app.screen, Screen::Reports, "typed digits do not switch screens");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.reports.period, Period::half(2026, 1).unwrap());
    press(&mut app, KeyCode::Left);
    assert_eq!(app.reports.period, Period::half(2025, 2).unwrap());
}

/// A new ledger (no commune saved yet) computes an empty summary.
#[test]
fn an_empty_ledger_computes_without_a_commune() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db"), &crate::store::OpenOptions::default()).unwrap();
    let commune = Commune::new("", "");
    let ctx = crate::tui::screens::fixture::clerk_ctx(&store, &commune, today());
    let mut reports = State::new(&ctx).unwrap();
    reports.refresh(&ctx).unwrap();
    let summary = reports.summary.as_ref().expect("computed");
    let (h, c) = (&summary.total.households, &summary.total.cases);
    assert_eq!((h.active, h.signed, c.received, c.pending), (0, 0, 0, 0));
    assert_eq!(summary.period, reports.period, "the summary is the period's");
}
