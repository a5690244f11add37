//! A WeChat follower talking to visadesk's Official Account endpoint over the real wire
//! format, so channel tests read like a conversation:
//!
//! ```ignore
//! let mut ana = WeChatUser::new(&app, &fake, "oUser42");
//! ana.says("/start").await;
//! ana.says("1").await;
//! assert!(ana.shows("zh-CN", "booking-pick-service"));
//! ```
//! Every message is XML as WeChat pushes it, posted to `/wechat` with the query signature
//! made from [`TOKEN`](crate::fake_wechat::TOKEN) at the service's time under a fresh nonce
//! (the service takes a signed query once); the answer is the passive reply in the HTTP
//! response, and turns that miss the passive window arrive at the fake WeChat API server's
//! customer-service endpoint ([`WeChatUser::delivered`]).
//!
//! In safe mode ([`WeChatUser::in_safe_mode`]) wechatpy, an independent implementation of
//! the protocol (`tests/wechat/safe_mode.py`), encrypts and signs every message and
//! verifies and decrypts every passive reply.

use crate::TestApp;
use crate::fake_wechat::{APP_ID, ENCODING_AES_KEY, FakeWeChat, TOKEN};
use std::time::{Duration, Instant};
use visadesk_gateway::channels::wechat::signature;

/// A text message from `from`, as WeChat pushes it.
pub fn text_xml(from: &str, msg_id: u64, text: &str) -> String {
    format!(
        "<xml><ToUserName><![CDATA[gh_visadesk]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>\
         <CreateTime>1732500000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content>\
         <MsgId>{msg_id}</MsgId></xml>"
    )
}

/// A picture message from `from` (which visadesk cannot read), as WeChat pushes it.
pub fn image_xml(from: &str, msg_id: u64) -> String {
    format!(
        "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>1</CreateTime>\
         <MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://x/y.jpg]]></PicUrl><MsgId>{msg_id}</MsgId></xml>"
    )
}

/// A query WeChat would sign at `timestamp` with `nonce`:
/// `signature=…&timestamp=…&nonce=…`.
pub fn signed_query(timestamp: i64, nonce: &str) -> String {
    let ts = timestamp.to_string();
    format!(
        "signature={}&timestamp={ts}&nonce={nonce}",
        signature(TOKEN, &ts, nonce)
    )
}

/// A nonce no other request of any test uses (requests share Redis).
pub fn fresh_nonce() -> String {
    rand::random::<u64>().to_string()
}

/// What the service's clock reads, as WeChat writes timestamps (seconds since 1970).
pub fn now(app: &TestApp) -> i64 {
    app.app.clock.now().timestamp()
}

/// The service's WeChat endpoint, signed now under a fresh nonce, with `extra` appended to
/// the query (`&openid=…`, `&echostr=…`).
pub fn signed_url(app: &TestApp, extra: &str) -> String {
    let query = signed_query(now(app), &fresh_nonce());
    app.url(&format!("/wechat?{query}{extra}"))
}

/// Posts `body` to `/wechat?{query}`; returns the status and the answer.
pub async fn post_with(app: &TestApp, query: &str, body: String) -> (u16, String) {
    let r = app
        .client
        .post(app.url(&format!("/wechat?{query}")))
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Posts `body` for `openid` to the freshly signed endpoint; returns the status and the
/// response body (the passive reply).
pub async fn post(app: &TestApp, openid: &str, body: String) -> (u16, String) {
    let query = signed_query(now(app), &fresh_nonce());
    post_with(app, &format!("{query}&openid={openid}"), body).await
}

/// A message as WeChat pushes it in safe mode: the query (`signature`, `timestamp`, `nonce`,
/// `encrypt_type=aes`, `msg_signature`) and the body holding `<Encrypt>`.
pub struct EncryptedRequest {
    pub query: String,
    pub body: String,
}

/// Runs `tests/wechat/safe_mode.py COMMAND TOKEN ENCODING_AES_KEY APP_ID ARGS…` (wechatpy):
/// what it prints, or why it refused.
async fn wechatpy(command: &str, app_id: &str, args: &[&str]) -> Result<String, String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/wechat/safe_mode.py");
    let mut all = vec![script, command, TOKEN, ENCODING_AES_KEY, app_id];
    all.extend_from_slice(args);
    let all: Vec<String> = all.into_iter().map(String::from).collect();
    let output = tokio::task::spawn_blocking(move || {
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        crate::run_tool("python3", &all, "python3")
    })
    .await
    .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("ModuleNotFoundError"),
        "`bash deploy/local/test.sh` installs wechatpy: {stderr}"
    );
    match output.status.success() {
        true => Ok(String::from_utf8(output.stdout).unwrap()),
        false => Err(stderr.into_owned()),
    }
}

/// `xml` encrypted for `app_id` and signed by wechatpy, at the service's time under a fresh
/// nonce.
pub async fn wechatpy_encrypt(app: &TestApp, app_id: &str, xml: &str) -> EncryptedRequest {
    let (timestamp, nonce) = (now(app).to_string(), fresh_nonce());
    let printed = wechatpy("encrypt", app_id, &[&timestamp, &nonce, xml])
        .await
        .expect("wechatpy encrypts");
    let request: serde_json::Value = serde_json::from_str(&printed).unwrap();
    EncryptedRequest {
        query: request["query"].as_str().unwrap().into(),
        body: request["body"].as_str().unwrap().into(),
    }
}

/// The `msg_signature` wechatpy computes for a ciphertext.
pub async fn wechatpy_msg_signature(timestamp: &str, nonce: &str, ciphertext: &str) -> String {
    let printed = wechatpy("sign", APP_ID, &[timestamp, nonce, ciphertext]).await;
    printed.expect("wechatpy signs").trim().into()
}

/// An encrypted passive reply, verified (signature, app id) and decrypted by wechatpy as
/// WeChat would: the plaintext XML, or why wechatpy refused it.
pub async fn wechatpy_decrypt(app_id: &str, reply: &str) -> Result<String, String> {
    wechatpy("decrypt", app_id, &[reply]).await
}

/// One follower (an openid) talking to the service. A test talks as one follower at a time
/// when it reads the customer-service messages ([`delivered`](Self::delivered)).
pub struct WeChatUser<'a> {
    app: &'a TestApp,
    fake: &'a FakeWeChat,
    pub openid: String,
    /// The `MsgId` of the next message.
    next_id: u64,
    /// The last body posted, for retrying it.
    previous: Option<String>,
    /// The passive reply to the last message (`success` when the answer comes later),
    /// decrypted in safe mode.
    pub reply: String,
    /// Messages go encrypted, replies come encrypted.
    safe_mode: bool,
}

impl<'a> WeChatUser<'a> {
    pub fn new(app: &'a TestApp, fake: &'a FakeWeChat, openid: &str) -> Self {
        WeChatUser {
            app,
            fake,
            openid: openid.into(),
            next_id: 1000 + u64::from(rand::random::<u32>()),
            previous: None,
            reply: String::new(),
            safe_mode: false,
        }
    }

    /// The follower of an Official Account in safe mode: wechatpy encrypts and signs each
    /// message and verifies and decrypts each passive reply.
    pub fn in_safe_mode(mut self) -> Self {
        self.safe_mode = true;
        self
    }

    /// Posts one message (XML), asserts the endpoint answered 200 and returns the passive
    /// reply (in safe mode: asserts wechatpy accepted it, and returns it decrypted).
    pub async fn sends(&mut self, xml: String) -> &str {
        let (status, body) = if self.safe_mode {
            let request = wechatpy_encrypt(self.app, APP_ID, &xml).await;
            let query = format!("{}&openid={}", request.query, self.openid);
            post_with(self.app, &query, request.body).await
        } else {
            post(self.app, &self.openid, xml.clone()).await
        };
        assert_eq!(status, 200, "the endpoint answered {status}: {body}");
        self.previous = Some(xml);
        self.reply = match self.safe_mode && body != "success" {
            true => wechatpy_decrypt(APP_ID, &body)
                .await
                .unwrap_or_else(|refused| panic!("{refused}: {body}")),
            false => body,
        };
        &self.reply
    }

    /// Types a line (under a fresh `MsgId`).
    pub async fn says(&mut self, text: &str) -> &str {
        let id = self.fresh_id();
        let xml = text_xml(&self.openid, id, text);
        self.sends(xml).await
    }

    /// Sends a picture.
    pub async fn sends_picture(&mut self) -> &str {
        let id = self.fresh_id();
        let xml = image_xml(&self.openid, id);
        self.sends(xml).await
    }

    /// Posts the last message again, same `MsgId` (as WeChat retries when the passive reply
    /// is late, with a new timestamp, nonce and signature), asserts 200 and returns the
    /// passive reply.
    pub async fn retries_last(&mut self) -> &str {
        let xml = self.previous.clone().expect("a message was sent before");
        self.sends(xml).await
    }

    /// Whether the last passive reply holds the text `key` in `locale`.
    pub fn shows(&self, locale: &str, key: &str) -> bool {
        self.reply
            .contains(&self.app.app.texts.text(locale, key, &[]))
    }

    /// Waits (up to 10 s) until the fake WeChat API has received at least `n`
    /// customer-service messages, and returns every (openid, text) it received.
    pub async fn delivered(&self, n: usize) -> Vec<(String, String)> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.fake.sent().len() < n {
            assert!(
                Instant::now() < deadline,
                "not delivered: {:?}",
                self.fake.sent()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.fake.sent()
    }

    fn fresh_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }
}
