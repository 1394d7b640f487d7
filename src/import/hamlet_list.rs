//! A list of hamlets (`soxa init --hamlets FILE`): one hamlet per row, by
//! name ("Thôn Đông", "Đông" under a "Thôn" or "Tên thôn" header) with an
//! optional code column ("Mã thôn"). Each row is matched like a household
//! row's hamlet (`hamlets`), so a hamlet the ledger has is left alone and
//! reading the same list again adds nothing; the rest are written in one
//! bulk change (all or nothing, one undo).

use std::path::Path;

use super::columns::{Column, Kind, kind_named};
use super::error::ImportError;
use super::hamlets::{Found, Hamlets};
use super::read;
use super::sheet::Row;
use crate::domain::text::fold;
use crate::domain::{Hamlet, HamletKind};
use crate::store::Store;

/// Headers of the name column besides the households file's hamlet headers.
const NAME_HEADERS: &[&str] =
    &["ten thon", "ten ap", "ten ban", "ten to dan pho", "ten khu pho", "ten", "name", "hamlet name"];
/// Headers of the code column besides the households file's.
const CODE_HEADERS: &[&str] = &["ma", "ma so", "code"];

/// Where the header is and which cells hold the code and the name.
struct ListHeader {
    index: usize,
    code: Option<usize>,
    name: usize,
    kind: HamletKind,
}

/// The hamlets of the list at `path` that the ledger lacks (reads only).
pub fn read(store: &Store, path: &Path) -> Result<Vec<Hamlet>, ImportError> {
    let sheet = read::sheet(path, |rows| find_header(rows).is_some())?;
    let header = find_header(&sheet.rows).ok_or(ImportError::MissingColumns(vec![Column::Hamlet]))?;
    let mut hamlets = Hamlets::new(&store.all::<Hamlet>()?, header.kind);
    for row in sheet.rows.iter().skip(header.index + 1).filter(|r| !r.is_blank()) {
        let code = header.code.map(|i| row.get(i).shown()).unwrap_or_default();
        if let Found::Several = hamlets.resolve(&code, &row.get(header.name).shown()) {
            continue; // already in the ledger, under several names: nothing to add
        }
    }
    Ok(hamlets.new)
}

/// Writes the hamlets `read` found, as one change; the number written.
pub fn write(store: &Store, new: Vec<Hamlet>) -> Result<usize, ImportError> {
    let mut bulk = store.bulk();
    let n = new.len();
    for (i, hamlet) in new.into_iter().enumerate() {
        bulk.insert(hamlet).map_err(|error| ImportError::Row { row: i + 1, error })?;
    }
    bulk.commit(&mut |_, _| {}).map_err(ImportError::Store)?;
    Ok(n)
}

/// Among the first rows, the one that names the hamlets best: a "Tên
/// thôn" header counts more than a bare "Thôn" (which a title such as
/// "Danh sách thôn, tổ dân phố" may hold), a code column adds to it; the
/// earliest on a tie.
fn find_header(rows: &[Row]) -> Option<ListHeader> {
    let mut best: Option<(u8, ListHeader)> = None;
    for (index, row) in rows.iter().enumerate().take(20) {
        let titles: Vec<String> = row.cells.iter().map(|c| c.shown().trim().to_string()).collect();
        let listed = |t: &str, names: &[&str]| names.contains(&fold(t).as_str());
        let named = |t: &str, column: Column| Kind::Households.column_of(t) == Some(column);
        let Some(name) = titles
            .iter()
            .position(|t| listed(t, NAME_HEADERS))
            .or_else(|| titles.iter().position(|t| named(t, Column::Hamlet)))
        else {
            continue;
        };
        let code = titles.iter().position(|t| listed(t, CODE_HEADERS) || named(t, Column::HamletCode));
        let score = if listed(&titles[name], NAME_HEADERS) { 2 } else { 1 } + u8::from(code.is_some());
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            let kind = kind_named(fold(&titles[name]).trim_start_matches("ten "));
            best = Some((score, ListHeader { index, code, name, kind }));
        }
    }
    best.map(|(_, h)| h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sheet::Cell;

    fn row(number: usize, cells: &[&str]) -> Row {
        Row { number, cells: cells.iter().map(|c| Cell::text(c)).collect() }
    }

    #[test]
    fn the_header_is_found_under_a_title() {
        let rows = [row(1, &["Danh sách thôn", "tổ dân phố"]), row(2, &["STT", "Mã thôn", "Tên ấp"])];
        let h = find_header(&rows).unwrap();
        assert_eq!((h.index, h.code, h.name, h.kind), (1, Some(1), 2, HamletKind::Ap));
        assert!(find_header(&[row(1, &["Mã hộ", "Họ tên"])]).is_none());
    }
}
