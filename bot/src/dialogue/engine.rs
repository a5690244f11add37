//! The engine loop: one turn at a time per session (the store's turn lock), load the
//! session, resolve the input (`dispatch.rs`), let the current flow handle it (`flow.rs`),
//! ask the next question, save.
//! Anything unexpected becomes a polite answer: a stale button, an unreadable session,
//! an internal error (a localized apology with a reference code; the cause is logged with
//! that code and without personal data).

use super::dispatch::dispatch;
use super::keywords::Keywords;
use super::state::{Session, State};
use super::turn::Turn;
use super::{Inbound, InboundKind, Reply};
use crate::clock::SharedClock;
use crate::i18n::Localizer;
use crate::metrics::TurnOutcome;
use crate::store::{
    AttemptLimit, BookingLimits, ChatUser, Repository, SessionError, SessionKey, SessionStore,
    StoreError,
};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::time::Duration;

/// Tunables of the conversation.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// A session idle this long is forgotten.
    pub session_idle: Duration,
    /// A turn lock is released after this even if its process died.
    pub lock_ttl: Duration,
    /// How long a message waits for the previous one of the same sender.
    pub lock_wait: Duration,
    pub limits: BookingLimits,
    /// Working days ahead offered for booking.
    pub booking_days: usize,
    /// How long offices and services are kept in memory between reloads.
    pub catalogue_ttl: Duration,
    pub link_limits: LinkLimits,
}

/// Identity-proof attempts allowed (a right proof gives its attempt back) before the chat
/// user, or everyone trying one passport, must wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkLimits {
    pub per_user_per_hour: i64,
    pub per_passport_per_day: i64,
}

impl LinkLimits {
    /// A chat user's limit: `per_user_per_hour` in any hour.
    pub fn per_user(&self) -> AttemptLimit {
        AttemptLimit {
            max: self.per_user_per_hour,
            window: chrono::Duration::hours(1),
        }
    }

    /// A passport's limit: `per_passport_per_day` in any 24 hours.
    pub fn per_passport(&self) -> AttemptLimit {
        AttemptLimit {
            max: self.per_passport_per_day,
            window: chrono::Duration::days(1),
        }
    }
}

impl Default for LinkLimits {
    fn default() -> Self {
        Self {
            per_user_per_hour: 5,
            per_passport_per_day: 20,
        }
    }
}

impl Default for EngineConfig {
    fn default() -> Self {
        Self {
            session_idle: Duration::from_secs(30 * 60),
            lock_ttl: Duration::from_secs(30),
            lock_wait: Duration::from_secs(20),
            limits: BookingLimits::default(),
            booking_days: 30,
            catalogue_ttl: Duration::from_secs(30),
            link_limits: LinkLimits::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum TurnError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Session(#[from] SessionError),
}

/// A turn that went through: its answers and the session to store with them (`None`:
/// nothing to store, see `Engine::turn`).
struct Finished {
    replies: Vec<Reply>,
    session: Option<String>,
    locale: String,
    /// The flow that handled the message: the one it was in, or for a message to the menu,
    /// the one the menu led to.
    flow: &'static str,
    reprompted: bool,
}

/// The conversation engine shared by every channel: it owns the services a turn needs
/// (repository, session store, texts, catalogue cache, clock) and runs one turn per inbound
/// message under the session's turn lock. It never fails towards the user: every outcome,
/// an internal error included, becomes a localized reply.
pub struct Engine {
    pub(crate) repo: Arc<dyn Repository>,
    pub(crate) sessions: Arc<dyn SessionStore>,
    pub(crate) texts: Arc<Localizer>,
    pub(crate) keywords: Keywords,
    pub(crate) config: EngineConfig,
    pub(crate) catalogue: super::catalogue::CatalogueCache,
    /// Issues signed e-documents; `None` where no key was configured (tests of other flows).
    pub(crate) documents: Option<Arc<crate::documents::DocumentIssuer>>,
    /// Messages of one session arriving at this process during its turn wait in line.
    arrivals: super::arrival::ArrivalOrder,
    /// Where every turn's "now" comes from (the wall clock in production).
    pub(crate) clock: SharedClock,
}

impl Engine {
    pub fn new(
        repo: Arc<dyn Repository>,
        sessions: Arc<dyn SessionStore>,
        texts: Arc<Localizer>,
        config: EngineConfig,
    ) -> Engine {
        let keywords = Keywords::from_locales(&texts);
        Engine {
            repo,
            sessions,
            texts,
            keywords,
            config,
            catalogue: Default::default(),
            documents: None,
            arrivals: Default::default(),
            clock: crate::clock::system(),
        }
    }

    /// Lets every turn read the time from `clock` instead of the wall clock.
    pub fn with_clock(mut self, clock: SharedClock) -> Engine {
        self.clock = clock;
        self
    }

    /// Lets the engine issue e-documents with this key, verify URL and font.
    pub fn with_documents(mut self, issuer: Arc<crate::documents::DocumentIssuer>) -> Engine {
        self.documents = Some(issuer);
        self
    }

    pub fn texts(&self) -> &Localizer {
        &self.texts
    }

    /// Handles one message and returns the replies; never fails (see the module doc).
    /// Logs one line per turn: channel, a hash of the conversation (never its id, which can be
    /// a phone number), the input's kind and the latency, never the text.
    pub async fn handle(&self, inbound: &Inbound) -> Vec<Reply> {
        let started = std::time::Instant::now();
        let (replies, outcome, flow) = self.handle_turn(inbound).await;
        let latency = started.elapsed();
        crate::metrics::turn(&inbound.channel, flow, outcome, latency);
        tracing::info!(
            channel = %inbound.channel,
            flow,
            conversation = %conversation_hash(&inbound.channel, &inbound.conversation),
            input = input_kind(&inbound.kind),
            replies = replies.len(),
            outcome = outcome.as_str(),
            latency_ms = latency.as_secs_f64() * 1000.0,
            "turn"
        );
        replies
    }

    /// The replies, how the turn ended and the flow that handled it (`none` when no flow
    /// was reached).
    async fn handle_turn(&self, inbound: &Inbound) -> (Vec<Reply>, TurnOutcome, &'static str) {
        const NO_FLOW: &str = "none";
        let key = SessionKey::new(&inbound.channel, &inbound.conversation, &inbound.sender);
        let hinted = self
            .texts
            .negotiate(inbound.locale_hint.as_deref())
            .to_string();
        // First in line among this process's messages of the session, then the turn lock
        // (other processes); both within `lock_wait`.
        let busy = || {
            let apology = Reply::text(self.texts.text(&hinted, "error-busy", &[]));
            (vec![apology], TurnOutcome::Busy, NO_FLOW)
        };
        let deadline = std::time::Instant::now() + self.config.lock_wait;
        let Ok(_place) =
            tokio::time::timeout(self.config.lock_wait, self.arrivals.enter(&key)).await
        else {
            return busy();
        };
        let wait = deadline.saturating_duration_since(std::time::Instant::now());
        let (lock, stored) = match self.sessions.begin(&key, self.config.lock_ttl, wait).await {
            Ok(begun) => begun,
            Err(SessionError::Busy) => return busy(),
            Err(e) => return self.apology(&hinted, &TurnError::from(e), NO_FLOW),
        };
        let outcome = self.turn(stored.as_deref(), inbound, &hinted).await;
        let released = match &outcome {
            Ok(Finished {
                session: Some(session),
                ..
            }) => {
                self.sessions
                    .end(&lock, session, self.config.session_idle)
                    .await
            }
            Ok(Finished { session: None, .. }) | Err(_) => self.sessions.unlock(&lock).await,
        };
        match (outcome, released) {
            (Ok(done), Ok(_)) => {
                let outcome = if done.reprompted {
                    TurnOutcome::Reprompted
                } else {
                    TurnOutcome::Answered
                };
                (done.replies, outcome, done.flow)
            }
            // The answers lead to a state that was not stored: say sorry instead.
            (Ok(done), Err(e)) => self.apology(&done.locale, &e.into(), done.flow),
            (Err((locale, e)), released) => {
                if let Err(e) = released {
                    tracing::warn!(error = %e, "turn lock release failed; it expires by itself");
                }
                self.apology(&locale, &e, NO_FLOW)
            }
        }
    }

    /// A localized apology whose reference is in the log line of the cause.
    fn apology(
        &self,
        locale: &str,
        error: &TurnError,
        flow: &'static str,
    ) -> (Vec<Reply>, TurnOutcome, &'static str) {
        let reference = uuid::Uuid::new_v4().simple().to_string()[..8].to_ascii_uppercase();
        // Store and session errors carry SQL/Redis messages, never the values bound to them.
        tracing::error!(reference, error = %error, "turn failed");
        let text = self
            .texts
            .text(locale, "error-internal", &[("reference", reference.into())]);
        (vec![Reply::text(text)], TurnOutcome::Failed, flow)
    }

    async fn turn(
        &self,
        stored: Option<&str>,
        inbound: &Inbound,
        hinted: &str,
    ) -> Result<Finished, (String, TurnError)> {
        let fail = |locale: &str| {
            let locale = locale.to_string();
            move |e: TurnError| (locale, e)
        };
        let now = self.clock.now();
        let mut user = self
            .user_of(inbound, hinted, now)
            .await
            .map_err(|e| (hinted.to_string(), e.into()))?;
        // A language the platform hints is followed when it changes, unless the user chose
        // one themselves; a platform that hints nothing changes nothing.
        let mut followed = false;
        let hint = self.texts.hinted(inbound.locale_hint.as_deref());
        if let Some(u) = user.as_mut() {
            let wanted = u.locale_with_hint(hint).to_string();
            if wanted != u.locale {
                self.repo
                    .follow_locale(u.id, &u.locale, &wanted)
                    .await
                    .map_err(|e| (hinted.to_string(), e.into()))?;
                u.locale = wanted;
                followed = true;
            }
        }
        let locale = user
            .as_ref()
            .map_or(hinted, |u| u.locale.as_str())
            .to_string();
        let (mut session, restarted) = match stored.map(Session::from_stored) {
            Some(Some(session)) => (session, false),
            Some(None) => (Session::new(&locale), true),
            None => (Session::new(&locale), false),
        };
        if followed {
            session.locale = locale.clone();
        }
        // An anonymous sender with nothing stored starts where every new browser starts: at
        // the menu, whose buttons a typed "2" refers to. That session is rebuilt here each
        // time instead of being stored.
        let unstored = inbound.anonymous.is_some() && user.is_none() && stored.is_none();
        let mut turn = Turn::new(self, session.locale.clone(), user, now);
        turn.channel = inbound.channel.clone();
        turn.sender = inbound.sender.clone();
        turn.sender_name = inbound.sender_name.clone();
        turn.group = inbound.group;
        turn.private_chat = inbound.private_chat.clone();
        turn.anonymous = inbound.anonymous.clone();
        if unstored {
            session.buttons = button_pairs(&super::menu::buttons(&turn));
        }
        let start = session.clone();
        let before = session.state.flow_name();
        let next = if restarted {
            turn.say(turn.t("session-restarted"));
            State::Menu
        } else {
            let state = session.state.clone();
            let next = dispatch(&mut turn, state, &session, &inbound.kind)
                .await
                .map_err(fail(&session.locale))?;
            match next {
                State::Booking(_) if turn.group => super::booking::leave_group(&mut turn),
                next => next,
            }
        };
        if !turn.prompted {
            next.prompt(&mut turn).await.map_err(fail(&turn.locale))?;
        }
        session.buttons = turn
            .replies
            .iter()
            .rev()
            .find(|r| !r.buttons.is_empty())
            .map(|r| button_pairs(&r.buttons))
            .unwrap_or_default();
        let flow = match session.state {
            State::Menu => next.flow_name(),
            _ => before,
        };
        session.locale = turn.locale.clone();
        session.state = next;
        // An anonymous sender who is still not stored and was left where they started (the
        // welcome, help, the menu again) has nothing to keep: a flood of new browsers stores
        // nothing at all. Nor has a chat user erased in this turn.
        let untouched = unstored && !turn.user_stored() && session == start;
        let keep = !(turn.erased || untouched);
        Ok(Finished {
            session: keep
                .then(|| serde_json::to_string(&session).expect("a session always serializes")),
            locale: session.locale,
            replies: turn.replies,
            flow,
            reprompted: turn.reprompted,
        })
    }

    /// The chat user behind the sender, created on first contact; for an anonymous sender
    /// only if already stored (`Turn::user_id` stores them when a step needs it). Their
    /// last-seen time is refreshed (`seen`).
    async fn user_of(
        &self,
        inbound: &Inbound,
        hinted: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<ChatUser>, StoreError> {
        let (channel, sender) = (&inbound.channel, &inbound.sender);
        let user = if inbound.anonymous.is_some() {
            self.repo.find_chat_user(channel, sender).await?
        } else {
            Some(self.repo.chat_user(channel, sender, hinted).await?)
        };
        match user {
            Some(user) => Ok(Some(self.seen(user, now).await?)),
            None => Ok(None),
        }
    }

    /// `user` with their last-seen time at `now` when the stored one is old: at most one
    /// write an hour per chat user, enough to tell who has been idle for days.
    pub(crate) async fn seen(
        &self,
        mut user: ChatUser,
        now: DateTime<Utc>,
    ) -> Result<ChatUser, StoreError> {
        if user.seen_long_ago(now) {
            self.repo.mark_seen(user.id, now).await?;
            user.last_seen = now;
        }
        Ok(user)
    }
}

/// Buttons as a session keeps them, (id, label), to resolve a typed number or label.
fn button_pairs(buttons: &[super::Button]) -> Vec<(String, String)> {
    buttons
        .iter()
        .map(|b| (b.id.clone(), b.label.clone()))
        .collect()
}

/// A short, stable, non-reversible tag for a conversation in logs (first 12 hex digits of
/// SHA-256), so one conversation's lines can be followed without recording who it is.
pub(crate) fn conversation_hash(channel: &str, conversation: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{channel}\u{0}{conversation}").as_bytes());
    hex::encode(&digest[..6])
}

fn input_kind(kind: &InboundKind) -> &'static str {
    match kind {
        InboundKind::Text(_) => "text",
        InboundKind::Button(_) => "button",
        InboundKind::Location { .. } => "location",
        InboundKind::Command { .. } => "command",
    }
}
