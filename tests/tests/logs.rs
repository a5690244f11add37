//! What reaches the logs: a whole booking conversation (with the import of demo records)
//! leaves no passport number, name, phone or birth date in any log line, even at TRACE;
//! an internal error gives the user a localized apology whose reference is in the log.

use std::sync::Arc;
use visadesk_bot::dialogue::{Engine, EngineConfig};
use visadesk_tests::captured_logs::{capture_logs as logs, log_text};
use visadesk_tests::{ALEX, Chat, MEI, TestDb, demo_engine, seeded_engine};

/// Asserts no line captured so far holds any of `secrets`.
#[track_caller]
fn assert_not_logged(secrets: &[&str]) {
    let logs = log_text();
    for secret in secrets {
        assert!(!logs.contains(secret), "`{secret}` reached the logs");
    }
}

/// With the logs captured, an engine on a fresh SQLite database with the demo records.
async fn logged_engine_with_demo_records() -> (TestDb, Arc<Engine>) {
    logs();
    let db = TestDb::sqlite().await;
    let engine = demo_engine(&db, EngineConfig::default(), visadesk_bot::clock::system()).await;
    (db, engine)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_booking_leaves_no_personal_data_in_the_logs() {
    let (_db, engine) = logged_engine_with_demo_records().await;
    let mut chat = Chat::new(&engine, "telegram", "501", "501", "en");
    chat.says("/book").await;
    chat.picks_first_slot().await;
    chat.says("Zinaida Quetzalcoatl").await;
    chat.presses("nat:DEU").await;
    chat.says("X98765432").await;
    chat.says("+86 139 7654 3210").await;
    chat.presses("confirm").await;
    assert!(chat.replies[0].document.is_some(), "{}", chat.text());
    chat.presses("appointments").await;
    // Proving identity types the demo applicant's passport number and birth date.
    chat.opens("progress").await;
    chat.proves(ALEX).await;
    chat.expect("identity-linked");
    let logs = log_text();
    assert!(
        logs.contains("visadesk"),
        "the capture works: {} bytes",
        logs.len()
    );
    assert_not_logged(&[
        "X98765432",
        "Quetzalcoatl",
        "13976543210",
        "DEMO00001",
        "1990-01-01",
        "Demo-Applicant",
        "DEMO-LINK-0001",
    ]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_internal_error_gets_an_apology_with_a_reference_that_is_logged() {
    logs();
    let db = TestDb::postgres().await;
    let engine = seeded_engine(&db).await;
    let mut chat = Chat::new(&engine, "telegram", "502", "502", "ru");
    chat.says("/start").await;
    chat.expect("menu-prompt");
    drop(db); // the database disappears mid-conversation
    chat.presses("book").await;
    let apology = engine
        .texts()
        .text("ru", "error-internal", &[("reference", "@".into())]);
    let prefix = apology.split('@').next().unwrap();
    let text = chat.text();
    assert!(text.starts_with(prefix), "{text}");
    let reference = text[prefix.len()..].trim();
    assert_eq!(reference.len(), 8, "{text}");
    assert!(
        log_text().contains(&format!("reference=\"{reference}\""))
            || log_text().contains(&format!("reference={reference}"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passport_e_document_and_relatives_leave_no_personal_data_in_the_logs() {
    use visadesk_bot::documents::{DocumentIssuer, FONT_CANDIDATES, ServiceKey};
    let (_db, engine) = logged_engine_with_demo_records().await;
    let issuer = DocumentIssuer {
        key: ServiceKey::from_seed([7; 32]),
        issuer: Default::default(),
        public_url: "http://127.0.0.1:9".into(),
        font: FONT_CANDIDATES
            .iter()
            .find_map(|f| std::fs::read(f).ok())
            .map(Arc::new),
    };
    let engine = Arc::new(
        Arc::try_unwrap(engine)
            .unwrap_or_else(|_| panic!("engine not shared yet"))
            .with_documents(Arc::new(issuer)),
    );
    let mut mei = Chat::new(&engine, "telegram", "503", "503", "zh-CN");
    mei.links_as("passport", MEI).await;
    mei.presses("edoc").await;
    assert!(
        mei.replies.iter().any(|r| r.document.is_some()),
        "{}",
        mei.text()
    );
    mei.declares_passport("CAN", "NEW7654321", "2036-01-31")
        .await;
    mei.expect("passport-declared");
    // Mei tries to add an adult relative with the relative's own data: he is asked instead,
    // and accepts her invitation in his own chat.
    mei.opens("family").await;
    mei.presses("family-add").await;
    mei.proves(ALEX).await;
    assert!(!mei.shows("family-added"), "{}", mei.text());
    mei.opens("family").await;
    mei.presses("family-invite").await;
    let invitation = mei.shown_code();
    let mut alex = Chat::new(&engine, "telegram", "504", "504", "zh-CN");
    alex.links_as("permits", ALEX).await;
    alex.opens("family").await;
    alex.presses("family-accept").await;
    alex.says(&invitation).await;
    mei.opens("permits").await;
    assert!(mei.text().contains("Alex"), "{}", mei.text());
    assert_not_logged(&[
        "DEMO00002",
        "1985-06-15",
        "Demo-Holder",
        "DEMO-PR-000002",
        "NEW7654321",
        "2036-01-31",
        "DEMO00001",
        "1990-01-01",
        "DEMO-RP-000001",
    ]);
}

/// The same through the Telegram channel (fake Bot API, long polling): no personal data and
/// no bot token in any log line, even at TRACE with every library's logs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telegram_booking_leaves_no_personal_data_or_token_in_the_logs() {
    use visadesk_tests::fake_telegram::{FakeTelegram, TOKEN, TgChat, TgUser};
    logs();
    let fake = FakeTelegram::start().await;
    let (_db, app) = visadesk_tests::spawn_sqlite_app(visadesk_gateway::config::RawSettings {
        telegram_bot_token: Some(TOKEN.into()),
        telegram_api_url: Some(fake.url()),
        ..Default::default()
    })
    .await;
    let user = TgUser::new(7_000_501, "Zinaida", Some("en"));
    let chat = TgChat::private(&user);
    fake.deliver(&app, fake.text(&chat, &user, "/book")).await;
    for prefix in ["svc:", "city:", "office:", "day:", "slot:"] {
        fake.deliver(&app, fake.press_offered(&chat, &user, prefix))
            .await;
    }
    fake.deliver(&app, fake.text(&chat, &user, "Zinaida Quetzalcoatl"))
        .await;
    fake.deliver(&app, fake.press_offered(&chat, &user, "nat:DEU"))
        .await;
    for line in ["X98765432", "+86 139 7654 3210"] {
        fake.deliver(&app, fake.text(&chat, &user, line)).await;
    }
    fake.deliver(&app, fake.press_offered(&chat, &user, "confirm"))
        .await;
    assert!(
        fake.calls()
            .iter()
            .any(|c| c.method == "sendDocument" && c.ok()),
        "the booking went through"
    );
    let logs = log_text();
    assert!(
        logs.contains("getUpdates") || logs.contains("telegram"),
        "the capture works"
    );
    let token_secret = TOKEN.split_once(':').unwrap().1;
    assert_not_logged(&["X98765432", "Quetzalcoatl", "13976543210", token_secret]);
}

/// A web chat booking and the download of its calendar file over HTTP: the link's token
/// (which opens a document with the applicant's name) is in no log line, even at TRACE.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_web_chat_download_link_stays_out_of_the_logs() {
    use visadesk_tests::json_channel::JsonUser;
    use visadesk_tests::webchat_user::WebChatUser;
    logs();
    let (_db, app) =
        visadesk_tests::spawn_sqlite_app(visadesk_gateway::config::RawSettings::default()).await;
    let mut browser = WebChatUser::new(&app);
    browser.starts("en").await;
    let confirmed = browser
        .books_first_slot("Zinaida Quetzalcoatl", "X98765432", "+86 139 7654 3210")
        .await;
    let url = confirmed.document().expect("a calendar file")["url"]
        .as_str()
        .unwrap()
        .to_string();
    let token = url.rsplit('/').next().unwrap().to_string();
    assert_eq!(token.len(), 64, "{url}");
    assert_eq!(browser.downloads(&url).await.status(), 200);
    // A stranger's try is logged too, and must not print the token either.
    let stranger = app.get(&url).await.status();
    assert!(log_text().contains("/files/"), "the download was logged");
    assert_not_logged(&[&token, "X98765432", "Quetzalcoatl"]);
    assert_eq!(stranger, 404, "served without the cookie");
}
