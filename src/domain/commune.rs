//! The commune itself (one per database), its settings, its hamlets and the
//! catalog of items households commit to.

use serde::{Deserialize, Serialize};

use super::rules::{bounded, code, in_range, required};
use super::text::{MAX_LINE, MAX_NAME, MAX_SHORT, clean_line};
use super::{Errors, Field, FieldError, Id, Lang, Stamp};

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
            stamp: Stamp::default(),
        }
    }

    pub fn normalize(&mut self) {
        for s in [
            &mut self.name,
            &mut self.province,
            &mut self.approver.title,
            &mut self.approver.name,
            &mut self.preparer.title,
            &mut self.preparer.name,
            &mut self.settings.operator,
        ] {
            *s = clean_line(s);
        }
        for item in &mut self.catalog {
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
        let items = i64::try_from(self.catalog.len()).unwrap_or(i64::MAX);
        e.check(Field::CatalogItem, in_range(items, 0, 200));
        for (i, item) in self.catalog.iter().enumerate() {
            if let Some(p) = required(&item.text, MAX_LINE) {
                e.push_row(Field::CatalogItem, i + 1, p);
            }
        }
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

    /// Catalog items a new commitment gets by default.
    pub fn default_items(&self) -> Vec<u16> {
        self.catalog.iter().filter(|i| i.active).map(|i| i.id).collect()
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

    pub fn normalize(&mut self) {
        self.code = clean_line(&self.code).to_uppercase();
        self.name = clean_line(&self.name);
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.check(Field::HamletCode, code(&self.code, MAX_SHORT));
        e.check(Field::HamletName, required(&self.name, MAX_NAME));
        e.into_result()
    }
}
