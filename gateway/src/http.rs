//! The HTTP surface: health, readiness, the web chat, the channel webhooks and the
//! back-office API (`admin`). Handlers stay thin; limits and timeouts are
//! tower layers.

use crate::app::{App, StartupError};
use crate::channels::Channels;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// How long a dependency may take to answer a readiness probe.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);
/// The largest request body any route accepts (413 past it, from the tower layer alone:
/// webhooks, the web chat and the back office carry small JSON or XML messages).
pub const MAX_BODY: usize = 64 * 1024;

/// The whole HTTP surface: the core routes and those of every configured channel.
pub fn router(app: App, channels: &Channels) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .merge(channels.routes(&app))
        .merge(crate::verify::routes())
        .merge(crate::admin::routes(app.clone()))
        // Spans carry the method and path only: query strings can hold platform user ids
        // (WeChat's `openid`) and are left out, and a download link's token is a secret.
        .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<axum::body::Body>| {
            tracing::info_span!("request", method = %request.method(), path = %logged_path(request.uri().path()))
        }))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(axum::middleware::map_response(json_error_body))
        .with_state(app)
}

/// A request path as logged: a download link's secret token is replaced by the route
/// template, so `/files/<token>` is logged as `/files/{token}`.
fn logged_path(path: &str) -> &str {
    if path.starts_with("/files/") {
        "/files/{token}"
    } else {
        path
    }
}

/// Gives error responses made by layers or the router (413 from the body limit, 408 from
/// the timeout, 404, 405) the same JSON body as the handlers' own errors.
async fn json_error_body(response: axum::response::Response) -> axum::response::Response {
    let status = response.status();
    // A handler's own body (JSON, or a page such as the e-document check) is kept.
    let has_own_body = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| {
            v.as_bytes().starts_with(b"application/json") || v.as_bytes().starts_with(b"text/html")
        });
    if has_own_body || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let code = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::REQUEST_TIMEOUT => "timeout",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        _ => "error",
    };
    let message = status.canonical_reason().unwrap_or("error");
    (status, Json(json!({ "error": code, "message": message }))).into_response()
}

/// The process is alive and serving HTTP.
async fn healthz() -> &'static str {
    "ok"
}

/// The database and the session store answer; 503 (naming which does not) otherwise, so a
/// load balancer stops sending traffic to a process that cannot work.
async fn readyz(State(app): State<App>) -> impl IntoResponse {
    let database = match tokio::time::timeout(PROBE_TIMEOUT, app.repo.ping()).await {
        Ok(Ok(())) => "ok".to_string(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness: database");
            "unavailable".into()
        }
        Err(_) => "timeout".into(),
    };
    let sessions = match tokio::time::timeout(PROBE_TIMEOUT, app.sessions.ping()).await {
        Ok(Ok(())) => "ok".to_string(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness: session store");
            "unavailable".into()
        }
        Err(_) => "timeout".into(),
    };
    let status = if database == "ok" && sessions == "ok" {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(json!({ "database": database, "sessions": sessions })),
    )
}

/// Binds the listening socket; a taken port is a startup error naming `VISADESK_BIND`.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, StartupError> {
    TcpListener::bind(addr).await.map_err(|e| {
        StartupError::setting("VISADESK_BIND", format!("cannot listen on {addr}: {e}"))
    })
}

/// Serves until `shutdown` completes, then lets requests in flight finish.
pub async fn serve(
    app: App,
    channels: &Channels,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer's address reaches handlers (the web chat's per-client limits).
    axum::serve(
        listener,
        router(app, channels).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Completes on Ctrl-C or SIGTERM (what systemd, Docker and Kubernetes send).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
