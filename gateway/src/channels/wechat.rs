//! WeChat Official Account (公众号), in plaintext or safe mode.
//!
//! `GET /wechat` is WeChat's server check (SHA-1 of the sorted token, timestamp and nonce,
//! then echo `echostr`). `POST /wechat` carries one XML message (text, location, or a
//! subscribe/CLICK event); in safe mode (`WECHAT_ENCODING_AES_KEY`) it is encrypted and
//! signed together with its ciphertext, and the answer is encrypted the same way
//! (`wechat/safe_mode.rs`). A signed query is taken once, within
//! `WECHAT_TIMESTAMP_WINDOW_SECONDS` of its timestamp: in plaintext mode the signature does
//! not cover the body, so a URL read from a log must not carry a second message.
//!
//! WeChat waits 5 seconds for a passive XML answer, which may hold one text message only:
//! the replies are joined and the choices numbered (the engine accepts the number or the
//! label back). A turn slower than the passive window keeps running; WeChat gets
//! an empty answer and the text goes out through the customer-service message API with a
//! cached access token. WeChat retries a message it got no answer to; retries are recognised
//! by `MsgId` (or sender + time for events) and answered empty.

pub mod safe_mode;

use super::ChannelState;
use super::files::Files;
use crate::app::App;
use crate::config::WeChatSettings;
use crate::inbox::Claim;
use crate::secret::Secret;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Router, routing::get};
use safe_mode::{MessageCipher, Undecryptable};
use serde::Deserialize;
use sha1::{Digest, Sha1};
use std::sync::Arc;
use std::time::{Duration, Instant};
use subtle::ConstantTimeEq;
use tokio::sync::Mutex;
use tracing::Instrument;
use visadesk_bot::dialogue::{Inbound, InboundKind, Reply};

/// WeChat's passive replies and customer-service texts hold at most 2048 bytes.
const MAX_TEXT_BYTES: usize = 2000;
pub const CHANNEL: &str = "wechat";
/// WeChat does not tell the user's language; Chinese until they choose another.
const LOCALE_HINT: &str = "zh-CN";
/// Retries arrive within seconds; ten minutes of memory is plenty.
const DEDUP_WINDOW: Duration = Duration::from_secs(600);

/// The channel's own part: its settings, the customer-service API client (only with
/// `WECHAT_APP_ID`/`WECHAT_APP_SECRET`: without them answers must fit the passive window),
/// the safe-mode cipher (only with `WECHAT_ENCODING_AES_KEY`), and where documents are
/// published.
pub struct WeChat {
    settings: WeChatSettings,
    pub api: Option<Arc<WeChatApi>>,
    safe_mode: Option<MessageCipher>,
    files: Arc<Files>,
}

impl WeChat {
    pub fn new(settings: WeChatSettings, http: reqwest::Client, files: Arc<Files>) -> WeChat {
        WeChat {
            api: WeChatApi::new(&settings, http).map(Arc::new),
            // The configuration asks for the app id with the key.
            safe_mode: (settings.encoding_aes_key.as_ref())
                .zip(settings.app_id.as_deref())
                .map(|(key, app_id)| MessageCipher::new(key, app_id)),
            settings,
            files,
        }
    }
}

pub fn routes(state: ChannelState<WeChat>) -> Router<App> {
    Router::new()
        .route("/wechat", get(verify).post(receive))
        .with_state(state)
}

/// The query WeChat signs its requests with. In safe mode `encrypt_type=aes` and
/// `msg_signature` (which covers the ciphertext too) come along.
#[derive(Debug, Deserialize)]
pub struct SignedQuery {
    signature: Option<String>,
    timestamp: Option<String>,
    nonce: Option<String>,
    echostr: Option<String>,
    encrypt_type: Option<String>,
    msg_signature: Option<String>,
}

/// The timestamp and nonce of a query whose signature checked out.
struct Stamp<'q> {
    timestamp: &'q str,
    nonce: &'q str,
}

impl SignedQuery {
    /// The stamp, when `signature` (or, for a ciphertext, `msg_signature`) is right.
    fn verify(&self, token: &Secret, ciphertext: Option<&str>) -> Result<Stamp<'_>, Refused> {
        let (Some(timestamp), Some(nonce)) = (self.timestamp.as_deref(), self.nonce.as_deref())
        else {
            return Err(Refused::Signature);
        };
        let token = token.expose();
        let (given, expected) = match ciphertext {
            None => (&self.signature, signature(token, timestamp, nonce)),
            Some(c) => (
                &self.msg_signature,
                safe_mode::msg_signature(token, timestamp, nonce, c),
            ),
        };
        // Constant time: how much of a guess matched must not show in the answer's timing.
        match given {
            Some(given) if bool::from(given.as_bytes().ct_eq(expected.as_bytes())) => {
                Ok(Stamp { timestamp, nonce })
            }
            _ => Err(Refused::Signature),
        }
    }
}

/// SHA-1 of the lexically sorted parts, as hex: WeChat's signatures.
fn sorted_sha1<const N: usize>(mut parts: [&str; N]) -> String {
    parts.sort_unstable();
    hex::encode(Sha1::digest(parts.concat().as_bytes()))
}

/// SHA-1 of the lexically sorted token, timestamp and nonce, as hex (WeChat's scheme).
pub fn signature(token: &str, timestamp: &str, nonce: &str) -> String {
    sorted_sha1([token, timestamp, nonce])
}

/// Why a request to `/wechat` is not taken; the status each gets is decided here only.
#[derive(Debug, thiserror::Error)]
enum Refused {
    #[error("bad signature")]
    Signature,
    #[error("timestamp outside the accepted window")]
    Stale,
    #[error("this signed request was used before")]
    Replayed,
    #[error("safe mode is on: messages must come encrypted (encrypt_type=aes)")]
    Plaintext,
    #[error("malformed XML")]
    MalformedXml,
    #[error("undecryptable message: {0}")]
    Undecryptable(#[from] Undecryptable),
    #[error("expiring store unavailable")]
    StoreUnavailable,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        let status = match self {
            Refused::Signature
            | Refused::Stale
            | Refused::Replayed
            | Refused::Plaintext
            | Refused::Undecryptable(Undecryptable::OtherApp) => StatusCode::UNAUTHORIZED,
            Refused::MalformedXml | Refused::Undecryptable(_) => StatusCode::BAD_REQUEST,
            Refused::StoreUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        };
        (status, self.to_string()).into_response()
    }
}

/// Takes a signed stamp once: its timestamp must lie within the window of the service's
/// clock, and no process sharing the expiring store may have taken it before.
async fn first_use(app: &App, window: Duration, stamp: Stamp<'_>) -> Result<(), Refused> {
    let sent: i64 = stamp.timestamp.parse().map_err(|_| Refused::Stale)?;
    if app.clock.now().timestamp().abs_diff(sent) > window.as_secs() {
        return Err(Refused::Stale);
    }
    // A stamp passes the check above during at most twice the window; remembered that long
    // (and a minute more for processes whose clocks disagree), it cannot pass twice.
    let memory = 2 * window + Duration::from_secs(60);
    let key = format!("wechat-stamp:{}:{}", stamp.timestamp, stamp.nonce);
    match app.expiring.first_seen(&key, memory).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(Refused::Replayed),
        Err(e) => {
            tracing::error!(error = %e, "replay store unavailable");
            Err(Refused::StoreUnavailable)
        }
    }
}

async fn verify(
    State(app): State<App>,
    State(wechat): State<Arc<WeChat>>,
    Query(q): Query<SignedQuery>,
) -> Result<String, Refused> {
    let stamp = q.verify(&wechat.settings.token, None)?;
    first_use(&app, wechat.settings.timestamp_window, stamp).await?;
    Ok(q.echostr.unwrap_or_default())
}

/// The message XML of a request WeChat really sent, taken once: signed with our token (in
/// safe mode together with the ciphertext, then decrypted for our app id).
async fn authentic_message(
    app: &App,
    wechat: &WeChat,
    q: &SignedQuery,
    body: String,
) -> Result<String, Refused> {
    let (settings, window) = (&wechat.settings, wechat.settings.timestamp_window);
    let Some(cipher) = &wechat.safe_mode else {
        first_use(app, window, q.verify(&settings.token, None)?).await?;
        return Ok(body);
    };
    // Plaintext would carry a body no signature covers: no way around safe mode.
    if q.encrypt_type.as_deref() != Some("aes") {
        return Err(Refused::Plaintext);
    }
    let ciphertext = safe_mode::ciphertext_of(&body).ok_or(Refused::MalformedXml)?;
    first_use(app, window, q.verify(&settings.token, Some(&ciphertext))?).await?;
    Ok(cipher.decrypt(&ciphertext)?)
}

/// One message as WeChat sends it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Incoming {
    to_user_name: String,
    from_user_name: String,
    create_time: i64,
    msg_type: String,
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    msg_id: Option<String>,
    #[serde(default)]
    event: Option<String>,
    #[serde(default)]
    event_key: Option<String>,
    #[serde(default, rename = "Location_X")]
    location_x: Option<f64>,
    #[serde(default, rename = "Location_Y")]
    location_y: Option<f64>,
}

impl Incoming {
    /// The engine input, or `None` for message types visadesk does not read (image, voice…).
    fn kind(&self) -> Option<InboundKind> {
        match (self.msg_type.as_str(), self.event.as_deref()) {
            ("text", _) => self.content.as_deref().map(InboundKind::from_typed),
            ("location", _) => match (self.location_x, self.location_y) {
                (Some(latitude), Some(longitude)) => Some(InboundKind::Location {
                    latitude,
                    longitude,
                }),
                _ => None,
            },
            ("event", Some("subscribe")) => Some(InboundKind::Command {
                name: "start".into(),
                argument: None,
            }),
            ("event", Some("CLICK")) => self
                .event_key
                .clone()
                .filter(|k| !k.is_empty())
                .map(InboundKind::Button),
            _ => None,
        }
    }

    /// An event that asks for no answer: a location report (sent every few seconds while
    /// the account is open, when the follower allowed it), a menu link opened (`VIEW`), an
    /// unfollow, and any other event but following and menu clicks. WeChat expects `success`.
    fn needs_no_answer(&self) -> bool {
        self.msg_type == "event" && !matches!(self.event.as_deref(), Some("subscribe" | "CLICK"))
    }

    fn dedup_key(&self) -> String {
        match &self.msg_id {
            Some(id) => format!("wechat-msg:{id}"),
            None => format!("wechat-event:{}:{}", self.from_user_name, self.create_time),
        }
    }
}

/// One text for all replies: the choices of the last question numbered, places and files
/// as text. WeChat shows plain text only.
pub fn render(app: &App, replies: &[Reply], links: &[Option<String>]) -> String {
    let numbered = replies.iter().rposition(|r| !r.buttons.is_empty());
    let mut parts = Vec::new();
    for (i, reply) in replies.iter().enumerate() {
        let mut text = reply.text.clone();
        if Some(i) == numbered {
            for (n, button) in reply.buttons.iter().enumerate() {
                text.push_str(&format!("\n{}. {}", n + 1, button.label));
            }
        }
        if let Some(place) = &reply.location {
            text.push_str(&format!("\n📍 {}\n{}", place.title, place.address));
        }
        if let (Some(document), Some(Some(link))) = (&reply.document, links.get(i)) {
            text.push_str(&format!(
                "\n📎 {}: {}{link}",
                document.filename, app.settings.public_url
            ));
        }
        parts.push(text);
    }
    parts.join("\n\n")
}

/// Splits a text into pieces of at most `MAX_TEXT_BYTES`, at line ends where possible.
pub fn split_text(text: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    for line in text.split_inclusive('\n') {
        let mut rest = line;
        while !rest.is_empty() {
            let current = pieces.last_mut().expect("never empty");
            let room = MAX_TEXT_BYTES - current.len();
            if rest.len() <= room {
                current.push_str(rest);
                break;
            }
            if !current.is_empty() && rest.len() <= MAX_TEXT_BYTES {
                pieces.push(String::new());
                continue;
            }
            let mut cut = room.min(rest.len());
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            if cut == 0 {
                pieces.push(String::new());
                continue;
            }
            current.push_str(&rest[..cut]);
            rest = &rest[cut..];
            pieces.push(String::new());
        }
    }
    pieces.retain(|p| !p.trim().is_empty());
    pieces
}

fn cdata(text: &str) -> String {
    format!("<![CDATA[{}]]>", text.replace("]]>", "]]]]><![CDATA[>"))
}

impl WeChat {
    /// The passive answer holding `text`, encrypted in safe mode; `now` is the service's
    /// time in seconds.
    fn passive_text(&self, now: i64, to: &str, from: &str, text: &str) -> Response {
        let xml = format!(
            "<xml><ToUserName>{}</ToUserName><FromUserName>{}</FromUserName><CreateTime>{now}</CreateTime><MsgType>{}</MsgType><Content>{}</Content></xml>",
            cdata(to),
            cdata(from),
            cdata("text"),
            cdata(text)
        );
        let xml = match &self.safe_mode {
            Some(cipher) => cipher.encrypted_reply(&self.settings.token, now, &xml),
            None => xml,
        };
        (
            [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
            xml,
        )
            .into_response()
    }
}

/// WeChat's "received, nothing to say" answer.
fn empty() -> Response {
    "success".into_response()
}

async fn receive(
    State(app): State<App>,
    State(wechat): State<Arc<WeChat>>,
    Query(q): Query<SignedQuery>,
    body: String,
) -> Response {
    let settings = &wechat.settings;
    let xml = match authentic_message(&app, &wechat, &q, body).await {
        Ok(xml) => xml,
        Err(refused) => return refused.into_response(),
    };
    let message: Incoming = match quick_xml::de::from_str(&xml) {
        Ok(m) => m,
        Err(_) => return Refused::MalformedXml.into_response(),
    };
    if message.needs_no_answer() {
        return empty();
    }
    // Recorded (with the message) before WeChat hears anything: a crash after the passive
    // window loses nothing (`inbox`). A retry of a message seen before runs no turn.
    let claim =
        match crate::inbox::arrive(&app, CHANNEL, message.dedup_key(), &xml, DEDUP_WINDOW).await {
            Ok(Some(claim)) => claim,
            Ok(None) => return empty(),
            Err(e) => {
                tracing::error!(error = %e, "wechat message not taken; database unavailable");
                return Refused::StoreUnavailable.into_response();
            }
        };
    let Some(kind) = message.kind() else {
        let reply =
            super::unsupported_message(&app, CHANNEL, &message.from_user_name, Some(LOCALE_HINT))
                .await;
        claim.turn_done(&app).await;
        return wechat.passive_text(
            app.clock.now().timestamp(),
            &message.from_user_name,
            &message.to_user_name,
            &reply.text,
        );
    };
    // The turn runs as its own task, so missing the passive window never cancels it.
    let mut turn = tokio::spawn(
        answer(app.clone(), wechat.clone(), inbound(&message, kind), claim)
            // In the request's span, also when it outlives the request: its lines keep the id.
            .in_current_span(),
    );
    let openid = message.from_user_name.clone();
    // 0 means "always answer through the API": decided here, not by a race with the turn.
    let passive = if settings.passive_timeout.is_zero() {
        None
    } else {
        tokio::time::timeout(settings.passive_timeout, &mut turn)
            .await
            .ok()
    };
    match passive.ok_or(()) {
        Ok(Ok(text)) => {
            let mut pieces = split_text(&text).into_iter();
            let first = pieces.next().unwrap_or_default();
            let rest: Vec<String> = pieces.collect();
            if !rest.is_empty() {
                deliver_later(&wechat, openid, rest);
            }
            let now = app.clock.now().timestamp();
            wechat.passive_text(now, &message.from_user_name, &message.to_user_name, &first)
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "wechat turn task failed");
            empty()
        }
        Err(_) => {
            let wechat = wechat.clone();
            tokio::spawn(async move {
                if let Ok(text) = turn.await {
                    deliver_later(&wechat, openid, split_text(&text));
                }
            });
            empty()
        }
    }
}

/// The engine's input for a message of `kind` from a follower.
fn inbound(message: &Incoming, kind: InboundKind) -> Inbound {
    Inbound {
        channel: CHANNEL.into(),
        conversation: message.from_user_name.clone(),
        sender: message.from_user_name.clone(),
        locale_hint: Some(LOCALE_HINT.into()),
        sender_name: None,
        group: false,
        private_chat: None,
        anonymous: None,
        kind,
    }
}

/// Runs the turn and renders its answer as one text; `claim` is marked done as soon as the
/// engine has answered.
async fn answer(app: App, wechat: Arc<WeChat>, inbound: Inbound, claim: Claim) -> String {
    let replies = app.engine.handle(&inbound).await;
    claim.turn_done(&app).await;
    let mut links = Vec::new();
    for reply in &replies {
        links.push(match &reply.document {
            Some(doc) => wechat
                .files
                .publish(doc, None, (&inbound.channel, &inbound.sender))
                .await
                .ok(),
            None => None,
        });
    }
    render(&app, &replies, &links)
}

/// Runs the turn of a message taken over from a process that stopped (`inbox`); the answer
/// goes through the customer-service API (the passive reply is long gone).
pub(crate) async fn resume(app: App, wechat: Arc<WeChat>, claim: Claim, payload: &str) {
    let message: Incoming = match quick_xml::de::from_str(payload) {
        Ok(message) => message,
        Err(e) => {
            tracing::error!(error = %e, "inbox: a stored wechat message does not parse; dropped");
            claim.turn_done(&app).await;
            return;
        }
    };
    let Some(kind) = message.kind() else {
        // Answered at once when it came (an unsupported message needs no turn).
        claim.turn_done(&app).await;
        return;
    };
    let openid = message.from_user_name.clone();
    let text = answer(app, wechat.clone(), inbound(&message, kind), claim).await;
    deliver_later(&wechat, openid, split_text(&text));
}

/// Sends texts through the customer-service API, in order, in the background.
fn deliver_later(wechat: &WeChat, openid: String, texts: Vec<String>) {
    let Some(api) = wechat.api.clone() else {
        tracing::warn!(
            "a WeChat answer missed the passive window and WECHAT_APP_ID/SECRET are not set; it is lost"
        );
        return;
    };
    tokio::spawn(
        async move {
            for text in texts {
                if let Err(e) = api.send_text(&openid, &text).await {
                    tracing::error!(error = %e, "wechat customer-service message failed");
                    break;
                }
            }
        }
        .in_current_span(),
    );
}

#[derive(Debug, thiserror::Error)]
pub enum WeChatError {
    #[error("WeChat API request: {0}")]
    Http(#[from] reqwest::Error),
    #[error("WeChat API error {code}: {message}")]
    Api { code: i64, message: String },
}

/// The customer-service message API, with the access token cached until shortly before it
/// expires (WeChat allows a limited number of token fetches a day).
pub struct WeChatApi {
    http: reqwest::Client,
    base: String,
    app_id: String,
    secret: Secret,
    token: Mutex<Option<(String, Instant)>>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: Option<String>,
    expires_in: Option<u64>,
    errcode: Option<i64>,
    errmsg: Option<String>,
}

#[derive(Deserialize)]
struct ApiAnswer {
    errcode: i64,
    #[serde(default)]
    errmsg: String,
}

/// WeChat's error codes for "too many calls" (API quota per minute or day, customer-service
/// messages beyond the allowance): counted as a `429` in the metrics.
const RATE_LIMIT_CODES: [i64; 3] = [45009, 45011, 45047];

/// Performs one API call and reads its JSON answer, counting it in the metrics by the
/// status it amounts to: the HTTP status, `network`, `invalid_response`, or for an answer
/// with a non-zero `errcode` (WeChat answers errors with HTTP 200), `429` for a rate limit
/// and `api_error` otherwise.
async fn call<T: serde::de::DeserializeOwned>(
    method: &'static str,
    request: reqwest::RequestBuilder,
    errcode: impl Fn(&T) -> Option<i64>,
) -> Result<T, reqwest::Error> {
    let started = Instant::now();
    let record = |status: &str| {
        crate::metrics::platform_call(
            crate::metrics::Platform::WeChat,
            method,
            status,
            started.elapsed(),
        )
    };
    let response = match request.send().await {
        Ok(response) => response,
        Err(e) => {
            record("network");
            return Err(e);
        }
    };
    let status = response.status();
    let answer = match response.json::<T>().await {
        Ok(answer) => answer,
        Err(e) => {
            record(if status.is_success() {
                "invalid_response"
            } else {
                status.as_str()
            });
            return Err(e);
        }
    };
    match errcode(&answer) {
        None | Some(0) => record(status.as_str()),
        Some(code) if RATE_LIMIT_CODES.contains(&code) => record("429"),
        Some(_) => record("api_error"),
    }
    Ok(answer)
}

impl WeChatApi {
    /// The client, when the settings hold the app id and secret it needs; `http` is the
    /// shared client (with its timeout).
    pub fn new(settings: &WeChatSettings, http: reqwest::Client) -> Option<WeChatApi> {
        Some(WeChatApi {
            http,
            base: settings.api_url.clone(),
            app_id: settings.app_id.clone()?,
            secret: settings.app_secret.clone()?,
            token: Mutex::new(None),
        })
    }

    /// A valid access token, fetched again 5 minutes before the old one expires.
    async fn access_token(&self, refresh: bool) -> Result<String, WeChatError> {
        let mut cached = self.token.lock().await;
        if let Some((token, until)) = cached.as_ref()
            && !refresh
            && Instant::now() < *until
        {
            return Ok(token.clone());
        }
        let request = self
            .http
            .get(format!("{}/cgi-bin/token", self.base))
            .query(&[
                ("grant_type", "client_credential"),
                ("appid", &self.app_id),
                ("secret", self.secret.expose()),
            ]);
        let answer: TokenAnswer = call("token", request, |a: &TokenAnswer| a.errcode).await?;
        match (answer.access_token, answer.errcode) {
            (Some(token), None | Some(0)) => {
                let life = answer
                    .expires_in
                    .unwrap_or(7200)
                    .saturating_sub(300)
                    .max(60);
                *cached = Some((token.clone(), Instant::now() + Duration::from_secs(life)));
                Ok(token)
            }
            (_, code) => Err(WeChatError::Api {
                code: code.unwrap_or(-1),
                message: answer.errmsg.unwrap_or_default(),
            }),
        }
    }

    /// Sends one text to a follower; a rejected token (40001, 42001) is refreshed once.
    pub async fn send_text(&self, openid: &str, text: &str) -> Result<(), WeChatError> {
        let body =
            serde_json::json!({ "touser": openid, "msgtype": "text", "text": { "content": text } });
        for attempt in 0..2 {
            let token = self.access_token(attempt > 0).await?;
            let request = self
                .http
                .post(format!("{}/cgi-bin/message/custom/send", self.base))
                .query(&[("access_token", token)])
                .json(&body);
            let answer: ApiAnswer = call("message/custom/send", request, |a: &ApiAnswer| {
                Some(a.errcode)
            })
            .await?;
            match answer.errcode {
                0 => return Ok(()),
                40001 | 42001 if attempt == 0 => continue,
                code => {
                    return Err(WeChatError::Api {
                        code,
                        message: answer.errmsg,
                    });
                }
            }
        }
        unreachable!("the loop returns on its second attempt")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_wechats_documented_example() {
        // The value was computed outside this code: Python's hashlib over the sorted
        // concatenation "13726231491409659813token", and accepted by wechatpy's
        // `check_signature("token", sig, "1409659813", "1372623149")`.
        assert_eq!(
            signature("token", "1409659813", "1372623149"),
            "74ec3ddbfdaa9e34666e94a046804051e80c7749"
        );
    }

    #[test]
    fn long_texts_split_on_character_boundaries() {
        let text = "出入境".repeat(1000);
        let pieces = split_text(&text);
        assert!(pieces.len() >= 5);
        assert!(pieces.iter().all(|p| p.len() <= MAX_TEXT_BYTES));
        assert_eq!(pieces.concat(), text);
        assert_eq!(split_text("short"), vec!["short".to_string()]);
    }

    #[test]
    fn cdata_cannot_be_closed_early() {
        assert_eq!(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
    }
}
