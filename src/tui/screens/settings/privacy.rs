//! Settings' two privacy sections, for the administrator:
//!
//! - "Lưu giữ dữ liệu": how many years personal data of moved-out
//!   households, members who left and closed cases is kept (e edits), and
//!   "Xóa dữ liệu hết hạn" (p): a preview naming the records by code, then
//!   the existing purge after a confirmation.
//! - "Yêu cầu về dữ liệu cá nhân": the data subjects' register, overdue
//!   requests marked; n adds, e (or Enter) edits.
//!
//! Like every screen, nothing here writes: forms and the confirmation hand
//! a `Write::Privacy` to the app, which applies it (`tui::write`).

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::date::format_dmy;
use crate::domain::operator::{PrivacySettings, Retention};
use crate::domain::request::{DataRequest, RequestKind, RequestStatus};
use crate::domain::retention::Retained;
use crate::domain::{Field, FieldError, Id, Lang, Problem};
use crate::i18n::retention::{self as words, RetainText};
use crate::i18n::settings::SettingsText as T;
use crate::store::StoreError;
use crate::tui::fit::cut;
use crate::tui::form::{Form, FormKind, Rule};
use crate::tui::screens::{Ctx, Effect};
use crate::tui::theme::Theme;
use crate::tui::write::{PrivacyWrite, Write};

/// What the two sections show, read when Settings is refreshed.
#[derive(Clone, Debug, Default)]
pub struct Privacy {
    pub retention: Retention,
    pub requests: Vec<DataRequest>,
    pub sel: usize,
    pub today: Option<NaiveDate>,
}

impl Privacy {
    pub fn load(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        self.retention = ctx.store.privacy()?.retention;
        self.requests = ctx.store.requests()?;
        self.sel = self.sel.min(self.requests.len().saturating_sub(1));
        self.today = Some(ctx.today);
        Ok(())
    }

    pub fn selected(&self) -> Option<&DataRequest> {
        self.requests.get(self.sel)
    }

    pub fn step(&mut self, delta: isize) {
        self.sel = self.sel.saturating_add_signed(delta).min(self.requests.len().saturating_sub(1));
    }
}

/// p: the records past their retention, and a question before erasing.
pub fn purge_question(ctx: &Ctx) -> Result<Effect, StoreError> {
    let due = ctx.store.expired(ctx.today)?;
    if due.is_empty() {
        return Ok(Effect::Status(RetainText::NoneDue.get(ctx.lang).to_string()));
    }
    let mut question = String::new();
    for kind in Retained::ALL {
        let refs: Vec<String> = due.iter().filter(|r| r.kind == kind).map(|r| r.reference.clone()).take(6).collect();
        let n = due.iter().filter(|r| r.kind == kind).count();
        if n > 0 {
            let more = if n > refs.len() { ", …" } else { "" };
            let n = crate::i18n::number(ctx.lang, n);
            let line = format!("{}: {n} ({}{more})", words::kind(ctx.lang, kind), refs.join(", "));
            question.push_str(&line);
            question.push('\n');
        }
    }
    question.push_str(&words::purge_question(ctx.lang, due.len()));
    Ok(Effect::Confirm { question, write: Write::Privacy(PrivacyWrite::PurgeExpired(due)) })
}

pub fn retention_form(r: &Retention, lang: Lang) -> Form {
    Form::new(FormKind::Retention, RetainText::RetentionForm.get(lang))
        .number(Field::RetentionMovedOut, lang, Some(r.moved_out_years.into()))
        .number(Field::RetentionLeftMember, lang, Some(r.left_member_years.into()))
        .number(Field::RetentionClosedCase, lang, Some(r.closed_case_years.into()))
}

pub fn submit_retention(form: &Form) -> Result<Write, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut years = |field: Field| match form.opt_number(field) {
        Ok(Some(n)) => u8::try_from(n).unwrap_or(0),
        Ok(None) => {
            errors.push(FieldError::new(field, Problem::Required));
            1
        }
        Err(e) => {
            errors.push(e);
            1
        }
    };
    let retention = Retention {
        moved_out_years: years(Field::RetentionMovedOut),
        left_member_years: years(Field::RetentionLeftMember),
        closed_case_years: years(Field::RetentionClosedCase),
    };
    let settings = PrivacySettings { retention, ..PrivacySettings::default() };
    if let Err(more) = settings.validate() {
        errors.extend(more);
    }
    if errors.is_empty() { Ok(Write::Privacy(PrivacyWrite::Retention(retention))) } else { Err(errors) }
}

/// The form of a new request (`None`), or of one of the register.
pub fn request_form(id: Option<Id>, ctx: &Ctx) -> Result<Form, StoreError> {
    let lang = ctx.lang;
    let r = match id {
        Some(id) => ctx.store.request(id)?.ok_or_else(|| StoreError::Storage(format!("request {id}")))?,
        None => DataRequest::new(ctx.today, "", RequestKind::See),
    };
    let title = if id.is_some() { RetainText::EditRequest } else { RetainText::NewRequest };
    let kinds = RequestKind::ALL.iter().map(|k| words::request_kind(lang, *k).to_string()).collect();
    let statuses = RequestStatus::ALL.iter().map(|s| words::request_status(lang, *s).to_string()).collect();
    let kind_at = RequestKind::ALL.iter().position(|k| *k == r.kind).unwrap_or(0);
    let status_at = RequestStatus::ALL.iter().position(|s| *s == r.status).unwrap_or(0);
    let mut form = Form::new(FormKind::Request(id), title.get(lang))
        .date(Field::RequestReceived, lang, Some(r.received))
        .text(Field::RequestPerson, lang, &r.person)
        .select(Field::RequestKind, lang, kinds, kind_at)
        .date(Field::AcknowledgeBy, lang, Some(r.acknowledge_by))
        .hint(RetainText::HolidaysHint.get(lang));
    if id.is_none() {
        form = form.follows(Field::RequestReceived, Rule::WorkingDaysAfter(2));
    }
    form = form.date(Field::ActBy, lang, Some(r.act_by));
    if id.is_none() {
        form = form.follows(Field::RequestReceived, Rule::DaysAfter(crate::domain::request::ACT_DAYS));
    }
    let mut form = form
        .select(Field::RequestStatus, lang, statuses, status_at)
        .text(Field::Answer, lang, &r.answer)
        .date(Field::Answered, lang, r.answered);
    form.settle();
    Ok(form)
}

pub fn submit_request(form: &Form, id: Option<Id>, ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut date = |field: Field| match form.req_date(field) {
        Ok(d) => d,
        Err(e) => {
            errors.push(e);
            ctx.today
        }
    };
    let received = date(Field::RequestReceived);
    let acknowledge_by = date(Field::AcknowledgeBy);
    let act_by = date(Field::ActBy);
    let answered = form.opt_date(Field::Answered).unwrap_or_else(|e| {
        errors.push(e);
        None
    });
    let kind = RequestKind::ALL.get(form.choice(Field::RequestKind)).copied().unwrap_or(RequestKind::See);
    let mut r = DataRequest::new(received, form.value(Field::RequestPerson), kind);
    r.id = id.unwrap_or(0);
    r.acknowledge_by = acknowledge_by;
    r.act_by = act_by;
    r.status = RequestStatus::ALL.get(form.choice(Field::RequestStatus)).copied().unwrap_or(RequestStatus::Received);
    r.answer = form.value(Field::Answer).to_string();
    r.answered = answered;
    r.normalize();
    if let Err(more) = r.validate(ctx.today) {
        let parsed_badly: Vec<Field> = errors.iter().map(|e| e.field).collect();
        errors.extend(more.into_iter().filter(|e| !parsed_badly.contains(&e.field)));
    }
    if errors.is_empty() { Ok(Write::Privacy(PrivacyWrite::Request(r))) } else { Err(errors) }
}

/// The retention section: the three periods, and what p does.
pub fn render_retention(p: &Privacy, lang: Lang, area: Rect, buf: &mut Buffer) -> T {
    let r = &p.retention;
    let rows = [
        (Field::RetentionMovedOut, r.moved_out_years),
        (Field::RetentionLeftMember, r.left_member_years),
        (Field::RetentionClosedCase, r.closed_case_years),
    ];
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(f, years)| {
            Line::from(vec![
                Span::styled(format!("{}: ", crate::i18n::field(lang, *f)), Theme::header()),
                Span::styled(years.to_string(), Theme::header().add_modifier(Modifier::BOLD)),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled(" p ", Theme::key()),
        Span::raw(format!(" {}", RetainText::PurgeExpiredKey.get(lang))),
    ]));
    lines.push(Line::styled(RetainText::PurgeExpiredNote.get(lang), Theme::dim()));
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(area, buf);
    T::HintRetention
}

/// The register: two lines per request (who, then what and by when),
/// the selected one marked, overdue ones in red with a "!".
pub fn render_requests(p: &Privacy, focused: bool, lang: Lang, area: Rect, buf: &mut Buffer) -> T {
    if p.requests.is_empty() {
        Paragraph::new(Line::styled(RetainText::NoRequests.get(lang), Theme::dim()))
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return T::HintRequests;
    }
    let fits = usize::from(area.height / 2).max(1);
    let first = (p.sel + 1).saturating_sub(fits);
    let width = usize::from(area.width);
    let lines: Vec<Line> = p
        .requests
        .iter()
        .enumerate()
        .skip(first)
        .take(fits)
        .flat_map(|(i, r)| request_lines(r, p.today, focused && i == p.sel, lang, width))
        .collect();
    Paragraph::new(lines).render(area, buf);
    T::HintRequests
}

fn request_lines(
    r: &DataRequest,
    today: Option<NaiveDate>,
    selected: bool,
    lang: Lang,
    width: usize,
) -> [Line<'static>; 2] {
    let overdue = today.is_some_and(|t| r.is_overdue(t));
    let mark = format!("{}{}", if selected { "▸" } else { " " }, if overdue { "!" } else { " " });
    let (word, day) = match (r.status, r.answered) {
        (RequestStatus::Received, _) => (words::due_word(lang), Some(r.acknowledge_by)),
        (s, answered) if s.is_closed() => (words::answered_word(lang), answered),
        _ => (words::due_word(lang), Some(r.act_by)),
    };
    let who = format!("{mark}{:>3} {} {}", r.id, format_dmy(r.received), r.person);
    let what = format!(
        "    {} · {} · {word} {}",
        words::request_kind(lang, r.kind),
        words::request_status(lang, r.status),
        day.map(format_dmy).unwrap_or_default(),
    );
    let style = match (selected, overdue) {
        (true, _) => Theme::selected(),
        (false, true) => Theme::bad(),
        (false, false) => ratatui::style::Style::new(),
    };
    [Line::styled(cut(&who, width), style), Line::styled(cut(&what, width), style)]
}
