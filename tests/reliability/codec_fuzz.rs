//! Fuzz-style cases the codec properties in `store_props` leave out: every
//! stored type under several mutations at once (flips, cuts, insertions,
//! removals), every prefix of every record, and hostile length prefixes.
//!
//! What the codec promises on damaged bytes, and what is asserted here: it
//! never panics; a record cut anywhere is refused (every proper prefix; one
//! with bytes appended is refused in `store_props::codec`); and whatever it
//! accepts is a whole value of its type, every byte read, that re-encodes
//! to exactly those bytes, or to fewer when a number or a length was
//! spelled in a wider varint than bincode writes (bincode 2 reads those).
//! There is no silent partial decode. The envelope holds no checksum (a
//! version byte and the bincode payload, `src/store/codec.rs`), so a byte
//! changed inside a name or a number can decode as another valid record:
//! damage on disk is caught below the codec, by the CRC32 sled keeps on
//! each log message and snapshot, and above it by `check`.

use std::fmt::Debug;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use soxa::domain::{AuditEntry, Commitment, Commune, Hamlet, Household, MediationCase, Member, Team};
use soxa::store::Record;
use soxa::store::codec;

use crate::store_props::strategies;

/// Decodes `bytes` as every stored type; returns how many accepted them.
fn decode_everything(bytes: &[u8]) -> usize {
    [
        Hamlet::decode(bytes).is_ok(),
        Household::decode(bytes).is_ok(),
        Commitment::decode(bytes).is_ok(),
        Team::decode(bytes).is_ok(),
        Member::decode(bytes).is_ok(),
        MediationCase::decode(bytes).is_ok(),
        codec::decode_current::<Commune>(bytes, 1).is_ok(),
        codec::decode_current::<AuditEntry>(bytes, 1).is_ok(),
    ]
    .into_iter()
    .filter(|ok| *ok)
    .count()
}

#[derive(Clone, Debug)]
pub enum Mutation {
    Flip(prop::sample::Index, u8),
    Cut(prop::sample::Index),
    Insert(prop::sample::Index, Vec<u8>),
    Remove(prop::sample::Index),
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1..=255u8).prop_map(|(i, f)| Mutation::Flip(i, f)),
        any::<prop::sample::Index>().prop_map(Mutation::Cut),
        (any::<prop::sample::Index>(), proptest::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Remove),
    ]
}

pub fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    match m {
        Mutation::Flip(i, f) => {
            let i = i.index(bytes.len());
            bytes[i] ^= f;
        }
        Mutation::Cut(i) => bytes.truncate(i.index(bytes.len())),
        Mutation::Insert(i, b) => {
            let at = i.index(bytes.len());
            bytes.splice(at..at, b.iter().copied());
        }
        Mutation::Remove(i) => {
            bytes.remove(i.index(bytes.len()));
        }
    }
}

/// One encoded record of any stored type, with the index of its type.
fn typed_record() -> impl Strategy<Value = (usize, Vec<u8>)> {
    prop_oneof![
        strategies::hamlet().prop_map(|r| (0, r.encode().unwrap())),
        strategies::household().prop_map(|r| (1, r.encode().unwrap())),
        strategies::commitment().prop_map(|r| (2, r.encode().unwrap())),
        strategies::team().prop_map(|r| (3, r.encode().unwrap())),
        strategies::member().prop_map(|r| (4, r.encode().unwrap())),
        strategies::case().prop_map(|r| (5, r.encode().unwrap())),
    ]
}

/// Whether `bytes` decode as the record type numbered `kind`.
fn decodes_as(kind: usize, bytes: &[u8]) -> bool {
    match kind {
        0 => Hamlet::decode(bytes).is_ok(),
        1 => Household::decode(bytes).is_ok(),
        2 => Commitment::decode(bytes).is_ok(),
        3 => Team::decode(bytes).is_ok(),
        4 => Member::decode(bytes).is_ok(),
        _ => MediationCase::decode(bytes).is_ok(),
    }
}

/// Whether `bytes` decode as `R`; if they do, the value is whole: it
/// re-encodes to exactly `bytes`, or to fewer bytes that decode to the same
/// value (a varint read in a wider form than bincode writes).
fn accepted_whole<R: Record + PartialEq + Debug>(bytes: &[u8]) -> Result<bool, TestCaseError> {
    let Ok(value) = R::decode(bytes) else { return Ok(false) };
    let again = value.encode().map_err(|e| TestCaseError::fail(format!("an accepted value does not encode: {e}")))?;
    if again != bytes {
        prop_assert!(
            again.len() < bytes.len(),
            "{} bytes read, {} written back for {value:?}",
            bytes.len(),
            again.len()
        );
        // A wider varint starts with one of bincode's markers 251-254.
        prop_assert!(bytes.iter().any(|b| (0xFB..=0xFE).contains(b)), "shorter with no wide varint: {bytes:?}");
        prop_assert_eq!(R::decode(&again).ok(), Some(value));
    }
    Ok(true)
}

/// [`accepted_whole`] for the record type numbered `kind`.
fn accepted_whole_as(kind: usize, bytes: &[u8]) -> Result<bool, TestCaseError> {
    match kind {
        0 => accepted_whole::<Hamlet>(bytes),
        1 => accepted_whole::<Household>(bytes),
        2 => accepted_whole::<Commitment>(bytes),
        3 => accepted_whole::<Team>(bytes),
        4 => accepted_whole::<Member>(bytes),
        _ => accepted_whole::<MediationCase>(bytes),
    }
}

proptest! {
    #![proptest_config(crate::store_props::config(2_000))]

    #[test]
    fn mutated_records_never_panic_and_decode_whole_or_not_at_all(
        (kind, mut bytes) in typed_record(),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        decode_everything(&bytes);
        accepted_whole_as(kind, &bytes)?;
    }
}

proptest! {
    #![proptest_config(crate::store_props::config(200))]

    #[test]
    fn every_proper_prefix_of_a_record_is_refused((kind, bytes) in typed_record()) {
        // A record cut anywhere never decodes silently as a shorter one.
        for end in 0..bytes.len() {
            prop_assert!(!decodes_as(kind, &bytes[..end]), "prefix of {} of {} bytes decoded", end, bytes.len());
            decode_everything(&bytes[..end]);
        }
        prop_assert!(decodes_as(kind, &bytes));
    }

    #[test]
    fn huge_length_prefixes_are_refused_quickly(
        lead in proptest::collection::vec(any::<u8>(), 0..24),
        tail in proptest::collection::vec(any::<u8>(), 0..8),
    ) {
        // bincode varints: 0xFD/0xFE/0xFF announce 4/8/16-byte lengths.
        let mut bytes = vec![1u8];
        bytes.extend_from_slice(&lead);
        bytes.extend_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]);
        bytes.extend_from_slice(&tail);
        let started = std::time::Instant::now();
        decode_everything(&bytes);
        prop_assert!(started.elapsed() < std::time::Duration::from_millis(500));
    }
}

/// Every single-byte change of one household, all 255 at every position:
/// none panics, each accepted one is whole, and some are accepted as
/// another valid household (a letter of the name), which is why the
/// module does not promise that damage is always refused.
#[test]
fn every_changed_byte_of_a_household_is_refused_or_read_whole() {
    let h = crate::common::household("T01-0001", 7, "Nguyễn Văn An");
    let bytes = h.encode().unwrap();
    let mut accepted = Vec::new();
    for at in 0..bytes.len() {
        for flip in 1..=255u8 {
            let mut copy = bytes.clone();
            copy[at] ^= flip;
            decode_everything(&copy);
            if accepted_whole::<Household>(&copy).unwrap_or_else(|e| panic!("byte {at} ^ {flip}: {e}")) {
                accepted.push(Household::decode(&copy).unwrap());
            }
        }
    }
    assert!(accepted.iter().all(|a| *a != h), "a changed byte never reads as the same household");
    assert!(accepted.iter().any(|a| a.head_name != h.head_name && a.code == h.code), "no name change passed");
    assert!(accepted.len() < bytes.len() * 255, "the version byte, lengths and tags refuse some changes");
}
