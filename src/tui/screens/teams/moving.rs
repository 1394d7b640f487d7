//! Moving a member to another team, in the two writes the domain asks
//! for: one `Member` record is one stint in one team. `c` on the member,
//! choose the new team in the list and press Enter; on yes the old record
//! gets today as its leaving date, with the reason "moved to another team";
//! then Enter opens the new member form for the new team, prefilled with the
//! person's details and joined today. The app applies one write per
//! confirmation or form, so the flow lives here, between the two.

use super::forms;
use super::{Ctx, Effect, Pane, State};
use crate::domain::{EntityKind, Id, Lang, Member, Team};
use crate::i18n::teams::TeamsText;
use crate::store::StoreError;
use crate::tui::Action;
use crate::tui::action::TeamAction;
use crate::tui::write::{AnyRecord, Write};

/// Where a move of a member to another team stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flow {
    Idle,
    /// The clerk is choosing the new team in the list.
    Picking {
        member: Id,
        name: String,
        from: Id,
    },
    /// Asked to confirm leaving the old team.
    Asked {
        member: Id,
        name: String,
        to: Id,
    },
    /// The old record is closed; Enter opens the new member form.
    Ready {
        member: Id,
        name: String,
        to: Id,
    },
}

impl State {
    /// A move in progress survives moving around and filtering; anything
    /// else ends it. A confirmation still pending here was declined.
    pub(super) fn settle_flow(&mut self, action: Action) {
        let keeps = matches!(
            action,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom
                | Action::Open
                | Action::Back
                | Action::Teams(
                    TeamAction::Pane
                        | TeamAction::TeamsPane
                        | TeamAction::RosterPane
                        | TeamAction::Kind
                        | TeamAction::Hamlet
                        | TeamAction::Warned
                )
        );
        if matches!(self.flow, Flow::Asked { .. }) || !keeps {
            self.flow = Flow::Idle;
        }
    }

    pub(super) fn start_move(&mut self, lang: Lang) -> Effect {
        let (team, m) = match self.active_member() {
            Ok(found) => found,
            Err(text) => return self.say(text, lang),
        };
        self.flow = Flow::Picking { member: m.id, name: m.name.clone(), from: team.id };
        self.focus = Pane::Teams;
        Effect::None
    }

    /// Enter on the new team: confirm closing the old record today.
    pub(super) fn pick(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        let Flow::Picking { member, name, from } = self.flow.clone() else { return Ok(Effect::None) };
        let Some(target) = self.team() else { return Ok(self.say(TeamsText::SelectTeam, ctx.lang)) };
        if target.id == from {
            return Ok(self.say(TeamsText::MoveSameTeam, ctx.lang));
        }
        if target.dissolved.is_some() {
            return Ok(self.say(TeamsText::MoveDissolved, ctx.lang));
        }
        let mut old =
            ctx.store.get::<Member>(member)?.ok_or(StoreError::NotFound { kind: EntityKind::Member, id: member })?;
        old.leave(ctx.today, TeamsText::MovedReason.get(ctx.lang).to_string());
        let question = format!("{} {name} → {}", TeamsText::MoveAsk.get(ctx.lang), target.name);
        self.flow = Flow::Asked { member, name, to: target.id };
        Ok(Effect::Confirm { question, write: Write::Save(AnyRecord::Member(old)) })
    }

    /// Enter after the old record was closed: the new member form.
    pub(super) fn rejoin(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        let Flow::Ready { member, to, .. } = self.flow.clone() else { return Ok(Effect::None) };
        self.flow = Flow::Idle;
        let team = ctx.store.get::<Team>(to)?.ok_or(StoreError::NotFound { kind: EntityKind::Team, id: to })?;
        let old = ctx.store.get::<Member>(member)?;
        let form = forms::member_form(ctx, &team, None, old.as_ref())?;
        Ok(Effect::Form(Box::new(form)))
    }

    /// After a write: if it was the confirmed leaving, the flow is ready for
    /// its second step and the new team (returned) is shown.
    pub(super) fn after_leaving(&mut self, ctx: &Ctx) -> Result<Option<Id>, StoreError> {
        let Flow::Asked { member, name, to } = self.flow.clone() else { return Ok(None) };
        self.flow = Flow::Idle;
        if ctx.store.get::<Member>(member)?.is_none_or(|m| m.left.is_none()) {
            return Ok(None);
        }
        self.flow = Flow::Ready { member, name, to };
        self.reveal(to, ctx);
        self.focus = Pane::Teams;
        Ok(Some(to))
    }
}
