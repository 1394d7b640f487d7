//! A double-clicked soxa.exe gets a console window of its own, which
//! Windows closes the moment soxa exits: the sentence saying why the ledger
//! could not be opened (another window has it open, say) would flash by
//! unread. So on Windows, when the interface was asked for (no command) and
//! could not open, soxa waits for Enter before it exits.

use std::io::IsTerminal;

use crate::domain::Lang;
use crate::i18n::console::Console;

pub fn hold_window(lang: Lang, interface: bool) {
    if !cfg!(windows) || !interface || !std::io::stdin().is_terminal() {
        return;
    }
    eprintln!("{}", Console::PressEnterToClose.get(lang));
    let _ = std::io::stdin().read_line(&mut String::new());
}
