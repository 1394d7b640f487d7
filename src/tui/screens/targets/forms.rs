//! The forms of the Targets screen: a model, a model's review of a year,
//! and an outreach session (its attendance is ticked on the screen after).
//! Building reads the store; submitting parses the strings into the record
//! (through the domain's one way to review or to attend) and returns the
//! write.

use chrono::Datelike;

use crate::domain::text::fold;
use crate::domain::{Commune, Field, FieldError, Hamlet, Id, Model, Outreach, Problem, Review, Team, Verdict};
use crate::i18n::targets;
use crate::i18n::targets_screen::TargetsText as T;
use crate::store::{Record, StoreError};
use crate::tui::form::{Form, FormKind};
use crate::tui::screens::Ctx;
use crate::tui::write::{AnyRecord, Write};

pub fn build_form(kind: &FormKind, ctx: &Ctx) -> Result<Form, StoreError> {
    match *kind {
        FormKind::Model(id) => {
            let model = id.map(|id| get::<Model>(ctx, id)).transpose()?;
            model_form(ctx, model.as_ref())
        }
        FormKind::ModelReview { model, year } => Ok(review_form(ctx, &get::<Model>(ctx, model)?, year)),
        FormKind::Outreach(id) => {
            let session = id.map(|id| get::<Outreach>(ctx, id)).transpose()?;
            session_form(ctx, session.as_ref())
        }
        _ => Ok(Form::new(kind.clone(), "")),
    }
}

pub fn submit_form(form: &Form, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    let record = match form.kind {
        FormKind::Model(id) => AnyRecord::Model(submit_model(form, ctx, id)?),
        FormKind::ModelReview { model, .. } => AnyRecord::Model(submit_review(form, ctx, model)?),
        FormKind::Outreach(id) => AnyRecord::Outreach(submit_session(form, ctx, id)?),
        _ => return Err(Vec::new()),
    };
    Ok(Write::Save(record))
}

fn get<R: Record>(ctx: &Ctx, id: Id) -> Result<R, StoreError> {
    ctx.store.get::<R>(id)?.ok_or(StoreError::NotFound { kind: R::KIND, id })
}

fn gone(field: Field) -> Vec<FieldError> {
    vec![FieldError::new(field, Problem::UnknownReference)]
}

/// The value, or its default after recording the error.
fn keep<V: Default>(errors: &mut Vec<FieldError>, r: Result<V, FieldError>) -> V {
    r.unwrap_or_else(|e| {
        errors.push(e);
        V::default()
    })
}

fn hamlets(ctx: &Ctx) -> Result<Vec<Hamlet>, StoreError> {
    let mut all = ctx.store.all::<Hamlet>()?;
    all.sort_by(|a, b| a.code.cmp(&b.code).then(a.id.cmp(&b.id)));
    Ok(all)
}

fn teams(ctx: &Ctx) -> Result<Vec<Team>, StoreError> {
    let mut all = ctx.store.all::<Team>()?;
    all.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(all)
}

/// The kinds offered: the active ones, and the model's own even if retired.
fn kinds(commune: &Commune, current: Option<u16>) -> Vec<(u16, String)> {
    let kept = |i: &&crate::domain::CatalogItem| i.active || Some(i.id) == current;
    commune.model_kinds.iter().filter(kept).map(|i| (i.id, i.text.clone())).collect()
}

fn model_form(ctx: &Ctx, model: Option<&Model>) -> Result<Form, StoreError> {
    let lang = ctx.lang;
    let title = match model {
        Some(m) => format!("{}: {}", T::EditModel.get(lang), m.name),
        None => T::NewModel.get(lang).to_string(),
    };
    let kinds = kinds(ctx.commune, model.map(|m| m.kind));
    let kind = model.and_then(|m| kinds.iter().position(|(id, _)| *id == m.kind)).unwrap_or(0);
    let hamlets = hamlets(ctx)?;
    let mut places = vec![T::CommuneWide.get(lang).to_string()];
    places.extend(hamlets.iter().map(Hamlet::display_name));
    let place = model.and_then(|m| m.hamlet).and_then(|h| hamlets.iter().position(|x| x.id == h)).map_or(0, |i| i + 1);
    let teams = teams(ctx)?;
    let mut team_names = vec![T::NoTeam.get(lang).to_string()];
    team_names.extend(teams.iter().map(|t| t.name.clone()));
    let team = model.and_then(|m| m.team).and_then(|t| teams.iter().position(|x| x.id == t)).map_or(0, |i| i + 1);
    Ok(Form::new(FormKind::Model(model.map(|m| m.id)), title)
        .text(Field::ModelName, lang, model.map_or("", |m| &m.name))
        .select(Field::ModelKind, lang, kinds.into_iter().map(|(_, t)| t).collect(), kind)
        .select(Field::Hamlet, lang, places, place)
        .date(Field::ModelStarted, lang, Some(model.map_or(ctx.today, |m| m.started)))
        .select(Field::Team, lang, team_names, team)
        .text(Field::Notes, lang, model.map_or("", |m| &m.notes)))
}

fn submit_model(form: &Form, ctx: &Ctx, id: Option<Id>) -> Result<Model, Vec<FieldError>> {
    let mut model = match id {
        Some(id) => get::<Model>(ctx, id).map_err(|_| gone(Field::ModelName))?,
        None => Model::new("", 0, None, ctx.today),
    };
    let kinds = kinds(ctx.commune, id.map(|_| model.kind));
    let hamlets = hamlets(ctx).map_err(|_| gone(Field::Hamlet))?;
    let teams = teams(ctx).map_err(|_| gone(Field::Team))?;
    let mut errors = Vec::new();
    model.name = form.value(Field::ModelName).to_string();
    match kinds.get(form.choice(Field::ModelKind)) {
        Some((kind, _)) => model.kind = *kind,
        None => errors.push(FieldError::new(Field::ModelKind, Problem::Required)),
    }
    model.hamlet = form.choice(Field::Hamlet).checked_sub(1).and_then(|i| hamlets.get(i)).map(|h| h.id);
    model.started = keep(&mut errors, form.req_date(Field::ModelStarted).map(Some)).unwrap_or(ctx.today);
    model.team = form.choice(Field::Team).checked_sub(1).and_then(|i| teams.get(i)).map(|t| t.id);
    model.notes = form.value(Field::Notes).to_string();
    if errors.is_empty() { Ok(model) } else { Err(errors) }
}

fn review_form(ctx: &Ctx, model: &Model, year: u16) -> Form {
    let lang = ctx.lang;
    let review = model.review(year);
    let verdicts = Verdict::ALL.iter().map(|v| targets::verdict(lang, *v).to_string()).collect();
    let verdict = review.and_then(|r| Verdict::ALL.iter().position(|v| *v == r.verdict)).unwrap_or(0);
    let date = review.map_or(Some(ctx.today), |r| r.date);
    Form::new(
        FormKind::ModelReview { model: model.id, year },
        format!("{} {year}: {}", T::ReviewTitle.get(lang), model.name),
    )
    .number(Field::ReviewYear, lang, Some(i64::from(year)))
    .select(Field::Verdict, lang, verdicts, verdict)
    .date(Field::ReviewDate, lang, date)
    .text(Field::ReviewReason, lang, review.map_or("", |r| &r.reason))
}

fn submit_review(form: &Form, ctx: &Ctx, id: Id) -> Result<Model, Vec<FieldError>> {
    let mut model = get::<Model>(ctx, id).map_err(|_| gone(Field::ModelName))?;
    let mut errors = Vec::new();
    let year = keep(&mut errors, form.opt_number(Field::ReviewYear)).unwrap_or(i64::from(ctx.today.year()));
    let Ok(year) = u16::try_from(year) else {
        return Err(vec![FieldError::new(Field::ReviewYear, Problem::OutOfRange { min: 2000, max: 9999 })]);
    };
    let verdict = Verdict::ALL.get(form.choice(Field::Verdict)).copied().unwrap_or(Verdict::Effective);
    let date = keep(&mut errors, form.opt_date(Field::ReviewDate));
    let reason = form.value(Field::ReviewReason).to_string();
    model.set_review(Review { year, verdict, date, reason });
    if errors.is_empty() { Ok(model) } else { Err(errors) }
}

fn session_form(ctx: &Ctx, session: Option<&Outreach>) -> Result<Form, StoreError> {
    let lang = ctx.lang;
    let title = match session {
        Some(s) => format!("{}: {}", T::EditSession.get(lang), s.topic),
        None => T::NewSession.get(lang).to_string(),
    };
    let hamlets = hamlets(ctx)?;
    let codes = match session {
        Some(s) => hamlets.iter().filter(|h| s.hamlets.contains(&h.id)).map(|h| h.code.clone()).collect::<Vec<_>>(),
        None => Vec::new(),
    };
    let mut form = Form::new(FormKind::Outreach(session.map(|s| s.id)), title)
        .date(Field::OutreachDate, lang, Some(session.map_or(ctx.today, |s| s.date)))
        .text(Field::Hamlet, lang, &codes.join(", "))
        .text(Field::Topic, lang, session.map_or("", |s| &s.topic))
        .text(Field::Speaker, lang, session.map_or("", |s| &s.speaker))
        .number(Field::HeadCount, lang, session.map(|s| i64::from(s.head_count)))
        .text(Field::Notes, lang, session.map_or("", |s| &s.notes));
    if let Some(f) = form.fields.get_mut(1) {
        f.label = T::HamletCodes.get(lang).to_string();
    }
    Ok(form)
}

/// The hamlets typed: codes (or names) separated by commas or semicolons.
fn parse_hamlets(text: &str, hamlets: &[Hamlet]) -> Result<Vec<Id>, FieldError> {
    let mut out = Vec::new();
    for part in text.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
        let wanted = fold(part);
        let found = hamlets
            .iter()
            .find(|h| h.code.eq_ignore_ascii_case(part))
            .or_else(|| hamlets.iter().find(|h| fold(&h.name) == wanted || fold(&h.display_name()) == wanted));
        match found {
            Some(h) => out.push(h.id),
            None => return Err(FieldError::new(Field::Hamlet, Problem::UnknownReference)),
        }
    }
    Ok(out)
}

fn submit_session(form: &Form, ctx: &Ctx, id: Option<Id>) -> Result<Outreach, Vec<FieldError>> {
    let mut session = match id {
        Some(id) => get::<Outreach>(ctx, id).map_err(|_| gone(Field::Topic))?,
        None => Outreach::new(ctx.today, Vec::new(), ""),
    };
    let hamlets = hamlets(ctx).map_err(|_| gone(Field::Hamlet))?;
    let mut errors = Vec::new();
    session.date = keep(&mut errors, form.req_date(Field::OutreachDate).map(Some)).unwrap_or(ctx.today);
    session.hamlets = keep(&mut errors, parse_hamlets(form.value(Field::Hamlet), &hamlets));
    session.topic = form.value(Field::Topic).to_string();
    session.speaker = form.value(Field::Speaker).to_string();
    let count = keep(&mut errors, form.opt_number(Field::HeadCount)).unwrap_or(0);
    match u32::try_from(count) {
        Ok(n) => session.head_count = n,
        Err(_) => errors.push(FieldError::new(Field::HeadCount, Problem::OutOfRange { min: 0, max: 1_000_000 })),
    }
    session.notes = form.value(Field::Notes).to_string();
    if errors.is_empty() { Ok(session) } else { Err(errors) }
}
