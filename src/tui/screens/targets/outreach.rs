//! The Outreach tab: the year's sessions, newest first, filtered by hamlet
//! (`t`), under the reach they add up to: the distinct active households
//! reached in the year, of the hamlet chosen or of the commune, against the
//! plan's target, as the targets table (`report::summarize`) counts them. Enter (or `a`) opens a
//! session's attendance: its hamlets' households, ticked with Space, all
//! with `a`, none with `u`, saved with Ctrl+S. A session just recorded opens
//! there directly.

use std::collections::HashMap;

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

use super::shared::{Place, Shared, moved, permille, place_name};
use crate::domain::date::format_dmy;
use crate::domain::{EntityKind, Household, Id, Lang, Outreach};
use crate::i18n::reports::percent;
use crate::i18n::targets_screen::TargetsText as T;
use crate::store::StoreError;
use crate::tui::Action;
use crate::tui::action::TargetAction as A;
use crate::tui::fit::{column_widths, cut, cut_line};
use crate::tui::form::FormKind;
use crate::tui::screens::{Ctx, Effect, Target};
use crate::tui::theme::Theme;
use crate::tui::write::{AnyRecord, Write};

#[derive(Default)]
pub struct Sessions {
    /// The year's sessions, newest first.
    all: Vec<Outreach>,
    places: Vec<Place>,
    /// Active households of each hamlet in the year.
    active: HashMap<Id, Vec<Id>>,
    hamlet: Option<Id>,
    shown: Vec<usize>,
    selected: usize,
    /// Distinct active households reached, and active households, in the
    /// hamlet chosen or the commune: the targets table's figures.
    reach: (usize, usize),
    /// The commune's reach and the plan's target (%).
    commune_reach: (u32, u32, u16),
    attendance: Option<Attendance>,
}

/// A session's households being ticked.
struct Attendance {
    session: Outreach,
    /// Its hamlets' households (code, head, address), in code order.
    list: Vec<(Id, String, String, String)>,
    selected: usize,
    dirty: bool,
    /// Esc was pressed once with marks not saved.
    leaving: bool,
    /// Ctrl+S was pressed: the next refresh closes the list if it saved.
    saving: bool,
}

impl Sessions {
    pub fn attending(&self) -> bool {
        self.attendance.is_some()
    }

    pub fn refresh(&mut self, ctx: &Ctx, shared: &Shared) -> Result<(), StoreError> {
        let keep = self.current().map(|s| s.id);
        self.places = shared.places.clone();
        self.active = shared.households.clone();
        self.commune_reach = shared.reach;
        let year = i32::from(shared.year);
        // A hamlet head sees the sessions held in their hamlet only.
        let grant = ctx.grant;
        let everywhere = grant.role != crate::domain::access::OperatorRole::HamletHead;
        let sees = |s: &Outreach| everywhere || s.hamlets.iter().any(|h| grant.sees_hamlet(*h));
        let mut all = ctx.store.all_where::<Outreach>(|s| s.date.year() == year && sees(s))?;
        all.sort_by_key(|s| std::cmp::Reverse((s.date, s.id)));
        self.all = all;
        self.apply_filter(keep);
        self.settle_attendance(ctx)
    }

    /// After a save of the attendance, the list closes if the stored
    /// session is now what was ticked; a session deleted closes it too.
    fn settle_attendance(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        let Some(a) = &mut self.attendance else { return Ok(()) };
        let stored = ctx.store.get::<Outreach>(a.session.id)?;
        match stored {
            None => self.attendance = None,
            Some(s) if a.saving && s.households == a.session.households => self.attendance = None,
            Some(s) => {
                a.saving = false;
                // Anything else about the session (an edit) is taken as stored.
                a.session = Outreach { households: a.session.households.clone(), ..s };
            }
        }
        Ok(())
    }

    fn apply_filter(&mut self, keep: Option<Id>) {
        let hamlet = self.hamlet;
        self.shown = (0..self.all.len()).filter(|i| hamlet.is_none_or(|h| self.all[*i].hamlets.contains(&h))).collect();
        let found = keep.and_then(|id| self.shown.iter().position(|i| self.all[*i].id == id));
        self.selected = found.unwrap_or(self.selected).min(self.shown.len().saturating_sub(1));
        let (got, of, _) = self.commune_reach;
        self.reach = match hamlet.and_then(|h| self.places.iter().find(|p| p.id == h)) {
            Some(p) => (p.reached as usize, p.active as usize),
            None => (got as usize, of as usize),
        };
    }

    /// The one hamlet of the session being ticked or selected (`None`:
    /// several hamlets, or none selected).
    pub fn hamlet(&self) -> Option<Id> {
        let session = self.attendance.as_ref().map(|a| &a.session).or_else(|| self.current())?;
        match session.hamlets.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    fn current(&self) -> Option<&Outreach> {
        self.shown.get(self.selected).and_then(|i| self.all.get(*i))
    }

    /// Opens the attendance of session `id` (a session just recorded, or
    /// one opened from elsewhere).
    pub fn open(&mut self, ctx: &Ctx, id: Id) -> Result<(), StoreError> {
        let Some(session) = ctx.store.get::<Outreach>(id)? else { return Ok(()) };
        if let Some(i) = self.shown.iter().position(|i| self.all[*i].id == id) {
            self.selected = i;
        }
        let mut ids: Vec<Id> = Vec::new();
        for h in session.hamlets.iter().filter(|h| ctx.grant.sees_hamlet(**h)) {
            ids.extend(ctx.store.households_in_hamlet(*h)?);
        }
        let mut households: Vec<Household> = ctx.store.get_many(&ids)?;
        households.retain(|h| h.is_active_on(session.date) || session.attended(h.id));
        households.sort_by(|a, b| a.code.cmp(&b.code));
        let list = households.into_iter().map(|h| (h.id, h.code, h.head_name, h.address)).collect();
        self.attendance = Some(Attendance { session, list, selected: 0, dirty: false, leaving: false, saving: false });
        Ok(())
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx) -> Result<Effect, StoreError> {
        if self.attendance.is_some() {
            return Ok(self.attendance_key(action, ctx.lang));
        }
        let current = self.current().map(|s| (s.id, format_dmy(s.date), s.topic.clone()));
        let lang = ctx.lang;
        if let Some(i) = moved(&action, self.selected) {
            return Ok(self.go(i));
        }
        Ok(match (action, current) {
            (Action::Targets(A::ByHamlet), c) => {
                let ids: Vec<Id> = self.places.iter().map(|p| p.id).collect();
                let i = self.hamlet.and_then(|h| ids.iter().position(|x| *x == h));
                self.hamlet = match i {
                    None => ids.first().copied(),
                    Some(i) => ids.get(i + 1).copied(),
                };
                self.apply_filter(c.map(|c| c.0));
                Effect::None
            }
            (Action::Back, c) if self.hamlet.is_some() => {
                self.hamlet = None;
                self.apply_filter(c.map(|c| c.0));
                Effect::Status(T::FiltersCleared.get(lang).to_string())
            }
            (Action::New, _) => super::form(FormKind::Outreach(None), ctx)?,
            (Action::Edit, Some((id, _, _))) => super::form(FormKind::Outreach(Some(id)), ctx)?,
            (Action::Open | Action::Targets(A::Attendance), Some((id, _, _))) => {
                self.open(ctx, id)?;
                Effect::None
            }
            (Action::Delete, Some((id, date, _))) => Effect::Confirm {
                question: T::ConfirmDeleteSession.get(lang).replace("{}", &date),
                write: Write::Delete(EntityKind::Outreach, id),
            },
            (Action::History, Some((id, date, topic))) => Effect::History {
                title: format!("{date} {topic}"),
                records: vec![Target { kind: EntityKind::Outreach, id }],
            },
            _ => Effect::None,
        })
    }

    fn go(&mut self, i: usize) -> Effect {
        self.selected = i.min(self.shown.len().saturating_sub(1));
        Effect::None
    }

    fn attendance_key(&mut self, action: Action, lang: Lang) -> Effect {
        let Some(a) = &mut self.attendance else { return Effect::None };
        let last = a.list.len().saturating_sub(1);
        let mut leaving = false;
        if let Some(i) = moved(&action, a.selected) {
            a.selected = i.min(last);
            return Effect::None;
        }
        match action {
            Action::Targets(A::Toggle) => {
                if let Some((id, ..)) = a.list.get(a.selected) {
                    let present = !a.session.attended(*id);
                    a.session.set_attended(*id, present);
                    a.selected = (a.selected + 1).min(last);
                    a.dirty = true;
                }
            }
            Action::Targets(A::AllPresent | A::NonePresent) => {
                let present = action == Action::Targets(A::AllPresent);
                for (id, ..) in &a.list {
                    a.session.set_attended(*id, present);
                }
                a.dirty = true;
            }
            Action::Targets(A::Save) => {
                a.saving = true;
                return Effect::Write(Write::Save(AnyRecord::Outreach(a.session.clone())));
            }
            Action::Back if a.dirty && !a.leaving => {
                a.leaving = true;
                return Effect::Status(T::DiscardAttendance.get(lang).to_string());
            }
            Action::Back => leaving = true,
            _ => {}
        }
        if leaving {
            self.attendance = None;
        } else if let Some(a) = &mut self.attendance {
            a.leaving = false;
        }
        Effect::None
    }

    pub fn render(&self, lang: Lang, year: u16, area: Rect, buf: &mut Buffer) {
        if let Some(a) = &self.attendance {
            self.render_attendance(a, lang, area, buf);
            return;
        }
        let [top, table, info] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
        Paragraph::new(cut_line(self.reach_line(lang, year), usize::from(top.width))).render(top, buf);
        if self.shown.is_empty() {
            Paragraph::new(Span::styled(T::NoSessions.get(lang), Theme::dim())).render(table, buf);
        } else {
            self.render_table(lang, table, buf);
        }
        let text = self.current().map(|s| self.session_line(s, lang)).unwrap_or_default();
        Paragraph::new(cut_line(Line::from(Span::raw(text)), usize::from(info.width))).render(info, buf);
    }

    /// "t Thôn: Tất cả · 1.234/1.500 hộ được tuyên truyền (82,2%) · chỉ tiêu 75%".
    fn reach_line(&self, lang: Lang, year: u16) -> Line<'static> {
        let place = place_name(&self.places, self.hamlet, true);
        let (got, of) = self.reach;
        let rate = permille(got, of);
        let target = self.commune_reach.2;
        let met = of > 0 && got * 100 >= usize::from(target) * of;
        let style = if met { Theme::good() } else { Theme::warn() };
        Line::from(vec![
            Span::styled("t", Theme::key()),
            Span::styled(format!(" {}: ", T::ColHamlet.get(lang)), Theme::header()),
            match place {
                Some(p) => Span::styled(p, Theme::warn()),
                None => Span::raw(T::All.get(lang)),
            },
            Span::styled(" · ", Theme::dim()),
            Span::styled(
                format!(
                    "{year}: {}/{} {} ({})",
                    crate::i18n::number(lang, got),
                    crate::i18n::number(lang, of),
                    T::Reach.get(lang),
                    percent(lang, rate)
                ),
                style,
            ),
            Span::styled(format!(" · {} {target}%", T::TargetWord.get(lang)), Theme::dim()),
        ])
    }

    fn render_table(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        let wide = area.width >= 100;
        let height = usize::from(area.height.saturating_sub(1)).max(1);
        let offset = self.selected.saturating_sub(height - 1);
        let end = (offset + height).min(self.shown.len());
        let head = [T::ColDate, T::ColHamlet, T::ColTopic, T::ColSpeaker, T::ColHouseholds, T::ColPeople]
            .map(|t| Cell::from(t.get(lang)));
        let speaker = if wide { 22 } else { 14 };
        let widths = [
            Constraint::Length(10),
            Constraint::Length(if wide { 16 } else { 10 }),
            Constraint::Fill(1),
            Constraint::Length(speaker),
            Constraint::Length(6),
            Constraint::Length(6),
        ];
        let cols = column_widths(&widths, area.width);
        let text = |i: usize, t: &str| Cell::from(cut(t, cols.get(i).copied().unwrap_or(0)));
        let rows: Vec<Row> = self.shown[offset..end]
            .iter()
            .filter_map(|i| self.all.get(*i))
            .map(|s| {
                let places: Vec<String> =
                    s.hamlets.iter().filter_map(|h| place_name(&self.places, Some(*h), false)).collect();
                Row::new(vec![
                    Cell::from(format_dmy(s.date)),
                    text(1, &places.join(", ")),
                    text(2, &s.topic),
                    text(3, &s.speaker),
                    Cell::from(Line::from(s.households.len().to_string()).right_aligned()),
                    Cell::from(Line::from(s.head_count.to_string()).right_aligned()),
                ])
            })
            .collect();
        let table = Table::new(rows, widths)
            .header(Row::new(head).style(Theme::header()))
            .row_highlight_style(Theme::selected());
        let mut ts = TableState::default().with_selected(Some(self.selected - offset));
        StatefulWidget::render(table, area, buf, &mut ts);
    }

    fn session_line(&self, s: &Outreach, lang: Lang) -> String {
        let listed: usize = s.hamlets.iter().map(|h| self.active.get(h).map_or(0, Vec::len)).sum();
        format!(
            "{} · {} {} {} ({})",
            s.topic,
            s.households.len(),
            T::OfListed.get(lang),
            listed,
            percent(lang, permille(s.households.len(), listed))
        )
    }

    fn render_attendance(&self, a: &Attendance, lang: Lang, area: Rect, buf: &mut Buffer) {
        let [top, list, hint] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
        let present = a.list.iter().filter(|(id, ..)| a.session.attended(*id)).count();
        let head = format!(
            "{} · {} · {} · {present}/{} {} ({}){}",
            T::Attendance.get(lang),
            format_dmy(a.session.date),
            a.session.topic,
            a.list.len(),
            T::Present.get(lang),
            percent(lang, permille(present, a.list.len())),
            if a.dirty { format!(" · {}", T::NotSaved.get(lang)) } else { String::new() }
        );
        Paragraph::new(cut_line(Line::from(Span::styled(head, Theme::header())), usize::from(top.width)))
            .render(top, buf);
        let height = usize::from(list.height).max(1);
        let offset = a.selected.saturating_sub(height - 1);
        let end = (offset + height).min(a.list.len());
        let widths = [Constraint::Length(3), Constraint::Length(12), Constraint::Length(24), Constraint::Fill(1)];
        let cols = column_widths(&widths, list.width);
        let text = |i: usize, t: &str| Cell::from(cut(t, cols.get(i).copied().unwrap_or(0)));
        let rows: Vec<Row> = a.list[offset..end]
            .iter()
            .map(|(id, code, name, address)| {
                let mark = if a.session.attended(*id) { "[x]" } else { "[ ]" };
                Row::new(vec![Cell::from(mark), text(1, code), text(2, name), text(3, address)])
            })
            .collect();
        let table = Table::new(rows, widths).row_highlight_style(Theme::selected());
        let mut ts = TableState::default().with_selected((!a.list.is_empty()).then(|| a.selected - offset));
        StatefulWidget::render(table, list, buf, &mut ts);
        Paragraph::new(cut_line(
            Line::from(Span::styled(T::AttendanceHint.get(lang), Theme::dim())),
            usize::from(hint.width),
        ))
        .render(hint, buf);
    }
}
