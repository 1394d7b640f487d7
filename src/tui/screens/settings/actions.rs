//! What the Settings keys ask for: forms to open, writes to hand to the
//! app, questions and messages. Nothing here writes; the app applies the
//! returned `Effect`.

use super::{Focus, LANGS, Section, State, build_form, forms};
use crate::domain::{Catalog, EntityKind, Id};
use crate::i18n::importing::ImportingText;
use crate::i18n::settings::SettingsText as T;
use crate::store::StoreError;
use crate::tui::form::FormKind;
use crate::tui::screens::{Ctx, Effect};
use crate::tui::write::{AnyRecord, Write};

impl State {
    /// Enter: into a list from the sections, otherwise the same as e (and in
    /// the Language section, choose the language).
    pub(super) fn open(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        let empty = match self.section {
            Section::Hamlets => self.hamlets.is_empty(),
            Section::Catalog => self.items().is_empty(),
            Section::Requests => self.privacy.requests.is_empty(),
            _ => false,
        };
        if self.focus == Focus::Sections && self.section.has_list() && !empty {
            self.focus = Focus::Content;
            return Ok(Effect::None);
        }
        if self.section == Section::Language {
            return Ok(self.choose_language(ctx));
        }
        self.edit(ctx)
    }

    /// e: edits what is selected (adds when the list is empty).
    pub(super) fn edit(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        let kind = match self.section {
            Section::Commune => FormKind::Commune,
            Section::Hamlets => FormKind::Hamlet(self.selected_hamlet().map(|h| h.id)),
            _ if !self.saved() => return Ok(self.need_commune(ctx)),
            Section::Catalog => self.item_form(self.items().get(self.item_sel).map(|i| i.id)),
            Section::Rules => FormKind::Rules,
            Section::Retention => FormKind::Retention,
            Section::Requests => FormKind::Request(self.privacy.selected().map(|r| r.id)),
            // Their keys are read before (`State::access_action`).
            Section::Users | Section::AccessLog => return Ok(crate::tui::screens::Effect::None),
            Section::Language => {
                let mut form = build_form(&FormKind::Rules, ctx)?;
                forms::focus_language(&mut form);
                return Ok(Effect::Form(Box::new(form)));
            }
        };
        self.form(&kind, ctx)
    }

    /// c: the plan's targets and report due dates (shown under the rules).
    pub(super) fn plan(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        if !self.saved() {
            return Ok(self.need_commune(ctx));
        }
        self.form(&FormKind::Plan, ctx)
    }

    /// i: the import dialog, every kind offered; the commune comes first.
    pub(super) fn import(&mut self, ctx: &Ctx) -> Effect {
        if !self.saved() {
            self.need_commune(ctx);
            return Effect::Status(ImportingText::NeedCommune.get(ctx.lang).to_string());
        }
        Effect::Import(crate::tui::import::Choice::ALL)
    }

    /// n: a new hamlet or catalog item.
    pub(super) fn add(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        match self.section {
            Section::Hamlets => self.form(&FormKind::Hamlet(None), ctx),
            Section::Catalog if !self.saved() => Ok(self.need_commune(ctx)),
            Section::Catalog => self.form(&self.item_form(None), ctx),
            Section::Requests => self.form(&FormKind::Request(None), ctx),
            _ => Ok(Effect::Status(T::NothingToAdd.get(ctx.lang).to_string())),
        }
    }

    /// The form of an item of the catalog shown.
    fn item_form(&self, id: Option<u16>) -> FormKind {
        match self.catalog {
            Catalog::Items => FormKind::CatalogItem(id),
            other => FormKind::CatalogEntry(other, id),
        }
    }

    fn form(&mut self, kind: &FormKind, ctx: &Ctx) -> Result<Effect, StoreError> {
        if self.section.has_list() {
            self.focus = Focus::Content;
        }
        Ok(Effect::Form(Box::new(build_form(kind, ctx)?)))
    }

    /// x / Del: a hamlet after a question (the store refuses one in use);
    /// catalog items are never deleted.
    pub(super) fn delete(&mut self, ctx: &Ctx) -> Effect {
        match self.section {
            Section::Hamlets => match self.selected_hamlet() {
                Some(h) => Effect::Confirm {
                    question: T::ConfirmDeleteHamlet.get(ctx.lang).replace("{}", &format!("{} {}", h.code, h.name)),
                    write: Write::Delete(EntityKind::Hamlet, h.id),
                },
                None => Effect::None,
            },
            Section::Catalog => Effect::Status(crate::i18n::settings::never_deleted(ctx.lang, self.catalog)),
            _ => Effect::None,
        }
    }

    /// p in the retention section: the records past it, then a question.
    pub(super) fn purge_expired(&mut self, ctx: &Ctx) -> Result<Effect, StoreError> {
        if self.section != Section::Retention {
            self.section = Section::Retention;
            self.focus = Focus::Sections;
        }
        super::privacy::purge_question(ctx)
    }

    /// r: retires the selected catalog item, or brings it back.
    pub(super) fn retire(&mut self, ctx: &Ctx) -> Effect {
        if self.section != Section::Catalog {
            return Effect::Status(T::RetireOnlyItems.get(ctx.lang).to_string());
        }
        let Some(id) = self.items().get(self.item_sel).map(|i| i.id) else { return Effect::None };
        let mut c = self.commune.clone();
        c.toggle_catalog_item(self.catalog, id);
        self.focus = Focus::Content;
        Effect::Write(Write::Save(AnyRecord::Commune(Box::new(c))))
    }

    /// Enter in the Language section: saves the chosen language; the app
    /// switches the interface once the commune is saved.
    fn choose_language(&mut self, ctx: &Ctx) -> Effect {
        let Some(lang) = LANGS.get(self.lang_sel).copied() else { return Effect::None };
        if lang == self.commune.settings.language {
            return Effect::None;
        }
        if !self.saved() {
            return self.need_commune(ctx);
        }
        let mut c = self.commune.clone();
        c.settings.language = lang;
        Effect::Write(Write::Save(AnyRecord::Commune(Box::new(c))))
    }

    /// Settings kept in the commune record need the commune saved first.
    fn need_commune(&mut self, ctx: &Ctx) -> Effect {
        self.section = Section::Commune;
        self.focus = Focus::Sections;
        Effect::Status(T::NeedCommuneFirst.get(ctx.lang).to_string())
    }

    /// The record whose history h shows: the selected hamlet, or the commune.
    pub(super) fn history_target(&self) -> Option<(EntityKind, Id, String)> {
        match self.section {
            Section::Hamlets => self.selected_hamlet().map(|h| (EntityKind::Hamlet, h.id, h.name.clone())),
            _ if self.saved() => Some((EntityKind::Commune, 0, self.commune.name.clone())),
            _ => None,
        }
    }
}
