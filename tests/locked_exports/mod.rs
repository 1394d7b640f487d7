//! Exports with personal data are locked (issue 15, item 6): `soxa export
//! … --include-personal`, `soxa report … --include-personal` and the
//! mediation book (command line and the Mediation screen's `b`) are written
//! inside a ZIP encrypted with AES-256 under a passphrase the clerk typed.
//! The ZIP opens with that passphrase and holds exactly the plain export;
//! a wrong passphrase opens nothing; no name or ID number shows in its
//! bytes; 7-Zip opens it (required in CI); masked exports stay plain
//! files; the access log says who wrote which file.

mod cli;
mod interface;
mod seven_zip;

use std::path::Path;

use crate::common::stdout;

/// Whether `needle` is anywhere in `bytes`.
fn holds(bytes: &[u8], needle: &str) -> bool {
    let needle = needle.as_bytes();
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// The ZIP's entry `i` opened with `pass`, or the zip crate's refusal.
fn open_with(zip: &Path, pass: &str) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(zip).unwrap()))?;
    let mut file = archive.by_index_decrypt(0, pass.as_bytes())?;
    let mut content = Vec::new();
    file.read_to_end(&mut content)?;
    Ok(content)
}

/// The one line a locked export prints says the file and that it needs the passphrase.
fn says_locked(out: &std::process::Output, zip: &Path) {
    let text = stdout(out);
    let line = text.lines().find(|l| l.contains(&zip.display().to_string())).unwrap_or_default();
    assert!(line.contains("khóa bằng mật khẩu") && line.contains("7-Zip"), "{text}");
}
