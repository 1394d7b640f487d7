//! The `.soxabak` file: one portable file holding every tree of a database.
//!
//! It is a logical copy (tree names, keys and values), not a copy of sled's
//! files, so it survives a change of storage engine and can be checked
//! completely before anything is written. All integers are big-endian.
//!
//! ```text
//! header  = "SOXA-BAK" format(u16) schema(u32) created_at(i64) next_id(u64) crc(u32)
//! section = 'T' name_len(u8) name entry* END(u32 = 0xFFFF_FFFF) entries(u64) crc(u32)
//! entry   = key_len(u32) key value_len(u32) value
//! trailer = 'E' trees(u32) entries(u64) crc(u32)
//! ```
//!
//! - `format` is this file layout's version ([`FORMAT_VERSION`]); `schema` is
//!   the database schema the records are encoded in. A reader refuses a file
//!   whose format or schema is newer than it knows.
//! - `created_at` is the local time of the copy, as seconds since 1970 (like
//!   every time soxa stores). `next_id` is above every id the database ever
//!   handed out, so a restored database never reuses one.
//! - A section's entries are the tree's pairs in key order (strictly
//!   ascending); keys are at most [`MAX_KEY`] bytes, values at most
//!   [`MAX_VALUE`], names at most [`MAX_NAME`] ASCII letters, digits or `_`.
//! - Each crc is CRC-32 (IEEE, `crc32fast`): the header's over its bytes
//!   before it, a section's over its bytes from 'T' to its entry count, the
//!   trailer's over every byte of the file before it. Nothing may follow the
//!   trailer.

/// First bytes of every backup file.
pub const MAGIC: [u8; 8] = *b"SOXA-BAK";
/// Version of this layout. Readers refuse a higher one.
pub const FORMAT_VERSION: u16 = 1;
pub use crate::store::folder::EXTENSION;

pub const SECTION_TAG: u8 = b'T';
pub const TRAILER_TAG: u8 = b'E';
/// In place of a key length: the section has no more entries.
pub const END_OF_SECTION: u32 = u32::MAX;

pub const MAX_NAME: usize = 64;
/// Keys are built from ids and folded codes: a few hundred bytes at most.
pub const MAX_KEY: u32 = 64 * 1024;
/// Values are records (the codec refuses payloads over 1 MiB) and audit
/// entries holding a record's previous bytes: 16 MiB leaves ample room while
/// bounding what a damaged length can make a reader allocate.
pub const MAX_VALUE: u32 = 16 * 1024 * 1024;
/// More trees than any soxa will have; bounds a damaged file's section count.
pub const MAX_TREES: u32 = 1024;
/// Ids are `u64` from sled's counter; anything near the top is damage (and
/// would overflow when the restored counter is advanced).
pub const MAX_NEXT_ID: u64 = 1 << 62;

/// What the header of a backup says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub format: u16,
    pub schema: u32,
    /// Seconds since 1970 of the local time the copy was made.
    pub created_at: i64,
    pub next_id: u64,
}

/// A tree name soxa could have written: short, ASCII letters, digits and `_`.
pub fn valid_name(name: &[u8]) -> bool {
    !name.is_empty() && name.len() <= MAX_NAME && name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
}
