//! The app's side of Settings' privacy sections and of the dashboard's
//! privacy lines: applying a `Write::Privacy` (retention years, the
//! requests register, erasing expired data) and counting, for whoever is
//! signed in, the records past retention and the overdue requests.
//!
//! The counts read the briefs of households and cases and every member
//! (`Store::expired`), so they are never part of the first frame: the
//! event loop asks for them once the first frame is drawn, and again when
//! the operator signed in changes (`privacy_notes`) or after a privacy write.

use super::{App, Screen, Tone, Touched};
use crate::domain::access::Action;
use crate::i18n::retention as words;
use crate::i18n::ui::Ui;
use crate::tui::draft;
use crate::tui::form::Form;
use crate::tui::write::{self, PrivacyDone, PrivacyWrite};

impl App {
    /// Applies a privacy write; a refused form stays open with its errors.
    pub(super) fn apply_privacy(&mut self, w: PrivacyWrite, form: Option<Box<Form>>) {
        match write::apply_privacy(&self.store, w) {
            Ok(done) => {
                draft::clear(&self.store);
                let said = match done {
                    PrivacyDone::Saved => Ui::Saved.get(self.lang).to_string(),
                    PrivacyDone::Purged(n) => words::purged(self.lang, n),
                };
                let refreshed = match done {
                    // Records of every screen changed.
                    PrivacyDone::Purged(_) => self.after_write(Touched { commune: false, kind: None }),
                    PrivacyDone::Saved => self.refresh(Screen::Settings),
                };
                if let Err(e) = refreshed {
                    self.fail(&e);
                    return;
                }
                self.privacy_notes(true);
                self.status = Some((said, Tone::Good));
            }
            Err(e) => self.keep_form(form, &e),
        }
    }

    /// Counts what the dashboard tells the one signed in: records past
    /// retention (if they may purge) and overdue requests (if they manage
    /// them). Done again only when `force`d or when the operator changed.
    pub fn privacy_notes(&mut self, force: bool) {
        if !force && self.dashboard.privacy_counted_for(&self.grant) {
            return;
        }
        let today = self.store.today();
        let expired = if self.grant.may(Action::Purge) { self.store.expired(today).map(|v| v.len()) } else { Ok(0) };
        let overdue = if self.grant.may(Action::ManageRequests) { self.store.overdue_requests(today) } else { Ok(0) };
        match expired.and_then(|e| overdue.map(|o| (e, o))) {
            Ok((expired, overdue)) => self.dashboard.set_privacy(&self.grant, expired, overdue),
            Err(e) => self.fail(&e),
        }
    }
}
