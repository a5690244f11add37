//! The `visadesk` service: configuration, start-up, the HTTP server and the command line.
//! Channel adapters (Telegram, WeChat, WhatsApp, web chat, generic webhook), the back-office
//! API, the dispatcher and the scheduler live here as they land; the engine they drive is
//! `visadesk_bot`. See `docs/architecture.md`.

pub mod admin;
pub mod app;
pub mod build_info;
pub mod channels;
pub mod chat;
pub mod cli;
pub mod config;
pub mod dispatch;
pub mod http;
pub mod inbox;
pub mod keys;
pub mod logging;
pub mod metrics;
pub mod observe;
pub mod secret;
pub mod token;
pub mod verify;
