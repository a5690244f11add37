//! A person talking to visadesk through the generic webhook (`docs/api/generic-webhook.md`)
//! as an integrating system relays them, so channel tests read like a conversation:
//!
//! ```ignore
//! use visadesk_tests::json_channel::JsonUser; // says, presses, presses_first
//! let mut ana = GenericUser::new(&app, "crm-77", "user-1").speaking("zh-CN");
//! ana.says("/start").await;
//! ana.presses("book").await;
//! ana.presses_first("svc:").await;
//! assert!(ana.shows("booking-pick-city"));
//! ```
//! Every message is a JSON body signed with the service's own `VISADESK_GENERIC_SECRET`
//! ([`GenericRequest`]); the answer is the response ([`JsonAnswer`]). Tests about malformed
//! or badly signed requests build a [`GenericRequest`] themselves.

use crate::TestApp;
use crate::json_channel::{JsonAnswer, JsonUser};
use axum::body::Body;
use serde_json::{Value, json};
use visadesk_gateway::channels::generic::{PATH, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign_request};

/// One request to the generic webhook as it goes over the wire; every part can be set wrong
/// on purpose.
#[derive(Debug, Clone)]
pub struct GenericRequest {
    pub body: Vec<u8>,
    pub content_type: String,
    /// `X-Visadesk-Timestamp` (Unix seconds), when sent.
    pub timestamp: Option<String>,
    /// `X-Visadesk-Signature`, when sent.
    pub signature: Option<String>,
}

impl GenericRequest {
    /// `body` as JSON, without a signature.
    pub fn unsigned(body: impl Into<Vec<u8>>) -> GenericRequest {
        GenericRequest {
            body: body.into(),
            content_type: "application/json".into(),
            timestamp: None,
            signature: None,
        }
    }

    /// `body` as JSON, signed with `secret` at the current time of the wall clock (which the
    /// service reads unless a test pins its clock).
    pub fn signed(secret: &str, body: impl Into<Vec<u8>>) -> GenericRequest {
        GenericRequest::signed_at(secret, chrono::Utc::now().timestamp(), body)
    }

    /// `body` as JSON, signed with `secret` as the integrating system must sign it at
    /// `timestamp` (Unix seconds).
    pub fn signed_at(secret: &str, timestamp: i64, body: impl Into<Vec<u8>>) -> GenericRequest {
        let mut request = GenericRequest::unsigned(body);
        let timestamp = timestamp.to_string();
        request.signature = Some(sign_request(secret, &timestamp, &request.body));
        request.timestamp = Some(timestamp);
        request
    }

    pub fn with_timestamp(mut self, timestamp: Option<String>) -> GenericRequest {
        self.timestamp = timestamp;
        self
    }

    pub fn with_signature(mut self, signature: Option<String>) -> GenericRequest {
        self.signature = signature;
        self
    }

    pub fn with_content_type(mut self, content_type: &str) -> GenericRequest {
        self.content_type = content_type.into();
        self
    }

    /// The headers the request is sent with (content type, timestamp, signature).
    pub fn headers(&self) -> Vec<(&'static str, &str)> {
        let mut headers = vec![("content-type", self.content_type.as_str())];
        if let Some(timestamp) = &self.timestamp {
            headers.push((TIMESTAMP_HEADER, timestamp));
        }
        if let Some(signature) = &self.signature {
            headers.push((SIGNATURE_HEADER, signature));
        }
        headers
    }

    /// Posts the request to the running service and reads the answer.
    pub async fn send(&self, app: &TestApp) -> JsonAnswer {
        let mut request = app.client.post(app.url(PATH)).body(self.body.clone());
        for (name, value) in self.headers() {
            request = request.header(name, value);
        }
        JsonAnswer::read(request.send().await.unwrap()).await
    }

    /// The request for a router driven in-process (`tower::ServiceExt::oneshot`).
    pub fn to_http(&self) -> axum::http::Request<Body> {
        let mut request = axum::http::Request::post(PATH);
        for (name, value) in self.headers() {
            request = request.header(name, value);
        }
        request.body(Body::from(self.body.clone())).unwrap()
    }
}

/// One sender in one conversation of the integrating system. The service must have the
/// generic webhook configured; its secret signs every message.
pub struct GenericUser<'a> {
    app: &'a TestApp,
    secret: String,
    pub conversation: String,
    pub sender: String,
    /// The `locale` hint sent with every message (none: the service's default).
    pub locale: Option<String>,
    /// The `sender_name` sent with every message.
    pub name: Option<String>,
    /// Whether each message gets a fresh `message_id` (`<sender>-<n>`) unless it names one,
    /// as a careful integrating system does: without one, the same text sent twice in one
    /// second is the same request, and the second is dropped as a replay.
    numbered: bool,
    /// Messages sent so far (for fresh message ids).
    count: u32,
    /// The last request sent, for sending it again.
    previous: Option<GenericRequest>,
    /// The answer to the last message.
    pub last: JsonAnswer,
}

impl<'a> GenericUser<'a> {
    pub fn new(app: &'a TestApp, conversation: &str, sender: &str) -> GenericUser<'a> {
        let secret = app
            .app
            .settings
            .generic_secret
            .as_ref()
            .expect("the generic webhook is configured (VISADESK_GENERIC_SECRET)")
            .expose()
            .to_string();
        GenericUser {
            app,
            secret,
            conversation: conversation.into(),
            sender: sender.into(),
            locale: None,
            name: None,
            numbered: true,
            count: 0,
            previous: None,
            last: JsonAnswer::default(),
        }
    }

    /// Sends `locale` as the language hint.
    pub fn speaking(mut self, locale: &str) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// Sends `name` as the sender's display name.
    pub fn named(mut self, name: &str) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sends messages without a `message_id` unless the test gives one.
    pub fn without_message_ids(mut self) -> Self {
        self.numbered = false;
        self
    }

    /// The message body: who speaks, and `input` (`{"text": …}`, `{"button": …}`, …).
    pub fn message(&self, input: Value) -> Value {
        let mut body = json!({ "conversation_id": self.conversation, "sender_id": self.sender });
        if let Some(locale) = &self.locale {
            body["locale"] = json!(locale);
        }
        if let Some(name) = &self.name {
            body["sender_name"] = json!(name);
        }
        body.as_object_mut()
            .unwrap()
            .extend(input.as_object().expect("input is an object").clone());
        body
    }

    /// Sends one message signed at the service's current time, whatever the answer (a test
    /// about limits reads it).
    pub async fn tries(&mut self, input: Value) -> &JsonAnswer {
        self.count += 1;
        let mut body = self.message(input);
        if self.numbered && body.get("message_id").is_none() {
            body["message_id"] = json!(format!("{}-{}", self.sender, self.count));
        }
        let body = body.to_string();
        let now = self.app.app.clock.now().timestamp();
        self.post(GenericRequest::signed_at(&self.secret, now, body))
            .await
    }

    /// Sends the last request again, byte for byte with its timestamp and signature (as
    /// someone who captured it would), whatever the answer.
    pub async fn replays_last(&mut self) -> &JsonAnswer {
        self.post(self.previous().clone()).await
    }

    /// Sends the last message again signed anew one second later (as an integrating system
    /// retries one whose answer it missed), whatever the answer.
    pub async fn retries_last(&mut self) -> &JsonAnswer {
        let previous = self.previous().clone();
        let then: i64 = previous.timestamp.as_deref().unwrap().parse().unwrap();
        self.post(GenericRequest::signed_at(
            &self.secret,
            then + 1,
            previous.body,
        ))
        .await
    }

    /// The last request sent, as it went over the wire.
    pub fn previous(&self) -> &GenericRequest {
        self.previous.as_ref().expect("a message was sent before")
    }

    async fn post(&mut self, request: GenericRequest) -> &JsonAnswer {
        self.last = request.send(self.app).await;
        self.previous = Some(request);
        &self.last
    }

    /// The text `key` in the user's language.
    pub fn t(&self, key: &str) -> String {
        let texts = &self.app.app.texts;
        texts.text(texts.negotiate(self.locale.as_deref()), key, &[])
    }

    /// Whether the last answer contains the text `key` (a text without arguments).
    pub fn shows(&self, key: &str) -> bool {
        self.last.text().contains(&self.t(key))
    }
}

impl JsonUser for GenericUser<'_> {
    /// Sends one message signed at the service's current time.
    async fn sends(&mut self, input: Value) -> &JsonAnswer {
        self.tries(input).await;
        assert_eq!(
            self.last.status, 200,
            "the webhook answered {:?}",
            self.last
        );
        &self.last
    }

    fn last(&self) -> &JsonAnswer {
        &self.last
    }
}
