//! Reading and verifying the `.soxabak` layout (see `format`) from any
//! `Read`, one entry at a time.
//!
//! Every length is checked against its bound before anything is read into
//! memory, buffers grow only as bytes actually arrive, and every problem is
//! an error, never a panic: a damaged or hostile file costs at most one
//! entry's bound of memory. Verifying a file is reading it with a visitor
//! that keeps nothing.

use std::collections::HashSet;
use std::io::{self, Read};

use super::format::{
    END_OF_SECTION, FORMAT_VERSION, Header, MAGIC, MAX_KEY, MAX_NEXT_ID, MAX_TREES, MAX_VALUE, SECTION_TAG,
    TRAILER_TAG, valid_name,
};
use crate::store::SCHEMA_VERSION;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("not a soxa backup file")]
    NotABackup,
    #[error("made by a newer soxa (backup format {found}; this version reads up to {supported})")]
    NewerFormat { found: u16, supported: u16 },
    #[error("made by a newer soxa (schema {found}; this version reads up to {supported})")]
    NewerSchema { found: u32, supported: u32 },
    #[error("damaged: {0}")]
    Damaged(String),
    #[error("cannot read the file: {0}")]
    Io(String),
}

fn damaged(what: impl Into<String>) -> ReadError {
    ReadError::Damaged(what.into())
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::UnexpectedEof => damaged("the file ends too early (cut short?)"),
            // A locked backup's chunk that does not decrypt (see `sealed`).
            io::ErrorKind::InvalidData => damaged(format!("the encrypted content does not read ({e})")),
            _ => ReadError::Io(e.to_string()),
        }
    }
}

/// What a verified file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contents {
    pub header: Header,
    /// Tree names with their entry counts, in file order.
    pub trees: Vec<(String, u64)>,
    pub entries: u64,
}

/// The input with the file's and the current section's checksums.
struct Source<R: Read> {
    input: R,
    file: crc32fast::Hasher,
    section: crc32fast::Hasher,
}

impl<R: Read> Source<R> {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), ReadError> {
        self.input.read_exact(buf)?;
        self.file.update(buf);
        self.section.update(buf);
        Ok(())
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ReadError> {
        let mut buf = [0u8; N];
        self.fill(&mut buf)?;
        Ok(buf)
    }

    fn u8(&mut self) -> Result<u8, ReadError> {
        Ok(self.array::<1>()?[0])
    }

    fn u32(&mut self) -> Result<u32, ReadError> {
        self.array().map(u32::from_be_bytes)
    }

    fn u64(&mut self) -> Result<u64, ReadError> {
        self.array().map(u64::from_be_bytes)
    }

    /// Reads `len` bytes into `buf` (replacing its contents); the caller has
    /// bounded `len`, and the buffer grows only with bytes really read.
    fn bytes_into(&mut self, len: u32, buf: &mut Vec<u8>) -> Result<(), ReadError> {
        buf.clear();
        let got = (&mut self.input).take(u64::from(len)).read_to_end(buf)?;
        if got != len as usize {
            return Err(damaged("the file ends too early (cut short?)"));
        }
        self.file.update(buf);
        self.section.update(buf);
        Ok(())
    }

    fn start_section(&mut self) {
        self.section = crc32fast::Hasher::new();
    }

    /// Reads a stored checksum and compares it with `expected`, computed
    /// before the checksum's own bytes were read.
    fn expect_crc(&mut self, expected: u32, what: &str) -> Result<(), ReadError> {
        if self.u32()? != expected {
            return Err(damaged(format!("the checksum of {what} does not match")));
        }
        Ok(())
    }
}

/// Reads the whole file, calling `on_entry(tree, key, value)` for each entry
/// in order, and checks every length, order and checksum on the way. A
/// visitor that writes somewhere must treat what it wrote as provisional
/// until this returns `Ok`: a section's checksum comes after its entries.
pub fn read<R: Read, E: From<ReadError>>(
    input: R,
    mut on_entry: impl FnMut(&str, &[u8], &[u8]) -> Result<(), E>,
) -> Result<Contents, E> {
    let mut src = Source { input, file: crc32fast::Hasher::new(), section: crc32fast::Hasher::new() };
    let header = read_header(&mut src)?;
    let mut trees: Vec<(String, u64)> = Vec::new();
    let mut names = HashSet::new();
    let (mut key, mut value, mut previous) = (Vec::new(), Vec::new(), Vec::new());
    loop {
        src.start_section();
        match src.u8()? {
            SECTION_TAG => {}
            TRAILER_TAG => break,
            other => return Err(damaged(format!("unexpected byte {other:#04x} where a section starts")).into()),
        }
        if trees.len() >= MAX_TREES as usize {
            return Err(damaged("too many trees").into());
        }
        let name = read_name(&mut src)?;
        if !names.insert(name.clone()) {
            return Err(damaged(format!("tree {name} appears twice")).into());
        }
        let mut count: u64 = 0;
        loop {
            let key_len = src.u32()?;
            if key_len == END_OF_SECTION {
                break;
            }
            if key_len > MAX_KEY {
                return Err(damaged(format!("a key in tree {name} is {key_len} bytes long")).into());
            }
            src.bytes_into(key_len, &mut key)?;
            if count > 0 && key <= previous {
                return Err(damaged(format!("the keys of tree {name} are out of order")).into());
            }
            let value_len = src.u32()?;
            if value_len > MAX_VALUE {
                return Err(damaged(format!("a value in tree {name} is {value_len} bytes long")).into());
            }
            src.bytes_into(value_len, &mut value)?;
            on_entry(&name, &key, &value)?;
            std::mem::swap(&mut previous, &mut key);
            count += 1;
        }
        if src.u64()? != count {
            return Err(damaged(format!("tree {name} does not hold the number of entries it says")).into());
        }
        let crc = src.section.clone().finalize();
        src.expect_crc(crc, &format!("tree {name}"))?;
        trees.push((name, count));
    }
    let entries = trees.iter().map(|(_, n)| n).sum();
    read_trailer(&mut src, trees.len(), entries)?;
    Ok(Contents { header, trees, entries })
}

fn read_header<R: Read>(src: &mut Source<R>) -> Result<Header, ReadError> {
    let magic = src.array::<8>().map_err(|_| ReadError::NotABackup)?;
    if magic != MAGIC {
        return Err(ReadError::NotABackup);
    }
    let format = src.array().map(u16::from_be_bytes)?;
    if format > FORMAT_VERSION {
        return Err(ReadError::NewerFormat { found: format, supported: FORMAT_VERSION });
    }
    let schema = src.u32()?;
    let created_at = src.array().map(i64::from_be_bytes)?;
    let next_id = src.u64()?;
    let crc = src.section.clone().finalize();
    src.expect_crc(crc, "the header")?;
    if format == 0 || next_id > MAX_NEXT_ID {
        return Err(damaged("the header is unreadable"));
    }
    // Checked after the checksum, so a flipped bit reads as damage, not as
    // a version from the future.
    if schema > SCHEMA_VERSION {
        return Err(ReadError::NewerSchema { found: schema, supported: SCHEMA_VERSION });
    }
    Ok(Header { format, schema, created_at, next_id })
}

fn read_name<R: Read>(src: &mut Source<R>) -> Result<String, ReadError> {
    let len = src.u8()?;
    let mut name = Vec::new();
    src.bytes_into(u32::from(len), &mut name)?;
    if !valid_name(&name) {
        return Err(damaged("a tree name is unreadable"));
    }
    String::from_utf8(name).map_err(|_| damaged("a tree name is unreadable"))
}

fn read_trailer<R: Read>(src: &mut Source<R>, trees: usize, entries: u64) -> Result<(), ReadError> {
    if src.u32()? as usize != trees || src.u64()? != entries {
        return Err(damaged("the closing counts do not match the contents"));
    }
    let crc = src.file.clone().finalize();
    src.expect_crc(crc, "the whole file")?;
    let mut extra = [0u8; 1];
    if src.input.read(&mut extra)? != 0 {
        return Err(damaged("there are bytes after the end"));
    }
    Ok(())
}
