//! Where databases live when `--db` and `SOXA_DB` are not given: the
//! platform's local data folder (`%LOCALAPPDATA%\soxa\data` on Windows,
//! `~/.local/share/soxa` on Linux), never the roaming profile, since the
//! ledger belongs to one PC. The demo gets its own folder so it can never
//! overwrite the real ledger.

use std::path::PathBuf;

fn base() -> PathBuf {
    // No organization: on Windows the folder is `%LOCALAPPDATA%\soxa\data`
    // (with one, it would be `soxa\soxa\data`), as the guides say.
    directories::ProjectDirs::from("vn", "", "soxa")
        .map(|d| d.data_local_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("soxa-data"))
}

pub fn default_db() -> PathBuf {
    base().join("ledger")
}

pub fn default_demo_db() -> PathBuf {
    base().join("demo")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ledger_lives_in_the_local_not_the_roaming_data_folder() {
        let dirs = directories::BaseDirs::new().expect("a home folder");
        assert!(default_db().starts_with(dirs.data_local_dir()), "{}", default_db().display());
        assert!(default_demo_db().starts_with(dirs.data_local_dir()));
        assert_ne!(default_db(), default_demo_db(), "the demo never overwrites the ledger");
        // The folders the user guides name.
        #[cfg(windows)]
        assert_eq!(default_db(), dirs.data_local_dir().join("soxa").join("data").join("ledger"));
        #[cfg(target_os = "linux")]
        assert_eq!(default_db(), dirs.data_local_dir().join("soxa").join("ledger"));
    }
}
