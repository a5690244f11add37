//! The web chat over HTTP, as the page uses it: one conversation per browser cookie, a whole
//! booking by buttons and text, the calendar file as a download, and clear 4xx answers.

use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE, HeaderMap, HeaderName};
use visadesk_gateway::config::RawSettings;
use visadesk_tests::json_channel::{JsonAnswer, JsonUser};
use visadesk_tests::webchat_user::{MESSAGES, WebChatUser};
use visadesk_tests::{TestApp, TestDb, spawn_sqlite_app};

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
        ("/assets/proof_of_work.js", "text/javascript"),
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
    let mut browser = WebChatUser::new(&app);
    browser.starts("en").await;
    assert!(
        browser.cookie.is_some(),
        "the first answer sets the conversation cookie"
    );
    assert!(browser.last.has_button("book"));
    let confirmed = browser
        .books_first_slot("Anna Example", "E12345678", "+86 138 0013 8000")
        .await;
    let document = confirmed
        .document()
        .unwrap_or_else(|| panic!("no document in {confirmed:?}"))
        .clone();
    let url = document["url"].as_str().unwrap();
    // The link is bound to the conversation: a client without the cookie gets nothing.
    assert_eq!(
        app.get(url).await.status(),
        404,
        "served without the cookie"
    );
    let file = browser.downloads(url).await;
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
    let mut other = WebChatUser::new(&app);
    other.says("1").await;
    assert_ne!(other.cookie, browser.cookie);
    assert!(other.last.buttons().iter().all(|b| !b.starts_with("slot:")));
    // ... and another conversation's cookie does not open this one's document.
    assert_eq!(other.downloads(url).await.status(), 404);
    assert_eq!(
        browser.downloads(url).await.status(),
        200,
        "still the owner's"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_clear_4xx_answers() {
    let (_db, app) = app().await;
    let post = |body: String, content_type: &'static str| {
        let app = &app;
        async move {
            let request = app
                .client
                .post(app.url(MESSAGES))
                .header(CONTENT_TYPE, content_type)
                .body(body);
            JsonAnswer::read(request.send().await.unwrap()).await
        }
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
        let answer = post(body.into(), content_type).await;
        assert_eq!(answer.status, status, "{body}");
        assert!(answer.is_error_body(), "{answer:?}");
    }
    let huge = format!(r#"{{"text": "{}"}}"#, "x".repeat(70 * 1024));
    assert_eq!(post(huge, "application/json").await.status, 413);
}
