//! What the clerk may import from the interface, as they name it: a roster
//! that creates its teams ("teams") and one that only adds members to
//! teams already there ("members") are two choices of the same file kind.

use std::path::Path;

use crate::domain::Lang;
use crate::i18n::importing::ImportingText as T;
use crate::import::words::ImportText;
use crate::import::{Import, ImportError, Kind};
use crate::store::Store;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Households,
    Teams,
    Members,
    Models,
    Assessments,
    Outreach,
    /// The mediation book; its mediators are matched to members by name
    /// (one not found is named in a warning: the interface adds nobody).
    Cases,
}

impl Choice {
    /// Every choice, as Settings offers them.
    pub const ALL: &'static [Choice] = &[
        Choice::Households,
        Choice::Teams,
        Choice::Members,
        Choice::Models,
        Choice::Assessments,
        Choice::Outreach,
        Choice::Cases,
    ];
    /// What the Households screen imports.
    pub const HOUSEHOLDS: &'static [Choice] = &[Choice::Households];
    /// What the Teams screen imports.
    pub const TEAMS: &'static [Choice] = &[Choice::Teams, Choice::Members];

    /// Its name in the list of kinds.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Choice::Households => T::Households,
            Choice::Teams => T::Teams,
            Choice::Members => T::Members,
            Choice::Models => T::Models,
            Choice::Assessments => T::Assessments,
            Choice::Outreach => T::Outreach,
            Choice::Cases => T::Cases,
        }
        .get(lang)
    }

    /// What such a file holds, beside its name.
    pub fn about(self, lang: Lang) -> &'static str {
        match self {
            Choice::Households => T::HouseholdsAbout,
            Choice::Teams => T::TeamsAbout,
            Choice::Members => T::MembersAbout,
            Choice::Models => T::ModelsAbout,
            Choice::Assessments => T::AssessmentsAbout,
            Choice::Outreach => T::OutreachAbout,
            Choice::Cases => T::CasesAbout,
        }
        .get(lang)
    }

    /// The dialog's title once the kind is chosen.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Choice::Households => ImportText::TitleHouseholds.get(lang),
            Choice::Teams => T::TitleTeams.get(lang),
            Choice::Members => ImportText::TitleMembers.get(lang),
            Choice::Models => ImportText::TitleModels.get(lang),
            Choice::Assessments => ImportText::TitleAssessments.get(lang),
            Choice::Outreach => ImportText::TitleOutreach.get(lang),
            Choice::Cases => ImportText::TitleCases.get(lang),
        }
    }

    /// Reads `path` and plans its import (reads only).
    pub fn prepare(self, store: &Store, path: &Path) -> Result<Import, ImportError> {
        let kind = match self {
            Choice::Teams => return Import::prepare_teams(store, path),
            Choice::Cases => return Import::prepare_cases(store, path, None),
            Choice::Households => Kind::Households,
            Choice::Members => Kind::Members,
            Choice::Models => Kind::Models,
            Choice::Assessments => Kind::Assessments,
            Choice::Outreach => Kind::Outreach,
        };
        Import::prepare(store, path, kind)
    }
}
