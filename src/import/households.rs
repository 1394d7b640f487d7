//! Rows of a households file to a [`Plan`]: each row becomes the household
//! it describes (the stored one, changed by the columns the file has, or a
//! new one), cleaned and checked by the same `normalize`/`validate` as the
//! household form, and, when it has a signing date, that year's signed
//! commitment. The household code is the key: a code already in the ledger
//! updates that household, and a row that changes nothing is "unchanged".
//!
//! A column the file lacks leaves the stored value alone; a blank cell in a
//! column it has clears the value (a blank count of people keeps it). A
//! masked CCCD ("********1234", as exported without `--include-personal`)
//! carries no number and leaves the stored one alone.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::columns::{Cells, Column, Header, Kind};
use super::hamlets::{Found, HamletRef, Hamlets};
use super::plan::{Notice, Plan, Planned, Reason, Rejected, Warning};
use super::sheet::{Cell, Row, Sheet};
use super::values::{self, NationalId};
use crate::domain::text::{clean_line, fold};
use crate::domain::{Commitment, Field, Hamlet, Household, Problem};
use crate::store::{Store, StoreError};

/// A household row ready to write.
#[derive(Clone, Debug, PartialEq)]
pub struct HouseholdRecord {
    /// Id 0 for a new household.
    pub household: Household,
    pub hamlet: HamletRef,
    /// False when only the commitment changes.
    pub household_changed: bool,
    /// The commitments to create or update, one per year (household 0 for
    /// a new household).
    pub commitments: Vec<Commitment>,
}

/// Plans the import of `sheet`, whose header is `header`.
pub fn plan(store: &Store, sheet: Sheet, mut header: Header) -> Result<Plan<HouseholdRecord>, StoreError> {
    let items = store.commune()?.map(|c| c.default_items()).unwrap_or_default();
    let mut year_columns = years::year_columns(&mut header);
    let mut row_columns = years::row_columns(&mut header);
    let mut notices = Vec::new();
    let asks = header.has(Column::CommitmentDate) || row_columns.status.is_some() || !year_columns.is_empty();
    if items.is_empty() && asks {
        header.ignore(&[Column::CommitmentDate, Column::CommitmentYear]);
        (year_columns, row_columns) = (Vec::new(), years::RowColumns::default());
        notices.push(Notice::NoCatalog);
    }
    let mut planner = Planner {
        store,
        today: store.today(),
        items,
        hamlets: Hamlets::new(&store.all::<Hamlet>()?, header.hamlet_kind),
        seen: HashMap::new(),
        year_columns,
        row_columns,
        left_out: None,
    };
    let mut plan = Plan::new(Kind::Households, sheet.origin, header);
    plan.notices = notices;
    plan.years = planner.year_columns.iter().map(|c| c.year).collect();
    let rows: Vec<Row> = sheet.rows.into_iter().skip(plan.header.index + 1).filter(|r| !r.is_blank()).collect();
    for group in groups(&plan.header, &rows) {
        let Some(first) = group.first() else { continue };
        let outcome = planner.row(&plan.header, &group)?;
        if let Some(reason) = planner.left_out.take().filter(|_| outcome.is_ok()) {
            plan.warnings.push(Warning { row: first.number, reason });
        }
        match outcome {
            Err(reasons) => {
                for row in &group {
                    let cells = row.cells.iter().map(Cell::shown).collect();
                    plan.rejected.push(Rejected { row: row.number, reasons: reasons.clone(), cells });
                }
            }
            Ok(Outcome::Unchanged) => plan.unchanged.push(first.number),
            Ok(Outcome::Write(record, changed)) => {
                let planned = Planned { row: first.number, record: *record, changed };
                if planned.record.household.id == 0 { plan.creates.push(planned) } else { plan.updates.push(planned) }
            }
        }
    }
    plan.new_hamlets = planner.hamlets.new;
    Ok(plan)
}

/// The rows of each household: one row each, or, in a file with one row
/// per household and year (a "Năm cam kết" column), every row of its code.
fn groups<'r>(header: &Header, rows: &'r [Row]) -> Vec<Vec<&'r Row>> {
    if !header.has(Column::CommitmentYear) {
        return rows.iter().map(|r| vec![r]).collect();
    }
    let mut out: Vec<Vec<&Row>> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let code = Cells { header, row }.text(Column::HouseholdCode);
        let key = fold(&clean_line(&code));
        match at.get(&key).filter(|_| !key.is_empty()) {
            Some(i) => out[*i].push(row),
            None => {
                at.insert(key, out.len());
                out.push(vec![row]);
            }
        }
    }
    out
}

enum Outcome {
    Unchanged,
    Write(Box<HouseholdRecord>, Vec<Field>),
}

struct Planner<'a> {
    store: &'a Store,
    today: NaiveDate,
    /// The commune's default commitment items, for new commitments.
    items: Vec<u16>,
    hamlets: Hamlets,
    /// Folded household code -> first row that had it.
    seen: HashMap<String, usize>,
    /// One column per year ("Năm 2025"), and the one-row-per-year columns.
    year_columns: Vec<years::YearColumn>,
    row_columns: years::RowColumns,
    /// The current row's one bad optional cell, left out (a warning).
    left_out: Option<Reason>,
}

impl Planner<'_> {
    /// A household from its rows (the first gives the household; each
    /// may give commitments).
    fn row(&mut self, header: &Header, rows: &[&Row]) -> Result<Result<Outcome, Vec<Reason>>, StoreError> {
        let Some(row) = rows.first() else { return Ok(Ok(Outcome::Unchanged)) };
        let cells = Cells { header, row };
        let code = clean_line(&cells.text(Column::HouseholdCode)).to_uppercase();
        let key = fold(&code);
        if !key.is_empty() {
            if let Some(first) = self.seen.get(&key) {
                return Ok(Err(vec![Reason::Repeated { field: Field::HouseholdCode, first_row: *first }]));
            }
            self.seen.insert(key.clone(), row.number);
        }
        let stored = if key.is_empty() { None } else { self.store.household_by_code(&code)? };
        let mut reasons = Vec::new();
        let mut household = stored.clone().unwrap_or_else(|| Household::new("", 0, ""));
        household.code = code;
        fill(&mut household, &cells, stored.is_none(), &mut reasons);
        let hamlet = match self.hamlets.resolve(&cells.text(Column::HamletCode), &cells.text(Column::Hamlet)) {
            Found::One(h) => Some(h),
            Found::Several => {
                reasons.push(Reason::Ambiguous(Field::Hamlet));
                None
            }
            Found::Blank => {
                reasons.push(Reason::field(Field::Hamlet, Problem::Required));
                None
            }
        };
        household.hamlet = match hamlet {
            Some(HamletRef::Stored(id)) => id,
            _ => 0,
        };
        household.normalize();
        if let Err(errors) = household.validate(self.today) {
            reasons.extend(errors.into_iter().map(Reason::Field));
        }
        self.left_out = None;
        if let [Reason::Field(only)] = reasons.as_slice()
            && leave_out(&mut household, stored.as_ref(), only.field)
            && household.validate(self.today).is_ok()
        {
            self.left_out = reasons.pop();
        }
        let commitments = self.commitments(header, rows, stored.as_ref(), &mut reasons)?;
        let Some(hamlet) = hamlet.filter(|_| reasons.is_empty()) else { return Ok(Err(reasons)) };
        let mut changed = stored.as_ref().map(|s| Kind::Households.changed_fields(s, &household)).unwrap_or_default();
        if !commitments.is_empty() && stored.is_some() {
            changed.push(Field::CommitmentDate);
        }
        if stored.is_some() && changed.is_empty() {
            return Ok(Ok(Outcome::Unchanged));
        }
        let household_changed = stored.is_none() || changed.iter().any(|f| *f != Field::CommitmentDate);
        let record = HouseholdRecord { household, hamlet, household_changed, commitments };
        Ok(Ok(Outcome::Write(Box::new(record), changed)))
    }
}

/// A row whose only problem is one optional cell is imported without it
/// (issue 14): the field keeps what the ledger had (nothing, for a new
/// household). `false` for a field a household needs.
fn leave_out(h: &mut Household, stored: Option<&Household>, field: Field) -> bool {
    match field {
        Field::HeadBirthYear => h.head_birth_year = stored.and_then(|s| s.head_birth_year),
        Field::NationalId => h.national_id = stored.and_then(|s| s.national_id.clone()),
        Field::Phone => h.phone = stored.and_then(|s| s.phone.clone()),
        Field::LivingSince => h.living_since = stored.and_then(|s| s.living_since),
        _ => return false,
    }
    true
}

/// Sets the household's fields from the columns the file has.
fn fill(h: &mut Household, cells: &Cells, new: bool, reasons: &mut Vec<Reason>) {
    let mut bad = |field, problem| reasons.push(Reason::field(field, problem));
    if cells.get(Column::HeadName).is_some() {
        h.head_name = cells.text(Column::HeadName);
    }
    if let Some(cell) = cells.get(Column::BirthYear) {
        values::year(cell).map_or_else(|p| bad(Field::HeadBirthYear, p), |y| h.head_birth_year = y);
    }
    if let Some(NationalId::Given(id)) = cells.get(Column::NationalId).map(values::national_id) {
        h.national_id = id;
    }
    if cells.get(Column::Address).is_some() {
        h.address = cells.text(Column::Address);
    }
    match cells.get(Column::Members).map(values::count) {
        Some(Ok(Some(n))) => h.members = n,
        Some(Ok(None)) if new => h.members = 1,
        Some(Err(p)) => bad(Field::MemberCount, p),
        _ => {}
    }
    if let Some(cell) = cells.get(Column::Phone) {
        h.phone = values::phone(cell);
    }
    if let Some(cell) = cells.get(Column::LivingSince) {
        values::date(cell).map_or_else(|p| bad(Field::LivingSince, p), |d| h.living_since = d);
    }
    if let Some(cell) = cells.get(Column::MovedOut) {
        match values::date(cell) {
            Ok(on) => h.set_moved_out(on),
            Err(p) => bad(Field::MovedOut, p),
        }
    }
    if cells.get(Column::Notes).is_some() {
        h.notes = cells.text(Column::Notes);
    }
}

mod commitments;
#[cfg(test)]
mod tests;
mod years;
