//! What the record keys do on the Teams screen: new, edit, delete and
//! change history of the selected team or member (by the pane with the
//! focus), and the member's retirement and trainings.

use super::filter::Place;
use super::forms::{self, build_form};
use super::rows::{MemberRow, TeamRow};
use super::{Ctx, Effect, Pane, State, Target};
use crate::domain::{EntityKind, Field, Lang, TeamKind};
use crate::i18n::teams::TeamsText;
use crate::store::StoreError;
use crate::tui::form::{Form, FormKind};
use crate::tui::write::Write;

impl State {
    pub(super) fn new_record(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        let form = match (self.focus, self.team()) {
            (Pane::Roster, Some(team)) => build_form(&FormKind::Member { team: team.id, id: None }, ctx)?,
            _ => {
                let mut form = build_form(&FormKind::Team(None), ctx)?;
                self.prefill_from_filter(&mut form);
                form
            }
        };
        Ok(Effect::Form(Box::new(form)))
    }

    /// A new team takes the kind and place the list is filtered by.
    fn prefill_from_filter(&self, form: &mut Form) {
        if let Some(i) = self.filter.kind.and_then(|k| TeamKind::ALL.iter().position(|x| *x == k)) {
            forms::choose(form, Field::TeamKind, i);
        }
        let place = match self.filter.place {
            Place::All => None,
            Place::CommuneWide => Some(0),
            Place::Hamlet(h) => self.hamlets.iter().position(|(id, _)| *id == h).map(|i| i + 1),
        };
        if let Some(i) = place {
            forms::choose(form, Field::Hamlet, i);
        }
    }

    pub(super) fn edit(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        let Some(team) = self.team() else { return Ok(self.say(TeamsText::SelectTeam, ctx.lang)) };
        let kind = match (self.focus, self.current_member()) {
            (Pane::Teams, _) => FormKind::Team(Some(team.id)),
            (Pane::Roster, Some(m)) => FormKind::Member { team: team.id, id: Some(m.id) },
            (Pane::Roster, None) => return Ok(self.say(TeamsText::SelectMember, ctx.lang)),
        };
        Ok(Effect::Form(Box::new(build_form(&kind, ctx)?)))
    }

    pub(super) fn delete(&self, lang: Lang) -> Effect {
        let Some(team) = self.team() else { return self.say(TeamsText::SelectTeam, lang) };
        let (question, name, kind, id) = match (self.focus, self.current_member()) {
            (Pane::Teams, _) => (TeamsText::DeleteTeam, &team.name, EntityKind::Team, team.id),
            (Pane::Roster, Some(m)) => (TeamsText::DeleteMember, &m.name, EntityKind::Member, m.id),
            (Pane::Roster, None) => return self.say(TeamsText::SelectMember, lang),
        };
        Effect::Confirm { question: question.get(lang).replace("{}", name), write: Write::Delete(kind, id) }
    }

    /// `h`: the change history of the selected member (roster pane), or
    /// of the selected team with its members.
    pub(super) fn history(&self, ctx: &Ctx) -> Result<Effect, StoreError> {
        let target = |kind, id| Target { kind, id };
        Ok(match (self.focus, self.team(), self.current_member()) {
            (Pane::Roster, _, Some(m)) => {
                Effect::History { title: m.name.clone(), records: vec![target(EntityKind::Member, m.id)] }
            }
            (_, Some(t), _) => {
                let mut records = vec![target(EntityKind::Team, t.id)];
                records.extend(ctx.store.members_of_team(t.id)?.iter().map(|m| target(EntityKind::Member, m.id)));
                Effect::History { title: t.name.clone(), records }
            }
            _ => self.say(TeamsText::SelectTeam, ctx.lang),
        })
    }

    /// The member keys act on the roster's selected member, whichever pane
    /// has the focus; one who already left can only get a training.
    /// (The error is what to tell the clerk.)
    pub(super) fn active_member(&self) -> Result<(&TeamRow, &MemberRow), TeamsText> {
        let team = self.team().ok_or(TeamsText::SelectTeam)?;
        let m = self.current_member().ok_or(TeamsText::SelectMember)?;
        if m.left.is_some() {
            return Err(TeamsText::AlreadyLeft);
        }
        Ok((team, m))
    }

    pub(super) fn retire(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        let (team, m) = match self.active_member() {
            Ok(found) => found,
            Err(text) => return Ok(self.say(text, ctx.lang)),
        };
        let mut form = build_form(&FormKind::Member { team: team.id, id: Some(m.id) }, ctx)?;
        forms::retire(&mut form, ctx, &m.name);
        Ok(Effect::Form(Box::new(form)))
    }

    pub(super) fn training(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        let Some(m) = self.current_member() else { return Ok(self.say(TeamsText::SelectMember, ctx.lang)) };
        Ok(Effect::Form(Box::new(build_form(&FormKind::Training { member: m.id }, ctx)?)))
    }
}
