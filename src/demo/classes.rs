//! Training classes: the commune holds a few classes a year, each on one
//! date with one course for each kind of work, and a team that trains that
//! year sends its whole roster (those on it that day, most of them present)
//! to one of them. So the targets table's "classes held for core forces"
//! counts a handful of classes, not one per member; most security teams had
//! a class this year, a few not.

use chrono::{Datelike, NaiveDate};
use rand::Rng;

use super::data::Data;
use super::households::years;
use super::people::{self, between, ymd};
use super::teams::TeamDraft;
use crate::domain::{Member, TeamKind, TeamStatus, Training};

/// Classes the commune holds in a year (spring, summer, autumn).
const SLOTS: usize = 3;

/// One class day of a year; `pick` chooses each kind's course.
struct Class {
    date: NaiveDate,
    pick: usize,
}

/// Gives every member the classes their team attended.
pub fn train(data: &Data, rng: &mut impl Rng, drafts: &[TeamDraft], members: &mut [Member], today: NaiveDate) {
    let calendar: Vec<Vec<Class>> = years(today).map(|y| schedule(rng, y, today)).collect();
    for d in drafts {
        for (year, classes) in years(today).zip(&calendar) {
            let Some(class) = attended(rng, d, year, classes, today) else { continue };
            let course = course(data, d.team.kind, class.pick);
            for m in members.iter_mut().filter(|m| m.team == d.team.id && on_roster(m, class.date)) {
                if rng.random_bool(0.92) {
                    m.trainings.push(Training {
                        date: class.date,
                        course: course.clone(),
                        passed: rng.random_bool(0.95),
                    });
                }
            }
        }
    }
}

/// The year's class days, between mid-January and October, none after today.
fn schedule(rng: &mut impl Rng, year: i32, today: NaiveDate) -> Vec<Class> {
    let bounds = [
        (ymd(year, 1, 15), ymd(year, 4, 30)),
        (ymd(year, 5, 1), ymd(year, 7, 31)),
        (ymd(year, 8, 1), ymd(year, 10, 31)),
    ];
    let mut out: Vec<Class> = bounds
        .iter()
        .take(SLOTS)
        .map(|(lo, hi)| Class { date: between(rng, *lo, *hi), pick: people::index(rng, 64) })
        .collect();
    out.retain(|c| c.date <= today);
    out
}

/// The class a team sent its roster to that year, if any: most teams train
/// every year (a few fewer in past years), only while they exist.
fn attended<'a>(
    rng: &mut impl Rng,
    d: &TeamDraft,
    year: i32,
    classes: &'a [Class],
    today: NaiveDate,
) -> Option<&'a Class> {
    let share = if year == today.year() { 0.85 } else { 0.75 };
    let founded = d.team.established.unwrap_or(today);
    let ended = match d.team.status {
        TeamStatus::Dissolved { on } => on,
        TeamStatus::Active => today,
    };
    let open: Vec<&Class> = classes.iter().filter(|c| founded <= c.date && c.date <= ended).collect();
    if open.is_empty() || !rng.random_bool(share) {
        return None;
    }
    Some(open[people::index(rng, open.len())])
}

fn on_roster(m: &Member, date: NaiveDate) -> bool {
    m.joined <= date && m.left.as_ref().is_none_or(|l| l.on >= date)
}

/// The class's course for a kind of team: one meant for its work when the
/// list has one.
fn course(data: &Data, kind: TeamKind, pick: usize) -> String {
    let topic = match kind {
        TeamKind::Mediation => "hòa giải",
        TeamKind::Militia => "dân quân",
        TeamKind::Security | TeamKind::SelfManaged | TeamKind::ShockBrigade => "an ninh",
        TeamKind::Other => "",
    };
    let fitting: Vec<&String> = data.trainings.iter().filter(|t| !topic.is_empty() && t.contains(topic)).collect();
    let list: Vec<&String> = if fitting.is_empty() { data.trainings.iter().collect() } else { fitting };
    list.get(pick % list.len().max(1)).map_or_else(String::new, |s| (*s).clone())
}
