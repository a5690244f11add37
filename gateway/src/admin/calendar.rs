//! Slot calendars: generate an office's slots from the template for a date range, change a
//! slot's capacity, close a day (its booked appointments are cancelled and their holders
//! told, with a rebook button, in the same transaction).

use super::{ApiError, Caller, JsonBody};
use crate::app::App;
use axum::extract::{Path, State};
use axum::routing::{patch, post};
use axum::{Json, Router};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use visadesk_bot::domain::{SlotGroup, SlotTemplate};
use visadesk_bot::store::backoffice::CapacityOutcome;

const SCOPE: &str = "slots:write";
/// The longest range one request may generate.
const MAX_DAYS: i64 = 366;

pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/api/v1/admin/offices/{office}/slots/generate",
            post(generate),
        )
        .route("/api/v1/admin/offices/{office}/closures", post(close_day))
        .route("/api/v1/admin/slots/{id}", patch(set_capacity))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct GenerateBody {
    /// In the years 2000 to 2100.
    #[schema(pattern = "^(20[0-9]{2}|2100)-")]
    from: NaiveDate,
    /// Not before `from`, at most 366 days after it (422 otherwise); in the years 2000 to 2100.
    #[schema(pattern = "^(20[0-9]{2}|2100)-")]
    to: NaiveDate,
    /// 5 to 240 (default: the configured template).
    #[schema(minimum = 5, maximum = 240)]
    #[serde(default, deserialize_with = "super::optional_whole_number")]
    slot_minutes: Option<u32>,
    /// 1 to 1000 (default: the configured template).
    #[schema(minimum = 1, maximum = 1000)]
    #[serde(default, deserialize_with = "super::optional_whole_number")]
    capacity: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Generated {
    created: u64,
}

/// Slots for the office's working days in `[from, to]` (its hours, holidays and closures),
/// for every slot group its services need; existing slots are left as they are.
#[utoipa::path(post, path = "/api/v1/admin/offices/{office}/slots/generate", tag = "slots",
    params(("office" = String, Path, description = "office id", example = "beijing-andingmen", pattern = "^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$")),
    request_body = GenerateBody,
    responses((status = 200, description = "slots created", body = Generated), super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn generate(
    State(app): State<App>,
    caller: Caller,
    Path(office_id): Path<String>,
    JsonBody(body): JsonBody<GenerateBody>,
) -> Result<Json<Generated>, ApiError> {
    caller.require(SCOPE)?;
    let office = super::office(&app, &caller, &office_id).await?;
    super::plausible_date(body.from, "from")?;
    super::plausible_date(body.to, "to")?;
    if body.to < body.from {
        return Err(ApiError::invalid("to", "must not be before from"));
    }
    let days = (body.to - body.from).num_days() + 1;
    if days > MAX_DAYS {
        return Err(ApiError::invalid(
            "to",
            format!("at most {MAX_DAYS} days at once"),
        ));
    }
    let defaults = app.settings.slot_template.clone();
    let template = SlotTemplate {
        slot_minutes: body.slot_minutes.unwrap_or(defaults.slot_minutes),
        capacity: body.capacity.unwrap_or(defaults.capacity),
        working_days: days as usize,
    };
    if !(5..=240).contains(&template.slot_minutes) {
        return Err(ApiError::invalid(
            "slot_minutes",
            "must be between 5 and 240",
        ));
    }
    if !(1..=1000).contains(&template.capacity) {
        return Err(ApiError::invalid("capacity", "must be between 1 and 1000"));
    }
    let services = app.repo.services().await?;
    let mut groups: Vec<SlotGroup> = Vec::new();
    for s in services
        .iter()
        .filter(|s| office.services.contains(&s.code))
    {
        if !groups.contains(&s.slot_group) {
            groups.push(s.slot_group);
        }
    }
    let calendar = app
        .repo
        .working_calendar(body.from - Duration::days(1), body.to + Duration::days(1))
        .await?;
    let now = app.clock.now();
    let slots: Vec<_> = template
        .generate(&office, &groups, &calendar, body.from)
        .into_iter()
        .filter(|s| {
            s.starts_at > now
                && s.starts_at.with_timezone(&office.time_zone).date_naive() <= body.to
        })
        .collect();
    let created = app.repo.insert_slots(&slots).await?;
    caller
        .audit(
            &app,
            "slots-generate",
            format!("office:{}", office.id),
            "generated",
        )
        .await?;
    Ok(Json(Generated { created }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct CloseBody {
    /// In the years 2000 to 2100.
    #[schema(pattern = "^(20[0-9]{2}|2100)-")]
    day: NaiveDate,
    /// 1 to 200 characters, told to the people whose appointments are cancelled; not only
    /// spaces, no control characters.
    #[schema(
        max_length = 200,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*[^\\s\\x00-\\x1f\\x7f-\\x9f][^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Closed {
    cancelled: u64,
    notifications: u64,
}

#[utoipa::path(post, path = "/api/v1/admin/offices/{office}/closures", tag = "slots",
    params(("office" = String, Path, description = "office id", example = "beijing-andingmen", pattern = "^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$")),
    request_body = CloseBody,
    responses((status = 200, description = "closed; appointments cancelled, holders notified", body = Closed), super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn close_day(
    State(app): State<App>,
    caller: Caller,
    Path(office_id): Path<String>,
    JsonBody(body): JsonBody<CloseBody>,
) -> Result<Json<Closed>, ApiError> {
    caller.require(SCOPE)?;
    let office = super::office(&app, &caller, &office_id).await?;
    super::plausible_date(body.day, "day")?;
    let reason = super::text_field(&body.reason, "reason", 200)?;
    let reason = reason.as_str();
    let Some((from, to)) = office.day_span(body.day) else {
        return Err(ApiError::invalid(
            "day",
            "not a day in the office's time zone",
        ));
    };
    let closed = app
        .backoffice
        .close_day(
            &office.id,
            body.day,
            from,
            to,
            reason,
            &caller.actor(),
            app.clock.now(),
        )
        .await?;
    Ok(Json(Closed {
        cancelled: closed.cancelled,
        notifications: closed.planned,
    }))
}

fn no_slot() -> ApiError {
    ApiError::NotFound("no slot with this id".into())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct CapacityBody {
    /// 0 (closes the slot) to 1000; not below the places already booked (409 otherwise).
    #[schema(minimum = 0, maximum = 1000)]
    #[serde(deserialize_with = "super::whole_number")]
    capacity: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CapacityChanged {
    id: i64,
    capacity: i32,
}

#[utoipa::path(patch, path = "/api/v1/admin/slots/{id}", tag = "slots",
    params(("id" = i64, Path, description = "slot id")),
    request_body = CapacityBody,
    responses((status = 200, description = "capacity changed", body = CapacityChanged), super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn set_capacity(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<CapacityBody>,
) -> Result<Json<CapacityChanged>, ApiError> {
    caller.require(SCOPE)?;
    if !(0..=1000).contains(&body.capacity) {
        return Err(ApiError::invalid("capacity", "must be between 0 and 1000"));
    }
    // A slot of another office is answered as one that does not exist.
    app.repo
        .slot(id)
        .await?
        .filter(|slot| caller.acts_for(slot.office_id.as_str()))
        .ok_or_else(no_slot)?;
    match app
        .backoffice
        .set_slot_capacity(id, body.capacity, app.clock.now())
        .await?
    {
        CapacityOutcome::Changed => {
            caller
                .audit(&app, "slot-capacity", format!("slot:{id}"), "changed")
                .await?;
            Ok(Json(CapacityChanged {
                id,
                capacity: body.capacity,
            }))
        }
        CapacityOutcome::NotFound => Err(no_slot()),
        CapacityOutcome::BelowBooked { booked } => Err(ApiError::Conflict(format!(
            "{booked} places are booked; cancel appointments before lowering the capacity below that"
        ))),
    }
}
