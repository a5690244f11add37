//! Storage behind traits: the `Repository` (source of truth, PostgreSQL or SQLite through
//! sqlx), the `SessionStore` (dialogue sessions and turn locks) and the `ExpiringStore`
//! (other values that expire: download links, de-duplication, rate counts, pacing), the last
//! two on Redis or in-process. All are chosen by URL at start-up; nothing outside this module
//! writes SQL or talks to Redis.
//!
//! The database side is one trait per aggregate (`BookingStore`, `IdentityStore`,
//! `DelegationStore`, `HolderDocumentStore`, `AuditLog`, `Maintenance`, `SeenUpdates`,
//! `OfficeStore`, `OutboxStore`, `PersonalDataStore`, `RetentionStore`), implemented once in `sql` for both engines. `Repository`
//! is the umbrella the dialogue and the gateway hold; `BackofficeStore` the one the
//! back-office API, the dispatcher and the scheduler hold.

pub mod audit;
pub mod backoffice;
pub mod bookings;
pub mod data_keys;
pub mod delegation;
pub mod expiring;
mod expiring_map;
pub mod holder;
pub mod identity;
pub mod maintenance;
pub mod outbox;
pub mod personal_data;
pub mod retention;
mod sealed_state;
mod seen_updates;
pub mod session;
mod sql;

pub use audit::{AuditEntry, AuditEntryRow, AuditFilter, AuditLog};
pub use backoffice::{BackofficeStore, OfficeStore};
pub use bookings::{
    AddressClaim, Appointment, BookingLimits, BookingOutcome, BookingStore, LimitKind,
    NewAppointment, Slot,
};
pub use data_keys::{DataKeyError, DataKeys};
pub use delegation::{Delegation, DelegationStore, InvitationOutcome, new_short_code};
pub use expiring::{ExpiringStore, InMemoryExpiringStore, RedisExpiringStore};
pub use holder::{DeclareOutcome, EDocument, HolderDocumentStore, HolderPassport};
pub use identity::{
    Applicant, ApplicantRecords, Application, AttemptGrant, AttemptLimit, AttemptTicket, ChatUser,
    IdentityClaim, IdentityProof, IdentityStore, LAST_SEEN_PRECISION, Passport, Permit, PrPermit,
    passport_attempts, user_attempts,
};
pub use maintenance::{ImportReport, Maintenance, PoolUsage, TABLES};
pub use outbox::{OutboxGauges, OutboxStore};
pub use personal_data::PersonalDataStore;
pub use retention::{Expired, RetentionStore};
pub use sealed_state::{SealedExpiring, SealedSessions};
pub use seen_updates::{SeenUpdates, UnfinishedUpdate};
pub use session::{
    InMemorySessionStore, RedisSessionStore, SessionError, SessionKey, SessionStore, TurnLock,
};
pub use sql::{PgRepository, SqlBackend, SqlStore, SqliteRepository, hash_link_code, passport_key};

use crate::import::Position;
use std::sync::Arc;
use std::time::Duration;

/// Which SQL engine a repository runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An import record refers to something that does not exist or breaks a rule that
    /// only the database can check; nothing of the import was written.
    #[error("{position}, field `{field}`: {reason}")]
    Rejected {
        position: Position,
        field: String,
        reason: String,
    },
    #[error("database: {0}")]
    Database(sqlx::Error),
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// A stored value no longer parses as its domain type (edited by hand, older code).
    #[error("stored value is invalid: {0}")]
    Corrupt(String),
    /// A sealed personal value does not open (a key missing, a value changed).
    #[error("{column}: {source}")]
    Sealed {
        column: &'static str,
        source: DataKeyError,
    },
}

impl From<sqlx::Error> for StoreError {
    /// A column that does not decode as its type holds a stored value that no longer
    /// parses (records are read straight from their rows): `Corrupt`, naming the column.
    fn from(e: sqlx::Error) -> Self {
        match e {
            // sqlx names the column as `"name"` (quoted).
            sqlx::Error::ColumnDecode { index, source } => {
                crate::metrics::store_error(crate::metrics::Store::Database, "corrupt");
                StoreError::Corrupt(format!("{}: {source}", index.trim_matches('"')))
            }
            e => {
                let kind = match &e {
                    sqlx::Error::Io(_)
                    | sqlx::Error::Tls(_)
                    | sqlx::Error::Protocol(_)
                    | sqlx::Error::PoolTimedOut
                    | sqlx::Error::PoolClosed
                    | sqlx::Error::WorkerCrashed => "connection",
                    sqlx::Error::Database(_) => "query",
                    _ => "other",
                };
                crate::metrics::store_error(crate::metrics::Store::Database, kind);
                StoreError::Database(e)
            }
        }
    }
}

impl StoreError {
    fn rejected(position: Position, field: &str, reason: impl Into<String>) -> Self {
        StoreError::Rejected {
            position,
            field: field.to_string(),
            reason: reason.into(),
        }
    }
}

/// The source of truth, as the dialogue and the gateway use it: every aggregate of the
/// chat side in one trait object. Implemented for anything that implements them all (the
/// SQL store on either engine passes the same conformance suite,
/// `tests/tests/repository.rs`).
pub trait Repository:
    Maintenance
    + BookingStore
    + IdentityStore
    + DelegationStore
    + HolderDocumentStore
    + AuditLog
    + SeenUpdates
    + PersonalDataStore
    + RetentionStore
    + Send
    + Sync
    + 'static
{
}

impl<T> Repository for T where
    T: Maintenance
        + BookingStore
        + IdentityStore
        + DelegationStore
        + HolderDocumentStore
        + AuditLog
        + SeenUpdates
        + PersonalDataStore
        + RetentionStore
        + Send
        + Sync
        + 'static
{
}

/// Connects to the database named by a `DATABASE_URL` (`sqlite://…` or `postgres://…`).
/// SQLite files (and their folder) are created when missing.
pub async fn connect(
    url: &str,
    connect_timeout: Duration,
    keys: Arc<DataKeys>,
) -> Result<Arc<dyn Repository>, StoreError> {
    let (repository, _) = backoffice::connect(url, connect_timeout, keys).await?;
    Ok(repository)
}
