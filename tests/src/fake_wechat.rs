//! A fake WeChat API server speaking the documented wire format for what visadesk calls:
//! `GET /cgi-bin/token` and `POST /cgi-bin/message/custom/send`. It records every call.

use axum::extract::{Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// The token the Official Account shares with WeChat for signing pushed messages.
pub const TOKEN: &str = "visadesk-wechat-token";
/// The Official Account's app id (inside every safe-mode message).
pub const APP_ID: &str = "wx-app";
/// The safe-mode key; WeChat's own documentation sample, whose last character carries bits
/// beyond the key's 256 as most keys WeChat makes do.
pub const ENCODING_AES_KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

#[derive(Default)]
struct Record {
    token_fetches: u32,
    sent: Vec<(String, String)>,
}

#[derive(Clone)]
pub struct FakeWeChat {
    pub address: SocketAddr,
    record: Arc<Mutex<Record>>,
}

impl FakeWeChat {
    pub async fn start() -> FakeWeChat {
        let routes = Router::new()
            .route("/cgi-bin/token", get(token))
            .route("/cgi-bin/message/custom/send", post(send));
        let (address, record) = crate::serve_recording(routes).await;
        FakeWeChat { address, record }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn token_fetches(&self) -> u32 {
        self.record.lock().unwrap().token_fetches
    }

    /// (openid, text) of every customer-service message, in order.
    pub fn sent(&self) -> Vec<(String, String)> {
        self.record.lock().unwrap().sent.clone()
    }
}

async fn token(
    State(record): State<Arc<Mutex<Record>>>,
    Query(q): Query<HashMap<String, String>>,
) -> Json<Value> {
    if q.get("grant_type").map(String::as_str) != Some("client_credential")
        || q.get("secret").map(String::as_str) != Some("app-secret")
    {
        return Json(json!({ "errcode": 40125, "errmsg": "invalid appsecret" }));
    }
    let mut r = record.lock().unwrap();
    r.token_fetches += 1;
    Json(json!({ "access_token": format!("TOKEN-{}", r.token_fetches), "expires_in": 7200 }))
}

async fn send(
    State(record): State<Arc<Mutex<Record>>>,
    Query(q): Query<HashMap<String, String>>,
    Json(body): Json<Value>,
) -> Json<Value> {
    let mut r = record.lock().unwrap();
    if q.get("access_token") != Some(&format!("TOKEN-{}", r.token_fetches)) {
        return Json(
            json!({ "errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest" }),
        );
    }
    let to = body["touser"].as_str().unwrap_or_default().to_string();
    let text = body["text"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    r.sent.push((to, text));
    Json(json!({ "errcode": 0, "errmsg": "ok" }))
}
