//! The interactive interface: a ratatui + crossterm application over the
//! store. `App` holds the state and is the only place actions change it;
//! each screen lives in its own file under `screens/`; drawing reads state
//! and never writes to the store.

mod action;
mod app;
mod draft;
pub mod form;
mod forms;
mod help;
mod history;
mod import;
mod keymap;
mod lookup;
pub mod prefs;
mod screens;
mod theme;
mod view;
mod write;

use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};

pub use action::Action;
/// `Overlay` and `Tone` are public so that tests can tell what is open.
pub use app::{App, Overlay, Tone};
pub use screens::Screen;

use crate::store::{Store, StoreError};

/// Runs the interface until the clerk quits. The terminal is restored on
/// quit, on error and on panic (ratatui installs the panic hook).
pub fn run(store: Store, lang: crate::domain::Lang) -> Result<(), StoreError> {
    let mut terminal = ratatui::init();
    // Opening a large ledger takes a moment: say so before it starts.
    let _ = terminal.draw(|frame| {
        let note = crate::i18n::ui::Ui::Loading.get(lang);
        frame.render_widget(ratatui::widgets::Paragraph::new(note), frame.area());
    });
    let result = App::new(store, lang).and_then(|mut app| event_loop(&mut app, &mut terminal));
    ratatui::restore();
    result
}

fn event_loop(app: &mut App, terminal: &mut ratatui::DefaultTerminal) -> Result<(), StoreError> {
    while !app.quit {
        if app.busy() {
            // The "working" note is on screen: do the slow reload now.
            app.settle();
        }
        terminal
            .draw(|frame| {
                frame.render_widget(&*app, frame.area());
                if let Some(pos) = app.cursor(frame.area()) {
                    frame.set_cursor_position(pos);
                }
            })
            .map_err(|e| StoreError::Storage(e.to_string()))?;
        if app.busy() {
            continue;
        }
        if !event::poll(Duration::from_millis(500)).map_err(|e| StoreError::Storage(e.to_string()))? {
            app.tick();
            continue;
        }
        match event::read().map_err(|e| StoreError::Storage(e.to_string()))? {
            // Windows reports key releases too; only presses (and repeats) act.
            Event::Key(key) if key.kind != KeyEventKind::Release => app.on_key(key),
            _ => {}
        }
    }
    Ok(())
}
