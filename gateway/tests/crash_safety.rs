//! No message lost on a crash (issue 17): a `visadesk serve` process is killed with SIGKILL
//! while a turn is under way, after the platform considers the message delivered (Telegram:
//! the `getUpdates` offset confirmed it; WhatsApp: the webhook answered 200; WeChat: the
//! passive reply window answered empty). After a restart that turn's answer arrives, once,
//! and a redelivery of the same message runs no second turn.
//!
//! The turn is held mid-way by a PostgreSQL lock on `chat_users`, which every turn reads:
//! the test waits until a query of the service waits for that lock, then kills the process.

use serde_json::{Value, json};
use sqlx::Connection;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use visadesk_tests::TestDb;

/// How long a claimed message stays with the process that took it before another (or the
/// restarted one) runs its turn. Short here; production keeps the default.
const LEASE_SECONDS: &str = "2";

struct Service {
    child: Child,
    port: u16,
    log: std::path::PathBuf,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Service {
    /// Starts `visadesk serve` on `db` with `env` and waits until it is ready.
    async fn start(db: &TestDb, env: &[(&str, String)], log_name: &str) -> Service {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = std::env::temp_dir().join(format!(
            "visadesk-crash-{log_name}-{}.log",
            uuid::Uuid::new_v4().simple()
        ));
        let mut command = Command::new(env!("CARGO_BIN_EXE_visadesk"));
        command
            .args(["serve", "--no-migrate"])
            .env_remove("REDIS_URL")
            .env_remove("VISADESK_CONFIG")
            .env("DATABASE_URL", &db.url)
            .env("VISADESK_BIND", format!("127.0.0.1:{port}"))
            .env(
                "VISADESK_DATA_DIR",
                std::env::temp_dir().join("visadesk-tests"),
            )
            .env("VISADESK_INBOX_LEASE_SECONDS", LEASE_SECONDS)
            .env("VISADESK_DATA_KEYS", visadesk_tests::TEST_DATA_KEYS)
            .env("VISADESK_DISPATCHER", "off")
            .env("VISADESK_SCHEDULER", "off")
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create(&log).unwrap()));
        for (name, value) in env {
            command.env(name, value);
        }
        let child = command.spawn().unwrap();
        let service = Service { child, port, log };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ready = reqwest::get(service.url("/readyz"))
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                return service;
            }
            assert!(
                Instant::now() < deadline,
                "the service did not become ready: {}",
                std::fs::read_to_string(&service.log).unwrap_or_default()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn kill(mut self) {
        visadesk_tests::send_signal(&self.child, "-KILL");
        let _ = self.child.wait();
    }
}

/// A transaction holding `chat_users` so that every turn waits in the middle.
struct HeldTurns {
    connection: sqlx::PgConnection,
    db_url: String,
}

impl HeldTurns {
    async fn hold(db: &TestDb) -> HeldTurns {
        let mut connection = sqlx::PgConnection::connect(&db.url).await.unwrap();
        sqlx::query("BEGIN").execute(&mut connection).await.unwrap();
        sqlx::query("LOCK TABLE chat_users IN ACCESS EXCLUSIVE MODE")
            .execute(&mut connection)
            .await
            .unwrap();
        HeldTurns {
            connection,
            db_url: db.url.clone(),
        }
    }

    /// Waits until a query of the service waits for the lock: a turn is under way.
    async fn wait_for_a_turn(&self) {
        let mut watcher = sqlx::PgConnection::connect(&self.db_url).await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let waiting: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM pg_stat_activity \
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
            )
            .fetch_one(&mut watcher)
            .await
            .unwrap();
            if waiting > 0 {
                return;
            }
            assert!(Instant::now() < deadline, "no turn started");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn release(mut self) {
        sqlx::query("ROLLBACK")
            .execute(&mut self.connection)
            .await
            .unwrap();
    }
}

/// Waits until `count()` reaches `n` (at most 30 s), then a while longer to see that it
/// stays there; returns the final count.
async fn settles_at(what: &str, n: usize, count: impl Fn() -> usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(30);
    while count() < n {
        assert!(
            Instant::now() < deadline,
            "{what}: {} of {n} after 30 s",
            count()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Longer than two leases: a second run of the same turn would have answered by then.
    tokio::time::sleep(Duration::from_secs(5)).await;
    count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telegram_update_taken_before_a_crash_is_answered_once_after_the_restart() {
    use visadesk_tests::fake_telegram::{FakeTelegram, TOKEN, TgChat, TgUser};
    let db = TestDb::postgres().await;
    let fake = FakeTelegram::start().await;
    let env = [
        ("TELEGRAM_BOT_TOKEN", TOKEN.to_string()),
        ("TELEGRAM_API_URL", fake.url()),
    ];
    let service = Service::start(&db, &env, "telegram").await;
    let user = TgUser::new(77_001_001, "Anna", Some("en"));
    let chat = TgChat::private(&user);
    let held = HeldTurns::hold(&db).await;
    let update = fake.text(&chat, &user, "/start");
    let (id, _) = fake.send_update(update.clone()).await;
    // Telegram is told the update was taken (the next getUpdates offset is past it)…
    fake.wait_confirmed(id).await;
    // …and its turn is under way when the process dies.
    held.wait_for_a_turn().await;
    service.kill();
    held.release().await;
    assert!(
        fake.delivered_to(chat.id).is_empty(),
        "nothing answered yet"
    );

    let service = Service::start(&db, &env, "telegram-restarted").await;
    let answered = settles_at("the answer after the restart", 1, || {
        fake.delivered_to(chat.id).len()
    })
    .await;
    let texts: Vec<String> = fake
        .delivered_to(chat.id)
        .iter()
        .map(|c| c.text())
        .collect();
    assert!(
        texts[0].contains("visadesk"),
        "the greeting of /start: {texts:?}"
    );
    // Telegram hands the update out once more (its confirmation got lost): no second turn.
    let mut again = update;
    again["update_id"] = json!(id);
    fake.requeue(again);
    let after = settles_at("a redelivery", answered, || {
        fake.delivered_to(chat.id).len()
    })
    .await;
    assert_eq!(after, answered, "answered once: {texts:?}");
    drop(service);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whatsapp_message_acknowledged_before_a_crash_is_answered_once_after_the_restart() {
    use visadesk_tests::fake_whatsapp::{APP_SECRET, FakeWhatsApp, PHONE_ID, TOKEN};
    let db = TestDb::postgres().await;
    let fake = FakeWhatsApp::start().await;
    let env = [
        ("WHATSAPP_VERIFY_TOKEN", "verify-me".to_string()),
        ("WHATSAPP_APP_SECRET", APP_SECRET.to_string()),
        ("WHATSAPP_ACCESS_TOKEN", TOKEN.to_string()),
        ("WHATSAPP_PHONE_NUMBER_ID", PHONE_ID.to_string()),
        ("WHATSAPP_API_URL", fake.url()),
    ];
    let service = Service::start(&db, &env, "whatsapp").await;
    let number = "4915100077001";
    let body = visadesk_tests::whatsapp_user::notification(
        number,
        &format!("wamid.crash-{}", uuid::Uuid::new_v4().simple()),
        json!({ "type": "text", "text": { "body": "/start" } }),
    )
    .to_string();
    let post = |service_url: String, body: String| async move {
        reqwest::Client::new()
            .post(service_url)
            .header("content-type", "application/json")
            .header(
                visadesk_gateway::channels::whatsapp::SIGNATURE_HEADER,
                visadesk_gateway::channels::generic::sign(APP_SECRET, body.as_bytes()),
            )
            .body(body)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    };
    let held = HeldTurns::hold(&db).await;
    assert_eq!(post(service.url("/whatsapp"), body.clone()).await, 200);
    held.wait_for_a_turn().await;
    service.kill();
    held.release().await;
    let to_number = || {
        fake.sent()
            .iter()
            .filter(|m: &&Value| m["to"] == number)
            .count()
    };
    assert_eq!(to_number(), 0, "nothing answered yet");

    let service = Service::start(&db, &env, "whatsapp-restarted").await;
    let answered = settles_at("the answer after the restart", 1, to_number).await;
    // Meta delivers the notification again: no second turn.
    assert_eq!(post(service.url("/whatsapp"), body).await, 200);
    let after = settles_at("a redelivery", answered, to_number).await;
    assert_eq!(after, answered, "answered once: {:?}", fake.sent());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wechat_message_answered_empty_before_a_crash_is_answered_once_after_the_restart() {
    use visadesk_tests::fake_wechat::{APP_ID, FakeWeChat, TOKEN};
    use visadesk_tests::wechat_user::{fresh_nonce, signed_query, text_xml};
    let db = TestDb::postgres().await;
    let fake = FakeWeChat::start().await;
    let env = [
        ("WECHAT_TOKEN", TOKEN.to_string()),
        ("WECHAT_APP_ID", APP_ID.to_string()),
        ("WECHAT_APP_SECRET", "app-secret".to_string()),
        ("WECHAT_API_URL", fake.url()),
        // The passive reply gives up after 300 ms; the answer then goes through the API.
        ("WECHAT_PASSIVE_TIMEOUT_MS", "300".to_string()),
    ];
    let service = Service::start(&db, &env, "wechat").await;
    let openid = format!("oCrash{}", rand::random::<u32>());
    let xml = text_xml(&openid, rand::random::<u64>() >> 1, "hello");
    let post = |service: &Service, xml: String| {
        let query = signed_query(chrono::Utc::now().timestamp(), &fresh_nonce());
        let url = service.url(&format!("/wechat?{query}&openid={openid}"));
        async move {
            let response = reqwest::Client::new()
                .post(url)
                .header("content-type", "text/xml")
                .body(xml)
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let held = HeldTurns::hold(&db).await;
    // WeChat hears nothing within the passive window: it counts the message as delivered.
    let (status, answer) = post(&service, xml.clone()).await;
    assert_eq!(status, 200);
    assert!(!answer.contains("<xml>"), "no passive reply: {answer}");
    held.wait_for_a_turn().await;
    service.kill();
    held.release().await;
    let to_user = || fake.sent().iter().filter(|(to, _)| *to == openid).count();
    assert_eq!(to_user(), 0, "nothing answered yet");

    let service = Service::start(&db, &env, "wechat-restarted").await;
    let answered = settles_at("the answer after the restart", 1, to_user).await;
    // WeChat retries the same message (same MsgId): no second turn.
    let (status, _) = post(&service, xml).await;
    assert_eq!(status, 200);
    let after = settles_at("a redelivery", answered, to_user).await;
    assert_eq!(after, answered, "answered once: {:?}", fake.sent());
}
