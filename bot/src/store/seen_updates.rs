//! Which platform updates have arrived already, so a redelivery (a webhook retry, updates
//! fetched again after a restart) runs no turn twice. Kept in the database, not in the
//! session store: it must outlive a restart even without Redis. Entries older than the
//! platform's redelivery horizon are removed now and then.

use super::StoreError;
use super::sql::{PgRepository, SqliteRepository};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// One in this many first arrivals also removes expired entries.
const PRUNE_EVERY: u64 = 500;

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

macro_rules! seen_updates {
    ($name:ty) => {
        #[async_trait]
        impl SeenUpdates for $name {
            async fn first_arrival(
                &self,
                channel: &str,
                key: &str,
                now: DateTime<Utc>,
                keep: Duration,
            ) -> Result<bool, StoreError> {
                let inserted = sqlx::query(
                    "INSERT INTO seen_updates (channel, update_key, seen_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (channel, update_key) DO NOTHING",
                )
                .bind(channel)
                .bind(key)
                .bind(now)
                .execute(self.pool())
                .await?
                .rows_affected();
                if inserted == 1 && rand::random_range(0..PRUNE_EVERY) == 0 {
                    let horizon = now - chrono::Duration::from_std(keep).unwrap_or_default();
                    sqlx::query("DELETE FROM seen_updates WHERE seen_at < $1")
                        .bind(horizon)
                        .execute(self.pool())
                        .await?;
                }
                Ok(inserted == 1)
            }
        }
    };
}

seen_updates!(PgRepository);
seen_updates!(SqliteRepository);
