//! Storage behind traits: the `Repository` (source of truth, PostgreSQL or SQLite through
//! sqlx) and the `SessionStore` (what may expire: dialogue sessions and turn locks, Redis or
//! in-process). Both are chosen by URL at start-up; nothing outside this module writes SQL
//! or talks to Redis.

#[macro_use]
mod waitlist;
pub mod backoffice;
pub mod holder;
mod rows;
mod seen_updates;
pub mod session;
mod sql;

pub use holder::{
    DeclareOutcome, Delegation, EDocument, HolderPassport, HolderRepository, InvitationOutcome,
};
pub use seen_updates::SeenUpdates;
pub use session::{
    InMemorySessionStore, RedisSessionStore, SessionError, SessionKey, SessionStore, TurnLock,
};
pub use sql::{PgRepository, SqliteRepository, hash_link_code, passport_key};

use crate::domain::calendar::NewSlot;
use crate::domain::records::{AppointmentStatus, PrStatus};
use crate::domain::{
    ApplicationStatus, Entries, Nationality, Office, OfficeId, PassportNo, PermitKind, Personal,
    ReceiptNo, Service, ServiceCode, SlotGroup, WorkingCalendar,
};
use crate::import::{ImportBatch, Position, StatusChange};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// Which SQL engine a repository runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

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
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// A stored value no longer parses as its domain type (edited by hand, older code).
    #[error("stored value is invalid: {0}")]
    Corrupt(String),
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

/// What an import did; a second import of the same file reports only `unchanged`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// A bookable slot with its current bookings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub id: i64,
    pub office_id: OfficeId,
    pub group: SlotGroup,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
    pub booked: i32,
}

impl Slot {
    pub fn free(&self) -> i32 {
        (self.capacity - self.booked).max(0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    pub id: i64,
    pub full_name: Personal<String>,
    pub nationality: Nationality,
    pub passport_no: PassportNo,
    pub birth_date: Personal<Option<NaiveDate>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: i64,
    pub receipt_no: ReceiptNo,
    pub applicant_id: i64,
    pub service: ServiceCode,
    pub office: OfficeId,
    pub submitted_at: DateTime<Utc>,
    pub status: ApplicationStatus,
    pub status_note: Option<String>,
    pub pickup_from: Option<DateTime<Utc>>,
    pub pickup_until: Option<DateTime<Utc>>,
    /// Where exactly to collect (hall, window) and what to bring, as the office wrote them.
    pub pickup_place: Option<String>,
    pub pickup_bring: Option<String>,
    /// Oldest first; the last entry is the current status.
    pub history: Vec<StatusChange>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permit {
    pub id: i64,
    pub kind: PermitKind,
    pub permit_type: String,
    pub number: Personal<String>,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub entries: Entries,
    pub stay_days: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrPermit {
    pub id: i64,
    pub number: Personal<String>,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub status: PrStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passport {
    pub id: i64,
    pub number: PassportNo,
    pub nationality: Nationality,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub pr_permit_id: Option<i64>,
}

/// Everything an office holds on one applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicantRecords {
    pub permits: Vec<Permit>,
    pub pr_permit: Option<PrPermit>,
    pub passports: Vec<Passport>,
}

/// A person talking to visadesk, possibly on several channels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatUser {
    pub id: i64,
    pub locale: String,
    pub notifications_enabled: bool,
}

/// Who may hold how many active appointments (anti-hoarding), per service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookingLimits {
    pub per_chat_user: i64,
    pub per_passport: i64,
}

impl Default for BookingLimits {
    fn default() -> Self {
        Self {
            per_chat_user: 2,
            per_passport: 1,
        }
    }
}

/// What a booking needs; the applicant's details are personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAppointment {
    pub slot_id: i64,
    pub service: ServiceCode,
    pub chat_user_id: i64,
    pub full_name: Personal<String>,
    pub nationality: Nationality,
    pub passport_no: PassportNo,
    pub phone: Personal<String>,
}

/// An appointment with what the user needs to see of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    pub id: i64,
    pub code: String,
    pub service: ServiceCode,
    pub slot: Slot,
    pub status: AppointmentStatus,
    pub full_name: Personal<String>,
    pub passport_no: PassportNo,
}

/// Which anti-hoarding limit a booking ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    ChatUser,
    Passport,
}

/// How a booking (or a move to another slot) ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingOutcome {
    Booked(Appointment),
    /// The slot is full (someone took the last place), past, or gone.
    SlotTaken,
    LimitReached {
        kind: LimitKind,
        limit: i64,
    },
    /// The appointment to move or cancel is not (or no longer) this user's active one.
    NotFound,
}

/// How a chat user proves they are an applicant: something only the applicant (or an office
/// acting for them) has, on top of passport number, nationality and birth date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityProof {
    Receipt(ReceiptNo),
    LinkCode(Personal<String>),
}

/// A linking attempt's data; all personal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityClaim {
    pub nationality: Nationality,
    pub passport_no: PassportNo,
    pub birth_date: Personal<NaiveDate>,
    pub proof: IdentityProof,
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

/// Failed linking attempts counted in fixed windows (per chat user per hour, per passport
/// per day), so several processes share the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptCounts {
    pub by_user: i64,
    pub by_user_until: DateTime<Utc>,
    pub by_passport: i64,
    pub by_passport_until: DateTime<Utc>,
}

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
    "attempt_counters",
    "application_watchers",
    "channel_link_codes",
    "family_invitations",
    "slot_waiters",
    "api_tokens",
    "deliveries",
    "scheduler_jobs",
];

/// The source of truth. One implementation per SQL backend, both passing the same
/// conformance suite (`tests/tests/repository.rs`).
#[async_trait]
pub trait Repository: HolderRepository + SeenUpdates + Send + Sync + 'static {
    fn backend(&self) -> Backend;
    /// Cheap round trip, for `/readyz`.
    async fn ping(&self) -> Result<(), StoreError>;
    /// Applies this backend's migrations (`migrations/postgres` or `migrations/sqlite`).
    async fn migrate(&self) -> Result<(), StoreError>;
    /// Applies a parsed import file in one transaction: all records or none.
    async fn import(&self, batch: &ImportBatch) -> Result<ImportReport, StoreError>;
    async fn offices(&self) -> Result<Vec<Office>, StoreError>;
    async fn services(&self) -> Result<Vec<Service>, StoreError>;
    /// Public holidays and office closures between two dates (inclusive).
    async fn working_calendar(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<WorkingCalendar, StoreError>;
    /// Creates slots that do not exist yet; returns how many were created.
    async fn insert_slots(&self, slots: &[NewSlot]) -> Result<u64, StoreError>;
    /// Slots of one office and group starting in `[from, to)`, in time order.
    async fn slots(
        &self,
        office: &OfficeId,
        group: SlotGroup,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Slot>, StoreError>;
    /// Free places per day of the slots of one office and group starting in `[from, to)`,
    /// in day order, where a slot's day is the date of its start `utc_offset` seconds east
    /// of UTC (the office's offset over that span: see `Office::offset_spans`). Days
    /// without a free place are left out.
    async fn free_places_per_day(
        &self,
        office: &OfficeId,
        group: SlotGroup,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        utc_offset: i32,
    ) -> Result<Vec<(NaiveDate, i64)>, StoreError>;
    async fn applicant_by_passport(
        &self,
        nationality: &Nationality,
        passport: &PassportNo,
    ) -> Result<Option<Applicant>, StoreError>;
    async fn applications_of(&self, applicant_id: i64) -> Result<Vec<Application>, StoreError>;
    async fn records_of(&self, applicant_id: i64) -> Result<ApplicantRecords, StoreError>;
    /// The chat user behind a channel identity, created on first contact with `locale`.
    async fn chat_user(
        &self,
        channel: &str,
        external_id: &str,
        locale: &str,
    ) -> Result<ChatUser, StoreError>;
    /// Row count of every table in `TABLES`.
    async fn counts(&self) -> Result<BTreeMap<String, i64>, StoreError>;
    async fn slot(&self, id: i64) -> Result<Option<Slot>, StoreError>;
    /// Books a place: within one transaction the limits are checked and the slot's booked
    /// count is raised only if it is below capacity, so a slot is never overbooked.
    async fn book(
        &self,
        new: &NewAppointment,
        limits: BookingLimits,
        now: DateTime<Utc>,
    ) -> Result<BookingOutcome, StoreError>;
    /// Active (booked, not yet started) appointments of a chat user, soonest first.
    async fn appointments_of(
        &self,
        chat_user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<Appointment>, StoreError>;
    /// Cancels the user's active appointment and frees its place, in one transaction.
    async fn cancel_appointment(
        &self,
        id: i64,
        chat_user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<BookingOutcome, StoreError>;
    /// Moves the user's active appointment to another slot: takes the new place and frees
    /// the old one in one transaction.
    async fn reschedule_appointment(
        &self,
        id: i64,
        chat_user_id: i64,
        new_slot: i64,
        now: DateTime<Utc>,
    ) -> Result<BookingOutcome, StoreError>;
    async fn set_locale(&self, chat_user_id: i64, locale: &str) -> Result<(), StoreError>;
    async fn set_notifications(&self, chat_user_id: i64, enabled: bool) -> Result<(), StoreError>;
    /// Failed linking attempts in the current windows for this user and this passport.
    async fn link_failures(
        &self,
        chat_user_id: i64,
        passport_key: &str,
        now: DateTime<Utc>,
    ) -> Result<AttemptCounts, StoreError>;
    /// Counts one failed linking attempt in both windows.
    async fn record_link_failure(
        &self,
        chat_user_id: i64,
        passport_key: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// The applicant the claim proves, if every part matches (a link code is used up).
    async fn verify_identity(
        &self,
        claim: &IdentityClaim,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError>;
    async fn link_applicant(
        &self,
        chat_user_id: i64,
        applicant_id: i64,
        method: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// Applicants this chat user has proven to be (or acts for).
    async fn linked_applicants(&self, chat_user_id: i64) -> Result<Vec<Applicant>, StoreError>;
    /// Removes every link of this chat user (and their watches) and ends the delegations they
    /// hold as a helper; returns how many links and delegations went.
    async fn unlink_all(&self, chat_user_id: i64) -> Result<u64, StoreError>;
    async fn watched_applications(&self, chat_user_id: i64) -> Result<Vec<i64>, StoreError>;
    async fn set_watch(
        &self,
        chat_user_id: i64,
        application_id: i64,
        watch: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    async fn audit(&self, entry: &AuditEntry, now: DateTime<Utc>) -> Result<(), StoreError>;
    /// Puts the chat user on the waiting list of an office and service for office days
    /// `from..=to`; `false` if they already wait there. Whoever frees a place there (a
    /// cancellation, a move) writes the notification in the same transaction.
    async fn join_waitlist(
        &self,
        chat_user_id: i64,
        office: &OfficeId,
        service: &ServiceCode,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
    /// The newest audit lines, newest first (operations, tests).
    async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntryRow>, StoreError>;
}

/// Connects to the database named by a `DATABASE_URL` (`sqlite://…` or `postgres://…`).
/// SQLite files (and their folder) are created when missing.
pub async fn connect(
    url: &str,
    connect_timeout: Duration,
) -> Result<Arc<dyn Repository>, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(
            SqliteRepository::connect(url, connect_timeout).await?,
        ))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(PgRepository::connect(url, connect_timeout).await?))
    } else {
        Err(StoreError::Database(sqlx::Error::Configuration(
            "the URL must start with sqlite:// or postgres://".into(),
        )))
    }
}
