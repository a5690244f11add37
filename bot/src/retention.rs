//! How long visadesk keeps people who keep nothing. A web chat user is known only by a
//! browser cookie: nothing is stored for them until a turn needs it (`Inbound::anonymous`),
//! and once stored, a web chat user who has been idle for the configured period and keeps
//! nothing that needs them (no applicant link, no appointment ahead, no delegation, no
//! waiting notification, …: the SQL store's `KEEPS_NOTHING`) is deleted with their session.
//! The scheduler runs the purge once per tick across processes (its database lease).
//! Users of every other channel are who their platform says and are never purged here.
//!
//! Everything else that is kept only for a while (audit lines, finished notifications, seen
//! platform updates, expired codes and invitations, proof attempts) goes after its period of
//! the `RetentionPolicy` (`purge_expired`), on the scheduler's retention job. Drafts (a
//! booking or a proof half filled in) live only in the dialogue session, which idles out.

use crate::store::{Expired, IdentityStore, RetentionStore, SessionKey, SessionStore, StoreError};
use chrono::{DateTime, TimeDelta, Utc};

/// The channel whose users are anonymous: the web chat (conversation = sender = cookie).
pub const WEB_CHANNEL: &str = "web";

/// Chat users deleted per statement batch: a purge of many holds no lock for long.
const BATCH: i64 = 500;

/// Deletes the web chat users idle for `idle` at `now` who keep nothing, and their sessions;
/// returns how many went. A session that cannot be deleted is left to expire (sessions idle
/// out after `VISADESK_SESSION_IDLE_MINUTES`) and logged.
pub async fn purge_idle_web_users(
    repo: &dyn IdentityStore,
    sessions: &dyn SessionStore,
    idle: TimeDelta,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let mut purged = 0;
    loop {
        let gone = repo
            .purge_idle_users(WEB_CHANNEL, now - idle, now, BATCH)
            .await?;
        for conversation in &gone {
            let key = SessionKey::new(WEB_CHANNEL, conversation, conversation);
            if let Err(e) = sessions.delete(&key).await {
                tracing::warn!(error = %e, "session of a purged web chat user left to expire");
            }
        }
        purged += gone.len() as u64;
        if (gone.len() as i64) < BATCH {
            return Ok(purged);
        }
    }
}

/// How long each kind of expiring row is kept (`VISADESK_RETAIN_*`, docs/operations.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionPolicy {
    pub audit_lines: TimeDelta,
    pub notifications: TimeDelta,
    pub seen_updates: TimeDelta,
    pub codes: TimeDelta,
    pub proof_attempts: TimeDelta,
}

impl Default for RetentionPolicy {
    /// Three years of audit lines (long enough for a complaint to be looked into), 90 days
    /// of finished notifications, two days of seen updates (the de-duplication window),
    /// 30 days of expired or used codes and of proof attempts.
    fn default() -> Self {
        RetentionPolicy {
            audit_lines: TimeDelta::days(3 * 365),
            notifications: TimeDelta::days(90),
            seen_updates: TimeDelta::days(2),
            codes: TimeDelta::days(30),
            proof_attempts: TimeDelta::days(30),
        }
    }
}

impl RetentionPolicy {
    /// How long rows of `kind` are kept.
    pub fn period(&self, kind: Expired) -> TimeDelta {
        match kind {
            Expired::AuditLines => self.audit_lines,
            Expired::Notifications => self.notifications,
            Expired::SeenUpdates => self.seen_updates,
            Expired::Codes => self.codes,
            Expired::ProofAttempts => self.proof_attempts,
        }
    }
}

/// Deletes every kind's rows older than its period at `now`, a batch at a time; returns how
/// many of each went.
pub async fn purge_expired(
    store: &dyn RetentionStore,
    policy: &RetentionPolicy,
    now: DateTime<Utc>,
) -> Result<Vec<(Expired, u64)>, StoreError> {
    let mut report = Vec::with_capacity(Expired::ALL.len());
    for kind in Expired::ALL {
        let before = now - policy.period(kind);
        let mut purged = 0;
        loop {
            let gone = store.purge_expired(kind, before, BATCH).await?;
            purged += gone;
            if gone < BATCH as u64 {
                break;
            }
        }
        report.push((kind, purged));
    }
    Ok(report)
}
