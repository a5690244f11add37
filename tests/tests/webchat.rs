//! The web chat over HTTP, as the page uses it: one conversation per browser cookie, a whole
//! booking by buttons and text, the calendar file as a download, and clear 4xx answers.

use reqwest::header::{
    CONTENT_DISPOSITION, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName, SET_COOKIE,
};
use serde_json::{Value, json};
use visadesk_gateway::config::RawSettings;
use visadesk_tests::{TestApp, TestDb, first_reply_button, reply_buttons, spawn_sqlite_app};

struct Browser<'a> {
    app: &'a TestApp,
    cookie: Option<String>,
    last: Value,
}

impl<'a> Browser<'a> {
    fn new(app: &'a TestApp) -> Self {
        Browser {
            app,
            cookie: None,
            last: Value::Null,
        }
    }

    async fn send(&mut self, body: Value) -> &Value {
        let mut request = self
            .app
            .client
            .post(self.app.url("/api/web/messages"))
            .json(&body);
        if let Some(c) = &self.cookie {
            request = request.header(COOKIE, c);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200);
        if let Some(set) = response.headers().get(SET_COOKIE) {
            let set = set.to_str().unwrap();
            assert!(
                set.contains("HttpOnly") && set.contains("SameSite=Strict"),
                "{set}"
            );
            self.cookie = Some(set.split(';').next().unwrap().to_string());
        }
        self.last = response.json().await.unwrap();
        &self.last
    }

    fn buttons(&self) -> Vec<String> {
        reply_buttons(&self.last)
    }

    async fn press_first(&mut self, prefix: &str) {
        let id = first_reply_button(&self.last, prefix);
        self.send(json!({ "button": id })).await;
    }
}

/// A header of an answer, as text.
fn header(headers: &HeaderMap, name: HeaderName) -> &str {
    headers[name].to_str().unwrap()
}

async fn app() -> (TestDb, TestApp) {
    spawn_sqlite_app(RawSettings::default()).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_and_its_assets_are_served_from_the_binary() {
    let (_db, app) = app().await;
    let page = app.get("/").await;
    assert_eq!(page.status(), 200);
    assert!(header(page.headers(), CONTENT_TYPE).starts_with("text/html"));
    let html = page.text().await.unwrap();
    assert!(html.contains("/assets/chat.js") && html.contains("/assets/chat.css"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no external resources"
    );
    for (path, kind) in [
        ("/assets/chat.js", "text/javascript"),
        ("/assets/chat.css", "text/css"),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 200);
        assert!(header(r.headers(), CONTENT_TYPE).starts_with(kind));
    }
    let texts = app.get_json("/api/web/texts?locale=ru-RU").await;
    assert_eq!(texts["locale"], "ru");
    assert_eq!(
        texts["texts"]["web-send"],
        app.app.texts.text("ru", "web-send", &[])
    );
    assert_eq!(
        texts["locales"].as_array().unwrap().len(),
        app.app.texts.locales().len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_books_and_downloads_the_calendar_file() {
    let (_db, app) = app().await;
    let mut browser = Browser::new(&app);
    browser
        .send(json!({ "command": "start", "locale": "en" }))
        .await;
    assert!(
        browser.cookie.is_some(),
        "the first answer sets the conversation cookie"
    );
    assert!(browser.buttons().contains(&"book".to_string()));
    browser.send(json!({ "button": "book" })).await;
    browser.press_first("svc:").await;
    browser.press_first("city:").await;
    browser.press_first("office:").await;
    browser.press_first("day:").await;
    browser.press_first("slot:").await;
    browser.send(json!({ "text": "Anna Example" })).await;
    browser.send(json!({ "button": "nat:DEU" })).await;
    browser.send(json!({ "text": "E12345678" })).await;
    browser.send(json!({ "text": "+86 138 0013 8000" })).await;
    browser.send(json!({ "button": "confirm" })).await;
    let document = &browser.last["replies"][0]["document"];
    let url = document["url"]
        .as_str()
        .unwrap_or_else(|| panic!("no document in {}", browser.last));
    let file = app.get(url).await;
    assert_eq!(file.status(), 200);
    assert!(header(file.headers(), CONTENT_TYPE).starts_with("text/calendar"));
    assert!(
        header(file.headers(), CONTENT_DISPOSITION)
            .contains(document["filename"].as_str().unwrap())
    );
    assert!(file.text().await.unwrap().contains("BEGIN:VEVENT"));
    let missing = app.get(&format!("/files/{}", "0".repeat(64))).await;
    assert_eq!(missing.status(), 404);

    // Another browser has its own conversation, starting at the menu.
    let mut other = Browser::new(&app);
    other.send(json!({ "text": "1" })).await;
    assert_ne!(other.cookie, browser.cookie);
    assert!(other.buttons().iter().all(|b| !b.starts_with("slot:")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_clear_4xx_answers() {
    let (_db, app) = app().await;
    let post = |body: &'static str, content_type: &'static str| {
        app.client
            .post(app.url("/api/web/messages"))
            .header(CONTENT_TYPE, content_type)
            .body(body)
            .send()
    };
    let cases = [
        ("{not json", "application/json", 400),
        (
            r#"{"text": "hi", "button": "book"}"#,
            "application/json",
            400,
        ),
        (r#"{"shout": "hi"}"#, "application/json", 400),
        (r#"{"text": ""}"#, "application/json", 400),
        (
            r#"{"location": {"latitude": 200, "longitude": 0}}"#,
            "application/json",
            400,
        ),
        (r#"{"text": "hi"}"#, "text/plain", 415),
    ];
    for (body, content_type, status) in cases {
        let response = post(body, content_type).await.unwrap();
        assert_eq!(response.status().as_u16(), status, "{body}");
        let error: Value = response.json().await.unwrap();
        assert!(
            error["error"].is_string() && error["message"].is_string(),
            "{error}"
        );
    }
    let huge = format!(r#"{{"text": "{}"}}"#, "x".repeat(70 * 1024));
    let response = app
        .client
        .post(app.url("/api/web/messages"))
        .header(CONTENT_TYPE, "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 413);
}
