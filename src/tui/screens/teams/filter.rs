//! The team list's filter: kind, place (a hamlet or commune-wide) and "only
//! teams with warnings", remembered across restarts under the key `teams`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::rows::TeamRow;
use crate::domain::{Id, TeamKind};
use crate::tui::prefs;

const PREFS_KEY: &str = "teams";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    #[default]
    All,
    CommuneWide,
    Hamlet(Id),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub kind: Option<TeamKind>,
    pub place: Place,
    pub warned: bool,
}

impl Filter {
    pub fn load(dir: &Path) -> Filter {
        prefs::load(dir, PREFS_KEY).unwrap_or_default()
    }

    pub fn save(&self, dir: &Path) {
        prefs::save(dir, PREFS_KEY, self);
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn matches(&self, row: &TeamRow) -> bool {
        let place = match self.place {
            Place::All => true,
            Place::CommuneWide => row.hamlet.is_none(),
            Place::Hamlet(h) => row.hamlet == Some(h),
        };
        place && self.kind.is_none_or(|k| k == row.kind) && (!self.warned || !row.warnings.is_empty())
    }

    /// All kinds, then each kind in turn.
    pub fn next_kind(&mut self) {
        let i = self.kind.and_then(|k| TeamKind::ALL.iter().position(|x| *x == k));
        self.kind = match i {
            None => TeamKind::ALL.first().copied(),
            Some(i) => TeamKind::ALL.get(i + 1).copied(),
        };
    }

    /// From "all places", the first press shows the selected team's place
    /// (the question is usually "which teams does this hamlet have?"); then
    /// each hamlet in turn, commune-wide teams, and all places again.
    pub fn next_place(&mut self, hamlets: &[(Id, String)], selected: Option<&TeamRow>) {
        let order: Vec<Place> = hamlets.iter().map(|(id, _)| Place::Hamlet(*id)).chain([Place::CommuneWide]).collect();
        self.place = match (self.place, selected) {
            (Place::All, Some(row)) => row.hamlet.map_or(Place::CommuneWide, Place::Hamlet),
            (Place::All, None) => order.first().copied().unwrap_or(Place::All),
            (current, _) => {
                let i = order.iter().position(|p| *p == current);
                i.and_then(|i| order.get(i + 1)).copied().unwrap_or(Place::All)
            }
        };
    }

    /// Forgets a hamlet that no longer exists.
    pub fn settle(&mut self, hamlets: &[(Id, String)]) {
        if let Place::Hamlet(h) = self.place
            && !hamlets.iter().any(|(id, _)| *id == h)
        {
            self.place = Place::All;
        }
    }
}
