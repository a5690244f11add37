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
}

impl<'a> WebChatUser<'a> {
    pub fn new(app: &'a TestApp) -> WebChatUser<'a> {
        WebChatUser {
            app,
            cookie: None,
            last: JsonAnswer::default(),
        }
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
        let mut request = self.app.client.post(self.app.url(MESSAGES)).json(&message);
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        self.last = JsonAnswer::read(request.send().await.unwrap()).await;
        assert_eq!(self.last.status, 200, "{:?}", self.last);
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

    fn last(&self) -> &JsonAnswer {
        &self.last
    }
}
