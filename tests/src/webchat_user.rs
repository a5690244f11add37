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
use sha2::{Digest, Sha256};

pub const MESSAGES: &str = "/api/web/messages";
pub const CHALLENGE: &str = "/api/web/challenge";

/// One browser (one conversation cookie).
pub struct WebChatUser<'a> {
    app: &'a TestApp,
    /// `visadesk_chat=…`, once the service set it.
    pub cookie: Option<String>,
    /// The answer to the last message.
    pub last: JsonAnswer,
    /// Sent as `X-Forwarded-For`, as a trusted proxy in front of the service would.
    pub forwarded_for: Option<String>,
    /// Solves the proof of work a button asks for before pressing it, as the page does
    /// (`false` plays a script that skips it).
    pub solves_proof_of_work: bool,
}

impl<'a> WebChatUser<'a> {
    pub fn new(app: &'a TestApp) -> WebChatUser<'a> {
        WebChatUser {
            app,
            cookie: None,
            last: JsonAnswer::default(),
            forwarded_for: None,
            solves_proof_of_work: true,
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
    /// A button that asks for a proof of work is pressed with one, as the page does.
    pub async fn tries(&mut self, mut message: Value) -> &JsonAnswer {
        if let Some(button) = message["button"].as_str()
            && self.solves_proof_of_work
            && self.last.needs_proof_of_work(button)
            && message.get("proof_of_work").is_none()
        {
            let challenge = self.challenge().await;
            message["proof_of_work"] = solve(&challenge);
        }
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

    /// A fresh challenge for this conversation (`{"challenge", "bits"}`); asserts a 200.
    pub async fn challenge(&self) -> Value {
        let mut request = self.app.client.post(self.app.url(CHALLENGE));
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        if let Some(address) = &self.forwarded_for {
            request = request.header("x-forwarded-for", address);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200, "challenge refused");
        response.json().await.unwrap()
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

/// The proof of work for `challenge` (`{"challenge", "bits"}`), found the way the page finds
/// it: the first decimal nonce whose SHA-256 of `challenge:nonce` starts with `bits` zero bits.
pub fn solve(challenge: &Value) -> Value {
    let text = challenge["challenge"].as_str().expect("a challenge string");
    let bits = challenge["bits"].as_u64().expect("a number of bits") as u32;
    // The prefix hashed once: hundreds of thousands of tries stay cheap in a debug build.
    let mut prefix = Sha256::new();
    prefix.update(text.as_bytes());
    prefix.update(b":");
    let nonce = (0u64..)
        .find(|n| {
            let mut hash = prefix.clone();
            hash.update(n.to_string().as_bytes());
            leading_zero_bits(&hash.finalize()) >= bits
        })
        .unwrap();
    json!({ "challenge": text, "nonce": nonce.to_string() })
}

/// An answer to `challenge` that is not a solution: a nonce whose hash starts with a one bit.
pub fn wrong_answer(challenge: &Value) -> Value {
    let text = challenge["challenge"].as_str().expect("a challenge string");
    let nonce = (0u64..)
        .find(|n| Sha256::digest(format!("{text}:{n}"))[0] >= 0x80)
        .unwrap();
    json!({ "challenge": text, "nonce": nonce.to_string() })
}

/// Leading zero bits of a hash (at most 128 counted: far more than any challenge asks).
fn leading_zero_bits(hash: &[u8]) -> u32 {
    u128::from_be_bytes(hash[..16].try_into().unwrap()).leading_zeros()
}
