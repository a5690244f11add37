//! A fake receiver of generic-webhook callbacks (`VISADESK_GENERIC_CALLBACK_URL`): checks the
//! `X-Visadesk-Signature`, records every body with the time it arrived (its own clock), and
//! can answer the next N callbacks with 500 to test retries, answer each one only after a
//! pause (so a killed sender is caught mid-send), or redirect them all elsewhere. Like a real integrator, it can tell
//! repeats apart by `dedup_key` (`unique_keys`).

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use serde_json::Value;
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use visadesk_gateway::channels::generic::{SIGNATURE_HEADER, signature_is_valid};

#[derive(Default)]
struct Record {
    received: Vec<(Instant, Value)>,
    fail_next: u32,
    fail_always: bool,
    bad_signatures: u32,
    pause: std::time::Duration,
    redirect: Option<String>,
    /// The `X-Request-Id` of each accepted callback, in arrival order.
    request_ids: Vec<String>,
}

#[derive(Clone)]
pub struct FakeCallback {
    pub address: SocketAddr,
    record: Arc<Mutex<Record>>,
}

struct Shared {
    secret: String,
    record: Arc<Mutex<Record>>,
}

impl FakeCallback {
    /// Starts the receiver; callbacks must be signed with `secret`.
    pub async fn start(secret: &str) -> FakeCallback {
        let record = Arc::new(Mutex::new(Record::default()));
        let shared = Arc::new(Shared {
            secret: secret.to_string(),
            record: record.clone(),
        });
        let app = Router::new()
            .route("/callback", post(receive))
            .with_state(shared);
        let address = crate::serve_fake(app).await;
        FakeCallback { address, record }
    }

    pub fn url(&self) -> String {
        format!("http://{}/callback", self.address)
    }

    /// The `X-Request-Id` of every accepted callback (empty when none was sent).
    pub fn request_ids(&self) -> Vec<String> {
        self.record.lock().unwrap().request_ids.clone()
    }

    /// Every accepted body, in arrival order.
    pub fn received(&self) -> Vec<Value> {
        self.record
            .lock()
            .unwrap()
            .received
            .iter()
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The text of each body's first reply, in arrival order: what each message says.
    pub fn texts(&self) -> Vec<String> {
        self.received()
            .iter()
            .map(|v| {
                v["replies"][0]["text"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    }

    /// Arrival times (the fake's clock) of the bodies sent to one sender id.
    pub fn arrivals_for(&self, sender: &str) -> Vec<Instant> {
        self.record
            .lock()
            .unwrap()
            .received
            .iter()
            .filter(|(_, v)| v["sender_id"] == sender)
            .map(|(at, _)| *at)
            .collect()
    }

    /// Distinct dedup keys received: what the user sees once the integrator drops repeats.
    pub fn unique_keys(&self) -> BTreeSet<String> {
        self.received()
            .iter()
            .filter_map(|v| v["dedup_key"].as_str().map(str::to_string))
            .collect()
    }

    pub fn bad_signatures(&self) -> u32 {
        self.record.lock().unwrap().bad_signatures
    }

    pub fn fail_next(&self, n: u32) {
        self.record.lock().unwrap().fail_next = n;
    }

    pub fn fail_always(&self, on: bool) {
        self.record.lock().unwrap().fail_always = on;
    }

    /// Answers every callback only after `pause`, as a slow integrator would.
    pub fn answer_after(&self, pause: std::time::Duration) {
        self.record.lock().unwrap().pause = pause;
    }

    /// Answers every callback with `307 Temporary Redirect` to `location`, as a receiver
    /// that moved (or one that wants the signed body sent elsewhere) would.
    pub fn redirect_to(&self, location: &str) {
        self.record.lock().unwrap().redirect = Some(location.to_string());
    }

    /// Waits (up to `seconds`) until at least `n` bodies arrived; returns them.
    pub async fn wait_for(&self, n: usize, seconds: u64) -> Vec<Value> {
        let deadline = Instant::now() + std::time::Duration::from_secs(seconds);
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "expected {n} callbacks, got {}: {got:?}",
                got.len()
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
}

async fn receive(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let (pause, redirect) = {
        let r = shared.record.lock().unwrap();
        (r.pause, r.redirect.clone())
    };
    if !pause.is_zero() {
        tokio::time::sleep(pause).await;
    }
    if let Some(location) = redirect {
        return Redirect::temporary(&location).into_response();
    }
    check_and_record(&shared, &headers, &body).into_response()
}

/// Checks the signature, fails as told, and records what passes.
fn check_and_record(shared: &Shared, headers: &HeaderMap, body: &[u8]) -> StatusCode {
    let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    let mut r = shared.record.lock().unwrap();
    if !signature_is_valid(&shared.secret, body, signature) {
        r.bad_signatures += 1;
        return StatusCode::UNAUTHORIZED;
    }
    if r.fail_always {
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    if r.fail_next > 0 {
        r.fail_next -= 1;
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return StatusCode::BAD_REQUEST;
    };
    r.received.push((Instant::now(), value));
    let request_id = headers.get("x-request-id").and_then(|v| v.to_str().ok());
    r.request_ids
        .push(request_id.unwrap_or_default().to_string());
    StatusCode::OK
}
