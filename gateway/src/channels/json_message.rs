//! The JSON shapes the generic webhook and the web chat share: a location sent in, and the
//! replies sent back (the generic callback's notifications carry the same replies). One set,
//! so the two JSON channels, their documentation and the page's script cannot drift apart.
//!
//! The requests themselves stay per channel: the generic webhook names the conversation and
//! sender in its body, the web chat takes them from its cookie and alone accepts `command`,
//! and each refuses fields that are not its own.

use super::files::Files;
use serde::{Deserialize, Serialize};
use visadesk_bot::dialogue::{Button, Inbound, InboundKind, Location, Reply};

use crate::app::App;

/// A place the user shared.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonLocation {
    pub latitude: f64,
    pub longitude: f64,
}

impl JsonLocation {
    /// The engine input, when the coordinates can be on Earth.
    pub fn to_kind(&self) -> Option<InboundKind> {
        ((-90.0..=90.0).contains(&self.latitude) && (-180.0..=180.0).contains(&self.longitude))
            .then_some(InboundKind::Location {
                latitude: self.latitude,
                longitude: self.longitude,
            })
    }
}

/// One reply of the engine, as JSON.
#[derive(Debug, Serialize)]
pub struct JsonReply {
    pub text: String,
    pub buttons: Vec<Button>,
    /// The question is best answered by sharing a location.
    pub request_location: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<JsonDocument>,
}

/// A document as an expiring download link (see `files.rs`).
#[derive(Debug, Serialize)]
pub struct JsonDocument {
    pub filename: String,
    pub content_type: String,
    pub url: String,
}

impl JsonReply {
    /// A reply whose document, if any, was not published (a notification carries none).
    pub fn without_document(reply: &Reply) -> JsonReply {
        JsonReply {
            text: reply.text.clone(),
            buttons: reply.buttons.clone(),
            request_location: reply.request_location,
            location: reply.location.clone(),
            document: None,
        }
    }
}

/// Runs one turn and shapes its replies, each document published as a link starting with
/// `link_base` (the public URL for a remote system, empty for the page, which is on the same
/// origin), and bound to `owner` if given (see `Files::publish`). A document that cannot be
/// published is left out and logged: the text still helps.
pub async fn run_turn(
    app: &App,
    files: &Files,
    inbound: &Inbound,
    link_base: &str,
    owner: Option<&str>,
) -> Vec<JsonReply> {
    let mut replies = Vec::new();
    for reply in app.engine.handle(inbound).await {
        let mut json = JsonReply::without_document(&reply);
        if let Some(doc) = &reply.document {
            match files
                .publish(doc, owner, (&inbound.channel, &inbound.sender))
                .await
            {
                Ok(path) => {
                    json.document = Some(JsonDocument {
                        filename: doc.filename.clone(),
                        content_type: doc.content_type.clone(),
                        url: format!("{link_base}{path}"),
                    })
                }
                Err(e) => tracing::error!(error = %e, "could not publish a document"),
            }
        }
        replies.push(json);
    }
    replies
}
