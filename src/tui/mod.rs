//! The interactive interface: a ratatui + crossterm application over the
//! store. `App` holds the state and is the only place actions change it;
//! each screen lives in its own file under `screens/` and implements the
//! one `ScreenState` trait; what screens share to draw is in `widgets`;
//! drawing reads state and never writes to the store.

mod action;
mod app;
mod autobackup;
mod console;
pub mod draft;
mod fit;
mod folder;
mod footer;
pub mod form;
mod forms;
mod help;
mod history_overlay;
mod import;
mod keymap;
mod lookup;
mod masked;
mod paste;
pub mod prefs;
mod screens;
mod theme;
mod undo;
mod view;
mod widgets;
mod write;

use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEvent};

pub use action::Action;
/// `Overlay` and `Tone` are public so that tests can tell what is open.
pub use app::{App, Overlay, Tone};
pub use history_overlay::HistoryOverlay;
pub use screens::Screen;

use crate::store::{Store, StoreError};
use autobackup::DailyBackup;

/// Runs the interface until the clerk quits. The terminal is restored on
/// quit, on error and on panic (ratatui installs the panic hook).
pub fn run(store: Store, lang: crate::domain::Lang) -> Result<(), StoreError> {
    let mut terminal = ratatui::init();
    paste::mark_pastes(true);
    // Opening a large ledger takes a moment: say so before it starts.
    let _ = terminal.draw(|frame| {
        let note = crate::i18n::ui::Ui::Loading.get(lang);
        frame.render_widget(ratatui::widgets::Paragraph::new(note), frame.area());
    });
    let recovered = store.recovered().map(|r| crate::i18n::backups::recovered(lang, r));
    let result = App::new(store, lang).and_then(|mut app| {
        // A restore or demo a crash cut short, finished or rolled back by
        // this opening: said on the first screen too.
        if let Some(told) = recovered {
            app.status = Some((told, app::Tone::Info));
        }
        let mut daily = DailyBackup::NotStarted;
        let result = event_loop(&mut app, &mut terminal, &mut daily);
        daily.stop();
        result
    });
    paste::mark_pastes(false);
    ratatui::restore();
    result
}

fn event_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    daily: &mut DailyBackup,
) -> Result<(), StoreError> {
    let mut first_frame = true;
    while !app.quit {
        terminal
            .draw(|frame| {
                frame.render_widget(&*app, frame.area());
                if let Some(pos) = app.cursor(frame.area()) {
                    frame.set_cursor_position(pos);
                }
            })
            .map_err(|e| StoreError::Storage(e.to_string()))?;
        if std::mem::take(&mut first_frame) {
            // The clerk reads the dashboard meanwhile.
            app.store.warm_search_index();
        }
        daily.step(app);
        let poll = |wait| event::poll(wait).map_err(|e| StoreError::Storage(e.to_string()));
        if app.busy() {
            // The "working" note is on screen: do the slow reload now,
            // unless keys came meanwhile (they may ask for another period).
            if !poll(Duration::ZERO)? {
                app.settle();
                continue;
            }
        } else if !poll(Duration::from_millis(500))? {
            app.tick();
            continue;
        }
        match read_input().map_err(|e| StoreError::Storage(e.to_string()))? {
            Input::Keys(batch) => app.on_keys(&batch),
            Input::Paste(text) => app.on_paste(&text),
        }
    }
    Ok(())
}

enum Input {
    Keys(Vec<KeyEvent>),
    /// Text the terminal marked as pasted (bracketed paste).
    Paste(String),
}

/// The next key event, or on Windows the key events that arrive together:
/// the first, then any that follow within `paste::GATHER` (a paste, which
/// the Windows consoles deliver as key presses; see `paste.rs`). Other
/// events (resize, focus) only lead to a redraw.
fn read_input() -> std::io::Result<Input> {
    let mut batch = Vec::new();
    loop {
        match event::read()? {
            Event::Key(key) => batch.push(key),
            Event::Paste(text) if batch.is_empty() => return Ok(Input::Paste(text)),
            _ => {}
        }
        if !cfg!(windows) || batch.len() >= paste::MAX_BATCH || !event::poll(paste::GATHER)? {
            return Ok(Input::Keys(batch));
        }
    }
}
