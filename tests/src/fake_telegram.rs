//! A fake Telegram Bot API server speaking the real wire format: `POST|GET
//! /bot<token>/<method>` with JSON, form or multipart parameters, answering `{"ok":true,
//! "result":…}` or `{"ok":false,"error_code":…,"description":…,"parameters":{"retry_after":…}}`.
//!
//! Methods: `getMe`, `getUpdates` (long polling with `offset`, `timeout`, `limit`; refused
//! with 409 while a webhook is set, as Telegram does), `setWebhook`, `deleteWebhook`,
//! `sendMessage`, `editMessageText`, `editMessageReplyMarkup`, `answerCallbackQuery`,
//! `sendDocument` (multipart), `sendLocation`, `sendVenue`, `setMyCommands`. Anything else
//! answers 404 `Not Found`; a wrong token 401 `Unauthorized`. It checks what Telegram checks
//! and visadesk could get wrong: HTML entities of `parse_mode=HTML`, the 4096-character
//! limit, 64-byte callback data, location buttons outside private chats, answering a
//! callback query twice, editing a keyboard that is already gone.
//!
//! Every call is recorded (method, parameters, status). Failures can be injected: the next
//! N sending calls answer `429` with `retry_after`, or `500`; a chat can block the bot (403).
//! Updates are handed out by `getUpdates` or, when a webhook is set, posted to it with the
//! secret header (or with a chosen wrong one, or none).

use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::{Json, Router};
use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

pub const TOKEN: &str = "123456789:AAH-fake_token-for-visadesk-tests";
pub const BOT_ID: i64 = 123456789;
pub const BOT_USERNAME: &str = "visadesk_test_bot";

/// Methods that set the bot up or fetch updates; with `SENDING`, all the fake knows.
const SETUP: [&str; 5] = [
    "getMe",
    "getUpdates",
    "setWebhook",
    "deleteWebhook",
    "setMyCommands",
];

/// Methods that send or change what a user sees: the ones failures are injected into.
const SENDING: [&str; 7] = [
    "sendMessage",
    "sendDocument",
    "sendLocation",
    "sendVenue",
    "editMessageText",
    "editMessageReplyMarkup",
    "answerCallbackQuery",
];

/// One recorded Bot API call.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    /// The parameters as JSON (multipart files as `{"filename", "size", "text"}`).
    pub params: Value,
    pub status: u16,
    /// The `result` of a successful call.
    pub result: Value,
    /// When the call arrived.
    pub at: tokio::time::Instant,
}

impl Call {
    pub fn ok(&self) -> bool {
        self.status == 200
    }

    pub fn chat_id(&self) -> Option<i64> {
        as_i64(&self.params["chat_id"])
    }

    /// Callback data of the inline keyboard sent with this call.
    pub fn buttons(&self) -> Vec<String> {
        self.params["reply_markup"]["inline_keyboard"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row.as_array().cloned().unwrap_or_default())
            .filter_map(|b| b["callback_data"].as_str().map(str::to_string))
            .collect()
    }

    /// The text as the user sees it (entities decoded).
    pub fn text(&self) -> String {
        self.result["text"].as_str().unwrap_or_default().to_string()
    }

    pub fn message_id(&self) -> Option<i64> {
        self.result["message_id"].as_i64()
    }
}

/// What the next sending calls answer instead of succeeding.
#[derive(Debug, Clone, Copy)]
pub enum Failure {
    /// 429 with `parameters.retry_after` seconds.
    RateLimited { retry_after: u64 },
    /// 500 Internal Server Error.
    ServerError,
}

/// A Telegram user who talks to the bot.
#[derive(Debug, Clone)]
pub struct TgUser {
    pub id: i64,
    pub first_name: String,
    pub language_code: Option<String>,
}

impl TgUser {
    pub fn new(id: i64, first_name: &str, language_code: Option<&str>) -> TgUser {
        TgUser {
            id,
            first_name: first_name.into(),
            language_code: language_code.map(str::to_string),
        }
    }

    fn json(&self) -> Value {
        let mut user = json!({ "id": self.id, "is_bot": false, "first_name": self.first_name });
        if let Some(code) = &self.language_code {
            user["language_code"] = json!(code);
        }
        user
    }
}

/// A chat: private (the user's id) or a group (a negative id).
#[derive(Debug, Clone)]
pub struct TgChat {
    pub id: i64,
    json: Value,
}

impl TgChat {
    pub fn private(user: &TgUser) -> TgChat {
        TgChat {
            id: user.id,
            json: json!({ "id": user.id, "type": "private", "first_name": user.first_name }),
        }
    }

    pub fn group(id: i64, title: &str) -> TgChat {
        TgChat {
            id,
            json: json!({ "id": id, "type": "group", "title": title }),
        }
    }

    pub fn is_private(&self) -> bool {
        self.json["type"] == "private"
    }
}

#[derive(Default)]
struct FakeState {
    calls: Vec<Call>,
    pending: VecDeque<Value>,
    next_update_id: i64,
    /// Updates below this were confirmed by a `getUpdates` offset.
    confirmed: i64,
    next_message_id: i64,
    /// Messages by (chat, message id): the users' and the bot's, as Telegram keeps them.
    messages: HashMap<(i64, i64), Value>,
    failures: VecDeque<Failure>,
    blocked: HashSet<i64>,
    webhook: Option<(String, Option<String>)>,
    open_queries: HashSet<String>,
    next_query: u64,
    commands: HashMap<String, Value>,
    /// Chats as Telegram knows them, from the users' messages.
    chats: HashMap<i64, Value>,
    /// The latest inline keyboard sent to each chat: message id and callback data.
    keyboards: HashMap<i64, (i64, Vec<String>)>,
    /// Messages delivered per chat, for waiters (`watch`).
    delivered: HashMap<i64, tokio::sync::watch::Sender<usize>>,
}

struct Shared {
    state: Mutex<FakeState>,
    news: Notify,
}

#[derive(Clone)]
pub struct FakeTelegram {
    pub address: SocketAddr,
    shared: Arc<Shared>,
    client: reqwest::Client,
}

impl FakeTelegram {
    pub async fn start() -> FakeTelegram {
        let shared = Arc::new(Shared {
            state: Mutex::new(FakeState {
                // Random starts: the service remembers ids in Redis, shared by all tests.
                next_update_id: rand::random_range(1_000..1_000_000_000),
                next_message_id: rand::random_range(1..1_000_000_000),
                ..FakeState::default()
            }),
            news: Notify::new(),
        });
        let app = Router::new()
            .route("/{bot}/{method}", any(method))
            .fallback(|| async { not_found() })
            .with_state(shared.clone());
        let address = crate::serve_fake(app).await;
        FakeTelegram {
            address,
            shared,
            client: reqwest::Client::new(),
        }
    }

    /// `TELEGRAM_API_URL` for the service.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    fn state(&self) -> std::sync::MutexGuard<'_, FakeState> {
        self.shared.state.lock().unwrap()
    }

    /// Every call so far, in order.
    pub fn calls(&self) -> Vec<Call> {
        self.state().calls.clone()
    }

    /// Calls of one method (successful or not).
    pub fn calls_of(&self, method: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.method == method)
            .collect()
    }

    /// Messages delivered to `chat` (`sendMessage`, `sendVenue`, `sendLocation`,
    /// `sendDocument` answered 200), in order.
    pub fn delivered_to(&self, chat: i64) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.ok() && c.method.starts_with("send") && c.chat_id() == Some(chat))
            .collect()
    }

    /// The next `n` sending calls fail with `failure`.
    pub fn fail_next(&self, n: usize, failure: Failure) {
        let mut s = self.state();
        s.failures.extend(std::iter::repeat_n(failure, n));
    }

    /// Messages to `chat` answer 403 "bot was blocked by the user".
    pub fn block(&self, chat: i64) {
        self.state().blocked.insert(chat);
    }

    /// The webhook URL and secret set by the service.
    pub fn webhook(&self) -> Option<(String, Option<String>)> {
        self.state().webhook.clone()
    }

    /// The command menu set for a language (`""`: the default one).
    pub fn commands(&self, language: &str) -> Option<Value> {
        self.state().commands.get(language).cloned()
    }

    fn store_message(&self, chat: &TgChat, mut message: Value) -> Value {
        let mut s = self.state();
        let id = s.next_message_id;
        s.next_message_id += 1;
        message["message_id"] = json!(id);
        message["date"] = json!(now());
        message["chat"] = chat.json.clone();
        s.messages.insert((chat.id, id), message.clone());
        s.chats.insert(chat.id, chat.json.clone());
        message
    }

    /// The number of messages delivered to `chat` so far, as it changes.
    pub fn watch(&self, chat: i64) -> tokio::sync::watch::Receiver<usize> {
        self.state()
            .delivered
            .entry(chat)
            .or_insert_with(|| tokio::sync::watch::channel(0).0)
            .subscribe()
    }

    /// The latest inline keyboard sent to `chat`: its message id and callback data.
    pub fn last_keyboard(&self, chat: i64) -> Option<(i64, Vec<String>)> {
        self.state().keyboards.get(&chat).cloned()
    }

    /// A text message from `user` in `chat` (a command when it starts with `/`).
    pub fn text(&self, chat: &TgChat, user: &TgUser, text: &str) -> Value {
        self.message(chat, user, json!({ "text": text }), None)
    }

    /// A message from `user` that replies to message `reply_to` (a group member answering the
    /// bot's question).
    pub fn text_replying(&self, chat: &TgChat, user: &TgUser, text: &str, reply_to: i64) -> Value {
        self.message(chat, user, json!({ "text": text }), Some(reply_to))
    }

    pub fn location(&self, chat: &TgChat, user: &TgUser, latitude: f64, longitude: f64) -> Value {
        self.message(
            chat,
            user,
            json!({ "location": { "latitude": latitude, "longitude": longitude } }),
            None,
        )
    }

    /// A message of a kind the bot does not read (a sticker).
    pub fn sticker(&self, chat: &TgChat, user: &TgUser) -> Value {
        self.message(chat, user, json!({ "sticker": { "file_id": "CAACAgI", "file_unique_id": "AgAD", "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false } }), None)
    }

    fn message(
        &self,
        chat: &TgChat,
        user: &TgUser,
        content: Value,
        reply_to: Option<i64>,
    ) -> Value {
        let mut message = content;
        message["from"] = user.json();
        if let Some(text) = message["text"].as_str()
            && text.starts_with('/')
        {
            let length = text
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .encode_utf16()
                .count();
            message["entities"] = json!([{ "type": "bot_command", "offset": 0, "length": length }]);
        }
        if let Some(id) = reply_to {
            let original = self.state().messages.get(&(chat.id, id)).cloned();
            message["reply_to_message"] = original.expect("replying to a known message");
        }
        let message = self.store_message(chat, message);
        json!({ "message": message })
    }

    /// A press of button `data` on the bot's message `message_id` in `chat`, as Telegram
    /// reports it (with the message as it is now).
    pub fn press(&self, chat: &TgChat, user: &TgUser, message_id: i64, data: &str) -> Value {
        let mut s = self.state();
        s.next_query += 1;
        let id = format!("{}", 4_000_000_000_000u64 + s.next_query);
        s.open_queries.insert(id.clone());
        let message = s
            .messages
            .get(&(chat.id, message_id))
            .cloned()
            .expect("pressing a button of a known message");
        json!({ "callback_query": { "id": id, "from": user.json(), "message": message,
            "chat_instance": format!("ci{}", chat.id), "data": data } })
    }

    /// Hands an update to the service: queued for `getUpdates`, or posted to the webhook with
    /// its secret when one is set (the status is returned). Returns the update id.
    pub async fn send_update(&self, update: Value) -> (i64, Option<u16>) {
        let (update, webhook) = {
            let mut s = self.state();
            let mut update = update;
            let id = s.next_update_id;
            s.next_update_id += 1;
            update["update_id"] = json!(id);
            if s.webhook.is_none() {
                s.pending.push_back(update.clone());
            }
            (update, s.webhook.clone())
        };
        let id = update["update_id"].as_i64().unwrap();
        match webhook {
            Some((url, secret)) => {
                let status = self
                    .post_webhook(&url, &update.to_string(), secret.as_deref())
                    .await;
                (id, Some(status))
            }
            None => {
                self.shared.news.notify_waiters();
                (id, None)
            }
        }
    }

    /// Hands out an update again with its own `update_id`, as Telegram does when the
    /// confirmation (the next `getUpdates` offset) never arrived.
    pub fn requeue(&self, update: Value) {
        let id = update["update_id"].as_i64().expect("an update with its id");
        let mut s = self.state();
        s.confirmed = s.confirmed.min(id);
        s.pending.push_back(update);
        drop(s);
        self.shared.news.notify_waiters();
    }

    /// Posts `body` to the webhook with `secret` as `X-Telegram-Bot-Api-Secret-Token`.
    pub async fn post_webhook(&self, url: &str, body: &str, secret: Option<&str>) -> u16 {
        let mut request = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .body(body.to_string());
        if let Some(secret) = secret {
            request = request.header("x-telegram-bot-api-secret-token", secret);
        }
        request
            .send()
            .await
            .expect("webhook reachable")
            .status()
            .as_u16()
    }

    /// Hands an update to `app`'s Telegram channel and waits until every turn it caused is
    /// done; returns the webhook's status in webhook mode.
    pub async fn deliver(&self, app: &crate::TestApp, update: Value) -> Option<u16> {
        let (id, status) = self.send_update(update).await;
        if status.is_none() {
            self.wait_confirmed(id).await;
        }
        let telegram = app.channels.telegram.as_ref().expect("telegram configured");
        assert!(
            telegram.drained(Duration::from_secs(60)).await,
            "turns still running after a minute"
        );
        status
    }

    /// A press of the first button starting with `prefix` on the latest keyboard in `chat`.
    pub fn press_offered(&self, chat: &TgChat, user: &TgUser, prefix: &str) -> Value {
        let (message, buttons) = self.last_keyboard(chat.id).expect("a keyboard");
        let data = buttons
            .iter()
            .find(|b| b.starts_with(prefix))
            .unwrap_or_else(|| panic!("no {prefix} button in {buttons:?}"));
        self.press(chat, user, message, data)
    }

    /// Waits until the service confirmed update `id` (its next `getUpdates` offset is past
    /// it), i.e. it has taken the update.
    pub async fn wait_confirmed(&self, id: i64) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while self.state().confirmed <= id {
            assert!(
                tokio::time::Instant::now() < deadline,
                "update {id} was never fetched by getUpdates"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Waits until `check` holds for the calls (at most 30 s), panicking with them otherwise.
    pub async fn wait_for(&self, what: &str, check: impl Fn(&[Call]) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            let calls = self.calls();
            if check(&calls) {
                return;
            }
            if tokio::time::Instant::now() > deadline {
                let methods: Vec<String> = calls
                    .iter()
                    .map(|c| format!("{} {} {}", c.method, c.status, c.params))
                    .collect();
                panic!("never happened: {what}; calls:\n{}", methods.join("\n"));
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn as_i64(value: &Value) -> Option<i64> {
    value
        .as_i64()
        .or_else(|| value.as_str().and_then(|s| s.parse().ok()))
}

fn as_f64(value: &Value) -> Option<f64> {
    value
        .as_f64()
        .or_else(|| value.as_str().and_then(|s| s.parse().ok()))
}

fn ok(result: Value) -> Response {
    Json(json!({ "ok": true, "result": result })).into_response()
}

fn error(code: u16, description: &str) -> Response {
    (
        StatusCode::from_u16(code).unwrap(),
        Json(json!({ "ok": false, "error_code": code, "description": description })),
    )
        .into_response()
}

fn not_found() -> Response {
    error(404, "Not Found")
}

fn bad(description: &str) -> Response {
    error(400, &format!("Bad Request: {description}"))
}

/// Reads the parameters as Telegram does: query string, JSON, urlencoded form or multipart.
/// Multipart and form values that are JSON objects or arrays (`reply_markup`, `commands`)
/// are parsed; files become `{"filename", "size", "text"}`, also where a parameter names
/// one with `attach://<field>`.
async fn parameters(request: Request) -> Result<Map<String, Value>, Response> {
    let mut params = Map::new();
    if let Some(query) = request.uri().query() {
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            params.insert(k.into_owned(), json!(v.into_owned()));
        }
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let structured = |v: String| -> Value {
        if v.starts_with('{') || v.starts_with('[') {
            serde_json::from_str(&v).unwrap_or(Value::String(v))
        } else {
            Value::String(v)
        }
    };
    if content_type.starts_with("multipart/form-data") {
        let mut multipart = Multipart::from_request(request, &())
            .await
            .map_err(|_| bad("can't parse multipart form"))?;
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|_| bad("can't parse multipart form"))?
        {
            let name = field.name().unwrap_or_default().to_string();
            let filename = field.file_name().map(str::to_string);
            let bytes = field
                .bytes()
                .await
                .map_err(|_| bad("can't parse multipart form"))?;
            let value = match filename {
                Some(filename) => json!({ "filename": filename, "size": bytes.len(),
                    "text": String::from_utf8_lossy(&bytes) }),
                None => structured(String::from_utf8_lossy(&bytes).into_owned()),
            };
            params.insert(name, value);
        }
        // `document=attach://<name>` refers to the file uploaded under `<name>`.
        let attached: Vec<(String, String)> = params
            .iter()
            .filter_map(|(k, v)| {
                v.as_str()
                    .and_then(|v| v.strip_prefix("attach://"))
                    .map(|name| (k.clone(), name.to_string()))
            })
            .collect();
        for (key, name) in attached {
            if let Some(file) = params.remove(&name) {
                params.insert(key, file);
            }
        }
    } else {
        let bytes = axum::body::to_bytes(request.into_body(), 10 << 20)
            .await
            .map_err(|_| bad("request too large"))?;
        if content_type.starts_with("application/json") {
            match serde_json::from_slice::<Value>(&bytes) {
                Ok(Value::Object(map)) => params.extend(map),
                _ => return Err(bad("can't parse JSON object")),
            }
        } else if !bytes.is_empty() {
            for (k, v) in url::form_urlencoded::parse(&bytes) {
                params.insert(k.into_owned(), structured(v.into_owned()));
            }
        }
    }
    Ok(params)
}

async fn method(
    State(shared): State<Arc<Shared>>,
    Path((bot, method)): Path<(String, String)>,
    request: Request<Body>,
) -> Response {
    if bot.strip_prefix("bot") != Some(TOKEN) {
        return error(401, "Unauthorized");
    }
    let params = match parameters(request).await {
        Ok(p) => Value::Object(p),
        Err(response) => return response,
    };
    // Method names are case-insensitive in the Bot API.
    let Some(name) = SETUP
        .iter()
        .chain(&SENDING)
        .find(|m| m.eq_ignore_ascii_case(&method))
    else {
        record(&shared, &method, &params, 404, Value::Null);
        return not_found();
    };
    if *name == "getUpdates" {
        return get_updates(&shared, &params).await;
    }
    let (status, outcome) = {
        let mut s = shared.state.lock().unwrap();
        let injected = if SENDING.contains(name) {
            s.failures.pop_front()
        } else {
            None
        };
        match injected {
            Some(Failure::RateLimited { retry_after }) => (
                429,
                Err((
                    StatusCode::TOO_MANY_REQUESTS,
                    Json(json!({ "ok": false, "error_code": 429,
                        "description": format!("Too Many Requests: retry after {retry_after}"),
                        "parameters": { "retry_after": retry_after } })),
                )
                    .into_response()),
            ),
            Some(Failure::ServerError) => (500, Err(error(500, "Internal Server Error"))),
            None => match handle(&mut s, name, &params) {
                Ok(result) => (200, Ok(result)),
                Err((code, description)) => (code, Err(error(code, &description))),
            },
        }
    };
    let result = outcome.as_ref().ok().cloned().unwrap_or(Value::Null);
    record(&shared, name, &params, status, result);
    match outcome {
        Ok(result) => ok(result),
        Err(response) => response,
    }
}

fn record(shared: &Shared, method: &str, params: &Value, status: u16, result: Value) {
    shared.state.lock().unwrap().calls.push(Call {
        method: method.to_string(),
        params: params.clone(),
        status,
        result,
        at: tokio::time::Instant::now(),
    });
}

async fn get_updates(shared: &Shared, params: &Value) -> Response {
    let offset = as_i64(&params["offset"]).unwrap_or(0);
    let timeout = as_i64(&params["timeout"]).unwrap_or(0).clamp(0, 50) as u64;
    let limit = as_i64(&params["limit"]).unwrap_or(100).clamp(1, 100) as usize;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
    if offset > 0 {
        // An offset confirms every update before it: they are never handed out again.
        let mut s = shared.state.lock().unwrap();
        s.confirmed = s.confirmed.max(offset);
        s.pending
            .retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
    }
    loop {
        let notified = shared.news.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        {
            let s = shared.state.lock().unwrap();
            if s.webhook.is_some() {
                drop(s);
                record(shared, "getUpdates", params, 409, Value::Null);
                return error(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
                );
            }
            let batch: Vec<Value> = s
                .pending
                .iter()
                .filter(|u| u["update_id"].as_i64().unwrap_or(0) >= offset)
                .take(limit)
                .cloned()
                .collect();
            if !batch.is_empty() || tokio::time::Instant::now() >= deadline {
                let result = json!(batch);
                drop(s);
                record(shared, "getUpdates", params, 200, result.clone());
                return ok(result);
            }
        }
        let _ = tokio::time::timeout_at(deadline, notified).await;
    }
}

type Outcome = Result<Value, (u16, String)>;

fn bad_request(description: &str) -> (u16, String) {
    (400, format!("Bad Request: {description}"))
}

fn handle(s: &mut FakeState, method: &str, p: &Value) -> Outcome {
    match method {
        "getMe" => Ok(
            json!({ "id": BOT_ID, "is_bot": true, "first_name": "visadesk test",
            "username": BOT_USERNAME, "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": false, "can_connect_to_business": false, "has_main_web_app": false }),
        ),
        "setWebhook" => {
            let url = p["url"].as_str().unwrap_or_default();
            if url.is_empty() {
                s.webhook = None;
                return Ok(json!(true));
            }
            let secret = p["secret_token"].as_str().map(str::to_string);
            if let Some(secret) = &secret {
                let valid = (1..=256).contains(&secret.len())
                    && secret
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                if !valid {
                    return Err(bad_request("secret token contains unallowed characters"));
                }
            }
            s.webhook = Some((url.to_string(), secret));
            Ok(json!(true))
        }
        "deleteWebhook" => {
            s.webhook = None;
            Ok(json!(true))
        }
        "setMyCommands" => {
            let commands = p["commands"].as_array().cloned().unwrap_or_default();
            for c in &commands {
                let name = c["command"].as_str().unwrap_or_default();
                let description = c["description"].as_str().unwrap_or_default();
                let name_ok = (1..=32).contains(&name.len())
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                if !name_ok || !(1..=256).contains(&description.chars().count()) {
                    return Err(bad_request("BOT_COMMAND_INVALID"));
                }
            }
            let language = p["language_code"].as_str().unwrap_or_default().to_string();
            s.commands.insert(language, json!(commands));
            Ok(json!(true))
        }
        "answerCallbackQuery" => {
            let id = p["callback_query_id"]
                .as_str()
                .map(str::to_string)
                .unwrap_or_default();
            if !s.open_queries.remove(&id) {
                return Err(bad_request(
                    "query is too old and response timeout expired or query ID is invalid",
                ));
            }
            Ok(json!(true))
        }
        "editMessageReplyMarkup" | "editMessageText" => {
            let chat = as_i64(&p["chat_id"]).ok_or_else(|| bad_request("chat not found"))?;
            let id = as_i64(&p["message_id"])
                .ok_or_else(|| bad_request("message identifier is not specified"))?;
            let markup = p.get("reply_markup").cloned().filter(|m| !m.is_null());
            if let Some(m) = &markup {
                check_markup(m, true)?;
            }
            let Some(message) = s.messages.get_mut(&(chat, id)) else {
                return Err(bad_request("message to edit not found"));
            };
            let new_text = if method == "editMessageText" {
                Some(visible_text(p)?)
            } else {
                None
            };
            let old_markup = message.get("reply_markup").cloned();
            let text_same = new_text.as_ref().is_none_or(|t| message["text"] == *t);
            if text_same && old_markup == markup {
                return Err(bad_request(
                    "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
                ));
            }
            if let Some(text) = new_text {
                message["text"] = json!(text);
            }
            match markup {
                Some(m) => message["reply_markup"] = m,
                None => {
                    message.as_object_mut().unwrap().remove("reply_markup");
                }
            }
            message["edit_date"] = json!(now());
            Ok(message.clone())
        }
        "sendMessage" | "sendDocument" | "sendLocation" | "sendVenue" => send(s, method, p),
        _ => Err((404, "Not Found".into())),
    }
}

fn send(s: &mut FakeState, method: &str, p: &Value) -> Outcome {
    let chat = as_i64(&p["chat_id"]).ok_or_else(|| bad_request("chat not found"))?;
    if s.blocked.contains(&chat) {
        return Err((403, "Forbidden: bot was blocked by the user".into()));
    }
    // The chat as Telegram knows it: from an earlier message in it.
    let chat_json = s
        .chats
        .get(&chat)
        .cloned()
        .ok_or_else(|| bad_request("chat not found"))?;
    let private = chat_json["type"] == "private";
    let mut message = json!({ "from": { "id": BOT_ID, "is_bot": true, "first_name": "visadesk test", "username": BOT_USERNAME } });
    match method {
        "sendMessage" => message["text"] = json!(visible_text(p)?),
        "sendLocation" | "sendVenue" => {
            let (Some(latitude), Some(longitude)) =
                (as_f64(&p["latitude"]), as_f64(&p["longitude"]))
            else {
                return Err(bad_request("wrong latitude or longitude"));
            };
            let location = json!({ "latitude": latitude, "longitude": longitude });
            message["location"] = location.clone();
            if method == "sendVenue" {
                let title = p["title"].as_str().unwrap_or_default();
                let address = p["address"].as_str().unwrap_or_default();
                if title.is_empty() || address.is_empty() {
                    return Err(bad_request("venue title and address must be non-empty"));
                }
                message["venue"] =
                    json!({ "location": location, "title": title, "address": address });
            }
        }
        _ => {
            let file = &p["document"];
            let Some(filename) = file["filename"].as_str() else {
                return Err(bad_request("there is no document in the request"));
            };
            message["document"] = json!({ "file_id": format!("BQACAgI{}", s.next_message_id),
                "file_unique_id": format!("AgAD{}", s.next_message_id), "file_name": filename,
                "file_size": file["size"] });
        }
    }
    if let Some(markup) = p.get("reply_markup").filter(|m| !m.is_null()) {
        check_markup(markup, private)?;
        // Telegram returns only inline keyboards with the message.
        if markup.get("inline_keyboard").is_some() {
            message["reply_markup"] = markup.clone();
        }
    }
    if let Some(reply_to) = as_i64(&p["reply_parameters"]["message_id"]) {
        match s.messages.get(&(chat, reply_to)) {
            Some(original) => message["reply_to_message"] = original.clone(),
            None if p["reply_parameters"]["allow_sending_without_reply"] == true => {}
            None => return Err(bad_request("message to be replied not found")),
        }
    }
    let id = s.next_message_id;
    s.next_message_id += 1;
    message["message_id"] = json!(id);
    message["date"] = json!(now());
    message["chat"] = chat_json;
    s.messages.insert((chat, id), message.clone());
    let buttons: Vec<String> = message["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["callback_data"].as_str().map(str::to_string))
        .collect();
    if !buttons.is_empty() {
        s.keyboards.insert(chat, (id, buttons));
    }
    s.delivered
        .entry(chat)
        .or_insert_with(|| tokio::sync::watch::channel(0).0)
        .send_modify(|n| *n += 1);
    Ok(message)
}

/// Checks a reply markup as Telegram does: callback data 1–64 bytes, location buttons only
/// in private chats.
fn check_markup(markup: &Value, private: bool) -> Result<(), (u16, String)> {
    for row in markup["inline_keyboard"].as_array().into_iter().flatten() {
        for button in row.as_array().into_iter().flatten() {
            let data = button["callback_data"].as_str().unwrap_or_default();
            if data.is_empty()
                || data.len() > 64
                || button["text"].as_str().unwrap_or_default().is_empty()
            {
                return Err(bad_request("BUTTON_DATA_INVALID"));
            }
        }
    }
    for row in markup["keyboard"].as_array().into_iter().flatten() {
        for button in row.as_array().into_iter().flatten() {
            if button["request_location"] == true && !private {
                return Err(bad_request(
                    "keyboard buttons requesting location are allowed in private chats only",
                ));
            }
        }
    }
    Ok(())
}

/// The text as shown, after parsing the entities of `parse_mode` (HTML only; other modes
/// are taken literally here), checked against Telegram's 4096-character limit.
fn visible_text(p: &Value) -> Result<String, (u16, String)> {
    let text = p["text"].as_str().unwrap_or_default();
    let shown = if p["parse_mode"]
        .as_str()
        .is_some_and(|m| m.eq_ignore_ascii_case("html"))
    {
        parse_html(text).map_err(|e| bad_request(&format!("can't parse entities: {e}")))?
    } else {
        text.to_string()
    };
    if shown.trim().is_empty() {
        return Err(bad_request("message text is empty"));
    }
    if shown.encode_utf16().count() > 4096 {
        return Err(bad_request("message is too long"));
    }
    Ok(shown)
}

/// Telegram's HTML parse mode: the tags it supports, `&lt;` `&gt;` `&amp;` `&quot;` and
/// numeric entities; a bare `<` or `&` that starts nothing valid is an error.
fn parse_html(text: &str) -> Result<String, String> {
    const TAGS: [&str; 16] = [
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "tg-spoiler",
        "span",
        "blockquote",
        "tg-emoji",
    ];
    let mut out = String::new();
    let mut open: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let end = rest.find('>').ok_or_else(|| {
                    format!(
                        "unclosed start tag at byte offset {}",
                        text.len() - rest.len()
                    )
                })?;
                let inner = &rest[1..end];
                let (closing, inner) = match inner.strip_prefix('/') {
                    Some(i) => (true, i),
                    None => (false, inner),
                };
                let name = inner
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if !TAGS.contains(&name.as_str()) {
                    return Err(format!("unsupported start tag \"{name}\""));
                }
                if closing {
                    if open.pop().as_deref() != Some(name.as_str()) {
                        return Err(format!("unmatched end tag \"{name}\""));
                    }
                } else {
                    open.push(name);
                }
                rest = &rest[end + 1..];
            }
            '&' => {
                let end = rest
                    .find(';')
                    .filter(|&e| e <= 10)
                    .ok_or("bare & character")?;
                let entity = &rest[1..end];
                let decoded = match entity {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "quot" => '"',
                    n if n.starts_with('#') => n[1..]
                        .parse::<u32>()
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or("bad numeric entity")?,
                    _ => return Err(format!("unsupported entity \"&{entity};\"")),
                };
                out.push(decoded);
                rest = &rest[end + 1..];
            }
            c => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if let Some(tag) = open.pop() {
        return Err(format!(
            "can't find end tag corresponding to start tag \"{tag}\""
        ));
    }
    Ok(out)
}
