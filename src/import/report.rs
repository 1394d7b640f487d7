//! The import report as lines of text, for the command line and the
//! interface alike: the file and how it was read, what will be (or was)
//! created, updated or left alone, the hamlets the ledger lacks, and every
//! refused row with its reasons.

use std::path::Path;

use super::households::HouseholdRecord;
use super::plan::{Plan, runs};
use crate::domain::{Lang, Member};
use crate::i18n::{field, number};
use crate::import::words::{self as words, ImportText as W};

/// Updates listed one by one with their changed fields; more are counted.
const UPDATE_DETAILS: usize = 50;

/// How a row is named in the list of updates.
pub trait Label {
    fn label(&self) -> String;

    /// Commitments the record carries (households only).
    fn commitments(&self) -> usize {
        0
    }
}

impl Label for HouseholdRecord {
    fn label(&self) -> String {
        self.household.code.clone()
    }

    fn commitments(&self) -> usize {
        self.commitments.len()
    }
}

impl Label for Member {
    fn label(&self) -> String {
        self.full_name.clone()
    }
}

impl Label for crate::domain::Model {
    fn label(&self) -> String {
        self.name.clone()
    }
}

impl Label for crate::domain::Assessment {
    fn label(&self) -> String {
        self.year.to_string()
    }
}

impl Label for crate::domain::Outreach {
    fn label(&self) -> String {
        format!("{} {}", crate::domain::date::format_dmy(self.date), self.topic)
    }
}

impl Label for crate::domain::MediationCase {
    fn label(&self) -> String {
        let first = self.parties.first().map_or("", |p| p.name.as_str());
        format!("{} {first}", crate::domain::date::format_dmy(self.received))
    }
}

/// Whether the report tells what will happen or what happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Will,
    Done,
}

pub fn lines<R: Label>(plan: &Plan<R>, path: &Path, lang: Lang, tense: Tense) -> Vec<String> {
    let mut out = vec![format!(
        "{}: {} ({}), {} {}",
        W::File.get(lang),
        words::file_name(path),
        words::origin(lang, &plan.origin),
        W::HeaderRow.get(lang),
        plan.header.row
    )];
    let read: Vec<&str> = plan.header.found.iter().map(|(c, _)| words::column(lang, *c)).collect();
    out.push(format!("{}: {}", W::ColumnsRead.get(lang), read.join(", ")));
    if !plan.header.ignored.is_empty() {
        out.push(format!("{}: {}", W::ColumnsIgnored.get(lang), plan.header.ignored.join(", ")));
    }
    if !plan.years.is_empty() {
        let years: Vec<String> = plan.years.iter().map(u16::to_string).collect();
        out.push(format!("{}: {}", W::YearColumns.get(lang), years.join(", ")));
    }
    for notice in &plan.notices {
        out.push(words::notice(lang, *notice).to_string());
    }
    if !plan.new_hamlets.is_empty() {
        let names: Vec<String> =
            plan.new_hamlets.iter().map(|h| format!("{} ({})", h.display_name(), h.code)).collect();
        let head = if tense == Tense::Done { W::HamletsCreated } else { W::NewHamlets };
        out.push(format!("{} ({}): {}", head.get(lang), plan.new_hamlets.len(), names.join(", ")));
    }
    if !plan.new_teams.is_empty() {
        let names: Vec<&str> = plan.new_teams.iter().map(|t| t.name.as_str()).collect();
        let head = if tense == Tense::Done { W::TeamsCreated } else { W::NewTeams };
        out.push(format!("{} ({}): {}", head.get(lang), plan.new_teams.len(), names.join(", ")));
    }
    if !plan.new_members.is_empty() {
        let names: Vec<&str> = plan.new_members.iter().map(|m| m.full_name.as_str()).collect();
        let head = if tense == Tense::Done { W::MembersAdded } else { W::NewMembers };
        out.push(format!("{} ({}): {}", head.get(lang), plan.new_members.len(), names.join(", ")));
    }
    let (create, update) = match tense {
        Tense::Will => (W::WillCreate, W::WillUpdate),
        Tense::Done => (W::Created, W::Updated),
    };
    let rows = |planned: &[super::plan::Planned<R>]| planned.iter().map(|p| p.row).collect::<Vec<_>>();
    out.push(counted(lang, create.get(lang), plan, &rows(&plan.creates)));
    out.push(counted(lang, update.get(lang), plan, &rows(&plan.updates)));
    for p in plan.updates.iter().take(UPDATE_DETAILS) {
        let fields: Vec<&str> = p.changed.iter().map(|f| field(lang, *f)).collect();
        out.push(format!("  {} {} ({}): {}", W::Row.get(lang), p.row, p.record.label(), fields.join(", ")));
    }
    if plan.updates.len() > UPDATE_DETAILS {
        out.push(format!("  … {} {}", number(lang, plan.updates.len() - UPDATE_DETAILS), W::More.get(lang)));
    }
    let commitments: usize = plan.creates.iter().chain(&plan.updates).map(|p| p.record.commitments()).sum();
    if commitments > 0 {
        let head = if tense == Tense::Done { W::CommitmentsWritten } else { W::CommitmentsToWrite };
        out.push(format!("{}: {}", head.get(lang), number(lang, commitments)));
    }
    out.push(counted(lang, W::Unchanged.get(lang), plan, &plan.unchanged));
    if !plan.warnings.is_empty() {
        out.push(format!("{}: {} {}", W::Warnings.get(lang), number(lang, plan.warnings.len()), W::Rows.get(lang)));
        for w in plan.warnings.iter().take(UPDATE_DETAILS) {
            out.push(format!("  {}", words::rejected_row(lang, w.row, std::slice::from_ref(&w.reason))));
        }
    }
    if plan.warnings.len() > UPDATE_DETAILS {
        out.push(format!("  … {} {}", number(lang, plan.warnings.len() - UPDATE_DETAILS), W::More.get(lang)));
    }
    out.push(format!("{}: {} {}", W::Rejected.get(lang), number(lang, plan.rejected.len()), W::Rows.get(lang)));
    for r in &plan.rejected {
        out.push(format!("  {}", words::rejected_row(lang, r.row, &r.reasons)));
    }
    out
}

/// "Sẽ thêm mới: 120 hộ (dòng 2-121)".
fn counted<R>(lang: Lang, head: &str, plan: &Plan<R>, rows: &[usize]) -> String {
    let count = words::count(lang, rows.len(), plan.kind);
    if rows.is_empty() {
        format!("{head}: {count}")
    } else {
        format!("{head}: {count} ({} {})", W::Rows.get(lang), runs(rows))
    }
}
