//! The report as tables, laid out once for the tabular writers (xlsx, csv,
//! markdown): the official heading, three sections of indicator tables
//! (one row per hamlet, then the commune-wide teams where they count, then
//! the total), the signers, the detail lists behind the numbers, and a
//! table describing the report itself.
//!
//! Cells keep their kind (count, per-mille rate, date, text) so that each
//! writer formats them its own way; the numbers are the [`Summary`]'s,
//! copied, never recomputed.

mod details;
mod indicators;
mod targets;

pub use targets::is_targets;

use chrono::NaiveDate;

use super::ExportOptions;
use super::names::Names;
use crate::domain::date::format_dmy;
use crate::domain::text::fold;
use crate::domain::{Commune, Lang, PeriodKind, Signer};
use crate::i18n;
use crate::i18n::reports::ReportsText as R;
use crate::report::export::words::{self as words, ExportText as W};
use crate::report::{Dataset, Summary};

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
    /// The targets table and its per-hamlet figures: the first section of
    /// every format.
    pub targets: Section,
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
            targets: b.targets(),
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

    /// Every section, the targets first.
    pub fn all_sections(&self) -> impl Iterator<Item = &Section> {
        std::iter::once(&self.targets).chain(&self.sections)
    }

    /// Every number of the sections in one table, a row per hamlet (then the
    /// commune-wide teams, then the total): the CSV summary file. Its first
    /// columns are the targets' figures by hamlet; the targets table itself
    /// (a row per target) is a file of its own.
    pub fn wide_summary(&self) -> Table {
        let tables: Vec<&Table> =
            self.all_sections().flat_map(|s| &s.tables).filter(|t| !targets::is_targets(t)).collect();
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

/// Builds the tables of one report: `indicators` the sections, `details`
/// the lists and the information table.
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
}

/// Dates as the clerk reads them everywhere: dd/mm/yyyy.
pub fn date_text(d: NaiveDate) -> String {
    format_dmy(d)
}
