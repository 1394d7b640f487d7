//! The teams a roster names that the ledger lacks (`soxa import teams`):
//! each is planned once, by folded name and hamlet, with its kind from a
//! "Loại tổ" column or else from its name ("Tổ hòa giải thôn Đông" is a
//! mediation team), and its hamlet from the row's hamlet column (blank:
//! commune-wide). Until written, a new team's members point to a stand-in
//! id from [`NEW_TEAM`] up, which `apply` replaces with the stored id.

use super::super::columns::{Column, Header};
use super::super::hamlets::{Found, HamletRef};
use super::super::plan::Reason;
use super::super::sheet::Cell;
use super::super::values;
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

/// Headers of the year a member was trained.
const TRAINED_HEADERS: &[&str] =
    &["nam tap huan", "tap huan nam", "da tap huan nam", "tap huan", "trained in", "trained in year", "training year"];

/// The kind column's index, taken out of the ignored headers and listed
/// among the columns read.
pub fn kind_column(header: &mut Header) -> Option<usize> {
    extra_column(header, KIND_HEADERS, Column::TeamKind)
}

/// The "Năm tập huấn" column's index, the same way.
pub fn trained_column(header: &mut Header) -> Option<usize> {
    extra_column(header, TRAINED_HEADERS, Column::TrainedYear)
}

/// A roster column the export does not write (so it is not among the
/// members' columns): found by its folded header among the unread ones.
fn extra_column(header: &mut Header, names: &[&str], column: Column) -> Option<usize> {
    let taken = |i: usize| header.found.iter().any(|(_, at)| *at == i);
    let at = header.titles.iter().enumerate().position(|(i, t)| !taken(i) && names.contains(&fold(t).as_str()))?;
    let title = header.titles[at].clone();
    header.ignored.retain(|t| *t != title);
    header.found.push((column, at));
    Some(at)
}

/// The years a "Năm tập huấn" cell gives ("2023", "2023, 2025", a date);
/// `Err` when a part is no year.
pub fn trained_years(cell: &Cell) -> Result<Vec<u16>, Problem> {
    match cell {
        Cell::Text(t) => {
            let parts = t.split([',', ';', '/', ' ']).map(str::trim).filter(|p| !p.is_empty());
            let years: Result<Vec<u16>, Problem> =
                parts.map(|p| p.parse::<u16>().map_err(|_| Problem::NotANumber)).collect();
            years.or_else(|_| values::year(cell).map(|y| y.into_iter().collect()))
        }
        other => values::year(other).map(|y| y.into_iter().collect()),
    }
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
