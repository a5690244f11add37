//! The e-document's page in words: which languages it is printed in (the user's, then
//! Chinese), the issuer's name in each, and the localized table, statement and verify hint
//! around the values of the signed payload. Values are printed exactly as signed (dates as
//! ISO 8601), so a clerk can compare them digit for digit with the verify page.

use super::pdf::{PdfText, TableRow};
use super::{AttestationPayload, IssuerName};
use crate::i18n::Localizer;
use std::collections::BTreeMap;

/// The language every e-document is also printed in.
pub const SECOND_LANGUAGE: &str = "zh-CN";

/// The languages a document is printed in: the user's, then Chinese (once if the same).
pub fn printed_locales(locale: &str) -> Vec<String> {
    let mut locales = vec![locale.to_string()];
    if locale != SECOND_LANGUAGE {
        locales.push(SECOND_LANGUAGE.to_string());
    }
    locales
}

/// The issuer's name in each of `locales`: the configured one, or the language's default.
pub fn issuer_names(
    texts: &Localizer,
    issuer: &IssuerName,
    locales: &[String],
) -> BTreeMap<String, String> {
    locales
        .iter()
        .map(|l| {
            let name = issuer
                .configured(l)
                .map(str::to_string)
                .unwrap_or_else(|| texts.text(l, "edoc-issuer-default", &[]));
            (l.clone(), name)
        })
        .collect()
}

/// The country's name in each of `locales`, then its code: `Канада / 加拿大 (CAN)`.
pub fn country_names(texts: &Localizer, code: &str, locales: &[String]) -> String {
    let names: Vec<String> = locales
        .iter()
        .map(|l| texts.text(l, &format!("country-{code}"), &[]))
        .collect();
    format!("{} ({code})", names.join(" / "))
}

/// The table rows of a payload (labels in each of `locales`), as the PDF and the verify
/// page show them; `values` gives the full or the masked identifiers.
pub fn table_rows(
    texts: &Localizer,
    locales: &[String],
    payload: &AttestationPayload,
    values: &ShownValues,
) -> Vec<TableRow> {
    let labels =
        |key: &str| -> Vec<String> { locales.iter().map(|l| texts.text(l, key, &[])).collect() };
    let previous = values.previous_passport.clone().unwrap_or_else(|| {
        locales
            .iter()
            .map(|l| texts.text(l, "edoc-no-previous", &[]))
            .collect::<Vec<_>>()
            .join(" / ")
    });
    [
        ("edoc-label-holder", values.holder.clone()),
        (
            "edoc-label-nationality",
            country_names(texts, &payload.nationality, locales),
        ),
        ("edoc-label-pr", values.pr_permit.clone()),
        (
            "edoc-label-pr-expires",
            payload.pr_permit_expires.to_string(),
        ),
        ("edoc-label-passport", values.passport.clone()),
        ("edoc-label-previous-passport", previous),
        ("edoc-label-issued", payload.issued_on.to_string()),
        ("edoc-label-id", payload.document_id.clone()),
    ]
    .into_iter()
    .map(|(key, value)| TableRow {
        labels: labels(key),
        value,
    })
    .collect()
}

/// The identifying values as shown: in full on the PDF and to whoever proved the birth
/// date, masked otherwise.
#[derive(Debug, Clone)]
pub struct ShownValues {
    pub holder: String,
    pub pr_permit: String,
    pub passport: String,
    pub previous_passport: Option<String>,
}

impl ShownValues {
    pub fn full(payload: &AttestationPayload) -> ShownValues {
        ShownValues {
            holder: payload.holder.clone(),
            pr_permit: payload.pr_permit.clone(),
            passport: payload.passport.clone(),
            previous_passport: payload.previous_passport.clone(),
        }
    }

    pub fn masked(payload: &AttestationPayload) -> ShownValues {
        let m = payload.masked();
        ShownValues {
            holder: m.holder,
            pr_permit: m.pr_permit,
            passport: m.passport,
            previous_passport: m.previous_passport,
        }
    }
}

/// Everything the PDF prints, in the user's language (`locale`) and Chinese.
pub fn attestation_page(
    texts: &Localizer,
    locale: &str,
    payload: &AttestationPayload,
    verify_url: &str,
    signed: &str,
    signature: &str,
) -> PdfText {
    let locales = printed_locales(locale);
    let each = |key: &str| -> Vec<String> {
        locales
            .iter()
            .map(|l| {
                let issuer = payload.issuer.get(l).cloned().unwrap_or_default();
                texts.text(l, key, &[("issuer", issuer.into())])
            })
            .collect()
    };
    PdfText {
        title: texts.text(locale, "edoc-title", &[]),
        lang: locale.to_string(),
        second_lang: locales.get(1).cloned(),
        issuer: locales
            .iter()
            .map(|l| payload.issuer.get(l).cloned().unwrap_or_default())
            .collect(),
        headings: each("edoc-title"),
        rows: table_rows(texts, &locales, payload, &ShownValues::full(payload)),
        statement: each("edoc-statement"),
        verify_hint: each("edoc-verify"),
        verify_url: verify_url.to_string(),
        qr_alt: texts.text(locale, "edoc-qr-alt", &[("url", verify_url.into())]),
        small_print: vec![
            texts.text(locale, "edoc-signed-data", &[("payload", signed.into())]),
            texts.text(locale, "edoc-signature", &[("signature", signature.into())]),
        ],
    }
}
