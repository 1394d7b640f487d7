//! The commune's database on sled.
//!
//! One tree per record type keyed by big-endian id, index trees kept in the
//! same transaction as their record, a versioned envelope per value (see
//! `codec`), an append-only audit log, and a flush before any change is
//! reported done. Screens and commands only ever see domain values.
//!
//! Its submodules in layers, lowest first; each imports only from layers
//! below its own (`tests/layers` holds the code to this list; this file's
//! own items, `Store` first, are the handle every layer works on):
//!
//! - `error`, `tables`, `codec`, `folder`: typed errors, the trees and their
//!   keys, the versioned envelope, the folder's layout.
//! - `record`, `open`, `counts`, `packed`: how each record kind is stored
//!   and indexed (and `by_kind!`, the one dispatch from a kind to its record
//!   type); opening a folder; the read and transaction counts; the trees
//!   kept many entries to a value.
//! - `briefs`, `swap`, `search`: the packed briefs, putting a whole store in
//!   place, the search index.
//! - `write`: every change, in one transaction with its indexes, briefs and
//!   audit entry.
//! - `query`, `drafts`: reads; the interface's unsaved forms.
//! - `check`, `bulk`, `purge`, `operators`: `soxa check`; imports and their
//!   undo; purges; operators, signing in, the access log, privacy settings.
//! - `closing`, `backup`, `audit`, `requests`, `retention`: closed periods;
//!   backups and restores; the audit log read as typed changes, and undo of
//!   a change group; the data subjects' register; erasing what is past its
//!   retention.
//! - `compact`: the ledger rewritten into a fresh store through a backup
//!   stream and swapped in (`soxa compact`).

mod audit;
pub mod backup;
mod briefs;
mod bulk;
mod check;
mod closing;
pub mod codec;
pub mod compact;
mod counts;
pub mod drafts;
mod error;
pub mod folder;
mod open;
pub mod operators;
pub(crate) mod packed;
mod purge;
mod query;
pub mod record;
mod requests;
mod retention;
mod search;
pub mod swap;
pub mod tables;
mod write;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use chrono::{Local, NaiveDate, NaiveDateTime, SubsecRound};

pub use audit::{Logged, Since};
pub use briefs::{AllBriefs, BUCKET_BITS};
pub use bulk::{Bulk, CHUNK};
pub use check::Mismatch;
pub use counts::Counts;
pub use error::{ClosingError, OpenError, StoreError, plain_detail};
pub use folder::{BACKUP_DIR, is_ledger_folder};
pub use open::SCHEMA_VERSION;
pub use purge::{PurgePreview, PurgeTarget};
pub use record::{COMMUNE_VERSION, Record, by_kind, decode_commune};
pub use retention::ExpiredRecord;
pub use search::{Hit, SearchIndex};
use tables::T;
pub use write::Prepare;

/// sled's own default cache is 1 GiB; a commune PC has 2-4 GiB in all.
pub const DEFAULT_CACHE_BYTES: u64 = 16 * 1024 * 1024;

/// How often sled persists its id counter (its default, set explicitly
/// because a restore must leave the counter on a multiple of it: sled
/// asserts that the persisted counter is one).
pub(crate) const IDGEN_PERSIST_INTERVAL: u64 = 1_000_000;

const META_SCHEMA: &[u8] = b"schema_version";
const META_DEMO: &[u8] = b"demo";

#[derive(Clone, Debug)]
pub struct OpenOptions {
    /// Create the database if the folder holds none.
    pub create: bool,
    pub cache_bytes: u64,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { create: true, cache_bytes: DEFAULT_CACHE_BYTES }
    }
}

/// Where "now" comes from: the system clock, or a fixed time for tests and
/// reproducible demos.
#[derive(Clone, Copy, Debug)]
pub enum Clock {
    System,
    Fixed(NaiveDateTime),
}

impl Clock {
    pub fn now(self) -> NaiveDateTime {
        match self {
            Clock::System => Local::now().naive_local(),
            Clock::Fixed(t) => t,
        }
    }
}

/// A database folder's lock, held without the database open.
pub struct FolderLock {
    _file: File,
}

impl FolderLock {
    /// Takes the lock of `dir` (created if missing, owner-only), then
    /// finishes or rolls back a swap a crash cut short.
    pub fn take(dir: &Path) -> Result<(FolderLock, Option<swap::Recovered>), OpenError> {
        open::ensure_dir(dir)?;
        let lock = FolderLock { _file: open::take_lock(dir)? };
        let recovered = swap::recover(dir)?;
        Ok((lock, recovered))
    }
}

pub struct Store {
    db: sled::Db,
    trees: Vec<sled::Tree>,
    /// The same trees as their entries mean them (`packed`), by `T`.
    tables: Vec<packed::Table>,
    dir: PathBuf,
    clock: Clock,
    operator: String,
    /// Built on first search, then kept in step with every write.
    /// Shared with the thread that builds it ahead of the first search.
    search: Arc<Mutex<Option<SearchIndex>>>,
    /// Set while a thread builds the index: searches do not wait for it.
    search_warming: Arc<std::sync::atomic::AtomicBool>,
    /// Writes are serialized so index keys computed before a transaction
    /// still hold inside it; a backup holds it too, so no write lands half
    /// in the copy (shared with a backup running on another thread).
    write_lock: Arc<Mutex<()>>,
    /// Audit group of the latest change made through this store (for undo).
    last_group: Mutex<Option<crate::domain::Id>>,
    /// What this store has read and written (`Store::counts`).
    counters: counts::Counters,
    /// The closed periods, read at open and after each close or reopen, so
    /// checking a write against them reads nothing from disk.
    closed: RwLock<Vec<crate::domain::closing::ClosedPeriod>>,
    /// A swap a crash had cut short, finished or rolled back by this opening.
    recovered: Option<swap::Recovered>,
    /// Held for as long as the store is open; dropped last.
    _lock: File,
}

impl Store {
    /// Opens (or creates) the database in folder `dir`. A swap of stores
    /// cut short by a crash (see `swap`) is finished or rolled back first
    /// ([`Store::recovered`] says which); without `opts.create` nothing is
    /// created in a folder that holds no database.
    pub fn open(dir: &Path, opts: &OpenOptions) -> Result<Store, OpenError> {
        let Claimed { lock, format, recovered } = claim(dir, opts)?;
        let (db, trees) = open::quietly(|| {
            let config = sled::Config::new()
                .path(folder::store_dir(dir))
                .cache_capacity(opts.cache_bytes)
                .idgen_persist_interval(IDGEN_PERSIST_INTERVAL);
            let db = open::when_released(|| config.open())?;
            let trees = T::ALL.iter().map(|t| db.open_tree(t.name())).collect::<Result<Vec<_>, _>>()?;
            Ok((db, trees))
        })
        .map_err(|e| open::sled_open_error(dir, e))?;
        let tables = T::ALL.iter().zip(&trees).map(|(t, tree)| packed::Table::new(*t, tree.clone())).collect();
        let store = Store {
            db,
            trees,
            tables,
            dir: dir.to_path_buf(),
            clock: Clock::System,
            operator: String::new(),
            search: Arc::new(Mutex::new(None)),
            search_warming: Arc::default(),
            write_lock: Arc::new(Mutex::new(())),
            last_group: Mutex::new(None),
            counters: counts::Counters::default(),
            closed: RwLock::new(Vec::new()),
            recovered,
            _lock: lock,
        };
        open::quietly(|| Ok(store.settle_schema(format))).map_err(|e| open::sled_open_error(dir, e))??;
        // A bulk change (an import) cut short by a crash is undone before
        // anything reads the ledger: it lands whole or not at all.
        store.recover_bulk().map_err(|e| open::damaged(dir, e.to_string()))?;
        let closed = store.read_closed().map_err(|e| open::damaged(dir, e.to_string()))?;
        store.set_closed(closed);
        let has_operators = store.has_operators().map_err(|e| open::damaged(dir, e.to_string()))?;
        folder::mark_sign_in(dir, has_operators).map_err(|e| open::not_writable(dir, &e))?;
        // The store a compaction replaced goes once its successor opened.
        swap::remove_compacted(dir);
        Ok(store)
    }

    /// What this opening did about a swap (restore, demo) a crash cut short.
    pub fn recovered(&self) -> Option<&swap::Recovered> {
        self.recovered.as_ref()
    }

    /// Closes the database but keeps holding its folder's lock (to put a
    /// new store in its place, as a new demo does).
    pub fn into_lock(self) -> FolderLock {
        let Store { db, trees, tables, _lock: lock, .. } = self;
        drop(tables);
        drop(trees);
        drop(db);
        FolderLock { _file: lock }
    }

    /// Writes the schema of a new database, or checks an existing one.
    fn settle_schema(&self, format: Option<u32>) -> Result<(), OpenError> {
        let damaged = |detail: String| open::damaged(&self.dir, detail);
        let meta = self.table(T::Meta);
        let stored = meta.get(META_SCHEMA).map_err(|e| damaged(e.to_string()))?;
        match (stored, format) {
            (None, None) => {
                meta.insert(META_SCHEMA, SCHEMA_VERSION.to_be_bytes()).map_err(|e| damaged(e.to_string()))?;
                self.db.flush().map_err(|e| damaged(e.to_string()))?;
                folder::sync_new_store(&folder::store_dir(&self.dir)).map_err(|e| damaged(e.to_string()))?;
                open::write_format(&self.dir, SCHEMA_VERSION)
            }
            (None, Some(_)) => Err(damaged("the schema version is missing".into())),
            (Some(bytes), _) => {
                let found = <[u8; 4]>::try_from(bytes.as_ref())
                    .map(u32::from_be_bytes)
                    .map_err(|_| damaged("the schema version is unreadable".into()))?;
                if found > SCHEMA_VERSION {
                    return Err(OpenError::NewerVersion { path: self.dir.clone(), found, supported: SCHEMA_VERSION });
                }
                if found < SCHEMA_VERSION {
                    self.migrate(found)?;
                } else if format != Some(found) {
                    open::write_format(&self.dir, found)?;
                }
                self.commune().map_err(|e| damaged(e.to_string()))?;
                Ok(())
            }
        }
    }

    /// Brings an older database up to `SCHEMA_VERSION`, after an automatic
    /// backup of it as it was (a migration that cannot be backed up first
    /// does not run).
    fn migrate(&self, from: u32) -> Result<(), OpenError> {
        let not_writable = |detail: String| OpenError::NotWritable { path: self.dir.clone(), detail };
        self.auto_backup(backup::Reason::BeforeMigration).map_err(|e| not_writable(e.to_string()))?;
        let damaged = |detail: String| open::damaged(&self.dir, detail);
        // Schema 5 packs the biggest trees (`packed`); first, so the steps
        // below read and write through the new layout.
        if from < 5 {
            for t in T::ALL.into_iter().filter(|t| t.layout().is_some()) {
                self.table(t).fold_old_entries().map_err(|e| damaged(e.to_string()))?;
            }
        }
        // Schema 2 added the `briefs` tree, built here from the records,
        // which made the year index of commitments redundant.
        if from < 2 {
            self.rebuild_briefs().map_err(|e| damaged(e.to_string()))?;
            for name in T::RETIRED {
                self.db.drop_tree(name).map_err(|e| damaged(e.to_string()))?;
            }
        }
        // Schema 3 added the trees of models, area assessments and outreach
        // sessions (created empty by opening) and the commune's record
        // version 2 (the plan, the catalogs of model kinds and criteria),
        // written here so every value is in this build's shape.
        if from < 3 {
            self.upgrade_commune().map_err(|e| damaged(e.to_string()))?;
            self.index_search::<crate::domain::Model>().map_err(|e| damaged(e.to_string()))?;
            self.index_search::<crate::domain::Outreach>().map_err(|e| damaged(e.to_string()))?;
        }
        // Schema 4 added the operators and access-log trees, created empty
        // by opening: a ledger without operators is kept as before.
        self.table(T::Meta).insert(META_SCHEMA, SCHEMA_VERSION.to_be_bytes()).map_err(|e| damaged(e.to_string()))?;
        self.flush().map_err(|e| damaged(e.to_string()))?;
        open::write_format(&self.dir, SCHEMA_VERSION)
    }

    /// Rewrites an older commune value at `COMMUNE_VERSION` (its defaults
    /// filled in by `decode_commune`), with no audit entry: the value reads
    /// the same before and after.
    fn upgrade_commune(&self) -> Result<(), StoreError> {
        let tree = self.table(T::Commune);
        let Some(bytes) = tree.get(write::COMMUNE_KEY)? else { return Ok(()) };
        if codec::open_envelope(&bytes).map(|(v, _)| v) == Ok(COMMUNE_VERSION) {
            return Ok(());
        }
        let commune = decode_commune(&bytes).map_err(write::corrupt(T::Commune))?;
        let again = codec::encode(COMMUNE_VERSION, &commune).map_err(write::corrupt(T::Commune))?;
        tree.insert(write::COMMUNE_KEY, again)?;
        Ok(())
    }

    /// Writes the search text of every record of `R` (a kind the lookup
    /// began to find: models and outreach sessions since schema 3).
    fn index_search<R: Record>(&self) -> Result<(), StoreError> {
        let search = self.table(T::Search);
        for rec in self.all::<R>()? {
            if let Some(text) = rec.search_text() {
                search.insert(record::search_key(R::KIND, rec.id()), text.as_bytes())?;
            }
        }
        Ok(())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Whole seconds: stamps are stored as seconds, so a record returned by a
    /// write must carry no more precision than the same record read back.
    pub fn now(&self) -> NaiveDateTime {
        self.clock.now().trunc_subsecs(0)
    }

    pub fn today(&self) -> NaiveDate {
        self.now().date()
    }

    /// The name written into audit entries.
    pub fn set_operator(&mut self, name: &str) {
        self.operator = crate::domain::text::clean_line(name);
    }

    pub fn operator(&self) -> &str {
        &self.operator
    }

    /// The sled tree underneath `t`, as stored: for what copies or
    /// compares trees whole (backups, compaction, the migration) and for
    /// trees never packed that need sled's own calls (reverse walks).
    fn raw(&self, t: T) -> &sled::Tree {
        // `trees` is built from `T::ALL` in order, so the index always exists.
        &self.trees[t as usize]
    }

    /// Tree `t` as its entries mean it, packed or not (`packed`).
    fn table(&self, t: T) -> &packed::Table {
        &self.tables[t as usize]
    }

    /// Makes every change so far durable on disk: sled's flush, then a sync
    /// of its log file (see `folder::sync_log`: sled's flush alone does not
    /// ask the disk to flush its cache on Linux).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        folder::sync_log(&folder::store_dir(&self.dir)).map_err(|e| StoreError::Storage(e.to_string()))
    }

    /// True for databases made by `soxa demo`.
    pub fn is_demo(&self) -> Result<bool, StoreError> {
        Ok(self.table(T::Meta).get(META_DEMO)?.is_some())
    }

    pub fn mark_demo(&self) -> Result<(), StoreError> {
        self.table(T::Meta).insert(META_DEMO, [1u8])?;
        self.flush()
    }

    /// Bytes used on disk by sled's files.
    pub fn size_on_disk(&self) -> Result<u64, StoreError> {
        Ok(self.db.size_on_disk()?)
    }
}

/// What [`claim`] found: the folder's lock, its marker's schema, and what
/// it did about an interrupted swap.
struct Claimed {
    lock: File,
    format: Option<u32>,
    recovered: Option<swap::Recovered>,
}

/// Everything `Store::open` does before sled is touched: refuses what is
/// not (or not yet, or no longer) a ledger without writing anything, takes
/// the lock, finishes an interrupted swap and removes what a crash left
/// half-written (staging folders, backup temporaries, sled snapshots).
fn claim(dir: &Path, opts: &OpenOptions) -> Result<Claimed, OpenError> {
    if dir.exists() && !dir.is_dir() {
        return Err(OpenError::NotAFolder { path: dir.to_path_buf() });
    }
    if !dir.exists() && !opts.create {
        return Err(OpenError::Missing { path: dir.to_path_buf() });
    }
    open::ensure_dir(dir)?;
    // An interrupted swap is repaired under the lock before anything else
    // is read: the marker may be in the folder kept aside.
    let (mut lock, recovered) = if swap::pending(dir) {
        let lock = open::take_lock(dir)?;
        (Some(lock), swap::recover(dir)?)
    } else {
        (None, None)
    };
    let format = open::read_format(dir)?;
    if format.is_none() && folder::has_foreign_files(dir) {
        return Err(OpenError::NotADatabase { path: dir.to_path_buf() });
    }
    if format.is_none() && !opts.create {
        return Err(OpenError::Missing { path: dir.to_path_buf() });
    }
    // Before the lock: taking it creates `soxa.lock`, and a newer database
    // must be left exactly as it was found.
    if let Some(found) = format.filter(|v| *v > SCHEMA_VERSION) {
        return Err(OpenError::NewerVersion { path: dir.to_path_buf(), found, supported: SCHEMA_VERSION });
    }
    // No ledger here, but the one a restore replaced is kept aside: a
    // restore cut short before swaps were journaled. Say where it is
    // rather than start an empty ledger over it.
    let kept = (format.is_none() && opts.create && !folder::store_dir(dir).exists())
        .then(|| swap::kept_aside_ledger(dir))
        .flatten();
    if let Some(kept) = kept {
        let detail = format!("there is no ledger, but the one a restore replaced is kept in {}", kept.display());
        return Err(open::damaged(dir, detail));
    }
    // A marker without its store is damage, told before anything is
    // written (sled would quietly make an empty store: a new-looking ledger).
    if format.is_some() && !folder::store_dir(dir).is_dir() {
        return Err(open::damaged(dir, "the store folder is missing".into()));
    }
    let lock = match lock.take() {
        Some(lock) => lock,
        None => open::take_lock(dir)?,
    };
    // Builds and copies cut short by a crash: nobody else writes them
    // while we hold the lock.
    swap::recover(dir)?;
    backup::auto::remove_stale_temps(&backup::auto::backups_dir(dir));
    open::remove_half_snapshots(&folder::store_dir(dir)).map_err(|e| open::not_writable(dir, &e))?;
    Ok(Claimed { lock, format, recovered })
}
