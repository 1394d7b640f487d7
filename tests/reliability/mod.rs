//! Trying to break soxa: process crashes (SIGKILL of a real writer), the
//! syncs that must precede "saved" (strace, Linux), a database from the
//! current schema that must open forever, hostile field values, and
//! arbitrary bytes in the codec. See docs/RELIABILITY.md for the table.

pub mod big_files;
mod codec_fuzz;
mod csv_injection;
mod drafts;
#[cfg(target_os = "linux")]
mod fsync;
mod future_backups;
mod hostile;
mod import_fuzz;
mod kept_aside;
mod kill;
mod kill_swap;
mod outputs;
mod swap;
mod upgrade;
