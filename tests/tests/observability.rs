//! What an operator sees of a running service (issue 17, observability): a request id per
//! HTTP request, echoed and carried in every log line of that request and its turn; one
//! access line per request naming the route template, never the raw path or query; and
//! `/metrics`, read with an independent Prometheus parser (Python's `prometheus_client`)
//! after a booking, an identity proof and a notification over PostgreSQL and Redis.

use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;
use visadesk_gateway::channels::generic::PATH;
use visadesk_gateway::config::RawSettings;
use visadesk_gateway::dispatch::Dispatcher;
use visadesk_tests::captured_logs::{capture_logs, log_text};
use visadesk_tests::chat::ALEX;
use visadesk_tests::fake_callback::FakeCallback;
use visadesk_tests::generic_user::{GenericRequest, GenericUser};
use visadesk_tests::json_channel::JsonUser;
use visadesk_tests::{TestApp, TestDb, redis_url, run_tool, spawn_app, spawn_sqlite_app};

const SECRET: &str = "observability-secret-0123456789";
const REQUEST_ID_HEADER: &str = "x-request-id";

/// The service on SQLite with the generic webhook, logs captured from before it starts.
async fn logged_app(access_log: Option<&str>) -> (TestDb, TestApp) {
    capture_logs();
    spawn_sqlite_app(RawSettings {
        generic_secret: Some(SECRET.into()),
        access_log: access_log.map(Into::into),
        ..Default::default()
    })
    .await
}

/// Posts one signed generic-webhook message, with `request_id` as `X-Request-Id` when given;
/// returns the status and the `X-Request-Id` answered.
async fn post_message(app: &TestApp, request_id: Option<&str>, text: &str) -> (u16, String) {
    // A message id of its own: the same text without one would be taken for a repeat.
    let body = json!({
        "conversation_id": "obs-1", "sender_id": "obs-1", "text": text,
        "message_id": uuid::Uuid::new_v4().to_string(),
    });
    let signed = GenericRequest::signed(SECRET, body.to_string());
    let mut request = app.client.post(app.url(PATH)).body(signed.body.clone());
    for (name, value) in signed.headers() {
        request = request.header(name, value);
    }
    if let Some(id) = request_id {
        request = request.header(REQUEST_ID_HEADER, id);
    }
    let response = request.send().await.unwrap();
    let echoed = response
        .headers()
        .get(REQUEST_ID_HEADER)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (response.status().as_u16(), echoed)
}

/// Captured log lines that mention `needle`.
fn lines_with(needle: &str) -> Vec<String> {
    log_text()
        .lines()
        .filter(|l| l.contains(needle))
        .map(str::to_string)
        .collect()
}

/// The access lines of one request (found by its id).
fn access_lines(request_id: &str) -> Vec<String> {
    lines_with(request_id)
        .into_iter()
        .filter(|l| l.contains("visadesk::access"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_id_is_echoed_and_carried_in_every_log_line_of_its_turn() {
    let (_db, app) = logged_app(None).await;
    let id = "obs-7f3a2c91-turn";
    let (status, echoed) = post_message(&app, Some(id), "/start").await;
    assert_eq!(status, 200);
    assert_eq!(echoed, id, "the given id is answered");
    let lines = lines_with(id);
    assert!(
        lines
            .iter()
            .any(|l| l.contains(" turn ") && l.contains("channel=generic")),
        "the turn's log line carries the request id: {lines:#?}\n--- all logs ---\n{}",
        log_text()
    );

    // Without an id (or with one that is not sane) the service makes one, different each time.
    let (_, first) = post_message(&app, None, "/start").await;
    let (_, second) = post_message(&app, None, "/start").await;
    assert!(!first.is_empty() && first != second, "{first} / {second}");
    assert!(
        lines_with(&first).iter().any(|l| l.contains(" turn ")),
        "a generated id is logged as well"
    );
    for unusable in ["has spaces in it", &"x".repeat(129), "tab\there"] {
        let (status, echoed) = post_message(&app, Some(unusable), "/start").await;
        assert_eq!(status, 200);
        assert!(
            !echoed.is_empty() && echoed != unusable,
            "`{unusable}` is replaced: {echoed}"
        );
    }
    let longest = "y".repeat(128);
    assert_eq!(
        post_message(&app, Some(&longest), "/start").await.1,
        longest
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_access_line_per_request_names_the_route_template_never_the_path_or_query() {
    let (_db, app) = logged_app(None).await;
    let id = "obs-access-5d1e";
    let response = app
        .client
        .get(app.url("/files/TOKENSECRET12345?receipt=QUERYSECRET"))
        .header(REQUEST_ID_HEADER, id)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let lines = access_lines(id);
    assert_eq!(
        lines.len(),
        1,
        "{lines:#?}\n--- all logs ---\n{}",
        log_text()
    );
    let line = &lines[0];
    assert!(line.contains(" INFO "), "{line}");
    assert!(line.contains("route=\"/files/{token}\""), "{line}");
    assert!(line.contains("method=\"GET\""), "{line}");
    assert!(line.contains(&format!("status={status}")), "{line}");
    assert!(line.contains("latency_ms="), "{line}");
    let logs = log_text();
    for secret in ["TOKENSECRET12345", "QUERYSECRET"] {
        assert!(!logs.contains(secret), "`{secret}` reached the logs");
    }

    // A route no handler matches is logged under a fixed name, not its path.
    let id = "obs-access-unmatched";
    let status = app
        .client
        .get(app.url("/no/such/place/SECRET-PATH-999"))
        .header(REQUEST_ID_HEADER, id)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    let lines = access_lines(id);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].contains("route=\"unmatched\""), "{}", lines[0]);
    assert!(
        lines[0].contains(&format!("status={status}")),
        "{}",
        lines[0]
    );
    assert!(!log_text().contains("SECRET-PATH-999"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_access_log_can_be_turned_off() {
    let (_db, app) = logged_app(Some("off")).await;
    let id = "obs-access-off";
    let (status, echoed) = post_message(&app, Some(id), "/start").await;
    assert_eq!((status, echoed.as_str()), (200, id));
    assert_eq!(access_lines(id), Vec::<String>::new());
    assert!(
        lines_with(id).iter().any(|l| l.contains(" turn ")),
        "other lines keep the id"
    );
}

/// One sample of the exposition: metric name, labels, value.
#[derive(Debug, Clone)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

/// `/metrics` as Python's `prometheus_client` parser reads it.
async fn scrape(app: &TestApp) -> Vec<Sample> {
    let response = app.get("/metrics").await;
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    let text = response.text().await.unwrap();
    parse_exposition(&text)
}

/// A Prometheus exposition as Python's `prometheus_client` parser reads it.
fn parse_exposition(text: &str) -> Vec<Sample> {
    let file = std::env::temp_dir().join(format!("visadesk-metrics-{}.txt", uuid::Uuid::new_v4()));
    std::fs::write(&file, text).unwrap();
    let script = r#"
import json, sys
try:
    from prometheus_client.parser import text_string_to_metric_families
except ImportError:
    sys.exit(3)
out = []
for family in text_string_to_metric_families(open(sys.argv[1]).read()):
    for s in family.samples:
        out.append([s.name, s.labels, s.value])
print(json.dumps(out))
"#;
    let output = run_tool(
        "python3",
        &["-c", script, file.to_str().unwrap()],
        "python3-prometheus-client",
    );
    let _ = std::fs::remove_file(&file);
    assert!(
        output.status.code() != Some(3),
        "Python's prometheus_client is missing: `pip install prometheus_client` or \
         `apt-get install python3-prometheus-client` (`bash deploy/local/test.sh` does it)"
    );
    assert!(
        output.status.success(),
        "prometheus_client could not parse /metrics: {}\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    let parsed: Vec<(String, BTreeMap<String, String>, f64)> =
        serde_json::from_slice(&output.stdout).unwrap();
    parsed
        .into_iter()
        .map(|(name, labels, value)| Sample {
            name,
            labels,
            value,
        })
        .collect()
}

/// The value of `name` with (at least) `labels`, summed over the other labels; 0 when absent.
fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> f64 {
    samples
        .iter()
        .filter(|s| s.name == name)
        .filter(|s| {
            labels
                .iter()
                .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|s| s.value)
        .sum()
}

/// How much `name{labels}` grew from `before` to `after`.
fn delta(before: &[Sample], after: &[Sample], name: &str, labels: &[(&str, &str)]) -> f64 {
    value(after, name, labels) - value(before, name, labels)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_a_booking_a_proof_and_a_notification_with_no_personal_label() {
    capture_logs();
    let db = TestDb::postgres().await;
    let callback = FakeCallback::start(SECRET).await;
    let app = spawn_app(RawSettings {
        redis_url: Some(redis_url()),
        generic_secret: Some(SECRET.into()),
        generic_rate_per_minute: Some(1000),
        generic_callback_url: Some(callback.url()),
        quiet_hours: Some("off".into()),
        ..db.settings()
    })
    .await;
    let before = scrape(&app).await;
    let build = before
        .iter()
        .find(|s| s.name == "visadesk_build_info")
        .expect("build info");
    assert_eq!(build.labels["version"], env!("CARGO_PKG_VERSION"));
    assert!(!build.labels["commit"].is_empty());

    // Chat ids of their own: message ids are remembered a day in the shared Redis.
    let sender = format!("8613{}", &uuid::Uuid::new_v4().as_u128().to_string()[..7]);
    let mut user = GenericUser::new(&app, &sender, &sender).speaking("en");
    user.says("/start").await;
    // A command it does not know: the menu asks again.
    user.says("/frobnicate").await;
    assert!(user.shows("unknown-command"), "{:?}", user.last);
    // One wrong proof, then the right one.
    user.presses("permits").await;
    user.presses(&format!("nat:{}", ALEX.nationality)).await;
    for answer in [ALEX.passport, ALEX.birth, "DEMO-2099-999999"] {
        user.says(answer).await;
    }
    assert!(user.shows("identity-failed"), "{:?}", user.last);
    user.presses(&format!("nat:{}", ALEX.nationality)).await;
    for answer in [ALEX.passport, ALEX.birth, ALEX.code] {
        user.says(answer).await;
    }
    assert!(user.shows("identity-linked"), "{:?}", user.last);
    let booked = user
        .books_first_slot("Zinaida Quetzalcoatl", "X98765432", "+86 139 7654 3210")
        .await
        .clone();
    assert!(booked.document().is_some(), "booked: {booked:?}");
    // The office says the demo application is ready: one notice, delivered by the dispatcher.
    let token = app.token("desk", &["applications:write"], None).await;
    let from = chrono::Utc::now() + chrono::TimeDelta::days(1);
    let change: Value = app
        .client
        .post(app.url("/api/v1/admin/applications/DEMO-2026-000001/status"))
        .bearer_auth(&token)
        .json(&json!({
            "status": "ready_for_pickup",
            "pickup": { "place": "Andingmen hall, window 5", "from": from,
                        "until": from + chrono::TimeDelta::days(14), "bring": "passport" }
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(change["notifications"], 1, "{change}");
    let pending = scrape(&app).await;
    assert_eq!(
        value(&pending, "visadesk_outbox_rows", &[("state", "pending")]),
        1.0
    );
    // Due at once and not sent yet: it has waited since the change, a few seconds at most.
    let waited = value(&pending, "visadesk_outbox_oldest_due_age_seconds", &[]);
    assert!((0.0..60.0).contains(&waited), "{waited}");
    assert!(
        pending
            .iter()
            .any(|s| s.name == "visadesk_outbox_oldest_due_age_seconds"),
        "the gauge is shown"
    );
    let dispatcher = Arc::new(Dispatcher::from_app(&app.app, &app.channels));
    while dispatcher.run_once().await.unwrap() > 0 {}
    assert_eq!(callback.wait_for(1, 20).await.len(), 1);
    // The send ran under an id of its own, passed on to the callback and in its log lines.
    let send_id = callback.request_ids()[0].clone();
    assert_eq!(send_id.len(), 36, "a UUID: {send_id:?}");
    assert!(
        lines_with(&send_id)
            .iter()
            .any(|l| l.contains("notification delivered")),
        "{}",
        log_text()
    );
    let after = scrape(&app).await;

    // /start, the unknown command, permits, nationality and three answers twice, and the
    // booking's 11 messages.
    let turns = 1 + 1 + 1 + 2 * (1 + 3) + 11;
    let moved = |name: &str, labels: &[(&str, &str)]| delta(&before, &after, name, labels);
    // By flow: the menu (/start, the unknown command), proving identity (the permits button
    // leads there, then two rounds of nationality and three answers), the permits shown once
    // proven (whose menu button starts the booking), then booking (the other 10).
    let flow = |flow: &str, outcome: &str| {
        moved(
            "visadesk_turns_total",
            &[("channel", "generic"), ("flow", flow), ("outcome", outcome)],
        )
    };
    assert_eq!(flow("menu", "answered"), 1.0);
    assert_eq!(flow("menu", "reprompted"), 1.0, "the unknown command");
    assert_eq!(flow("identity", "answered"), 9.0);
    assert_eq!(flow("permits", "answered"), 1.0);
    assert_eq!(flow("booking", "answered"), 10.0);
    assert_eq!(moved("visadesk_turns_total", &[("outcome", "failed")]), 0.0);
    assert_eq!(moved("visadesk_dispatcher_claimed_total", &[]), 1.0);
    assert_eq!(
        value(&after, "visadesk_outbox_oldest_due_age_seconds", &[]),
        0.0
    );
    assert_eq!(value(&after, "visadesk_outbox_expired_leases", &[]), 0.0);
    // PostgreSQL's pool: 16 at most, some open after all this.
    assert_eq!(value(&after, "visadesk_db_pool_max_connections", &[]), 16.0);
    let in_use = value(
        &after,
        "visadesk_db_pool_connections",
        &[("state", "in_use")],
    );
    let idle = value(&after, "visadesk_db_pool_connections", &[("state", "idle")]);
    assert!(
        in_use + idle >= 1.0 && in_use + idle <= 16.0,
        "{in_use} + {idle}"
    );
    assert_eq!(moved("visadesk_store_errors_total", &[]), 0.0);
    assert_eq!(moved("visadesk_bookings_made_total", &[]), 1.0);
    assert_eq!(moved("visadesk_bookings_cancelled_total", &[]), 0.0);
    assert_eq!(moved("visadesk_bookings_refused_total", &[]), 0.0);
    assert_eq!(
        moved("visadesk_identity_proofs_total", &[("outcome", "proven")]),
        1.0
    );
    assert_eq!(
        moved("visadesk_identity_proofs_total", &[("outcome", "failed")]),
        1.0
    );
    assert_eq!(
        moved("visadesk_identity_proofs_total", &[("outcome", "limited")]),
        0.0
    );
    assert_eq!(
        moved(
            "visadesk_notifications_sent_total",
            &[("channel", "generic"), ("result", "sent")]
        ),
        1.0
    );
    assert_eq!(
        moved(
            "visadesk_turns_total",
            &[("channel", "generic"), ("outcome", "answered")]
        ),
        (turns - 1) as f64,
        "all but the unknown command"
    );
    assert_eq!(
        moved(
            "visadesk_turn_duration_seconds_count",
            &[("channel", "generic")]
        ),
        turns as f64
    );
    let webhook = [("method", "POST"), ("route", PATH), ("status", "200")];
    assert_eq!(
        moved("visadesk_http_requests_total", &webhook),
        turns as f64
    );
    assert_eq!(
        moved(
            "visadesk_http_request_duration_seconds_count",
            &[("method", "POST"), ("route", PATH)]
        ),
        turns as f64
    );
    assert_eq!(
        value(&after, "visadesk_outbox_rows", &[("state", "pending")]),
        0.0
    );
    assert_eq!(
        value(&after, "visadesk_outbox_rows", &[("state", "sending")]),
        0.0
    );
    assert_eq!(
        value(&after, "visadesk_outbox_rows", &[("state", "dead")]),
        0.0
    );

    // No label holds a chat id, a passport number or any other personal value.
    let personal = [
        sender.as_str(),
        ALEX.passport,
        "X98765432",
        "Quetzalcoatl",
        "13976543210",
    ];
    for sample in &after {
        for (label, text) in &sample.labels {
            assert!(
                !personal.iter().any(|p| text.contains(p)),
                "{}{{{label}={text}}}",
                sample.name
            );
            let digits = text.chars().filter(char::is_ascii_digit).count();
            // Bucket bounds and the build's commit hash are not about anyone.
            assert!(
                digits < 6 || label == "le" || label == "commit",
                "a label that looks like an id: {}{{{label}={text}}}",
                sample.name
            );
        }
    }
}

/// The metric names (`visadesk_…`) an expression reads, histogram series as their metric.
fn metrics_read_by(expr: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = expr;
    while let Some(at) = rest.find("visadesk_") {
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(tail.len());
        let name = &tail[..end];
        let metric = ["_bucket", "_count", "_sum"]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix))
            .unwrap_or(name);
        names.push(metric.to_string());
        rest = &tail[end..];
    }
    names
}

#[test]
fn the_grafana_dashboard_reads_only_documented_metrics() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let text = std::fs::read_to_string(format!("{root}/deploy/grafana/visadesk.json")).unwrap();
    let dashboard: Value = serde_json::from_str(&text).expect("the dashboard is JSON");
    let operations = std::fs::read_to_string(format!("{root}/docs/operations.md")).unwrap();
    let panels = dashboard["panels"].as_array().expect("panels");
    let titles: Vec<&str> = panels.iter().filter_map(|p| p["title"].as_str()).collect();
    for wanted in ["Turns per second", "p99", "Errors", "Outbox", "Bookings"] {
        assert!(
            titles.iter().any(|t| t.contains(wanted)),
            "a panel for {wanted}: {titles:?}"
        );
    }
    let mut ids = std::collections::BTreeSet::new();
    for panel in panels {
        assert!(
            ids.insert(panel["id"].as_i64().expect("a panel id")),
            "{panel}"
        );
        let targets = panel["targets"].as_array().expect("targets");
        assert!(!targets.is_empty(), "{}", panel["title"]);
        for target in targets {
            let expr = target["expr"].as_str().expect("a PromQL expression");
            let read = metrics_read_by(expr);
            assert!(!read.is_empty(), "{expr}");
            for metric in read {
                assert!(
                    operations.contains(&format!("| `{metric}` |")),
                    "{metric} (panel {}) is not in docs/operations.md's metric table",
                    panel["title"]
                );
            }
        }
    }
}

/// WhatsApp is answered 200 at once and the turn runs after: it still carries the id of the
/// request that brought the message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whatsapp_turn_after_the_acknowledgement_keeps_the_request_id() {
    use visadesk_tests::fake_whatsapp::{APP_SECRET, FakeWhatsApp, PHONE_ID, TOKEN};
    use visadesk_tests::whatsapp_user::notification;
    capture_logs();
    let fake = FakeWhatsApp::start().await;
    let (_db, app) = spawn_sqlite_app(RawSettings {
        whatsapp_verify_token: Some("verify-me".into()),
        whatsapp_app_secret: Some(APP_SECRET.into()),
        whatsapp_access_token: Some(TOKEN.into()),
        whatsapp_phone_number_id: Some(PHONE_ID.into()),
        whatsapp_api_url: Some(fake.url()),
        ..RawSettings::default()
    })
    .await;
    let id = "obs-whatsapp-91c2";
    let body = notification(
        "4915100000001",
        "wamid.obs-1",
        json!({ "type": "text", "text": { "body": "/start" } }),
    )
    .to_string();
    let response = app
        .client
        .post(app.url("/whatsapp"))
        .header("content-type", "application/json")
        .header(
            visadesk_gateway::channels::whatsapp::SIGNATURE_HEADER,
            visadesk_gateway::channels::generic::sign(APP_SECRET, body.as_bytes()),
        )
        .header(REQUEST_ID_HEADER, id)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[REQUEST_ID_HEADER], id);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !lines_with(" turn ")
        .iter()
        .any(|l| l.contains("channel=whatsapp"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "no WhatsApp turn: {}",
            log_text()
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let turn = lines_with(" turn ")
        .into_iter()
        .find(|l| l.contains("channel=whatsapp"))
        .unwrap();
    assert!(turn.contains(id), "{turn}");
}

/// A Telegram update fetched by long polling comes with no HTTP request: its turn gets an id
/// of its own, in the same `request_id` field.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telegram_turn_from_long_polling_has_an_id_of_its_own() {
    use visadesk_tests::fake_telegram::{FakeTelegram, TOKEN, TgChat, TgUser};
    capture_logs();
    let fake = FakeTelegram::start().await;
    let (_db, app) = spawn_sqlite_app(RawSettings {
        telegram_bot_token: Some(TOKEN.into()),
        telegram_api_url: Some(fake.url()),
        ..RawSettings::default()
    })
    .await;
    let user = TgUser::new(48_151_623, "Anna", Some("en"));
    let chat = TgChat::private(&user);
    fake.deliver(&app, fake.text(&chat, &user, "/start")).await;
    let telegram = app.channels.telegram.as_ref().expect("telegram configured");
    assert!(telegram.drained(std::time::Duration::from_secs(60)).await);
    let turn = lines_with(" turn ")
        .into_iter()
        .find(|l| l.contains("channel=telegram"))
        .unwrap_or_else(|| panic!("no Telegram turn: {}", log_text()));
    let id = turn
        .split("request_id=")
        .nth(1)
        .and_then(|rest| rest.split(['}', ' ']).next())
        .unwrap_or_else(|| panic!("no request id: {turn}"));
    assert_eq!(id.len(), 36, "a UUID: {turn}");
}

/// `/metrics` read from `address` (the listener of `VISADESK_METRICS_BIND`).
async fn scrape_at(app: &TestApp, address: std::net::SocketAddr) -> Vec<Sample> {
    let text = app
        .client
        .get(format!("http://{address}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    parse_exposition(&text)
}

/// Waits until `done` holds (the platform fakes receive answers after the webhook's 200).
async fn eventually(what: &str, done: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !done() {
        assert!(std::time::Instant::now() < deadline, "timed out: {what}");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn platform_calls_and_429s_are_counted_on_a_metrics_listener_of_its_own() {
    use visadesk_tests::fake_telegram::{Failure, FakeTelegram, TgChat, TgUser};
    use visadesk_tests::fake_wechat::FakeWeChat;
    use visadesk_tests::fake_whatsapp::{APP_SECRET, FakeWhatsApp, PHONE_ID, TOKEN};
    let telegram = FakeTelegram::start().await;
    let whatsapp = FakeWhatsApp::start().await;
    let wechat = FakeWeChat::start().await;
    let (_db, app) = spawn_sqlite_app(RawSettings {
        metrics_bind: Some("127.0.0.1:0".into()),
        telegram_bot_token: Some(visadesk_tests::fake_telegram::TOKEN.into()),
        telegram_api_url: Some(telegram.url()),
        whatsapp_verify_token: Some("verify-me".into()),
        whatsapp_app_secret: Some(APP_SECRET.into()),
        whatsapp_access_token: Some(TOKEN.into()),
        whatsapp_phone_number_id: Some(PHONE_ID.into()),
        whatsapp_api_url: Some(whatsapp.url()),
        wechat_token: Some(visadesk_tests::fake_wechat::TOKEN.into()),
        wechat_app_id: Some(visadesk_tests::fake_wechat::APP_ID.into()),
        wechat_app_secret: Some("app-secret".into()),
        wechat_api_url: Some(wechat.url()),
        // Every WeChat answer misses the passive reply and goes through the API.
        wechat_passive_timeout_ms: Some(0),
        generic_secret: Some(SECRET.into()),
        generic_rate_per_minute: Some(2),
        ..RawSettings::default()
    })
    .await;
    let metrics = app.metrics_address.expect("a metrics listener");
    assert_ne!(metrics, app.address);
    assert_eq!(
        app.get("/metrics").await.status(),
        StatusCode::NOT_FOUND,
        "not on the main port when it has a listener of its own"
    );
    let before = scrape_at(&app, metrics).await;

    // Telegram: the first answer is refused once with 429, then sent.
    telegram.fail_next(1, Failure::RateLimited { retry_after: 1 });
    let user = TgUser::new(48_151_777, "Anna", Some("en"));
    let chat = TgChat::private(&user);
    telegram
        .deliver(&app, telegram.text(&chat, &user, "/start"))
        .await;
    let channel = app.channels.telegram.as_ref().expect("telegram configured");
    assert!(channel.drained(std::time::Duration::from_secs(60)).await);
    // WhatsApp: likewise, with a Retry-After short enough to be waited out.
    whatsapp.rate_limit_next(1, 1);
    let body = visadesk_tests::whatsapp_user::notification(
        "4915100000077",
        "wamid.metrics-1",
        json!({ "type": "text", "text": { "body": "/start" } }),
    );
    assert_eq!(
        visadesk_tests::whatsapp_user::deliver(&app, &body).await,
        200
    );
    eventually("the WhatsApp answer", || !whatsapp.sent().is_empty()).await;
    // WeChat: a token, then customer-service messages.
    let xml = visadesk_tests::wechat_user::text_xml("oMetrics1", 7_001_001, "hello");
    let (status, _) = visadesk_tests::wechat_user::post(&app, "oMetrics1", xml).await;
    assert_eq!(status, 200);
    eventually("the WeChat answer", || !wechat.sent().is_empty()).await;
    // The generic webhook allows 2 messages a minute here: the third is refused.
    for text in ["/start", "/start", "/start"] {
        post_message(&app, None, text).await;
    }
    // Let the last WhatsApp and WeChat sends of those turns finish.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let after = scrape_at(&app, metrics).await;
    let moved = |name: &str, labels: &[(&str, &str)]| delta(&before, &after, name, labels);
    let calls = |platform: &str, method: &str, status: &str| {
        moved(
            "visadesk_platform_calls_total",
            &[
                ("platform", platform),
                ("method", method),
                ("status", status),
            ],
        )
    };

    let sent_ok = telegram
        .calls_of("sendMessage")
        .iter()
        .filter(|c| c.ok())
        .count();
    assert!(sent_ok >= 1);
    assert_eq!(calls("telegram", "SendMessage", "429"), 1.0);
    assert_eq!(calls("telegram", "SendMessage", "200"), sent_ok as f64);
    assert_eq!(
        moved(
            "visadesk_platform_call_duration_seconds_count",
            &[("platform", "telegram"), ("method", "SendMessage")]
        ),
        sent_ok as f64 + 1.0
    );
    assert_eq!(calls("whatsapp", "messages", "429"), 1.0);
    assert_eq!(
        calls("whatsapp", "messages", "200"),
        whatsapp.sent().len() as f64
    );
    assert_eq!(
        calls("wechat", "token", "200"),
        wechat.token_fetches() as f64
    );
    assert_eq!(
        calls("wechat", "message/custom/send", "200"),
        wechat.sent().len() as f64
    );
    for (platform, received) in [("telegram", 1.0), ("whatsapp", 1.0), ("wechat", 0.0)] {
        assert_eq!(
            moved(
                "visadesk_platform_rate_limited_total",
                &[("platform", platform)]
            ),
            received,
            "{platform}"
        );
    }
    assert_eq!(
        moved("visadesk_rate_limited_total", &[("channel", "generic")]),
        1.0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn database_errors_are_counted_and_the_turn_counted_as_failed() {
    use sqlx::Connection;
    let db = TestDb::postgres().await;
    let app = spawn_app(RawSettings {
        generic_secret: Some(SECRET.into()),
        ..db.settings()
    })
    .await;
    let before = scrape(&app).await;
    // The table every turn reads goes away under the running service.
    let mut admin = sqlx::PgConnection::connect(&db.url).await.unwrap();
    sqlx::query("ALTER TABLE chat_users RENAME TO chat_users_away")
        .execute(&mut admin)
        .await
        .unwrap();
    let (status, _) = post_message(&app, None, "/start").await;
    sqlx::query("ALTER TABLE chat_users_away RENAME TO chat_users")
        .execute(&mut admin)
        .await
        .unwrap();
    assert_eq!(status, 200, "the person gets an apology");
    let after = scrape(&app).await;
    let moved = |name: &str, labels: &[(&str, &str)]| delta(&before, &after, name, labels);
    assert!(
        moved(
            "visadesk_store_errors_total",
            &[("store", "database"), ("kind", "query")]
        ) >= 1.0
    );
    assert_eq!(
        moved(
            "visadesk_turns_total",
            &[("channel", "generic"), ("outcome", "failed")]
        ),
        1.0
    );
    assert_eq!(
        moved("visadesk_store_errors_total", &[("store", "redis")]),
        0.0
    );
}
