//! Rows of models to a [`Plan`] of models. A model is its hamlet (a blank
//! code: commune-wide) and its folded name; the file has a row per year
//! reviewed, so the rows of one model make one record. A row's kind is a
//! text of the commune's catalog of model kinds; "Năm" with "Đánh giá"
//! records (or replaces) that year's review.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::columns::{Cells, Column, Header, Kind};
use super::grouped::{Codes, Groups, read, refuse};
use super::plan::{Plan, Reason};
use super::sheet::Sheet;
use super::values::{self, Bad};
use crate::domain::text::fold;
use crate::domain::{Field, Hamlet, Id, Model, Problem, Review};
use crate::store::{Store, StoreError};

pub fn plan(store: &Store, sheet: Sheet, header: Header) -> Result<Plan<Model>, StoreError> {
    let today = store.today();
    let kinds: HashMap<String, u16> = store
        .commune()?
        .map(|c| c.model_kinds)
        .unwrap_or_default()
        .into_iter()
        .map(|k| (fold(&k.text), k.id))
        .collect();
    let codes = Codes::new(&store.all::<Hamlet>()?);
    let stored: HashMap<(Id, String), Model> =
        store.all::<Model>()?.into_iter().map(|m| ((m.hamlet.unwrap_or(0), fold(&m.name)), m)).collect();
    let mut plan = Plan::new(Kind::Models, sheet.origin, header);
    let mut groups: Groups<(Id, String), Model> = Groups::new();
    for row in sheet.rows.iter().skip(plan.header.index + 1).filter(|r| !r.is_blank()) {
        let cells = Cells { header: &plan.header, row };
        let mut reasons = Vec::new();
        let hamlet = codes.find(&cells.text(Column::HamletCode)).unwrap_or_else(|r| {
            reasons.push(r);
            None
        });
        let name = cells.text(Column::ModelName);
        if name.is_empty() {
            reasons.push(Reason::field(Field::ModelName, Problem::Required));
        }
        if !reasons.is_empty() {
            plan.rejected.push(refuse(row, reasons));
            continue;
        }
        let key = (hamlet.unwrap_or(0), fold(&name));
        let found = stored.get(&key).cloned();
        let group = groups.entry(key, row.number, || match found {
            Some(m) => (m.clone(), Some(m)),
            None => (Model::new(&name, 0, hamlet, today), None),
        });
        let mut next = group.record.clone();
        let reasons = fill(&mut next, &cells, &kinds, today);
        if reasons.is_empty() {
            group.record = next;
        } else {
            group.rows.pop();
            plan.rejected.push(refuse(row, reasons));
        }
    }
    groups.into_plan(&mut plan, Kind::Models, |_| true);
    Ok(plan)
}

/// Sets a model's fields from one row; the reasons it cannot.
fn fill(m: &mut Model, cells: &Cells, kinds: &HashMap<String, u16>, today: NaiveDate) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let kind_text = cells.text(Column::ModelKind);
    match kinds.get(&fold(&kind_text)) {
        Some(id) => m.kind = *id,
        None if !kind_text.is_empty() => reasons.push(Reason::Unknown(Field::ModelKind)),
        None if m.kind == 0 => reasons.push(Reason::field(Field::ModelKind, Problem::Required)),
        None => {}
    }
    let started = read(cells, Column::ModelStarted, &mut reasons, |c| values::date(c).map_err(Bad::from));
    match (started.flatten(), m.id) {
        (Some(d), _) => m.started = d,
        // A new model's start stands at today until a row gives it.
        (None, 0)
            if m.started == today && started.is_some_and(|s| s.is_none())
                || cells.get(Column::ModelStarted).is_none() && m.id == 0 && m.started == today =>
        {
            reasons.push(Reason::field(Field::ModelStarted, Problem::Required));
        }
        _ => {}
    }
    let year = read(cells, Column::Year, &mut reasons, |c| values::year(c).map_err(Bad::from)).flatten();
    let verdict = read(cells, Column::Verdict, &mut reasons, values::verdict).flatten();
    let date = read(cells, Column::ReviewDate, &mut reasons, |c| values::date(c).map_err(Bad::from)).flatten();
    let reason = cells.get(Column::ReviewReason).map(values::text).unwrap_or_default();
    match (year, verdict) {
        (Some(year), Some(verdict)) => m.set_review(Review { year, verdict, date, reason }),
        (None, Some(_)) => reasons.push(Reason::field(Field::ReviewYear, Problem::Required)),
        _ => {}
    }
    m.normalize();
    if reasons.is_empty()
        && let Err(errors) = m.validate(today)
    {
        reasons.extend(errors.into_iter().map(Reason::Field));
    }
    reasons
}
