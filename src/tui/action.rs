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
    Targets(TargetAction),
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
    /// Write a team's mediation book.
    Book,
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
    /// Show the next catalog in the Catalog section.
    NextCatalog,
    /// The import dialog, every kind offered.
    Import,
    /// Erase the personal data past its retention (after a preview).
    PurgeExpired,
    /// Switch between the commune's sections and the personal-data ones
    /// (users, access log, retention, requests).
    Page,
    /// u: the section "Người dùng" (operators, the idle lock).
    Users,
    /// l: the section "Nhật ký truy cập".
    AccessLog,
}

/// Targets: the tabs, the filters and year, a model's review, the grid's
/// cells, a session's attendance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetAction {
    NextTab,
    PrevTab,
    ByHamlet,
    ByReview,
    PrevYear,
    NextYear,
    Review,
    Left,
    Right,
    /// Space: toggles a criterion, steps a result or a classification, marks
    /// a household present or absent.
    Toggle,
    /// A digit or `/` typed on the grid: starts editing a date or number cell.
    Type(char),
    Save,
    Attendance,
    AllPresent,
    NonePresent,
}
