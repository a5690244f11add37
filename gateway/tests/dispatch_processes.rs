//! Two `visadesk serve` processes sharing one PostgreSQL deliver notifications through a
//! fake generic-callback receiver: 1,000 due notifications arrive exactly once; then, while
//! one process is killed with SIGKILL at random moments and restarted, 1,000 more all arrive
//! and none twice to the user's eye (repeats carry the same dedup key, which the receiver
//! drops). Both processes run the scheduler every second; each tick runs once in total.

use rand::Rng;
use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use visadesk_bot::notify::{Notice, dedup_key};
use visadesk_bot::store::backoffice::{self, PlannedNotice};
use visadesk_tests::TestDb;
use visadesk_tests::fake_callback::FakeCallback;

const SECRET: &str = "generic-secret-0123456789";

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
        // The keys the test plans notifications with (`TestDb`): every process of one
        // deployment shares them.
        .env("VISADESK_DATA_KEYS", visadesk_tests::TEST_DATA_KEYS)
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
    let (_, store) = backoffice::connect(
        url,
        Duration::from_secs(5),
        visadesk_tests::test_data_keys(),
    )
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
                    expires_on: visadesk_tests::beijing_date(chrono::Utc::now())
                        + chrono::Duration::days(7),
                    days: 7,
                    renewal_service: "visa-extension".into(),
                },
                due_at: chrono::Utc::now(),
            }
        })
        .collect();
    assert_eq!(
        store.enqueue(&notices, chrono::Utc::now()).await.unwrap(),
        n as u64
    );
}

async fn wait_for_unique(receiver: &FakeCallback, n: usize, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let unique = receiver.unique_keys().len();
        if unique >= n {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: only {unique} of {n} notifications arrived"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_deliver_once_and_a_killed_one_loses_nothing() {
    let db = TestDb::postgres().await;
    // Each callback is answered after a short pause, so a kill lands in the middle of sends.
    let receiver = FakeCallback::start(SECRET).await;
    receiver.answer_after(Duration::from_millis(15));
    let callback = receiver.url();
    let mut users = Vec::new();
    for u in 0..50 {
        users.push(
            db.repo
                .chat_user("generic", &format!("load-{u}"), "en")
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
    wait_for_unique(&receiver, 1000, "two processes").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(receiver.received().len(), 1000, "no notification twice");
    assert_eq!(receiver.unique_keys().len(), 1000);

    // Phase 2: 1,000 more while one process is killed at random moments and restarted.
    plan(&db.url, &users, 1000, 1000).await;
    let mut rng = rand::rng();
    let mut logs_seen = vec![steady.log.clone(), flaky.log.clone()];
    for round in 1..=3 {
        tokio::time::sleep(Duration::from_millis(rng.random_range(100..400))).await;
        visadesk_tests::send_signal(&flaky.child, "-KILL");
        let _ = flaky.child.wait();
        flaky = serve(&db.url, &callback, logs.join(format!("flaky-{round}.log")));
        logs_seen.push(flaky.log.clone());
    }
    wait_for_unique(&receiver, 2000, "with kills").await;
    let received = receiver.received().len();
    let unique = receiver.unique_keys().len();
    assert_eq!(unique, 2000, "every notification arrived");
    let repeats = received - unique;
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
    let _ = std::fs::remove_dir_all(&logs);
}
