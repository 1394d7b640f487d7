//! The word lists under `data/` that make the demo commune sound real: names,
//! streets, hamlets, catalog items, case subjects, team names. They are
//! compiled into the binary, so the demo works anywhere, and parsed by one
//! small reader: tab-separated columns, `#` comment lines, blank lines ignored.
//! A malformed line is an error naming the file and line; the tests parse
//! every file, so a bad data file fails the build's tests, never a clerk.

use std::fmt;

use rand::Rng;

use crate::domain::{CaseCategory, HamletKind, TeamKind};

/// A data file that does not read as expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub file: &'static str,
    /// 1-based; 0 when the problem is with the whole file.
    pub line: usize,
    pub what: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "data/{}: {}", self.file, self.what)
        } else {
            write!(f, "data/{}, line {}: {}", self.file, self.line, self.what)
        }
    }
}

/// The data files, by name, as compiled in.
pub const FILES: [(&str, &str); 14] = [
    ("surnames.txt", include_str!("../../data/surnames.txt")),
    ("middle_male.txt", include_str!("../../data/middle_male.txt")),
    ("middle_female.txt", include_str!("../../data/middle_female.txt")),
    ("given_male.txt", include_str!("../../data/given_male.txt")),
    ("given_female.txt", include_str!("../../data/given_female.txt")),
    ("streets.txt", include_str!("../../data/streets.txt")),
    ("trainings.txt", include_str!("../../data/trainings.txt")),
    ("violations.txt", include_str!("../../data/violations.txt")),
    ("refusal_reasons.txt", include_str!("../../data/refusal_reasons.txt")),
    ("absence_reasons.txt", include_str!("../../data/absence_reasons.txt")),
    ("hamlets.txt", include_str!("../../data/hamlets.txt")),
    ("commitment_items.txt", include_str!("../../data/commitment_items.txt")),
    ("case_subjects.txt", include_str!("../../data/case_subjects.txt")),
    ("team_names.txt", include_str!("../../data/team_names.txt")),
];

/// Values picked in proportion to their weights.
#[derive(Debug, Clone, Default)]
pub struct Weighted {
    values: Vec<String>,
    /// Running total of the weights, for a binary search.
    cumulative: Vec<u64>,
}

impl Weighted {
    fn push(&mut self, weight: u64, value: String) {
        let total = self.total() + weight;
        self.values.push(value);
        self.cumulative.push(total);
    }

    fn total(&self) -> u64 {
        self.cumulative.last().copied().unwrap_or(0)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    #[cfg(test)]
    pub fn values(&self) -> &[String] {
        &self.values
    }

    /// One value; the list is never empty once loaded.
    pub fn pick(&self, rng: &mut impl Rng) -> &str {
        let total = self.total();
        if total == 0 {
            return "";
        }
        let r = rng.random_range(0..total);
        let i = self.cumulative.partition_point(|c| *c <= r);
        self.values.get(i).map_or("", String::as_str)
    }
}

/// Every list the generator draws from, each checked non-empty.
#[derive(Debug, Clone)]
pub struct Data {
    pub surnames: Weighted,
    pub middle_male: Weighted,
    pub middle_female: Weighted,
    pub given_male: Vec<String>,
    pub given_female: Vec<String>,
    pub streets: Vec<String>,
    pub trainings: Vec<String>,
    pub violations: Vec<String>,
    pub refusal_reasons: Vec<String>,
    pub absence_reasons: Vec<String>,
    pub hamlets: Vec<(HamletKind, String)>,
    /// The Vietnamese text of each commitment item (the file also carries
    /// a stable code and the English text).
    pub catalog: Vec<String>,
    /// Case summaries by category, in `CaseCategory::ALL` order.
    pub case_subjects: Vec<Vec<String>>,
    /// Name patterns by kind, in `TeamKind::ALL` order.
    pub team_names: Vec<Vec<String>>,
}

impl Data {
    /// Parses the compiled-in data files.
    pub fn load() -> Result<Data, DataError> {
        Ok(Data {
            surnames: weighted("surnames.txt")?,
            middle_male: weighted("middle_male.txt")?,
            middle_female: weighted("middle_female.txt")?,
            given_male: single("given_male.txt")?,
            given_female: single("given_female.txt")?,
            streets: single("streets.txt")?,
            trainings: single("trainings.txt")?,
            violations: single("violations.txt")?,
            refusal_reasons: single("refusal_reasons.txt")?,
            absence_reasons: single("absence_reasons.txt")?,
            hamlets: keyed("hamlets.txt", HamletKind::from_key)?,
            catalog: catalog("commitment_items.txt")?,
            case_subjects: grouped("case_subjects.txt", &CaseCategory::ALL, CaseCategory::from_key)?,
            team_names: grouped("team_names.txt", &TeamKind::ALL, TeamKind::from_key)?,
        })
    }

    pub fn subjects(&self, category: CaseCategory) -> &[String] {
        let i = CaseCategory::ALL.iter().position(|c| *c == category).unwrap_or(0);
        self.case_subjects.get(i).map_or(&[], Vec::as_slice)
    }

    pub fn team_patterns(&self, kind: TeamKind) -> &[String] {
        let i = TeamKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        self.team_names.get(i).map_or(&[], Vec::as_slice)
    }
}

fn text_of(file: &'static str) -> Result<&'static str, DataError> {
    FILES.iter().find(|(name, _)| *name == file).map(|(_, text)| *text).ok_or_else(|| DataError {
        file,
        line: 0,
        what: "is not compiled in".into(),
    })
}

/// The rows of a data file, each split into exactly `columns` non-empty,
/// trimmed fields, with its line number. An empty file is an error.
pub fn rows(file: &'static str, columns: usize) -> Result<Vec<(usize, Vec<&'static str>)>, DataError> {
    let mut out = Vec::new();
    for (i, raw) in text_of(file)?.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        let err = |what: String| DataError { file, line: i + 1, what };
        if fields.len() != columns {
            return Err(err(format!("expected {columns} tab-separated fields, found {}", fields.len())));
        }
        if fields.iter().any(|f| f.is_empty()) {
            return Err(err("a field is empty".into()));
        }
        out.push((i + 1, fields));
    }
    if out.is_empty() {
        return Err(DataError { file, line: 0, what: "has no entries".into() });
    }
    Ok(out)
}

fn single(file: &'static str) -> Result<Vec<String>, DataError> {
    Ok(rows(file, 1)?.into_iter().map(|(_, f)| f[0].to_string()).collect())
}

fn weighted(file: &'static str) -> Result<Weighted, DataError> {
    let mut out = Weighted::default();
    for (line, f) in rows(file, 2)? {
        let weight = f[0].parse::<u64>().ok().filter(|w| (1..=1_000_000).contains(w));
        let Some(weight) = weight else {
            return Err(DataError { file, line, what: format!("weight '{}' is not a number 1-1000000", f[0]) });
        };
        out.push(weight, f[1].to_string());
    }
    Ok(out)
}

fn keyed<K>(file: &'static str, parse: fn(&str) -> Option<K>) -> Result<Vec<(K, String)>, DataError> {
    rows(file, 2)?
        .into_iter()
        .map(|(line, f)| match parse(f[0]) {
            Some(k) => Ok((k, f[1].to_string())),
            None => Err(DataError { file, line, what: format!("unknown kind '{}'", f[0]) }),
        })
        .collect()
}

/// Values grouped by key, in the order of `all`; every key must have one.
fn grouped<K: PartialEq + fmt::Debug>(
    file: &'static str,
    all: &[K],
    parse: fn(&str) -> Option<K>,
) -> Result<Vec<Vec<String>>, DataError> {
    let mut out: Vec<Vec<String>> = all.iter().map(|_| Vec::new()).collect();
    for (key, value) in keyed(file, parse)? {
        if let Some(i) = all.iter().position(|k| *k == key) {
            out[i].push(value);
        }
    }
    if let Some(i) = out.iter().position(Vec::is_empty) {
        return Err(DataError { file, line: 0, what: format!("has no entry for {:?}", all[i]) });
    }
    Ok(out)
}

fn catalog(file: &'static str) -> Result<Vec<String>, DataError> {
    Ok(rows(file, 3)?.into_iter().map(|(_, f)| f[1].to_string()).collect())
}
