//! What the clerk does to the selected household: add, edit and delete
//! households, sign today (`s`), open the commitment form (`c`, `r`), record
//! a violation (`v`), delete the year's commitment (`d`), show the change
//! history (`h`). Each returns an effect; the app does the writing.

use super::detail::Detail;
use super::{Ctx, Effect, State, Target, build_form, forms, year_of};
use crate::domain::commitment::{self, CannotSign};
use crate::domain::date::format_dmy;
use crate::domain::{CommitmentStatus, EntityKind, Field, Id, Lang};
use crate::i18n::households::{self as words, HouseholdsText as T};
use crate::store::StoreError;
use crate::tui::form::{FormKind, Rule};
use crate::tui::write::{AnyRecord, Write};

impl State {
    /// A form about the selected household; or a message, when none is
    /// selected or `kind` says why there is no form.
    pub(super) fn with_selected(
        &self,
        ctx: &Ctx,
        kind: impl FnOnce(&Detail, Id) -> Result<FormKind, String>,
    ) -> Result<Effect, StoreError> {
        let Some(d) = &self.detail else { return Ok(Effect::Status(T::NoneSelected.get(ctx.lang).into())) };
        match kind(d, d.household.id) {
            Ok(kind) => Ok(Effect::Form(Box::new(build_form(&kind, ctx)?))),
            Err(message) => Ok(Effect::Status(message)),
        }
    }

    pub(super) fn new_household(&self, ctx: &Ctx) -> Result<Effect, StoreError> {
        if self.hamlets.is_empty() {
            return Ok(Effect::Status(T::NoHamlets.get(ctx.lang).into()));
        }
        let mut form = build_form(&FormKind::Household(None), ctx)?;
        // Adding in the hamlet the table shows: that hamlet, and the code
        // after its last one ("T06-0212"), which the clerk may overwrite;
        // choosing another hamlet offers that hamlet's next code.
        if let Some(at) = self.filters.hamlet.and_then(|id| self.hamlets.iter().position(|h| h.id == id)) {
            forms::set_choice(&mut form, Field::Hamlet, at);
            let codes: Vec<String> =
                self.hamlets.iter().map(|h| self.table.next_code(&format!("{}-", h.code))).collect();
            if let Some(code) = codes.get(at) {
                forms::set_text(&mut form, Field::HouseholdCode, code);
            }
            form.set_follow(Field::HouseholdCode, Field::Hamlet, Rule::ByOption(codes));
        }
        Ok(Effect::Form(Box::new(form)))
    }

    /// `h`: the change history of the household and its commitments.
    pub(super) fn history(&self, lang: Lang) -> Effect {
        let Some(d) = &self.detail else { return Effect::Status(T::NoneSelected.get(lang).into()) };
        let h = &d.household;
        let mut records = vec![Target { kind: EntityKind::Household, id: h.id }];
        records.extend(d.commitments.iter().map(|c| Target { kind: EntityKind::Commitment, id: c.id }));
        Effect::History { title: format!("{} {}", h.code, h.head_name), records }
    }

    pub(super) fn delete(&self, lang: Lang) -> Effect {
        let Some(d) = &self.detail else { return Effect::None };
        let h = &d.household;
        let question = words::confirm_delete(lang, &h.code, &h.head_name, d.commitments.len());
        Effect::Confirm { question, write: Write::Delete(EntityKind::Household, h.id) }
    }

    /// `d`: the commitment of the year shown, after a question (the
    /// household stays).
    pub(super) fn delete_commitment(&self, lang: Lang) -> Effect {
        let Some(d) = &self.detail else { return Effect::Status(T::NoneSelected.get(lang).into()) };
        let h = &d.household;
        match d.commitment(self.year) {
            Some(c) => Effect::Confirm {
                question: words::confirm_delete_commitment(lang, self.year, &h.code, &h.head_name),
                write: Write::Delete(EntityKind::Commitment, c.id),
            },
            None => Effect::Status(words::no_commitment(lang, self.year)),
        }
    }

    /// `s`: signed today, for the year shown, with the commune's default
    /// items and the head as representative. An existing refusal or absence
    /// becomes signed; a commitment already signed is left as it is.
    pub(super) fn sign_today(&self, ctx: &Ctx) -> Result<Effect, StoreError> {
        let lang = ctx.lang;
        let Some(d) = &self.detail else { return Ok(Effect::Status(T::NoneSelected.get(lang).into())) };
        let h = &d.household;
        let signed = match commitment::may_sign(h, self.year, ctx.today) {
            Ok(()) => {
                // The detail holds the household's commitments as stored:
                // nothing is read again to sign.
                let existing = d.commitment(self.year).cloned();
                commitment::sign_in_person(h, existing, self.year, ctx.today, &ctx.commune.default_items())
            }
            Err(cannot) => Err(cannot),
        };
        Ok(match signed {
            Ok(c) => Effect::Write(Write::Save(AnyRecord::Commitment(c))),
            Err(cannot) => Effect::Status(self.cannot_sign(lang, cannot)),
        })
    }

    fn cannot_sign(&self, lang: Lang, cannot: CannotSign) -> String {
        match cannot {
            CannotSign::MovedOut => T::SignMovedOut.get(lang).into(),
            CannotSign::NotThisYear => words::cannot_sign_today(lang, self.year),
            CannotSign::AlreadySigned(on) => words::already_signed(lang, self.year, &format_dmy(on)),
            CannotSign::NoItems => T::NoCatalog.get(lang).into(),
        }
    }

    /// `c` (and `r`, preset to refused): the commitment of the year shown,
    /// or a new one for that year.
    pub(super) fn commitment_form(&self, ctx: &Ctx, preset: Option<CommitmentStatus>) -> Result<Effect, StoreError> {
        let Some(d) = &self.detail else { return Ok(Effect::Status(T::NoneSelected.get(ctx.lang).into())) };
        let existing = d.commitment(self.year).map(|c| c.id);
        let kind = FormKind::Commitment { household: d.household.id, id: existing };
        let mut form = build_form(&kind, ctx)?;
        if existing.is_none() {
            forms::set_text(&mut form, Field::Year, &self.year.to_string());
            let today_fits = (self.year.saturating_sub(1)..=self.year).contains(&year_of(ctx.today));
            if !today_fits {
                forms::set_text(&mut form, Field::CommitmentDate, "");
            }
        }
        if let Some(status) = preset {
            let at = CommitmentStatus::ALL.iter().position(|s| *s == status).unwrap_or(0);
            forms::set_choice(&mut form, Field::Status, at);
            if let Some(reason) = form.fields.iter().position(|f| f.field == Field::Reason) {
                form.focus = reason;
            }
        }
        Ok(Effect::Form(Box::new(form)))
    }

    /// `v`: a violation against the signed commitment of the year shown.
    pub(super) fn violation_form(&self, ctx: &Ctx) -> Result<Effect, StoreError> {
        let year = self.year;
        self.with_selected(ctx, |d, _| match d.commitment(year) {
            Some(c) if c.status == CommitmentStatus::Signed => Ok(FormKind::Violation { commitment: c.id }),
            _ => Err(words::violation_needs_signed(ctx.lang, year)),
        })
    }
}
