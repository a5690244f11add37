//! Channel adapters: each turns its platform's messages into `Inbound`s for the engine and
//! renders the engine's `Reply`s with the platform's own controls. The web chat is the
//! embedded default; Telegram, WeChat, WhatsApp and the generic webhook plug in here.
//!
//! Each adapter owns its state: its settings and clients sit in its own axum state
//! ([`ChannelState`]), built once at start-up in [`Channels`], and its routes are mounted only
//! when it is configured, so no handler asks whether its channel exists. The core `App`
//! (engine, stores, texts) is shared by all of them.
//!
//! What every adapter needs the same way lives here once: the outgoing HTTP client, the
//! answer to a message it cannot read, and the language of the few words an adapter says
//! itself.

pub mod files;
pub mod generic;
pub mod json_message;
mod proof_of_work;
pub mod telegram;
pub mod webchat;
pub mod wechat;
pub mod whatsapp;

use crate::app::{App, StartupError};
use axum::Router;
use axum::extract::FromRef;
use std::sync::Arc;
use std::time::Duration;
use visadesk_bot::dialogue::Reply;

/// How long an outgoing platform call (WeChat, WhatsApp, the generic callback) may take: a
/// platform that hangs must not hold a turn or a dispatcher slot forever.
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// The outgoing HTTP client every adapter and notifier shares (one connection pool). A client
/// that cannot be built stops start-up: running on without it would silently drop the timeout
/// or the channel.
///
/// It follows no redirect: every call goes to one configured address and carries a signature,
/// a token or a person's messages, and a `307`/`308` would have it send them again, unchanged,
/// wherever the answer points. A redirect is answered as the status it is (for the generic
/// callback: a failed send).
pub fn http_client() -> Result<reqwest::Client, StartupError> {
    reqwest::Client::builder()
        .timeout(HTTP_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| StartupError::other(format!("cannot build the HTTP client: {e}")))
}

/// The channel adapters of a serving process: the ones the settings configure, each with its
/// settings and clients, built once at start-up. Telegram's own start (`getMe`, webhook or
/// polling) is [`telegram::start`].
#[derive(Clone)]
pub struct Channels {
    /// Download links for documents (web chat, generic webhook, WeChat, WhatsApp).
    pub files: Arc<files::Files>,
    pub webchat: Arc<webchat::WebChat>,
    pub generic: Option<Arc<generic::Generic>>,
    pub wechat: Option<Arc<wechat::WeChat>>,
    pub whatsapp: Option<Arc<whatsapp::WhatsApp>>,
    pub telegram: Option<Arc<telegram::Telegram>>,
    /// The shared outgoing HTTP client, also for notifiers (the generic callback).
    pub http: reqwest::Client,
}

impl Channels {
    /// The names of the channels this process serves, for the start-up log: the web chat
    /// always, the others when configured.
    pub fn enabled(&self) -> Vec<&'static str> {
        let configured = [
            ("generic", self.generic.is_some()),
            (wechat::CHANNEL, self.wechat.is_some()),
            (whatsapp::CHANNEL, self.whatsapp.is_some()),
            ("telegram", self.telegram.is_some()),
        ];
        let others = configured.into_iter().filter(|(_, on)| *on);
        std::iter::once("web")
            .chain(others.map(|(name, _)| name))
            .collect()
    }

    /// Builds every adapter the settings configure; nothing is sent yet.
    pub fn new(app: &App) -> Result<Channels, StartupError> {
        let settings = &app.settings;
        let http = http_client()?;
        let files = Arc::new(files::Files::new(app.expiring.clone()));
        Ok(Channels {
            webchat: Arc::new(webchat::WebChat::new(
                files.clone(),
                &app.settings,
                // Administration never serves the web chat; it gets a secret of its own.
                &app.documents
                    .as_ref()
                    .map_or_else(rand::random, |d| d.key.derive_secret("web chat")),
            )),
            generic: settings
                .generic_secret
                .clone()
                .map(|secret| Arc::new(generic::Generic::new(secret, settings, files.clone()))),
            wechat: settings
                .wechat
                .clone()
                .map(|wechat| Arc::new(wechat::WeChat::new(wechat, http.clone(), files.clone()))),
            whatsapp: settings.whatsapp.clone().map(|whatsapp| {
                Arc::new(whatsapp::WhatsApp::new(
                    whatsapp,
                    http.clone(),
                    files.clone(),
                ))
            }),
            telegram: settings
                .telegram
                .as_ref()
                .map(|t| Arc::new(telegram::Telegram::new(t))),
            files,
            http,
        })
    }

    /// The routes of every configured channel, each with its own state.
    pub fn routes(&self, app: &App) -> Router<App> {
        let mut router = Router::new()
            .merge(files::routes(self.files.clone()))
            .merge(webchat::routes(ChannelState::new(app, &self.webchat)));
        if let Some(generic) = &self.generic {
            router = router.merge(generic::routes(ChannelState::new(app, generic)));
        }
        if let Some(wechat) = &self.wechat {
            router = router.merge(wechat::routes(ChannelState::new(app, wechat)));
        }
        if let Some(whatsapp) = &self.whatsapp {
            router = router.merge(whatsapp::routes(ChannelState::new(app, whatsapp)));
        }
        if let Some(webhook) = self.telegram.as_ref().and_then(telegram::Webhook::of) {
            router = router.merge(telegram::routes(ChannelState::new(app, &webhook)));
        }
        router
    }
}

/// The axum state of one channel's routes: the core services and the channel's own part.
/// Handlers take what they need of it: `State<App>` and `State<Arc<C>>`.
pub struct ChannelState<C> {
    pub app: App,
    pub channel: Arc<C>,
}

impl<C> ChannelState<C> {
    pub fn new(app: &App, channel: &Arc<C>) -> ChannelState<C> {
        ChannelState {
            app: app.clone(),
            channel: channel.clone(),
        }
    }
}

// By hand: a derived `Clone` would ask `C: Clone`, and channels are shared, not copied.
impl<C> Clone for ChannelState<C> {
    fn clone(&self) -> Self {
        ChannelState {
            app: self.app.clone(),
            channel: self.channel.clone(),
        }
    }
}

impl<C> FromRef<ChannelState<C>> for App {
    fn from_ref(state: &ChannelState<C>) -> App {
        state.app.clone()
    }
}

impl<C> FromRef<ChannelState<C>> for Arc<C> {
    fn from_ref(state: &ChannelState<C>) -> Arc<C> {
        state.channel.clone()
    }
}

/// The answer to a message a channel cannot turn into an `Inbound` (a picture, a voice note,
/// a sticker): the same "I can read text…" on every channel, in the user's language, so a
/// user who chose English is not answered in the platform's default.
pub async fn unsupported_message(
    app: &App,
    channel: &str,
    sender: &str,
    locale_hint: Option<&str>,
) -> Reply {
    let locale = user_locale(app, channel, sender, locale_hint).await;
    Reply::text(app.texts.text(&locale, "channel-unsupported-message", &[]))
}

/// The user's language as the engine picks it (their choice if they made one, else the
/// platform's current hint; the hint when none is stored, negotiated as the engine does), for
/// the few words an adapter says itself. Nothing is stored here: an adapter asks after a turn
/// too, and a person erased in that turn must stay erased. A store that cannot be read falls
/// back to the hint: a button label in the wrong language beats no answer.
pub async fn user_locale(
    app: &App,
    channel: &str,
    sender: &str,
    locale_hint: Option<&str>,
) -> String {
    let hinted = app.texts.negotiate(locale_hint).to_string();
    match app.repo.find_chat_user(channel, sender).await {
        Ok(Some(user)) => user
            .locale_with_hint(app.texts.hinted(locale_hint))
            .to_string(),
        Ok(None) | Err(_) => hinted,
    }
}

/// Counts one hit on `key` against `per_minute` in the shared expiring store (so the limit
/// holds across processes). `Err` is the answer to send instead: 429 with `Retry-After` and
/// `message` past the limit (with the hit count, for the caller's log), 503 when the count
/// cannot be kept.
pub(crate) async fn count_per_minute(
    app: &App,
    channel: &'static str,
    key: &str,
    per_minute: u64,
    message: &str,
) -> Result<(), (axum::response::Response, u64)> {
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::IntoResponse;
    let answer = |status: StatusCode, code: &str, message: &str| {
        (
            status,
            axum::Json(serde_json::json!({ "error": code, "message": message })),
        )
            .into_response()
    };
    match app
        .expiring
        .count_hit(key, std::time::Duration::from_secs(60))
        .await
    {
        Ok((count, left)) if count > per_minute => {
            crate::metrics::rate_limited(channel);
            let mut response = answer(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message);
            let seconds = left.as_secs().max(1).to_string();
            if let Ok(value) = HeaderValue::from_str(&seconds) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            Err((response, count))
        }
        Ok(_) => Ok(()),
        Err(e) => {
            tracing::error!(error = %e, "rate limiter unavailable");
            let unavailable = "please retry shortly";
            Err((
                answer(StatusCode::SERVICE_UNAVAILABLE, "unavailable", unavailable),
                0,
            ))
        }
    }
}
