//! `SeenUpdates` in SQL.

use super::{SqlBackend, SqlStore, micros, query, query_as};
use crate::store::{SeenUpdates, StoreError, UnfinishedUpdate};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;
use std::time::Duration;

/// The column holding a message until its turn has run (sealed).
const PAYLOAD: &str = "seen_updates.payload";

/// One in this many first arrivals also removes expired entries.
const PRUNE_EVERY: u64 = 500;

#[async_trait]
impl<DB: SqlBackend> SeenUpdates for SqlStore<DB> {
    async fn arrive(
        &self,
        channel: &str,
        key: &str,
        payload: &str,
        now: DateTime<Utc>,
        claimed_until: DateTime<Utc>,
        keep: Duration,
    ) -> Result<bool, StoreError> {
        // The message may hold anything a person typed (a passport number): sealed like every
        // personal column.
        let payload = self.keys.seal(PAYLOAD, payload);
        let inserted = query(
            "INSERT INTO seen_updates (channel, update_key, seen_at, payload, claimed_until) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (channel, update_key) DO NOTHING",
        )
        .bind(channel)
        .bind(key)
        .bind(now)
        .bind(payload)
        .bind(micros(claimed_until))
        .execute(&self.pool)
        .await?
        .rows_affected();
        if inserted == 1 && rand::random_range(0..PRUNE_EVERY) == 0 {
            let horizon = now - chrono::Duration::from_std(keep).unwrap_or_default();
            // Each channel keeps its own horizon (Telegram two days, WeChat minutes).
            query("DELETE FROM seen_updates WHERE channel = $1 AND seen_at < $2")
                .bind(channel)
                .bind(horizon)
                .execute(&self.pool)
                .await?;
        }
        Ok(inserted == 1)
    }

    async fn turn_done(&self, channel: &str, key: &str) -> Result<(), StoreError> {
        query(
            "UPDATE seen_updates SET payload = NULL, claimed_until = NULL \
             WHERE channel = $1 AND update_key = $2 AND payload IS NOT NULL",
        )
        .bind(channel)
        .bind(key)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn claim_unfinished(
        &self,
        channel: &str,
        now: DateTime<Utc>,
        claimed_until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<UnfinishedUpdate>, StoreError> {
        let sql = format!(
            "UPDATE seen_updates SET claimed_until = $1 \
             WHERE (channel, update_key) IN (SELECT channel, update_key FROM seen_updates \
             WHERE channel = $2 AND payload IS NOT NULL AND claimed_until < $3 \
             ORDER BY seen_at LIMIT $4{}) \
             RETURNING update_key, payload, seen_at",
            DB::SKIP_LOCKED
        );
        let mut tx = self.write_tx().await?;
        let mut taken: Vec<(String, String, DateTime<Utc>)> = query_as(AssertSqlSafe(sql))
            .bind(micros(claimed_until))
            .bind(channel)
            .bind(micros(now))
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        taken.sort_by_key(|(_, _, seen_at)| *seen_at);
        taken
            .into_iter()
            .map(|(key, sealed, _)| {
                let payload =
                    self.keys
                        .open(PAYLOAD, &sealed)
                        .map_err(|source| StoreError::Sealed {
                            column: PAYLOAD,
                            source,
                        })?;
                Ok(UnfinishedUpdate { key, payload })
            })
            .collect()
    }
}
