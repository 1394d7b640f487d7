//! Putting finished bytes on disk so that a file is either whole or not
//! there: each file is written to a temporary file in the same folder,
//! flushed to the disk, then renamed over the target (a rename within one
//! folder replaces the file in one step, on Windows too), or, when nothing
//! may be replaced, linked to a name that must still be free. When any file
//! fails, the temporary files are removed and no target is touched. Also
//! the one file that is always new (`write_new`, the rejected rows): created
//! with `create_new`, numbered until a free name is found. The checks
//! (ledger folders, existing files) are `super`'s.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{Existing, OutputError};

/// Writes every `(target, bytes)`, all or none; returns the targets.
pub(super) fn write_all(files: &[(PathBuf, Vec<u8>)], existing: Existing) -> Result<Vec<PathBuf>, OutputError> {
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
        let placed = match existing {
            Existing::Replace => fs::rename(temp, target).map_err(|e| classify(target, e)),
            Existing::Refuse => place_new(temp, target),
        };
        if let Err(e) = placed {
            remove_all(&temps[i..]);
            if existing == Existing::Refuse {
                // New files of this call: nothing was there before them.
                let done: Vec<PathBuf> = files[..i].iter().map(|(t, _)| t.clone()).collect();
                remove_all(&done);
            }
            return Err(e);
        }
    }
    Ok(files.iter().map(|(target, _)| target.clone()).collect())
}

/// Puts `temp` at `target` only if nothing is there, even if something
/// appeared since the check: a hard link fails on an existing name in one
/// step (a check then a rename would not), then the temporary name goes.
/// Where the disk has no hard links (FAT sticks), a check then a rename.
fn place_new(temp: &Path, target: &Path) -> Result<(), OutputError> {
    match fs::hard_link(temp, target) {
        Ok(()) => {
            let _ = fs::remove_file(temp);
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(OutputError::Exists(target.to_path_buf())),
        Err(_) if target.symlink_metadata().is_err() => fs::rename(temp, target).map_err(|e| classify(target, e)),
        Err(_) => Err(OutputError::Exists(target.to_path_buf())),
    }
}

/// `.<name>.soxa-tmp` beside the target, written and flushed.
fn write_temp(target: &Path, bytes: &[u8]) -> Result<PathBuf, OutputError> {
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

/// How many numbered names `write_new` tries before giving up.
const MAX_NUMBERED: u32 = 1000;

/// See [`super::write_new`]: `create_new` is `O_CREAT|O_EXCL`, which fails
/// on anything already at the name, a symbolic link included, and never
/// follows one.
pub(super) fn write_new(wanted: &Path, bytes: &[u8]) -> Result<PathBuf, OutputError> {
    for n in 1..=MAX_NUMBERED {
        let path = numbered(wanted, n);
        let mut file = match create_new(&path) {
            Ok(file) => file,
            Err(e) if taken(&path, &e) => continue,
            Err(e) => return Err(classify(&path, e)),
        };
        let written = file.write_all(bytes).and_then(|()| file.sync_all());
        return match written {
            Ok(()) => Ok(path),
            Err(e) => {
                drop(file);
                // Ours: created by this very call.
                let _ = fs::remove_file(&path);
                Err(classify(&path, e))
            }
        };
    }
    Err(OutputError::Exists(wanted.to_path_buf()))
}

/// The name is in use (Windows says "denied" for a folder of that name).
fn taken(path: &Path, e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::AlreadyExists || path.symlink_metadata().is_ok()
}

/// `x-loi.csv` for 1, `x-loi-2.csv` for 2...
fn numbered(wanted: &Path, n: u32) -> PathBuf {
    if n == 1 {
        return wanted.to_path_buf();
    }
    let stem = wanted.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    match wanted.extension() {
        Some(ext) => wanted.with_file_name(format!("{stem}-{n}.{}", ext.to_string_lossy())),
        None => wanted.with_file_name(format!("{stem}-{n}")),
    }
}

fn remove_all(temps: &[PathBuf]) {
    for temp in temps {
        let _ = fs::remove_file(temp);
    }
}

pub(super) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Names the failure the way the clerk can act on it.
fn classify(target: &Path, e: io::Error) -> OutputError {
    // Windows refuses to replace a file another program holds open
    // (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION): Excel does.
    if cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)) {
        return OutputError::InUse(target.to_path_buf());
    }
    match e.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            OutputError::Denied(target.to_path_buf())
        }
        io::ErrorKind::NotFound => OutputError::NoFolder(folder_of(target).to_path_buf()),
        io::ErrorKind::IsADirectory => OutputError::IsFolder(target.to_path_buf()),
        _ => OutputError::Write { path: target.to_path_buf(), source: e },
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
        let written =
            write_all(&[(a.clone(), b"new a".to_vec()), (b.clone(), b"new b".to_vec())], Existing::Replace).unwrap();
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
        let e = write_all(&[(a.clone(), b"new".to_vec()), (missing, b"x".to_vec())], Existing::Replace).unwrap_err();
        assert!(matches!(e, OutputError::NoFolder(_)), "{e:?}");
        assert_eq!(fs::read(&a).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary file of a.csv is gone");
    }

    #[test]
    fn refusing_holds_even_for_a_file_that_appears_after_the_check() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
        fs::write(&b, "appeared").unwrap();
        let e = write_all(&[(a.clone(), b"a".to_vec()), (b.clone(), b"b".to_vec())], Existing::Refuse).unwrap_err();
        assert!(matches!(e, OutputError::Exists(p) if p == b));
        assert_eq!(fs::read(&b).unwrap(), b"appeared");
        assert!(!a.exists(), "all or none");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(!names.iter().any(|n| n.to_string_lossy().ends_with(".soxa-tmp")), "{names:?}");
    }

    #[test]
    fn a_new_file_takes_the_next_free_name() {
        let dir = tempfile::tempdir().unwrap();
        let wanted = dir.path().join("x-loi.csv");
        fs::write(&wanted, "theirs").unwrap();
        fs::create_dir(dir.path().join("x-loi-2.csv")).unwrap();
        assert_eq!(write_new(&wanted, b"a").unwrap(), dir.path().join("x-loi-3.csv"));
        assert_eq!(write_new(&wanted, b"b").unwrap(), dir.path().join("x-loi-4.csv"));
        assert_eq!(fs::read(&wanted).unwrap(), b"theirs");
        assert_eq!(fs::read(dir.path().join("x-loi-4.csv")).unwrap(), b"b");
        assert_eq!(numbered(Path::new("/a/noext"), 2), PathBuf::from("/a/noext-2"));
    }
}
