//! The demo's records for the plan's targets: self-management models with
//! yearly reviews, the areas' yearly assessments and outreach sessions, at
//! rates a commune would recognise: most hamlets safe and a few not,
//! classifications spread, some hamlets without an effective model, and
//! outreach reaching 70-90% of a hamlet's households in a year.

use chrono::{Datelike, NaiveDate};
use rand::Rng;

use super::households::Town;
use super::people::{between, index, int};
use crate::domain::assessment::CIRCULAR_CRITERIA;
use crate::domain::{AreaResult, Assessment, Classification, Id, Model, Outreach, Review, Verdict};

const TOPICS: [&str; 8] = [
    "Phòng, chống tội phạm và tệ nạn ma túy",
    "Luật Cư trú và đăng ký, quản lý cư trú",
    "Phòng, chống lừa đảo chiếm đoạt tài sản qua mạng",
    "Phòng cháy, chữa cháy trong khu dân cư",
    "Luật Hòa giải ở cơ sở",
    "Phòng, chống bạo lực gia đình",
    "Bảo đảm trật tự, an toàn giao thông",
    "Vận động giao nộp vũ khí, vật liệu nổ, công cụ hỗ trợ",
];

/// Short names of the seeded model kinds, by catalog id (1-based).
const KIND_NAMES: [&str; 5] =
    ["Tổ tự quản", "Nhóm liên gia tự quản", "Dòng họ tự quản", "Camera an ninh", "Khu dân cư không tội phạm"];

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The years the demo covers: last year and this one.
fn years(today: NaiveDate) -> [i32; 2] {
    [today.year() - 1, today.year()]
}

/// Whether the year-end review of `year` has happened by `today` (it runs
/// from November), and its last day so far.
fn review_window(year: i32, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let (from, to) = (ymd(year, 11, 15), ymd(year, 12, 10).min(today));
    (from <= to).then_some((from, to))
}

/// One to three models per hamlet; about one hamlet in eight keeps none
/// effective this year.
pub fn models(rng: &mut impl Rng, town: &Town, today: NaiveDate) -> Vec<Model> {
    let mut out = Vec::new();
    for h in &town.hamlets {
        let weak = rng.random_bool(0.12);
        let mut kinds: Vec<usize> = Vec::new();
        for _ in 0..int(rng, 1, 3) {
            // One model of a kind per hamlet: the name is the model's key.
            let kind = index(rng, KIND_NAMES.len());
            if kinds.contains(&kind) {
                continue;
            }
            kinds.push(kind);
            let started = between(rng, ymd(today.year() - 6, 1, 1), ymd(today.year() - 1, 6, 30));
            let name = format!("{} {} {}", KIND_NAMES[kind], h.kind.word().to_lowercase(), h.name);
            let mut m = Model::new(&name, u16::try_from(kind + 1).unwrap_or(1), Some(h.id), started);
            review(rng, &mut m, weak, today);
            out.push(m);
        }
    }
    out
}

fn review(rng: &mut impl Rng, m: &mut Model, weak: bool, today: NaiveDate) {
    for year in years(today) {
        let Some((from, to)) = review_window(year, today) else { continue };
        // A few models are not reviewed yet this year.
        if year == today.year() && rng.random_bool(0.1) || m.dropped_by(u16::try_from(year - 1).unwrap_or(0)) {
            continue;
        }
        let roll: f64 = rng.random();
        let verdict = match (weak && year == today.year(), roll) {
            (true, r) if r < 0.7 => Verdict::NotYet,
            (true, _) => Verdict::Dropped,
            (false, r) if r < 0.85 => Verdict::Effective,
            (false, r) if r < 0.96 => Verdict::NotYet,
            _ => Verdict::Dropped,
        };
        let date = between(rng, from, to);
        let reason = if verdict == Verdict::Dropped { "Không còn duy trì hoạt động" } else { "" };
        m.set_review(Review {
            year: u16::try_from(year).unwrap_or(0),
            verdict,
            date: Some(date),
            reason: reason.into(),
        });
    }
}

/// Each hamlet's assessment for last year and this one: registered in
/// quarter I; the result and class once the year-end review has run.
pub fn assessments(rng: &mut impl Rng, town: &Town, today: NaiveDate) -> Vec<Assessment> {
    let mut out = Vec::new();
    for h in &town.hamlets {
        for year in years(today) {
            let mut a = Assessment::new(h.id, u16::try_from(year).unwrap_or(0));
            a.registered = Some(between(rng, ymd(year, 1, 5), ymd(year, 3, 25)).min(today));
            if let Some((from, to)) = review_window(year, today) {
                let decided = between(rng, from, to);
                judge(rng, &mut a, decided);
            }
            out.push(a);
        }
    }
    out
}

fn judge(rng: &mut impl Rng, a: &mut Assessment, decided: NaiveDate) {
    let safe = rng.random_bool(0.92);
    let failed = if safe { usize::MAX } else { 2 + index(rng, CIRCULAR_CRITERIA.len() - 2) };
    for id in 1..=CIRCULAR_CRITERIA.len() {
        let note = if id == failed { "Xảy ra vụ việc phức tạp kéo dài" } else { "" };
        a.set_mark(u16::try_from(id).unwrap_or(0), id != failed, note);
    }
    let roll: f64 = rng.random();
    a.result = Some(if safe { AreaResult::Safe } else { AreaResult::NotSafe });
    a.classification = Some(match (safe, roll) {
        (true, r) if r < 0.36 => Classification::Excellent,
        (true, r) if r < 0.88 => Classification::Good,
        (true, _) => Classification::Average,
        (false, r) if r < 0.6 => Classification::Average,
        (false, _) => Classification::Weak,
    });
    if safe {
        a.decision_number = format!("{}/QĐ-UBND", int(rng, 100, 450));
        a.decision_date = Some(decided);
    }
}

/// Three to five sessions a year per hamlet, each attended by a share of
/// the households living there that day, so that 70-90% are reached.
pub fn outreach(rng: &mut impl Rng, town: &Town, today: NaiveDate) -> Vec<Outreach> {
    let mut out = Vec::new();
    // The date and topic are a session's key in files.
    let mut held = std::collections::HashSet::new();
    for (i, h) in town.hamlets.iter().enumerate() {
        let share = 0.3 + rng.random::<f64>() * 0.12;
        for year in years(today) {
            let end = ymd(year, 12, 20).min(today);
            for _ in 0..int(rng, 3, 5) {
                let date = between(rng, ymd(year, 1, 10), end).min(today);
                let topic = TOPICS[index(rng, TOPICS.len())];
                if !held.insert((date, topic)) {
                    continue;
                }
                let mut s = Outreach::new(date, vec![h.id], topic);
                s.speaker = town.officers.get(index(rng, town.officers.len())).cloned().unwrap_or_default();
                let present: Vec<Id> = town.by_hamlet[i]
                    .iter()
                    .map(|&k| &town.households[k])
                    .filter(|x| x.is_active_on(date) && rng.random_bool(share))
                    .map(|x| x.id)
                    .collect();
                s.head_count = u32::try_from(present.len() * 5 / 4).unwrap_or(u32::MAX);
                s.households = present;
                out.push(s);
            }
        }
    }
    out
}
