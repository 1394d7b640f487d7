//! Writing the `.soxabak` layout (see `format`) to any `Write`, one entry at a
//! time, with the running checksums. Knows nothing of sled or files.

use std::io::{self, Write};

use super::format::{END_OF_SECTION, Header, MAGIC, MAX_KEY, MAX_VALUE, SECTION_TAG, TRAILER_TAG, valid_name};

/// The output with the file's and the current section's checksums.
struct Sink<W: Write> {
    out: W,
    file: crc32fast::Hasher,
    section: crc32fast::Hasher,
}

impl<W: Write> Sink<W> {
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.file.update(bytes);
        self.section.update(bytes);
        Ok(())
    }

    /// Writes a checksum; it is not part of what later checksums cover
    /// except the file's (which covers every byte before the trailer's).
    fn put_crc(&mut self, crc: u32) -> io::Result<()> {
        self.put(&crc.to_be_bytes())
    }
}

/// Streams a backup: `new` (header), then per tree `tree`, `entry`...,
/// `end_tree`, and finally `finish` (trailer).
pub struct Encoder<W: Write> {
    sink: Sink<W>,
    trees: u32,
    entries: u64,
    in_tree: Option<u64>,
}

fn invalid(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

impl<W: Write> Encoder<W> {
    pub fn new(out: W, header: &Header) -> io::Result<Encoder<W>> {
        let sink = Sink { out, file: crc32fast::Hasher::new(), section: crc32fast::Hasher::new() };
        let mut enc = Encoder { sink, trees: 0, entries: 0, in_tree: None };
        enc.sink.put(&MAGIC)?;
        enc.sink.put(&header.format.to_be_bytes())?;
        enc.sink.put(&header.schema.to_be_bytes())?;
        enc.sink.put(&header.created_at.to_be_bytes())?;
        enc.sink.put(&header.next_id.to_be_bytes())?;
        let crc = enc.take_section_crc();
        enc.sink.put_crc(crc)?;
        Ok(enc)
    }

    fn take_section_crc(&mut self) -> u32 {
        std::mem::take(&mut self.sink.section).finalize()
    }

    pub fn tree(&mut self, name: &str) -> io::Result<()> {
        if self.in_tree.is_some() || !valid_name(name.as_bytes()) {
            return Err(invalid(format!("cannot start tree {name:?} here")));
        }
        self.sink.section = crc32fast::Hasher::new();
        self.sink.put(&[SECTION_TAG])?;
        // valid_name bounds the length to 64, so it fits a byte.
        self.sink.put(&[name.len() as u8])?;
        self.sink.put(name.as_bytes())?;
        self.in_tree = Some(0);
        Ok(())
    }

    pub fn entry(&mut self, key: &[u8], value: &[u8]) -> io::Result<()> {
        let Some(count) = self.in_tree.as_mut() else { return Err(invalid("entry outside a tree".into())) };
        let key_len = u32::try_from(key.len()).ok().filter(|n| *n <= MAX_KEY);
        let value_len = u32::try_from(value.len()).ok().filter(|n| *n <= MAX_VALUE);
        let (Some(key_len), Some(value_len)) = (key_len, value_len) else {
            return Err(invalid(format!("entry too large ({} + {} bytes)", key.len(), value.len())));
        };
        *count += 1;
        self.sink.put(&key_len.to_be_bytes())?;
        self.sink.put(key)?;
        self.sink.put(&value_len.to_be_bytes())?;
        self.sink.put(value)
    }

    pub fn end_tree(&mut self) -> io::Result<()> {
        let Some(count) = self.in_tree.take() else { return Err(invalid("no tree to end".into())) };
        self.sink.put(&END_OF_SECTION.to_be_bytes())?;
        self.sink.put(&count.to_be_bytes())?;
        let crc = self.take_section_crc();
        self.sink.put_crc(crc)?;
        self.trees += 1;
        self.entries += count;
        Ok(())
    }

    /// Writes the trailer and hands back the output (not yet flushed).
    pub fn finish(mut self) -> io::Result<W> {
        if self.in_tree.is_some() {
            return Err(invalid("a tree was not ended".into()));
        }
        self.sink.put(&[TRAILER_TAG])?;
        self.sink.put(&self.trees.to_be_bytes())?;
        self.sink.put(&self.entries.to_be_bytes())?;
        let crc = self.sink.file.clone().finalize();
        self.sink.out.write_all(&crc.to_be_bytes())?;
        Ok(self.sink.out)
    }

    /// Entries written so far (in ended trees).
    pub fn entries(&self) -> u64 {
        self.entries
    }
}
