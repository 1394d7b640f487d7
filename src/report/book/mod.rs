//! The mediation book of one team and year (sổ theo dõi hoạt động hòa giải
//! ở cơ sở), in the Ministry of Justice's layout: one line per case the
//! team received in the year, with its mediators and invited persons, the
//! parties (name, age, address), the content, the agreement or the parties'
//! requests, the result (thành / không thành), a blank column to sign and
//! notes. [`Book::load`] reads it from the store in the clerk's language;
//! `xlsx` prints it; [`write`] puts it on disk through `crate::output`,
//! inside a ZIP locked with a passphrase, since it names the parties.
//!
//! Which book a case is in is the domain's rule
//! (`MediationCase::book_team`). `soxa report book` and the Mediation
//! screen's `b` both come here.

pub mod words;
mod xlsx;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::domain::text::fold;
use crate::domain::{CaseStatus, Hamlet, Id, Lang, MediationCase, Member, Team, TeamKind};
use crate::i18n;
use crate::output::Existing;
use crate::output::locked::{self, Passphrase};
use crate::report::export::ExportError;
use crate::store::{Store, StoreError};
use words::BookText as W;

/// One team's book for one year, its words already chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct Book {
    pub lang: Lang,
    /// "Xã Nhất Tiến".
    pub commune: String,
    pub team: String,
    /// "Thôn Đông"; empty for a commune-wide team.
    pub hamlet: String,
    pub year: u16,
    /// In the order received (then by number).
    pub entries: Vec<Entry>,
}

/// One line of the book: one case.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub case: Id,
    pub received: NaiveDate,
    /// "Hòa giải viên: …" then "Người được mời: …", one per line.
    pub people: String,
    /// One party per line: "Nguyễn Văn An, 52 tuổi, Thôn Đông".
    pub parties: String,
    pub content: String,
    pub agreement: String,
    /// "Thành", "Không thành", or empty while the case has neither result.
    pub result: String,
    /// The case number, then its status when it has no result, then the
    /// notes on its outcome, one per line.
    pub notes: String,
}

/// Why `--team` named no single mediation team.
#[derive(Debug)]
pub enum FindError {
    Store(StoreError),
    /// Nothing matched; `known` are every mediation team's names.
    Unknown {
        asked: String,
        known: Vec<String>,
    },
    /// Several matched (names), even among the active ones.
    Several {
        asked: String,
        matching: Vec<String>,
    },
}

impl From<StoreError> for FindError {
    fn from(e: StoreError) -> Self {
        FindError::Store(e)
    }
}

/// Every mediation team of the commune, by name.
pub fn mediation_teams(store: &Store) -> Result<Vec<Team>, StoreError> {
    let mut teams = store.all_where::<Team>(|t| t.kind == TeamKind::Mediation)?;
    teams.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(teams)
}

/// The mediation team `asked` names: a hamlet's code ("T01", its mediation
/// team), or the team's name, typed with or without diacritics, whole or
/// any words of it. When several match, the ones active `today` are kept.
pub fn find_team(store: &Store, asked: &str, today: NaiveDate) -> Result<Team, FindError> {
    // Typed on a command line: no control character goes on into the
    // search or back to the terminal in a message.
    let asked = &crate::domain::text::clean_line(asked);
    let teams = mediation_teams(store)?;
    let mut matching = by_hamlet_code(store, &teams, asked)?;
    if matching.is_empty() {
        matching = by_name(&teams, asked);
    }
    if matching.len() > 1 {
        let active: Vec<Team> = matching.iter().filter(|t| t.is_active_on(today)).cloned().collect();
        if !active.is_empty() {
            matching = active;
        }
    }
    let asked = asked.trim().to_string();
    match matching.len() {
        0 => Err(FindError::Unknown { asked, known: teams.into_iter().map(|t| t.name).collect() }),
        1 => Ok(matching.remove(0)),
        _ => Err(FindError::Several { asked, matching: matching.into_iter().map(|t| t.name).collect() }),
    }
}

fn by_hamlet_code(store: &Store, teams: &[Team], asked: &str) -> Result<Vec<Team>, StoreError> {
    let Some(hamlet) = store.hamlet_by_code(&asked.trim().to_uppercase())? else { return Ok(Vec::new()) };
    Ok(teams.iter().filter(|t| t.hamlet == Some(hamlet.id)).cloned().collect())
}

/// The whole name first; else every team whose name holds every word typed.
fn by_name(teams: &[Team], asked: &str) -> Vec<Team> {
    let wanted = fold(asked);
    if wanted.is_empty() {
        return Vec::new();
    }
    let whole: Vec<Team> = teams.iter().filter(|t| fold(&t.name) == wanted).cloned().collect();
    if !whole.is_empty() {
        return whole;
    }
    let words: Vec<&str> = wanted.split(' ').collect();
    teams
        .iter()
        .filter(|t| {
            let name = fold(&t.name);
            let have: Vec<&str> = name.split(' ').collect();
            words.iter().all(|w| have.contains(w))
        })
        .cloned()
        .collect()
}

/// The file name a book gets unless the clerk chooses one:
/// `so-hoa-giai-to-hoa-giai-thon-dong-2026.xlsx`.
pub fn default_file_name(team: &Team, year: u16, lang: Lang) -> String {
    let slug = fold(&team.name).replace([' ', '/'], "-");
    format!("{}-{slug}-{year}.xlsx", W::FileStem.get(lang))
}

/// Writes `book` as XLSX inside a ZIP locked with `passphrase` (the book
/// names the parties), to `asked` with ".zip" added unless it ends in
/// .zip already (`crate::output::locked`: never inside a ledger folder,
/// never over an existing file unless `existing` says so, whole or not at
/// all); `now` dates the entry. Returns the ZIP written.
pub fn write(
    book: &Book,
    asked: &Path,
    passphrase: &Passphrase,
    now: NaiveDateTime,
    existing: Existing,
) -> Result<PathBuf, ExportError> {
    let zip = locked::check(asked, existing)?;
    let bytes = xlsx::write(book)?;
    Ok(locked::write(&zip, &[(locked::inner_path(asked, "xlsx"), bytes)], passphrase, now, existing)?)
}

impl Book {
    /// The book of `team` for `year`: every case received in `year` that
    /// `MediationCase::book_team` puts in it.
    pub fn load(store: &Store, team: &Team, year: u16, lang: Lang) -> Result<Book, StoreError> {
        let cases = store.all_where::<MediationCase>(|c| c.received.year() == i32::from(year))?;
        let teams = store.all_where::<Team>(|t| t.kind == TeamKind::Mediation)?;
        let mut ids: Vec<Id> = cases.iter().flat_map(|c| c.mediators.iter().copied()).collect();
        ids.sort_unstable();
        ids.dedup();
        let people: HashMap<Id, Member> = store.get_many::<Member>(&ids)?.into_iter().map(|m| (m.id, m)).collect();
        let mediation: HashSet<Id> = teams.iter().map(|t| t.id).collect();
        let team_of = |m: Id| people.get(&m).map(|m| m.team).filter(|t| mediation.contains(t));
        let mut mine: Vec<&MediationCase> = cases
            .iter()
            .filter(|c| c.book_team(team_of, hamlet_team(&teams, c.hamlet, c.received)) == Some(team.id))
            .collect();
        mine.sort_by_key(|c| (c.received, c.seq, c.id));
        let hamlets: BTreeMap<Id, Hamlet> = store.all::<Hamlet>()?.into_iter().map(|h| (h.id, h)).collect();
        let commune = store.commune()?.map(|c| c.name).unwrap_or_default();
        let entries = mine.into_iter().map(|c| entry(c, &people, lang)).collect();
        let hamlet = team.hamlet.and_then(|h| hamlets.get(&h)).map(Hamlet::display_name).unwrap_or_default();
        Ok(Book { lang, commune, team: team.name.clone(), hamlet, year, entries })
    }
}

/// The team whose book `case` is in (`MediationCase::book_team`).
pub fn team_of_case(store: &Store, case: &MediationCase) -> Result<Option<Id>, StoreError> {
    let teams = store.all_where::<Team>(|t| t.kind == TeamKind::Mediation)?;
    let people: HashMap<Id, Id> =
        store.get_many::<Member>(&case.mediators)?.into_iter().map(|m| (m.id, m.team)).collect();
    let team_of = |m: Id| people.get(&m).copied().filter(|t| teams.iter().any(|team| team.id == *t));
    Ok(case.book_team(team_of, hamlet_team(&teams, case.hamlet, case.received)))
}

/// The mediation team of `hamlet` a case received on `day` without a
/// mediator goes to: the one active that day, else any; the oldest first.
fn hamlet_team(teams: &[Team], hamlet: Id, day: NaiveDate) -> Option<Id> {
    let of_hamlet = || teams.iter().filter(|t| t.hamlet == Some(hamlet));
    let active = of_hamlet().filter(|t| t.is_active_on(day)).map(|t| t.id).min();
    active.or_else(|| of_hamlet().map(|t| t.id).min())
}

fn entry(c: &MediationCase, people: &HashMap<Id, Member>, lang: Lang) -> Entry {
    let mediators: Vec<&str> = c.mediators.iter().filter_map(|m| people.get(m)).map(|m| m.full_name.as_str()).collect();
    let mut with = Vec::new();
    if !mediators.is_empty() {
        with.push(format!("{}: {}", W::Mediators.get(lang), mediators.join(", ")));
    }
    if !c.invited.is_empty() {
        with.push(format!("{}: {}", W::Invited.get(lang), c.invited.join(", ")));
    }
    let parties: Vec<String> = c.parties.iter().map(|p| party(p, lang)).collect();
    let result = match c.status {
        CaseStatus::Successful => W::Success.get(lang),
        CaseStatus::Unsuccessful => W::Failure.get(lang),
        _ => "",
    };
    let mut notes = vec![format!("{} {}", W::CaseNumber.get(lang), c.number())];
    if result.is_empty() {
        notes.push(i18n::case_status(lang, c.status).to_string());
    }
    if !c.outcome_notes.is_empty() {
        notes.push(c.outcome_notes.clone());
    }
    Entry {
        case: c.id,
        received: c.received,
        people: with.join("\n"),
        parties: parties.join("\n"),
        content: c.content.clone(),
        agreement: c.agreement.clone(),
        result: result.to_string(),
        notes: notes.join("\n"),
    }
}

/// "Nguyễn Văn An, 52 tuổi, Thôn Đông": what is known of a party.
fn party(p: &crate::domain::Party, lang: Lang) -> String {
    let mut parts = vec![p.name.clone()];
    parts.extend(p.age.map(|a| words::age(lang, a)));
    if !p.address.is_empty() {
        parts.push(p.address.clone());
    }
    parts.join(", ")
}
