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

use crate::domain::text::fold;
use crate::domain::{Field, HamletKind};

use super::sheet::{Cell, Row};

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Households,
    Members,
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
}

/// A column's heading as `soxa export` writes it, and the folded headers
/// that name it (the heading's own folded form among them).
struct Spec {
    column: Column,
    heading: &'static str,
    names: &'static [&'static str],
}

const HAMLET_NAMES: &[&str] = &[
    "thon",
    "ap",
    "ban",
    "to dan pho",
    "khu pho",
    "thon/to dan pho",
    "thon/ap",
    "thon xom",
    "xom",
    "dia ban",
    "hamlet",
    "village",
];
const PHONE_NAMES: &[&str] =
    &["so dien thoai", "dien thoai", "sdt", "so dt", "dt", "phone", "phone number", "telephone", "mobile"];
const ID_NAMES: &[&str] = &[
    "cccd",
    "so cccd",
    "can cuoc",
    "can cuoc cong dan",
    "so can cuoc",
    "so dinh danh",
    "so dinh danh ca nhan",
    "cmnd",
    "so cmnd",
    "cmnd/cccd",
    "cccd/cmnd",
    "so cmnd/cccd",
    "so cccd/cmnd",
    "national id",
    "id number",
];
const NOTE_NAMES: &[&str] = &["ghi chu", "notes", "note"];
const HOUSEHOLD_CODE_NAMES: &[&str] = &["ma ho", "ma ho gia dinh", "ma so ho", "household code", "household id"];

const HOUSEHOLD_COLUMNS: &[Spec] = &[
    Spec { column: Column::HouseholdCode, heading: "Mã hộ", names: HOUSEHOLD_CODE_NAMES },
    Spec {
        column: Column::HamletCode,
        heading: "Mã thôn",
        names: &["ma thon", "ma ap", "ma to dan pho", "hamlet code"],
    },
    Spec { column: Column::Hamlet, heading: "Thôn", names: HAMLET_NAMES },
    Spec {
        column: Column::HeadName,
        heading: "Họ tên chủ hộ",
        names: &[
            "ho ten chu ho",
            "ho va ten chu ho",
            "ten chu ho",
            "chu ho",
            "ho ten",
            "ho va ten",
            "head",
            "head of household",
            "head name",
            "name",
        ],
    },
    Spec {
        column: Column::BirthYear,
        heading: "Năm sinh",
        names: &["nam sinh", "nam sinh chu ho", "ngay sinh", "ngay sinh chu ho", "birth year", "year of birth"],
    },
    Spec { column: Column::NationalId, heading: "CCCD", names: ID_NAMES },
    Spec {
        column: Column::Address, heading: "Địa chỉ", names: &["dia chi", "noi o", "dia chi thuong tru", "address"]
    },
    Spec {
        column: Column::Members,
        heading: "Số nhân khẩu",
        names: &[
            "so nhan khau",
            "so khau",
            "nhan khau",
            "so thanh vien",
            "so nguoi",
            "members",
            "household members",
            "household size",
            "size",
        ],
    },
    Spec { column: Column::Phone, heading: "Số điện thoại", names: PHONE_NAMES },
    Spec {
        column: Column::LivingSince,
        heading: "Sinh sống từ ngày",
        names: &["sinh song tu ngay", "sinh song tu", "ngay den", "living since", "living here since", "since"],
    },
    Spec {
        column: Column::MovedOut,
        heading: "Ngày chuyển đi",
        names: &["ngay chuyen di", "chuyen di", "moved out", "moved out on"],
    },
    Spec { column: Column::Notes, heading: "Ghi chú", names: NOTE_NAMES },
    Spec {
        column: Column::CommitmentDate,
        heading: "Ngày ký cam kết",
        names: &[
            "ngay ky cam ket",
            "ngay ky",
            "ky cam ket",
            "ngay cam ket",
            "commitment date",
            "commitment signed",
            "signed on",
            "date signed",
        ],
    },
    Spec {
        column: Column::CommitmentYear,
        heading: "Năm cam kết",
        names: &["nam cam ket", "cam ket nam", "commitment year"],
    },
];

const MEMBER_COLUMNS: &[Spec] = &[
    Spec {
        column: Column::Team,
        heading: "Tổ/đội",
        names: &["to/doi", "to doi", "to", "doi", "ten to", "ten to doi", "ten to/doi", "team", "team name"],
    },
    Spec { column: Column::Hamlet, heading: "Thôn", names: HAMLET_NAMES },
    Spec {
        column: Column::FullName,
        heading: "Họ và tên",
        names: &["ho va ten", "ho ten", "ho ten thanh vien", "ten", "thanh vien", "full name", "name"],
    },
    Spec { column: Column::Role, heading: "Chức danh", names: &["chuc danh", "chuc vu", "vai tro", "role"] },
    Spec { column: Column::Gender, heading: "Giới tính", names: &["gioi tinh", "gioi", "gender", "sex"] },
    Spec {
        column: Column::BirthDate,
        heading: "Ngày sinh",
        names: &["ngay sinh", "nam sinh", "ngay thang nam sinh", "birth date", "date of birth", "birth year"],
    },
    Spec { column: Column::Phone, heading: "Số điện thoại", names: PHONE_NAMES },
    Spec { column: Column::NationalId, heading: "CCCD", names: ID_NAMES },
    Spec { column: Column::HouseholdCode, heading: "Mã hộ", names: HOUSEHOLD_CODE_NAMES },
    Spec {
        column: Column::DecisionNumber,
        heading: "Số quyết định",
        names: &["so quyet dinh", "quyet dinh", "so qd", "so quyet dinh cong nhan", "decision number"],
    },
    Spec {
        column: Column::DecisionDate,
        heading: "Ngày quyết định",
        names: &["ngay quyet dinh", "ngay qd", "decision date"],
    },
    Spec {
        column: Column::Joined,
        heading: "Ngày tham gia",
        names: &["ngay tham gia", "ngay vao", "tham gia tu", "tham gia tu ngay", "joined", "joined on", "date joined"],
    },
    Spec {
        column: Column::Left,
        heading: "Ngày thôi tham gia",
        names: &["ngay thoi tham gia", "thoi tham gia", "ngay nghi", "ngay ra", "left", "left on"],
    },
    Spec {
        column: Column::LeftReason,
        heading: "Lý do thôi tham gia",
        names: &["ly do thoi tham gia", "ly do nghi", "ly do", "reason for leaving"],
    },
    Spec { column: Column::Notes, heading: "Ghi chú", names: NOTE_NAMES },
];

impl Kind {
    fn specs(self) -> &'static [Spec] {
        match self {
            Kind::Households => HOUSEHOLD_COLUMNS,
            Kind::Members => MEMBER_COLUMNS,
        }
    }

    /// The columns `soxa export` writes, in order.
    pub fn columns(self) -> impl Iterator<Item = Column> {
        self.specs().iter().map(|s| s.column)
    }

    /// Columns a file must have; either hamlet column will do for
    /// households (see [`Header::missing`]).
    fn required(self) -> &'static [Column] {
        match self {
            Kind::Households => &[Column::HouseholdCode, Column::HeadName, Column::Hamlet],
            Kind::Members => &[Column::Team, Column::FullName, Column::Joined],
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
        }
    }

    /// The heading `soxa export` writes for this column.
    pub fn heading(self) -> &'static str {
        let all = HOUSEHOLD_COLUMNS.iter().chain(MEMBER_COLUMNS);
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
        best
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

#[cfg(test)]
mod tests;
