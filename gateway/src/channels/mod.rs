//! Channel adapters: each turns its platform's messages into `Inbound`s for the engine and
//! renders the engine's `Reply`s with the platform's own controls. The web chat is the
//! embedded default; Telegram, WeChat, WhatsApp and the generic webhook plug in here.
//!
//! What every adapter needs the same way lives here once: the answer to a message it cannot
//! read, and the language of the few words an adapter says itself.

pub mod files;
pub mod generic;
pub mod telegram;
pub mod webchat;
pub mod wechat;
pub mod whatsapp;

use crate::app::App;
use visadesk_bot::dialogue::Reply;

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

/// The language the user chose (the platform's hint on first contact, negotiated as the
/// engine does), for the few words an adapter says itself. A store that cannot be read falls
/// back to the hint: a button label in the wrong language beats no answer.
pub async fn user_locale(
    app: &App,
    channel: &str,
    sender: &str,
    locale_hint: Option<&str>,
) -> String {
    let hinted = app.texts.negotiate(locale_hint).to_string();
    match app.repo.chat_user(channel, sender, &hinted).await {
        Ok(user) => user.locale,
        Err(_) => hinted,
    }
}
