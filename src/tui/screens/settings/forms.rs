//! The forms of the Settings screen: the commune profile with its report
//! signers, the rules (team size, overdue days, coverage target, operator,
//! language), the plan's targets and report due dates, a hamlet, and one
//! item of a catalog (commitment items, model kinds, criteria).
//!
//! Every form yields a whole record: the commune forms and the catalog item
//! change a copy of `ctx.commune` and save it all, so a catalog change is a
//! commune save (audited and undoable like any other). The store validates
//! again; checking here first shows every problem at once, beside its field.

use super::LANGS;
use crate::domain::plan::{DueDay, Plan};
use crate::domain::{Catalog, Commune, EntityKind, Field, FieldError, Hamlet, HamletKind, Lang, Problem, Signer};
use crate::i18n::settings::SettingsText as T;
use crate::store::StoreError;
use crate::tui::form::{Form, FormKind, Rule};
use crate::tui::screens::Ctx;
use crate::tui::write::{AnyRecord, Write};

/// Rows that tell apart the two signers, whose fields share a `Field`.
const APPROVER: usize = 1;
const PREPARER: usize = 2;

/// The field that carries a select with no `Field` of its own: the hamlet's
/// kind and the interface language. No validation error ever names them.
const KIND_FIELD: Field = Field::Hamlet;
const LANG_FIELD: Field = Field::Status;

pub fn build_form(kind: &FormKind, ctx: &Ctx) -> Result<Form, StoreError> {
    let lang = ctx.lang;
    Ok(match kind {
        FormKind::Commune => commune_form(ctx.commune, lang),
        FormKind::Rules => rules_form(ctx.commune, lang),
        FormKind::Plan => plan_form(&ctx.commune.plan, lang),
        FormKind::Hamlet(Some(id)) => {
            let hamlet =
                ctx.store.get::<Hamlet>(*id)?.ok_or(StoreError::NotFound { kind: EntityKind::Hamlet, id: *id })?;
            hamlet_form(kind, &hamlet, lang)
        }
        FormKind::Hamlet(None) => {
            let hamlets = ctx.store.all::<Hamlet>()?;
            let fresh = Hamlet::new(&next_code(&hamlets), "", usual_kind(&hamlets));
            hamlet_form(kind, &fresh, lang)
        }
        FormKind::CatalogItem(id) => {
            let text = id.and_then(|id| ctx.commune.catalog.iter().find(|i| i.id == id)).map_or("", |i| &i.text);
            let title = if id.is_some() { T::EditItem } else { T::NewItem };
            Form::new(kind.clone(), title.get(lang)).text(Field::CatalogItem, lang, text)
        }
        FormKind::CatalogEntry(which, id) => {
            let items = ctx.commune.catalog_items(*which);
            let text = id.and_then(|id| items.iter().find(|i| i.id == id)).map_or("", |i| &i.text);
            let title = crate::i18n::settings::catalog_form(lang, *which, id.is_some());
            Form::new(kind.clone(), &title).text(which.field(), lang, text)
        }
        FormKind::Retention => super::privacy::retention_form(&ctx.store.privacy()?.retention, lang),
        FormKind::Request(id) => super::privacy::request_form(*id, ctx)?,
        _ => Form::new(kind.clone(), ""),
    })
}

pub fn submit_form(form: &Form, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    match &form.kind {
        FormKind::Commune => submit_commune(form, ctx),
        FormKind::Rules => submit_rules(form, ctx),
        FormKind::Plan => submit_plan(form, ctx),
        FormKind::Hamlet(id) => submit_hamlet(form, id.unwrap_or(0)),
        FormKind::CatalogItem(id) => submit_item(form, ctx, Catalog::Items, *id),
        FormKind::CatalogEntry(which, id) => submit_item(form, ctx, *which, *id),
        FormKind::Retention => super::privacy::submit_retention(form),
        FormKind::Request(id) => super::privacy::submit_request(form, *id, ctx),
        _ => Err(Vec::new()),
    }
}

fn commune_form(c: &Commune, lang: Lang) -> Form {
    let form = Form::new(FormKind::Commune, T::CommuneForm.get(lang));
    let form = form.text(Field::CommuneName, lang, &c.name).hint(T::CommuneNameHint.get(lang));
    let mut form = form.text(Field::Province, lang, &c.province);
    if c.name.is_empty() && c.catalog.is_empty() {
        // What the first save adds besides the fields, said before it.
        form = form.hint(T::FirstSaveItems.get(lang).replace("{}", &crate::demo::standard_items().len().to_string()));
    }
    let form = signer(form, &c.approver, APPROVER, [T::ApproverTitle, T::ApproverName], lang);
    signer(form, &c.preparer, PREPARER, [T::PreparerTitle, T::PreparerName], lang)
}

/// A signer's title and name, labelled as that signer's and kept apart by row.
fn signer(form: Form, s: &Signer, row: usize, [title, name]: [T; 2], lang: Lang) -> Form {
    let form = relabel(form.text(Field::SignerTitle, lang, &s.title), title, row, lang);
    relabel(form.text(Field::SignerName, lang, &s.name), name, row, lang)
}

fn rules_form(c: &Commune, lang: Lang) -> Form {
    let s = &c.settings;
    let chosen = LANGS.iter().position(|l| *l == s.language).unwrap_or(0);
    let form = Form::new(FormKind::Rules, T::RulesForm.get(lang))
        .number(Field::TeamMinMembers, lang, Some(s.team_min_members.into()))
        .number(Field::OverdueDays, lang, Some(s.overdue_days.into()))
        .number(Field::CoverageTarget, lang, Some(s.coverage_target_pct.into()))
        .text(Field::Operator, lang, &s.operator)
        .select(LANG_FIELD, lang, LANGS.iter().map(|l| lang_name(*l, lang).to_string()).collect(), chosen);
    relabel_last(form, T::Language, lang)
}

/// One line per setting of the plan: (label, value as typed, is a day).
/// Numbers are rows 1.. of `Field::PlanTarget`, days rows 1..3 of
/// `Field::DueDate`, in `Plan::check`'s order.
pub(super) fn plan_rows(p: &Plan, lang: Lang) -> Vec<(String, String, bool)> {
    use crate::i18n::targets::PlanFormText as W;
    let numbers = [
        (W::Signed, u16::from(p.signed_pct)),
        (W::Reached, p.reached_pct.into()),
        (W::Safe, p.safe_pct.into()),
        (W::Excellent, p.excellent_pct.into()),
        (W::Good, p.good_pct.into()),
        (W::Weak, p.weak_max),
        (W::Models, p.model_pct.into()),
        (W::Training, p.trainings_min.into()),
        (W::MediationSize, p.mediation_min_members.into()),
        (W::CommuneSafe, p.commune_recognised_pct.into()),
    ];
    let days = [(W::DueHalfYear, p.half_year_due), (W::DueYear, p.year_due), (W::DueReview, p.review_due)];
    let mut rows: Vec<(String, String, bool)> =
        numbers.into_iter().map(|(w, n)| (w.get(lang).to_string(), n.to_string(), false)).collect();
    rows.extend(days.into_iter().map(|(w, d)| (w.get(lang).to_string(), format!("{:02}/{:02}", d.day, d.month), true)));
    rows
}

fn plan_form(p: &Plan, lang: Lang) -> Form {
    let mut form = Form::new(FormKind::Plan, T::PlanForm.get(lang));
    let (mut number, mut day) = (0, 0);
    for (label, value, is_day) in plan_rows(p, lang) {
        let (field, row) = if is_day {
            day += 1;
            (Field::DueDate, day)
        } else {
            number += 1;
            (Field::PlanTarget, number)
        };
        form = form.text(field, lang, &value);
        if let Some(f) = form.fields.last_mut() {
            f.label = label;
            f.row = Some(row);
        }
    }
    form
}

fn submit_plan(form: &Form, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    let mut c = ctx.commune.clone();
    let mut errors = Vec::new();
    let value = |field: Field, row: usize| signer_value(form, field, row);
    let mut n = |row: usize| -> u16 {
        match value(Field::PlanTarget, row).parse::<u16>() {
            Ok(v) => v,
            Err(_) => {
                errors.push(FieldError::in_row(Field::PlanTarget, row, Problem::NotANumber));
                0
            }
        }
    };
    let pct = |v: u16| u8::try_from(v).unwrap_or(u8::MAX);
    let p = &mut c.plan;
    (p.signed_pct, p.reached_pct, p.safe_pct) = (pct(n(1)), pct(n(2)), pct(n(3)));
    (p.excellent_pct, p.good_pct, p.weak_max) = (pct(n(4)), pct(n(5)), n(6));
    (p.model_pct, p.trainings_min, p.mediation_min_members) = (pct(n(7)), pct(n(8)), pct(n(9)));
    p.commune_recognised_pct = pct(n(10));
    for (row, slot) in [(1, &mut p.half_year_due), (2, &mut p.year_due), (3, &mut p.review_due)] {
        match parse_day(&value(Field::DueDate, row)) {
            Some(d) => *slot = d,
            None => errors.push(FieldError::in_row(Field::DueDate, row, Problem::BadDate)),
        }
    }
    finish(c, errors)
}

/// "15/05" (or "15/5") as a day of the year.
fn parse_day(text: &str) -> Option<DueDay> {
    let (d, m) = text.split_once('/')?;
    Some(DueDay::new(d.trim().parse().ok()?, m.trim().parse().ok()?))
}

/// Moves the focus of the rules form to the language.
pub(super) fn focus_language(form: &mut Form) {
    if let Some(i) = form.fields.iter().position(|f| f.field == LANG_FIELD) {
        form.focus = i;
    }
}

fn hamlet_form(kind: &FormKind, h: &Hamlet, lang: Lang) -> Form {
    let title = if h.id == 0 { T::NewHamlet } else { T::EditHamlet };
    let kinds = HamletKind::ALL.iter().map(|k| k.word().to_string()).collect();
    let chosen = HamletKind::ALL.iter().position(|k| *k == h.kind).unwrap_or(0);
    let mut form = Form::new(kind.clone(), title.get(lang)).text(Field::HamletCode, lang, &h.code);
    if h.id == 0 {
        // The next code, offered: typing replaces it.
        form = form.suggested();
    }
    let form = form
        .text(Field::HamletName, lang, &h.name)
        .hint(T::HamletNameHint.get(lang))
        .select(KIND_FIELD, lang, kinds, chosen)
        // "Ấp 3" typed as the name chooses "Ấp"; the name is kept without it.
        .follows(Field::HamletName, Rule::OptionNamedFirst);
    relabel_last(form, T::Kind, lang)
}

/// The interface language as offered in the rules form and the Language section.
pub(super) fn lang_name(option: Lang, ui: Lang) -> &'static str {
    match option {
        Lang::Vi => T::Vietnamese.get(ui),
        Lang::En => T::English.get(ui),
    }
}

/// Gives the last field its own label (and a row, for the signers).
fn relabel(mut form: Form, label: T, row: usize, lang: Lang) -> Form {
    if let Some(f) = form.fields.last_mut() {
        f.label = label.get(lang).to_string();
        f.row = Some(row);
    }
    form
}

fn relabel_last(mut form: Form, label: T, lang: Lang) -> Form {
    if let Some(f) = form.fields.last_mut() {
        f.label = label.get(lang).to_string();
    }
    form
}

/// The text of the field `field` of signer `row`.
fn signer_value(form: &Form, field: Field, row: usize) -> String {
    form.fields
        .iter()
        .find(|f| f.field == field && f.row == Some(row))
        .map(|f| f.input.value().trim().to_string())
        .unwrap_or_default()
}

fn submit_commune(form: &Form, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    let mut c = ctx.commune.clone();
    if c.name.is_empty() {
        c.begin(ctx.lang, crate::demo::standard_items());
    }
    c.name = form.value(Field::CommuneName).to_string();
    c.province = form.value(Field::Province).to_string();
    c.approver.title = signer_value(form, Field::SignerTitle, APPROVER);
    c.approver.name = signer_value(form, Field::SignerName, APPROVER);
    c.preparer.title = signer_value(form, Field::SignerTitle, PREPARER);
    c.preparer.name = signer_value(form, Field::SignerName, PREPARER);
    finish(c, Vec::new())
}

fn submit_rules(form: &Form, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    let mut c = ctx.commune.clone();
    let mut errors = Vec::new();
    c.settings.team_min_members = number(form, Field::TeamMinMembers, &mut errors);
    c.settings.overdue_days = number(form, Field::OverdueDays, &mut errors);
    c.settings.coverage_target_pct = number(form, Field::CoverageTarget, &mut errors);
    c.settings.operator = form.value(Field::Operator).to_string();
    c.settings.language = LANGS.get(form.choice(LANG_FIELD)).copied().unwrap_or_default();
    finish(c, errors)
}

/// A required whole number. A number too big or too small for the setting
/// becomes 0, which no setting allows, so `Commune::validate` reports it as
/// out of range with the setting's own bounds (kept in one place, the domain).
fn number<N: TryFrom<i64> + Default>(form: &Form, field: Field, errors: &mut Vec<FieldError>) -> N {
    match form.opt_number(field) {
        Ok(Some(v)) => N::try_from(v).unwrap_or_default(),
        Ok(None) => {
            errors.push(FieldError::new(field, Problem::Required));
            N::default()
        }
        Err(e) => {
            errors.push(e);
            N::default()
        }
    }
}

/// The commune save, or every problem at once (one per field).
fn finish(c: Commune, mut errors: Vec<FieldError>) -> Result<Write, Vec<FieldError>> {
    if let Err(found) = c.validate() {
        for e in found {
            if !errors.iter().any(|x| x.field == e.field) {
                errors.push(e);
            }
        }
    }
    if errors.is_empty() { Ok(Write::Save(AnyRecord::Commune(Box::new(c)))) } else { Err(errors) }
}

fn submit_hamlet(form: &Form, id: u64) -> Result<Write, Vec<FieldError>> {
    let kind = HamletKind::ALL.get(form.choice(KIND_FIELD)).copied().unwrap_or(HamletKind::Thon);
    let mut h = Hamlet::new(form.value(Field::HamletCode), form.value(Field::HamletName), kind);
    h.id = id; // the store keeps the creation time of an edited hamlet
    h.normalize();
    h.validate()?;
    Ok(Write::Save(AnyRecord::Hamlet(h)))
}

/// Adds an item to a catalog (id = highest id + 1: ids are never reused,
/// records keep them) or renames one; never removes one.
fn submit_item(form: &Form, ctx: &Ctx, which: Catalog, id: Option<u16>) -> Result<Write, Vec<FieldError>> {
    let field = which.field();
    let text = form.value(field).to_string();
    if text.is_empty() {
        return Err(vec![FieldError::new(field, Problem::Required)]);
    }
    let mut c = ctx.commune.clone();
    if !c.put_catalog_item(which, id, &text) {
        return Err(vec![FieldError::new(field, Problem::UnknownReference)]);
    }
    finish(c, Vec::new())
}

/// The code after the highest numbered one ("T12" -> "T13", keeping the
/// prefix and the width), or nothing if no code ends in a number.
fn next_code(hamlets: &[Hamlet]) -> String {
    let numbered = hamlets.iter().filter_map(|h| {
        let digits = h.code.len() - h.code.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (prefix, num) = h.code.split_at(h.code.len() - digits);
        num.parse::<u32>().ok().map(|n| (n, prefix, digits))
    });
    match numbered.max_by_key(|(n, ..)| *n) {
        Some((n, prefix, width)) => format!("{prefix}{:0width$}", n.saturating_add(1)),
        None => String::new(),
    }
}

/// The kind most hamlets of the commune have ("Thôn" if none yet).
fn usual_kind(hamlets: &[Hamlet]) -> HamletKind {
    let count = |k: &HamletKind| hamlets.iter().filter(|h| h.kind == *k).count();
    HamletKind::ALL.iter().copied().max_by_key(|k| (count(k), std::cmp::Reverse(*k as u8))).unwrap_or(HamletKind::Thon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hamlet(code: &str, kind: HamletKind) -> Hamlet {
        Hamlet::new(code, "x", kind)
    }

    #[test]
    fn the_next_code_follows_the_highest() {
        let hs =
            [hamlet("T01", HamletKind::Thon), hamlet("T09", HamletKind::Thon), hamlet("TDP2", HamletKind::ToDanPho)];
        assert_eq!(next_code(&hs), "T10");
        assert_eq!(next_code(&[hamlet("A", HamletKind::Ap)]), "");
        assert_eq!(next_code(&[]), "");
        assert_eq!(usual_kind(&hs), HamletKind::Thon);
        assert_eq!(usual_kind(&[]), HamletKind::Thon);
        assert_eq!(usual_kind(&[hamlet("K1", HamletKind::KhuPho)]), HamletKind::KhuPho);
    }
}
