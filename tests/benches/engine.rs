//! Engine throughput and latency: simulated users each book an appointment from the menu
//! to the confirmation (13 turns), many at once, on SQLite with in-process sessions and on
//! PostgreSQL with Redis, personal data sealed in the database and in the sessions as the
//! service keeps it. Run with `cargo bench -p visadesk-tests --bench engine`; figures
//! are printed and written to `target/bench/engine.json`.
//!
//! Environment: `BENCH_USERS` (default 400), `BENCH_CONCURRENCY` (default 32).

use std::sync::Arc;
use std::time::{Duration, Instant};
use visadesk_bot::dialogue::{Engine, Inbound, InboundKind, Reply};
use visadesk_bot::store::{InMemorySessionStore, SealedSessions, SessionStore};
use visadesk_tests::bench::{self, Load};
use visadesk_tests::{TestDb, engine_with, redis_store, test_data_keys};

/// The `n`th (counting round the list) of the offered buttons whose id starts with
/// `prefix`, as the button to press.
fn nth(replies: &[Reply], prefix: &str, n: usize) -> Option<InboundKind> {
    let offered: Vec<String> = replies
        .iter()
        .flat_map(|r| r.buttons.iter())
        .map(|b| b.id.clone())
        .filter(|id| id.starts_with(prefix))
        .collect();
    offered
        .get(n % offered.len().max(1))
        .cloned()
        .map(InboundKind::Button)
}

/// One user's booking; returns each turn's latency, and whether it ended booked.
async fn book(engine: &Engine, n: usize) -> (Vec<Duration>, bool) {
    let id = format!("bench-{n}");
    let mut latencies = Vec::new();
    let mut last: Vec<Reply> = Vec::new();
    let step = |kind: InboundKind| {
        let inbound = Inbound::new("bench", &id, &id, kind);
        async move {
            let start = Instant::now();
            let replies = engine.handle(&inbound).await;
            (start.elapsed(), replies)
        }
    };
    type Next = Box<dyn Fn(&[Reply]) -> Option<InboundKind> + Send + Sync>;
    let script: Vec<Next> = vec![
        Box::new(|_| Some(InboundKind::from_typed("/start"))),
        Box::new(|_| Some(InboundKind::Button("book".into()))),
        Box::new(|r| nth(r, "svc:", 0)),
        Box::new(|r| nth(r, "city:", 0)),
        Box::new(|r| nth(r, "office:", 0)),
        // Spread users over days and times so the bench measures turns, not one hot row.
        Box::new(move |r| nth(r, "day:", n)),
        Box::new(move |r| nth(r, "slot:", n / 7)),
        Box::new(|_| Some(InboundKind::Text("Bench Marker".into()))),
        Box::new(|_| Some(InboundKind::Button("nat:DEU".into()))),
        Box::new(move |_| Some(InboundKind::Text(format!("B{n:08}")))),
        Box::new(|_| Some(InboundKind::Text("+86 138 0013 8000".into()))),
        Box::new(|_| Some(InboundKind::Button("confirm".into()))),
        Box::new(|_| Some(InboundKind::Button("appointments".into()))),
    ];
    for next in script {
        let Some(kind) = next(&last) else {
            return (latencies, false);
        };
        let (elapsed, replies) = step(kind).await;
        latencies.push(elapsed);
        last = replies;
    }
    let booked = last
        .iter()
        .any(|r| r.buttons.iter().any(|b| b.id.starts_with("cx:")));
    (latencies, booked)
}

struct Figures {
    name: &'static str,
    users: usize,
    booked: usize,
    turns: usize,
    seconds: f64,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
}

async fn run(name: &'static str, engine: Arc<Engine>, users: usize, concurrency: usize) -> Figures {
    let start = Instant::now();
    let semaphore = Arc::new(tokio::sync::Semaphore::new(concurrency));
    let mut tasks = Vec::new();
    for n in 0..users {
        let (engine, semaphore) = (engine.clone(), semaphore.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = semaphore.acquire().await.unwrap();
            book(&engine, n).await
        }));
    }
    let mut all = Vec::new();
    let mut booked = 0;
    for t in tasks {
        let (latencies, ok) = t.await.unwrap();
        booked += usize::from(ok);
        all.extend(latencies);
    }
    let load = Load::new(all, start.elapsed().as_secs_f64());
    Figures {
        name,
        users,
        booked,
        turns: load.count(),
        seconds: load.seconds,
        p50_ms: load.ms(0.50),
        p95_ms: load.ms(0.95),
        p99_ms: load.ms(0.99),
    }
}

fn main() {
    let users: usize = std::env::var("BENCH_USERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let concurrency: usize = std::env::var("BENCH_CONCURRENCY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32);
    let results = bench::block_on(async {
        let mut results = Vec::new();
        // Sessions sealed as the service keeps them (`App::connect`): drafts are personal.
        let sealed = |inner: Arc<dyn SessionStore>| -> Arc<dyn SessionStore> {
            Arc::new(SealedSessions::new(inner, test_data_keys()))
        };
        let sqlite = TestDb::sqlite().await;
        sqlite.seed().await;
        let engine = engine_with(
            sqlite.repo.clone(),
            sealed(Arc::new(InMemorySessionStore::new())),
        );
        results.push(run("sqlite+memory", engine, users, concurrency).await);
        let pg = TestDb::postgres().await;
        pg.seed().await;
        let engine = engine_with(pg.repo.clone(), sealed(Arc::new(redis_store().await)));
        results.push(run("postgres+redis", engine, users, concurrency).await);
        results
    });
    println!(
        "{:<16} {:>6} {:>7} {:>7} {:>10} {:>8} {:>8} {:>8}",
        "stack", "users", "booked", "turns", "turns/s", "p50 ms", "p95 ms", "p99 ms"
    );
    let mut json = Vec::new();
    for f in &results {
        let rate = f.turns as f64 / f.seconds;
        println!(
            "{:<16} {:>6} {:>7} {:>7} {:>10.0} {:>8.2} {:>8.2} {:>8.2}",
            f.name, f.users, f.booked, f.turns, rate, f.p50_ms, f.p95_ms, f.p99_ms
        );
        json.push(serde_json::json!({
            "stack": f.name, "users": f.users, "concurrency": concurrency, "booked": f.booked, "turns": f.turns,
            "seconds": f.seconds, "turns_per_second": rate, "p50_ms": f.p50_ms, "p95_ms": f.p95_ms, "p99_ms": f.p99_ms,
        }));
    }
    bench::write_results("engine", &json);
}
