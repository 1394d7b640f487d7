//! One case in full, as the log book page reads: dates, parties, mediators
//! and invited persons, content, agreement, outcome, follow-up and the steps
//! it went through (who changed the record is its change history, `h`).
//! Loaded from the store when opened; drawn from this data alone.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::forms::source_label;
use crate::domain::date::format_dmy;
use crate::domain::warnings::{Warning, case_flags};
use crate::domain::{Field, Hamlet, Id, Lang, MediationCase, Member, Team};
use crate::i18n::mediation::MediationText as T;
use crate::i18n::{self};
use crate::store::StoreError;
use crate::tui::fit::leading_parts;
use crate::tui::screens::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::heading;

/// Lines scrolled by PageUp / PageDown in the detail.
pub const PAGE: usize = 10;

#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    pub case: MediationCase,
    pub hamlet: String,
    /// "Lê Thị Hoa (Tổ hòa giải thôn Đông)".
    pub mediators: Vec<String>,
    pub flags: Vec<Warning>,
    /// The day the detail was loaded: an open case's days count to it.
    pub today: NaiveDate,
    /// First line shown.
    pub scroll: usize,
}

impl Detail {
    /// The case `id` with the names it refers to; `None` if it is gone.
    pub fn load(ctx: &Ctx, id: Id) -> Result<Option<Detail>, StoreError> {
        let Some(case) = ctx.store.get::<MediationCase>(id)? else { return Ok(None) };
        let hamlet = ctx.store.get::<Hamlet>(case.hamlet)?.map(|h| h.display_name()).unwrap_or_default();
        let mut mediators = Vec::with_capacity(case.mediators.len());
        for m in ctx.store.get_many::<Member>(&case.mediators)? {
            let team = ctx.store.get::<Team>(m.team)?.map(|t| t.name).unwrap_or_default();
            mediators.push(format!("{} ({team})", m.full_name));
        }
        let flags = case_flags(&case, &ctx.commune.settings, ctx.today);
        Ok(Some(Detail { case, hamlet, mediators, flags, today: ctx.today, scroll: 0 }))
    }

    /// Moves the first shown line by `delta`, within the text.
    pub fn scroll_by(&mut self, delta: isize, lang: Lang) {
        let last = self.lines(lang).len().saturating_sub(1);
        self.scroll = self.scroll.saturating_add_signed(delta).min(last);
    }

    pub fn scroll_to(&mut self, line: usize, lang: Lang) {
        self.scroll = 0;
        self.scroll_by(isize::try_from(line).unwrap_or(isize::MAX), lang);
    }

    pub fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        let c = &self.case;
        let title = format!(" {} {} · {} ", T::Detail.get(lang), c.number(), i18n::case_status(lang, c.status));
        // Its keys, as many as fit whole under the border's corners.
        let hint = leading_parts(T::DetailHint.get(lang), " · ", usize::from(area.width.saturating_sub(4)));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(Theme::border())
            .title(Span::styled(title, Theme::title()))
            .title_bottom(Span::styled(format!(" {hint} "), Theme::dim()));
        let scroll = u16::try_from(self.scroll).unwrap_or(u16::MAX);
        Paragraph::new(self.lines(lang)).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)).render(area, buf);
    }

    /// The whole page: facts paired on lines, then the parties, the texts
    /// and the steps (long lines wrap when drawn).
    pub fn lines(&self, lang: Lang) -> Vec<Line<'static>> {
        let c = &self.case;
        let f = |field: Field| i18n::field(lang, field);
        let date = |d: Option<NaiveDate>| d.map_or_else(|| T::Nothing.get(lang).to_string(), format_dmy);
        let mut out = vec![
            pairs(&[
                (f(Field::Received), format_dmy(c.received)),
                (f(Field::Source), source_label(lang, c.source).to_string()),
            ]),
            pairs(&[
                (f(Field::Hamlet), self.hamlet.clone()),
                (f(Field::Category), i18n::case_category(lang, c.category).to_string()),
            ]),
            pairs(&[
                (f(Field::Assigned), date(c.assigned)),
                (f(Field::Started), date(c.started)),
                (f(Field::Closed), date(c.closed)),
            ]),
            pairs(&[(f(Field::Status), self.status_words(lang))]),
        ];
        for w in &self.flags {
            out.push(Line::from(Span::styled(format!("! {}", i18n::warning(lang, *w)), Theme::bad())));
        }
        out.push(heading(f(Field::Parties)));
        for (i, p) in c.parties.iter().enumerate() {
            let mut words = vec![p.name.clone()];
            words.extend(p.age.map(|a| format!("{a} {}", T::Age.get(lang))));
            words.extend((!p.address.is_empty()).then(|| p.address.clone()));
            out.push(Line::from(format!("  {}. {}", i + 1, words.join(", "))));
        }
        out.push(pairs(&[(f(Field::Mediators), listed(&self.mediators, lang))]));
        out.push(pairs(&[(T::Invited.get(lang), listed(&c.invited, lang))]));
        out.push(heading(f(Field::Content)));
        out.extend(block(&c.content, lang));
        out.push(heading(T::AgreementOrDemands.get(lang)));
        out.extend(block(&c.agreement, lang));
        out.push(heading(T::Outcome.get(lang)));
        out.extend(block(&c.outcome_notes, lang));
        out.push(pairs(&[(T::FollowUp.get(lang), self.follow_up_words(lang))]));
        out.push(heading(T::Steps.get(lang)));
        out.extend(or_nothing(
            c.history.iter().map(|h| {
                let note = if h.note.is_empty() { String::new() } else { format!(" · {}", h.note) };
                format!("  {} {}{note}", format_dmy(h.date), i18n::case_status(lang, h.status))
            }),
            lang,
        ));
        out
    }

    /// "Đang hòa giải (đang mở 45 ngày)", "Hòa giải thành (giải quyết trong 9 ngày)".
    fn status_words(&self, lang: Lang) -> String {
        let c = &self.case;
        let (how, end) = match c.closed {
            Some(end) => (T::TookDays, end),
            None => (T::OpenFor, self.today),
        };
        let days = (end - c.received).num_days().max(0);
        let days = i18n::number(lang, days);
        format!("{} ({} {days} {})", i18n::case_status(lang, c.status), how.get(lang), T::Days.get(lang))
    }

    fn follow_up_words(&self, lang: Lang) -> String {
        let Some(f) = &self.case.follow_up else { return T::Nothing.get(lang).to_string() };
        let kept = match f.kept {
            None => T::KeptUnknown,
            Some(true) => T::KeptYes,
            Some(false) => T::KeptNo,
        };
        let mut words = format!("{} {} · {}", T::Due.get(lang), format_dmy(f.due), kept.get(lang));
        if !f.note.is_empty() {
            words.push_str(&format!(" · {}", f.note));
        }
        words
    }
}

/// "Label: value · Label: value" on one line.
fn pairs(items: &[(&str, String)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (label, value)) in items.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", Theme::dim()));
        }
        spans.push(Span::styled(format!("{label}: "), Theme::header()));
        spans.push(Span::raw(value.clone()));
    }
    Line::from(spans)
}

/// Names joined with "; ", or "—".
fn listed(list: &[String], lang: Lang) -> String {
    if list.is_empty() { T::Nothing.get(lang).to_string() } else { list.join("; ") }
}

/// The lines, or one "—" when there are none.
fn or_nothing(lines: impl Iterator<Item = String>, lang: Lang) -> Vec<Line<'static>> {
    let out: Vec<Line<'static>> = lines.map(Line::from).collect();
    if out.is_empty() { vec![Line::from(format!("  {}", T::Nothing.get(lang)))] } else { out }
}

/// A text that may hold several lines, indented.
fn block(text: &str, lang: Lang) -> Vec<Line<'static>> {
    if text.is_empty() {
        return vec![Line::styled(format!("  {}", T::Nothing.get(lang)), Style::new())];
    }
    text.lines().map(|l| Line::from(format!("  {l}"))).collect()
}
