//! The interactive interface: a ratatui + crossterm application over the
//! store. `App` holds the state and is the only place actions change it;
//! each screen lives in its own file under `screens/` and implements the
//! one `ScreenState` trait; what screens share to draw is in `widgets`;
//! drawing reads state and never writes to the store.

mod access;
mod action;
mod app;
mod autobackup;
mod compact;
mod console;
pub mod draft;
mod fit;
mod folder;
mod footer;
pub mod form;
mod forms;
mod help;
mod history_overlay;
mod idle;
mod import;
mod keymap;
mod lookup;
mod masked;
mod paste;
pub mod prefs;
mod screens;
pub mod signin;
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

use crate::domain::access::Grant;
use crate::store::{Store, StoreError};
use autobackup::DailyBackup;

/// Runs the interface until the clerk quits. The terminal is restored on
/// quit, on error and on panic (ratatui installs the panic hook). Returns
/// who accepted a compaction, if someone did (`compact`): the caller runs
/// it once the store is closed.
pub fn run(mut store: Store, lang: crate::domain::Lang) -> Result<Option<Grant>, StoreError> {
    let mut terminal = ratatui::init();
    paste::mark_pastes(true);
    let result = match sign_in(&mut terminal, &mut store, lang) {
        Ok(Some(grant)) => open(terminal, store, lang, grant),
        Ok(None) => Ok(None),
        Err(e) => Err(e),
    };
    paste::mark_pastes(false);
    ratatui::restore();
    result
}

/// Who uses the interface: the single clerk of a ledger without operators,
/// or the operator who signs in on the first screen (`None`: they quit
/// instead). Nothing of the ledger is read or drawn before.
fn sign_in(
    terminal: &mut ratatui::DefaultTerminal,
    store: &mut Store,
    lang: crate::domain::Lang,
) -> Result<Option<Grant>, StoreError> {
    if !store.has_operators()? {
        return Ok(Some(Grant::single_clerk(store.operator())));
    }
    let mut screen = signin::SignIn::new(lang);
    loop {
        terminal
            .draw(|frame| {
                screen.render(frame.area(), frame.buffer_mut());
                if let Some(pos) = screen.cursor(frame.area()) {
                    frame.set_cursor_position(pos);
                }
            })
            .map_err(|e| StoreError::Storage(e.to_string()))?;
        // Polled, so that the seconds left of a delay count down.
        if !event::poll(Duration::from_millis(500)).map_err(|e| StoreError::Storage(e.to_string()))? {
            continue;
        }
        let Input::Keys(keys) = read_input().map_err(|e| StoreError::Storage(e.to_string()))? else { continue };
        for key in keys.into_iter().filter(|k| k.kind != event::KeyEventKind::Release) {
            match screen.handle(key, store) {
                signin::SignInEvent::Stay => {}
                signin::SignInEvent::Granted(grant) => return Ok(Some(grant)),
                signin::SignInEvent::Quit => return Ok(None),
            }
        }
    }
}

/// The interface proper, once someone is signed in.
fn open(
    mut terminal: ratatui::DefaultTerminal,
    store: Store,
    lang: crate::domain::Lang,
    grant: Grant,
) -> Result<Option<Grant>, StoreError> {
    // Opening a large ledger takes a moment: say so before it starts.
    let _ = terminal.draw(|frame| {
        let note = crate::i18n::ui::Ui::Loading.get(lang);
        frame.render_widget(ratatui::widgets::Paragraph::new(note), frame.area());
    });
    let recovered = store.recovered().map(|r| crate::i18n::backups::recovered(lang, r));
    App::new(store, lang).and_then(|mut app| {
        app.set_grant(grant);
        // A restore or demo a crash cut short, finished or rolled back by
        // this opening: said on the first screen too.
        if let Some(told) = recovered {
            app.status = Some((told, app::Tone::Info));
        }
        let mut daily = DailyBackup::NotStarted;
        let result = event_loop(&mut app, &mut terminal, &mut daily);
        daily.stop();
        result.map(|()| app.compact.accepted.then(|| app.grant.clone()))
    })
}

fn event_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    daily: &mut DailyBackup,
) -> Result<(), StoreError> {
    let mut first_frame = true;
    while !app.quit {
        // Keys typed ahead (or sent at once) are handled before anything
        // is drawn: the screen shows where they lead, not each step.
        if !app.typed_ahead {
            app.catch_up();
            terminal
                .draw(|frame| {
                    frame.render_widget(&*app, frame.area());
                    if let Some(pos) = app.cursor(frame.area()) {
                        frame.set_cursor_position(pos);
                    }
                })
                .map_err(|e| StoreError::Storage(e.to_string()))?;
        }
        if !app.typed_ahead && std::mem::take(&mut first_frame) {
            // The clerk reads the dashboard meanwhile.
            app.store.warm_search_index();
            app.privacy_notes(false);
        }
        daily.step(app);
        let poll = |wait| event::poll(wait).map_err(|e| StoreError::Storage(e.to_string()));
        if app.typed_ahead {
            // A key is waiting: read it.
        } else if app.busy() {
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
        let input = read_input().map_err(|e| StoreError::Storage(e.to_string()))?;
        app.typed_ahead = poll(Duration::ZERO)?;
        match input {
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
