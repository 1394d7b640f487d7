//! The indicator tables of the report's three sections: one row per
//! hamlet, then the commune-wide teams where they count, then the total,
//! each cell copied from the [`Summary`](crate::report::Summary).

use super::{Builder, Cell, Column, Kind, Row, RowKey, Section, Table, col};
use crate::domain::{CaseCategory, TeamKind};
use crate::i18n;
use crate::i18n::reports::ReportsText as R;
use crate::report::export::words::{self as words, ExportText as W};
use crate::report::{CaseCounts, HamletRow, HouseholdCounts, TeamCounts};

/// Which row a table's cells are asked for.
#[derive(Clone, Copy)]
enum Place<'a> {
    Hamlet(&'a HamletRow),
    CommuneWide,
    Total,
}

impl Builder<'_> {
    pub(super) fn sections(&self) -> Vec<Section> {
        let (lang, s) = (self.lang, self.s);
        let list = |ids: &[u64]| -> String {
            if ids.is_empty() {
                return R::Nothing.get(lang).to_string();
            }
            ids.iter().map(|id| self.names.hamlet(*id)).collect::<Vec<_>>().join(", ")
        };
        let target = s.thresholds.coverage_target_pct;
        vec![
            Section {
                title: words::section_households(lang, s.commitment_year),
                tables: vec![self.households()],
                notes: vec![words::below_target_line(lang, target, &list(&s.total.hamlets_below_coverage_target))],
            },
            Section {
                title: self.w(W::SecTeams),
                tables: vec![self.teams(), self.members()],
                notes: vec![
                    format!("{}: {}", R::NoSecurity.get(lang), list(&s.total.hamlets_without_security_team)),
                    format!("{}: {}", R::NoMediation.get(lang), list(&s.total.hamlets_without_mediation_team)),
                ],
            },
            Section { title: self.w(W::SecMediation), tables: vec![self.cases(), self.categories()], notes: vec![] },
        ]
    }

    pub(super) fn label_column(&self) -> Column {
        col(self.w(W::Hamlet), self.r(R::Hamlet), Kind::Text)
    }

    /// One row per hamlet, then (if given) the commune-wide row, then the total.
    fn per_hamlet<T>(
        &self,
        title: W,
        columns: Vec<Column>,
        commune_wide: Option<&T>,
        total: &T,
        hamlet: fn(&HamletRow) -> &T,
        cells: impl Fn(&T, Place) -> Vec<Cell>,
    ) -> Table {
        let mut rows = Vec::with_capacity(self.s.hamlets.len() + 2);
        for (i, h) in self.s.hamlets.iter().enumerate() {
            rows.push(labelled(RowKey::Hamlet(i), h.name.clone(), cells(hamlet(h), Place::Hamlet(h))));
        }
        if let Some(c) = commune_wide {
            rows.push(labelled(RowKey::CommuneWide, self.w(W::RowCommuneWide), cells(c, Place::CommuneWide)));
        }
        rows.push(labelled(RowKey::Total, self.w(W::RowTotal), cells(total, Place::Total)));
        let mut all = vec![self.label_column()];
        all.extend(columns);
        Table { title: self.w(title), sheet: self.w(W::SheetSummary), columns: all, rows }
    }

    fn households(&self) -> Table {
        let s = self.s;
        let target = s.thresholds.coverage_target_pct;
        let columns = vec![
            col(self.w(W::Active), self.r(R::ColActive), Kind::Count),
            col(self.w(W::Signed), self.r(R::ColSigned), Kind::Count),
            col(self.w(W::Coverage), self.r(R::ColCoverage), Kind::Rate),
            col(self.w(W::NewlySigned), self.r(R::ColNew), Kind::Count),
            col(self.w(W::Refused), self.r(R::ColRefused), Kind::Count),
            col(self.w(W::Absent), self.r(R::ColAbsent), Kind::Count),
            col(self.w(W::NotContacted), self.r(R::ColNotContacted), Kind::Count),
            col(self.w(W::Violations), self.r(R::ColViolations), Kind::Count),
            col(words::below_target(self.lang, target), self.w(W::ShortBelow), Kind::Mark),
        ];
        let flagged = count(&s.total.hamlets_below_coverage_target);
        self.per_hamlet(
            W::TabHouseholds,
            columns,
            None,
            &s.total.households,
            |h| &h.households,
            |c: &HouseholdCounts, at| {
                let mark = match at {
                    Place::Hamlet(r) => Cell::Mark(r.below_coverage_target),
                    Place::Total => Cell::Count(flagged),
                    Place::CommuneWide => Cell::Blank,
                };
                vec![
                    Cell::Count(c.active),
                    Cell::Count(c.signed),
                    Cell::Rate(c.coverage_permille),
                    Cell::Count(c.newly_signed),
                    Cell::Count(c.refused),
                    Cell::Count(c.absent),
                    Cell::Count(c.not_contacted),
                    Cell::Count(c.violations),
                    mark,
                ]
            },
        )
    }

    fn teams(&self) -> Table {
        let (s, lang) = (self.s, self.lang);
        let mut columns = vec![col(self.w(W::TeamsTotal), self.r(R::ColTeams), Kind::Count)];
        for kind in TeamKind::ALL {
            columns.push(col(i18n::team_kind(lang, kind), short_kind(kind).get(lang), Kind::Count));
        }
        columns.push(col(self.w(W::NoSecurity), self.w(W::ShortNoSecurity), Kind::Mark));
        columns.push(col(self.w(W::NoMediation), self.w(W::ShortNoMediation), Kind::Mark));
        let total = &s.total;
        let flags = [count(&total.hamlets_without_security_team), count(&total.hamlets_without_mediation_team)];
        self.per_hamlet(
            W::TabTeams,
            columns,
            Some(&s.commune_wide),
            &total.teams,
            |h| &h.teams,
            |c: &TeamCounts, at| {
                let mut cells = vec![Cell::Count(c.active_teams)];
                cells.extend(TeamKind::ALL.iter().map(|k| Cell::Count(c.active_of(*k))));
                match at {
                    Place::Hamlet(r) => {
                        cells.extend([Cell::Mark(r.without_security_team), Cell::Mark(r.without_mediation_team)])
                    }
                    Place::Total => cells.extend(flags.map(Cell::Count)),
                    Place::CommuneWide => cells.extend([Cell::Blank, Cell::Blank]),
                }
                cells
            },
        )
    }

    fn members(&self) -> Table {
        let (s, lang) = (self.s, self.lang);
        let th = &s.thresholds;
        let columns = vec![
            col(self.w(W::Members), self.r(R::ColMembers), Kind::Count),
            col(self.w(W::Joined), self.r(R::ColJoined), Kind::Count),
            col(self.w(W::Left), self.r(R::ColLeft), Kind::Count),
            col(words::below_min(lang, th.team_min_members), self.r(R::ColShort), Kind::Count),
            col(self.w(W::NotOneLeader), self.r(R::ColLeader), Kind::Count),
            col(words::trained(lang, s.commitment_year), self.r(R::ColTrained), Kind::Count),
            col(self.w(W::Mediators), self.r(R::ColMediators), Kind::Count),
            col(self.w(W::MediatorsWomen), self.r(R::ColWomen), Kind::Count),
        ];
        self.per_hamlet(
            W::TabMembers,
            columns,
            Some(&s.commune_wide),
            &s.total.teams,
            |h| &h.teams,
            |c: &TeamCounts, _| {
                vec![
                    Cell::Count(c.active_members),
                    Cell::Count(c.members_joined),
                    Cell::Count(c.members_left),
                    Cell::Count(c.teams_below_min_size),
                    Cell::Count(c.teams_without_one_leader),
                    Cell::Count(c.members_trained),
                    Cell::Count(c.mediators),
                    Cell::Count(c.mediators_women),
                ]
            },
        )
    }

    fn cases(&self) -> Table {
        let columns = vec![
            col(self.w(W::CarriedOver), self.r(R::ColCarried), Kind::Count),
            col(self.w(W::Received), self.r(R::ColReceived), Kind::Count),
            col(self.w(W::Successful), self.r(R::ColSuccessful), Kind::Count),
            col(self.w(W::Unsuccessful), self.r(R::ColUnsuccessful), Kind::Count),
            col(self.w(W::Transferred), self.r(R::ColTransferred), Kind::Count),
            col(self.w(W::Withdrawn), self.r(R::ColWithdrawn), Kind::Count),
            col(self.w(W::Pending), self.r(R::ColPending), Kind::Count),
            col(self.w(W::SuccessRate), self.r(R::ColCoverage), Kind::Rate),
            col(self.w(W::LateStart), self.r(R::ColLate), Kind::Count),
            col(self.w(W::Overdue), self.r(R::ColOverdue), Kind::Count),
        ];
        self.per_hamlet(
            W::TabCases,
            columns,
            None,
            &self.s.total.cases,
            |h| &h.cases,
            |c: &CaseCounts, _| {
                vec![
                    Cell::Count(c.carried_over),
                    Cell::Count(c.received),
                    Cell::Count(c.closed.successful),
                    Cell::Count(c.closed.unsuccessful),
                    Cell::Count(c.closed.transferred),
                    Cell::Count(c.closed.withdrawn),
                    Cell::Count(c.pending),
                    Cell::Rate(c.success_rate_permille),
                    Cell::Count(c.late_start),
                    Cell::Count(c.overdue),
                ]
            },
        )
    }

    fn categories(&self) -> Table {
        let lang = self.lang;
        let mut columns: Vec<Column> = CaseCategory::ALL
            .iter()
            .map(|c| col(i18n::case_category(lang, *c), short_category(*c).get(lang), Kind::Count))
            .collect();
        columns.push(col(self.w(W::ReceivedTotal), self.w(W::ShortTotal), Kind::Count));
        self.per_hamlet(
            W::TabCategories,
            columns,
            None,
            &self.s.total.cases,
            |h| &h.cases,
            |c: &CaseCounts, _| {
                let mut cells: Vec<Cell> = CaseCategory::ALL.iter().map(|k| Cell::Count(c.received_of(*k))).collect();
                cells.push(Cell::Count(c.received));
                cells
            },
        )
    }
}

fn labelled(key: RowKey, label: String, cells: Vec<Cell>) -> Row {
    let mut all = Vec::with_capacity(cells.len() + 1);
    all.push(Cell::Text(label));
    all.extend(cells);
    Row { key, cells: all }
}

fn count(list: &[u64]) -> u32 {
    u32::try_from(list.len()).unwrap_or(u32::MAX)
}

fn short_kind(kind: TeamKind) -> W {
    match kind {
        TeamKind::Security => W::ShortSecurity,
        TeamKind::SelfManaged => W::ShortSelfManaged,
        TeamKind::Mediation => W::ShortMediation,
        TeamKind::ShockBrigade => W::ShortShockBrigade,
        TeamKind::Militia => W::ShortMilitia,
        TeamKind::Other => W::ShortOtherTeam,
    }
}

fn short_category(c: CaseCategory) -> W {
    match c {
        CaseCategory::Neighbours => W::ShortNeighbours,
        CaseCategory::Civil => W::ShortCivil,
        CaseCategory::Family => W::ShortFamily,
        CaseCategory::MinorViolation => W::ShortMinor,
        CaseCategory::Other => W::ShortOtherCase,
    }
}
