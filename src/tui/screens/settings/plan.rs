//! The Settings section of the plan (issue 13, item 5): the targets of the
//! commune's plan and the reports' due dates, shown as label and value rows
//! and edited in one form. The numbers are parsed here; their bounds are
//! `Plan::check`'s, through `Commune::validate`.

use super::forms::finish;
use crate::domain::{DueDay, Field, FieldError, Lang, Plan, Problem};
use crate::i18n::settings::SettingsText as T;
use crate::tui::form::{Form, FormKind};
use crate::tui::screens::Ctx;
use crate::tui::write::Write;

/// The numbers of the plan in the form's order (a share in %, or a count),
/// then the three due days.
fn plan_numbers(p: &Plan) -> [u16; 10] {
    [
        p.signed_pct.into(),
        p.reached_pct.into(),
        p.safe_pct.into(),
        p.excellent_pct.into(),
        p.good_pct.into(),
        p.weak_max,
        p.model_pct.into(),
        p.trainings_min.into(),
        p.mediation_min_members.into(),
        p.commune_recognised_pct.into(),
    ]
}

/// Short labels: they sit in the form's label column (the targets table
/// says each target in full).
fn plan_labels(lang: Lang) -> [String; 13] {
    [
        T::PlanSigned,
        T::PlanReached,
        T::PlanSafe,
        T::PlanExcellent,
        T::PlanGood,
        T::PlanWeak,
        T::PlanModels,
        T::PlanTrainings,
        T::PlanMediation,
        T::PlanCommune,
        T::PlanHalfYear,
        T::PlanYear,
        T::PlanReview,
    ]
    .map(|t| t.get(lang).to_string())
}

fn plan_dues(p: &Plan) -> [DueDay; 3] {
    [p.half_year_due, p.year_due, p.review_due]
}

/// "15/05".
fn due_text(d: DueDay) -> String {
    format!("{:02}/{:02}", d.day, d.month)
}

/// The plan as label and value rows (the Settings section shows them).
pub fn plan_rows(p: &Plan, lang: Lang) -> Vec<(String, String)> {
    let values = plan_numbers(p).map(|n| n.to_string()).into_iter().chain(plan_dues(p).map(due_text));
    plan_labels(lang).into_iter().zip(values).collect()
}

pub fn plan_form(p: &Plan, lang: Lang) -> Form {
    let mut form = Form::new(FormKind::Plan, T::PlanForm.get(lang));
    for n in plan_numbers(p) {
        form = form.number(Field::PlanTarget, lang, Some(n.into()));
    }
    for d in plan_dues(p) {
        form = form.text(Field::DueDate, lang, &due_text(d));
    }
    for (i, (f, label)) in form.fields.iter_mut().zip(plan_labels(lang)).enumerate() {
        f.label = label;
        f.row = Some(i + 1);
    }
    form
}

/// "15/05" or "15/5" as a day of the year; anything else is a bad date.
fn parse_due(text: &str) -> Option<DueDay> {
    let (d, m) = text.trim().split_once('/')?;
    Some(DueDay::new(d.trim().parse().ok()?, m.trim().parse().ok()?))
}

pub fn submit_plan(form: &Form, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    let mut c = ctx.commune.clone();
    let mut errors = Vec::new();
    let mut numbers = [0u16; 10];
    for (i, n) in numbers.iter_mut().enumerate() {
        let field = form.fields.get(i);
        let text = field.map(|f| f.input.value().trim()).unwrap_or("");
        let limit = if i == 5 { 1_000 } else { 100 };
        match text.parse::<u16>() {
            Ok(v) if v <= limit => *n = v,
            Ok(_) => errors.push(FieldError::in_row(
                Field::PlanTarget,
                i + 1,
                Problem::OutOfRange { min: 0, max: limit.into() },
            )),
            Err(_) if text.is_empty() => errors.push(FieldError::in_row(Field::PlanTarget, i + 1, Problem::Required)),
            Err(_) => errors.push(FieldError::in_row(Field::PlanTarget, i + 1, Problem::NotANumber)),
        }
    }
    let mut dues = [DueDay::new(1, 1); 3];
    for (k, due) in dues.iter_mut().enumerate() {
        let text = form.fields.get(10 + k).map(|f| f.input.value()).unwrap_or("");
        match parse_due(text) {
            Some(d) => *due = d,
            None => errors.push(FieldError::in_row(Field::DueDate, 11 + k, Problem::BadDate)),
        }
    }
    let byte = |v: u16| u8::try_from(v).unwrap_or(u8::MAX);
    let p = &mut c.plan;
    [p.signed_pct, p.reached_pct, p.safe_pct, p.excellent_pct, p.good_pct] =
        [numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]].map(byte);
    p.weak_max = numbers[5];
    p.model_pct = byte(numbers[6]);
    p.trainings_min = byte(numbers[7]);
    p.mediation_min_members = byte(numbers[8]);
    p.commune_recognised_pct = byte(numbers[9]);
    [p.half_year_due, p.year_due, p.review_due] = dues;
    if !errors.is_empty() {
        return Err(errors);
    }
    finish(c, errors)
}
