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
use super::proof_of_work::{CHALLENGE_TTL, Challenges, Solved};
use crate::app::App;
use crate::config::{IpNetwork, Settings};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::{Json, Router, routing::get, routing::post};
use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::json;
use sha2::Sha256;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use visadesk_bot::dialogue::{AnonymousClient, Inbound, InboundKind};

const COOKIE: &str = "visadesk_chat";
const INDEX: &str = include_str!("../../assets/webchat/index.html");
const SCRIPT: &str = include_str!("../../assets/webchat/chat.js");
const PROOF_OF_WORK_SCRIPT: &str = include_str!("../../assets/webchat/proof_of_work.js");
const STYLE: &str = include_str!("../../assets/webchat/chat.css");
/// Longest message accepted, in characters.
const MAX_TEXT: usize = 2000;

/// The web chat's own part: where its documents are published, how many messages one client
/// address may send, and the proof of work an anonymous booking costs.
pub struct WebChat {
    files: Arc<Files>,
    rate_per_minute: u64,
    trusted_proxies: Vec<IpNetwork>,
    /// Messages refused by the per-client rate limit since this process started.
    rate_limited: AtomicU64,
    /// Keys the digests that name client addresses (derived from the service key).
    address_key: [u8; 32],
    challenges: Challenges,
}

impl WebChat {
    /// `secret` keys address digests and challenges: every process of one deployment must get
    /// the same one (it is derived from the service key).
    pub fn new(files: Arc<Files>, settings: &Settings, secret: &[u8; 32]) -> WebChat {
        let derive = |purpose: &str| -> [u8; 32] {
            let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key");
            mac.update(purpose.as_bytes());
            mac.finalize().into_bytes().into()
        };
        WebChat {
            files,
            rate_per_minute: settings.web_rate_per_minute,
            trusted_proxies: settings.trusted_proxies.clone(),
            rate_limited: AtomicU64::new(0),
            address_key: derive("client address"),
            challenges: Challenges::new(derive("proof of work"), settings.web_proof_of_work_bits),
        }
    }

    /// What logs, counters and the booking cap name a client by: a keyed digest prefix, never
    /// the address (and, unlike a plain hash, not one that could be reversed by trying every
    /// IPv4 address).
    fn client_digest(&self, ip: Option<IpAddr>) -> String {
        let text = ip.map_or_else(|| "unknown".to_string(), |ip| ip.to_string());
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.address_key).expect("HMAC takes any key");
        mac.update(text.as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..8])
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
            "/assets/proof_of_work.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    PROOF_OF_WORK_SCRIPT,
                )
            }),
        )
        .route(
            "/assets/chat.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE) }),
        )
        .route("/api/web/messages", post(message))
        .route("/api/web/challenge", post(challenge))
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
    /// The solved proof of work for a button that asked for one.
    #[serde(default)]
    pub proof_of_work: Option<ProofOfWork>,
}

/// A nonce for a challenge from `POST /api/web/challenge`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProofOfWork {
    pub challenge: String,
    pub nonce: String,
}

impl WebChat {
    /// Whether this message comes with work done for it: a solution of a challenge issued to
    /// this conversation, presented for the first time (or the operator turned it off).
    async fn work_done(
        &self,
        app: &App,
        conversation: Option<&str>,
        proof: Option<&ProofOfWork>,
    ) -> bool {
        if self.challenges.bits == 0 {
            return true;
        }
        let (Some(conversation), Some(proof)) = (conversation, proof) else {
            return false;
        };
        let now = app.clock.now().timestamp();
        let Some(Solved(random)) =
            self.challenges
                .check(conversation, &proof.challenge, &proof.nonce, now)
        else {
            return false;
        };
        // Once only: a solution replayed (by a double click or a script) buys nothing.
        match app
            .expiring
            .first_seen(&format!("pow:{random}"), CHALLENGE_TTL)
            .await
        {
            Ok(first) => first,
            Err(e) => {
                tracing::warn!(error = %e, "web chat: cannot record a proof of work");
                false
            }
        }
    }
}

/// `POST /api/web/challenge`: a fresh proof-of-work challenge for this browser's conversation
/// (`{"challenge", "bits"}`). Counted against the client's rate like a message.
async fn challenge(
    State(app): State<App>,
    State(webchat): State<Arc<WebChat>>,
    peer: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
) -> Response {
    if let Err(refused) = admit(&app, &webchat, peer, &headers).await {
        return refused;
    }
    let Some(conversation) = conversation_of(&headers) else {
        return bad_request(
            "no_conversation",
            "a challenge belongs to a conversation: send a message first",
        );
    };
    let challenge = webchat
        .challenges
        .issue(&conversation, app.clock.now().timestamp());
    Json(json!({ "challenge": challenge, "bits": webchat.challenges.bits })).into_response()
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

/// The client's digest, once its request is counted against the client's rate; the answer to
/// send instead when it is over the limit.
async fn admit(
    app: &App,
    webchat: &WebChat,
    peer: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: &HeaderMap,
) -> Result<String, Response> {
    let peer = peer.map(|axum::Extension(ConnectInfo(address))| address.ip());
    let client = webchat.client_digest(webchat.client_address(peer, headers));
    count_against_rate(app, webchat, &client).await?;
    Ok(client)
}

/// Counts one message against its client's rate; the answer to send instead when it is over
/// the limit or the count cannot be kept.
async fn count_against_rate(app: &App, webchat: &WebChat, client: &str) -> Result<(), Response> {
    let key = format!("web:{client}");
    let message = "too many messages from this address";
    super::count_per_minute(app, "web", &key, webchat.rate_per_minute, message)
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
    let client = match admit(&app, &webchat, peer, &headers).await {
        Ok(client) => client,
        Err(refused) => return refused,
    };
    let Json(mut body) = match body {
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
    let proof = body.proof_of_work.take();
    let (kind, locale) = match parse(body) {
        Ok(parsed) => parsed,
        Err((code, message)) => return bad_request(code, message),
    };
    let (conversation, new_cookie) = match conversation_of(&headers) {
        Some(id) => (id, false),
        None => (uuid::Uuid::new_v4().simple().to_string(), true),
    };
    let proof_of_work = webchat
        .work_done(
            &app,
            (!new_cookie).then_some(&*conversation),
            proof.as_ref(),
        )
        .await;
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
        private_chat: None,
        anonymous: Some(AnonymousClient {
            address: client,
            proof_of_work,
        }),
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
        "web-checking",
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
