//! Which platform updates have arrived already, so a redelivery (a webhook retry, updates
//! fetched again after a restart) runs no turn twice; and, until its turn has run, what each
//! one said, so that a turn cut off by a crash runs after all. Kept in the database, not in
//! the session store: it must outlive a restart even without Redis. Entries older than the
//! platform's redelivery horizon are removed now and then.

use super::StoreError;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// An update taken over from a process that stopped before its turn ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnfinishedUpdate {
    pub key: String,
    /// What the adapter stored on arrival to run the turn (the platform's message).
    pub payload: String,
}

/// Arrival de-duplication and the inbox of platform updates (implemented in
/// `sql/seen_updates.rs`).
#[async_trait]
pub trait SeenUpdates: Send + Sync {
    /// Records that update `key` of `channel` arrived at `now`, keeping `payload` (what the
    /// turn needs) until `turn_done`, with the turn claimed by the caller until
    /// `claimed_until`: `true` the first time, `false` for a redelivery. Entries older than
    /// `keep` may be forgotten.
    async fn arrive(
        &self,
        channel: &str,
        key: &str,
        payload: &str,
        now: DateTime<Utc>,
        claimed_until: DateTime<Utc>,
        keep: Duration,
    ) -> Result<bool, StoreError>;

    /// The turn of update `key` has run: its payload is dropped (it may hold personal data)
    /// and the update stays remembered as seen.
    async fn turn_done(&self, channel: &str, key: &str) -> Result<(), StoreError>;

    /// Updates of `channel` whose turn never finished and whose claim lapsed before `now`
    /// (the process that took them stopped), oldest first, at most `limit`: claimed by the
    /// caller until `claimed_until`, so that no other process takes them meanwhile.
    async fn claim_unfinished(
        &self,
        channel: &str,
        now: DateTime<Utc>,
        claimed_until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<UnfinishedUpdate>, StoreError>;
}
