//! Which screen builds and reads each kind of form. Building gives the form
//! for a new or existing record; submitting parses the strings into a domain
//! value (parse errors come back keyed by field) and returns the write.

use super::form::{Form, FormKind};
use super::screens::{Ctx, households, mediation, settings, teams};
use super::write::Write;
use crate::domain::FieldError;
use crate::store::StoreError;

pub fn build(kind: &FormKind, ctx: &Ctx) -> Result<Form, StoreError> {
    match kind {
        FormKind::Household(_) | FormKind::Commitment { .. } | FormKind::Violation { .. } => {
            households::build_form(kind, ctx)
        }
        FormKind::Team(_) | FormKind::Member { .. } | FormKind::Training { .. } => teams::build_form(kind, ctx),
        FormKind::Case(_) | FormKind::CaseStatus { .. } => mediation::build_form(kind, ctx),
        FormKind::Hamlet(_) | FormKind::Commune | FormKind::Rules | FormKind::CatalogItem(_) => {
            settings::build_form(kind, ctx)
        }
    }
}

pub fn submit(form: &Form, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    match &form.kind {
        FormKind::Household(_) | FormKind::Commitment { .. } | FormKind::Violation { .. } => {
            households::submit_form(form, ctx)
        }
        FormKind::Team(_) | FormKind::Member { .. } | FormKind::Training { .. } => teams::submit_form(form, ctx),
        FormKind::Case(_) | FormKind::CaseStatus { .. } => mediation::submit_form(form, ctx),
        FormKind::Hamlet(_) | FormKind::Commune | FormKind::Rules | FormKind::CatalogItem(_) => {
            settings::submit_form(form, ctx)
        }
    }
}
