//! Processing times: how long an office usually takes per service, the same figures the
//! progress screen gives applicants (`visadesk_bot::processing`).

use super::{ApiError, Caller};
use crate::app::App;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;
use visadesk_bot::processing::{self, Basis};

pub fn routes() -> Router<App> {
    Router::new().route(
        "/api/v1/admin/offices/{office}/processing-times",
        get(processing_times),
    )
}

/// The processing time of one service at the office.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ProcessingTimeView {
    service: String,
    /// Statutory working days (Monday to Friday, public holidays skipped) within which
    /// `percentile` % of the office's applications for the service were ready, or the
    /// service's published processing time; absent when neither is known.
    working_days: Option<i64>,
    /// `completed`: the office's own applications ready in the last `window_days` days (at
    /// least 20); `published`: the service's published time (fewer cases); `unknown`.
    #[schema(pattern = "^(completed|published|unknown)$")]
    basis: &'static str,
    /// Applications of the service at the office ready in the window.
    cases: usize,
    percentile: usize,
    window_days: i64,
}

#[utoipa::path(get, path = "/api/v1/admin/offices/{office}/processing-times", tag = "offices",
    params(("office" = String, Path, description = "office id", example = "beijing-andingmen", pattern = "^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$")),
    responses((status = 200, description = "one entry per service the office offers", body = Vec<ProcessingTimeView>), super::openapi::Errors),
    security(("bearer" = [])))]
/// Any token that may act for the office reads them: they are aggregates, no one's data.
pub(super) async fn processing_times(
    State(app): State<App>,
    caller: Caller,
    Path(office): Path<String>,
) -> Result<Json<Vec<ProcessingTimeView>>, ApiError> {
    let office = super::office(&app, &caller, &office).await?;
    let services = app.repo.services().await?;
    let now = app.clock.now();
    let mut views = Vec::new();
    for service in services
        .iter()
        .filter(|s| office.services.contains(&s.code))
    {
        let time = processing::processing_time(app.repo.as_ref(), &office, service, now).await?;
        let (basis, cases) = match time.map(|t| t.basis) {
            Some(Basis::Completed { cases }) => ("completed", cases),
            Some(Basis::Published { cases }) => ("published", cases),
            None => ("unknown", 0),
        };
        views.push(ProcessingTimeView {
            service: service.code.as_str().to_string(),
            working_days: time.map(|t| t.working_days),
            basis,
            cases,
            percentile: processing::PERCENTILE,
            window_days: processing::WINDOW_DAYS,
        });
    }
    Ok(Json(views))
}
