//! The public check of an e-document (`GET /verify/{id}`), the page its QR code opens, and
//! the service's public key (`GET /verify/key`) so a bank or a script can check the raw
//! Ed25519 signature itself.
//!
//! The signed payload holds the full values printed on the document. Anyone with the link
//! sees the verdict and masked values (`GET`, `?format=json`); whoever also enters the
//! holder's birth date (`POST /verify/{id}`, form field `birth_date`, `?format=json` for the
//! signed payload and its signature) sees every value as signed, so a bank clerk can compare
//! each digit with the paper. Wrong birth dates count per document in the expiring store
//! (`BIRTH_DATE_ATTEMPTS` an hour, shared by all processes); a disclosure is audited. A
//! document is valid only when the signature matches and it is not revoked.

use crate::app::App;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Json, Router};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::NaiveDate;
use fluent_bundle::FluentValue;
use serde::Deserialize;
use serde_json::json;
use std::time::Duration;
use visadesk_bot::documents::AttestationPayload;
use visadesk_bot::documents::page::{ShownValues, issuer_names, table_rows};
use visadesk_bot::domain::{Nationality, PassportNo};
use visadesk_bot::store::EDocument;
use visadesk_bot::store::audit::AuditEntry;

/// Wrong birth dates allowed per document and hour before the check refuses to answer.
pub const BIRTH_DATE_ATTEMPTS: u64 = 10;
const ATTEMPT_WINDOW: Duration = Duration::from_secs(3600);

pub fn routes() -> Router<App> {
    Router::new()
        .route("/verify/key", get(public_key))
        .route("/verify/{id}", get(verify).post(verify_with_birth_date))
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

#[derive(Debug, Deserialize)]
struct BirthDateForm {
    birth_date: String,
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

/// How the birth-date check went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Disclosure {
    /// No birth date given: masked values.
    NotAsked,
    Granted,
    Wrong,
    TooMany,
}

/// A document looked up by the id in the path, with its verdict and payload.
struct Checked {
    doc: Option<EDocument>,
    verdict: Verdict,
    payload: Option<AttestationPayload>,
}

async fn check(app: &App, id: &str) -> Result<Checked, Response> {
    // Ids are UUIDs; anything longer is not ours and is not looked up.
    let doc = if id.len() <= 64 {
        app.repo.e_document(id).await.map_err(|e| {
            tracing::error!(error = %e, "verify: database");
            unavailable()
        })?
    } else {
        None
    };
    let verdict = judge(app, doc.as_ref());
    let payload = doc
        .as_ref()
        .filter(|_| verdict != Verdict::Invalid)
        .and_then(|d| AttestationPayload::from_signed_text(&d.payload));
    Ok(Checked {
        doc,
        verdict,
        payload,
    })
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({"error": "unavailable", "message": "try again later"})),
    )
        .into_response()
}

fn status_of(verdict: Verdict) -> StatusCode {
    if verdict == Verdict::Unknown {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    }
}

async fn verify(
    State(app): State<App>,
    Path(id): Path<String>,
    Query(query): Query<VerifyQuery>,
    headers: HeaderMap,
) -> Response {
    let checked = match check(&app, &id).await {
        Ok(checked) => checked,
        Err(response) => return response,
    };
    answer(&app, &id, &query, &headers, &checked, Disclosure::NotAsked)
}

/// The same check with the holder's birth date: the full values when it matches.
async fn verify_with_birth_date(
    State(app): State<App>,
    Path(id): Path<String>,
    Query(query): Query<VerifyQuery>,
    headers: HeaderMap,
    Form(form): Form<BirthDateForm>,
) -> Response {
    let checked = match check(&app, &id).await {
        Ok(checked) => checked,
        Err(response) => return response,
    };
    let disclosure = match (&checked.doc, &checked.payload, checked.verdict) {
        (Some(doc), Some(payload), Verdict::Valid) => {
            match birth_date_matches(&app, doc, payload, &form.birth_date).await {
                Ok(disclosure) => disclosure,
                Err(response) => return response,
            }
        }
        _ => Disclosure::Wrong,
    };
    answer(&app, &id, &query, &headers, &checked, disclosure)
}

/// Whether `given` is the birth date of the document's holder, counting wrong answers.
async fn birth_date_matches(
    app: &App,
    doc: &EDocument,
    payload: &AttestationPayload,
    given: &str,
) -> Result<Disclosure, Response> {
    let counter = format!("verify-birth-date:{}", doc.id);
    let (hits, _) = app
        .expiring
        .count_hit(&counter, ATTEMPT_WINDOW)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "verify: expiring store");
            unavailable()
        })?;
    if hits > BIRTH_DATE_ATTEMPTS {
        return Ok(Disclosure::TooMany);
    }
    let Ok(given) = NaiveDate::parse_from_str(given.trim(), "%Y-%m-%d") else {
        return Ok(Disclosure::Wrong);
    };
    // The holder is found by a passport the document names (the record keeps the passport
    // it was imported with: the current or the previous one) and must be the document's.
    let Ok(nationality) = payload.nationality.parse::<Nationality>() else {
        return Ok(Disclosure::Wrong);
    };
    let mut matches = false;
    for number in std::iter::once(&payload.passport).chain(payload.previous_passport.as_ref()) {
        let Ok(number) = number.parse::<PassportNo>() else {
            continue;
        };
        let found = app
            .repo
            .applicant_by_passport(&nationality, &number)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "verify: database");
                unavailable()
            })?;
        if let Some(holder) = found.filter(|a| a.id == doc.applicant_id) {
            matches = *holder.birth_date.expose() == Some(given);
            break;
        }
    }
    let outcome = if matches { "shown" } else { "wrong-birth-date" };
    let entry = AuditEntry {
        actor_kind: "public",
        actor: "verify_page".into(),
        channel: None,
        action: "disclose-e-document",
        subject: Some(format!("e-document:{}", doc.id)),
        outcome,
    };
    if let Err(e) = app.repo.audit(&entry, app.clock.now()).await {
        tracing::error!(error = %e, "verify: audit");
        return Err(unavailable());
    }
    Ok(if matches {
        Disclosure::Granted
    } else {
        Disclosure::Wrong
    })
}

/// Answers may hold personal values: no cache keeps them.
const NO_STORE: [(header::HeaderName, &str); 1] = [(header::CACHE_CONTROL, "no-store")];

fn answer(
    app: &App,
    id: &str,
    query: &VerifyQuery,
    headers: &HeaderMap,
    checked: &Checked,
    disclosure: Disclosure,
) -> Response {
    let mut status = status_of(checked.verdict);
    if disclosure == Disclosure::TooMany {
        status = StatusCode::TOO_MANY_REQUESTS;
    }
    if query.format.as_deref() == Some("json") {
        let mut body = json!({
            "id": checked.doc.as_ref().map_or(id, |d| d.id.as_str()),
            "status": checked.verdict.as_str(),
        });
        if let Some(doc) = &checked.doc {
            body["revoked_at"] = json!(doc.revoked_at);
        }
        match (&checked.payload, disclosure) {
            (Some(_), Disclosure::Granted) => {
                let doc = checked
                    .doc
                    .as_ref()
                    .expect("a payload comes from a document");
                body["payload"] = json!(doc.payload);
                body["signature"] = json!(doc.signature);
            }
            (Some(payload), _) => {
                body["masked"] = json!(payload.masked());
                body["nationality"] = json!(payload.nationality);
                body["issued_on"] = json!(payload.issued_on);
                body["pr_permit_expires"] = json!(payload.pr_permit_expires);
            }
            (None, _) => {}
        }
        if disclosure == Disclosure::Wrong && checked.verdict == Verdict::Valid {
            status = StatusCode::FORBIDDEN;
        }
        return (status, NO_STORE, Json(body)).into_response();
    }
    let hint = query.lang.clone().or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split([',', ';']).next())
            .map(str::to_string)
    });
    let locale = app.texts.negotiate(hint.as_deref()).to_string();
    let html = Html(page(app, &locale, id, checked, disclosure));
    (status, NO_STORE, html).into_response()
}

fn page(app: &App, locale: &str, id: &str, checked: &Checked, disclosure: Disclosure) -> String {
    let t =
        |key: &str, args: Vec<(&str, FluentValue<'_>)>| escape(&app.texts.text(locale, key, &args));
    let mut body = Vec::new();
    // The issuer as signed; in a language the document is not printed in, as configured.
    let issuer = checked
        .payload
        .as_ref()
        .and_then(|p| p.issuer.get(locale))
        .cloned()
        .or_else(|| {
            let configured = app.documents.as_ref().map(|d| d.issuer.clone());
            issuer_names(
                &app.texts,
                &configured.unwrap_or_default(),
                &[locale.to_string()],
            )
            .into_values()
            .next()
        })
        .unwrap_or_default();
    let verdict_line = match (
        checked.verdict,
        checked.doc.as_ref().and_then(|d| d.revoked_at),
    ) {
        (Verdict::Valid, _) => t("verify-valid", vec![("issuer", issuer.into())]),
        (Verdict::Revoked, Some(at)) => t(
            "verify-revoked",
            vec![(
                "date",
                app.texts
                    .date(
                        locale,
                        at.with_timezone(&visadesk_bot::domain::CHINA_TIME_ZONE)
                            .date_naive(),
                    )
                    .into(),
            )],
        ),
        (Verdict::Revoked, None) | (Verdict::Invalid, _) => t("verify-invalid", vec![]),
        (Verdict::Unknown, _) => t("verify-unknown", vec![]),
    };
    body.push(format!(
        "<p class=\"verdict {0}\" id=\"verdict\" data-status=\"{0}\">{verdict_line}</p>",
        checked.verdict.as_str()
    ));
    if let Some(payload) = &checked.payload {
        let full = disclosure == Disclosure::Granted;
        let values = if full {
            ShownValues::full(payload)
        } else {
            ShownValues::masked(payload)
        };
        let note = match disclosure {
            Disclosure::Granted => t("verify-full", vec![]),
            Disclosure::TooMany => t("verify-too-many", vec![]),
            Disclosure::Wrong => t("verify-birth-date-wrong", vec![]),
            Disclosure::NotAsked => t("verify-masked", vec![]),
        };
        let shown = if full { "full" } else { "masked" };
        body.push(format!(
            "<p class=\"note\" id=\"values\" data-values=\"{shown}\">{note}</p>"
        ));
        let rows: Vec<String> = table_rows(&app.texts, &[locale.to_string()], payload, &values)
            .into_iter()
            .map(|row| {
                format!(
                    "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                    escape(&row.labels.join(" / ")),
                    escape(&row.value)
                )
            })
            .collect();
        body.push(format!("<table>{}</table>", rows.join("")));
        if !full && checked.verdict == Verdict::Valid && disclosure != Disclosure::TooMany {
            body.push(format!(
                "<form method=\"post\" action=\"/verify/{id}?lang={locale}\">\
                 <label for=\"birth_date\">{label}</label> \
                 <input type=\"date\" id=\"birth_date\" name=\"birth_date\" required> \
                 <button type=\"submit\">{show}</button></form>",
                id = escape(id),
                locale = escape(locale),
                label = t("verify-birth-date", vec![]),
                show = t("verify-show", vec![]),
            ));
        }
        if full && let Some(doc) = &checked.doc {
            body.push(format!(
                "<p class=\"small\">{}</p><p class=\"small\"><code>{}</code></p><p class=\"small\"><code>{}</code></p>",
                t("verify-key", vec![]),
                escape(&doc.payload),
                escape(&doc.signature)
            ));
        }
    }
    body.push(format!(
        "<p class=\"small\">{} <a href=\"/verify/key\">/verify/key</a></p>",
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
         <meta name=\"referrer\" content=\"no-referrer\">\
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
.small{font-size:.85rem;color:#555;word-break:break-all}\
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{text-align:left;padding:.35rem .5rem;\
border-bottom:1px solid #ddd;vertical-align:top}th{font-weight:500;color:#444;width:45%}\
td{font-family:ui-monospace,monospace;word-break:break-all}form{margin:1rem 0}";

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
