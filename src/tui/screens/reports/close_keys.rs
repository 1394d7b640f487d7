//! What `s` (close the period shown) and `m` (reopen it, with a reason
//! typed on the screen's own line) do on the Reports screen. The screen
//! only asks: the app applies the `Write`, through the store.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::{State, closed};
use crate::domain::Period;
use crate::domain::closing::{days_left, overlapping};
use crate::domain::text::clean_line;
use crate::i18n::closing::{self as words, ClosingText};
use crate::i18n::store_error;
use crate::store::ClosingError;
use crate::tui::screens::{Ctx, Effect};
use crate::tui::write::{Closing, Write};

impl State {
    /// `s`: asks whether to close the period shown, keeping the figures
    /// shown as the figures sent.
    pub(super) fn ask_close(&self, ctx: &Ctx) -> Effect {
        let summary = match &self.summary {
            Some(summary) if !self.waiting() => summary,
            _ => return Effect::Status(ClosingText::WaitComputing.get(ctx.lang).to_string()),
        };
        let refusal = if self.closing.this.is_some() {
            Some(ClosingError::AlreadyClosed(self.period))
        } else if self.period.start > self.today {
            Some(ClosingError::NotStarted(self.period))
        } else {
            None
        };
        if let Some(e) = refusal {
            return Effect::Status(store_error(ctx.lang, &e.into()));
        }
        let write = Write::Closing(Closing::Close(Box::new(summary.clone())));
        match days_left(&self.period, self.today) {
            None => Effect::Confirm { question: words::confirm_close(ctx.lang, &self.period, false), write },
            Some(days) => Effect::ConfirmTwice {
                first: words::confirm_close(ctx.lang, &self.period, true),
                then: words::confirm_early(ctx.lang, &self.period, days),
                write,
            },
        }
    }

    /// `m`: opens the line for the reason to reopen the period shown.
    pub(super) fn ask_reason(&mut self, ctx: &Ctx) -> Effect {
        if self.closing.this.is_none() {
            return Effect::Status(store_error(ctx.lang, &ClosingError::NotClosed(self.period).into()));
        }
        self.reason = Some(Input::default());
        self.reason_error = None;
        Effect::None
    }

    /// A key on the reason line: Enter reopens (a reason is required), Esc
    /// closes the line, anything else edits it.
    pub(super) fn type_reason(&mut self, key: KeyEvent) -> Effect {
        let Some(input) = &mut self.reason else { return Effect::None };
        match key.code {
            KeyCode::Esc => {
                self.reason = None;
                self.reason_error = None;
            }
            KeyCode::Enter => {
                let reason = clean_line(input.value());
                if reason.is_empty() {
                    self.reason_error = Some(ClosingError::NoReason);
                    return Effect::None;
                }
                self.reason = None;
                self.reason_error = None;
                return Effect::Write(Write::Closing(Closing::Reopen(self.period, reason)));
            }
            _ => {
                if input.handle_event(&Event::Key(key)).is_some_and(|c| c.value) {
                    self.reason_error = None;
                }
            }
        }
        Effect::None
    }

    /// Re-reads the closings after a close or reopen; the figures stand.
    pub fn reload_closing(&mut self, ctx: &Ctx) {
        let Some(summary) = &self.summary else { return };
        // If the closed figures cannot be read, the section says so.
        self.closing = closed::ClosingView::load(ctx, summary).unwrap_or_else(|_| closed::ClosingView {
            all: ctx.store.closed_periods(),
            this: ctx.store.closed_period(&summary.period),
            comparison: None,
        });
    }
}

/// What the status line says after a close or reopen from this screen.
pub fn closing_said(ctx: &Ctx, period: &Period, reopened: bool) -> String {
    if !reopened {
        let due = ctx.commune.plan.due_of(period);
        let due = due.map(|(which, date)| format!(" {}", words::report_due(ctx.lang, which, date, ctx.today)));
        return format!("{}{}", words::closed_done(ctx.lang, period), due.unwrap_or_default());
    }
    let all = ctx.store.closed_periods();
    words::reopened_done(ctx.lang, period, &overlapping(&all, period))
}
