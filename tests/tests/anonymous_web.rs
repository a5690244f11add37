//! Anonymous web chat users (issue 15, item 7), over HTTP on PostgreSQL and Redis: a browser
//! that only opens the chat leaves nothing behind (no chat user, no session), a real
//! conversation is still stored as soon as it needs to be, and web chat users idle past
//! `VISADESK_WEB_IDLE_DAYS` with nothing worth keeping are purged by the scheduler, with
//! their sessions, while everyone else stays.

use chrono::{Duration, Utc};
use std::collections::HashSet;
use visadesk_bot::clock::{Clock, TestClock};
use visadesk_gateway::config::RawSettings;
use visadesk_gateway::dispatch::scheduler::Scheduler;
use visadesk_tests::json_channel::JsonUser;
use visadesk_tests::webchat_user::WebChatUser;
use visadesk_tests::{ALEX, TestApp, TestDb, redis_url, spawn_app_at};

/// How many cookie-less `start`s the flood sends (the issue saw 2,000; the cost per request
/// is the same).
const FLOOD: usize = 200;
/// The prefix `serve` gives its Redis keys.
const PREFIX: &str = "visadesk:";

/// The service on PostgreSQL and Redis, reading the time from `clock`, with the per-address
/// budget lifted: every request of the tests comes from 127.0.0.1.
async fn service(db: &TestDb, clock: std::sync::Arc<TestClock>) -> TestApp {
    spawn_app_at(
        RawSettings {
            redis_url: Some(redis_url()),
            web_rate_per_minute: Some(100_000),
            ..db.settings()
        },
        clock,
    )
    .await
}

/// The conversation id a browser's cookie holds (`visadesk_chat=<id>`).
fn conversation(browser: &WebChatUser<'_>) -> String {
    let cookie = browser.cookie.as_deref().expect("the service set a cookie");
    cookie.split_once('=').unwrap().1.to_string()
}

/// The service's Redis keys that belong to one of `conversations` (sessions and turn locks
/// are stored as `<prefix><kind>:web:32:<conversation>:<conversation>`). Other tests share
/// the prefix, so a plain count before and after would see their keys come and go.
async fn keys_of(conversations: &HashSet<String>) -> Vec<String> {
    visadesk_tests::redis_keys(PREFIX)
        .await
        .into_iter()
        .filter(|key| {
            key.split(':')
                .any(|part| part.len() == 32 && conversations.contains(part))
        })
        .collect()
}

/// The chat user stored for a web chat conversation, if any.
async fn web_user(db: &TestDb, conversation: &str) -> Option<i64> {
    let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
    let id = sqlx::query_scalar(
        "SELECT chat_user_id FROM channel_identities WHERE channel = 'web' AND external_id = $1",
    )
    .bind(conversation)
    .fetch_optional(&pool)
    .await
    .unwrap();
    pool.close().await;
    id
}

/// How many chat users and channel identities are stored.
async fn stored_users(db: &TestDb) -> (i64, i64) {
    let counts = db.repo.counts().await.unwrap();
    (counts["chat_users"], counts["channel_identities"])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cookieless_starts_store_nothing_and_a_real_conversation_still_is() {
    let db = TestDb::postgres().await;
    let app = service(&db, TestClock::starting_at(Utc::now())).await;
    let users_before = stored_users(&db).await;
    let keys_before = visadesk_tests::redis_keys(PREFIX).await.len();

    let mut conversations = HashSet::new();
    for _ in 0..FLOOD {
        let mut browser = WebChatUser::new(&app);
        browser.starts("en").await;
        assert!(browser.last.has_button("book"), "{:?}", browser.last);
        conversations.insert(conversation(&browser));
    }
    assert_eq!(
        conversations.len(),
        FLOOD,
        "each browser has its own cookie"
    );
    let users_after = stored_users(&db).await;
    let left = keys_of(&conversations).await;
    println!(
        "{FLOOD} cookie-less starts: (chat_users, channel_identities) {users_before:?} -> \
         {users_after:?}; Redis keys under {PREFIX} {keys_before} -> {} (shared with other \
         tests), of these conversations: {}",
        visadesk_tests::redis_keys(PREFIX).await.len(),
        left.len()
    );
    assert_eq!(users_after, users_before, "no chat user stored");
    assert!(left.is_empty(), "sessions or locks stored: {left:?}");

    // A browser that reloads the page (a second `start` with its cookie) is still welcomed
    // without being stored; typing a number of the welcome's menu still works.
    let mut browser = WebChatUser::new(&app);
    browser.starts("en").await;
    browser.starts("en").await;
    assert_eq!(stored_users(&db).await, users_before);
    browser.says("1").await;
    assert!(
        browser.last.buttons().iter().any(|b| b.starts_with("svc:")),
        "\"1\" is the menu's first choice (book): {:?}",
        browser.last
    );
    // From here the conversation has state: its session is kept across messages, and the
    // booking stores the chat user with the appointment.
    let mine: HashSet<String> = [conversation(&browser)].into();
    assert!(!keys_of(&mine).await.is_empty(), "the booking's session");
    browser.presses_first("svc:").await;
    browser.presses_first("city:").await;
    browser.presses_first("office:").await;
    browser.presses_first("day:").await;
    browser.presses_first("slot:").await;
    browser.says("Anna Example").await;
    browser.presses("nat:DEU").await;
    browser.says("E12345678").await;
    browser.says("+86 138 0013 8000").await;
    let confirmed = browser.presses("confirm").await;
    assert!(confirmed.document().is_some(), "{confirmed:?}");
    let user = web_user(&db, &conversation(&browser)).await;
    assert!(user.is_some(), "the booking stored its chat user");
    let counts = db.repo.counts().await.unwrap();
    assert_eq!(counts["chat_users"], users_before.0 + 1);
    assert_eq!(counts["appointments"], 1);
    browser.presses("menu").await;
    let list = browser.presses("appointments").await;
    assert!(
        list.buttons().len() > 3,
        "the appointment is listed, with its buttons: {list:?}"
    );
}

/// A web chat user that is stored (a settings change) and keeps nothing else.
async fn settings_changer(app: &TestApp) -> String {
    let mut browser = WebChatUser::new(app);
    browser.starts("en").await;
    browser.presses("settings").await;
    browser.presses("notify").await;
    conversation(&browser)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_anonymous_web_users_are_purged_with_their_sessions() {
    let db = TestDb::postgres().await;
    let clock = TestClock::starting_at(Utc::now());
    let app = service(&db, clock.clone()).await;

    let idle = settings_changer(&app).await;
    // Booked for the last day offered: still ahead when the purge runs.
    let mut booker = WebChatUser::new(&app);
    booker.starts("en").await;
    booker.presses("book").await;
    booker.presses_first("svc:").await;
    booker.presses_first("city:").await;
    booker.presses_first("office:").await;
    let last_day = booker
        .last
        .buttons()
        .into_iter()
        .rev()
        .find(|b| b.starts_with("day:"))
        .expect("days offered");
    booker.presses(&last_day).await;
    booker.presses_first("slot:").await;
    booker.says("Anna Example").await;
    booker.presses("nat:DEU").await;
    booker.says("E12345678").await;
    booker.says("+86 138 0013 8000").await;
    let booked = booker.presses("confirm").await;
    assert!(booked.document().is_some(), "{booked:?}");
    let with_appointment = conversation(&booker);
    let mut holder = WebChatUser::new(&app);
    holder.starts("en").await;
    holder.presses("progress").await;
    holder.presses(&format!("nat:{}", ALEX.nationality)).await;
    holder.says(ALEX.passport).await;
    holder.says(ALEX.birth).await;
    let linked = holder.says(ALEX.code).await.text();
    assert!(linked.contains("your identity is confirmed"), "{linked}");
    let with_link = conversation(&holder);
    let telegram = app
        .app
        .repo
        .chat_user("telegram", "4242", "en")
        .await
        .unwrap()
        .id;
    for conversation in [&idle, &with_appointment, &with_link] {
        assert!(web_user(&db, conversation).await.is_some());
    }
    let idle_session: HashSet<String> = [idle.clone()].into();
    assert!(!keys_of(&idle_session).await.is_empty(), "its session");

    clock.advance(Duration::days(31));
    let recent = settings_changer(&app).await;
    let scheduler = Scheduler::from_app(&app.app).unwrap();
    let ran = scheduler.run_due(clock.now()).await.unwrap();
    println!("jobs run: {ran:?}");

    assert_eq!(
        web_user(&db, &idle).await,
        None,
        "idle anonymous user purged"
    );
    assert!(
        keys_of(&idle_session).await.is_empty(),
        "its session went with it"
    );
    assert!(
        web_user(&db, &with_appointment).await.is_some(),
        "idle, with an appointment: kept"
    );
    assert!(
        web_user(&db, &with_link).await.is_some(),
        "idle, linked to an applicant: kept"
    );
    assert!(web_user(&db, &recent).await.is_some(), "recent: kept");
    let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
    let kept: Option<i64> = sqlx::query_scalar("SELECT id FROM chat_users WHERE id = $1")
        .bind(telegram)
        .fetch_optional(&pool)
        .await
        .unwrap();
    assert_eq!(kept, Some(telegram), "a Telegram user is never purged");
    let counts = db.repo.counts().await.unwrap();
    assert_eq!(counts["appointments"], 1, "the appointment stays");
}
