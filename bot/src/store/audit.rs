//! The audit log: one line per disclosure of personal data and per office write, kept in
//! the database beside what it describes. Lines are only ever added.

use super::StoreError;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// One line of the audit log. `subject` never holds a full identifier: use masked values or
/// row ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor_kind: &'static str,
    pub actor: String,
    pub channel: Option<String>,
    pub action: &'static str,
    pub subject: Option<String>,
    pub outcome: &'static str,
}

/// An audit line as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditEntryRow {
    pub at: DateTime<Utc>,
    pub actor_kind: String,
    pub actor: String,
    pub channel: Option<String>,
    pub action: String,
    pub subject: Option<String>,
    pub outcome: String,
}

/// Which audit lines to read; every part optional, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub subject: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub limit: i64,
}

/// Writing and reading the audit log.
#[async_trait]
pub trait AuditLog: Send + Sync {
    async fn audit(&self, entry: &AuditEntry, now: DateTime<Utc>) -> Result<(), StoreError>;
    /// The newest audit lines, newest first (operations, tests).
    async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntryRow>, StoreError>;
    /// Audit lines matching the filter, newest first.
    async fn audit_query(&self, filter: &AuditFilter) -> Result<Vec<AuditEntryRow>, StoreError>;
}
