//! Talking to the engine as a user would, so tests read like a conversation:
//!
//! ```ignore
//! let mut alice = Chat::new(&engine, "telegram", "chat-1", "alice", "en");
//! alice.says("/start").await;
//! alice.presses("book").await;
//! assert!(alice.shows("booking-pick-service"));
//! ```
//! Expected texts come from the locales (`shows(key)`), so one test runs in any language.

use fluent_bundle::FluentValue;
use std::sync::Arc;
use visadesk_bot::dialogue::{Engine, Inbound, InboundKind, Reply};

/// What a person answers to prove who they are: nationality (a button), passport number,
/// birth date, and a receipt number or a link code.
#[derive(Clone, Copy, Debug)]
pub struct Proof<'a> {
    pub nationality: &'a str,
    pub passport: &'a str,
    pub birth: &'a str,
    pub code: &'a str,
}

impl<'a> Proof<'a> {
    pub const fn new(
        nationality: &'a str,
        passport: &'a str,
        birth: &'a str,
        code: &'a str,
    ) -> Self {
        Proof {
            nationality,
            passport,
            birth,
            code,
        }
    }

    /// The same answers with another birth date (a wrong one, for a known person).
    pub fn with_birth(self, birth: &'a str) -> Self {
        Proof { birth, ..self }
    }

    /// The same answers with another receipt number or link code.
    pub fn with_code(self, code: &'a str) -> Self {
        Proof { code, ..self }
    }
}

/// The demo applicant (`seed::DEMO`) with an application in review, by its receipt number.
pub const ALEX: Proof<'static> = Proof::new("DEU", "DEMO00001", "1990-01-01", "DEMO-2026-000001");

/// The demo PR holder (`seed::DEMO`), by its one-time link code.
pub const MEI: Proof<'static> = Proof::new("CAN", "DEMO00002", "1985-06-15", "DEMO-LINK-0002");

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
    /// From a group, the platform's link to a private chat with the bot (Telegram's).
    pub private_chat: Option<String>,
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
            private_chat: None,
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
            private_chat: self.private_chat.clone(),
            anonymous: None,
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
    pub async fn proves(&mut self, who: Proof<'_>) {
        self.presses(&format!("nat:{}", who.nationality)).await;
        self.says(who.passport).await;
        self.says(who.birth).await;
        self.says(who.code).await;
    }

    /// From a fresh `/start`, opens the menu's `flow` (one that shows personal records, so
    /// it first asks who the user is) and answers its identity questions as `who`.
    pub async fn opens_and_proves(&mut self, flow: &str, who: Proof<'_>) {
        self.says("/start").await;
        self.presses(flow).await;
        self.expect("identity-intro");
        self.proves(who).await;
    }

    /// `opens_and_proves` with the right answers: the chat is linked to `who`'s records.
    pub async fn links_as(&mut self, flow: &str, who: Proof<'_>) {
        self.opens_and_proves(flow, who).await;
        self.expect("identity-linked");
    }

    /// The person in this chat lets `helper` act for them: `helper` invites them from "Help
    /// a relative", and they accept the code in their own chat.
    pub async fn accepts_help_from(&mut self, helper: &mut Chat) {
        helper.opens("family").await;
        helper.presses("family-invite").await;
        let code = helper.shown_code();
        self.opens("family").await;
        self.presses("family-accept").await;
        self.says(&code).await;
    }

    /// On the PR holder's passport screen, declares a new passport (its nationality button,
    /// number and expiry date) and confirms the summary.
    pub async fn declares_passport(&mut self, nationality: &str, number: &str, expires: &str) {
        self.presses("new-passport").await;
        self.presses(&format!("nat:{nationality}")).await;
        self.says(number).await;
        self.says(expires).await;
        self.presses("declare-yes").await;
    }

    /// Back to the menu and into its `flow` (`permits`, `family`, `settings`).
    pub async fn opens(&mut self, flow: &str) -> &[Reply] {
        self.presses("menu").await;
        self.presses(flow).await
    }

    /// From the service question, takes the first service, and the first city and office
    /// where they are asked for; returns the office's button, if one was asked for.
    pub async fn picks_first_office(&mut self) -> Option<String> {
        self.presses(&self.first_button("svc:")).await;
        if let Some(city) = self.buttons_starting("city:").first() {
            self.presses(&city.clone()).await;
        }
        let office = self.buttons_starting("office:").first()?.clone();
        self.presses(&office).await;
        Some(office)
    }

    /// From the service question to the name question, taking the first offer at every step
    /// (service, city and office where asked, day, time); returns the chosen slot's id.
    pub async fn picks_first_slot(&mut self) -> i64 {
        self.picks_first_office().await;
        self.presses(&self.first_button("day:")).await;
        self.picks_first_time().await
    }

    /// `picks_first_slot`, but on the last day offered: a whole working day ahead, whose
    /// times do not run out while a test runs late in the office's afternoon.
    pub async fn picks_first_slot_of_the_last_day(&mut self) -> i64 {
        self.picks_first_office().await;
        let last_day = self.buttons_starting("day:").pop().expect("days offered");
        self.presses(&last_day).await;
        self.picks_first_time().await
    }

    /// On the day's times, takes the first; returns its slot id.
    async fn picks_first_time(&mut self) -> i64 {
        let slot = self.first_button("slot:");
        self.presses(&slot).await;
        self.expect("booking-ask-name");
        slot["slot:".len()..].parse().expect("slot ids are numbers")
    }

    /// From the service question to the booking's summary, taking the first offer at every
    /// step and typing the applicant's details; returns the chosen slot's id.
    pub async fn fills_booking(&mut self, name: &str, passport: &str) -> i64 {
        let slot = self.picks_first_slot().await;
        self.types_details(name, passport).await;
        slot
    }

    /// From the name question to the summary: the applicant's details.
    pub async fn types_details(&mut self, name: &str, passport: &str) {
        self.says(name).await;
        self.presses("nat:DEU").await;
        self.says(passport).await;
        self.says("+86 138 0013 8000").await;
        assert!(
            self.has_button("confirm"),
            "summary expected:\n{}",
            self.text()
        );
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

    /// The offered buttons whose ids start with `prefix` (`day:`, `slot:`), in order.
    pub fn buttons_starting(&self, prefix: &str) -> Vec<String> {
        let mut buttons = self.buttons();
        buttons.retain(|b| b.starts_with(prefix));
        buttons
    }

    /// The first offered button whose id starts with `prefix` (`day:`, `slot:`).
    pub fn first_button(&self, prefix: &str) -> String {
        self.buttons_starting(prefix)
            .into_iter()
            .next()
            .unwrap_or_else(|| {
                panic!(
                    "no `{prefix}` button in {:?}\n{}",
                    self.buttons(),
                    self.text()
                )
            })
    }

    /// The 8-character code in the last answer (a family invitation, a channel link code;
    /// codes avoid look-alike characters).
    pub fn shown_code(&self) -> String {
        self.text()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .find(|w| {
                w.len() == 8
                    && w.chars()
                        .all(|c| c.is_ascii_uppercase() || ('2'..='9').contains(&c))
            })
            .unwrap_or_else(|| panic!("no code in: {}", self.text()))
            .to_string()
    }

    /// A text of the user's language, by key.
    pub fn t(&self, key: &str) -> String {
        let texts = self.engine.texts();
        texts.text(texts.negotiate(Some(&self.locale)), key, &[])
    }

    /// A text of the user's language, by key, with its arguments.
    pub fn ta(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let texts = self.engine.texts();
        texts.text(texts.negotiate(Some(&self.locale)), key, args)
    }

    /// Asserts the last answer contains the message `key` with these arguments.
    #[track_caller]
    pub fn expect_with(&self, key: &str, args: &[(&str, FluentValue<'_>)]) {
        let expected = self.ta(key, args);
        assert_ne!(expected, key, "no message `{key}`");
        assert!(
            self.text().contains(&expected),
            "expected `{key}` ({expected}) in:\n{}",
            self.text()
        );
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
