//! Who may see and change what: operators' roles, the actions soxa offers,
//! and the one table that says which role may do which (the Law on
//! Personal Data Protection 91/2025/QH15 asks for assigned
//! responsibilities and access authorisation; `docs/PRIVACY.md`).
//!
//! Pure: no storage, no screens. The store keeps operators and checks
//! passphrases; the command line and the interface ask [`Grant::may`]
//! before they offer or do anything.

use serde::{Deserialize, Serialize};

use super::{EntityKind, Id, TeamKind};

/// An operator's role. A ledger without operators is kept by one clerk
/// who may do everything, as an administrator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OperatorRole {
    /// Quản trị: the commune police chief or the chairman's delegate.
    Admin,
    /// Công an xã: households, commitments, teams, targets, reports.
    Police,
    /// Tư pháp: mediation cases and mediation teams, reports.
    Justice,
    /// Trưởng thôn: reads and records signing and outreach in one hamlet.
    HamletHead,
    /// Chỉ xem: reads with personal numbers masked; masked exports only.
    Viewer,
}

impl OperatorRole {
    pub const ALL: [OperatorRole; 5] = [
        OperatorRole::Admin,
        OperatorRole::Police,
        OperatorRole::Justice,
        OperatorRole::HamletHead,
        OperatorRole::Viewer,
    ];

    /// The word on the command line (`--role admin`).
    pub fn code(self) -> &'static str {
        match self {
            OperatorRole::Admin => "admin",
            OperatorRole::Police => "police",
            OperatorRole::Justice => "justice",
            OperatorRole::HamletHead => "hamlet",
            OperatorRole::Viewer => "viewer",
        }
    }

    pub fn from_code(code: &str) -> Option<OperatorRole> {
        OperatorRole::ALL.into_iter().find(|r| r.code() == code.trim().to_ascii_lowercase())
    }
}

/// Everything soxa lets someone do that a role can be refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Households, their members and commitments (a hamlet head: their own
    /// hamlet's, see [`Grant::sees_hamlet`]).
    ReadHouseholds,
    /// Teams and their members.
    ReadTeams,
    /// Mediation cases, their parties and content.
    ReadCases,
    /// Models, assessments and outreach sessions (the Targets screen).
    ReadTargets,
    /// The Reports screen, `soxa report`, the targets table.
    ReadReports,
    /// A person's full ID card or phone number on screen.
    Unmask,
    /// Add, change or delete a household (and its people).
    WriteHousehold,
    /// Record signing, a refusal or a violation for a household of `hamlet`
    /// (`None`: a hamlet not known in advance, as in an import).
    WriteCommitment {
        hamlet: Option<Id>,
    },
    /// A team of this kind and its members.
    WriteTeam {
        kind: TeamKind,
    },
    WriteCase,
    WriteModel,
    WriteAssessment,
    /// An outreach session held in `hamlet` only (`None`: several hamlets or
    /// not known in advance).
    WriteOutreach {
        hamlet: Option<Id>,
    },
    /// The commune, hamlets, catalogs, plan, rules and privacy settings.
    WriteSettings,
    /// Reports and exports with personal numbers masked.
    ExportMasked,
    /// An export with `--include-personal` of records of this kind, or the
    /// mediation book (cases): the files are locked with a passphrase.
    ExportPersonal {
        kind: EntityKind,
    },
    ClosePeriod,
    ReopenPeriod,
    Backup,
    Restore,
    /// Erase a person's personal data, on request or after retention.
    Purge,
    /// Operators, their roles and passphrases; the recovery key.
    ManageOperators,
    /// The access log and the register of requests from data subjects.
    ReadAccessLog,
    ManageRequests,
}

/// Who is signed in: their name (written into the audit and access logs),
/// their role and, for a hamlet head, their hamlet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub name: String,
    pub role: OperatorRole,
    pub hamlet: Option<Id>,
}

impl Grant {
    /// The single clerk of a ledger that has no operators yet: everything,
    /// as before operators existed.
    pub fn single_clerk(name: &str) -> Grant {
        Grant { name: name.to_string(), role: OperatorRole::Admin, hamlet: None }
    }

    /// Whether this operator may do `action`.
    pub fn may(&self, action: Action) -> bool {
        allows(self.role, self.hamlet, action)
    }

    /// `Ok` when allowed, else the refusal naming the roles that may.
    pub fn check(&self, action: Action) -> Result<(), Refusal> {
        if self.may(action) { Ok(()) } else { Err(Refusal { action, role: self.role, needed: roles_allowed(action) }) }
    }

    /// Whether records of hamlet `hamlet` are shown at all: a hamlet head
    /// sees only their own hamlet, every other role sees the commune.
    pub fn sees_hamlet(&self, hamlet: Id) -> bool {
        match self.role {
            OperatorRole::HamletHead => self.hamlet == Some(hamlet),
            _ => true,
        }
    }

    /// Personal numbers (ID card, phone) are masked on every screen and
    /// export this operator sees.
    pub fn masks_numbers(&self) -> bool {
        !self.may(Action::Unmask)
    }
}

/// An action outside the role: which action, the role that tried, and the
/// roles that may (never empty: an administrator may do everything).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub action: Action,
    pub role: OperatorRole,
    pub needed: Vec<OperatorRole>,
}

/// The roles that may do `action` (a hamlet head when the action is in a
/// hamlet they would hold).
pub fn roles_allowed(action: Action) -> Vec<OperatorRole> {
    let hamlet = match action {
        Action::WriteCommitment { hamlet } | Action::WriteOutreach { hamlet } => hamlet,
        _ => None,
    };
    OperatorRole::ALL.into_iter().filter(|r| allows(*r, hamlet.or(Some(0)), action)).collect()
}

/// The table: may a `role` (a hamlet head of `hamlet`) do `action`?
fn allows(role: OperatorRole, own: Option<Id>, action: Action) -> bool {
    use Action as A;
    use OperatorRole as R;
    if role == R::Admin {
        return true;
    }
    let in_own_hamlet = |hamlet: Option<Id>| hamlet.is_some() && hamlet == own;
    match action {
        A::ReadHouseholds => matches!(role, R::Police | R::HamletHead | R::Viewer),
        A::ReadTeams => matches!(role, R::Police | R::Justice | R::Viewer),
        A::ReadCases => matches!(role, R::Justice | R::Viewer),
        A::ReadTargets => matches!(role, R::Police | R::HamletHead | R::Viewer),
        A::ReadReports | A::ExportMasked => matches!(role, R::Police | R::Justice | R::Viewer),
        A::Unmask => matches!(role, R::Police | R::Justice),
        A::WriteHousehold | A::WriteModel | A::WriteAssessment => role == R::Police,
        A::WriteCommitment { hamlet } | A::WriteOutreach { hamlet } => {
            role == R::Police || (role == R::HamletHead && in_own_hamlet(hamlet))
        }
        A::WriteTeam { kind: TeamKind::Mediation } | A::WriteCase => role == R::Justice,
        A::WriteTeam { .. } => role == R::Police,
        A::ExportPersonal { kind } => match kind {
            EntityKind::Case => role == R::Justice,
            _ => role == R::Police,
        },
        A::ClosePeriod | A::Backup => matches!(role, R::Police | R::Justice),
        A::WriteSettings
        | A::ReopenPeriod
        | A::Restore
        | A::Purge
        | A::ManageOperators
        | A::ReadAccessLog
        | A::ManageRequests => false,
    }
}

/// The write an entity of `kind` needs (an import, an undo), given what is
/// known of it: its hamlet, its team's kind.
pub fn write_of(kind: EntityKind, hamlet: Option<Id>, team_kind: Option<TeamKind>) -> Action {
    match kind {
        EntityKind::Household => Action::WriteHousehold,
        EntityKind::Commitment => Action::WriteCommitment { hamlet },
        // Without its kind, a team (or member) counts as not a mediation
        // team: the stricter answer for the justice role.
        EntityKind::Team | EntityKind::Member => Action::WriteTeam { kind: team_kind.unwrap_or(TeamKind::Other) },
        EntityKind::Case => Action::WriteCase,
        EntityKind::Model => Action::WriteModel,
        EntityKind::Assessment => Action::WriteAssessment,
        EntityKind::Outreach => Action::WriteOutreach { hamlet },
        EntityKind::Commune | EntityKind::Hamlet => Action::WriteSettings,
        EntityKind::Period => Action::ClosePeriod,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OperatorRole as R;

    fn grant(role: OperatorRole) -> Grant {
        Grant { name: "x".into(), role, hamlet: (role == R::HamletHead).then_some(7) }
    }

    #[test]
    fn the_roles_table_reads_as_the_issue_writes_it() {
        use Action as A;
        // (action, admin, police, justice, hamlet head of 7, viewer)
        let rows: &[(Action, [bool; 5])] = &[
            (A::ReadHouseholds, [true, true, false, true, true]),
            (A::ReadTeams, [true, true, true, false, true]),
            (A::ReadCases, [true, false, true, false, true]),
            (A::ReadTargets, [true, true, false, true, true]),
            (A::ReadReports, [true, true, true, false, true]),
            (A::Unmask, [true, true, true, false, false]),
            (A::WriteHousehold, [true, true, false, false, false]),
            (A::WriteCommitment { hamlet: Some(7) }, [true, true, false, true, false]),
            (A::WriteCommitment { hamlet: Some(8) }, [true, true, false, false, false]),
            (A::WriteCommitment { hamlet: None }, [true, true, false, false, false]),
            (A::WriteTeam { kind: TeamKind::Mediation }, [true, false, true, false, false]),
            (A::WriteTeam { kind: TeamKind::Security }, [true, true, false, false, false]),
            (A::WriteCase, [true, false, true, false, false]),
            (A::WriteModel, [true, true, false, false, false]),
            (A::WriteAssessment, [true, true, false, false, false]),
            (A::WriteOutreach { hamlet: Some(7) }, [true, true, false, true, false]),
            (A::WriteOutreach { hamlet: None }, [true, true, false, false, false]),
            (A::WriteSettings, [true, false, false, false, false]),
            (A::ExportMasked, [true, true, true, false, true]),
            (A::ExportPersonal { kind: EntityKind::Household }, [true, true, false, false, false]),
            (A::ExportPersonal { kind: EntityKind::Case }, [true, false, true, false, false]),
            (A::ClosePeriod, [true, true, true, false, false]),
            (A::ReopenPeriod, [true, false, false, false, false]),
            (A::Backup, [true, true, true, false, false]),
            (A::Restore, [true, false, false, false, false]),
            (A::Purge, [true, false, false, false, false]),
            (A::ManageOperators, [true, false, false, false, false]),
            (A::ReadAccessLog, [true, false, false, false, false]),
            (A::ManageRequests, [true, false, false, false, false]),
        ];
        for (action, expected) in rows {
            let got: Vec<bool> = OperatorRole::ALL.iter().map(|r| grant(*r).may(*action)).collect();
            assert_eq!(&got[..], &expected[..], "{action:?}");
        }
    }

    #[test]
    fn a_refusal_names_the_roles_that_may() {
        let r = grant(R::Viewer).check(Action::WriteCase).unwrap_err();
        assert_eq!(r.needed, vec![R::Admin, R::Justice]);
        let r = grant(R::Justice).check(Action::WriteCommitment { hamlet: Some(3) }).unwrap_err();
        assert_eq!(r.needed, vec![R::Admin, R::Police, R::HamletHead]);
        assert!(grant(R::Admin).check(Action::Purge).is_ok());
    }

    #[test]
    fn a_hamlet_head_sees_only_their_hamlet_and_masked_numbers() {
        let g = grant(R::HamletHead);
        assert!(g.sees_hamlet(7) && !g.sees_hamlet(8));
        assert!(g.masks_numbers() && grant(R::Viewer).masks_numbers());
        assert!(!grant(R::Police).masks_numbers() && grant(R::Police).sees_hamlet(8));
    }

    #[test]
    fn the_single_clerk_may_do_everything() {
        let g = Grant::single_clerk("Lê Thị Hoa");
        assert!(g.may(Action::ManageOperators) && g.may(Action::Unmask) && g.sees_hamlet(99));
    }

    #[test]
    fn role_codes_read_back() {
        for r in OperatorRole::ALL {
            assert_eq!(OperatorRole::from_code(r.code()), Some(r));
        }
        assert_eq!(OperatorRole::from_code(" Admin "), Some(R::Admin));
        assert_eq!(OperatorRole::from_code("boss"), None);
    }
}
