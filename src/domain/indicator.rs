//! The indicators of DESIGN.md section 3 by name, and the kinds of value
//! they take, so that the report (which computes them) and the words (which
//! name them) can both refer to one indicator without knowing each other.

use super::{CaseCategory, TeamKind};

/// One indicator, as a row of a comparison or a printed summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indicator {
    Active,
    Signed,
    Coverage,
    NewlySigned,
    Refused,
    Absent,
    NotContacted,
    Violations,
    ActiveTeams,
    TeamsOfKind(TeamKind),
    ActiveMembers,
    MembersJoined,
    MembersLeft,
    TeamsBelowMin,
    TeamsWithoutOneLeader,
    MembersTrained,
    Mediators,
    MediatorsWomen,
    CarriedOver,
    Received,
    ReceivedOf(CaseCategory),
    Successful,
    Unsuccessful,
    Transferred,
    Withdrawn,
    Pending,
    SuccessRate,
    LateStart,
    Overdue,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Count(u32),
    /// A rate in per-mille; `None` when it has no denominator.
    Permille(Option<u16>),
}
