//! Reading what visadesk sent or gave up on (the dead-letter queue is `state=dead`),
//! putting a dead notification back in the queue, and reading the audit log.

use super::{ApiError, Caller};
use crate::app::App;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use visadesk_bot::store::backoffice::{AuditFilter, OutboxRow};

const STATES: &[&str] = &["pending", "sending", "delivered", "skipped", "dead"];

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/admin/outbox", get(list))
        .route("/api/v1/admin/outbox/{id}/requeue", post(requeue))
        .route("/api/v1/admin/audit", get(audit))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ListQuery {
    /// pending, sending, delivered, skipped or dead (the dead-letter queue).
    #[param(pattern = "^(pending|sending|delivered|skipped|dead)$")]
    state: Option<String>,
    /// 1 to 1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<i64>,
}

/// An outbox row without its payload (which may name a person's pickup place).
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct OutboxView {
    id: i64,
    kind: String,
    state: String,
    attempts: i32,
    due_at: DateTime<Utc>,
    last_error: Option<String>,
    created_at: DateTime<Utc>,
    delivered_at: Option<DateTime<Utc>>,
}

impl From<OutboxRow> for OutboxView {
    fn from(r: OutboxRow) -> OutboxView {
        OutboxView {
            id: r.id,
            kind: r.kind,
            state: r.state,
            attempts: r.attempts,
            due_at: r.due_at,
            last_error: r.last_error,
            created_at: r.created_at,
            delivered_at: r.delivered_at,
        }
    }
}

/// The outbox and the audit log span every office and their rows carry none (a notice is
/// for a person, an audit line names a subject), so they cannot be cut down to a token's
/// offices: only tokens for every office read them. The refusal comes before anything is
/// read, so it is the same for every id and filter.
fn every_office(caller: &Caller) -> Result<(), ApiError> {
    if caller.0.offices.is_some() {
        return Err(ApiError::Forbidden(
            "the outbox and the audit log need a token for every office".into(),
        ));
    }
    Ok(())
}

fn limit(value: Option<i64>) -> Result<i64, ApiError> {
    match value {
        None => Ok(100),
        Some(n) if (1..=1000).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::invalid("limit", "must be between 1 and 1000")),
    }
}

#[utoipa::path(get, path = "/api/v1/admin/outbox", tag = "notifications",
    params(ListQuery),
    responses((status = 200, description = "notifications, newest first", body = Vec<OutboxView>), super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn list(
    State(app): State<App>,
    caller: Caller,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<OutboxView>>, ApiError> {
    caller.require("outbox:read")?;
    every_office(&caller)?;
    if let Some(state) = query.state.as_deref()
        && !STATES.contains(&state)
    {
        return Err(ApiError::invalid(
            "state",
            format!("must be one of {}", STATES.join(", ")),
        ));
    }
    let rows = app
        .backoffice
        .outbox(query.state.as_deref(), limit(query.limit)?)
        .await?;
    Ok(Json(rows.into_iter().map(OutboxView::from).collect()))
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Requeued {
    id: i64,
    state: &'static str,
}

#[utoipa::path(post, path = "/api/v1/admin/outbox/{id}/requeue", tag = "notifications",
    params(("id" = i64, Path, description = "outbox row id")),
    responses((status = 200, description = "back in the queue", body = Requeued), super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn requeue(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<i64>,
) -> Result<Json<Requeued>, ApiError> {
    caller.require("outbox:write")?;
    every_office(&caller)?;
    let now = app.clock.now();
    if !app.backoffice.requeue(id, now).await? {
        return Err(ApiError::NotFound(
            "no dead notification with this id".into(),
        ));
    }
    caller
        .audit(&app, "outbox-requeue", format!("outbox:{id}"), "requeued")
        .await?;
    Ok(Json(Requeued {
        id,
        state: "pending",
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct AuditQuery {
    /// Only lines of this actor (a token's name, a chat user's id…).
    #[param(
        min_length = 1,
        max_length = 200,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    actor: Option<String>,
    /// Only lines of this action (`application-status`, `link`, `disclose-progress`…).
    #[param(
        min_length = 1,
        max_length = 200,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    action: Option<String>,
    /// Only lines about this subject (`application:17`).
    #[param(
        min_length = 1,
        max_length = 200,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    subject: Option<String>,
    /// From this moment on (inclusive); in the years 2000 to 2100.
    #[param(pattern = "^(20[0-9]{2}|2100)-")]
    since: Option<DateTime<Utc>>,
    /// Before this moment; in the years 2000 to 2100.
    #[param(pattern = "^(20[0-9]{2}|2100)-")]
    until: Option<DateTime<Utc>>,
    /// 1 to 1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct AuditView {
    at: DateTime<Utc>,
    actor_kind: String,
    actor: String,
    channel: Option<String>,
    action: String,
    subject: Option<String>,
    outcome: String,
}

#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "audit",
    params(AuditQuery),
    responses((status = 200, description = "audit lines, newest first", body = Vec<AuditView>), super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn audit(
    State(app): State<App>,
    caller: Caller,
    Query(query): Query<AuditQuery>,
) -> Result<Json<Vec<AuditView>>, ApiError> {
    caller.require("audit:read")?;
    every_office(&caller)?;
    for (field, value) in [
        ("actor", &query.actor),
        ("action", &query.action),
        ("subject", &query.subject),
    ] {
        if value.as_ref().is_some_and(|v| {
            v.is_empty() || v.chars().count() > 200 || v.chars().any(char::is_control)
        }) {
            return Err(ApiError::invalid(field, "must be 1 to 200 characters"));
        }
    }
    if let Some(since) = query.since {
        super::plausible_time(since, "since")?;
    }
    if let Some(until) = query.until {
        super::plausible_time(until, "until")?;
    }
    let filter = AuditFilter {
        actor: query.actor,
        action: query.action,
        subject: query.subject,
        since: query.since,
        until: query.until,
        limit: limit(query.limit)?,
    };
    let rows = app.backoffice.audit_query(&filter).await?;
    Ok(Json(
        rows.into_iter()
            .map(|a| AuditView {
                at: a.at,
                actor_kind: a.actor_kind,
                actor: a.actor,
                channel: a.channel,
                action: a.action,
                subject: a.subject,
                outcome: a.outcome,
            })
            .collect(),
    ))
}
