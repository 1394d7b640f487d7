//! Where the interface proposes to write a file for the clerk (a report, a
//! mediation book), and how a path being typed is drawn: what the export
//! dialogs of two screens share.

use std::path::{Path, PathBuf};

use ratatui::text::{Line, Span};
use tui_input::Input;

use crate::tui::theme::Theme;

/// Where exports are proposed: the folder, and whether it is Documents.
#[derive(Clone, Debug)]
pub struct Folder {
    pub path: PathBuf,
    pub documents: bool,
}

impl Folder {
    /// The clerk's Documents folder if the system names one that exists,
    /// else the folder soxa was started from.
    pub fn for_user() -> Folder {
        let documents = directories::UserDirs::new().and_then(|u| u.document_dir().map(Path::to_path_buf));
        match documents.filter(|d| d.is_dir()) {
            Some(path) => Folder { path, documents: true },
            None => Folder { path: std::env::current_dir().unwrap_or_default(), documents: false },
        }
    }
}

/// "Tệp: …/Documents/bao-cao-2026-Q3.xlsx", scrolled so the cursor shows.
pub fn path_line(label: &str, path: &Input, width: u16) -> Line<'static> {
    let label = format!("{label}: ");
    let room = usize::from(width).saturating_sub(label.chars().count() + 1);
    let skip = path.visual_scroll(room);
    let value: Vec<char> = path.value().chars().collect();
    let at = path.cursor();
    let shown = |from: usize, to: usize| -> String { value.get(from..to).unwrap_or_default().iter().collect() };
    let end = value.len().min(skip + room);
    let under: String = value.get(at).map_or(" ".into(), |c| c.to_string());
    Line::from(vec![
        Span::styled(label, Theme::header()),
        Span::styled(shown(skip, at.max(skip)), Theme::input()),
        Span::styled(under, Theme::key()),
        Span::styled(shown((at + 1).max(skip), end), Theme::input()),
    ])
}
