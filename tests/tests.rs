//! The integration tests, one binary (see STYLE.md point 9): a module per
//! area, sharing the helpers in `common`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod backup_restore;
mod cli;
mod closing;
mod codec_golden;
mod common;
mod e2e;
mod fresh_counts;
mod import_files;
mod kinds;
mod layers;
mod locked_exports;
mod privacy;
mod reliability;
mod report_export;
mod signin;
mod store_props;
mod store_story;
mod tui_keys;
mod tui_snapshots;
mod windows;
