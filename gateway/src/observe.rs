//! What every HTTP request leaves behind for an operator: a request id, the span that
//! carries it into every log line of the request (and of the turn it runs), an access
//! line, and the HTTP metrics. All are tower layers around the router (`http::router`).
//!
//! The id is the caller's `X-Request-Id` when it is sane (1 to 128 visible ASCII
//! characters: it is echoed and logged, so nothing that could forge a log line or a
//! header), a fresh UUID otherwise; it is answered in `X-Request-Id`. Requests are named by
//! their route template (`/files/{token}`), never their path or query, which may hold a
//! download token, a verification id or a WeChat `openid`.

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;
use tower_http::request_id::{MakeRequestId, RequestId};

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id taken from a caller.
const MAX_REQUEST_ID: usize = 128;

/// The route name of a request no route matched (a 404): its path is not logged.
const UNMATCHED: &str = "unmatched";

tokio::task_local! {
    /// The id of the request this task serves, for error references.
    static CURRENT: String;
}

/// The id of the HTTP request being served, if any (for an error reference).
pub fn current_request_id() -> Option<String> {
    CURRENT.try_with(Clone::clone).ok()
}

/// Makes a fresh id (a UUID) for a request that brought none, or no usable one.
#[derive(Debug, Clone, Copy, Default)]
pub struct NewRequestId;

impl MakeRequestId for NewRequestId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        HeaderValue::try_from(uuid::Uuid::new_v4().to_string())
            .ok()
            .map(RequestId::new)
    }
}

/// Removes a caller's `X-Request-Id` that is not sane (or comes more than once), so that
/// `NewRequestId` replaces it.
pub fn drop_unusable_request_id<B>(mut request: axum::http::Request<B>) -> axum::http::Request<B> {
    let given = request.headers().get_all(&REQUEST_ID);
    let usable = match given.iter().collect::<Vec<_>>().as_slice() {
        [] => true,
        [one] => is_usable(one.as_bytes()),
        _ => false,
    };
    if !usable {
        request.headers_mut().remove(&REQUEST_ID);
    }
    request
}

fn is_usable(id: &[u8]) -> bool {
    (1..=MAX_REQUEST_ID).contains(&id.len()) && id.iter().all(u8::is_ascii_graphic)
}

/// The request's id as set by the request id layer ("" before it).
fn request_id_of<B>(request: &axum::http::Request<B>) -> &str {
    request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The route template a request matched, or `UNMATCHED`.
fn route_of<B>(request: &axum::http::Request<B>) -> String {
    request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
        .to_string()
}

/// The span of one request: every line logged while serving it, the turn's included,
/// carries the method, the route template and the request id.
pub fn request_span(request: &axum::http::Request<Body>) -> tracing::Span {
    tracing::info_span!(
        "request",
        method = %request.method(),
        route = %route_of(request),
        request_id = %request_id_of(request),
    )
}

/// Runs `work` that no HTTP request brought (a Telegram update from long polling, a
/// notification being sent) under an id of its own: its log lines carry it in the field
/// requests use (`request_id`, in a span named `what`), and `current_request_id` returns it
/// (the generic callback passes it on as `X-Request-Id`).
pub async fn with_new_request_id<F: Future>(what: &'static str, work: F) -> F::Output {
    let id = uuid::Uuid::new_v4().to_string();
    let span = tracing::info_span!("work", what, request_id = %id);
    CURRENT
        .scope(id, tracing::Instrument::instrument(work, span))
        .await
}

/// A method as a metric label: the standard ones by name, anything else as "other" (a
/// client can send any token as a method).
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Whether each request gets an access line (`VISADESK_ACCESS_LOG`).
#[derive(Debug, Clone, Copy)]
pub struct AccessLog {
    pub enabled: bool,
}

/// Counts and times the request, writes its access line (INFO, target `visadesk::access`,
/// inside the request span so it carries the request id), and makes the id available to
/// error references.
pub async fn observe(State(log): State<AccessLog>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = route_of(&request);
    let id = request_id_of(&request).to_string();
    let response = CURRENT.scope(id, next.run(request)).await;
    let latency = started.elapsed();
    let status = response.status().as_u16();
    crate::metrics::http_request(method, &route, status, latency);
    if log.enabled {
        tracing::info!(
            target: "visadesk::access",
            method,
            route,
            status,
            latency_ms = latency.as_secs_f64() * 1000.0,
            "access"
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::is_usable;

    #[test]
    fn a_request_id_is_taken_only_when_it_is_short_visible_ascii() {
        for id in ["a", "0f9e-4c1d", "req_1/2:3", &"z".repeat(128)] {
            assert!(is_usable(id.as_bytes()), "{id}");
        }
        for id in [
            "",
            "with space",
            "tab\t",
            "line\nbreak",
            "é",
            &"z".repeat(129),
        ] {
            assert!(!is_usable(id.as_bytes()), "{id:?}");
        }
    }
}
