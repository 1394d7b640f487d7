//! Rows of a mediation book (sổ theo dõi hoạt động hòa giải ở cơ sở, the
//! Ministry of Justice's layout) to a [`Plan`] of cases.
//!
//! A case is recognised by its intake date and its first party's folded
//! name: a case the ledger already has is left as it is, so importing the
//! book again changes nothing. The store numbers new cases (`N/YYYY`) as
//! it numbers cases typed in. Mediators are members matched by folded name
//! (the team named with `--team` first); one not found is added to that
//! team, or without `--team` kept as an invited person with a warning. The
//! case's hamlet is the row's hamlet column, else the team's, else the
//! first mediator's team's, else the ledger's only hamlet. A row received
//! in a closed period is refused; an optional cell that cannot be read is
//! left out with a warning.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::columns::{Cells, Column, Header, Kind};
use super::error::ImportError;
use super::hamlets::{Found, HamletRef, Hamlets};
use super::plan::{Plan, Planned, Reason, Rejected, Warning};
use super::sheet::{Cell, Row, Sheet};
use super::values;
use crate::domain::closing::ClosedPeriod;
use crate::domain::date::check_past;
use crate::domain::text::fold;
use crate::domain::{CaseCategory, CaseStatus, Field, Hamlet, Id, MediationCase, Member, Problem, Role, Team};
use crate::store::Store;

mod parties;

/// Stand-in ids of the members an import adds (sled's ids never get near);
/// `apply` replaces them with the stored ids.
pub const NEW_MEMBER: Id = 1 << 61;

/// Plans the import of a mediation book; `team` is `--team`'s name.
pub fn plan(
    store: &Store,
    sheet: Sheet,
    mut header: Header,
    team: Option<&str>,
) -> Result<Plan<MediationCase>, ImportError> {
    // The book's STT is its own count; the store gives the case numbers.
    header.ignore(&[Column::CaseNumber]);
    let teams = store.all::<Team>()?;
    let team = match team {
        None => None,
        Some(name) => Some(
            teams
                .iter()
                .find(|t| fold(&t.name) == fold(name))
                .cloned()
                .ok_or_else(|| ImportError::UnknownTeam(crate::domain::text::clean_line(name)))?,
        ),
    };
    let hamlet_of_team: HashMap<Id, Option<Id>> = teams.iter().map(|t| (t.id, t.hamlet)).collect();
    let hamlets = store.all::<Hamlet>()?;
    let mut members: HashMap<String, Vec<Member>> = HashMap::new();
    for m in store.all::<Member>()? {
        members.entry(fold(&m.full_name)).or_default().push(m);
    }
    let stored = store.all::<MediationCase>()?.iter().filter_map(key_of).collect();
    let mut planner = Planner {
        today: store.today(),
        only_hamlet: (hamlets.len() == 1).then(|| hamlets[0].id),
        hamlets: Hamlets::new(&hamlets, header.hamlet_kind),
        hamlet_of_team,
        team,
        members,
        stored,
        seen: HashMap::new(),
        closed: store.closed_periods(),
        new_members: Vec::new(),
    };
    let mut plan = Plan::new(Kind::Cases, sheet.origin, header);
    for row in sheet.rows.iter().skip(plan.header.index + 1).filter(|r| !r.is_blank()) {
        let mut warnings = Vec::new();
        match planner.row(&plan.header, row, &mut warnings) {
            Err(reasons) => {
                let cells = row.cells.iter().map(Cell::shown).collect();
                plan.rejected.push(Rejected { row: row.number, reasons, cells });
                continue;
            }
            Ok(None) => plan.unchanged.push(row.number),
            Ok(Some(case)) => plan.creates.push(Planned { row: row.number, record: case, changed: Vec::new() }),
        }
        plan.warnings.extend(warnings.into_iter().map(|reason| Warning { row: row.number, reason }));
    }
    plan.new_members = planner.new_members;
    Ok(plan)
}

/// What recognises a case: its intake date and first party, folded.
fn key_of(c: &MediationCase) -> Option<(NaiveDate, String)> {
    c.parties.first().map(|p| (c.received, fold(&p.name)))
}

struct Planner {
    today: NaiveDate,
    hamlets: Hamlets,
    only_hamlet: Option<Id>,
    hamlet_of_team: HashMap<Id, Option<Id>>,
    team: Option<Team>,
    /// Stored members by folded name.
    members: HashMap<String, Vec<Member>>,
    stored: HashSet<(NaiveDate, String)>,
    /// Key -> the first row that had it.
    seen: HashMap<(NaiveDate, String), usize>,
    closed: Vec<ClosedPeriod>,
    new_members: Vec<Member>,
}

/// A row's outcome: refused, already in the ledger (`None`), or a case.
type RowResult = Result<Option<MediationCase>, Vec<Reason>>;

impl Planner {
    fn row(&mut self, header: &Header, row: &Row, warnings: &mut Vec<Reason>) -> RowResult {
        let cells = Cells { header, row };
        let received = match cells.get(Column::Received).map(values::date) {
            Some(Ok(Some(d))) => d,
            Some(Err(p)) => return Err(vec![Reason::field(Field::Received, p)]),
            _ => return Err(vec![Reason::field(Field::Received, Problem::Required)]),
        };
        let parties = parties::parties(&cells.text(Column::Parties), parties::year_of(received));
        let Some(first) = parties.first() else { return Err(vec![Reason::field(Field::Parties, Problem::Required)]) };
        let key = (received, fold(&first.name));
        if let Some(first_row) = self.seen.get(&key) {
            return Err(vec![Reason::Repeated { field: Field::Parties, first_row: *first_row }]);
        }
        self.seen.insert(key.clone(), row.number);
        if self.stored.contains(&key) {
            return Ok(None);
        }
        if self.closed.iter().any(|c| c.period.contains(received)) {
            return Err(vec![Reason::Frozen(Field::Received)]);
        }
        let mut case = MediationCase::new(received, 0, CaseCategory::Other, parties);
        case.content = values::text(cells.get(Column::Content).unwrap_or(&Cell::Empty));
        case.agreement = cells.text(Column::Agreement);
        case.outcome_notes = cells.text(Column::Notes);
        case.category = self.category(&cells, &case.content, warnings);
        self.people(&mut case, &cells.text(Column::Mediators), warnings);
        // The book names the mediators at intake: assigned that day.
        case.assigned = (!case.mediators.is_empty()).then_some(received);
        case.hamlet = self.hamlet(&cells, &case).map_err(|r| vec![r])?;
        self.outcome(&mut case, &cells, warnings);
        case.normalize();
        case.validate(self.today).map_err(|errors| errors.into_iter().map(Reason::Field).collect::<Vec<_>>())?;
        Ok(Some(case))
    }

    /// The category column's word, else the content's words, else other.
    fn category(&self, cells: &Cells, content: &str, warnings: &mut Vec<Reason>) -> CaseCategory {
        let said = cells.text(Column::Category);
        let from_column = parties::category(&said);
        if from_column.is_none() && !said.is_empty() {
            warnings.push(Reason::Unknown(Field::Category));
        }
        from_column.or_else(|| parties::category(content)).unwrap_or(CaseCategory::Other)
    }

    /// Mediators matched to members (or added to `--team`) and invited persons.
    fn people(&mut self, case: &mut MediationCase, cell: &str, warnings: &mut Vec<Reason>) {
        let (names, invited) = parties::mediators(cell);
        case.invited = invited;
        let mut missing = Vec::new();
        for name in names {
            match self.member(&name, case.received) {
                Some(id) => case.mediators.push(id),
                None => {
                    missing.push(name.clone());
                    case.invited.push(name);
                }
            }
        }
        if !missing.is_empty() {
            warnings.push(Reason::NotFound { field: Field::Mediators, names: missing.join(", ") });
        }
    }

    /// The member a mediator's name means: of `--team` first, then an
    /// active one; a name not found is added to `--team` if given.
    fn member(&mut self, name: &str, received: NaiveDate) -> Option<Id> {
        let folded = fold(name);
        let team = self.team.as_ref().map(|t| t.id);
        if let Some(found) = self.members.get(&folded) {
            let pick = found.iter().find(|m| Some(m.team) == team).or_else(|| found.iter().find(|m| m.left.is_none()));
            return pick.or(found.first()).map(|m| m.id);
        }
        let team = team?;
        if let Some(i) = self.new_members.iter().position(|m| fold(&m.full_name) == folded) {
            let m = &mut self.new_members[i];
            m.joined = m.joined.min(received);
            return Some(NEW_MEMBER + i as Id);
        }
        let mut member = Member::new(team, name, Role::Mediator, received);
        member.normalize();
        member.validate(self.today).ok()?;
        self.new_members.push(member);
        Some(NEW_MEMBER + (self.new_members.len() - 1) as Id)
    }

    /// The case's hamlet (see the module).
    fn hamlet(&mut self, cells: &Cells, case: &MediationCase) -> Result<Id, Reason> {
        match self.hamlets.resolve("", &cells.text(Column::Hamlet)) {
            Found::One(HamletRef::Stored(id)) => return Ok(id),
            Found::One(HamletRef::New(_)) => return Err(Reason::field(Field::Hamlet, Problem::UnknownReference)),
            Found::Several => return Err(Reason::Ambiguous(Field::Hamlet)),
            Found::Blank => {}
        }
        let team_hamlet = self.team.as_ref().and_then(|t| t.hamlet);
        let mediator_hamlet = || {
            let stored = case.mediators.iter().find(|m| **m < NEW_MEMBER);
            let team = stored.and_then(|m| self.members.values().flatten().find(|x| x.id == *m)).map(|m| m.team);
            team.and_then(|t| self.hamlet_of_team.get(&t).copied().flatten())
        };
        team_hamlet.or_else(mediator_hamlet).or(self.only_hamlet).ok_or(Reason::field(Field::Hamlet, Problem::Required))
    }

    /// The outcome: words in one column, or a tick under "Thành" or
    /// "Không thành"; a closed case's closing day is its column's, else
    /// the intake's. Words that say nothing known leave the case open.
    fn outcome(&self, case: &mut MediationCase, cells: &Cells, warnings: &mut Vec<Reason>) {
        let ticked = |c: Column| !cells.text(c).is_empty();
        let status = match parties::outcome(&cells.text(Column::Outcome)) {
            Ok(Some(s)) => Some(s),
            Ok(None) if ticked(Column::OutcomeSuccess) => Some(CaseStatus::Successful),
            Ok(None) if ticked(Column::OutcomeFailure) => Some(CaseStatus::Unsuccessful),
            Ok(None) => None,
            Err(()) => {
                warnings.push(Reason::Unknown(Field::Status));
                None
            }
        };
        let Some(status) = status else { return };
        let closed = match cells.get(Column::Closed).map(values::date) {
            Some(Ok(Some(d))) => {
                let before = (d < case.received).then_some(Problem::BeforeDate(Field::Received));
                match check_past(d, self.today).or(before) {
                    None => d,
                    Some(p) => {
                        warnings.push(Reason::field(Field::Closed, p));
                        case.received
                    }
                }
            }
            Some(Ok(None)) | None => case.received,
            Some(Err(p)) => {
                warnings.push(Reason::field(Field::Closed, p));
                case.received
            }
        };
        let _ = case.move_to(status, if status.is_open() { case.received } else { closed }, "");
    }
}

#[cfg(test)]
mod tests;
