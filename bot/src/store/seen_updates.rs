//! Which platform updates have arrived already, so a redelivery (a webhook retry, updates
//! fetched again after a restart) runs no turn twice. Kept in the database, not in the
//! session store: it must outlive a restart even without Redis. Entries older than the
//! platform's redelivery horizon are removed now and then.

use super::StoreError;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// Arrival de-duplication of platform updates (implemented in `sql/seen_updates.rs`).
#[async_trait]
pub trait SeenUpdates: Send + Sync {
    /// Records that update `key` of `channel` arrived at `now`: `true` the first time,
    /// `false` for a redelivery. Entries older than `keep` may be forgotten.
    async fn first_arrival(
        &self,
        channel: &str,
        key: &str,
        now: DateTime<Utc>,
        keep: Duration,
    ) -> Result<bool, StoreError>;
}
