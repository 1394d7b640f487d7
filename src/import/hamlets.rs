//! Which hamlet a row means. A row names its hamlet by code ("T01"), by
//! name ("Đông"), or by name with its kind ("Thôn Đông", "Ấp Mỹ Lợi");
//! all are matched folded. A hamlet the ledger lacks becomes a new hamlet
//! of the plan (with the code given, or one made from its name), created
//! only if the clerk agrees.

use std::collections::HashMap;

use crate::domain::text::{clean_line, fold};
use crate::domain::{Hamlet, HamletKind, Id};

/// A row's hamlet: one in the ledger, or one the import would create.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HamletRef {
    Stored(Id),
    New(usize),
}

/// What a row's hamlet cells lead to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    One(HamletRef),
    /// Several hamlets answer to the name.
    Several,
    /// The row names no hamlet.
    Blank,
}

pub struct Hamlets {
    by_code: HashMap<String, Id>,
    /// Folded names, kind-and-name and codes, each to every hamlet it fits.
    by_name: HashMap<String, Vec<Id>>,
    /// Bare names (without the kind word), for a row that names the kind
    /// differently ("Ấp Đông" for "Thôn Đông").
    by_bare: HashMap<String, Vec<Id>>,
    /// Hamlets the import would create, by folded code and by folded
    /// kind and name.
    pub new: Vec<Hamlet>,
    new_keys: HashMap<String, usize>,
    new_names: HashMap<String, usize>,
    /// The kind of a new hamlet whose name has no kind word (from the header).
    default_kind: HamletKind,
}

impl Hamlets {
    pub fn new(stored: &[Hamlet], default_kind: HamletKind) -> Hamlets {
        let mut by_name: HashMap<String, Vec<Id>> = HashMap::new();
        let mut by_bare: HashMap<String, Vec<Id>> = HashMap::new();
        for h in stored {
            for key in [fold(&h.display_name()), fold(&h.code)] {
                by_name.entry(key).or_default().push(h.id);
            }
            by_bare.entry(fold(&h.name)).or_default().push(h.id);
        }
        for ids in by_name.values_mut().chain(by_bare.values_mut()) {
            ids.sort_unstable();
            ids.dedup();
        }
        Hamlets {
            by_code: stored.iter().map(|h| (fold(&h.code), h.id)).collect(),
            by_name,
            by_bare,
            new: Vec::new(),
            new_keys: HashMap::new(),
            new_names: HashMap::new(),
            default_kind,
        }
    }

    /// The hamlet of a row from its code cell and name cell (either blank).
    pub fn resolve(&mut self, code: &str, name: &str) -> Found {
        let (code, name) = (clean_line(code), clean_line(name));
        if !code.is_empty() {
            if let Some(id) = self.by_code.get(&fold(&code)) {
                return Found::One(HamletRef::Stored(*id));
            }
            return Found::One(self.add(&code, if name.is_empty() { &code } else { &name }));
        }
        if name.is_empty() {
            return Found::Blank;
        }
        let (kind, bare) = split_kind(&name, self.default_kind);
        let lookups = [self.by_name.get(&fold(&name)), self.by_name.get(&fold(&bare)), self.by_bare.get(&fold(&bare))];
        if let Some(ids) = lookups.into_iter().flatten().next() {
            return match ids.as_slice() {
                [id] => Found::One(HamletRef::Stored(*id)),
                _ => Found::Several,
            };
        }
        if let Some(i) = self.new_names.get(&fold(&format!("{} {bare}", kind.word()))) {
            return Found::One(HamletRef::New(*i));
        }
        let code = self.made_code(kind, &bare);
        Found::One(self.add(&code, &name))
    }

    /// A new hamlet (once per key), its kind and bare name from `name`.
    fn add(&mut self, code: &str, name: &str) -> HamletRef {
        let key = fold(code);
        if let Some(i) = self.new_keys.get(&key) {
            return HamletRef::New(*i);
        }
        let (kind, bare) = split_kind(name, self.default_kind);
        let hamlet = Hamlet::new(code, &bare, kind);
        self.new_names.insert(fold(&hamlet.display_name()), self.new.len());
        self.new.push(hamlet);
        self.new_keys.insert(key, self.new.len() - 1);
        HamletRef::New(self.new.len() - 1)
    }

    /// A code for a hamlet named without one: "T-DONG", "TDP-3"; a number
    /// is added if that is taken.
    fn made_code(&self, kind: HamletKind, bare: &str) -> String {
        let prefix = match kind {
            HamletKind::Thon => "T",
            HamletKind::Ap => "A",
            HamletKind::Ban => "B",
            HamletKind::ToDanPho => "TDP",
            HamletKind::KhuPho => "KP",
        };
        let stem: String =
            format!("{prefix}-{}", fold(bare).to_uppercase().replace(' ', "-")).chars().take(26).collect();
        let taken = |c: &str| self.by_code.contains_key(&fold(c)) || self.new_keys.contains_key(&fold(c));
        let mut code = stem.clone();
        let mut n = 2;
        while taken(&code) {
            code = format!("{stem}-{n}");
            n += 1;
        }
        code
    }
}

/// "Thôn Đông" -> (thôn, "Đông"); "Đông" -> (`default`, "Đông").
pub fn split_kind(name: &str, default: HamletKind) -> (HamletKind, String) {
    let words: Vec<&str> = name.split(' ').collect();
    for kind in HamletKind::ALL {
        let n = kind.word().split(' ').count();
        if words.len() > n && fold(&words[..n].join(" ")) == fold(kind.word()) {
            return (kind, words[n..].join(" "));
        }
    }
    (default, name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> Vec<Hamlet> {
        let mut a = Hamlet::new("T01", "Đông", HamletKind::Thon);
        a.id = 1;
        let mut b = Hamlet::new("T02", "Mỹ Lợi", HamletKind::Ap);
        b.id = 2;
        let mut c = Hamlet::new("T03", "3", HamletKind::ToDanPho);
        c.id = 3;
        vec![a, b, c]
    }

    #[test]
    fn stored_hamlets_by_code_name_or_kind_and_name() {
        let mut h = Hamlets::new(&stored(), HamletKind::Thon);
        let one = |id| Found::One(HamletRef::Stored(id));
        assert_eq!(h.resolve("t01", ""), one(1));
        assert_eq!(h.resolve("", "Thôn Đông"), one(1));
        assert_eq!(h.resolve("", "thon dong"), one(1));
        assert_eq!(h.resolve("", "Đông"), one(1));
        assert_eq!(h.resolve("", "Ấp Mỹ Lợi"), one(2));
        assert_eq!(h.resolve("", "my loi"), one(2));
        assert_eq!(h.resolve("", "Tổ dân phố 3"), one(3));
        assert_eq!(h.resolve("", "T03"), one(3));
        assert_eq!(h.resolve("", ""), Found::Blank);
        assert!(h.new.is_empty());
    }

    #[test]
    fn unknown_hamlets_are_planned_once_each() {
        let mut h = Hamlets::new(&stored(), HamletKind::Ap);
        assert_eq!(h.resolve("", "Tây"), Found::One(HamletRef::New(0)));
        assert_eq!(h.resolve("", "tay"), Found::One(HamletRef::New(0)));
        assert_eq!(h.resolve("", "Thôn Bắc"), Found::One(HamletRef::New(1)));
        assert_eq!(h.resolve("T09", "Tổ dân phố 9"), Found::One(HamletRef::New(2)));
        assert_eq!(h.resolve("t09", ""), Found::One(HamletRef::New(2)));
        let made: Vec<(String, String, HamletKind)> =
            h.new.iter().map(|x| (x.code.clone(), x.name.clone(), x.kind)).collect();
        assert_eq!(
            made,
            vec![
                ("A-TAY".into(), "Tây".into(), HamletKind::Ap),
                ("T-BAC".into(), "Bắc".into(), HamletKind::Thon),
                ("T09".into(), "9".into(), HamletKind::ToDanPho)
            ]
        );
    }

    #[test]
    fn a_name_two_hamlets_share_is_ambiguous() {
        let mut hamlets = stored();
        let mut twin = Hamlet::new("T04", "Đông", HamletKind::Ap);
        twin.id = 4;
        hamlets.push(twin);
        let mut h = Hamlets::new(&hamlets, HamletKind::Thon);
        assert_eq!(h.resolve("", "Đông"), Found::Several);
        assert_eq!(h.resolve("", "Ấp Đông"), Found::One(HamletRef::Stored(4)));
    }
}
