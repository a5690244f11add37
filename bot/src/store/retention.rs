//! What the retention job (`crate::retention`) removes once it has been kept long enough:
//! one kind of row per `Expired` value, each with its own period.

use super::StoreError;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// Rows that are kept for a period and then deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Expired {
    /// Audit lines, by when they were written.
    AuditLines,
    /// Notifications delivered, skipped or given up on (dead), by their last attempt (the
    /// delivery time, or the due time a retry was last planned for); pending ones stay.
    Notifications,
    /// Platform updates remembered for de-duplication, by when they arrived.
    SeenUpdates,
    /// Link codes, channel codes and family invitations, by when they expired or were used.
    Codes,
    /// Proof attempts, by when they were made; those of chat users who are gone (purged or
    /// erased) at once.
    ProofAttempts,
}

impl Expired {
    pub const ALL: [Expired; 5] = [
        Expired::AuditLines,
        Expired::Notifications,
        Expired::SeenUpdates,
        Expired::Codes,
        Expired::ProofAttempts,
    ];

    /// A stable name, for logs and the job's report.
    pub fn name(self) -> &'static str {
        match self {
            Expired::AuditLines => "audit_lines",
            Expired::Notifications => "notifications",
            Expired::SeenUpdates => "seen_updates",
            Expired::Codes => "codes",
            Expired::ProofAttempts => "proof_attempts",
        }
    }
}

/// Deleting what has been kept long enough.
#[async_trait]
pub trait RetentionStore: Send + Sync {
    /// Deletes up to about `limit` rows of `kind` older than `before` (for `Codes`, up to
    /// `limit` per table); returns how many went.
    async fn purge_expired(
        &self,
        kind: Expired,
        before: DateTime<Utc>,
        limit: i64,
    ) -> Result<u64, StoreError>;
}
