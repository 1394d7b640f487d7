//! The envelope codec on arbitrary values (any text, any id, dates and times
//! far from today) and on arbitrary bytes.

use std::fmt::Debug;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use soxa::domain::{
    AuditAction, AuditEntry, CatalogItem, Commitment, Commune, EntityKind, Hamlet, Household, MediationCase, Member,
    Stamp, Team,
};
use soxa::store::Record;
use soxa::store::codec::{self, CodecError};

use super::strategies;

fn time(secs: i64) -> NaiveDateTime {
    DateTime::from_timestamp(secs, 0).expect("in range").naive_utc()
}

fn any_time() -> impl Strategy<Value = NaiveDateTime> {
    (-(1i64 << 36)..(1i64 << 36)).prop_map(time)
}

fn any_stamp() -> impl Strategy<Value = Stamp> {
    (any_time(), any_time()).prop_map(|(created_at, updated_at)| Stamp { created_at, updated_at })
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (-500_000i32..3_000_000).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("in range"))
}

/// Arbitrary overrides applied on top of a generated record.
#[derive(Clone, Debug)]
struct Noise {
    id: u64,
    text: String,
    stamp: Stamp,
    date: NaiveDate,
    extra: Vec<u8>,
}

fn noise() -> impl Strategy<Value = Noise> {
    let extra = proptest::collection::vec(any::<u8>(), 1..8);
    (any::<u64>(), any::<String>(), any_stamp(), any_date(), extra).prop_map(|(id, text, stamp, date, extra)| Noise {
        id,
        text,
        stamp,
        date,
        extra,
    })
}

/// Round-trips `value`; the same bytes with anything appended, or with the
/// last byte cut off, are refused.
fn round_trip<R: Record + PartialEq + Debug>(value: &R, extra: &[u8]) -> Result<(), TestCaseError> {
    let bytes = value.encode().expect("encodes");
    prop_assert_eq!(bytes[0], R::VERSION);
    prop_assert_eq!(&R::decode(&bytes).expect("decodes"), value);
    let mut longer = bytes.clone();
    longer.extend_from_slice(extra);
    prop_assert_eq!(R::decode(&longer).err(), Some(CodecError::TrailingBytes { left: extra.len() }));
    prop_assert!(R::decode(&bytes[..bytes.len() - 1]).is_err());
    Ok(())
}

proptest! {
    #![proptest_config(super::config(64))]

    #[test]
    fn hamlets_round_trip(mut h in strategies::hamlet(), n in noise()) {
        (h.id, h.name, h.stamp) = (n.id, n.text, n.stamp);
        round_trip(&h, &n.extra)?;
    }

    #[test]
    fn households_round_trip(mut h in strategies::household(), n in noise()) {
        (h.id, h.hamlet, h.notes, h.stamp, h.living_since) = (n.id, !n.id, n.text, n.stamp, Some(n.date));
        round_trip(&h, &n.extra)?;
    }

    #[test]
    fn commitments_round_trip(mut c in strategies::commitment(), n in noise()) {
        (c.id, c.household, c.reason, c.stamp, c.date) = (n.id, !n.id, n.text, n.stamp, n.date);
        round_trip(&c, &n.extra)?;
    }

    #[test]
    fn teams_round_trip(mut t in strategies::team(), n in noise()) {
        (t.id, t.hamlet, t.notes, t.stamp, t.established) = (n.id, Some(!n.id), n.text, n.stamp, Some(n.date));
        round_trip(&t, &n.extra)?;
    }

    #[test]
    fn members_round_trip(mut m in strategies::member(), n in noise()) {
        (m.id, m.team, m.full_name, m.stamp, m.joined) = (n.id, !n.id, n.text, n.stamp, n.date);
        round_trip(&m, &n.extra)?;
    }

    #[test]
    fn cases_round_trip(mut c in strategies::case(), n in noise(), seq in any::<u32>()) {
        (c.id, c.seq, c.content, c.stamp, c.received) = (n.id, seq, n.text, n.stamp, n.date);
        c.mediators.push(!n.id);
        round_trip(&c, &n.extra)?;
    }

    #[test]
    fn communes_and_audit_entries_round_trip(n in noise(), name in any::<String>(), before in any::<Option<Vec<u8>>>()) {
        let mut commune = Commune::new(&name, &n.text);
        commune.catalog.push(CatalogItem { id: n.id as u16, text: n.text.clone(), active: n.id % 2 == 0 });
        commune.stamp = n.stamp;
        let bytes = codec::encode(1, &commune).expect("encodes");
        prop_assert_eq!(codec::decode_current::<Commune>(&bytes, 1).expect("decodes"), commune);
        let entry = AuditEntry {
            id: n.id,
            at: n.stamp.created_at,
            operator: name,
            entity: EntityKind::Case,
            entity_id: !n.id,
            action: AuditAction::Restore,
            summary: n.text,
            group: n.id / 2,
            before,
        };
        let bytes = codec::encode(1, &entry).expect("encodes");
        prop_assert_eq!(codec::decode_current::<AuditEntry>(&bytes, 1).expect("decodes"), entry);
    }
}

/// Decodes `bytes` as every stored type; only the absence of a panic matters.
fn decode_everything(bytes: &[u8]) {
    let _ = Hamlet::decode(bytes);
    let _ = Household::decode(bytes);
    let _ = Commitment::decode(bytes);
    let _ = Team::decode(bytes);
    let _ = Member::decode(bytes);
    let _ = MediationCase::decode(bytes);
    let _ = codec::decode_current::<Commune>(bytes, 1);
    let _ = codec::decode_current::<AuditEntry>(bytes, 1);
}

proptest! {
    #![proptest_config(super::config(1_000))]

    #[test]
    fn random_bytes_never_panic(mut bytes in proptest::collection::vec(any::<u8>(), 0..512), v1 in any::<bool>()) {
        // Half the time get past the version byte, into the payload decoder.
        if let (true, Some(first)) = (v1, bytes.first_mut()) {
            *first = 1;
        }
        decode_everything(&bytes);
    }

    #[test]
    fn damaged_records_never_panic(c in strategies::case(), at in any::<prop::sample::Index>(), flip in 1..=255u8) {
        let mut bytes = c.encode().expect("encodes");
        let i = at.index(bytes.len());
        bytes[i] ^= flip;
        decode_everything(&bytes);
    }
}
