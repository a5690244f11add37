//! The outbox: notifications planned in the same transaction as the event that causes them
//! (office writes, the waiting list, scheduled reminders), claimed and delivered by the
//! dispatcher, and the scheduler's leases and what its reminders are planned from.
//!
//! The dispatcher claims due rows with `FOR UPDATE SKIP LOCKED` on PostgreSQL (several
//! processes take disjoint rows) and inside `BEGIN IMMEDIATE` on SQLite (one writer at a
//! time); a claim is a lease, so rows of a process that died are taken again when it runs
//! out. Delivery is at least once; the dedup key keeps a notice planned twice to one row.

use super::StoreError;
use super::backoffice::OfficeApplication;
use crate::domain::notice::{Notice, OfficePlace};
use crate::domain::{PermitKind, ServiceDocument};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

/// One notice for one person, due at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedNotice {
    pub dedup_key: String,
    pub chat_user_id: i64,
    pub applicant_id: Option<i64>,
    pub notice: Notice,
    pub due_at: DateTime<Utc>,
}

/// An outbox row as the dispatcher and the admin API see it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub dedup_key: String,
    pub kind: String,
    pub chat_user_id: Option<i64>,
    pub payload: String,
    pub state: String,
    pub attempts: i32,
    pub due_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// Who a notification goes to, read at send time (so an opt-out or a language change made
/// after the event counts).
/// How the outbox stands, for the gauges of `/metrics`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxGauges {
    /// How many rows wait (`pending`), are being sent (`sending`) or were given up on
    /// (`dead`); a state with no rows is not listed.
    pub by_state: Vec<(String, i64)>,
    /// When the oldest row that is due but not yet sent fell due (`pending` and due, held
    /// back by nothing but the dispatcher): how far behind delivery is.
    pub oldest_due: Option<DateTime<Utc>>,
    /// Rows still `sending` after their lease ran out: the dispatcher that claimed them
    /// stopped (another claims them again).
    pub expired_leases: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub locale: String,
    pub notifications_enabled: bool,
    /// `(channel, external id)` of every identity of the chat user, oldest first.
    pub identities: Vec<(String, String)>,
    /// Identities this notification already reached (before a crash or a failed sibling).
    pub delivered: Vec<(String, String)>,
}

/// What became of a claimed row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finish {
    Delivered,
    /// Nothing to send (opted out, no identity, unreadable payload).
    Skipped(String),
    /// Try again at `at`.
    Retry {
        at: DateTime<Utc>,
        error: String,
    },
    /// Held back (quiet hours): due again at `at`, the attempt not counted.
    Defer {
        at: DateTime<Utc>,
    },
    /// Given up: visible in the dead-letter list of the admin API.
    Dead(String),
}

/// A booked appointment coming up (for reminders): the applicant's, when it is for one on
/// record, else the booker's.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UpcomingAppointment {
    pub id: i64,
    /// Who booked it (gone if they were forgotten).
    pub chat_user_id: Option<i64>,
    /// The applicant on record it is for, if any.
    pub applicant_id: Option<i64>,
    pub code: String,
    pub service_code: String,
    pub office_en: String,
    pub office_zh: String,
    pub address_en: String,
    pub address_zh: String,
    pub time_zone: String,
    pub starts_at: DateTime<Utc>,
    /// The service's document checklist (what to bring).
    #[sqlx(skip)]
    pub documents: Vec<ServiceDocument>,
}

/// One person told about an applicant, and how they are addressed: the applicant's own
/// chats read "your documents", a helper's read whose (`relative`: the first name and the
/// masked surname), so a helper of several relatives knows which one it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressee {
    pub chat_user_id: i64,
    pub relative: Option<String>,
}

/// A visa or residence permit expiring on a day (for expiry reminders).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiringPermit {
    pub id: i64,
    pub applicant_id: i64,
    pub kind: PermitKind,
    pub expires_on: NaiveDate,
}

/// An application ready for pickup since `ready_since` and not collected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingPickup {
    pub application: OfficeApplication,
    pub ready_since: DateTime<Utc>,
    pub time_zone: String,
    pub office: OfficePlace,
}

/// Planning, claiming and finishing notifications; scheduler leases and reminder sources.
#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Chat users told about an applicant: linked users and helpers with an active
    /// delegation.
    async fn recipients_of_applicant(&self, applicant_id: i64) -> Result<Vec<i64>, StoreError>;
    /// `recipients_of_applicant`, each with how they are addressed.
    async fn addressees_of_applicant(
        &self,
        applicant_id: i64,
    ) -> Result<Vec<Addressee>, StoreError>;
    /// Who is reminded of an appointment for an applicant on record: the applicant's own
    /// chats, and the helper who booked it while their delegation lasts (not every helper).
    async fn reminder_addressees(
        &self,
        applicant_id: i64,
        booked_by: Option<i64>,
    ) -> Result<Vec<Addressee>, StoreError>;
    /// Inserts planned notices (created at `now`); a dedup key already present is left alone.
    /// Returns how many rows were new.
    async fn enqueue(
        &self,
        notices: &[PlannedNotice],
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError>;
    /// Claims up to `limit` due rows (pending and due, or sending with a lapsed lease) for
    /// `worker` until `lease_until`, counting one attempt each.
    async fn claim_due(
        &self,
        worker: &str,
        lease_until: DateTime<Utc>,
        limit: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<OutboxRow>, StoreError>;
    async fn recipient(
        &self,
        chat_user_id: i64,
        outbox_id: i64,
    ) -> Result<Option<Recipient>, StoreError>;
    async fn record_delivery(
        &self,
        outbox_id: i64,
        channel: &str,
        external_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// Ends a claim; false when the row is no longer this worker's (its lease lapsed and
    /// another worker took it).
    async fn finish(
        &self,
        outbox_id: i64,
        worker: &str,
        finish: &Finish,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
    /// Outbox rows, newest first, optionally of one state (`dead` is the dead-letter queue).
    async fn outbox(&self, state: Option<&str>, limit: i64) -> Result<Vec<OutboxRow>, StoreError>;
    /// The outbox gauges of `/metrics` at `now`.
    async fn outbox_gauges(&self, now: DateTime<Utc>) -> Result<OutboxGauges, StoreError>;
    /// Puts a dead row back in the queue with fresh attempts; false if it is not dead.
    async fn requeue(&self, outbox_id: i64, now: DateTime<Utc>) -> Result<bool, StoreError>;

    /// Takes a scheduler job's lease if free (or lapsed, or already ours). `Some(last
    /// completed tick)` when taken, `None` when another process holds it.
    async fn acquire_job(
        &self,
        job: &str,
        holder: &str,
        lease_until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Option<Option<DateTime<Utc>>>, StoreError>;
    /// Records the tick a job completed (if it ran one) and releases its lease.
    async fn complete_job(
        &self,
        job: &str,
        holder: &str,
        tick: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError>;
    /// Booked appointments (of a chat user or an applicant on record) starting in `[from, to)`.
    async fn appointments_starting(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<UpcomingAppointment>, StoreError>;
    /// Visas and residence permits expiring between two days (inclusive).
    async fn permits_expiring_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ExpiringPermit>, StoreError>;
    /// Applications ready for pickup (not collected) whose "ready" entry is in `[from, to)`.
    async fn pickups_ready_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<WaitingPickup>, StoreError>;
}
