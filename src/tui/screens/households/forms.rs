//! The forms of the Households screen: a household, a commitment, a
//! violation. Building fills the fields from the record (or sensible
//! defaults); submitting parses the strings back into a domain value and
//! reports every field it cannot read. The store then validates the value.

use chrono::Datelike;
use tui_input::Input;

use super::super::Ctx;
use super::table::{HamletName, hamlets};
use crate::domain::commitment;
use crate::domain::date::format_dmy;
use crate::domain::{
    Commitment, CommitmentStatus, EntityKind, Field, FieldError, Household, HouseholdStatus, Id, Lang, Problem,
};
use crate::i18n::{self, households::HouseholdsText as T};
use crate::store::StoreError;
use crate::tui::form::{Control, Form, FormKind, Rule};
use crate::tui::write::{AnyRecord, Write};

pub fn build_form(kind: &FormKind, ctx: &Ctx) -> Result<Form, StoreError> {
    match kind {
        FormKind::Household(id) => household_form(kind, *id, ctx),
        FormKind::Commitment { household, id } => commitment_form(kind, *household, *id, ctx),
        FormKind::Violation { commitment } => violation_form(kind, *commitment, ctx),
        _ => Ok(Form::new(kind.clone(), "")),
    }
}

pub fn submit_form(form: &Form, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    match &form.kind {
        FormKind::Household(id) => submit_household(form, *id, ctx),
        FormKind::Commitment { household, id } => submit_commitment(form, *household, *id, ctx),
        FormKind::Violation { commitment } => submit_violation(form, *commitment, ctx),
        _ => Err(Vec::new()),
    }
}

/// Chooses option `index` of a select field (a form preset by a key, such
/// as "refused").
pub fn set_choice(form: &mut Form, field: Field, index: usize) {
    for f in form.fields.iter_mut().filter(|f| f.field == field) {
        if let Control::Select { options, selected } = &mut f.control
            && let Some(label) = options.get(index)
        {
            *selected = index;
            f.input = Input::new(label.clone());
        }
    }
    form.follow();
}

/// Puts `value` in a text field, as a suggestion (typing replaces it).
pub fn set_text(form: &mut Form, field: Field, value: &str) {
    for f in form.fields.iter_mut().filter(|f| f.field == field) {
        f.input = Input::new(value.to_string());
        f.selected = !value.is_empty();
    }
    form.follow();
}

fn not_found(kind: EntityKind, id: Id) -> StoreError {
    StoreError::NotFound { kind, id }
}

/// "Thôn Đông (T01)": unique, since hamlet codes are.
fn hamlet_label(h: &HamletName) -> String {
    format!("{} ({})", h.name, h.code)
}

fn household_status_options(lang: Lang) -> Vec<String> {
    vec![T::Living.get(lang).to_string(), T::MovedOut.get(lang).to_string()]
}

fn household_form(kind: &FormKind, id: Option<Id>, ctx: &Ctx) -> Result<Form, StoreError> {
    let lang = ctx.lang;
    let h = match id {
        Some(id) => ctx.store.get::<Household>(id)?.ok_or(not_found(EntityKind::Household, id))?,
        None => Household::new("", 0, ""),
    };
    let all = hamlets(ctx.store)?;
    let at = all.iter().position(|x| x.id == h.hamlet).unwrap_or(0);
    let title = match id {
        Some(_) => format!("{} {}", T::EditHousehold.get(lang), h.code),
        None => T::NewHousehold.get(lang).to_string(),
    };
    let (status, moved) = match h.status {
        HouseholdStatus::Active => (0, None),
        HouseholdStatus::MovedOut { on } => (1, Some(on)),
    };
    // The moving-out date follows the status: empty while living here, the
    // date it had (or today) once "moved out" is chosen.
    let moved_offer = vec![String::new(), format_dmy(moved.unwrap_or(ctx.today))];
    Ok(Form::new(kind.clone(), title)
        .text(Field::HouseholdCode, lang, &h.code)
        .select(Field::Hamlet, lang, all.iter().map(hamlet_label).collect(), at)
        .text(Field::HeadName, lang, &h.head_name)
        .number(Field::HeadBirthYear, lang, h.head_birth_year.map(i64::from))
        .text(Field::NationalId, lang, h.national_id.as_deref().unwrap_or(""))
        .text(Field::Address, lang, &h.address)
        .number(Field::MemberCount, lang, Some(i64::from(h.members)))
        .text(Field::Phone, lang, h.phone.as_deref().unwrap_or(""))
        .date(Field::LivingSince, lang, h.living_since)
        .select(Field::Status, lang, household_status_options(lang), status)
        .date(Field::MovedOut, lang, moved)
        .follows(Field::Status, Rule::ByOption(moved_offer))
        .text(Field::Notes, lang, &h.notes))
}

/// Collects the problems of one form.
#[derive(Default)]
struct Parse {
    errors: Vec<FieldError>,
}

impl Parse {
    fn take<V>(&mut self, r: Result<V, FieldError>) -> Option<V> {
        r.map_err(|e| self.errors.push(e)).ok()
    }

    /// A whole number that must fit `min..=max` (the store checks the
    /// exact rule; this only keeps it inside the type).
    fn number<N: TryFrom<i64>>(&mut self, form: &Form, field: Field, min: i64, max: i64) -> Option<Option<N>> {
        let n = self.take(form.opt_number(field))?;
        match n.map(N::try_from) {
            None => Some(None),
            Some(Ok(v)) => Some(Some(v)),
            Some(Err(_)) => {
                self.errors.push(FieldError::new(field, Problem::OutOfRange { min, max }));
                None
            }
        }
    }

    fn required<V>(&mut self, field: Field, v: Option<Option<V>>) -> Option<V> {
        match v {
            Some(None) => {
                self.errors.push(FieldError::new(field, Problem::Required));
                None
            }
            Some(Some(v)) => Some(v),
            None => None,
        }
    }

    fn done<V>(self, v: Option<V>) -> Result<V, Vec<FieldError>> {
        match v {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self.errors),
        }
    }
}

fn optional(form: &Form, field: Field) -> Option<String> {
    Some(form.value(field).to_string()).filter(|v| !v.is_empty())
}

fn submit_household(form: &Form, id: Option<Id>, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    let mut p = Parse::default();
    let mut h = match id {
        Some(id) => match ctx.store.get::<Household>(id) {
            Ok(Some(h)) => h,
            _ => return Err(vec![FieldError::new(Field::Household, Problem::UnknownReference)]),
        },
        None => Household::new("", 0, ""),
    };
    let all = hamlets(ctx.store).unwrap_or_default();
    let chosen = form.value(Field::Hamlet);
    match all.iter().find(|x| hamlet_label(x) == chosen) {
        Some(x) => h.hamlet = x.id,
        None => p.errors.push(FieldError::new(Field::Hamlet, Problem::Required)),
    }
    h.code = form.value(Field::HouseholdCode).to_string();
    h.head_name = form.value(Field::HeadName).to_string();
    let this_year = i64::from(ctx.today.year());
    let birth = p.number::<u16>(form, Field::HeadBirthYear, 1900, this_year);
    h.national_id = optional(form, Field::NationalId);
    h.address = form.value(Field::Address).to_string();
    let members = p.number::<u16>(form, Field::MemberCount, 1, 60);
    let members = p.required(Field::MemberCount, members);
    h.phone = optional(form, Field::Phone);
    let since = p.take(form.opt_date(Field::LivingSince));
    // A date left while "living here" is refused, not dropped: what is
    // saved is what the form shows.
    let moved_out = if form.choice(Field::Status) == 1 {
        p.take(form.req_date(Field::MovedOut))
    } else {
        if !form.value(Field::MovedOut).is_empty() {
            p.errors.push(FieldError::new(Field::MovedOut, Problem::NotAllowedForStatus));
        }
        None
    };
    h.set_moved_out(moved_out);
    h.notes = form.value(Field::Notes).to_string();
    let parsed = (birth, members, since);
    let ok = match parsed {
        (Some(birth), Some(members), Some(since)) => {
            h.head_birth_year = birth;
            h.members = members;
            h.living_since = since;
            Some(h)
        }
        _ => None,
    };
    p.done(ok).map(|h| Write::Save(AnyRecord::Household(h)))
}

fn commitment_form(kind: &FormKind, household: Id, id: Option<Id>, ctx: &Ctx) -> Result<Form, StoreError> {
    let lang = ctx.lang;
    let h = ctx.store.get::<Household>(household)?.ok_or(not_found(EntityKind::Household, household))?;
    let c = match id {
        Some(id) => ctx.store.get::<Commitment>(id)?.ok_or(not_found(EntityKind::Commitment, id))?,
        None => {
            let year = u16::try_from(ctx.today.year()).unwrap_or(0);
            commitment::signed_by_head(&h, year, ctx.today, &ctx.commune.default_items())
        }
    };
    let statuses = CommitmentStatus::ALL.iter().map(|s| i18n::commitment_status(lang, *s).to_string()).collect();
    let status = CommitmentStatus::ALL.iter().position(|s| *s == c.status).unwrap_or(0);
    // The items follow the status: a refusal or an absence commits to nothing.
    let signed_items = if c.items.is_empty() { ctx.commune.default_items() } else { c.items.clone() };
    let items = vec![items_text(&signed_items), String::new(), String::new()];
    Ok(Form::new(kind.clone(), format!("{}: {} {}", T::CommitmentTitle.get(lang), h.code, h.head_name))
        .number(Field::Year, lang, Some(i64::from(c.year)))
        .select(Field::Status, lang, statuses, status)
        .date(Field::CommitmentDate, lang, Some(c.date))
        .labels_by(Field::Status, by_status(lang, [T::DateSigned, T::DateRefused, T::DateAbsent]))
        .text(Field::Representative, lang, &c.representative)
        .labels_by(Field::Status, by_status(lang, [T::WhoSigned, T::WhoRefused, T::WhoMet]))
        .text(Field::Witness, lang, &c.witness)
        .text(Field::Reason, lang, &c.reason)
        .text(Field::Items, lang, &items_text(&c.items))
        .follows(Field::Status, Rule::ByOption(items))
        .text(Field::Notes, lang, &c.notes))
}

/// A label per commitment status, in the order of `CommitmentStatus::ALL`.
fn by_status(lang: Lang, labels: [T; 3]) -> Vec<String> {
    labels.iter().map(|t| t.get(lang).to_string()).collect()
}

/// "1, 2, 3": the catalog numbers of the items.
pub fn items_text(items: &[u16]) -> String {
    items.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
}

/// Reads "1, 2, 3" (commas, spaces or semicolons) against the catalog.
fn parse_items(text: &str, ctx: &Ctx) -> Result<Vec<u16>, FieldError> {
    let mut out = Vec::new();
    for part in text.split([',', ';', ' ']).filter(|p| !p.is_empty()) {
        let n: u16 = part.parse().map_err(|_| FieldError::new(Field::Items, Problem::NotANumber))?;
        if !ctx.commune.catalog.iter().any(|i| i.id == n) {
            return Err(FieldError::new(Field::Items, Problem::UnknownReference));
        }
        out.push(n);
    }
    Ok(out)
}

fn submit_commitment(form: &Form, household: Id, id: Option<Id>, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    let mut p = Parse::default();
    let max_year = i64::from(ctx.today.year()) + 1;
    let year = p.number::<u16>(form, Field::Year, 2000, max_year);
    let year = p.required(Field::Year, year);
    let date = p.take(form.req_date(Field::CommitmentDate));
    let items = p.take(parse_items(form.value(Field::Items), ctx));
    let existing = match id {
        Some(id) => match ctx.store.get::<Commitment>(id) {
            Ok(Some(c)) => Some(c),
            _ => return Err(vec![FieldError::new(Field::Year, Problem::UnknownReference)]),
        },
        None => None,
    };
    let built = match (year, date, items) {
        (Some(year), Some(date), Some(items)) => {
            let mut c = existing.unwrap_or_else(|| Commitment::signed(household, year, date, Vec::new()));
            c.year = year;
            c.date = date;
            c.items = items;
            c.status = CommitmentStatus::ALL.get(form.choice(Field::Status)).copied().unwrap_or(c.status);
            c.representative = form.value(Field::Representative).to_string();
            c.witness = form.value(Field::Witness).to_string();
            c.reason = form.value(Field::Reason).to_string();
            c.notes = form.value(Field::Notes).to_string();
            Some(c)
        }
        _ => None,
    };
    p.done(built).map(|c| Write::Save(AnyRecord::Commitment(c)))
}

fn violation_form(kind: &FormKind, commitment: Id, ctx: &Ctx) -> Result<Form, StoreError> {
    let lang = ctx.lang;
    let c = ctx.store.get::<Commitment>(commitment)?.ok_or(not_found(EntityKind::Commitment, commitment))?;
    let h = ctx.store.get::<Household>(c.household)?.ok_or(not_found(EntityKind::Household, c.household))?;
    let title = format!("{} {}: {} {}", T::ViolationTitle.get(lang), c.year, h.code, h.head_name);
    Ok(Form::new(kind.clone(), title).date(Field::ViolationDate, lang, Some(ctx.today)).suggested().text(
        Field::ViolationDescription,
        lang,
        "",
    ))
}

fn submit_violation(form: &Form, commitment: Id, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    let mut p = Parse::default();
    let date = p.take(form.req_date(Field::ViolationDate));
    let description = form.value(Field::ViolationDescription).to_string();
    if description.is_empty() {
        p.errors.push(FieldError::new(Field::ViolationDescription, Problem::Required));
    }
    let mut c = match ctx.store.get::<Commitment>(commitment) {
        Ok(Some(c)) => c,
        _ => return Err(vec![FieldError::new(Field::ViolationDate, Problem::UnknownReference)]),
    };
    let built = date.map(|date| {
        c.record_violation(date, description);
        c
    });
    p.done(built).map(|c| Write::Save(AnyRecord::Commitment(c)))
}
