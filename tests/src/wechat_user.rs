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

use crate::TestApp;
use crate::fake_wechat::{FakeWeChat, TOKEN};
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
    /// The passive reply to the last message (`success` when the answer comes later).
    pub reply: String,
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
        }
    }

    /// Posts one message (XML), asserts the endpoint answered 200 and returns the passive
    /// reply.
    pub async fn sends(&mut self, xml: String) -> &str {
        let (status, body) = post(self.app, &self.openid, xml.clone()).await;
        assert_eq!(status, 200, "the endpoint answered {status}: {body}");
        self.previous = Some(xml);
        self.reply = body;
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
