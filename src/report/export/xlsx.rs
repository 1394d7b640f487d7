//! The XLSX export (rust_xlsxwriter): a first sheet laid out as an official
//! Vietnamese report (thể thức văn bản: the issuer and the national heading
//! side by side, the place and date, the title with the period, the
//! indicator tables, the signers), then one sheet per detail list and one
//! describing the report.
//!
//! Every sheet prints on A4, fitted to the page width, landscape when its
//! columns are wide; detail sheets freeze and repeat their header row and
//! carry a filter. Counts are numbers, rates real percentages ("0.0%"),
//! dates real dates shown dd/mm/yyyy, so the clerk can sort and add them.

use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, FormatUnderline, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::ExportError;
use super::model::{Cell, Kind, Report, RowKey, SignBlock, Table};
use crate::report::export::words::ExportText as W;

/// A4 in Excel's list of paper sizes.
const A4: u8 = 9;
/// Columns wider than this (in characters) in all print in landscape.
const PORTRAIT_WIDTH: f64 = 100.0;
const FONT: &str = "Times New Roman";
/// Letters of a serif font take about this share of the width of the digit
/// that column widths are counted in: rows sized for wrapped text by
/// counting letters alone come out too tall.
const SERIF_NARROWING: f64 = 0.85;

pub fn write(report: &Report) -> Result<Vec<u8>, ExportError> {
    build(report).map_err(|e| ExportError::Build(e.to_string()))
}

fn build(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut book = Workbook::new();
    summary_sheet(book.add_worksheet(), report, &st)?;
    for table in report.details.iter().chain(std::iter::once(&report.info)) {
        detail_sheet(book.add_worksheet(), table, report, &st)?;
    }
    book.save_to_buffer()
}

/// The cell formats, made once.
struct Styles {
    bold_center: Format,
    underlined: Format,
    center: Format,
    italic_center: Format,
    title: Format,
    subject: Format,
    section: Format,
    table_title: Format,
    header: Format,
    note: Format,
    text: [Format; 2],
    long: Format,
    count: [Format; 2],
    rate: [Format; 2],
    mark: [Format; 2],
    date: Format,
    sheet_title: Format,
    sheet_subtitle: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new().set_font_name(FONT).set_font_size(12);
        let boxed = base.clone().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
        let both = |f: Format| [f.clone(), f.set_bold()];
        Styles {
            bold_center: base.clone().set_bold().set_align(FormatAlign::Center),
            underlined: base.clone().set_bold().set_align(FormatAlign::Center).set_underline(FormatUnderline::Single),
            center: base.clone().set_align(FormatAlign::Center),
            italic_center: base.clone().set_italic().set_align(FormatAlign::Center),
            title: base.clone().set_bold().set_font_size(15).set_align(FormatAlign::Center),
            subject: base.clone().set_bold().set_align(FormatAlign::Center).set_text_wrap(),
            section: base.clone().set_bold(),
            table_title: base.clone().set_italic(),
            header: boxed
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xE7EEF7)),
            note: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            text: both(boxed.clone()),
            long: boxed.clone().set_text_wrap().set_align(FormatAlign::Top),
            count: both(boxed.clone().set_num_format("#,##0")),
            rate: both(boxed.clone().set_num_format("0.0%")),
            mark: both(boxed.clone().set_align(FormatAlign::Center)),
            date: boxed.set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center),
            sheet_title: base.clone().set_bold().set_font_size(14),
            sheet_subtitle: base.set_italic(),
        }
    }
}

fn summary_sheet(ws: &mut Worksheet, r: &Report, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name(W::SheetSummary.get(r.lang))?;
    let tables: Vec<&Table> = r.all_sections().flat_map(|s| &s.tables).collect();
    let cols = tables.iter().map(|t| t.columns.len()).max().unwrap_or(2).max(2);
    let last = col_num(cols - 1);
    let label_width = tables
        .iter()
        .flat_map(|t| t.rows.iter().filter_map(|row| row.cells.first()))
        .map(text_width)
        .fold(16.0, f64::max)
        .min(30.0);
    ws.set_column_width(0, label_width)?;
    for c in 1..=last {
        ws.set_column_width(c, 11)?;
    }
    // The issuer takes the left third, the national heading the rest.
    let split = col_num((cols / 3).max(1));
    let h = &r.heading;
    ws.merge_range(0, 0, 0, split - 1, &h.issuer[0], &st.bold_center)?;
    ws.merge_range(0, split, 0, last, &h.national[0], &st.bold_center)?;
    ws.merge_range(1, 0, 1, split - 1, &h.issuer[1], &st.underlined)?;
    ws.merge_range(1, split, 1, last, &h.national[1], &st.underlined)?;
    ws.merge_range(2, 0, 2, split - 1, &h.number, &st.center)?;
    ws.merge_range(2, split, 2, last, &h.place_date, &st.italic_center)?;
    ws.merge_range(4, 0, 4, last, &h.title, &st.title)?;
    ws.merge_range(5, 0, 5, last, &h.subject, &st.subject)?;
    ws.merge_range(6, 0, 6, last, &h.period, &st.bold_center)?;
    ws.set_row_height(4, 22)?;
    let mut row: u32 = 8;
    // Each section after the first starts a printed page.
    let mut breaks = Vec::new();
    for (i, section) in r.all_sections().enumerate() {
        if i > 0 {
            breaks.push(row);
        }
        ws.write_string_with_format(row, 0, &section.title, &st.section)?;
        row += 1;
        for table in &section.tables {
            ws.write_string_with_format(row, 0, &table.title, &st.table_title)?;
            row = write_table(ws, row + 1, table, st, label_width)? + 1;
        }
        for note in &section.notes {
            ws.merge_range(row, 0, row, last, note, &st.note)?;
            let width = label_width + 11.0 * f64::from(last);
            ws.set_row_height(row, 16.0 * lines(note.width() as f64, width))?;
            row += 1;
        }
        row += 1;
    }
    ws.set_page_breaks(&breaks)?;
    signers(ws, row + 1, &r.signers, split, last, st)?;
    page_setup(ws, label_width + 11.0 * f64::from(last), &r.footer, r.lang);
    Ok(())
}

/// Writes a header row and the rows of `table` from `row`; returns the row
/// after the last. Total rows are bold.
fn write_table(ws: &mut Worksheet, row: u32, table: &Table, st: &Styles, first_width: f64) -> Result<u32, XlsxError> {
    let mut height: f64 = 1.0;
    for (c, column) in table.columns.iter().enumerate() {
        ws.write_string_with_format(row, col_num(c), &column.title, &st.header)?;
        let width = if c == 0 { first_width } else { 11.0 };
        height = height.max(lines(column.title.width() as f64, width - 1.0));
    }
    ws.set_row_height(row, 16.0 * height)?;
    let mut at = row + 1;
    for r in &table.rows {
        let bold = usize::from(r.key == RowKey::Total);
        for (c, (cell, column)) in r.cells.iter().zip(&table.columns).enumerate() {
            put(ws, at, col_num(c), cell, column.kind, bold, st)?;
        }
        at += 1;
    }
    Ok(at)
}

fn put(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    kind: Kind,
    bold: usize,
    st: &Styles,
) -> Result<(), XlsxError> {
    let text_format = if kind == Kind::Long { &st.long } else { &st.text[bold] };
    match cell {
        Cell::Text(s) => ws.write_string_with_format(row, col, s, text_format)?,
        Cell::Count(n) => ws.write_number_with_format(row, col, f64::from(*n), &st.count[bold])?,
        Cell::Rate(Some(p)) => ws.write_number_with_format(row, col, f64::from(*p) / 1000.0, &st.rate[bold])?,
        Cell::Rate(None) => ws.write_string_with_format(row, col, "–", &st.mark[bold])?,
        Cell::Date(d) => {
            use chrono::Datelike;
            let (y, m, day) = (d.year(), d.month(), d.day());
            let date = ExcelDateTime::from_ymd(
                u16::try_from(y).unwrap_or(1900),
                u8::try_from(m).unwrap_or(1),
                u8::try_from(day).unwrap_or(1),
            )?;
            ws.write_datetime_with_format(row, col, &date, &st.date)?
        }
        Cell::Mark(true) => ws.write_string_with_format(row, col, "x", &st.mark[bold])?,
        Cell::Mark(false) | Cell::Blank => ws.write_blank(row, col, text_format)?,
    };
    Ok(())
}

/// The preparer on the left, the approver on the right, with room to sign.
fn signers(
    ws: &mut Worksheet,
    row: u32,
    s: &[SignBlock; 2],
    split: u16,
    last: u16,
    st: &Styles,
) -> Result<(), XlsxError> {
    for (block, (first, end)) in s.iter().zip([(0, split - 1), (split, last)]) {
        ws.merge_range(row, first, row, end, &block.title, &st.bold_center)?;
        ws.merge_range(row + 1, first, row + 1, end, &block.hint, &st.italic_center)?;
        ws.merge_range(row + 5, first, row + 5, end, &block.name, &st.bold_center)?;
    }
    Ok(())
}

fn detail_sheet(ws: &mut Worksheet, t: &Table, r: &Report, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name(&t.sheet)?;
    let last = col_num(t.columns.len().saturating_sub(1));
    let widths: Vec<f64> = t.columns.iter().enumerate().map(|(c, column)| column_width(t, c, column.kind)).collect();
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col_num(c), *w)?;
    }
    ws.write_string_with_format(0, 0, &t.title, &st.sheet_title)?;
    let subtitle = format!("{} · {}", r.heading.issuer[1], r.heading.period);
    ws.write_string_with_format(1, 0, &subtitle, &st.sheet_subtitle)?;
    let header = 3;
    let end = write_detail_rows(ws, header, t, st, &widths)?;
    if t.rows.is_empty() {
        ws.write_string_with_format(header + 1, 0, W::Nothing.get(r.lang), &st.sheet_subtitle)?;
    } else {
        ws.autofilter(header, 0, end - 1, last)?;
    }
    ws.set_freeze_panes(header + 1, 0)?;
    ws.set_repeat_rows(header, header)?;
    page_setup(ws, widths.iter().sum(), &r.footer, r.lang);
    Ok(())
}

fn write_detail_rows(ws: &mut Worksheet, row: u32, t: &Table, st: &Styles, widths: &[f64]) -> Result<u32, XlsxError> {
    let mut height: f64 = 1.0;
    for (c, column) in t.columns.iter().enumerate() {
        ws.write_string_with_format(row, col_num(c), &column.title, &st.header)?;
        height = height.max(lines(column.title.width() as f64, widths[c] - 1.0));
    }
    ws.set_row_height(row, 16.0 * height)?;
    let mut at = row + 1;
    for r in &t.rows {
        let mut height: f64 = 1.0;
        for (c, (cell, column)) in r.cells.iter().zip(&t.columns).enumerate() {
            put(ws, at, col_num(c), cell, column.kind, 0, st)?;
            if column.kind == Kind::Long {
                height = height.max(lines(text_width(cell) * SERIF_NARROWING, widths[c] - 1.0));
            }
        }
        // Spreadsheets do not grow a row for wrapped text on their own.
        if height > 1.0 {
            ws.set_row_height(at, 15.75 * height)?;
        }
        at += 1;
    }
    Ok(at)
}

/// Wide enough for the longest cell (counted in display columns), within
/// bounds: long text wraps at 45, a header word is never cut.
fn column_width(t: &Table, c: usize, kind: Kind) -> f64 {
    let header_word = t.columns[c].title.split_whitespace().map(UnicodeWidthStr::width).max().unwrap_or(4) as f64;
    let widest = t.rows.iter().filter_map(|r| r.cells.get(c)).map(text_width).fold(0.0, f64::max);
    let (min, max) = match kind {
        Kind::Long => (20.0, 45.0),
        Kind::Text => (8.0, 32.0),
        Kind::Date => (11.0, 11.0),
        Kind::Count | Kind::Rate | Kind::Mark => (6.0, 14.0),
    };
    (widest.max(header_word) + 2.0).clamp(min, max)
}

fn text_width(c: &Cell) -> f64 {
    match c {
        Cell::Text(s) => s.width() as f64,
        Cell::Count(n) => n.to_string().len() as f64 + 1.0,
        Cell::Rate(_) => 6.0,
        Cell::Date(_) => 10.0,
        Cell::Mark(_) | Cell::Blank => 1.0,
    }
}

/// Lines a text of `width` columns takes in a cell `room` columns wide.
fn lines(width: f64, room: f64) -> f64 {
    (width / room.max(1.0)).ceil().max(1.0)
}

fn page_setup(ws: &mut Worksheet, width: f64, footer: &str, lang: crate::domain::Lang) {
    ws.set_paper_size(A4);
    if width > PORTRAIT_WIDTH {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.6, 0.5, 0.6, 0.6, 0.3, 0.3);
    // "&" starts a field code in Excel's header and footer language.
    let footer = footer.replace('&', "&&");
    ws.set_footer(format!("&L&8{footer}&R&8{} &P/&N", W::Page.get(lang)));
}

fn col_num(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
