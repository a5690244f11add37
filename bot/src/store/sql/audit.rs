//! `AuditLog` in SQL.

use super::{SqlBackend, SqlStore, query, query_as};
use crate::store::{AuditEntry, AuditEntryRow, AuditLog, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[async_trait]
impl<DB: SqlBackend> AuditLog for SqlStore<DB> {
    async fn audit(&self, entry: &AuditEntry, now: DateTime<Utc>) -> Result<(), StoreError> {
        query(
            "INSERT INTO audit_log (at, actor_kind, actor, channel, action, subject, outcome) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(now)
        .bind(entry.actor_kind)
        .bind(&entry.actor)
        .bind(&entry.channel)
        .bind(entry.action)
        .bind(&entry.subject)
        .bind(entry.outcome)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntryRow>, StoreError> {
        Ok(query_as(
            "SELECT at, actor_kind, actor, channel, action, subject, outcome FROM audit_log \
             ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
