//! The teams a roster names that the ledger lacks (`soxa import teams`):
//! each is planned once, by folded name and hamlet, with its kind from a
//! "Loại tổ" column or else from its name ("Tổ hòa giải thôn Đông" is a
//! mediation team), and its hamlet from the row's hamlet column (blank:
//! commune-wide). Until written, a new team's members point to a stand-in
//! id from [`NEW_TEAM`] up, which `apply` replaces with the stored id.

use super::super::columns::Header;
use super::super::hamlets::{Found, HamletRef};
use super::super::plan::Reason;
use super::Planner;
use crate::domain::text::fold;
use crate::domain::{Field, Id, Problem, Team, TeamKind};

/// Stand-in ids of new teams start here (sled's ids never get near).
pub const NEW_TEAM: Id = 1 << 62;

/// Headers of the team's kind column.
const KIND_HEADERS: &[&str] = &["loai to", "loai to doi", "loai to/doi", "loai", "kind", "team kind"];

/// Words that name each kind, folded, first match wins.
const KIND_WORDS: &[(&str, TeamKind)] = &[
    ("hoa giai", TeamKind::Mediation),
    ("tu quan", TeamKind::SelfManaged),
    ("xung kich", TeamKind::ShockBrigade),
    ("dan quan", TeamKind::Militia),
    ("an ninh", TeamKind::Security),
    ("bao ve", TeamKind::Security),
    ("mediation", TeamKind::Mediation),
    ("self", TeamKind::SelfManaged),
    ("shock", TeamKind::ShockBrigade),
    ("militia", TeamKind::Militia),
    ("security", TeamKind::Security),
];

/// The kind column's index, taken out of the ignored headers.
pub fn kind_column(header: &mut Header) -> Option<usize> {
    let taken = |i: usize| header.found.iter().any(|(_, at)| *at == i);
    let at =
        header.titles.iter().enumerate().position(|(i, t)| !taken(i) && KIND_HEADERS.contains(&fold(t).as_str()))?;
    let title = header.titles[at].clone();
    header.ignored.retain(|t| *t != title);
    Some(at)
}

/// The kind a cell (or else the team's name) says.
pub fn kind_of(cell: &str, name: &str) -> TeamKind {
    let said = |text: &str| {
        let folded = fold(text);
        KIND_WORDS.iter().find(|(w, _)| folded.contains(w)).map(|(_, k)| *k)
    };
    said(cell).or_else(|| said(name)).unwrap_or(TeamKind::Other)
}

impl Planner<'_> {
    /// The stand-in id of the new team a row names, planned on first sight.
    pub(super) fn new_team(&mut self, name: &str, hamlet: &str, kind: &str, reasons: &mut Vec<Reason>) -> Option<Id> {
        let hamlet_id = match self.hamlets.resolve("", hamlet) {
            Found::One(HamletRef::Stored(id)) => Some(id),
            Found::Blank => None,
            Found::One(HamletRef::New(_)) | Found::Several => {
                reasons.push(Reason::field(Field::Hamlet, Problem::UnknownReference));
                return None;
            }
        };
        let key = (fold(name), hamlet_id);
        if let Some(i) = self.new_teams.iter().position(|t| (fold(&t.name), t.hamlet) == key) {
            return Some(NEW_TEAM + i as Id);
        }
        let mut team = Team::new(name.trim(), kind_of(kind, name), hamlet_id);
        team.normalize();
        if let Err(errors) = team.validate(self.today) {
            reasons.extend(errors.into_iter().map(Reason::Field));
            return None;
        }
        self.new_teams.push(team);
        Some(NEW_TEAM + (self.new_teams.len() - 1) as Id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_comes_from_its_column_or_the_name() {
        assert_eq!(kind_of("Tổ hòa giải", ""), TeamKind::Mediation);
        assert_eq!(kind_of("", "Tổ tự quản thôn Đông"), TeamKind::SelfManaged);
        assert_eq!(kind_of("", "Tổ bảo vệ ANTT thôn Tây"), TeamKind::Security);
        assert_eq!(kind_of("", "Câu lạc bộ"), TeamKind::Other);
    }
}
