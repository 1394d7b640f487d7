//! The shape the screens share: each answers through `ScreenState` with its
//! own title and only its own actions, and no screen imports another.

use std::path::Path;

use super::{Screen, fixture};
use crate::domain::Lang;
use crate::i18n::ui::Ui;
use crate::tui::{Action, App};

/// Whether `action` may sit in the key table of `screen`: a screen's own
/// actions belong to it alone; the shared ones (arrows, Enter...) to all.
fn belongs(screen: Screen, action: Action) -> bool {
    match action {
        Action::Dashboard(_) => screen == Screen::Dashboard,
        Action::Households(_) => screen == Screen::Households,
        Action::Teams(_) => screen == Screen::Teams,
        Action::Mediation(_) => screen == Screen::Mediation,
        Action::Reports(_) => screen == Screen::Reports,
        Action::Settings(_) => screen == Screen::Settings,
        Action::Targets(_) => screen == Screen::Targets,
        _ => true,
    }
}

#[test]
fn each_screen_has_its_title_and_only_its_own_actions() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(fixture::demo_store(&dir, 10, 7), Lang::Vi).unwrap();
    let titles: Vec<Ui> = Screen::ALL.iter().map(|s| app.screen_state(*s).title()).collect();
    let expected = [Ui::Dashboard, Ui::Households, Ui::Teams, Ui::Mediation, Ui::Reports, Ui::Settings, Ui::Targets];
    assert_eq!(titles, expected);
    for screen in Screen::ALL {
        let keys = app.screen_state(screen).keys();
        assert!(!keys.is_empty(), "{screen:?} has keys");
        for b in keys {
            assert!(belongs(screen, b.action), "{screen:?} binds {:?}", b.action);
        }
    }
}

/// The module names of the screens, as a path would spell them.
const NAMES: [&str; 7] = ["dashboard", "households", "teams", "mediation", "reports", "settings", "targets"];

/// Every `.rs` file of one screen: its own file and its folder.
fn sources(root: &Path, name: &str) -> Vec<(String, String)> {
    let mut files = vec![root.join(format!("{name}.rs"))];
    if let Ok(dir) = std::fs::read_dir(root.join(name)) {
        files.extend(dir.filter_map(Result::ok).map(|e| e.path()));
    }
    files.into_iter().map(|f| (f.display().to_string(), std::fs::read_to_string(&f).unwrap())).collect()
}

#[test]
fn no_screen_imports_another() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/screens");
    for name in NAMES {
        for (file, text) in sources(&root, name) {
            for other in NAMES.iter().filter(|o| **o != name) {
                for path in [format!("screens::{other}"), format!("super::{other}::"), format!("super::{other};")] {
                    assert!(!text.contains(&path), "{file} uses {path}");
                }
            }
        }
    }
}
