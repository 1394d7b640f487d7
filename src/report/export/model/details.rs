//! The detail lists behind the numbers (households not signed, refusals,
//! violations, teams with warnings, open and overdue cases), named from
//! the dataset, and the table describing the report.

use chrono::NaiveDate;

use super::{Builder, Cell, Column, Kind, Row, RowKey, Table, plain};
use crate::domain::{CaseStatus, Commune, MediationCase, Warning};
use crate::i18n::{self, Say};
use crate::report::OpenCase;
use crate::report::export::ExportOptions;
use crate::report::export::words::{self as words, ExportText as W};

impl Builder<'_> {
    pub(super) fn details(&self) -> Vec<Table> {
        vec![
            self.not_signed(),
            self.refusals(),
            self.violations(),
            self.team_warnings(),
            self.open_cases(W::DetOpen, W::SheetOpen, self.s.details.open_cases.iter().collect()),
            self.overdue_cases(),
        ]
    }

    fn detail(&self, title: String, sheet: W, columns: Vec<Column>, rows: Vec<Vec<Cell>>) -> Table {
        let mut all = vec![plain(self.w(W::No), Kind::Count)];
        all.extend(columns);
        let rows = rows
            .into_iter()
            .zip(1u32..)
            .map(|(cells, n)| {
                let mut row = vec![Cell::Count(n)];
                row.extend(cells);
                Row { key: RowKey::Item, cells: row }
            })
            .collect();
        Table { title, sheet: self.w(sheet), columns: all, rows }
    }

    fn field(&self, f: crate::domain::Field, kind: Kind) -> Column {
        plain(i18n::field(self.lang, f), kind)
    }

    /// Code, head's name and hamlet name of a household.
    fn household_cells(&self, id: u64) -> [Cell; 3] {
        match self.names.household(id) {
            Some(h) => [text(&h.code), text(&h.head_name), Cell::Text(self.names.hamlet(h.hamlet))],
            None => [Cell::Blank, Cell::Blank, Cell::Blank],
        }
    }

    fn not_signed(&self) -> Table {
        use crate::domain::Field as F;
        let lang = self.lang;
        let columns = vec![
            self.field(F::HouseholdCode, Kind::Text),
            self.field(F::HeadName, Kind::Text),
            self.field(F::Hamlet, Kind::Text),
            self.field(F::Address, Kind::Long),
            self.field(F::NationalId, Kind::Text),
            self.field(F::Phone, Kind::Text),
            plain(self.w(W::State), Kind::Text),
            self.field(F::Reason, Kind::Long),
        ];
        let rows = self
            .s
            .details
            .not_signed
            .iter()
            .map(|n| {
                let h = self.names.household(n.household);
                let state = match n.status {
                    Some(st) => i18n::commitment_status(lang, st).to_string(),
                    None => self.w(W::NotContacted),
                };
                let reason = n.commitment.and_then(|c| self.names.commitment(c)).map(|c| c.reason.clone());
                let [code, head, hamlet] = self.household_cells(n.household);
                vec![
                    code,
                    head,
                    hamlet,
                    h.map_or(Cell::Blank, |h| text(&h.address)),
                    h.map_or(Cell::Blank, |h| Cell::Text(self.names.national_id(h))),
                    h.map_or(Cell::Blank, |h| Cell::Text(self.names.phone(h))),
                    Cell::Text(state),
                    reason.map_or(Cell::Blank, Cell::Text),
                ]
            })
            .collect();
        self.detail(words::not_signed_title(lang, self.s.commitment_year), W::SheetNotSigned, columns, rows)
    }

    fn refusals(&self) -> Table {
        use crate::domain::Field as F;
        let columns = vec![
            self.field(F::HouseholdCode, Kind::Text),
            self.field(F::HeadName, Kind::Text),
            self.field(F::Hamlet, Kind::Text),
            // The day of the refusal, not of a signing.
            plain(i18n::households::HouseholdsText::DateRefused.get(self.lang), Kind::Date),
            self.field(F::Reason, Kind::Long),
        ];
        let rows = self
            .s
            .details
            .refusals
            .iter()
            .map(|r| {
                let c = self.names.commitment(r.commitment);
                let [code, head, hamlet] = self.household_cells(r.household);
                vec![
                    code,
                    head,
                    hamlet,
                    c.map_or(Cell::Blank, |c| Cell::Date(c.date)),
                    c.map_or(Cell::Blank, |c| text(&c.reason)),
                ]
            })
            .collect();
        self.detail(self.w(W::DetRefusals), W::SheetRefusals, columns, rows)
    }

    fn violations(&self) -> Table {
        use crate::domain::Field as F;
        let columns = vec![
            self.field(F::ViolationDate, Kind::Date),
            self.field(F::HouseholdCode, Kind::Text),
            self.field(F::HeadName, Kind::Text),
            self.field(F::Hamlet, Kind::Text),
            self.field(F::ViolationDescription, Kind::Long),
        ];
        let rows = self
            .s
            .details
            .violations
            .iter()
            .map(|v| {
                let [code, head, _] = self.household_cells(v.household);
                vec![Cell::Date(v.date), code, head, Cell::Text(self.names.hamlet(v.hamlet)), text(&v.description)]
            })
            .collect();
        self.detail(self.w(W::DetViolations), W::SheetViolations, columns, rows)
    }

    fn team_warnings(&self) -> Table {
        use crate::domain::Field as F;
        let lang = self.lang;
        let columns = vec![
            self.field(F::TeamName, Kind::Text),
            self.field(F::TeamKind, Kind::Text),
            self.field(F::Hamlet, Kind::Text),
            plain(self.w(W::Warnings), Kind::Long),
        ];
        let rows = self
            .s
            .details
            .team_warnings
            .iter()
            .map(|t| {
                let team = self.names.team(t.team);
                let hamlet = match t.hamlet {
                    Some(h) => self.names.hamlet(h),
                    None => i18n::say(lang, Say::CommuneWide).to_string(),
                };
                vec![
                    team.map_or(Cell::Blank, |t| text(&t.name)),
                    team.map_or(Cell::Blank, |t| Cell::Text(i18n::team_kind(lang, t.kind).into())),
                    Cell::Text(hamlet),
                    Cell::Text(self.warnings(&t.warnings)),
                ]
            })
            .collect();
        self.detail(self.w(W::DetTeams), W::SheetTeams, columns, rows)
    }

    fn warnings(&self, list: &[Warning]) -> String {
        list.iter().map(|w| i18n::warning(self.lang, *w)).collect::<Vec<_>>().join("; ")
    }

    fn open_cases(&self, title: W, sheet: W, cases: Vec<&OpenCase>) -> Table {
        use crate::domain::Field as F;
        let lang = self.lang;
        let columns = vec![
            self.field(F::CaseNumber, Kind::Text),
            self.field(F::Received, Kind::Date),
            self.field(F::Hamlet, Kind::Text),
            self.field(F::Category, Kind::Text),
            self.field(F::Status, Kind::Text),
            self.field(F::Parties, Kind::Long),
            self.field(F::Content, Kind::Long),
            plain(self.w(W::Warnings), Kind::Long),
        ];
        let end = self.s.period.end;
        let rows = cases
            .into_iter()
            .map(|o| {
                let c = self.names.case(o.case);
                vec![
                    c.map_or(Cell::Blank, |c| Cell::Text(c.number())),
                    c.map_or(Cell::Blank, |c| Cell::Date(c.received)),
                    Cell::Text(self.names.hamlet(o.hamlet)),
                    c.map_or(Cell::Blank, |c| Cell::Text(i18n::case_category(lang, c.category).into())),
                    c.map_or(Cell::Blank, |c| Cell::Text(i18n::case_status(lang, status_at(c, end)).into())),
                    c.map_or(Cell::Blank, |c| Cell::Text(parties(c))),
                    c.map_or(Cell::Blank, |c| text(&c.content)),
                    Cell::Text(self.warnings(&o.flags)),
                ]
            })
            .collect();
        self.detail(self.w(title), sheet, columns, rows)
    }

    fn overdue_cases(&self) -> Table {
        let d = &self.s.details;
        let overdue: Vec<&OpenCase> = d.open_cases.iter().filter(|o| d.overdue_cases.contains(&o.case)).collect();
        self.open_cases(W::DetOverdue, W::SheetOverdue, overdue)
    }

    pub(super) fn info(&self, commune: &Commune, o: &ExportOptions) -> Table {
        use crate::domain::Field as F;
        let (lang, s) = (self.lang, self.s);
        let th = &s.thresholds;
        let item = |label: String, value: Cell| Row { key: RowKey::Item, cells: vec![Cell::Text(label), value] };
        let personal = if o.include_personal { W::PersonalFull } else { W::PersonalMasked };
        let rows = vec![
            item(i18n::field(lang, F::CommuneName).into(), text(&commune.name)),
            item(i18n::field(lang, F::Province).into(), text(&commune.province)),
            item(self.w(W::Period), Cell::Text(i18n::period_label(lang, &s.period))),
            item(self.w(W::From), Cell::Date(s.period.start)),
            item(self.w(W::To), Cell::Date(s.period.end)),
            item(self.w(W::CommitmentYear), Cell::Text(s.commitment_year.to_string())),
            item(self.w(W::GeneratedAt), Cell::Text(o.generated_at.format("%d/%m/%Y %H:%M").to_string())),
            item(i18n::field(lang, F::CoverageTarget).into(), Cell::Count(th.coverage_target_pct.into())),
            item(i18n::field(lang, F::TeamMinMembers).into(), Cell::Count(th.team_min_members.into())),
            item(self.w(W::LateStartDays), Cell::Count(th.late_start_days.into())),
            item(i18n::field(lang, F::OverdueDays).into(), Cell::Count(th.overdue_days.into())),
            item(self.w(W::PersonalData), Cell::Text(self.w(personal))),
        ];
        let columns = vec![plain(self.w(W::Item), Kind::Text), plain(self.w(W::Value), Kind::Text)];
        Table { title: self.w(W::Info), sheet: self.w(W::Info), columns, rows }
    }
}

fn text(s: &str) -> Cell {
    if s.is_empty() { Cell::Blank } else { Cell::Text(s.to_string()) }
}

/// Where a case stood at the end of the period: begun or not (it was open).
fn status_at(case: &MediationCase, end: NaiveDate) -> CaseStatus {
    if case.started.is_some_and(|d| d <= end) { CaseStatus::InProgress } else { CaseStatus::Received }
}

fn parties(case: &MediationCase) -> String {
    case.parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("; ")
}
