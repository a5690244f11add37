//! Applications: an office registers one and moves it through its statuses. A status change
//! plans the notifications of everyone linked to the applicant in the same transaction.

use super::{ApiError, Caller, JsonBody};
use crate::app::App;
use crate::dispatch::quiet_until_in;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use visadesk_bot::domain::{
    ApplicationStatus, CHINA_TIME_ZONE, Nationality, OfficeId, PassportNo, ReceiptNo, ServiceCode,
};
use visadesk_bot::notify::PickupDetails;
use visadesk_bot::store::backoffice::{
    CreateRefusal, NewApplication, OfficeApplication, StatusOutcome, StatusUpdate,
};

const SCOPE: &str = "applications:write";
const NOTE_MAX: usize = 1000;
const PLACE_MAX: usize = 300;
const BRING_MAX: usize = 500;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/admin/applications", post(create))
        .route("/api/v1/admin/applications/{receipt}", get(show))
        .route(
            "/api/v1/admin/applications/{receipt}/status",
            post(change_status),
        )
}

/// A new application; the applicant (nationality + passport number) must be on record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct CreateBody {
    /// 6 to 32 letters, digits or '-'.
    #[schema(value_type = String, example = "BJ-2026-000777", pattern = "^[A-Za-z0-9-]{6,32}$")]
    receipt_no: ReceiptNo,
    /// ISO 3166-1 alpha-3. The applicant must be on record (422 `passport_no` otherwise).
    #[schema(value_type = String, example = "DEU", pattern = "^[A-Za-z]{3}$")]
    nationality: Nationality,
    /// 5 to 20 letters and digits.
    #[schema(value_type = String, example = "E12345678", pattern = "^[A-Za-z0-9]{5,20}$")]
    passport_no: PassportNo,
    /// A service on record (422 `service` otherwise).
    #[schema(value_type = String, example = "residence-renewal", pattern = "^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$")]
    service: ServiceCode,
    /// An office on record (422 `office` otherwise).
    #[schema(value_type = String, example = "beijing-andingmen", pattern = "^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$")]
    office: OfficeId,
    /// Default: now. Not in the future (422 otherwise).
    #[schema(pattern = "^(20[0-9]{2}|2100)-")]
    #[serde(default)]
    submitted_at: Option<DateTime<Utc>>,
}

/// A status change. `pickup` goes with `ready_for_pickup` and only with it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct StatusBody {
    /// A move the current status allows (409 otherwise): forward, or back to
    /// `more_documents_needed`; `collected` and `rejected` are final.
    #[schema(value_type = String, example = "ready_for_pickup",
        pattern = "^(received|in_review|more_documents_needed|approved|ready_for_pickup|collected|rejected)$")]
    status: ApplicationStatus,
    /// 1 to 1000 characters, shown to the applicant; not only spaces, no control characters.
    #[schema(
        max_length = 1000,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    pickup: Option<PickupBody>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct PickupBody {
    /// Where to collect (1 to 300 characters; not only spaces, no control characters).
    #[schema(
        max_length = 300,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    place: String,
    /// In the years 2000 to 2100.
    #[schema(pattern = "^(20[0-9]{2}|2100)-")]
    from: DateTime<Utc>,
    /// Later than `from` and than the server's clock (422 otherwise: a window already over is
    /// refused, one that has begun is fine); in the years 2000 to 2100.
    #[schema(pattern = "^(20[0-9]{2}|2100)-")]
    until: DateTime<Utc>,
    /// What to bring (1 to 500 characters; not only spaces, no control characters); default:
    /// passport and acceptance slip.
    #[schema(
        max_length = 500,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    #[serde(default)]
    bring: Option<String>,
}

/// An application as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ApplicationView {
    receipt_no: String,
    service: String,
    office: String,
    submitted_at: DateTime<Utc>,
    #[schema(value_type = String)]
    status: ApplicationStatus,
    status_note: Option<String>,
    pickup: Option<PickupView>,
    history: Vec<HistoryView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct PickupView {
    place: String,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    bring: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct HistoryView {
    #[schema(value_type = String)]
    status: ApplicationStatus,
    at: DateTime<Utc>,
    note: Option<String>,
}

impl From<OfficeApplication> for ApplicationView {
    fn from(a: OfficeApplication) -> ApplicationView {
        let app = a.application;
        ApplicationView {
            receipt_no: app.receipt_no.as_str().to_string(),
            service: app.service.as_str().to_string(),
            office: app.office.as_str().to_string(),
            submitted_at: app.submitted_at,
            status: app.status,
            status_note: app.status_note,
            pickup: a.pickup.map(|p| PickupView {
                place: p.place,
                from: p.from,
                until: p.until,
                bring: p.bring,
            }),
            history: app
                .history
                .into_iter()
                .map(|h| HistoryView {
                    status: h.status,
                    at: h.at,
                    note: h.note,
                })
                .collect(),
        }
    }
}

fn no_application() -> ApiError {
    ApiError::NotFound("no application with this receipt number".into())
}

/// The application with this receipt number, if it is at one of the caller's offices; one
/// at another office is answered as one that does not exist.
async fn application_of(
    app: &App,
    caller: &Caller,
    receipt: &ReceiptNo,
) -> Result<OfficeApplication, ApiError> {
    app.backoffice
        .application(receipt)
        .await?
        .filter(|found| caller.acts_for(found.application.office.as_str()))
        .ok_or_else(no_application)
}

fn receipt(text: &str) -> Result<ReceiptNo, ApiError> {
    text.parse()
        .map_err(|e: visadesk_bot::domain::ParseError| ApiError::invalid("receipt_no", e.0))
}

/// Checks what the types cannot: lengths, pickup details given exactly with "ready for
/// pickup", and a pickup window that ends after it starts and after `now` (one that began
/// already is fine: the documents may have been ready since yesterday).
fn status_update(body: StatusBody, now: DateTime<Utc>) -> Result<StatusUpdate, ApiError> {
    let note = body
        .note
        .as_deref()
        .map(|n| super::text_field(n, "note", NOTE_MAX))
        .transpose()?;
    let pickup = match (body.status, body.pickup) {
        (ApplicationStatus::ReadyForPickup, None) => {
            return Err(ApiError::invalid(
                "pickup",
                "ready_for_pickup needs the pickup details (place, from, until)",
            ));
        }
        (ApplicationStatus::ReadyForPickup, Some(p)) => {
            super::plausible_time(p.from, "pickup.from")?;
            super::plausible_time(p.until, "pickup.until")?;
            if p.until <= p.from {
                return Err(ApiError::invalid(
                    "pickup.until",
                    "must be later than pickup.from",
                ));
            }
            if p.until <= now {
                return Err(ApiError::invalid(
                    "pickup.until",
                    "the pickup window is already over: it must end in the future",
                ));
            }
            Some(PickupDetails {
                place: super::text_field(&p.place, "pickup.place", PLACE_MAX)?,
                from: p.from,
                until: p.until,
                bring: p
                    .bring
                    .as_deref()
                    .map(|b| super::text_field(b, "pickup.bring", BRING_MAX))
                    .transpose()?,
            })
        }
        (_, Some(_)) => {
            return Err(ApiError::invalid(
                "pickup",
                "pickup details go only with ready_for_pickup",
            ));
        }
        (_, None) => None,
    };
    Ok(StatusUpdate {
        status: body.status,
        note,
        pickup,
    })
}

#[utoipa::path(post, path = "/api/v1/admin/applications", tag = "applications",
    request_body = CreateBody,
    responses((status = 201, description = "created", body = ApplicationView), super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn create(
    State(app): State<App>,
    caller: Caller,
    JsonBody(body): JsonBody<CreateBody>,
) -> Result<Response, ApiError> {
    caller.require(SCOPE)?;
    caller.require_office(body.office.as_str())?;
    let now = app.clock.now();
    if let Some(at) = body.submitted_at {
        super::plausible_time(at, "submitted_at")?;
    }
    if body.submitted_at.is_some_and(|at| at > now) {
        return Err(ApiError::invalid(
            "submitted_at",
            "must not be in the future",
        ));
    }
    let new = NewApplication {
        receipt_no: body.receipt_no,
        nationality: body.nationality,
        passport_no: body.passport_no,
        service: body.service,
        office: body.office,
        submitted_at: body.submitted_at.unwrap_or(now),
    };
    match app
        .backoffice
        .create_application(&new, &caller.actor(), now)
        .await?
    {
        Ok(created) => {
            Ok((StatusCode::CREATED, Json(ApplicationView::from(created))).into_response())
        }
        Err(CreateRefusal::ReceiptTaken) => Err(ApiError::Conflict(
            "an application with this receipt number exists".into(),
        )),
        Err(CreateRefusal::UnknownApplicant) => Err(ApiError::invalid(
            "passport_no",
            "no applicant with this nationality and passport number",
        )),
        Err(CreateRefusal::UnknownService) => Err(ApiError::invalid("service", "unknown service")),
        Err(CreateRefusal::UnknownOffice) => Err(ApiError::invalid("office", "unknown office")),
    }
}

#[utoipa::path(get, path = "/api/v1/admin/applications/{receipt}", tag = "applications",
    params(("receipt" = String, Path, description = "receipt number: 6 to 32 letters, digits or '-'", example = "DEMO-2026-000001", pattern = "^[A-Za-z0-9-]{6,32}$")),
    responses((status = 200, description = "the application", body = ApplicationView), super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn show(
    State(app): State<App>,
    caller: Caller,
    Path(receipt_text): Path<String>,
) -> Result<Json<ApplicationView>, ApiError> {
    caller.require(SCOPE)?;
    let receipt = receipt(&receipt_text)?;
    let found = application_of(&app, &caller, &receipt).await?;
    Ok(Json(found.into()))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct StatusChanged {
    application: ApplicationView,
    /// Notifications planned (one per person told).
    notifications: u64,
    /// When the notifications go out, if the change was made during the quiet hours (in the
    /// office's zone): they are held until then. Absent when they go out at once.
    #[serde(skip_serializing_if = "Option::is_none")]
    held_until: Option<DateTime<Utc>>,
}

#[utoipa::path(post, path = "/api/v1/admin/applications/{receipt}/status", tag = "applications",
    params(("receipt" = String, Path, description = "receipt number: 6 to 32 letters, digits or '-'", example = "DEMO-2026-000001", pattern = "^[A-Za-z0-9-]{6,32}$")),
    request_body = StatusBody,
    responses((status = 200, description = "changed; notifications planned", body = StatusChanged), super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn change_status(
    State(app): State<App>,
    caller: Caller,
    Path(receipt_text): Path<String>,
    JsonBody(body): JsonBody<StatusBody>,
) -> Result<Json<StatusChanged>, ApiError> {
    caller.require(SCOPE)?;
    let receipt = receipt(&receipt_text)?;
    let update = status_update(body, app.clock.now())?;
    application_of(&app, &caller, &receipt).await?;
    match app
        .backoffice
        .change_status(&receipt, &update, &caller.actor(), app.clock.now())
        .await?
    {
        StatusOutcome::Changed {
            application,
            planned,
        } => {
            // A change made during the quiet hours (in the office's zone) is told when they
            // end; the office learns when.
            let office = application.application.office.clone();
            let zone = app
                .repo
                .offices()
                .await?
                .into_iter()
                .find(|o| o.id == office)
                .map_or(CHINA_TIME_ZONE, |o| o.time_zone);
            let quiet = app.settings.notifications.quiet_hours;
            let held_until = (planned > 0)
                .then(|| quiet_until_in(quiet, app.clock.now(), zone))
                .flatten();
            Ok(Json(StatusChanged {
                application: (*application).into(),
                notifications: planned,
                held_until,
            }))
        }
        StatusOutcome::NotFound => Err(no_application()),
        StatusOutcome::Illegal { from } => Err(ApiError::Conflict(format!(
            "an application cannot move from {from} to {}",
            update.status
        ))),
    }
}
