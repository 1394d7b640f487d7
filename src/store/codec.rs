//! The one place where values become bytes and back.
//!
//! A stored value is an envelope: one byte of schema version, then the bincode
//! 2 (serde, standard config) payload. bincode is not self-describing and can
//! decode a prefix of newer bytes "successfully", so decoding insists that
//! every byte is consumed, and it is bounded so hostile bytes cannot make it
//! allocate without limit. Swapping bincode for another format means changing
//! this file only.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Largest payload decoded: far above any real record (a case with 2,000
/// character notes is a few KiB), small enough to refuse garbage cheaply.
const LIMIT: usize = 1 << 20;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CodecError {
    #[error("empty value")]
    Empty,
    #[error("unknown record version {0}")]
    UnknownVersion(u8),
    #[error("undecodable payload: {0}")]
    Payload(String),
    #[error("{left} bytes left after decoding")]
    TrailingBytes { left: usize },
    #[error("cannot encode: {0}")]
    Encode(String),
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<LIMIT>()
}

/// Envelope bytes of `value` at record version `version`.
pub fn encode<T: Serialize>(version: u8, value: &T) -> Result<Vec<u8>, CodecError> {
    let payload = bincode::serde::encode_to_vec(value, config()).map_err(|e| CodecError::Encode(e.to_string()))?;
    // Never store what `decode` would refuse to read back.
    if payload.len() > LIMIT {
        return Err(CodecError::Encode(format!("value of {} bytes exceeds the {LIMIT}-byte limit", payload.len())));
    }
    let mut out = Vec::with_capacity(payload.len() + 1);
    out.push(version);
    out.extend_from_slice(&payload);
    Ok(out)
}

/// Splits an envelope into its version byte and payload.
pub fn open_envelope(bytes: &[u8]) -> Result<(u8, &[u8]), CodecError> {
    bytes.split_first().map(|(v, p)| (*v, p)).ok_or(CodecError::Empty)
}

/// Decodes a whole payload as `T`; a payload that is longer than `T` needs is
/// an error, not a silent partial read.
pub fn decode_exact<T: DeserializeOwned>(payload: &[u8]) -> Result<T, CodecError> {
    let (value, used) =
        bincode::serde::decode_from_slice::<T, _>(payload, config()).map_err(|e| CodecError::Payload(e.to_string()))?;
    match payload.len() - used {
        0 => Ok(value),
        left => Err(CodecError::TrailingBytes { left }),
    }
}

/// Decodes an envelope written at `version` (the only version so far).
pub fn decode_current<T: DeserializeOwned>(bytes: &[u8], version: u8) -> Result<T, CodecError> {
    let (v, payload) = open_envelope(bytes)?;
    if v != version {
        return Err(CodecError::UnknownVersion(v));
    }
    decode_exact(payload)
}

/// Version byte of a packed bucket (`store::packed`).
const BUCKET_VERSION: u8 = 1;

/// Longest key a bucket holds: the packed trees' keys are 8 to 17 bytes.
pub const MAX_PACKED_KEY: usize = u8::MAX as usize;

/// The bytes of a packed bucket: a version byte, the entry count (`u32`,
/// big-endian), then each entry as key length (`u8`), value length (`u32`,
/// big-endian), key, value; keys strictly ascending. Hand-framed rather
/// than bincode so reading one entry never decodes its neighbours' values.
pub fn pack<K: AsRef<[u8]>, V: AsRef<[u8]>>(entries: &[(K, V)]) -> Result<Vec<u8>, CodecError> {
    let size: usize = entries.iter().map(|(k, v)| 5 + k.as_ref().len() + v.as_ref().len()).sum();
    let mut out = Vec::with_capacity(5 + size);
    out.push(BUCKET_VERSION);
    let count = u32::try_from(entries.len()).map_err(|e| CodecError::Encode(e.to_string()))?;
    out.extend_from_slice(&count.to_be_bytes());
    for (k, v) in entries {
        let (k, v) = (k.as_ref(), v.as_ref());
        let klen = u8::try_from(k.len()).map_err(|_| CodecError::Encode(format!("key of {} bytes", k.len())))?;
        let vlen = u32::try_from(v.len()).ok().filter(|n| (*n as usize) <= LIMIT);
        let vlen = vlen.ok_or_else(|| CodecError::Encode(format!("value of {} bytes", v.len())))?;
        out.push(klen);
        out.extend_from_slice(&vlen.to_be_bytes());
        out.extend_from_slice(k);
        out.extend_from_slice(v);
    }
    Ok(out)
}

/// Where one entry's key and value lie in a bucket's bytes.
pub type Spans = (std::ops::Range<usize>, std::ops::Range<usize>);

/// The entries of a packed bucket, each as (key, value) byte ranges of
/// `bytes`; refuses a wrong version, a count or length that does not match
/// the bytes, bytes left over, and keys out of order.
pub fn unpack(bytes: &[u8]) -> Result<Vec<Spans>, CodecError> {
    let (version, rest) = open_envelope(bytes)?;
    if version != BUCKET_VERSION {
        return Err(CodecError::UnknownVersion(version));
    }
    let short = || CodecError::Payload("bucket cut short".into());
    let count = rest.get(..4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map(u32::from_be_bytes).ok_or_else(short)?;
    let mut at = 5;
    // Every entry takes at least 5 bytes: a count beyond that is garbage.
    let mut out: Vec<Spans> = Vec::with_capacity((count as usize).min(bytes.len() / 5));
    for _ in 0..count {
        let head = bytes.get(at..at + 5).ok_or_else(short)?;
        let klen = head[0] as usize;
        let vlen = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
        let key = at + 5..at + 5 + klen;
        let value = key.end..key.end + vlen;
        if value.end > bytes.len() {
            return Err(short());
        }
        if let Some((previous, _)) = out.last()
            && bytes[previous.clone()] >= bytes[key.clone()]
        {
            return Err(CodecError::Payload("bucket keys out of order".into()));
        }
        at = value.end;
        out.push((key, value));
    }
    match bytes.len() - at {
        0 => Ok(out),
        left => Err(CodecError::TrailingBytes { left }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Old {
        a: u32,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct New {
        a: u32,
        b: String,
    }

    #[test]
    fn round_trips() {
        let bytes = encode(1, &New { a: 7, b: "Đông".into() }).unwrap();
        assert_eq!(bytes[0], 1);
        assert_eq!(decode_current::<New>(&bytes, 1).unwrap(), New { a: 7, b: "Đông".into() });
    }

    #[test]
    fn newer_bytes_never_decode_silently_into_an_older_struct() {
        let bytes = encode(1, &New { a: 7, b: "x".into() }).unwrap();
        assert!(matches!(decode_current::<Old>(&bytes, 1), Err(CodecError::TrailingBytes { .. })));
    }

    #[test]
    fn older_bytes_do_not_decode_into_a_newer_struct() {
        let bytes = encode(1, &Old { a: 7 }).unwrap();
        assert!(decode_current::<New>(&bytes, 1).is_err());
    }

    #[test]
    fn wrong_version_and_empty_are_errors() {
        let bytes = encode(2, &Old { a: 7 }).unwrap();
        assert_eq!(decode_current::<Old>(&bytes, 1), Err(CodecError::UnknownVersion(2)));
        assert_eq!(decode_current::<Old>(&[], 1), Err(CodecError::Empty));
    }

    #[test]
    fn values_over_the_limit_are_not_encoded() {
        assert!(matches!(encode(1, &"x".repeat(LIMIT + 1)), Err(CodecError::Encode(_))));
    }

    #[test]
    fn buckets_round_trip_and_refuse_damage() {
        let entries =
            vec![(vec![1u8, 2], b"one".to_vec()), (vec![1, 3], Vec::new()), (vec![9], "Đ".as_bytes().to_vec())];
        let bytes = pack(&entries).unwrap();
        let read: Vec<(Vec<u8>, Vec<u8>)> =
            unpack(&bytes).unwrap().into_iter().map(|(k, v)| (bytes[k].to_vec(), bytes[v].to_vec())).collect();
        assert_eq!(read, entries);
        assert!(unpack(&pack::<&[u8], &[u8]>(&[]).unwrap()).unwrap().is_empty());
        for cut in 0..bytes.len() {
            assert!(unpack(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(unpack(&longer), Err(CodecError::TrailingBytes { left: 1 }));
        let swapped = pack(&[(vec![2u8], vec![]), (vec![1u8], vec![])]).unwrap();
        assert!(unpack(&swapped).is_err(), "keys out of order");
        let mut version = bytes.clone();
        version[0] = 2;
        assert_eq!(unpack(&version), Err(CodecError::UnknownVersion(2)));
        assert!(pack(&[(vec![0u8; MAX_PACKED_KEY + 1], vec![])]).is_err());
    }

    /// The bytes of a bucket are part of the file format (schema 5).
    #[test]
    fn a_bucket_has_these_bytes() {
        let bytes = pack(&[(&[0u8, 7][..], &b"ab"[..]), (&[0u8, 9][..], &[][..])]).unwrap();
        assert_eq!(bytes, vec![1, 0, 0, 0, 2, 2, 0, 0, 0, 2, 0, 7, b'a', b'b', 2, 0, 0, 0, 0, 0, 9]);
    }

    #[test]
    fn huge_length_prefixes_are_refused_without_allocating() {
        // A string claiming 2^60 bytes.
        let bytes = [1u8, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0x10];
        assert!(decode_current::<String>(&bytes, 1).is_err());
    }
}
