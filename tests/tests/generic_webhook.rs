//! The generic webhook contract (`docs/api/generic-webhook.md`): signed requests, a whole
//! booking with a downloadable document, every rejection with its status and JSON body (and
//! nothing processed), replays and stale timestamps (each message processed at most once),
//! the per-conversation rate limit, a callback that redirects (not followed), and 100,000
//! random and mutated bodies that never get a 5xx.

use rand::Rng;
use reqwest::header::RETRY_AFTER;
use serde_json::{Value, json};
use visadesk_bot::dialogue::Reply;
use visadesk_gateway::channels::generic::{sign, sign_request};
use visadesk_gateway::config::RawSettings;
use visadesk_gateway::dispatch::generic_notifier::GenericCallbackNotifier;
use visadesk_gateway::dispatch::{ChannelSender, SendError, Target};
use visadesk_tests::fake_callback::FakeCallback;
use visadesk_tests::generic_user::{GenericRequest, GenericUser};
use visadesk_tests::json_channel::{JsonAnswer, JsonUser};
use visadesk_tests::{TestApp, TestDb, spawn_sqlite_app};

const SECRET: &str = "test-secret-0123456789";

async fn app(rate: Option<u64>) -> (TestDb, TestApp) {
    spawn_sqlite_app(RawSettings {
        generic_secret: Some(SECRET.into()),
        generic_rate_per_minute: rate,
        ..RawSettings::default()
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_conversation_books_and_gets_a_document_link() {
    let (_db, app) = app(None).await;
    let mut mia = GenericUser::new(&app, "crm-77", "user-1")
        .speaking("zh-CN")
        .named("Mia");
    let greeting = mia.says("/start").await;
    assert!(greeting.texts()[0].contains("visadesk"), "{greeting:?}");
    mia.presses("book").await;
    for prefix in ["svc:", "city:", "office:", "day:", "slot:"] {
        mia.presses_first(prefix).await;
    }
    for text in ["Anna Example", "DEU", "E12345678", "+86 138 0013 8000"] {
        mia.says(text).await;
    }
    assert!(
        mia.last.has_button("confirm"),
        "the summary: {:?}",
        mia.last
    );
    // A stale button on the way is answered politely, not with an error.
    let stale = mia.presses("slot:424242").await.clone();
    assert!(
        stale.texts()[0].contains(&mia.t("stale-button")),
        "{stale:?}"
    );
    assert!(stale.has_button("confirm"));
    let confirmed = mia.presses("confirm").await;
    let url = confirmed
        .document()
        .and_then(|d| d["url"].as_str())
        .unwrap_or_else(|| panic!("{confirmed:?}"))
        .to_string();
    assert!(url.starts_with(&app.app.settings.public_url), "{url}");
    let file = app.client.get(url).send().await.unwrap();
    assert_eq!(file.status(), 200);
    assert!(file.text().await.unwrap().contains("BEGIN:VCALENDAR"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejected_requests_get_their_status_and_are_not_processed() {
    let (_db, app) = app(None).await;
    let good = json!({ "conversation_id": "c1", "sender_id": "s1", "button": "book" }).to_string();
    let long_id = "x".repeat(129);
    let now = chrono::Utc::now().timestamp().to_string();
    let cases: Vec<(String, Option<String>, &str, u16)> = vec![
        (good.clone(), None, "application/json", 401),
        (
            good.clone(),
            Some("sha256=00".into()),
            "application/json",
            401,
        ),
        (
            good.clone(),
            Some(sign_request("another-secret-123456", &now, good.as_bytes())),
            "application/json",
            401,
        ),
        (
            good.clone(),
            Some(sign_request(SECRET, &now, good.as_bytes()).replace("sha256=", "sha1=")),
            "application/json",
            401,
        ),
        // Signed as before timestamps were: the body alone.
        (
            good.clone(),
            Some(sign(SECRET, good.as_bytes())),
            "application/json",
            401,
        ),
        (
            good.clone(),
            Some(sign_request(SECRET, &now, good.as_bytes())),
            "text/plain",
            415,
        ),
        ("{not json".into(), None, "application/json", 400),
        (
            r#"{"conversation_id":"c1","sender_id":"s1","button":"book","extra":1}"#.into(),
            None,
            "application/json",
            400,
        ),
        (
            r#"{"conversation_id":"c1","button":"book"}"#.into(),
            None,
            "application/json",
            400,
        ),
        (
            r#"{"conversation_id":"c1","sender_id":"s1","text":"hi","button":"book"}"#.into(),
            None,
            "application/json",
            400,
        ),
        (
            r#"{"conversation_id":"c1","sender_id":"s1"}"#.into(),
            None,
            "application/json",
            400,
        ),
        (
            format!(r#"{{"conversation_id":"{long_id}","sender_id":"s1","text":"hi"}}"#),
            None,
            "application/json",
            400,
        ),
        (
            format!(r#"{{"conversation_id":"c1","sender_id":"s1","button":"{long_id}"}}"#),
            None,
            "application/json",
            400,
        ),
        (
            r#"{"conversation_id":"c1","sender_id":"s1","location":{"latitude":91,"longitude":0}}"#
                .into(),
            None,
            "application/json",
            400,
        ),
    ];
    for (body, signature, content_type, expected) in cases {
        // Bodies without an explicit signature are signed correctly, so the body is what is wrong.
        let signature = signature
            .or_else(|| (expected != 401).then(|| sign_request(SECRET, &now, body.as_bytes())));
        let answer = GenericRequest::unsigned(body.clone())
            .with_timestamp(Some(now.clone()))
            .with_signature(signature)
            .with_content_type(content_type)
            .send(&app)
            .await;
        assert_eq!(answer.status, expected, "{body}: {answer:?}");
        assert!(answer.is_error_body(), "{answer:?}");
    }
    let huge = json!({ "conversation_id": "c1", "sender_id": "s1", "text": "x".repeat(70_000) })
        .to_string();
    let answer = GenericRequest::signed(SECRET, huge).send(&app).await;
    assert_eq!(answer.status, 413);
    assert_eq!(answer.error(), Some("payload_too_large"));
    // None of the above reached the engine: the conversation is still at its very start.
    let mut user = GenericUser::new(&app, "c1", "s1");
    let reply = user.says("zzz").await;
    assert!(
        reply.texts()[0].contains(&app.app.texts.text("en", "menu-not-understood", &[])),
        "{reply:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chatty_conversation_is_rate_limited_others_are_not() {
    let (_db, app) = app(Some(5)).await;
    let mut busy = GenericUser::new(&app, "busy", "s");
    for _ in 0..5 {
        busy.says("menu").await;
    }
    let limited = busy.tries(json!({ "text": "menu" })).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.error(), Some("rate_limited"));
    let retry: u64 = limited.header(RETRY_AFTER).parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    GenericUser::new(&app, "calm", "s").says("menu").await;
}

/// Takes `user` from the first message to the office question.
async fn up_to_the_office_question(user: &mut GenericUser<'_>) {
    user.says("/start").await;
    user.presses("book").await;
    user.presses_first("svc:").await;
    user.presses_first("city:").await;
    assert!(user.shows("booking-pick-office"), "{:?}", user.last);
}

/// Asserts `user` is still at the city question (one "back" from the office question): a
/// city it does not know is answered as there, where a "back" processed once more would have
/// left it (for the service question, then the menu).
async fn still_at_the_city_question(user: &mut GenericUser<'_>) {
    user.says("Atlantis").await;
    assert!(
        user.shows("offices-city-unknown"),
        "the dialogue moved on: {:?}",
        user.last
    );
}

/// Whether an answer says "seen before, not processed again".
fn is_duplicate(answer: &JsonAnswer) -> bool {
    answer.status == 200 && answer.body["duplicate"] == true && answer.replies().is_empty()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_request_is_acknowledged_and_processed_once() {
    let (_db, app) = app(None).await;
    // Without message ids: the request itself is what is recognised.
    let mut ana = GenericUser::new(&app, "crm-9", "ana").without_message_ids();
    up_to_the_office_question(&mut ana).await;
    ana.presses("back").await;
    assert!(ana.shows("booking-pick-city"), "{:?}", ana.last);
    // Someone who captured the signed "back" sends it twice more, unchanged.
    let mut replays = Vec::new();
    for _ in 0..2 {
        replays.push(ana.replays_last().await.clone());
    }
    let answered = 1 + replays.iter().filter(|r| !r.replies().is_empty()).count();
    assert_eq!(answered, 1, "three deliveries of one request, one turn");
    for replay in &replays {
        assert!(is_duplicate(replay), "a replay is acknowledged: {replay:?}");
    }
    // The same signature written in capitals still passes the check, and is still a replay.
    let mut shouted = ana.previous().clone();
    let hex = shouted.signature.unwrap().replace("sha256=", "");
    shouted.signature = Some(format!("sha256={}", hex.to_uppercase()));
    assert!(is_duplicate(&shouted.send(&app).await));
    still_at_the_city_question(&mut ana).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_id_seen_before_is_acknowledged_and_not_processed_again() {
    let (_db, app) = app(None).await;
    let mut ana = GenericUser::new(&app, "crm-10", "ana");
    up_to_the_office_question(&mut ana).await;
    ana.sends(json!({ "button": "back", "message_id": "m-1" }))
        .await;
    assert!(ana.shows("booking-pick-city"), "{:?}", ana.last);
    // The integrating system missed the answer and sends the message again, signed anew.
    for _ in 0..2 {
        let retry = ana.retries_last().await;
        assert!(is_duplicate(retry), "{retry:?}");
    }
    still_at_the_city_question(&mut ana).await;
    // Message ids are the sender's own: another sender's "m-1" is a message of its own, and
    // so is this sender's next id.
    let mut bo = GenericUser::new(&app, "crm-10", "bo");
    let first = bo
        .sends(json!({ "text": "/start", "message_id": "m-1" }))
        .await;
    assert!(!first.replies().is_empty(), "{first:?}");
    let next = ana
        .sends(json!({ "button": "back", "message_id": "m-2" }))
        .await;
    assert!(!next.replies().is_empty(), "{next:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_stale_or_altered_timestamps_are_refused_and_not_processed() {
    let (_db, app) = app(None).await;
    let body = json!({ "conversation_id": "c1", "sender_id": "s1", "button": "book" }).to_string();
    let now = chrono::Utc::now().timestamp();
    let signed = |at: i64| GenericRequest::signed_at(SECRET, at, body.clone());
    let requests = [
        (signed(now).with_timestamp(None), "bad_timestamp"),
        (signed(now - 310), "bad_timestamp"),
        (signed(now + 310), "bad_timestamp"),
        (signed(0), "bad_timestamp"),
        (
            signed(now).with_timestamp(Some("soon".into())),
            "bad_timestamp",
        ),
        (
            signed(now).with_timestamp(Some(String::new())),
            "bad_timestamp",
        ),
        (
            signed(now).with_timestamp(Some(format!("+{now}"))),
            "bad_timestamp",
        ),
        // A request captured an hour ago, its timestamp set to now: the signature covers it.
        (
            signed(now - 3600).with_timestamp(Some(now.to_string())),
            "bad_signature",
        ),
    ];
    for (request, code) in requests {
        let answer = request.send(&app).await;
        assert_eq!(answer.status, 401, "{:?}: {answer:?}", request.timestamp);
        assert!(answer.is_error_body(), "{answer:?}");
        assert_eq!(answer.error(), Some(code), "{:?}", request.timestamp);
    }
    // Within the window, early or late, is fine.
    let user = GenericUser::new(&app, "c2", "s2");
    for offset in [-290, 290] {
        let request = GenericRequest::signed_at(
            SECRET,
            now + offset,
            user.message(json!({ "text": "menu" })).to_string(),
        );
        assert_eq!(request.send(&app).await.status, 200, "{offset} s");
    }
    // None of the refused ones reached the engine: the conversation is still at its start.
    let mut refused = GenericUser::new(&app, "c1", "s1");
    refused.says("zzz").await;
    assert!(refused.shows("menu-not-understood"), "{:?}", refused.last);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_timestamp_tolerance_is_a_setting() {
    let (_db, app) = spawn_sqlite_app(RawSettings {
        generic_secret: Some(SECRET.into()),
        generic_timestamp_tolerance_seconds: Some(30),
        ..RawSettings::default()
    })
    .await;
    let user = GenericUser::new(&app, "c3", "s3");
    let body = user.message(json!({ "text": "menu" })).to_string();
    let now = chrono::Utc::now().timestamp();
    for (offset, status) in [(-60, 401), (60, 401), (-20, 200), (20, 200)] {
        let answer = GenericRequest::signed_at(SECRET, now + offset, body.clone())
            .send(&app)
            .await;
        assert_eq!(answer.status, status, "{offset} s: {answer:?}");
    }
}

/// A callback URL that answers 307 does not get the signed notification posted on to where
/// it points: visadesk follows no redirect, and the send fails for good (the address is
/// wrong; trying again would not change it), as any other 3xx or 4xx does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_redirect_is_not_followed() {
    let elsewhere = FakeCallback::start(SECRET).await;
    let callback = FakeCallback::start(SECRET).await;
    callback.redirect_to(&elsewhere.url());
    let (_db, app) = spawn_sqlite_app(RawSettings {
        generic_secret: Some(SECRET.into()),
        generic_callback_url: Some(callback.url()),
        ..RawSettings::default()
    })
    .await;
    let notifier =
        GenericCallbackNotifier::from_settings(&app.app.settings, app.channels.http.clone())
            .expect("the callback is configured");
    let target = Target {
        external_id: "user-1".into(),
        dedup_key: "redirected-1".into(),
        locale: "en".into(),
    };
    let sent = notifier
        .send(&target, &[Reply::text("Your passport is ready.")])
        .await;
    assert!(
        matches!(&sent, Err(SendError::Permanent(reason)) if reason.contains("307")),
        "{sent:?}"
    );
    assert!(
        elsewhere.received().is_empty() && elsewhere.bad_signatures() == 0,
        "the notification went on to the redirect target: {:?}",
        elsewhere.received()
    );
}

/// A random mutation of a valid body: bytes made up, flipped or cut (as every webhook's fuzz
/// test does), a piece duplicated, a field replaced, or none.
fn mutate(rng: &mut rand::rngs::StdRng, seed_bodies: &[Vec<u8>]) -> Vec<u8> {
    let mut body = seed_bodies[rng.random_range(0..seed_bodies.len())].clone();
    match rng.random_range(0..6) {
        4 => {
            let i = rng.random_range(0..body.len());
            let piece = body[i..].to_vec();
            body.splice(i..i, piece);
            body
        }
        5 => {
            let values = [
                json!(null),
                json!(1e308),
                json!(-1),
                json!(""),
                json!("x".repeat(300)),
                json!([1, 2]),
                json!({"a": {}}),
                json!(true),
                json!("/start"),
                json!("\u{0}"),
            ];
            let keys = [
                "conversation_id",
                "sender_id",
                "text",
                "button",
                "location",
                "locale",
                "sender_name",
                "latitude",
            ];
            let mut v: Value = serde_json::from_slice(&body).unwrap();
            v[keys[rng.random_range(0..keys.len())]] =
                values[rng.random_range(0..values.len())].clone();
            v.to_string().into_bytes()
        }
        _ => visadesk_tests::fuzz::mutate_bytes(rng, &body),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_thousand_random_bodies_never_get_a_server_error() {
    let (_db, app) = app(Some(100_000)).await;
    let router = visadesk_gateway::http::router(app.app.clone(), &app.channels);
    let seeds: Vec<Vec<u8>> = [
        json!({ "conversation_id": "f1", "sender_id": "s", "text": "book" }),
        json!({ "conversation_id": "f2", "sender_id": "s", "button": "menu", "locale": "ru" }),
        json!({ "conversation_id": "f3", "sender_id": "s", "location": { "latitude": 39.9, "longitude": 116.4 } }),
    ]
    .iter()
    .map(|v| v.to_string().into_bytes())
    .collect();
    let (ok, rejected) =
        visadesk_tests::fuzz::assert_no_server_errors(router, 100_000, 20261125, |rng, i| {
            let body = mutate(rng, &seeds);
            // Most are signed (so parsing and validation are exercised), some not, some wrongly.
            let request = match i % 10 {
                0 => GenericRequest::unsigned(body),
                1 => GenericRequest::unsigned(body).with_signature(Some("sha256=deadbeef".into())),
                _ => GenericRequest::signed(SECRET, body),
            };
            request.to_http()
        })
        .await;
    assert!(
        ok > 1000 && rejected > 10_000,
        "both paths exercised: {ok} ok, {rejected} rejected"
    );
}
