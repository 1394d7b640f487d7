//! soxa, "sổ xã": the commune ledger of the movement "Toàn dân bảo vệ an ninh
//! Tổ quốc".
//!
//! Layers, lowest first. A module imports only from layers below its own,
//! never from its own layer nor from one above, so no module imports one
//! that imports it back (`tests/layers` reads this list and holds the
//! code to it; `store/mod.rs` lists the store's own layers the same way):
//!
//! - `domain`: the pure types and rules (signing, refusing, moving out...);
//!   imports nothing.
//! - `store`: the database on sled; takes and gives domain values, fails
//!   with typed errors.
//! - `output`: every file written for the clerk, never into a ledger.
//! - `i18n`: every word of the keys and errors of the domain, the store and
//!   output, and the interface's own words, in Vietnamese and English. It
//!   knows no type of the layers above: their words are made from its own
//!   (`import::words`, `report::export::words`).
//! - `report`, `import`, `demo`, `history`, `lookup`: the work done over the
//!   store (the summary and its exports; reading spreadsheets in; the
//!   synthetic commune; a record's change history in words; what a lookup
//!   hit shows). None uses another.
//! - `tui`: the interactive interface.
//! - `cli`: the commands; `soxa` with none starts `tui`.
#![forbid(unsafe_code)]

pub mod cli;
pub mod demo;
pub mod domain;
pub mod history;
pub mod i18n;
pub mod import;
pub mod lookup;
pub mod output;
pub mod report;
pub mod store;
pub mod tui;
