//! The Markdown export: a report that reads well as plain text in a
//! terminal or a text editor (tables padded to the display width of their
//! Vietnamese letters) and renders as Markdown. Tables use the short
//! column headings of the Reports screen, each followed by the key to its
//! abbreviations; numbers are written as the clerk reads them ("1.234",
//! "87,3%").

use unicode_width::UnicodeWidthStr;

use super::model::{Cell, Kind, Report, Table, date_text};
use crate::domain::Lang;
use crate::i18n::{number, reports::percent};
use crate::report::export::words::ExportText as W;

pub fn write(r: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let h = &r.heading;
    // Two spaces end a line inside a paragraph: invisible as text, a line
    // break as Markdown.
    let blocks: [Vec<&str>; 3] =
        [vec![&h.national[0], &h.national[1]], vec![&h.issuer[0], &h.issuer[1], &h.number], vec![&h.place_date]];
    for block in blocks {
        out.push_str(&block.join("  \n"));
        out.push_str("\n\n");
    }
    out.push_str(&format!("# {}\n\n**{}**  \n**{}**\n", h.title, h.subject, h.period));
    for section in r.all_sections() {
        out.push_str(&format!("\n## {}\n", section.title));
        for table in &section.tables {
            out.push_str(&format!("\n### {}\n\n", table.title));
            out.push_str(&render(table, r.lang, true));
            out.push_str(&legend(table, r.lang));
        }
        if !section.notes.is_empty() {
            out.push('\n');
            for note in &section.notes {
                out.push_str(&format!("- {note}\n"));
            }
        }
    }
    out.push('\n');
    for s in &r.signers {
        out.push_str(&format!("**{}** {}\n\n{}\n\n", s.title, s.hint, if s.name.is_empty() { "…" } else { &s.name }));
    }
    out.push_str(&format!("\n## {}\n", W::Appendix.get(r.lang)));
    for table in &r.details {
        out.push_str(&format!("\n### {} ({})\n\n", table.title, number(r.lang, table.rows.len())));
        if table.rows.is_empty() {
            out.push_str(&format!("{}\n", W::Nothing.get(r.lang)));
        } else {
            out.push_str(&render(table, r.lang, false));
        }
    }
    out.push_str(&format!("\n### {}\n\n{}", r.info.title, render(&r.info, r.lang, false)));
    out.push_str(&format!("\n---\n{}\n", r.footer));
    out
}

/// A Markdown table padded so that its columns line up in plain text.
fn render(table: &Table, lang: Lang, short: bool) -> String {
    let header: Vec<String> = table.columns.iter().map(|c| escape(if short { &c.short } else { &c.title })).collect();
    let rows: Vec<Vec<String>> =
        table.rows.iter().map(|r| r.cells.iter().map(|c| escape(&cell(c, lang))).collect()).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            let cells = rows.iter().filter_map(|r| r.get(i)).map(|s| s.width());
            cells.chain([header[i].width(), 3]).max().unwrap_or(3)
        })
        .collect();
    let right: Vec<bool> = table.columns.iter().map(|c| matches!(c.kind, Kind::Count | Kind::Rate)).collect();
    let mut out = String::new();
    line(&mut out, &header, &widths, &right);
    let rule: Vec<String> = widths
        .iter()
        .zip(&right)
        .map(|(w, r)| if *r { format!("{}:", "-".repeat(w - 1)) } else { format!(":{}", "-".repeat(w - 1)) })
        .collect();
    line(&mut out, &rule, &widths, &right);
    for row in &rows {
        line(&mut out, row, &widths, &right);
    }
    out
}

fn line(out: &mut String, cells: &[String], widths: &[usize], right: &[bool]) {
    out.push('|');
    for ((cell, w), r) in cells.iter().zip(widths).zip(right) {
        let pad = " ".repeat(w.saturating_sub(cell.width()));
        if *r {
            out.push_str(&format!(" {pad}{cell} |"));
        } else {
            out.push_str(&format!(" {cell}{pad} |"));
        }
    }
    out.push('\n');
}

/// "Hộ: Hộ đang sinh sống cuối kỳ · Đã ký: Đã ký cam kết · ...", for the
/// columns whose short heading differs from the full one.
fn legend(table: &Table, lang: Lang) -> String {
    let parts: Vec<String> =
        table.columns.iter().filter(|c| c.short != c.title).map(|c| format!("{}: {}", c.short, c.title)).collect();
    if parts.is_empty() {
        return String::new();
    }
    format!("\n{}: {}\n", W::Legend.get(lang), parts.join(" · "))
}

fn cell(c: &Cell, lang: Lang) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Count(n) => number(lang, n),
        Cell::Rate(p) => percent(lang, *p),
        Cell::Date(d) => date_text(*d),
        Cell::Mark(true) => W::Mark.get(lang).into(),
        Cell::Mark(false) | Cell::Blank => String::new(),
    }
}

/// Keeps a cell on its line and out of the table's syntax.
fn escape(s: &str) -> String {
    s.replace(['\n', '\r'], " ").replace('|', "\\|")
}
