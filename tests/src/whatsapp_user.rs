//! A WhatsApp user talking to visadesk over the real wire format, so channel tests read
//! like a conversation:
//!
//! ```ignore
//! let mut ana = WhatsAppUser::new(&app, &fake, "8613800138000");
//! ana.says("/start").await;
//! ana.picks_row("svc:residence").await;
//! ana.presses("confirm").await;
//! assert!(ana.document_link().is_some());
//! ```
//! Every message is a webhook notification as Meta sends it, signed with
//! [`APP_SECRET`](crate::fake_whatsapp::APP_SECRET) and posted to `/whatsapp`; the answers
//! are the payloads the service then sent to the fake Cloud API.

use crate::TestApp;
use crate::fake_whatsapp::{APP_SECRET, FakeWhatsApp, PHONE_ID};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use visadesk_gateway::channels::generic::sign;
use visadesk_gateway::channels::whatsapp::SIGNATURE_HEADER;

/// A webhook notification from `from` with one message (`{"type": …}` without sender, id
/// or timestamp), as Meta sends it.
pub fn notification(from: &str, id: &str, message: Value) -> Value {
    let mut m = message;
    m["from"] = json!(from);
    m["id"] = json!(id);
    m["timestamp"] = json!("1732500000");
    json!({ "object": "whatsapp_business_account", "entry": [{ "id": "WABA", "changes": [{ "field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": { "display_phone_number": "15550001111", "phone_number_id": PHONE_ID },
        "contacts": [{ "profile": { "name": "Test User" }, "wa_id": from }], "messages": [m] } }] }] })
}

/// Posts `body` to the service's WhatsApp webhook, signed as Meta signs it; returns the
/// HTTP status.
pub async fn deliver(app: &TestApp, body: &Value) -> u16 {
    let text = body.to_string();
    app.client
        .post(app.url("/whatsapp"))
        .header("content-type", "application/json")
        .header(SIGNATURE_HEADER, sign(APP_SECRET, text.as_bytes()))
        .body(text)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// One WhatsApp number talking to the service: typing, pressing reply buttons and picking
/// list rows. A test talks as one user at a time: the answers to a turn are everything the
/// fake Cloud API received since the previous turn.
pub struct WhatsAppUser<'a> {
    app: &'a TestApp,
    fake: &'a FakeWhatsApp,
    /// The user's number (`from`, and the `to` of every answer).
    pub number: String,
    /// Messages sent so far (for fresh message ids).
    count: u32,
    /// How many messages the fake had received at the end of the last turn.
    seen: usize,
    /// The last notification delivered, for redelivering it.
    previous: Option<Value>,
    /// What the service sent in answer to the last message.
    pub last: Vec<Value>,
}

impl<'a> WhatsAppUser<'a> {
    pub fn new(app: &'a TestApp, fake: &'a FakeWhatsApp, number: &str) -> Self {
        WhatsAppUser {
            app,
            fake,
            number: number.into(),
            count: 0,
            seen: fake.sent().len(),
            previous: None,
            last: Vec::new(),
        }
    }

    /// Sends one message (`{"type": …}`) under a fresh message id, asserts the webhook
    /// answered 200 and waits for the answers.
    pub async fn sends(&mut self, message: Value) -> &[Value] {
        self.count += 1;
        let id = format!("wamid.{}.{}", self.number, self.count);
        let body = notification(&self.number, &id, message);
        let status = deliver(self.app, &body).await;
        assert_eq!(status, 200, "the webhook answered {status}");
        self.previous = Some(body);
        self.last = self.answers().await;
        &self.last
    }

    /// Types a line.
    pub async fn says(&mut self, text: &str) -> &[Value] {
        self.sends(json!({ "type": "text", "text": { "body": text } }))
            .await
    }

    /// Presses the reply button `id` the last answer offered.
    pub async fn presses(&mut self, id: &str) -> &[Value] {
        let title = Self::title(&self.offered_buttons(), id)
            .unwrap_or_else(|| panic!("no button {id} in {:?}", self.buttons()));
        self.replies("button_reply", id, &title).await
    }

    /// Picks the list row `id` the last answer offered.
    pub async fn picks_row(&mut self, id: &str) -> &[Value] {
        let title = Self::title(&self.offered_rows(), id)
            .unwrap_or_else(|| panic!("no list row {id} in {:?}", self.rows()));
        self.replies("list_reply", id, &title).await
    }

    /// Presses the button or picks the row `id`, whichever the last answer offered.
    pub async fn chooses(&mut self, id: &str) -> &[Value] {
        if self.rows().iter().any(|r| r == id) {
            self.picks_row(id).await
        } else {
            self.presses(id).await
        }
    }

    /// Delivers the last notification again, unchanged (as Meta retries one whose
    /// acknowledgement it missed), and asserts the webhook answered 200. It does not wait:
    /// whether anything was answered shows in `fake.sent()` against [`seen`](Self::seen).
    pub async fn redelivers_last(&mut self) {
        let body = self.previous.clone().expect("a message was sent before");
        let status = deliver(self.app, &body).await;
        assert_eq!(status, 200, "the webhook answered {status}");
    }

    /// How many messages the fake had received when the last answer was complete.
    pub fn seen(&self) -> usize {
        self.seen
    }

    /// The ids of the reply buttons in the last answer.
    pub fn buttons(&self) -> Vec<String> {
        self.offered_buttons()
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    }

    /// The ids of the list rows in the last answer.
    pub fn rows(&self) -> Vec<String> {
        self.offered_rows().into_iter().map(|(id, _)| id).collect()
    }

    /// Every choice id the last answer offered: buttons, then list rows.
    pub fn choices(&self) -> Vec<String> {
        let mut ids = self.buttons();
        ids.extend(self.rows());
        ids
    }

    /// The first choice (button or row) whose id starts with `prefix`, if one was offered.
    pub fn first_choice(&self, prefix: &str) -> Option<String> {
        self.choices().into_iter().find(|i| i.starts_with(prefix))
    }

    /// `field` of every message of type `kind` in the last answer (a Cloud API message keeps
    /// its content under its type: `{"type": "text", "text": {"body": …}}`).
    fn parts(&self, kind: &str, field: &str) -> Vec<String> {
        self.last
            .iter()
            .filter(|m| m["type"] == kind)
            .filter_map(|m| m[kind][field].as_str())
            .map(str::to_string)
            .collect()
    }

    /// The bodies of the text messages in the last answer.
    pub fn texts(&self) -> Vec<String> {
        self.parts("text", "body")
    }

    /// Whether the last answer offered its choices as numbered text (`1. …`).
    pub fn numbered(&self) -> bool {
        self.texts().iter().any(|t| t.contains("\n1. "))
    }

    /// Whether the last answer holds an interactive list.
    pub fn has_list(&self) -> bool {
        self.last.iter().any(|m| m["interactive"]["type"] == "list")
    }

    /// The link of the first document in the last answer.
    pub fn document_link(&self) -> Option<String> {
        self.parts("document", "link").into_iter().next()
    }

    async fn replies(&mut self, kind: &str, id: &str, title: &str) -> &[Value] {
        self.sends(json!({ "type": "interactive", "interactive": { "type": kind, kind: { "id": id, "title": title } } }))
            .await
    }

    fn title(offered: &[(String, String)], id: &str) -> Option<String> {
        offered
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, title)| title.clone())
    }

    /// (id, title) of every reply button in the last answer.
    fn offered_buttons(&self) -> Vec<(String, String)> {
        self.last
            .iter()
            .flat_map(|m| m["interactive"]["action"]["buttons"].as_array().cloned())
            .flatten()
            .map(|b| Self::id_and_title(&b["reply"]))
            .collect()
    }

    /// (id, title) of every list row in the last answer.
    fn offered_rows(&self) -> Vec<(String, String)> {
        self.last
            .iter()
            .flat_map(|m| m["interactive"]["action"]["sections"].as_array().cloned())
            .flatten()
            .flat_map(|s| s["rows"].as_array().cloned())
            .flatten()
            .map(|r| Self::id_and_title(&r))
            .collect()
    }

    fn id_and_title(choice: &Value) -> (String, String) {
        let id = choice["id"].as_str().expect("a choice has an id");
        let title = choice["title"].as_str().unwrap_or_default();
        (id.to_string(), title.to_string())
    }

    /// Waits (up to 10 s) until the fake has more messages than `seen`, lets the rest of
    /// the turn arrive, and returns the new ones.
    async fn answers(&mut self) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if self.fake.sent().len() > self.seen {
                // Let the rest of this turn's messages arrive.
                tokio::time::sleep(Duration::from_millis(150)).await;
                let sent = self.fake.sent();
                let new = sent[self.seen..].to_vec();
                self.seen = sent.len();
                return new;
            }
            assert!(Instant::now() < deadline, "no answer from visadesk");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}
