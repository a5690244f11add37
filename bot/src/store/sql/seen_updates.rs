//! `SeenUpdates` in SQL.

use super::{SqlBackend, SqlStore, query};
use crate::store::{SeenUpdates, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// One in this many first arrivals also removes expired entries.
const PRUNE_EVERY: u64 = 500;

#[async_trait]
impl<DB: SqlBackend> SeenUpdates for SqlStore<DB> {
    async fn first_arrival(
        &self,
        channel: &str,
        key: &str,
        now: DateTime<Utc>,
        keep: Duration,
    ) -> Result<bool, StoreError> {
        let inserted = query(
            "INSERT INTO seen_updates (channel, update_key, seen_at) VALUES ($1, $2, $3) \
             ON CONFLICT (channel, update_key) DO NOTHING",
        )
        .bind(channel)
        .bind(key)
        .bind(now)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if inserted == 1 && rand::random_range(0..PRUNE_EVERY) == 0 {
            let horizon = now - chrono::Duration::from_std(keep).unwrap_or_default();
            query("DELETE FROM seen_updates WHERE seen_at < $1")
                .bind(horizon)
                .execute(&self.pool)
                .await?;
        }
        Ok(inserted == 1)
    }
}
