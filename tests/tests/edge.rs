//! What every HTTP answer carries and what no request may bring in, on PostgreSQL and Redis:
//! a NUL character is refused at the edge (400) in a path, a query or a JSON or XML body,
//! before it can reach the database; pages and answers carry the security headers, with
//! HSTS and a `Secure` chat cookie when the public URL is https.

use reqwest::header::{HeaderMap, SET_COOKIE};
use serde_json::{Value, json};
use visadesk_gateway::config::RawSettings;
use visadesk_tests::fake_whatsapp::{APP_SECRET, FakeWhatsApp, PHONE_ID, TOKEN};
use visadesk_tests::whatsapp_user::{deliver, notification};
use visadesk_tests::{TestApp, TestDb, redis_url, spawn_app};

async fn app(db: &TestDb, fake: &FakeWhatsApp, public_url: Option<&str>) -> TestApp {
    spawn_app(RawSettings {
        redis_url: Some(redis_url()),
        public_url: public_url.map(String::from),
        whatsapp_verify_token: Some("verify-me".into()),
        whatsapp_app_secret: Some(APP_SECRET.into()),
        whatsapp_access_token: Some(TOKEN.into()),
        whatsapp_phone_number_id: Some(PHONE_ID.into()),
        whatsapp_api_url: Some(fake.url()),
        ..db.settings()
    })
    .await
}

async fn post_json(app: &TestApp, path: &str, body: &str) -> (u16, Value) {
    let response = app
        .client
        .post(app.url(path))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nul_character_is_refused_at_the_edge() {
    let db = TestDb::postgres().await;
    let fake = FakeWhatsApp::start().await;
    let app = app(&db, &fake, None).await;
    // In a path (the e-document check) and in a query.
    for path in [
        "/verify/%00",
        "/verify/abc%00def",
        "/api/web/texts?locale=en%00",
    ] {
        let response = app.get(path).await;
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("invalid_request")),
            "{path}"
        );
    }
    // In a web chat message: JSON's \u0000 escape, however it is written.
    for body in [
        r#"{"text":"Anna\u0000Li"}"#,
        r#"{"text":"\\\u0000"}"#,
        r#"{"command":"start","locale":"en\u0000"}"#,
    ] {
        let (status, answer) = post_json(&app, "/api/web/messages", body).await;
        assert_eq!(
            (status, answer["error"].as_str()),
            (400, Some("invalid_request")),
            "{body}"
        );
    }
    // A backslash before `u0000` that is itself escaped is text, not a NUL.
    let (status, _) = post_json(&app, "/api/web/messages", r#"{"text":"C:\\u0000"}"#).await;
    assert_eq!(status, 200);
    // A WhatsApp sender id with a NUL, correctly signed.
    let status = deliver(
        &app,
        &notification(
            "86138\u{0}00138000",
            "wamid.nul",
            json!({ "type": "text", "text": { "body": "hi" } }),
        ),
    )
    .await;
    assert_eq!(status, 400);
    // Nothing of it reached the database: at most the plain web chat user was made.
    assert!(db.repo.counts().await.unwrap()["chat_users"] <= 1);
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_and_answers_carry_the_security_headers() {
    let db = TestDb::postgres().await;
    let fake = FakeWhatsApp::start().await;
    let app = app(&db, &fake, None).await;
    for path in [
        "/",
        "/verify/unknown-document",
        "/healthz",
        "/api/web/texts?locale=en",
    ] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = header(headers, "content-security-policy").unwrap_or_default();
        for directive in [
            "default-src 'none'",
            "script-src 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
        assert_eq!(
            header(headers, "x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            header(headers, "referrer-policy"),
            Some("no-referrer"),
            "{path}"
        );
        assert_eq!(header(headers, "x-frame-options"), Some("DENY"), "{path}");
        // Plain http: no HSTS (a browser ignores it there, and a test deployment must not
        // pin https on a name).
        assert_eq!(header(headers, "strict-transport-security"), None, "{path}");
    }
    let answer = app
        .client
        .post(app.url("/api/web/messages"))
        .json(&json!({ "command": "start", "locale": "en" }))
        .send()
        .await
        .unwrap();
    let cookie = header(answer.headers(), SET_COOKIE.as_str())
        .unwrap()
        .to_string();
    assert!(!cookie.contains("Secure"), "{cookie}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_https_the_cookie_is_secure_and_hsts_is_sent() {
    let db = TestDb::postgres().await;
    let fake = FakeWhatsApp::start().await;
    let app = app(&db, &fake, Some("https://visadesk.example")).await;
    for path in ["/", "/verify/unknown-document"] {
        let response = app.get(path).await;
        let hsts = header(response.headers(), "strict-transport-security").unwrap_or_default();
        assert!(hsts.starts_with("max-age=31536000"), "{path}: {hsts}");
    }
    let answer = app
        .client
        .post(app.url("/api/web/messages"))
        .json(&json!({ "command": "start", "locale": "en" }))
        .send()
        .await
        .unwrap();
    let cookie = header(answer.headers(), SET_COOKIE.as_str())
        .unwrap()
        .to_string();
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
}
