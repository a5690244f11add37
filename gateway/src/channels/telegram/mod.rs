//! Telegram, through the Bot API with teloxide's `Bot` (`TELEGRAM_API_URL` points it at a
//! self-hosted `telegram-bot-api`, or at the fake server in tests).
//!
//! Updates arrive by long polling (`getUpdates`, default) or by webhook (`POST /telegram`
//! when `TELEGRAM_WEBHOOK_URL` is set; the `X-Telegram-Bot-Api-Secret-Token` header must
//! match). Either way an update is first de-duplicated by `update_id` in the database
//! (so a webhook retry, or updates fetched again after a restart, run once), then queued per
//! chat and sender: one member's turns run in order, other chats and members in parallel,
//! and a turn that fails or panics never holds up anyone else (`queue.rs`).
//! `updates.rs` turns an update into the engine's `Inbound`, `render.rs` the engine's
//! replies into Telegram messages, `sender.rs` sends them with rate limits and retries.

mod queue;
pub mod render;
pub mod sender;
mod updates;

pub use updates::CHANNEL;

use super::ChannelState;
use crate::app::{App, StartupError};
use crate::config::TelegramSettings;
use crate::inbox::Claim;
use crate::secret::Secret;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
pub use queue::UpdateQueues;
pub use sender::{BotApiError, Delivery, TelegramSender};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use subtle::ConstantTimeEq;
use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, BotCommand, Update};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use visadesk_bot::store::StoreError;

pub const WEBHOOK_PATH: &str = "/telegram";
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";
/// How long one `getUpdates` waits for news (below teloxide's 17-second HTTP timeout).
const POLL_TIMEOUT_SECS: u32 = 10;
/// An `update_id` (and a pressed keyboard) is remembered this long; Telegram keeps
/// undelivered updates 24 hours.
const DEDUP_WINDOW: Duration = Duration::from_secs(48 * 60 * 60);
/// The updates this adapter understands; Telegram sends no others.
const ALLOWED: [AllowedUpdate; 2] = [AllowedUpdate::Message, AllowedUpdate::CallbackQuery];
/// Slash commands offered in Telegram's menu, each described by `telegram-command-<name>`.
pub const COMMANDS: [&str; 9] = [
    "start",
    "book",
    "appointments",
    "offices",
    "guidance",
    "settings",
    "language",
    "help",
    "cancel",
];

/// The channel: its sender, its update queues and what it learnt about itself at start.
pub struct Telegram {
    pub settings: TelegramSettings,
    pub sender: Arc<TelegramSender>,
    queues: UpdateQueues,
    /// The bot's own username (from `getMe`), to ignore commands meant for other bots in
    /// groups.
    username: OnceLock<String>,
}

impl Telegram {
    /// Builds the client; nothing is sent until [`start`].
    pub fn new(settings: &TelegramSettings) -> Telegram {
        let bot = Bot::new(settings.token.expose()).set_api_url(settings.api_url.clone());
        Telegram {
            settings: settings.clone(),
            sender: Arc::new(TelegramSender::new(bot)),
            queues: UpdateQueues::default(),
            username: OnceLock::new(),
        }
    }

    fn bot(&self) -> &Bot {
        self.sender.bot()
    }

    /// Remembers the update (with what its turn needs, until the turn has run: `inbox`) and
    /// queues it for its chat and sender; `Err` when the database cannot be reached (the
    /// update was not taken).
    async fn accept(self: &Arc<Self>, app: &App, update: Update) -> Result<(), StoreError> {
        let Some(queue) = updates::queue_key(&update) else {
            return Ok(());
        };
        let key = format!("{}:{}", self.settings.bot_id(), update.id.0);
        let payload = serde_json::to_string(&update).expect("an update serializes");
        match crate::inbox::arrive(app, CHANNEL, key, &payload, DEDUP_WINDOW).await? {
            Some(claim) => self
                .queues
                .enqueue(app, self, queue, (update, Arc::new(claim))),
            None => tracing::debug!(update_id = update.id.0, "telegram update seen before"),
        }
        Ok(())
    }

    /// Runs the turn of an update taken over from a process that stopped (`inbox`).
    pub async fn resume(self: &Arc<Self>, app: &App, claim: Claim, payload: &str) {
        let update = serde_json::from_str::<Update>(payload).ok();
        match update.and_then(|u| updates::queue_key(&u).map(|q| (u, q))) {
            Some((update, queue)) => {
                self.queues
                    .enqueue(app, self, queue, (update, Arc::new(claim)))
            }
            None => {
                tracing::error!("inbox: a stored telegram update does not parse; dropped");
                claim.turn_done(app).await;
            }
        }
    }

    /// Completes when no turn is queued or running (`true`), or after `limit` (`false`).
    pub async fn drained(&self, limit: Duration) -> bool {
        self.queues.drained(limit).await
    }
}

/// The running update source; stop it on shutdown (dropping it stops polling too).
pub struct TelegramTask {
    stop: watch::Sender<bool>,
    polling: Option<JoinHandle<()>>,
    telegram: Arc<Telegram>,
}

impl TelegramTask {
    /// Stops fetching updates and lets queued turns finish (up to 10 seconds).
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        if let Some(polling) = self.polling.take() {
            let _ = tokio::time::timeout(Duration::from_secs(12), polling).await;
        }
        if !self.telegram.drained(Duration::from_secs(10)).await {
            tracing::warn!("telegram turns still running at shutdown");
        }
    }
}

impl Drop for TelegramTask {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(polling) = self.polling.take() {
            polling.abort();
        }
    }
}

/// Connects the channel: checks the token (`getMe`), publishes the command menu in every
/// language, then sets the webhook or starts long polling.
pub async fn start(app: &App, telegram: &Arc<Telegram>) -> Result<TelegramTask, StartupError> {
    let telegram = telegram.clone();
    let me = telegram.bot().get_me().await.map_err(|e| match e {
        teloxide::RequestError::Api(teloxide::ApiError::InvalidToken) => StartupError::setting(
            "TELEGRAM_BOT_TOKEN",
            "Telegram does not know this bot token",
        ),
        other => StartupError::setting(
            "TELEGRAM_API_URL",
            format!(
                "cannot reach the Bot API at {}: {other}",
                telegram.settings.api_url
            ),
        ),
    })?;
    let _ = telegram
        .username
        .set(me.user.username.clone().unwrap_or_default());
    publish_commands(app, &telegram).await;
    let (stop, stopped) = watch::channel(false);
    let polling = match &telegram.settings.webhook {
        Some(webhook) => {
            telegram
                .bot()
                .set_webhook(webhook.url.clone())
                .secret_token(webhook.secret.expose())
                .allowed_updates(ALLOWED)
                .await
                .map_err(|e| {
                    StartupError::setting("TELEGRAM_WEBHOOK_URL", format!("setWebhook failed: {e}"))
                })?;
            tracing::info!(url = %webhook.url, "telegram webhook set");
            None
        }
        None => {
            // getUpdates is refused while a webhook is set (e.g. by an earlier deployment).
            telegram.bot().delete_webhook().await.map_err(|e| {
                StartupError::setting("TELEGRAM_API_URL", format!("deleteWebhook failed: {e}"))
            })?;
            tracing::info!("telegram long polling");
            Some(tokio::spawn(poll(app.clone(), telegram.clone(), stopped)))
        }
    };
    Ok(TelegramTask {
        stop,
        polling,
        telegram,
    })
}

/// `setMyCommands` once without a language (Telegram's fallback, English) and once per
/// locale. A failure is logged: the bot works without its menu.
async fn publish_commands(app: &App, telegram: &Telegram) {
    let commands = |locale: &str| -> Vec<BotCommand> {
        COMMANDS
            .iter()
            .map(|c| {
                BotCommand::new(
                    *c,
                    app.texts
                        .text(locale, &format!("telegram-command-{c}"), &[]),
                )
            })
            .collect()
    };
    let mut calls = vec![(None, commands("en"))];
    for locale in app.texts.locales() {
        // Telegram's language codes are two letters (`zh`, not `zh-CN`).
        let code = locale.split('-').next().unwrap_or(locale).to_string();
        calls.push((Some(code), commands(locale)));
    }
    for (code, list) in calls {
        let mut request = telegram.bot().set_my_commands(list);
        if let Some(code) = &code {
            request = request.language_code(code.clone());
        }
        if let Err(e) = telegram.sender.call(0, request).await {
            tracing::warn!(language = ?code, error = %e, "telegram command menu not set");
        }
    }
}

/// Long polling: fetch, remember the offset, queue; back off on errors. Each fetch confirms
/// the previous batch to Telegram.
async fn poll(app: App, telegram: Arc<Telegram>, mut stopped: watch::Receiver<bool>) {
    let mut offset: i32 = 0;
    let mut backoff = Duration::from_millis(500);
    loop {
        let request = telegram
            .bot()
            .get_updates()
            .offset(offset)
            .timeout(POLL_TIMEOUT_SECS)
            .allowed_updates(ALLOWED);
        let started = std::time::Instant::now();
        let result = tokio::select! {
            result = request.send() => result,
            _ = stopped.changed() => return,
        };
        crate::metrics::platform_call(
            crate::metrics::Platform::Telegram,
            "GetUpdates",
            sender::status_of(&result),
            started.elapsed(),
        );
        let pause = match result {
            Ok(updates) => {
                backoff = Duration::from_millis(500);
                let mut taken = true;
                for update in updates {
                    let next = (update.id.0 as i32).saturating_add(1);
                    if let Err(e) = telegram.accept(&app, update).await {
                        // Not confirmed: Telegram hands it out again on the next fetch.
                        tracing::error!(error = %e, "telegram update not taken; database unavailable");
                        taken = false;
                        break;
                    }
                    offset = offset.max(next);
                }
                if taken {
                    continue;
                }
                backoff
            }
            Err(teloxide::RequestError::RetryAfter(seconds)) => seconds.duration(),
            Err(e) => {
                tracing::warn!(error = %e, "telegram getUpdates failed; retrying");
                let pause = backoff;
                backoff = (backoff * 2).min(Duration::from_secs(30));
                pause
            }
        };
        tokio::select! {
            () = tokio::time::sleep(pause) => {},
            _ = stopped.changed() => return,
        }
    }
}

/// The webhook's state, which exists only in webhook mode: the channel and the secret
/// Telegram sends with every update.
pub struct Webhook {
    telegram: Arc<Telegram>,
    secret: Secret,
}

impl Webhook {
    /// The webhook of a channel set up for one (`TELEGRAM_WEBHOOK_URL`); `None` when it polls.
    pub fn of(telegram: &Arc<Telegram>) -> Option<Arc<Webhook>> {
        let secret = telegram.settings.webhook.as_ref()?.secret.clone();
        Some(Arc::new(Webhook {
            telegram: telegram.clone(),
            secret,
        }))
    }
}

pub fn routes(state: ChannelState<Webhook>) -> Router<App> {
    Router::new()
        .route(WEBHOOK_PATH, post(webhook))
        .with_state(state)
}

/// Telegram's webhook: secret header first (401, nothing read), then the update (400 when
/// it does not parse), then 200 as soon as it is queued; 503 when it cannot be remembered,
/// so Telegram delivers it again later.
async fn webhook(
    State(app): State<App>,
    State(hook): State<Arc<Webhook>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let given = headers.get(SECRET_HEADER).map(|v| v.as_bytes());
    if !given.is_some_and(|g| bool::from(g.ct_eq(hook.secret.expose().as_bytes()))) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(_) => return StatusCode::BAD_REQUEST.into_response(),
    };
    match hook.telegram.accept(&app, update).await {
        Ok(()) => StatusCode::OK.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "telegram update not taken; database unavailable");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
