//! The dispatcher: delivers outbox rows to people, at least once, never twice to their eye.
//!
//! It claims due rows (a lease: rows of a process that died are taken again when it runs
//! out), renders each notice in the recipient's language at send time, and sends it through
//! the `ChannelSender` of every channel identity of the recipient that has not had it yet
//! (the `deliveries` table remembers). Each send carries the row's dedup key, so a platform
//! or a callback receiver can drop a repeat after a crash between sending and recording.
//! Failures are retried with exponential backoff until `max_attempts`, then the row is dead
//! (listed by `GET /api/v1/admin/outbox?state=dead`). An opt-out is read at send time, so it
//! counts at once. Non-urgent notices wait out the quiet hours; sends to one chat are paced.
//!
//! `start` runs the dispatcher and the scheduler (`scheduler.rs`) as `serve` configures them.

pub mod generic_notifier;
pub mod pacing;
pub mod scheduler;
pub mod telegram_notifier;
pub mod wechat_notifier;
pub mod whatsapp_notifier;

use crate::app::App;
use crate::channels::Channels;
use crate::metrics::SendResult;
use async_trait::async_trait;
use chrono::{DateTime, Duration as TimeDelta, NaiveTime, Utc};
use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use visadesk_bot::clock::SharedClock;
use visadesk_bot::dialogue::Reply;
use visadesk_bot::domain::zone_or_china;
use visadesk_bot::i18n::Localizer;
use visadesk_bot::notify::{self, Notice};
use visadesk_bot::store::backoffice::{BackofficeStore, Finish, OutboxRow};

/// Who a send goes to on one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The platform's id of the person (Telegram chat id, WhatsApp number, generic sender id).
    pub external_id: String,
    /// Stable per recipient and event: a receiver drops a message it has seen.
    pub dedup_key: String,
    /// The language the replies were rendered in (a platform template needs it too).
    pub locale: String,
}

/// Why a send failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth trying again (rate limit, server error, network); `after` when the platform
    /// said how long to wait.
    #[error("temporary failure: {reason}")]
    Retry {
        after: Option<Duration>,
        reason: String,
    },
    /// Will not work however often it is tried (blocked bot, unknown recipient).
    #[error("permanent failure: {0}")]
    Permanent(String),
}

/// A platform's sending limits; the dispatcher paces its sends to stay within them.
/// Telegram, for example: `per_channel` 1/30 s (about 30 messages a second per bot),
/// `per_chat` 1 s for private chats and 3 s for groups (20 a minute).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SendLimits {
    /// Shortest gap between two messages to one chat; `None`: the configured default
    /// (`VISADESK_DISPATCH_PER_CHAT_PER_SECOND`).
    pub per_chat: Option<Duration>,
    /// Shortest gap between any two messages of the channel (a bot-wide limit).
    pub per_channel: Option<Duration>,
}

/// One messaging channel's way of sending replies to a person, outside a conversation turn.
/// Each channel implements it; the dispatcher knows nothing else of the platform.
#[async_trait]
pub trait ChannelSender: Send + Sync {
    /// The channel name as stored in `channel_identities.channel` (`telegram`, `generic`…).
    fn channel(&self) -> &str;
    async fn send(&self, to: &Target, replies: &[Reply]) -> Result<(), SendError>;
    /// The platform's limits for sends to `external_id`; none beyond the default.
    fn limits(&self, _external_id: &str) -> SendLimits {
        SendLimits::default()
    }
}

/// How the dispatcher behaves (from `NotificationSettings`).
#[derive(Debug, Clone)]
pub struct DispatchConfig {
    pub interval: Duration,
    pub batch: i64,
    pub max_attempts: i32,
    pub lease: Duration,
    /// Shortest pause between two sends to one chat.
    pub per_chat_gap: Duration,
    pub quiet_hours: Option<(NaiveTime, NaiveTime)>,
    /// First retry delay; doubled per attempt, at most an hour.
    pub retry_base: Duration,
}

impl DispatchConfig {
    pub fn from_settings(s: &crate::config::NotificationSettings) -> DispatchConfig {
        DispatchConfig {
            interval: s.interval,
            batch: s.batch,
            max_attempts: s.max_attempts,
            lease: s.lease,
            per_chat_gap: Duration::from_secs(1) / s.per_chat_per_second.max(1),
            quiet_hours: s.quiet_hours,
            retry_base: Duration::from_secs(2),
        }
    }
}

/// Delivers due outbox rows through the configured channel senders.
pub struct Dispatcher {
    store: Arc<dyn BackofficeStore>,
    texts: Arc<Localizer>,
    senders: HashMap<String, Arc<dyn ChannelSender>>,
    config: DispatchConfig,
    /// Distinguishes this process's claims from another's.
    worker: String,
    pacing: pacing::Pacing,
    /// What "due", "stale" and "quiet hours" are measured against.
    clock: SharedClock,
}

impl Dispatcher {
    pub fn new(
        store: Arc<dyn BackofficeStore>,
        texts: Arc<Localizer>,
        senders: Vec<Arc<dyn ChannelSender>>,
        config: DispatchConfig,
    ) -> Dispatcher {
        Dispatcher {
            store,
            texts,
            senders: senders
                .into_iter()
                .map(|s| (s.channel().to_string(), s))
                .collect(),
            pacing: pacing::Pacing::new(config.per_chat_gap),
            config,
            worker: format!(
                "dispatcher-{}-{}",
                std::process::id(),
                uuid::Uuid::new_v4().simple()
            ),
            clock: visadesk_bot::clock::system(),
        }
    }

    /// Reads the time from `clock` instead of the wall clock.
    pub fn with_clock(mut self, clock: SharedClock) -> Dispatcher {
        self.clock = clock;
        self
    }

    /// The dispatcher of a running service, with a sender for every configured channel,
    /// sending through the channels' own clients.
    pub fn from_app(app: &App, channels: &Channels) -> Dispatcher {
        let mut senders: Vec<Arc<dyn ChannelSender>> = Vec::new();
        if let Some(sender) = generic_notifier::GenericCallbackNotifier::from_settings(
            &app.settings,
            channels.http.clone(),
        ) {
            senders.push(Arc::new(sender));
        }
        if let Some(whatsapp) = &channels.whatsapp {
            senders.push(Arc::new(whatsapp_notifier::WhatsAppNotifier::new(
                whatsapp,
                app.expiring.clone(),
            )));
        }
        if let Some(api) = channels.wechat.as_ref().and_then(|w| w.api.clone()) {
            senders.push(Arc::new(wechat_notifier::WeChatNotifier::new(api)));
        }
        if let Some(telegram) = &channels.telegram {
            senders.push(Arc::new(telegram_notifier::TelegramNotifier::new(
                telegram.sender.clone(),
            )));
        }
        Dispatcher::new(
            app.backoffice.clone(),
            app.texts.clone(),
            senders,
            DispatchConfig::from_settings(&app.settings.notifications),
        )
        .with_shared_pacing(app.expiring.clone())
        .with_clock(app.clock.clone())
    }

    /// Keeps each chat's pace across all dispatchers sharing `store` (Redis: all processes).
    pub fn with_shared_pacing(
        mut self,
        store: Arc<dyn visadesk_bot::store::ExpiringStore>,
    ) -> Dispatcher {
        self.pacing = self.pacing.shared(store);
        self
    }

    /// Adds (or replaces) the sender of a channel, e.g. Telegram's once its adapter runs.
    pub fn with_sender(mut self, sender: Arc<dyn ChannelSender>) -> Dispatcher {
        self.senders.insert(sender.channel().to_string(), sender);
        self
    }

    /// Claims and delivers until `shutdown` completes; rows in hand are finished first.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send) {
        let this = Arc::new(self);
        tokio::pin!(shutdown);
        loop {
            let handled = match this.run_once().await {
                Ok(n) => n,
                Err(e) => {
                    tracing::error!(error = %e, "dispatcher: claim failed");
                    0
                }
            };
            if handled > 0 {
                continue;
            }
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(this.config.interval) => {}
            }
        }
        tracing::info!("dispatcher stopped");
    }

    /// Claims one batch and delivers it (rows to different chats in parallel); returns how
    /// many rows were claimed.
    pub async fn run_once(self: &Arc<Self>) -> Result<usize, visadesk_bot::store::StoreError> {
        let now = self.clock.now();
        let lease = TimeDelta::from_std(self.config.lease).unwrap_or(TimeDelta::seconds(60));
        let rows = self
            .store
            .claim_due(&self.worker, now + lease, self.config.batch, now)
            .await?;
        let count = rows.len();
        crate::metrics::dispatcher_claimed(count);
        // Paced sends to one chat must end well within the lease: rows beyond what one chat
        // may receive in half a lease go back to the queue untouched.
        let per_chat_cap = (self.config.lease.as_secs_f64()
            / 2.0
            / self.config.per_chat_gap.as_secs_f64().max(0.001))
        .max(1.0) as usize;
        let mut per_chat: HashMap<Option<i64>, usize> = HashMap::new();
        let mut tasks = tokio::task::JoinSet::new();
        for row in rows {
            let seen = per_chat.entry(row.chat_user_id).or_default();
            *seen += 1;
            let this = self.clone();
            if *seen > per_chat_cap {
                tasks.spawn(async move {
                    let now = this.clock.now();
                    let defer = Finish::Defer { at: now };
                    if let Err(e) = this.store.finish(row.id, &this.worker, &defer, now).await {
                        tracing::error!(outbox = row.id, error = %e, "could not put a row back");
                    }
                });
            } else {
                // Each send has an id of its own, in its log lines and passed on to the
                // generic callback, as a request's.
                tasks.spawn(crate::observe::with_new_request_id(
                    "notification",
                    async move { this.deliver(row).await },
                ));
            }
        }
        while tasks.join_next().await.is_some() {}
        Ok(count)
    }

    async fn deliver(&self, row: OutboxRow) {
        let finish = self.attempt(&row).await;
        match &finish {
            Finish::Dead(reason) => {
                crate::metrics::notification_dead();
                tracing::warn!(outbox = row.id, kind = %row.kind, reason = %reason, "notification dead-lettered")
            }
            Finish::Retry { error, .. } => {
                tracing::info!(outbox = row.id, attempts = row.attempts, error = %error, "notification will be retried")
            }
            Finish::Delivered => {
                tracing::info!(outbox = row.id, kind = %row.kind, "notification delivered")
            }
            _ => {}
        }
        match self
            .store
            .finish(row.id, &self.worker, &finish, self.clock.now())
            .await
        {
            Ok(true) => {}
            Ok(false) => tracing::warn!(outbox = row.id, "claim lapsed before the send finished"),
            Err(e) => {
                tracing::error!(outbox = row.id, error = %e, "could not record a delivery outcome")
            }
        }
    }

    /// Sends one row to every identity that has not had it; says what became of it.
    async fn attempt(&self, row: &OutboxRow) -> Finish {
        let notice = match Notice::from_payload(&row.payload) {
            Ok(n) => n,
            Err(e) => return Finish::Dead(format!("unreadable payload: {e}")),
        };
        let Some(user) = row.chat_user_id else {
            return Finish::Skipped("no recipient".into());
        };
        let recipient = match self.store.recipient(user, row.id).await {
            Ok(Some(r)) => r,
            Ok(None) => return Finish::Skipped("the chat user is gone".into()),
            Err(e) => return self.retry(row, None, format!("store: {e}")),
        };
        if !recipient.notifications_enabled {
            return Finish::Skipped("notifications are off".into());
        }
        let now = self.clock.now();
        if notice.is_stale(now) {
            return Finish::Skipped("too late to be of use".into());
        }
        if !notice.is_urgent()
            && let Some(until) = quiet_until(self.config.quiet_hours, now, &notice)
        {
            return Finish::Defer { at: until };
        }
        let locale = self.texts.negotiate(Some(&recipient.locale)).to_string();
        let replies = notify::render(&self.texts, &locale, &notice);
        let mut reachable = 0;
        let mut delivered = 0;
        let mut temporary: Option<(Option<Duration>, String)> = None;
        let mut permanent: Option<String> = None;
        for (channel, external_id) in &recipient.identities {
            let Some(sender) = self.senders.get(channel) else {
                continue;
            };
            reachable += 1;
            if recipient
                .delivered
                .iter()
                .any(|(c, e)| c == channel && e == external_id)
            {
                delivered += 1;
                continue;
            }
            let permit = self
                .pacing
                .wait_to_send(channel, external_id, sender.limits(external_id))
                .await;
            let target = Target {
                external_id: external_id.clone(),
                dedup_key: row.dedup_key.clone(),
                locale: locale.clone(),
            };
            let sent = sender.send(&target, &replies).await;
            drop(permit);
            crate::metrics::notification_send(
                channel,
                match &sent {
                    Ok(()) => SendResult::Sent,
                    Err(SendError::Retry { .. }) => SendResult::Retry,
                    Err(SendError::Permanent(_)) => SendResult::Failed,
                },
            );
            match sent {
                Ok(()) => {
                    delivered += 1;
                    if let Err(e) = self
                        .store
                        .record_delivery(row.id, channel, external_id, self.clock.now())
                        .await
                    {
                        // Sent but not recorded: a retry may send again; the dedup key lets
                        // the receiver drop it.
                        tracing::error!(outbox = row.id, error = %e, "could not record a delivery");
                    }
                }
                Err(SendError::Retry { after, reason }) => {
                    temporary = Some((after, format!("{channel}: {reason}")))
                }
                Err(SendError::Permanent(reason)) => {
                    permanent = Some(format!("{channel}: {reason}"))
                }
            }
        }
        if reachable == 0 {
            return Finish::Skipped("no channel can reach this person".into());
        }
        match (temporary, permanent) {
            (Some((after, reason)), _) => self.retry(row, after, reason),
            (None, Some(reason)) if delivered == 0 => Finish::Dead(reason),
            _ => Finish::Delivered,
        }
    }

    /// Retries later with exponential backoff, or gives up after `max_attempts`.
    fn retry(&self, row: &OutboxRow, after: Option<Duration>, error: String) -> Finish {
        if row.attempts >= self.config.max_attempts {
            return Finish::Dead(format!("gave up after {} attempts: {error}", row.attempts));
        }
        let exponent = u32::try_from(row.attempts.max(1) - 1).unwrap_or(0).min(16);
        let backoff = self
            .config
            .retry_base
            .saturating_mul(2u32.saturating_pow(exponent))
            .min(Duration::from_secs(3600));
        let wait = after.map_or(backoff, |a| a.max(backoff));
        Finish::Retry {
            at: self.clock.now() + TimeDelta::from_std(wait).unwrap_or(TimeDelta::hours(1)),
            error,
        }
    }
}

/// When a non-urgent notice may go out if `now` is within the quiet hours (in the zone of
/// the office the notice is about, Asia/Shanghai otherwise); `None` outside them.
pub fn quiet_until(
    quiet: Option<(NaiveTime, NaiveTime)>,
    now: DateTime<Utc>,
    notice: &Notice,
) -> Option<DateTime<Utc>> {
    quiet_until_in(quiet, now, zone_or_china(notice.zone()))
}

/// When quiet hours `quiet` end if `now` is within them in `zone`; `None` outside them. The
/// back-office API tells an office with it that the change it made is held (`held_until`).
pub fn quiet_until_in(
    quiet: Option<(NaiveTime, NaiveTime)>,
    now: DateTime<Utc>,
    zone: chrono_tz::Tz,
) -> Option<DateTime<Utc>> {
    let (start, end) = quiet?;
    let local = now.with_timezone(&zone);
    let time = local.time();
    let inside = if start <= end {
        time >= start && time < end
    } else {
        time >= start || time < end
    };
    if !inside {
        return None;
    }
    let day = if start > end && time >= start {
        local.date_naive() + TimeDelta::days(1)
    } else {
        local.date_naive()
    };
    use chrono::TimeZone;
    zone.from_local_datetime(&day.and_time(end))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// Runs the dispatcher and the scheduler of a `serve` process as configured, until
/// `shutdown` fires; returns their task handles.
pub fn start(
    app: &App,
    channels: &Channels,
    shutdown: tokio::sync::watch::Receiver<bool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let mut handles = Vec::new();
    let settings = &app.settings.notifications;
    if settings.dispatcher {
        let dispatcher = Dispatcher::from_app(app, channels);
        let mut rx = shutdown.clone();
        handles.push(tokio::spawn(async move {
            dispatcher
                .run(async move {
                    let _ = rx.wait_for(|stop| *stop).await;
                })
                .await
        }));
    }
    if settings.scheduler {
        match scheduler::Scheduler::from_app(app) {
            Ok(scheduler) => {
                let mut rx = shutdown;
                handles.push(tokio::spawn(async move {
                    scheduler
                        .run(async move {
                            let _ = rx.wait_for(|stop| *stop).await;
                        })
                        .await
                }));
            }
            Err(e) => tracing::error!(error = %e, "scheduler not started"),
        }
    }
    handles
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn quiet_hours_hold_until_morning_in_the_office_zone() {
        let quiet = Some((
            NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        ));
        let notice = Notice::PermitExpiring {
            permit_kind: visadesk_bot::domain::PermitKind::Visa,
            expires_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            days: 7,
            renewal_service: "visa-extension".into(),
        };
        // 15:00 UTC is 23:00 in Shanghai: wait until 08:00 Shanghai = 00:00 UTC next day.
        let late = Utc.with_ymd_and_hms(2026, 11, 25, 15, 0, 0).unwrap();
        assert_eq!(
            quiet_until(quiet, late, &notice),
            Some(Utc.with_ymd_and_hms(2026, 11, 26, 0, 0, 0).unwrap())
        );
        // 20:00 UTC is 04:00 in Shanghai: same morning.
        let early = Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).unwrap();
        assert_eq!(
            quiet_until(quiet, early, &notice),
            Some(Utc.with_ymd_and_hms(2026, 11, 26, 0, 0, 0).unwrap())
        );
        let noon = Utc.with_ymd_and_hms(2026, 11, 25, 4, 0, 0).unwrap();
        assert_eq!(quiet_until(quiet, noon, &notice), None);
        assert_eq!(quiet_until(None, late, &notice), None);
    }
}
