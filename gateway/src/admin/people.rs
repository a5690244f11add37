//! A person's rights, exercised by an operator for them (a request by letter, at the
//! counter): a copy of everything held about a chat user, or erasing it
//! (`visadesk_bot::data_rights`, the same as "download my data" and "erase my data" in the
//! chat's settings).
//!
//! A person is named by one of their chat identities: the channel and the platform's id of
//! the user there (a Telegram user id, a WhatsApp phone number, a WeChat OpenID, a generic
//! integration's sender id, a web chat's cookie). The body carries it, not the path, so the
//! id stays out of access logs. Both need a token for every office (a person is not one
//! office's), and both are audited without naming the person.

use super::{ApiError, Caller, JsonBody};
use crate::app::App;
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use visadesk_bot::data_rights::{EraseError, PersonExport, erase_person, export_person};

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/admin/people/export", post(export))
        .route("/api/v1/admin/people/erase", post(erase))
}

/// The channels a person can be known on.
const CHANNELS: &[&str] = &[
    "telegram", "whatsapp", "wechat", "web", "generic", "terminal",
];

/// One chat identity of the person.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct PersonRef {
    /// telegram, whatsapp, wechat, web, generic or terminal.
    #[schema(pattern = "^(telegram|whatsapp|wechat|web|generic|terminal)$")]
    channel: String,
    /// The platform's id of the user on that channel: 1 to 128 characters, no control
    /// characters.
    #[schema(
        min_length = 1,
        max_length = 128,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    external_id: String,
}

impl PersonRef {
    /// The chat user behind the identity, or 404 (the same for a malformed id that cannot
    /// exist as for an unknown one).
    async fn chat_user(&self, app: &App) -> Result<i64, ApiError> {
        if !CHANNELS.contains(&self.channel.as_str()) {
            return Err(ApiError::invalid(
                "channel",
                format!("must be one of {}", CHANNELS.join(", ")),
            ));
        }
        let id = &self.external_id;
        if id.is_empty() || id.chars().count() > 128 || id.chars().any(char::is_control) {
            return Err(ApiError::invalid(
                "external_id",
                "must be 1 to 128 characters without control characters",
            ));
        }
        app.repo
            .find_chat_user(&self.channel, id)
            .await?
            .map(|user| user.id)
            .ok_or_else(|| ApiError::NotFound("no person with this chat identity".into()))
    }
}

/// A person is not one office's: only a token for every office acts on them.
fn every_office(caller: &Caller) -> Result<(), ApiError> {
    if caller.0.offices.is_some() {
        return Err(ApiError::Forbidden(
            "a person's data needs a token for every office".into(),
        ));
    }
    Ok(())
}

#[utoipa::path(post, path = "/api/v1/admin/people/export", tag = "people",
    request_body = PersonRef,
    responses(
        (status = 200, description = "everything held about the person (docs/operations.md, \"A person's data\"): chat_user, channel_identities, applicants (with applications, permits, passports, e-documents), appointments, delegations, watched_applications, waiting_for_places, notifications, audit_lines", body = Object),
        super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn export(
    State(app): State<App>,
    caller: Caller,
    JsonBody(person): JsonBody<PersonRef>,
) -> Result<Json<PersonExport>, ApiError> {
    caller.require("people:export")?;
    every_office(&caller)?;
    let id = person.chat_user(&app).await?;
    // Audited before the copy is made, so the copy lists its own handing over.
    caller
        .audit(&app, "people-export", format!("chat_user:{id}"), "exported")
        .await?;
    let export = export_person(app.repo.as_ref(), id, app.clock.now())
        .await?
        .ok_or_else(|| ApiError::NotFound("no person with this chat identity".into()))?;
    Ok(Json(export))
}

/// What an erasure removed.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Erased {
    /// Always true.
    erased: bool,
    /// Rows removed (audit lines: made anonymous), by what they were.
    chat_users: u64,
    channel_identities: u64,
    applicant_links: u64,
    delegations: u64,
    application_watchers: u64,
    slot_waiters: u64,
    notifications: u64,
    codes_and_invitations: u64,
    proof_attempts: u64,
    /// Appointments kept for the office, no longer tied to the person's chat.
    appointments_detached: u64,
    audit_lines_anonymized: u64,
    /// Sessions (with drafts) and expiring values of the person's chat identities.
    session_keys: u64,
}

#[utoipa::path(post, path = "/api/v1/admin/people/erase", tag = "people",
    request_body = PersonRef,
    responses(
        (status = 200, description = "the person's chat data is erased; office records (applicants, applications, permits, passports, e-documents, appointments) stay", body = Erased),
        super::openapi::Errors),
    security(("bearer" = [])))]
pub(super) async fn erase(
    State(app): State<App>,
    caller: Caller,
    JsonBody(person): JsonBody<PersonRef>,
) -> Result<Json<Erased>, ApiError> {
    caller.require("people:erase")?;
    every_office(&caller)?;
    let id = person.chat_user(&app).await?;
    let erasure = match erase_person(app.repo.as_ref(), app.sessions.as_ref(), id).await {
        Ok(Some(erasure)) => erasure,
        Ok(None) => {
            return Err(ApiError::NotFound(
                "no person with this chat identity".into(),
            ));
        }
        Err(EraseError::Store(e)) => return Err(e.into()),
        Err(EraseError::Sessions(e)) => {
            tracing::error!(error = %e, "erasure: sessions left to expire");
            return Err(ApiError::Internal);
        }
    };
    // The erased chat user is named by nobody, this line included.
    caller
        .audit(
            &app,
            "people-erase",
            visadesk_bot::store::personal_data::ERASED.to_string(),
            "erased",
        )
        .await?;
    let rows = erasure.rows;
    Ok(Json(Erased {
        erased: true,
        chat_users: rows.chat_users,
        channel_identities: rows.channel_identities,
        applicant_links: rows.applicant_links,
        delegations: rows.delegations,
        application_watchers: rows.application_watchers,
        slot_waiters: rows.slot_waiters,
        notifications: rows.notifications,
        codes_and_invitations: rows.codes_and_invitations,
        proof_attempts: rows.proof_attempts,
        appointments_detached: rows.appointments_detached,
        audit_lines_anonymized: rows.audit_lines_anonymized,
        session_keys: erasure.session_keys,
    }))
}
