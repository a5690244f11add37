//! The back office: what offices do through the back-office API (tokens with scopes,
//! applications and their status, closing a day, slot capacities, link codes, revoking
//! e-documents), and `BackofficeStore`, the umbrella the API, the dispatcher and the
//! scheduler hold (this, the outbox and the audit log).
//!
//! A write that causes a notification inserts its outbox rows (one per recipient, with a
//! dedup key per recipient and event) and its audit line in the same transaction, so a
//! crash loses neither and a retry plans nothing twice (see `outbox.rs` for delivery).

use super::data_keys::DataKeys;
use super::{
    Application, AuditEntry, AuditLog, OutboxStore, PgRepository, Repository, SqliteRepository,
    StoreError,
};
use crate::domain::notice::PickupDetails;
use crate::domain::{ApplicationStatus, Nationality, OfficeId, PassportNo, ReceiptNo, ServiceCode};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;

pub use super::audit::AuditFilter;
pub use super::outbox::{
    Addressee, ExpiringPermit, Finish, OutboxRow, PlannedNotice, Recipient, UpcomingAppointment,
    WaitingPickup,
};

/// Every scope a token can hold.
pub const SCOPES: &[&str] = &[
    "offices:write",
    "slots:write",
    "applications:write",
    "records:write",
    "audit:read",
    "outbox:read",
    "outbox:write",
    "people:export",
    "people:erase",
];

/// Token secrets are stored as SHA-256 hex digests.
pub fn hash_api_token(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.trim().as_bytes()))
}

/// A back-office API token as stored (never the secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub scopes: Vec<String>,
    /// Offices the token may act for; `None`: every office.
    pub offices: Option<Vec<String>>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Who made a change, for the audit line written with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub kind: &'static str,
    pub name: String,
}

impl Actor {
    /// The audit line of something this actor did through the admin API.
    pub fn audit_entry(
        &self,
        action: &'static str,
        subject: String,
        outcome: &'static str,
    ) -> AuditEntry {
        AuditEntry {
            actor_kind: self.kind,
            actor: self.name.clone(),
            channel: Some("admin-api".into()),
            action,
            subject: Some(subject),
            outcome,
        }
    }
}

/// An application as the back office sees it, with the pickup details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeApplication {
    pub application: Application,
    pub pickup: Option<PickupDetails>,
}

/// A new application from an office; the applicant must exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplication {
    pub receipt_no: ReceiptNo,
    pub nationality: Nationality,
    pub passport_no: PassportNo,
    pub service: ServiceCode,
    pub office: OfficeId,
    pub submitted_at: DateTime<Utc>,
}

/// Why an application could not be created (the field to blame).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateRefusal {
    ReceiptTaken,
    UnknownApplicant,
    UnknownService,
    UnknownOffice,
}

/// A status change from an office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusUpdate {
    pub status: ApplicationStatus,
    pub note: Option<String>,
    pub pickup: Option<PickupDetails>,
}

/// How a status change ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusOutcome {
    Changed {
        application: Box<OfficeApplication>,
        /// Outbox rows written (one per recipient).
        planned: u64,
    },
    NotFound,
    Illegal {
        from: ApplicationStatus,
    },
}

/// What closing an office's day did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClosedDay {
    /// Appointments cancelled.
    pub cancelled: u64,
    /// Notifications planned for their holders.
    pub planned: u64,
}

/// How a capacity change ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapacityOutcome {
    Changed,
    NotFound,
    /// More places are booked than the new capacity.
    BelowBooked {
        booked: i32,
    },
}

/// How an e-document revocation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeOutcome {
    Revoked,
    NotFound,
    AlreadyRevoked,
}

/// Office writes through the back-office API, each with its audit line (and its
/// notifications) in the same transaction.
#[async_trait]
pub trait OfficeStore: Send + Sync {
    /// Stores a new token; false when the name is taken.
    async fn create_token(
        &self,
        name: &str,
        secret_hash: &str,
        scopes: &[String],
        offices: Option<&[String]>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
    async fn tokens(&self) -> Result<Vec<ApiToken>, StoreError>;
    /// The token with this secret digest, revoked or not.
    async fn token_by_hash(&self, secret_hash: &str) -> Result<Option<ApiToken>, StoreError>;
    /// Revokes a token by name; false when there is no active token of that name.
    async fn revoke_token(&self, name: &str, now: DateTime<Utc>) -> Result<bool, StoreError>;

    async fn application(
        &self,
        receipt: &ReceiptNo,
    ) -> Result<Option<OfficeApplication>, StoreError>;
    async fn create_application(
        &self,
        new: &NewApplication,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Result<OfficeApplication, CreateRefusal>, StoreError>;
    /// Moves an application to a new status if the move is legal, and in the same
    /// transaction writes the history line, one outbox row per recipient (linked chat users,
    /// helpers with an active delegation, watchers) and the audit line.
    async fn change_status(
        &self,
        receipt: &ReceiptNo,
        update: &StatusUpdate,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<StatusOutcome, StoreError>;

    /// Closes an office's day: records the closure, takes every place of that day's slots
    /// (between `from` and `to`, the day in the office's zone), cancels the booked
    /// appointments and plans a notice with a rebook button for each holder, with the audit
    /// line, in one transaction.
    #[allow(clippy::too_many_arguments)]
    async fn close_day(
        &self,
        office: &OfficeId,
        day: NaiveDate,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<ClosedDay, StoreError>;
    /// Changes a slot's capacity, never below its bookings; new free places are told to the
    /// office's waiting list as of `now`.
    async fn set_slot_capacity(
        &self,
        slot_id: i64,
        capacity: i32,
        now: DateTime<Utc>,
    ) -> Result<CapacityOutcome, StoreError>;
    /// Stores a link code (its digest) for the applicant with this passport; false when there
    /// is no such applicant.
    async fn issue_link_code(
        &self,
        nationality: &Nationality,
        passport_no: &PassportNo,
        code_hash: &str,
        issued_by: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
    async fn revoke_e_document(
        &self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<RevokeOutcome, StoreError>;
    /// The offices that know an applicant: where they have an application or an
    /// appointment tied to them. A token limited to some offices acts on a person (a link
    /// code, an e-document) only when one of these is among them. What a booking's form
    /// says (a typed passport number) does not tie anyone: anybody can type one.
    async fn applicant_offices(&self, applicant_id: i64) -> Result<Vec<OfficeId>, StoreError>;
}

/// The back-office side of the store as the API, the dispatcher and the scheduler use it:
/// office writes, the outbox and the audit log in one trait object, implemented for
/// anything that implements the three.
pub trait BackofficeStore: OfficeStore + OutboxStore + AuditLog + Send + Sync + 'static {}

impl<T> BackofficeStore for T where T: OfficeStore + OutboxStore + AuditLog + Send + Sync + 'static {}

/// Connects the repository and the back-office store over one pool.
pub async fn connect(
    url: &str,
    connect_timeout: Duration,
    keys: Arc<DataKeys>,
) -> Result<(Arc<dyn Repository>, Arc<dyn BackofficeStore>), StoreError> {
    if url.starts_with("sqlite:") {
        let repo = SqliteRepository::connect(url, connect_timeout, keys).await?;
        Ok((Arc::new(repo.clone()), Arc::new(repo)))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        let repo = PgRepository::connect(url, connect_timeout, keys).await?;
        Ok((Arc::new(repo.clone()), Arc::new(repo)))
    } else {
        Err(StoreError::Database(sqlx::Error::Configuration(
            "the URL must start with sqlite:// or postgres://".into(),
        )))
    }
}

/// Whether the database refused the data (a constraint, a value out of range, a character
/// it cannot store) rather than failing: the caller's input is at fault, not the service.
pub fn is_refused_data(e: &StoreError) -> bool {
    match e {
        // A value the driver cannot even encode (a time outside PostgreSQL's range).
        StoreError::Database(sqlx::Error::Encode(_)) => true,
        StoreError::Database(sqlx::Error::Database(db)) => {
            !matches!(db.kind(), sqlx::error::ErrorKind::Other)
                || db.code().is_some_and(|c| c.starts_with("22"))
        }
        _ => false,
    }
}
