//! The web chat: the embedded default's face. `GET /` serves a page built into the binary
//! (no CDN, works offline); the page talks to `POST /api/web/messages`, one conversation per
//! browser (an HttpOnly cookie), and reads its own interface texts from
//! `GET /api/web/texts?locale=xx` so every word on it comes from the locales.
//!
//! Its senders are anonymous (`Inbound::anonymous`): a browser that only opens the chat gets
//! its cookie and the menu, and nothing is stored for it until the conversation needs state;
//! idle ones that keep nothing are purged (`visadesk_bot::retention`).

use super::ChannelState;
use super::files::Files;
use super::json_message::{self, JsonLocation};
use crate::app::App;
use crate::config::{IpNetwork, Settings};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::{Json, Router, routing::get, routing::post};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use visadesk_bot::dialogue::{Inbound, InboundKind};

const COOKIE: &str = "visadesk_chat";
const INDEX: &str = include_str!("../../assets/webchat/index.html");
const SCRIPT: &str = include_str!("../../assets/webchat/chat.js");
const STYLE: &str = include_str!("../../assets/webchat/chat.css");
/// Longest message accepted, in characters.
const MAX_TEXT: usize = 2000;

/// The web chat's own part: where its documents are published, and how many messages one
/// client address may send.
pub struct WebChat {
    files: Arc<Files>,
    rate_per_minute: u64,
    trusted_proxies: Vec<IpNetwork>,
    /// Messages refused by the per-client rate limit since this process started.
    rate_limited: AtomicU64,
}

impl WebChat {
    pub fn new(files: Arc<Files>, settings: &Settings) -> WebChat {
        WebChat {
            files,
            rate_per_minute: settings.web_rate_per_minute,
            trusted_proxies: settings.trusted_proxies.clone(),
            rate_limited: AtomicU64::new(0),
        }
    }

    /// Messages refused by the per-client rate limit since this process started.
    pub fn rate_limited(&self) -> u64 {
        self.rate_limited.load(Ordering::Relaxed)
    }

    /// The client's address: the socket peer, or, when that peer is a trusted proxy, the
    /// last address in `X-Forwarded-For` that is not itself a trusted proxy.
    fn client_address(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        let trusted = |ip: IpAddr| self.trusted_proxies.iter().any(|n| n.contains(ip));
        let peer = peer?;
        if !trusted(peer) {
            return Some(peer);
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse().ok())
            .collect();
        Some(
            forwarded
                .into_iter()
                .rev()
                .find(|ip| !trusted(*ip))
                .unwrap_or(peer),
        )
    }
}

/// What logs and counters name a client by: a SHA-256 digest prefix, never the address.
fn client_digest(ip: Option<IpAddr>) -> String {
    let text = ip.map_or_else(|| "unknown".to_string(), |ip| ip.to_string());
    hex::encode(&Sha256::digest(text.as_bytes())[..8])
}

pub fn routes(state: ChannelState<WebChat>) -> Router<App> {
    Router::new()
        .route("/", get(|| async { Html(INDEX) }))
        .route(
            "/assets/chat.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    SCRIPT,
                )
            }),
        )
        .route(
            "/assets/chat.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE) }),
        )
        .route("/api/web/messages", post(message))
        .route("/api/web/texts", get(texts))
        .with_state(state)
}

/// What the page sends: exactly one of text, button, location or command.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebMessage {
    #[serde(default)]
    pub locale: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub button: Option<String>,
    #[serde(default)]
    pub location: Option<JsonLocation>,
    #[serde(default)]
    pub command: Option<String>,
}

fn bad_request(code: &str, message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({ "error": code, "message": message })),
    )
        .into_response()
}

/// The browser's conversation id from its cookie, if it has a valid one.
pub(super) fn conversation_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// What is wrong with a message that is not exactly one valid input.
const INVALID: (&str, &str) = (
    "invalid_message",
    "send exactly one valid text, button, location or command",
);

/// The message as engine input, or why it is not one (`error code`, `message`).
fn parse(
    message: WebMessage,
) -> Result<(InboundKind, Option<String>), (&'static str, &'static str)> {
    let kind = match (
        message.text,
        message.button,
        message.location,
        message.command,
    ) {
        (Some(text), None, None, None) => {
            if text.trim().is_empty() || text.chars().count() > MAX_TEXT {
                return Err(("invalid_text", "text must be 1 to 2000 characters"));
            }
            InboundKind::from_typed(&text)
        }
        (None, Some(button), None, None) if (1..=64).contains(&button.len()) => {
            InboundKind::Button(button)
        }
        (None, None, Some(l), None) => l.to_kind().ok_or(INVALID)?,
        (None, None, None, Some(command)) if command == "start" => InboundKind::Command {
            name: "start".into(),
            argument: None,
        },
        _ => return Err(INVALID),
    };
    Ok((kind, message.locale.filter(|l| l.len() <= 35)))
}

/// Counts one message against its client's rate; the answer to send instead when it is over
/// the limit or the count cannot be kept.
async fn count_against_rate(app: &App, webchat: &WebChat, client: &str) -> Result<(), Response> {
    let key = format!("web:{client}");
    let message = "too many messages from this address";
    super::count_per_minute(app, &key, webchat.rate_per_minute, message)
        .await
        .map_err(|(response, count)| {
            if response.status() == StatusCode::TOO_MANY_REQUESTS {
                let refused = webchat.rate_limited.fetch_add(1, Ordering::Relaxed) + 1;
                // Only the first refusal of a window is logged: a flood is one line.
                if count == webchat.rate_per_minute + 1 {
                    tracing::warn!(client = %client, refused, "web chat rate limit reached");
                }
            }
            response
        })
}

async fn message(
    State(app): State<App>,
    State(webchat): State<Arc<WebChat>>,
    peer: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    body: Result<Json<WebMessage>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let peer = peer.map(|axum::Extension(ConnectInfo(address))| address.ip());
    let client = client_digest(webchat.client_address(peer, &headers));
    if let Err(refused) = count_against_rate(&app, &webchat, &client).await {
        return refused;
    }
    let Json(body) = match body {
        Ok(b) => b,
        Err(e) => {
            // A wrong content type keeps its 415; malformed or mistyped JSON is a plain 400.
            let status = if e.status() == StatusCode::UNSUPPORTED_MEDIA_TYPE {
                e.status()
            } else {
                StatusCode::BAD_REQUEST
            };
            return (
                status,
                Json(json!({ "error": "invalid_json", "message": e.body_text() })),
            )
                .into_response();
        }
    };
    let (kind, locale) = match parse(body) {
        Ok(parsed) => parsed,
        Err((code, message)) => return bad_request(code, message),
    };
    let (conversation, new_cookie) = match conversation_of(&headers) {
        Some(id) => (id, false),
        None => (uuid::Uuid::new_v4().simple().to_string(), true),
    };
    let hint = locale.or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split([',', ';']).next())
            .map(str::to_string)
    });
    let inbound = Inbound {
        channel: "web".into(),
        conversation: conversation.clone(),
        sender: conversation.clone(),
        locale_hint: hint,
        sender_name: None,
        group: false,
        anonymous: true,
        kind,
    };
    // The page is on the same origin: links stay relative.
    // Its documents are bound to this conversation's cookie (see `files.rs`).
    let replies =
        json_message::run_turn(&app, &webchat.files, &inbound, "", Some(&conversation)).await;
    let mut response = Json(json!({ "replies": replies })).into_response();
    if new_cookie {
        let cookie = format!(
            "{COOKIE}={conversation}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000{}",
            // Behind https the cookie never travels over plain http.
            if app.settings.public_url.starts_with("https://") {
                "; Secure"
            } else {
                ""
            }
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    response
}

#[derive(Deserialize)]
struct TextsQuery {
    locale: Option<String>,
}

/// The page's own words, in the requested language, and the languages to offer.
async fn texts(State(app): State<App>, Query(query): Query<TextsQuery>) -> Json<serde_json::Value> {
    let locale = app.texts.negotiate(query.locale.as_deref()).to_string();
    let keys = [
        "web-title",
        "web-placeholder",
        "web-send",
        "web-share-location",
        "web-location-unavailable",
        "web-download",
        "web-error",
        "web-language",
    ];
    let texts: serde_json::Map<String, serde_json::Value> = keys
        .iter()
        .map(|k| (k.to_string(), app.texts.text(&locale, k, &[]).into()))
        .collect();
    let locales: Vec<serde_json::Value> = app
        .texts
        .locales()
        .iter()
        .map(|l| json!({ "code": l, "name": app.texts.text(l, "language-name", &[]) }))
        .collect();
    Json(json!({ "locale": locale, "locales": locales, "texts": texts }))
}
