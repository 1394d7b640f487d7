//! The targets section, first in every report: the table of the plan's
//! targets (value, target, met) and the per-hamlet figures behind it, each
//! cell copied from the [`Summary`](crate::report::Summary)'s `targets`.

use super::{Builder, Cell, Kind, Row, RowKey, Section, Table, col, plain};
use crate::domain::plan::Target;
use crate::i18n::targets::{self as words, TargetText as T};
use crate::report::TargetRow;

impl Builder<'_> {
    pub(super) fn targets(&self) -> Section {
        let lang = self.lang;
        let c = &self.s.targets.commune;
        let note = words::commune_recognition(lang, c.recognised, c.areas, c.registered, c.safe);
        Section {
            title: T::Section.get(lang).into(),
            tables: vec![self.target_rows(), self.by_hamlet()],
            notes: vec![note],
        }
    }

    fn target_rows(&self) -> Table {
        let lang = self.lang;
        let columns = vec![
            plain(T::Indicator.get(lang), Kind::Text),
            col(T::Part.get(lang), T::ShortPart.get(lang), Kind::Count),
            col(T::Whole.get(lang), T::ShortWhole.get(lang), Kind::Count),
            col(T::Value.get(lang), T::ShortValue.get(lang), Kind::Rate),
            plain(T::Target.get(lang), Kind::Text),
            plain(T::Outcome.get(lang), Kind::Text),
        ];
        let rows = self.s.targets.rows.iter().map(|r| Row { key: RowKey::Item, cells: self.target_cells(r) }).collect();
        Table { title: T::Table.get(lang).into(), sheet: T::Sheet.get(lang).into(), columns, rows }
    }

    fn target_cells(&self, r: &TargetRow) -> Vec<Cell> {
        let lang = self.lang;
        let whole = r.whole.map_or(Cell::Blank, Cell::Count);
        let value = if r.whole.is_some() { Cell::Rate(r.permille) } else { Cell::Blank };
        vec![
            Cell::Text(words::target(lang, r.target).into()),
            Cell::Count(r.part),
            whole,
            value,
            Cell::Text(words::threshold(lang, r.target, r.threshold)),
            Cell::Text(words::met(lang, r.met).into()),
        ]
    }

    /// One row per hamlet, then the total: reach, assessment, models.
    fn by_hamlet(&self) -> Table {
        let (lang, s) = (self.lang, self.s);
        let columns = vec![
            self.label_column(),
            col(T::Reached.get(lang), T::ShortReached.get(lang), Kind::Count),
            col(T::ReachRate.get(lang), T::ShortReachRate.get(lang), Kind::Rate),
            col(T::AreaResult.get(lang), T::ShortAreaResult.get(lang), Kind::Text),
            col(T::AreaClass.get(lang), T::ShortAreaClass.get(lang), Kind::Text),
            col(T::EffectiveModels.get(lang), T::ShortEffectiveModels.get(lang), Kind::Count),
        ];
        let mut rows: Vec<Row> = Vec::with_capacity(s.hamlets.len() + 1);
        for (i, (row, h)) in s.hamlets.iter().zip(&s.targets.hamlets).enumerate() {
            let cells = vec![
                Cell::Text(row.name.clone()),
                Cell::Count(h.reached),
                Cell::Rate(h.reach_permille),
                Cell::Text(h.result.map(|r| words::area_result(lang, r).to_string()).unwrap_or_default()),
                Cell::Text(h.classification.map(|c| words::classification(lang, c).to_string()).unwrap_or_default()),
                Cell::Count(h.effective_models),
            ];
            rows.push(Row { key: RowKey::Hamlet(i), cells });
        }
        rows.push(self.by_hamlet_total());
        Table { title: T::ByHamlet.get(lang).into(), sheet: self.w(super::W::SheetSummary), columns, rows }
    }

    fn by_hamlet_total(&self) -> Row {
        let (lang, t) = (self.lang, &self.s.targets);
        let safe = t.rows.iter().find(|r| r.target == Target::Safe).map_or(0, |r| r.part);
        let reached: u32 = t.hamlets.iter().map(|h| h.reached).sum();
        let reach = t.rows.iter().find(|r| r.target == Target::Reached).and_then(|r| r.permille);
        Row {
            key: RowKey::Total,
            cells: vec![
                Cell::Text(self.w(super::W::RowTotal)),
                Cell::Count(reached),
                Cell::Rate(reach),
                Cell::Text(words::safe_count(lang, safe)),
                Cell::Blank,
                Cell::Count(t.hamlets.iter().map(|h| h.effective_models).sum()),
            ],
        }
    }
}

/// The columns a targets table's label column is made of (for writers
/// that need to know it is not a hamlet table).
pub fn is_targets(table: &Table) -> bool {
    table.rows.iter().any(|r| r.key == RowKey::Item)
}
