//! Notifications for Telegram users through the channel adapter's own sender (rendering,
//! HTML escaping, splitting, pausing a chat on `429`), so a notice looks like any answer.
//!
//! Telegram's limits are declared here for the dispatcher's pacing: about 30 messages a
//! second per bot, one a second per private chat, 20 a minute per group.

use super::{ChannelSender, SendError, SendLimits, Target};
use crate::channels::telegram::sender::{TelegramSender, is_transient, log_text};
use async_trait::async_trait;
use std::sync::Arc;
use std::time::Duration;
use teloxide::RequestError;
use visadesk_bot::dialogue::Reply;

pub struct TelegramNotifier {
    sender: Arc<TelegramSender>,
}

impl TelegramNotifier {
    pub fn new(sender: Arc<TelegramSender>) -> TelegramNotifier {
        TelegramNotifier { sender }
    }
}

#[async_trait]
impl ChannelSender for TelegramNotifier {
    fn channel(&self) -> &str {
        "telegram"
    }

    async fn send(&self, to: &Target, replies: &[Reply]) -> Result<(), SendError> {
        // A Telegram identity is the user's id, which is also their private chat's id.
        let chat_id: i64 = to.external_id.parse().map_err(|_| {
            SendError::Permanent("a Telegram identity that is not a chat id".into())
        })?;
        self.sender
            .send_replies(chat_id, replies)
            .await
            .map_err(|e| match &e.error {
                RequestError::RetryAfter(after) => SendError::Retry {
                    after: Some(after.duration()),
                    reason: format!("{} rate-limited", e.method),
                },
                error if is_transient(error) => SendError::Retry {
                    after: None,
                    reason: format!("{}: {}", e.method, log_text(error)),
                },
                // Blocked by the user, chat gone, bad request: another try will not help.
                error => SendError::Permanent(format!("{}: {}", e.method, log_text(error))),
            })
    }

    fn limits(&self, external_id: &str) -> SendLimits {
        let group = external_id.starts_with('-');
        SendLimits {
            per_chat: Some(if group {
                Duration::from_secs(3)
            } else {
                Duration::from_secs(1)
            }),
            per_channel: Some(Duration::from_secs(1) / 30),
        }
    }
}
