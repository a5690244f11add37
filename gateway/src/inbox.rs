//! No message lost on a crash. Telegram (once the `getUpdates` offset or the webhook's 200
//! confirmed an update), WhatsApp (once the webhook answered 200) and WeChat (once the
//! passive reply window answered) count a message as delivered before its turn has run. So
//! each adapter records the message with what its turn needs when it takes it (`arrive`, in
//! the database's `seen_updates`, claimed by this process for `VISADESK_INBOX_LEASE_SECONDS`),
//! and drops that record's payload as soon as the engine has answered ([`Claim::turn_done`]),
//! before the answer is sent.
//!
//! Every process looks now and then (`run`) for messages whose turn never finished and whose
//! claim lapsed: their process stopped (a crash, `kill -9`, a lost machine). It claims them
//! and runs their turns through the same adapter code, so the person gets the answer they
//! were owed. Guarantees: a message is processed at least once; it is answered at most once,
//! because the payload is dropped before the answer is sent (a process that dies between the
//! two loses that answer rather than sending it twice); a redelivery of a known message runs
//! no turn (its key is remembered for the platform's redelivery horizon). A turn still
//! running after the lease (a very slow database) may be run a second time by another
//! process; the lease defaults to a minute, far beyond a turn's few milliseconds.

use crate::app::App;
use crate::channels::Channels;
use chrono::{DateTime, TimeDelta, Utc};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use visadesk_bot::store::StoreError;

/// Unfinished messages taken over per channel and check.
const BATCH: i64 = 20;

/// The inbox record of one message this process runs the turn of.
#[derive(Debug)]
pub struct Claim {
    channel: &'static str,
    key: String,
    done: AtomicBool,
}

impl Claim {
    pub fn new(channel: &'static str, key: String) -> Claim {
        Claim {
            channel,
            key,
            done: AtomicBool::new(false),
        }
    }

    /// Records that the turn has run: the message's payload is dropped and the message is no
    /// longer taken over by another process. Called once the engine answered, before the
    /// answer is sent, and again (doing nothing) when the adapter is done with the message.
    /// A failure is logged: the message would then run again after the lease.
    pub async fn turn_done(&self, app: &App) {
        if self.done.swap(true, Ordering::AcqRel) {
            return;
        }
        if let Err(e) = app.repo.turn_done(self.channel, &self.key).await {
            tracing::error!(channel = self.channel, error = %e, "inbox: turn not marked done; it may run again");
        }
    }
}

/// Records message `key` of `channel` with `payload` (what its turn needs), claimed by this
/// process: `Some(claim)` the first time, `None` for a message seen before.
pub async fn arrive(
    app: &App,
    channel: &'static str,
    key: String,
    payload: &str,
    keep: Duration,
) -> Result<Option<Claim>, StoreError> {
    let now = app.clock.now();
    let first = app
        .repo
        .arrive(channel, &key, payload, now, lease_end(app, now), keep)
        .await?;
    Ok(first.then(|| Claim::new(channel, key)))
}

fn lease_end(app: &App, now: DateTime<Utc>) -> DateTime<Utc> {
    now + TimeDelta::from_std(app.settings.inbox_lease).unwrap_or(TimeDelta::seconds(60))
}

/// Takes over and runs the unfinished messages of every configured channel, every half
/// lease, until `shutdown`.
pub async fn run(app: App, channels: Channels, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    let every = (app.settings.inbox_lease / 2).max(Duration::from_millis(500));
    loop {
        recover(&app, &channels).await;
        tokio::select! {
            _ = shutdown.wait_for(|stop| *stop) => break,
            () = tokio::time::sleep(every) => {}
        }
    }
}

/// One look for unfinished messages of every configured channel; returns how many were
/// taken over.
pub async fn recover(app: &App, channels: &Channels) -> usize {
    let mut taken = 0;
    let adapters = [
        (
            crate::channels::telegram::CHANNEL,
            channels.telegram.is_some(),
        ),
        (
            crate::channels::whatsapp::CHANNEL,
            channels.whatsapp.is_some(),
        ),
        (crate::channels::wechat::CHANNEL, channels.wechat.is_some()),
    ];
    for (channel, configured) in adapters {
        if !configured {
            continue;
        }
        let now = app.clock.now();
        let unfinished = match app
            .repo
            .claim_unfinished(channel, now, lease_end(app, now), BATCH)
            .await
        {
            Ok(unfinished) => unfinished,
            Err(e) => {
                tracing::warn!(channel, error = %e, "inbox: unfinished messages not checked");
                continue;
            }
        };
        for update in unfinished {
            taken += 1;
            tracing::warn!(
                channel,
                "inbox: running the turn of a message its process left unfinished"
            );
            let claim = Claim::new(channel, update.key);
            let work = resume(app.clone(), channels.clone(), claim, update.payload);
            tokio::spawn(crate::observe::with_new_request_id("recovered_turn", work));
        }
    }
    taken
}

/// Hands a taken-over message to its adapter.
async fn resume(app: App, channels: Channels, claim: Claim, payload: String) {
    match claim.channel {
        crate::channels::telegram::CHANNEL => {
            if let Some(telegram) = &channels.telegram {
                telegram.resume(&app, claim, &payload).await;
            }
        }
        crate::channels::whatsapp::CHANNEL => {
            if let Some(whatsapp) = &channels.whatsapp {
                crate::channels::whatsapp::resume(app, whatsapp.clone(), claim, &payload).await;
            }
        }
        crate::channels::wechat::CHANNEL => {
            if let Some(wechat) = &channels.wechat {
                crate::channels::wechat::resume(app, wechat.clone(), claim, &payload).await;
            }
        }
        _ => {}
    }
}
