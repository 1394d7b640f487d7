//! A record's change history in words, from the audit log: for each entry
//! who, when, what it did, and each part it changed with the old and the new
//! value ("Trạng thái: Từ chối → Đã ký", "Vi phạm: + 12/03/2026 Đánh bạc").
//!
//! The audit log keeps a record's stored bytes *before* each change, so the
//! record after an entry is the next entry's "before", or the record as it
//! is now after the last entry. Two versions are compared by
//! `domain::diff`; this module decodes them and names what the values point
//! to (hamlets, households, members, catalog items). Shared by every screen
//! of the interface; it draws nothing.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::domain::date::format_dmy;
use crate::domain::diff::{Delta, Fact, Facts, diff};
use crate::domain::{AuditAction, AuditEntry, CatalogItem, Commune, EntityKind, Hamlet, Id, Lang};
use crate::i18n;
use crate::i18n::history::{self as words, HistoryText as T, Subject};
use crate::i18n::targets::{self, TargetText};
use crate::store::{Record, Store, StoreError, by_kind, decode_commune};

/// One audit entry in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub audit: Id,
    pub at: NaiveDateTime,
    pub operator: String,
    pub action: AuditAction,
    pub kind: EntityKind,
    /// What the entry is about: "T01-0012 Nguyễn Văn An", "Cam kết năm 2026".
    pub subject: String,
    /// The parts an edit (or an undo) changed; empty for an addition or a
    /// deletion, whose values are those of the next or previous edit.
    pub lines: Vec<Line>,
}

/// One changed part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub label: String,
    pub shift: Shift,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shift {
    Set { old: String, new: String },
    Added(String),
    Removed(String),
}

/// Longest value shown; notes and case contents can run to 2,000 letters.
const MAX_VALUE: usize = 160;

/// The history of `records` together (a household and its commitments, a
/// team and its members), newest first.
pub fn load(store: &Store, lang: Lang, records: &[(EntityKind, Id)]) -> Result<Vec<Entry>, StoreError> {
    let names = Names::new(store, lang)?;
    let mut out = Vec::new();
    for &(kind, id) in records {
        let audit = store.audit_of(kind, id)?;
        let entries = by_kind!(kind,
            R => of_record::<R>(store, audit, id, &names)?,
            Commune => {
                let decode = |b: &[u8]| decode_commune(b).ok();
                entries(audit, decode, store.commune()?, &names)
            },
            // A closing keeps its own record of who closed and reopened it
            // (the Reports screen shows it); no screen asks for it here.
            Period => Vec::new(),
        );
        out.extend(entries);
    }
    out.sort_by(|a, b| b.at.cmp(&a.at).then(b.audit.cmp(&a.audit)));
    Ok(out)
}

fn of_record<R: Record + Facts + Subject>(
    store: &Store,
    audit: Vec<AuditEntry>,
    id: Id,
    names: &Names,
) -> Result<Vec<Entry>, StoreError> {
    Ok(entries(audit, |b| R::decode(b).ok(), store.get::<R>(id)?, names))
}

/// The entries of one record, oldest first, each with what it changed.
fn entries<R: Facts + Subject>(
    audit: Vec<AuditEntry>,
    decode: impl Fn(&[u8]) -> Option<R>,
    current: Option<R>,
    names: &Names,
) -> Vec<Entry> {
    let befores: Vec<Option<R>> = audit.iter().map(|e| e.before.as_deref().and_then(&decode)).collect();
    let mut afters: Vec<Option<&R>> = befores.iter().skip(1).map(Option::as_ref).collect();
    afters.push(current.as_ref());
    audit
        .into_iter()
        .zip(befores.iter().zip(afters))
        .map(|(e, (before, after))| {
            let lines = match (e.action, before, after) {
                (AuditAction::Update | AuditAction::Restore, Some(b), Some(a)) => {
                    diff(b, a).into_iter().map(|c| names.line(c.label, c.delta)).collect()
                }
                _ => Vec::new(),
            };
            let subject = after.or(before.as_ref()).and_then(|r| r.subject(names.lang)).unwrap_or(e.summary);
            Entry { audit: e.id, at: e.at, operator: e.operator, action: e.action, kind: e.entity, subject, lines }
        })
        .collect()
}

/// Puts values in words, naming the records they point to.
struct Names<'a> {
    store: &'a Store,
    lang: Lang,
    hamlets: HashMap<Id, String>,
    /// The commune's catalog as it is now: items are never deleted, so
    /// every number ever used is there.
    catalog: HashMap<u16, String>,
    model_kinds: HashMap<u16, String>,
    criteria: HashMap<u16, String>,
}

impl<'a> Names<'a> {
    fn new(store: &'a Store, lang: Lang) -> Result<Self, StoreError> {
        let hamlets = store.all::<Hamlet>()?.into_iter().map(|h| (h.id, h.display_name())).collect();
        let commune = store.commune()?;
        let items = |pick: fn(Commune) -> Vec<CatalogItem>| -> HashMap<u16, String> {
            commune.clone().map(pick).unwrap_or_default().into_iter().map(|i| (i.id, i.text)).collect()
        };
        let (catalog, model_kinds, criteria) = (items(|c| c.catalog), items(|c| c.model_kinds), items(|c| c.criteria));
        Ok(Names { store, lang, hamlets, catalog, model_kinds, criteria })
    }

    fn line(&self, label: crate::domain::diff::Label, delta: Delta) -> Line {
        use crate::domain::Field;
        use crate::domain::diff::Label;
        use crate::domain::text::{mask_national_id, mask_phone};
        // The history lists every version of a record: like a list, it
        // shows ID and phone numbers masked (the detail view shows them).
        let mask: Option<fn(&str) -> String> = match label {
            Label::Field(Field::NationalId) => Some(mask_national_id),
            Label::Field(Field::Phone) => Some(mask_phone),
            _ => None,
        };
        let fact = |f: &Fact| match (mask, f) {
            (Some(mask), Fact::Text(s)) => mask(s),
            _ => self.fact(f),
        };
        let shift = match delta {
            Delta::Set { old, new } => Shift::Set { old: fact(&old), new: fact(&new) },
            Delta::Added(item) => Shift::Added(fact(&item)),
            Delta::Removed(item) => Shift::Removed(fact(&item)),
        };
        Line { label: words::label(self.lang, label).to_string(), shift }
    }

    fn fact(&self, f: &Fact) -> String {
        let lang = self.lang;
        match f {
            Fact::Empty => T::Empty.get(lang).to_string(),
            Fact::Text(s) => clip(s),
            Fact::Number(n) => i18n::number(lang, n),
            Fact::Year(y) => y.to_string(),
            Fact::Date(d) => format_dmy(*d),
            Fact::Age(a) => format!("{a} {}", T::Age.get(lang)),
            Fact::Ref(kind, id) => self.record(*kind, *id),
            Fact::CommuneWide => T::CommuneWide.get(lang).to_string(),
            Fact::CatalogItem(n) => self.catalog.get(n).cloned().unwrap_or_else(|| format!("#{n}")),
            Fact::Retired => T::Retired.get(lang).to_string(),
            Fact::Passed(p) => if *p { T::Passed } else { T::NotPassed }.get(lang).to_string(),
            Fact::Kept(k) => if *k { T::Kept } else { T::NotKept }.get(lang).to_string(),
            Fact::CommitmentStatus(s) => i18n::commitment_status(lang, *s).to_string(),
            Fact::CaseStatus(s) => i18n::case_status(lang, *s).to_string(),
            Fact::CaseSource(s) => words::source(lang, *s).to_string(),
            Fact::CaseCategory(c) => i18n::case_category(lang, *c).to_string(),
            Fact::TeamKind(k) => i18n::team_kind(lang, *k).to_string(),
            Fact::Role(r) => i18n::role(lang, *r).to_string(),
            Fact::Gender(g) => words::gender(lang, *g).to_string(),
            Fact::Rating(r) => words::rating(lang, *r).to_string(),
            Fact::HamletKind(k) => k.word().to_string(),
            Fact::Lang(l) => words::language(lang, *l).to_string(),
            Fact::ModelKind(n) => self.model_kinds.get(n).cloned().unwrap_or_else(|| format!("#{n}")),
            Fact::Criterion(n) => self.criteria.get(n).cloned().unwrap_or_else(|| format!("#{n}")),
            Fact::Verdict(v) => targets::verdict(lang, *v).to_string(),
            Fact::AreaResult(r) => targets::area_result(lang, *r).to_string(),
            Fact::Classification(c) => targets::classification(lang, *c).to_string(),
            Fact::Met(m) => if *m { TargetText::MetMark } else { TargetText::NotMetMark }.get(lang).to_string(),
            Fact::DayMonth(d, m) => format!("{d:02}/{m:02}"),
            Fact::Parts(parts) => self.parts(parts),
            Fact::List(items) => items.iter().map(|i| self.fact(i)).collect::<Vec<_>>().join("; "),
        }
    }

    /// "12/03/2026 Đánh bạc", "Trần Văn Bình, 40 tuổi, Thôn Đông": a date
    /// or a year leads, the other parts follow after commas; empty parts
    /// are left out.
    fn parts(&self, parts: &[Fact]) -> String {
        let mut out = String::new();
        let mut after_date = false;
        for p in parts.iter().filter(|p| **p != Fact::Empty) {
            if !out.is_empty() {
                out.push_str(if after_date { " " } else { ", " });
            }
            out.push_str(&self.fact(p));
            after_date = matches!(p, Fact::Date(_) | Fact::Year(_));
        }
        out
    }

    /// A record pointed to, by name; one deleted since is named by its id
    /// (and one that cannot be read by its id alone: the history still
    /// shows, and `soxa check` is where damage is reported).
    fn record(&self, kind: EntityKind, id: Id) -> String {
        let name = match kind {
            // Hamlets are named so often that all their names are read once.
            EntityKind::Hamlet => Ok(self.hamlets.get(&id).cloned()),
            _ => by_kind!(kind,
                R => self.store.get::<R>(id).map(|r| r.and_then(|r| r.name())),
                Commune => Ok(None),
                Period => Ok(None),
            ),
        };
        match name {
            Ok(Some(name)) => name,
            Ok(None) => format!("#{id} {}", T::Gone.get(self.lang)),
            Err(_) => format!("#{id}"),
        }
    }
}

/// One line of at most [`MAX_VALUE`] letters: line breaks become " / ".
fn clip(s: &str) -> String {
    let one_line = s.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" / ");
    if one_line.chars().count() <= MAX_VALUE {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(MAX_VALUE - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests;
