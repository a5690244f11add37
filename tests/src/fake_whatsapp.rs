//! A fake WhatsApp Cloud API: `POST /{version}/{phone-number-id}/messages` with a bearer
//! token, answering like Meta (`{"messaging_product", "contacts", "messages": [{"id"}]}`).
//! It records every message and can answer the first N sends with 429 (with or without a
//! `Retry-After`) to test retries.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Record {
    sent: Vec<Value>,
    fail_next: u32,
    /// The `Retry-After` (seconds) of those 429 answers, if any.
    retry_after: Option<u64>,
}

#[derive(Clone)]
pub struct FakeWhatsApp {
    pub address: SocketAddr,
    record: Arc<Mutex<Record>>,
}

pub const TOKEN: &str = "wa-access-token";
pub const PHONE_ID: &str = "1098765";
/// The app secret Meta signs webhook notifications with (`X-Hub-Signature-256`).
pub const APP_SECRET: &str = "meta-app-secret";

impl FakeWhatsApp {
    pub async fn start() -> FakeWhatsApp {
        let routes = Router::new().route("/{version}/{phone}/messages", post(send));
        let (address, record) = crate::serve_recording(routes).await;
        FakeWhatsApp { address, record }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Every accepted message payload, in order.
    pub fn sent(&self) -> Vec<Value> {
        self.record.lock().unwrap().sent.clone()
    }

    /// The next `n` sends are answered 429 (rate limited).
    pub fn fail_next(&self, n: u32) {
        let mut r = self.record.lock().unwrap();
        r.fail_next = n;
        r.retry_after = None;
    }

    /// The next `n` sends are answered 429 with `Retry-After: <seconds>`, as Meta does when
    /// a business number or a recipient is over its rate.
    pub fn rate_limit_next(&self, n: u32, seconds: u64) {
        let mut r = self.record.lock().unwrap();
        r.fail_next = n;
        r.retry_after = Some(seconds);
    }
}

async fn send(
    State(record): State<Arc<Mutex<Record>>>,
    Path((version, phone)): Path<(String, String)>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let authorized = headers.get("authorization").and_then(|v| v.to_str().ok())
        == Some(&format!("Bearer {TOKEN}"));
    if !authorized || phone != PHONE_ID || !version.starts_with('v') {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": { "code": 190, "message": "Invalid OAuth access token" } })),
        )
            .into_response();
    }
    let mut r = record.lock().unwrap();
    if r.fail_next > 0 {
        r.fail_next -= 1;
        let mut response = (
            StatusCode::TOO_MANY_REQUESTS,
            Json(json!({ "error": { "code": 130429, "message": "Rate limit hit" } })),
        )
            .into_response();
        if let Some(seconds) = r.retry_after {
            response
                .headers_mut()
                .insert("retry-after", seconds.to_string().parse().unwrap());
        }
        return response;
    }
    if body["messaging_product"] != "whatsapp" || body["to"].as_str().is_none() {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({ "error": { "code": 100, "message": "Invalid parameter" } })),
        )
            .into_response();
    }
    r.sent.push(body.clone());
    let id = format!("wamid.{}", r.sent.len());
    Json(json!({ "messaging_product": "whatsapp", "contacts": [{ "input": body["to"], "wa_id": body["to"] }], "messages": [{ "id": id }] })).into_response()
}
