//! Rows of outreach attendance to a [`Plan`] of sessions: the rows with
//! the same date and (folded) topic are one session, whose hamlets are the
//! codes its rows name and whose attending households are the household
//! codes they name (a row with a blank household only names a hamlet).
//! A stored session with that date and topic is replaced by the file's.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::columns::{Cells, Column, Header, Kind};
use super::grouped::{Codes, Groups, read, refuse};
use super::plan::{Plan, Reason};
use super::sheet::Sheet;
use super::values::{self, Bad};
use crate::domain::date::check_past;
use crate::domain::rules::bounded;
use crate::domain::text::{MAX_LINE, clean_line, fold};
use crate::domain::{Field, Hamlet, Household, Id, Outreach, Problem};
use crate::store::{Store, StoreError};

pub fn plan(store: &Store, sheet: Sheet, header: Header) -> Result<Plan<Outreach>, StoreError> {
    let today = store.today();
    let codes = Codes::new(&store.all::<Hamlet>()?);
    let households: HashMap<String, Id> =
        store.all::<Household>()?.into_iter().map(|h| (fold(&h.code), h.id)).collect();
    let stored: HashMap<(NaiveDate, String), Outreach> =
        store.all::<Outreach>()?.into_iter().map(|s| ((s.date, fold(&s.topic)), s)).collect();
    let mut plan = Plan::new(Kind::Outreach, sheet.origin, header);
    let mut groups: Groups<(NaiveDate, String), Outreach> = Groups::new();
    for row in sheet.rows.iter().skip(plan.header.index + 1).filter(|r| !r.is_blank()) {
        let cells = Cells { header: &plan.header, row };
        let mut reasons = Vec::new();
        let date = read(&cells, Column::OutreachDate, &mut reasons, |c| values::date(c).map_err(Bad::from)).flatten();
        let hamlet = match codes.find(&cells.text(Column::HamletCode)) {
            Ok(h) => h,
            Err(r) => {
                reasons.push(r);
                None
            }
        };
        let topic = clean_line(&cells.text(Column::Topic));
        let code = cells.text(Column::HouseholdCode);
        let household = (!code.is_empty()).then(|| households.get(&fold(&code)).copied());
        for (missing, field) in
            [(date.is_none(), Field::OutreachDate), (hamlet.is_none(), Field::Hamlet), (topic.is_empty(), Field::Topic)]
        {
            if missing && !reasons.iter().any(|r| matches!(r, Reason::Field(e) if e.field == field)) {
                reasons.push(Reason::field(field, Problem::Required));
            }
        }
        if let Some(p) = date.and_then(|d| check_past(d, today)) {
            reasons.push(Reason::field(Field::OutreachDate, p));
        }
        if let Some(p) = bounded(&topic, MAX_LINE) {
            reasons.push(Reason::field(Field::Topic, p));
        }
        if household == Some(None) {
            reasons.push(Reason::field(Field::Household, Problem::UnknownReference));
        }
        let head_count = read(&cells, Column::HeadCount, &mut reasons, |c| values::head_count(c).map_err(Bad::from));
        let (Some(date), Some(hamlet), true) = (date, hamlet, reasons.is_empty()) else {
            plan.rejected.push(refuse(row, reasons));
            continue;
        };
        let key = (date, fold(&topic));
        let found = stored.get(&key).cloned();
        let group = groups.entry(key, row.number, || {
            let mut fresh = Outreach::new(date, Vec::new(), &topic);
            if let Some(s) = &found {
                fresh = Outreach { hamlets: Vec::new(), households: Vec::new(), ..s.clone() };
            }
            (fresh, found)
        });
        let s = &mut group.record;
        if !s.hamlets.contains(&hamlet) {
            s.hamlets.push(hamlet);
        }
        if let Some(Some(h)) = household {
            s.set_attended(h, true);
        }
        if let Some(speaker) = cells.get(Column::Speaker).map(values::text).filter(|t| !t.is_empty()) {
            s.speaker = speaker;
        }
        if let Some(Some(n)) = head_count {
            s.head_count = n;
        }
    }
    for s in groups.records_mut() {
        s.normalize();
    }
    groups.into_plan(&mut plan, Kind::Outreach, |_| true);
    Ok(plan)
}
