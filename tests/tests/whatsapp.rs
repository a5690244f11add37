//! The WhatsApp Cloud API channel against a fake Cloud API: verification handshake, signed
//! notifications, a whole booking with reply buttons, lists and numbered text, redeliveries
//! processed once, rate-limited sends retried, and 100,000 random bodies without a 5xx.

use serde_json::{Value, json};
use std::time::{Duration, Instant};
use visadesk_gateway::channels::generic::sign;
use visadesk_gateway::channels::whatsapp::SIGNATURE_HEADER;
use visadesk_gateway::config::RawSettings;
use visadesk_tests::fake_whatsapp::{FakeWhatsApp, PHONE_ID, TOKEN};
use visadesk_tests::{TestApp, TestDb, spawn_sqlite_app};

const APP_SECRET: &str = "meta-app-secret";
const VERIFY: &str = "verify-me";
const USER: &str = "8613800138000";

async fn app(fake: &FakeWhatsApp) -> (TestDb, TestApp) {
    spawn_sqlite_app(RawSettings {
        whatsapp_verify_token: Some(VERIFY.into()),
        whatsapp_app_secret: Some(APP_SECRET.into()),
        whatsapp_access_token: Some(TOKEN.into()),
        whatsapp_phone_number_id: Some(PHONE_ID.into()),
        whatsapp_api_url: Some(fake.url()),
        ..RawSettings::default()
    })
    .await
}

/// A webhook notification with one message, as Meta sends it.
fn notification(id: &str, message: Value) -> Value {
    let mut m = message;
    m["from"] = json!(USER);
    m["id"] = json!(id);
    m["timestamp"] = json!("1732500000");
    json!({ "object": "whatsapp_business_account", "entry": [{ "id": "WABA", "changes": [{ "field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": { "display_phone_number": "15550001111", "phone_number_id": PHONE_ID },
        "contacts": [{ "profile": { "name": "Test User" }, "wa_id": USER }], "messages": [m] } }] }] })
}

async fn deliver(app: &TestApp, body: &Value) -> u16 {
    let text = body.to_string();
    app.client
        .post(app.url("/whatsapp"))
        .header("content-type", "application/json")
        .header(SIGNATURE_HEADER, sign(APP_SECRET, text.as_bytes()))
        .body(text)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Waits until the fake has more than `seen` messages and returns the new ones.
async fn answers(fake: &FakeWhatsApp, seen: &mut usize) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let sent = fake.sent();
        if sent.len() > *seen {
            // Let the rest of this turn's messages arrive.
            tokio::time::sleep(Duration::from_millis(150)).await;
            let sent = fake.sent();
            let new = sent[*seen..].to_vec();
            *seen = sent.len();
            return new;
        }
        assert!(Instant::now() < deadline, "no answer from visadesk");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The choice ids offered in a batch of answers (buttons or list rows).
fn choices(answers: &[Value]) -> Vec<String> {
    let mut ids = Vec::new();
    for a in answers {
        let action = &a["interactive"]["action"];
        for b in action["buttons"].as_array().into_iter().flatten() {
            ids.push(b["reply"]["id"].as_str().unwrap().to_string());
        }
        for section in action["sections"].as_array().into_iter().flatten() {
            for row in section["rows"].as_array().unwrap() {
                ids.push(row["id"].as_str().unwrap().to_string());
            }
        }
    }
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verification_and_signatures() {
    let fake = FakeWhatsApp::start().await;
    let (_db, app) = app(&fake).await;
    let ok = app
        .get(&format!(
            "/whatsapp?hub.mode=subscribe&hub.verify_token={VERIFY}&hub.challenge=1158201444"
        ))
        .await;
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "1158201444");
    let wrong = app
        .get("/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1")
        .await;
    assert_eq!(wrong.status(), 403);
    let body = notification(
        "wamid.A",
        json!({ "type": "text", "text": { "body": "/start" } }),
    )
    .to_string();
    let unsigned = app
        .client
        .post(app.url("/whatsapp"))
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), 401);
    let badly = app
        .client
        .post(app.url("/whatsapp"))
        .header(SIGNATURE_HEADER, sign("other", body.as_bytes()))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(badly.status(), 401);
    let malformed = "{\"entry\": [";
    let r = app
        .client
        .post(app.url("/whatsapp"))
        .header(SIGNATURE_HEADER, sign(APP_SECRET, malformed.as_bytes()))
        .body(malformed)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(fake.sent().is_empty(), "nothing rejected was processed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_booking_with_buttons_lists_and_numbers() {
    let fake = FakeWhatsApp::start().await;
    let (db, app) = app(&fake).await;
    let mut seen = 0;
    let mut n = 0;
    let mut say = |message: Value| {
        n += 1;
        notification(&format!("wamid.{n}"), message)
    };
    assert_eq!(
        deliver(
            &app,
            &say(json!({ "type": "text", "text": { "body": "/start" } }))
        )
        .await,
        200
    );
    let menu = answers(&fake, &mut seen).await;
    assert!(menu.iter().all(|m| m["to"] == USER));
    // The main menu has more than 10 choices: numbered text.
    assert!(
        menu.iter()
            .any(|m| m["type"] == "text" && m["text"]["body"].as_str().unwrap().contains("\n1. ")),
        "{menu:?}"
    );
    deliver(
        &app,
        &say(json!({ "type": "text", "text": { "body": "1" } })),
    )
    .await;
    let services = answers(&fake, &mut seen).await;
    assert!(
        services.iter().any(|m| m["interactive"]["type"] == "list"),
        "8 services and 2 navigation rows: a list {services:?}"
    );
    let mut latest = services;
    let mut offered = choices(&latest);
    for prefix in ["svc:", "city:", "office:"] {
        // Press the offered button or list row; when the choices came as numbered text
        // (more than 10), type the number of the first one, as a person would.
        let message = match offered.iter().find(|i| i.starts_with(prefix)) {
            Some(id) => {
                let kind = if latest.iter().any(|m| m["interactive"]["type"] == "list") {
                    "list_reply"
                } else {
                    "button_reply"
                };
                json!({ "type": "interactive", "interactive": { "type": kind, kind: { "id": id, "title": "x" } } })
            }
            None => {
                assert!(
                    latest.iter().any(|m| m["text"]["body"]
                        .as_str()
                        .is_some_and(|b| b.contains("\n1. "))),
                    "{latest:?}"
                );
                json!({ "type": "text", "text": { "body": "1" } })
            }
        };
        deliver(&app, &say(message)).await;
        latest = answers(&fake, &mut seen).await;
        offered = choices(&latest);
    }
    // 30 days are more than a list holds: numbered text; answer with the number.
    deliver(
        &app,
        &say(json!({ "type": "text", "text": { "body": "1" } })),
    )
    .await;
    answers(&fake, &mut seen).await;
    deliver(
        &app,
        &say(json!({ "type": "text", "text": { "body": "1" } })),
    )
    .await;
    answers(&fake, &mut seen).await;
    for text in ["Anna Example", "DEU", "E12345678", "+86 138 0013 8000"] {
        deliver(
            &app,
            &say(json!({ "type": "text", "text": { "body": text } })),
        )
        .await;
        offered = choices(&answers(&fake, &mut seen).await);
    }
    assert!(offered.contains(&"confirm".to_string()), "{offered:?}");
    deliver(&app, &say(json!({ "type": "interactive", "interactive": { "type": "button_reply", "button_reply": { "id": "confirm", "title": "Confirm" } } }))).await;
    let confirmation = answers(&fake, &mut seen).await;
    let document = confirmation
        .iter()
        .find(|m| m["type"] == "document")
        .unwrap_or_else(|| panic!("{confirmation:?}"));
    let link = document["document"]["link"].as_str().unwrap();
    assert!(
        app.client
            .get(link)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .contains("BEGIN:VEVENT")
    );
    let user = db.repo.chat_user("whatsapp", USER, "en").await.unwrap();
    assert_eq!(
        db.repo
            .appointments_of(user.id, chrono::Utc::now())
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redeliveries_run_once_and_rate_limits_are_retried() {
    let fake = FakeWhatsApp::start().await;
    let (_db, app) = app(&fake).await;
    let mut seen = 0;
    fake.fail_next(2);
    let start = notification(
        "wamid.same",
        json!({ "type": "text", "text": { "body": "/start" } }),
    );
    assert_eq!(deliver(&app, &start).await, 200);
    let first = answers(&fake, &mut seen).await;
    assert!(!first.is_empty(), "delivered despite two 429 answers");
    assert_eq!(deliver(&app, &start).await, 200);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        fake.sent().len(),
        seen,
        "the redelivered message was not processed again"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_thousand_random_bodies_never_get_a_server_error() {
    use axum::body::Body;
    use axum::http::Request;
    use rand::Rng;
    let fake = FakeWhatsApp::start().await;
    let (_db, app) = app(&fake).await;
    let router = visadesk_gateway::http::router(app.app.clone(), &app.channels);
    let seeds: Vec<Vec<u8>> = [
        notification("wamid.f1", json!({ "type": "text", "text": { "body": "hi" } })),
        notification("wamid.f2", json!({ "type": "location", "location": { "latitude": 39.9, "longitude": 116.4 } })),
        notification("wamid.f3", json!({ "type": "interactive", "interactive": { "type": "button_reply", "button_reply": { "id": "menu", "title": "Menu" } } })),
    ]
    .iter()
    .map(|v| v.to_string().into_bytes())
    .collect();
    let (ok, rejected) =
        visadesk_tests::fuzz::assert_no_server_errors(router, 100_000, 11, |rng, i| {
            let seed = &seeds[rng.random_range(0..seeds.len())];
            let body = visadesk_tests::fuzz::mutate_bytes(rng, seed);
            let mut request = Request::post("/whatsapp");
            if i % 10 != 0 {
                request = request.header(SIGNATURE_HEADER, sign(APP_SECRET, &body));
            }
            request.body(Body::from(body)).unwrap()
        })
        .await;
    assert!(
        ok > 1000 && rejected > 10_000,
        "both paths exercised: {ok} ok, {rejected} rejected"
    );
}
