//! The service's Ed25519 key: loaded from a file, or generated on first run (the file holds
//! the 32-byte seed in base64, readable by the owner only). The public half is published at
//! `/verify/key` so anyone can check a document's signature without trusting the page.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
    #[error("{path} does not hold a base64 Ed25519 seed of 32 bytes")]
    Malformed { path: String },
}

pub struct ServiceKey {
    signing: SigningKey,
}

impl ServiceKey {
    /// Reads the key file, creating it with a fresh key when it does not exist.
    pub fn load_or_create(path: &Path) -> Result<ServiceKey, KeyError> {
        let shown = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let seed: [u8; 32] = STANDARD
                    .decode(text.trim())
                    .ok()
                    .and_then(|b| b.try_into().ok())
                    .ok_or(KeyError::Malformed { path: shown })?;
                Ok(ServiceKey::from_seed(seed))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let seed: [u8; 32] = rand::random();
                match crate::private_file::create_new(path, &STANDARD.encode(seed)) {
                    Ok(()) => Ok(ServiceKey::from_seed(seed)),
                    // Another process created it meanwhile: use theirs.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        Self::load_or_create(path)
                    }
                    Err(e) => Err(KeyError::Write {
                        path: shown,
                        reason: e.to_string(),
                    }),
                }
            }
            Err(e) => Err(KeyError::Read {
                path: shown,
                reason: e.to_string(),
            }),
        }
    }

    pub fn from_seed(seed: [u8; 32]) -> ServiceKey {
        ServiceKey {
            signing: SigningKey::from_bytes(&seed),
        }
    }

    /// Base64 of the Ed25519 signature of `message`.
    pub fn sign(&self, message: &[u8]) -> String {
        STANDARD.encode(self.signing.sign(message).to_bytes())
    }

    /// A 32-byte secret for `purpose`, derived from this key: every process of a deployment
    /// reads the same key file, so all derive the same secret, and it reveals nothing of the
    /// key (nor one purpose's secret another's).
    pub fn derive_secret(&self, purpose: &str) -> [u8; 32] {
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        hash.update(b"visadesk derived secret\0");
        hash.update(purpose.as_bytes());
        hash.update([0]);
        hash.update(self.signing.to_bytes());
        hash.finalize().into()
    }

    /// The raw 32-byte public key.
    pub fn public_key(&self) -> [u8; 32] {
        self.signing.verifying_key().to_bytes()
    }

    /// Whether `signature` (base64) is this key's signature of `message`.
    pub fn verify(&self, message: &[u8], signature: &str) -> bool {
        verify_with(&self.public_key(), message, signature)
    }
}

/// Checks a base64 Ed25519 signature against a raw public key; anything malformed is `false`.
pub fn verify_with(public_key: &[u8; 32], message: &[u8], signature: &str) -> bool {
    let Ok(key) = VerifyingKey::from_bytes(public_key) else {
        return false;
    };
    let Some(bytes) = STANDARD
        .decode(signature.trim())
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
    else {
        return false;
    };
    key.verify(message, &Signature::from_bytes(&bytes)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_survives_a_restart_and_a_flipped_byte_fails() {
        let dir = std::env::temp_dir().join(format!("visadesk-key-{}", uuid::Uuid::new_v4()));
        let path = dir.join("signing.key");
        let first = ServiceKey::load_or_create(&path).unwrap();
        let again = ServiceKey::load_or_create(&path).unwrap();
        assert_eq!(first.public_key(), again.public_key());
        let sig = first.sign(b"payload");
        assert!(again.verify(b"payload", &sig));
        let mut raw = STANDARD.decode(&sig).unwrap();
        raw[5] ^= 0x01;
        assert!(!again.verify(b"payload", &STANDARD.encode(raw)));
        assert!(!again.verify(b"payload", "not base64"));
        std::fs::write(&path, "short").unwrap();
        assert!(matches!(
            ServiceKey::load_or_create(&path),
            Err(KeyError::Malformed { .. })
        ));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
