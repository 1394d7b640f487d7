//! soxa, "sổ xã": the commune ledger of the movement "Toàn dân bảo vệ an ninh
//! Tổ quốc". Layers, each depending only on those before it:
//! `domain` (pure types and rules) <- `store` (sled) <- `output` (the files
//! written for the clerk) <- `report`, `import`, `demo` <- `tui`, `cli`.
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
