//! The HTTP surface: health, readiness, the web chat, the channel webhooks and the
//! back-office API (`admin`). Handlers stay thin; limits and timeouts are
//! tower layers.

use crate::app::{App, StartupError};
use crate::channels::Channels;
use crate::observe::{self, AccessLog};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tower::util::MapRequestLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// How long a dependency may take to answer a readiness probe.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);
/// The largest request body any route accepts (413 past it, from the tower layer alone:
/// webhooks, the web chat and the back office carry small JSON or XML messages).
pub const MAX_BODY: usize = 64 * 1024;

/// The whole HTTP surface: the core routes and those of every configured channel.
pub fn router(app: App, channels: &Channels) -> Router {
    let https = app.settings.public_url.starts_with("https://");
    crate::metrics::recorder();
    let access_log = AccessLog {
        enabled: app.settings.access_log,
    };
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz));
    // With a listener of its own, /metrics is not on the main port at all (404).
    if app.settings.metrics_bind.is_none() {
        router = router.route("/metrics", get(crate::metrics::metrics_page));
    }
    let router = router
        .merge(channels.routes(&app))
        .merge(crate::verify::routes())
        .merge(crate::admin::routes(app.clone()))
        // Innermost, so it reads the body through the size limit.
        .layer(axum::middleware::from_fn(refuse_nul))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(axum::middleware::from_fn(read_before_refusing))
        .layer(axum::middleware::map_response(json_error_body))
        // Sees every answer, those of the layers above included (413, 408).
        .layer(axum::middleware::from_fn_with_state(
            access_log,
            observe::observe,
        ))
        // Spans carry the method, the route template and the request id: never the path
        // or query, which can hold tokens and platform user ids (`observe`).
        .layer(TraceLayer::new_for_http().make_span_with(observe::request_span))
        .layer(PropagateRequestIdLayer::new(observe::REQUEST_ID))
        .layer(SetRequestIdLayer::new(
            observe::REQUEST_ID,
            observe::NewRequestId,
        ))
        .layer(MapRequestLayer::new(observe::drop_unusable_request_id));
    security_headers(router, https).with_state(app)
}

/// What every answer tells the browser: run only our own scripts and styles (the e-document
/// check's inline style by its digest), load nothing from elsewhere, be framed by no one,
/// guess no content types, send no referrer; and, when the public address is https, use
/// https only for a year (never on plain http, where it would pin a test host's name).
fn security_headers<S: Clone + Send + Sync + 'static>(router: Router<S>, https: bool) -> Router<S> {
    let policy = format!(
        "default-src 'none'; script-src 'self'; style-src 'self' {}; img-src 'self' data:; \
         connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        crate::verify::style_digest()
    );
    let fixed = [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&policy).expect("the policy is ASCII"),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    ];
    let mut router = router;
    for (name, value) in fixed {
        router = router.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    if https {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ));
    }
    router
}

/// Refuses (400) a request that would bring a NUL character in: no message, id or path
/// needs one, and PostgreSQL cannot store one in text, so it would otherwise fail deep
/// inside a turn. Looks at the path and query (`%00`) and at the body: a raw NUL byte,
/// JSON's `\u0000` escape, an XML character reference to 0.
async fn refuse_nul(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    if parts.uri.path().contains("%00") || parts.uri.query().is_some_and(|q| q.contains("%00")) {
        return invalid_request();
    }
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    if carries_nul(&bytes) {
        return invalid_request();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// How much of a body declared too large is read (and dropped) before the 413 is sent.
const DRAIN_LIMIT: usize = 1024 * 1024;

/// Answers a body declared over the limit with 413 only after reading it (up to
/// `DRAIN_LIMIT`): a connection closed with unread data is reset, and the client may then
/// never see the answer, only a broken connection.
async fn read_before_refusing(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    match declared {
        Some(length) if length > MAX_BODY => {
            if length <= DRAIN_LIMIT {
                let _ = axum::body::to_bytes(request.into_body(), DRAIN_LIMIT).await;
            }
            StatusCode::PAYLOAD_TOO_LARGE.into_response()
        }
        _ => next.run(request).await,
    }
}

fn invalid_request() -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({ "error": "invalid_request", "message": "the request contains a NUL character" })),
    )
        .into_response()
}

/// A NUL byte, a JSON `\u0000` escape (a backslash before `u0000` that is itself escaped
/// is text), or an XML reference `&#0;` / `&#x0;` (any number of zeros).
fn carries_nul(body: &[u8]) -> bool {
    if body.contains(&0) {
        return true;
    }
    for (i, window) in body.windows(6).enumerate() {
        if window == b"\\u0000" {
            let backslashes = body[..=i].iter().rev().take_while(|b| **b == b'\\').count();
            if backslashes % 2 == 1 {
                return true;
            }
        }
    }
    body.windows(2).enumerate().any(|(i, w)| {
        if w != b"&#" {
            return false;
        }
        let rest = &body[i + 2..];
        let rest = rest
            .strip_prefix(b"x")
            .or_else(|| rest.strip_prefix(b"X"))
            .unwrap_or(rest);
        let zeros = rest.iter().take_while(|b| **b == b'0').count();
        zeros > 0 && rest.get(zeros) == Some(&b';')
    })
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
    let database = probe("database", app.repo.ping()).await;
    let sessions = probe("session store", app.sessions.ping()).await;
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

/// One readiness check: "ok", "unavailable" (the cause is logged, naming `part`) or
/// "timeout".
async fn probe<E: std::fmt::Display>(
    part: &str,
    check: impl Future<Output = Result<(), E>>,
) -> &'static str {
    match tokio::time::timeout(PROBE_TIMEOUT, check).await {
        Ok(Ok(())) => "ok",
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness: {part}");
            "unavailable"
        }
        Err(_) => "timeout",
    }
}

/// Binds the listening socket; a taken port is a startup error naming `VISADESK_BIND`.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, StartupError> {
    bind_setting(addr, "VISADESK_BIND").await
}

/// Binds the socket of `setting`; a taken port is a startup error naming it.
pub async fn bind_setting(addr: SocketAddr, setting: &str) -> Result<TcpListener, StartupError> {
    TcpListener::bind(addr)
        .await
        .map_err(|e| StartupError::setting(setting, format!("cannot listen on {addr}: {e}")))
}

/// The listening sockets: the main one and, with `VISADESK_METRICS_BIND`, the one that
/// serves only `/metrics`.
pub struct Listeners {
    pub main: TcpListener,
    pub metrics: Option<TcpListener>,
}

impl Listeners {
    /// Binds the configured addresses; a taken port is a startup error naming its setting.
    pub async fn bind(settings: &crate::config::Settings) -> Result<Listeners, StartupError> {
        let main = bind(settings.bind).await?;
        let metrics = match settings.metrics_bind {
            Some(addr) => Some(bind_setting(addr, "VISADESK_METRICS_BIND").await?),
            None => None,
        };
        Ok(Listeners { main, metrics })
    }
}

/// Serves until `shutdown` completes, then lets requests in flight finish.
pub async fn serve(
    app: App,
    channels: &Channels,
    listeners: Listeners,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let metrics = listeners.metrics.map(|listener| {
        let router = Router::new()
            .route("/metrics", get(crate::metrics::metrics_page))
            .with_state(app.clone());
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            axum::serve(listener, router)
                .with_graceful_shutdown(async move {
                    let _ = stopped.wait_for(|stop| *stop).await;
                })
                .await
        })
    });
    // The peer's address reaches handlers (the web chat's per-client limits).
    let served = axum::serve(
        listeners.main,
        router(app, channels).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown.await;
        let _ = stop.send(true);
    })
    .await;
    if let Some(metrics) = metrics {
        match metrics.await {
            Ok(Err(e)) => tracing::error!(error = %e, "the metrics listener failed"),
            Err(e) => tracing::error!(error = %e, "the metrics listener panicked"),
            Ok(Ok(())) => {}
        }
    }
    served
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

#[cfg(test)]
mod tests {
    use super::carries_nul;

    #[test]
    fn nul_characters_are_found_however_they_are_written() {
        for body in [
            &b"a\0b"[..],
            br#"{"text":"a\u0000b"}"#,
            br#"{"text":"\\\u0000"}"#,
            br#"{"text":"\u00001"}"#,
            b"<xml><Content>a&#0;b</Content></xml>",
            b"<xml><Content>&#x000;</Content></xml>",
            b"<xml><Content>&#X0;</Content></xml>",
        ] {
            assert!(carries_nul(body), "{}", String::from_utf8_lossy(body));
        }
        for body in [
            &br#"{"text":"C:\\u0000"}"#[..],
            br#"{"text":"\u0001"}"#,
            b"&#10;&#x20;&#;&#x;",
            b"",
        ] {
            assert!(!carries_nul(body), "{}", String::from_utf8_lossy(body));
        }
    }
}
