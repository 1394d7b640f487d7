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

use chrono::{Datelike, NaiveDate};

use super::columns::{Cells, Column, Header, Kind};
use super::hamlets::{Found, HamletRef, Hamlets};
use super::plan::{Notice, Plan, Planned, Reason, Rejected};
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
    /// The commitment to create or update (household 0 for a new household).
    pub commitment: Option<Commitment>,
}

/// Plans the import of `sheet`, whose header is `header`.
pub fn plan(store: &Store, sheet: Sheet, mut header: Header) -> Result<Plan<HouseholdRecord>, StoreError> {
    let items = store.commune()?.map(|c| c.default_items()).unwrap_or_default();
    let mut notices = Vec::new();
    if items.is_empty() && header.has(Column::CommitmentDate) {
        header.ignore(&[Column::CommitmentDate, Column::CommitmentYear]);
        notices.push(Notice::NoCatalog);
    }
    let mut planner = Planner {
        store,
        today: store.today(),
        items,
        hamlets: Hamlets::new(&store.all::<Hamlet>()?, header.hamlet_kind),
        seen: HashMap::new(),
    };
    let mut plan = Plan::new(Kind::Households, sheet.origin, header);
    plan.notices = notices;
    for row in sheet.rows.into_iter().skip(plan.header.index + 1).filter(|r| !r.is_blank()) {
        let read = planner.row(&plan.header, &row)?;
        match read {
            Err(reasons) => {
                let cells = row.cells.iter().map(Cell::shown).collect();
                plan.rejected.push(Rejected { row: row.number, reasons, cells });
            }
            Ok(Outcome::Unchanged) => plan.unchanged.push(row.number),
            Ok(Outcome::Write(record, changed)) => {
                let planned = Planned { row: row.number, record: *record, changed };
                if planned.record.household.id == 0 { plan.creates.push(planned) } else { plan.updates.push(planned) }
            }
        }
    }
    plan.new_hamlets = planner.hamlets.new;
    Ok(plan)
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
}

impl Planner<'_> {
    fn row(&mut self, header: &Header, row: &Row) -> Result<Result<Outcome, Vec<Reason>>, StoreError> {
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
        let commitment = self.commitment(&cells, stored.as_ref(), &mut reasons)?;
        let Some(hamlet) = hamlet.filter(|_| reasons.is_empty()) else { return Ok(Err(reasons)) };
        let mut changed = stored.as_ref().map(|s| Kind::Households.changed_fields(s, &household)).unwrap_or_default();
        if commitment.is_some() && stored.is_some() {
            changed.push(Field::CommitmentDate);
        }
        if stored.is_some() && changed.is_empty() {
            return Ok(Ok(Outcome::Unchanged));
        }
        let household_changed = stored.is_none() || changed.iter().any(|f| *f != Field::CommitmentDate);
        let record = HouseholdRecord { household, hamlet, household_changed, commitment };
        Ok(Ok(Outcome::Write(Box::new(record), changed)))
    }

    /// The signed commitment a "Ngày ký cam kết" cell asks for, when it
    /// differs from the stored one: for the "Năm cam kết" cell's year, or
    /// the signing date's year. An existing commitment of that year keeps
    /// its items, witness and violations and becomes signed on that day.
    fn commitment(
        &self,
        cells: &Cells,
        stored: Option<&Household>,
        reasons: &mut Vec<Reason>,
    ) -> Result<Option<Commitment>, StoreError> {
        let date = match cells.get(Column::CommitmentDate).map(values::date) {
            None | Some(Ok(None)) => return Ok(None),
            Some(Ok(Some(d))) => d,
            Some(Err(p)) => {
                reasons.push(Reason::field(Field::CommitmentDate, p));
                return Ok(None);
            }
        };
        let year = match cells.get(Column::CommitmentYear).map(values::year) {
            Some(Ok(Some(y))) => y,
            Some(Err(p)) => {
                reasons.push(Reason::field(Field::Year, p));
                return Ok(None);
            }
            _ => u16::try_from(date.year()).unwrap_or(0),
        };
        let existing = match stored {
            Some(h) => self.store.commitment_for(h.id, year)?,
            None => None,
        };
        let mut c = existing.clone().unwrap_or_else(|| Commitment::signed(0, year, date, Vec::new()));
        c.sign(date, &self.items);
        c.normalize();
        if let Err(errors) = c.validate(self.today) {
            reasons.extend(errors.into_iter().map(Reason::Field));
            return Ok(None);
        }
        Ok(if existing.as_ref() == Some(&c) { None } else { Some(c) })
    }
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

#[cfg(test)]
mod tests;
