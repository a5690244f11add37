//! Notification delivery throughput: 2,000 due notifications over 200 chat users, delivered
//! through the generic callback to an in-process receiver, by one dispatcher (SQLite and
//! PostgreSQL) and by two dispatchers with their own pools (PostgreSQL, as two processes).
//! Pacing per chat is set to 1 ms so the figure is the dispatcher's own cost (claim, render,
//! sign, POST, record). Run with `cargo bench -p visadesk-tests --bench dispatch`; figures are
//! printed and written to `target/bench/dispatch.json`.

use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};
use visadesk_bot::store::backoffice::{self, BackofficeStore};
use visadesk_gateway::config::RawSettings;
use visadesk_gateway::dispatch::generic_notifier::GenericCallbackNotifier;
use visadesk_gateway::dispatch::{ChannelSender, DispatchConfig, Dispatcher};
use visadesk_tests::fake_callback::FakeCallback;
use visadesk_tests::{TestApp, TestDb, bench, spawn_app};

const SECRET: &str = "bench-secret-0123456789";
const USERS: usize = 200;
const NOTIFICATIONS: usize = 2000;

fn config() -> DispatchConfig {
    DispatchConfig {
        interval: Duration::from_millis(10),
        batch: 100,
        max_attempts: 3,
        lease: Duration::from_secs(60),
        per_chat_gap: Duration::from_millis(1),
        quiet_hours: None,
        retry_base: Duration::from_millis(10),
    }
}

async fn plan(app: &TestApp) {
    let notices = app.due_permit_notices(USERS, NOTIFICATIONS).await;
    app.app
        .backoffice
        .enqueue(&notices, app.app.clock.now())
        .await
        .unwrap();
}

fn dispatcher(app: &TestApp, store: Arc<dyn BackofficeStore>) -> Arc<Dispatcher> {
    let sender: Arc<dyn ChannelSender> = Arc::new(
        GenericCallbackNotifier::from_settings(&app.app.settings, app.channels.http.clone())
            .unwrap(),
    );
    Arc::new(Dispatcher::new(
        store,
        app.app.texts.clone(),
        vec![sender],
        config(),
    ))
}

/// Delivers everything with `dispatchers` dispatchers; returns notifications per second.
async fn run(db: &TestDb, dispatchers: usize) -> f64 {
    let fake = FakeCallback::start(SECRET).await;
    let app = spawn_app(RawSettings {
        generic_secret: Some(SECRET.into()),
        generic_callback_url: Some(fake.url()),
        quiet_hours: Some("off".into()),
        ..db.settings()
    })
    .await;
    plan(&app).await;
    let mut all = Vec::new();
    for _ in 0..dispatchers {
        let (_, store) = backoffice::connect(
            &db.url,
            Duration::from_secs(5),
            visadesk_tests::test_data_keys(),
        )
        .await
        .unwrap();
        all.push(dispatcher(&app, store));
    }
    let started = Instant::now();
    let tasks: Vec<_> = all
        .into_iter()
        .map(|d| tokio::spawn(async move { while d.run_once().await.unwrap() > 0 {} }))
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(fake.unique_keys().len(), NOTIFICATIONS);
    NOTIFICATIONS as f64 / seconds
}

fn main() {
    let rows = bench::block_on(async {
        let mut rows = Vec::new();
        let sqlite = TestDb::sqlite().await;
        rows.push(("SQLite", 1, run(&sqlite, 1).await));
        let pg = TestDb::postgres().await;
        rows.push(("PostgreSQL", 1, run(&pg, 1).await));
        let pg2 = TestDb::postgres().await;
        rows.push(("PostgreSQL", 2, run(&pg2, 2).await));
        rows
    });
    println!(
        "{:>10} {:>11} {:>14} {:>16}",
        "backend", "dispatchers", "notifications", "delivered/s"
    );
    let mut out = Vec::new();
    for (backend, dispatchers, rate) in &rows {
        println!("{backend:>10} {dispatchers:>11} {NOTIFICATIONS:>14} {rate:>16.0}");
        out.push(json!({ "backend": backend, "dispatchers": dispatchers, "notifications": NOTIFICATIONS, "delivered_per_second": rate }));
    }
    bench::write_results("dispatch", &out);
}
