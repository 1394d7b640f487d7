//! The interface obeys the signed-in role (`domain::access`): which screens
//! are offered, which keys (a key's action asks the screen what it needs,
//! `ScreenState::needs`, and the footer, the help and the key handler all
//! ask [`App::permits`], so they cannot disagree), what Ctrl+Z may take
//! back, and the one sentence said when something is refused anyway.

use super::{App, Tone};
use crate::domain::Field;
use crate::domain::access::{Action as Access, Grant, OperatorRole, Refusal, write_of};
use crate::domain::operator::{AccessEvent, PersonalNumber};
use crate::domain::{Commitment, EntityKind, Household, Id, Member, Outreach, Team, TeamKind};
use crate::store::{Store, StoreError};
use crate::tui::Action;
use crate::tui::form::{Form, FormKind};
use crate::tui::keymap::Binding;
use crate::tui::screens::Screen;
use crate::tui::write::{AnyRecord, Closing, PrivacyWrite, Write};

/// Whether `grant` may change anything at all (a viewer may not: no undo).
fn writes_anything(grant: &Grant) -> bool {
    let hamlet = grant.hamlet;
    [
        Access::WriteHousehold,
        Access::WriteCommitment { hamlet },
        Access::WriteTeam { kind: TeamKind::Mediation },
        Access::WriteTeam { kind: TeamKind::Other },
        Access::WriteCase,
        Access::WriteModel,
        Access::WriteAssessment,
        Access::WriteOutreach { hamlet },
        Access::WriteSettings,
        Access::ClosePeriod,
    ]
    .into_iter()
    .any(|a| grant.may(a))
}

impl App {
    /// Applies a grant changed since the screens were last read (the
    /// sign-in, or a test, sets `app.grant`): every screen is read again,
    /// and a screen the role may not read gives way to the dashboard.
    pub(in crate::tui) fn adopt_grant(&mut self) {
        if self.applied == self.grant {
            return;
        }
        self.applied = self.grant.clone();
        if self.may_read(self.screen).is_err() {
            self.screen = Screen::Dashboard;
        }
        self.stale.extend(Screen::ALL.into_iter().filter(|s| *s != self.screen));
        if let Err(e) = self.refresh(self.screen) {
            self.fail(&e);
        }
    }

    /// Whether the signed-in role may read `screen`.
    pub fn may_read(&self, screen: Screen) -> Result<(), Refusal> {
        screen.read_needs().map_or(Ok(()), |a| self.grant.check(a))
    }

    /// Whether a key's `action` is offered on the current screen: its
    /// screen is readable, its write is allowed (Ctrl+Z: the role writes
    /// at all; the change it takes back is checked when pressed).
    pub fn permits(&self, action: Action) -> Result<(), Refusal> {
        match action {
            Action::Goto(screen) => self.may_read(screen),
            Action::Undo | Action::Redo if !writes_anything(&self.grant) => {
                self.grant.check(Access::WriteHousehold).and(self.grant.check(Access::WriteCase))
            }
            _ => self.screen_state(self.screen).needs(action, &self.grant).map_or(Ok(()), |a| self.grant.check(a)),
        }
    }

    /// The keys of `tables` the role is offered (footer and help).
    pub fn offered(&self, tables: &[&[Binding]]) -> Vec<Binding> {
        tables.iter().flat_map(|t| t.iter()).filter(|b| self.permits(b.action).is_ok()).copied().collect()
    }

    /// Says `refusal` on the status line (nothing is written).
    pub(super) fn refuse(&mut self, refusal: &Refusal) {
        self.status = Some((crate::i18n::access::refusal(self.lang, refusal), Tone::Bad));
    }

    /// Writes to the access log the personal numbers a view just opened
    /// shows in full (once per opening: the same view kept open is not
    /// logged again). A ledger without operators keeps no access log.
    pub(super) fn log_unmasked(&mut self) {
        let now = self.screen_state(self.screen).unmasked();
        if now == self.unmasked {
            return;
        }
        let fresh: Vec<AccessEvent> = now.iter().filter(|e| !self.unmasked.contains(e)).cloned().collect();
        self.unmasked = now;
        if fresh.is_empty() || !self.store.has_operators().unwrap_or(false) {
            return;
        }
        for event in fresh {
            if let Err(e) = self.store.log_access(event) {
                self.fail(&e);
                return;
            }
        }
    }

    /// Logs the personal numbers an edit form of a household or a team
    /// member opens with (the form shows them in full, as the detail).
    pub(super) fn log_form(&mut self, form: &Form) {
        let (kind, id, reference) = match form.kind {
            FormKind::Household(Some(id)) => (EntityKind::Household, id, form.value(Field::HouseholdCode).to_string()),
            FormKind::Member { id: Some(id), .. } => (EntityKind::Member, id, format!("#{id}")),
            _ => return,
        };
        if !self.grant.may(Access::Unmask) || !self.store.has_operators().unwrap_or(false) {
            return;
        }
        for (field, number) in [(Field::NationalId, PersonalNumber::NationalId), (Field::Phone, PersonalNumber::Phone)]
        {
            if form.value(field).trim().is_empty() {
                continue;
            }
            let event = AccessEvent::Unmasked { kind, id, reference: reference.clone(), number };
            if let Err(e) = self.store.log_access(event) {
                self.fail(&e);
                return;
            }
        }
    }

    /// Refuses a write the role may not make, whatever key or form led to
    /// it (a form's choice may name a team kind or a hamlet the key did not).
    pub(super) fn write_refused(&self, w: &Write) -> Result<Option<Refusal>, StoreError> {
        if self.grant.role == OperatorRole::Admin {
            // May do everything: not a read more (the single clerk).
            return Ok(None);
        }
        let records: &[AnyRecord] = match w {
            Write::Save(record) => std::slice::from_ref(record),
            Write::SaveAll(records) => records,
            Write::Delete(kind, id) => {
                let (hamlet, team_kind) = whose(&self.store, *kind, *id, None)?;
                return Ok(self.grant.check(write_of(*kind, hamlet, team_kind)).err());
            }
            Write::Closing(Closing::Close(_)) => return Ok(self.grant.check(Access::ClosePeriod).err()),
            Write::Closing(Closing::Reopen(..)) => return Ok(self.grant.check(Access::ReopenPeriod).err()),
            Write::Privacy(p) => {
                let action = match p {
                    PrivacyWrite::Retention(_) => Access::WriteSettings,
                    PrivacyWrite::Request(_) => Access::ManageRequests,
                    PrivacyWrite::PurgeExpired(_) => Access::Purge,
                };
                return Ok(self.grant.check(action).err());
            }
        };
        for record in records {
            let (kind, id) = record.key();
            let (hamlet, team_kind) = match record {
                AnyRecord::Commitment(c) => (self.store.get::<Household>(c.household)?.map(|h| h.hamlet), None),
                AnyRecord::Outreach(o) => (if o.hamlets.len() == 1 { o.hamlets.first().copied() } else { None }, None),
                AnyRecord::Team(t) => (None, Some(t.kind)),
                AnyRecord::Member(m) => (None, self.store.get::<Team>(m.team)?.map(|t| t.kind)),
                _ => whose(&self.store, kind, id, None)?,
            };
            if let Err(r) = self.grant.check(write_of(kind, hamlet, team_kind)) {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }

    /// Refuses a change group the role may not take back or redo.
    pub(super) fn undo_refused(&self, group: Id) -> Result<Option<Refusal>, StoreError> {
        if self.grant.role == OperatorRole::Admin {
            return Ok(None);
        }
        for e in self.store.group_changes(group)? {
            let (hamlet, team_kind) = whose(&self.store, e.kind, e.id, e.commitment_before.as_ref())?;
            if let Err(r) = self.grant.check(write_of(e.kind, hamlet, team_kind)) {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }
}

/// The hamlet and team kind a changed record belongs to, where the role
/// table asks (commitments and outreach: their hamlet; teams and members:
/// the team's kind); `None` when not known (the stricter answer).
fn whose(
    store: &Store,
    kind: EntityKind,
    id: Id,
    before: Option<&Commitment>,
) -> Result<(Option<Id>, Option<TeamKind>), StoreError> {
    Ok(match kind {
        EntityKind::Commitment => {
            let household = match before {
                Some(c) => Some(c.household),
                None => store.get::<Commitment>(id)?.map(|c| c.household),
            };
            let hamlet = match household {
                Some(h) => store.get::<Household>(h)?.map(|h| h.hamlet),
                None => None,
            };
            (hamlet, None)
        }
        EntityKind::Outreach => {
            let hamlets = store.get::<Outreach>(id)?.map(|o| o.hamlets).unwrap_or_default();
            (if hamlets.len() == 1 { hamlets.first().copied() } else { None }, None)
        }
        EntityKind::Team => (None, store.get::<Team>(id)?.map(|t| t.kind)),
        EntityKind::Member => {
            let team = store.get::<Member>(id)?.map(|m| m.team);
            let kind = match team {
                Some(t) => store.get::<Team>(t)?.map(|t| t.kind),
                None => None,
            };
            (None, kind)
        }
        _ => (None, None),
    })
}
