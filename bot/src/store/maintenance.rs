//! What start-up, health checks and operators need of the database: which engine it is,
//! a round trip, the migrations, imports of reference and office data, row counts.

use super::{Backend, StoreError};
use crate::import::ImportBatch;
use async_trait::async_trait;
use std::collections::BTreeMap;

/// What an import did; a second import of the same file reports only `unchanged`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// The tables of the schema, for row counts (operations, tests).
pub const TABLES: &[&str] = &[
    "offices",
    "office_hours",
    "office_services",
    "services",
    "service_documents",
    "public_holidays",
    "office_closures",
    "slots",
    "applicants",
    "applications",
    "application_status_history",
    "residence_permits",
    "pr_permits",
    "passports",
    "link_codes",
    "e_documents",
    "chat_users",
    "channel_identities",
    "applicant_links",
    "delegations",
    "appointments",
    "audit_log",
    "outbox",
    "proof_attempts",
    "application_watchers",
    "channel_link_codes",
    "family_invitations",
    "slot_waiters",
    "api_tokens",
    "deliveries",
    "scheduler_jobs",
];

/// The database as a whole: engine, health, schema, bulk loads.
/// Connections of the SQL pool: open ones, of which idle, and the most it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUsage {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

#[async_trait]
pub trait Maintenance: Send + Sync {
    fn backend(&self) -> Backend;
    /// Cheap round trip, for `/readyz`.
    async fn ping(&self) -> Result<(), StoreError>;
    /// The connection pool as it is now, for the gauges of `/metrics`.
    fn pool_usage(&self) -> PoolUsage;
    /// Applies this backend's migrations (`migrations/postgres` or `migrations/sqlite`), then
    /// seals the personal values an earlier version wrote in plain (`seal_personal_data`).
    async fn migrate(&self) -> Result<(), StoreError>;
    /// Seals every personal value that is plain or sealed with a key other than the active
    /// one, `batch` rows per transaction (so it resumes where an interrupted run stopped),
    /// and writes its blind index; returns how many values it sealed. Idempotent.
    async fn seal_personal_data(&self, batch: i64) -> Result<u64, StoreError>;
    /// How many stored values are sealed with key `key_id` (none may be left before the
    /// key is removed).
    async fn sealed_with(&self, key_id: &str) -> Result<i64, StoreError>;
    /// Applies a parsed import file in one transaction: all records or none.
    async fn import(&self, batch: &ImportBatch) -> Result<ImportReport, StoreError>;
    /// Row count of every table in `TABLES`.
    async fn counts(&self) -> Result<BTreeMap<String, i64>, StoreError>;
}
