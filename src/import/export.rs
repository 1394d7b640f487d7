//! The ledger's households, team members, models, area assessments and
//! outreach sessions written in exactly the
//! columns the importer reads (Vietnamese headings, see `columns`), so an
//! export imported into an empty ledger gives the same records back.
//!
//! CSV is UTF-8 with a BOM (Excel then shows Vietnamese correctly), comma
//! separated, dates as dd/mm/yyyy, every cell through `output::csv` (a
//! cell a spreadsheet would run as a formula gets a `'` in front, which the
//! importer takes away again). XLSX has real date cells, numbers as
//! numbers, and codes, phone and CCCD numbers as text, so Excel keeps their
//! leading zeros. National ID numbers are masked ("********1234") unless
//! the clerk asks for personal data; a masked number reads back as "not
//! given", never as a wrong number.
//!
//! The "Ngày ký cam kết" column holds the date of the household's signed
//! commitment for the chosen year (the current year by default), with that
//! year in "Năm cam kết".

use std::collections::HashMap;

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use super::columns::{Column, Kind};
use super::sheet::Cell;
use crate::domain::text::mask_national_id;
use crate::domain::{Assessment, Model, Outreach, Review};
use crate::domain::{CommitmentStatus, Gender, Hamlet, Household, HouseholdStatus, Id, Lang, Member, Team};
use crate::i18n;
use crate::i18n::targets;
use crate::output;
use crate::store::{Store, StoreError};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Write national ID numbers in full.
    pub include_personal: bool,
    /// The year whose signed commitments fill "Ngày ký cam kết".
    pub year: u16,
}

/// A table to write: headings and rows of cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub kind: Kind,
    pub headings: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// Every household, ordered by code.
pub fn households(store: &Store, opts: Options) -> Result<Table, StoreError> {
    let hamlets: HashMap<Id, Hamlet> = store.all::<Hamlet>()?.into_iter().map(|h| (h.id, h)).collect();
    let signed: HashMap<Id, chrono::NaiveDate> = store
        .commitments_for_year(opts.year)?
        .into_iter()
        .filter(|c| c.status == CommitmentStatus::Signed)
        .map(|c| (c.household, c.date))
        .collect();
    let mut all = store.all::<Household>()?;
    all.sort_by(|a, b| a.code.cmp(&b.code));
    let columns: Vec<Column> = Kind::Households.columns().collect();
    let rows = all
        .iter()
        .map(|h| {
            columns.iter().map(|c| household_cell(*c, h, hamlets.get(&h.hamlet), signed.get(&h.id), opts)).collect()
        })
        .collect();
    Ok(Table { kind: Kind::Households, headings: columns.iter().map(|c| c.heading()).collect(), rows })
}

fn household_cell(
    column: Column,
    h: &Household,
    hamlet: Option<&Hamlet>,
    signed: Option<&chrono::NaiveDate>,
    opts: Options,
) -> Cell {
    let date = |d: Option<chrono::NaiveDate>| d.map_or(Cell::Empty, Cell::Date);
    match column {
        Column::HouseholdCode => Cell::text(&h.code),
        Column::HamletCode => hamlet.map_or(Cell::Empty, |x| Cell::text(&x.code)),
        Column::Hamlet => hamlet.map_or(Cell::Empty, |x| Cell::text(&x.display_name())),
        Column::HeadName => Cell::text(&h.head_name),
        Column::BirthYear => h.head_birth_year.map_or(Cell::Empty, |y| Cell::Number(y.into())),
        Column::NationalId => national_id(h.national_id.as_deref(), opts),
        Column::Address => Cell::text(&h.address),
        Column::Members => Cell::Number(h.members.into()),
        Column::Phone => Cell::text(h.phone.as_deref().unwrap_or("")),
        Column::LivingSince => date(h.living_since),
        Column::MovedOut => match h.status {
            HouseholdStatus::MovedOut { on } => Cell::Date(on),
            HouseholdStatus::Active => Cell::Empty,
        },
        Column::Notes => Cell::text(&h.notes),
        Column::CommitmentDate => date(signed.copied()),
        Column::CommitmentYear => signed.map_or(Cell::Empty, |_| Cell::Number(opts.year.into())),
        _ => Cell::Empty,
    }
}

fn national_id(id: Option<&str>, opts: Options) -> Cell {
    match id {
        Some(id) if opts.include_personal => Cell::text(id),
        Some(id) => Cell::text(&mask_national_id(id)),
        None => Cell::Empty,
    }
}

/// Every team member, by team name, then joining date and name.
pub fn members(store: &Store, opts: Options) -> Result<Table, StoreError> {
    let hamlets: HashMap<Id, Hamlet> = store.all::<Hamlet>()?.into_iter().map(|h| (h.id, h)).collect();
    let teams: HashMap<Id, Team> = store.all::<Team>()?.into_iter().map(|t| (t.id, t)).collect();
    let codes: HashMap<Id, String> = store.all::<Household>()?.into_iter().map(|h| (h.id, h.code)).collect();
    let mut all = store.all::<Member>()?;
    let team_name = |m: &Member| teams.get(&m.team).map(|t| t.name.clone()).unwrap_or_default();
    all.sort_by_cached_key(|m| (team_name(m), m.team, m.joined, m.full_name.clone()));
    let columns: Vec<Column> = Kind::Members.columns().collect();
    let rows = all
        .iter()
        .map(|m| {
            let team = teams.get(&m.team);
            let hamlet = team.and_then(|t| t.hamlet).and_then(|id| hamlets.get(&id));
            columns.iter().map(|c| member_cell(*c, m, team, hamlet, &codes, opts)).collect()
        })
        .collect();
    Ok(Table { kind: Kind::Members, headings: columns.iter().map(|c| c.heading()).collect(), rows })
}

fn member_cell(
    column: Column,
    m: &Member,
    team: Option<&Team>,
    hamlet: Option<&Hamlet>,
    codes: &HashMap<Id, String>,
    opts: Options,
) -> Cell {
    let date = |d: Option<chrono::NaiveDate>| d.map_or(Cell::Empty, Cell::Date);
    match column {
        Column::Team => team.map_or(Cell::Empty, |t| Cell::text(&t.name)),
        Column::Hamlet => hamlet.map_or(Cell::Empty, |h| Cell::text(&h.display_name())),
        Column::FullName => Cell::text(&m.full_name),
        // The roster's own words, which the importer reads back.
        Column::Role => Cell::text(i18n::role(Lang::Vi, m.role)),
        Column::Gender => match m.gender {
            Some(Gender::Male) => Cell::text("Nam"),
            Some(Gender::Female) => Cell::text("Nữ"),
            None => Cell::Empty,
        },
        Column::BirthDate => date(m.birth_date),
        Column::Phone => Cell::text(m.phone.as_deref().unwrap_or("")),
        Column::NationalId => national_id(m.national_id.as_deref(), opts),
        Column::HouseholdCode => m.household.and_then(|h| codes.get(&h)).map_or(Cell::Empty, |c| Cell::text(c)),
        Column::DecisionNumber => Cell::text(&m.decision_number),
        Column::DecisionDate => date(m.decision_date),
        Column::Joined => Cell::Date(m.joined),
        Column::Left => date(m.left.as_ref().map(|l| l.on)),
        Column::LeftReason => m.left.as_ref().map_or(Cell::Empty, |l| Cell::text(&l.reason)),
        Column::Notes => Cell::text(&m.notes),
        _ => Cell::Empty,
    }
}

/// Every model, by hamlet code and name: a row per year reviewed (one row
/// with blank review columns for a model never reviewed).
pub fn models(store: &Store) -> Result<Table, StoreError> {
    let codes = hamlet_codes(store)?;
    let commune = store.commune()?;
    let kinds = commune.map(|c| c.model_kinds).unwrap_or_default();
    let kind = |id: u16| kinds.iter().find(|k| k.id == id).map_or_else(String::new, |k| k.text.clone());
    let mut all = store.all::<Model>()?;
    let code = |m: &Model| m.hamlet.and_then(|h| codes.get(&h)).cloned().unwrap_or_default();
    all.sort_by_cached_key(|m| (code(m), m.name.clone(), m.id));
    let mut rows = Vec::new();
    for m in &all {
        let base = [Cell::text(&code(m)), Cell::text(&m.name), Cell::text(&kind(m.kind)), Cell::Date(m.started)];
        let reviews: Vec<Option<&Review>> =
            if m.reviews.is_empty() { vec![None] } else { m.reviews.iter().map(Some).collect() };
        for r in reviews {
            let mut row = base.to_vec();
            row.extend(review_cells(r));
            rows.push(row);
        }
    }
    Ok(table(Kind::Models, rows))
}

fn review_cells(r: Option<&Review>) -> [Cell; 4] {
    let Some(r) = r else { return [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty] };
    [
        Cell::Number(r.year.into()),
        Cell::text(targets::verdict(Lang::Vi, r.verdict)),
        r.date.map_or(Cell::Empty, Cell::Date),
        Cell::text(&r.reason),
    ]
}

/// Every assessment, by hamlet code and year.
pub fn assessments(store: &Store) -> Result<Table, StoreError> {
    let codes = hamlet_codes(store)?;
    let mut all = store.all::<Assessment>()?;
    let code = |a: &Assessment| codes.get(&a.hamlet).cloned().unwrap_or_default();
    all.sort_by_cached_key(|a| (code(a), a.year));
    let date = |d: Option<chrono::NaiveDate>| d.map_or(Cell::Empty, Cell::Date);
    let rows = all
        .iter()
        .map(|a| {
            let mut row = vec![
                Cell::text(&code(a)),
                Cell::Number(a.year.into()),
                a.result.map_or(Cell::Empty, |r| Cell::text(targets::area_result(Lang::Vi, r))),
                a.classification.map_or(Cell::Empty, |c| Cell::text(targets::classification(Lang::Vi, c))),
                date(a.registered),
            ];
            row.extend((1..=5).map(|id| match a.mark(id) {
                Some(m) => Cell::text(if m.met { "Đạt" } else { "Không đạt" }),
                None => Cell::Empty,
            }));
            row.extend([Cell::text(&a.decision_number), date(a.decision_date)]);
            row
        })
        .collect();
    Ok(table(Kind::Assessments, rows))
}

/// Every outreach session, by date: a row per attending household (its
/// hamlet's code), and a row with a blank household for each hamlet of the
/// session that no attending household lives in.
pub fn outreach(store: &Store) -> Result<Table, StoreError> {
    let codes = hamlet_codes(store)?;
    let households: HashMap<Id, (String, Id)> =
        store.all::<Household>()?.into_iter().map(|h| (h.id, (h.code, h.hamlet))).collect();
    let mut all = store.all::<Outreach>()?;
    all.sort_by_key(|s| (s.date, s.id));
    let mut rows = Vec::new();
    for s in &all {
        let row = |hamlet: Id, household: &str| {
            vec![
                Cell::Date(s.date),
                Cell::text(codes.get(&hamlet).map_or("", String::as_str)),
                Cell::text(household),
                Cell::text(&s.topic),
                Cell::text(&s.speaker),
                Cell::Number(s.head_count.into()),
            ]
        };
        let mut attending: Vec<(&String, Id)> =
            s.households.iter().filter_map(|h| households.get(h)).map(|(code, hamlet)| (code, *hamlet)).collect();
        attending.sort();
        for hamlet in s.hamlets.iter().filter(|h| !attending.iter().any(|(_, a)| a == *h)) {
            rows.push(row(*hamlet, ""));
        }
        rows.extend(attending.into_iter().map(|(code, hamlet)| row(hamlet, code)));
    }
    Ok(table(Kind::Outreach, rows))
}

fn hamlet_codes(store: &Store) -> Result<HashMap<Id, String>, StoreError> {
    Ok(store.all::<Hamlet>()?.into_iter().map(|h| (h.id, h.code)).collect())
}

fn table(kind: Kind, rows: Vec<Vec<Cell>>) -> Table {
    Table { kind, headings: kind.columns().map(|c| c.heading()).collect(), rows }
}

/// The current year as a commitment year.
pub fn year_of(day: chrono::NaiveDate) -> u16 {
    u16::try_from(day.year()).unwrap_or(0)
}

/// CSV bytes: UTF-8 with a BOM, comma separated, dates as dd/mm/yyyy,
/// formulas neutralised.
pub fn csv_bytes(table: &Table) -> Result<Vec<u8>, csv::Error> {
    let mut writer = output::csv::Writer::new(&csv::WriterBuilder::new(), b"\xEF\xBB\xBF".to_vec());
    writer.write_record(&table.headings)?;
    for row in &table.rows {
        writer.write_record(row.iter().map(Cell::shown))?;
    }
    writer.into_inner()
}

/// The bytes of an XLSX workbook of one sheet: headings bold and frozen,
/// dates as date cells, columns sized. Text is written as text cells, never
/// as formulas, so it needs no neutralising.
pub fn xlsx_bytes(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(match table.kind {
        Kind::Households => "Hộ gia đình",
        Kind::Members => "Thành viên",
        Kind::Models => "Mô hình",
        Kind::Assessments => "Đánh giá khu dân cư",
        Kind::Outreach => "Tuyên truyền",
        Kind::Cases => "Sổ hòa giải",
    })?;
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let mut widths: Vec<usize> = table.headings.iter().map(|h| h.chars().count()).collect();
    for (col, heading) in (0u16..).zip(&table.headings) {
        sheet.write_string_with_format(0, col, *heading, &bold)?;
    }
    for (row, cells) in (1u32..).zip(&table.rows) {
        for (col, cell) in (0u16..).zip(cells) {
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    sheet.write_string(row, col, t)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(row, col, *n)?;
                }
                Cell::Date(d) => {
                    let (y, m, dd) = (u16::try_from(d.year()).unwrap_or(1900), d.month() as u8, d.day() as u8);
                    sheet.write_date_with_format(row, col, &ExcelDateTime::from_ymd(y, m, dd)?, &day)?;
                }
            }
            if let Some(w) = widths.get_mut(usize::from(col)) {
                *w = (*w).max(cell.shown().chars().count());
            }
        }
    }
    for (col, width) in (0u16..).zip(widths) {
        sheet.set_column_width(col, (width.min(60) + 2) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}
