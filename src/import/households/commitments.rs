//! The commitments a household's rows ask for: the "Ngày ký cam kết" cell
//! (with "Năm cam kết", "Tình trạng" and "Lý do" when the file has them),
//! and every year column (`years`). Each becomes that year's commitment,
//! signed, refused or absent through the domain's own rules
//! (`Commitment::sign`, `Commitment::decline`), and is left out when the
//! ledger holds it already as asked, so a second import changes nothing.
//!
//! The day of a status written without one ("x", "từ chối"): the stored
//! commitment's day if it has that status already (an "x" leaves a signed
//! commitment as it is), otherwise 1 January of the year (today, for next
//! year's column): an old book that says "signed" without a day counts the
//! household as signed for the whole year. A refusal or absence without a
//! reason gets "Theo sổ cũ" (from the old book).

use chrono::{Datelike, NaiveDate};

use super::super::columns::{Cells, Column, Header};
use super::super::plan::Reason;
use super::super::sheet::{Cell, Row};
use super::Planner;
use super::years::{self, Entry};
use crate::domain::{Commitment, CommitmentStatus, Field, Household};
use crate::store::StoreError;

/// The reason stored for a refusal or absence the file gives none for.
const NO_REASON: &str = "Theo sổ cũ";

/// One year's commitment as a row asks for it.
struct Wanted {
    year: u16,
    entry: Entry,
    reason: String,
    row: usize,
}

impl Planner<'_> {
    /// Every commitment `rows` (one household's) ask for that differs from
    /// the stored ones; problems go to `reasons`.
    pub(super) fn commitments(
        &self,
        header: &Header,
        rows: &[&Row],
        stored: Option<&Household>,
        reasons: &mut Vec<Reason>,
    ) -> Result<Vec<Commitment>, StoreError> {
        let mut wanted: Vec<Wanted> = Vec::new();
        for row in rows {
            let cells = Cells { header, row };
            let mut asked: Vec<Wanted> = self.row_entry(&cells, reasons).into_iter().collect();
            asked.extend(self.year_entries(row, reasons));
            for w in asked {
                match wanted.iter().find(|o| o.year == w.year) {
                    Some(o) if o.entry == w.entry && o.reason == w.reason => {}
                    Some(o) => reasons.push(Reason::Repeated { field: Field::Year, first_row: o.row }),
                    None => wanted.push(w),
                }
            }
        }
        let mut out = Vec::new();
        for w in wanted {
            out.extend(self.commitment(w, stored, reasons)?);
        }
        Ok(out)
    }

    /// The "Ngày ký cam kết" / "Tình trạng" cells of one row, for the
    /// "Năm cam kết" cell's year, the date's, or this year.
    fn row_entry(&self, cells: &Cells, reasons: &mut Vec<Reason>) -> Option<Wanted> {
        let read = |cell: Option<&Cell>, reasons: &mut Vec<Reason>| match cell.map(years::entry) {
            Some(Ok(e)) => e,
            Some(Err(p)) => {
                reasons.push(Reason::field(Field::CommitmentDate, p));
                None
            }
            None => None,
        };
        let dated = read(cells.get(Column::CommitmentDate), reasons);
        let status = read(self.row_columns.status.map(|i| cells.row.get(i)), reasons);
        let entry = match (dated, status) {
            (None, None) => return None,
            (Some(d), None) => d,
            (d, Some(s)) => Entry { status: s.status, date: s.date.or(d.and_then(|d| d.date)) },
        };
        let year = match cells.get(Column::CommitmentYear).map(crate::import::values::year) {
            Some(Ok(Some(y))) => y,
            Some(Err(p)) => {
                reasons.push(Reason::field(Field::Year, p));
                return None;
            }
            _ => year_of(entry.date.unwrap_or(self.today)),
        };
        let reason = self.row_columns.reason.map(|i| cells.row.get(i).shown()).unwrap_or_default();
        Some(Wanted { year, entry, reason, row: cells.row.number })
    }

    /// The year columns of one row.
    fn year_entries(&self, row: &Row, reasons: &mut Vec<Reason>) -> Vec<Wanted> {
        let mut out = Vec::new();
        for column in &self.year_columns {
            match years::entry(row.get(column.cell)) {
                Ok(Some(entry)) => {
                    let reason = column.reason.map(|i| row.get(i).shown()).unwrap_or_default();
                    out.push(Wanted { year: column.year, entry, reason, row: row.number });
                }
                Ok(None) => {}
                Err(p) => reasons.push(Reason::field(Field::CommitmentDate, p)),
            }
        }
        out
    }

    /// The commitment `w` asks for, if it differs from the stored one.
    fn commitment(
        &self,
        w: Wanted,
        stored: Option<&Household>,
        reasons: &mut Vec<Reason>,
    ) -> Result<Option<Commitment>, StoreError> {
        let existing = match stored {
            Some(h) => self.store.commitment_for(h.id, w.year)?,
            None => None,
        };
        let undated = self.undated(w.year);
        let same = existing.as_ref().filter(|c| c.status == w.entry.status);
        let mut c = existing.clone().unwrap_or_else(|| Commitment::signed(0, w.year, undated, Vec::new()));
        let on = w.entry.date.or(same.map(|c| c.date)).unwrap_or(undated);
        match w.entry.status {
            CommitmentStatus::Signed => c.sign(on, &self.items),
            status => {
                let kept = same.map(|c| c.reason.clone()).filter(|r| !r.is_empty());
                let reason = Some(w.reason.trim().to_string()).filter(|r| !r.is_empty());
                c.decline(status, on, reason.or(kept).unwrap_or_else(|| NO_REASON.to_string()));
            }
        }
        c.normalize();
        if let Err(errors) = c.validate(self.today) {
            reasons.extend(errors.into_iter().map(Reason::Field));
            return Ok(None);
        }
        Ok(if existing.as_ref() == Some(&c) { None } else { Some(c) })
    }

    /// The day of a status written without one (see the module).
    fn undated(&self, year: u16) -> NaiveDate {
        NaiveDate::from_ymd_opt(year.into(), 1, 1).filter(|d| *d <= self.today).unwrap_or(self.today)
    }
}

fn year_of(day: NaiveDate) -> u16 {
    u16::try_from(day.year()).unwrap_or(0)
}
