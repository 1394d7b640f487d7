//! The layers written in `src/lib.rs` and `src/store/mod.rs` hold: every
//! `crate::` and `super::` path in `src/` points into a lower layer, never
//! into the same one or one above (so no module imports one that imports it
//! back). Each `//! - ` line of those module docs is one layer, lowest first,
//! naming its modules in backticks before the colon. Items of
//! `store/mod.rs` itself (`Store`, `Clock`...) are the store's handle, not a
//! layer: a path to one is not counted, and a name it re-exports counts as
//! the submodule it comes from.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Module name -> rank of its layer, from a module doc's `//! - ` lines.
fn layers(file: &Path) -> BTreeMap<String, usize> {
    let text = fs::read_to_string(file).unwrap();
    let lines = text.lines().filter_map(|l| l.strip_prefix("//! - ")).enumerate();
    let named = lines.flat_map(|(rank, l)| {
        let head = l.split(':').next().unwrap_or_default().to_string();
        let names: Vec<String> = head.split('`').skip(1).step_by(2).map(String::from).collect();
        names.into_iter().map(move |m| (m, rank))
    });
    let named: Vec<(String, usize)> = named.collect();
    let layers: BTreeMap<String, usize> = named.iter().cloned().collect();
    assert_eq!(layers.len(), named.len(), "{} places a module in two layers", file.display());
    layers
}

/// The paths a `use` tree or an inline path names: `a::{b, c::d}` gives
/// `[a, b]` and `[a, c, d]`. Returns how many bytes it read.
fn paths(s: &str, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let (mut path, mut i) = (prefix, 0);
    let b = s.as_bytes();
    loop {
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'*') {
            i += 1;
        }
        path.push(s[start..i].to_string());
        if s[i..].starts_with("::{") {
            i += 3;
            loop {
                i += s[i..].find(|c: char| c != ',' && !c.is_whitespace()).unwrap_or(s.len() - i);
                if i >= b.len() || b[i] == b'}' {
                    return i + 1;
                }
                i += paths(&s[i..], path.clone(), out);
            }
        }
        if !s[i..].starts_with("::") {
            out.push(path);
            return i;
        }
        i += 2;
    }
}

/// Every module path a file's code names, made absolute.
fn imports(text: &str, module: &[String]) -> Vec<Vec<String>> {
    let code: Vec<&str> = text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect();
    let code = code.join("\n");
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        paths(&code[at..], vec![], &mut out);
    }
    for (at, _) in code.match_indices("super::").filter(|(at, _)| !code[..*at].ends_with("::")) {
        let ups = (0..).take_while(|n| code[at..].get(7 * n..).is_some_and(|s| s.starts_with("super::"))).count();
        let base = module[..module.len().saturating_sub(ups)].to_vec();
        paths(&code[at + 7 * (ups - 1)..], base, &mut out);
    }
    // Each path still holds the `crate` or `super` it started with.
    out.into_iter()
        .map(|mut p| {
            p.retain(|s| s != "crate" && s != "super");
            p
        })
        .collect()
}

fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("main.rs") {
            out.push(path);
        }
    }
}

/// The modules `file` declares (`mod x;`, `pub mod x;`), each of which a layer must name.
fn declared(file: &Path) -> Vec<String> {
    let text = fs::read_to_string(file).unwrap();
    let names = text
        .lines()
        .filter_map(|l| l.trim_start_matches("pub(crate) ").trim_start_matches("pub ").strip_prefix("mod "));
    names.filter_map(|n| n.strip_suffix(';')).map(String::from).collect()
}

/// Names `store/mod.rs` re-exports, with the submodule each comes from.
fn reexports(store_mod: &Path) -> BTreeMap<String, String> {
    let text = fs::read_to_string(store_mod).unwrap();
    let mut out = Vec::new();
    for l in
        text.lines().filter_map(|l| l.trim_start_matches("pub(crate) ").trim_start_matches("pub ").strip_prefix("use "))
    {
        paths(l, vec![], &mut out);
    }
    out.into_iter().filter(|p| p.len() > 1).map(|p| (p[p.len() - 1].clone(), p[0].clone())).collect()
}

#[test]
fn no_module_imports_its_own_layer_or_one_above() {
    let (top, store) = (layers(&src().join("lib.rs")), layers(&src().join("store/mod.rs")));
    for (file, layers) in [("lib.rs", &top), ("store/mod.rs", &store)] {
        for m in declared(&src().join(file)) {
            assert!(layers.contains_key(&m), "{file} declares `{m}` but its layer list does not place it");
        }
    }
    let again = reexports(&src().join("store/mod.rs"));
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let module = module_of(file);
        let text = fs::read_to_string(file).unwrap();
        for target in imports(&text, &module) {
            let check =
                |layers: &BTreeMap<String, usize>, from: &String, to: &String| match (layers.get(from), layers.get(to))
                {
                    (Some(f), Some(t)) if from != to && t >= f => Some(format!("{}: {from} -> {to}", file.display())),
                    _ => None,
                };
            if let (Some(from), Some(to)) = (module.first(), target.first()) {
                wrong.extend(check(&top, from, to));
            }
            if module.len() > 1 && module[0] == "store" && target.len() > 1 && target[0] == "store" {
                let to = if store.contains_key(&target[1]) { Some(&target[1]) } else { again.get(&target[1]) };
                wrong.extend(to.and_then(|to| check(&store, &module[1], to)));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "imports against the layers of lib.rs / store/mod.rs:\n{}", wrong.join("\n"));
}

#[test]
fn the_reader_sees_groups_over_lines_and_super_chains() {
    let code =
        "use crate::{a::{b, c::d},\n    e}; // crate::x\nuse super::super::f::{self, g};\nlet n = super::h::i();";
    let module: Vec<String> = ["store", "backup", "auto"].map(String::from).into();
    let found: Vec<String> = imports(code, &module).iter().map(|p| p.join("::")).collect();
    let want = ["a::b", "a::c::d", "e", "store::f::self", "store::f::g", "store::backup::h::i"];
    assert_eq!(found, want);
}
