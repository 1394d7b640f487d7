//! The two forms of this screen. `Case` is the intake page of the log book
//! (and its correction); `CaseStatus` moves a case one step with a date and
//! a note, takes the agreement or each side's demands when it closes, offers
//! a follow-up date after a success and records whether the agreement was
//! kept. Building reads the store; submitting parses the strings into a
//! `MediationCase` and returns the write; the store validates the rest.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::rows::year_of;
use crate::domain::case::{FOLLOW_UP_DAYS, MIN_PARTIES, follow_up_due};
use crate::domain::date::format_dmy;
use crate::domain::{
    CaseCategory, CaseSource, CaseStatus, EntityKind, Field, FieldError, FollowUp, Hamlet, Id, Lang, MediationCase,
    Member, Party, Problem, Team, TeamKind,
};
use crate::i18n::mediation::MediationText as T;
use crate::i18n::{self};
use crate::store::StoreError;
use crate::tui::form::{Form, FormKind, Rule};
use crate::tui::screens::Ctx;
use crate::tui::write::{AnyRecord, Write};

/// In the order of the source select.
const SOURCES: [CaseSource; 3] = [CaseSource::PartyRequest, CaseSource::MediatorObserved, CaseSource::CommuneReferred];
/// Party rows offered on a new case: two required, a third optional.
const PARTY_ROWS: usize = 3;
/// Mediator selects offered.
const MEDIATOR_SLOTS: usize = 3;
/// In the order of the "agreement kept" select.
const KEPT: [Option<bool>; 3] = [None, Some(true), Some(false)];

pub fn source_label(lang: Lang, s: CaseSource) -> &'static str {
    crate::i18n::history::source(lang, s)
}

pub fn build(kind: &FormKind, ctx: &Ctx) -> Result<Form, StoreError> {
    match kind {
        FormKind::Case(None) => intake(ctx, None),
        FormKind::Case(Some(id)) => {
            let case = load(ctx, *id)?;
            case_form(ctx, Some(&case), Some(case.hamlet))
        }
        FormKind::CaseStatus { case } => Ok(progress_form(ctx, &load(ctx, *case)?)),
        other => Ok(Form::new(other.clone(), "")),
    }
}

pub fn submit(form: &Form, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    match form.kind {
        FormKind::Case(id) => submit_case(form, ctx, id),
        FormKind::CaseStatus { case } => submit_progress(form, ctx, case),
        _ => Err(Vec::new()),
    }
}

/// A new case; `hamlet` (the hamlet filter, if set) is chosen first and
/// its mediation team listed first.
pub fn intake(ctx: &Ctx, hamlet: Option<Id>) -> Result<Form, StoreError> {
    case_form(ctx, None, hamlet)
}

fn load(ctx: &Ctx, id: Id) -> Result<MediationCase, StoreError> {
    ctx.store.get::<MediationCase>(id)?.ok_or(StoreError::NotFound { kind: EntityKind::Case, id })
}

/// Hamlets in code order: the options of the hamlet select.
fn hamlets(ctx: &Ctx) -> Result<Vec<Hamlet>, StoreError> {
    let mut all = ctx.store.all::<Hamlet>()?;
    all.sort_by(|a, b| a.code.cmp(&b.code).then(a.id.cmp(&b.id)));
    Ok(all)
}

/// Relabels the last field added and gives it a row.
fn tag(mut form: Form, label: String, row: Option<usize>) -> Form {
    if let Some(f) = form.fields.last_mut() {
        f.label = label;
        f.row = row;
    }
    form
}

/// The trimmed text of the field of `row`.
fn value_at(form: &Form, field: Field, row: usize) -> &str {
    form.fields.iter().find(|f| f.field == field && f.row == Some(row)).map_or("", |f| f.input.value().trim())
}

fn rows_of(form: &Form, field: Field) -> usize {
    form.fields.iter().filter(|f| f.field == field).filter_map(|f| f.row).max().unwrap_or(0)
}

/// A mediator the selects offer: a member of an active mediation team.
struct Choice {
    id: Id,
    label: String,
    hamlet: Option<Id>,
}

/// Active members of the commune's active mediation teams, plus `keep`
/// (mediators already on the case, even if they have left since), each
/// with a label unique among them: "Lê Thị Hoa · Tổ hòa giải thôn Đông".
fn mediator_choices(ctx: &Ctx, keep: &[Id]) -> Result<Vec<Choice>, StoreError> {
    let mut teams: Vec<Team> = ctx.store.all::<Team>()?;
    teams.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let mut out = Choices::default();
    for team in teams.iter().filter(|t| t.kind == TeamKind::Mediation) {
        let active_team = team.is_active_on(ctx.today);
        for m in ctx.store.members_of_team(team.id)? {
            if (active_team && m.is_active_on(ctx.today)) || keep.contains(&m.id) {
                out.push(&m, team);
            }
        }
    }
    let missing: Vec<Id> = keep.iter().copied().filter(|id| !out.list.iter().any(|c| c.id == *id)).collect();
    for m in ctx.store.get_many::<Member>(&missing)? {
        if let Some(team) = ctx.store.get::<Team>(m.team)? {
            out.push(&m, &team);
        }
    }
    Ok(out.list)
}

#[derive(Default)]
struct Choices {
    list: Vec<Choice>,
    labels: HashSet<String>,
}

impl Choices {
    /// Adds a mediator, numbering a label already taken ("... (2)").
    fn push(&mut self, m: &Member, team: &Team) {
        let base = format!("{} · {}", m.full_name, team.name);
        let mut label = base.clone();
        for n in 2.. {
            if !self.labels.contains(&label) {
                break;
            }
            label = format!("{base} ({n})");
        }
        self.labels.insert(label.clone());
        self.list.push(Choice { id: m.id, label, hamlet: team.hamlet });
    }
}

fn case_form(ctx: &Ctx, case: Option<&MediationCase>, hamlet: Option<Id>) -> Result<Form, StoreError> {
    let lang = ctx.lang;
    let title = if case.is_some() { T::FormEdit } else { T::FormNew };
    let title = match case {
        Some(c) => format!("{} {}", title.get(lang), c.number()),
        None => title.get(lang).to_string(),
    };
    let hamlets = hamlets(ctx)?;
    let hamlet_ix = hamlet.and_then(|h| hamlets.iter().position(|x| x.id == h)).unwrap_or(0);
    let source_ix = case.and_then(|c| SOURCES.iter().position(|s| *s == c.source)).unwrap_or(0);
    let category_ix = case.and_then(|c| CaseCategory::ALL.iter().position(|k| *k == c.category)).unwrap_or(0);
    let mut form = Form::new(FormKind::Case(case.map(|c| c.id)), title).date(
        Field::Received,
        lang,
        Some(case.map_or(ctx.today, |c| c.received)),
    );
    if case.is_none() {
        form = form.suggested();
    }
    let form = form
        .select(Field::Source, lang, SOURCES.iter().map(|s| source_label(lang, *s).to_string()).collect(), source_ix)
        .select(Field::Hamlet, lang, hamlets.iter().map(Hamlet::display_name).collect(), hamlet_ix)
        .select(
            Field::Category,
            lang,
            CaseCategory::ALL.iter().map(|c| i18n::case_category(lang, *c).to_string()).collect(),
            category_ix,
        );
    let mut form = party_fields(form, lang, case.map_or(&[][..], |c| &c.parties));
    form = form.text(Field::Content, lang, case.map_or("", |c| &c.content));
    let hamlet = hamlets.get(hamlet_ix).map(|h| h.id);
    form = mediator_fields(form, ctx, case, hamlet)?;
    let invited = case.map(|c| c.invited.join("; ")).unwrap_or_default();
    form = tag(form.text(Field::Invited, lang, &invited), T::InvitedHint.get(lang).to_string(), None);
    // Assigned once a mediator is chosen (on the day it was, or today),
    // empty while none is: an assignment names its mediator.
    let assigned = format_dmy(case.and_then(|c| c.assigned).unwrap_or(ctx.today));
    Ok(form
        .date(Field::Assigned, lang, case.and_then(|c| c.assigned))
        .follows(Field::Mediators, Rule::WhenChosen(assigned)))
}

/// Name, age and address of each party: rows 1 and 2, an optional row 3,
/// and as many more as the case already has.
fn party_fields(mut form: Form, lang: Lang, parties: &[Party]) -> Form {
    for row in 1..=parties.len().max(PARTY_ROWS) {
        let p = parties.get(row - 1);
        let head = match row {
            r if r > MIN_PARTIES => format!("{} {row} {}", T::Party.get(lang), T::IfAny.get(lang)),
            _ => format!("{} {row}", T::Party.get(lang)),
        };
        let label = |what: T| format!("{head}: {}", what.get(lang));
        let age = p.and_then(|p| p.age).map(i64::from);
        form = tag(form.text(Field::PartyName, lang, p.map_or("", |p| &p.name)), label(T::PartyName), Some(row));
        form = tag(form.number(Field::PartyAge, lang, age), label(T::PartyAge), Some(row));
        let address = p.map_or("", |p| &p.address);
        form = tag(form.text(Field::PartyAddress, lang, address), label(T::PartyAddress), Some(row));
    }
    form
}

/// A select per mediator slot: "—" then the mediators, those of `hamlet`'s
/// teams first.
fn mediator_fields(
    mut form: Form,
    ctx: &Ctx,
    case: Option<&MediationCase>,
    hamlet: Option<Id>,
) -> Result<Form, StoreError> {
    let lang = ctx.lang;
    let current = case.map_or(&[][..], |c| &c.mediators);
    let mut choices = mediator_choices(ctx, current)?;
    choices.sort_by_key(|c| hamlet.is_none() || c.hamlet != hamlet);
    let options: Vec<String> =
        std::iter::once(T::NoMediator.get(lang).to_string()).chain(choices.iter().map(|c| c.label.clone())).collect();
    for slot in 1..=current.len().max(MEDIATOR_SLOTS) {
        let selected =
            current.get(slot - 1).and_then(|id| choices.iter().position(|c| c.id == *id)).map_or(0, |i| i + 1);
        let label = format!("{} {slot}", T::Mediator.get(lang));
        form = tag(form.select(Field::Mediators, lang, options.clone(), selected), label, Some(slot));
    }
    Ok(form)
}

fn submit_case(form: &Form, ctx: &Ctx, id: Option<Id>) -> Result<Write, Vec<FieldError>> {
    let old = match id {
        Some(id) => {
            Some(load(ctx, id).map_err(|_| vec![FieldError::new(Field::CaseNumber, Problem::UnknownReference)])?)
        }
        None => None,
    };
    let mut errors = Vec::new();
    let received = form.req_date(Field::Received).map_err(|e| errors.push(e)).ok();
    let assigned = form.opt_date(Field::Assigned).map_err(|e| errors.push(e)).ok().flatten();
    let hamlet = hamlets(ctx).ok().and_then(|hs| hs.get(form.choice(Field::Hamlet)).map(|h| h.id));
    if hamlet.is_none() {
        errors.push(FieldError::new(Field::Hamlet, Problem::Required));
    }
    let parties = parties(form, old.as_ref(), &mut errors);
    let mediators = mediators(form, ctx, old.as_ref(), &mut errors);
    let (Some(received), Some(hamlet), true) = (received, hamlet, errors.is_empty()) else { return Err(errors) };
    let category = CaseCategory::ALL.get(form.choice(Field::Category)).copied().unwrap_or(CaseCategory::Other);
    let mut case = old.unwrap_or_else(|| MediationCase::new(received, hamlet, category, Vec::new()));
    case.received = received;
    // A case moved to another year is numbered anew there by the store.
    case.year = year_of(received);
    case.source = SOURCES.get(form.choice(Field::Source)).copied().unwrap_or(CaseSource::PartyRequest);
    case.hamlet = hamlet;
    case.category = category;
    case.parties = parties;
    case.content = form.value(Field::Content).to_string();
    case.mediators = mediators;
    case.invited =
        form.value(Field::Invited).split(';').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
    case.assigned = assigned;
    Ok(Write::Save(AnyRecord::Case(Box::new(case))))
}

/// The parties typed; a row past the second left blank is no party. A
/// party keeps its household link while its name is unchanged.
fn parties(form: &Form, old: Option<&MediationCase>, errors: &mut Vec<FieldError>) -> Vec<Party> {
    let mut out = Vec::new();
    for row in 1..=rows_of(form, Field::PartyName) {
        let (name, age, address) = (
            value_at(form, Field::PartyName, row),
            value_at(form, Field::PartyAge, row),
            value_at(form, Field::PartyAddress, row),
        );
        if row > MIN_PARTIES && name.is_empty() && age.is_empty() && address.is_empty() {
            continue;
        }
        let age = match age {
            "" => None,
            a => match a.parse::<i64>() {
                Ok(n @ 1..=120) => u8::try_from(n).ok(),
                Ok(_) => {
                    errors.push(FieldError::in_row(Field::PartyAge, row, Problem::OutOfRange { min: 1, max: 120 }));
                    None
                }
                Err(_) => {
                    errors.push(FieldError::in_row(Field::PartyAge, row, Problem::NotANumber));
                    None
                }
            },
        };
        let before = old.and_then(|c| c.parties.get(row - 1)).filter(|p| p.name == name);
        let household = before.and_then(|p| p.household);
        out.push(Party { name: name.to_string(), age, address: address.to_string(), household });
    }
    out
}

/// The mediators chosen, each once, in slot order.
fn mediators(form: &Form, ctx: &Ctx, old: Option<&MediationCase>, errors: &mut Vec<FieldError>) -> Vec<Id> {
    let keep = old.map_or(&[][..], |c| &c.mediators);
    let choices = mediator_choices(ctx, keep).unwrap_or_default();
    let none = T::NoMediator.get(ctx.lang);
    let mut out = Vec::new();
    for slot in 1..=rows_of(form, Field::Mediators) {
        match value_at(form, Field::Mediators, slot) {
            "" => {}
            label if label == none => {}
            label => match choices.iter().find(|c| c.label == label) {
                Some(c) if !out.contains(&c.id) => out.push(c.id),
                Some(_) => {}
                None => errors.push(FieldError::in_row(Field::Mediators, slot, Problem::UnknownReference)),
            },
        }
    }
    out
}

/// The steps a case may take next, in log-book order.
fn next_steps(status: CaseStatus) -> Vec<CaseStatus> {
    CaseStatus::ALL.into_iter().filter(|s| status.can_move_to(*s)).collect()
}

/// The progress form. An open case must move (its next step is chosen
/// first); a closed one may keep its status to correct the agreement or
/// record the follow-up, or be reopened.
fn progress_form(ctx: &Ctx, case: &MediationCase) -> Form {
    let lang = ctx.lang;
    let steps = next_steps(case.status);
    let closed = !case.status.is_open();
    let keep = closed.then(|| T::KeepStatus.get(lang).to_string());
    let options: Vec<String> =
        keep.into_iter().chain(steps.iter().map(|s| i18n::case_status(lang, *s).to_string())).collect();
    let default = match case.status {
        CaseStatus::Received => steps.iter().position(|s| *s == CaseStatus::InProgress).unwrap_or(0),
        CaseStatus::InProgress => steps.iter().position(|s| *s == CaseStatus::Successful).unwrap_or(0),
        _ => 0,
    };
    let title = format!("{} {}", T::FormProgress.get(lang), case.number());
    let label = |t: T| t.get(lang).to_string();
    let mut form = Form::new(FormKind::CaseStatus { case: case.id }, title);
    form = tag(form.select(Field::Status, lang, options, default), label(T::StepTo), None);
    form = tag(form.date(Field::Closed, lang, Some(ctx.today)).suggested(), label(T::StepDate), None);
    form = tag(form.text(Field::Notes, lang, ""), label(T::StepNote), None);
    form = tag(form.text(Field::Agreement, lang, &case.agreement), label(T::AgreementOrDemands), None);
    if !closed {
        // Offered 30 days after the step's date, and moved with it.
        let offer = form.date(Field::FollowUpDate, lang, follow_up_due(ctx.today));
        return tag(offer.follows(Field::Closed, Rule::DaysAfter(FOLLOW_UP_DAYS)), label(T::FollowUpDue), None);
    }
    if case.status != CaseStatus::Successful {
        return form;
    }
    let f = case.follow_up.as_ref();
    let kept_ix = f.and_then(|f| KEPT.iter().position(|k| *k == f.kept)).unwrap_or(0);
    let kept = vec![label(T::KeptUnknown), label(T::KeptYes), label(T::KeptNo)];
    form = tag(form.date(Field::FollowUpDate, lang, f.map(|f| f.due)), label(T::FollowUpDue), None);
    if f.is_none() {
        // A result recorded without a date is dated today, on screen.
        let today = format_dmy(ctx.today);
        form = form.follows(Field::FollowUpKept, Rule::ByOption(vec![String::new(), today.clone(), today]));
    }
    form = form.select(Field::FollowUpKept, lang, kept, kept_ix);
    form.text(Field::FollowUpNote, lang, f.map_or("", |f| &f.note))
}

fn submit_progress(form: &Form, ctx: &Ctx, id: Id) -> Result<Write, Vec<FieldError>> {
    let mut case = load(ctx, id).map_err(|_| vec![FieldError::new(Field::Status, Problem::UnknownReference)])?;
    let next = chosen_step(form, ctx.lang).map_err(|e| vec![e])?;
    let agreement = form.value(Field::Agreement).to_string();
    let note = form.value(Field::Notes).to_string();
    if let Some(next) = next {
        let date = form.req_date(Field::Closed).map_err(|e| vec![e])?;
        check_step(&case, next, date, ctx.today, &agreement, &note)?;
        case.move_to(next, date, &note).map_err(|p| vec![FieldError::new(Field::Status, p)])?;
        if !next.is_open() && !note.is_empty() {
            case.outcome_notes = note;
        }
        if next == CaseStatus::Successful {
            case.follow_up = offered_follow_up(form).map_err(|e| vec![e])?;
        }
    } else if case.status == CaseStatus::Successful {
        case.follow_up = follow_up_result(form).map_err(|e| vec![e])?;
    }
    case.agreement = agreement;
    Ok(Write::Save(AnyRecord::Case(Box::new(case))))
}

/// The step chosen: `None` keeps the status of a closed case.
fn chosen_step(form: &Form, lang: Lang) -> Result<Option<CaseStatus>, FieldError> {
    let label = form.value(Field::Status);
    if label == T::KeepStatus.get(lang) {
        return Ok(None);
    }
    CaseStatus::ALL
        .into_iter()
        .find(|s| i18n::case_status(lang, *s) == label)
        .map(Some)
        .ok_or(FieldError::new(Field::Status, Problem::BadTransition))
}

/// A step's date and what closing needs: the agreement for a success, each
/// side's demands for a failure, a note saying where a transferred case
/// went or why it was withdrawn.
fn check_step(
    case: &MediationCase,
    next: CaseStatus,
    date: NaiveDate,
    today: NaiveDate,
    agreement: &str,
    note: &str,
) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if date > today {
        errors.push(FieldError::new(Field::Closed, Problem::DateInFuture));
    } else if let Some((field, problem)) = case.step_date_problem(next, date) {
        errors.push(FieldError::new(field, problem));
    }
    match next {
        CaseStatus::Successful | CaseStatus::Unsuccessful if agreement.is_empty() => {
            errors.push(FieldError::new(Field::Agreement, Problem::Required));
        }
        CaseStatus::Transferred | CaseStatus::Withdrawn if note.is_empty() && case.outcome_notes.is_empty() => {
            errors.push(FieldError::new(Field::Notes, Problem::Required));
        }
        _ => {}
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// The follow-up set when a case closes with success: the date the form
/// shows (offered 30 days after the step's date, and kept so as that date
/// changes, unless the clerk typed another or none).
fn offered_follow_up(form: &Form) -> Result<Option<FollowUp>, FieldError> {
    let due = form.opt_date(Field::FollowUpDate)?;
    Ok(due.map(|due| FollowUp { due, kept: None, note: String::new() }))
}

/// The follow-up of a successful case as the form now says. A result needs
/// its date (the form offers today once a result is chosen).
fn follow_up_result(form: &Form) -> Result<Option<FollowUp>, FieldError> {
    let due = form.opt_date(Field::FollowUpDate)?;
    let kept = KEPT.get(form.choice(Field::FollowUpKept)).copied().flatten();
    let note = form.value(Field::FollowUpNote).to_string();
    match due {
        Some(due) => Ok(Some(FollowUp { due, kept, note })),
        None if kept.is_some() || !note.is_empty() => Err(FieldError::new(Field::FollowUpDate, Problem::Required)),
        None => Ok(None),
    }
}
