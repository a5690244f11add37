//! One Telegram update → one engine turn → the answers sent back.
//!
//! Messages: text (`/start book` is a command; `/start@otherbot` in a group is not ours),
//! shared locations; anything else gets "I can read text…" in private chats and is ignored in
//! groups. In a group the bot takes commands, and text or locations that reply to one of its
//! messages (what Telegram delivers in privacy mode), and quotes the member's message.
//! Pressed buttons: answered at once (`answerCallbackQuery`), the keyboard taken off the
//! message so it cannot be pressed twice, then the id goes to the engine. Only the first
//! press of a message counts; in a group only the member the keyboard was for may press it.

use super::render::{NUMBERED_CHOICE, RenderContext};
use super::sender::Delivery;
use super::{DEDUP_WINDOW, Telegram};
use crate::app::App;
use crate::inbox::Claim;
use std::sync::Arc;
use teloxide::types::{CallbackQuery, Message, Update, UpdateKind, User};
use visadesk_bot::dialogue::{Inbound, InboundKind, Reply};

pub const CHANNEL: &str = "telegram";

/// Whose turns must stay in order: a member of a chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QueueKey {
    chat: i64,
    sender: u64,
}

/// The queue an update belongs to; `None` for updates this adapter does not handle.
pub fn queue_key(update: &Update) -> Option<QueueKey> {
    match &update.kind {
        UpdateKind::Message(m) => m.from.as_ref().map(|u| QueueKey {
            chat: m.chat.id.0,
            sender: u.id.0,
        }),
        UpdateKind::CallbackQuery(q) => q.message.as_ref().map(|m| QueueKey {
            chat: m.chat().id.0,
            sender: q.from.id.0,
        }),
        _ => None,
    }
}

/// Runs the update's turn and sends the answers; `claim` is marked done as soon as the engine
/// has answered (before sending), or when the update needs no turn.
pub async fn process(app: App, telegram: Arc<Telegram>, update: Update, claim: Arc<Claim>) {
    match update.kind {
        UpdateKind::Message(message) => on_message(&app, &telegram, &message, &claim).await,
        UpdateKind::CallbackQuery(query) => on_callback(&app, &telegram, &query, &claim).await,
        _ => {}
    }
    claim.turn_done(&app).await;
}

async fn on_message(app: &App, telegram: &Telegram, message: &Message, claim: &Claim) {
    let Some(from) = message.from.as_ref().filter(|u| !u.is_bot) else {
        return;
    };
    let chat = &message.chat;
    if chat.is_channel() {
        return;
    }
    let group = !chat.is_private();
    let replies_to_bot = message
        .reply_to_message()
        .and_then(|m| m.from.as_ref())
        .is_some_and(|u| u.id.0.to_string() == telegram.settings.bot_id());
    let kind = if let Some(text) = message.text() {
        let kind = InboundKind::from_typed(text);
        let ours = match &kind {
            InboundKind::Command { .. } => addressed_to(text, telegram.username.get()),
            _ => !group || replies_to_bot,
        };
        if !ours {
            return;
        }
        Some(kind)
    } else if let Some(place) = message.location() {
        if group && !replies_to_bot {
            return;
        }
        Some(InboundKind::Location {
            latitude: place.latitude,
            longitude: place.longitude,
        })
    } else if group {
        return;
    } else {
        None
    };
    let shared_location = matches!(kind, Some(InboundKind::Location { .. }));
    let replies = match kind {
        Some(kind) => {
            app.engine
                .handle(&inbound(
                    chat.id.0,
                    from,
                    group,
                    telegram.username.get(),
                    kind,
                ))
                .await
        }
        None => vec![
            crate::channels::unsupported_message(
                app,
                CHANNEL,
                &from.id.0.to_string(),
                from.language_code.as_deref(),
            )
            .await,
        ],
    };
    claim.turn_done(app).await;
    let reply_to = group.then_some(message.id.0);
    deliver(
        app,
        telegram,
        chat.id.0,
        from,
        group,
        reply_to,
        shared_location,
        &replies,
    )
    .await;
}

async fn on_callback(app: &App, telegram: &Telegram, query: &CallbackQuery, claim: &Claim) {
    let sender = &telegram.sender;
    let Some(message) = &query.message else {
        // Inline-mode messages are not this bot's keyboards.
        let _ = sender.answer_callback(0, query.id.clone(), None).await;
        return;
    };
    let chat = message.chat();
    let chat_id = chat.id.0;
    let group = !chat.is_private();
    // The member's message the keyboard answered, in a group.
    let asked_by = message
        .regular_message()
        .and_then(|m| m.reply_to_message())
        .filter(|_| group);
    if let Some(owner) = asked_by.and_then(|m| m.from.as_ref())
        && owner.id != query.from.id
    {
        let locale = locale_of(app, &query.from).await;
        let toast = app.texts.text(&locale, "telegram-not-your-buttons", &[]);
        let _ = sender
            .answer_callback(chat_id, query.id.clone(), Some(toast))
            .await;
        return;
    }
    let pressed = format!(
        "telegram-pressed:{}:{chat_id}:{}",
        telegram.settings.bot_id(),
        message.id().0
    );
    match app.expiring.first_seen(&pressed, DEDUP_WINDOW).await {
        Ok(true) => {}
        Ok(false) => {
            let locale = locale_of(app, &query.from).await;
            let toast = app.texts.text(&locale, "telegram-button-used", &[]);
            let _ = sender
                .answer_callback(chat_id, query.id.clone(), Some(toast))
                .await;
            return;
        }
        Err(e) => {
            tracing::error!(error = %e, "telegram button press not taken; expiring store unavailable");
            let _ = sender
                .answer_callback(chat_id, query.id.clone(), None)
                .await;
            return;
        }
    }
    let _ = sender
        .answer_callback(chat_id, query.id.clone(), None)
        .await;
    let _ = sender.remove_keyboard(chat_id, message.id().0).await;
    let data = query.data.clone().unwrap_or_default();
    let kind = match data.strip_prefix(NUMBERED_CHOICE) {
        // A choice whose id did not fit in callback data: its number, as if typed.
        Some(number) => InboundKind::Text(number.to_string()),
        None => InboundKind::Button(data),
    };
    let replies = app
        .engine
        .handle(&inbound(
            chat_id,
            &query.from,
            group,
            telegram.username.get(),
            kind,
        ))
        .await;
    claim.turn_done(app).await;
    let reply_to = group.then(|| asked_by.map_or(message.id().0, |m| m.id.0));
    deliver(
        app,
        telegram,
        chat_id,
        &query.from,
        group,
        reply_to,
        false,
        &replies,
    )
    .await;
}

/// The member's first name is what the group already sees; the engine uses it only to tell
/// a family group who acts for whom.
/// From a group, `private_chat` is the bot's `t.me` link (the username from `getMe`), where
/// a booking continues.
fn inbound(
    chat_id: i64,
    from: &User,
    group: bool,
    username: Option<&String>,
    kind: InboundKind,
) -> Inbound {
    Inbound {
        channel: CHANNEL.into(),
        conversation: chat_id.to_string(),
        sender: from.id.0.to_string(),
        locale_hint: from.language_code.clone(),
        sender_name: Some(from.first_name.clone()).filter(|n| !n.trim().is_empty()),
        group,
        private_chat: username
            .filter(|u| group && !u.is_empty())
            .map(|u| format!("https://t.me/{u}")),
        anonymous: None,
        kind,
    }
}

/// `/cmd@name …` is for us when `name` is our username; `/cmd …` always.
fn addressed_to(text: &str, username: Option<&String>) -> bool {
    let command = text.split_whitespace().next().unwrap_or_default();
    match command.split_once('@') {
        None => true,
        Some((_, name)) => username.is_some_and(|u| u.eq_ignore_ascii_case(name)),
    }
}

/// The user's stored language (the platform's hint on first contact), for the few words
/// this adapter says itself.
async fn locale_of(app: &App, user: &User) -> String {
    crate::channels::user_locale(
        app,
        CHANNEL,
        &user.id.0.to_string(),
        user.language_code.as_deref(),
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn deliver(
    app: &App,
    telegram: &Telegram,
    chat_id: i64,
    from: &User,
    group: bool,
    reply_to: Option<i32>,
    shared_location: bool,
    replies: &[Reply],
) {
    // Telegram offers the location button in private chats only.
    let location_button = if !group && replies.iter().any(|r| r.request_location) {
        let locale = locale_of(app, from).await;
        Some(app.texts.text(&locale, "telegram-share-location", &[]))
    } else {
        None
    };
    let to = Delivery {
        chat_id,
        reply_to,
        context: RenderContext {
            location_button,
            remove_reply_keyboard: shared_location && !group,
        },
    };
    if let Err(e) = telegram.sender.deliver(&to, replies).await {
        tracing::error!(error = %e, "telegram answer not delivered");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_for_other_bots_are_not_ours() {
        let me = "visadesk_bot".to_string();
        assert!(addressed_to("/start", Some(&me)));
        assert!(addressed_to("/book@VisaDesk_Bot now", Some(&me)));
        assert!(!addressed_to("/start@other_bot", Some(&me)));
    }
}
