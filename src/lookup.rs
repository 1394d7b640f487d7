//! What a lookup hit looks like to a person: its kind, name, hamlet and
//! status, with phone numbers masked (models by name, outreach sessions by
//! topic or speaker, besides households, members, teams and cases). Shared by `soxa search` and the quick
//! lookup box, so both show the same thing.

use std::collections::HashMap;

use crate::domain::date::format_dmy;
use crate::domain::text::mask_phone;
use crate::domain::{
    EntityKind, Hamlet, Household, HouseholdStatus, Id, Lang, MediationCase, Member, Model, Outreach, Team, TeamStatus,
};
use crate::i18n::{self, Say, targets};
use crate::store::{Hit, Store, StoreError};

/// One hit, ready to print or draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub kind: EntityKind,
    pub id: Id,
    pub title: String,
    pub hamlet: String,
    pub status: String,
    pub extra: String,
}

impl Row {
    pub fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            i18n::entity(lang, self.kind).to_string(),
            self.title.clone(),
            self.hamlet.clone(),
            self.status.clone(),
            self.extra.clone(),
        ]
    }
}

/// Describes hits against one store; hamlet names are read once.
pub struct Describe<'a> {
    store: &'a Store,
    lang: Lang,
    hamlets: HashMap<Id, String>,
    model_kinds: HashMap<u16, String>,
}

impl<'a> Describe<'a> {
    pub fn new(store: &'a Store, lang: Lang) -> Result<Self, StoreError> {
        let hamlets = store.all::<Hamlet>()?.into_iter().map(|h| (h.id, h.display_name())).collect();
        let kinds = store.commune()?.map(|c| c.model_kinds).unwrap_or_default();
        let model_kinds = kinds.into_iter().map(|k| (k.id, k.text)).collect();
        Ok(Describe { store, lang, hamlets, model_kinds })
    }

    fn hamlet(&self, id: Option<Id>) -> String {
        match id {
            Some(id) => self.hamlets.get(&id).cloned().unwrap_or_default(),
            None => i18n::say(self.lang, Say::CommuneWide).to_string(),
        }
    }

    /// The row of one hit; `None` if the record vanished meanwhile.
    pub fn row(&self, hit: &Hit) -> Result<Option<Row>, StoreError> {
        let cells = match hit.kind {
            EntityKind::Household => self.store.get::<Household>(hit.id)?.map(|h| self.household(&h)).transpose()?,
            EntityKind::Member => self.store.get::<Member>(hit.id)?.map(|m| self.member(&m)).transpose()?,
            EntityKind::Team => self.store.get::<Team>(hit.id)?.map(|t| self.team(&t)),
            EntityKind::Case => self.store.get::<MediationCase>(hit.id)?.map(|c| self.case(&c)),
            EntityKind::Model => self.store.get::<Model>(hit.id)?.map(|m| self.model(&m)),
            EntityKind::Outreach => self.store.get::<Outreach>(hit.id)?.map(|o| self.outreach(&o)),
            _ => None,
        };
        Ok(cells.map(|[title, hamlet, status, extra]| Row { kind: hit.kind, id: hit.id, title, hamlet, status, extra }))
    }

    /// The hamlets a hit belongs to (none: commune-wide, or a kind not
    /// kept by hamlet), so that a hamlet head sees only their own.
    pub fn hamlets_of(&self, hit: &Hit) -> Result<Vec<Id>, StoreError> {
        Ok(match hit.kind {
            EntityKind::Household => self.store.get::<Household>(hit.id)?.map(|h| vec![h.hamlet]).unwrap_or_default(),
            EntityKind::Model => self.store.get::<Model>(hit.id)?.and_then(|m| m.hamlet).into_iter().collect(),
            EntityKind::Outreach => self.store.get::<Outreach>(hit.id)?.map(|o| o.hamlets).unwrap_or_default(),
            EntityKind::Case => self.store.get::<MediationCase>(hit.id)?.map(|c| vec![c.hamlet]).unwrap_or_default(),
            EntityKind::Team => self.store.get::<Team>(hit.id)?.and_then(|t| t.hamlet).into_iter().collect(),
            _ => Vec::new(),
        })
    }

    fn household(&self, h: &Household) -> Result<[String; 4], StoreError> {
        let year = u16::try_from(chrono::Datelike::year(&self.store.today())).unwrap_or(0);
        let status = match h.status {
            HouseholdStatus::MovedOut { .. } => i18n::say(self.lang, Say::MovedOut).to_string(),
            HouseholdStatus::Active => match self.store.commitment_for(h.id, year)? {
                Some(c) => format!("{} {year}", i18n::commitment_status(self.lang, c.status)),
                None => format!("{} {year}", i18n::not_contacted(self.lang)),
            },
        };
        let phone = h.phone.as_deref().map(mask_phone).unwrap_or_default();
        Ok([format!("{} {}", h.code, h.head_name), self.hamlet(Some(h.hamlet)), status, phone])
    }

    fn member(&self, m: &Member) -> Result<[String; 4], StoreError> {
        let team = self.store.get::<Team>(m.team)?;
        let team_name = team.as_ref().map(|t| t.name.clone()).unwrap_or_default();
        let status = match &m.left {
            Some(_) => i18n::say(self.lang, Say::Left),
            None => i18n::say(self.lang, Say::Active),
        };
        Ok([
            format!("{} ({}, {team_name})", m.full_name, i18n::role(self.lang, m.role)),
            self.hamlet(team.and_then(|t| t.hamlet)),
            status.to_string(),
            m.phone.as_deref().map(mask_phone).unwrap_or_default(),
        ])
    }

    fn team(&self, t: &Team) -> [String; 4] {
        let status = match t.status {
            TeamStatus::Active => Say::Active,
            TeamStatus::Dissolved { .. } => Say::Dissolved,
        };
        [
            format!("{} ({})", t.name, i18n::team_kind(self.lang, t.kind)),
            self.hamlet(t.hamlet),
            i18n::say(self.lang, status).to_string(),
            String::new(),
        ]
    }

    /// Its name and kind, its latest review, its start.
    fn model(&self, m: &Model) -> [String; 4] {
        let kind = self.model_kinds.get(&m.kind).cloned().unwrap_or_default();
        let review = m.reviews.iter().max_by_key(|r| r.year);
        let status = review.map(|r| format!("{} {}", targets::verdict(self.lang, r.verdict), r.year));
        [format!("{} ({kind})", m.name), self.hamlet(m.hamlet), status.unwrap_or_default(), format_dmy(m.started)]
    }

    /// Its date and topic, its hamlets, how many households attended, the speaker.
    fn outreach(&self, o: &Outreach) -> [String; 4] {
        let hamlets: Vec<String> = o.hamlets.iter().map(|h| self.hamlet(Some(*h))).collect();
        let attended = targets::households_attended(self.lang, o.households.len());
        [format!("{} {}", format_dmy(o.date), o.topic), hamlets.join(", "), attended, o.speaker.clone()]
    }

    fn case(&self, c: &MediationCase) -> [String; 4] {
        let parties: Vec<&str> = c.parties.iter().map(|p| p.name.as_str()).collect();
        [
            format!("{} {}", c.number(), parties.join(" - ")),
            self.hamlet(Some(c.hamlet)),
            i18n::case_status(self.lang, c.status).to_string(),
            i18n::case_category(self.lang, c.category).to_string(),
        ]
    }
}
