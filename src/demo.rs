//! `soxa demo`: a realistic synthetic commune, made from a seed.
//!
//! The commune profile, 10-40 hamlets, the households, three years of
//! commitments, the teams and their members, the mediation cases, and the
//! models, area assessments and outreach sessions of the plan's targets, with
//! the proportions a commune police clerk would recognise and a few records
//! that break the movement's rules on purpose, so every warning and
//! indicator has something to show. Same seed, day and size: same commune.
//!
//! Everything is made in memory from the word lists in `data/` (see
//! `demo/data.rs`), then written with `Store::bulk_insert`, record type by
//! record type in dependency order, through the same validation as the forms.
//! What lives elsewhere: the command line (`cli`), the store itself.

mod cases;
mod classes;
mod data;
mod households;
mod people;
mod targets;
mod teams;

use chrono::NaiveDate;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::domain::{CatalogItem, Gender, Household, Lang, Member};
use crate::i18n::history::DemoBatch;
use crate::store::{Store, StoreError};
use data::Data;
use households::Town;

pub use data::DataError;

/// The standard commitment items (Vietnamese, from `data/commitment_items.txt`):
/// the catalog a new commune starts with (Settings, first save of the commune).
pub fn standard_catalog() -> Result<Vec<String>, DataError> {
    Ok(Data::load()?.catalog)
}

/// The standard catalog as items numbered from 1, for a commune's first
/// save (`Commune::begin`); empty if the data cannot be read, which only a
/// build whose tests failed could do.
pub fn standard_items() -> Vec<CatalogItem> {
    let texts = standard_catalog().unwrap_or_default();
    (1u16..).zip(texts).map(|(id, text)| CatalogItem { id, text, active: true }).collect()
}

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoOptions {
    pub households: usize,
    pub seed: u64,
    /// The demo's "today": no record is dated after it. It must be the
    /// store's `today()` too (set a `Clock::Fixed` or keep both on the
    /// system date), since the store refuses records dated after its today.
    pub today: NaiveDate,
}

/// How many records of each kind were written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub hamlets: usize,
    pub households: usize,
    pub commitments: usize,
    pub teams: usize,
    pub members: usize,
    pub cases: usize,
    pub models: usize,
    pub assessments: usize,
    pub outreach: usize,
}

/// Marks a freshly created, empty store as a demo (first, so an interrupted
/// run is still known as one and replaced next time), then fills it with a
/// realistic commune. Deterministic for (seed, today, households). The caller
/// makes `opts.today` agree with `store.today()`.
pub fn generate(store: &Store, opts: &DemoOptions) -> Result<DemoSummary, StoreError> {
    // The data files are compiled in and parsed by the tests: this error can
    // only come from a build whose tests failed.
    let data = Data::load().map_err(|e| StoreError::Corrupt { tree: "demo data", detail: e.to_string() })?;
    store.mark_demo()?;
    let today = opts.today;
    let town = town(store, &data, opts)?;

    let mut rng = stage(opts.seed, 3);
    let items = town.commune.default_items();
    let mut made = Vec::new();
    for hamlet in 0..town.hamlets.len() {
        made.extend(households::commitments(&data, &mut rng, &town, &items, hamlet, today));
    }
    let commitments = store.bulk_insert(made, DemoBatch::Commitments.get(Lang::Vi))?.len();

    let mut rng = stage(opts.seed, 4);
    let mut teams = teams::teams(&data, &mut rng, &town, today);
    let stored = store.bulk_insert(teams.iter().map(|d| d.team.clone()).collect(), DemoBatch::Teams.get(Lang::Vi))?;
    for (draft, team) in teams.iter_mut().zip(stored) {
        draft.team = team;
    }
    let mut rng = stage(opts.seed, 5);
    let mut members = teams::members(&data, &mut rng, &town, &teams, today);
    classes::train(&data, &mut stage(opts.seed, 8), &teams, &mut members, today);
    let members: Vec<Member> = store.bulk_insert(members, DemoBatch::Members.get(Lang::Vi))?;

    let mut rng = stage(opts.seed, 6);
    let mediators = teams::mediators_by_hamlet(&town, &teams, &members);
    let cases = cases::cases(&data, &mut rng, &town, &mediators, today).map_err(|e| StoreError::Invalid(vec![e]))?;
    let cases = store.bulk_insert(cases, DemoBatch::Cases.get(Lang::Vi))?.len();

    let mut rng = stage(opts.seed, 7);
    let models = store.bulk_insert(targets::models(&mut rng, &town, today), DemoBatch::Models.get(Lang::Vi))?.len();
    let made = targets::assessments(&mut rng, &town, today);
    let assessments = store.bulk_insert(made, DemoBatch::Assessments.get(Lang::Vi))?.len();
    let made = targets::outreach(&mut rng, &town, today);
    let outreach = store.bulk_insert(made, DemoBatch::Outreach.get(Lang::Vi))?.len();
    Ok(DemoSummary {
        models,
        assessments,
        outreach,
        hamlets: town.hamlets.len(),
        households: town.households.len(),
        commitments,
        teams: teams.len(),
        members: members.len(),
        cases,
    })
}

/// The commune, its hamlets and households, stored; and what the later
/// stages need to know about their people.
fn town(store: &Store, data: &Data, opts: &DemoOptions) -> Result<Town, StoreError> {
    let mut rng = stage(opts.seed, 1);
    let (commune, province_code) = households::commune(data, &mut rng);
    let commune = store.save_commune(commune)?;
    let hamlets = households::hamlets(data, &mut rng, households::hamlet_count(opts.households));
    let hamlets = store.bulk_insert(hamlets, DemoBatch::Hamlets.get(Lang::Vi))?;

    let mut rng = stage(opts.seed, 2);
    let mut town = Town {
        commune,
        province_code,
        hamlets,
        hamlet_heads: Vec::new(),
        officers: Vec::new(),
        households: Vec::new(),
        heads: Vec::new(),
        by_hamlet: Vec::new(),
    };
    let drafts = household_drafts(data, &mut rng, &mut town, opts);
    town.households = store.bulk_insert(drafts, DemoBatch::Households.get(Lang::Vi))?;
    town.hamlet_heads = households::hamlet_heads(data, &mut rng, &town, opts.today);
    town.officers = (0..4).map(|_| people::name(data, &mut rng, Gender::Male)).collect();
    Ok(town)
}

/// One random stream per stage, so a change in one stage leaves the others'
/// output as it was.
fn stage(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

/// The households, hamlet by hamlet, with codes numbered within each; fills
/// `town.heads` and `town.by_hamlet` in the same order.
fn household_drafts(data: &Data, rng: &mut ChaCha8Rng, town: &mut Town, opts: &DemoOptions) -> Vec<Household> {
    let sizes = households::split(rng, opts.households, town.hamlets.len());
    let mut out = Vec::with_capacity(opts.households);
    for (hamlet, size) in town.hamlets.iter().zip(sizes) {
        let mut members = Vec::with_capacity(size);
        for n in 1..=size {
            let draft = households::household(data, rng, hamlet, n, town.province_code, opts.today);
            members.push(out.len());
            out.push(draft.household);
            town.heads.push(draft.head);
        }
        town.by_hamlet.push(members);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::{Datelike, NaiveTime};

    use super::*;
    use crate::domain::text::{MAX_LINE, clean_line};
    use crate::domain::warnings::{Warning, case_flags, member_warnings, team_warnings};
    use crate::domain::{
        CaseCategory, CaseStatus, Commitment, CommitmentStatus, MediationCase, Team, TeamKind, TeamStatus,
    };
    use crate::store::{Clock, OpenOptions};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn demo(households: usize, seed: u64) -> (tempfile::TempDir, Store, DemoSummary) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path(), &OpenOptions::default()).unwrap();
        store.set_clock(Clock::Fixed(today().and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap())));
        let summary = generate(&store, &DemoOptions { households, seed, today: today() }).unwrap();
        (dir, store, summary)
    }

    #[test]
    fn every_data_file_parses_and_is_clean() {
        let data = Data::load().unwrap_or_else(|e| panic!("{e}"));
        for (file, _) in data::FILES {
            let columns = match file {
                "surnames.txt" | "middle_male.txt" | "middle_female.txt" | "hamlets.txt" | "case_subjects.txt"
                | "team_names.txt" => 2,
                "commitment_items.txt" => 3,
                _ => 1,
            };
            let rows = data::rows(file, columns).unwrap_or_else(|e| panic!("{e}"));
            for (line, fields) in rows {
                for f in fields {
                    assert_eq!(clean_line(f), f, "data/{file}, line {line}: not clean NFC text");
                    assert!(f.chars().count() <= MAX_LINE, "data/{file}, line {line}: too long");
                }
            }
        }
        let names: BTreeSet<&str> = data.hamlets.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names.len(), data.hamlets.len(), "hamlets.txt repeats a name");
        let codes: BTreeSet<&str> = data::rows("commitment_items.txt", 3).unwrap().iter().map(|(_, f)| f[0]).collect();
        assert_eq!(codes.len(), data.catalog.len(), "commitment_items.txt repeats a code");
        assert!(data.surnames.len() > 10 && data.middle_male.len() > 3 && data.middle_female.len() > 3);
        assert!(data.surnames.values().iter().all(|s| !s.contains(' ')), "a surname is one word");
    }

    #[test]
    fn a_malformed_line_names_its_file_and_line() {
        let err = data::rows("surnames.txt", 3).unwrap_err();
        assert_eq!(err.file, "surnames.txt");
        assert!(err.line > 0);
        assert!(err.to_string().starts_with("data/surnames.txt, line "), "{err}");
    }

    #[test]
    fn a_small_demo_is_complete_and_consistent() {
        let (_dir, store, summary) = demo(300, 42);
        assert!((10..=40).contains(&summary.hamlets), "{summary:?}");
        assert_eq!(summary.households, 300);
        assert_eq!(store.count::<Household>(), 300);
        assert_eq!(store.check().unwrap(), vec![]);
        assert!(store.is_demo().unwrap());

        let commitments: Vec<Commitment> = store.all().unwrap();
        assert_eq!(commitments.len(), summary.commitments);
        let years: BTreeSet<u16> = commitments.iter().map(|c| c.year).collect();
        assert_eq!(years, BTreeSet::from([2024, 2025, 2026]));
        let with = |s: CommitmentStatus| commitments.iter().filter(|c| c.status == s).count();
        assert!(with(CommitmentStatus::Signed) * 100 > commitments.len() * 85, "signed is the large majority");
        assert!(with(CommitmentStatus::Refused) > 0 && with(CommitmentStatus::Absent) > 0);
        assert!(commitments.iter().any(|c| !c.violations.is_empty()));

        let teams: Vec<Team> = store.all().unwrap();
        for kind in TeamKind::ALL {
            assert!(teams.iter().any(|t| t.kind == kind), "no team of kind {kind:?}");
        }
        assert!(teams.iter().any(|t| matches!(t.status, TeamStatus::Dissolved { .. })));
        let cases: Vec<MediationCase> = store.all().unwrap();
        assert_eq!(cases.len(), summary.cases);
        for status in CaseStatus::ALL {
            assert!(cases.iter().any(|c| c.status == status), "no case {status:?}");
        }
        for category in CaseCategory::ALL {
            assert!(cases.iter().any(|c| c.category == category), "no case of {category:?}");
        }
    }

    #[test]
    fn a_small_demo_breaks_every_rule_somewhere() {
        let (_dir, store, _) = demo(300, 42);
        let commune = store.commune().unwrap().unwrap();
        let members: Vec<Member> = store.all().unwrap();
        let mut seen: Vec<Warning> = Vec::new();
        for team in store.all::<Team>().unwrap() {
            let roster: Vec<Member> = members.iter().filter(|m| m.team == team.id).cloned().collect();
            seen.extend(team_warnings(&team, &roster, &commune.settings, today()));
        }
        seen.extend(members.iter().flat_map(|m| member_warnings(m, today())));
        seen.extend(
            store.all::<MediationCase>().unwrap().iter().flat_map(|c| case_flags(c, &commune.settings, today())),
        );
        let has = |f: fn(&Warning) -> bool| seen.iter().any(f);
        assert!(has(|w| *w == Warning::TeamNoLeader));
        assert!(has(|w| matches!(w, Warning::TeamSeveralLeaders { .. })));
        assert!(has(|w| matches!(w, Warning::TeamUnderStrength { .. })));
        assert!(has(|w| *w == Warning::MediationTeamNoWoman));
        assert!(has(|w| matches!(w, Warning::MemberUnder18 { .. })));
        assert!(has(|w| matches!(w, Warning::MemberOver70 { .. })));
        assert!(has(|w| *w == Warning::MemberNotTrainedThisYear));
        assert!(has(|w| matches!(w, Warning::CaseLateStart { .. })));
        assert!(has(|w| matches!(w, Warning::CaseOverdue { .. })));
        // ...but only a few: most teams are in order.
        let no_leader = seen.iter().filter(|w| **w == Warning::TeamNoLeader).count();
        assert!(no_leader <= 3, "{no_leader} teams without a leader");
    }

    #[test]
    fn core_forces_train_together_in_a_few_classes_a_year() {
        let (_dir, store, _) = demo(600, 4);
        let core = [TeamKind::Security, TeamKind::SelfManaged, TeamKind::ShockBrigade, TeamKind::Militia];
        let teams: Vec<Team> = store.all().unwrap();
        let members: Vec<Member> = store.all().unwrap();
        let trained = |team: &Team| {
            members.iter().filter(|m| m.team == team.id).flat_map(|m| &m.trainings).any(|t| t.date.year() == 2026)
        };
        let security: Vec<&Team> =
            teams.iter().filter(|t| t.kind == TeamKind::Security && t.status == TeamStatus::Active).collect();
        let had = security.iter().filter(|t| trained(t)).count();
        assert!(had * 10 >= security.len() * 7 && had < security.len(), "{had} of {} security teams", security.len());
        let classes: BTreeSet<(NaiveDate, &str)> = members
            .iter()
            .filter(|m| teams.iter().any(|t| t.id == m.team && core.contains(&t.kind)))
            .flat_map(|m| &m.trainings)
            .filter(|t| t.date.year() == 2026)
            .map(|t| (t.date, t.course.as_str()))
            .collect();
        assert!((1..=9).contains(&classes.len()), "{} classes: {classes:?}", classes.len());
    }

    /// What a demo says, without ids and stamps.
    fn contents(store: &Store) -> (Vec<String>, Vec<String>) {
        let households = store
            .all::<Household>()
            .unwrap()
            .iter()
            .map(|h| format!("{} {} {} {:?} {:?}", h.code, h.head_name, h.address, h.phone, h.national_id))
            .collect();
        let cases = store
            .all::<MediationCase>()
            .unwrap()
            .iter()
            .map(|c| {
                let names: Vec<&str> = c.parties.iter().map(|p| p.name.as_str()).collect();
                format!("{} {} {:?} {} {:?} {:?}", c.number(), c.received, c.status, c.content, names, c.mediators)
            })
            .collect();
        (households, cases)
    }

    #[test]
    fn the_same_seed_makes_the_same_commune() {
        let (_d1, a, sa) = demo(300, 7);
        let (_d2, b, sb) = demo(300, 7);
        assert_eq!(sa, sb);
        assert_eq!(contents(&a), contents(&b));
        let ids = |s: &Store| s.all::<Household>().unwrap().iter().map(|h| h.id).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
    }

    #[test]
    fn another_seed_makes_another_commune() {
        let (_d1, a, _) = demo(300, 7);
        let (_d2, b, _) = demo(300, 8);
        let (ha, _) = contents(&a);
        let (hb, _) = contents(&b);
        let same = ha.iter().zip(&hb).filter(|(x, y)| x == y).count();
        assert!(same < 10, "{same} of 300 households are the same");
    }

    #[test]
    fn any_day_and_size_makes_a_valid_demo() {
        for (households, y, m, d) in [(0, 2027, 1, 2), (1, 2028, 2, 29), (57, 2026, 12, 31)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(dir.path(), &OpenOptions::default()).unwrap();
            store.set_clock(Clock::Fixed(day.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap())));
            let summary = generate(&store, &DemoOptions { households, seed: 3, today: day }).unwrap();
            assert_eq!(summary.households, households);
            assert_eq!(summary.cases, 30, "at least 30 cases");
            assert_eq!(store.check().unwrap(), vec![], "{day}");
        }
    }

    #[test]
    fn hamlets_scale_with_households() {
        assert_eq!(households::hamlet_count(300), 10);
        assert_eq!(households::hamlet_count(8_000), 23);
        assert_eq!(households::hamlet_count(100_000), 40);
        assert_eq!(cases::case_count(100_000), 20_000);
        assert_eq!(cases::case_count(10), 30);
    }
}
