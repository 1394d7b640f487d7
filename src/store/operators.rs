//! Operators, signing in, the access log and the privacy settings.
//!
//! - `operators` tree: folded name -> [`Operator`] (its passphrase as an
//!   Argon2id hash; the passphrase itself is never stored or logged).
//! - `access_log` tree: big-endian sequence -> [`AccessEntry`]. Append-only:
//!   this module has no call that changes or removes an entry, and a purge
//!   does not touch it (entries name records by code, never by a person).
//! - `meta` tree: the [`PrivacySettings`] and the wrong sign-ins in a row.
//!
//! Every change is one sled transaction with its access-log entry, flushed
//! before the call returns.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::codec;
pub use super::error::AccessError;
use super::tables::T;
use super::{Store, StoreError};
use crate::domain::access::{Grant, OperatorRole};
use crate::domain::operator::{
    AccessEntry, AccessEvent, Operator, PrivacySettings, SignInFailures, check_passphrase, clean_operator_name,
    operator_key,
};
use crate::domain::{Field, FieldError, Id, Problem};

const OPERATOR_VERSION: u8 = 1;
const ACCESS_VERSION: u8 = 1;
const PRIVACY_VERSION: u8 = 1;
const FAILURES_VERSION: u8 = 1;
const META_PRIVACY: &[u8] = b"privacy";
const META_FAILURES: &[u8] = b"signin_failures";

/// Argon2id's cost: 19 MiB of memory, 2 passes, 1 lane (OWASP's first
/// recommendation), about a tenth of a second on an old dual-core.
const KDF_MEMORY_KIB: u32 = 19 * 1024;
const KDF_PASSES: u32 = 2;

/// Hashes a passphrase with Argon2id and a fresh random salt.
pub fn hash_passphrase(passphrase: &str) -> Result<String, StoreError> {
    let mut salt = [0u8; 16];
    rand::Rng::fill(&mut rand::rng(), &mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| StoreError::Storage(e.to_string()))?;
    kdf()?
        .hash_password(passphrase.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Storage(e.to_string()))
}

/// Whether `passphrase` matches a stored hash (its cost and salt are in it).
pub fn verify_passphrase(passphrase: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(passphrase.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

fn kdf() -> Result<Argon2<'static>, StoreError> {
    let params = Params::new(KDF_MEMORY_KIB, KDF_PASSES, 1, None).map_err(|e| StoreError::Storage(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// A hash no passphrase matches, checked when the name is unknown so that
/// a wrong name takes as long as a wrong passphrase.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_passphrase("soxa: no operator has this name").unwrap_or_default())
}

type TxError = ConflictableTransactionError<StoreError>;

fn tx_error(e: TransactionError<StoreError>) -> StoreError {
    match e {
        TransactionError::Abort(e) => e,
        TransactionError::Storage(e) => StoreError::from(e),
    }
}

impl Store {
    /// Every operator, in name order.
    pub fn operators(&self) -> Result<Vec<Operator>, StoreError> {
        let mut all = Vec::new();
        for item in self.raw(T::Operators).iter() {
            let (_, bytes) = item?;
            all.push(decode_operator(&bytes)?);
        }
        Ok(all)
    }

    /// Whether anyone must sign in: true once the first operator exists.
    pub fn has_operators(&self) -> Result<bool, StoreError> {
        Ok(!self.raw(T::Operators).is_empty())
    }

    pub fn operator_named(&self, name: &str) -> Result<Option<Operator>, StoreError> {
        self.raw(T::Operators).get(operator_key(name).as_bytes())?.map(|b| decode_operator(&b)).transpose()
    }

    /// Adds an operator (the first must be an administrator), audited in
    /// the access log by the one signed in, flushed.
    pub fn add_operator(
        &self,
        name: &str,
        role: OperatorRole,
        hamlet: Option<Id>,
        passphrase: &str,
    ) -> Result<Operator, StoreError> {
        let _guard = self.write_guard();
        let name = clean_operator_name(name).map_err(AccessError::Invalid)?;
        check_passphrase(passphrase).map_err(AccessError::Invalid)?;
        if (role == OperatorRole::HamletHead) != hamlet.is_some() {
            return Err(AccessError::HamletMismatch.into());
        }
        if let Some(h) = hamlet
            && self.get::<crate::domain::Hamlet>(h)?.is_none()
        {
            return Err(AccessError::Invalid(FieldError::new(Field::Hamlet, Problem::UnknownReference)).into());
        }
        if self.operator_named(&name)?.is_some() {
            return Err(AccessError::NameTaken.into());
        }
        if !self.has_operators()? && role != OperatorRole::Admin {
            return Err(AccessError::FirstMustBeAdmin.into());
        }
        let now = self.now();
        let op = Operator {
            name: name.clone(),
            role,
            hamlet,
            passphrase_hash: hash_passphrase(passphrase)?,
            created_at: now,
            passphrase_changed_at: now,
        };
        self.commit_operator(&name, Some(&op), AccessEvent::OperatorAdded { name: name.clone(), role })?;
        super::folder::mark_sign_in(&self.dir, true).map_err(|e| StoreError::Storage(e.to_string()))?;
        Ok(op)
    }

    /// Removes an operator; the last administrator stays.
    pub fn remove_operator(&self, name: &str) -> Result<Operator, StoreError> {
        let _guard = self.write_guard();
        let op = self.operator_named(name)?.ok_or(AccessError::NoSuchOperator)?;
        if op.role == OperatorRole::Admin && self.admins()? == 1 {
            return Err(AccessError::LastAdmin.into());
        }
        self.commit_operator(&op.name, None, AccessEvent::OperatorRemoved { name: op.name.clone() })?;
        Ok(op)
    }

    /// Sets a new passphrase.
    pub fn set_passphrase(&self, name: &str, passphrase: &str) -> Result<(), StoreError> {
        let _guard = self.write_guard();
        let mut op = self.operator_named(name)?.ok_or(AccessError::NoSuchOperator)?;
        check_passphrase(passphrase).map_err(AccessError::Invalid)?;
        op.passphrase_hash = hash_passphrase(passphrase)?;
        op.passphrase_changed_at = self.now();
        self.commit_operator(&op.name.clone(), Some(&op), AccessEvent::PassphraseChanged { name: op.name.clone() })
    }

    fn admins(&self) -> Result<usize, StoreError> {
        Ok(self.operators()?.iter().filter(|o| o.role == OperatorRole::Admin).count())
    }

    /// Puts (or removes) an operator and its access-log entry in one
    /// transaction, then flushes.
    fn commit_operator(&self, name: &str, op: Option<&Operator>, event: AccessEvent) -> Result<(), StoreError> {
        let key = operator_key(name);
        let value = op.map(|o| codec::encode(OPERATOR_VERSION, o)).transpose().map_err(corrupt(T::Operators))?;
        let (entry_key, entry) = self.next_access(event)?;
        (self.raw(T::Operators), self.raw(T::AccessLog))
            .transaction(|(ops, log)| {
                match &value {
                    Some(v) => ops.insert(key.as_bytes(), v.as_slice())?,
                    None => ops.remove(key.as_bytes())?,
                };
                log.insert(&entry_key, entry.as_slice())?;
                Ok::<_, TxError>(())
            })
            .map_err(tx_error)?;
        self.flush()
    }

    /// Checks a name and passphrase. Wrong ones (never saying which part)
    /// count towards a growing delay kept in the ledger, so a script cannot
    /// try faster by starting soxa again; during the delay nothing is
    /// checked. Both outcomes are written to the access log and flushed.
    pub fn sign_in(&mut self, name: &str, passphrase: &str) -> Result<Grant, StoreError> {
        let now = self.now();
        let failures = self.sign_in_failures()?;
        let wait = failures.wait_at(now);
        if wait > 0 {
            return Err(AccessError::MustWait { secs: wait }.into());
        }
        let found = self.operator_named(name)?;
        let hash = found.as_ref().map_or(decoy_hash(), |o| o.passphrase_hash.as_str());
        let matches = verify_passphrase(passphrase, hash) && found.is_some();
        match found.filter(|_| matches) {
            Some(op) => {
                self.operator = op.name.clone();
                let _guard = self.write_guard();
                self.raw(T::Meta).remove(META_FAILURES)?;
                self.append_access(AccessEvent::SignedIn)?;
                Ok(Grant { name: op.name, role: op.role, hamlet: op.hamlet })
            }
            None => {
                // No one is signed in by a failed try: its entry names no
                // operator (not the one a lock screen or a setting left).
                let who = std::mem::take(&mut self.operator);
                let failures = SignInFailures { count: failures.count + 1, last_at: now };
                let logged = self.record_failure(name, failures);
                self.operator = who;
                logged?;
                Err(AccessError::WrongSignIn { wait_secs: SignInFailures::delay_secs(failures.count) }.into())
            }
        }
    }

    /// Counts one more wrong try and logs it, with the name as typed.
    fn record_failure(&self, name: &str, failures: SignInFailures) -> Result<(), StoreError> {
        let _guard = self.write_guard();
        let bytes = codec::encode(FAILURES_VERSION, &failures).map_err(corrupt(T::Meta))?;
        self.raw(T::Meta).insert(META_FAILURES, bytes)?;
        let typed = crate::domain::text::clean_line(name).chars().take(60).collect();
        self.append_access(AccessEvent::SignInFailed { name: typed })
    }

    fn sign_in_failures(&self) -> Result<SignInFailures, StoreError> {
        match self.raw(T::Meta).get(META_FAILURES)? {
            Some(bytes) => codec::decode_current(&bytes, FAILURES_VERSION).map_err(corrupt(T::Meta)),
            None => Ok(SignInFailures::default()),
        }
    }

    /// Writes one entry to the access log, by the operator signed in now,
    /// and flushes.
    pub fn log_access(&self, event: AccessEvent) -> Result<(), StoreError> {
        let _guard = self.write_guard();
        self.append_access(event)
    }

    fn append_access(&self, event: AccessEvent) -> Result<(), StoreError> {
        let (key, value) = self.next_access(event)?;
        self.raw(T::AccessLog).insert(key, value)?;
        self.flush()
    }

    /// The next entry's key and bytes (the caller holds the write lock).
    pub(super) fn next_access(&self, event: AccessEvent) -> Result<([u8; 8], Vec<u8>), StoreError> {
        let last = self.raw(T::AccessLog).last()?.and_then(|(k, _)| super::tables::id_from_bytes(&k));
        let id = last.unwrap_or(0) + 1;
        let entry = AccessEntry { id, at: self.now(), operator: self.operator.clone(), event };
        let bytes = codec::encode(ACCESS_VERSION, &entry).map_err(corrupt(T::AccessLog))?;
        Ok((id.to_be_bytes(), bytes))
    }

    /// The access log, newest first, at most `limit` entries.
    pub fn access_log(&self, limit: usize) -> Result<Vec<AccessEntry>, StoreError> {
        let mut out = Vec::new();
        for item in self.raw(T::AccessLog).iter().rev().take(limit) {
            let (_, bytes) = item?;
            out.push(codec::decode_current(&bytes, ACCESS_VERSION).map_err(corrupt(T::AccessLog))?);
        }
        Ok(out)
    }

    /// The privacy settings (the defaults until first saved).
    pub fn privacy(&self) -> Result<PrivacySettings, StoreError> {
        privacy_in(self.raw(T::Meta))
    }

    /// Saves the privacy settings after checking them; `event` goes into
    /// the access log in the same transaction (a changed recovery key, or
    /// changed rules). Flushed.
    pub fn set_privacy(&self, settings: &PrivacySettings, event: AccessEvent) -> Result<(), StoreError> {
        settings.validate().map_err(StoreError::Invalid)?;
        let _guard = self.write_guard();
        let value = codec::encode(PRIVACY_VERSION, settings).map_err(corrupt(T::Meta))?;
        let (entry_key, entry) = self.next_access(event)?;
        (self.raw(T::Meta), self.raw(T::AccessLog))
            .transaction(|(meta, log)| {
                meta.insert(META_PRIVACY, value.as_slice())?;
                log.insert(&entry_key, entry.as_slice())?;
                Ok::<_, TxError>(())
            })
            .map_err(tx_error)?;
        self.flush()
    }
}

fn decode_operator(bytes: &[u8]) -> Result<Operator, StoreError> {
    codec::decode_current(bytes, OPERATOR_VERSION).map_err(corrupt(T::Operators))
}

/// The privacy settings kept in the `meta` tree `meta` (a backup reads
/// them through its own handle, under the write lock).
pub(crate) fn privacy_in(meta: &sled::Tree) -> Result<PrivacySettings, StoreError> {
    match meta.get(META_PRIVACY)? {
        Some(bytes) => codec::decode_current(&bytes, PRIVACY_VERSION).map_err(corrupt(T::Meta)),
        None => Ok(PrivacySettings::default()),
    }
}

fn corrupt(tree: T) -> impl Fn(codec::CodecError) -> StoreError {
    move |e| StoreError::Corrupt { tree: tree.name(), detail: e.to_string() }
}

#[cfg(test)]
mod tests;
