//! The WeChat Official Account channel against `wechatpy` (an independent implementation of
//! the protocol, signing and encrypting requests and reading visadesk's replies) and a fake
//! WeChat API server: a whole booking by numbered choices, bad signatures, malformed XML,
//! retried messages processed once, slow turns delivered through the customer-service API,
//! signed URLs taken once and only near their timestamp (also across processes), and safe
//! mode (encrypted messages and replies).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::process::Command;
use visadesk_gateway::channels::wechat::signature;
use visadesk_gateway::config::RawSettings;
use visadesk_tests::fake_wechat::{APP_ID, ENCODING_AES_KEY, FakeWeChat, TOKEN};
use visadesk_tests::wechat_user::{
    WeChatUser, fresh_nonce, now, post, post_with, signed_query, text_xml, wechatpy_decrypt,
    wechatpy_encrypt, wechatpy_msg_signature,
};
use visadesk_tests::{TestApp, TestDb, redis_url, spawn_app, spawn_sqlite_app};

const USER: &str = "oUser42";

/// The Official Account's settings, talking to `fake` for the customer-service API.
fn wechat_settings(fake: &FakeWeChat) -> RawSettings {
    RawSettings {
        wechat_token: Some(TOKEN.into()),
        wechat_app_id: Some(APP_ID.into()),
        wechat_app_secret: Some("app-secret".into()),
        wechat_api_url: Some(fake.url()),
        ..RawSettings::default()
    }
}

async fn app(fake: &FakeWeChat, passive_timeout_ms: u64) -> (TestDb, TestApp) {
    spawn_sqlite_app(RawSettings {
        wechat_passive_timeout_ms: Some(passive_timeout_ms),
        ..wechat_settings(fake)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wechatpy_books_an_appointment_by_numbers() {
    let fake = FakeWeChat::start().await;
    let (_db, app) = app(&fake, 4500).await;
    let lines = [
        "subscribe",
        "1",
        "1",
        "1",
        "1",
        "1",
        "1",
        "Anna Example",
        "DEU",
        "E12345678",
        "+86 138 0013 8000",
        "1",
    ];
    let base = app.url("");
    let output = tokio::task::spawn_blocking(move || {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/wechat/wechat_client.py");
        Command::new("python3")
            .arg(script)
            .arg(base)
            .arg(TOKEN)
            .args(lines)
            .output()
            .expect("python3 runs")
    })
    .await
    .unwrap();
    assert!(
        output.status.success(),
        "wechatpy client failed (`bash deploy/local/test.sh` installs wechatpy):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["echo"], "hello-visadesk");
    let replies: Vec<String> = result["replies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    let texts = &app.app.texts;
    assert!(
        replies[0].contains(&texts.text("zh-CN", "greeting", &[])),
        "WeChat starts in Chinese: {}",
        replies[0]
    );
    assert!(
        replies[0].contains("\n1. "),
        "choices are numbered: {}",
        replies[0]
    );
    let last = replies.last().unwrap();
    assert!(last.contains("预约成功"), "{last}");
    assert!(
        last.contains(&format!("{}/files/", app.app.settings.public_url)),
        "the calendar file as a link: {last}"
    );
    assert!(
        fake.sent().is_empty(),
        "everything fitted the passive window"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_signatures_and_malformed_xml_are_rejected() {
    let fake = FakeWeChat::start().await;
    let (_db, app) = app(&fake, 4500).await;
    let wrong = app.url("/wechat?signature=0000&timestamp=1&nonce=2&echostr=x");
    assert_eq!(app.client.get(&wrong).send().await.unwrap().status(), 401);
    assert_eq!(
        app.client
            .get(app.url("/wechat?echostr=x"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let r = app
        .client
        .post(app.url("/wechat?signature=0000&timestamp=1&nonce=2"))
        .body(text_xml(USER, 1, "1"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(post(&app, USER, "<xml><oops".into()).await.0, 400);
    assert_eq!(post(&app, USER, "not xml at all".into()).await.0, 400);
    // An image message is answered politely (the driver asserts the 200).
    let mut ana = WeChatUser::new(&app, &fake, USER);
    let body = ana.sends_picture().await;
    assert!(
        body.contains(
            &app.app
                .texts
                .text("zh-CN", "channel-unsupported-message", &[])
        ),
        "{body}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retried_message_is_processed_once() {
    let fake = FakeWeChat::start().await;
    let (_db, app) = app(&fake, 4500).await;
    let mut ana = WeChatUser::new(&app, &fake, USER);
    ana.says("/start").await;
    ana.says("1").await; // menu → book
    assert!(ana.shows("zh-CN", "booking-pick-service"), "{}", ana.reply);
    // The driver asserts the retry was answered 200.
    let retry = ana.retries_last().await;
    assert_eq!(retry, "success", "a retry is acknowledged, not processed");
    ana.says("1").await; // first service → city question
    assert!(
        ana.shows("zh-CN", "booking-pick-city"),
        "the retry did not advance the dialogue: {}",
        ana.reply
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_turns_are_delivered_through_the_customer_service_api() {
    let fake = FakeWeChat::start().await;
    let (_db, app) = app(&fake, 0).await; // every turn misses the passive window
    let mut ana = WeChatUser::new(&app, &fake, USER);
    // Each is answered 200 (the driver asserts it) with an empty acknowledgement.
    assert_eq!(ana.says("/start").await, "success");
    assert_eq!(ana.says("1").await, "success");
    let sent = ana.delivered(2).await;
    assert!(sent.iter().all(|(to, _)| to == USER));
    assert!(
        sent[0]
            .1
            .contains(&app.app.texts.text("zh-CN", "menu-prompt", &[])),
        "{sent:?}"
    );
    assert!(
        sent[1]
            .1
            .contains(&app.app.texts.text("zh-CN", "booking-pick-service", &[])),
        "{sent:?}"
    );
    assert_eq!(fake.token_fetches(), 1, "the access token is cached");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_thousand_random_bodies_never_get_a_server_error() {
    use axum::body::Body;
    use axum::http::Request;
    use rand::Rng;
    let fake = FakeWeChat::start().await;
    let (_db, app) = app(&fake, 4500).await;
    let router = visadesk_gateway::http::router(app.app.clone(), &app.channels);
    let seeds = [
        text_xml(USER, 1, "1"),
        "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[oF]]></FromUserName><CreateTime>5</CreateTime>\
         <MsgType><![CDATA[location]]></MsgType><Location_X>39.9</Location_X><Location_Y>116.4</Location_Y><MsgId>9</MsgId></xml>"
            .to_string(),
        "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[oF]]></FromUserName><CreateTime>6</CreateTime>\
         <MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[book]]></EventKey></xml>"
            .to_string(),
    ];
    let (ok, rejected) =
        visadesk_tests::fuzz::assert_no_server_errors(router, 100_000, 7, |rng, i| {
            let seed = seeds[rng.random_range(0..seeds.len())].as_bytes();
            let body = if rng.random_range(0..5) == 0 {
                // A fresh MsgId now and then so some messages reach the engine.
                String::from_utf8_lossy(seed)
                    .replace("<MsgId>1</MsgId>", &format!("<MsgId>{i}</MsgId>"))
                    .into_bytes()
            } else {
                visadesk_tests::fuzz::mutate_bytes(rng, seed)
            };
            // A signed query is taken once: each request is signed anew.
            let uri = if i % 10 == 0 {
                "/wechat?signature=bad&timestamp=1&nonce=1".to_string()
            } else {
                format!("/wechat?{}", signed_query(now(&app), &format!("fuzz-{i}")))
            };
            Request::post(&uri).body(Body::from(body)).unwrap()
        })
        .await;
    assert!(
        ok > 1000 && rejected > 10_000,
        "both paths exercised: {ok} ok, {rejected} rejected"
    );
}

/// A follower who chose English is told in English that a picture cannot be read: the
/// "unsupported message" answer follows the user's language like every other answer, not a
/// fixed Chinese.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unsupported_message_is_answered_in_the_users_language() {
    let fake = FakeWeChat::start().await;
    let (_db, app) = app(&fake, 4500).await;
    let user = app
        .app
        .repo
        .chat_user("wechat", USER, "zh-CN")
        .await
        .unwrap();
    app.app.repo.set_locale(user.id, "en").await.unwrap();
    let mut ana = WeChatUser::new(&app, &fake, USER);
    let body = ana.sends_picture().await; // answered 200: the driver asserts it
    let english = app.app.texts.text("en", "channel-unsupported-message", &[]);
    assert!(body.contains(&english), "{body}");
}

/// Events that ask for no answer (a location report every few seconds while the account page
/// is open, a menu link opened, an unfollow) get WeChat's `success` and nothing else: no
/// "I can only read text" in the chat, no turn, no chat user stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_that_need_no_answer_get_success() {
    let fake = FakeWeChat::start().await;
    let (_db, app) = app(&fake, 4500).await;
    let openid = "oEvents42";
    let event = |name: &str, extra: &str, at: u32| {
        format!(
            "<xml><ToUserName><![CDATA[gh_visadesk]]></ToUserName>\
             <FromUserName><![CDATA[{openid}]]></FromUserName><CreateTime>{at}</CreateTime>\
             <MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{name}]]></Event>{extra}</xml>"
        )
    };
    let events = [
        event(
            "LOCATION",
            "<Latitude>39.9</Latitude><Longitude>116.4</Longitude><Precision>30</Precision>",
            1_732_500_001,
        ),
        event(
            "VIEW",
            "<EventKey><![CDATA[https://example.com/]]></EventKey>",
            1_732_500_002,
        ),
        event("unsubscribe", "", 1_732_500_003),
    ];
    for xml in events {
        let (status, body) = visadesk_tests::wechat_user::post(&app, openid, xml.clone()).await;
        assert_eq!((status, body.as_str()), (200, "success"), "{xml}");
    }
    assert!(
        app.app
            .repo
            .find_chat_user("wechat", openid)
            .await
            .unwrap()
            .is_none(),
        "nobody stored for events"
    );
}

/// The attack: WeChat's signature covers the token, timestamp and nonce, not the body, so a
/// signed URL seen once (proxies log query strings) let anyone post any message as any
/// follower. A signed URL is now good for one request: the second one, whatever it says and
/// whoever it claims to come from, is refused and never reaches the dialogue.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_url_is_good_for_one_request_only() {
    let fake = FakeWeChat::start().await;
    let (_db, app) = app(&fake, 4500).await;
    let mut ana = WeChatUser::new(&app, &fake, USER);
    ana.says("/start").await;
    let query = signed_query(now(&app), &fresh_nonce());
    let (status, first) = post_with(&app, &query, text_xml(USER, 1, "1")).await; // menu → book
    assert_eq!(status, 200, "{first}");
    let pick_service = app.app.texts.text("zh-CN", "booking-pick-service", &[]);
    assert!(first.contains(&pick_service), "{first}");

    // Replayed as Ana (pressing "1" for her) and as someone else.
    let (status, replayed) = post_with(&app, &query, text_xml(USER, 2, "1")).await;
    assert_eq!(
        status, 401,
        "a replayed signed URL was processed: {replayed}"
    );
    let (status, other) = post_with(&app, &query, text_xml("oMallory", 3, "/start")).await;
    assert_eq!(status, 401, "a replayed signed URL was processed: {other}");
    assert!(!other.contains(&app.app.texts.text("zh-CN", "greeting", &[])));

    ana.says("1").await; // first service → city question
    assert!(
        ana.shows("zh-CN", "booking-pick-city"),
        "the replay did not advance Ana's dialogue: {}",
        ana.reply
    );
}

/// A correctly signed request whose timestamp is ten minutes away from the service's clock
/// (either way) is refused: an old signed URL cannot be used even once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_signed_ten_minutes_away_is_refused() {
    let fake = FakeWeChat::start().await;
    let (_db, app) = app(&fake, 4500).await;
    for timestamp in [now(&app) - 600, now(&app) + 600] {
        let query = signed_query(timestamp, &fresh_nonce());
        let (status, body) = post_with(&app, &query, text_xml(USER, 1, "/start")).await;
        assert_eq!(status, 401, "timestamp {timestamp} accepted: {body}");
        let echo = app.get(&format!("/wechat?{query}&echostr=x")).await;
        assert_eq!(
            echo.status(),
            401,
            "timestamp {timestamp} accepted for echostr"
        );
    }
    // A signed timestamp that is not a number is refused the same way, not a server error.
    let nonce = fresh_nonce();
    let query = format!(
        "signature={}&timestamp=soon&nonce={nonce}",
        signature(TOKEN, "soon", &nonce)
    );
    assert_eq!(
        post_with(&app, &query, text_xml(USER, 1, "/start")).await.0,
        401
    );
}

/// Two processes share Redis: a signed URL used at one is refused at the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replay_to_another_process_sharing_redis_is_refused() {
    let fake = FakeWeChat::start().await;
    let db = TestDb::postgres().await;
    let settings = || RawSettings {
        database_url: Some(db.url.clone()),
        redis_url: Some(redis_url()),
        ..wechat_settings(&fake)
    };
    let (first, second) = (spawn_app(settings()).await, spawn_app(settings()).await);
    // Redis is shared with other tests: a follower of this test only.
    let (openid, msg_id) = (format!("o{}", fresh_nonce()), rand::random::<u32>().into());
    let query = signed_query(now(&first), &fresh_nonce());
    let (status, body) = post_with(&first, &query, text_xml(&openid, msg_id, "/start")).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = post_with(&second, &query, text_xml(&openid, msg_id + 1, "1")).await;
    assert_eq!(status, 401, "the other process took the replay: {body}");
}

/// The service in safe mode: `WECHAT_ENCODING_AES_KEY` set.
async fn safe_mode_app(fake: &FakeWeChat) -> (TestDb, TestApp) {
    spawn_sqlite_app(RawSettings {
        wechat_encoding_aes_key: Some(ENCODING_AES_KEY.into()),
        ..wechat_settings(fake)
    })
    .await
}

/// Safe mode end to end, checked by wechatpy on both sides: it encrypts and signs each
/// message, and verifies (signature, app id) and decrypts each passive reply. A retry comes
/// encrypted under a new timestamp and nonce and is still recognised by its `MsgId`; WeChat's
/// server check stays as in plaintext mode.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conversation_in_safe_mode_is_encrypted_both_ways() {
    let fake = FakeWeChat::start().await;
    let (_db, app) = safe_mode_app(&fake).await;
    let echo = app
        .get(&format!(
            "/wechat?{}&echostr=hello-visadesk",
            signed_query(now(&app), &fresh_nonce())
        ))
        .await;
    assert_eq!(echo.text().await.unwrap(), "hello-visadesk");

    let mut ana = WeChatUser::new(&app, &fake, USER).in_safe_mode();
    ana.says("/start").await; // the reply is asserted decryptable by wechatpy
    assert!(ana.shows("zh-CN", "menu-prompt"), "{}", ana.reply);
    assert!(
        ana.reply
            .contains("<ToUserName><![CDATA[oUser42]]></ToUserName>"),
        "{}",
        ana.reply
    );
    ana.says("1").await; // menu → book
    assert!(ana.shows("zh-CN", "booking-pick-service"), "{}", ana.reply);
    assert_eq!(
        ana.retries_last().await,
        "success",
        "a retry is not processed"
    );
    ana.says("1").await; // first service → city question
    assert!(ana.shows("zh-CN", "booking-pick-city"), "{}", ana.reply);
    ana.sends_picture().await;
    assert!(
        ana.shows("zh-CN", "channel-unsupported-message"),
        "{}",
        ana.reply
    );
}

/// In safe mode only an encrypted message signed together with its ciphertext, for this
/// app, is taken: a plaintext message (even correctly signed), a wrong `msg_signature`, a
/// changed ciphertext (re-signed or not) and another app's message are refused, without a
/// server error, and none of them reaches the dialogue.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn safe_mode_refuses_plaintext_forged_tampered_and_foreign_messages() {
    let fake = FakeWeChat::start().await;
    let (_db, app) = safe_mode_app(&fake).await;
    let mut ana = WeChatUser::new(&app, &fake, USER).in_safe_mode();
    ana.says("/start").await;
    // Each attempt presses "1" (menu → book) for Ana; were one taken, her own "1" at the
    // end would pick a service instead.
    let press = |id: u64| text_xml(USER, id, "1");

    let (status, body) = post(&app, USER, press(1)).await;
    assert_eq!(status, 401, "plaintext in safe mode: {body}");

    let request = wechatpy_encrypt(&app, APP_ID, &press(2)).await;
    let forged: Vec<String> = request
        .query
        .split('&')
        .map(|part| match part.strip_prefix("msg_signature=") {
            Some(_) => format!("msg_signature={}", "0".repeat(40)),
            None => part.to_string(),
        })
        .collect();
    let (status, body) = post_with(&app, &forged.join("&"), request.body.clone()).await;
    assert_eq!(status, 401, "wrong msg_signature: {body}");

    // The ciphertext with its last block changed: as sent, and re-signed by someone holding
    // the token (the signature then fits, the plaintext does not).
    let ciphertext = request.body.split("<![CDATA[").nth(2).unwrap();
    let ciphertext = ciphertext.split("]]>").next().unwrap();
    let mut raw = STANDARD.decode(ciphertext).unwrap();
    let last = raw.len() - 1;
    raw[last] ^= 0x01;
    let tampered = STANDARD.encode(&raw);
    let body = request.body.replace(ciphertext, &tampered);
    let (status, answer) = post_with(&app, &request.query, body.clone()).await;
    assert_eq!(status, 401, "changed ciphertext, old signature: {answer}");
    let query = |name: &str| {
        let prefix = format!("{name}=");
        let part = request.query.split('&').find(|p| p.starts_with(&prefix));
        part.unwrap()[prefix.len()..].to_string()
    };
    let (timestamp, nonce) = (query("timestamp"), format!("{}-again", query("nonce")));
    let resigned = format!(
        "signature={}&timestamp={timestamp}&nonce={nonce}&encrypt_type=aes&msg_signature={}",
        signature(TOKEN, &timestamp, &nonce),
        wechatpy_msg_signature(&timestamp, &nonce, &tampered).await
    );
    let (status, answer) = post_with(&app, &resigned, body).await;
    assert!(
        status == 400 || status == 401,
        "changed ciphertext, re-signed: {status} {answer}"
    );

    let foreign = wechatpy_encrypt(&app, "wx-another-app", &press(3)).await;
    let (status, body) = post_with(&app, &foreign.query, foreign.body).await;
    assert_eq!(status, 401, "another app's message: {body}");

    ana.says("1").await;
    assert!(
        ana.shows("zh-CN", "booking-pick-service"),
        "a refused message reached the dialogue: {}",
        ana.reply
    );
}

/// Our encrypted reply is WeChat's format, not merely something our own code reads back:
/// wechatpy refuses it for another app id, so its check is real.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wechatpy_refuses_our_reply_for_another_app() {
    let fake = FakeWeChat::start().await;
    let (_db, app) = safe_mode_app(&fake).await;
    let request = wechatpy_encrypt(&app, APP_ID, &text_xml(USER, 1, "/start")).await;
    let (status, reply) = post_with(&app, &request.query, request.body).await;
    assert_eq!(status, 200, "{reply}");
    assert!(wechatpy_decrypt(APP_ID, &reply).await.is_ok());
    let refused = wechatpy_decrypt("wx-another-app", &reply)
        .await
        .unwrap_err();
    assert!(refused.contains("InvalidAppId"), "{refused}");
}
