//! The forms of the Teams screen: a team, a member (also used, with the
//! leaving date filled in, to retire one, and, prefilled from the old record,
//! for the second step of a move), and a training. Building reads the store;
//! submitting parses the strings into a record and returns the write.

use tui_input::Input;

use super::rows;
use crate::domain::{
    Departure, Field, FieldError, Gender, Household, Id, Member, Problem, Role, Team, TeamKind, TeamStatus, Training,
};
use crate::i18n::teams::TeamsText;
use crate::i18n::{self, Say};
use crate::store::{Record, StoreError};
use crate::tui::form::{Control, Form, FormKind, Rule};
use crate::tui::screens::Ctx;
use crate::tui::write::{AnyRecord, Write};

const GENDERS: [Option<Gender>; 3] = [Some(Gender::Male), Some(Gender::Female), None];

pub fn build_form(kind: &FormKind, ctx: &Ctx) -> Result<Form, StoreError> {
    match kind {
        FormKind::Team(id) => {
            let team = id.map(|id| get::<Team>(ctx, id)).transpose()?;
            team_form(ctx, team.as_ref())
        }
        FormKind::Member { team, id } => {
            let team = get::<Team>(ctx, *team)?;
            let member = id.map(|id| get::<Member>(ctx, id)).transpose()?;
            member_form(ctx, &team, member.as_ref(), None)
        }
        FormKind::Training { member } => Ok(training_form(ctx, &get::<Member>(ctx, *member)?)),
        _ => Ok(Form::new(kind.clone(), "")),
    }
}

pub fn submit_form(form: &Form, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    let record = match form.kind {
        FormKind::Team(id) => AnyRecord::Team(submit_team(form, ctx, id)?),
        FormKind::Member { team, id } => AnyRecord::Member(submit_member(form, ctx, team, id)?),
        FormKind::Training { member } => AnyRecord::Member(submit_training(form, ctx, member)?),
        _ => return Err(Vec::new()),
    };
    Ok(Write::Save(record))
}

fn get<R: Record>(ctx: &Ctx, id: Id) -> Result<R, StoreError> {
    ctx.store.get::<R>(id)?.ok_or(StoreError::NotFound { kind: R::KIND, id })
}

/// A record the form is about vanished (or cannot be read): said on `field`.
fn gone(field: Field) -> Vec<FieldError> {
    vec![FieldError::new(field, Problem::UnknownReference)]
}

fn team_form(ctx: &Ctx, team: Option<&Team>) -> Result<Form, StoreError> {
    let lang = ctx.lang;
    let hamlets = rows::hamlets(ctx.store)?;
    let title = match team {
        Some(t) => format!("{}: {}", TeamsText::EditTeam.get(lang), t.name),
        None => TeamsText::NewTeam.get(lang).to_string(),
    };
    let kinds = TeamKind::ALL.iter().map(|k| i18n::team_kind(lang, *k).to_string()).collect();
    let kind = team.and_then(|t| TeamKind::ALL.iter().position(|k| *k == t.kind)).unwrap_or(0);
    let mut places = vec![i18n::say(lang, Say::CommuneWide).to_string()];
    places.extend(hamlets.iter().map(|(_, name)| name.clone()));
    let place =
        team.and_then(|t| t.hamlet).and_then(|h| hamlets.iter().position(|(id, _)| *id == h)).map_or(0, |i| i + 1);
    let statuses = vec![i18n::say(lang, Say::Active).to_string(), i18n::say(lang, Say::Dissolved).to_string()];
    let dissolved = match team.map(|t| t.status) {
        Some(TeamStatus::Dissolved { on }) => Some(on),
        _ => None,
    };
    Ok(Form::new(FormKind::Team(team.map(|t| t.id)), title)
        .text(Field::TeamName, lang, team.map_or("", |t| &t.name))
        .select(Field::TeamKind, lang, kinds, kind)
        .select(Field::Hamlet, lang, places, place)
        .date(Field::Established, lang, team.and_then(|t| t.established))
        .select(Field::Status, lang, statuses, usize::from(dissolved.is_some()))
        .date(Field::Dissolved, lang, dissolved)
        // Empty while active; the day it was dissolved (or today) once chosen.
        .follows(Field::Status, Rule::ByOption(vec![String::new(), date_text(dissolved.unwrap_or(ctx.today))])))
}

fn date_text(d: chrono::NaiveDate) -> String {
    crate::domain::date::format_dmy(d)
}

fn submit_team(form: &Form, ctx: &Ctx, id: Option<Id>) -> Result<Team, Vec<FieldError>> {
    let hamlets = rows::hamlets(ctx.store).map_err(|_| gone(Field::Hamlet))?;
    let mut team = match id {
        Some(id) => get::<Team>(ctx, id).map_err(|_| gone(Field::TeamName))?,
        None => Team::new("", TeamKind::Security, None),
    };
    let mut errors = Vec::new();
    team.name = form.value(Field::TeamName).to_string();
    team.kind = TeamKind::ALL.get(form.choice(Field::TeamKind)).copied().unwrap_or(TeamKind::Other);
    team.hamlet = form.choice(Field::Hamlet).checked_sub(1).and_then(|i| hamlets.get(i)).map(|(id, _)| *id);
    team.established = keep(&mut errors, form.opt_date(Field::Established));
    let dissolved = form.opt_date(Field::Dissolved);
    team.status = match (form.choice(Field::Status), dissolved) {
        (_, Err(e)) => fail(&mut errors, e),
        (0, Ok(None)) => TeamStatus::Active,
        (0, Ok(Some(_))) => fail(&mut errors, FieldError::new(Field::Dissolved, Problem::NotAllowedForStatus)),
        (_, Ok(Some(on))) => TeamStatus::Dissolved { on },
        (_, Ok(None)) => fail(&mut errors, FieldError::new(Field::Dissolved, Problem::Required)),
    };
    if errors.is_empty() { Ok(team) } else { Err(errors) }
}

/// Records an error and carries on with the team active.
fn fail(errors: &mut Vec<FieldError>, e: FieldError) -> TeamStatus {
    errors.push(e);
    TeamStatus::Active
}

/// The value, or its default after recording the error.
fn keep<T: Default>(errors: &mut Vec<FieldError>, r: Result<T, FieldError>) -> T {
    r.unwrap_or_else(|e| {
        errors.push(e);
        T::default()
    })
}

/// Roles offered in a team of `kind`: tổ trưởng / tổ phó / tổ viên, or tổ
/// trưởng / hòa giải viên in a mediation team; a member's current role stays
/// offered even where it does not belong (imported data).
pub fn role_options(kind: TeamKind, current: Option<Role>) -> Vec<Role> {
    let mut roles = match kind {
        TeamKind::Mediation => vec![Role::Leader, Role::Mediator],
        _ => vec![Role::Leader, Role::Deputy, Role::Member],
    };
    if let Some(r) = current.filter(|r| !roles.contains(r)) {
        roles.push(r);
    }
    roles
}

fn default_role(kind: TeamKind) -> Role {
    if kind == TeamKind::Mediation { Role::Mediator } else { Role::Member }
}

/// The member form for `team`: editing `member`, or a new member, prefilled
/// with the person's details from `template` when moving them from another
/// team (joined today, role and decision left to fill).
pub fn member_form(
    ctx: &Ctx,
    team: &Team,
    member: Option<&Member>,
    template: Option<&Member>,
) -> Result<Form, StoreError> {
    let lang = ctx.lang;
    let person = member.or(template);
    let roles = role_options(team.kind, member.map(|m| m.role));
    let role = member.map_or(default_role(team.kind), |m| m.role);
    let role_labels = roles.iter().map(|r| i18n::role(lang, *r).to_string()).collect();
    let genders = [TeamsText::Male, TeamsText::Female, TeamsText::UnknownGender];
    let gender = GENDERS.iter().position(|g| *g == person.and_then(|m| m.gender)).unwrap_or(2);
    let household = match person.and_then(|m| m.household) {
        Some(id) => ctx.store.get::<Household>(id)?.map(|h| h.code).unwrap_or_default(),
        None => String::new(),
    };
    let heading = if member.is_some() { TeamsText::EditMember } else { TeamsText::NewMember };
    let left = member.and_then(|m| m.left.as_ref());
    let form = Form::new(
        FormKind::Member { team: team.id, id: member.map(|m| m.id) },
        format!("{}: {}", heading.get(lang), team.name),
    )
    .text(Field::FullName, lang, person.map_or("", |m| &m.full_name))
    .date(Field::BirthDate, lang, person.and_then(|m| m.birth_date))
    .select(Field::Gender, lang, genders.iter().map(|g| g.get(lang).to_string()).collect(), gender)
    .text(Field::Phone, lang, person.and_then(|m| m.phone.as_deref()).unwrap_or(""))
    .text(Field::NationalId, lang, person.and_then(|m| m.national_id.as_deref()).unwrap_or(""))
    .select(Field::Role, lang, role_labels, roles.iter().position(|r| *r == role).unwrap_or(0))
    .text(Field::DecisionNumber, lang, member.map_or("", |m| &m.decision_number))
    .date(Field::DecisionDate, lang, member.and_then(|m| m.decision_date))
    .date(Field::Joined, lang, Some(member.map_or(ctx.today, |m| m.joined)))
    .text(Field::Household, lang, &household)
    .date(Field::Left, lang, left.map(|l| l.on))
    .text(Field::LeftReason, lang, left.map_or("", |l| &l.reason));
    Ok(relabel(form, Field::Household, TeamsText::HouseholdCode.get(lang)))
}

fn submit_member(form: &Form, ctx: &Ctx, team: Id, id: Option<Id>) -> Result<Member, Vec<FieldError>> {
    let t = get::<Team>(ctx, team).map_err(|_| gone(Field::Team))?;
    let mut m = match id {
        Some(id) => get::<Member>(ctx, id).map_err(|_| gone(Field::FullName))?,
        None => Member::new(team, "", default_role(t.kind), ctx.today),
    };
    let mut errors = Vec::new();
    let roles = role_options(t.kind, id.map(|_| m.role));
    m.full_name = form.value(Field::FullName).to_string();
    m.birth_date = keep(&mut errors, form.opt_date(Field::BirthDate));
    m.gender = GENDERS.get(form.choice(Field::Gender)).copied().flatten();
    m.phone = optional(form.value(Field::Phone));
    m.national_id = optional(form.value(Field::NationalId));
    m.role = roles.get(form.choice(Field::Role)).copied().unwrap_or(m.role);
    m.decision_number = form.value(Field::DecisionNumber).to_string();
    m.decision_date = keep(&mut errors, form.opt_date(Field::DecisionDate));
    match form.req_date(Field::Joined) {
        Ok(d) => m.joined = d,
        Err(e) => errors.push(e),
    }
    m.household = household(form, ctx, &mut errors);
    m.left = match (form.opt_date(Field::Left), form.value(Field::LeftReason)) {
        (Ok(Some(on)), reason) => Some(Departure { on, reason: reason.to_string() }),
        (Ok(None), "") => None,
        (Ok(None), _) => {
            errors.push(FieldError::new(Field::Left, Problem::Required));
            None
        }
        (Err(e), _) => {
            errors.push(e);
            None
        }
    };
    if errors.is_empty() { Ok(m) } else { Err(errors) }
}

fn optional(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// The household whose code was typed; an unknown code is an error on the field.
fn household(form: &Form, ctx: &Ctx, errors: &mut Vec<FieldError>) -> Option<Id> {
    let code = form.value(Field::Household);
    if code.is_empty() {
        return None;
    }
    match ctx.store.household_by_code(code) {
        Ok(Some(h)) => Some(h.id),
        _ => {
            errors.push(FieldError::new(Field::Household, Problem::UnknownReference));
            None
        }
    }
}

fn training_form(ctx: &Ctx, m: &Member) -> Form {
    let lang = ctx.lang;
    let results = vec![TeamsText::Passed.get(lang).to_string(), TeamsText::NotPassed.get(lang).to_string()];
    Form::new(FormKind::Training { member: m.id }, format!("{}: {}", TeamsText::NewTraining.get(lang), m.full_name))
        .date(Field::TrainingDate, lang, Some(ctx.today))
        .suggested()
        .text(Field::TrainingCourse, lang, "")
        .select(Field::Passed, lang, results, 0)
}

fn submit_training(form: &Form, ctx: &Ctx, member: Id) -> Result<Member, Vec<FieldError>> {
    let mut m = get::<Member>(ctx, member).map_err(|_| gone(Field::TrainingCourse))?;
    let date = form.req_date(Field::TrainingDate).map_err(|e| vec![e])?;
    let course = form.value(Field::TrainingCourse).to_string();
    if course.is_empty() {
        return Err(vec![FieldError::new(Field::TrainingCourse, Problem::Required)]);
    }
    m.trainings.push(Training { date, course, passed: form.choice(Field::Passed) == 0 });
    Ok(m)
}

/// Turns an edit form into "retire this member": leaving today unless a
/// date is there already, the focus on that date.
pub fn retire(form: &mut Form, ctx: &Ctx, name: &str) {
    form.title = format!("{}: {name}", TeamsText::RetireMember.get(ctx.lang));
    if let Some(i) = form.fields.iter().position(|f| f.field == Field::Left) {
        if form.fields[i].input.value().trim().is_empty() {
            form.fields[i].input = Input::new(crate::domain::date::format_dmy(ctx.today));
            form.fields[i].selected = true;
        }
        form.focus = i;
    }
}

/// Chooses option `index` of a select field (a new team takes the kind and
/// place the list is filtered by).
pub fn choose(form: &mut Form, field: Field, index: usize) {
    let Some(f) = form.fields.iter_mut().find(|f| f.field == field) else { return };
    if let Control::Select { options, selected } = &mut f.control
        && let Some(label) = options.get(index)
    {
        *selected = index;
        f.input = Input::new(label.clone());
    }
    form.follow();
}

fn relabel(mut form: Form, field: Field, label: &str) -> Form {
    if let Some(f) = form.fields.iter_mut().find(|f| f.field == field) {
        f.label = label.to_string();
    }
    form
}
