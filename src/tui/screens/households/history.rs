//! A household's change history: its own audit entries and those of its
//! commitments, newest first, each saying who, when, what, and which fields
//! an update changed (found by comparing the record before and after).

use chrono::NaiveDateTime;

use crate::domain::{AuditAction, AuditEntry, Commitment, EntityKind, Field, Household, Id};
use crate::store::{Record, Store, StoreError};

/// Which record an entry is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    Household,
    Commitment { year: u16 },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub audit: Id,
    pub at: NaiveDateTime,
    pub operator: String,
    pub action: AuditAction,
    pub what: What,
    /// The record's label as the audit log has it ("T01-0012 Nguyễn Văn An").
    pub label: String,
    /// For updates and restores: the fields that changed.
    pub fields: Vec<Field>,
}

/// The history of household `id` and of its current commitments.
pub fn load(store: &Store, id: Id, commitments: &[Commitment]) -> Result<Vec<Change>, StoreError> {
    let current = store.get::<Household>(id)?;
    let entries = store.audit_of(EntityKind::Household, id)?;
    let mut out = changes(entries, current.as_ref(), household_diff, What::Household);
    for c in commitments {
        let entries = store.audit_of(EntityKind::Commitment, c.id)?;
        out.extend(changes(entries, Some(c), commitment_diff, What::Commitment { year: c.year }));
    }
    out.sort_by(|a, b| b.at.cmp(&a.at).then(b.audit.cmp(&a.audit)));
    Ok(out)
}

/// Each entry with the fields it changed. The record after entry `i` is the
/// "before" of entry `i + 1`, or the current record after the last one.
fn changes<R: Record>(
    entries: Vec<AuditEntry>,
    current: Option<&R>,
    diff: fn(&R, &R) -> Vec<Field>,
    what: What,
) -> Vec<Change> {
    let decode = |b: &Option<Vec<u8>>| b.as_deref().and_then(|b| R::decode(b).ok());
    let mut afters: Vec<Option<R>> = entries.iter().skip(1).map(|e| decode(&e.before)).collect();
    afters.push(current.cloned());
    entries
        .into_iter()
        .zip(afters)
        .map(|(e, after)| {
            let fields = match (e.action, decode(&e.before), after) {
                (AuditAction::Update | AuditAction::Restore, Some(before), Some(after)) => diff(&before, &after),
                _ => Vec::new(),
            };
            Change { audit: e.id, at: e.at, operator: e.operator, action: e.action, what, label: e.summary, fields }
        })
        .collect()
}

fn household_diff(a: &Household, b: &Household) -> Vec<Field> {
    let checks = [
        (a.code != b.code, Field::HouseholdCode),
        (a.hamlet != b.hamlet, Field::Hamlet),
        (a.head_name != b.head_name, Field::HeadName),
        (a.head_birth_year != b.head_birth_year, Field::HeadBirthYear),
        (a.national_id != b.national_id, Field::NationalId),
        (a.address != b.address, Field::Address),
        (a.members != b.members, Field::MemberCount),
        (a.phone != b.phone, Field::Phone),
        (a.living_since != b.living_since, Field::LivingSince),
        (a.status != b.status, Field::Status),
        (a.notes != b.notes, Field::Notes),
    ];
    checks.into_iter().filter(|(changed, _)| *changed).map(|(_, f)| f).collect()
}

fn commitment_diff(a: &Commitment, b: &Commitment) -> Vec<Field> {
    let checks = [
        (a.year != b.year, Field::Year),
        (a.status != b.status, Field::Status),
        (a.date != b.date, Field::CommitmentDate),
        (a.reason != b.reason, Field::Reason),
        (a.representative != b.representative, Field::Representative),
        (a.witness != b.witness, Field::Witness),
        (a.items != b.items, Field::Items),
        (a.violations != b.violations, Field::ViolationDescription),
        (a.notes != b.notes, Field::Notes),
    ];
    checks.into_iter().filter(|(changed, _)| *changed).map(|(_, f)| f).collect()
}
