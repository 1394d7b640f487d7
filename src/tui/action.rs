//! Every intent the clerk can express with a key, as data. Keys map to
//! actions in `keymap`; `App::update` is the only place actions change state.

use super::Screen;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Goto(Screen),
    Help,
    Lookup,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    New,
    Edit,
    Delete,
    Undo,
    Redo,
    History,
    /// A screen's own action, numbered by that screen (see its `keys()`).
    Screen(u8),
}
