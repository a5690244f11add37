//! The back-office API (`/api/v1/admin/…`): offices feed visadesk with application statuses
//! and read the audit log and the dead-letter queue.
//!
//! Every request carries a bearer token (`visadesk token create`); `authenticate` turns it
//! into a `Caller` (401 when missing, unknown or revoked), and each handler asks the caller
//! for the scope it needs (403). A token limited to some offices is refused an office the
//! request names (403, the same for one that does not exist), and sees nothing that belongs
//! to another office: an application, a slot, an e-document or an applicant of another
//! office is answered exactly as one that does not exist (docs/security.md, "Office
//! scopes"). Handlers are thin: parse the body (`JsonBody`, 400 for broken JSON, 422
//! naming the field), call the store, map the outcome. Every error becomes an `ApiError`,
//! mapped to a status and a JSON body in one place.

mod applications;
mod calendar;
pub mod openapi;
mod outbox;
mod people;
mod processing_times;
mod records;

use crate::app::App;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use std::sync::Arc;
use visadesk_bot::store::StoreError;
use visadesk_bot::store::backoffice::{self, Actor, ApiToken, hash_api_token};

pub fn routes(app: App) -> Router<App> {
    let authenticated = Router::new()
        .merge(applications::routes())
        .merge(outbox::routes())
        .merge(calendar::routes())
        .merge(records::routes())
        .merge(people::routes())
        .merge(processing_times::routes())
        // Only on these routes: as a plain layer it also guarded the fallback, so every path
        // nothing serves answered 401 instead of 404.
        .route_layer(middleware::from_fn_with_state(app, authenticate));
    authenticated.route("/api/v1/openapi.json", axum::routing::get(openapi::serve))
}

/// Why an admin request failed; the one place where outcomes become HTTP statuses.
#[derive(Debug)]
pub enum ApiError {
    /// No token, an unknown one, or a revoked one.
    Unauthorized,
    /// The token lacks the scope or the office.
    Forbidden(String),
    NotFound(String),
    /// The body is not JSON at all.
    BadRequest(String),
    /// The body is JSON but a field is missing, of the wrong type or out of range.
    Invalid {
        field: String,
        message: String,
    },
    /// The request contradicts the current state (illegal status transition, taken receipt).
    Conflict(String),
    /// Something broke inside; the cause is logged, the caller gets no detail.
    Internal,
}

impl ApiError {
    pub fn invalid(field: &str, message: impl Into<String>) -> ApiError {
        ApiError::Invalid {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    /// The database's own message names tables, columns, encodings and line numbers: it is
    /// logged under a reference (the request id, also answered in `X-Request-Id`), and the
    /// caller gets only that reference.
    fn from(e: StoreError) -> ApiError {
        let reference = crate::observe::current_request_id()
            .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string()[..8].to_ascii_uppercase());
        if backoffice::is_refused_data(&e) {
            tracing::warn!(reference, error = %e, "admin API: the database refused a value");
            return ApiError::invalid(
                "body",
                format!(
                    "a value of this request cannot be stored (text with a NUL character, a number or date out of range); reference {reference}"
                ),
            );
        }
        tracing::error!(reference, error = %e, "admin API: store failed");
        ApiError::Internal
    }
}

/// The years a date or time from an office may fall in; anything else is a typo (and some
/// values would not even fit the database's types).
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The office a request names in its path, if the token may act for it (403 otherwise,
/// whether it exists or not); 422 for an id that cannot be one, 404 for one not on record.
async fn office(
    app: &App,
    caller: &Caller,
    id: &str,
) -> Result<visadesk_bot::domain::Office, ApiError> {
    let id: visadesk_bot::domain::OfficeId = id
        .parse()
        .map_err(|e: visadesk_bot::domain::ParseError| ApiError::invalid("office", e.0))?;
    caller.require_office(id.as_str())?;
    app.repo
        .offices()
        .await?
        .into_iter()
        .find(|o| o.id == id)
        .ok_or_else(|| ApiError::NotFound("no office with this id".into()))
}

/// Checks that a date is plausible.
pub fn plausible_date(day: chrono::NaiveDate, field: &str) -> Result<(), ApiError> {
    use chrono::Datelike;
    if YEARS.contains(&day.year()) {
        Ok(())
    } else {
        Err(ApiError::invalid(
            field,
            "must be between the years 2000 and 2100",
        ))
    }
}

/// A JSON integer as JSON Schema counts them: `107` and `107.0` are the same integer (the
/// OpenAPI document says `type: integer`, which admits both), so a whole number written
/// with a fraction is accepted; `107.5` is refused.
pub fn whole_number<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: TryFrom<i64>,
{
    use serde::de::Error;
    let number = serde_json::Number::deserialize(deserializer)?;
    let whole = match number.as_i64() {
        Some(n) => Some(n),
        None => number
            .as_f64()
            .filter(|f| f.fract() == 0.0 && (i64::MIN as f64..=i64::MAX as f64).contains(f))
            .map(|f| f as i64),
    };
    whole
        .and_then(|n| T::try_from(n).ok())
        .ok_or_else(|| D::Error::custom(format!("{number} is not a whole number in range")))
}

/// `whole_number` for an optional field (`null` or absent is `None`).
pub fn optional_whole_number<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: TryFrom<i64>,
{
    #[derive(serde::Deserialize)]
    struct Whole<T: TryFrom<i64>>(#[serde(deserialize_with = "whole_number")] T);
    Ok(Option::<Whole<T>>::deserialize(deserializer)?.map(|Whole(n)| n))
}

/// A free text an office writes for people (a status note, a pickup place, a closure
/// reason): at most `max` characters, no control characters, not only spaces; stored
/// trimmed. The OpenAPI document states the same rule as `maxLength` and a `pattern`, so
/// the length and the control characters are checked before trimming.
pub fn text_field(value: &str, field: &str, max: usize) -> Result<String, ApiError> {
    let trimmed = value.trim();
    if trimmed.is_empty() || value.chars().count() > max || value.chars().any(char::is_control) {
        return Err(ApiError::invalid(
            field,
            format!("must be 1 to {max} characters, not only spaces, without control characters"),
        ));
    }
    Ok(trimmed.to_string())
}

/// Checks that a moment is plausible.
pub fn plausible_time(at: chrono::DateTime<chrono::Utc>, field: &str) -> Result<(), ApiError> {
    plausible_date(at.date_naive(), field)
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                json!({ "error": "unauthorized", "message": "a valid bearer token is required" }),
            ),
            ApiError::Forbidden(m) => (
                StatusCode::FORBIDDEN,
                json!({ "error": "forbidden", "message": m }),
            ),
            ApiError::NotFound(m) => (
                StatusCode::NOT_FOUND,
                json!({ "error": "not_found", "message": m }),
            ),
            ApiError::BadRequest(m) => (
                StatusCode::BAD_REQUEST,
                json!({ "error": "invalid_json", "message": m }),
            ),
            ApiError::Invalid { field, message } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({ "error": "invalid_field", "field": field, "message": message }),
            ),
            ApiError::Conflict(m) => (
                StatusCode::CONFLICT,
                json!({ "error": "conflict", "message": m }),
            ),
            ApiError::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                json!({ "error": "internal", "message": "internal error" }),
            ),
        };
        let mut response = (status, axum::Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

/// The token a request came with, checked.
#[derive(Debug, Clone)]
pub struct Caller(pub Arc<ApiToken>);

impl Caller {
    pub fn require(&self, scope: &str) -> Result<(), ApiError> {
        if self.0.scopes.iter().any(|s| s == scope) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "this token lacks the scope {scope}"
            )))
        }
    }

    /// Refuses an office the request names (in its path or body) that the token may not act
    /// for. Checked before the office is looked up, so an office of someone else and one that
    /// does not exist get the same answer (which names neither).
    pub fn require_office(&self, office: &str) -> Result<(), ApiError> {
        if self.acts_for(office) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                "this token may not act for this office".into(),
            ))
        }
    }

    /// Whether the token may act for `office` (tokens without an office list act for all).
    /// A thing found by its id (an application, a slot) whose office is not the token's is
    /// answered as if it did not exist: the caller learns nothing about other offices.
    pub fn acts_for(&self, office: &str) -> bool {
        match &self.0.offices {
            Some(offices) => offices.iter().any(|o| o == office),
            None => true,
        }
    }

    /// Whether the token may act on an applicant: one of its offices knows them (an
    /// application or an appointment there). Tokens for every office act on everyone.
    pub async fn acts_for_applicant(&self, app: &App, applicant_id: i64) -> Result<bool, ApiError> {
        if self.0.offices.is_none() {
            return Ok(true);
        }
        let offices = app.backoffice.applicant_offices(applicant_id).await?;
        Ok(offices.iter().any(|o| self.acts_for(o.as_str())))
    }

    /// The audit actor: the token's name.
    pub fn actor(&self) -> Actor {
        Actor {
            kind: "api-token",
            name: self.0.name.clone(),
        }
    }

    /// Writes the audit line of a change this caller made outside a store transaction.
    pub async fn audit(
        &self,
        app: &App,
        action: &'static str,
        subject: String,
        outcome: &'static str,
    ) -> Result<(), ApiError> {
        let entry = self.actor().audit_entry(action, subject, outcome);
        app.repo.audit(&entry, app.clock.now()).await?;
        Ok(())
    }
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Caller, ApiError> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or(ApiError::Unauthorized)
    }
}

/// Checks the bearer token before any admin handler runs.
async fn authenticate(State(app): State<App>, mut request: Request, next: Next) -> Response {
    let secret = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let Some(secret) = secret else {
        return ApiError::Unauthorized.into_response();
    };
    match app.backoffice.token_by_hash(&hash_api_token(secret)).await {
        Ok(Some(token)) if token.revoked_at.is_none() => {
            request.extensions_mut().insert(Caller(Arc::new(token)));
            next.run(request).await
        }
        Ok(_) => ApiError::Unauthorized.into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

/// A JSON body: 400 when it is not JSON, 422 naming the field when a field is wrong.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<JsonBody<T>, ApiError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| ApiError::BadRequest(e.body_text()))?;
        let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
        let value = match serde_path_to_error::deserialize(&mut deserializer) {
            Ok(value) => value,
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner();
                return match inner.classify() {
                    serde_json::error::Category::Data => Err(ApiError::Invalid {
                        field: field_of(&path, &inner.to_string()),
                        message: inner.to_string(),
                    }),
                    _ => Err(ApiError::BadRequest(inner.to_string())),
                };
            }
        };
        deserializer
            .end()
            .map_err(|e| ApiError::BadRequest(e.to_string()))?;
        Ok(JsonBody(value))
    }
}

/// The field a serde error is about: its path, plus the name in "missing field `x`" (serde
/// reports a missing field at its parent's path).
fn field_of(path: &str, message: &str) -> String {
    let parent = if path == "." { "" } else { path };
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (parent, missing) {
        ("", Some(name)) => name.to_string(),
        (parent, Some(name)) => format!("{parent}.{name}"),
        ("", None) => "body".to_string(),
        (parent, None) => parent.to_string(),
    }
}
