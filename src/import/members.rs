//! Rows of a team roster to a [`Plan`] of members.
//!
//! Teams are not created here (a team needs its kind and hamlet, which a
//! roster rarely says): each row names an existing team, matched folded by
//! name; when several teams share the name, the row's hamlet column (or
//! else being the only active one) decides. A member is one stint in one
//! team, so a row is the same member as a stored one when the team, the
//! folded name, the year of birth (when both give one) and the joining
//! date agree: importing the roster again changes nothing, a person who
//! left and rejoined stays two lines, and two namesakes born in different
//! years who joined the same day stay two members. A "Năm tập huấn" cell
//! adds a training ("Tập huấn năm 2024") on 1 January of each year it gives that the member
//! lacks; a cell that is no year is left out with a warning.
//! A blank role reads as an ordinary member (tổ viên); a year alone as the
//! date of birth reads as 1 January of that year.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::columns::{Cells, Column, Header, Kind};
use super::hamlets::{Found, HamletRef, Hamlets};
use super::plan::{Plan, Planned, Reason, Rejected, Warning};
use super::sheet::{Cell, Row, Sheet};
use super::values::{self, Bad, NationalId};
use crate::domain::date::check_past;
use crate::domain::text::fold;
use crate::domain::{Departure, Field, Hamlet, Id, Member, Problem, Team, Training};
use crate::store::{Store, StoreError};

/// Plans the import of a roster `sheet`, whose header is `header`.
pub fn plan(store: &Store, sheet: Sheet, header: Header) -> Result<Plan<Member>, StoreError> {
    plan_roster(store, sheet, header, false)
}

/// Plans a roster; with `create_teams` (`soxa import teams`), a team the
/// ledger lacks is planned too (see `new_teams`) instead of refusing its rows.
pub fn plan_roster(
    store: &Store,
    sheet: Sheet,
    mut header: Header,
    create_teams: bool,
) -> Result<Plan<Member>, StoreError> {
    let kind_at = if create_teams { new_teams::kind_column(&mut header) } else { None };
    let trained_at = new_teams::trained_column(&mut header);
    let mut teams: HashMap<String, Vec<Team>> = HashMap::new();
    for team in store.all::<Team>()? {
        teams.entry(fold(&team.name)).or_default().push(team);
    }
    let mut planner = Planner {
        store,
        today: store.today(),
        teams,
        hamlets: Hamlets::new(&store.all::<Hamlet>()?, header.hamlet_kind),
        members: HashMap::new(),
        seen: HashMap::new(),
        create_teams,
        new_teams: Vec::new(),
        kind_at,
        trained_at,
        warnings: Vec::new(),
    };
    let mut plan = Plan::new(Kind::Members, sheet.origin, header);
    for row in sheet.rows.into_iter().skip(plan.header.index + 1).filter(|r| !r.is_blank()) {
        let outcome = planner.row(&plan.header, &row)?;
        let warnings = std::mem::take(&mut planner.warnings);
        if outcome.is_ok() {
            plan.warnings.extend(warnings.into_iter().map(|reason| Warning { row: row.number, reason }));
        }
        match outcome {
            Err(reasons) => {
                let cells = row.cells.iter().map(Cell::shown).collect();
                plan.rejected.push(Rejected { row: row.number, reasons, cells });
            }
            Ok(None) => plan.unchanged.push(row.number),
            Ok(Some((member, changed))) => {
                let planned = Planned { row: row.number, record: member, changed };
                if planned.record.id == 0 { plan.creates.push(planned) } else { plan.updates.push(planned) }
            }
        }
    }
    plan.new_teams = planner.new_teams;
    Ok(plan)
}

/// A row's outcome: refused, unchanged (`None`), or a member to write.
type RowResult = Result<Option<(Member, Vec<Field>)>, Vec<Reason>>;

struct Planner<'a> {
    store: &'a Store,
    today: NaiveDate,
    /// Teams by folded name.
    teams: HashMap<String, Vec<Team>>,
    hamlets: Hamlets,
    /// Stored members of the teams met so far.
    members: HashMap<Id, Vec<Member>>,
    /// (team, folded name, joined, year of birth) -> first row that had it.
    seen: HashMap<(Id, String, NaiveDate, Option<i32>), usize>,
    /// Plan the teams the ledger lacks (`soxa import teams`).
    create_teams: bool,
    new_teams: Vec<Team>,
    /// The "Loại tổ" column, for new teams.
    kind_at: Option<usize>,
    /// The "Năm tập huấn" column.
    trained_at: Option<usize>,
    /// The current row's warnings (cells left out).
    warnings: Vec<Reason>,
}

impl Planner<'_> {
    fn row(&mut self, header: &Header, row: &Row) -> Result<RowResult, StoreError> {
        let cells = Cells { header, row };
        let cell = |c: Column| cells.get(c);
        let text = |c: Column| cells.text(c);
        let mut reasons = Vec::new();
        let kind = self.kind_at.map(|i| row.get(i).shown()).unwrap_or_default();
        let team = self.team(&text(Column::Team), &text(Column::Hamlet), &kind, &mut reasons);
        let joined = match cell(Column::Joined).map(values::date) {
            Some(Ok(Some(d))) => Some(d),
            Some(Err(p)) => {
                reasons.push(Reason::field(Field::Joined, p));
                None
            }
            _ => {
                reasons.push(Reason::field(Field::Joined, Problem::Required));
                None
            }
        };
        let (Some(team), Some(joined)) = (team, joined) else { return Ok(Err(reasons)) };
        let name = text(Column::FullName);
        let born = cell(Column::BirthDate).and_then(|c| values::birth(c).ok().flatten()).map(|d| d.year());
        let key = (team, fold(&name), joined, born);
        if let Some(first) = self.seen.get(&key) {
            return Ok(Err(vec![Reason::Repeated { field: Field::FullName, first_row: *first }]));
        }
        self.seen.insert(key.clone(), row.number);
        let stored = self.stored(team, &key.1, joined, born)?;
        let mut member = stored.clone().unwrap_or_else(|| Member::new(team, "", crate::domain::Role::Member, joined));
        member.full_name = name;
        self.fill(&mut member, &cells, &mut reasons)?;
        if let Some(at) = self.trained_at {
            self.trained(&mut member, row.get(at));
        }
        member.normalize();
        if let Err(errors) = member.validate(self.today) {
            reasons.extend(errors.into_iter().map(Reason::Field));
        }
        if !reasons.is_empty() {
            return Ok(Err(reasons));
        }
        member.sort_lists();
        Ok(Ok(match &stored {
            Some(old) if *old == member => None,
            Some(old) => Some((member.clone(), changed(old, &member))),
            None => Some((member, Vec::new())),
        }))
    }

    /// The one team a row names.
    fn team(&mut self, name: &str, hamlet: &str, kind: &str, reasons: &mut Vec<Reason>) -> Option<Id> {
        if name.trim().is_empty() {
            reasons.push(Reason::field(Field::Team, Problem::Required));
            return None;
        }
        let stored = self.stored_team(name, hamlet, reasons);
        match stored {
            Err(true) if self.create_teams => self.new_team(name, hamlet, kind, reasons),
            Err(true) => {
                reasons.push(Reason::field(Field::Team, Problem::UnknownReference));
                None
            }
            Err(false) => None,
            Ok(id) => Some(id),
        }
    }

    /// The stored team a row names; `Err(true)` when there is none,
    /// `Err(false)` when the problem is already in `reasons`.
    fn stored_team(&mut self, name: &str, hamlet: &str, reasons: &mut Vec<Reason>) -> Result<Id, bool> {
        let Some(all) = self.teams.get(&fold(name)) else { return Err(true) };
        let mut candidates: Vec<&Team> = all.iter().collect();
        if candidates.len() > 1 {
            // A blank hamlet is how the export writes a commune-wide team.
            let wanted = match self.hamlets.resolve("", hamlet) {
                Found::One(HamletRef::Stored(id)) => Some(Some(id)),
                Found::Blank => Some(None),
                Found::One(HamletRef::New(_)) | Found::Several => None,
            };
            let in_hamlet: Vec<&Team> = candidates.iter().copied().filter(|t| Some(t.hamlet) == wanted).collect();
            if !in_hamlet.is_empty() || !hamlet.trim().is_empty() {
                candidates = in_hamlet;
            }
        }
        if candidates.len() > 1 {
            candidates.retain(|t| t.is_active_on(self.today));
        }
        match candidates.as_slice() {
            [team] => Ok(team.id),
            [] => Err(true),
            _ => {
                reasons.push(Reason::Ambiguous(Field::Team));
                Err(false)
            }
        }
    }

    /// The stored member of `team` with this folded name, joining date and
    /// (when both give one) year of birth.
    fn stored(
        &mut self,
        team: Id,
        name: &str,
        joined: NaiveDate,
        born: Option<i32>,
    ) -> Result<Option<Member>, StoreError> {
        if !self.members.contains_key(&team) {
            self.members.insert(team, self.store.members_of_team(team)?);
        }
        let same_birth = |m: &Member| born.is_none() || m.birth_date.is_none_or(|d| Some(d.year()) == born);
        let found = self
            .members
            .get(&team)
            .and_then(|ms| ms.iter().find(|m| m.joined == joined && fold(&m.full_name) == name && same_birth(m)));
        Ok(found.cloned())
    }

    /// Adds a training on 1 January of each year the cell gives that the
    /// member lacks; a cell that is no year (or a year to come) is left
    /// out with a warning.
    fn trained(&mut self, m: &mut Member, cell: &Cell) {
        let years = match new_teams::trained_years(cell) {
            Ok(years) => years,
            Err(p) => {
                self.warnings.push(Reason::field(Field::TrainingDate, p));
                return;
            }
        };
        for year in years {
            let Some(day) = NaiveDate::from_ymd_opt(i32::from(year), 1, 1) else {
                self.warnings.push(Reason::field(Field::TrainingDate, Problem::NotANumber));
                continue;
            };
            let early = (year < 1950).then_some(Problem::DateTooEarly);
            if let Some(p) = check_past(day, self.today).or(early) {
                self.warnings.push(Reason::field(Field::TrainingDate, p));
                continue;
            }
            if !m.trainings.iter().any(|t| t.date.year() == i32::from(year)) {
                // Ledger data, in the roster's language, like its other cells.
                let course = format!("Tập huấn năm {year}");
                m.trainings.push(Training { date: day, course, passed: true });
            }
        }
    }

    /// Sets the member's fields from the columns the file has.
    fn fill(&self, m: &mut Member, cells: &Cells, reasons: &mut Vec<Reason>) -> Result<(), StoreError> {
        let cell = |c: Column| cells.get(c);
        let mut bad = |field, problem| reasons.push(Reason::field(field, problem));
        let mut date = |column, field, slot: &mut Option<NaiveDate>| {
            if let Some(c) = cell(column) {
                values::date(c).map_or_else(|p| bad(field, p), |d| *slot = d);
            }
        };
        date(Column::DecisionDate, Field::DecisionDate, &mut m.decision_date);
        let mut left = m.left.as_ref().map(|l| l.on);
        date(Column::Left, Field::Left, &mut left);
        if let Some(c) = cell(Column::BirthDate) {
            values::birth(c).map_or_else(|p| bad(Field::BirthDate, p), |d| m.birth_date = d);
        }
        match cell(Column::Role).map(values::role) {
            Some(Ok(role)) => m.role = role,
            Some(Err(Bad::Unknown)) => reasons.push(Reason::Unknown(Field::Role)),
            Some(Err(Bad::Problem(p))) => reasons.push(Reason::field(Field::Role, p)),
            None => {}
        }
        match cell(Column::Gender).map(values::gender) {
            Some(Ok(gender)) => m.gender = gender,
            Some(Err(Bad::Unknown)) => reasons.push(Reason::Unknown(Field::Gender)),
            Some(Err(Bad::Problem(p))) => reasons.push(Reason::field(Field::Gender, p)),
            None => {}
        }
        if let Some(c) = cell(Column::Phone) {
            m.phone = values::phone(c);
        }
        if let Some(NationalId::Given(id)) = cell(Column::NationalId).map(values::national_id) {
            m.national_id = id;
        }
        if let Some(c) = cell(Column::DecisionNumber) {
            m.decision_number = values::text(c);
        }
        if let Some(c) = cell(Column::Notes) {
            m.notes = values::text(c);
        }
        if cell(Column::Left).is_some() || cell(Column::LeftReason).is_some() {
            let reason = cell(Column::LeftReason).map(values::text);
            let old_reason = m.left.as_ref().map(|l| l.reason.clone()).unwrap_or_default();
            m.left = match (left, reason) {
                (Some(on), reason) => Some(Departure { on, reason: reason.unwrap_or(old_reason) }),
                (None, Some(r)) if !r.is_empty() => {
                    reasons.push(Reason::field(Field::Left, Problem::Required));
                    None
                }
                (None, _) => None,
            };
        }
        if let Some(c) = cell(Column::HouseholdCode) {
            m.household = match values::optional_text(c) {
                None => None,
                Some(code) => match self.store.household_by_code(&code)? {
                    Some(h) => Some(h.id),
                    None => {
                        reasons.push(Reason::field(Field::Household, Problem::UnknownReference));
                        None
                    }
                },
            };
        }
        Ok(())
    }
}

/// The fields a member's update changes; a departure's date and reason are
/// one change, named by its date.
fn changed(old: &Member, new: &Member) -> Vec<Field> {
    let mut fields = Kind::Members.changed_fields(old, new);
    if let Some(at) = fields.iter().position(|f| *f == Field::LeftReason) {
        fields.remove(at);
        if !fields.contains(&Field::Left) {
            fields.insert(at, Field::Left);
        }
    }
    fields
}

mod new_teams;
#[cfg(test)]
mod tests;

pub use new_teams::NEW_TEAM;
