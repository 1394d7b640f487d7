//! Exports that carry personal data, locked: their finished files are put
//! in one ZIP whose every entry is encrypted with AES-256 (WinZip's AES
//! format, which 7-Zip and WinRAR open) under a passphrase the clerk typed,
//! and that ZIP is written like every other output (`super::write_all`:
//! never inside a ledger folder, never over a file unless asked, whole or
//! not at all, flushed to the disk). The file is the name asked with
//! ".zip" added (`ho.xlsx` -> `ho.xlsx.zip` holding `ho.xlsx`), or the
//! name asked when it already ends in ".zip". The passphrase's rules
//! (typed twice alike, long enough) are [`Passphrase::new`]'s.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime, Timelike};
use zip::write::SimpleFileOptions;
use zip::{AesMode, CompressionMethod, ZipWriter};

use super::{Existing, OutputError};
use crate::domain::operator::check_passphrase;
use crate::domain::{Field, FieldError, Problem};

/// A passphrase that passed the rules. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

impl Passphrase {
    /// `first`, long enough (`check_passphrase`) and, when it was typed a
    /// second time (`again`), typed alike. A short one is the first
    /// field's problem; two typings that differ, the second's.
    pub fn new(first: &str, again: Option<&str>) -> Result<Passphrase, FieldError> {
        check_passphrase(first)?;
        if again.is_some_and(|again| again != first) {
            return Err(FieldError::new(Field::Passphrase, Problem::Mismatch));
        }
        Ok(Passphrase(first.to_string()))
    }

    fn text(&self) -> &str {
        &self.0
    }
}

/// Whether `path` names a ZIP file (".zip", in any case).
pub fn is_zip(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// The file written for the name asked: that name with ".zip" added,
/// unless it ends in ".zip" already.
pub fn zip_path(asked: &Path) -> PathBuf {
    if is_zip(asked) {
        return asked.to_path_buf();
    }
    let mut name = asked.as_os_str().to_owned();
    name.push(".zip");
    PathBuf::from(name)
}

/// The file inside, for the name asked: without its ".zip", and with
/// `.ext` added when it then has no extension (`ho.zip` -> `ho.xlsx`).
pub fn inner_path(asked: &Path, ext: &str) -> PathBuf {
    let inner = if is_zip(asked) { asked.with_extension("") } else { asked.to_path_buf() };
    if inner.extension().is_some() { inner } else { inner.with_extension(ext) }
}

/// Refuses the name asked, before any work is done: one that leads into a
/// ledger folder, and a ZIP that would land where `super::check` refuses
/// it. Returns the ZIP's path.
pub fn check(asked: &Path, existing: Existing) -> Result<PathBuf, OutputError> {
    super::refuse_ledger(asked)?;
    let zip = zip_path(asked);
    super::check(&zip, existing)?;
    Ok(zip)
}

/// Packs every `(file, bytes)` (named inside by its file name) into one
/// ZIP locked with `passphrase`, and writes it to `zip` (see the module's
/// rules); `modified` dates the entries. Returns the file written.
pub fn write(
    zip: &Path,
    files: &[(PathBuf, Vec<u8>)],
    passphrase: &Passphrase,
    modified: NaiveDateTime,
    existing: Existing,
) -> Result<PathBuf, OutputError> {
    super::check(zip, existing)?;
    let bytes = pack(files, passphrase, modified)
        .map_err(|e| OutputError::Write { path: zip.to_path_buf(), source: std::io::Error::other(e) })?;
    let mut written = super::write_all(&[(zip.to_path_buf(), bytes)], existing)?;
    Ok(written.pop().unwrap_or_else(|| zip.to_path_buf()))
}

/// The ZIP's bytes: each file deflated, then encrypted with AES-256.
pub fn pack(
    files: &[(PathBuf, Vec<u8>)],
    passphrase: &Passphrase,
    modified: NaiveDateTime,
) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip_time(modified))
        .with_aes_encryption(AesMode::Aes256, passphrase.text());
    for (path, bytes) in files {
        zip.start_file(entry_name(path), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// A file's name inside the ZIP: its own name, without any folder.
fn entry_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export".into())
}

/// The entries' date in the ZIP's own form (which starts in 1980).
fn zip_time(t: NaiveDateTime) -> zip::DateTime {
    let small = |n: u32| u8::try_from(n).unwrap_or(0);
    let year = u16::try_from(t.year()).unwrap_or(1980);
    zip::DateTime::from_date_and_time(
        year,
        small(t.month()),
        small(t.day()),
        small(t.hour()),
        small(t.minute()),
        small(t.second()),
    )
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn pass(text: &str) -> Passphrase {
        Passphrase::new(text, Some(text)).unwrap()
    }

    fn when() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(9, 30, 0).unwrap()
    }

    /// Every entry's name and bytes, opened with `passphrase`.
    fn unpack(bytes: &[u8], passphrase: &str) -> zip::result::ZipResult<Vec<(String, Vec<u8>)>> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
        let mut out = Vec::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index_decrypt(i, passphrase.as_bytes())?;
            let mut content = Vec::new();
            file.read_to_end(&mut content)?;
            out.push((file.name()?.to_string(), content));
        }
        Ok(out)
    }

    #[test]
    fn the_names_follow_the_name_asked() {
        assert_eq!(zip_path(Path::new("/a/ho.xlsx")), PathBuf::from("/a/ho.xlsx.zip"));
        assert_eq!(zip_path(Path::new("ho.ZIP")), PathBuf::from("ho.ZIP"));
        assert_eq!(inner_path(Path::new("/a/ho.xlsx"), "csv"), PathBuf::from("/a/ho.xlsx"));
        assert_eq!(inner_path(Path::new("/a/ho.zip"), "xlsx"), PathBuf::from("/a/ho.xlsx"));
        assert_eq!(inner_path(Path::new("ho.csv.zip"), "xlsx"), PathBuf::from("ho.csv"));
        assert_eq!(inner_path(Path::new("ho"), "xlsx"), PathBuf::from("ho.xlsx"));
    }

    #[test]
    fn a_passphrase_is_long_enough_and_typed_alike() {
        let short = Passphrase::new("ngắn", Some("ngắn")).unwrap_err();
        assert_eq!((short.field, short.problem), (Field::Passphrase, Problem::TooShort { min: 8 }));
        let differ = Passphrase::new("mật khẩu dài", Some("mật khẩu dai")).unwrap_err();
        assert_eq!(differ.problem, Problem::Mismatch);
        assert!(Passphrase::new("mật khẩu dài", None).is_ok(), "read once from standard input");
        assert_eq!(format!("{:?}", pass("bí mật lắm đó")), "Passphrase(…)");
    }

    #[test]
    fn the_zip_opens_with_its_passphrase_only_and_shows_nothing_in_clear() {
        let secret = "Nguyễn Văn An 001203004567".as_bytes().to_vec();
        let files =
            vec![(PathBuf::from("/x/ho.csv"), secret.clone()), (PathBuf::from("ho-2.csv"), b"a,b\r\n".to_vec())];
        let bytes = pack(&files, &pass("đúng mật khẩu"), when()).unwrap();
        let back = unpack(&bytes, "đúng mật khẩu").unwrap();
        assert_eq!(back, vec![("ho.csv".to_string(), secret), ("ho-2.csv".to_string(), b"a,b\r\n".to_vec())]);
        assert!(unpack(&bytes, "sai mật khẩu").is_err(), "a wrong passphrase opens nothing");
        let clear = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        assert!(!clear("Nguyễn".as_bytes()) && !clear(b"001203004567"));
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
        assert!(archive.by_index_raw(0).unwrap().encrypted());
    }

    #[test]
    fn the_zip_is_written_whole_and_never_over_a_file_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let asked = dir.path().join("ho.xlsx");
        let zip = check(&asked, Existing::Refuse).unwrap();
        assert_eq!(zip, dir.path().join("ho.xlsx.zip"));
        let files = vec![(inner_path(&asked, "xlsx"), b"xlsx bytes".to_vec())];
        assert_eq!(write(&zip, &files, &pass("mật khẩu tốt"), when(), Existing::Refuse).unwrap(), zip);
        assert_eq!(unpack(&std::fs::read(&zip).unwrap(), "mật khẩu tốt").unwrap()[0].0, "ho.xlsx");
        assert!(matches!(check(&asked, Existing::Refuse), Err(OutputError::Exists(_))));
        assert!(matches!(
            write(&zip, &files, &pass("mật khẩu tốt"), when(), Existing::Refuse),
            Err(OutputError::Exists(_))
        ));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
    }
}
