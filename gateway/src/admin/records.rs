//! Records from offices: bulk import in the formats of `visadesk import` (offices, services,
//! slots, holidays, applicants with their permits, PR permits and passports, applications),
//! one office created or updated, link codes for identity linking, e-document revocation.
//! Imports are all or nothing and idempotent, as on the command line; they are not
//! notification events (a status change that should reach people goes through
//! `applications/{receipt}/status`).

use super::{ApiError, Caller, JsonBody};
use crate::app::App;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use axum::{Json, Router};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use visadesk_bot::domain::{Nationality, PassportNo};
use visadesk_bot::import::{self, Format, ImportError, ImportKind};
use visadesk_bot::store::backoffice::RevokeOutcome;
use visadesk_bot::store::{StoreError, hash_link_code};

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/admin/import/{kind}", post(bulk_import))
        .route("/api/v1/admin/offices/{office}", put(put_office))
        .route("/api/v1/admin/link-codes", post(issue_link_code))
        .route(
            "/api/v1/admin/e-documents/{id}/revoke",
            post(revoke_e_document),
        )
}

/// The scope an import of `kind` needs.
fn scope_of(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Offices | ImportKind::Services | ImportKind::Holidays => "offices:write",
        ImportKind::Slots => "slots:write",
        ImportKind::Applicants => "records:write",
        ImportKind::Applications => "applications:write",
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Imported {
    records: usize,
    inserted: u64,
    updated: u64,
    unchanged: u64,
}

fn import_error(e: ImportError) -> ApiError {
    match e {
        ImportError::Field {
            position,
            field,
            reason,
        } => ApiError::Invalid {
            field,
            message: format!("{position}: {reason}"),
        },
        other => ApiError::BadRequest(other.to_string()),
    }
}

async fn apply(
    app: &App,
    caller: &Caller,
    kind: ImportKind,
    format: Format,
    text: &str,
) -> Result<Imported, ApiError> {
    let batch = import::parse(kind, format, text).map_err(import_error)?;
    let report = match app.repo.import(&batch).await {
        Ok(report) => report,
        Err(StoreError::Rejected {
            position,
            field,
            reason,
        }) => {
            return Err(ApiError::Invalid {
                field,
                message: format!("{position}: {reason}"),
            });
        }
        Err(e) => return Err(e.into()),
    };
    caller
        .audit(
            app,
            "import",
            format!("import:{}:{}", kind_name(kind), batch.len()),
            "imported",
        )
        .await?;
    Ok(Imported {
        records: batch.len(),
        inserted: report.inserted,
        updated: report.updated,
        unchanged: report.unchanged,
    })
}

fn kind_name(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Offices => "offices",
        ImportKind::Services => "services",
        ImportKind::Slots => "slots",
        ImportKind::Applicants => "applicants",
        ImportKind::Applications => "applications",
        ImportKind::Holidays => "holidays",
    }
}

/// `POST /api/v1/admin/import/{kind}` with a CSV (`text/csv`) or JSON body. Tokens limited
/// to some offices cannot import, whatever the file holds (so the refusal says nothing about
/// what is stored): a row is an upsert that may move a stored record of another office (an
/// application's office and status), and services, holidays and applicants belong to no
/// one office. Limited tokens use the routes for one record.
#[utoipa::path(post, path = "/api/v1/admin/import/{kind}", tag = "records",
    params(("kind" = String, Path, description = "offices, services, slots, applicants, applications or holidays")),
    request_body(content = String, description = "a CSV (text/csv) or JSON (application/json) file as for `visadesk import`", content_type = "application/json"),
    responses((status = 200, description = "imported", body = Imported), super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn bulk_import(
    State(app): State<App>,
    caller: Caller,
    Path(kind): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Imported>, ApiError> {
    let kind: ImportKind = kind.parse().map_err(|e: String| ApiError::NotFound(e))?;
    caller.require(scope_of(kind))?;
    if caller.0.offices.is_some() {
        return Err(ApiError::Forbidden(
            "imports need a token for every office".into(),
        ));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let format = match content_type.as_str() {
        "application/json" => Format::Json,
        "text/csv" => Format::Csv,
        _ => {
            return Err(ApiError::BadRequest(
                "Content-Type must be application/json or text/csv".into(),
            ));
        }
    };
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::BadRequest("the body is not UTF-8".into()))?;
    Ok(Json(apply(&app, &caller, kind, format, text).await?))
}

/// One office record as in the offices import (docs/import.md), checked as there (422
/// naming the field): `id` must be the office of the path, the texts must not be empty,
/// `phone`, `hours` and `time_zone` must parse, the services must be on record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(super) struct OfficeRecordDoc {
    /// The office id of the path.
    #[schema(
        example = "beijing-andingmen",
        pattern = "^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$"
    )]
    id: String,
    #[schema(pattern = "^[^\\x00]*$")]
    name_en: String,
    #[schema(pattern = "^[^\\x00]*$")]
    name_zh: String,
    #[schema(pattern = "^[^\\x00]*$")]
    city_en: String,
    #[schema(pattern = "^[^\\x00]*$")]
    city_zh: String,
    #[schema(pattern = "^[^\\x00]*$")]
    province_en: String,
    #[schema(pattern = "^[^\\x00]*$")]
    province_zh: String,
    #[schema(pattern = "^[^\\x00]*$")]
    address_en: String,
    #[schema(pattern = "^[^\\x00]*$")]
    address_zh: String,
    #[schema(minimum = -90, maximum = 90)]
    latitude: f64,
    #[schema(minimum = -180, maximum = 180)]
    longitude: f64,
    #[schema(pattern = "^[^\\x00]*$")]
    phone: String,
    /// An IANA time zone (default `Asia/Shanghai`).
    #[schema(example = "Asia/Shanghai", pattern = "^[^\\x00]*$")]
    time_zone: Option<String>,
    /// Weekly opening hours: `Mon-Fri 09:00-12:00 13:30-17:00; Sat 09:00-12:00`.
    #[schema(example = "Mon-Fri 09:00-12:00 13:30-17:00", pattern = "^[^\\x00]*$")]
    hours: String,
    /// Service codes on record; at least one.
    #[schema(min_items = 1)]
    services: Vec<ServiceCodeDoc>,
    #[schema(pattern = "^[^\\x00]*$")]
    source_url: String,
    checked_on: chrono::NaiveDate,
    verified: bool,
    #[schema(pattern = "^[^\\x00]*$")]
    note: Option<String>,
}

/// A service code (`ServiceCode`).
#[derive(Debug, Deserialize, ToSchema)]
#[schema(
    example = "residence-renewal",
    pattern = "^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$"
)]
#[allow(dead_code)]
pub(super) struct ServiceCodeDoc(String);

/// `PUT /api/v1/admin/offices/{id}`: one office record as in the offices import.
#[utoipa::path(put, path = "/api/v1/admin/offices/{office}", tag = "offices",
    params(("office" = String, Path, description = "office id", example = "beijing-andingmen", pattern = "^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$")),
    request_body(content = OfficeRecordDoc, description = "one office record as in the offices import (docs/import.md); `id` is required and must be the office of the path"),
    responses((status = 200, description = "updated or unchanged", body = Imported), (status = 201, description = "created", body = Imported), super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn put_office(
    State(app): State<App>,
    caller: Caller,
    Path(office): Path<String>,
    JsonBody(body): JsonBody<serde_json::Value>,
) -> Result<Response, ApiError> {
    caller.require("offices:write")?;
    caller.require_office(&office)?;
    if body.get("id").and_then(|v| v.as_str()) != Some(office.as_str()) {
        return Err(ApiError::invalid("id", "must be the office id of the path"));
    }
    let text = serde_json::Value::Array(vec![body]).to_string();
    let imported = apply(&app, &caller, ImportKind::Offices, Format::Json, &text).await?;
    let status = if imported.inserted > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(imported)).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct LinkCodeBody {
    /// ISO 3166-1 alpha-3.
    #[schema(value_type = String, example = "DEU", pattern = "^[A-Za-z]{3}$")]
    nationality: Nationality,
    /// 5 to 20 letters and digits.
    #[schema(value_type = String, example = "E12345678", pattern = "^[A-Za-z0-9]{5,20}$")]
    passport_no: PassportNo,
    /// Default: in 30 days. Later than now and at most 366 days ahead of the server's clock
    /// (422 otherwise).
    #[serde(default)]
    expires_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct LinkCode {
    /// Shown once; only its digest is stored.
    code: String,
    expires_at: DateTime<Utc>,
}

/// Codes without look-alikes, grouped for reading out: `LINK-7KQ3-M9XP`.
fn new_link_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let mut part = || -> String {
        (0..4)
            .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
            .collect()
    };
    format!("LINK-{}-{}", part(), part())
}

/// A one-time code an applicant types in the chat to prove who they are. The answer is the
/// same whether the passport is on record or not, so the route tells no one who is: the
/// code works only for an applicant on record whom one of the token's offices knows (an
/// application or an appointment there; anyone, for a token of every office), and links
/// nothing otherwise.
#[utoipa::path(post, path = "/api/v1/admin/link-codes", tag = "records",
    request_body = LinkCodeBody,
    responses((status = 201, description = "a code, shown once; it works only for an applicant on record known at one of the token's offices, and the answer does not say whether that is so", body = LinkCode), super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn issue_link_code(
    State(app): State<App>,
    caller: Caller,
    JsonBody(body): JsonBody<LinkCodeBody>,
) -> Result<Response, ApiError> {
    caller.require("records:write")?;
    let now = app.clock.now();
    let expires_at = body.expires_at.unwrap_or(now + Duration::days(30));
    if expires_at <= now || expires_at > now + Duration::days(366) {
        return Err(ApiError::invalid(
            "expires_at",
            "must be within the next year",
        ));
    }
    // The answer is the same whether the passport is on record, on record at another
    // office, or unknown: a code is made either way, and stored only for an applicant the
    // token may act on. Any other code links nothing: the chat answers it as any proof that
    // does not match, and the person comes back to the office.
    let code = new_link_code();
    let holder = app
        .repo
        .applicant_by_passport(&body.nationality, &body.passport_no)
        .await?;
    let in_scope = match holder {
        Some(holder) => caller.acts_for_applicant(&app, holder.id).await?,
        None => false,
    };
    let issued = in_scope
        && app
            .backoffice
            .issue_link_code(
                &body.nationality,
                &body.passport_no,
                &hash_link_code(&code),
                &caller.0.name,
                expires_at,
            )
            .await?;
    caller
        .audit(
            &app,
            "link-code-issue",
            visadesk_bot::store::passport_attempts(&visadesk_bot::store::passport_key(
                &body.nationality,
                &body.passport_no,
            )),
            if issued { "issued" } else { "not-issued" },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(LinkCode { code, expires_at })).into_response())
}

fn no_e_document() -> ApiError {
    ApiError::NotFound("no e-document with this id".into())
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Revoked {
    id: String,
    revoked: bool,
}

/// Revokes an e-document whose holder one of the token's offices knows; any other is
/// answered as one that does not exist (404).
#[utoipa::path(post, path = "/api/v1/admin/e-documents/{id}/revoke", tag = "records",
    params(("id" = String, Path, description = "e-document id")),
    responses((status = 200, description = "revoked", body = Revoked), super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn revoke_e_document(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Revoked>, ApiError> {
    caller.require("records:write")?;
    if id.is_empty() || id.chars().count() > 128 || id.chars().any(char::is_control) {
        return Err(no_e_document());
    }
    // The holder of someone else's e-document is not the caller's to touch: answered as an
    // e-document that does not exist.
    let in_scope = match app.repo.e_document(&id).await? {
        Some(document) => {
            caller
                .acts_for_applicant(&app, document.applicant_id)
                .await?
        }
        None => false,
    };
    if !in_scope {
        return Err(no_e_document());
    }
    match app
        .backoffice
        .revoke_e_document(&id, app.clock.now())
        .await?
    {
        RevokeOutcome::Revoked => {
            caller
                .audit(
                    &app,
                    "e-document-revoke",
                    format!("e-document:{id}"),
                    "revoked",
                )
                .await?;
            Ok(Json(Revoked { id, revoked: true }))
        }
        RevokeOutcome::NotFound => Err(no_e_document()),
        RevokeOutcome::AlreadyRevoked => Err(ApiError::Conflict(
            "the e-document is already revoked".into(),
        )),
    }
}
