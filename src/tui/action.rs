//! Every intent the clerk can express with a key, as data. Keys map to
//! actions in `keymap`; `App::update` is the only place actions change state.

use super::Screen;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Goto(Screen),
    Help,
    Lookup,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    New,
    Edit,
    Delete,
    Undo,
    Redo,
    History,
    /// A screen's own actions, one named enum per screen (see its keys).
    Dashboard(DashboardAction),
    Households(HouseholdAction),
    Teams(TeamAction),
    Mediation(CaseAction),
    Reports(ReportAction),
    Settings(SettingsAction),
}

/// Dashboard: which column the arrows move in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DashboardAction {
    Switch,
    ToHamlets,
    ToSide,
}

/// Households: sign, commit, refuse, filters, year, import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HouseholdAction {
    Sign,
    Commit,
    Refuse,
    Violation,
    Search,
    Hamlet,
    Status,
    Sort,
    PrevYear,
    NextYear,
    DeleteCommitment,
    Import,
}

/// Teams: panes, filters, moving and retiring members, training.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TeamAction {
    Pane,
    TeamsPane,
    RosterPane,
    Kind,
    Hamlet,
    Warned,
    Move,
    Retire,
    Training,
    Import,
}

/// Mediation: a case's status and follow-up, the list's filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CaseAction {
    Move,
    Follow,
    ByStatus,
    ByCategory,
    ByHamlet,
    ByYear,
}

/// Reports: the period, the section, export, closing and reopening.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportAction {
    Prev,
    Next,
    Kind,
    Choose,
    Current,
    Section,
    SectionBack,
    Export,
    Close,
    Reopen,
}

/// Settings: sections, focus, retiring a catalog item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SettingsAction {
    Next,
    Prev,
    ToSections,
    ToContent,
    Retire,
    /// Edit the plan's targets and report due dates.
    Plan,
    /// The import dialog, every kind offered.
    Import,
}
