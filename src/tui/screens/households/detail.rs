//! The selected household in full: its record, its commitments by year with
//! their violations, and the people of the household who serve in a team.
//! Read from the store when the selection changes (a few point reads), drawn
//! from memory.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::date::format_dmy;
use crate::domain::operator::{AccessEvent, PersonalNumber};
use crate::domain::text::{mask_national_id, mask_phone};
use crate::domain::{
    CatalogItem, Commitment, CommitmentStatus, EntityKind, Field, Household, HouseholdStatus, Id, Lang, Role, Team,
};
use crate::i18n;
use crate::i18n::households::{self as words, HouseholdsText as T};
use crate::store::{Store, StoreError};
use crate::tui::theme::Theme;
use crate::tui::widgets::heading;

/// A person of the household on a team roster.
#[derive(Clone, Debug, PartialEq)]
pub struct Membership {
    pub name: String,
    pub team: String,
    pub role: Role,
    pub left: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    pub household: Household,
    /// Newest year first.
    pub commitments: Vec<Commitment>,
    pub teams: Vec<Membership>,
}

impl Detail {
    /// The numbers the detail view shows in full, as access-log events
    /// naming the household by its code (never its head's name).
    pub fn unmasked(&self) -> Vec<AccessEvent> {
        let h = &self.household;
        let numbers = [(PersonalNumber::NationalId, &h.national_id), (PersonalNumber::Phone, &h.phone)];
        numbers
            .into_iter()
            .filter(|(_, n)| n.as_deref().is_some_and(|n| !n.is_empty()))
            .map(|(number, _)| AccessEvent::Unmasked {
                kind: EntityKind::Household,
                id: h.id,
                reference: h.code.clone(),
                number,
            })
            .collect()
    }

    /// `None` if the household no longer exists.
    pub fn load(store: &Store, id: Id) -> Result<Option<Detail>, StoreError> {
        let Some(household) = store.get::<Household>(id)? else { return Ok(None) };
        let mut commitments = store.commitments_of(id)?;
        commitments.reverse();
        let mut teams = Vec::new();
        for m in store.members_of_household(id)? {
            let team = store.get::<Team>(m.team)?.map(|t| t.name).unwrap_or_default();
            teams.push(Membership { name: m.full_name, team, role: m.role, left: m.left.is_some() });
        }
        Ok(Some(Detail { household, commitments, teams }))
    }

    /// Brings the commitments `ids` (written or deleted since) up to date:
    /// those given as already read are taken as they are, the others read
    /// again. The newest year stays first.
    pub fn reread<'a>(
        &mut self,
        store: &Store,
        ids: impl IntoIterator<Item = (Id, Option<&'a Commitment>)>,
    ) -> Result<(), StoreError> {
        let household = self.household.id;
        for (id, read) in ids {
            self.commitments.retain(|c| c.id != id);
            let now = match read {
                Some(c) => Some(c.clone()),
                None => store.get::<Commitment>(id)?,
            };
            self.commitments.extend(now.filter(|c| c.household == household));
        }
        self.commitments.sort_by_key(|c| std::cmp::Reverse(c.year));
        Ok(())
    }

    pub fn commitment(&self, year: u16) -> Option<&Commitment> {
        self.commitments.iter().find(|c| c.year == year)
    }
}

/// What the pane needs besides the detail itself.
pub struct Context<'a> {
    pub lang: Lang,
    pub hamlet: &'a str,
    pub catalog: &'a [CatalogItem],
    /// The year the table shows: its commitment's items are listed in full.
    pub year: u16,
    /// The detail view shows the national ID and phone in full; the side
    /// pane masks them.
    pub full: bool,
    /// The role may not unmask: numbers stay masked in the detail view too.
    pub masked: bool,
}

fn label(lang: Lang, f: Field) -> Span<'static> {
    Span::styled(format!("{}: ", i18n::field(lang, f)), Theme::dim())
}

fn pair(lang: Lang, f: Field, value: String) -> Line<'static> {
    Line::from(vec![label(lang, f), Span::raw(value)])
}

pub fn status_style(s: CommitmentStatus) -> Style {
    match s {
        CommitmentStatus::Signed => Theme::good(),
        CommitmentStatus::Refused => Theme::bad(),
        CommitmentStatus::Absent => Theme::warn(),
    }
}

/// The lines of the pane, top to bottom.
pub fn lines(d: &Detail, cx: &Context) -> Vec<Line<'static>> {
    let mut out = record_lines(&d.household, cx);
    out.push(Line::default());
    out.extend(commitment_lines(d, cx));
    let violations = violation_lines(d, cx);
    if !violations.is_empty() {
        out.push(Line::default());
        out.extend(violations);
    }
    out.push(Line::default());
    out.extend(team_lines(d, cx.lang));
    if let Some(c) = d.commitment(cx.year).filter(|c| cx.full && c.status == CommitmentStatus::Signed) {
        out.push(Line::default());
        out.push(heading(&words::items_of(cx.lang, c.year)));
        out.extend(item_lines(c, cx.catalog));
    }
    out
}

fn record_lines(h: &Household, cx: &Context) -> Vec<Line<'static>> {
    let lang = cx.lang;
    let unknown = || T::Unknown.get(lang).to_string();
    let whole = cx.full && !cx.masked;
    let id = h.national_id.as_deref().map(|n| if whole { n.to_string() } else { mask_national_id(n) });
    let phone = h.phone.as_deref().map(|p| if whole { p.to_string() } else { mask_phone(p) });
    let status = match h.status {
        HouseholdStatus::Active => T::Living.get(lang).to_string(),
        HouseholdStatus::MovedOut { on } => format!("{} ({})", T::MovedOut.get(lang), format_dmy(on)),
    };
    let mut out = vec![
        Line::from(Span::styled(format!("{} · {}", h.code, h.head_name), Theme::title())),
        pair(lang, Field::HeadBirthYear, h.head_birth_year.map_or_else(unknown, |y| y.to_string())),
        pair(lang, Field::NationalId, id.unwrap_or_else(unknown)),
        pair(lang, Field::Address, h.address.clone()),
        pair(lang, Field::Hamlet, cx.hamlet.to_string()),
        pair(lang, Field::MemberCount, h.members.to_string()),
        pair(lang, Field::Phone, phone.unwrap_or_else(unknown)),
        pair(lang, Field::LivingSince, h.living_since.map_or_else(|| T::SinceAlways.get(lang).into(), format_dmy)),
        pair(lang, Field::Status, status),
    ];
    if cx.full && !h.notes.is_empty() {
        out.push(pair(lang, Field::Notes, h.notes.clone()));
    }
    out
}

fn commitment_lines(d: &Detail, cx: &Context) -> Vec<Line<'static>> {
    let lang = cx.lang;
    let mut out = vec![heading(T::CommitmentsByYear.get(lang))];
    if d.commitments.is_empty() {
        out.push(Line::from(Span::styled(T::NoCommitments.get(lang), Theme::dim())));
    }
    for c in &d.commitments {
        out.push(Line::from(vec![
            Span::styled(format!("{} ", c.year), Theme::header()),
            Span::styled(i18n::commitment_status(lang, c.status), status_style(c.status)),
            Span::raw(format!(" · {} · {}", format_dmy(c.date), words::items(lang, c.items.len()))),
        ]));
        for (f, value) in
            [(Field::Reason, &c.reason), (Field::Representative, &c.representative), (Field::Witness, &c.witness)]
        {
            if !value.is_empty() {
                let name = match f {
                    Field::Representative => Span::styled(format!("{}: ", who(c.status).get(lang)), Theme::dim()),
                    _ => label(lang, f),
                };
                out.push(Line::from(vec![Span::raw("  "), name, Span::raw(value.clone())]));
            }
        }
    }
    out
}

/// Who is named on a commitment, as its status says: who signed, who
/// refused, or whom the visit met.
fn who(status: CommitmentStatus) -> T {
    match status {
        CommitmentStatus::Signed => T::WhoSigned,
        CommitmentStatus::Refused => T::WhoRefused,
        CommitmentStatus::Absent => T::WhoMet,
    }
}

fn item_lines(c: &Commitment, catalog: &[CatalogItem]) -> Vec<Line<'static>> {
    c.items
        .iter()
        .map(|id| {
            let text = catalog.iter().find(|i| i.id == *id).map_or("?", |i| i.text.as_str());
            Line::from(format!("  {id}. {text}"))
        })
        .collect()
}

fn violation_lines(d: &Detail, cx: &Context) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for c in &d.commitments {
        for v in &c.violations {
            out.push(Line::from(vec![
                Span::styled(format!("{} ", c.year), Theme::header()),
                Span::styled(format_dmy(v.date), Theme::bad()),
                Span::raw(format!(" {}", v.description)),
            ]));
        }
    }
    if !out.is_empty() {
        out.insert(0, heading(T::Violations.get(cx.lang)));
    }
    out
}

fn team_lines(d: &Detail, lang: Lang) -> Vec<Line<'static>> {
    let mut out = vec![heading(T::InTeams.get(lang))];
    if d.teams.is_empty() {
        out.push(Line::from(Span::styled(T::NoTeams.get(lang), Theme::dim())));
    }
    for m in &d.teams {
        let style = if m.left { Theme::dim() } else { Style::new() };
        let mut text = format!("{} · {} · {}", m.name, m.team, i18n::role(lang, m.role));
        if m.left {
            text.push_str(&format!(" ({})", T::LeftTeam.get(lang)));
        }
        out.push(Line::from(Span::styled(text, style)));
    }
    out
}
