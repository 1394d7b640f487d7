//! Teams and their rosters: a security, a self-managed and a mediation team
//! in every hamlet (more in big hamlets), shock brigades and militia for the
//! commune, a few others; members with ages and ratings (their trainings
//! are `classes`'). A few
//! teams and members break the movement's rules on purpose, so every
//! warning has something to show.

use chrono::{Datelike, NaiveDate};
use rand::Rng;

use super::cases::Mediator;
use super::data::Data;
use super::households::{Town, head_birth_date};
use super::people::{self, add_days, add_years, between, int, sub_years};
use crate::domain::{
    Departure, Gender, Hamlet, Household, Id, Member, Rating, Role, Team, TeamKind, TeamStatus, YearRating,
};

/// Why members leave a team.
const LEAVE_REASONS: [&str; 6] =
    ["Chuyển nơi ở", "Lý do sức khỏe", "Đi làm ăn xa", "Xin thôi tham gia", "Tuổi cao", "Chuyển công tác khác"];

const DISSOLVED_REASON: &str = "Tổ giải thể";

/// Rating weights: excellent, good, completed, not completed.
const RATING_WEIGHTS: [u32; 4] = [15, 50, 30, 5];
const RATINGS: [Rating; 4] = [Rating::Excellent, Rating::Good, Rating::Completed, Rating::NotCompleted];

/// A rule a team breaks on purpose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Breach {
    NoLeader,
    TwoLeaders,
    UnderMinimum,
    NoWoman,
    MemberUnder18,
    MemberOver70,
}

const BREACHES: [Breach; 6] = [
    Breach::NoLeader,
    Breach::TwoLeaders,
    Breach::UnderMinimum,
    Breach::NoWoman,
    Breach::MemberUnder18,
    Breach::MemberOver70,
];

/// A team before it is stored, with what its roster needs to know.
pub struct TeamDraft {
    pub team: Team,
    /// Index into `Town::hamlets`; `None` for commune-wide teams.
    pub hamlet: Option<usize>,
    breach: Option<Breach>,
}

/// Every team of the commune, hamlet by hamlet, then the commune-wide ones.
pub fn teams(data: &Data, rng: &mut impl Rng, town: &Town, today: NaiveDate) -> Vec<TeamDraft> {
    let mut out = Vec::new();
    for (hi, hamlet) in town.hamlets.iter().enumerate() {
        let size = town.by_hamlet[hi].len();
        for (kind, per) in [(TeamKind::Security, 500), (TeamKind::SelfManaged, 800), (TeamKind::Mediation, 1200)] {
            let count = ((size + per / 2) / per).max(1);
            let place = place_name(&hamlet.display_name());
            out.extend(
                named(data, rng, kind, &place, count).into_iter().map(|name| draft(&name, kind, Some((hi, hamlet)))),
            );
        }
    }
    let households = town.households.len();
    let place = place_name(&town.commune.name);
    for kind in [TeamKind::ShockBrigade, TeamKind::Militia] {
        let count = ((households + 1000) / 2000).max(1);
        out.extend(named(data, rng, kind, &place, count).into_iter().map(|name| draft(&name, kind, None)));
    }
    for _ in 0..(2 + households / 50_000).min(5) {
        let hi = people::index(rng, town.hamlets.len());
        let Some(hamlet) = town.hamlets.get(hi) else { break };
        let name = named(data, rng, TeamKind::Other, &place_name(&hamlet.display_name()), 1).concat();
        out.push(draft(&name, TeamKind::Other, Some((hi, hamlet))));
    }
    for d in &mut out {
        d.team.established = Some(established(rng, d.team.kind, today));
    }
    dissolve_a_few(rng, &mut out, today);
    assign_breaches(rng, &mut out);
    out
}

fn draft(name: &str, kind: TeamKind, hamlet: Option<(usize, &Hamlet)>) -> TeamDraft {
    let team = Team::new(name, kind, hamlet.map(|(_, h)| h.id));
    TeamDraft { team, hamlet: hamlet.map(|(i, _)| i), breach: None }
}

/// "Thôn Đông" inside a team name reads "thôn Đông", as Vietnamese writes it.
fn place_name(display: &str) -> String {
    let mut chars = display.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// `count` names from one pattern of `kind`, numbered when there are several.
fn named(data: &Data, rng: &mut impl Rng, kind: TeamKind, place: &str, count: usize) -> Vec<String> {
    let pattern = people::pick(rng, data.team_patterns(kind));
    let base = if pattern.starts_with("{hamlet}") {
        // At the start of a name the place keeps its capital.
        let mut cap = place.chars();
        let place: String = cap.next().map(|c| c.to_uppercase().chain(cap).collect()).unwrap_or_default();
        pattern.replace("{hamlet}", &place)
    } else {
        pattern.replace("{hamlet}", place)
    };
    (1..=count).map(|k| if count == 1 { base.clone() } else { format!("{base} số {k}") }).collect()
}

fn established(rng: &mut impl Rng, kind: TeamKind, today: NaiveDate) -> NaiveDate {
    // Mediation teams are old (grassroots mediation long predates its 2013
    // law), so the cases of three years back have mediators.
    let recent = kind != TeamKind::Mediation && rng.random_bool(0.1);
    if recent {
        between(rng, sub_years(today, 3), add_days(today, -180))
    } else {
        between(rng, sub_years(today, 15), sub_years(today, 4))
    }
}

/// A few teams were dissolved, at least one; never a hamlet's first
/// security team nor a mediation team, whose members the cases need.
fn dissolve_a_few(rng: &mut impl Rng, drafts: &mut [TeamDraft], today: NaiveDate) {
    let mut seen_security = vec![false; drafts.iter().filter_map(|d| d.hamlet).max().map_or(0, |m| m + 1)];
    let mut candidates = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        let first_security = match (d.team.kind, d.hamlet) {
            (TeamKind::Security, Some(h)) => !std::mem::replace(&mut seen_security[h], true),
            _ => false,
        };
        if matches!(d.team.kind, TeamKind::Security | TeamKind::SelfManaged | TeamKind::Other) && !first_security {
            candidates.push(i);
        }
    }
    let mut chosen: Vec<usize> = candidates.iter().copied().filter(|_| rng.random_bool(0.04)).collect();
    if chosen.is_empty() && !candidates.is_empty() {
        chosen.push(candidates[people::index(rng, candidates.len())]);
    }
    for i in chosen {
        let team = &mut drafts[i].team;
        let from = add_years(team.established.unwrap_or(today), 1);
        let on = between(rng, from, add_days(today, -30)).min(today);
        team.status = TeamStatus::Dissolved { on };
    }
}

/// A few teams of each breach, about one in 120 teams, at least one each.
fn assign_breaches(rng: &mut impl Rng, drafts: &mut [TeamDraft]) {
    let each = (drafts.len() / 120).max(1);
    for breach in BREACHES {
        for _ in 0..each {
            let fits = |d: &TeamDraft| {
                d.breach.is_none()
                    && d.team.status == TeamStatus::Active
                    && (breach != Breach::NoWoman || d.team.kind == TeamKind::Mediation)
            };
            let candidates: Vec<usize> = (0..drafts.len()).filter(|i| fits(&drafts[*i])).collect();
            if candidates.is_empty() {
                break;
            }
            let chosen = candidates[people::index(rng, candidates.len())];
            drafts[chosen].breach = Some(breach);
        }
    }
}

/// The rosters of all teams, given the stored teams' ids (same order).
pub fn members(data: &Data, rng: &mut impl Rng, town: &Town, drafts: &[TeamDraft], today: NaiveDate) -> Vec<Member> {
    let mut out = Vec::new();
    for d in drafts {
        let roster = Roster { data, town, draft: d, today };
        out.extend(roster.members(rng));
    }
    out
}

struct Roster<'a> {
    data: &'a Data,
    town: &'a Town,
    draft: &'a TeamDraft,
    today: NaiveDate,
}

impl Roster<'_> {
    fn members(&self, rng: &mut impl Rng) -> Vec<Member> {
        let n = match self.draft.breach {
            Some(Breach::UnderMinimum) => 2,
            _ => 5 + int(rng, 0, 10).max(int(rng, 0, 10)) as usize,
        };
        // Households already on this roster: one person, one line.
        let mut linked = Vec::new();
        (0..n).map(|j| self.member(rng, j, n, &mut linked)).collect()
    }

    fn kind(&self) -> TeamKind {
        self.draft.team.kind
    }

    fn role(&self, rng: &mut impl Rng, j: usize) -> Role {
        let breach = self.draft.breach;
        match j {
            0 if breach != Some(Breach::NoLeader) => Role::Leader,
            1 if breach == Some(Breach::TwoLeaders) => Role::Leader,
            _ if self.kind() == TeamKind::Mediation => Role::Mediator,
            1 if rng.random_bool(0.7) => Role::Deputy,
            _ => Role::Member,
        }
    }

    fn gender(&self, rng: &mut impl Rng, j: usize) -> Gender {
        let female_share = match self.kind() {
            TeamKind::Security | TeamKind::ShockBrigade => 0.08,
            TeamKind::Militia => 0.15,
            TeamKind::SelfManaged | TeamKind::Other => 0.3,
            TeamKind::Mediation if self.draft.breach == Some(Breach::NoWoman) => return Gender::Male,
            // Every mediation team has a woman in its second place at least.
            TeamKind::Mediation if j == 1 => return Gender::Female,
            TeamKind::Mediation => 0.45,
        };
        people::gender(rng, female_share)
    }

    /// Youngest and oldest age today. Members of a dissolved team were
    /// adults before it ended.
    fn ages(&self, role: Role) -> (i64, i64) {
        let (lo, hi) = match (self.kind(), role) {
            (TeamKind::Militia, _) => (20, 44),
            (TeamKind::ShockBrigade, _) => (20, 50),
            (_, Role::Leader) => (35, 66),
            _ => (20, 68),
        };
        let adult_by_end = match self.draft.team.status {
            TeamStatus::Dissolved { on } => 20 + i64::from(self.today.year() - on.year()),
            TeamStatus::Active => lo,
        };
        let lo = lo.max(adult_by_end);
        (lo, hi.max(lo + 5))
    }

    fn member(&self, rng: &mut impl Rng, j: usize, n: usize, used: &mut Vec<usize>) -> Member {
        let role = self.role(rng, j);
        let gender = self.gender(rng, j);
        let special = match self.draft.breach {
            Some(b @ (Breach::MemberUnder18 | Breach::MemberOver70)) if j == n - 1 => Some(b),
            _ => None,
        };
        let (lo, hi) = self.ages(role);
        let linked = match special.is_none() && rng.random_bool(0.3) {
            true => self.household(rng, gender, lo, hi).filter(|i| !used.contains(i)),
            false => None,
        };
        used.extend(linked);
        let head = linked.map(|i| &self.town.households[i]);
        let (name, birth) = match head {
            Some(h) => (h.head_name.clone(), head_birth_date(h)),
            None => (people::name(self.data, rng, gender), self.birth(rng, special, lo, hi)),
        };
        let joined = self.joined(rng, special, birth, j, n);
        let mut m = Member::new(self.draft.team.id, &name, role, joined);
        m.birth_date = Some(birth);
        m.gender = Some(gender);
        m.household = head.map(|h| h.id);
        self.fill_details(rng, &mut m, head);
        m
    }

    /// A household of the team's hamlet (any, for a commune-wide team) whose
    /// head fits the member's gender and age; `None` after a few tries.
    fn household(&self, rng: &mut impl Rng, gender: Gender, lo: i64, hi: i64) -> Option<usize> {
        let pool: &[usize] = match self.draft.hamlet {
            Some(h) => &self.town.by_hamlet[h],
            None => &[],
        };
        let total = self.town.households.len();
        for _ in 0..4 {
            let i = if pool.is_empty() { people::index(rng, total) } else { pool[people::index(rng, pool.len())] };
            let (Some(h), Some(head)) = (self.town.households.get(i), self.town.heads.get(i)) else { return None };
            let age = h.head_birth_year.map(|y| i64::from(self.today.year()) - i64::from(y));
            if head.gender == gender && age.is_some_and(|a| (lo..=hi).contains(&a)) && h.is_active_on(self.today) {
                return Some(i);
            }
        }
        None
    }

    fn birth(&self, rng: &mut impl Rng, special: Option<Breach>, lo: i64, hi: i64) -> NaiveDate {
        let age = match special {
            Some(Breach::MemberOver70) => int(rng, 71, 76),
            // Set so the member is 17 on joining (see `joined`).
            Some(Breach::MemberUnder18) => 17,
            _ => int(rng, lo, hi),
        };
        // 17 on the last possible joining day, so 17 or younger on joining.
        let on = if special == Some(Breach::MemberUnder18) { add_days(self.today, -150) } else { self.today };
        people::birth_for_age(rng, on, u32::try_from(age).unwrap_or(30))
    }

    fn joined(&self, rng: &mut impl Rng, special: Option<Breach>, birth: NaiveDate, j: usize, n: usize) -> NaiveDate {
        let team = &self.draft.team;
        let established = team.established.unwrap_or(self.today);
        let end = match team.status {
            TeamStatus::Dissolved { on } => on,
            TeamStatus::Active => self.today,
        };
        if special == Some(Breach::MemberUnder18) {
            return between(rng, add_days(self.today, -200), add_days(self.today, -150)).max(established);
        }
        let lo = established.max(add_years(birth, 18));
        // Most of the roster founded the team; the rest joined over the years.
        let founder = j * 10 < n * 6;
        let hi = if founder { add_days(lo, 30).min(end) } else { end };
        between(rng, lo, hi).min(end)
    }

    /// Phone and CCCD (the household's, for its head), decision, departure,
    /// ratings (trainings are the classes' own, `classes::train`).
    fn fill_details(&self, rng: &mut impl Rng, m: &mut Member, head: Option<&Household>) {
        let gender = m.gender.unwrap_or(Gender::Male);
        let birth_year = m.birth_date.map_or(1980, |b| b.year());
        m.phone = match head.and_then(|h| h.phone.clone()) {
            Some(phone) => Some(phone),
            None => rng.random_bool(0.9).then(|| people::phone(rng)),
        };
        m.national_id = match head.and_then(|h| h.national_id.clone()) {
            Some(id) => Some(id),
            None if rng.random_bool(0.4) => Some(people::national_id(rng, self.town.province_code, birth_year, gender)),
            None => None,
        };
        if rng.random_bool(0.7) {
            m.decision_number = format!("{}/QĐ-UBND", int(rng, 5, 250));
            m.decision_date = Some(between(rng, m.joined, add_days(m.joined, 20).min(self.today)));
        }
        m.left = self.departure(rng, m);
        m.ratings = self.ratings(rng, m);
    }

    fn departure(&self, rng: &mut impl Rng, m: &Member) -> Option<Departure> {
        if let TeamStatus::Dissolved { on } = self.draft.team.status {
            return Some(Departure { on: on.max(m.joined), reason: DISSOLVED_REASON.into() });
        }
        // Leaders stay, and so does everyone in a team that breaks a rule on
        // purpose, so the breach shows as made.
        let first = add_days(m.joined, 30);
        let stays = m.role == Role::Leader || self.draft.breach.is_some();
        if stays || first > self.today || !rng.random_bool(0.08) {
            return None;
        }
        let reason = LEAVE_REASONS[people::index(rng, LEAVE_REASONS.len())];
        Some(Departure { on: between(rng, first, self.today), reason: reason.into() })
    }

    /// A rating for each past year the member served through.
    fn ratings(&self, rng: &mut impl Rng, m: &Member) -> Vec<YearRating> {
        let current = self.today.year();
        (current - 3..current)
            .filter(|y| m.joined.year() <= *y && m.left.as_ref().is_none_or(|l| l.on.year() > *y))
            .filter_map(|y| {
                let rating = RATINGS[people::weighted(rng, &RATING_WEIGHTS)];
                Some(YearRating { year: u16::try_from(y).ok()?, rating })
            })
            .collect()
    }
}

/// The mediators of each hamlet: (member id, joined, left), from the stored
/// members and the team drafts they were made from.
pub fn mediators_by_hamlet(town: &Town, drafts: &[TeamDraft], members: &[Member]) -> Vec<Vec<Mediator>> {
    let mut out = vec![Vec::new(); town.hamlets.len()];
    let team_hamlet: std::collections::BTreeMap<Id, usize> = drafts
        .iter()
        .filter(|d| d.team.kind == TeamKind::Mediation)
        .filter_map(|d| Some((d.team.id, d.hamlet?)))
        .collect();
    for m in members {
        if let Some(&h) = team_hamlet.get(&m.team) {
            out[h].push((m.id, m.joined, m.left.as_ref().map(|l| l.on)));
        }
    }
    out
}
