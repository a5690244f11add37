//! `GET /metrics`: the Prometheus text format, on the main port. The `metrics` facade
//! collects (the engine's turns, bookings and proofs in `visadesk_bot::metrics`; HTTP
//! requests, notifications and the outbox here) and `metrics-exporter-prometheus` renders;
//! the outbox depth is read from the database at each scrape. `docs/operations.md` lists
//! every metric. No label holds a user id, chat id or any personal value.

use crate::app::App;
use crate::build_info;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Duration;

pub const HTTP_REQUESTS: &str = "visadesk_http_requests_total";
pub const HTTP_DURATION: &str = "visadesk_http_request_duration_seconds";
pub const NOTIFICATIONS_SENT: &str = "visadesk_notifications_sent_total";
pub const NOTIFICATIONS_DEAD: &str = "visadesk_notifications_dead_total";
pub const OUTBOX_ROWS: &str = "visadesk_outbox_rows";
pub const OUTBOX_OLDEST_DUE_AGE: &str = "visadesk_outbox_oldest_due_age_seconds";
pub const OUTBOX_EXPIRED_LEASES: &str = "visadesk_outbox_expired_leases";
pub const DISPATCHER_CLAIMED: &str = "visadesk_dispatcher_claimed_total";
pub const SCHEDULER_LEASES: &str = "visadesk_scheduler_leases_total";
pub const PLATFORM_CALLS: &str = "visadesk_platform_calls_total";
pub const PLATFORM_CALL_DURATION: &str = "visadesk_platform_call_duration_seconds";
pub const PLATFORM_RATE_LIMITED: &str = "visadesk_platform_rate_limited_total";
pub const RATE_LIMITED: &str = "visadesk_rate_limited_total";
pub const DB_POOL_CONNECTIONS: &str = "visadesk_db_pool_connections";
pub const DB_POOL_MAX: &str = "visadesk_db_pool_max_connections";
pub const BUILD_INFO: &str = "visadesk_build_info";

/// Latency buckets (seconds) of every histogram: a turn or request takes milliseconds to
/// a few seconds (a WeChat passive reply must come within 5).
const BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The process's recorder, installed on first use: the facade has one global recorder, so
/// several services in one process (tests) share it. Should another recorder be installed
/// already, the service still runs and `/metrics` shows nothing (a warning says why).
pub fn recorder() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        // Without buckets the exporter would render histograms as summaries, which cannot
        // be added up across processes.
        let recorder = PrometheusBuilder::new()
            .set_buckets(BUCKETS)
            .unwrap_or_else(|_| PrometheusBuilder::new())
            .build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed: /metrics stays empty");
        }
        describe();
        metrics::gauge!(BUILD_INFO, "version" => build_info::VERSION, "commit" => build_info::COMMIT)
            .set(1.0);
        handle
    })
}

fn describe() {
    visadesk_bot::metrics::describe();
    metrics::describe_counter!(
        HTTP_REQUESTS,
        "HTTP requests by method, route template and status"
    );
    metrics::describe_histogram!(
        HTTP_DURATION,
        metrics::Unit::Seconds,
        "HTTP request latency by method and route template"
    );
    metrics::describe_counter!(
        NOTIFICATIONS_SENT,
        "Notification sends by channel and result (sent, retry, failed)"
    );
    metrics::describe_counter!(
        NOTIFICATIONS_DEAD,
        "Notifications given up on (dead letters)"
    );
    metrics::describe_gauge!(
        OUTBOX_ROWS,
        "Outbox rows pending, sending or dead, read at each scrape"
    );
    metrics::describe_gauge!(
        OUTBOX_OLDEST_DUE_AGE,
        metrics::Unit::Seconds,
        "How long the oldest due, unsent notification has waited (0 when none), read at each scrape"
    );
    metrics::describe_gauge!(
        OUTBOX_EXPIRED_LEASES,
        "Outbox rows whose dispatcher lease ran out while sending, read at each scrape"
    );
    metrics::describe_counter!(
        DISPATCHER_CLAIMED,
        "Outbox rows this process claimed under a dispatcher lease"
    );
    metrics::describe_counter!(
        SCHEDULER_LEASES,
        "Scheduler job lease attempts by job and result (acquired, held_elsewhere)"
    );
    metrics::describe_counter!(
        PLATFORM_CALLS,
        "Calls to the Telegram, WhatsApp and WeChat APIs by platform, method and status"
    );
    metrics::describe_histogram!(
        PLATFORM_CALL_DURATION,
        metrics::Unit::Seconds,
        "Latency of platform API calls by platform and method"
    );
    metrics::describe_counter!(
        PLATFORM_RATE_LIMITED,
        "429 (rate limit) answers received from a platform API"
    );
    metrics::describe_counter!(
        RATE_LIMITED,
        "Messages this service refused with 429 (its own per-sender or per-address limit), by channel"
    );
    metrics::describe_gauge!(
        DB_POOL_CONNECTIONS,
        "SQL pool connections by state (in_use, idle), read at each scrape"
    );
    metrics::describe_gauge!(DB_POOL_MAX, "The most connections the SQL pool opens");
    metrics::describe_gauge!(
        BUILD_INFO,
        "Always 1; the version and git commit of the running binary"
    );
}

/// One HTTP request, under its route template (never its path: paths hold tokens).
pub fn http_request(method: &'static str, route: &str, status: u16, latency: Duration) {
    let route = route.to_string();
    metrics::counter!(HTTP_REQUESTS, "method" => method, "route" => route.clone(), "status" => status.to_string())
        .increment(1);
    metrics::histogram!(HTTP_DURATION, "method" => method, "route" => route)
        .record(latency.as_secs_f64());
}

/// What became of one send to one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendResult {
    Sent,
    /// A temporary failure: the row is tried again later.
    Retry,
    /// A permanent failure for this channel.
    Failed,
}

pub fn notification_send(channel: &str, result: SendResult) {
    let result = match result {
        SendResult::Sent => "sent",
        SendResult::Retry => "retry",
        SendResult::Failed => "failed",
    };
    metrics::counter!(NOTIFICATIONS_SENT, "channel" => channel.to_string(), "result" => result)
        .increment(1);
}

pub fn notification_dead() {
    metrics::counter!(NOTIFICATIONS_DEAD).increment(1);
}

pub fn dispatcher_claimed(rows: usize) {
    metrics::counter!(DISPATCHER_CLAIMED).increment(rows as u64);
}

/// One attempt to take scheduler job `job`'s lease.
pub fn scheduler_lease(job: &'static str, acquired: bool) {
    let result = if acquired {
        "acquired"
    } else {
        "held_elsewhere"
    };
    metrics::counter!(SCHEDULER_LEASES, "job" => job, "result" => result).increment(1);
}

/// A platform whose API visadesk calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Telegram,
    WhatsApp,
    WeChat,
}

impl Platform {
    fn as_str(self) -> &'static str {
        match self {
            Platform::Telegram => "telegram",
            Platform::WhatsApp => "whatsapp",
            Platform::WeChat => "wechat",
        }
    }
}

/// One call to a platform's API: `method` is the API method (`sendMessage`, `messages`,
/// `message/custom/send`, …), `status` the HTTP status (`200`, `429`, …), or where the
/// client does not tell it, its class (`4xx`, `5xx`), `network` (no answer) or
/// `invalid_response` (an answer that is not the API's). A `429` is also counted in
/// `visadesk_platform_rate_limited_total`.
pub fn platform_call(platform: Platform, method: &'static str, status: &str, latency: Duration) {
    let platform = platform.as_str();
    metrics::counter!(
        PLATFORM_CALLS,
        "platform" => platform,
        "method" => method,
        "status" => status.to_string()
    )
    .increment(1);
    metrics::histogram!(PLATFORM_CALL_DURATION, "platform" => platform, "method" => method)
        .record(latency.as_secs_f64());
    if status == "429" {
        metrics::counter!(PLATFORM_RATE_LIMITED, "platform" => platform).increment(1);
    }
}

/// A message refused with 429 by this service's own limit on `channel`.
pub fn rate_limited(channel: &'static str) {
    metrics::counter!(RATE_LIMITED, "channel" => channel).increment(1);
}

/// The exposition. A failed outbox count is logged and leaves the last value shown; the
/// rest of the page is still served.
pub async fn metrics_page(State(app): State<App>) -> Response {
    let handle = recorder();
    let now = app.clock.now();
    match app.backoffice.outbox_gauges(now).await {
        Ok(outbox) => {
            for state in ["pending", "sending", "dead"] {
                let rows = outbox
                    .by_state
                    .iter()
                    .find(|(s, _)| s == state)
                    .map_or(0, |r| r.1);
                metrics::gauge!(OUTBOX_ROWS, "state" => state).set(rows as f64);
            }
            let waited = outbox
                .oldest_due
                .map_or(0.0, |due| (now - due).as_seconds_f64().max(0.0));
            metrics::gauge!(OUTBOX_OLDEST_DUE_AGE).set(waited);
            metrics::gauge!(OUTBOX_EXPIRED_LEASES).set(outbox.expired_leases as f64);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the outbox could not be counted"),
    }
    let pool = app.repo.pool_usage();
    metrics::gauge!(DB_POOL_CONNECTIONS, "state" => "in_use")
        .set(pool.open.saturating_sub(pool.idle) as f64);
    metrics::gauge!(DB_POOL_CONNECTIONS, "state" => "idle").set(pool.idle as f64);
    metrics::gauge!(DB_POOL_MAX).set(pool.max as f64);
    handle.run_upkeep();
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}
