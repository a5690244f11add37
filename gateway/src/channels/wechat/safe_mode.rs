//! WeChat's safe mode (安全模式): every pushed message and every passive reply travels
//! encrypted with the Official Account's EncodingAESKey, and its signature covers the
//! ciphertext, so a body can be neither read from a log nor changed or swapped in transit.
//! Plaintext mode signs the query only, never the body.
//!
//! The scheme, as WeChat documents it and wechatpy implements it: AES-256-CBC with the key
//! `base64(EncodingAESKey + "=")` and the key's first 16 bytes as IV. The plaintext is 16
//! random bytes, the message's length (4 bytes, big-endian), the message and the app id,
//! padded PKCS#7-style to a multiple of 32 bytes (not AES's 16). The ciphertext travels as
//! base64 in `<Encrypt>`, signed by `msg_signature` = SHA-1 of the sorted token, timestamp,
//! nonce and ciphertext.

use crate::secret::Secret;
use aes::Aes256;
use aes::cipher::{Array, BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use base64::Engine;
use base64::alphabet;
use base64::engine::general_purpose::STANDARD;
use base64::engine::{GeneralPurpose, GeneralPurposeConfig};
use serde::Deserialize;
use std::fmt;

/// WeChat pads to this many bytes, not to AES's block size.
const PAD_TO: usize = 32;
/// The random bytes before the length, so one message never encrypts the same way twice.
const RANDOM_PREFIX: usize = 16;
const AES_BLOCK: usize = 16;

/// WeChat makes an EncodingAESKey of 43 random letters and digits, so its last character
/// usually carries bits beyond the key's 256, which a strict base64 decoder refuses and
/// WeChat (like Python's `b64decode`) ignores.
const KEY_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
);

/// The EncodingAESKey of the Official Account's server settings, checked when the
/// configuration is read. Prints as `EncodingAesKey(***)`.
#[derive(Clone)]
pub struct EncodingAesKey {
    text: Secret,
    key: [u8; 32],
}

impl EncodingAesKey {
    /// The key, from the 43 characters WeChat shows; the error says what is wrong with it.
    pub fn parse(text: Secret) -> Result<EncodingAesKey, &'static str> {
        let value = text.expose();
        if value.len() != 43 {
            return Err("must be the 43 characters WeChat shows as EncodingAESKey");
        }
        let key = KEY_BASE64
            .decode(format!("{value}="))
            .ok()
            .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
            .ok_or("must be letters and digits (base64), as WeChat makes it")?;
        Ok(EncodingAesKey { text, key })
    }

    /// The key as configured, for writing the configuration back.
    pub fn expose(&self) -> &str {
        self.text.expose()
    }
}

impl fmt::Debug for EncodingAesKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EncodingAesKey(***)")
    }
}

/// Why a ciphertext was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Undecryptable {
    #[error("Encrypt is not base64 of whole AES blocks")]
    Encoding,
    #[error("the decrypted message is not laid out as WeChat lays it out")]
    Layout,
    #[error("the decrypted message is not UTF-8")]
    Text,
    /// Encrypted with our key, for another app id.
    #[error("the message is for another app")]
    OtherApp,
}

/// SHA-1 of the lexically sorted token, timestamp, nonce and ciphertext, as hex.
pub fn msg_signature(token: &str, timestamp: &str, nonce: &str, encrypted: &str) -> String {
    super::sorted_sha1([token, timestamp, nonce, encrypted])
}

/// The ciphertext of a pushed message: `<xml><ToUserName/><Encrypt/></xml>` (in WeChat's
/// compatible mode the plaintext fields come along and are ignored).
pub fn ciphertext_of(body: &str) -> Option<String> {
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Envelope {
        encrypt: String,
    }
    quick_xml::de::from_str::<Envelope>(body)
        .ok()
        .map(|e| e.encrypt)
}

/// Encrypts and decrypts one Official Account's messages.
pub struct MessageCipher {
    key: [u8; 32],
    app_id: String,
}

type Encryptor = cbc::Encryptor<Aes256>;
type Decryptor = cbc::Decryptor<Aes256>;

impl MessageCipher {
    pub fn new(key: &EncodingAesKey, app_id: &str) -> MessageCipher {
        MessageCipher {
            key: key.key,
            app_id: app_id.to_string(),
        }
    }

    fn iv(&self) -> [u8; AES_BLOCK] {
        let mut iv = [0; AES_BLOCK];
        iv.copy_from_slice(&self.key[..AES_BLOCK]);
        iv
    }

    /// `message` encrypted for this app, as base64.
    pub fn encrypt(&self, message: &str) -> String {
        let length = u32::try_from(message.len()).expect("WeChat messages hold a few KiB");
        let mut data = rand::random::<[u8; RANDOM_PREFIX]>().to_vec();
        data.extend_from_slice(&length.to_be_bytes());
        data.extend_from_slice(message.as_bytes());
        data.extend_from_slice(self.app_id.as_bytes());
        let pad = PAD_TO - data.len() % PAD_TO;
        data.resize(data.len() + pad, pad as u8);
        let (blocks, _) = Array::slice_as_chunks_mut(&mut data);
        Encryptor::new(&self.key.into(), &self.iv().into()).encrypt_blocks(blocks);
        STANDARD.encode(data)
    }

    /// The message inside `encrypted` (base64), if it was encrypted for this app.
    pub fn decrypt(&self, encrypted: &str) -> Result<String, Undecryptable> {
        let mut data = STANDARD
            .decode(encrypted.trim())
            .map_err(|_| Undecryptable::Encoding)?;
        if data.is_empty() || !data.len().is_multiple_of(AES_BLOCK) {
            return Err(Undecryptable::Encoding);
        }
        let (blocks, _) = Array::slice_as_chunks_mut(&mut data);
        Decryptor::new(&self.key.into(), &self.iv().into()).decrypt_blocks(blocks);
        let pad = usize::from(data[data.len() - 1]);
        let content_end = data
            .len()
            .checked_sub(pad)
            .filter(|_| (1..=PAD_TO).contains(&pad))
            .ok_or(Undecryptable::Layout)?;
        if data[content_end..].iter().any(|&b| usize::from(b) != pad) {
            return Err(Undecryptable::Layout);
        }
        let (length, rest) = data[..content_end]
            .get(RANDOM_PREFIX..)
            .and_then(<[u8]>::split_first_chunk::<4>)
            .ok_or(Undecryptable::Layout)?;
        let length = usize::try_from(u32::from_be_bytes(*length)).unwrap_or(usize::MAX);
        if length > rest.len() {
            return Err(Undecryptable::Layout);
        }
        let (message, app_id) = rest.split_at(length);
        if app_id != self.app_id.as_bytes() {
            return Err(Undecryptable::OtherApp);
        }
        String::from_utf8(message.to_vec()).map_err(|_| Undecryptable::Text)
    }

    /// A passive reply as safe mode wants it: `message` encrypted, with its own timestamp,
    /// nonce and signature (WeChat checks them before it decrypts).
    pub fn encrypted_reply(&self, token: &Secret, timestamp: i64, message: &str) -> String {
        let encrypted = self.encrypt(message);
        let (timestamp, nonce) = (timestamp.to_string(), rand::random::<u32>().to_string());
        let signature = msg_signature(token.expose(), &timestamp, &nonce, &encrypted);
        // Base64, hex and digits cannot close a CDATA section.
        format!(
            "<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt><MsgSignature><![CDATA[{signature}]]></MsgSignature>\
             <TimeStamp>{timestamp}</TimeStamp><Nonce><![CDATA[{nonce}]]></Nonce></xml>"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WeChat's own sample key: its last character carries bits beyond the key's 256.
    const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    fn cipher(app_id: &str) -> MessageCipher {
        MessageCipher::new(&EncodingAesKey::parse(KEY.into()).unwrap(), app_id)
    }

    /// Made outside this code: wechatpy 1.8's
    /// `WeChatCrypto("tok", KEY, "wxapp").encrypt_message("<xml><A>hi</A></xml>", "55", "1700000000")`.
    const WECHATPY_ENCRYPT: &str =
        "8LAtc5NgemkXDmnzQj0RLsjkIOu1Tu5uB2+7Vd0/Vtn6+WRh44Xxwqmo4qgstABqDLC60polJC1KJwwW/dBoOg==";

    #[test]
    fn reads_and_signs_what_wechatpy_encrypted() {
        assert_eq!(
            cipher("wxapp").decrypt(WECHATPY_ENCRYPT),
            Ok("<xml><A>hi</A></xml>".to_string())
        );
        assert_eq!(
            msg_signature("tok", "1700000000", "55", WECHATPY_ENCRYPT),
            "a16c2d42c7e3c52cb9c18e9acaa920ecb145fa1f"
        );
        assert_eq!(
            cipher("wx-other").decrypt(WECHATPY_ENCRYPT),
            Err(Undecryptable::OtherApp)
        );
    }

    #[test]
    fn damaged_ciphertexts_are_refused_without_a_panic() {
        let c = cipher("wxapp");
        // Not base64, nothing, 3 and 15 bytes.
        for bad in ["!!!", "", "AAAA", "AAAAAAAAAAAAAAAAAAAA"] {
            assert_eq!(c.decrypt(bad), Err(Undecryptable::Encoding), "{bad:?}");
        }
        // One whole block: no room for the random bytes and the length.
        assert_eq!(
            c.decrypt(&STANDARD.encode([0u8; AES_BLOCK])),
            Err(Undecryptable::Layout)
        );
        // No change panics. CBC alone is malleable (a change to the first block flips bytes
        // of the message behind it, which is why `msg_signature` is checked first); a
        // change to any later block garbles the length, the app id or the padding.
        let mut raw = STANDARD.decode(WECHATPY_ENCRYPT).unwrap();
        for at in 0..raw.len() {
            raw[at] ^= 0x5a;
            let result = c.decrypt(&STANDARD.encode(&raw));
            raw[at] ^= 0x5a;
            if at >= AES_BLOCK {
                assert!(result.is_err(), "byte {at}: {result:?}");
            }
        }
    }

    #[test]
    fn keys_that_are_not_43_base64_characters_are_refused() {
        assert!(EncodingAesKey::parse(KEY[1..].into()).is_err());
        assert!(EncodingAesKey::parse(format!("{}!", &KEY[1..]).into()).is_err());
        assert_eq!(
            format!("{:?}", EncodingAesKey::parse(KEY.into()).unwrap()),
            "EncodingAesKey(***)"
        );
    }
}
