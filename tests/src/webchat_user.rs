//! A browser talking to visadesk's web chat the way its page does, so tests read like a
//! conversation:
//!
//! ```ignore
//! use visadesk_tests::json_channel::JsonUser; // says, presses, presses_first
//! let mut browser = WebChatUser::new(&app);
//! browser.starts("en").await;
//! browser.presses("book").await;
//! browser.presses_first("svc:").await;
//! assert!(browser.last.has_button("back"));
//! ```
//! Every message is JSON posted to `/api/web/messages`; like a browser, the user keeps the
//! conversation cookie the first answer sets and sends it back with every later message.

use crate::TestApp;
use crate::json_channel::{JsonAnswer, JsonUser};
use reqwest::header::{COOKIE, SET_COOKIE};
use serde_json::{Value, json};

pub const MESSAGES: &str = "/api/web/messages";

/// One browser (one conversation cookie).
pub struct WebChatUser<'a> {
    app: &'a TestApp,
    /// `visadesk_chat=…`, once the service set it.
    pub cookie: Option<String>,
    /// The answer to the last message.
    pub last: JsonAnswer,
    /// Sent as `X-Forwarded-For`, as a trusted proxy in front of the service would.
    pub forwarded_for: Option<String>,
}

impl<'a> WebChatUser<'a> {
    pub fn new(app: &'a TestApp) -> WebChatUser<'a> {
        WebChatUser {
            app,
            cookie: None,
            last: JsonAnswer::default(),
            forwarded_for: None,
        }
    }

    /// A browser behind a trusted proxy that names it by `address` in `X-Forwarded-For`.
    pub fn behind_proxy(app: &'a TestApp, address: &str) -> WebChatUser<'a> {
        WebChatUser {
            forwarded_for: Some(address.to_string()),
            ..WebChatUser::new(app)
        }
    }

    /// Posts one message like `sends`, but keeps whatever status comes back (a 429 too).
    pub async fn tries(&mut self, message: Value) -> &JsonAnswer {
        let mut request = self.app.client.post(self.app.url(MESSAGES)).json(&message);
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        if let Some(address) = &self.forwarded_for {
            request = request.header("x-forwarded-for", address);
        }
        self.last = JsonAnswer::read(request.send().await.unwrap()).await;
        if let Some(set) = self.last.headers.get(SET_COOKIE) {
            let set = set.to_str().unwrap();
            assert!(
                set.contains("HttpOnly") && set.contains("SameSite=Strict"),
                "{set}"
            );
            self.cookie = Some(set.split(';').next().unwrap().to_string());
        }
        &self.last
    }

    /// Opens the chat as the page does, asking for `locale`.
    pub async fn starts(&mut self, locale: &str) -> &JsonAnswer {
        self.sends(json!({ "command": "start", "locale": locale }))
            .await
    }

    /// Fetches a download link (`/files/<token>`) as this browser does, with its cookie.
    pub async fn downloads(&self, url: &str) -> reqwest::Response {
        let mut request = self.app.client.get(self.app.url(url));
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        request.send().await.unwrap()
    }
}

impl JsonUser for WebChatUser<'_> {
    /// Posts one message (`{"text": …}`, `{"button": …}`, …) with the cookie, asserts the
    /// answer is 200 and keeps a cookie it sets (which must be HttpOnly and SameSite=Strict).
    async fn sends(&mut self, message: Value) -> &JsonAnswer {
        self.tries(message).await;
        assert_eq!(self.last.status, 200, "{:?}", self.last);
        &self.last
    }

    fn last(&self) -> &JsonAnswer {
        &self.last
    }
}
