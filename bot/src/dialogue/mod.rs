//! The conversation engine: one state machine that every channel (Telegram, WeChat,
//! WhatsApp, web chat, generic webhook, terminal) drives the same way.
//!
//! A channel adapter turns a platform update into an [`Inbound`], calls
//! [`Engine::handle`], and renders the returned [`Reply`]s with its own controls. The engine
//! never sees a platform type; an adapter never sees a dialogue state.
//!
//! The state of a conversation is the serde enum in `state.rs`, one variant per flow. Each
//! flow lives in its own file (`booking/`, `offices.rs`, `guidance.rs`, `identity.rs`,
//! `progress.rs`, `permits.rs`, `passport/`, `family.rs`, `codes.rs`, `settings.rs`,
//! `menu.rs`) and implements the `Flow` trait of `flow.rs`; flows hand over by returning
//! another flow's state, never by calling it. Buttons are typed `Action`s (`action.rs`);
//! what several flows share is on the turn (`turn.rs`) or in `access.rs`. See
//! `docs/dialogue.md` for the diagram.

mod access;
mod action;
mod arrival;
mod booking;
mod calendar_file;
mod catalogue;
mod codes;
mod dispatch;
mod engine;
mod family;
mod flow;
mod guidance;
mod identity;
mod keywords;
mod menu;
mod offices;
mod passport;
mod permits;
mod progress;
mod settings;
pub mod state;
mod turn;

pub use action::{Action, UnknownAction};
pub use calendar_file::appointment_ics;
pub use engine::{Engine, EngineConfig, LinkLimits};
pub use state::{Session, State};

use serde::Serialize;
use std::fmt;

/// One message from a user, already parsed by the channel adapter.
#[derive(Clone, PartialEq)]
pub struct Inbound {
    /// `telegram`, `wechat`, `whatsapp`, `web`, `generic`, `terminal`.
    pub channel: String,
    /// The chat the message came from (a group chat has one conversation, many senders).
    pub conversation: String,
    /// Who sent it, stable on that channel.
    pub sender: String,
    /// The platform's language for this user (`ru-RU`, `zh-Hans`), used on first contact.
    pub locale_hint: Option<String>,
    /// The sender's display name on the platform (what the other members of a group already
    /// see); used to tell a group who acts for whom, never a record's name.
    pub sender_name: Option<String>,
    /// A group chat: others read the replies, so personal records are not shown here.
    pub group: bool,
    /// From a group, a link that opens a private chat with the bot, where the platform has
    /// one (Telegram: `https://t.me/<bot>`): what needs a passport number or a phone (a
    /// booking) continues there.
    pub private_chat: Option<String>,
    /// Set when no platform vouches for the sender (the web chat, known only by a browser
    /// cookie): no chat user and no session is stored for them until a turn needs one, so a
    /// request that only opens the chat leaves nothing behind (see `Engine` and
    /// `crate::retention`); what they may book is tied to their address and to work their
    /// browser did.
    pub anonymous: Option<AnonymousClient>,
    pub kind: InboundKind,
}

/// A sender no platform vouches for: anyone can open any number of web chat conversations, so
/// what one client may do is tied to where it comes from and to work its browser did.
#[derive(Clone, PartialEq, Eq)]
pub struct AnonymousClient {
    /// The client address as a keyed digest: the same address always gives the same value,
    /// which does not give the address back.
    pub address: String,
    /// The browser solved a fresh proof-of-work challenge for this message (or the operator
    /// turned the challenge off).
    pub proof_of_work: bool,
}

impl Inbound {
    pub fn new(channel: &str, conversation: &str, sender: &str, kind: InboundKind) -> Self {
        Self {
            channel: channel.to_string(),
            conversation: conversation.to_string(),
            sender: sender.to_string(),
            locale_hint: None,
            sender_name: None,
            group: false,
            private_chat: None,
            anonymous: None,
            kind,
        }
    }
}

impl fmt::Debug for Inbound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inbound")
            .field("channel", &self.channel)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, PartialEq)]
pub enum InboundKind {
    /// Free text. May hold personal data, so `Debug` prints only its length.
    Text(String),
    /// A pressed button: the id of a [`Button`] from an earlier reply.
    Button(String),
    Location {
        latitude: f64,
        longitude: f64,
    },
    /// `/start book` → name `start`, argument `book`.
    Command {
        name: String,
        argument: Option<String>,
    },
}

impl fmt::Debug for InboundKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InboundKind::Text(t) => write!(f, "Text({} chars)", t.chars().count()),
            InboundKind::Button(id) => write!(f, "Button({id})"),
            InboundKind::Location { .. } => f.write_str("Location"),
            InboundKind::Command { name, .. } => write!(f, "Command({name})"),
        }
    }
}

impl InboundKind {
    /// Parses a line typed in a text-only channel: `/name argument` is a command,
    /// anything else is text.
    pub fn from_typed(line: &str) -> InboundKind {
        let line = line.trim();
        if let Some(command) = line
            .strip_prefix('/')
            .filter(|c| !c.is_empty() && !c.starts_with(' '))
        {
            let (name, argument) = match command.split_once(char::is_whitespace) {
                Some((n, a)) => (n, Some(a.trim().to_string()).filter(|a| !a.is_empty())),
                None => (command, None),
            };
            // Telegram appends the bot's name in groups: /start@visadesk_bot
            let name = name.split('@').next().unwrap_or(name).to_ascii_lowercase();
            return InboundKind::Command { name, argument };
        }
        InboundKind::Text(line.to_string())
    }
}

/// A choice offered to the user. The id is short, stable and ASCII (it travels in
/// Telegram's 64-byte callback data); the label is localized.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Button {
    pub id: String,
    pub label: String,
    /// The web chat's browser solves a proof-of-work challenge before pressing it (the
    /// confirmation of an anonymous booking).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub proof_of_work: bool,
}

impl Button {
    /// The button for `action`, labelled `label` (already localized).
    pub fn new(action: Action, label: impl Into<String>) -> Button {
        Button {
            id: action.to_string(),
            label: label.into(),
            proof_of_work: false,
        }
    }
}

/// A place to show on a map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    pub title: String,
    pub address: String,
}

/// A file to hand over (calendar entry, PDF).
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    pub filename: String,
    pub content_type: String,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("filename", &self.filename)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// One message back to the user.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Reply {
    pub text: String,
    pub buttons: Vec<Button>,
    /// Ask the platform for the user's location (Telegram's location button, the browser's
    /// geolocation); the answer arrives as `InboundKind::Location`.
    pub request_location: bool,
    pub location: Option<Location>,
    pub document: Option<Document>,
}

impl Reply {
    pub fn text(text: impl Into<String>) -> Self {
        Reply {
            text: text.into(),
            ..Reply::default()
        }
    }
}
