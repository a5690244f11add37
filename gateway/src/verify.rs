//! The public check of an e-document (`GET /verify/{id}`), the page its QR code opens, and
//! the service's public key (`GET /verify/key`) so a bank or a script can check the raw
//! Ed25519 signature itself (`GET /verify/{id}?format=json` gives the signed payload).
//!
//! The page shows only what the signed payload holds: masked identifiers and the holder's
//! initials. It is valid only when the signature matches and the document is not revoked.

use crate::app::App;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use fluent_bundle::FluentValue;
use serde::Deserialize;
use serde_json::json;
use visadesk_bot::documents::AttestationPayload;
use visadesk_bot::store::EDocument;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/verify/key", get(public_key))
        .route("/verify/{id}", get(verify))
}

async fn public_key(State(app): State<App>) -> Response {
    let Some(documents) = &app.documents else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let key = documents.key.public_key();
    Json(json!({
        "algorithm": "Ed25519",
        "public_key_base64": STANDARD.encode(key),
        "public_key_hex": hex::encode(key),
    }))
    .into_response()
}

#[derive(Debug, Deserialize)]
struct VerifyQuery {
    format: Option<String>,
    lang: Option<String>,
}

/// What a check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Valid,
    Revoked,
    /// Stored, but its signature does not match the payload (tampered with).
    Invalid,
    Unknown,
}

impl Verdict {
    fn as_str(self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Revoked => "revoked",
            Verdict::Invalid => "invalid",
            Verdict::Unknown => "unknown",
        }
    }
}

fn judge(app: &App, doc: Option<&EDocument>) -> Verdict {
    match doc {
        None => Verdict::Unknown,
        Some(d)
            if !app
                .documents
                .as_ref()
                .is_some_and(|i| i.key.verify(d.payload.as_bytes(), &d.signature)) =>
        {
            Verdict::Invalid
        }
        Some(d) if d.revoked_at.is_some() => Verdict::Revoked,
        Some(_) => Verdict::Valid,
    }
}

async fn verify(
    State(app): State<App>,
    Path(id): Path<String>,
    Query(query): Query<VerifyQuery>,
    headers: HeaderMap,
) -> Response {
    // Ids are UUIDs; anything longer is not ours and is not looked up.
    let doc = if id.len() <= 64 {
        match app.repo.e_document(&id).await {
            Ok(doc) => doc,
            Err(e) => {
                tracing::error!(error = %e, "verify: database");
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    Json(json!({"error": "unavailable", "message": "try again later"})),
                )
                    .into_response();
            }
        }
    } else {
        None
    };
    let verdict = judge(&app, doc.as_ref());
    let status = if verdict == Verdict::Unknown {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    if query.format.as_deref() == Some("json") {
        let body = match &doc {
            Some(d) => json!({
                "id": d.id,
                "status": verdict.as_str(),
                "payload": d.payload,
                "signature": d.signature,
                "revoked_at": d.revoked_at,
            }),
            None => json!({ "id": id, "status": verdict.as_str() }),
        };
        return (status, Json(body)).into_response();
    }
    let hint = query.lang.clone().or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split([',', ';']).next())
            .map(str::to_string)
    });
    let locale = app.texts.negotiate(hint.as_deref()).to_string();
    (
        status,
        Html(page(&app, &locale, &id, verdict, doc.as_ref())),
    )
        .into_response()
}

fn page(app: &App, locale: &str, id: &str, verdict: Verdict, doc: Option<&EDocument>) -> String {
    let t =
        |key: &str, args: Vec<(&str, FluentValue<'_>)>| escape(&app.texts.text(locale, key, &args));
    let mut body = Vec::new();
    let verdict_line = match (verdict, doc.and_then(|d| d.revoked_at)) {
        (Verdict::Valid, _) => t("verify-valid", vec![]),
        (Verdict::Revoked, Some(at)) => t(
            "verify-revoked",
            vec![("date", app.texts.date(locale, at.date_naive()).into())],
        ),
        (Verdict::Revoked, None) | (Verdict::Invalid, _) => t("verify-invalid", vec![]),
        (Verdict::Unknown, _) => t("verify-unknown", vec![]),
    };
    body.push(format!(
        "<p class=\"verdict {0}\" id=\"verdict\" data-status=\"{0}\">{verdict_line}</p>",
        verdict.as_str()
    ));
    if let Some(payload) = doc
        .filter(|_| verdict != Verdict::Invalid)
        .and_then(|d| serde_json::from_str::<AttestationPayload>(&d.payload).ok())
    {
        let nationality = app
            .texts
            .text(locale, &format!("country-{}", payload.nationality), &[]);
        let issued = payload.issued_at.get(..10).unwrap_or_default().to_string();
        for line in [
            t("verify-issued", vec![("date", issued.into())]),
            t(
                "verify-holder",
                vec![
                    ("holder", payload.holder.clone().into()),
                    ("nationality", nationality.into()),
                ],
            ),
            t("verify-pr", vec![("pr", payload.pr_permit.clone().into())]),
            t(
                "verify-passport",
                vec![("passport", payload.passport.clone().into())],
            ),
        ] {
            body.push(format!("<p>{line}</p>"));
        }
    }
    let raw = format!("/verify/{}?format=json", escape(id));
    body.push(format!(
        "<p class=\"small\">{} <a href=\"{raw}\">{raw}</a> · <a href=\"/verify/key\">/verify/key</a></p>",
        t("verify-key", vec![])
    ));
    let langs: Vec<String> = app
        .texts
        .locales()
        .iter()
        .map(|l| {
            format!(
                "<a href=\"?lang={l}\" lang=\"{l}\">{}</a>",
                escape(&app.texts.text(l, "language-name", &[]))
            )
        })
        .collect();
    format!(
        "<!doctype html><html lang=\"{locale}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style>\
         </head><body><nav>{langs}</nav><h1>{title}</h1>{body}</body></html>",
        title = t("verify-title", vec![]),
        langs = langs.join(" · "),
        body = body.join("")
    )
}

/// The check page's style sheet, inline (the page is one answer, readable offline); the
/// content security policy allows exactly this text by its digest (`style_digest`).
const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;\
line-height:1.5}.verdict{font-size:1.3rem;font-weight:600;padding:.75rem;border-radius:.5rem}\
.valid{background:#e6f4ea}.revoked,.invalid{background:#fce8e6}.unknown{background:#f1f3f4}\
.small{font-size:.85rem;color:#555;word-break:break-all}";

/// `'sha256-…'` of the inline style, as a content security policy names it.
pub fn style_digest() -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(STYLE.as_bytes()))
    )
}

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
