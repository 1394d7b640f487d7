//! The three kinds of record issue 13 added (models, area assessments,
//! outreach sessions) through the store: saved, indexed, refused, unlinked
//! when what they point to goes, undone, and checked clean.

use soxa::domain::{Assessment, Model, Outreach, Review, Verdict};
use soxa::store::StoreError;

use super::{assert_clean, field_errors, village};
use crate::common::{TestDb, ymd};

#[test]
fn models_assessments_and_outreach_are_stored_indexed_and_checked() {
    let db = TestDb::new();
    let store = &db.store;
    let v = village(store);
    let mut model = Model::new("Camera an ninh thôn Đông", 4, Some(v.dong), ymd(2025, 3, 1));
    model.team = Some(v.security);
    model.set_review(Review { year: 2025, verdict: Verdict::Effective, date: None, reason: String::new() });
    let model = store.insert(model).unwrap();
    let mut a = Assessment::new(v.dong, 2026);
    a.registered = Some(ymd(2026, 2, 10));
    a.set_mark(1, true, "");
    let a = store.insert(a).unwrap();
    let mut s = Outreach::new(ymd(2026, 4, 2), vec![v.dong], "Phòng chống ma túy");
    s.households = vec![v.anh, v.an, v.an];
    let s = store.insert(s).unwrap();
    assert_eq!(s.households, vec![v.an.min(v.anh), v.an.max(v.anh)], "sorted, each once");
    assert_eq!(store.models_in_hamlet(Some(v.dong)).unwrap(), vec![model.clone()]);
    assert_eq!(store.assessment_for(v.dong, 2026).unwrap(), Some(a.clone()));
    assert_eq!(store.outreach_in_hamlet(v.dong).unwrap(), vec![s.clone()]);
    assert_clean(store);
    // One assessment per hamlet and year.
    let again = store.insert(Assessment::new(v.dong, 2026));
    assert!(matches!(again, Err(StoreError::Invalid(_))), "{again:?}");
    // A hamlet they point to cannot be deleted.
    assert!(matches!(store.delete::<soxa::domain::Hamlet>(v.dong), Err(StoreError::InUse { .. })));
    // A dropped review needs its date and reason.
    let mut dropped = model.clone();
    dropped.set_review(Review { year: 2026, verdict: Verdict::Dropped, date: None, reason: String::new() });
    assert_eq!(field_errors(store.update(dropped)).len(), 2);
}

#[test]
fn a_deleted_household_leaves_the_sessions_and_undo_brings_it_back() {
    let db = TestDb::new();
    let store = &db.store;
    let v = village(store);
    let mut s = Outreach::new(ymd(2026, 4, 2), vec![v.dong, v.tay], "Luật Cư trú");
    s.households = vec![v.an, v.anh, v.binh];
    let s = store.insert(s).unwrap();
    store.delete::<soxa::domain::Household>(v.anh).unwrap();
    let now = store.get::<Outreach>(s.id).unwrap().unwrap();
    assert!(!now.attended(v.anh) && now.attended(v.an) && now.attended(v.binh));
    assert_clean(store);
    let group = store.last_group().unwrap();
    store.undo_group(group).unwrap();
    assert!(store.get::<Outreach>(s.id).unwrap().unwrap().attended(v.anh));
    assert_clean(store);
}

#[test]
fn a_deleted_team_leaves_the_models_it_ran() {
    let db = TestDb::new();
    let store = &db.store;
    let v = village(store);
    let cases: Vec<_> = v.cases.clone();
    for c in cases {
        store.delete::<soxa::domain::MediationCase>(c).unwrap();
    }
    let mut m = Model::new("Tổ tự quản", 1, None, ymd(2024, 1, 1));
    m.team = Some(v.security);
    let m = store.insert(m).unwrap();
    store.delete::<soxa::domain::Team>(v.security).unwrap();
    assert_eq!(store.get::<Model>(m.id).unwrap().unwrap().team, None);
    assert_clean(store);
}

#[test]
fn the_commune_keeps_its_plan_and_catalogs() {
    let db = TestDb::new();
    let store = &db.store;
    let mut c = crate::common::commune();
    c.plan.reached_pct = 80;
    c.model_kinds[5].active = false;
    store.save_commune(c.clone()).unwrap();
    let back = store.commune().unwrap().unwrap();
    assert_eq!((back.plan, back.model_kinds, back.criteria.len()), (c.plan, c.model_kinds, 5));
}

#[test]
fn a_models_history_reads_its_reviews_in_words_and_undo_takes_a_review_back() {
    let db = TestDb::new();
    let store = &db.store;
    let v = village(store);
    let mut m = store.insert(Model::new("Camera an ninh thôn Đông", 4, Some(v.dong), ymd(2025, 3, 1))).unwrap();
    m.set_review(Review {
        year: 2026,
        verdict: Verdict::Dropped,
        date: Some(ymd(2026, 11, 20)),
        reason: "Hỏng".into(),
    });
    store.update(m.clone()).unwrap();
    let entries =
        soxa::history::load(store, soxa::domain::Lang::Vi, &[(soxa::domain::EntityKind::Model, m.id)]).unwrap();
    let lines: Vec<String> = entries[0].lines.iter().map(|l| format!("{} {:?}", l.label, l.shift)).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("Đánh giá hằng năm") && lines[0].contains("2026 Thanh loại, 20/11/2026 Hỏng"),
        "{lines:?}"
    );
    store.undo_group(store.last_group().unwrap()).unwrap();
    assert!(store.get::<Model>(m.id).unwrap().unwrap().reviews.is_empty());
}

#[test]
fn models_by_name_and_sessions_by_topic_or_speaker_are_found_by_the_lookup() {
    let db = TestDb::new();
    let store = &db.store;
    let v = village(store);
    let model = store.insert(Model::new("Camera an ninh thôn Đông", 4, Some(v.dong), ymd(2025, 3, 1))).unwrap();
    let mut s = Outreach::new(ymd(2026, 4, 2), vec![v.dong], "Phòng chống ma túy");
    s.speaker = "Trần Văn Bình".into();
    s.households = vec![v.anh, v.an];
    let s = store.insert(s).unwrap();
    let describe = soxa::lookup::Describe::new(store, soxa::domain::Lang::Vi).unwrap();
    let found = |text: &str| -> Vec<soxa::lookup::Row> {
        store.search(text, 10).unwrap().iter().filter_map(|h| describe.row(h).unwrap()).collect()
    };
    let camera = found("camera dong");
    assert_eq!(
        camera.iter().map(|r| (r.kind, r.id)).collect::<Vec<_>>(),
        vec![(soxa::domain::EntityKind::Model, model.id)]
    );
    assert!(camera[0].title.starts_with("Camera an ninh thôn Đông ("), "{:?}", camera[0]);
    let topic = found("ma tuy");
    assert_eq!(topic.iter().map(|r| r.id).collect::<Vec<_>>(), vec![s.id], "{topic:?}");
    assert_eq!((topic[0].title.as_str(), topic[0].status.as_str()), ("02/04/2026 Phòng chống ma túy", "2 hộ dự"));
    assert_eq!(found("tran van binh").iter().filter(|r| r.id == s.id).count(), 1, "by its speaker");
    assert_clean(store);
}
