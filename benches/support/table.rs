//! The benchmark's one Markdown table: a row per figure, with its target,
//! whether it is met, and the 1-minute load when it was taken.

use std::fmt::Write as _;

/// One row of the table.
pub struct Row {
    what: String,
    measured: String,
    target: &'static str,
    met: String,
    load: String,
}

#[derive(Default)]
pub struct Table(pub Vec<Row>);

impl Table {
    pub fn add(&mut self, what: &str, measured: String, target: &'static str, met: Option<bool>) {
        let met = match met {
            Some(true) => "met".to_string(),
            Some(false) => "**missed**".to_string(),
            None => "-".to_string(),
        };
        let row = Row { what: what.into(), measured, target, met, load: super::load_average() };
        eprintln!("  {}: {} [target {}; {}; load {}]", row.what, row.measured, row.target, row.met, row.load);
        self.0.push(row);
    }

    pub fn markdown(&self) -> String {
        let mut s = String::from("| # | what | measured: median (min–max, samples) | target | met | load |\n");
        s.push_str("| --- | --- | --- | --- | --- | --- |\n");
        for r in &self.0 {
            let (n, what) = r.what.split_once(' ').unwrap_or(("", &r.what));
            let _ = writeln!(s, "| {n} | {what} | {} | {} | {} | {} |", r.measured, r.target, r.met, r.load);
        }
        s
    }
}
