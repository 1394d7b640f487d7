//! The book printed as the paper form: the commune and the team at the top
//! left, the title and the year, then one bordered table whose header row
//! and column numbers ((1) to (9)) repeat on every printed page. Landscape
//! A4, fitted to the page width; long cells wrap and their rows are made
//! tall enough, since spreadsheets do not grow rows for wrapped text on
//! their own. Dates are real dates shown dd/mm/yyyy.

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::words::BookText as W;
use super::{Book, Entry};
use crate::report::export::ExportError;

const A4: u8 = 9;
const FONT: &str = "Times New Roman";
/// Column widths (characters), in the form's order.
const WIDTHS: [f64; 9] = [5.0, 12.0, 22.0, 30.0, 30.0, 30.0, 13.0, 12.0, 18.0];
const COLUMNS: [W; 9] = [
    W::ColNumber,
    W::ColReceived,
    W::ColPeople,
    W::ColParties,
    W::ColContent,
    W::ColAgreement,
    W::ColResult,
    W::ColSignature,
    W::ColNotes,
];
/// The header row; the row of column numbers follows it.
const HEADER: u32 = 6;
/// Letters of a serif font take about this share of a column-width unit.
const SERIF_NARROWING: f64 = 0.85;
/// Points per printed line of 12-point text.
const LINE: f64 = 15.75;

pub fn write(book: &Book) -> Result<Vec<u8>, ExportError> {
    build(book).map_err(|e| ExportError::Build(e.to_string()))
}

struct Styles {
    top: Format,
    team: Format,
    place: Format,
    title: Format,
    year: Format,
    header: Format,
    numbers: Format,
    cell: Format,
    center: Format,
    date: Format,
    empty: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new().set_font_name(FONT).set_font_size(12);
        let boxed = base.clone().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top);
        let centered = boxed.clone().set_align(FormatAlign::Center);
        Styles {
            top: base.clone().set_align(FormatAlign::Center),
            team: base.clone().set_bold().set_align(FormatAlign::Center),
            place: base.clone().set_italic().set_align(FormatAlign::Center),
            title: base.clone().set_bold().set_font_size(15).set_align(FormatAlign::Center),
            year: base.clone().set_bold().set_align(FormatAlign::Center),
            header: centered
                .clone()
                .set_bold()
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xE7EEF7)),
            numbers: centered.clone().set_italic(),
            cell: boxed,
            center: centered.clone(),
            date: centered.set_num_format("dd/mm/yyyy"),
            empty: base.set_italic(),
        }
    }
}

fn build(book: &Book) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name(W::Sheet.get(book.lang))?;
    for (c, width) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col(c), *width)?;
    }
    heading(ws, book, &st)?;
    header(ws, book, &st)?;
    let mut row = HEADER + 2;
    for (i, entry) in book.entries.iter().enumerate() {
        line(ws, row, i + 1, entry, &st)?;
        row += 1;
    }
    if book.entries.is_empty() {
        ws.merge_range(row, 0, row, col(WIDTHS.len() - 1), W::NoCases.get(book.lang), &st.empty)?;
    }
    page_setup(ws, book)?;
    workbook.save_to_buffer()
}

/// The commune and team at the top left, the title and year in the middle.
fn heading(ws: &mut Worksheet, book: &Book, st: &Styles) -> Result<(), XlsxError> {
    let issuer = format!("{} {}", W::Issuer.get(book.lang), book.commune.to_uppercase());
    ws.merge_range(0, 0, 0, 3, &issuer, &st.top)?;
    ws.merge_range(1, 0, 1, 3, &book.team.to_uppercase(), &st.team)?;
    ws.merge_range(2, 0, 2, 3, &book.hamlet, &st.place)?;
    let last = col(WIDTHS.len() - 1);
    ws.merge_range(3, 0, 3, last, W::Title.get(book.lang), &st.title)?;
    ws.set_row_height(3, 24)?;
    ws.merge_range(4, 0, 4, last, &format!("{} {}", W::Year.get(book.lang), book.year), &st.year)?;
    Ok(())
}

fn header(ws: &mut Worksheet, book: &Book, st: &Styles) -> Result<(), XlsxError> {
    let mut lines: f64 = 1.0;
    for (c, column) in COLUMNS.iter().enumerate() {
        let title = column.get(book.lang);
        ws.write_string_with_format(HEADER, col(c), title, &st.header)?;
        ws.write_string_with_format(HEADER + 1, col(c), format!("({})", c + 1), &st.numbers)?;
        lines = lines.max(lines_of(title, WIDTHS[c]));
    }
    ws.set_row_height(HEADER, LINE * lines + 4.0)?;
    Ok(())
}

/// One case; the signature column stays blank, boxed, for the ink.
fn line(ws: &mut Worksheet, row: u32, number: usize, e: &Entry, st: &Styles) -> Result<(), XlsxError> {
    ws.write_number_with_format(row, 0, number as f64, &st.center)?;
    ws.write_datetime_with_format(row, 1, excel_date(e.received)?, &st.date)?;
    let texts = [&e.people, &e.parties, &e.content, &e.agreement];
    for (c, text) in texts.iter().enumerate() {
        ws.write_string_with_format(row, col(c + 2), *text, &st.cell)?;
    }
    ws.write_string_with_format(row, 6, &e.result, &st.center)?;
    ws.write_blank(row, 7, &st.cell)?;
    ws.write_string_with_format(row, 8, &e.notes, &st.cell)?;
    let tallest = texts
        .iter()
        .zip(&WIDTHS[2..6])
        .map(|(text, width)| lines_of(text, *width))
        .fold(lines_of(&e.notes, WIDTHS[8]), f64::max);
    // Room for a signature even on a one-line case.
    ws.set_row_height(row, (LINE * tallest).max(2.0 * LINE))?;
    Ok(())
}

/// Printed lines `text` takes in a column `width` wide (each of its own
/// lines wraps on its own).
fn lines_of(text: &str, width: f64) -> f64 {
    let room = (width - 1.0).max(1.0);
    text.split('\n').map(|l| (l.width() as f64 * SERIF_NARROWING / room).ceil().max(1.0)).sum::<f64>().max(1.0)
}

fn excel_date(d: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).unwrap_or(1900),
        u8::try_from(d.month()).unwrap_or(1),
        u8::try_from(d.day()).unwrap_or(1),
    )
}

/// Landscape A4, one page wide, the header rows on every page, the page
/// number at the foot.
fn page_setup(ws: &mut Worksheet, book: &Book) -> Result<(), XlsxError> {
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(HEADER, HEADER + 1)?;
    ws.set_freeze_panes(HEADER + 2, 0)?;
    ws.set_footer(format!("&C&10{} &P/&N", W::Page.get(book.lang)));
    Ok(())
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
