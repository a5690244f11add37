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

/// The exposition. A failed outbox count is logged and leaves the last value shown; the
/// rest of the page is still served.
pub async fn metrics_page(State(app): State<App>) -> Response {
    let handle = recorder();
    match app.backoffice.outbox_depth().await {
        Ok(states) => {
            for state in ["pending", "sending", "dead"] {
                let rows = states.iter().find(|(s, _)| s == state).map_or(0, |r| r.1);
                metrics::gauge!(OUTBOX_ROWS, "state" => state).set(rows as f64);
            }
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the outbox could not be counted"),
    }
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
