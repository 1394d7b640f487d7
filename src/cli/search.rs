//! `soxa search TEXT`: the quick lookup, printed. One line per match with
//! its kind, name, hamlet and status; phone and ID numbers stay masked.

use std::collections::HashMap;

use super::{Context, Failure, table};
use crate::domain::text::mask_phone;
use crate::domain::{
    EntityKind, Hamlet, Household, HouseholdStatus, Id, Lang, MediationCase, Member, Team, TeamStatus,
};
use crate::i18n::{self, Say};
use crate::store::{Hit, Store, StoreError};

pub fn run(ctx: &mut Context, query: &str, limit: usize) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    let hits = store.search(query, limit)?;
    if hits.is_empty() {
        println!("{}", i18n::say(ctx.lang, Say::NoMatches));
        return Ok(());
    }
    let hamlets: HashMap<Id, String> = store.all::<Hamlet>()?.into_iter().map(|h| (h.id, h.display_name())).collect();
    let describe = Describe { store: &store, lang: ctx.lang, hamlets: &hamlets };
    let rows = hits.iter().map(|h| describe.hit(h)).collect::<Result<Vec<_>, _>>()?;
    print!("{}", table::render(&rows.into_iter().flatten().collect::<Vec<_>>()));
    Ok(())
}

struct Describe<'a> {
    store: &'a Store,
    lang: Lang,
    hamlets: &'a HashMap<Id, String>,
}

impl Describe<'_> {
    fn hamlet(&self, id: Option<Id>) -> String {
        match id {
            Some(id) => self.hamlets.get(&id).cloned().unwrap_or_default(),
            None => i18n::say(self.lang, Say::CommuneWide).to_string(),
        }
    }

    /// The row of one hit; `None` if the record vanished meanwhile.
    fn hit(&self, hit: &Hit) -> Result<Option<Vec<String>>, StoreError> {
        let kind = i18n::entity(self.lang, hit.kind).to_string();
        let rest = match hit.kind {
            EntityKind::Household => self.store.get::<Household>(hit.id)?.map(|h| self.household(&h)).transpose()?,
            EntityKind::Member => self.store.get::<Member>(hit.id)?.map(|m| self.member(&m)).transpose()?,
            EntityKind::Team => self.store.get::<Team>(hit.id)?.map(|t| self.team(&t)),
            EntityKind::Case => self.store.get::<MediationCase>(hit.id)?.map(|c| self.case(&c)),
            _ => None,
        };
        Ok(rest.map(|mut cells| {
            cells.insert(0, kind);
            cells
        }))
    }

    fn household(&self, h: &Household) -> Result<Vec<String>, StoreError> {
        let year = u16::try_from(chrono::Datelike::year(&self.store.today())).unwrap_or(0);
        let status = match h.status {
            HouseholdStatus::MovedOut { .. } => i18n::say(self.lang, Say::MovedOut).to_string(),
            HouseholdStatus::Active => match self.store.commitment_for(h.id, year)? {
                Some(c) => format!("{} {year}", i18n::commitment_status(self.lang, c.status)),
                None => format!("{} {year}", i18n::not_contacted(self.lang)),
            },
        };
        let phone = h.phone.as_deref().map(mask_phone).unwrap_or_default();
        Ok(vec![format!("{} {}", h.code, h.head_name), self.hamlet(Some(h.hamlet)), status, phone])
    }

    fn member(&self, m: &Member) -> Result<Vec<String>, StoreError> {
        let team = self.store.get::<Team>(m.team)?;
        let team_name = team.as_ref().map(|t| t.name.clone()).unwrap_or_default();
        let status = match &m.left {
            Some(_) => i18n::say(self.lang, Say::Left),
            None => i18n::say(self.lang, Say::Active),
        };
        Ok(vec![
            format!("{} ({}, {team_name})", m.full_name, i18n::role(self.lang, m.role)),
            self.hamlet(team.and_then(|t| t.hamlet)),
            status.to_string(),
            m.phone.as_deref().map(mask_phone).unwrap_or_default(),
        ])
    }

    fn team(&self, t: &Team) -> Vec<String> {
        let status = match t.status {
            TeamStatus::Active => Say::Active,
            TeamStatus::Dissolved { .. } => Say::Dissolved,
        };
        vec![
            format!("{} ({})", t.name, i18n::team_kind(self.lang, t.kind)),
            self.hamlet(t.hamlet),
            i18n::say(self.lang, status).to_string(),
            String::new(),
        ]
    }

    fn case(&self, c: &MediationCase) -> Vec<String> {
        let parties: Vec<&str> = c.parties.iter().map(|p| p.name.as_str()).collect();
        vec![
            format!("{} {}", c.number(), parties.join(" - ")),
            self.hamlet(Some(c.hamlet)),
            i18n::case_status(self.lang, c.status).to_string(),
            i18n::case_category(self.lang, c.category).to_string(),
        ]
    }
}
