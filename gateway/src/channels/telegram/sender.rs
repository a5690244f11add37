//! Sending to Telegram: rendered messages as Bot API calls (teloxide's `Bot`), with the
//! platform's rate limits respected and failures retried.
//!
//! A `429` carries `retry_after`: that chat is paused for that long (every send to it waits,
//! whichever task sends), then the same call is repeated, so replies keep their order.
//! Network errors and server errors are retried with exponential backoff; anything else
//! (blocked by the user, chat not found) is logged and given up at once. Usable outside a
//! turn: the notification dispatcher sends through [`TelegramSender::send_replies`].

use super::render::{Outgoing, RenderContext, render_replies};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use teloxide::ApiError;
use teloxide::payloads::setters::*;
use teloxide::prelude::*;
use teloxide::requests::{HasPayload, Output, Payload, Request};
use teloxide::types::{InputFile, MessageId, ParseMode, ReplyParameters};
use teloxide::{Bot, RequestError};
use tokio::time::Instant;
use visadesk_bot::dialogue::Reply;

/// Attempts for an error worth retrying (network, server), not counting rate-limit waits.
const ATTEMPTS: u32 = 5;
const FIRST_BACKOFF: Duration = Duration::from_millis(250);
/// Rate-limit answers tolerated for one call before giving up on it.
const MAX_RATE_LIMITED: u32 = 30;
/// A `retry_after` beyond this is treated as this (a broken server should not park a chat
/// for hours).
const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

/// Why a message could not be delivered.
#[derive(Debug, thiserror::Error)]
#[error("{method} failed: {}", log_text(error))]
pub struct BotApiError {
    pub method: &'static str,
    #[source]
    pub error: RequestError,
}

/// Where a batch of replies goes and how it is shown there.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub chat_id: i64,
    /// In a group, answers quote the member's message.
    pub reply_to: Option<i32>,
    pub context: RenderContext,
}

impl Delivery {
    /// A private chat with no location keyboard to offer (notifications).
    pub fn to(chat_id: i64) -> Delivery {
        Delivery {
            chat_id,
            reply_to: None,
            context: RenderContext {
                location_button: None,
                remove_reply_keyboard: false,
            },
        }
    }
}

/// Renders and sends replies; cheap to share (`Arc`) between turns and the dispatcher.
pub struct TelegramSender {
    bot: Bot,
    /// Chats paused by a `429`, until the instant Telegram named.
    paused: Mutex<HashMap<i64, Instant>>,
}

impl TelegramSender {
    pub fn new(bot: Bot) -> TelegramSender {
        TelegramSender {
            bot,
            paused: Mutex::new(HashMap::new()),
        }
    }

    pub fn bot(&self) -> &Bot {
        &self.bot
    }

    /// Sends `replies` to a private chat, in order. Stops at the first message that cannot
    /// be delivered after retries (the rest would make no sense without it).
    pub async fn send_replies(&self, chat_id: i64, replies: &[Reply]) -> Result<(), BotApiError> {
        self.deliver(&Delivery::to(chat_id), replies).await
    }

    /// As `send_replies`, with the chat's own presentation (group quoting, location button).
    pub async fn deliver(&self, to: &Delivery, replies: &[Reply]) -> Result<(), BotApiError> {
        for message in render_replies(replies, &to.context) {
            self.send(to, message).await?;
        }
        Ok(())
    }

    async fn send(&self, to: &Delivery, message: Outgoing) -> Result<(), BotApiError> {
        let chat = ChatId(to.chat_id);
        let quote = to.reply_to.map(|id| {
            // A deleted original must not make the answer fail.
            ReplyParameters::new(MessageId(id)).allow_sending_without_reply()
        });
        match message {
            Outgoing::Text { html, markup } => {
                let mut request = self
                    .bot
                    .send_message(chat, html)
                    .parse_mode(ParseMode::Html);
                if let Some(markup) = markup {
                    request = request.reply_markup(markup);
                }
                if let Some(quote) = quote {
                    request = request.reply_parameters(quote);
                }
                self.call(to.chat_id, request).await?;
            }
            Outgoing::Venue {
                latitude,
                longitude,
                title,
                address,
            } => {
                let mut request = self
                    .bot
                    .send_venue(chat, latitude, longitude, title, address);
                if let Some(quote) = quote {
                    request = request.reply_parameters(quote);
                }
                self.call(to.chat_id, request).await?;
            }
            Outgoing::Location {
                latitude,
                longitude,
            } => {
                let mut request = self.bot.send_location(chat, latitude, longitude);
                if let Some(quote) = quote {
                    request = request.reply_parameters(quote);
                }
                self.call(to.chat_id, request).await?;
            }
            Outgoing::Document { filename, bytes } => {
                let mut request = self
                    .bot
                    .send_document(chat, InputFile::memory(bytes).file_name(filename));
                if let Some(quote) = quote {
                    request = request.reply_parameters(quote);
                }
                self.call(to.chat_id, request).await?;
            }
        }
        Ok(())
    }

    /// Acknowledges a pressed button (stops the client's spinner), with an optional toast.
    pub async fn answer_callback(
        &self,
        chat_id: i64,
        callback_id: teloxide::types::CallbackQueryId,
        text: Option<String>,
    ) -> Result<(), BotApiError> {
        let mut request = self.bot.answer_callback_query(callback_id);
        if let Some(text) = text {
            request = request.text(text);
        }
        self.call(chat_id, request).await.map(|_| ())
    }

    /// Takes the inline keyboard off a message, so its buttons cannot be pressed again.
    /// "Not modified" (already gone) counts as done.
    pub async fn remove_keyboard(&self, chat_id: i64, message_id: i32) -> Result<(), BotApiError> {
        let request = self
            .bot
            .edit_message_reply_markup(ChatId(chat_id), MessageId(message_id));
        match self.call(chat_id, request).await {
            Ok(_)
            | Err(BotApiError {
                error:
                    RequestError::Api(ApiError::MessageNotModified | ApiError::MessageToEditNotFound),
                ..
            }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Performs one Bot API call for `chat_id`, waiting out that chat's rate limit and
    /// retrying what is worth retrying.
    pub async fn call<R>(&self, chat_id: i64, request: R) -> Result<Output<R>, BotApiError>
    where
        R: Request<Err = RequestError> + HasPayload,
    {
        let method = <R::Payload as Payload>::NAME;
        let mut failures = 0;
        let mut rate_limited = 0;
        let mut backoff = FIRST_BACKOFF;
        loop {
            self.wait_for(chat_id).await;
            let started = std::time::Instant::now();
            let result = request.send_ref().await;
            crate::metrics::platform_call(
                crate::metrics::Platform::Telegram,
                method,
                status_of(&result),
                started.elapsed(),
            );
            let error = match result {
                Ok(output) => return Ok(output),
                Err(error) => error,
            };
            match &error {
                RequestError::RetryAfter(seconds) if rate_limited < MAX_RATE_LIMITED => {
                    rate_limited += 1;
                    let wait = seconds.duration().min(MAX_RETRY_AFTER);
                    tracing::warn!(
                        method,
                        retry_after_s = wait.as_secs(),
                        "telegram rate limit; the chat waits"
                    );
                    self.pause(chat_id, wait);
                }
                error if is_transient(error) && failures + 1 < ATTEMPTS => {
                    failures += 1;
                    tracing::warn!(method, attempt = failures, error = %log_text(error), "telegram call will be retried");
                    tokio::time::sleep(backoff).await;
                    backoff *= 2;
                }
                _ => {
                    tracing::error!(method, error = %log_text(&error), "telegram call failed");
                    return Err(BotApiError { method, error });
                }
            }
        }
    }

    fn pause(&self, chat_id: i64, wait: Duration) {
        let until = Instant::now() + wait;
        let mut paused = self.paused.lock().expect("pause map");
        let entry = paused.entry(chat_id).or_insert(until);
        *entry = (*entry).max(until);
    }

    async fn wait_for(&self, chat_id: i64) {
        let until = {
            let mut paused = self.paused.lock().expect("pause map");
            let now = Instant::now();
            if paused.len() > 1024 {
                paused.retain(|_, until| *until > now);
            }
            paused.get(&chat_id).copied().filter(|until| *until > now)
        };
        if let Some(until) = until {
            tokio::time::sleep_until(until).await;
        }
    }
}

/// The status label of a Bot API call's result: teloxide maps the answer to an error kind
/// and keeps no HTTP status, so refusals are `4xx` and server errors `5xx`.
pub fn status_of<T>(result: &Result<T, RequestError>) -> &'static str {
    match result {
        Ok(_) => "200",
        Err(RequestError::RetryAfter(_)) => "429",
        Err(RequestError::Network(_) | RequestError::Io(_)) => "network",
        Err(RequestError::InvalidJson { .. }) => "invalid_response",
        Err(error) if is_transient(error) => "5xx",
        Err(_) => "4xx",
    }
}

/// An error for a log line. A response that is not the Bot API's JSON is described, not
/// quoted: it may echo a message (with a name or a masked passport number). teloxide already
/// keeps the token out of network errors.
pub fn log_text(error: &RequestError) -> String {
    match error {
        RequestError::InvalidJson { source, .. } => {
            format!("the Bot API answered something that is not its JSON ({source})")
        }
        other => other.to_string(),
    }
}

/// Errors that another attempt may cure: the network, an answer that is not the Bot API's
/// JSON (a proxy's error page), and the Bot API's own server errors (5xx, whose descriptions
/// teloxide cannot map to a known error).
pub fn is_transient(error: &RequestError) -> bool {
    match error {
        RequestError::Network(_) | RequestError::InvalidJson { .. } | RequestError::Io(_) => true,
        RequestError::Api(ApiError::Unknown(description)) => {
            let d = description.to_ascii_lowercase();
            [
                "internal server error",
                "bad gateway",
                "service unavailable",
                "gateway timeout",
            ]
            .iter()
            .any(|s| d.starts_with(s))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_errors_and_the_network_are_worth_another_try_refusals_are_not() {
        let api = |d: &str| RequestError::Api(ApiError::Unknown(d.into()));
        assert!(is_transient(&api("Internal Server Error")));
        assert!(is_transient(&api("Bad Gateway")));
        assert!(!is_transient(&api("Bad Request: chat not found")));
        assert!(!is_transient(&RequestError::Api(ApiError::BotBlocked)));
        let raw = serde_json::from_str::<serde_json::Value>("<html>").unwrap_err();
        let invalid = RequestError::InvalidJson {
            source: std::sync::Arc::new(raw),
            raw: "<html>Passport E12345678</html>".into(),
        };
        assert!(is_transient(&invalid));
        assert!(!log_text(&invalid).contains("E12345678"));
    }
}
