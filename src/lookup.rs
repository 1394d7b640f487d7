//! What a lookup hit looks like to a person: its kind, name, hamlet and
//! status, with phone numbers masked. Shared by `soxa search` and the quick
//! lookup box, so both show the same thing.

use std::collections::HashMap;

use crate::domain::text::mask_phone;
use crate::domain::{
    EntityKind, Hamlet, Household, HouseholdStatus, Id, Lang, MediationCase, Member, Team, TeamStatus,
};
use crate::i18n::{self, Say};
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
}

impl<'a> Describe<'a> {
    pub fn new(store: &'a Store, lang: Lang) -> Result<Self, StoreError> {
        let hamlets = store.all::<Hamlet>()?.into_iter().map(|h| (h.id, h.display_name())).collect();
        Ok(Describe { store, lang, hamlets })
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
            _ => None,
        };
        Ok(cells.map(|[title, hamlet, status, extra]| Row { kind: hit.kind, id: hit.id, title, hamlet, status, extra }))
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
