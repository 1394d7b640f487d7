//! The household list behind the table: one compact row per household,
//! built in one pass over the store, then filtered and sorted in memory so
//! that a keystroke never touches the store.
//!
//! Rows are kept sorted by the current sort key; the filtered view is a list
//! of row indices in that order. Typing one more letter of the search text
//! narrows the current view instead of rescanning every row.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::detail::Detail;
use crate::domain::text::fold;
use crate::domain::{Commitment, CommitmentStatus, EntityKind, Hamlet, Household, HouseholdStatus, Id};
use crate::store::{Store, StoreError};

/// A household's commitment for the chosen year, as the table shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mark {
    Signed,
    Refused,
    Absent,
    /// No commitment record for the year yet.
    NotYet,
}

impl Mark {
    pub const ALL: [Mark; 4] = [Mark::Signed, Mark::Refused, Mark::Absent, Mark::NotYet];

    pub fn of(status: CommitmentStatus) -> Mark {
        match status {
            CommitmentStatus::Signed => Mark::Signed,
            CommitmentStatus::Refused => Mark::Refused,
            CommitmentStatus::Absent => Mark::Absent,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Code,
    Name,
    Hamlet,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Code => Sort::Name,
            Sort::Name => Sort::Hamlet,
            Sort::Hamlet => Sort::Code,
        }
    }
}

/// What the clerk narrowed the table to; remembered across restarts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    pub hamlet: Option<Id>,
    pub mark: Option<Mark>,
    /// As typed; matched folded (no diacritics), every word as a substring.
    pub text: String,
    pub sort: Sort,
}

impl Filters {
    pub fn is_default(&self) -> bool {
        *self == Filters::default()
    }
}

/// A hamlet as the screen names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HamletName {
    pub id: Id,
    pub code: String,
    /// "Thôn Đông".
    pub name: String,
    /// Folded "code name", for the hamlet picker.
    pub key: String,
}

/// The hamlets of the commune in code order.
pub fn hamlets(store: &Store) -> Result<Vec<HamletName>, StoreError> {
    let mut all: Vec<HamletName> = store
        .all::<Hamlet>()?
        .into_iter()
        .map(|h| {
            let name = h.display_name();
            let key = fold(&format!("{} {name}", h.code));
            HamletName { id: h.id, code: h.code, name, key }
        })
        .collect();
    all.sort_by(|a, b| a.code.cmp(&b.code).then(a.id.cmp(&b.id)));
    Ok(all)
}

/// One household as the table needs it: about a hundred bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: Id,
    /// Code, head's name and the folded search key, one allocation.
    text: Box<str>,
    head_at: u16,
    key_at: u16,
    /// Position of the hamlet in the screen's hamlet list.
    pub hamlet: u16,
    pub members: u16,
    pub mark: Mark,
    pub moved_out: bool,
}

impl Row {
    fn new(h: &Household, hamlet: u16, mark: Mark) -> Row {
        // Folding the two parts apart gives the same key as folding "head
        // code" (fold makes every separator one space) without a copy.
        let (head, code) = (fold(&h.head_name), fold(&h.code));
        let mut text = String::with_capacity(h.code.len() + h.head_name.len() + head.len() + code.len() + 1);
        for part in [h.code.as_str(), &h.head_name, &head, " ", &code] {
            text.push_str(part);
        }
        let head_at = u16::try_from(h.code.len()).unwrap_or(u16::MAX);
        let key_at = u16::try_from(h.code.len() + h.head_name.len()).unwrap_or(u16::MAX);
        Row {
            id: h.id,
            text: text.into_boxed_str(),
            head_at,
            key_at,
            hamlet,
            members: h.members,
            mark,
            moved_out: matches!(h.status, HouseholdStatus::MovedOut { .. }),
        }
    }

    pub fn code(&self) -> &str {
        self.text.get(..usize::from(self.head_at)).unwrap_or("")
    }

    pub fn head(&self) -> &str {
        self.text.get(usize::from(self.head_at)..usize::from(self.key_at)).unwrap_or("")
    }

    /// Folded "head code": "nguyen van an t01 0012".
    fn key(&self) -> &str {
        self.text.get(usize::from(self.key_at)..).unwrap_or("")
    }
}

/// Every household of the commune, and the ones the filters let through.
#[derive(Debug, Default)]
pub struct Table {
    rows: Vec<Row>,
    /// Indices into `rows`, in sort order.
    view: Vec<u32>,
    /// The folded search text `view` was filtered with.
    folded: String,
}

/// Households read from the store at a time, so a refresh never holds
/// every full record in memory at once.
const CHUNK: usize = 4096;

impl Table {
    /// One pass over the households and one over the year's commitment
    /// statuses, both in household id order, so they merge without a map.
    /// The statuses are read on a second thread meanwhile (commune PCs have
    /// two cores); households are read a page at a time to bound memory.
    pub fn load(store: &Store, hamlets: &[HamletName], year: u16) -> Result<Table, StoreError> {
        let (rows, statuses) = std::thread::scope(|scope| {
            let statuses = scope.spawn(|| store.commitment_statuses(year));
            let rows = Table::household_rows(store, hamlets);
            let statuses = statuses.join().unwrap_or_else(|_| Err(StoreError::Storage("reader stopped".into())));
            (rows, statuses)
        });
        let (mut rows, statuses) = (rows?, statuses?);
        let mut marks = statuses.into_iter().peekable();
        for row in &mut rows {
            while marks.next_if(|(id, _)| *id < row.id).is_some() {}
            if let Some((_, status)) = marks.next_if(|(id, _)| *id == row.id) {
                row.mark = Mark::of(status);
            }
        }
        Ok(Table { rows, view: Vec::new(), folded: String::new() })
    }

    /// Every household as a row marked "not yet", in id order.
    fn household_rows(store: &Store, hamlets: &[HamletName]) -> Result<Vec<Row>, StoreError> {
        let at: HashMap<Id, u16> = (0u16..).zip(hamlets).map(|(i, h)| (h.id, i)).collect();
        let mut rows = Vec::new();
        let mut after = None;
        loop {
            let page = store.page::<Household>(after, CHUNK)?;
            let Some(last) = page.last() else { break };
            after = Some(last.id);
            rows.extend(page.iter().map(|h| Row::new(h, at.get(&h.hamlet).copied().unwrap_or(u16::MAX), Mark::NotYet)));
        }
        Ok(rows)
    }

    /// Brings the rows of `ids` up to date after a few writes: each
    /// household is read again (with its commitment for `year`), or its row
    /// removed if it is gone. The caller sorts and filters afterwards.
    pub fn update(
        &mut self,
        store: &Store,
        hamlets: &[HamletName],
        year: u16,
        ids: &BTreeSet<Id>,
        fresh: Option<&Detail>,
    ) -> Result<(), StoreError> {
        for id in ids {
            let at = self.rows.iter().position(|r| r.id == *id);
            let (h, status) = match fresh.filter(|d| d.household.id == *id) {
                Some(d) => (Some(d.household.clone()), d.commitment(year).map(|c| c.status)),
                None => match store.get::<Household>(*id)? {
                    Some(h) => (Some(h), store.commitment_for(*id, year)?.map(|c| c.status)),
                    None => (None, None),
                },
            };
            let Some(h) = h else {
                if let Some(at) = at {
                    self.rows.remove(at);
                }
                continue;
            };
            let mark = status.map_or(Mark::NotYet, Mark::of);
            let hamlet = hamlets.iter().position(|x| x.id == h.hamlet).and_then(|i| u16::try_from(i).ok());
            let row = Row::new(&h, hamlet.unwrap_or(u16::MAX), mark);
            match at.and_then(|at| self.rows.get_mut(at)) {
                Some(old) => *old = row,
                None => self.rows.push(row),
            }
        }
        Ok(())
    }

    /// The code after the highest "<prefix><number>" in use, keeping the
    /// number's width: "T06-0211" -> "T06-0212"; "T06-0001" if none.
    pub fn next_code(&self, prefix: &str) -> String {
        let numbers = self.rows.iter().filter_map(|r| r.code().strip_prefix(prefix));
        let numbers = numbers.filter_map(|n| Some((n.parse::<u64>().ok()?, n.len())));
        let (last, width) = numbers.max().unwrap_or((0, 4));
        format!("{prefix}{:0width$}", last + 1)
    }

    pub fn total(&self) -> usize {
        self.rows.len()
    }

    pub fn len(&self) -> usize {
        self.view.len()
    }

    /// The `i`-th row of the filtered, sorted view.
    pub fn get(&self, i: usize) -> Option<&Row> {
        self.view.get(i).and_then(|r| self.rows.get(*r as usize))
    }

    /// Where the household `id` is in the view.
    pub fn position(&self, id: Id) -> Option<usize> {
        self.view.iter().position(|r| self.rows.get(*r as usize).is_some_and(|row| row.id == id))
    }

    /// True if the household is in the table at all (filtered out or not).
    pub fn contains(&self, id: Id) -> bool {
        self.rows.iter().any(|r| r.id == id)
    }

    /// Sorts every row; the view must be rebuilt afterwards.
    pub fn sort(&mut self, sort: Sort, hamlets: &[HamletName]) {
        let hamlet_code = |r: &Row| hamlets.get(usize::from(r.hamlet)).map_or("", |h| h.code.as_str());
        match sort {
            Sort::Code => self.rows.sort_unstable_by(|a, b| a.code().cmp(b.code()).then(a.id.cmp(&b.id))),
            Sort::Name => self.rows.sort_unstable_by(|a, b| a.key().cmp(b.key()).then(a.id.cmp(&b.id))),
            Sort::Hamlet => self.rows.sort_unstable_by(|a, b| {
                hamlet_code(a).cmp(hamlet_code(b)).then_with(|| a.code().cmp(b.code())).then(a.id.cmp(&b.id))
            }),
        }
    }

    /// Rebuilds the view from every row.
    pub fn filter(&mut self, f: &Filters, hamlets: &[HamletName]) {
        let folded = fold(&f.text);
        let hamlet = f.hamlet.map(|id| hamlets.iter().position(|h| h.id == id).and_then(|i| u16::try_from(i).ok()));
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let keep = |r: &Row| {
            hamlet.is_none_or(|h| h == Some(r.hamlet)) && mark_matches(f.mark, r) && words_match(&words, r.key())
        };
        self.view = (0u32..).zip(&self.rows).filter(|(_, r)| keep(r)).map(|(i, _)| i).collect();
        self.folded = folded;
    }

    /// Applies a new search text. When it only adds letters to the previous
    /// one, the current view is narrowed instead of scanning every row.
    pub fn search(&mut self, f: &Filters, hamlets: &[HamletName]) {
        let folded = fold(&f.text);
        if folded.starts_with(&self.folded) {
            let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
            let rows = &self.rows;
            self.view.retain(|i| rows.get(*i as usize).is_some_and(|r| words_match(&words, r.key())));
            self.folded = folded;
        } else {
            self.filter(f, hamlets);
        }
    }

    /// How many rows of the view have each mark (moved-out households are
    /// not counted as "not yet", as in the status filter).
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for r in self.view.iter().filter_map(|i| self.rows.get(*i as usize)) {
            if mark_matches(Some(r.mark), r) {
                counts[r.mark as usize] += 1;
            }
        }
        counts
    }
}

/// Moved-out households are never "not yet": nobody is going to visit them.
fn mark_matches(wanted: Option<Mark>, r: &Row) -> bool {
    match wanted {
        None => true,
        Some(Mark::NotYet) => r.mark == Mark::NotYet && !r.moved_out,
        Some(m) => r.mark == m,
    }
}

fn words_match(words: &[&str], key: &str) -> bool {
    words.iter().all(|w| key.contains(w))
}

/// Audit entries read to find what changed since the last load; more
/// changes than this and the table is simply reloaded.
const RECENT: usize = 64;

/// What changed since the table was last brought up to date.
#[derive(Debug, Default)]
pub struct Changed {
    /// The households whose rows may show something new.
    pub households: BTreeSet<Id>,
    /// The commitments written, each with its household (and as stored
    /// now, when it had to be read to find that household).
    commitments: Vec<(Id, Id, Option<Commitment>)>,
    /// Households written themselves (not only their commitments).
    records: BTreeSet<Id>,
    /// A member or a team changed: a detail's memberships may be stale.
    people: bool,
}

impl Changed {
    /// True when nothing of `household` changed but its commitments: its
    /// detail is brought up to date from them alone.
    pub fn only_commitments_of(&self, household: Id) -> bool {
        !self.people && !self.records.contains(&household)
    }

    /// The commitments of `household` written, each once, with those
    /// already read as they are stored now.
    pub fn commitments_of(&self, household: Id) -> BTreeMap<Id, Option<&Commitment>> {
        let mine = self.commitments.iter().filter(|(h, _, _)| *h == household);
        let mut out = BTreeMap::new();
        for (_, id, read) in mine {
            let known = out.entry(*id).or_insert(None);
            *known = known.or(read.as_ref());
        }
        out
    }
}

/// What changed since audit entry `seen`, if only households and
/// commitments changed (members, teams and cases do not show in the table),
/// with the newest entry (where the next refresh looks from). `None` asks
/// for a full reload: a hamlet, the commune or a bulk load changed, or too
/// much changed to replay.
pub fn changed_since(store: &Store, seen: Id) -> Result<(Option<Changed>, Option<Id>), StoreError> {
    let since = store.changes_since(seen, RECENT)?;
    if !since.complete {
        return Ok((None, since.newest));
    }
    let mut changed = Changed::default();
    for e in &since.entries {
        match e.kind {
            EntityKind::Household => {
                changed.households.insert(e.id);
                changed.records.insert(e.id);
            }
            // A commitment stays with its household: the one it had
            // before names its row; only a new one is read to find it.
            EntityKind::Commitment => {
                let (household, read) = match &e.commitment_before {
                    Some(c) => (Some(c.household), None),
                    None => {
                        let now = store.get::<Commitment>(e.id)?;
                        (now.as_ref().map(|c| c.household), now)
                    }
                };
                if let Some(h) = household {
                    changed.households.insert(h);
                    changed.commitments.push((h, e.id, read));
                }
            }
            EntityKind::Team | EntityKind::Member => changed.people = true,
            EntityKind::Case
            | EntityKind::Period
            | EntityKind::Model
            | EntityKind::Assessment
            | EntityKind::Outreach => {}
            EntityKind::Hamlet | EntityKind::Commune => return Ok((None, since.newest)),
        }
    }
    Ok((Some(changed), since.newest))
}
