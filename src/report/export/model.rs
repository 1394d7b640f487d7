//! The report as tables, laid out once for the tabular writers (xlsx, csv,
//! markdown): the official heading, three sections of indicator tables
//! (one row per hamlet, then the commune-wide teams where they count, then
//! the total), the signers, the detail lists behind the numbers, and a
//! table describing the report itself.
//!
//! Cells keep their kind (count, per-mille rate, date, text) so that each
//! writer formats them its own way; the numbers are the [`Summary`]'s,
//! copied, never recomputed.

use chrono::NaiveDate;

use super::ExportOptions;
use super::names::Names;
use crate::domain::date::format_dmy;
use crate::domain::text::fold;
use crate::domain::{CaseCategory, CaseStatus, Commune, Lang, MediationCase, PeriodKind, Signer, TeamKind, Warning};
use crate::i18n::exports::{self as words, ExportText as W};
use crate::i18n::reports::ReportsText as R;
use crate::i18n::{self, Say};
use crate::report::{CaseCounts, Dataset, HamletRow, HouseholdCounts, OpenCase, Summary, TeamCounts};

/// One cell, formatted by each writer.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Count(u32),
    /// Per mille, rounded down as the summary computed it; `None` when
    /// there was nothing to divide.
    Rate(Option<u16>),
    Date(NaiveDate),
    /// A yes/no flag of a hamlet, drawn as "x".
    Mark(bool),
    Blank,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Short text: names, codes.
    Text,
    /// Text that may be long and wraps: addresses, descriptions.
    Long,
    Count,
    Rate,
    Date,
    Mark,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The full heading (xlsx, csv).
    pub title: String,
    /// A short heading for narrow text tables (markdown); may equal `title`.
    pub short: String,
    pub kind: Kind,
}

/// What a row stands for: lets the CSV summary join the section tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKey {
    Hamlet(usize),
    CommuneWide,
    Total,
    Item,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub key: RowKey,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub title: String,
    /// The name of its sheet (xlsx) and, folded, of its file (csv).
    pub sheet: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Table {
    /// `hộ chưa ký` -> `ho-chua-ky`: the suffix of its CSV file.
    pub fn slug(&self) -> String {
        let folded = fold(&self.sheet);
        let words: Vec<&str> = folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
        words.join("-")
    }
}

pub struct Section {
    pub title: String,
    pub tables: Vec<Table>,
    /// Lines under the tables: the hamlets flagged.
    pub notes: Vec<String>,
}

pub struct SignBlock {
    pub title: String,
    pub hint: String,
    pub name: String,
}

/// The heading of an official document (thể thức văn bản).
pub struct Heading {
    /// "ỦY BAN NHÂN DÂN" over "XÃ NHẤT TIẾN".
    pub issuer: [String; 2],
    pub national: [String; 2],
    pub number: String,
    /// "Nhất Tiến, ngày 23 tháng 11 năm 2026".
    pub place_date: String,
    pub title: String,
    pub subject: String,
    /// "Quý III năm 2026 (từ 01/07/2026 đến 30/09/2026)".
    pub period: String,
}

pub struct Report {
    pub lang: Lang,
    pub heading: Heading,
    pub sections: Vec<Section>,
    /// Who prepared the report (left) and who approves it (right).
    pub signers: [SignBlock; 2],
    pub details: Vec<Table>,
    pub info: Table,
    /// "Lập bằng soxa · 23/11/2026 09:00".
    pub footer: String,
}

impl Report {
    pub fn build(data: &Dataset, s: &Summary, names: &Names, o: &ExportOptions) -> Report {
        let lang = o.lang;
        let b = Builder { lang, s, names };
        let commune = &data.commune;
        Report {
            lang,
            heading: heading(commune, s, o),
            sections: b.sections(),
            signers: [
                sign_block(&commune.preparer, W::PreparerDefault, W::SignHint, lang),
                sign_block(&commune.approver, W::ApproverDefault, W::SealHint, lang),
            ],
            details: b.details(),
            info: b.info(commune, o),
            footer: format!("{} · {}", W::MadeWith.get(lang), o.generated_at.format("%d/%m/%Y %H:%M")),
        }
    }

    /// Every number of the sections in one table, a row per hamlet (then the
    /// commune-wide teams, then the total): the CSV summary file.
    pub fn wide_summary(&self) -> Table {
        let tables: Vec<&Table> = self.sections.iter().flat_map(|s| &s.tables).collect();
        let mut columns = vec![tables.first().and_then(|t| t.columns.first()).cloned().unwrap_or(Column {
            title: W::Hamlet.get(self.lang).into(),
            short: W::Hamlet.get(self.lang).into(),
            kind: Kind::Text,
        })];
        let mut keys: Vec<(RowKey, Cell)> = Vec::new();
        for t in &tables {
            columns.extend(t.columns.iter().skip(1).cloned());
            for r in &t.rows {
                if !keys.iter().any(|(k, _)| *k == r.key) {
                    keys.push((r.key, r.cells.first().cloned().unwrap_or(Cell::Blank)));
                }
            }
        }
        // Hamlets in order, then the commune-wide row, then the total.
        keys.sort_by_key(|(k, _)| match k {
            RowKey::Hamlet(i) => (0, *i),
            RowKey::CommuneWide => (1, 0),
            RowKey::Total | RowKey::Item => (2, 0),
        });
        let rows = keys
            .into_iter()
            .map(|(key, label)| {
                let mut cells = vec![label];
                for t in &tables {
                    match t.rows.iter().find(|r| r.key == key) {
                        Some(r) => cells.extend(r.cells.iter().skip(1).cloned()),
                        None => cells.extend(std::iter::repeat_n(Cell::Blank, t.columns.len() - 1)),
                    }
                }
                Row { key, cells }
            })
            .collect();
        Table {
            title: W::SheetSummary.get(self.lang).into(),
            sheet: W::SheetSummary.get(self.lang).into(),
            columns,
            rows,
        }
    }
}

fn heading(commune: &Commune, s: &Summary, o: &ExportOptions) -> Heading {
    let lang = o.lang;
    let label = i18n::period_label(lang, &s.period);
    let custom = s.period.kind == PeriodKind::Custom;
    Heading {
        issuer: [W::IssuerBody.get(lang).into(), commune.name.to_uppercase()],
        national: [W::NationalName.get(lang).into(), W::NationalMotto.get(lang).into()],
        number: W::DocNumber.get(lang).into(),
        place_date: words::place_and_date(lang, place(&commune.name), o.generated_at.date()),
        title: W::Title.get(lang).into(),
        subject: W::Subject.get(lang).into(),
        period: words::period_line(lang, &label, s.period.start, s.period.end, custom),
    }
}

/// "Xã Nhất Tiến" -> "Nhất Tiến": the place name of the date line.
fn place(commune: &str) -> &str {
    for prefix in ["Xã ", "Phường ", "Thị trấn ", "Đặc khu ", "xã ", "phường "] {
        if let Some(rest) = commune.strip_prefix(prefix) {
            return rest;
        }
    }
    commune
}

fn sign_block(signer: &Signer, default: W, hint: W, lang: Lang) -> SignBlock {
    let title = if signer.title.is_empty() { default.get(lang).to_string() } else { signer.title.to_uppercase() };
    SignBlock { title, hint: hint.get(lang).into(), name: signer.name.clone() }
}

fn col(title: impl Into<String>, short: impl Into<String>, kind: Kind) -> Column {
    Column { title: title.into(), short: short.into(), kind }
}

/// A column whose short heading is the full one.
fn plain(title: impl Into<String>, kind: Kind) -> Column {
    let title = title.into();
    Column { short: title.clone(), title, kind }
}

/// Which row a table's cells are asked for.
#[derive(Clone, Copy)]
enum Place<'a> {
    Hamlet(&'a HamletRow),
    CommuneWide,
    Total,
}

struct Builder<'a> {
    lang: Lang,
    s: &'a Summary,
    names: &'a Names<'a>,
}

impl Builder<'_> {
    fn w(&self, w: W) -> String {
        w.get(self.lang).to_string()
    }

    fn r(&self, r: R) -> String {
        r.get(self.lang).to_string()
    }

    fn sections(&self) -> Vec<Section> {
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

    fn label_column(&self) -> Column {
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

    fn details(&self) -> Vec<Table> {
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
            self.field(F::CommitmentDate, Kind::Date),
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

    fn info(&self, commune: &Commune, o: &ExportOptions) -> Table {
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

fn labelled(key: RowKey, label: String, cells: Vec<Cell>) -> Row {
    let mut all = Vec::with_capacity(cells.len() + 1);
    all.push(Cell::Text(label));
    all.extend(cells);
    Row { key, cells: all }
}

fn count(list: &[u64]) -> u32 {
    u32::try_from(list.len()).unwrap_or(u32::MAX)
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

/// Dates as the clerk reads them everywhere: dd/mm/yyyy.
pub fn date_text(d: NaiveDate) -> String {
    format_dmy(d)
}
