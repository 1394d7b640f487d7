//! Quick lookup across households, members, teams and cases.
//!
//! The folded text of each searchable record lives in the `search` tree,
//! written in the same transaction as the record. On the first search it is
//! loaded into memory once (a sequential read, no record decoding) and then
//! kept in step with every write, so each keystroke scans compact strings
//! instead of the database.

use std::collections::HashMap;

use super::tables::{T, id_from_bytes};
use super::{Store, StoreError};
use crate::domain::text::fold;
use crate::domain::{EntityKind, Id};

/// One match, best first in a result list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub kind: EntityKind,
    pub id: Id,
    pub score: u32,
}

#[derive(Default)]
pub struct SearchIndex {
    entries: Vec<(EntityKind, Id, Box<str>)>,
    position: HashMap<(EntityKind, Id), usize>,
    /// The previous query (folded) and every entry it matched, in entry
    /// order. A query typed on from it ("ngu" after "ng") can only match
    /// among those: each of its words contains a word of the old one. So
    /// the next keystroke scores a few thousand entries, not all of them.
    /// Any change to the entries forgets it.
    last: Option<(String, Vec<usize>)>,
}

impl SearchIndex {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn upsert(&mut self, kind: EntityKind, id: Id, text: &str) {
        self.last = None;
        match self.position.get(&(kind, id)) {
            Some(&i) => self.entries[i].2 = text.into(),
            None => {
                self.position.insert((kind, id), self.entries.len());
                self.entries.push((kind, id, text.into()));
            }
        }
    }

    pub fn remove(&mut self, kind: EntityKind, id: Id) {
        self.last = None;
        let Some(i) = self.position.remove(&(kind, id)) else { return };
        self.entries.swap_remove(i);
        if let Some((k, moved, _)) = self.entries.get(i) {
            self.position.insert((*k, *moved), i);
        }
    }

    /// Records whose text holds every word of `query` (folded), best first:
    /// words matched at the start of a word beat words found inside one, and
    /// matches in the first field (code or name) beat later fields.
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        let folded = fold(query);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() || limit == 0 {
            return Vec::new();
        }
        // Folded text never ends in a space, so a query that starts with the
        // last one only adds letters to its last word or adds words.
        let narrowed = match self.last.take() {
            Some((last, matched)) if folded.starts_with(&last) => Some(matched),
            _ => None,
        };
        let entries = &self.entries;
        let mut matched = Vec::new();
        let mut hits: Vec<(Hit, &str)> = Vec::new();
        let consider = |i: usize| {
            let Some((kind, id, text)) = entries.get(i) else { return };
            if let Some(score) = score(text, &words) {
                matched.push(i);
                hits.push((Hit { kind: *kind, id: *id, score }, text.as_ref()));
            }
        };
        match narrowed {
            Some(candidates) => candidates.into_iter().for_each(consider),
            None => (0..entries.len()).for_each(consider),
        }
        let order = |(a, ta): &(Hit, &str), (b, tb): &(Hit, &str)| {
            b.score.cmp(&a.score).then(a.kind.cmp(&b.kind)).then(ta.cmp(tb))
        };
        // "n" matches most of the commune: keep the best `limit` in linear
        // time, then sort only those.
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        let out = hits.into_iter().map(|(h, _)| h).collect();
        self.last = Some((folded, matched));
        out
    }
}

/// Scores one text against all words; `None` when a word is missing. The
/// words typed in order as a phrase ("nguyen van" in "nguyen van an", not in
/// "bui van nguyen") in the first field earn a bonus, more at its start.
fn score(text: &str, words: &[&str]) -> Option<u32> {
    // Found only once a word is: most texts hold none of the words.
    let mut first_field = None;
    let mut total = 0;
    for word in words {
        let mut best = 0;
        for (at, _) in text.match_indices(word) {
            let first_field_end = *first_field.get_or_insert_with(|| text.find(" | ").unwrap_or(text.len()));
            let starts_word = at == 0 || text.as_bytes()[at - 1] == b' ';
            let end = at + word.len();
            let whole = end == text.len() || text.as_bytes()[end] == b' ';
            let s = 1 + u32::from(starts_word) * 2 + u32::from(starts_word && whole) + u32::from(at < first_field_end);
            best = best.max(s);
        }
        if best == 0 {
            return None;
        }
        total += best;
    }
    if words.len() > 1 {
        let phrase = words.join(" ");
        let n = u32::try_from(words.len()).unwrap_or(u32::MAX);
        let first_field_end = first_field.unwrap_or(text.len());
        let first_field = &text[..first_field_end];
        if first_field.starts_with(&phrase) {
            total += 3 * n;
        } else if first_field.contains(&phrase) {
            total += 2 * n;
        }
    }
    Some(total)
}

impl Store {
    /// Quick lookup; builds the in-memory index on first use.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, StoreError> {
        let mut guard = self.search.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            *guard = Some(self.load_search_index()?);
        }
        Ok(guard.as_mut().map(|ix| ix.search(query, limit)).unwrap_or_default())
    }

    fn load_search_index(&self) -> Result<SearchIndex, StoreError> {
        let mut index = SearchIndex::default();
        for kv in self.tree(T::Search).iter() {
            let (key, text) = kv?;
            let kind = key.first().and_then(|c| EntityKind::from_code(*c));
            let id = key.get(1..).and_then(id_from_bytes);
            let (Some(kind), Some(id), Ok(text)) = (kind, id, std::str::from_utf8(&text)) else {
                return Err(StoreError::Corrupt { tree: T::Search.name(), detail: "bad entry".into() });
            };
            index.upsert(kind, id, text);
        }
        Ok(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Folds each field and joins them as the store does.
    fn text(fields: &[&str]) -> String {
        fields.iter().map(|f| fold(f)).collect::<Vec<_>>().join(" | ")
    }

    fn index() -> SearchIndex {
        let mut ix = SearchIndex::default();
        ix.upsert(EntityKind::Household, 1, &text(&["Nguyễn Văn An", "T01-0001", "0912345678"]));
        ix.upsert(EntityKind::Household, 2, &text(&["Nguyễn Văn Anh", "T01-0002"]));
        ix.upsert(EntityKind::Member, 3, &text(&["Đặng Thị Lan"]));
        ix.upsert(EntityKind::Household, 4, &text(&["Trần Văn Bình", "T02-0001", "Xóm Nguyễn An"]));
        ix
    }

    #[test]
    fn finds_without_diacritics_and_ranks_whole_words_first() {
        let hits = index().search("nguyen van an", 10);
        let ids: Vec<Id> = hits.iter().map(|h| h.id).collect();
        assert_eq!(ids, vec![1, 2, 4], "exact name, then a longer given name, then an address");
        assert!(hits[0].score > hits[1].score && hits[1].score > hits[2].score);
    }

    #[test]
    fn words_in_the_order_typed_rank_first() {
        let mut ix = SearchIndex::default();
        ix.upsert(EntityKind::Household, 1, &text(&["Bùi Văn Nguyên"]));
        ix.upsert(EntityKind::Household, 2, &text(&["Nguyễn Văn An"]));
        let ids: Vec<Id> = ix.search("nguyen van", 10).iter().map(|h| h.id).collect();
        assert_eq!(ids, vec![2, 1]);
    }

    #[test]
    fn d_matches_dj() {
        let hits = index().search("Đang", 10);
        assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![3]);
        assert_eq!(index().search("dang", 10)[0].id, 3);
    }

    #[test]
    fn names_beat_addresses() {
        let hits = index().search("nguyen an", 10);
        assert_eq!(hits.last().map(|h| h.id), Some(4));
    }

    #[test]
    fn phone_prefixes_and_removal() {
        let mut ix = index();
        assert_eq!(ix.search("0912", 10)[0].id, 1);
        ix.remove(EntityKind::Household, 1);
        assert!(ix.search("0912", 10).is_empty());
        assert_eq!(ix.search("tran", 10)[0].id, 4, "the moved entry is still found");
        assert!(ix.search("   ", 10).is_empty());
    }

    /// A commune-like index: names that share prefixes, codes, phones.
    fn crowd() -> SearchIndex {
        let surnames = ["Nguyễn", "Nguyên", "Trần", "Lê", "Giáp", "Ngô", "Đặng"];
        let middles = ["Văn", "Thị", "Vân", "Ngọc"];
        let givens = ["An", "Anh", "Nguyên", "Khương", "Vân", "Ngân"];
        let mut ix = SearchIndex::default();
        let mut id = 0;
        for (a, s) in surnames.iter().enumerate() {
            for (b, m) in middles.iter().enumerate() {
                for (c, g) in givens.iter().enumerate() {
                    for copy in 0..3 {
                        id += 1;
                        let code = format!("T0{a}-0{b}{c}{copy}");
                        let phone = format!("09{a}{b}{c}{copy}4567");
                        let kind = if copy == 2 { EntityKind::Member } else { EntityKind::Household };
                        ix.upsert(kind, id, &text(&[&format!("{s} {m} {g}"), &code, &phone, "Xóm Nguyễn An"]));
                    }
                }
            }
        }
        ix
    }

    /// Typing on narrows the previous results instead of scanning all; the
    /// hits must be exactly those of a fresh scan, at every keystroke, with
    /// edits between keystrokes and queries that change course.
    #[test]
    fn typing_on_finds_the_same_as_a_fresh_search() {
        let queries = ["nguyen van an", "nguyen  van", "ng v", "0912", "t01 0", "giap van khuong", "dang ngoc", "an"];
        // Edits between keystrokes, as (query, keystroke): after "gia" a
        // record that did not match now does; after "da" a record is removed
        // and the last one (a Đặng) moves into its place.
        type Edit = (usize, usize, fn(&mut SearchIndex));
        let edits: [Edit; 2] = [
            (5, 3, |ix| ix.upsert(EntityKind::Household, 5, &text(&["Giáp Văn Khương", "T09-0001", "0912000000"]))),
            (6, 2, |ix| ix.remove(EntityKind::Household, 1)),
        ];
        let mut typed = crowd();
        for (n, q) in queries.iter().enumerate() {
            for (step, (i, c)) in q.char_indices().enumerate() {
                let prefix = &q[..i + c.len_utf8()];
                let mut fresh = crowd();
                for (en, estep, edit) in edits {
                    if (en, estep) == (n, step) {
                        edit(&mut typed);
                    }
                    if (en, estep) <= (n, step) {
                        edit(&mut fresh);
                    }
                }
                for limit in [5, 500] {
                    assert_eq!(typed.search(prefix, limit), fresh.search(prefix, limit), "{prefix:?} limit {limit}");
                }
            }
        }
        assert!(typed.search("nguyen van", 500).len() > 50, "the crowd has matches at all");
    }
}
