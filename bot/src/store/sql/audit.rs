//! `AuditLog` in SQL.

use super::{Runner, SqlBackend, SqlStore, micros, query, query_as};
use crate::store::{AuditEntry, AuditEntryRow, AuditFilter, AuditLog, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

impl<DB: SqlBackend> SqlStore<DB> {
    /// Adds an audit line, on the pool or inside a write's transaction (`audit_in`).
    async fn insert_audit<'e>(
        on: impl Runner<'e, Database = DB>,
        entry: &AuditEntry,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
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
        .execute(on)
        .await?;
        Ok(())
    }

    /// The audit line of a back-office write, inside that write's transaction.
    pub(super) async fn audit_in(
        conn: &mut DB::Connection,
        entry: &AuditEntry,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        Self::insert_audit(conn, entry, now).await
    }
}

#[async_trait]
impl<DB: SqlBackend> AuditLog for SqlStore<DB> {
    async fn audit(&self, entry: &AuditEntry, now: DateTime<Utc>) -> Result<(), StoreError> {
        // A passport's digest is keyed before it is kept, as for attempt counters.
        let mut entry = entry.clone();
        entry.subject = entry.subject.map(|s| self.keyed_subject(&s));
        Self::insert_audit(&self.pool, &entry, now).await
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

    async fn audit_query(&self, f: &AuditFilter) -> Result<Vec<AuditEntryRow>, StoreError> {
        Ok(query_as(
            "SELECT at, actor_kind, actor, channel, action, subject, outcome FROM audit_log \
             WHERE ($1 IS NULL OR actor = $1) AND ($2 IS NULL OR action = $2) AND ($3 IS NULL \
             OR subject = $3) \
             AND ($4 IS NULL OR at >= $4) AND ($5 IS NULL OR at < $5) ORDER BY id DESC LIMIT $6",
        )
        .bind(&f.actor)
        .bind(&f.action)
        .bind(&f.subject)
        .bind(f.since.map(micros))
        .bind(f.until.map(micros))
        .bind(f.limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
