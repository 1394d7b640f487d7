//! The ledger's recovery key: an age X25519 key pair. The public half (the
//! recipient, "age1...") is kept in the privacy settings and every backup
//! is encrypted to it, so automatic backups need no one to type anything;
//! the secret half ("AGE-SECRET-KEY-1...") is shown once to the
//! administrator, to print and keep, and is what `soxa restore` asks for.

use age::secrecy::ExposeSecret;

use crate::domain::operator::AccessEvent;
use crate::store::{Store, StoreError};

impl Store {
    /// Makes a new recovery key, keeps its public half and writes
    /// "new recovery key" to the access log (flushed); returns the secret
    /// half, which soxa does not keep. Backups made before need the old key.
    pub fn new_recovery_key(&self) -> Result<String, StoreError> {
        let identity = age::x25519::Identity::generate();
        let mut privacy = self.privacy()?;
        privacy.recovery_recipient = Some(identity.to_public().to_string());
        self.set_privacy(&privacy, AccessEvent::RecoveryKeyRotated)?;
        Ok(identity.to_string().expose_secret().to_string())
    }

    /// The recipient backups are encrypted to, if the ledger has one.
    pub fn recovery_recipient(&self) -> Result<Option<String>, StoreError> {
        Ok(self.privacy()?.recovery_recipient)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{OpenOptions, Store};

    #[test]
    fn a_new_key_keeps_only_its_public_half() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&tmp.path().join("db"), &OpenOptions::default()).unwrap();
        assert_eq!(store.recovery_recipient().unwrap(), None);
        let secret = store.new_recovery_key().unwrap();
        assert!(secret.starts_with("AGE-SECRET-KEY-1"), "{secret}");
        let identity: age::x25519::Identity = secret.parse().unwrap();
        let kept = store.recovery_recipient().unwrap().unwrap();
        assert_eq!(kept, identity.to_public().to_string());
        let again = store.new_recovery_key().unwrap();
        assert_ne!(again, secret, "a rotation makes a new key");
    }
}
