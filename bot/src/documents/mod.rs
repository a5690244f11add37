//! Verifiable electronic documents (NIA function 5): a PR holder's attestation that a passport
//! is linked to their permanent residence permit, for banks, tax and social security offices.
//!
//! The attested facts are a small JSON payload (masked identifiers only, so the public verify
//! page and the raw check reveal nothing a bank clerk does not already hold). The service signs
//! the payload's bytes with its Ed25519 key (`signing.rs`); the PDF (`pdf.rs`) prints the full
//! data for the holder to hand over, the payload, the signature and a QR code pointing at
//! `{public_url}/verify/{id}`, where anyone can check the document is genuine and not revoked.

pub mod pdf;
pub mod signing;

use crate::domain::personal::mask_identifier;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub use pdf::{PdfError, PdfText, render_attestation};
pub use signing::{KeyError, ServiceKey};

/// The kind of the only e-document so far.
pub const PASSPORT_LINK: &str = "pr-passport-link";

/// What an e-document attests, exactly as signed. Field order is the serialization order, so
/// the signed bytes are reproducible from the struct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttestationPayload {
    pub v: u32,
    pub id: String,
    pub kind: String,
    pub issued_at: String,
    /// Initials and masked name of the holder (`M** D***`).
    pub holder: String,
    pub nationality: String,
    pub pr_permit: String,
    pub pr_permit_expires: NaiveDate,
    pub passport: String,
}

impl AttestationPayload {
    /// The payload for a PR permit and passport pair; identifiers are masked here, once.
    pub fn passport_link(
        id: &str,
        issued_at: DateTime<Utc>,
        holder_name: &str,
        nationality: &str,
        pr_permit_no: &str,
        pr_permit_expires: NaiveDate,
        passport_no: &str,
    ) -> Self {
        AttestationPayload {
            v: 1,
            id: id.to_string(),
            kind: PASSPORT_LINK.to_string(),
            issued_at: issued_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            holder: mask_name(holder_name),
            nationality: nationality.to_string(),
            pr_permit: mask_identifier(pr_permit_no),
            pr_permit_expires,
            passport: mask_identifier(passport_no),
        }
    }

    /// The bytes that are signed and stored.
    pub fn to_signed_text(&self) -> String {
        serde_json::to_string(self).expect("a payload always serializes")
    }
}

/// Keeps the first letter of every part of a name: `Mei Demo-Holder` → `M** D**********`.
pub fn mask_name(name: &str) -> String {
    name.split(' ')
        .filter(|p| !p.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(String::from).unwrap_or_default();
            format!("{first}{}", "*".repeat(chars.count()))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Everything needed to issue e-documents: the service's key, where the verify page lives and
/// a font that covers Latin, Cyrillic and Chinese (without one, issuing is unavailable and
/// the user is told so).
pub struct DocumentIssuer {
    pub key: ServiceKey,
    pub public_url: String,
    pub font: Option<Arc<Vec<u8>>>,
}

impl DocumentIssuer {
    pub fn verify_url(&self, id: &str) -> String {
        format!("{}/verify/{id}", self.public_url.trim_end_matches('/'))
    }
}

impl std::fmt::Debug for DocumentIssuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentIssuer")
            .field("public_url", &self.public_url)
            .field("font", &self.font.as_ref().map(|f| f.len()))
            .finish_non_exhaustive()
    }
}

/// Font files that cover Latin, Cyrillic and CJK, in order of preference (Debian packages
/// `fonts-wqy-microhei`, `fonts-noto-cjk`, `fonts-droid-fallback`).
pub const FONT_CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_initials() {
        assert_eq!(mask_name("Mei Demo-Holder"), "M** D**********");
        assert_eq!(mask_name("李  娜"), "李 娜");
    }

    /// The signature must cover the printed digits: a copy with one passport digit changed
    /// must not verify.
    #[test]
    fn a_changed_passport_digit_breaks_the_signature() {
        let key = ServiceKey::from_seed([7; 32]);
        let payload = |passport: &str| {
            AttestationPayload::passport_link(
                "abc",
                DateTime::from_timestamp(0, 0).unwrap(),
                "Mei Demo",
                "CAN",
                "DEMO-PR-000002",
                NaiveDate::from_ymd_opt(2034, 2, 28).unwrap(),
                passport,
            )
            .to_signed_text()
        };
        let issued = payload("DEMO00002");
        let signature = key.sign(issued.as_bytes());
        let forged = payload("DEMO01002");
        assert!(key.verify(issued.as_bytes(), &signature));
        assert!(!key.verify(forged.as_bytes(), &signature), "{forged}");
    }

    #[test]
    fn payload_masks_identifiers() {
        let p = AttestationPayload::passport_link(
            "abc",
            DateTime::from_timestamp(0, 0).unwrap(),
            "Mei Demo",
            "CAN",
            "DEMO-PR-000002",
            NaiveDate::from_ymd_opt(2034, 2, 28).unwrap(),
            "DEMO00002",
        );
        let text = p.to_signed_text();
        assert!(!text.contains("DEMO00002") && !text.contains("DEMO-PR-000002"));
        assert!(text.contains("DEM****02"));
        assert_eq!(
            serde_json::from_str::<AttestationPayload>(&text).unwrap(),
            p
        );
    }
}
