//! A year of a clerk's use, simulated (issue 16, item 4): on a copy of the
//! demo, working day after working day, the interface's opening (`Store::open`
//! and `App::new`, the first frame drawn, the daily automatic backup started
//! after it), a few dozen saves through the store's public write API, each
//! flushed as the interface's saves are (household edits, commitments
//! signed, a member added, a case recorded and one closed), an outreach
//! session recorded with its attendance, the quarter's summary
//! (`report::load` + `report::summarize`), and quitting once the backup
//! is written. Then the database's size on disk, before and after a
//! compaction.

use std::path::Path;
use std::time::Instant;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use soxa::domain::case::{CaseCategory, CaseStatus, Party};
use soxa::domain::commitment::{may_sign, sign_in_person};
use soxa::domain::team::Role;
use soxa::domain::{Commune, Hamlet, Household, Id, Lang, MediationCase, Member, Outreach, Period, Team};
use soxa::report::{load, summarize};
use soxa::store::{Clock, OpenOptions, Store, StoreError, folder};
use soxa::tui::App;

use super::{Res, copy_folder, draw, folder_size, now};

/// Saves of each kind made every simulated day.
const HOUSEHOLD_EDITS: usize = 10;
const SIGNINGS: usize = 15;

/// What the year did and what it left on disk (bytes allocated).
pub struct Year {
    pub days: usize,
    pub seconds: f64,
    /// Saves made, and refused by the store's rules (counted, not fatal).
    pub saves: usize,
    pub refused: usize,
    pub first_refusal: Option<String>,
    /// sled's folder (`store/`) before the year, after it, and after a
    /// compaction.
    pub fresh: u64,
    pub after: u64,
    pub compacted: u64,
    /// The automatic backups the year left in `backups/` (kept apart).
    pub backups: u64,
}

/// Replays `days` working days on a copy of the ledger `demo` made in
/// `work`, starting the day after the demo's "today".
pub fn simulate(demo: &Path, work: &Path, days: usize) -> Res<Year> {
    let db = work.join("year-db");
    copy_folder(demo, &db)?;
    let fresh = folder_size(&folder::store_dir(&db))?.1;
    let plan = Plan::read(&db)?;
    let started = Instant::now();
    let mut year = Year {
        days,
        seconds: 0.0,
        saves: 0,
        refused: 0,
        first_refusal: None,
        fresh,
        after: 0,
        compacted: 0,
        backups: 0,
    };
    let mut rng = Lcg(0x5EED_F1EA);
    for (n, day) in working_days(now().date()).take(days).enumerate() {
        one_day(&db, &plan, day, n, &mut rng, &mut year)?;
        if (n + 1) % 25 == 0 {
            eprintln!("    year of use: day {} of {days}, {day}, {:.0} s", n + 1, started.elapsed().as_secs_f64());
        }
    }
    year.seconds = started.elapsed().as_secs_f64();
    year.after = folder_size(&folder::store_dir(&db))?.1;
    year.backups = folder_size(&db.join(soxa::store::BACKUP_DIR))?.1;
    year.compacted = compact_size(&db)?;
    std::fs::remove_dir_all(&db)?;
    Ok(year)
}

/// What the days pick from, read once: hamlets with their households'
/// ids, and the teams.
struct Plan {
    hamlets: Vec<(Id, Vec<Id>)>,
    teams: Vec<Id>,
}

impl Plan {
    fn read(db: &Path) -> Res<Plan> {
        let store = super::open(db)?;
        let mut hamlets = Vec::new();
        for h in store.all::<Hamlet>()? {
            let ids = store.households_in_hamlet(h.id)?;
            if !ids.is_empty() {
                hamlets.push((h.id, ids));
            }
        }
        let teams = store.all::<Team>()?.into_iter().filter(|t| t.is_active_on(now().date())).map(|t| t.id).collect();
        if hamlets.is_empty() {
            return Err("the demo has no households".into());
        }
        Ok(Plan { hamlets, teams })
    }

    fn household(&self, rng: &mut Lcg) -> Id {
        let (_, ids) = &self.hamlets[rng.below(self.hamlets.len())];
        ids[rng.below(ids.len())]
    }
}

/// Monday to Friday after `from`.
fn working_days(from: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    (1..)
        .filter_map(move |i| from.checked_add_signed(Duration::days(i)))
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
}

/// A small deterministic generator: the same year on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, 0, 0).unwrap_or_default()
}

/// One working day, as the interface lives it.
fn one_day(db: &Path, plan: &Plan, day: NaiveDate, n: usize, rng: &mut Lcg, year: &mut Year) -> Res<()> {
    let mut store = Store::open(db, &OpenOptions::default())?;
    store.set_clock(Clock::Fixed(at(day, 8)));
    let app = App::new(store, Lang::Vi)?;
    draw(&app)?;
    // As `tui::autobackup`: started once the first frame is drawn; saves
    // made meanwhile wait for the copy.
    let backup = app.store.start_daily_backup();
    let store = &app.store;
    let commune = store.commune()?.unwrap_or_else(|| Commune::new("", ""));
    let mut save = |r: Result<(), StoreError>| match r {
        Ok(()) => year.saves += 1,
        Err(e) => {
            year.refused += 1;
            year.first_refusal.get_or_insert_with(|| format!("{day}: {e}"));
        }
    };
    for i in 0..HOUSEHOLD_EDITS {
        save(edit_household(store, plan.household(rng), n, i));
    }
    let mut signed = 0;
    for _ in 0..SIGNINGS * 4 {
        if signed == SIGNINGS {
            break;
        }
        match sign(store, &commune, plan.household(rng), day) {
            Ok(false) => {}
            r => {
                signed += 1;
                save(r.map(|_| ()));
            }
        }
    }
    if let Some(&team) = plan.teams.get(rng.below(plan.teams.len())) {
        let m = Member::new(team, &format!("Thành viên mới {n}"), Role::Member, day);
        save(store.insert(m).map(|_| ()));
    }
    let (hamlet, households) = &plan.hamlets[n % plan.hamlets.len()];
    save(record_case(store, *hamlet, households, day, n));
    save(close_case(store, day));
    // The Targets screen: a session recorded, then its attendance ticked
    // and saved (two saves).
    let mut s = Outreach::new(day, vec![*hamlet], "Phòng chống ma túy");
    s.speaker = "Cán bộ xã".into();
    match store.insert(s) {
        Ok(mut s) => {
            save(Ok(()));
            for &h in households.iter().filter(|_| rng.below(100) < 35) {
                s.set_attended(h, true);
            }
            s.head_count = u32::try_from(s.households.len() * 5 / 4).unwrap_or(u32::MAX);
            save(store.update(s).map(|_| ()));
        }
        Err(e) => save(Err(e)),
    }
    let period = Period::quarter_containing(day);
    let data = load(store, &period)?;
    std::hint::black_box(summarize(&data, &period));
    if let Some(job) = backup {
        job?.wait()?;
    }
    drop(app);
    Ok(())
}

fn edit_household(store: &Store, id: Id, n: usize, i: usize) -> Result<(), StoreError> {
    let Some(mut h) = store.get::<Household>(id)? else { return Ok(()) };
    if i.is_multiple_of(2) {
        h.phone = Some(format!("09{:08}", (n * 97 + i * 13) % 100_000_000));
    } else {
        h.notes = format!("Đã đến thăm ngày {}", n + 1);
    }
    store.update(h).map(|_| ())
}

/// Signs the household's commitment of the day's year in person, as the
/// Households screen's `s` does; `Ok(false)` when it cannot be signed
/// (moved out, already signed), which the clerk would not try.
fn sign(store: &Store, commune: &Commune, id: Id, day: NaiveDate) -> Result<bool, StoreError> {
    let Some(h) = store.get::<Household>(id)? else { return Ok(false) };
    let year = u16::try_from(day.year()).unwrap_or(0);
    if may_sign(&h, year, day).is_err() {
        return Ok(false);
    }
    let existing = store.commitment_for(id, year)?;
    let Ok(c) = sign_in_person(&h, existing, year, day, &commune.default_items()) else { return Ok(false) };
    if c.id == 0 {
        store.insert(c)?
    } else {
        store.update(c)?
    };
    Ok(true)
}

fn record_case(store: &Store, hamlet: Id, households: &[Id], day: NaiveDate, n: usize) -> Result<(), StoreError> {
    let party = |i: usize| Party {
        name: format!("Đương sự {n}-{i}"),
        age: Some(40),
        address: String::new(),
        household: households.get((n * 7 + i) % households.len().max(1)).copied(),
    };
    let mut c = MediationCase::new(day, hamlet, CaseCategory::Neighbours, vec![party(0), party(1)]);
    c.content = "Tranh chấp lối đi chung giữa hai hộ.".into();
    store.insert(c).map(|_| ())
}

/// Closes the oldest case still received, as a successful mediation.
fn close_case(store: &Store, day: NaiveDate) -> Result<(), StoreError> {
    let Some(&id) = store.cases_with_status(CaseStatus::Received)?.first() else { return Ok(()) };
    let Some(mut c) = store.get::<MediationCase>(id)? else { return Ok(()) };
    let step = c.move_to(CaseStatus::InProgress, day, "").and_then(|()| c.move_to(CaseStatus::Successful, day, ""));
    if step.is_err() {
        return Ok(());
    }
    c.agreement = "Hai bên thống nhất mở lại lối đi.".into();
    store.update(c).map(|_| ())
}

/// The size of sled's folder after `soxa compact`'s own compaction of
/// the year-old ledger (`Store::compact`: rebuilt through the verified
/// backup stream and swapped in), as a clerk would run it.
fn compact_size(db: &Path) -> Res<u64> {
    let store = super::open(db)?;
    let (_, store) = store.compact()?;
    drop(store);
    // Allocated bytes, as every size of this table.
    Ok(folder_size(&folder::store_dir(db))?.1)
}

/// One row of the benchmark's table: what, measured, target, met.
pub type Row = (String, String, &'static str, Option<bool>);

/// The benchmark's rows for a year of
/// `days` working days on a copy of `demo` (none when `days` is 0), the
/// sizes against `csv_bytes`, the CSV of the demo's records (row 8: the
/// year adds a few thousand records to its ~400,000, so the ratio is a
/// little higher than against a CSV of the year-old records).
pub fn rows(demo: &Path, work: &Path, days: usize, csv_bytes: u64) -> Res<Vec<Row>> {
    if days == 0 {
        return Ok(Vec::new());
    }
    let y = simulate(demo, work, days)?;
    let mib = |b: u64| b as f64 / 1_048_576.0;
    let csv = mib(csv_bytes);
    let times = |b: u64| b as f64 / csv_bytes.max(1) as f64;
    let refused = match &y.first_refusal {
        Some(first) => format!(", {} refused, the first: {first}", y.refused),
        None => String::new(),
    };
    let spent =
        format!("{:.1} s, {:.2} days/s ({} saves{refused})", y.seconds, y.days as f64 / y.seconds.max(1e-9), y.saves);
    let after = format!(
        "{:.1} MiB on disk vs {csv:.1} MiB of CSV: {:.1}× (fresh: {:.1} MiB, {:.1}×; the {:.1} MiB of automatic backups in `backups/` not counted)",
        mib(y.after),
        times(y.after),
        mib(y.fresh),
        times(y.fresh),
        mib(y.backups)
    );
    let compacted = format!("{:.1} MiB on disk: {:.1}×", mib(y.compacted), times(y.compacted));
    Ok(vec![
        (
            format!(
                "10 a simulated year of use: {days} working days (open, ~30 saves, outreach, summary, daily backup)"
            ),
            spent,
            "-",
            None,
        ),
        ("10 database after a simulated year of use".into(), after, "≤ 2.5×", Some(times(y.after) <= 2.5)),
        (
            "10 after compaction (`Store::compact`, as `soxa compact` runs it)".into(),
            compacted,
            "≤ 2×",
            Some(times(y.compacted) <= 2.0),
        ),
    ])
}
