//! The section "Adding a kind of record" of `docs/ARCHITECTURE.md` stays
//! true to the code: every file of `src/` that names every kind of record
//! (`EntityKind::Hamlet` ... `EntityKind::Case`: an exhaustive dispatch a
//! new kind must join) is one the section names, and every `src/` path the
//! section names exists. A hand-written `match` from a kind to its record
//! type outside the listed places fails here; it belongs in `by_kind!`.

use std::fs;
use std::path::{Path, PathBuf};

use soxa::domain::EntityKind;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The section's text, from its heading to the next one.
fn section() -> String {
    let doc = fs::read_to_string(root().join("docs/ARCHITECTURE.md")).unwrap();
    let start = doc.find("\n## Adding a kind of record\n").expect("the section is in docs/ARCHITECTURE.md");
    let body = &doc[start + 1..];
    let end = body[3..].find("\n## ").map_or(body.len(), |e| e + 3);
    body[..end].to_string()
}

/// The `src/...` paths the section names in backticks.
fn named_paths(section: &str) -> Vec<String> {
    let quoted = section.split('`').skip(1).step_by(2);
    quoted.filter(|q| q.starts_with("src/")).map(String::from).collect()
}

/// The kinds of record: every kind but the commune (one value, no id) and
/// closed periods (kept by `store::closing`), which `by_kind!` gives their
/// own arms.
fn record_kinds() -> Vec<String> {
    let others = [EntityKind::Commune, EntityKind::Period];
    EntityKind::ALL.into_iter().filter(|k| !others.contains(k)).map(|k| format!("EntityKind::{k:?}")).collect()
}

/// Every `.rs` file under `dir`, less test files and folders.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() && name != "tests" {
            sources(&path, out);
        } else if name.ends_with(".rs") && name != "tests.rs" {
            out.push(path);
        }
    }
}

/// The code of a file without its inline `mod tests`.
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]\nmod tests {") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

fn names_whole_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let next = text[at + word.len()..].chars().next();
        !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn every_file_naming_every_kind_is_listed_in_the_section() {
    let section = section();
    let listed = named_paths(&section);
    let kinds = record_kinds();
    assert!(kinds.len() >= 6, "{kinds:?}");
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    let mut naming_all = Vec::new();
    for file in files {
        let text = code(&file);
        if kinds.iter().all(|k| names_whole_word(&text, k)) {
            naming_all.push(file.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
    // The scan sees the places it must: the enum itself and the dispatch.
    for must in ["src/domain/mod.rs", "src/store/record.rs"] {
        assert!(naming_all.iter().any(|f| f == must), "{must} not seen: {naming_all:?}");
    }
    let unlisted: Vec<&String> = naming_all.iter().filter(|f| !listed.contains(f)).collect();
    assert!(
        unlisted.is_empty(),
        "these files name every kind of record but \"Adding a kind of record\" in docs/ARCHITECTURE.md does not \
         list them; dispatch through `by_kind!` (src/store/record.rs) or list them: {unlisted:?}"
    );
}

#[test]
fn every_path_the_section_names_exists() {
    let section = section();
    let paths = named_paths(&section);
    assert!(paths.len() >= 10, "the section names its files: {paths:?}");
    let missing: Vec<&String> =
        paths.iter().filter(|p| !p.contains('<') && !root().join(p.trim_end_matches('/')).exists()).collect();
    assert!(missing.is_empty(), "docs/ARCHITECTURE.md names files that do not exist: {missing:?}");
}

#[test]
fn by_kind_reaches_the_record_type_of_every_kind() {
    use soxa::store::Record;
    for kind in EntityKind::ALL {
        let found = soxa::by_kind!(kind, R => Some(R::KIND), Commune => None, Period => None);
        let is_record = ![EntityKind::Commune, EntityKind::Period].contains(&kind);
        assert_eq!(found, is_record.then_some(kind), "by_kind! maps {kind:?} to the record type of another kind");
    }
}
