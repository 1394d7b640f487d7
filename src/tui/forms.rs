//! Which screen builds and reads each kind of form. Building gives the form
//! for a new or existing record; submitting parses the strings into a domain
//! value (parse errors come back keyed by field) and returns the write.
//!
//! A form with a parse error (31/02/2026) still hears about the rest: the
//! fields that did not parse are stood in for by harmless values, the
//! record is checked by the domain's rules, and the rules' errors on the
//! other fields come back with the parse errors, so the clerk fixes
//! everything in one go.

use tui_input::Input;

use super::form::{Control, Form, FormKind};
use super::screens::{Ctx, households, mediation, settings, targets, teams};
use super::write::Write;
use crate::domain::date::format_dmy;
use crate::domain::{Field, FieldError, Problem};
use crate::store::StoreError;

/// The form of `kind`, its following fields settled (`Form::settle`).
pub fn build(kind: &FormKind, ctx: &Ctx) -> Result<Form, StoreError> {
    let mut form = build_unsettled(kind, ctx)?;
    form.settle();
    Ok(form)
}

fn build_unsettled(kind: &FormKind, ctx: &Ctx) -> Result<Form, StoreError> {
    match kind {
        FormKind::Household(_) | FormKind::Commitment { .. } | FormKind::Violation { .. } => {
            households::build_form(kind, ctx)
        }
        FormKind::Team(_) | FormKind::Member { .. } | FormKind::Training { .. } => teams::build_form(kind, ctx),
        FormKind::Case(_) | FormKind::CaseStatus { .. } => mediation::build_form(kind, ctx),
        FormKind::Hamlet(_)
        | FormKind::Commune
        | FormKind::Rules
        | FormKind::CatalogItem(_)
        | FormKind::Plan
        | FormKind::CatalogEntry(..)
        | FormKind::Retention
        | FormKind::Request(_) => settings::build_form(kind, ctx),
        FormKind::Model(_) | FormKind::ModelReview { .. } | FormKind::Outreach(_) => targets::build_form(kind, ctx),
    }
}

/// The write a form asks for, or every error it has (parse errors first).
pub fn submit(form: &Form, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    parse(form, ctx).map_err(|errors| with_rule_errors(form, ctx, errors))
}

/// Adds to `errors` (what did not parse) the domain rules' errors on the
/// other fields, found on a copy of the form whose unparsed fields hold
/// stand-ins. An error caused by a stand-in (on its own field, or "not
/// before" it) is dropped.
fn with_rule_errors(form: &Form, ctx: &Ctx, mut errors: Vec<FieldError>) -> Vec<FieldError> {
    let bad: Vec<Field> = errors.iter().map(|e| e.field).collect();
    let mut probe = form.clone();
    for f in probe.fields.iter_mut().filter(|f| bad.contains(&f.field)) {
        let stand_in = match f.control {
            Control::Date if f.initial.is_empty() => format_dmy(ctx.today),
            _ => f.initial.clone(),
        };
        f.input = Input::new(stand_in);
    }
    let caused_by_stand_in = |e: &FieldError| {
        bad.contains(&e.field)
            || matches!(e.problem, Problem::BeforeDate(f) | Problem::AfterDate(f) if bad.contains(&f))
    };
    let more = match parse(&probe, ctx) {
        Ok(Write::Save(record)) => record.problems(ctx.today),
        Ok(Write::Delete(..) | Write::Closing(_) | Write::SaveAll(_) | Write::Privacy(_)) => Vec::new(),
        // What the form itself asks of the other fields (an agreement to
        // close a case with).
        Err(more) => more,
    };
    errors.extend(more.into_iter().filter(|e| !caused_by_stand_in(e)));
    errors
}

fn parse(form: &Form, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    match &form.kind {
        FormKind::Household(_) | FormKind::Commitment { .. } | FormKind::Violation { .. } => {
            households::submit_form(form, ctx)
        }
        FormKind::Team(_) | FormKind::Member { .. } | FormKind::Training { .. } => teams::submit_form(form, ctx),
        FormKind::Case(_) | FormKind::CaseStatus { .. } => mediation::submit_form(form, ctx),
        FormKind::Hamlet(_)
        | FormKind::Commune
        | FormKind::Rules
        | FormKind::CatalogItem(_)
        | FormKind::Plan
        | FormKind::CatalogEntry(..)
        | FormKind::Retention
        | FormKind::Request(_) => settings::submit_form(form, ctx),
        FormKind::Model(_) | FormKind::ModelReview { .. } | FormKind::Outreach(_) => targets::submit_form(form, ctx),
    }
}
