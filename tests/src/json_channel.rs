//! The two JSON channels, the generic webhook and the web chat, as a test talks to them: the
//! answer both give (status, headers and the body `{"replies": [{"text", "buttons": [{"id",
//! "label"}], …}]}` shaped by `gateway/src/channels/json_message.rs`), read the way a test
//! asks about it, and the ways of talking both drivers share
//! ([`GenericUser`](crate::generic_user::GenericUser),
//! [`WebChatUser`](crate::webchat_user::WebChatUser)).

use reqwest::header::{HeaderMap, HeaderName};
use serde_json::{Value, json};

/// A user of one of the JSON channels: each driver says how one message (`{"text": …}`,
/// `{"button": …}`) goes over its wire; typing and pressing are written once on top.
// Tests await these on their own task: no `Send` bound is needed.
#[allow(async_fn_in_trait)]
pub trait JsonUser {
    /// Sends one message and asserts it was answered with 200.
    async fn sends(&mut self, input: Value) -> &JsonAnswer;

    /// The answer to the last message.
    fn last(&self) -> &JsonAnswer;

    /// Types a line (`/start` is a command).
    async fn says(&mut self, text: &str) -> &JsonAnswer {
        self.sends(json!({ "text": text })).await
    }

    /// Presses the button `id`, offered or not (a stale button is the user's right).
    async fn presses(&mut self, id: &str) -> &JsonAnswer {
        self.sends(json!({ "button": id })).await
    }

    /// Presses the first offered button whose id starts with `prefix`.
    async fn presses_first(&mut self, prefix: &str) -> &JsonAnswer {
        let id = self.last().first_button(prefix);
        self.presses(&id).await
    }

    /// Books the first offered slot from the menu as a German `name` with `passport` and
    /// `phone`, and confirms; the answer to the confirmation.
    async fn books_first_slot(&mut self, name: &str, passport: &str, phone: &str) -> &JsonAnswer {
        self.presses("book").await;
        for prefix in ["svc:", "city:", "office:", "day:", "slot:"] {
            self.presses_first(prefix).await;
        }
        self.says(name).await;
        self.presses("nat:DEU").await;
        self.says(passport).await;
        self.says(phone).await;
        self.presses("confirm").await
    }
}

#[derive(Debug, Clone, Default)]
pub struct JsonAnswer {
    pub status: u16,
    pub headers: HeaderMap,
    /// The body as JSON (`Null` when it is not JSON).
    pub body: Value,
}

impl JsonAnswer {
    /// Reads a response of either channel, whatever its status.
    pub async fn read(response: reqwest::Response) -> JsonAnswer {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.json().await.unwrap_or(Value::Null);
        JsonAnswer {
            status,
            headers,
            body,
        }
    }

    /// The replies (none when the body has no `replies`, as an error has not).
    pub fn replies(&self) -> &[Value] {
        self.body["replies"].as_array().map_or(&[], Vec::as_slice)
    }

    /// The texts of the replies, in order.
    pub fn texts(&self) -> Vec<&str> {
        self.replies()
            .iter()
            .filter_map(|r| r["text"].as_str())
            .collect()
    }

    /// The texts of the replies, one a line.
    pub fn text(&self) -> String {
        self.texts().join("\n")
    }

    /// The button ids of the replies, in order.
    pub fn buttons(&self) -> Vec<String> {
        self.replies()
            .iter()
            .flat_map(|r| r["buttons"].as_array().cloned().unwrap_or_default())
            .filter_map(|b| b["id"].as_str().map(str::to_string))
            .collect()
    }

    pub fn has_button(&self, id: &str) -> bool {
        self.buttons().iter().any(|b| b == id)
    }

    /// Whether the button `id` asks the browser to solve a proof of work before pressing it
    /// (`"proof_of_work": true`, the web chat's anonymous booking confirmation).
    pub fn needs_proof_of_work(&self, id: &str) -> bool {
        self.replies()
            .iter()
            .flat_map(|r| r["buttons"].as_array().cloned().unwrap_or_default())
            .any(|b| b["id"] == id && b["proof_of_work"] == true)
    }

    /// The first button id that starts with `prefix`; panics naming the answer when there is
    /// none.
    pub fn first_button(&self, prefix: &str) -> String {
        self.buttons()
            .into_iter()
            .find(|b| b.starts_with(prefix))
            .unwrap_or_else(|| panic!("no `{prefix}` button in {}", self.body))
    }

    /// The first document of the replies (`{"filename", "content_type", "url"}`).
    pub fn document(&self) -> Option<&Value> {
        self.replies()
            .iter()
            .map(|r| &r["document"])
            .find(|d| d.is_object())
    }

    /// The `error` code of an error answer.
    pub fn error(&self) -> Option<&str> {
        self.body["error"].as_str()
    }

    /// Whether the body is an error as both channels write it: `{"error", "message"}`.
    pub fn is_error_body(&self) -> bool {
        self.body["error"].is_string() && self.body["message"].is_string()
    }

    /// A header of the answer, as text; panics when it is missing.
    pub fn header(&self, name: HeaderName) -> &str {
        self.headers
            .get(&name)
            .unwrap_or_else(|| panic!("no {name} header"))
            .to_str()
            .unwrap()
    }
}
