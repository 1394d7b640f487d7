//! Backups and restores: a restored demo holds the same bytes in every tree
//! and passes `check`; the real binary writes, refuses and restores as the
//! clerk is told; automatic copies rotate; folders and files are private;
//! damaged databases point to their newest backup, which restores.

mod automatic;
mod damage;
mod locked;
mod privacy;
mod refusals;
mod roundtrip;

use std::collections::BTreeMap;
use std::path::Path;

/// Tree name -> its (key, value) pairs in key order.
pub type Trees = BTreeMap<Vec<u8>, Vec<(Vec<u8>, Vec<u8>)>>;

/// Every entry of every sled tree in the database folder `dir` (closed),
/// read with sled itself rather than through soxa.
pub fn every_tree(dir: &Path) -> Trees {
    let db = open_when_released(dir);
    let mut out = BTreeMap::new();
    for name in db.tree_names() {
        let tree = db.open_tree(&name).expect("open tree");
        let pairs = tree.iter().map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec()))).collect::<Result<_, _>>();
        out.insert(name.to_vec(), pairs.expect("read tree"));
    }
    out
}

/// The highest id used as a key by a record or audit tree.
pub fn highest_id(trees: &Trees) -> u64 {
    use soxa::store::tables::T;
    let keyed_by_id = [T::Hamlets, T::Households, T::Commitments, T::Teams, T::Members, T::Cases, T::Audit];
    keyed_by_id
        .iter()
        .filter_map(|t| trees.get(t.name().as_bytes()))
        .flatten()
        .filter_map(|(k, _)| <[u8; 8]>::try_from(k.as_slice()).ok().map(u64::from_be_bytes))
        .max()
        .unwrap_or(0)
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// sled releases its file lock from its flusher thread a moment after the
/// last handle is dropped: on a busy machine a fresh open can come first.
fn open_when_released(dir: &Path) -> sled::Db {
    let config = sled::Config::new().path(dir.join("store"));
    for _ in 0..100 {
        match config.open() {
            Ok(db) => return db,
            Err(sled::Error::Io(e)) if e.kind() == std::io::ErrorKind::Other => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(e) => panic!("open sled: {e}"),
        }
    }
    config.open().expect("open sled")
}
