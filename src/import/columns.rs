//! The columns the importer understands, the headers that name them, and
//! finding the header row of a sheet.
//!
//! Headers are matched on their folded form (lower case, no diacritics,
//! đ -> d, runs of spaces and punctuation as one space), so "Họ tên chủ
//! hộ", "HO TEN CHU HO" and "ho  ten chu ho" are the same header. A header
//! may carry extra words after a known one ("Số điện thoại (nếu có)"); the
//! longest known header it starts with wins.
//!
//! The Vietnamese heading of each column is part of the file format that
//! `soxa export` writes and this module reads back, whatever the interface
//! language, so it lives here rather than in `i18n`.

use crate::domain::diff::{Facts, changed_fields};
use crate::domain::text::fold;
use crate::domain::{Field, HamletKind};

use super::sheet::{Cell, Row};

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Households,
    Members,
    /// Self-management models and their yearly reviews.
    Models,
    /// Residential areas' yearly assessments.
    Assessments,
    /// Outreach sessions, a row per attending household.
    Outreach,
    /// The mediation book (sổ theo dõi hoạt động hòa giải ở cơ sở).
    Cases,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    HouseholdCode,
    HamletCode,
    Hamlet,
    HeadName,
    BirthYear,
    NationalId,
    Address,
    Members,
    Phone,
    LivingSince,
    MovedOut,
    Notes,
    CommitmentDate,
    CommitmentYear,
    Team,
    FullName,
    Role,
    Gender,
    BirthDate,
    DecisionNumber,
    DecisionDate,
    Joined,
    Left,
    LeftReason,
    Year,
    ModelName,
    ModelKind,
    ModelStarted,
    Verdict,
    ReviewDate,
    ReviewReason,
    Registered,
    Criterion1,
    Criterion2,
    Criterion3,
    Criterion4,
    Criterion5,
    AreaResult,
    Classification,
    OutreachDate,
    Topic,
    Speaker,
    HeadCount,
    /// STT of the mediation book: read past, the store numbers cases.
    CaseNumber,
    Received,
    /// Mediators and invited persons, by name.
    Mediators,
    /// Names, ages and addresses of the parties, several in one cell.
    Parties,
    Content,
    Agreement,
    /// The outcome in words (thành, không thành, chuyển, rút).
    Outcome,
    /// A "Thành" sub-column of a two-row header, ticked.
    OutcomeSuccess,
    /// A "Không thành" sub-column, ticked.
    OutcomeFailure,
    Closed,
    Category,
    /// A roster's "Loại tổ" (read by `soxa import teams` only).
    TeamKind,
    /// A roster's "Năm tập huấn": the year (or years) a member was trained.
    TrainedYear,
}

use names::{
    ASSESSMENT_COLUMNS, CASE_COLUMNS, HOUSEHOLD_COLUMNS, MEMBER_COLUMNS, MODEL_COLUMNS, OUTREACH_COLUMNS, Spec,
};

impl Kind {
    fn specs(self) -> &'static [Spec] {
        match self {
            Kind::Households => HOUSEHOLD_COLUMNS,
            Kind::Members => MEMBER_COLUMNS,
            Kind::Models => MODEL_COLUMNS,
            Kind::Assessments => ASSESSMENT_COLUMNS,
            Kind::Outreach => OUTREACH_COLUMNS,
            Kind::Cases => CASE_COLUMNS,
        }
    }

    /// The columns `soxa export` writes, in order.
    pub fn columns(self) -> impl Iterator<Item = Column> {
        self.specs().iter().map(|s| s.column)
    }

    /// The fields in which `new` differs from `old` (`domain::diff`), in the
    /// order of this kind's columns, as the dry-run report lists them.
    pub fn changed_fields<R: Facts>(self, old: &R, new: &R) -> Vec<Field> {
        let mut fields = changed_fields(old, new);
        let order: Vec<Field> = self.columns().map(Column::field).collect();
        fields.sort_by_key(|f| order.iter().position(|o| o == f).unwrap_or(order.len()));
        fields
    }

    /// Columns a file must have; either hamlet column will do for
    /// households (see [`Header::missing`]).
    fn required(self) -> &'static [Column] {
        match self {
            Kind::Households => &[Column::HouseholdCode, Column::HeadName, Column::Hamlet],
            Kind::Members => &[Column::Team, Column::FullName, Column::Joined],
            Kind::Models => &[Column::HamletCode, Column::ModelName],
            Kind::Assessments => &[Column::HamletCode, Column::Year],
            Kind::Outreach => &[Column::OutreachDate, Column::HamletCode, Column::Topic],
            Kind::Cases => &[Column::Received, Column::Parties],
        }
    }

    /// The column a header names, if any.
    pub fn column_of(self, header: &str) -> Option<Column> {
        let folded = fold(header);
        let mut best: Option<(usize, Column)> = None;
        for spec in self.specs() {
            for name in spec.names {
                let fits = folded == *name || folded.strip_prefix(name).is_some_and(|rest| rest.starts_with(' '));
                if fits && best.is_none_or(|(len, _)| name.len() > len) {
                    best = Some((name.len(), spec.column));
                }
            }
        }
        best.map(|(_, c)| c)
    }
}

impl Column {
    /// The record field a column fills, whose name the interface shows.
    pub fn field(self) -> Field {
        match self {
            Column::HouseholdCode => Field::HouseholdCode,
            Column::HamletCode => Field::HamletCode,
            Column::Hamlet => Field::Hamlet,
            Column::HeadName => Field::HeadName,
            Column::BirthYear => Field::HeadBirthYear,
            Column::NationalId => Field::NationalId,
            Column::Address => Field::Address,
            Column::Members => Field::MemberCount,
            Column::Phone => Field::Phone,
            Column::LivingSince => Field::LivingSince,
            Column::MovedOut => Field::MovedOut,
            Column::Notes => Field::Notes,
            Column::CommitmentDate => Field::CommitmentDate,
            Column::CommitmentYear => Field::Year,
            Column::Team => Field::Team,
            Column::FullName => Field::FullName,
            Column::Role => Field::Role,
            Column::Gender => Field::Gender,
            Column::BirthDate => Field::BirthDate,
            Column::DecisionNumber => Field::DecisionNumber,
            Column::DecisionDate => Field::DecisionDate,
            Column::Joined => Field::Joined,
            Column::Left => Field::Left,
            Column::LeftReason => Field::LeftReason,
            Column::Year => Field::Year,
            Column::ModelName => Field::ModelName,
            Column::ModelKind => Field::ModelKind,
            Column::ModelStarted => Field::ModelStarted,
            Column::Verdict => Field::Verdict,
            Column::ReviewDate => Field::ReviewDate,
            Column::ReviewReason => Field::ReviewReason,
            Column::Registered => Field::Registered,
            Column::Criterion1 | Column::Criterion2 | Column::Criterion3 | Column::Criterion4 | Column::Criterion5 => {
                Field::Criteria
            }
            Column::AreaResult => Field::AreaResult,
            Column::Classification => Field::Classification,
            Column::OutreachDate => Field::OutreachDate,
            Column::Topic => Field::Topic,
            Column::Speaker => Field::Speaker,
            Column::HeadCount => Field::HeadCount,
            Column::CaseNumber => Field::CaseNumber,
            Column::Received => Field::Received,
            Column::Mediators => Field::Mediators,
            Column::Parties => Field::Parties,
            Column::Content => Field::Content,
            Column::Agreement => Field::Agreement,
            Column::Outcome | Column::OutcomeSuccess | Column::OutcomeFailure => Field::Status,
            Column::Closed => Field::Closed,
            Column::Category => Field::Category,
            Column::TeamKind => Field::TeamKind,
            Column::TrainedYear => Field::TrainingDate,
        }
    }

    /// The heading `soxa export` writes for this column.
    pub fn heading(self) -> &'static str {
        let all = HOUSEHOLD_COLUMNS.iter().chain(MEMBER_COLUMNS).chain(MODEL_COLUMNS);
        let all = all.chain(ASSESSMENT_COLUMNS).chain(OUTREACH_COLUMNS).chain(CASE_COLUMNS);
        all.into_iter().find(|s| s.column == self).map_or("", |s| s.heading)
    }
}

/// Where each column is in a sheet, and what its header row held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The row number of the header in the file.
    pub row: usize,
    /// Index in `Sheet::rows` of the header row.
    pub index: usize,
    /// The header cells as written, for the rejected-rows file.
    pub titles: Vec<String>,
    /// (column, cell index), in the order of the file; the first of two
    /// cells naming the same column wins.
    pub found: Vec<(Column, usize)>,
    /// Headers no column matched (ignored).
    pub ignored: Vec<String>,
    /// The kind of hamlet the hamlet header names ("Ấp" -> ấp), for the
    /// hamlets an import creates.
    pub hamlet_kind: HamletKind,
}

/// Rows looked at for the header: a title and a few notes may come first.
const HEADER_SEARCH: usize = 20;

impl Header {
    /// The header row: the row among the first few that names the most
    /// columns (at least two), the earliest on a tie.
    pub fn find(kind: Kind, rows: &[Row]) -> Option<Header> {
        let mut best: Option<Header> = None;
        for (index, row) in rows.iter().enumerate().take(HEADER_SEARCH) {
            let header = Header::of(kind, index, row);
            if header.found.len() >= 2 && best.as_ref().is_none_or(|b| header.found.len() > b.found.len()) {
                best = Some(header);
            }
        }
        let mut header = best?;
        if let Some(next) = rows.get(header.index + 1) {
            header.take_sub_row(kind, next);
        }
        if rows.get(header.index + 1).is_some_and(is_numbering) {
            header.index += 1;
        }
        Some(header)
    }

    /// A second header row under merged cells ("Kết quả" over "Thành" and
    /// "Không thành"): when every cell of `next` names a column and one of
    /// them is new, its columns are read too (a parent cell over them is
    /// a group's name only) and the data starts after it.
    fn take_sub_row(&mut self, kind: Kind, next: &Row) {
        let cells: Vec<(usize, String)> = next
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.shown().trim().to_string()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let named: Vec<(usize, Column, String)> =
            cells.iter().filter_map(|(i, t)| kind.column_of(t).map(|c| (*i, c, t.clone()))).collect();
        let new = named.iter().any(|(_, c, _)| !self.has(*c));
        if named.is_empty() || named.len() < cells.len() || !new {
            return;
        }
        for (i, column, title) in named {
            if self.has(column) {
                continue;
            }
            self.found.retain(|(_, at)| *at != i);
            self.found.push((column, i));
            match self.titles.get_mut(i) {
                Some(t) if t.is_empty() => *t = title,
                Some(t) => *t = format!("{t} {title}"),
                None => {}
            }
        }
        self.index += 1;
    }

    fn of(kind: Kind, index: usize, row: &Row) -> Header {
        let titles: Vec<String> = row.cells.iter().map(|c| c.shown().trim().to_string()).collect();
        let mut found: Vec<(Column, usize)> = Vec::new();
        let mut ignored = Vec::new();
        let mut hamlet_kind = HamletKind::Thon;
        for (i, title) in titles.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            match kind.column_of(title) {
                Some(c) if found.iter().any(|(f, _)| *f == c) => ignored.push(title.clone()),
                Some(c) => {
                    if c == Column::Hamlet {
                        hamlet_kind = kind_named(title);
                    }
                    found.push((c, i));
                }
                None => ignored.push(title.clone()),
            }
        }
        Header { row: row.number, index, titles, found, ignored, hamlet_kind }
    }

    /// The cell index of a column, if the file has it.
    pub fn at(&self, column: Column) -> Option<usize> {
        self.found.iter().find(|(c, _)| *c == column).map(|(_, i)| *i)
    }

    /// Stops reading these columns (their headers join the ignored ones).
    pub fn ignore(&mut self, columns: &[Column]) {
        let (dropped, kept) = self.found.iter().partition(|(c, _)| columns.contains(c));
        self.found = kept;
        for (_, i) in dropped {
            self.ignored.extend(self.titles.get(i).cloned());
        }
    }

    pub fn has(&self, column: Column) -> bool {
        self.at(column).is_some()
    }

    /// Required columns the file lacks. A hamlet code column stands in for
    /// the hamlet's name.
    pub fn missing(&self, kind: Kind) -> Vec<Column> {
        let stands_in = |c: Column| c == Column::Hamlet && self.has(Column::HamletCode);
        kind.required().iter().copied().filter(|c| !self.has(*c) && !stands_in(*c)).collect()
    }
}

/// A row of column numbers under a header ("1", "2", ... or "(1)",
/// "(2)", ...), as printed forms have.
fn is_numbering(row: &Row) -> bool {
    let cells: Vec<String> = row.cells.iter().map(|c| c.shown().trim().to_string()).filter(|t| !t.is_empty()).collect();
    cells.len() >= 2
        && cells.iter().enumerate().all(|(i, t)| t.trim_start_matches('(').trim_end_matches(')') == (i + 1).to_string())
}

/// The cells of one row by column; `None` when the file lacks the column.
pub struct Cells<'r> {
    pub header: &'r Header,
    pub row: &'r Row,
}

impl Cells<'_> {
    pub fn get(&self, column: Column) -> Option<&Cell> {
        self.header.at(column).map(|i| self.row.get(i))
    }

    /// The cell's text, trimmed; empty when blank or absent.
    pub fn text(&self, column: Column) -> String {
        self.get(column).map(|c| c.shown().trim().to_string()).unwrap_or_default()
    }
}

/// The kind of hamlet a header or a hamlet's name starts with.
pub fn kind_named(text: &str) -> HamletKind {
    let folded = fold(text);
    let starts = |word: &str| folded == word || folded.starts_with(&format!("{word} "));
    if starts("to dan pho") {
        HamletKind::ToDanPho
    } else if starts("khu pho") {
        HamletKind::KhuPho
    } else if starts("ap") {
        HamletKind::Ap
    } else if starts("ban") {
        HamletKind::Ban
    } else {
        HamletKind::Thon
    }
}

mod names;
#[cfg(test)]
mod tests;
