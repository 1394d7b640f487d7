//! Locked backups: when the ledger has a recovery recipient (see
//! `recovery`), the whole `.soxabak` stream is encrypted to it with age
//! (X25519, the file format "age-encryption.org/v1"), so a copied backup
//! shows nothing without the recovery key. The layout inside is unchanged:
//! its checksums still guard the content once decrypted.
//!
//! Writing needs only the public half, so automatic backups ask no one
//! anything. What a writer can check without the secret half it does
//! ([`Sealed::check_file`]): that age's stream took every byte (the length
//! of what it wrote is exactly what the plaintext's length makes it), that
//! the synced file holds that many bytes, and that its header reads back as
//! an age header. The plaintext's own checksums are computed as it is
//! produced, as for a plain backup; reading them back needs the key, which
//! `soxa restore` asks for.
//!
//! Reading ([`open`]) tells the two kinds apart by their first bytes: a
//! plain backup (and every backup made before this) reads as ever; a
//! locked one needs a [`RecoveryKey`] and refuses a wrong one before
//! anything is written.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::rc::Rc;

use age::x25519;

use super::BackupError;
use super::decode::ReadError;

/// First bytes of every age file, so of every locked backup.
pub const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";
/// age encrypts in chunks of 64 KiB, each followed by a 16-byte tag.
const CHUNK: u64 = 64 * 1024;
const TAG: u64 = 16;
const BUFFER_BYTES: usize = 256 * 1024;

/// The secret half of a ledger's recovery key ("AGE-SECRET-KEY-1...").
#[derive(Clone)]
pub struct RecoveryKey(x25519::Identity);

impl RecoveryKey {
    /// The first "AGE-SECRET-KEY-1..." word of `text` (a line typed, or the
    /// whole recovery sheet read from a file), if it is a key.
    pub fn find(text: &str) -> Option<RecoveryKey> {
        text.split_whitespace()
            .map(str::to_ascii_uppercase)
            .filter(|w| w.starts_with("AGE-SECRET-KEY-1"))
            .find_map(|w| w.parse().ok())
            .map(RecoveryKey)
    }
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(..)")
    }
}

/// The ledger's recipient, read from its `meta` tree: `None` when it has
/// none (backups stay plain). A recipient that does not read is an error:
/// a ledger that asked for locked backups never gets a plain one.
pub(super) fn recipient_in(meta: &sled::Tree) -> Result<Option<x25519::Recipient>, BackupError> {
    let privacy = crate::store::operators::privacy_in(meta)?;
    privacy.recovery_recipient.map(|r| r.parse::<x25519::Recipient>().map_err(|_| BackupError::Recipient)).transpose()
}

/// Counts the bytes that pass through to `inner` (the count is shared:
/// age keeps the writer it wraps to itself).
pub struct Counted<W> {
    inner: W,
    bytes: Rc<Cell<u64>>,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes.set(self.bytes.get() + n as u64);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Where a backup's bytes go: straight to the output, or through age.
pub enum Sealing<W: Write> {
    Plain(W),
    Age { stream: age::stream::StreamWriter<Counted<W>>, header: u64, plain: u64 },
}

/// What a locked backup wrote, to check the file against (see the module
/// comment).
#[derive(Clone, Copy, Debug)]
pub struct Sealed {
    bytes: u64,
}

impl<W: Write> Sealing<W> {
    /// Plain without a recipient; otherwise writes age's header now.
    pub fn new(out: W, recipient: Option<&x25519::Recipient>) -> io::Result<Sealing<W>> {
        let Some(recipient) = recipient else { return Ok(Sealing::Plain(out)) };
        let encryptor = age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
            .map_err(|e| io::Error::other(e.to_string()))?;
        let bytes = Rc::new(Cell::new(0));
        let stream = encryptor.wrap_output(Counted { inner: out, bytes: Rc::clone(&bytes) })?;
        // age writes its header and nonce before any chunk.
        let header = bytes.get();
        Ok(Sealing::Age { stream, header, plain: 0 })
    }

    /// Ends the stream (age's last chunk) and hands back the output, with
    /// what a locked file must hold.
    pub fn finish(self) -> io::Result<(W, Option<Sealed>)> {
        match self {
            Sealing::Plain(out) => Ok((out, None)),
            Sealing::Age { stream, header, plain } => {
                let counted = stream.finish()?;
                let bytes = counted.bytes.get();
                if bytes != header + sealed_len(plain) {
                    return Err(io::Error::other("the encryption did not take every byte"));
                }
                Ok((counted.inner, Some(Sealed { bytes })))
            }
        }
    }
}

/// The bytes age writes for `plain` bytes of plaintext: every chunk with
/// its tag, and at least one (possibly empty) last chunk.
fn sealed_len(plain: u64) -> u64 {
    plain + TAG * plain.div_ceil(CHUNK).max(1)
}

impl<W: Write> Write for Sealing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sealing::Plain(out) => out.write(buf),
            Sealing::Age { stream, plain, .. } => {
                let n = stream.write(buf)?;
                *plain += n as u64;
                Ok(n)
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sealing::Plain(out) => out.flush(),
            Sealing::Age { stream, .. } => stream.flush(),
        }
    }
}

impl Sealed {
    /// Checks the synced file at `path`: its length, and that it begins
    /// with a well-formed age header.
    pub fn check_file(&self, path: &Path) -> io::Result<()> {
        let file = File::open(path)?;
        if file.metadata()?.len() != self.bytes {
            return Err(io::Error::other("the locked backup on disk is not the length written"));
        }
        age::Decryptor::new_buffered(BufReader::new(file))
            .map(|_| ())
            .map_err(|e| io::Error::other(format!("the locked backup's header does not read back: {e}")))
    }
}

/// True when `path` begins like a locked backup.
pub fn is_locked(path: &Path) -> Result<bool, BackupError> {
    let fail = |e: io::Error| BackupError::Read { path: path.to_path_buf(), detail: e.to_string() };
    let mut head = Vec::new();
    File::open(path).and_then(|f| f.take(AGE_MAGIC.len() as u64).read_to_end(&mut head)).map_err(fail)?;
    Ok(head == AGE_MAGIC)
}

/// The backup's plaintext: the file itself, or, for a locked one, the
/// file decrypted with `key` (refused without one, or with a wrong one).
pub fn open(path: &Path, key: Option<&RecoveryKey>) -> Result<Box<dyn Read>, BackupError> {
    let fail = |e: io::Error| BackupError::Read { path: path.to_path_buf(), detail: e.to_string() };
    let mut input = BufReader::with_capacity(BUFFER_BYTES, File::open(path).map_err(fail)?);
    if !input.fill_buf().map_err(fail)?.starts_with(AGE_MAGIC) {
        return Ok(Box::new(input));
    }
    let Some(key) = key else { return Err(BackupError::Locked { path: path.to_path_buf() }) };
    let damaged =
        |what: &str| BackupError::Invalid { path: path.to_path_buf(), problem: ReadError::Damaged(what.into()) };
    let decryptor = age::Decryptor::new_buffered(input).map_err(|e| match e {
        age::DecryptError::Io(e) if e.kind() != io::ErrorKind::UnexpectedEof => fail(e),
        _ => damaged("the encryption header is unreadable"),
    })?;
    match decryptor.decrypt(std::iter::once(&key.0 as &dyn age::Identity)) {
        Ok(reader) => Ok(Box::new(reader)),
        Err(age::DecryptError::NoMatchingKeys) => Err(BackupError::WrongKey { path: path.to_path_buf() }),
        Err(age::DecryptError::Io(e)) if e.kind() != io::ErrorKind::UnexpectedEof => Err(fail(e)),
        Err(_) => Err(damaged("the encryption header is damaged")),
    }
}

#[cfg(test)]
mod tests {
    use age::secrecy::ExposeSecret;
    use proptest::prelude::*;

    use super::*;
    use crate::store::backup::decode::{self, ReadError};
    use crate::store::backup::encode::Encoder;
    use crate::store::backup::format::{FORMAT_VERSION, Header};

    /// A small backup (200 entries, several age chunks) locked to a new key.
    fn locked() -> (Vec<u8>, RecoveryKey) {
        let identity = x25519::Identity::generate();
        let header = Header { format: FORMAT_VERSION, schema: 1, created_at: 0, next_id: 9 };
        let out = Sealing::new(Vec::new(), Some(&identity.to_public())).unwrap();
        let mut enc = Encoder::new(out, &header).unwrap();
        enc.tree("households").unwrap();
        for i in 0u32..200 {
            enc.entry(&i.to_be_bytes(), &[b'x'; 1000]).unwrap();
        }
        enc.end_tree().unwrap();
        let (bytes, sealed) = enc.finish().unwrap().finish().unwrap();
        assert_eq!(sealed.map(|s| s.bytes), Some(bytes.len() as u64));
        let key = RecoveryKey::find(identity.to_string().expose_secret()).unwrap();
        (bytes, key)
    }

    fn read_back(bytes: &[u8], key: &RecoveryKey) -> Result<u64, BackupError> {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("b.soxabak");
        std::fs::write(&path, bytes).unwrap();
        let invalid = |problem| BackupError::Invalid { path: path.clone(), problem };
        let contents = decode::read(open(&path, Some(key))?, |_, _, _| Ok::<(), ReadError>(())).map_err(invalid)?;
        Ok(contents.entries)
    }

    #[test]
    fn a_locked_stream_reads_back_with_its_key_and_the_sheet_holds_it() {
        let (bytes, key) = locked();
        assert!(bytes.starts_with(AGE_MAGIC));
        assert_eq!(read_back(&bytes, &key).unwrap(), 200);
        let sheet = format!("KHÓA\n\n    {}\n", key.0.to_string().expose_secret().to_lowercase());
        assert!(RecoveryKey::find(&sheet).is_some(), "found in a sheet, in any case");
        assert!(RecoveryKey::find("AGE-SECRET-KEY-1NOTAKEY nothing").is_none());
    }

    #[test]
    fn the_sealed_length_counts_every_chunk_and_its_tag() {
        assert_eq!(sealed_len(0), 16);
        assert_eq!(sealed_len(1), 17);
        assert_eq!(sealed_len(CHUNK), CHUNK + 16);
        assert_eq!(sealed_len(CHUNK + 1), CHUNK + 1 + 32);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// A flipped byte anywhere or a cut anywhere is refused, never a panic.
        #[test]
        fn a_damaged_locked_file_is_refused(at in 0.0f64..1.0, flip in 1u8..=255, cut in proptest::bool::ANY) {
            let (mut bytes, key) = locked();
            let n = ((bytes.len() - 1) as f64 * at) as usize;
            if cut {
                bytes.truncate(n);
            } else {
                bytes[n] ^= flip;
            }
            prop_assert!(read_back(&bytes, &key).is_err());
        }
    }
}
