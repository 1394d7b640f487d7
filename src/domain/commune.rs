//! The commune itself (one per database), its settings and plan, its
//! hamlets, and its catalogs: the items households commit to, the kinds of
//! self-management model, and the criteria of a safe residential area.
//!
//! A catalog is versioned by its ids: records store an item's id, an item
//! is renamed in place and retired (never deleted), and a new wording is a
//! new item, so an old record keeps pointing at what it was assessed on.

use serde::{Deserialize, Serialize};

use super::assessment::CIRCULAR_CRITERIA;
use super::plan::Plan;
use super::rules::{bounded, code, in_range, required};
use super::text::{MAX_LINE, MAX_NAME, MAX_SHORT, clean_line, strip_words};
use super::{Errors, Field, FieldError, Id, Lang, Stamp};

/// The kinds of self-management model a new commune starts with.
pub const MODEL_KINDS: [&str; 6] =
    ["Tổ tự quản", "Nhóm liên gia tự quản", "Dòng họ tự quản", "Camera an ninh", "Khu dân cư không tội phạm", "Khác"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Commune {
    /// "Xã Nhất Tiến", "Phường Hòa Bình": the full name as it heads reports.
    pub name: String,
    pub province: String,
    /// Who signs reports: usually the chair (or police chief) and the preparer.
    pub approver: Signer,
    pub preparer: Signer,
    pub settings: Settings,
    pub catalog: Vec<CatalogItem>,
    /// Targets and due dates of the plan (record version 2).
    pub plan: Plan,
    /// Kinds of self-management model (record version 2).
    pub model_kinds: Vec<CatalogItem>,
    /// Criteria of a safe residential area (record version 2).
    pub criteria: Vec<CatalogItem>,
    pub stamp: Stamp,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    pub title: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// A team with fewer active members is flagged (provinces set 3-5).
    pub team_min_members: u8,
    /// An open mediation case older than this many days is overdue.
    pub overdue_days: u16,
    /// Days after assignment within which mediation must begin (the law says 3).
    pub late_start_days: u16,
    /// Hamlets under this signing coverage are flagged.
    pub coverage_target_pct: u8,
    pub language: Lang,
    /// Written into every audit entry.
    pub operator: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            team_min_members: 3,
            overdue_days: 30,
            late_start_days: 3,
            coverage_target_pct: 100,
            language: Lang::Vi,
            operator: String::new(),
        }
    }
}

/// The commune's catalogs, each versioned by its ids: commitment items,
/// kinds of self-management model, criteria of a safe residential area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Catalog {
    Items,
    ModelKinds,
    Criteria,
}

impl Catalog {
    pub const ALL: [Catalog; 3] = [Catalog::Items, Catalog::ModelKinds, Catalog::Criteria];

    /// The field an item's text and its errors are under.
    pub fn field(self) -> Field {
        match self {
            Catalog::Items => Field::CatalogItem,
            Catalog::ModelKinds => Field::ModelKind,
            Catalog::Criteria => Field::Criteria,
        }
    }

    /// The one after it, back to the first after the last.
    pub fn next(self) -> Catalog {
        let i = Catalog::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Catalog::ALL[(i + 1) % Catalog::ALL.len()]
    }
}

/// One commitment item; its `id` is what commitments store, so renaming an
/// item keeps old commitments pointing at it. Retired items stay for history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogItem {
    pub id: u16,
    pub text: String,
    pub active: bool,
}

impl Commune {
    pub fn new(name: &str, province: &str) -> Self {
        Commune {
            name: name.to_string(),
            province: province.to_string(),
            approver: Signer::default(),
            preparer: Signer::default(),
            settings: Settings::default(),
            catalog: Vec::new(),
            plan: Plan::default(),
            model_kinds: seeded(&MODEL_KINDS),
            criteria: seeded(&CIRCULAR_CRITERIA),
            stamp: Stamp::default(),
        }
    }

    /// The text of catalog item `id` of `items`, if there is one.
    pub fn item_text(items: &[CatalogItem], id: u16) -> Option<&str> {
        items.iter().find(|i| i.id == id).map(|i| i.text.as_str())
    }

    pub fn normalize(&mut self) {
        self.name = spell_kind(&clean_line(&self.name));
        for s in [
            &mut self.province,
            &mut self.approver.title,
            &mut self.approver.name,
            &mut self.preparer.title,
            &mut self.preparer.name,
            &mut self.settings.operator,
        ] {
            *s = clean_line(s);
        }
        for item in self.catalog.iter_mut().chain(&mut self.model_kinds).chain(&mut self.criteria) {
            item.text = clean_line(&item.text);
        }
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.check(Field::CommuneName, required(&self.name, MAX_NAME));
        e.check(Field::Province, bounded(&self.province, MAX_NAME));
        for signer in [&self.approver, &self.preparer] {
            e.check(Field::SignerName, bounded(&signer.name, MAX_NAME));
            e.check(Field::SignerTitle, bounded(&signer.title, MAX_NAME));
        }
        e.check(Field::Operator, bounded(&self.settings.operator, MAX_NAME));
        let s = &self.settings;
        e.check(Field::TeamMinMembers, in_range(s.team_min_members.into(), 1, 50));
        e.check(Field::OverdueDays, in_range(s.overdue_days.into(), 1, 365));
        e.check(Field::CoverageTarget, in_range(s.coverage_target_pct.into(), 1, 100));
        check_catalog(&mut e, Field::CatalogItem, &self.catalog);
        check_catalog(&mut e, Field::ModelKind, &self.model_kinds);
        check_catalog(&mut e, Field::Criteria, &self.criteria);
        self.plan.check(&mut e);
        e.into_result()
    }

    /// The first save of a commune (Settings' first save, `soxa init`):
    /// it keeps the language the clerk works in and starts from the
    /// `standard` catalog items (the clerk retires what is not used).
    pub fn begin(&mut self, lang: Lang, standard: Vec<CatalogItem>) {
        self.settings.language = lang;
        if self.catalog.is_empty() {
            self.catalog = standard;
        }
    }

    /// The items of one catalog.
    pub fn catalog_items(&self, which: Catalog) -> &[CatalogItem] {
        match which {
            Catalog::Items => &self.catalog,
            Catalog::ModelKinds => &self.model_kinds,
            Catalog::Criteria => &self.criteria,
        }
    }

    /// Adds an item to a catalog (its id one above the highest: ids are
    /// never reused, records keep them) or renames one; never removes one.
    /// `false` if `id` names no item.
    pub fn put_catalog_item(&mut self, which: Catalog, id: Option<u16>, text: &str) -> bool {
        let items = match which {
            Catalog::Items => &mut self.catalog,
            Catalog::ModelKinds => &mut self.model_kinds,
            Catalog::Criteria => &mut self.criteria,
        };
        match id {
            Some(id) => match items.iter_mut().find(|i| i.id == id) {
                Some(item) => item.text = text.to_string(),
                None => return false,
            },
            None => {
                let next = items.iter().map(|i| i.id).max().unwrap_or(0).saturating_add(1);
                items.push(CatalogItem { id: next, text: text.to_string(), active: true });
            }
        }
        true
    }

    /// Retires an item of a catalog, or brings it back.
    pub fn toggle_catalog_item(&mut self, which: Catalog, id: u16) {
        let items = match which {
            Catalog::Items => &mut self.catalog,
            Catalog::ModelKinds => &mut self.model_kinds,
            Catalog::Criteria => &mut self.criteria,
        };
        if let Some(item) = items.iter_mut().find(|i| i.id == id) {
            item.active = !item.active;
        }
    }

    /// Catalog items a new commitment gets by default.
    pub fn default_items(&self) -> Vec<u16> {
        self.catalog.iter().filter(|i| i.active).map(|i| i.id).collect()
    }

    /// The name as it heads a document: "Xã Tân Hòa" for a commune typed
    /// "Tân Hòa" (a name without its kind is a xã), "Phường Hòa Bình" as is.
    pub fn full_name(&self) -> String {
        match split_name(&self.name) {
            (_, "") => String::new(),
            (kind, bare) => format!("{kind} {bare}"),
        }
    }

    /// The name without its kind: "Tân Hòa" (the place of a date line).
    pub fn bare_name(&self) -> &str {
        split_name(&self.name).1
    }
}

/// The words a commune's name may begin with, its kind; a name typed
/// without one is a xã, the most common kind (and what older ledgers hold).
pub const COMMUNE_KINDS: [&str; 4] = ["Xã", "Phường", "Thị trấn", "Đặc khu"];

/// The kind word and the bare name of a commune's name, in any case.
fn split_name(name: &str) -> (&'static str, &str) {
    COMMUNE_KINDS
        .iter()
        .find_map(|k| strip_words(name, k).map(|rest| (*k, rest)))
        .unwrap_or((COMMUNE_KINDS[0], name.trim()))
}

/// A name typed with its kind in another case ("phường hòa bình") gets the
/// kind spelled as usual ("Phường hòa bình"); other names stay as typed.
fn spell_kind(name: &str) -> String {
    match COMMUNE_KINDS.iter().find_map(|k| strip_words(name, k).map(|rest| (*k, rest))) {
        Some((kind, rest)) => format!("{kind} {rest}"),
        None => name.to_string(),
    }
}

/// Items with ids 1, 2, ... for `texts`, all active.
pub fn seeded(texts: &[&str]) -> Vec<CatalogItem> {
    (1..).zip(texts).map(|(id, text)| CatalogItem { id, text: (*text).to_string(), active: true }).collect()
}

fn check_catalog(e: &mut Errors, field: Field, items: &[CatalogItem]) {
    let count = i64::try_from(items.len()).unwrap_or(i64::MAX);
    e.check(field, in_range(count, 0, 200));
    for (i, item) in items.iter().enumerate() {
        if let Some(p) = required(&item.text, MAX_LINE) {
            e.push_row(field, i + 1, p);
        }
    }
}

/// Thôn, ấp, bản, tổ dân phố, khu phố: the residential areas of the commune.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HamletKind {
    Thon,
    Ap,
    Ban,
    ToDanPho,
    KhuPho,
}

impl HamletKind {
    pub const ALL: [HamletKind; 5] =
        [HamletKind::Thon, HamletKind::Ap, HamletKind::Ban, HamletKind::ToDanPho, HamletKind::KhuPho];

    /// The word that precedes the name; a proper noun, so never translated.
    pub fn word(self) -> &'static str {
        match self {
            HamletKind::Thon => "Thôn",
            HamletKind::Ap => "Ấp",
            HamletKind::Ban => "Bản",
            HamletKind::ToDanPho => "Tổ dân phố",
            HamletKind::KhuPho => "Khu phố",
        }
    }

    /// The key used in data files and imports (`thon`, `to_dan_pho`...).
    pub fn from_key(key: &str) -> Option<HamletKind> {
        Some(match key {
            "thon" => HamletKind::Thon,
            "ap" => HamletKind::Ap,
            "ban" => HamletKind::Ban,
            "to_dan_pho" => HamletKind::ToDanPho,
            "khu_pho" => HamletKind::KhuPho,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hamlet {
    pub id: Id,
    /// Short unique code used in household codes and imports ("T01").
    pub code: String,
    /// The bare name, without the kind word ("Đông", "3").
    pub name: String,
    pub kind: HamletKind,
    pub stamp: Stamp,
}

impl Hamlet {
    pub fn new(code: &str, name: &str, kind: HamletKind) -> Self {
        Hamlet { id: 0, code: code.into(), name: name.into(), kind, stamp: Stamp::default() }
    }

    /// "Thôn Đông", "Tổ dân phố 3".
    pub fn display_name(&self) -> String {
        format!("{} {}", self.kind.word(), self.name)
    }

    /// Cleans the code and the name; a name typed with its own kind word
    /// ("Thôn Đông", "thôn đông" for a thôn) keeps only the name, so the kind
    /// is never said twice.
    pub fn normalize(&mut self) {
        self.code = clean_line(&self.code).to_uppercase();
        self.name = clean_line(&self.name);
        if let Some(bare) = strip_words(&self.name, self.kind.word()) {
            self.name = bare.to_string();
        }
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.check(Field::HamletCode, code(&self.code, MAX_SHORT));
        e.check(Field::HamletName, required(&self.name, MAX_NAME));
        e.into_result()
    }
}
