//! WhatsApp Cloud API.
//!
//! `GET /whatsapp` answers Meta's verification (`hub.challenge` when `hub.verify_token`
//! matches). `POST /whatsapp` carries webhook notifications signed with the app secret
//! (`X-Hub-Signature-256`); they are acknowledged at once and their messages processed in
//! order in the background (one task per notification, so one sender's messages keep their
//! order). Replies go out through `POST /{version}/{phone-number-id}/messages`: up to 3
//! choices as reply buttons, up to 10 as a list, more as numbered text (the engine accepts
//! the number or the label). Message ids are remembered, so Meta's redeliveries run once.

use super::ChannelState;
use super::files::Files;
use crate::app::App;
use crate::config::WhatsAppSettings;
use crate::inbox::Claim;
use crate::secret::Secret;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Router, routing::get};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use subtle::ConstantTimeEq;
use tracing::Instrument;
use visadesk_bot::dialogue::{Inbound, InboundKind, Reply};

pub const CHANNEL: &str = "whatsapp";
pub const SIGNATURE_HEADER: &str = "x-hub-signature-256";
const DEDUP_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);
/// Limits of the Cloud API's interactive messages.
const MAX_BUTTONS: usize = 3;
const MAX_ROWS: usize = 10;
const BUTTON_TITLE: usize = 20;
const ROW_TITLE: usize = 24;
const ROW_DESCRIPTION: usize = 72;
const INTERACTIVE_BODY: usize = 1024;
const TEXT_BODY: usize = 4096;

/// The channel's own part: its settings, the Cloud API sender (shared with the notifier),
/// and where documents are published.
pub struct WhatsApp {
    settings: WhatsAppSettings,
    pub sender: Arc<WhatsAppSender>,
    files: Arc<Files>,
}

impl WhatsApp {
    pub fn new(settings: WhatsAppSettings, http: reqwest::Client, files: Arc<Files>) -> WhatsApp {
        WhatsApp {
            sender: Arc::new(WhatsAppSender::new(&settings, http)),
            settings,
            files,
        }
    }

    /// The approved template for notices outside the 24-hour window, if configured.
    pub fn notify_template(&self) -> Option<&str> {
        self.settings.notify_template.as_deref()
    }
}

pub fn routes(state: ChannelState<WhatsApp>) -> Router<App> {
    Router::new()
        .route("/whatsapp", get(verify).post(receive))
        .with_state(state)
}

async fn verify(
    State(whatsapp): State<Arc<WhatsApp>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let settings = &whatsapp.settings;
    let token_ok = q.get("hub.verify_token").is_some_and(|t| {
        bool::from(
            t.as_bytes()
                .ct_eq(settings.verify_token.expose().as_bytes()),
        )
    });
    match (
        q.get("hub.mode").map(String::as_str),
        token_ok,
        q.get("hub.challenge"),
    ) {
        (Some("subscribe"), true, Some(challenge)) => challenge.clone().into_response(),
        _ => StatusCode::FORBIDDEN.into_response(),
    }
}

#[derive(Debug, Deserialize)]
struct Notification {
    #[serde(default)]
    entry: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    #[serde(default)]
    changes: Vec<Change>,
}

#[derive(Debug, Deserialize)]
struct Change {
    #[serde(default)]
    value: ChangeValue,
}

#[derive(Debug, Default, Deserialize)]
struct ChangeValue {
    #[serde(default)]
    messages: Vec<Message>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Message {
    from: String,
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    text: Option<TextBody>,
    #[serde(default)]
    interactive: Option<Interactive>,
    #[serde(default)]
    location: Option<WaLocation>,
    #[serde(default)]
    button: Option<TemplateButton>,
}

#[derive(Debug, Serialize, Deserialize)]
struct TextBody {
    body: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Interactive {
    #[serde(default)]
    button_reply: Option<ReplyId>,
    #[serde(default)]
    list_reply: Option<ReplyId>,
}

#[derive(Debug, Serialize, Deserialize)]
struct ReplyId {
    id: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct TemplateButton {
    payload: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct WaLocation {
    latitude: f64,
    longitude: f64,
}

impl Message {
    fn kind(&self) -> Option<InboundKind> {
        match self.kind.as_str() {
            "text" => self.text.as_ref().map(|t| InboundKind::from_typed(&t.body)),
            "interactive" => self
                .interactive
                .as_ref()
                .and_then(|i| i.button_reply.as_ref().or(i.list_reply.as_ref()))
                .map(|r| InboundKind::Button(r.id.clone())),
            "button" => self
                .button
                .as_ref()
                .map(|b| InboundKind::Button(b.payload.clone())),
            "location" => self.location.as_ref().map(|l| InboundKind::Location {
                latitude: l.latitude,
                longitude: l.longitude,
            }),
            _ => None,
        }
    }
}

/// Cuts a title to `max` characters, marking the cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut clipped: String = text.chars().take(max - 1).collect();
        clipped.push('…');
        clipped
    }
}

/// The Cloud API payloads (without `messaging_product`/`to`) for one reply.
pub fn payloads(reply: &Reply, list_button: &str, document_url: Option<&str>) -> Vec<Value> {
    let mut out = Vec::new();
    let buttons = &reply.buttons;
    let interactive = !buttons.is_empty()
        && buttons.len() <= MAX_ROWS
        && reply.text.chars().count() <= INTERACTIVE_BODY;
    if interactive && buttons.len() <= MAX_BUTTONS {
        let items: Vec<Value> = buttons
            .iter()
            .map(|b| json!({ "type": "reply", "reply": { "id": b.id, "title": clip(&b.label, BUTTON_TITLE) } }))
            .collect();
        out.push(json!({ "type": "interactive", "interactive": { "type": "button", "body": { "text": reply.text }, "action": { "buttons": items } } }));
    } else if interactive {
        let rows: Vec<Value> = buttons
            .iter()
            .map(|b| {
                let mut row = json!({ "id": b.id, "title": clip(&b.label, ROW_TITLE) });
                if b.label.chars().count() > ROW_TITLE {
                    row["description"] = json!(clip(&b.label, ROW_DESCRIPTION));
                }
                row
            })
            .collect();
        out.push(json!({ "type": "interactive", "interactive": { "type": "list", "body": { "text": reply.text },
            "action": { "button": clip(list_button, BUTTON_TITLE), "sections": [{ "rows": rows }] } } }));
    } else {
        let mut text = reply.text.clone();
        for (n, b) in buttons.iter().enumerate() {
            text.push_str(&format!("\n{}. {}", n + 1, b.label));
        }
        let chars: Vec<char> = text.chars().collect();
        for piece in chars.chunks(TEXT_BODY) {
            out.push(
                json!({ "type": "text", "text": { "body": piece.iter().collect::<String>() } }),
            );
        }
    }
    if let Some(place) = &reply.location {
        out.push(json!({ "type": "location", "location": { "latitude": place.latitude, "longitude": place.longitude,
            "name": place.title, "address": place.address } }));
    }
    if let (Some(document), Some(url)) = (&reply.document, document_url) {
        out.push(json!({ "type": "document", "document": { "link": url, "filename": document.filename } }));
    }
    out
}

fn signature_ok(secret: &str, body: &[u8], headers: &HeaderMap) -> bool {
    super::generic::signature_is_valid(
        secret,
        body,
        headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok()),
    )
}

async fn receive(
    State(app): State<App>,
    State(whatsapp): State<Arc<WhatsApp>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !signature_ok(whatsapp.settings.app_secret.expose(), &body, &headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let notification: Notification = match serde_json::from_slice(&body) {
        Ok(n) => n,
        Err(_) => return StatusCode::BAD_REQUEST.into_response(),
    };
    let messages: Vec<Message> = notification
        .entry
        .into_iter()
        .flat_map(|e| e.changes)
        .flat_map(|c| c.value.messages)
        .collect();
    // Each message is recorded (with what its turn needs) before Meta hears 200: a crash
    // after that loses nothing (`inbox`). A message seen before runs no turn.
    let mut taken = Vec::new();
    for message in messages {
        let payload = serde_json::to_string(&message).expect("a message serializes");
        match crate::inbox::arrive(&app, CHANNEL, message.id.clone(), &payload, DEDUP_WINDOW).await
        {
            Ok(Some(claim)) => taken.push((message, claim)),
            Ok(None) => {}
            Err(e) => {
                // Meta delivers the notification again later; those taken run now, the
                // others are recognised then.
                tracing::error!(error = %e, "whatsapp message not taken; database unavailable");
                if !taken.is_empty() {
                    tokio::spawn(process(app, whatsapp, taken).in_current_span());
                }
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
        }
    }
    if !taken.is_empty() {
        // In the request's span: the turns' lines carry its request id.
        tokio::spawn(process(app, whatsapp, taken).in_current_span());
    }
    StatusCode::OK.into_response()
}

/// Runs the turn of a message taken over from a process that stopped (`inbox`).
pub(crate) async fn resume(app: App, whatsapp: Arc<WhatsApp>, claim: Claim, payload: &str) {
    match serde_json::from_str::<Message>(payload) {
        Ok(message) => process(app, whatsapp, vec![(message, claim)]).await,
        Err(e) => {
            tracing::error!(error = %e, "inbox: a stored whatsapp message does not parse; dropped");
            claim.turn_done(&app).await;
        }
    }
}

/// Runs the turns of one notification in order and sends the answers; each claim is marked
/// done as soon as the engine has answered, before sending.
async fn process(app: App, whatsapp: Arc<WhatsApp>, messages: Vec<(Message, Claim)>) {
    let sender = &whatsapp.sender;
    for (message, claim) in messages {
        // The user wrote: free-form messages may reach them for the next 24 hours.
        if let Err(e) = app
            .expiring
            .open_service_window(&message.from, SERVICE_WINDOW)
            .await
        {
            tracing::warn!(error = %e, "whatsapp service window not recorded");
        }
        let replies = match message.kind() {
            Some(kind) => {
                app.engine
                    .handle(&Inbound {
                        channel: CHANNEL.into(),
                        conversation: message.from.clone(),
                        sender: message.from.clone(),
                        locale_hint: None,
                        sender_name: None,
                        group: false,
                        private_chat: None,
                        anonymous: None,
                        kind,
                    })
                    .await
            }
            // WhatsApp sends no language: the user's stored choice (English at first).
            None => vec![super::unsupported_message(&app, CHANNEL, &message.from, None).await],
        };
        claim.turn_done(&app).await;
        let locale = super::user_locale(&app, CHANNEL, &message.from, None).await;
        let list_button = app.texts.text(&locale, "whatsapp-list-button", &[]);
        for reply in &replies {
            let url = match &reply.document {
                Some(doc) => whatsapp
                    .files
                    .publish(doc, None, (CHANNEL, &message.from))
                    .await
                    .ok()
                    .map(|path| format!("{}{path}", app.settings.public_url)),
                None => None,
            };
            for payload in payloads(reply, &list_button, url.as_deref()) {
                if let Err(e) = sender.send(&message.from, payload).await {
                    tracing::error!(error = %e, "whatsapp send failed");
                }
            }
        }
    }
}

/// How long after a user's last message WhatsApp accepts free-form messages to them (Meta's
/// customer-service window); after it, only approved templates.
pub(crate) const SERVICE_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);

/// Sends messages through the Cloud API, retrying server errors and short rate limits with
/// backoff. Also used by the dispatcher for notifications.
///
/// A 429 with a `Retry-After` longer than `RETRY_AFTER_INLINE` is not retried here: Meta's
/// throughput and per-recipient limits reset over seconds to minutes, and retrying within a
/// second only prolongs them. It comes back as `RateLimited` with the wait, and the
/// dispatcher puts the notice back in the outbox for that long.
pub struct WhatsAppSender {
    http: reqwest::Client,
    url: String,
    token: Secret,
}

impl WhatsAppSender {
    /// `http` is the shared client (with its timeout).
    pub fn new(settings: &WhatsAppSettings, http: reqwest::Client) -> WhatsAppSender {
        WhatsAppSender {
            http,
            url: format!(
                "{}/{}/messages",
                settings.api_base, settings.phone_number_id
            ),
            token: settings.access_token.clone(),
        }
    }

    pub(crate) async fn send(&self, to: &str, mut payload: Value) -> Result<(), WhatsAppSendError> {
        payload["messaging_product"] = json!("whatsapp");
        payload["recipient_type"] = json!("individual");
        payload["to"] = json!(to);
        let mut pause = Duration::from_millis(200);
        let mut rate_limited = false;
        for attempt in 1..=SEND_ATTEMPTS {
            let started = std::time::Instant::now();
            let response = self
                .http
                .post(&self.url)
                .bearer_auth(self.token.expose())
                .json(&payload)
                .send()
                .await;
            let status = match &response {
                Ok(r) => r.status().as_str().to_string(),
                Err(_) => "network".to_string(),
            };
            crate::metrics::platform_call(
                crate::metrics::Platform::WhatsApp,
                "messages",
                &status,
                started.elapsed(),
            );
            let mut wait = pause;
            match response {
                Ok(r) if r.status().is_success() => return Ok(()),
                Ok(r) if r.status() == reqwest::StatusCode::TOO_MANY_REQUESTS => {
                    rate_limited = true;
                    match retry_after(r.headers(), chrono::Utc::now()) {
                        Some(after) if after > RETRY_AFTER_INLINE => {
                            tracing::warn!(
                                retry_after_s = after.as_secs(),
                                "whatsapp send rate limited; tried again later"
                            );
                            return Err(WhatsAppSendError::RateLimited {
                                retry_after: Some(after),
                            });
                        }
                        Some(after) => wait = wait.max(after),
                        None => {}
                    }
                    tracing::warn!(status = %r.status(), attempt, "whatsapp send will be retried");
                }
                Ok(r) if r.status().is_server_error() => {
                    rate_limited = false;
                    tracing::warn!(status = %r.status(), attempt, "whatsapp send will be retried");
                }
                Ok(r) => return Err(WhatsAppSendError::Refused(r.status())),
                Err(e) => {
                    rate_limited = false;
                    tracing::warn!(error = %e, attempt, "whatsapp send will be retried");
                }
            }
            if attempt < SEND_ATTEMPTS {
                tokio::time::sleep(wait).await;
            }
            pause *= 2;
        }
        if rate_limited {
            return Err(WhatsAppSendError::RateLimited { retry_after: None });
        }
        Err(WhatsAppSendError::GaveUp {
            attempts: SEND_ATTEMPTS,
        })
    }
}

/// The longest `Retry-After` waited out within one send (a turn's reply waits that long at
/// most); a longer one ends the send with `RateLimited`.
const RETRY_AFTER_INLINE: Duration = Duration::from_secs(1);

/// The longest `Retry-After` honoured: a broken or hostile answer should not park a
/// notification for days.
const RETRY_AFTER_MAX: Duration = Duration::from_secs(60 * 60);

/// The wait a 429 asks for (`Retry-After`: seconds, or an HTTP date), at most
/// `RETRY_AFTER_MAX`; `None` when there is no readable one.
fn retry_after(
    headers: &reqwest::header::HeaderMap,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    let wait = match value.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => {
            let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
            (at.with_timezone(&chrono::Utc) - now)
                .to_std()
                .unwrap_or(Duration::ZERO)
        }
    };
    Some(wait.min(RETRY_AFTER_MAX))
}

/// How long to leave a notice alone after a 429 that named no wait: Meta's limits reset
/// over minutes, not over the sender's sub-second retries.
pub(crate) const RATE_LIMIT_WAIT: Duration = Duration::from_secs(60);

/// How often one message is tried before the sender gives up for now.
const SEND_ATTEMPTS: u32 = 4;

/// Why a message did not reach the Cloud API; the dispatcher retries one and dead-letters the
/// other.
#[derive(Debug, thiserror::Error)]
pub enum WhatsAppSendError {
    /// Meta refused the message itself (a 4xx other than 429: bad recipient, bad payload,
    /// expired token): sending it again will not help.
    #[error("Cloud API answered {0}")]
    Refused(reqwest::StatusCode),
    /// Server errors or the network outlasted every attempt: worth trying later.
    #[error("gave up after {attempts} attempts")]
    GaveUp { attempts: u32 },
    /// Meta answered 429: try again after `retry_after` (its `Retry-After`), or, when it
    /// named no wait, after `RATE_LIMIT_WAIT`.
    #[error("rate limited by the Cloud API")]
    RateLimited { retry_after: Option<Duration> },
}

#[cfg(test)]
mod tests {
    use super::*;
    use visadesk_bot::dialogue::Button;

    #[test]
    fn retry_after_is_read_in_seconds_or_as_a_date_and_capped_at_an_hour() {
        let now = chrono::DateTime::parse_from_rfc3339("2015-10-21T07:28:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let headers = |value: &str| {
            let mut h = reqwest::header::HeaderMap::new();
            h.insert(reqwest::header::RETRY_AFTER, value.parse().unwrap());
            h
        };
        assert_eq!(
            retry_after(&headers("120"), now),
            Some(Duration::from_secs(120))
        );
        // RFC 9110's example date, two minutes after `now`.
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:30:00 GMT"), now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:00:00 GMT"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            retry_after(&headers("86400"), now),
            Some(Duration::from_secs(3600))
        );
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&reqwest::header::HeaderMap::new(), now), None);
    }

    fn reply(n: usize) -> Reply {
        Reply {
            text: "Which?".into(),
            buttons: (0..n)
                .map(|i| Button {
                    id: format!("b{i}"),
                    label: format!("A rather long button label number {i}"),
                    proof_of_work: false,
                })
                .collect(),
            ..Reply::default()
        }
    }

    #[test]
    fn choices_become_buttons_lists_or_numbered_text() {
        let p = payloads(&reply(3), "Choose", None);
        assert_eq!(p[0]["interactive"]["type"], "button");
        assert!(
            p[0]["interactive"]["action"]["buttons"][0]["reply"]["title"]
                .as_str()
                .unwrap()
                .chars()
                .count()
                <= 20
        );
        let p = payloads(&reply(10), "Choose", None);
        assert_eq!(p[0]["interactive"]["type"], "list");
        assert_eq!(
            p[0]["interactive"]["action"]["sections"][0]["rows"]
                .as_array()
                .unwrap()
                .len(),
            10
        );
        let p = payloads(&reply(11), "Choose", None);
        assert_eq!(p[0]["type"], "text");
        assert!(p[0]["text"]["body"].as_str().unwrap().contains("\n11. "));
    }
}
