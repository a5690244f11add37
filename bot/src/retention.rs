//! How long visadesk keeps people who keep nothing. A web chat user is known only by a
//! browser cookie: nothing is stored for them until a turn needs it (`Inbound::anonymous`),
//! and once stored, a web chat user who has been idle for the configured period and keeps
//! nothing that needs them (no applicant link, no appointment ahead, no delegation, no
//! waiting notification, …: the SQL store's `KEEPS_NOTHING`) is deleted with their session.
//! The scheduler runs the purge once per tick across processes (its database lease).
//! Users of every other channel are who their platform says and are never purged here.

use crate::store::{IdentityStore, SessionKey, SessionStore, StoreError};
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
