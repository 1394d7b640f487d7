//! Issue 13's kinds in closed periods: an outreach session dated inside, a
//! model's review and an area's assessment of a closed year are frozen in
//! what the targets table reads of them; their other fields and later
//! years stay editable.

use soxa::domain::{AreaResult, Assessment, Classification, Model, Outreach, Period, Review, Verdict};

use super::{close, get, q3, refused, village};
use crate::common::{TestDb, ymd};

#[test]
fn sessions_reviews_and_assessments_of_a_closed_period_are_frozen() {
    let db = TestDb::new();
    let s = &db.store;
    let v = village(s);
    let mut session = Outreach::new(ymd(2026, 8, 1), vec![v.hamlet], "Luật Cư trú");
    session.households = vec![v.before];
    let session = s.insert(session).unwrap();
    let mut model = Model::new("Camera an ninh", 4, Some(v.hamlet), ymd(2024, 3, 1));
    model.set_review(Review { year: 2025, verdict: Verdict::Effective, date: None, reason: String::new() });
    let model = s.insert(model).unwrap();
    let mut a = Assessment::new(v.hamlet, 2025);
    a.result = Some(AreaResult::Safe);
    a.classification = Some(Classification::Good);
    let a = s.insert(a).unwrap();
    close(s, q3());
    close(s, Period::parse("2025").unwrap());

    let mut more = get::<Outreach>(s, session.id);
    more.set_attended(v.inside, true);
    assert_eq!(refused(s.update(more)), q3());
    let mut speaker = get::<Outreach>(s, session.id);
    speaker.speaker = "Lê Văn Hùng".into();
    s.update(speaker).unwrap();

    let mut dropped = get::<Model>(s, model.id);
    dropped.set_review(Review { year: 2025, verdict: Verdict::NotYet, date: None, reason: String::new() });
    assert_eq!(refused(s.update(dropped)), Period::parse("2025").unwrap());
    let mut later = get::<Model>(s, model.id);
    later.set_review(Review { year: 2026, verdict: Verdict::Effective, date: None, reason: String::new() });
    s.update(later).unwrap();

    let mut worse = get::<Assessment>(s, a.id);
    worse.classification = Some(Classification::Weak);
    assert_eq!(refused(s.update(worse)), Period::parse("2025").unwrap());
    let mut decided = get::<Assessment>(s, a.id);
    decided.decision_number = "12/QĐ-UBND".into();
    s.update(decided).unwrap();
    assert!(s.check().unwrap().is_empty());
}
