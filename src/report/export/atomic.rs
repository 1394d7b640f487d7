//! Putting finished bytes on disk so that a report is either whole or not
//! there: each file is written to a temporary file in the same folder,
//! flushed to the disk, then renamed over the target (a rename within one
//! folder replaces the file in one step, on Windows too). When any file
//! fails, the temporary files are removed and no target is touched.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::ExportError;

/// Refuses a target that is a folder, or whose folder does not exist,
/// before any work is done.
pub fn check_target(path: &Path) -> Result<(), ExportError> {
    if path.as_os_str().is_empty() || path.is_dir() {
        return Err(ExportError::IsFolder(path.to_path_buf()));
    }
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(ExportError::NoFolder(folder.to_path_buf()));
    }
    Ok(())
}

/// Writes every `(target, bytes)`, all or none; returns the targets.
pub fn write_all(files: &[(PathBuf, Vec<u8>)]) -> Result<Vec<PathBuf>, ExportError> {
    let mut temps: Vec<PathBuf> = Vec::with_capacity(files.len());
    for (target, bytes) in files {
        match write_temp(target, bytes) {
            Ok(temp) => temps.push(temp),
            Err(e) => {
                remove_all(&temps);
                return Err(e);
            }
        }
    }
    for (i, ((target, _), temp)) in files.iter().zip(&temps).enumerate() {
        if let Err(e) = fs::rename(temp, target) {
            remove_all(&temps[i..]);
            return Err(classify(target, e));
        }
    }
    Ok(files.iter().map(|(target, _)| target.clone()).collect())
}

/// `.<name>.soxa-tmp` beside the target, written and flushed.
fn write_temp(target: &Path, bytes: &[u8]) -> Result<PathBuf, ExportError> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = target.with_file_name(format!(".{name}.soxa-tmp"));
    // A temporary file left by a power cut during an earlier export.
    let _ = fs::remove_file(&temp);
    let written = create_new(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    match written {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(classify(target, e))
        }
    }
}

fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

fn remove_all(temps: &[PathBuf]) {
    for temp in temps {
        let _ = fs::remove_file(temp);
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Names the failure the way the clerk can act on it.
fn classify(target: &Path, e: io::Error) -> ExportError {
    // Windows refuses to replace a file another program holds open
    // (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION): Excel does.
    if cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)) {
        return ExportError::InUse(target.to_path_buf());
    }
    match e.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            ExportError::Denied(target.to_path_buf())
        }
        io::ErrorKind::NotFound => ExportError::NoFolder(folder_of(target).to_path_buf()),
        io::ErrorKind::IsADirectory => ExportError::IsFolder(target.to_path_buf()),
        _ => ExportError::Write { path: target.to_path_buf(), source: e },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let b = dir.path().join("b.csv");
        fs::write(&a, "old").unwrap();
        let written = write_all(&[(a.clone(), b"new a".to_vec()), (b.clone(), b"new b".to_vec())]).unwrap();
        assert_eq!(written, vec![a.clone(), b.clone()]);
        assert_eq!(fs::read(&a).unwrap(), b"new a");
        assert_eq!(fs::read(&b).unwrap(), b"new b");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_failure_touches_no_target() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        fs::write(&a, "old").unwrap();
        let missing = dir.path().join("nowhere").join("b.csv");
        let e = write_all(&[(a.clone(), b"new".to_vec()), (missing, b"x".to_vec())]).unwrap_err();
        assert!(matches!(e, ExportError::NoFolder(_)), "{e:?}");
        assert_eq!(fs::read(&a).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary file of a.csv is gone");
    }

    #[test]
    fn folders_are_refused_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(check_target(dir.path()), Err(ExportError::IsFolder(_))));
        let missing = dir.path().join("nowhere").join("r.xlsx");
        assert!(matches!(check_target(&missing), Err(ExportError::NoFolder(p)) if p == dir.path().join("nowhere")));
        assert!(check_target(&dir.path().join("r.xlsx")).is_ok());
        assert!(check_target(Path::new("r.xlsx")).is_ok(), "a bare name is in the current folder");
    }
}
