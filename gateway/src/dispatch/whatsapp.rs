//! Notifications for WhatsApp users through the Cloud API, with the channel adapter's own
//! payload shaping (`channels::whatsapp::payloads`) and its retrying sender.
//!
//! Outside the 24-hour customer-service window Meta accepts only approved templates; a
//! refused free-form message is a permanent failure here (dead-lettered, visible in the
//! admin API) until templates are configured.

use super::{ChannelSender, SendError, Target};
use crate::channels::whatsapp::{Sender, payloads};
use crate::config::WhatsAppSettings;
use async_trait::async_trait;
use visadesk_bot::dialogue::Reply;

pub struct WhatsAppNotifier {
    sender: Sender,
}

impl WhatsAppNotifier {
    pub fn new(settings: &WhatsAppSettings) -> WhatsAppNotifier {
        WhatsAppNotifier {
            sender: Sender::new(settings),
        }
    }
}

#[async_trait]
impl ChannelSender for WhatsAppNotifier {
    fn channel(&self) -> &str {
        "whatsapp"
    }

    async fn send(&self, to: &Target, replies: &[Reply]) -> Result<(), SendError> {
        for reply in replies {
            // The list button's label only shows with more than three choices; notices have
            // at most one.
            for payload in payloads(reply, "", None) {
                self.sender
                    .send(&to.external_id, payload)
                    .await
                    .map_err(|reason| {
                        if reason.starts_with("gave up") {
                            SendError::Retry {
                                after: None,
                                reason,
                            }
                        } else {
                            SendError::Permanent(reason)
                        }
                    })?;
            }
        }
        Ok(())
    }
}
