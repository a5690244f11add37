//! Notifications for generic-webhook users: a signed POST to `VISADESK_GENERIC_CALLBACK_URL`
//! (`X-Visadesk-Signature: sha256=<hex>` of the body with `VISADESK_GENERIC_SECRET`, as the
//! webhook itself), body `{"conversation_id", "sender_id", "dedup_key", "replies": [...]}`
//! with replies shaped as in the webhook's answers. The conversation id is the sender id:
//! visadesk keeps people, not conversations. See `docs/api/generic-webhook.md`.

use super::{ChannelSender, SendError, Target};
use crate::channels::generic::{SIGNATURE_HEADER, sign};
use crate::channels::json_message::JsonReply;
use crate::config::Settings;
use crate::secret::Secret;
use async_trait::async_trait;
use serde_json::json;
use std::time::Duration;
use visadesk_bot::dialogue::Reply;

pub struct GenericCallbackNotifier {
    http: reqwest::Client,
    url: String,
    secret: Secret,
}

impl GenericCallbackNotifier {
    /// Needs both the callback URL and the webhook secret (the callback is signed with it);
    /// `http` is the shared client (with its timeout).
    pub fn from_settings(
        settings: &Settings,
        http: reqwest::Client,
    ) -> Option<GenericCallbackNotifier> {
        let url = settings.notifications.generic_callback_url.clone()?;
        let secret = settings.generic_secret.clone()?;
        Some(GenericCallbackNotifier { http, url, secret })
    }
}

#[async_trait]
impl ChannelSender for GenericCallbackNotifier {
    fn channel(&self) -> &str {
        "generic"
    }

    async fn send(&self, to: &Target, replies: &[Reply]) -> Result<(), SendError> {
        let replies: Vec<JsonReply> = replies.iter().map(JsonReply::without_document).collect();
        let body = json!({
            "conversation_id": to.external_id,
            "sender_id": to.external_id,
            "dedup_key": to.dedup_key,
            "replies": replies,
        })
        .to_string();
        let mut request = self
            .http
            .post(&self.url)
            .header("content-type", "application/json")
            .header(
                SIGNATURE_HEADER,
                sign(self.secret.expose(), body.as_bytes()),
            );
        if let Some(id) = crate::observe::current_request_id() {
            request = request.header("x-request-id", id);
        }
        let response = request
            .body(body)
            .send()
            .await
            .map_err(|e| SendError::Retry {
                after: None,
                reason: format!("callback unreachable: {e}"),
            })?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        if status.as_u16() == 429 || status.is_server_error() {
            let after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            return Err(SendError::Retry {
                after,
                reason: format!("callback answered {status}"),
            });
        }
        Err(SendError::Permanent(format!("callback answered {status}")))
    }
}
