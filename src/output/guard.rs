//! Finding the ledger folder a path would write into, if any. A path is
//! looked at every way the system could resolve it: as given made
//! absolute with `..` removed by name (as Windows does), with its folder
//! resolved by the system (symbolic links and `..` followed), and, when the
//! last component is a symbolic link (dangling or not), at where the link
//! points, link after link. Each form's folders, from the file up to the
//! root, are tested with [`is_ledger_folder`].

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::store::is_ledger_folder;

/// How many links in a row are followed (the system's own limit is 40;
/// past a few it is a loop).
const MAX_LINKS: usize = 16;

/// The ledger folder that holds `path` (or is `path`), if any.
pub fn ledger_holding(path: &Path) -> Option<PathBuf> {
    // The outermost: `ledger/store` (sled's own folder) is named as `ledger`.
    forms(path).iter().find_map(|p| p.ancestors().filter(|a| is_ledger_folder(a)).last().map(Path::to_path_buf))
}

/// Every way `path` may be resolved (see the module comment).
fn forms(path: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut next = Some(absolute(path));
    for _ in 0..MAX_LINKS {
        let Some(p) = next.take() else { break };
        // The form as typed first: the ledger is then named as the clerk
        // knows it (Windows' resolved paths start with `\\?\`).
        out.push(p.clone());
        if let Some(real) = with_real_folder(&p) {
            out.push(real);
        }
        if let Ok(real) = p.canonicalize() {
            out.push(real);
        }
        next = fs::read_link(&p).ok().map(|to| absolute(&link_base(&p).join(to)));
    }
    out
}

/// The path made absolute against the current folder, `.` and `..` taken
/// away by name.
fn absolute(path: &Path) -> PathBuf {
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in full.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// What a relative link target is relative to: the link's folder as the
/// system resolves it (a joined absolute target replaces it whole).
fn link_base(link: &Path) -> PathBuf {
    let folder = link.parent().unwrap_or(link);
    folder.canonicalize().unwrap_or_else(|_| folder.to_path_buf())
}

/// The folder resolved by the system, then the last component.
fn with_real_folder(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let folder = path.parent()?;
    Some(folder.canonicalize().ok()?.join(name))
}
