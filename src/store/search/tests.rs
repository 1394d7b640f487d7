use proptest::prelude::*;
use proptest::sample::select;

use super::score::score_text;
use super::*;
use crate::store::OpenOptions;
use crate::store::record::search_key;

type Item = (EntityKind, Id, String);

/// Folds each field and joins them as the store does.
fn text(fields: &[&str]) -> String {
    fields.iter().map(|f| fold(f)).collect::<Vec<_>>().join(" | ")
}

fn sample() -> Vec<Item> {
    vec![
        (EntityKind::Household, 1, text(&["Nguyễn Văn An", "T01-0001", "0912345678"])),
        (EntityKind::Household, 2, text(&["Nguyễn Văn Anh", "T01-0002"])),
        (EntityKind::Member, 3, text(&["Đặng Thị Lan"])),
        (EntityKind::Household, 4, text(&["Trần Văn Bình", "T02-0001", "Xóm Nguyễn An"])),
    ]
}

/// The same entries both ways the index holds them: built (all in the
/// word index) and written one by one after an empty start (all scored
/// from their text).
fn both(items: &[Item]) -> [SearchIndex; 2] {
    let mut written = SearchIndex::default();
    for (kind, id, text) in items {
        written.upsert(*kind, *id, text);
    }
    [built(items), written]
}

fn built(items: &[Item]) -> SearchIndex {
    SearchIndex::new(&items.iter().map(|(kind, id, text)| (*kind, *id, text.as_str())).collect::<Vec<_>>())
}

fn ids(ix: &mut SearchIndex, query: &str, limit: usize) -> Vec<Id> {
    ix.search(query, limit).iter().map(|h| h.id).collect()
}

/// The one pass over the same entries, as `soxa search` and the interface
/// (while the index is built) make it.
fn streamed(items: &[Item], query: &str, limit: usize) -> Vec<Hit> {
    let entries = items.iter().map(|(kind, id, text)| Ok((*kind, *id, text.as_str())));
    once::one_pass(entries, query, limit).unwrap()
}

/// The definition, by brute force: every text scored, all sorted.
fn reference(items: &[Item], query: &str, limit: usize) -> Vec<Hit> {
    let folded = fold(query);
    let query = Query::new(&folded);
    let mut hits: Vec<(Hit, &str)> = items
        .iter()
        .filter_map(|(kind, id, text)| {
            let score = score_text(text, &query)?;
            Some((Hit { kind: *kind, id: *id, score: score.value }, text.as_str()))
        })
        .collect();
    hits.sort_by(|(a, ta), (b, tb)| {
        b.score.cmp(&a.score).then(a.kind.cmp(&b.kind)).then(ta.cmp(tb)).then(a.id.cmp(&b.id))
    });
    hits.into_iter().take(limit).map(|(h, _)| h).collect()
}

#[test]
fn finds_without_diacritics_and_ranks_whole_words_first() {
    for mut ix in both(&sample()) {
        let hits = ix.search("nguyen van an", 10);
        let ids: Vec<Id> = hits.iter().map(|h| h.id).collect();
        assert_eq!(ids, vec![1, 2, 4], "exact name, then a longer given name, then an address");
        assert!(hits[0].score > hits[1].score && hits[1].score > hits[2].score);
    }
}

#[test]
fn words_in_the_order_typed_rank_first() {
    let items = [
        (EntityKind::Household, 1, text(&["Bùi Văn Nguyên"])),
        (EntityKind::Household, 2, text(&["Nguyễn Văn An"])),
        (EntityKind::Household, 3, text(&["Lê Nguyễn Văn Hà"])),
    ];
    for mut ix in both(&items) {
        assert_eq!(ids(&mut ix, "nguyen van", 10), vec![2, 3, 1], "from the first word, then from a later one");
        assert_eq!(ids(&mut ix, "ng v", 10), vec![2, 3, 1], "the starts of the words are enough");
    }
}

#[test]
fn d_matches_dj() {
    for mut ix in both(&sample()) {
        assert_eq!(ids(&mut ix, "Đang", 10), vec![3]);
        assert_eq!(ids(&mut ix, "dang", 10)[0], 3);
    }
}

#[test]
fn names_beat_addresses() {
    for mut ix in both(&sample()) {
        assert_eq!(ids(&mut ix, "nguyen an", 10).last(), Some(&4));
    }
}

#[test]
fn phone_prefixes_and_removal() {
    for mut ix in both(&sample()) {
        assert_eq!(ids(&mut ix, "0912", 10), vec![1]);
        ix.remove(EntityKind::Household, 1);
        assert!(ix.search("0912", 10).is_empty());
        assert_eq!(ids(&mut ix, "tran", 10), vec![4], "the others are still found");
        assert!(ix.search("   ", 10).is_empty());
        assert!(ix.search("van", 0).is_empty());
    }
}

/// "an" at the start of a word in an address beats "an" inside a name,
/// though the name is the first field: every typed word at a word start
/// ranks first.
#[test]
fn every_word_at_a_word_start_ranks_above_words_inside() {
    let items = [
        (EntityKind::Household, 1, text(&["Trần Văn", "T01-0001"])),
        (EntityKind::Household, 2, text(&["Lê Thị Hoa", "T01-0002", "Xóm An", "Thôn Vân"])),
    ];
    for mut ix in both(&items) {
        let hits = ix.search("an van", 10);
        assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![2, 1]);
        assert_eq!(hits, reference(&items, "an van", 10));
    }
}

/// The word index answers from word starts alone when they give `limit`
/// entries; with fewer, the words found inside others fill up the list.
#[test]
fn words_found_inside_fill_up_when_word_starts_are_too_few() {
    let items = [
        (EntityKind::Household, 1, text(&["Nguyễn Văn An"])),
        (EntityKind::Household, 2, text(&["Trần Thị Lan"])),
        (EntityKind::Household, 3, text(&["Lê Thị Bình", "Xóm Tân"])),
        (EntityKind::Household, 4, text(&["Lê Thị Bình", "Xóm Đông"])),
    ];
    for mut ix in both(&items) {
        assert_eq!(ids(&mut ix, "an", 1), vec![1]);
        assert_eq!(ids(&mut ix, "an", 2), vec![1, 2]);
        assert_eq!(ids(&mut ix, "an", 10), vec![1, 2, 3]);
        assert_eq!(ids(&mut ix, "guyen an", 10), vec![1], "several words, one inside");
        for (query, limit) in [("an", 2), ("an", 10), ("van an", 1), ("van an", 10), ("n", 3)] {
            assert_eq!(ix.search(query, limit), reference(&items, query, limit), "{query} {limit}");
        }
    }
}

/// A changed text is found by its new words and not its old ones at once;
/// an unchanged write is not a change.
#[test]
fn writes_keep_the_index_right() {
    let mut ix = built(&crowd());
    let changes = ix.changes;
    ix.upsert(EntityKind::Household, 1, &text(&["Nguyễn Văn An", "T00-0000", "0900004567", "Xóm Nguyễn An"]));
    assert_eq!((ix.changes, ix.outside.len()), (changes, 0), "same text");
    ix.upsert(EntityKind::Household, 1, &text(&["Hoàng Thị Mai", "T00-0000"]));
    assert_eq!(ids(&mut ix, "hoang mai", 10), vec![1]);
    assert!(!ids(&mut ix, "nguyen van an", 500).contains(&1), "its old words no longer find it");
    ix.remove(EntityKind::Household, 1);
    assert!(ix.search("hoang", 10).is_empty());
    ix.upsert(EntityKind::Household, 1, &text(&["Hoàng Thị Mai"]));
    ix.upsert(EntityKind::Team, 1000, &text(&["Tổ hòa giải thôn Mai"]));
    assert_eq!(
        ix.search("mai", 10).iter().map(|h| (h.kind, h.id)).collect::<Vec<_>>(),
        vec![(EntityKind::Household, 1), (EntityKind::Team, 1000)]
    );
    assert_eq!(ix.len(), crowd().len() + 1);
}

/// After `REINDEX_AFTER` changes the word index is built again, and finds
/// the same.
#[test]
fn many_changes_build_the_word_index_again() {
    let mut items = crowd();
    let mut ix = built(&items);
    for n in 0..=REINDEX_AFTER {
        let i = n % items.len();
        items[i].2 = text(&[&format!("Hộ số {n}"), &format!("T{}", n % 7)]);
        ix.upsert(items[i].0, items[i].1, &items[i].2);
    }
    ix.remove(items[0].0, items[0].1);
    items.remove(0);
    assert!(ix.outside.len() > 100);
    for query in ["ho so 1", "t3", "so 20", "nguyen"] {
        assert_eq!(ix.search(query, 20), reference(&items, query, 20), "{query}");
    }
    assert_eq!((ix.changes, ix.outside.len(), ix.len()), (0, 0, items.len()));
}

/// A first field longer than the word index records positions for is
/// scored from its text, words in order included.
#[test]
fn long_first_fields_are_scored_from_their_text() {
    let long = format!("{} nguyen van an", ["le"; 20].join(" "));
    let items = [(EntityKind::Team, 1, long), (EntityKind::Team, 2, text(&["Nguyễn Văn An"]))];
    let mut ix = built(&items);
    assert_eq!(ix.outside, vec![0]);
    for query in ["nguyen van", "le le", "an"] {
        assert_eq!(ix.search(query, 10), reference(&items, query, 10), "{query}");
    }
}

/// Through the store: more entries than the reader hands the builder in
/// one batch, then a damaged entry, which is refused.
#[test]
fn the_store_reads_its_search_tree_into_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("db"), &OpenOptions::default()).unwrap();
    let items: Vec<Item> = (0..9_000)
        .map(|i| (EntityKind::Household, i, text(&[&format!("Hộ {i}"), &format!("T{:02}-{i:04}", i % 40)])))
        .collect();
    for (kind, id, text) in &items {
        store.table(T::Search).insert(search_key(*kind, *id), text.as_bytes()).unwrap();
    }
    let queries = ["ho 12", "t07", "89", "ho"];
    for query in queries {
        assert_eq!(store.search_once(query, 20).unwrap(), reference(&items, query, 20), "one pass: {query}");
    }
    assert!(store.search.lock().unwrap().is_none(), "searching once builds no index");
    for query in queries {
        assert_eq!(store.search(query, 20).unwrap(), reference(&items, query, 20), "{query}");
        assert_eq!(store.search_once(query, 20).unwrap(), reference(&items, query, 20), "index: {query}");
    }
    store.table(T::Search).insert(search_key(EntityKind::Team, 1), &[0xff, 0xfe][..]).unwrap();
    store.forget_search_index();
    assert!(matches!(store.search_once("ho", 1), Err(StoreError::Corrupt { tree: "search", .. })));
    assert!(matches!(store.search("ho", 1), Err(StoreError::Corrupt { tree: "search", .. })));
}

/// While a thread builds the index, a search does not wait for it: it
/// makes one pass over the tree, with the same hits; once built, the index
/// answers.
#[test]
fn searches_while_the_index_is_built_do_not_wait_for_it() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("db"), &OpenOptions::default()).unwrap();
    let items = crowd();
    for (kind, id, text) in &items {
        store.table(T::Search).insert(search_key(*kind, *id), text.as_bytes()).unwrap();
    }
    // Held, as the building thread holds it: a search that waited would
    // never return.
    let held = store.search.lock().unwrap();
    store.search_warming.store(true, Ordering::Release);
    for query in ["nguyen van an", "ng v", "0912", "an"] {
        assert_eq!(store.search(query, 20).unwrap(), reference(&items, query, 20), "{query}");
    }
    store.search_warming.store(false, Ordering::Release);
    drop(held);
    store.warm_search_index();
    for query in ["giap van", "nguyen van an", "t09"] {
        assert_eq!(store.search(query, 20).unwrap(), reference(&items, query, 20), "{query}");
    }
    for _ in 0..500 {
        if !store.search_warming.load(Ordering::Acquire) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(store.search.lock().unwrap().is_some(), "the index is built");
    assert_eq!(store.search("giap van", 5).unwrap(), reference(&items, "giap van", 5));
}

/// A commune-like list: names that share prefixes, codes, phones.
fn crowd() -> Vec<Item> {
    let surnames = ["Nguyễn", "Nguyên", "Trần", "Lê", "Giáp", "Ngô", "Đặng"];
    let middles = ["Văn", "Thị", "Vân", "Ngọc"];
    let givens = ["An", "Anh", "Nguyên", "Khương", "Vân", "Ngân"];
    let mut items = Vec::new();
    for (a, s) in surnames.iter().enumerate() {
        for (b, m) in middles.iter().enumerate() {
            for (c, g) in givens.iter().enumerate() {
                for copy in 0..3 {
                    let code = format!("T0{a}-0{b}{c}{copy}");
                    let phone = format!("09{a}{b}{c}{copy}4567");
                    let kind = if copy == 2 { EntityKind::Member } else { EntityKind::Household };
                    let id = Id::try_from(items.len() + 1).unwrap_or_default();
                    items.push((kind, id, text(&[&format!("{s} {m} {g}"), &code, &phone, "Xóm Nguyễn An"])));
                }
            }
        }
    }
    items
}

#[derive(Clone, Debug)]
enum Change {
    Upsert(EntityKind, Id, String),
    Remove(EntityKind, Id),
}

impl Change {
    fn apply(&self, ix: &mut SearchIndex, items: &mut Vec<Item>) {
        match self {
            Change::Upsert(kind, id, text) => {
                ix.upsert(*kind, *id, text);
                match items.iter_mut().find(|(k, i, _)| (k, i) == (kind, id)) {
                    Some(item) => item.2.clone_from(text),
                    None => items.push((*kind, *id, text.clone())),
                }
            }
            Change::Remove(kind, id) => {
                ix.remove(*kind, *id);
                items.retain(|(k, i, _)| (k, i) != (kind, id));
            }
        }
    }
}

/// At every keystroke, with writes between keystrokes and queries that
/// change course, the hits are those of an index built afresh.
#[test]
fn typing_on_finds_the_same_as_a_fresh_search() {
    let queries = ["nguyen van an", "nguyen  van", "ng v", "0912", "t01 0", "giap van khuong", "dang ngoc", "an"];
    // Writes as (query, keystroke): after "gia" a record that did not
    // match now does; after "da" a record is removed.
    let giap = text(&["Giáp Văn Khương", "T09-0001", "0912000000"]);
    let writes =
        [(5, 3, Change::Upsert(EntityKind::Household, 5, giap)), (6, 2, Change::Remove(EntityKind::Household, 1))];
    let mut items = crowd();
    let mut typed = built(&items);
    for (n, q) in queries.iter().enumerate() {
        for (step, (i, c)) in q.char_indices().enumerate() {
            let prefix = &q[..i + c.len_utf8()];
            for (_, _, write) in writes.iter().filter(|(wn, ws, _)| (*wn, *ws) == (n, step)) {
                write.apply(&mut typed, &mut items);
            }
            let mut fresh = built(&items);
            for limit in [5, 500] {
                assert_eq!(typed.search(prefix, limit), fresh.search(prefix, limit), "{prefix:?} limit {limit}");
                assert_eq!(fresh.search(prefix, limit), reference(&items, prefix, limit), "{prefix:?} limit {limit}");
                assert_eq!(
                    streamed(&items, prefix, limit),
                    reference(&items, prefix, limit),
                    "{prefix:?} limit {limit}"
                );
            }
        }
    }
    assert!(typed.search("nguyen van", 500).len() > 50, "the crowd has matches at all");
}

const VOCABULARY: &[&str] =
    &["nguyen", "nguyet", "ngu", "van", "vanh", "an", "anh", "lan", "tan", "t01", "0001", "0912", "12/2026", "d", "a"];
const TYPED: &[&str] =
    &["n", "ng", "nguy", "guy", "v", "va", "an", "a", "t0", "0", "09", "12/", "/2026", "d", "anh", "yet", "1", "zz"];

fn field(most: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(select(VOCABULARY), 1..most).prop_map(|w| w.join(" "))
}

/// A first field, sometimes longer than the word index records, then up
/// to three more.
fn entry_text() -> impl Strategy<Value = String> {
    (field(20), proptest::collection::vec(field(4), 0..4))
        .prop_map(|(first, rest)| std::iter::once(first).chain(rest).collect::<Vec<_>>().join(" | "))
}

fn kind() -> impl Strategy<Value = EntityKind> {
    select(&[EntityKind::Household, EntityKind::Team, EntityKind::Member, EntityKind::Case][..])
}

#[derive(Clone, Debug)]
enum Op {
    Write(Change),
    Search(String, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let query = proptest::collection::vec(select(TYPED), 1..4).prop_map(|w| w.join(" "));
    prop_oneof![
        1 => (kind(), 0..12u64, entry_text()).prop_map(|(k, id, t)| Op::Write(Change::Upsert(k, id, t))),
        1 => (kind(), 0..12u64).prop_map(|(k, id)| Op::Write(Change::Remove(k, id))),
        3 => (query, select(&[1usize, 3, 50][..])).prop_map(|(q, limit)| Op::Search(q, limit)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Built from random texts, then written to and searched in turn, the
    /// index answers exactly what the definition does, and so does the one
    /// pass over the texts.
    #[test]
    fn the_index_ranks_as_the_definition(
        start in proptest::collection::vec((kind(), 0..12u64, entry_text()), 0..24),
        ops in proptest::collection::vec(op(), 1..24),
    ) {
        let mut items: Vec<Item> = Vec::new();
        for (kind, id, text) in start {
            if !items.iter().any(|(k, i, _)| (*k, *i) == (kind, id)) {
                items.push((kind, id, text));
            }
        }
        let mut ix = built(&items);
        for op in ops {
            match op {
                Op::Write(change) => change.apply(&mut ix, &mut items),
                Op::Search(query, limit) => {
                    let expected = reference(&items, &query, limit);
                    prop_assert_eq!(ix.search(&query, limit), expected.clone(), "{}", query);
                    prop_assert_eq!(streamed(&items, &query, limit), expected, "one pass: {}", query);
                }
            }
        }
    }
}
