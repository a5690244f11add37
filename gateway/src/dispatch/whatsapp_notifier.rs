//! Notifications for WhatsApp users through the Cloud API, with the channel adapter's own
//! payload shaping (`channels::whatsapp::payloads`) and its retrying sender.
//!
//! Meta accepts free-form messages only within 24 hours of the user's last message (the
//! customer-service window, recorded by the adapter in the expiring store). Outside it the
//! notice goes as the configured template (`WHATSAPP_NOTIFY_TEMPLATE`, one body parameter
//! holding the rendered text, approved in every language of the locales); without a template
//! it is a permanent failure, dead-lettered and visible in the admin API.

use super::{ChannelSender, SendError, Target};
use crate::channels::whatsapp::{
    RATE_LIMIT_WAIT, WhatsApp, WhatsAppSendError, WhatsAppSender, payloads,
};
use async_trait::async_trait;
use serde_json::{Value, json};
use std::sync::Arc;
use visadesk_bot::dialogue::Reply;
use visadesk_bot::store::ExpiringStore;

/// Meta's limit for a template's text parameter, with room to spare.
const TEMPLATE_PARAMETER_CHARS: usize = 1000;

pub struct WhatsAppNotifier {
    sender: Arc<WhatsAppSender>,
    /// Where the adapter records each user's customer-service window.
    expiring: Arc<dyn ExpiringStore>,
    template: Option<String>,
}

impl WhatsAppNotifier {
    /// Sends through the channel's own sender; `expiring` holds the service windows.
    pub fn new(whatsapp: &WhatsApp, expiring: Arc<dyn ExpiringStore>) -> WhatsAppNotifier {
        WhatsAppNotifier {
            sender: whatsapp.sender.clone(),
            expiring,
            template: whatsapp.notify_template().map(str::to_string),
        }
    }

    async fn post(&self, to: &str, payload: Value) -> Result<(), SendError> {
        self.sender.send(to, payload).await.map_err(classify)
    }
}

/// What the dispatcher does with a failed send: try later what may pass later, and after a
/// rate limit not before Meta asked (or `RATE_LIMIT_WAIT` when it did not say).
fn classify(e: WhatsAppSendError) -> SendError {
    match e {
        WhatsAppSendError::GaveUp { .. } => SendError::Retry {
            after: None,
            reason: e.to_string(),
        },
        WhatsAppSendError::RateLimited { retry_after } => SendError::Retry {
            after: Some(retry_after.unwrap_or(RATE_LIMIT_WAIT)),
            reason: e.to_string(),
        },
        WhatsAppSendError::Refused(_) => SendError::Permanent(e.to_string()),
    }
}

/// WhatsApp's language code for a locale of ours (`zh-CN` → `zh_CN`).
fn template_language(locale: &str) -> String {
    locale.replace('-', "_")
}

/// The template message carrying the notice's text as its one body parameter. Template
/// parameters may not hold line breaks, so lines are joined; choices cannot be offered.
fn template_payload(template: &str, locale: &str, replies: &[Reply]) -> Value {
    let text: Vec<&str> = replies
        .iter()
        .flat_map(|r| r.text.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut text = text.join(" · ");
    if text.chars().count() > TEMPLATE_PARAMETER_CHARS {
        text = text.chars().take(TEMPLATE_PARAMETER_CHARS - 1).collect();
        text.push('…');
    }
    json!({
        "type": "template",
        "template": {
            "name": template,
            "language": { "code": template_language(locale) },
            "components": [{ "type": "body", "parameters": [{ "type": "text", "text": text }] }]
        }
    })
}

#[async_trait]
impl ChannelSender for WhatsAppNotifier {
    fn channel(&self) -> &str {
        "whatsapp"
    }

    async fn send(&self, to: &Target, replies: &[Reply]) -> Result<(), SendError> {
        let window_open = self
            .expiring
            .service_window_open(&to.external_id)
            .await
            .map_err(|e| SendError::Retry {
                after: None,
                reason: format!("expiring store: {e}"),
            })?;
        if !window_open {
            let Some(template) = &self.template else {
                return Err(SendError::Permanent(
                    "outside WhatsApp's 24-hour window and no WHATSAPP_NOTIFY_TEMPLATE configured"
                        .into(),
                ));
            };
            return self
                .post(
                    &to.external_id,
                    template_payload(template, &to.locale, replies),
                )
                .await;
        }
        for reply in replies {
            // The list button's label only shows with more than three choices; notices have
            // at most one.
            for payload in payloads(reply, "", None) {
                self.post(&to.external_id, payload).await?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_refusal_is_permanent_and_exhausted_retries_are_tried_again_later() {
        let refused = WhatsAppSendError::Refused(reqwest::StatusCode::BAD_REQUEST);
        assert!(matches!(classify(refused), SendError::Permanent(_)));
        let gave_up = WhatsAppSendError::GaveUp { attempts: 4 };
        assert!(matches!(
            classify(gave_up),
            SendError::Retry { after: None, .. }
        ));
        let told = WhatsAppSendError::RateLimited {
            retry_after: Some(Duration::from_secs(120)),
        };
        assert!(matches!(
            classify(told),
            SendError::Retry { after: Some(a), .. } if a == Duration::from_secs(120)
        ));
        let untold = WhatsAppSendError::RateLimited { retry_after: None };
        assert!(matches!(
            classify(untold),
            SendError::Retry { after: Some(a), .. } if a == RATE_LIMIT_WAIT
        ));
    }

    #[test]
    fn a_template_carries_the_text_on_one_line_in_the_users_language() {
        let replies = vec![Reply::text("Ready.\nPlace: hall 5\n\nBring: passport")];
        let p = template_payload("visadesk_notice", "zh-CN", &replies);
        assert_eq!(p["template"]["name"], "visadesk_notice");
        assert_eq!(p["template"]["language"]["code"], "zh_CN");
        let text = p["template"]["components"][0]["parameters"][0]["text"]
            .as_str()
            .unwrap();
        assert_eq!(text, "Ready. · Place: hall 5 · Bring: passport");
        let long = vec![Reply::text("x".repeat(5000))];
        let p = template_payload("t", "en", &long);
        let text = p["template"]["components"][0]["parameters"][0]["text"]
            .as_str()
            .unwrap();
        assert_eq!(text.chars().count(), TEMPLATE_PARAMETER_CHARS);
    }
}
