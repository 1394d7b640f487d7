//! The rejected-rows file: beside the imported file, named after it
//! (`ho-gia-dinh.xlsx` -> `ho-gia-dinh-loi.csv`), in UTF-8 with a BOM so
//! Excel shows Vietnamese correctly, holding the header and each refused
//! row as the file had them plus a last column with the reasons. The clerk
//! fixes the rows there and imports that file: the reasons column is not a
//! column the importer reads, so it is ignored.
//!
//! The file is always a new one (`output::write_new`): an existing file, a
//! folder or a symbolic link of that name is left alone and the next free
//! name is used (`ho-gia-dinh-loi-2.csv`...), which the clerk is told. Its
//! cells are neutralised like every CSV soxa writes (`output::csv`); the
//! importer reads them back as they were.

use std::path::{Path, PathBuf};

use super::error::ImportError;
use super::plan::Rejected;
use super::sheet::Origin;
use crate::domain::Lang;
use crate::import::words::{self as words, ImportText};
use crate::output;

/// `<name>-loi.csv` beside `input` (the name wanted; see [`Rejects::write`]).
pub fn path_for(input: &Path) -> PathBuf {
    let stem = input.file_stem().map_or_else(|| "import".into(), |s| s.to_string_lossy().into_owned());
    input.with_file_name(format!("{stem}-loi.csv"))
}

/// What the rejected-rows file is made of, kept apart from the plan so it
/// can be written once the import has been saved.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejects {
    pub origin: Origin,
    /// The header row's cells.
    pub titles: Vec<String>,
    pub rejected: Vec<Rejected>,
}

impl Rejects {
    /// Writes the refused rows beside `input`; `None` when there are none,
    /// else the name actually used.
    pub fn write(&self, input: &Path, lang: Lang) -> Result<Option<PathBuf>, ImportError> {
        write(input, &self.origin, &self.titles, &self.rejected, lang)
    }
}

fn write(
    input: &Path,
    origin: &Origin,
    titles: &[String],
    rejected: &[Rejected],
    lang: Lang,
) -> Result<Option<PathBuf>, ImportError> {
    if rejected.is_empty() {
        return Ok(None);
    }
    let path = path_for(input);
    let failed = |detail: String| ImportError::Write { path: path.clone(), detail };
    let delimiter = match origin {
        Origin::Text { delimiter, .. } => *delimiter,
        Origin::Workbook { .. } => b',',
    };
    let mut builder = csv::WriterBuilder::new();
    builder.delimiter(delimiter).flexible(true);
    let mut writer = output::csv::Writer::new(&builder, Vec::new());
    let width = titles.len().max(rejected.iter().map(|r| r.cells.len()).max().unwrap_or(0));
    let padded = |cells: &[String]| (0..width).map(|i| cells.get(i).cloned().unwrap_or_default()).collect::<Vec<_>>();
    let mut header = padded(titles);
    header.push(ImportText::ReasonColumn.get(lang).to_string());
    writer.write_record(&header).map_err(|e| failed(e.to_string()))?;
    for r in rejected {
        let mut row = padded(&r.cells);
        row.push(words::rejected_row(lang, r.row, &r.reasons));
        writer.write_record(&row).map_err(|e| failed(e.to_string()))?;
    }
    let body = writer.into_inner().map_err(|e| failed(e.to_string()))?;
    let bytes = [b"\xEF\xBB\xBF".as_slice(), &body].concat();
    let used = output::write_new(&path, &bytes).map_err(ImportError::Output)?;
    Ok(Some(used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_after_the_input() {
        assert_eq!(path_for(Path::new("/a/ho gia dinh.xlsx")), PathBuf::from("/a/ho gia dinh-loi.csv"));
        assert_eq!(path_for(Path::new("ds.csv")), PathBuf::from("ds-loi.csv"));
    }
}
