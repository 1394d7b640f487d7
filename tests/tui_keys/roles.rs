//! The interface obeys the signed-in role (issue 15): for every role, the
//! screens it is offered and the write keys it may press, as the table in
//! `domain::access` says; what a viewer and the justice operator see on the
//! bottom line and in the help; a hamlet head's own hamlet only; no full
//! personal number on a screen of a role that may not unmask; unmasking
//! written once to the access log.

use soxa::domain::access::{Action as Access, Grant, OperatorRole, Refusal};
use soxa::domain::operator::AccessEvent;
use soxa::domain::{EntityKind, Hamlet, Household, Id, Lang, TeamKind};
use soxa::i18n::households::HouseholdsText;
use soxa::i18n::ui::Ui;
use soxa::tui::{Overlay, Screen};

use crate::common::tui::Tui;

fn first_hamlet(tui: &Tui) -> Id {
    let mut hamlets = tui.store().all::<Hamlet>().expect("hamlets");
    hamlets.sort_by(|a, b| a.code.cmp(&b.code));
    hamlets.first().map(|h| h.id).expect("a hamlet")
}

fn grant(role: OperatorRole, hamlet: Id) -> Grant {
    Grant { name: format!("op-{}", role.code()), role, hamlet: (role == OperatorRole::HamletHead).then_some(hamlet) }
}

/// The demo interface signed in as `role` (a hamlet head of the first hamlet).
fn signed_in(role: OperatorRole) -> (Tui, Grant) {
    let mut tui = Tui::demo(Lang::Vi);
    let g = grant(role, first_hamlet(&tui));
    tui.app.grant = g.clone();
    (tui, g)
}

fn sentence(r: &Refusal) -> String {
    soxa::i18n::access::refusal(Lang::Vi, r)
}

fn status_text(tui: &Tui) -> String {
    tui.app.status.as_ref().map(|(t, _)| t.clone()).unwrap_or_default()
}

/// What reading each screen needs, as the task's map says.
fn read_of(screen: Screen) -> Option<Access> {
    match screen {
        Screen::Dashboard | Screen::Settings => None,
        Screen::Households => Some(Access::ReadHouseholds),
        Screen::Teams => Some(Access::ReadTeams),
        Screen::Mediation => Some(Access::ReadCases),
        Screen::Reports => Some(Access::ReadReports),
        Screen::Targets => Some(Access::ReadTargets),
    }
}

fn key_of(screen: Screen) -> &'static str {
    ["1", "2", "3", "4", "5", "6", "7"][Screen::ALL.iter().position(|s| *s == screen).unwrap_or(0)]
}

#[test]
fn every_role_is_offered_only_the_screens_it_may_read() {
    for role in OperatorRole::ALL {
        let (mut tui, g) = signed_in(role);
        for screen in Screen::ALL {
            tui.press("1");
            assert_eq!(tui.app.screen, Screen::Dashboard, "{role:?}");
            tui.press(key_of(screen));
            match read_of(screen).map(|a| g.check(a)) {
                None | Some(Ok(())) => assert_eq!(tui.app.screen, screen, "{role:?} {screen:?}"),
                Some(Err(refusal)) => {
                    assert_eq!(tui.app.screen, Screen::Dashboard, "{role:?} {screen:?} stays");
                    assert_eq!(status_text(&tui), sentence(&refusal), "{role:?} {screen:?}");
                }
            }
        }
        // The tab bar names only the screens offered.
        tui.press("1");
        let header: String = tui.text(160, 30).lines().next().unwrap_or_default().to_string();
        for (screen, word) in [
            (Screen::Households, Ui::Households),
            (Screen::Teams, Ui::Teams),
            (Screen::Mediation, Ui::Mediation),
            (Screen::Reports, Ui::Reports),
            (Screen::Targets, Ui::Targets),
        ] {
            let offered = read_of(screen).is_none_or(|a| g.may(a));
            assert_eq!(header.contains(word.get(Lang::Vi)), offered, "{role:?} {screen:?} in {header:?}");
        }
    }
}

#[test]
fn the_justice_operator_cannot_open_households() {
    let (mut tui, g) = signed_in(OperatorRole::Justice);
    tui.press("2");
    assert_eq!(tui.app.screen, Screen::Dashboard);
    let refusal = g.check(Access::ReadHouseholds).unwrap_err();
    assert_eq!(status_text(&tui), sentence(&refusal));
    // Nor through the lookup: households are not among its hits.
    tui.press("/nguyen");
    let Overlay::Lookup(state) = &tui.app.overlay else { panic!("the lookup is open") };
    assert!(state.rows.iter().all(|r| r.kind != EntityKind::Household && r.kind != EntityKind::Member));
}

/// One write key: the screen, the keys, what it needs for a grant.
type Row = (Screen, &'static str, fn(&Grant, Id) -> Access);

fn team_kind(g: &Grant) -> TeamKind {
    TeamKind::ALL.into_iter().find(|k| g.may(Access::WriteTeam { kind: *k })).unwrap_or(TeamKind::Other)
}

const WRITE_KEYS: &[Row] = &[
    (Screen::Households, "n", |_, _| Access::WriteHousehold),
    (Screen::Households, "e", |_, _| Access::WriteHousehold),
    (Screen::Households, "<del>", |_, _| Access::WriteHousehold),
    (Screen::Households, "i", |_, _| Access::WriteHousehold),
    (Screen::Households, "s", |g, h| Access::WriteCommitment { hamlet: Some(g.hamlet.unwrap_or(h)) }),
    (Screen::Households, "c", |g, h| Access::WriteCommitment { hamlet: Some(g.hamlet.unwrap_or(h)) }),
    (Screen::Households, "r", |g, h| Access::WriteCommitment { hamlet: Some(g.hamlet.unwrap_or(h)) }),
    (Screen::Households, "v", |g, h| Access::WriteCommitment { hamlet: Some(g.hamlet.unwrap_or(h)) }),
    (Screen::Teams, "n", |g, _| Access::WriteTeam { kind: team_kind(g) }),
    (Screen::Teams, "i", |g, _| Access::WriteTeam { kind: team_kind(g) }),
    (Screen::Mediation, "n", |_, _| Access::WriteCase),
    (Screen::Mediation, "e", |_, _| Access::WriteCase),
    (Screen::Mediation, "<del>", |_, _| Access::WriteCase),
    (Screen::Mediation, "m", |_, _| Access::WriteCase),
    (Screen::Mediation, "f", |_, _| Access::WriteCase),
    (Screen::Mediation, "b", |_, _| Access::ExportPersonal { kind: EntityKind::Case }),
    (Screen::Targets, "n", |_, _| Access::WriteModel),
    (Screen::Targets, "e", |_, _| Access::WriteModel),
    (Screen::Targets, "r", |_, _| Access::WriteModel),
    (Screen::Reports, "x", |_, _| Access::ExportMasked),
    (Screen::Reports, "s", |_, _| Access::ClosePeriod),
    (Screen::Reports, "m", |_, _| Access::ReopenPeriod),
    (Screen::Settings, "e", |_, _| Access::WriteSettings),
    (Screen::Settings, "i", |_, _| Access::WriteSettings),
];

#[test]
fn every_write_key_is_allowed_or_refused_as_the_table_says() {
    for role in OperatorRole::ALL {
        let (mut tui, g) = signed_in(role);
        let hamlet = first_hamlet(&tui);
        for (screen, keys, need) in WRITE_KEYS {
            if read_of(*screen).is_some_and(|a| !g.may(a)) {
                continue;
            }
            tui.press("<esc><esc><esc>").press(key_of(*screen));
            assert_eq!(tui.app.screen, *screen);
            let before = tui.store().last_group();
            tui.press(keys);
            let said = status_text(&tui);
            match g.check(need(&g, hamlet)) {
                Ok(()) => assert!(!said.contains("Không có gì được ghi"), "{role:?} {screen:?} {keys}: {said}"),
                Err(refusal) => {
                    assert_eq!(said, sentence(&refusal), "{role:?} {screen:?} {keys}");
                    assert!(matches!(tui.app.overlay, Overlay::None), "{role:?} {screen:?} {keys}: nothing opens");
                    assert_eq!(tui.store().last_group(), before, "{role:?} {screen:?} {keys}: nothing written");
                }
            }
        }
    }
}

#[test]
fn a_refused_sign_writes_nothing_and_an_allowed_one_writes() {
    for role in OperatorRole::ALL {
        let (mut tui, g) = signed_in(role);
        if !g.may(Access::ReadHouseholds) {
            continue;
        }
        let hamlet = g.hamlet.unwrap_or_else(|| first_hamlet(&tui));
        // "l" cycles the status filter to "signed", "refused", "absent", "not yet".
        tui.press("2llll");
        let before = tui.store().last_group();
        tui.press("s");
        let wrote = tui.store().last_group() != before;
        let may = g.may(Access::WriteCommitment { hamlet: Some(hamlet) });
        if role == OperatorRole::Admin || role == OperatorRole::Police {
            assert!(may);
        }
        assert_eq!(wrote, may, "{role:?}: {}", status_text(&tui));
    }
}

#[test]
fn undo_takes_back_only_what_the_role_may_write() {
    let (mut tui, police) = signed_in(OperatorRole::Police);
    tui.press("2llll");
    let before = tui.store().last_group();
    tui.press("s");
    assert_ne!(tui.store().last_group(), before, "signed");
    // Another operator signs in on the same window (after the idle lock).
    let justice = Grant { name: "tp".into(), ..grant(OperatorRole::Justice, 0) };
    tui.app.grant = justice.clone();
    let signed = tui.store().last_group();
    tui.press("<c-z>");
    assert_eq!(tui.store().last_group(), signed, "nothing undone");
    let said = status_text(&tui);
    assert!(said.starts_with("Việc ") && said.ends_with("Không có gì được ghi."), "{said}");
    assert!(said.contains(soxa::i18n::access::role(Lang::Vi, OperatorRole::Justice)), "{said}");
    tui.app.grant = police;
    tui.press("<c-z>");
    assert_ne!(tui.store().last_group(), signed, "undone by the police");
    // A viewer is not offered Ctrl+Z at all.
    let viewer = grant(OperatorRole::Viewer, 0);
    tui.app.grant = viewer.clone();
    tui.press("<c-y>");
    assert_eq!(status_text(&tui), sentence(&viewer.check(Access::WriteHousehold).unwrap_err()));
}

/// The bottom line of the screen at 80x24, and the help's text.
fn footer_and_help(tui: &mut Tui) -> (String, String) {
    let text = tui.text(80, 24);
    let footer = text.lines().last().unwrap_or_default().to_string();
    tui.press("?");
    let mut help = tui.text(80, 24);
    tui.press("<pgdown>");
    help.push_str(&tui.text(80, 24));
    tui.press("<pgdown>");
    help.push_str(&tui.text(80, 24));
    tui.press("<esc>");
    (footer, help)
}

#[test]
fn a_viewer_and_the_justice_operator_are_offered_only_their_keys() {
    let vi = Lang::Vi;
    // The viewer on Households: finding and filtering, never signing.
    let (mut tui, _) = signed_in(OperatorRole::Viewer);
    tui.press("2");
    let (footer, help) = footer_and_help(&mut tui);
    for word in [HouseholdsText::KeySign.get(vi), Ui::New.get(vi), Ui::Edit.get(vi), Ui::Undo.get(vi)] {
        assert!(!footer.contains(word), "{word} in {footer}");
        assert!(!help.contains(word), "{word} in help");
    }
    assert!(footer.contains(HouseholdsText::KeySearch.get(vi)), "{footer}");
    assert!(help.contains(HouseholdsText::KeySearch.get(vi)));
    assert!(help.contains(Ui::Households.get(vi)) && help.contains(Ui::Mediation.get(vi)));
    // The justice operator on Mediation: cases are theirs; no households.
    let (mut tui, _) = signed_in(OperatorRole::Justice);
    tui.press("4");
    assert_eq!(tui.app.screen, Screen::Mediation);
    let (footer, help) = footer_and_help(&mut tui);
    assert!(footer.contains(Ui::New.get(vi)), "{footer}");
    assert!(help.contains(Ui::Undo.get(vi)));
    assert!(!help.contains(Ui::Households.get(vi)), "no Households in the justice help");
    assert!(!help.contains(Ui::Targets.get(vi)), "no Targets in the justice help");
    // The justice operator in Settings: reading, no changes.
    tui.press("6");
    let (footer, help) = footer_and_help(&mut tui);
    assert!(!footer.contains(Ui::Edit.get(vi)) && !help.contains(Ui::Edit.get(vi)), "{footer}");
}

#[test]
fn a_hamlet_head_sees_only_their_hamlet() {
    let (mut tui, g) = signed_in(OperatorRole::HamletHead);
    let own = g.hamlet.unwrap_or_default();
    let name = tui.store().get::<Hamlet>(own).expect("read").map(|h| h.display_name()).unwrap_or_default();
    let count = tui.store().households_in_hamlet(own).expect("index").len();
    tui.press("2");
    let text = tui.text(120, 40);
    assert!(text.contains(&format!(" {count}/")), "{count} households listed: {text}");
    // Choosing another hamlet ("t") offers only theirs.
    tui.press("t");
    let picker = tui.text(120, 40);
    tui.press("<esc>");
    let others: Vec<String> = tui
        .store()
        .all::<Hamlet>()
        .expect("hamlets")
        .into_iter()
        .filter(|h| h.id != own)
        .map(|h| h.display_name())
        .collect();
    assert!(others.iter().all(|o| !picker.contains(&format!("│{o}"))), "{picker}");
    // The lookup: only their hamlet's households.
    tui.press("/nguyen");
    let Overlay::Lookup(state) = &tui.app.overlay else { panic!("the lookup is open") };
    assert!(!state.rows.is_empty(), "some households of {name}");
    for row in &state.rows {
        assert!(row.kind == EntityKind::Household || row.kind == EntityKind::Model || row.kind == EntityKind::Outreach);
        if row.kind == EntityKind::Household {
            let h = tui.store().get::<Household>(row.id).expect("read").expect("there");
            assert_eq!(h.hamlet, own, "{row:?}");
        }
    }
}

/// Every full national ID and phone number of the demo.
fn numbers(tui: &Tui) -> Vec<String> {
    let mut out = Vec::new();
    for h in tui.store().all::<Household>().expect("households") {
        out.extend(h.national_id.clone());
        out.extend(h.phone.clone());
    }
    for m in tui.store().all::<soxa::domain::Member>().expect("members") {
        out.extend(m.national_id.clone());
        out.extend(m.phone.clone());
    }
    out.retain(|n| n.len() >= 8);
    out
}

/// What every screen the role may read shows, with its first record opened.
fn every_screen(tui: &mut Tui) -> String {
    let mut all = String::new();
    for screen in Screen::ALL {
        tui.press("<esc><esc><esc>").press(key_of(screen));
        if tui.app.screen != screen {
            continue;
        }
        all.push_str(&tui.text(120, 40));
        all.push_str(&tui.text(80, 24));
        tui.press("<enter>");
        all.push_str(&tui.text(120, 40));
        all.push_str(&tui.text(80, 24));
        tui.press("<esc><right><enter>");
        all.push_str(&tui.text(120, 40));
    }
    tui.press("<esc><esc>/nguyen");
    all.push_str(&tui.text(120, 40));
    all
}

#[test]
fn no_full_personal_number_on_a_viewer_or_hamlet_head_screen() {
    let (mut police, _) = signed_in(OperatorRole::Police);
    let shown = every_screen(&mut police);
    let numbers = numbers(&police);
    assert!(!numbers.is_empty());
    assert!(numbers.iter().any(|n| shown.contains(n.as_str())), "the police sees a full number (the test sees)");
    for role in [OperatorRole::Viewer, OperatorRole::HamletHead] {
        let (mut tui, _) = signed_in(role);
        let shown = every_screen(&mut tui);
        for n in &numbers {
            assert!(!shown.contains(n.as_str()), "{role:?} sees {n}");
        }
    }
}

#[test]
fn unmasking_writes_one_access_log_entry_per_number_and_opening() {
    let (mut tui, _) = signed_in(OperatorRole::Police);
    tui.store().add_operator("Quản trị", OperatorRole::Admin, None, "mật khẩu dài").expect("admin");
    let logged = |tui: &Tui| {
        let log = tui.store().access_log(1000).expect("log");
        log.into_iter().filter(|e| matches!(e.event, AccessEvent::Unmasked { .. })).collect::<Vec<_>>()
    };
    tui.press("2");
    assert!(logged(&tui).is_empty(), "the list masks numbers");
    tui.press("<enter>");
    let first = logged(&tui);
    assert!(!first.is_empty(), "the detail shows numbers in full");
    for e in &first {
        let AccessEvent::Unmasked { kind, reference, .. } = &e.event else { continue };
        assert_eq!(*kind, EntityKind::Household);
        assert!(reference.contains('-'), "a code, never a name: {reference}");
    }
    // Drawing and scrolling the same view log nothing more.
    tui.text(80, 24);
    tui.text(120, 40);
    tui.press("<down><down>");
    assert_eq!(logged(&tui).len(), first.len());
    // Opened again: logged again, once.
    tui.press("<enter><enter>");
    assert_eq!(logged(&tui).len(), 2 * first.len());
    // A viewer's opening (numbers masked) logs nothing.
    tui.app.grant = grant(OperatorRole::Viewer, 0);
    tui.press("<esc>2<enter>");
    assert_eq!(logged(&tui).len(), 2 * first.len());
}

#[test]
fn the_dashboard_names_no_party_to_a_role_that_may_not_read_cases() {
    let pairs = |tui: &Tui| -> Vec<String> {
        let cases = tui.store().all::<soxa::domain::MediationCase>().expect("cases");
        cases
            .iter()
            .filter(|c| c.parties.len() > 1)
            .map(|c| c.parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(" - "))
            .collect()
    };
    let (mut justice, _) = signed_in(OperatorRole::Justice);
    justice.press("1");
    let shown = justice.text(160, 50);
    let named = pairs(&justice).iter().filter(|p| shown.contains(p.as_str())).count();
    assert!(named > 0, "the justice operator sees the parties (the test sees): {shown}");
    for role in [OperatorRole::Police, OperatorRole::HamletHead] {
        let (mut tui, _) = signed_in(role);
        tui.press("1");
        let shown = tui.text(160, 50);
        for p in pairs(&tui) {
            assert!(!shown.contains(p.as_str()), "{role:?} sees {p}");
        }
    }
}

#[test]
fn a_form_saves_only_what_the_role_may_write() {
    let named = |tui: &Tui| {
        let teams = tui.store().all::<soxa::domain::Team>().expect("teams");
        teams.iter().any(|t| t.name == "Tổ thử quyền")
    };
    // The justice operator may add a team (a mediation team), but the form
    // opens on the first kind, a security team: that save is refused.
    let (mut tui, g) = signed_in(OperatorRole::Justice);
    tui.press("3n").press("Tổ thử quyền<c-s>");
    let refusal = g.check(Access::WriteTeam { kind: TeamKind::Security }).unwrap_err();
    assert_eq!(status_text(&tui), sentence(&refusal));
    assert!(matches!(tui.app.overlay, Overlay::Form(_)), "what was typed stays");
    assert!(!named(&tui), "nothing written");
    // The police may keep a security team.
    let (mut tui, _) = signed_in(OperatorRole::Police);
    tui.press("3n").press("Tổ thử quyền<c-s>");
    assert!(named(&tui), "{}", status_text(&tui));
}
