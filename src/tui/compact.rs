//! The interface's offer to compact the ledger (`store::compact`).
//!
//! The daily automatic backup counts the bytes of every key and value it
//! copies (the ledger's live size) at no extra cost; when it is over, the
//! store folder's size on disk is compared with it, and if compaction is
//! worth it (`compact::worth_compacting`) and the clerk may do it (the
//! administrator's `Restore`), the bottom line offers it once: F9 accepts.
//! The interface holds the store open, so the compaction runs when it
//! quits, in the same process, after the terminal is given back
//! (`cli::compact::after_interface`): the clerk sees it happen and its
//! result as a command would print them.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Tone};
use crate::domain::access::Action;
use crate::i18n::backups as words;
use crate::store::backup::Written;
use crate::store::{compact, folder};

/// The key that accepts the offer.
pub const KEY: KeyCode = KeyCode::F(9);
const KEY_NAME: &str = "F9";

/// What the interface knows of a compaction: offered (folder and live
/// sizes) and whether the clerk accepted it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Offer {
    pub sizes: Option<(u64, u64)>,
    pub accepted: bool,
}

/// After the daily copy: offers a compaction when the folder has grown
/// well past the live size.
pub fn consider(app: &mut App, written: &Written) {
    let on_disk = folder::size_of(&folder::store_dir(app.store.dir()));
    if !compact::worth_compacting(on_disk, written.live_bytes) || !app.grant.may(Action::Restore) {
        return;
    }
    app.compact.sizes = Some((on_disk, written.live_bytes));
    app.status = Some((words::compact_offer(app.lang, on_disk, written.live_bytes, KEY_NAME), Tone::Info));
}

/// F9 while a compaction is offered accepts it (said on the bottom line);
/// true when the key was taken.
pub fn on_key(app: &mut App, key: &KeyEvent) -> bool {
    if key.code != KEY || app.compact.sizes.is_none() || !app.grant.may(Action::Restore) {
        return false;
    }
    app.compact.accepted = true;
    app.status = Some((words::compact_accepted(app.lang).to_string(), Tone::Good));
    true
}
