//! Rows of area assessments to a [`Plan`]: one record per hamlet code and
//! year. Criteria columns "Tiêu chí 1".."Tiêu chí 5" mark the criteria of
//! those ids in the commune's catalog (the seeded ones), keeping a stored
//! mark's note; a column the file lacks leaves the stored value alone.

use std::collections::HashMap;

use super::columns::{Cells, Column, Header, Kind};
use super::grouped::{Codes, Groups, read, refuse};
use super::plan::{Plan, Reason};
use super::sheet::Sheet;
use super::values::{self, Bad};
use crate::domain::{Assessment, Field, Hamlet, Id, Problem};
use crate::store::{Store, StoreError};

const CRITERIA: [(Column, u16); 5] = [
    (Column::Criterion1, 1),
    (Column::Criterion2, 2),
    (Column::Criterion3, 3),
    (Column::Criterion4, 4),
    (Column::Criterion5, 5),
];

pub fn plan(store: &Store, sheet: Sheet, header: Header) -> Result<Plan<Assessment>, StoreError> {
    let today = store.today();
    let codes = Codes::new(&store.all::<Hamlet>()?);
    let stored: HashMap<(Id, u16), Assessment> =
        store.all::<Assessment>()?.into_iter().map(|a| ((a.hamlet, a.year), a)).collect();
    let mut plan = Plan::new(Kind::Assessments, sheet.origin, header);
    let mut groups: Groups<(Id, u16), Assessment> = Groups::new();
    let mut first_row: HashMap<(Id, u16), usize> = HashMap::new();
    for row in sheet.rows.iter().skip(plan.header.index + 1).filter(|r| !r.is_blank()) {
        let cells = Cells { header: &plan.header, row };
        let mut reasons = Vec::new();
        let hamlet = match codes.find(&cells.text(Column::HamletCode)) {
            Ok(Some(id)) => Some(id),
            Ok(None) => {
                reasons.push(Reason::field(Field::Hamlet, Problem::Required));
                None
            }
            Err(r) => {
                reasons.push(r);
                None
            }
        };
        let year = read(&cells, Column::Year, &mut reasons, |c| values::year(c).map_err(Bad::from)).flatten();
        if year.is_none() && reasons.is_empty() {
            reasons.push(Reason::field(Field::Year, Problem::Required));
        }
        let (Some(hamlet), Some(year), true) = (hamlet, year, reasons.is_empty()) else {
            plan.rejected.push(refuse(row, reasons));
            continue;
        };
        if let Some(first) = first_row.get(&(hamlet, year)) {
            plan.rejected.push(refuse(row, vec![Reason::Repeated { field: Field::Year, first_row: *first }]));
            continue;
        }
        first_row.insert((hamlet, year), row.number);
        let found = stored.get(&(hamlet, year)).cloned();
        let group = groups.entry((hamlet, year), row.number, || match found {
            Some(a) => (a.clone(), Some(a)),
            None => (Assessment::new(hamlet, year), None),
        });
        let reasons = fill(&mut group.record, &cells, today);
        if !reasons.is_empty() {
            group.rows.pop();
            plan.rejected.push(refuse(row, reasons));
        }
    }
    groups.into_plan(&mut plan, Kind::Assessments, |_| true);
    plan.rejected.sort_by_key(|r| r.row);
    Ok(plan)
}

fn fill(a: &mut Assessment, cells: &Cells, today: chrono::NaiveDate) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let mut next = a.clone();
    if let Some(r) = read(cells, Column::AreaResult, &mut reasons, values::area_result) {
        next.result = r;
    }
    if let Some(c) = read(cells, Column::Classification, &mut reasons, values::classification) {
        next.classification = c;
    }
    let date = |c: &super::sheet::Cell| values::date(c).map_err(Bad::from);
    if let Some(d) = read(cells, Column::Registered, &mut reasons, date) {
        next.registered = d;
    }
    if let Some(d) = read(cells, Column::DecisionDate, &mut reasons, date) {
        next.decision_date = d;
    }
    if let Some(c) = cells.get(Column::DecisionNumber) {
        next.decision_number = values::text(c);
    }
    for (column, id) in CRITERIA {
        match read(cells, column, &mut reasons, values::met) {
            Some(Some(met)) => {
                let note = next.mark(id).map(|m| m.note.clone()).unwrap_or_default();
                next.set_mark(id, met, &note);
            }
            Some(None) => next.marks.retain(|m| m.criterion != id),
            None => {}
        }
    }
    next.normalize();
    if reasons.is_empty()
        && let Err(errors) = next.validate(today)
    {
        reasons.extend(errors.into_iter().map(Reason::Field));
    }
    if reasons.is_empty() {
        *a = next;
    }
    reasons
}
