//! Verifiable electronic documents (NIA function 5): a PR holder's attestation that a passport
//! is linked to their permanent residence permit, for banks, tax and social security offices.
//!
//! The attested facts are a small JSON payload holding exactly what the PDF prints, in full
//! (holder, nationality, PR permit number and validity, current and previous passport, issue
//! date, document id, issuer), serialized canonically (`canonical_json`). The service signs
//! those bytes with its Ed25519 key (`signing.rs`), so a changed digit on a printed copy no
//! longer matches. The PDF (`pdf.rs`, laid out by `page.rs`) prints the table, a QR code of
//! `{public_url}/verify/{id}` and the payload with its signature. The public verify page shows
//! masked values (`MaskedPayload`) and the full ones only to whoever also enters the holder's
//! birth date, so a bank clerk can compare every digit while a leaked link reveals nothing.

pub mod page;
pub mod pdf;
pub mod signing;

use crate::domain::personal::mask_identifier;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

pub use page::attestation_page;
pub use pdf::{PdfError, PdfText, render_attestation};
pub use signing::{KeyError, ServiceKey};

/// The kind of the only e-document so far.
pub const PASSPORT_LINK: &str = "pr-passport-link";

/// Version 2: full values (version 1 signed masked ones and is no longer issued).
pub const PAYLOAD_VERSION: u32 = 2;

/// What an e-document attests, exactly as printed and signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttestationPayload {
    pub v: u32,
    pub kind: String,
    pub document_id: String,
    /// The issuer's name in each language the document is printed in.
    pub issuer: BTreeMap<String, String>,
    /// The office-local (China's) date of issue, as printed.
    pub issued_on: NaiveDate,
    /// The holder's full name as in the passport.
    pub holder: String,
    /// ISO 3166-1 alpha-3 code of the attested passport's nationality.
    pub nationality: String,
    pub pr_permit: String,
    pub pr_permit_expires: NaiveDate,
    pub passport: String,
    pub previous_passport: Option<String>,
}

/// The facts of a passport-link attestation, before they are signed.
#[derive(Debug, Clone)]
pub struct PassportLink<'a> {
    pub document_id: &'a str,
    pub issuer: BTreeMap<String, String>,
    pub issued_on: NaiveDate,
    pub holder: &'a str,
    pub nationality: &'a str,
    pub pr_permit: &'a str,
    pub pr_permit_expires: NaiveDate,
    pub passport: &'a str,
    pub previous_passport: Option<&'a str>,
}

impl AttestationPayload {
    pub fn passport_link(facts: PassportLink<'_>) -> Self {
        AttestationPayload {
            v: PAYLOAD_VERSION,
            kind: PASSPORT_LINK.to_string(),
            document_id: facts.document_id.to_string(),
            issuer: facts.issuer,
            issued_on: facts.issued_on,
            holder: facts.holder.to_string(),
            nationality: facts.nationality.to_string(),
            pr_permit: facts.pr_permit.to_string(),
            pr_permit_expires: facts.pr_permit_expires,
            passport: facts.passport.to_string(),
            previous_passport: facts.previous_passport.map(str::to_string),
        }
    }

    /// The bytes that are signed and stored: canonical JSON (`canonical_json`).
    pub fn to_signed_text(&self) -> String {
        canonical_json(&serde_json::to_value(self).expect("a payload always serializes"))
    }

    /// The payload a stored document's signed text holds, if it is one of ours.
    pub fn from_signed_text(text: &str) -> Option<Self> {
        serde_json::from_str(text)
            .ok()
            .filter(|p: &AttestationPayload| p.v == PAYLOAD_VERSION)
    }

    /// What anyone with the link may see.
    pub fn masked(&self) -> MaskedPayload {
        MaskedPayload {
            holder: mask_name(&self.holder),
            pr_permit: mask_identifier(&self.pr_permit),
            passport: mask_identifier(&self.passport),
            previous_passport: self.previous_passport.as_deref().map(mask_identifier),
        }
    }
}

/// The identifying values of a payload, masked (`M** D***`, `DEM****02`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaskedPayload {
    pub holder: String,
    pub pr_permit: String,
    pub passport: String,
    pub previous_passport: Option<String>,
}

/// JSON with object keys sorted by their UTF-16 code units and no insignificant whitespace
/// (RFC 8785's ordering; our values are strings, integers, dates and `null`, which serde
/// already writes as RFC 8785 does), so anyone can rebuild the signed bytes from the values.
pub fn canonical_json(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            let body: Vec<String> = entries
                .into_iter()
                .map(|(k, v)| format!("{}:{}", Value::String(k.clone()), canonical_json(v)))
                .collect();
            format!("{{{}}}", body.join(","))
        }
        Value::Array(items) => {
            let body: Vec<String> = items.iter().map(canonical_json).collect();
            format!("[{}]", body.join(","))
        }
        other => other.to_string(),
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

/// The issuer's name per language (`VISADESK_ISSUER_NAME`): either one name for every
/// language, or `en=…;ru=…;zh-CN=…`. A language without its own name takes the English one,
/// else the first given; none configured: each language's `edoc-issuer-default`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssuerName {
    by_locale: BTreeMap<String, String>,
    everywhere: Option<String>,
}

impl std::str::FromStr for IssuerName {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(IssuerName::default());
        }
        let parts: Vec<&str> = text.split(';').map(str::trim).collect();
        let per_locale = parts.iter().all(|p| {
            p.split_once('=').is_some_and(|(l, _)| {
                !l.trim().is_empty()
                    && l.trim()
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
        });
        if !per_locale {
            return Ok(IssuerName {
                everywhere: Some(text.to_string()),
                ..IssuerName::default()
            });
        }
        let mut by_locale = BTreeMap::new();
        for part in parts {
            let (locale, name) = part.split_once('=').expect("checked above");
            if name.trim().is_empty() {
                return Err(format!("the name for `{}` is empty", locale.trim()));
            }
            by_locale.insert(locale.trim().to_string(), name.trim().to_string());
        }
        let first = by_locale.values().next().cloned();
        Ok(IssuerName {
            everywhere: by_locale.get("en").cloned().or(first),
            by_locale,
        })
    }
}

impl IssuerName {
    /// The configured name for `locale`, or `None` for the locale's default text.
    pub fn configured(&self, locale: &str) -> Option<&str> {
        self.by_locale
            .get(locale)
            .or(self.everywhere.as_ref())
            .map(String::as_str)
    }
}

/// Everything needed to issue e-documents: the service's key, who issues them, where the
/// verify page lives and a font that covers Latin, Cyrillic and Chinese (without one,
/// issuing is unavailable and the user is told so).
pub struct DocumentIssuer {
    pub key: ServiceKey,
    pub issuer: IssuerName,
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
            .field("issuer", &self.issuer)
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

    fn payload(passport: &str) -> AttestationPayload {
        AttestationPayload::passport_link(PassportLink {
            document_id: "abc",
            issuer: BTreeMap::from([("en".into(), "Exit-Entry Administration".into())]),
            issued_on: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            holder: "Mei Demo",
            nationality: "CAN",
            pr_permit: "DEMO-PR-000002",
            pr_permit_expires: NaiveDate::from_ymd_opt(2034, 2, 28).unwrap(),
            passport,
            previous_passport: Some("DEMO00001"),
        })
    }

    #[test]
    fn names_keep_their_initials() {
        assert_eq!(mask_name("Mei Demo-Holder"), "M** D**********");
        assert_eq!(mask_name("李  娜"), "李 娜");
    }

    /// The signature must cover the printed digits: a copy with one passport digit changed
    /// does not verify (with the masked payload of version 1 it did: `DEM****02` either way).
    #[test]
    fn a_changed_passport_digit_breaks_the_signature() {
        let key = ServiceKey::from_seed([7; 32]);
        let issued = payload("DEMO00002").to_signed_text();
        let signature = key.sign(issued.as_bytes());
        let forged = payload("DEMO01002").to_signed_text();
        assert!(key.verify(issued.as_bytes(), &signature));
        assert!(!key.verify(forged.as_bytes(), &signature), "{forged}");
        assert!(issued.contains("\"passport\":\"DEMO00002\""), "{issued}");
        assert!(issued.contains("\"previous_passport\":\"DEMO00001\""));
        assert!(issued.contains("\"pr_permit\":\"DEMO-PR-000002\""));
    }

    #[test]
    fn the_signed_text_is_canonical_and_reads_back() {
        let p = payload("DEMO00002");
        let text = p.to_signed_text();
        assert!(
            text.starts_with("{\"document_id\":\"abc\",\"holder\":\"Mei Demo\","),
            "{text}"
        );
        assert!(!text.contains(' ') || text.contains("Mei Demo"));
        assert_eq!(AttestationPayload::from_signed_text(&text), Some(p.clone()));
        assert_eq!(p.masked().passport, "DEM****02");
        assert_eq!(
            canonical_json(&serde_json::json!({"b": [1, {"z": null, "a": "é"}], "a": true})),
            r#"{"a":true,"b":[1,{"a":"é","z":null}]}"#
        );
    }

    #[test]
    fn issuer_names_per_language_or_one_for_all() {
        let one: IssuerName = "Shanghai Exit-Entry Administration".parse().unwrap();
        assert_eq!(
            one.configured("ru"),
            Some("Shanghai Exit-Entry Administration")
        );
        let each: IssuerName = "en=Exit-Entry Administration; zh-CN=出入境管理局"
            .parse()
            .unwrap();
        assert_eq!(each.configured("zh-CN"), Some("出入境管理局"));
        assert_eq!(each.configured("ru"), Some("Exit-Entry Administration"));
        assert_eq!(IssuerName::default().configured("en"), None);
        assert!("en=;ru=x".parse::<IssuerName>().is_err());
    }
}
