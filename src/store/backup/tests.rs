//! The file format on its own: what is written reads back, and every kind of
//! damage (cut short, a flipped bit, a lying length, random bytes) is an
//! error, never a panic or an unbounded allocation.

use proptest::prelude::*;

use super::decode::{Contents, ReadError, read};
use super::encode::Encoder;
use super::format::{FORMAT_VERSION, Header, MAGIC, MAX_KEY, MAX_VALUE};
use crate::store::SCHEMA_VERSION;

type Entries = Vec<(Vec<u8>, Vec<u8>)>;
type Trees = Vec<(String, Entries)>;

fn header() -> Header {
    Header { format: FORMAT_VERSION, schema: SCHEMA_VERSION, created_at: 1_795_424_400, next_id: 1234 }
}

fn encode(header: &Header, trees: &[(String, Entries)]) -> Vec<u8> {
    let mut enc = Encoder::new(Vec::new(), header).unwrap();
    for (name, entries) in trees {
        enc.tree(name).unwrap();
        for (k, v) in entries {
            enc.entry(k, v).unwrap();
        }
        enc.end_tree().unwrap();
    }
    enc.finish().unwrap()
}

fn decode(bytes: &[u8]) -> Result<(Contents, Trees), ReadError> {
    let mut trees: Trees = Vec::new();
    let contents = read(bytes, |name, k, v| {
        if trees.last().is_none_or(|(n, _)| n != name) {
            trees.push((name.to_string(), Vec::new()));
        }
        if let Some((_, entries)) = trees.last_mut() {
            entries.push((k.to_vec(), v.to_vec()));
        }
        Ok::<(), ReadError>(())
    })?;
    Ok((contents, trees))
}

fn sample() -> Trees {
    vec![
        ("meta".into(), vec![(b"schema_version".to_vec(), vec![0, 0, 0, 1])]),
        ("empty".into(), vec![]),
        (
            "households".into(),
            (1u64..=40)
                .map(|i| (i.to_be_bytes().to_vec(), "Nguyễn Văn Ân, thôn Đông".repeat(i as usize).into()))
                .collect(),
        ),
        ("ix_household_code".into(), vec![(Vec::new(), vec![7]), (b"H001".to_vec(), Vec::new())]),
    ]
}

#[test]
fn what_is_written_reads_back() {
    let bytes = encode(&header(), &sample());
    let (contents, trees) = decode(&bytes).unwrap();
    assert_eq!(contents.header, header());
    assert_eq!(contents.entries, 43);
    let counts: Vec<(String, u64)> = sample().iter().map(|(n, e)| (n.clone(), e.len() as u64)).collect();
    assert_eq!(contents.trees, counts);
    // The empty tree produced no entries, so the visitor never saw it.
    let expected: Trees = sample().into_iter().filter(|(_, e)| !e.is_empty()).collect();
    assert_eq!(trees, expected);
}

#[test]
fn the_layout_starts_as_documented() {
    let bytes = encode(&header(), &[]);
    assert_eq!(&bytes[..8], &MAGIC);
    assert_eq!(&bytes[8..10], &FORMAT_VERSION.to_be_bytes());
    assert_eq!(&bytes[10..14], &SCHEMA_VERSION.to_be_bytes());
    // header (8 + 2 + 4 + 8 + 8 + crc 4) + trailer ('E' + 4 + 8 + crc 4)
    assert_eq!(bytes.len(), 34 + 17);
    assert_eq!(bytes[34], b'E');
}

#[test]
fn every_cut_is_refused() {
    let bytes = encode(&header(), &sample());
    for len in 0..bytes.len() {
        let result = decode(&bytes[..len]);
        assert!(result.is_err(), "cut at {len} of {} was accepted", bytes.len());
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(decode(&longer).err(), Some(ReadError::Damaged("there are bytes after the end".into())));
}

#[test]
fn every_flipped_bit_is_refused() {
    let bytes = encode(&header(), &sample()[..2]);
    for i in 0..bytes.len() {
        for bit in 0..8 {
            let mut damaged = bytes.clone();
            damaged[i] ^= 1 << bit;
            assert!(decode(&damaged).is_err(), "bit {bit} of byte {i} flipped was accepted");
        }
    }
}

#[test]
fn newer_files_are_refused_by_what_they_are() {
    let newer_schema = Header { schema: SCHEMA_VERSION + 1, ..header() };
    let found = decode(&encode(&newer_schema, &sample())).err();
    assert_eq!(found, Some(ReadError::NewerSchema { found: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION }));
    let newer_format = Header { format: FORMAT_VERSION + 1, ..header() };
    let found = decode(&encode(&newer_format, &sample())).err();
    assert_eq!(found, Some(ReadError::NewerFormat { found: FORMAT_VERSION + 1, supported: FORMAT_VERSION }));
    assert_eq!(decode(b"PK\x03\x04 a spreadsheet").err(), Some(ReadError::NotABackup));
    assert_eq!(decode(b"").err(), Some(ReadError::NotABackup));
}

/// A file whose one section is `section` written raw (checksums right, so
/// only the length and order checks can refuse it).
fn with_raw_section(section: &[u8]) -> Vec<u8> {
    let mut bytes = encode(&header(), &[]);
    bytes.truncate(34);
    let mut crc = crc32fast::Hasher::new();
    crc.update(section);
    bytes.extend_from_slice(section);
    bytes.extend_from_slice(&crc.finalize().to_be_bytes());
    bytes.push(b'E');
    bytes.extend_from_slice(&1u32.to_be_bytes());
    bytes.extend_from_slice(&0u64.to_be_bytes());
    let mut file = crc32fast::Hasher::new();
    file.update(&bytes);
    bytes.extend_from_slice(&file.finalize().to_be_bytes());
    bytes
}

#[test]
fn lengths_beyond_their_bounds_are_refused_before_reading() {
    let mut huge_key = b"T\x04meta".to_vec();
    huge_key.extend_from_slice(&(MAX_KEY + 1).to_be_bytes());
    let err = decode(&with_raw_section(&huge_key)).err().unwrap();
    assert!(matches!(&err, ReadError::Damaged(d) if d.contains("key")), "{err:?}");

    let mut huge_value = b"T\x04meta".to_vec();
    huge_value.extend_from_slice(&1u32.to_be_bytes());
    huge_value.push(b'k');
    huge_value.extend_from_slice(&(MAX_VALUE + 1).to_be_bytes());
    let err = decode(&with_raw_section(&huge_value)).err().unwrap();
    assert!(matches!(&err, ReadError::Damaged(d) if d.contains("value")), "{err:?}");

    // A length within bounds but past the end of the file: cut short, and
    // the reader holds only what was really there.
    let mut lying = b"T\x04meta".to_vec();
    lying.extend_from_slice(&MAX_KEY.to_be_bytes());
    lying.extend_from_slice(b"short");
    assert!(decode(&with_raw_section(&lying)).is_err());
}

#[test]
fn keys_out_of_order_and_bad_names_are_refused() {
    let mut section = b"T\x04meta".to_vec();
    for key in [b"b", b"a"] {
        section.extend_from_slice(&1u32.to_be_bytes());
        section.extend_from_slice(key);
        section.extend_from_slice(&0u32.to_be_bytes());
    }
    section.extend_from_slice(&u32::MAX.to_be_bytes());
    section.extend_from_slice(&2u64.to_be_bytes());
    let err = decode(&with_raw_section(&section)).err().unwrap();
    assert!(matches!(&err, ReadError::Damaged(d) if d.contains("out of order")), "{err:?}");

    let bad_name = b"T\x04me/a\xff\xff\xff\xff\0\0\0\0\0\0\0\0";
    assert!(decode(&with_raw_section(bad_name)).is_err());
    let twice = vec![("meta".to_string(), vec![]), ("meta".to_string(), vec![])];
    assert!(decode(&encode(&header(), &twice)).is_err());
}

#[test]
fn the_encoder_refuses_what_the_reader_would() {
    let mut enc = Encoder::new(Vec::new(), &header()).unwrap();
    assert!(enc.entry(b"k", b"v").is_err(), "entry outside a tree");
    assert!(enc.tree("không hợp lệ").is_err());
    enc.tree("meta").unwrap();
    assert!(enc.entry(&vec![0; MAX_KEY as usize + 1], b"").is_err());
    assert!(enc.tree("other").is_err(), "a tree inside a tree");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        prop_assert!(decode(&bytes).is_err());
        // Also past the magic and version, where the lengths are read.
        let mut framed = encode(&header(), &[])[..34].to_vec();
        framed.extend_from_slice(&bytes);
        prop_assert!(decode(&framed).is_err());
    }

    #[test]
    fn mutated_files_are_refused(
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        truncate in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let original = encode(&header(), &sample());
        let mut bytes = original.clone();
        for (at, value) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if let Some(at) = truncate {
            bytes.truncate(at.index(bytes.len()));
        }
        prop_assume!(bytes != original);
        prop_assert!(decode(&bytes).is_err());
    }
}

#[test]
fn an_older_schema_is_backed_up_before_it_is_migrated() {
    const OLD_SCHEMA: u32 = 1;
    use crate::store::tables::T;
    use crate::store::{OpenOptions, Store, backup::auto};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("db");
    let store = Store::open(&dir, &OpenOptions::default()).unwrap();
    // A database as a schema 1 soxa would have left it: a tree retired
    // since is still there, the briefs are not.
    store.table(T::Meta).insert(crate::store::META_SCHEMA, OLD_SCHEMA.to_be_bytes()).unwrap();
    store.db.open_tree(T::RETIRED[0]).unwrap().insert(b"k", b"v").unwrap();
    store.raw(T::Briefs).clear().unwrap();
    store.flush().unwrap();
    drop(store);
    assert!(auto::list(&dir).is_empty());

    let store = Store::open(&dir, &OpenOptions::default()).unwrap();
    let taken = auto::list(&dir);
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].reason, auto::Reason::BeforeMigration);
    let schema = store.table(T::Meta).get(crate::store::META_SCHEMA).unwrap().unwrap();
    assert_eq!(schema.as_ref(), SCHEMA_VERSION.to_be_bytes(), "migrated");
    let names: Vec<sled::IVec> = store.db.tree_names();
    assert!(!names.iter().any(|n| n.as_ref() == T::RETIRED[0].as_bytes()), "the retired tree is dropped");
    assert_eq!(store.check().unwrap(), Vec::new(), "the briefs are built");
    // The copy holds the database as it was before the migration.
    let mut old_schema = None;
    read(std::io::BufReader::new(std::fs::File::open(&taken[0].path).unwrap()), |tree, k, v| {
        if tree == "meta" && k == crate::store::META_SCHEMA {
            old_schema = Some(v.to_vec());
        }
        Ok::<(), ReadError>(())
    })
    .unwrap();
    assert_eq!(old_schema, Some(OLD_SCHEMA.to_be_bytes().to_vec()));
    let header = super::verify(&taken[0].path).unwrap().header;
    assert_eq!(header.schema, OLD_SCHEMA, "the copy says which schema its records are in");
    drop(store);
    assert_eq!(Store::open(&dir, &OpenOptions::default()).map(|_| ()).err().map(|e| e.to_string()), None);
    assert_eq!(auto::list(&dir).len(), 1, "no second migration, no second copy");
}

#[test]
fn a_schema_2_ledger_gets_its_commune_rewritten_and_its_models_and_sessions_searchable() {
    use crate::domain::{CatalogItem, Commune, Hamlet, HamletKind, Model, Outreach, Settings, Signer, Stamp};
    use crate::store::record::{COMMUNE_VERSION, Record, search_key};
    use crate::store::tables::T;
    use crate::store::write::COMMUNE_KEY;
    use crate::store::{OpenOptions, Store, codec};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("db");
    let store = Store::open(&dir, &OpenOptions::default()).unwrap();
    store.save_commune(Commune::new("Xã Nhất Tiến", "Bình Phước")).unwrap();
    let h = store.insert(Hamlet::new("T01", "Đông", HamletKind::Thon)).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let m = store.insert(Model::new("Camera an ninh thôn Đông", 4, Some(h.id), day)).unwrap();
    let s = store.insert(Outreach::new(day, vec![h.id], "Phòng chống ma túy")).unwrap();
    // As schema 2 left it: no search text for these kinds, and the commune
    // at record version 1.
    store.table(T::Search).remove(search_key(Model::KIND, m.id)).unwrap();
    store.table(T::Search).remove(search_key(Outreach::KIND, s.id)).unwrap();
    #[derive(serde::Serialize)]
    struct V1<'a> {
        name: &'a str,
        province: &'a str,
        approver: Signer,
        preparer: Signer,
        settings: Settings,
        catalog: Vec<CatalogItem>,
        stamp: Stamp,
    }
    let c = store.commune().unwrap().unwrap();
    let v1 = V1 {
        name: &c.name,
        province: &c.province,
        approver: c.approver.clone(),
        preparer: c.preparer.clone(),
        settings: c.settings.clone(),
        catalog: c.catalog.clone(),
        stamp: c.stamp,
    };
    let older = codec::encode(1, &v1).unwrap();
    store.table(T::Commune).insert(COMMUNE_KEY, older.clone()).unwrap();
    store.table(T::Meta).insert(crate::store::META_SCHEMA, 2u32.to_be_bytes()).unwrap();
    store.flush().unwrap();
    assert!(!store.check().unwrap().is_empty(), "the search texts are missing before");
    drop(store);

    let store = Store::open(&dir, &OpenOptions::default()).unwrap();
    assert_eq!(store.check().unwrap(), Vec::new(), "the search texts are written");
    assert_eq!(store.search("ma tuy", 5).unwrap().iter().map(|h| h.id).collect::<Vec<_>>(), vec![s.id]);
    let bytes = store.table(T::Commune).get(COMMUNE_KEY).unwrap().unwrap();
    assert_eq!(codec::open_envelope(&bytes).unwrap().0, COMMUNE_VERSION);
    assert_ne!(older, bytes.to_vec());
    assert_eq!(store.commune().unwrap().unwrap().name, "Xã Nhất Tiến");
}
