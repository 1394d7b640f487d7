//! The Settings section "Nhật ký truy cập": the access log, newest first,
//! one line each (`i18n::access::entry_line`), scrolled with the arrows;
//! x exports it whole to a CSV file (the app writes it, see `tui::access`).
//! Only an administrator sees it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::Lang;
use crate::domain::access::{Action, Grant};
use crate::domain::operator::AccessEntry;
use crate::i18n::signin::UsersText as U;
use crate::store::StoreError;
use crate::tui::access::AccessWrite;
use crate::tui::fit::cut;
use crate::tui::screens::{Ctx, Effect};
use crate::tui::theme::Theme;

/// At most this many entries are read for the screen (the export reads all).
const SHOWN: usize = 5000;

#[derive(Default)]
pub struct Log {
    pub entries: Vec<AccessEntry>,
    /// The first entry shown.
    pub top: usize,
}

impl Log {
    pub fn refresh(&mut self, ctx: &Ctx, grant: &Grant) -> Result<(), StoreError> {
        self.entries = if grant.may(Action::ReadAccessLog) { ctx.store.access_log(SHOWN)? } else { Vec::new() };
        self.top = self.top.min(self.entries.len().saturating_sub(1));
        Ok(())
    }

    pub fn step(&mut self, delta: isize) {
        self.top = self.top.saturating_add_signed(delta).min(self.entries.len().saturating_sub(1));
    }

    /// x: the export, if the operator may read the log.
    pub fn export(&self, lang: Lang, grant: &Grant) -> Effect {
        match grant.check(Action::ReadAccessLog) {
            Ok(()) => Effect::Access(AccessWrite::ExportLog),
            Err(no) => Effect::Status(crate::i18n::access::refusal(lang, &no)),
        }
    }
}

/// Draws the visible entries; returns the key hint.
pub fn render(log: &Log, grant: &Grant, lang: Lang, area: Rect, buf: &mut Buffer) -> &'static str {
    if let Err(no) = grant.check(Action::ReadAccessLog) {
        Paragraph::new(crate::i18n::access::refusal(lang, &no)).wrap(Wrap { trim: true }).render(area, buf);
        return "";
    }
    if log.entries.is_empty() {
        Paragraph::new(U::EmptyLog.get(lang)).style(Theme::dim()).render(area, buf);
        return U::HintLog.get(lang);
    }
    let width = usize::from(area.width);
    let lines: Vec<Line> = log
        .entries
        .iter()
        .skip(log.top)
        .take(usize::from(area.height))
        .map(|e| Line::from(cut(&crate::i18n::access::entry_line(lang, e), width)))
        .collect();
    Paragraph::new(lines).render(area, buf);
    U::HintLog.get(lang)
}
