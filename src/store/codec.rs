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
    fn huge_length_prefixes_are_refused_without_allocating() {
        // A string claiming 2^60 bytes.
        let bytes = [1u8, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0x10];
        assert!(decode_current::<String>(&bytes, 1).is_err());
    }
}
