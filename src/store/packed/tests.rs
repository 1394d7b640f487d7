//! The packed layout against a plain ordered map: whatever is written,
//! through any path (direct, in a transaction, a bulk load, the migration's
//! fold), every read of the logical map answers as the map would.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

/// A key of the shape the tree's layout buckets: `offset` bytes, then the
/// `u64`, then a tail of `tail` bytes (an index's year, a record's nothing).
fn key(offset_bytes: &[u8], id: u64, tail: &[u8]) -> Vec<u8> {
    let mut k = offset_bytes.to_vec();
    k.extend_from_slice(&id.to_be_bytes());
    k.extend_from_slice(tail);
    k
}

#[derive(Clone, Debug)]
enum Op {
    Insert(Vec<u8>, Vec<u8>),
    Remove(Vec<u8>),
}

/// Keys for `IxCaseStatus` (offset 1, bits 8): a status byte, a case id.
fn ops() -> impl Strategy<Value = Vec<Op>> {
    let k = (0u8..3, 0u64..2_000).prop_map(|(s, id)| key(&[s], id, &[]));
    let op = prop_oneof![
        3 => (k.clone(), proptest::collection::vec(any::<u8>(), 0..12)).prop_map(|(k, v)| Op::Insert(k, v)),
        1 => k.prop_map(Op::Remove),
    ];
    proptest::collection::vec(op, 0..200)
}

fn temp_table(t: T) -> (sled::Db, Table) {
    let db = sled::Config::new().temporary(true).open().unwrap();
    let tree = db.open_tree(t.name()).unwrap();
    (db, Table::new(t, tree))
}

fn reads_as(table: &Table, model: &BTreeMap<Vec<u8>, Vec<u8>>, probes: &[Vec<u8>]) {
    let all: Vec<(Vec<u8>, Vec<u8>)> =
        table.iter().map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())).unwrap()).collect();
    let want: Vec<(Vec<u8>, Vec<u8>)> = model.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    assert_eq!(all, want);
    assert_eq!(table.len(), model.len());
    let mut sorted = probes.to_vec();
    sorted.sort();
    for keys in [probes, sorted.as_slice()] {
        let each: Vec<Option<Vec<u8>>> =
            table.get_each(keys).unwrap().into_iter().map(|v| v.map(|v| v.to_vec())).collect();
        assert_eq!(each, keys.iter().map(|k| model.get(k).cloned()).collect::<Vec<_>>(), "get_each");
    }
    for p in probes {
        assert_eq!(table.get(p).unwrap().map(|v| v.to_vec()), model.get(p).cloned(), "get {p:?}");
        let from: Vec<Vec<u8>> = table.range_from(p).map(|kv| kv.unwrap().0.to_vec()).collect();
        let want: Vec<Vec<u8>> = model.range(p.clone()..).map(|(k, _)| k.clone()).collect();
        assert_eq!(from, want, "range from {p:?}");
        for cut in [1, 2, 5, 9] {
            let prefix = &p[..cut.min(p.len())];
            let got: Vec<Vec<u8>> = table.scan_prefix(prefix).map(|kv| kv.unwrap().0.to_vec()).collect();
            let want: Vec<Vec<u8>> = model.keys().filter(|k| k.starts_with(prefix)).cloned().collect();
            assert_eq!(got, want, "prefix {prefix:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn direct_and_transactional_writes_read_as_a_map(ops in ops(), in_tx in any::<bool>()) {
        let (_db, table) = temp_table(T::IxCaseStatus);
        let mut model = BTreeMap::new();
        let mut probes = Vec::new();
        for op in &ops {
            match op {
                Op::Insert(k, v) => { model.insert(k.clone(), v.clone()); probes.push(k.clone()); }
                Op::Remove(k) => { model.remove(k); probes.push(k.clone()); }
            }
        }
        if in_tx {
            table.tree.transaction(|tx| {
                let tx = TxTable::new(T::IxCaseStatus, tx);
                for op in &ops {
                    match op {
                        Op::Insert(k, v) => tx.insert(k, v)?,
                        Op::Remove(k) => tx.remove(k)?,
                    }
                }
                Ok::<_, ConflictableTransactionError<StoreError>>(())
            }).unwrap();
        } else {
            for op in &ops {
                match op {
                    Op::Insert(k, v) => table.insert(k, v).unwrap(),
                    Op::Remove(k) => table.remove(k).unwrap(),
                }
            }
        }
        reads_as(&table, &model, &probes);
    }

    #[test]
    fn the_fold_of_an_old_layout_keeps_every_entry_and_can_be_run_again(
        ids in proptest::collection::btree_set(0u64..5_000, 0..300),
        already in any::<bool>(),
    ) {
        // Records of the old layout: a big-endian id, one key each.
        let (_db, table) = temp_table(T::Commitments);
        let model: BTreeMap<Vec<u8>, Vec<u8>> =
            ids.iter().map(|id| (id.to_be_bytes().to_vec(), format!("record {id}").into_bytes())).collect();
        for (i, (k, v)) in model.iter().enumerate() {
            // Some entries already in their buckets: a fold cut short.
            if already && i % 3 == 0 { table.insert(k, v).unwrap() } else { table.tree.insert(k, v.as_slice()).unwrap(); }
        }
        let moved = table.fold_old_entries().unwrap();
        prop_assert_eq!(moved, if already { model.len() - model.len().div_ceil(3) } else { model.len() });
        prop_assert_eq!(table.fold_old_entries().unwrap(), 0);
        let probes: Vec<Vec<u8>> = model.keys().take(20).cloned().collect();
        reads_as(&table, &model, &probes);
        // 32 ids to a bucket.
        let buckets: std::collections::BTreeSet<u64> = ids.iter().map(|id| id >> 5).collect();
        prop_assert_eq!(table.tree.len(), buckets.len());
    }

    #[test]
    fn a_bulk_load_merges_with_what_the_buckets_hold(
        first in proptest::collection::btree_map(0u64..3_000, any::<u16>(), 0..200),
        second in proptest::collection::btree_map(0u64..3_000, any::<u16>(), 0..200),
    ) {
        // `ix_commitment_household`: household, then year.
        let (_db, table) = temp_table(T::IxCommitmentHousehold);
        let mut model = BTreeMap::new();
        for load in [&first, &second] {
            let mut edits = Edits::default();
            for (household, year) in load {
                let k = key(&[], *household, &year.to_be_bytes());
                edits.insert(&k, household.to_be_bytes());
                model.insert(k, household.to_be_bytes().to_vec());
            }
            table.apply(edits).unwrap();
        }
        let probes: Vec<Vec<u8>> = model.keys().step_by(7).cloned().collect();
        reads_as(&table, &model, &probes);
    }
}

#[test]
fn bucket_keys_are_one_byte_longer_than_every_logical_key_of_their_tree() {
    // How the fold tells an entry of the old layout from a bucket.
    let logical = |t: T| match t {
        T::Households | T::Commitments | T::Cases => 8,
        T::Search | T::IxCaseStatus => 9,
        T::IxCommitmentHousehold => 10,
        _ => 16,
    };
    for t in T::ALL.into_iter().filter(|t| matches!(t.layout(), Some(Layout::Ordered { .. }))) {
        let Some(Layout::Ordered { offset, .. }) = t.layout() else { unreachable!() };
        assert_eq!(t.layout().unwrap().bucket_len(), offset + 9, "{t:?}");
        assert_ne!(t.layout().unwrap().bucket_len(), logical(t), "{t:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// `ix_household_code`: folded codes (text, some of exactly nine
    /// bytes, the length of a bucket key), kept by hash.
    #[test]
    fn a_hashed_tree_reads_as_a_map_by_key_and_whole_and_folds_from_text_keys(
        codes in proptest::collection::btree_map("[A-Z0-9-]{1,12}", any::<u64>(), 0..300),
        gone in proptest::collection::vec(any::<proptest::sample::Index>(), 0..40),
    ) {
        let (_db, table) = temp_table(T::IxHouseholdCode);
        let mut model: BTreeMap<Vec<u8>, Vec<u8>> =
            codes.iter().map(|(c, id)| (c.as_bytes().to_vec(), id.to_be_bytes().to_vec())).collect();
        for (k, v) in &model {
            table.tree.insert(k.as_slice(), v.as_slice()).unwrap();
        }
        prop_assert_eq!(table.fold_old_entries().unwrap(), model.len());
        prop_assert_eq!(table.fold_old_entries().unwrap(), 0);
        let keys: Vec<Vec<u8>> = model.keys().cloned().collect();
        for i in gone.iter().filter(|_| !keys.is_empty()) {
            let k = &keys[i.index(keys.len())];
            table.remove(k).unwrap();
            model.remove(k);
        }
        let mut all: Vec<(Vec<u8>, Vec<u8>)> =
            table.iter().map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())).unwrap()).collect();
        all.sort();
        prop_assert_eq!(all, model.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>());
        prop_assert_eq!(table.len(), model.len());
        for k in &keys {
            prop_assert_eq!(table.get(k).unwrap().map(|v| v.to_vec()), model.get(k).cloned());
        }
        prop_assert!(table.tree.len() <= 4096);
    }
}

#[test]
fn a_hashed_tree_refuses_a_walk_in_key_order() {
    let (_db, table) = temp_table(T::IxHouseholdCode);
    table.insert(b"T01-0001", 1u64.to_be_bytes()).unwrap();
    assert!(matches!(table.scan_prefix(b"T01").next(), Some(Err(StoreError::Storage(_)))));
    assert!(matches!(table.range_from(b"T").next(), Some(Err(StoreError::Storage(_)))));
    assert_eq!(table.iter().count(), 1);
}

#[test]
fn the_hash_is_fnv1a_as_published() {
    // Part of the file format: the reference values of FNV-1a 64.
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
}

#[test]
fn a_damaged_bucket_is_reported_naming_its_tree() {
    let (_db, table) = temp_table(T::Households);
    table.insert(7u64.to_be_bytes(), b"x").unwrap();
    let bk = table.layout.unwrap().bucket_of(&7u64.to_be_bytes()).unwrap();
    table.tree.insert(bk, &[1u8, 0, 0, 0, 9][..]).unwrap();
    assert!(matches!(table.get(7u64.to_be_bytes()), Err(StoreError::Corrupt { tree: "households", .. })));
    assert!(matches!(table.iter().next(), Some(Err(StoreError::Corrupt { tree: "households", .. }))));
    // An entry of the old layout left beside the buckets is damage too.
    table.tree.insert(9u64.to_be_bytes(), &b"old"[..]).unwrap();
    table.tree.remove(table.layout.unwrap().bucket_of(&7u64.to_be_bytes()).unwrap()).unwrap();
    assert!(matches!(table.iter().next(), Some(Err(StoreError::Corrupt { tree: "households", .. }))));
}

/// Runs `ops` in one transaction through a [`TxTable`], buffered or not,
/// reading each touched key back at once (it must read as just written);
/// returns the tree's raw (bucket) entries afterwards.
fn in_one_transaction(table: &Table, ops: &[Op], buffered: bool) -> Vec<(Vec<u8>, Vec<u8>)> {
    table
        .tree
        .transaction(|tx| {
            let pending = TxBuckets::default();
            let t = table.t;
            let tx = if buffered { TxTable::buffered(t, tx, &pending) } else { TxTable::new(t, tx) };
            let mut seen: BTreeMap<Vec<u8>, Option<Vec<u8>>> = BTreeMap::new();
            for op in ops {
                let (k, now) = match op {
                    Op::Insert(k, v) => {
                        tx.insert(k, v)?;
                        (k, Some(v.clone()))
                    }
                    Op::Remove(k) => {
                        tx.remove(k)?;
                        (k, None)
                    }
                };
                seen.insert(k.clone(), now);
                for (k, v) in &seen {
                    assert_eq!(tx.get(k)?.map(|v| v.to_vec()), *v, "read back {k:?} inside the transaction");
                }
            }
            pending.write(&|_| Ok(tx))?;
            Ok::<_, ConflictableTransactionError<StoreError>>(())
        })
        .unwrap();
    table.tree.iter().map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())).unwrap()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Buffered writes (each bucket decoded once, written once at the
    /// transaction's end) leave exactly the bytes that writing each entry
    /// at once leaves, over what the tree held before, and read inside the
    /// transaction as written.
    #[test]
    fn buffered_transactional_writes_leave_the_same_buckets(before in ops(), ops in ops()) {
        let (_db1, one_by_one) = temp_table(T::IxCaseStatus);
        let (_db2, buffered) = temp_table(T::IxCaseStatus);
        let mut model = BTreeMap::new();
        for op in before.iter().chain(&ops) {
            match op {
                Op::Insert(k, v) => { model.insert(k.clone(), v.clone()); }
                Op::Remove(k) => { model.remove(k); }
            }
        }
        for table in [&one_by_one, &buffered] {
            for op in &before {
                match op {
                    Op::Insert(k, v) => table.insert(k, v).unwrap(),
                    Op::Remove(k) => table.remove(k).unwrap(),
                }
            }
        }
        let want = in_one_transaction(&one_by_one, &ops, false);
        let got = in_one_transaction(&buffered, &ops, true);
        prop_assert_eq!(got, want);
        let probes: Vec<Vec<u8>> = ops.iter().map(|op| match op { Op::Insert(k, _) | Op::Remove(k) => k.clone() }).collect();
        reads_as(&buffered, &model, &probes);
    }

    /// The same for a hashed tree (household codes), whose neighbouring
    /// keys lie in buckets far apart.
    #[test]
    fn buffered_writes_to_a_hashed_tree_leave_the_same_buckets(
        codes in proptest::collection::vec(("[A-C0-9]{1,3}", any::<u16>(), any::<bool>()), 0..150),
    ) {
        let ops: Vec<Op> = codes
            .iter()
            .map(|(c, v, keep)| if *keep { Op::Insert(c.clone().into_bytes(), v.to_be_bytes().to_vec()) } else { Op::Remove(c.clone().into_bytes()) })
            .collect();
        let (_db1, one_by_one) = temp_table(T::IxHouseholdCode);
        let (_db2, buffered) = temp_table(T::IxHouseholdCode);
        let want = in_one_transaction(&one_by_one, &ops, false);
        let got = in_one_transaction(&buffered, &ops, true);
        prop_assert_eq!(got, want);
    }
}

/// Where an entry's bucket is, part of the file format (schema 5): a
/// change here strands every ledger written before it.
#[test]
fn bucket_keys_have_these_bytes() {
    let households = T::Households.layout().unwrap();
    assert_eq!(households.bucket_of(&100u64.to_be_bytes()), Some(vec![0, 0, 0, 0, 0, 0, 0, 3, 5]));
    let search = T::Search.layout().unwrap();
    assert_eq!(search.bucket_of(&key(&[2], 100, &[])), Some(vec![2, 0, 0, 0, 0, 0, 0, 0, 3, 5]));
    let by_hamlet = T::IxHouseholdHamlet.layout().unwrap();
    assert_eq!(
        by_hamlet.bucket_of(&key(&7u64.to_be_bytes(), 1000, &[])),
        Some(vec![0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 3, 8])
    );
    let codes = T::IxHouseholdCode.layout().unwrap();
    let hashed = codes.bucket_of(b"T01-0001").unwrap();
    assert_eq!(hashed, [(fnv1a(b"T01-0001") >> 52).to_be_bytes().as_slice(), &[0xFF]].concat());
    assert_eq!(T::Cases.layout(), Some(Layout::Ordered { offset: 0, bits: 4 }));
}
