//! The keys that seal personal data at rest, and the sealing itself.
//!
//! Every personal column (names, passport and permit numbers, birth dates, phone numbers, the
//! e-document payloads that repeat them) is stored as an envelope
//! `v1:<key id>:<base64 of nonce ‖ ciphertext>`: XChaCha20-Poly1305 with a random 24-byte
//! nonce, authenticated together with the column it belongs to (so a value copied into
//! another column does not open). The key id beside the ciphertext lets keys rotate: a new
//! key seals from then on, the old one still opens what it sealed until `keys rotate` has
//! re-sealed everything, after which it is retired and may be removed.
//!
//! A sealed value is different each time, so equality lookups (a passport number, a permit
//! number) use a blind index beside it: HMAC-SHA-256 of the normalised value under a
//! separate index key, which never rotates (every stored index would have to be recomputed).
//!
//! The keys live in one small text file (`VISADESK_DATA_KEY_FILE`, created owner-only on first
//! start like the signing key) or in an environment variable; every process of a deployment
//! needs the same keys. Losing them loses the personal data: see `docs/operations.md`.

use crate::private_file;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::fmt;
use std::path::Path;

/// What an envelope starts with; a stored value without it was written before encryption.
const ENVELOPE: &str = "v1:";

/// Why keys could not be loaded or a value not opened.
#[derive(Debug, thiserror::Error)]
pub enum DataKeyError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
    #[error("data keys, line {line}: {reason}")]
    Malformed { line: usize, reason: String },
    #[error("data keys: {0}")]
    Incomplete(String),
    /// Sealed with a key this process does not hold (removed too early, or another
    /// deployment's value).
    #[error("sealed with unknown data key `{0}`")]
    UnknownKey(String),
    /// Not an envelope this code wrote, or changed since (authentication failed).
    #[error("a sealed value does not open")]
    Tampered,
}

/// Where a key stands in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyState {
    /// Seals new values (exactly one key is active).
    Active,
    /// Opens what it sealed; `keys rotate` is re-sealing its values.
    Retired,
}

#[derive(Clone)]
struct DataKey {
    id: String,
    bytes: [u8; 32],
    state: KeyState,
}

/// The deployment's data keys: the sealing keys by id and the blind-index key. `Debug` shows
/// key ids only.
#[derive(Clone)]
pub struct DataKeys {
    keys: Vec<DataKey>,
    index: [u8; 32],
}

impl fmt::Debug for DataKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DataKeys")
            .field("keys", &self.key_ids())
            .field("active", &self.active().id)
            .finish()
    }
}

impl DataKeys {
    /// Fresh keys: one active sealing key (`k1`) and an index key.
    pub fn generate() -> DataKeys {
        DataKeys {
            keys: vec![DataKey {
                id: "k1".into(),
                bytes: rand::random(),
                state: KeyState::Active,
            }],
            index: rand::random(),
        }
    }

    /// Parses the key file's text (also the `VISADESK_DATA_KEYS` value, where `;` may stand
    /// for a line break):
    ///
    /// ```text
    /// index <base64 of 32 bytes>
    /// key <id> <base64 of 32 bytes> active|retired
    /// ```
    pub fn parse(text: &str) -> Result<DataKeys, DataKeyError> {
        let mut keys = Vec::new();
        let mut index = None;
        for (n, line) in text.split(['\n', ';']).enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |reason: &str| DataKeyError::Malformed {
                line: n + 1,
                reason: reason.to_string(),
            };
            let fields: Vec<&str> = line.split_whitespace().collect();
            let bytes = |b64: &str| -> Result<[u8; 32], DataKeyError> {
                STANDARD
                    .decode(b64)
                    .ok()
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(|| bad("a key is base64 of 32 bytes"))
            };
            match fields.as_slice() {
                ["index", b64] => index = Some(bytes(b64)?),
                ["key", id, b64, state] => {
                    if id.contains(':') || keys.iter().any(|k: &DataKey| k.id == *id) {
                        return Err(bad("a key id is unique and has no `:`"));
                    }
                    let state = match *state {
                        "active" => KeyState::Active,
                        "retired" => KeyState::Retired,
                        _ => return Err(bad("a key is `active` or `retired`")),
                    };
                    keys.push(DataKey {
                        id: id.to_string(),
                        bytes: bytes(b64)?,
                        state,
                    });
                }
                _ => return Err(bad("expected `index <key>` or `key <id> <key> <state>`")),
            }
        }
        let index = index.ok_or_else(|| DataKeyError::Incomplete("no `index` key".into()))?;
        if keys.iter().filter(|k| k.state == KeyState::Active).count() != 1 {
            return Err(DataKeyError::Incomplete(
                "exactly one key must be `active`".into(),
            ));
        }
        Ok(DataKeys { keys, index })
    }

    /// The key file's text (see `parse`).
    pub fn to_text(&self) -> String {
        let mut text = String::from(
            "# visadesk data keys: they open every personal value in the database.\n\
             # Keep this file secret and back it up apart from the database.\n",
        );
        text.push_str(&format!("index {}\n", STANDARD.encode(self.index)));
        for key in &self.keys {
            let state = match key.state {
                KeyState::Active => "active",
                KeyState::Retired => "retired",
            };
            text.push_str(&format!(
                "key {} {} {state}\n",
                key.id,
                STANDARD.encode(key.bytes)
            ));
        }
        text
    }

    /// Reads the key file, creating it with fresh keys (owner-only) when it does not exist.
    pub fn load_or_create(path: &Path) -> Result<DataKeys, DataKeyError> {
        let shown = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => DataKeys::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let keys = DataKeys::generate();
                match private_file::create_new(path, &keys.to_text()) {
                    Ok(()) => Ok(keys),
                    // Another process created it meanwhile: use theirs.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        DataKeys::load_or_create(path)
                    }
                    Err(e) => Err(DataKeyError::Write {
                        path: shown,
                        reason: e.to_string(),
                    }),
                }
            }
            Err(e) => Err(DataKeyError::Read {
                path: shown,
                reason: e.to_string(),
            }),
        }
    }

    /// Replaces the key file with these keys (owner only), atomically by rename.
    pub fn save(&self, path: &Path) -> Result<(), DataKeyError> {
        private_file::replace(path, &self.to_text()).map_err(|e| DataKeyError::Write {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    }

    /// The ids of every key held, in the order they were added.
    pub fn key_ids(&self) -> Vec<&str> {
        self.keys.iter().map(|k| k.id.as_str()).collect()
    }

    /// The ids of the retired keys.
    pub fn retired_ids(&self) -> Vec<&str> {
        self.keys
            .iter()
            .filter(|k| k.state == KeyState::Retired)
            .map(|k| k.id.as_str())
            .collect()
    }

    /// The id of the key that seals new values.
    pub fn active_id(&self) -> &str {
        &self.active().id
    }

    fn active(&self) -> &DataKey {
        self.keys
            .iter()
            .find(|k| k.state == KeyState::Active)
            .expect("parse and rotate keep exactly one active key")
    }

    /// A new active key (`k<n>`); the one active until now is retired and still opens what
    /// it sealed.
    pub fn rotated(&self) -> DataKeys {
        let mut next = self.clone();
        let mut n = next.keys.len() + 1;
        while next.keys.iter().any(|k| k.id == format!("k{n}")) {
            n += 1;
        }
        for key in &mut next.keys {
            key.state = KeyState::Retired;
        }
        next.keys.push(DataKey {
            id: format!("k{n}"),
            bytes: rand::random(),
            state: KeyState::Active,
        });
        next
    }

    /// These keys without the retired ones: what remains once nothing sealed with them is
    /// left (`keys rotate` checks before it removes them).
    pub fn without_retired(&self) -> DataKeys {
        DataKeys {
            keys: self
                .keys
                .iter()
                .filter(|k| k.state == KeyState::Active)
                .cloned()
                .collect(),
            index: self.index,
        }
    }

    /// Seals `plain` for `column` (`table.column`) with the active key.
    pub fn seal(&self, column: &str, plain: &str) -> String {
        let key = self.active();
        let cipher = XChaCha20Poly1305::new(&key.bytes.into());
        let nonce: [u8; 24] = rand::random();
        let sealed = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: column.as_bytes(),
                },
            )
            .expect("XChaCha20-Poly1305 seals any length a column holds");
        let mut bytes = Vec::with_capacity(24 + sealed.len());
        bytes.extend_from_slice(&nonce);
        bytes.extend_from_slice(&sealed);
        format!("{ENVELOPE}{}:{}", key.id, STANDARD.encode(bytes))
    }

    /// The plain value of `stored` in `column`. A value without an envelope was written
    /// before encryption (until `migrate` seals it) and is returned as it is.
    pub fn open(&self, column: &str, stored: &str) -> Result<String, DataKeyError> {
        let Some((key_id, b64)) = stored
            .strip_prefix(ENVELOPE)
            .and_then(|rest| rest.split_once(':'))
        else {
            return Ok(stored.to_string());
        };
        let key = self
            .keys
            .iter()
            .find(|k| k.id == key_id)
            .ok_or_else(|| DataKeyError::UnknownKey(key_id.to_string()))?;
        let bytes = STANDARD.decode(b64).map_err(|_| DataKeyError::Tampered)?;
        if bytes.len() < 24 {
            return Err(DataKeyError::Tampered);
        }
        let (nonce, sealed) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().map_err(|_| DataKeyError::Tampered)?;
        let plain = XChaCha20Poly1305::new(&key.bytes.into())
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: sealed,
                    aad: column.as_bytes(),
                },
            )
            .map_err(|_| DataKeyError::Tampered)?;
        String::from_utf8(plain).map_err(|_| DataKeyError::Tampered)
    }

    /// Whether `stored` needs sealing again: plain, or sealed with a key other than the
    /// active one.
    pub fn needs_sealing(&self, stored: &str) -> bool {
        match stored
            .strip_prefix(ENVELOPE)
            .and_then(|rest| rest.split_once(':'))
        {
            Some((key_id, _)) => key_id != self.active().id,
            None => true,
        }
    }

    /// The blind index of a value (already normalised the way lookups normalise it) for
    /// lookups of one `kind` (`passport`, `permit`, …): hex of HMAC-SHA-256 under the index key.
    pub fn blind_index(&self, kind: &str, value: &str) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.index).expect("HMAC takes any key length");
        mac.update(kind.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// Seals a byte string (a session, a draft) with the active key, for `purpose`.
    pub fn seal_bytes(&self, purpose: &str, plain: &[u8]) -> Vec<u8> {
        // Base64 inside the envelope keeps one format for text and bytes.
        self.seal(purpose, &STANDARD.encode(plain)).into_bytes()
    }

    /// Opens what `seal_bytes` sealed.
    pub fn open_bytes(&self, purpose: &str, stored: &[u8]) -> Result<Vec<u8>, DataKeyError> {
        let text = std::str::from_utf8(stored).map_err(|_| DataKeyError::Tampered)?;
        if !text.starts_with(ENVELOPE) {
            return Err(DataKeyError::Tampered);
        }
        STANDARD
            .decode(self.open(purpose, text)?)
            .map_err(|_| DataKeyError::Tampered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_in_its_column_and_unchanged() {
        let keys = DataKeys::generate();
        let sealed = keys.seal("applicants.passport_no", "E12345678");
        assert!(sealed.starts_with("v1:k1:"));
        assert!(!sealed.contains("E12345678"));
        assert_ne!(sealed, keys.seal("applicants.passport_no", "E12345678"));
        assert_eq!(
            keys.open("applicants.passport_no", &sealed).unwrap(),
            "E12345678"
        );
        assert!(matches!(
            keys.open("passports.number", &sealed),
            Err(DataKeyError::Tampered)
        ));
        let mut flipped = sealed.clone().into_bytes();
        let last = flipped.len() - 3;
        flipped[last] = if flipped[last] == b'A' { b'B' } else { b'A' };
        let flipped = String::from_utf8(flipped).unwrap();
        assert!(keys.open("applicants.passport_no", &flipped).is_err());
        // Rows written before encryption read as they are.
        assert_eq!(keys.open("applicants.passport_no", "E1").unwrap(), "E1");
    }

    #[test]
    fn rotation_keeps_old_values_readable_until_the_old_key_is_removed() {
        let keys = DataKeys::generate();
        let old = keys.seal("c", "x");
        let rotated = keys.rotated();
        assert_eq!(rotated.active_id(), "k2");
        assert_eq!(rotated.open("c", &old).unwrap(), "x");
        assert!(rotated.needs_sealing(&old));
        assert!(rotated.seal("c", "y").starts_with("v1:k2:"));
        assert_eq!(
            rotated.blind_index("passport", "E1"),
            keys.blind_index("passport", "E1")
        );
        let trimmed = rotated.without_retired();
        assert!(matches!(
            trimmed.open("c", &old),
            Err(DataKeyError::UnknownKey(id)) if id == "k1"
        ));
        let reread = DataKeys::parse(&rotated.to_text()).unwrap();
        assert_eq!(reread.key_ids(), vec!["k1", "k2"]);
        assert_eq!(reread.retired_ids(), vec!["k1"]);
        assert_eq!(reread.open("c", &old).unwrap(), "x");
    }

    #[test]
    fn a_key_file_is_created_owner_only_and_read_back() {
        let dir = std::env::temp_dir().join(format!("vd-keys-{}", uuid::Uuid::new_v4()));
        let path = dir.join("data-keys");
        let made = DataKeys::load_or_create(&path).unwrap();
        let again = DataKeys::load_or_create(&path).unwrap();
        assert_eq!(
            made.blind_index("passport", "E1"),
            again.blind_index("passport", "E1")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn malformed_key_text_is_refused_with_its_line() {
        assert!(matches!(
            DataKeys::parse("index AAAA"),
            Err(DataKeyError::Malformed { line: 1, .. })
        ));
        let one = DataKeys::generate().to_text();
        let no_active = one.replace(" active", " retired");
        assert!(matches!(
            DataKeys::parse(&no_active),
            Err(DataKeyError::Incomplete(_))
        ));
    }
}
