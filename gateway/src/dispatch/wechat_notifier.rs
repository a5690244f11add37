//! Notifications for WeChat followers through the customer-service message API (the
//! adapter's `WeChatApi`, with its cached access token), as plain text: WeChat shows no
//! buttons, so a notice's choices are listed by label.
//!
//! WeChat accepts customer-service messages only within 48 hours of the follower's last
//! message; outside that window (errcode 45015) the notification is a permanent failure,
//! dead-lettered and visible in the admin API, until template messages are configured.

use super::{ChannelSender, SendError, Target};
use crate::channels::wechat::{WeChatApi, WeChatError, split_text};
use async_trait::async_trait;
use std::sync::Arc;
use visadesk_bot::dialogue::Reply;

pub struct WeChatNotifier {
    api: Arc<WeChatApi>,
}

impl WeChatNotifier {
    pub fn new(api: Arc<WeChatApi>) -> WeChatNotifier {
        WeChatNotifier { api }
    }
}

/// Errors worth retrying: system busy (-1) and the frequency limits (45009, 45047).
fn classify(e: WeChatError) -> SendError {
    match e {
        WeChatError::Http(e) => SendError::Retry {
            after: None,
            reason: format!("WeChat API unreachable: {e}"),
        },
        WeChatError::Api { code, message } if matches!(code, -1 | 45009 | 45047) => {
            SendError::Retry {
                after: None,
                reason: format!("WeChat API error {code}: {message}"),
            }
        }
        WeChatError::Api { code, message } => {
            SendError::Permanent(format!("WeChat API error {code}: {message}"))
        }
    }
}

#[async_trait]
impl ChannelSender for WeChatNotifier {
    fn channel(&self) -> &str {
        "wechat"
    }

    async fn send(&self, to: &Target, replies: &[Reply]) -> Result<(), SendError> {
        for reply in replies {
            let mut text = reply.text.clone();
            for button in &reply.buttons {
                text.push_str(&format!("\n• {}", button.label));
            }
            for piece in split_text(&text) {
                self.api
                    .send_text(&to.external_id, &piece)
                    .await
                    .map_err(classify)?;
            }
        }
        Ok(())
    }
}
