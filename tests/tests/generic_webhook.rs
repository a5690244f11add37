//! The generic webhook contract (`docs/api/generic-webhook.md`): signed requests, a whole
//! booking with a downloadable document, every rejection with its status and JSON body (and
//! nothing processed), the per-conversation rate limit, and 100,000 random and mutated
//! bodies that never get a 5xx.

use axum::body::Body;
use axum::http::Request;
use rand::Rng;
use reqwest::header::{CONTENT_TYPE, RETRY_AFTER};
use serde_json::{Value, json};
use visadesk_gateway::channels::generic::{PATH, SIGNATURE_HEADER, sign};
use visadesk_gateway::config::RawSettings;
use visadesk_tests::{TestApp, TestDb, first_reply_button, reply_buttons, spawn_sqlite_app};

const SECRET: &str = "test-secret-0123456789";

async fn app(rate: Option<u64>) -> (TestDb, TestApp) {
    spawn_sqlite_app(RawSettings {
        generic_secret: Some(SECRET.into()),
        generic_rate_per_minute: rate,
        ..RawSettings::default()
    })
    .await
}

async fn post(
    app: &TestApp,
    body: &str,
    signature: Option<String>,
    content_type: &str,
) -> (u16, Value, reqwest::header::HeaderMap) {
    let mut request = app
        .client
        .post(app.url(PATH))
        .header(CONTENT_TYPE, content_type)
        .body(body.to_string());
    if let Some(s) = signature {
        request = request.header(SIGNATURE_HEADER, s);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (
        status,
        response.json().await.unwrap_or(Value::Null),
        headers,
    )
}

async fn signed(app: &TestApp, body: Value) -> (u16, Value) {
    let text = body.to_string();
    let (status, value, _) = post(
        app,
        &text,
        Some(sign(SECRET, text.as_bytes())),
        "application/json",
    )
    .await;
    (status, value)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_conversation_books_and_gets_a_document_link() {
    let (_db, app) = app(None).await;
    let base = json!({ "conversation_id": "crm-77", "sender_id": "user-1", "locale": "zh-CN", "sender_name": "Mia" });
    let say = |extra: Value| {
        let mut body = base.clone();
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body
    };
    let (status, mut reply) = signed(&app, say(json!({ "text": "/start" }))).await;
    assert_eq!(status, 200, "{reply}");
    assert!(
        reply["replies"][0]["text"]
            .as_str()
            .unwrap()
            .contains("visadesk")
    );
    for prefix in ["book", "svc:", "city:", "office:", "day:", "slot:"] {
        let id = if prefix == "book" {
            "book".to_string()
        } else {
            first_reply_button(&reply, prefix)
        };
        reply = signed(&app, say(json!({ "button": id }))).await.1;
    }
    for text in ["Anna Example", "DEU", "E12345678", "+86 138 0013 8000"] {
        reply = signed(&app, say(json!({ "text": text }))).await.1;
    }
    assert!(
        reply_buttons(&reply).contains(&"confirm".to_string()),
        "the summary: {reply}"
    );
    // A stale button on the way is answered politely, not with an error.
    let (status, stale) = signed(&app, say(json!({ "button": "slot:424242" }))).await;
    assert_eq!(status, 200);
    assert!(
        stale["replies"][0]["text"]
            .as_str()
            .unwrap()
            .contains(&app.app.texts.text("zh-CN", "stale-button", &[]))
    );
    assert!(reply_buttons(&stale).contains(&"confirm".to_string()));
    reply = signed(&app, say(json!({ "button": "confirm" }))).await.1;
    let url = reply["replies"][0]["document"]["url"]
        .as_str()
        .unwrap_or_else(|| panic!("{reply}"));
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
            Some(sign("another-secret-123456", good.as_bytes())),
            "application/json",
            401,
        ),
        (
            good.clone(),
            Some(sign(SECRET, good.as_bytes()).replace("sha256=", "sha1=")),
            "application/json",
            401,
        ),
        (
            good.clone(),
            Some(sign(SECRET, good.as_bytes())),
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
        let signature =
            signature.or_else(|| (expected != 401).then(|| sign(SECRET, body.as_bytes())));
        let (status, error, _) = post(&app, &body, signature, content_type).await;
        assert_eq!(status, expected, "{body}: {error}");
        assert!(
            error["error"].is_string() && error["message"].is_string(),
            "{error}"
        );
    }
    let huge = json!({ "conversation_id": "c1", "sender_id": "s1", "text": "x".repeat(70_000) })
        .to_string();
    let (status, error, _) = post(
        &app,
        &huge,
        Some(sign(SECRET, huge.as_bytes())),
        "application/json",
    )
    .await;
    assert_eq!(status, 413);
    assert_eq!(error["error"], "payload_too_large");
    // None of the above reached the engine: the conversation is still at its very start.
    let (status, reply) = signed(
        &app,
        json!({ "conversation_id": "c1", "sender_id": "s1", "text": "zzz" }),
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        reply["replies"][0]["text"]
            .as_str()
            .unwrap()
            .contains(&app.app.texts.text("en", "menu-not-understood", &[])),
        "{reply}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chatty_conversation_is_rate_limited_others_are_not() {
    let (_db, app) = app(Some(5)).await;
    for _ in 0..5 {
        assert_eq!(
            signed(
                &app,
                json!({ "conversation_id": "busy", "sender_id": "s", "text": "menu" })
            )
            .await
            .0,
            200
        );
    }
    let body = json!({ "conversation_id": "busy", "sender_id": "s", "text": "menu" }).to_string();
    let (status, error, headers) = post(
        &app,
        &body,
        Some(sign(SECRET, body.as_bytes())),
        "application/json",
    )
    .await;
    assert_eq!(status, 429);
    assert_eq!(error["error"], "rate_limited");
    let retry: u64 = headers[RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(
        signed(
            &app,
            json!({ "conversation_id": "calm", "sender_id": "s", "text": "menu" })
        )
        .await
        .0,
        200
    );
}

/// A random mutation of a valid body: bytes flipped, cut, duplicated, or fields replaced.
fn mutate(rng: &mut rand::rngs::StdRng, seed_bodies: &[Vec<u8>]) -> Vec<u8> {
    let mut body = seed_bodies[rng.random_range(0..seed_bodies.len())].clone();
    match rng.random_range(0..6) {
        0 => (0..rng.random_range(0..200))
            .map(|_| rng.random())
            .collect(),
        1 => {
            for _ in 0..rng.random_range(1..5) {
                let i = rng.random_range(0..body.len());
                body[i] = rng.random();
            }
            body
        }
        2 => {
            body.truncate(rng.random_range(0..body.len()));
            body
        }
        3 => {
            let i = rng.random_range(0..body.len());
            let piece = body[i..].to_vec();
            body.splice(i..i, piece);
            body
        }
        4 => {
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
        _ => body,
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
            let signature = match i % 10 {
                0 => None,
                1 => Some("sha256=deadbeef".to_string()),
                _ => Some(sign(SECRET, &body)),
            };
            let mut request = Request::post(PATH).header("content-type", "application/json");
            if let Some(s) = signature {
                request = request.header(SIGNATURE_HEADER, s);
            }
            request.body(Body::from(body)).unwrap()
        })
        .await;
    assert!(
        ok > 1000 && rejected > 10_000,
        "both paths exercised: {ok} ok, {rejected} rejected"
    );
}
