//! The generic webhook: a stable, documented contract (`docs/api/generic-webhook.md`) that
//! lets any messaging system reach visadesk. Requests are signed with HMAC-SHA256 of their
//! timestamp and raw body; a rejected request is never processed. A request is processed at
//! most once: one whose timestamp is not recent is refused, one seen before (the same
//! signature, or the sender's `message_id` again within a day) is acknowledged and dropped,
//! remembered in the expiring store so every process agrees. Replies come back in the
//! response; documents as expiring links served by visadesk.

use super::ChannelState;
use super::files::Files;
use super::json_message::{self, JsonLocation};
use crate::app::App;
use crate::config::Settings;
use crate::secret::Secret;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::post};
use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::json;
use sha2::Sha256;
use std::sync::Arc;
use std::time::Duration;
use visadesk_bot::dialogue::{Inbound, InboundKind};

pub const PATH: &str = "/api/v1/channels/generic/messages";
pub const SIGNATURE_HEADER: &str = "x-visadesk-signature";
/// When the request was signed, in Unix seconds; part of what is signed.
pub const TIMESTAMP_HEADER: &str = "x-visadesk-timestamp";
/// How long a sender's `message_id` is remembered.
const MESSAGE_ID_MEMORY: Duration = Duration::from_secs(24 * 60 * 60);

/// The webhook's own part: the secret requests are signed with, how recent their timestamp
/// must be, the rate limit, where its documents are published.
pub struct Generic {
    secret: Secret,
    timestamp_tolerance: Duration,
    rate_per_minute: u64,
    files: Arc<Files>,
}

impl Generic {
    pub fn new(secret: Secret, settings: &Settings, files: Arc<Files>) -> Generic {
        Generic {
            secret,
            timestamp_tolerance: settings.generic_timestamp_tolerance,
            rate_per_minute: settings.generic_rate_per_minute,
            files,
        }
    }
}

pub fn routes(state: ChannelState<Generic>) -> Router<App> {
    Router::new().route(PATH, post(receive)).with_state(state)
}

/// One message from the integrating system.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenericMessage {
    pub conversation_id: String,
    pub sender_id: String,
    #[serde(default)]
    pub locale: Option<String>,
    #[serde(default)]
    pub sender_name: Option<String>,
    /// The conversation is a group chat (several people read the replies).
    #[serde(default)]
    pub group: bool,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub button: Option<String>,
    #[serde(default)]
    pub location: Option<JsonLocation>,
    /// The integrating system's id of this message: one seen before from this sender within
    /// a day is acknowledged and not processed again.
    #[serde(default)]
    pub message_id: Option<String>,
}

fn error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (
        status,
        Json(json!({ "error": code, "message": message.into() })),
    )
        .into_response()
}

/// `sha256=<hex>` of the body with the secret, compared in constant time.
pub fn signature_is_valid(secret: &str, body: &[u8], header: Option<&str>) -> bool {
    let Some(hex_sig) = header.and_then(|h| h.trim().strip_prefix("sha256=")) else {
        return false;
    };
    let Ok(expected) = hex::decode(hex_sig) else {
        return false;
    };
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    mac.verify_slice(&expected).is_ok()
}

/// `sha256=<hex>` of a body with the secret: how callbacks are signed.
pub fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// What a request's signature covers: its timestamp, a dot, its raw body. With the time inside
/// the signature, a captured request cannot be sent again under a new timestamp.
fn signed_bytes(timestamp: &str, body: &[u8]) -> Vec<u8> {
    [timestamp.as_bytes(), b".", body].concat()
}

/// Signs a request the way the integrating system must: `X-Visadesk-Signature` for a body
/// sent with `X-Visadesk-Timestamp: <timestamp>`.
pub fn sign_request(secret: &str, timestamp: &str, body: &[u8]) -> String {
    sign(secret, &signed_bytes(timestamp, body))
}

/// The request's timestamp when it is Unix seconds within `tolerance` of `now`, either way.
fn recent_timestamp(header: Option<&str>, now: i64, tolerance: Duration) -> Option<&str> {
    let text = header?.trim();
    // Plain digits, as documented (Rust would also parse `+1764115200`).
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds: i64 = text.parse().ok()?;
    (now.abs_diff(seconds) <= tolerance.as_secs()).then_some(text)
}

fn valid_id(id: &str) -> bool {
    (1..=128).contains(&id.chars().count()) && !id.chars().any(char::is_control)
}

/// Checks a parsed message and turns it into engine input.
fn validate(m: &GenericMessage) -> Result<InboundKind, &'static str> {
    if !valid_id(&m.conversation_id) || !valid_id(&m.sender_id) {
        return Err("conversation_id and sender_id must be 1 to 128 characters");
    }
    if m.message_id.as_ref().is_some_and(|id| !valid_id(id)) {
        return Err("message_id must be 1 to 128 characters");
    }
    if m.locale
        .as_ref()
        .is_some_and(|l| l.len() > 35 || !l.bytes().all(|b| (0x20..=0x7e).contains(&b)))
        || m.sender_name
            .as_ref()
            .is_some_and(|n| n.chars().count() > 256)
    {
        return Err("locale or sender_name is too long");
    }
    match (&m.text, &m.button, &m.location) {
        (Some(text), None, None)
            if (1..=4096).contains(&text.chars().count()) && !text.trim().is_empty() =>
        {
            Ok(InboundKind::from_typed(text))
        }
        (Some(_), None, None) => Err("text must be 1 to 4096 characters"),
        (None, Some(button), None) if valid_id(button) => Ok(InboundKind::Button(button.clone())),
        (None, Some(_), None) => Err("button must be 1 to 128 characters"),
        (None, None, Some(l)) => l.to_kind().ok_or("location is outside the valid range"),
        _ => Err("send exactly one of text, button or location"),
    }
}

async fn receive(
    State(app): State<App>,
    State(generic): State<Arc<Generic>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type
        .split(';')
        .next()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
    {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Content-Type must be application/json",
        );
    }
    let timestamp = headers.get(TIMESTAMP_HEADER).and_then(|v| v.to_str().ok());
    let now = app.clock.now().timestamp();
    let Some(timestamp) = recent_timestamp(timestamp, now, generic.timestamp_tolerance) else {
        return error(
            StatusCode::UNAUTHORIZED,
            "bad_timestamp",
            format!(
                "X-Visadesk-Timestamp is missing, not Unix seconds or more than {} seconds \
                 from the server's time",
                generic.timestamp_tolerance.as_secs()
            ),
        );
    };
    let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    if !signature_is_valid(
        generic.secret.expose(),
        &signed_bytes(timestamp, &body),
        signature,
    ) {
        return error(
            StatusCode::UNAUTHORIZED,
            "bad_signature",
            "X-Visadesk-Signature is missing or wrong",
        );
    }
    let message: GenericMessage = match serde_json::from_slice(&body) {
        Ok(m) => m,
        Err(e) => return error(StatusCode::BAD_REQUEST, "invalid_body", e.to_string()),
    };
    let kind = match validate(&message) {
        Ok(kind) => kind,
        Err(reason) => return error(StatusCode::BAD_REQUEST, "invalid_body", reason),
    };
    // Counted before a message is remembered as seen: one refused for its rate may come again.
    if let Err(refused) = count_against_rate(&app, &generic, &message.conversation_id).await {
        return refused;
    }
    // The signature as written here: the header's hex may differ in case and still pass.
    let request_mac = sign_request(generic.secret.expose(), timestamp, &body);
    match first_delivery(&app, &generic, &request_mac, &message).await {
        Ok(true) => {}
        Ok(false) => {
            tracing::info!("generic message seen before: acknowledged, not processed");
            return Json(json!({ "replies": [], "duplicate": true })).into_response();
        }
        Err(unavailable) => return unavailable,
    }
    let inbound = Inbound {
        channel: "generic".into(),
        conversation: message.conversation_id,
        sender: message.sender_id,
        locale_hint: message.locale,
        sender_name: message.sender_name,
        group: message.group,
        private_chat: None,
        anonymous: None,
        kind,
    };
    // The integrating system is elsewhere: links carry the public URL.
    let replies = json_message::run_turn(
        &app,
        &generic.files,
        &inbound,
        &app.settings.public_url,
        None,
    )
    .await;
    Json(json!({ "replies": replies })).into_response()
}

fn unavailable(what: &str, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "{what} unavailable");
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "unavailable",
        "please retry shortly",
    )
}

/// Counts one message against its conversation's rate; the answer to send instead when it is
/// over the limit or the count cannot be kept.
async fn count_against_rate(
    app: &App,
    generic: &Generic,
    conversation: &str,
) -> Result<(), Response> {
    super::count_per_minute(
        app,
        "generic",
        &format!("generic:{conversation}"),
        generic.rate_per_minute,
        "too many messages from this conversation",
    )
    .await
    .map_err(|(response, _)| response)
}

/// Whether this is the first delivery of the message: neither this very request (its
/// `request_mac`, remembered while its timestamp could still pass) nor, when it has one, the
/// sender's `message_id` (remembered for a day) was seen before. Either is remembered here.
async fn first_delivery(
    app: &App,
    generic: &Generic,
    request_mac: &str,
    message: &GenericMessage,
) -> Result<bool, Response> {
    let replayable_for = generic.timestamp_tolerance * 2 + Duration::from_secs(1);
    let fresh = app
        .expiring
        .first_seen(&format!("generic-request:{request_mac}"), replayable_for)
        .await
        .map_err(|e| unavailable("de-duplication store", e))?;
    let Some(id) = message.message_id.as_deref().filter(|_| fresh) else {
        return Ok(fresh);
    };
    // The sender's length keeps ("a:b", "c") and ("a", "b:c") apart.
    let sender = &message.sender_id;
    app.expiring
        .first_seen(
            &format!("generic-message:{}:{sender}:{id}", sender.len()),
            MESSAGE_ID_MEMORY,
        )
        .await
        .map_err(|e| unavailable("de-duplication store", e))
}
