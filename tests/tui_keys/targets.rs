//! The Targets screen (7) from the keyboard: a model added, reviewed,
//! undone, dropped with its reason, filtered and deleted; the safe-area
//! grid filled cell by cell and saved as one change; an outreach session
//! recorded and its attendance ticked, its reach counting each household
//! once.

use soxa::domain::plan::Target;
use soxa::domain::{AreaResult, Assessment, Classification, Hamlet, Household, Lang, Model, Outreach, Period, Verdict};
use soxa::report;
use soxa::tui::{Overlay, Screen, Tone};

use crate::common::tui::Tui;

fn status(tui: &Tui) -> Option<(&str, Tone)> {
    tui.app.status.as_ref().map(|(text, tone)| (text.as_str(), *tone))
}

fn models(tui: &Tui) -> Vec<Model> {
    tui.store().all::<Model>().unwrap()
}

fn first_hamlet(tui: &Tui) -> Hamlet {
    let mut all = tui.store().all::<Hamlet>().unwrap();
    all.sort_by(|a, b| a.code.cmp(&b.code));
    all.remove(0)
}

#[test]
fn a_model_is_added_reviewed_undone_dropped_and_deleted() {
    let mut tui = Tui::at(Lang::Vi, 100, 30);
    tui.press("7");
    assert_eq!(tui.app.screen, Screen::Targets);
    let before = models(&tui).len();
    let hamlet = first_hamlet(&tui);
    tui.press("nTổ tự quản xóm Đông<tab><tab><right><c-s>");
    assert_eq!(status(&tui), Some(("Đã lưu", Tone::Good)), "{}", tui.text(100, 30));
    let added = models(&tui).into_iter().find(|m| m.name == "Tổ tự quản xóm Đông").expect("saved");
    assert_eq!(added.hamlet, Some(hamlet.id), "the first hamlet chosen with →");
    assert_eq!(models(&tui).len(), before + 1);
    let screen = tui.text(100, 30);
    assert!(screen.contains("Tổ tự quản xóm Đông") && screen.contains("Chưa đánh giá"), "{screen}");

    // r: this year's review, effective by default.
    tui.press("r<c-s>");
    let reviewed = tui.store().get::<Model>(added.id).unwrap().unwrap();
    assert!(reviewed.effective_in(2026), "{:?}", reviewed.reviews);
    tui.press("<c-z>");
    assert!(!tui.store().get::<Model>(added.id).unwrap().unwrap().effective_in(2026), "Ctrl+Z takes the review back");
    tui.press("<c-y>");
    assert!(tui.store().get::<Model>(added.id).unwrap().unwrap().effective_in(2026), "Ctrl+Y puts it back");

    // Dropped needs its reason: the form stays open on it, then saves.
    tui.press("r<tab><right><right><c-s>");
    assert!(matches!(tui.app.overlay, Overlay::Form(_)), "a drop without a reason is refused");
    tui.press("Không còn hoạt động<c-s>");
    assert!(matches!(tui.app.overlay, Overlay::None));
    let dropped = tui.store().get::<Model>(added.id).unwrap().unwrap();
    let review = dropped.review(2026).unwrap();
    assert_eq!((review.verdict, review.reason.as_str()), (Verdict::Dropped, "Không còn hoạt động"));

    // Its history says what changed.
    tui.press("h");
    let Overlay::History(h) = &tui.app.overlay else { panic!("h opens the history") };
    assert!(h.text().len() >= 3, "{:?}", h.text());
    tui.press("<esc>");

    // Deleting asks first; Ctrl+Z brings the model back.
    tui.press("x");
    assert!(matches!(tui.app.overlay, Overlay::Confirm { .. }));
    tui.press("c");
    assert!(tui.store().get::<Model>(added.id).unwrap().is_none());
    tui.press("<c-z>");
    assert!(tui.store().get::<Model>(added.id).unwrap().is_some());

    // s filters by review; Esc clears the filters.
    tui.press("s");
    assert!(tui.text(100, 30).contains("Đánh giá năm 2026: Chưa đánh giá"));
    tui.press("<esc>");
    assert_eq!(status(&tui).map(|s| s.0), Some("Đã bỏ lọc"));
}

#[test]
fn the_grid_is_filled_from_the_keyboard_and_saved_as_one_change() {
    let mut tui = Tui::at(Lang::Vi, 100, 30);
    // 2024, a year the demo assessed nothing in (it does last year and this).
    tui.press("7<tab>--");
    assert!(tui.text(100, 30).contains("Năm 2024"));
    let hamlet = first_hamlet(&tui);
    let assessment = |tui: &Tui| {
        tui.store().all::<Assessment>().unwrap().into_iter().find(|a| a.hamlet == hamlet.id && a.year == 2024)
    };
    let existing = assessment(&tui);
    let of_year = |tui: &Tui| tui.store().all::<Assessment>().unwrap().into_iter().filter(|a| a.year == 2024).count();
    let base = of_year(&tui);
    // Registered today (Space on an empty date), criteria 1 to 5 met,
    // result safe, classified good, decision typed: all in one row.
    tui.press("<space><right><space><right><space><right><space><right><space><right><space>");
    tui.press("<right><space><right><space><space><right>15/QĐ-UBND<tab><space>");
    assert!(tui.text(100, 30).contains("1 dòng chưa lưu"), "{}", tui.text(100, 30));
    assert_eq!(assessment(&tui), existing, "nothing is saved before Ctrl+S");
    // The next row: safe, then Ctrl+S saves both rows.
    tui.press("<down><left><left><left><space>");
    tui.press("<c-s>");
    assert_eq!(status(&tui), Some(("Đã lưu", Tone::Good)), "{}", tui.text(100, 30));
    let saved = assessment(&tui).expect("saved");
    assert_eq!(saved.registered, Some(crate::common::ymd(2026, 11, 23)));
    assert!(saved.marks.iter().all(|m| m.met) && saved.marks.len() == 5, "{:?}", saved.marks);
    assert_eq!(saved.result, Some(AreaResult::Safe));
    assert_eq!(saved.classification, Some(Classification::Good));
    assert_eq!(saved.decision_number, "15/QĐ-UBND");
    assert_eq!(saved.decision_date, Some(crate::common::ymd(2026, 11, 23)));
    let after = of_year(&tui);
    assert!(!tui.text(100, 30).contains("dòng chưa lưu"));

    // One change: one Ctrl+Z takes both rows back.
    tui.press("<c-z>");
    assert_eq!(assessment(&tui), existing);
    assert_eq!(of_year(&tui), base, "both rows taken back");
    tui.press("<c-y>");
    assert_eq!(of_year(&tui), after);

    // A bad date is refused in its cell; Esc twice drops what was typed.
    tui.press("<home><left><left><left><left><left><left><left><left><left><left><left><left>");
    tui.press("31/02/2026<enter>");
    assert_eq!(status(&tui).map(|s| s.0), Some("Ngày không hợp lệ (dd/mm/yyyy)."));
    tui.press("<esc><right><space>");
    assert!(tui.text(100, 30).contains("1 dòng chưa lưu"));
    tui.press("<esc>");
    assert!(tui.text(100, 30).contains("1 dòng chưa lưu"), "the first Esc only asks");
    tui.press("<esc>");
    assert!(!tui.text(100, 30).contains("dòng chưa lưu"));
    assert_eq!(of_year(&tui), after, "nothing saved");

    // The commune's row is computed, never typed.
    assert!(tui.text(100, 30).contains("Toàn xã"));
}

#[test]
fn an_outreach_session_is_recorded_and_its_reach_counts_each_household_once() {
    let mut tui = Tui::at(Lang::Vi, 100, 30);
    let hamlet = first_hamlet(&tui);
    let active: Vec<u64> = {
        let ids = tui.store().households_in_hamlet(hamlet.id).unwrap();
        let all: Vec<Household> = tui.store().get_many(&ids).unwrap();
        all.into_iter().filter(|h| h.is_active_on(crate::common::ymd(2026, 11, 23))).map(|h| h.id).collect()
    };
    tui.press("7<tab><tab>");
    let keys = format!("n<tab>{}<tab>Phòng chống ma túy<tab>Công an xã<tab>40<c-s>", hamlet.code.to_lowercase());
    tui.press(&keys);
    let text = tui.text(100, 30);
    assert!(text.contains("Hộ tham dự · 23/11/2026 · Phòng chống ma túy"), "the new session's list opens: {text}");
    tui.press("a<space>");
    assert!(tui.text(100, 30).contains(&format!("{}/{} có mặt", active.len() - 1, active.len())));
    tui.press("<c-s>");
    let sessions: Vec<Outreach> = tui.store().all().unwrap();
    let first = sessions.iter().find(|s| s.topic == "Phòng chống ma túy").expect("saved");
    assert_eq!(first.households.len(), active.len() - 1, "all present but the one unticked");
    assert_eq!(first.head_count, 40);
    assert!(!tui.text(100, 30).contains("Hộ tham dự ·"), "saved: back to the list");
    let reach = |tui: &Tui| {
        let text = tui.text(100, 30);
        text.lines().find(|l| l.contains("hộ được tuyên truyền")).unwrap().to_string()
    };
    // The reach shown is the targets table's, as every report says it.
    let table = |tui: &Tui| {
        let period = Period::parse("2026").unwrap();
        let sum = report::summarize(&report::load(tui.store(), &period).unwrap(), &period);
        let row = sum.targets.rows.iter().find(|r| r.target == Target::Reached).copied().unwrap();
        format!("{}/{} hộ được tuyên truyền", row.part, row.whole.unwrap())
    };
    assert!(reach(&tui).contains(&table(&tui)), "{} / {}", reach(&tui), table(&tui));

    // A second session for the same hamlet, everyone present: the hamlet's
    // reach is every household, each counted once.
    tui.press(&format!("n<tab>{}<tab>An toàn giao thông<c-s>a<c-s>", hamlet.code));
    assert!(reach(&tui).contains(&table(&tui)), "{} / {}", reach(&tui), table(&tui));
    tui.press("t");
    assert!(reach(&tui).contains(&format!("{0}/{0} ", active.len())), "the hamlet's own reach: {}", reach(&tui));

    // Esc with marks not saved asks once; the history of a session opens.
    tui.press("<enter><space><esc>");
    assert!(tui.text(100, 30).contains("Hộ tham dự ·"), "the first Esc only asks");
    tui.press("<esc>h");
    assert!(matches!(tui.app.overlay, Overlay::History(_)));
}

#[test]
fn the_plan_edited_in_settings_moves_the_targets_screen() {
    let mut tui = Tui::at(Lang::Vi, 100, 30);
    let plan = |tui: &Tui| tui.store().commune().unwrap().unwrap().plan;
    assert_eq!(plan(&tui).reached_pct, 75, "the plans' default");
    // Settings, the rules' section (after the two privacy sections) shows
    // them; c edits them.
    tui.press("6<tab><tab><tab><tab><tab>");
    assert!(tui.text(100, 30).contains("15/05"), "{}", tui.text(100, 30));
    tui.press("c<tab><bs><bs>80<c-s>");
    assert_eq!(status(&tui), Some(("Đã lưu", Tone::Good)));
    assert_eq!(plan(&tui).reached_pct, 80);
    tui.press("7<tab><tab>");
    assert!(tui.text(100, 30).contains("chỉ tiêu 80%"), "{}", tui.text(100, 30));

    // A day that does not exist is refused beside its field.
    tui.press("6c<tab><tab><tab><tab><tab><tab><tab><tab><tab><tab><bs><bs><bs><bs><bs>31/04<c-s>");
    assert!(matches!(tui.app.overlay, Overlay::Form(_)), "31/04 is refused");
    tui.press("<esc>c");
    assert_eq!(plan(&tui).half_year_due, soxa::domain::DueDay::new(15, 5));
    // Ctrl+Z takes the edit back.
    tui.press("<c-z>");
    assert_eq!(plan(&tui).reached_pct, 75);
}
