//! Talking to the engine as a user would, so tests read like a conversation:
//!
//! ```ignore
//! let mut alice = Chat::new(&engine, "telegram", "chat-1", "alice", "en");
//! alice.says("/start").await;
//! alice.presses("book").await;
//! assert!(alice.shows("booking-pick-service"));
//! ```
//! Expected texts come from the locales (`shows(key)`), so one test runs in any language.

use std::sync::Arc;
use visadesk_bot::dialogue::{Engine, Inbound, InboundKind, Reply};

pub struct Chat {
    engine: Arc<Engine>,
    pub channel: String,
    pub conversation: String,
    pub sender: String,
    pub locale: String,
    /// The display name the platform would report (`None` for none).
    pub name: Option<String>,
    /// A group chat.
    pub group: bool,
    /// The replies to the last message.
    pub replies: Vec<Reply>,
}

impl Chat {
    pub fn new(
        engine: &Arc<Engine>,
        channel: &str,
        conversation: &str,
        sender: &str,
        locale: &str,
    ) -> Chat {
        Chat {
            engine: engine.clone(),
            channel: channel.into(),
            conversation: conversation.into(),
            sender: sender.into(),
            locale: locale.into(),
            name: None,
            group: conversation != sender,
            replies: Vec::new(),
        }
    }

    pub async fn send(&mut self, kind: InboundKind) -> &[Reply] {
        let inbound = Inbound {
            channel: self.channel.clone(),
            conversation: self.conversation.clone(),
            sender: self.sender.clone(),
            locale_hint: Some(self.locale.clone()),
            sender_name: self.name.clone(),
            group: self.group,
            kind,
        };
        self.replies = self.engine.handle(&inbound).await;
        assert!(!self.replies.is_empty(), "every message gets an answer");
        &self.replies
    }

    /// Types a line (`/start book` is a command).
    pub async fn says(&mut self, text: &str) -> &[Reply] {
        self.send(InboundKind::from_typed(text)).await
    }

    /// Answers the four identity questions (nationality button, passport number, birth
    /// date, receipt number or link code).
    pub async fn proves(&mut self, nationality: &str, passport: &str, birth: &str, proof: &str) {
        self.presses(&format!("nat:{nationality}")).await;
        self.says(passport).await;
        self.says(birth).await;
        self.says(proof).await;
    }

    /// From the service question to the booking's summary, taking the first offer at every
    /// step and typing the applicant's details; returns the chosen slot's id.
    pub async fn fills_booking(&mut self, name: &str, passport: &str) -> i64 {
        self.presses(&self.first_button("svc:")).await;
        for step in ["city:", "office:"] {
            if self.buttons().iter().any(|b| b.starts_with(step)) {
                self.presses(&self.first_button(step)).await;
            }
        }
        self.presses(&self.first_button("day:")).await;
        let slot = self.first_button("slot:");
        self.presses(&slot).await;
        self.says(name).await;
        self.presses("nat:DEU").await;
        self.says(passport).await;
        self.says("+86 138 0013 8000").await;
        assert!(
            self.has_button("confirm"),
            "summary expected:\n{}",
            self.text()
        );
        slot["slot:".len()..].parse().expect("slot ids are numbers")
    }

    pub async fn presses(&mut self, button: &str) -> &[Reply] {
        self.send(InboundKind::Button(button.into())).await
    }

    pub async fn shares_location(&mut self, latitude: f64, longitude: f64) -> &[Reply] {
        self.send(InboundKind::Location {
            latitude,
            longitude,
        })
        .await
    }

    /// All reply texts of the last answer.
    pub fn text(&self) -> String {
        self.replies
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Button ids of the last answer.
    pub fn buttons(&self) -> Vec<String> {
        self.replies
            .iter()
            .flat_map(|r| r.buttons.iter().map(|b| b.id.clone()))
            .collect()
    }

    pub fn has_button(&self, id: &str) -> bool {
        self.buttons().iter().any(|b| b == id)
    }

    /// The first offered button whose id starts with `prefix` (`day:`, `slot:`).
    pub fn first_button(&self, prefix: &str) -> String {
        self.buttons()
            .into_iter()
            .find(|b| b.starts_with(prefix))
            .unwrap_or_else(|| {
                panic!(
                    "no `{prefix}` button in {:?}\n{}",
                    self.buttons(),
                    self.text()
                )
            })
    }

    /// A text of the user's language, by key.
    pub fn t(&self, key: &str) -> String {
        let texts = self.engine.texts();
        texts.text(texts.negotiate(Some(&self.locale)), key, &[])
    }

    /// Whether the last answer contains the message `key` (a message without arguments).
    pub fn shows(&self, key: &str) -> bool {
        let expected = self.t(key);
        assert_ne!(expected, key, "no message `{key}`");
        self.text().contains(&expected)
    }

    /// Asserts the last answer contains the message `key`.
    #[track_caller]
    pub fn expect(&self, key: &str) {
        assert!(
            self.shows(key),
            "expected `{key}` ({}) in:\n{}",
            self.t(key),
            self.text()
        );
    }
}
