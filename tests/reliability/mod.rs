//! Trying to break soxa: power cuts (SIGKILL of a real writer), a database
//! from the current schema that must open forever, hostile field values, and
//! arbitrary bytes in the codec. See docs/RELIABILITY.md for the table.

pub mod big_files;
mod codec_fuzz;
mod hostile;
mod import_fuzz;
mod kill;
mod upgrade;
