//! Two `visadesk serve` processes sharing one PostgreSQL deliver notifications through a
//! fake generic-callback receiver: 1,000 due notifications arrive exactly once; then, while
//! one process is killed with SIGKILL at random moments and restarted, 1,000 more all arrive
//! and none twice to the user's eye (repeats carry the same dedup key, which the receiver
//! drops). Both processes run the scheduler every second; each tick runs once in total.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use rand::Rng;
use sqlx::Connection;
use std::collections::{BTreeMap, BTreeSet};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use visadesk_bot::notify::{Notice, dedup_key};
use visadesk_bot::store::backoffice::{self, PlannedNotice};
use visadesk_gateway::channels::generic::{SIGNATURE_HEADER, signature_is_valid};

const SECRET: &str = "generic-secret-0123456789";

fn pg_admin_url() -> String {
    std::env::var("VISADESK_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A fresh PostgreSQL database, dropped at the end.
struct Database {
    name: String,
    url: String,
}

impl Database {
    async fn create() -> Database {
        let name = format!("visadesk_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = sqlx::PgConnection::connect(&pg_admin_url()).await.unwrap_or_else(|e| {
            panic!(
                "PostgreSQL is not reachable at {}: {e}; start it with `bash deploy/local/test.sh` or set VISADESK_TEST_PG_URL",
                pg_admin_url()
            )
        });
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .unwrap();
        let admin_url = pg_admin_url();
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url.as_str(), |(b, _)| b);
        Database {
            url: format!("{base}/{name}"),
            name,
        }
    }

    async fn drop_now(&self) {
        if let Ok(mut admin) = sqlx::PgConnection::connect(&pg_admin_url()).await {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            )))
            .execute(&mut admin)
            .await;
        }
    }
}

/// The fake receiver: checks signatures, answers after a short pause (so a kill lands in
/// the middle of sends), records every dedup key.
#[derive(Clone, Default)]
struct Receiver {
    keys: Arc<Mutex<Vec<String>>>,
}

async fn receive(State(r): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    if !signature_is_valid(SECRET, &body, signature) {
        return StatusCode::UNAUTHORIZED;
    }
    tokio::time::sleep(Duration::from_millis(15)).await;
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
    r.keys
        .lock()
        .unwrap()
        .push(value["dedup_key"].as_str().unwrap().to_string());
    StatusCode::OK
}

struct Serve {
    child: Child,
    log: std::path::PathBuf,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn serve(url: &str, callback: &str, log: std::path::PathBuf) -> Serve {
    let child = Command::new(env!("CARGO_BIN_EXE_visadesk"))
        .args(["serve", "--no-migrate"])
        .env_remove("REDIS_URL")
        .env_remove("VISADESK_CONFIG")
        .env("DATABASE_URL", url)
        .env("VISADESK_BIND", format!("127.0.0.1:{}", free_port()))
        .env(
            "VISADESK_DATA_DIR",
            std::env::temp_dir().join("visadesk-tests"),
        )
        .env("VISADESK_GENERIC_SECRET", SECRET)
        .env("VISADESK_GENERIC_CALLBACK_URL", callback)
        .env("VISADESK_QUIET_HOURS", "off")
        .env("VISADESK_DISPATCH_INTERVAL_MS", "20")
        .env("VISADESK_DISPATCH_BATCH", "10")
        .env("VISADESK_DISPATCH_LEASE_SECONDS", "2")
        .env("VISADESK_DISPATCH_PER_CHAT_PER_SECOND", "1000")
        .env("VISADESK_CRON_APPOINTMENT_REMINDERS", "* * * * * *")
        .env("VISADESK_CRON_PERMIT_EXPIRY", "* * * * * *")
        .env("VISADESK_CRON_PICKUP_REMINDERS", "* * * * * *")
        .env("VISADESK_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(&log).unwrap()))
        .spawn()
        .unwrap();
    Serve { child, log }
}

/// `(job, tick)` of every scheduler run a process logged.
fn scheduler_runs(log: &std::path::Path) -> Vec<(String, String)> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["fields"]["message"] == "scheduled job ran")
        .map(|v| {
            (
                v["fields"]["job"].as_str().unwrap_or("").to_string(),
                v["fields"]["tick"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

async fn plan(url: &str, users: &[i64], from: usize, n: usize) {
    let (_, store) = backoffice::connect(url, Duration::from_secs(5))
        .await
        .unwrap();
    let notices: Vec<PlannedNotice> = (from..from + n)
        .map(|i| {
            let user = users[i % users.len()];
            PlannedNotice {
                dedup_key: dedup_key(&format!("load:{i}"), user),
                chat_user_id: user,
                applicant_id: None,
                notice: Notice::PermitExpiring {
                    permit_kind: visadesk_bot::domain::PermitKind::Visa,
                    expires_on: chrono::Utc::now().date_naive() + chrono::Duration::days(7),
                    days: 7,
                    renewal_service: "visa-extension".into(),
                },
                due_at: chrono::Utc::now(),
            }
        })
        .collect();
    assert_eq!(store.enqueue(&notices).await.unwrap(), n as u64);
}

async fn wait_for_unique(keys: &Arc<Mutex<Vec<String>>>, n: usize, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let unique: BTreeSet<String> = keys.lock().unwrap().iter().cloned().collect();
        if unique.len() >= n {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: only {} of {n} notifications arrived",
            unique.len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_deliver_once_and_a_killed_one_loses_nothing() {
    let db = Database::create().await;
    let receiver = Receiver::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let callback = format!("http://{}/callback", listener.local_addr().unwrap());
    let app = Router::new()
        .route("/callback", post(receive))
        .with_state(receiver.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let (repo, _) = backoffice::connect(&db.url, Duration::from_secs(5))
        .await
        .unwrap();
    repo.migrate().await.unwrap();
    let mut users = Vec::new();
    for u in 0..50 {
        users.push(
            repo.chat_user("generic", &format!("load-{u}"), "en")
                .await
                .unwrap()
                .id,
        );
    }
    let logs = std::env::temp_dir().join(format!(
        "visadesk-dispatch-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&logs).unwrap();

    // Phase 1: two processes, 1,000 notifications, no failures: each arrives exactly once.
    plan(&db.url, &users, 0, 1000).await;
    let steady = serve(&db.url, &callback, logs.join("steady.log"));
    let mut flaky = serve(&db.url, &callback, logs.join("flaky-0.log"));
    wait_for_unique(&receiver.keys, 1000, "two processes").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    {
        let keys = receiver.keys.lock().unwrap();
        let unique: BTreeSet<&String> = keys.iter().collect();
        assert_eq!(keys.len(), 1000, "no notification twice");
        assert_eq!(unique.len(), 1000);
    }

    // Phase 2: 1,000 more while one process is killed at random moments and restarted.
    plan(&db.url, &users, 1000, 1000).await;
    let mut rng = rand::rng();
    let mut logs_seen = vec![steady.log.clone(), flaky.log.clone()];
    for round in 1..=3 {
        tokio::time::sleep(Duration::from_millis(rng.random_range(100..400))).await;
        let pid = flaky.child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-KILL", &pid])
                .status()
                .unwrap()
                .success()
        );
        let _ = flaky.child.wait();
        flaky = serve(&db.url, &callback, logs.join(format!("flaky-{round}.log")));
        logs_seen.push(flaky.log.clone());
    }
    wait_for_unique(&receiver.keys, 2000, "with kills").await;
    let keys = receiver.keys.lock().unwrap().clone();
    let unique: BTreeSet<&String> = keys.iter().collect();
    assert_eq!(unique.len(), 2000, "every notification arrived");
    let repeats = keys.len() - unique.len();
    println!("repeats after kills (dropped by dedup key): {repeats}");
    assert!(
        repeats <= 3 * 10 * 2,
        "repeats only from sends cut off by a kill: {repeats}"
    );

    // Every tick of every job ran once across the processes.
    let mut runs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for log in &logs_seen {
        for run in scheduler_runs(log) {
            *runs.entry(run).or_default() += 1;
        }
    }
    assert!(runs.len() >= 3, "the scheduler ran: {runs:?}");
    assert!(
        runs.values().all(|n| *n == 1),
        "a tick ran twice: {:?}",
        runs.iter().filter(|(_, n)| **n > 1).collect::<Vec<_>>()
    );
    drop(steady);
    drop(flaky);
    db.drop_now().await;
    let _ = std::fs::remove_dir_all(&logs);
}
