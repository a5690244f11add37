//! The WhatsApp Cloud API channel against a fake Cloud API: verification handshake, signed
//! notifications, a whole booking with reply buttons, lists and numbered text, redeliveries
//! processed once, rate-limited sends retried, and 100,000 random bodies without a 5xx.

use serde_json::json;
use std::time::Duration;
use visadesk_gateway::channels::generic::sign;
use visadesk_gateway::channels::whatsapp::SIGNATURE_HEADER;
use visadesk_gateway::config::RawSettings;
use visadesk_tests::fake_whatsapp::{APP_SECRET, FakeWhatsApp, PHONE_ID, TOKEN};
use visadesk_tests::whatsapp_user::{WhatsAppUser, notification};
use visadesk_tests::{TestApp, TestDb, spawn_sqlite_app};

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
        USER,
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
    let mut ana = WhatsAppUser::new(&app, &fake, USER);
    let menu = ana.says("/start").await;
    assert!(menu.iter().all(|m| m["to"] == USER));
    // The main menu has more than 10 choices: numbered text.
    assert!(ana.numbered(), "{:?}", ana.last);
    ana.says("1").await;
    assert!(
        ana.has_list(),
        "8 services and 2 navigation rows: a list {:?}",
        ana.last
    );
    for prefix in ["svc:", "city:", "office:"] {
        // Press the offered button or list row; when the choices came as numbered text
        // (more than 10), type the number of the first one, as a person would.
        match ana.first_choice(prefix) {
            Some(id) => ana.chooses(&id).await,
            None => {
                assert!(ana.numbered(), "{:?}", ana.last);
                ana.says("1").await
            }
        };
    }
    // 30 days are more than a list holds: numbered text; answer with the number.
    ana.says("1").await;
    ana.says("1").await;
    for text in ["Anna Example", "DEU", "E12345678", "+86 138 0013 8000"] {
        ana.says(text).await;
    }
    assert!(
        ana.choices().contains(&"confirm".to_string()),
        "{:?}",
        ana.choices()
    );
    ana.presses("confirm").await;
    let link = ana
        .document_link()
        .unwrap_or_else(|| panic!("{:?}", ana.last));
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
    let mut ana = WhatsAppUser::new(&app, &fake, USER);
    fake.fail_next(2);
    let first = ana.says("/start").await;
    assert!(!first.is_empty(), "delivered despite two 429 answers");
    ana.redelivers_last().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        fake.sent().len(),
        ana.seen(),
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
        notification(USER, "wamid.f1", json!({ "type": "text", "text": { "body": "hi" } })),
        notification(USER, "wamid.f2", json!({ "type": "location", "location": { "latitude": 39.9, "longitude": 116.4 } })),
        notification(USER, "wamid.f3", json!({ "type": "interactive", "interactive": { "type": "button_reply", "button_reply": { "id": "menu", "title": "Menu" } } })),
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
