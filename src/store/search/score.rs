//! The ranking, defined on one text. A text is fields joined by " | ", a
//! field is words joined by spaces ("nguyen van an | t01 0001 | 0912345678").
//! The word index computes these same numbers from its word lists; entries
//! it does not hold (changed since it was built) are scored here, and the
//! tests hold the index to this definition.

use memchr::memmem::Finder;

/// The word that separates fields in a stored text.
pub const FIELD_BREAK: &[u8] = b"|";

/// The words of a text (or of a folded query), in order. As bytes: split
/// at a space, UTF-8 stays whole, and the index builds in half the time.
pub fn words_of(text: &str) -> impl Iterator<Item = &[u8]> {
    text.as_bytes().split(|b| *b == b' ').filter(|w| !w.is_empty())
}

/// Where a typed word was found in one word of a text. The value is what
/// it earns there; one more in the first field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Inside = 1,
    Start = 3,
    Whole = 4,
}

impl Place {
    pub fn of(word: &[u8], typed: &[u8], finder: &Finder) -> Option<Place> {
        if word == typed {
            Some(Place::Whole)
        } else if word.starts_with(typed) {
            Some(Place::Start)
        } else if finder.find(word).is_some() {
            Some(Place::Inside)
        } else {
            None
        }
    }

    pub fn points(self, first_field: bool) -> u8 {
        self as u8 + u8::from(first_field)
    }
}

/// Points of a typed word from which on it was found at a word start
/// (inside a first-field word earns 2, a start in a later field 3).
pub const AT_START: u8 = Place::Start as u8;

/// Where the typed words run, in typed order, as the starts of consecutive
/// words of the first field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phrase {
    Absent,
    Later,
    Leading,
}

/// An entry's rank: higher first. `at_word_starts` says every typed word
/// begins a word of the text; those entries all rank above the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Score {
    pub value: u32,
    pub at_word_starts: bool,
}

/// The folded words typed, each with its substring searcher.
pub struct Query<'a> {
    words: Vec<&'a [u8]>,
    finders: Vec<Finder<'a>>,
}

impl<'a> Query<'a> {
    pub fn new(folded: &'a str) -> Query<'a> {
        let words: Vec<&[u8]> = words_of(folded).collect();
        let finders = words.iter().map(|w| Finder::new(*w)).collect();
        Query { words, finders }
    }

    pub fn words(&self) -> &[&'a [u8]] {
        &self.words
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The score from the sum of each word's best points. Every word at a
    /// word start adds 2 per word: the others score at most 5 per word less
    /// 3 (one word only inside), so they always rank lower. Words typed in
    /// order add 3 per word from the first word of the first field, 2 from
    /// a later one.
    pub fn score(&self, points: u32, at_word_starts: bool, phrase: Phrase) -> Score {
        let n = u32::try_from(self.len()).unwrap_or(u32::MAX);
        let tier = if at_word_starts { 2 * n } else { 0 };
        let phrase = match phrase {
            _ if n < 2 => 0,
            Phrase::Absent => 0,
            Phrase::Later => 2 * n,
            Phrase::Leading => 3 * n,
        };
        Score { value: points + tier + phrase, at_word_starts }
    }
}

/// Scores one text; `None` when a typed word is in none of its words.
/// Allocates nothing for up to `INLINE` typed words: the one-pass search
/// scores every text that holds the typed letters.
pub fn score_text(text: &str, query: &Query) -> Option<Score> {
    // A typed word holds no space: found in the text, it is in one word.
    // Most texts lack one, and this says so in one pass per word.
    if query.finders.iter().any(|f| f.find(text.as_bytes()).is_none()) {
        return None;
    }
    let mut inline = [0u8; INLINE];
    let mut spilled = Vec::new();
    let best = match inline.get_mut(..query.len()) {
        Some(best) => best,
        None => {
            spilled.resize(query.len(), 0);
            &mut spilled[..]
        }
    };
    let mut in_first = true;
    for word in words_of(text) {
        if word == FIELD_BREAK {
            in_first = false;
            continue;
        }
        for ((b, typed), finder) in best.iter_mut().zip(&query.words).zip(&query.finders) {
            if let Some(place) = Place::of(word, typed, finder) {
                *b = (*b).max(place.points(in_first));
            }
        }
    }
    if best.contains(&0) {
        return None;
    }
    let points = best.iter().map(|b| u32::from(*b)).sum();
    let at_word_starts = best.iter().all(|b| *b >= AT_START);
    // One typed word earns nothing for its order.
    let phrase = if query.len() < 2 { Phrase::Absent } else { phrase_in(text, query.words()) };
    Some(query.score(points, at_word_starts, phrase))
}

/// Typed words a score counts without allocating.
const INLINE: usize = 8;

/// Where the typed words run as the starts of consecutive words of the
/// text's first field: from its first word, from a later one, or nowhere.
fn phrase_in(text: &str, typed: &[&[u8]]) -> Phrase {
    let first_field = || words_of(text).take_while(|w| *w != FIELD_BREAK);
    let runs_from = |skip: usize| {
        let mut words = first_field().skip(skip);
        typed.iter().all(|t| words.next().is_some_and(|w| w.starts_with(t)))
    };
    if runs_from(0) {
        Phrase::Leading
    } else if (1..first_field().count()).any(runs_from) {
        Phrase::Later
    } else {
        Phrase::Absent
    }
}
