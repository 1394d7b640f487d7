//! Fuzz-style cases the codec properties in `store_props` leave out: every
//! stored type under several mutations at once (flips, cuts, insertions),
//! every prefix of every record, and hostile length prefixes. Only the
//! absence of a panic and of a silent success on damaged bytes matters.

use proptest::prelude::*;
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

fn any_record() -> impl Strategy<Value = Vec<u8>> {
    typed_record().prop_map(|(_, bytes)| bytes)
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

proptest! {
    #![proptest_config(crate::store_props::config(2_000))]

    #[test]
    fn mutated_records_of_every_type_never_panic(
        mut bytes in any_record(),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        decode_everything(&bytes);
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
