//! Issue 18 item 5: the Households screen's counts, the dashboard and the
//! report say the same numbers (households living here, signed this
//! year), and the dashboard says what the report flags about teams, on the
//! demo and on small communes built by hand.

use soxa::domain::{Lang, Period, TeamKind};
use soxa::report::{self, Summary};
use soxa::store::Store;

use crate::common::tui::Tui;
use crate::common::{commitment, commune, hamlet, household, now, team, ymd};

/// The dashboard's summary: the quarter so far.
fn so_far(store: &Store) -> Summary {
    let today = now().date();
    let period = Period::custom(Period::quarter_containing(today).start, today).unwrap();
    report::summarize(&report::load(store, &period).unwrap(), &period)
}

/// The dashboard and the Households screen, as drawn at 80x24.
fn screens(tui: &mut Tui) -> (String, String) {
    let dashboard = tui.press("1").text(80, 24);
    let households = tui.press("2").text(80, 24);
    (dashboard, households)
}

fn vi(n: u32) -> String {
    soxa::i18n::number(Lang::Vi, n)
}

#[test]
fn on_the_demo_the_households_counts_and_the_dashboard_are_the_reports() {
    let mut tui = Tui::demo(Lang::Vi);
    let h = so_far(tui.store()).total.households;
    let (dashboard, households) = screens(&mut tui);
    assert!(dashboard.contains(&format!("đã ký {}/{} hộ", vi(h.signed), vi(h.active))), "{dashboard}");
    assert!(households.contains(&format!("Đã ký {} ·", vi(h.signed))), "{households}");
    assert!(households.contains("Chuyển đi "), "moved-out households are counted apart: {households}");
}

#[test]
fn a_small_commune_without_teams_is_not_told_all_is_well() {
    let mut tui = Tui::built(Lang::Vi, |s| {
        s.save_commune(commune()).unwrap();
        let east = s.insert(hamlet("T01", "Đông")).unwrap().id;
        s.insert(hamlet("T02", "Tây")).unwrap();
        let stays = s.insert(household("T01-0001", east, "Nguyễn Văn An")).unwrap().id;
        let mut gone = household("T01-0002", east, "Trần Thị Bích");
        gone.set_moved_out(Some(ymd(2026, 10, 5)));
        let gone = s.insert(gone).unwrap().id;
        s.insert(household("T01-0003", east, "Lê Văn Cường")).unwrap();
        s.insert(commitment(stays, 2026)).unwrap();
        s.insert(commitment(gone, 2026)).unwrap();
    });
    let summary = so_far(tui.store());
    assert_eq!((summary.total.households.signed, summary.total.households.active), (1, 2));
    assert_eq!(summary.total.hamlets_without_security_team.len(), 2);
    let (dashboard, households) = screens(&mut tui);
    assert!(dashboard.contains("đã ký 1/2 hộ"), "{dashboard}");
    assert!(households.contains("Đã ký 1 · Từ chối 0 · Vắng mặt 0 · Chưa ký 1 · Chuyển đi 1"), "{households}");
    assert!(dashboard.contains("Chưa có tổ, đội nào đang hoạt động."), "{dashboard}");
    assert!(!dashboard.contains("đều đủ người"), "no teams is not all well: {dashboard}");
    assert!(dashboard.contains("Thôn chưa có tổ bảo vệ ANTT: 2"), "{dashboard}");
    assert!(dashboard.contains("Thôn chưa có tổ hòa giải: 2"), "{dashboard}");
}

#[test]
fn a_hamlet_the_report_flags_is_flagged_on_the_dashboard_too() {
    let mut tui = Tui::built(Lang::En, |s| {
        s.save_commune(commune()).unwrap();
        let east = s.insert(hamlet("T01", "Đông")).unwrap().id;
        s.insert(hamlet("T02", "Tây")).unwrap();
        s.insert(team("Tổ bảo vệ ANTT thôn Đông", TeamKind::Security, Some(east))).unwrap();
    });
    let summary = so_far(tui.store());
    assert_eq!(summary.total.hamlets_without_security_team.len(), 1);
    assert_eq!(summary.total.hamlets_without_mediation_team.len(), 2);
    let (dashboard, _) = screens(&mut tui);
    assert!(dashboard.contains("Hamlets without a security team: 1"), "{dashboard}");
    assert!(dashboard.contains("Hamlets without a mediation team: 2"), "{dashboard}");
}
