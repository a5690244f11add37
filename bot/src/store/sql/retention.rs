//! `RetentionStore` in SQL: each kind's rows past their period, deleted a batch at a time
//! (SQLite has no `DELETE … LIMIT`, so a batch is chosen by key in a subquery).

use super::{SqlBackend, SqlStore, query};
use crate::store::StoreError;
use crate::store::retention::{Expired, RetentionStore};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// The statements that delete a batch of each kind: `$1` the cut-off, `$2` the batch size.
fn statements(kind: Expired) -> &'static [&'static str] {
    match kind {
        Expired::AuditLines => &["DELETE FROM audit_log WHERE id IN \
             (SELECT id FROM audit_log WHERE at < $1 ORDER BY id LIMIT $2)"],
        Expired::Notifications => &["DELETE FROM outbox WHERE id IN (SELECT id FROM outbox \
             WHERE state IN ('delivered', 'skipped', 'dead') \
             AND COALESCE(delivered_at, due_at) < $1 ORDER BY id LIMIT $2)"],
        Expired::SeenUpdates => &["DELETE FROM seen_updates WHERE (channel, update_key) IN \
             (SELECT channel, update_key FROM seen_updates WHERE seen_at < $1 LIMIT $2)"],
        Expired::Codes => &[
            "DELETE FROM link_codes WHERE code_hash IN (SELECT code_hash FROM link_codes \
             WHERE expires_at < $1 OR used_at < $1 LIMIT $2)",
            "DELETE FROM channel_link_codes WHERE code_hash IN (SELECT code_hash \
             FROM channel_link_codes WHERE expires_at < $1 OR used_at < $1 LIMIT $2)",
            "DELETE FROM family_invitations WHERE code_hash IN (SELECT code_hash \
             FROM family_invitations WHERE expires_at < $1 OR used_at < $1 LIMIT $2)",
        ],
        // A chat user's attempts are `user:<id>` (`store::user_attempts`); the CASE keeps
        // the cast away from other subjects whatever order the planner evaluates in.
        Expired::ProofAttempts => &["DELETE FROM proof_attempts WHERE id IN \
             (SELECT p.id FROM proof_attempts p WHERE p.at < $1 OR (p.subject LIKE 'user:%' \
             AND NOT EXISTS (SELECT 1 FROM chat_users c WHERE c.id = CASE \
             WHEN p.subject LIKE 'user:%' THEN CAST(substr(p.subject, 6) AS BIGINT) END)) \
             ORDER BY p.id LIMIT $2)"],
    }
}

#[async_trait]
impl<DB: SqlBackend> RetentionStore for SqlStore<DB> {
    async fn purge_expired(
        &self,
        kind: Expired,
        before: DateTime<Utc>,
        limit: i64,
    ) -> Result<u64, StoreError> {
        let mut purged = 0;
        for sql in statements(kind) {
            purged += query(*sql)
                .bind(before)
                .bind(limit)
                .execute(&self.pool)
                .await?
                .rows_affected();
        }
        Ok(purged)
    }
}
