//! The generic webhook under load, as an integrating system would drive it over HTTP:
//! 1, 50 and 500 concurrent conversations each book an appointment (13 signed requests),
//! with PostgreSQL and Redis. Beside it, in the same run, a bare axum handler doing one Redis
//! GET and SET per request (the ceiling of "HTTP + Redis round trip" on this machine), and
//! the ratio; and the webhook's fixed path (timestamp and signature, parsing, rate count,
//! replay check, turn lock and session in Redis) with no dialogue behind it, the most any
//! dialogue could reach.
//!
//! Run with `cargo bench -p visadesk-tests --bench gateway`. `BENCH_ROUNDS` (1 to 3, default
//! 3) repeats every load; each round's figures and the medians are printed, and written to
//! `target/bench/gateway.json`.

use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::routing::post;
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};
use visadesk_bot::store::{ExpiringStore, SessionKey, SessionStore};
use visadesk_gateway::channels::generic::{
    GenericMessage, PATH, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign_request,
};
use visadesk_gateway::config::RawSettings;
use visadesk_tests::bench::{self, Load};
use visadesk_tests::{TestDb, redis_store, redis_url, spawn_app};

const SECRET: &str = "bench-secret-0123456789";
/// About the size of a booking dialogue's stored session.
const SESSION_BYTES: usize = 600;

/// What the client reads of an answer: the buttons' ids. Parsed into these types rather
/// than a `serde_json::Value` tree, so that the client, which shares the two cores with the
/// servers, costs as little as it can.
#[derive(Deserialize, Default)]
struct Answer {
    #[serde(default)]
    replies: Vec<AnswerReply>,
}

#[derive(Deserialize)]
struct AnswerReply {
    #[serde(default)]
    buttons: Vec<AnswerButton>,
}

#[derive(Deserialize)]
struct AnswerButton {
    id: String,
}

fn ids<'a>(answer: &'a Answer, prefix: &str) -> Vec<&'a str> {
    answer
        .replies
        .iter()
        .flat_map(|r| r.buttons.iter())
        .map(|b| b.id.as_str())
        .filter(|i| i.starts_with(prefix))
        .collect()
}

/// The next message of a conversation, given the last answer.
type Step = Box<dyn Fn(&Answer) -> Option<Value> + Send + Sync>;

/// One conversation's booking in the `city`-th city offered; returns per-request latencies
/// and the answers' bodies.
async fn converse(
    client: reqwest::Client,
    url: String,
    n: usize,
    run: usize,
    city: usize,
) -> (Vec<Duration>, Vec<Bytes>) {
    let conversation = format!("bench-{run}-{n}");
    let mut latencies = Vec::new();
    let mut answers = Vec::new();
    let mut last = Answer::default();
    let steps: Vec<Step> = vec![
        Box::new(|_| Some(json!({ "text": "/start" }))),
        Box::new(|_| Some(json!({ "button": "book" }))),
        Box::new(|r| ids(r, "svc:").first().map(|i| json!({ "button": i }))),
        Box::new(move |r| {
            let c = ids(r, "city:");
            c.get(city % c.len().max(1)).map(|i| json!({ "button": i }))
        }),
        Box::new(|r| ids(r, "office:").first().map(|i| json!({ "button": i }))),
        Box::new(move |r| {
            let d = ids(r, "day:");
            d.get(n % d.len().max(1)).map(|i| json!({ "button": i }))
        }),
        Box::new(move |r| {
            let s = ids(r, "slot:");
            s.get(n / 7 % s.len().max(1))
                .map(|i| json!({ "button": i }))
        }),
        Box::new(|_| Some(json!({ "text": "Bench Marker" }))),
        Box::new(|_| Some(json!({ "button": "nat:DEU" }))),
        Box::new(move |_| Some(json!({ "text": format!("G{run}{n:07}") }))),
        Box::new(|_| Some(json!({ "text": "+86 138 0013 8000" }))),
        Box::new(|_| Some(json!({ "button": "confirm" }))),
        Box::new(|_| Some(json!({ "button": "appointments" }))),
    ];
    for step in steps {
        let Some(mut body) = step(&last) else { break };
        body["conversation_id"] = json!(conversation);
        body["sender_id"] = json!(conversation);
        let text = body.to_string();
        let started = Instant::now();
        let timestamp = chrono::Utc::now().timestamp().to_string();
        let response = client
            .post(&url)
            .header("content-type", "application/json")
            .header(TIMESTAMP_HEADER, &timestamp)
            .header(
                SIGNATURE_HEADER,
                sign_request(SECRET, &timestamp, text.as_bytes()),
            )
            .body(text)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 200);
        let body = response.bytes().await.expect("answer");
        last = serde_json::from_slice(&body).expect("json");
        latencies.push(started.elapsed());
        answers.push(body);
    }
    (latencies, answers)
}

async fn bare_redis_server() -> String {
    let client = redis::Client::open(redis_url()).unwrap();
    let conn = redis::aio::ConnectionManager::new(client).await.unwrap();
    let app = axum::Router::new().route(
        "/bare",
        post(move |body: String| {
            let mut conn = conn.clone();
            async move {
                let _: Option<String> = redis::cmd("GET")
                    .arg("bench:bare")
                    .query_async(&mut conn)
                    .await
                    .unwrap();
                let () = redis::cmd("SET")
                    .arg("bench:bare")
                    .arg(body.len())
                    .query_async(&mut conn)
                    .await
                    .unwrap();
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}/bare")
}

/// The generic webhook's own path without the dialogue: the same timestamp and signature
/// check, body parsing, per-conversation rate count, replay check and session begin/end in
/// Redis as the real handler,
/// answering with the replies a real conversation received (`answers`, in turn order) and a
/// session of `session_bytes`. No tower layers: this is an upper bound on what any dialogue
/// behind the webhook could reach.
async fn fixed_path_server(answers: Vec<Bytes>, session_bytes: usize) -> String {
    let sessions = Arc::new(redis_store().await);
    let expiring = Arc::new(sessions.expiring_store());
    // Kept as JSON values and serialized per request, as the real handler does.
    let answers: Vec<Value> = answers
        .iter()
        .map(|a| serde_json::from_slice(a).expect("a recorded answer is JSON"))
        .collect();
    let answers = Arc::new(answers);
    let session = "s".repeat(session_bytes);
    let app = axum::Router::new().route(
        "/fixed",
        post(move |headers: HeaderMap, body: Bytes| {
            let (sessions, expiring, answers, session) = (
                sessions.clone(),
                expiring.clone(),
                answers.clone(),
                session.clone(),
            );
            async move {
                let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
                let timestamp = header(TIMESTAMP_HEADER).unwrap();
                let signature = sign_request(SECRET, timestamp, &body);
                assert_eq!(header(SIGNATURE_HEADER), Some(signature.as_str()));
                let message: GenericMessage = serde_json::from_slice(&body).unwrap();
                let (count, _) = expiring
                    .count_hit(
                        &format!("generic:{}", message.conversation_id),
                        Duration::from_secs(60),
                    )
                    .await
                    .unwrap();
                expiring
                    .first_seen(
                        &format!("generic-request:{signature}"),
                        Duration::from_secs(601),
                    )
                    .await
                    .unwrap();
                let key = SessionKey::new("generic", &message.conversation_id, &message.sender_id);
                let (lock, _) = sessions
                    .begin(&key, Duration::from_secs(30), Duration::from_secs(20))
                    .await
                    .unwrap();
                sessions
                    .end(&lock, &session, Duration::from_secs(1800))
                    .await
                    .unwrap();
                axum::Json(answers[(count as usize - 1) % answers.len()].clone())
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}/fixed")
}

async fn bare(client: reqwest::Client, url: String, requests: usize) -> Vec<Duration> {
    let mut latencies = Vec::with_capacity(requests);
    for _ in 0..requests {
        let started = Instant::now();
        visadesk_tests::text_answer(client.post(&url).body("{\"text\":\"x\"}")).await;
        latencies.push(started.elapsed());
    }
    latencies
}

/// Concurrent conversations of each load.
const LOADS: [usize; 3] = [1, 50, 500];

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    // Each round runs every load once; loads last a second or two, so one round is noisy.
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .clamp(1, 3);
    let rows = bench::block_on(async {
        let db = TestDb::postgres().await;
        let app = spawn_app(RawSettings {
            redis_url: Some(redis_url()),
            generic_secret: Some(SECRET.into()),
            generic_rate_per_minute: Some(100_000),
            ..db.settings()
        })
        .await;
        let url = app.url(PATH);
        let bare_url = bare_redis_server().await;
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(600)
            .build()
            .unwrap();
        // Warm up, unmeasured, so that the runs measure the steady state: 50 conversations
        // open the HTTP and PostgreSQL connections a busy service keeps. A new PostgreSQL
        // connection costs about 90 ms here (TLS handshake; sqlx 0.9.0 leaves Nagle's
        // algorithm on, transact-rs/sqlx#4335), which would otherwise land in one turn.
        let warm: Vec<_> = (0..50)
            .map(|n| tokio::spawn(converse(client.clone(), url.clone(), n, 9, 0)))
            .collect();
        let mut answers = Vec::new();
        for t in warm {
            answers = t.await.unwrap().1;
        }
        let fixed_url = fixed_path_server(answers, SESSION_BYTES).await;
        // The same for the bare server: as many HTTP connections as the warm-up opened.
        Load::run(50, |_| bare(client.clone(), bare_url.clone(), 13)).await;
        let mut rows = Vec::new();
        for round in 0..rounds {
            for (i, conversations) in LOADS.into_iter().enumerate() {
                // Each load of each round books in a city of its own, so that no round
                // finds the slots of an earlier one full (the seed has 11 cities).
                let (run, city) = (10 * round + i, 1 + LOADS.len() * round + i);
                let bookings = |url: &String, run: usize| {
                    let (client, url) = (client.clone(), url.clone());
                    Load::run(conversations, move |n| {
                        let (client, url) = (client.clone(), url.clone());
                        async move { converse(client, url, n, run, city).await.0 }
                    })
                };
                let visadesk = bookings(&url, run).await;
                let fixed = bookings(&fixed_url, run + 1000).await;
                let per_task = visadesk.count().div_ceil(conversations);
                let ceiling = Load::run(conversations, |_| {
                    bare(client.clone(), bare_url.clone(), per_task)
                })
                .await;
                rows.push((conversations, round, visadesk, fixed, ceiling));
            }
        }
        drop(app);
        rows
    });
    println!(
        "{:>13} {:>5} {:>9} {:>10} {:>8} {:>8} {:>10} {:>8} {:>10} {:>8} {:>8} {:>7} {:>7}",
        "conversations",
        "round",
        "requests",
        "turns/s",
        "p50 ms",
        "p99 ms",
        "fixed/s",
        "p99 ms",
        "bare req/s",
        "p50 ms",
        "p99 ms",
        "ratio",
        "fixed"
    );
    let mut json = Vec::new();
    for (c, round, v, f, b) in &rows {
        let (ratio, fixed_ratio) = (
            v.per_second() / b.per_second(),
            f.per_second() / b.per_second(),
        );
        println!(
            "{:>13} {:>5} {:>9} {:>10.0} {:>8.2} {:>8.2} {:>10.0} {:>8.2} {:>10.0} {:>8.2} {:>8.2} {:>7.2} {:>7.2}",
            c,
            round + 1,
            v.count(),
            v.per_second(),
            v.ms(0.5),
            v.ms(0.99),
            f.per_second(),
            f.ms(0.99),
            b.per_second(),
            b.ms(0.5),
            b.ms(0.99),
            ratio,
            fixed_ratio
        );
        json.push(json!({ "conversations": c, "round": round + 1, "requests": v.count(), "turns_per_second": v.per_second(),
            "p50_ms": v.ms(0.5), "p99_ms": v.ms(0.99),
            "fixed_path_per_second": f.per_second(), "fixed_path_p50_ms": f.ms(0.5), "fixed_path_p99_ms": f.ms(0.99),
            "fixed_path_ratio": fixed_ratio,
            "bare_requests_per_second": b.per_second(), "bare_p50_ms": b.ms(0.5), "bare_p99_ms": b.ms(0.99),
            "ratio": ratio }));
    }
    println!("\nmedians over {rounds} rounds:");
    println!(
        "{:>13} {:>10} {:>10} {:>10} {:>7} {:>7}",
        "conversations", "turns/s", "fixed/s", "bare req/s", "ratio", "fixed"
    );
    for load in LOADS {
        let of = |pick: &dyn Fn(&Load, &Load, &Load) -> f64| {
            median(
                rows.iter()
                    .filter(|r| r.0 == load)
                    .map(|(_, _, v, f, b)| pick(v, f, b))
                    .collect(),
            )
        };
        println!(
            "{:>13} {:>10.0} {:>10.0} {:>10.0} {:>7.2} {:>7.2}",
            load,
            of(&|v, _, _| v.per_second()),
            of(&|_, f, _| f.per_second()),
            of(&|_, _, b| b.per_second()),
            of(&|v, _, b| v.per_second() / b.per_second()),
            of(&|_, f, b| f.per_second() / b.per_second()),
        );
    }
    bench::write_results("gateway", &json);
}
