//! The generic webhook contract (`docs/api/generic-webhook.md`): signed requests, a whole
//! booking with a downloadable document, every rejection with its status and JSON body (and
//! nothing processed), the per-conversation rate limit, and 100,000 random and mutated
//! bodies that never get a 5xx.

use rand::Rng;
use reqwest::header::RETRY_AFTER;
use serde_json::{Value, json};
use visadesk_gateway::channels::generic::sign;
use visadesk_gateway::config::RawSettings;
use visadesk_tests::generic_user::{GenericRequest, GenericUser};
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
        let request = match signature {
            Some(signature) => {
                GenericRequest::unsigned(body.clone()).with_signature(Some(signature))
            }
            None if expected == 401 => GenericRequest::unsigned(body.clone()),
            None => GenericRequest::signed(SECRET, body.clone()),
        };
        let answer = request.with_content_type(content_type).send(&app).await;
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
