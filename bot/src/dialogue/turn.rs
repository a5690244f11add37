//! One turn of a conversation: who is talking, in which language, and the replies so far.
//! Flows write to the user only through this, so every text comes from the locales; what
//! several flows need (the catalogue, the audit log, common questions) is here too.

use super::engine::Engine;
use super::{Action, Button, Reply};
use crate::domain::{Nationality, Office, OfficeId, Service, SlotGroup};
use crate::store::{AuditEntry, ChatUser, Slot, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use fluent_bundle::FluentValue;

/// What the user sent, after the engine resolved numbers and labels to buttons and
/// handled the words that work everywhere (back, cancel, menu, help, language).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Input {
    Text(String),
    /// A button of ours (an id that does not parse never gets this far: it is stale).
    Button(Action),
    Location(f64, f64),
}

pub(crate) type Args<'a> = Vec<(&'a str, FluentValue<'a>)>;

/// The context of one turn: the engine's services, the chat user, the turn's "now", and the
/// replies collected so far. Every flow reads and writes through it, so a flow needs no
/// handle on another flow and the engine decides once what happens to the replies.
pub(crate) struct Turn<'e> {
    pub engine: &'e Engine,
    pub locale: String,
    /// The chat user, once stored: an anonymous sender (`Inbound::anonymous`) has none until
    /// a step needs one (`user_id`). Read it through `known_user_id` and
    /// `notifications_enabled`.
    user: Option<ChatUser>,
    /// Who is talking on `channel`: the identity a chat user is stored under.
    pub sender: String,
    pub now: DateTime<Utc>,
    pub replies: Vec<Reply>,
    /// Set when a handler already asked the next question, so the engine does not ask again.
    pub prompted: bool,
    /// The turn's input was not understood and the question is asked again (for metrics).
    pub reprompted: bool,
    /// The channel the message came on (for the audit log).
    pub channel: String,
    /// The sender's display name on the platform, if it tells one.
    pub sender_name: Option<String>,
    /// The conversation is a group chat.
    pub group: bool,
    /// From a group, the platform's link to a private chat with the bot, if it has one.
    pub private_chat: Option<String>,
    /// Set when no platform vouches for the sender (the web chat).
    pub anonymous: Option<super::AnonymousClient>,
    /// The free slots of one office-local day, read earlier in this turn: checking the
    /// chosen day and then offering its times read them once. Cleared when the turn books,
    /// cancels or moves an appointment.
    pub day_slots: Option<DaySlots>,
    /// Set when the chat user was erased in this turn: nothing of them is stored after it,
    /// not even this session.
    pub erased: bool,
}

/// Free slots of (office, slot group, day) as read at `Turn::now`.
pub(crate) struct DaySlots {
    pub office: OfficeId,
    pub group: SlotGroup,
    pub day: NaiveDate,
    pub slots: Vec<Slot>,
}

impl<'e> Turn<'e> {
    pub fn new(
        engine: &'e Engine,
        locale: String,
        user: Option<ChatUser>,
        now: DateTime<Utc>,
    ) -> Self {
        Turn {
            engine,
            locale,
            user,
            sender: String::new(),
            now,
            replies: Vec::new(),
            prompted: false,
            reprompted: false,
            channel: String::new(),
            sender_name: None,
            group: false,
            private_chat: None,
            anonymous: None,
            day_slots: None,
            erased: false,
        }
    }

    /// The chat user's id, storing the chat user first if they are not yet (an anonymous
    /// sender doing the first thing that needs them: a booking, a proof, a setting).
    pub async fn user_id(&mut self) -> Result<i64, StoreError> {
        if let Some(user) = &self.user {
            return Ok(user.id);
        }
        let repo = &self.engine.repo;
        let user = repo
            .chat_user(&self.channel, &self.sender, &self.locale)
            .await?;
        let user = self.engine.seen(user, self.now).await?;
        let id = user.id;
        self.user = Some(user);
        Ok(id)
    }

    /// The chat user's id if they are stored: for reads, where "not stored" means "has
    /// nothing" and nothing needs storing.
    pub fn known_user_id(&self) -> Option<i64> {
        self.user.as_ref().map(|u| u.id)
    }

    /// Forgets the chat user this turn knew (they were erased): nothing is stored for them
    /// at the end of the turn.
    pub fn forget_user(&mut self) {
        self.user = None;
        self.erased = true;
    }

    /// Whether a chat user is stored by the end of this turn.
    pub fn user_stored(&self) -> bool {
        self.user.is_some()
    }

    /// Whether notifications reach this user (on until they turn them off).
    pub fn notifications_enabled(&self) -> bool {
        self.user.as_ref().is_none_or(|u| u.notifications_enabled)
    }

    /// Turns notifications on or off for this user, storing them first if needed.
    pub async fn set_notifications(&mut self, enabled: bool) -> Result<(), StoreError> {
        let id = self.user_id().await?;
        self.engine.repo.set_notifications(id, enabled).await?;
        if let Some(user) = &mut self.user {
            user.notifications_enabled = enabled;
        }
        Ok(())
    }

    /// Offices and services (cached for a short while, see `catalogue.rs`).
    pub async fn catalogue(
        &self,
    ) -> Result<std::sync::Arc<super::catalogue::Catalogue>, crate::store::StoreError> {
        self.engine
            .catalogue
            .get(self.engine.repo.as_ref(), self.engine.config.catalogue_ttl)
            .await
    }

    /// A text by key.
    pub fn t(&self, key: &str) -> String {
        self.engine.texts.text(&self.locale, key, &[])
    }

    /// A text by key with arguments.
    pub fn ta(&self, key: &str, args: Args<'_>) -> String {
        self.engine.texts.text(&self.locale, key, &args)
    }

    /// A button with a localized label.
    pub fn button(&self, action: Action, key: &str) -> Button {
        Button::new(action, self.t(key))
    }

    /// Writes an audit entry for this chat user on this channel (every disclosure and every
    /// change to who may see what is recorded, with masked identifiers only).
    pub async fn audit(
        &mut self,
        action: &'static str,
        subject: Option<String>,
        outcome: &'static str,
    ) -> Result<(), StoreError> {
        let entry = AuditEntry {
            actor_kind: "chat_user",
            actor: self.user_id().await?.to_string(),
            channel: Some(self.channel.clone()),
            action,
            subject,
            outcome,
        };
        self.engine.repo.audit(&entry, self.now).await
    }

    /// A helper as the group sees them: their platform display name, or "a relative".
    pub fn helper_label(&self, label: Option<&str>) -> String {
        label
            .map(str::to_string)
            .unwrap_or_else(|| self.t("family-a-relative"))
    }

    /// Tells the user something (no question).
    pub fn say(&mut self, text: impl Into<String>) {
        self.replies.push(Reply::text(text));
    }

    /// Asks a question with choices, plus `back` and `menu` unless this is the menu.
    pub fn ask(&mut self, text: impl Into<String>, mut buttons: Vec<Button>, navigation: bool) {
        if navigation {
            buttons.push(self.button(Action::Back, "nav-back"));
            buttons.push(self.button(Action::Menu, "nav-menu"));
        }
        self.replies.push(Reply {
            text: text.into(),
            buttons,
            ..Reply::default()
        });
        self.prompted = true;
    }

    /// Says why the answer was not understood (`key`); the question is asked again.
    pub fn reprompt(&mut self, key: &str) {
        self.say(self.t(key));
        self.reprompted = true;
    }

    /// A pressed button that the current question did not offer.
    pub fn stale(&mut self) {
        self.reprompt("stale-button");
    }

    /// Input the current question did not ask for: a button from elsewhere is stale, text
    /// or a location gets "please choose". Returns `stay` (the state or answer that keeps
    /// the flow where it is), so the question is asked again.
    pub fn unexpected<T>(&mut self, input: &Input, stay: T) -> T {
        match input {
            Input::Button(_) => self.stale(),
            _ => self.reprompt("choose-from-buttons"),
        }
        stay
    }

    /// Asks which city, with a button per city of `offices` (named in the user's language)
    /// and an offer to share a location instead.
    pub fn ask_city<'o>(
        &mut self,
        question_key: &str,
        offices: impl IntoIterator<Item = &'o Office>,
    ) {
        let mut cities: Vec<(String, String)> = Vec::new();
        for o in offices {
            if !cities.iter().any(|(en, _)| *en == o.city_en) {
                cities.push((o.city_en.clone(), self.city_name(o)));
            }
        }
        cities.sort_by(|a, b| a.1.cmp(&b.1));
        let buttons = cities
            .into_iter()
            .map(|(en, label)| Button::new(Action::City(en), label))
            .collect();
        self.ask(self.t(question_key), buttons, true);
        self.replies.push(Reply {
            text: self.t("offices-or-share-location"),
            request_location: true,
            ..Reply::default()
        });
    }

    /// Asks which service, with a button per service of `services`.
    pub fn ask_service<'s>(
        &mut self,
        question_key: &str,
        services: impl IntoIterator<Item = &'s Service>,
    ) {
        let buttons = services
            .into_iter()
            .map(|s| {
                Button::new(
                    Action::Service(s.code.clone()),
                    self.service_name(s.code.as_str()),
                )
            })
            .collect();
        self.ask(self.t(question_key), buttons, true);
    }

    pub fn is_chinese(&self) -> bool {
        self.locale.starts_with("zh")
    }

    pub fn office_name(&self, office: &Office) -> String {
        let texts = &self.engine.texts;
        texts
            .pick(&self.locale, &office.name_en, &office.name_zh)
            .to_string()
    }

    pub fn city_name(&self, office: &Office) -> String {
        if self.is_chinese() {
            office.city_zh.clone()
        } else {
            office.city_en.clone()
        }
    }

    /// The address in the user's language and in Chinese (to show a taxi driver).
    pub fn office_address(&self, office: &Office) -> String {
        let texts = &self.engine.texts;
        texts.address(&self.locale, &office.address_en, &office.address_zh)
    }

    /// A service's document checklist (see `Localizer::document_list`).
    pub fn document_list(&self, service: &crate::domain::Service) -> String {
        self.engine
            .texts
            .document_list(&self.locale, &service.documents)
    }

    pub fn service_name(&self, code: &str) -> String {
        self.t(&format!("service-{code}"))
    }

    pub fn date(&self, day: NaiveDate) -> String {
        self.engine.texts.date(&self.locale, day)
    }

    /// The date a moment falls on in China, for what belongs to no office (a delegation's
    /// start, a passport's link, an e-document's issue): a person in Beijing just after
    /// midnight sees today's date, not yesterday's UTC one.
    pub fn local_date(&self, at: DateTime<Utc>) -> String {
        self.date(
            at.with_timezone(&crate::domain::CHINA_TIME_ZONE)
                .date_naive(),
        )
    }

    /// Today in China (for what belongs to no office).
    pub fn today(&self) -> NaiveDate {
        self.now
            .with_timezone(&crate::domain::CHINA_TIME_ZONE)
            .date_naive()
    }

    /// A date and time in an office's zone.
    pub fn date_time(&self, at: DateTime<Utc>, zone: chrono_tz::Tz) -> String {
        self.engine.texts.date_time(&self.locale, at, zone)
    }

    pub fn money(&self, fen: i64) -> String {
        self.engine.texts.money(&self.locale, fen)
    }
}

/// Nationalities offered as buttons; any other ISO alpha-3 code can be typed.
pub(crate) const COMMON_NATIONALITIES: &[&str] = &[
    "RUS", "USA", "KOR", "JPN", "DEU", "GBR", "FRA", "IND", "KAZ", "VNM", "PAK", "CAN", "AUS",
    "ITA", "ESP", "BRA",
];

impl Turn<'_> {
    /// Asks for the nationality, offering the common ones as buttons.
    pub fn ask_nationality(&mut self) {
        self.ask_nationality_or(Vec::new());
    }

    /// As `ask_nationality`, with other ways on (`extra`) after the countries.
    pub fn ask_nationality_or(&mut self, extra: Vec<Button>) {
        let mut buttons: Vec<Button> = COMMON_NATIONALITIES
            .iter()
            .filter_map(|code| code.parse().ok())
            .map(|code: Nationality| {
                let label = self.t(&format!("country-{code}"));
                Button::new(Action::Nationality(code), label)
            })
            .collect();
        buttons.extend(extra);
        self.ask(self.t("booking-ask-nationality"), buttons, true);
    }

    /// The nationality an answer gives (a `nat:` button or a typed code); otherwise tells the
    /// user why not and returns `None`.
    pub fn nationality_answer(&mut self, input: &Input) -> Option<Nationality> {
        let parsed = match input {
            Input::Button(Action::Nationality(code)) => Some(code.clone()),
            Input::Button(_) => None,
            Input::Text(text) => text.parse().ok(),
            Input::Location(..) => None,
        };
        if parsed.is_none() {
            match input {
                Input::Button(_) => self.stale(),
                _ => self.reprompt("booking-nationality-invalid"),
            }
        }
        parsed
    }

    /// The passport number an answer gives; otherwise tells the user why not.
    pub fn passport_answer(&mut self, input: &Input) -> Option<crate::domain::PassportNo> {
        let parsed = match input {
            Input::Text(text) => text.parse().ok(),
            _ => None,
        };
        if parsed.is_none() {
            match input {
                Input::Text(_) => self.reprompt("booking-passport-invalid"),
                other => self.unexpected(other, ()),
            }
        }
        parsed
    }
}

/// A typed date (birth date, passport expiry): `1990-01-31`, `31.01.1990` or `1990/01/31`.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    ["%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
}

/// The city an answer names: a `city:` button, or a city typed in English or Chinese.
pub(crate) fn city_answer<'o>(
    input: &Input,
    offices: impl IntoIterator<Item = &'o Office>,
) -> Option<String> {
    let mut offices = offices.into_iter();
    match input {
        Input::Button(Action::City(city)) => offices
            .find(|o| o.city_en == *city)
            .map(|o| o.city_en.clone()),
        Input::Button(_) => None,
        Input::Text(text) => {
            let wanted = text.trim().to_lowercase();
            offices
                .find(|o| o.city_en.to_lowercase() == wanted || o.city_zh == text.trim())
                .map(|o| o.city_en.clone())
        }
        Input::Location(..) => None,
    }
}
