//! What the back-office API, the dispatcher and the scheduler keep in the database: API
//! tokens, office writes that plan notifications, the outbox claim and delivery record, and
//! scheduler leases.
//!
//! A write that causes a notification inserts its outbox rows (one per recipient, with a
//! dedup key per recipient and event) and its audit line in the same transaction, so a
//! crash loses neither and a retry plans nothing twice. The dispatcher claims due rows with
//! `FOR UPDATE SKIP LOCKED` on PostgreSQL (several processes take disjoint rows) and inside
//! `BEGIN IMMEDIATE` on SQLite (one writer at a time); a claim is a lease, so rows of a
//! process that died are taken again when it runs out.

use super::sql::rows::{ApplicationRow, HistoryRow, parse};
use super::{Application, AuditEntryRow, PgRepository, Repository, SqliteRepository, StoreError};
use crate::domain::notice::{self, Notice, PickupDetails};
use crate::domain::{
    ApplicationStatus, Nationality, OfficeId, PassportNo, PermitKind, ReceiptNo, ServiceCode,
};
use crate::import::StatusChange;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use sha2::{Digest, Sha256};
use sqlx::{AssertSqlSafe, Postgres, Sqlite, Transaction};
use std::sync::Arc;
use std::time::Duration;

/// Every scope a token can hold.
pub const SCOPES: &[&str] = &[
    "offices:write",
    "slots:write",
    "applications:write",
    "records:write",
    "audit:read",
    "outbox:read",
    "outbox:write",
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

/// A booked appointment coming up (for reminders).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UpcomingAppointment {
    pub id: i64,
    pub chat_user_id: i64,
    pub code: String,
    pub service_code: String,
    pub office_en: String,
    pub office_zh: String,
    pub time_zone: String,
    pub starts_at: DateTime<Utc>,
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

/// The back-office side of the store. Implemented for both backends by one macro.
#[async_trait]
pub trait BackofficeStore: Send + Sync + 'static {
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
    /// Changes a slot's capacity, never below its bookings.
    async fn set_slot_capacity(
        &self,
        slot_id: i64,
        capacity: i32,
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

    /// Chat users told about an applicant: linked users and helpers with an active
    /// delegation.
    async fn recipients_of_applicant(&self, applicant_id: i64) -> Result<Vec<i64>, StoreError>;
    /// Inserts planned notices; a dedup key already present is left alone. Returns how many
    /// rows were new.
    async fn enqueue(&self, notices: &[PlannedNotice]) -> Result<u64, StoreError>;
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
    /// Audit lines matching the filter, newest first.
    async fn audit_query(&self, filter: &AuditFilter) -> Result<Vec<AuditEntryRow>, StoreError>;
    /// Outbox rows, newest first, optionally of one state (`dead` is the dead-letter queue).
    async fn outbox(&self, state: Option<&str>, limit: i64) -> Result<Vec<OutboxRow>, StoreError>;
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
    /// Booked appointments (of a chat user) starting in `[from, to)`.
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

/// Connects the repository and the back-office store over one pool.
pub async fn connect(
    url: &str,
    connect_timeout: Duration,
) -> Result<(Arc<dyn Repository>, Arc<dyn BackofficeStore>), StoreError> {
    if url.starts_with("sqlite:") {
        let repo = SqliteRepository::connect(url, connect_timeout).await?;
        Ok((Arc::new(repo.clone()), Arc::new(repo)))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        let repo = PgRepository::connect(url, connect_timeout).await?;
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

fn split_list(text: Option<&str>) -> Vec<String> {
    text.unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    name: String,
    scopes: String,
    offices: Option<String>,
    created_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<TokenRow> for ApiToken {
    fn from(r: TokenRow) -> ApiToken {
        ApiToken {
            id: r.id,
            name: r.name,
            scopes: split_list(Some(&r.scopes)),
            offices: r.offices.as_deref().map(|o| split_list(Some(o))),
            created_at: r.created_at,
            revoked_at: r.revoked_at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct OfficeApplicationRow {
    #[sqlx(flatten)]
    base: ApplicationRow,
    pickup_place: Option<String>,
    pickup_bring: Option<String>,
}

#[derive(sqlx::FromRow)]
struct PermitExpiryRow {
    id: i64,
    applicant_id: i64,
    kind: String,
    expires_on: NaiveDate,
}

const TOKEN_COLUMNS: &str = "id, name, scopes, offices, created_at, revoked_at";
const APPLICATION_COLUMNS: &str = "id, receipt_no, applicant_id, service_code, office_id, submitted_at, status, status_note, \
     pickup_from, pickup_until, pickup_place, pickup_bring";
const OUTBOX_COLUMNS: &str = "id, dedup_key, kind, chat_user_id, payload, state, attempts, due_at, last_error, created_at, delivered_at";

fn now_micros(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

macro_rules! backoffice_store {
    ($name:ident, $db:ty, $begin:literal, $lock_row:literal, $skip_locked:literal) => {
        type Conn = <$db as sqlx::Database>::Connection;

        impl $name {
            async fn backoffice_tx(&self) -> Result<Transaction<'static, $db>, StoreError> {
                Ok(self.pool().begin_with($begin).await?)
            }

            async fn load_application(
                conn: &mut Conn,
                receipt: &str,
                lock: bool,
            ) -> Result<Option<OfficeApplication>, StoreError> {
                let lock = if lock { $lock_row } else { "" };
                let sql = format!("SELECT {APPLICATION_COLUMNS} FROM applications WHERE receipt_no = $1{lock}");
                let row: Option<OfficeApplicationRow> =
                    sqlx::query_as(AssertSqlSafe(sql)).bind(receipt).fetch_optional(&mut *conn).await?;
                let Some(OfficeApplicationRow { base: row, pickup_place, pickup_bring }) = row else { return Ok(None) };
                let history: Vec<HistoryRow> = sqlx::query_as(
                    "SELECT status, note, changed_at FROM application_status_history WHERE application_id = $1 ORDER BY changed_at, id",
                )
                .bind(row.id)
                .fetch_all(&mut *conn)
                .await?;
                let history = history.into_iter().map(StatusChange::try_from).collect::<Result<_, _>>()?;
                let pickup = match (pickup_place, row.pickup_from, row.pickup_until) {
                    (Some(place), Some(from), Some(until)) => Some(PickupDetails { place, from, until, bring: pickup_bring }),
                    _ => None,
                };
                Ok(Some(OfficeApplication { application: row.into_application(history)?, pickup }))
            }

            async fn recipients(conn: &mut Conn, applicant_id: i64, application_id: Option<i64>) -> Result<Vec<i64>, StoreError> {
                Ok(sqlx::query_scalar(
                    "SELECT chat_user_id FROM applicant_links WHERE applicant_id = $1 \
                     UNION SELECT helper_chat_user FROM delegations WHERE applicant_id = $1 AND revoked_at IS NULL \
                     UNION SELECT chat_user_id FROM application_watchers WHERE application_id = $2 \
                     ORDER BY 1",
                )
                .bind(applicant_id)
                .bind(application_id.unwrap_or(-1))
                .fetch_all(&mut *conn)
                .await?)
            }

            async fn insert_notice(conn: &mut Conn, n: &PlannedNotice, now: DateTime<Utc>) -> Result<u64, StoreError> {
                let done = sqlx::query(
                    "INSERT INTO outbox (dedup_key, kind, chat_user_id, applicant_id, payload, due_at, state, attempts, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7) ON CONFLICT (dedup_key) DO NOTHING",
                )
                .bind(&n.dedup_key)
                .bind(n.notice.kind())
                .bind(n.chat_user_id)
                .bind(n.applicant_id)
                .bind(n.notice.to_payload())
                .bind(now_micros(n.due_at))
                .bind(now)
                .execute(&mut *conn)
                .await?;
                Ok(done.rows_affected())
            }

            async fn audit_in(conn: &mut Conn, actor: &Actor, action: &str, subject: &str, outcome: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO audit_log (at, actor_kind, actor, channel, action, subject, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(now)
                .bind(actor.kind)
                .bind(&actor.name)
                .bind("admin-api")
                .bind(action)
                .bind(subject)
                .bind(outcome)
                .execute(&mut *conn)
                .await?;
                Ok(())
            }
        }

        #[async_trait]
        impl BackofficeStore for $name {
            async fn create_token(&self, name: &str, secret_hash: &str, scopes: &[String], offices: Option<&[String]>, now: DateTime<Utc>) -> Result<bool, StoreError> {
                let done = sqlx::query(
                    "INSERT INTO api_tokens (name, secret_hash, scopes, offices, created_at) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (name) DO NOTHING",
                )
                .bind(name)
                .bind(secret_hash)
                .bind(scopes.join(","))
                .bind(offices.map(|o| o.join(",")))
                .bind(now_micros(now))
                .execute(self.pool())
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn tokens(&self) -> Result<Vec<ApiToken>, StoreError> {
                let rows: Vec<TokenRow> = sqlx::query_as(AssertSqlSafe(format!("SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY id")))
                    .fetch_all(self.pool())
                    .await?;
                Ok(rows.into_iter().map(ApiToken::from).collect())
            }

            async fn token_by_hash(&self, secret_hash: &str) -> Result<Option<ApiToken>, StoreError> {
                let row: Option<TokenRow> = sqlx::query_as(AssertSqlSafe(format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE secret_hash = $1")))
                    .bind(secret_hash)
                    .fetch_optional(self.pool())
                    .await?;
                Ok(row.map(ApiToken::from))
            }

            async fn revoke_token(&self, name: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
                let done = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL")
                    .bind(now_micros(now))
                    .bind(name)
                    .execute(self.pool())
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn application(&self, receipt: &ReceiptNo) -> Result<Option<OfficeApplication>, StoreError> {
                let mut conn = self.pool().acquire().await?;
                Self::load_application(&mut conn, receipt.as_str(), false).await
            }

            async fn create_application(&self, new: &NewApplication, actor: &Actor, now: DateTime<Utc>) -> Result<Result<OfficeApplication, CreateRefusal>, StoreError> {
                let now = now_micros(now);
                let mut tx = self.backoffice_tx().await?;
                let applicant: Option<i64> = sqlx::query_scalar("SELECT id FROM applicants WHERE nationality = $1 AND passport_no = $2")
                    .bind(new.nationality.as_str())
                    .bind(new.passport_no.expose())
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(applicant) = applicant else { return Ok(Err(CreateRefusal::UnknownApplicant)) };
                let service: Option<String> = sqlx::query_scalar("SELECT code FROM services WHERE code = $1")
                    .bind(new.service.as_str()).fetch_optional(&mut *tx).await?;
                if service.is_none() {
                    return Ok(Err(CreateRefusal::UnknownService));
                }
                let office: Option<String> = sqlx::query_scalar("SELECT id FROM offices WHERE id = $1")
                    .bind(new.office.as_str()).fetch_optional(&mut *tx).await?;
                if office.is_none() {
                    return Ok(Err(CreateRefusal::UnknownOffice));
                }
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO applications (receipt_no, applicant_id, service_code, office_id, submitted_at, status, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (receipt_no) DO NOTHING RETURNING id",
                )
                .bind(new.receipt_no.as_str())
                .bind(applicant)
                .bind(new.service.as_str())
                .bind(new.office.as_str())
                .bind(now_micros(new.submitted_at))
                .bind(ApplicationStatus::Received.as_str())
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else { return Ok(Err(CreateRefusal::ReceiptTaken)) };
                sqlx::query("INSERT INTO application_status_history (application_id, status, note, changed_at) VALUES ($1, $2, NULL, $3)")
                    .bind(id)
                    .bind(ApplicationStatus::Received.as_str())
                    .bind(now_micros(new.submitted_at))
                    .execute(&mut *tx)
                    .await?;
                Self::audit_in(&mut tx, actor, "application-create", &format!("application:{id}"), "created", now).await?;
                let created = Self::load_application(&mut tx, new.receipt_no.as_str(), false).await?
                    .ok_or_else(|| StoreError::Corrupt("created application vanished".into()))?;
                tx.commit().await?;
                Ok(Ok(created))
            }

            async fn change_status(&self, receipt: &ReceiptNo, update: &StatusUpdate, actor: &Actor, now: DateTime<Utc>) -> Result<StatusOutcome, StoreError> {
                let now = now_micros(now);
                let mut tx = self.backoffice_tx().await?;
                let Some(current) = Self::load_application(&mut tx, receipt.as_str(), true).await? else {
                    return Ok(StatusOutcome::NotFound);
                };
                let app = &current.application;
                if !app.status.may_become(update.status) {
                    Self::audit_in(&mut tx, actor, "application-status", &format!("application:{}", app.id), "illegal-transition", now).await?;
                    tx.commit().await?;
                    return Ok(StatusOutcome::Illegal { from: app.status });
                }
                let pickup = update.pickup.as_ref();
                sqlx::query(
                    "UPDATE applications SET status = $1, status_note = $2, pickup_from = $3, pickup_until = $4, pickup_place = $5, \
                     pickup_bring = $6, updated_at = $7 WHERE id = $8",
                )
                .bind(update.status.as_str())
                .bind(&update.note)
                .bind(pickup.map(|p| now_micros(p.from)))
                .bind(pickup.map(|p| now_micros(p.until)))
                .bind(pickup.map(|p| p.place.clone()))
                .bind(pickup.and_then(|p| p.bring.clone()))
                .bind(now)
                .bind(app.id)
                .execute(&mut *tx)
                .await?;
                let history_id: i64 = sqlx::query_scalar(
                    "INSERT INTO application_status_history (application_id, status, note, changed_at) VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(app.id)
                .bind(update.status.as_str())
                .bind(&update.note)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                let zone: String = sqlx::query_scalar("SELECT time_zone FROM offices WHERE id = $1")
                    .bind(app.office.as_str())
                    .fetch_one(&mut *tx)
                    .await?;
                let notice = Notice::StatusChanged {
                    receipt: notice::masked_receipt(app.receipt_no.as_str()),
                    service: app.service.as_str().to_string(),
                    status: update.status,
                    note: update.note.clone(),
                    pickup: update.pickup.clone(),
                    zone,
                };
                let event = format!("status:{}:{history_id}", app.id);
                let mut planned = 0;
                for user in Self::recipients(&mut tx, app.applicant_id, Some(app.id)).await? {
                    let n = PlannedNotice {
                        dedup_key: notice::dedup_key(&event, user),
                        chat_user_id: user,
                        applicant_id: Some(app.applicant_id),
                        notice: notice.clone(),
                        due_at: now,
                    };
                    planned += Self::insert_notice(&mut tx, &n, now).await?;
                }
                Self::audit_in(&mut tx, actor, "application-status", &format!("application:{}", app.id), update.status.as_str(), now).await?;
                let changed = Self::load_application(&mut tx, receipt.as_str(), false).await?
                    .ok_or_else(|| StoreError::Corrupt("changed application vanished".into()))?;
                tx.commit().await?;
                Ok(StatusOutcome::Changed { application: Box::new(changed), planned })
            }

            async fn close_day(&self, office: &OfficeId, day: NaiveDate, from: DateTime<Utc>, to: DateTime<Utc>, reason: &str, actor: &Actor, now: DateTime<Utc>) -> Result<ClosedDay, StoreError> {
                let now = now_micros(now);
                let mut tx = self.backoffice_tx().await?;
                sqlx::query(
                    "INSERT INTO office_closures (office_id, day, reason) VALUES ($1, $2, $3) \
                     ON CONFLICT (office_id, day) DO UPDATE SET reason = excluded.reason",
                )
                .bind(office.as_str())
                .bind(day)
                .bind(reason)
                .execute(&mut *tx)
                .await?;
                let zone: String = sqlx::query_scalar("SELECT time_zone FROM offices WHERE id = $1")
                    .bind(office.as_str())
                    .fetch_one(&mut *tx)
                    .await?;
                let booked: Vec<(i64, Option<i64>, String, String, DateTime<Utc>)> = sqlx::query_as(
                    "SELECT a.id, a.chat_user_id, a.code, a.service_code, s.starts_at FROM appointments a \
                     JOIN slots s ON s.id = a.slot_id WHERE s.office_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 \
                     AND a.status = 'booked' ORDER BY s.starts_at, a.id",
                )
                .bind(office.as_str())
                .bind(now_micros(from))
                .bind(now_micros(to))
                .fetch_all(&mut *tx)
                .await?;
                sqlx::query(
                    "UPDATE appointments SET status = 'cancelled', cancelled_at = $1 WHERE status = 'booked' AND slot_id IN \
                     (SELECT id FROM slots WHERE office_id = $2 AND starts_at >= $3 AND starts_at < $4)",
                )
                .bind(now)
                .bind(office.as_str())
                .bind(now_micros(from))
                .bind(now_micros(to))
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE slots SET booked = 0, capacity = 0 WHERE office_id = $1 AND starts_at >= $2 AND starts_at < $3")
                    .bind(office.as_str())
                    .bind(now_micros(from))
                    .bind(now_micros(to))
                    .execute(&mut *tx)
                    .await?;
                let mut closed = ClosedDay { cancelled: booked.len() as u64, planned: 0 };
                for (id, user, code, service, starts_at) in booked {
                    let Some(user) = user else { continue };
                    let n = PlannedNotice {
                        dedup_key: notice::dedup_key(&format!("cancelled:{id}"), user),
                        chat_user_id: user,
                        applicant_id: None,
                        notice: Notice::AppointmentCancelled { code, service, starts_at, zone: zone.clone() },
                        due_at: now,
                    };
                    closed.planned += Self::insert_notice(&mut tx, &n, now).await?;
                }
                Self::audit_in(&mut tx, actor, "office-close-day", &format!("office:{office}:{day}"), "closed", now).await?;
                tx.commit().await?;
                Ok(closed)
            }

            async fn set_slot_capacity(&self, slot_id: i64, capacity: i32) -> Result<CapacityOutcome, StoreError> {
                let mut tx = self.backoffice_tx().await?;
                let current: Option<(i32, i32)> = sqlx::query_as(AssertSqlSafe(format!("SELECT booked, capacity FROM slots WHERE id = $1{}", $lock_row)))
                    .bind(slot_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let outcome = match current {
                    None => CapacityOutcome::NotFound,
                    Some((booked, _)) if booked > capacity => CapacityOutcome::BelowBooked { booked },
                    Some((booked, before)) => {
                        sqlx::query("UPDATE slots SET capacity = $1 WHERE id = $2").bind(capacity).bind(slot_id).execute(&mut *tx).await?;
                        // New free places are news for the office's waiting list, as freed ones are.
                        if capacity > before.max(booked) {
                            crate::store::sql::tell_waiters::<$db>(&mut tx, slot_id, now_micros(Utc::now())).await?;
                        }
                        CapacityOutcome::Changed
                    }
                };
                tx.commit().await?;
                Ok(outcome)
            }

            async fn issue_link_code(&self, nationality: &Nationality, passport_no: &PassportNo, code_hash: &str, issued_by: &str, expires_at: DateTime<Utc>) -> Result<bool, StoreError> {
                let mut tx = self.backoffice_tx().await?;
                let applicant: Option<i64> = sqlx::query_scalar("SELECT id FROM applicants WHERE nationality = $1 AND passport_no = $2")
                    .bind(nationality.as_str())
                    .bind(passport_no.expose())
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(applicant) = applicant else { return Ok(false) };
                sqlx::query("INSERT INTO link_codes (code_hash, applicant_id, issued_by, expires_at) VALUES ($1, $2, $3, $4)")
                    .bind(code_hash)
                    .bind(applicant)
                    .bind(issued_by)
                    .bind(now_micros(expires_at))
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn revoke_e_document(&self, id: &str, now: DateTime<Utc>) -> Result<RevokeOutcome, StoreError> {
                let revoked_at: Option<Option<DateTime<Utc>>> = sqlx::query_scalar("SELECT revoked_at FROM e_documents WHERE id = $1")
                    .bind(id)
                    .fetch_optional(self.pool())
                    .await?;
                Ok(match revoked_at {
                    None => RevokeOutcome::NotFound,
                    Some(Some(_)) => RevokeOutcome::AlreadyRevoked,
                    Some(None) => {
                        let done = sqlx::query("UPDATE e_documents SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                            .bind(now_micros(now))
                            .bind(id)
                            .execute(self.pool())
                            .await?;
                        if done.rows_affected() == 1 { RevokeOutcome::Revoked } else { RevokeOutcome::AlreadyRevoked }
                    }
                })
            }

            async fn recipients_of_applicant(&self, applicant_id: i64) -> Result<Vec<i64>, StoreError> {
                let mut conn = self.pool().acquire().await?;
                Self::recipients(&mut conn, applicant_id, None).await
            }

            async fn enqueue(&self, notices: &[PlannedNotice]) -> Result<u64, StoreError> {
                let now = now_micros(Utc::now());
                let mut tx = self.backoffice_tx().await?;
                let mut inserted = 0;
                for n in notices {
                    inserted += Self::insert_notice(&mut tx, n, now).await?;
                }
                tx.commit().await?;
                Ok(inserted)
            }

            async fn claim_due(&self, worker: &str, lease_until: DateTime<Utc>, limit: i64, now: DateTime<Utc>) -> Result<Vec<OutboxRow>, StoreError> {
                let sql = format!(
                    "UPDATE outbox SET state = 'sending', claimed_by = $1, claimed_until = $2, attempts = attempts + 1 \
                     WHERE id IN (SELECT id FROM outbox WHERE (state = 'pending' AND due_at <= $3) \
                     OR (state = 'sending' AND claimed_until < $3) ORDER BY due_at, id LIMIT $4{}) \
                     RETURNING {OUTBOX_COLUMNS}",
                    $skip_locked
                );
                let mut tx = self.backoffice_tx().await?;
                let mut rows: Vec<OutboxRow> = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(worker)
                    .bind(now_micros(lease_until))
                    .bind(now_micros(now))
                    .bind(limit)
                    .fetch_all(&mut *tx)
                    .await?;
                tx.commit().await?;
                rows.sort_by_key(|r| (r.due_at, r.id));
                Ok(rows)
            }

            async fn recipient(&self, chat_user_id: i64, outbox_id: i64) -> Result<Option<Recipient>, StoreError> {
                let user: Option<(String, bool)> = sqlx::query_as("SELECT locale, notifications_enabled FROM chat_users WHERE id = $1")
                    .bind(chat_user_id)
                    .fetch_optional(self.pool())
                    .await?;
                let Some((locale, notifications_enabled)) = user else { return Ok(None) };
                let identities: Vec<(String, String)> =
                    sqlx::query_as("SELECT channel, external_id FROM channel_identities WHERE chat_user_id = $1 ORDER BY id")
                        .bind(chat_user_id)
                        .fetch_all(self.pool())
                        .await?;
                let delivered: Vec<(String, String)> =
                    sqlx::query_as("SELECT channel, external_id FROM deliveries WHERE outbox_id = $1")
                        .bind(outbox_id)
                        .fetch_all(self.pool())
                        .await?;
                Ok(Some(Recipient { locale, notifications_enabled, identities, delivered }))
            }

            async fn record_delivery(&self, outbox_id: i64, channel: &str, external_id: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO deliveries (outbox_id, channel, external_id, delivered_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (outbox_id, channel, external_id) DO NOTHING",
                )
                .bind(outbox_id)
                .bind(channel)
                .bind(external_id)
                .bind(now_micros(now))
                .execute(self.pool())
                .await?;
                Ok(())
            }

            async fn finish(&self, outbox_id: i64, worker: &str, finish: &Finish, now: DateTime<Utc>) -> Result<bool, StoreError> {
                let now = now_micros(now);
                let (state, due, error, delivered, refund): (&str, Option<DateTime<Utc>>, Option<&str>, Option<DateTime<Utc>>, i32) = match finish {
                    Finish::Delivered => ("delivered", None, None, Some(now), 0),
                    Finish::Skipped(why) => ("skipped", None, Some(why), None, 0),
                    Finish::Retry { at, error } => ("pending", Some(now_micros(*at)), Some(error), None, 0),
                    Finish::Defer { at } => ("pending", Some(now_micros(*at)), None, None, 1),
                    Finish::Dead(why) => ("dead", None, Some(why), None, 0),
                };
                let done = sqlx::query(
                    "UPDATE outbox SET state = $1, due_at = COALESCE($2, due_at), last_error = COALESCE($3, last_error), \
                     delivered_at = $4, attempts = attempts - $5, claimed_by = NULL, claimed_until = NULL \
                     WHERE id = $6 AND claimed_by = $7 AND state = 'sending'",
                )
                .bind(state)
                .bind(due)
                .bind(error)
                .bind(delivered)
                .bind(refund)
                .bind(outbox_id)
                .bind(worker)
                .execute(self.pool())
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn audit_query(&self, f: &AuditFilter) -> Result<Vec<AuditEntryRow>, StoreError> {
                Ok(sqlx::query_as(
                    "SELECT at, actor_kind, actor, channel, action, subject, outcome FROM audit_log \
                     WHERE ($1 IS NULL OR actor = $1) AND ($2 IS NULL OR action = $2) AND ($3 IS NULL OR subject = $3) \
                     AND ($4 IS NULL OR at >= $4) AND ($5 IS NULL OR at < $5) ORDER BY id DESC LIMIT $6",
                )
                .bind(&f.actor)
                .bind(&f.action)
                .bind(&f.subject)
                .bind(f.since.map(now_micros))
                .bind(f.until.map(now_micros))
                .bind(f.limit)
                .fetch_all(self.pool())
                .await?)
            }

            async fn outbox(&self, state: Option<&str>, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
                Ok(sqlx::query_as(AssertSqlSafe(format!(
                    "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE ($1 IS NULL OR state = $1) ORDER BY id DESC LIMIT $2"
                )))
                .bind(state)
                .bind(limit)
                .fetch_all(self.pool())
                .await?)
            }

            async fn requeue(&self, outbox_id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
                let done = sqlx::query("UPDATE outbox SET state = 'pending', attempts = 0, due_at = $1 WHERE id = $2 AND state = 'dead'")
                    .bind(now_micros(now))
                    .bind(outbox_id)
                    .execute(self.pool())
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn acquire_job(&self, job: &str, holder: &str, lease_until: DateTime<Utc>, now: DateTime<Utc>) -> Result<Option<Option<DateTime<Utc>>>, StoreError> {
                let mut tx = self.backoffice_tx().await?;
                sqlx::query("INSERT INTO scheduler_jobs (job) VALUES ($1) ON CONFLICT (job) DO NOTHING")
                    .bind(job)
                    .execute(&mut *tx)
                    .await?;
                let taken: Option<(Option<DateTime<Utc>>,)> = sqlx::query_as(
                    "UPDATE scheduler_jobs SET holder = $2, lease_until = $3 \
                     WHERE job = $1 AND (holder IS NULL OR holder = $2 OR lease_until < $4) RETURNING last_tick",
                )
                .bind(job)
                .bind(holder)
                .bind(now_micros(lease_until))
                .bind(now_micros(now))
                .fetch_optional(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(taken.map(|(t,)| t))
            }

            async fn complete_job(&self, job: &str, holder: &str, tick: Option<DateTime<Utc>>) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE scheduler_jobs SET last_tick = COALESCE($3, last_tick), holder = NULL, lease_until = NULL \
                     WHERE job = $1 AND holder = $2",
                )
                    .bind(job)
                    .bind(holder)
                    .bind(tick.map(now_micros))
                    .execute(self.pool())
                    .await?;
                Ok(())
            }

            async fn appointments_starting(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<UpcomingAppointment>, StoreError> {
                Ok(sqlx::query_as(
                    "SELECT a.id, a.chat_user_id, a.code, a.service_code, o.name_en AS office_en, o.name_zh AS office_zh, o.time_zone, s.starts_at \
                     FROM appointments a JOIN slots s ON s.id = a.slot_id JOIN offices o ON o.id = s.office_id \
                     WHERE a.status = 'booked' AND a.chat_user_id IS NOT NULL AND s.starts_at >= $1 AND s.starts_at < $2 ORDER BY s.starts_at, a.id",
                )
                .bind(now_micros(from))
                .bind(now_micros(to))
                .fetch_all(self.pool())
                .await?)
            }

            async fn permits_expiring_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ExpiringPermit>, StoreError> {
                let rows: Vec<PermitExpiryRow> = sqlx::query_as(
                    "SELECT id, applicant_id, kind, expires_on FROM residence_permits WHERE expires_on >= $1 AND expires_on <= $2 ORDER BY id",
                )
                .bind(from)
                .bind(to)
                .fetch_all(self.pool())
                .await?;
                rows.into_iter()
                    .map(|r| Ok(ExpiringPermit { id: r.id, applicant_id: r.applicant_id, kind: parse(&r.kind, "permit kind")?, expires_on: r.expires_on }))
                    .collect()
            }

            async fn pickups_ready_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<WaitingPickup>, StoreError> {
                let rows: Vec<(String, DateTime<Utc>, String)> = sqlx::query_as(
                    "SELECT a.receipt_no, MAX(h.changed_at) AS ready_since, o.time_zone FROM applications a \
                     JOIN application_status_history h ON h.application_id = a.id AND h.status = 'ready_for_pickup' \
                     JOIN offices o ON o.id = a.office_id WHERE a.status = 'ready_for_pickup' \
                     GROUP BY a.id, a.receipt_no, o.time_zone HAVING MAX(h.changed_at) >= $1 AND MAX(h.changed_at) < $2 ORDER BY a.id",
                )
                .bind(now_micros(from))
                .bind(now_micros(to))
                .fetch_all(self.pool())
                .await?;
                let mut conn = self.pool().acquire().await?;
                let mut out = Vec::with_capacity(rows.len());
                for (receipt, ready_since, time_zone) in rows {
                    if let Some(application) = Self::load_application(&mut conn, &receipt, false).await? {
                        out.push(WaitingPickup { application, ready_since, time_zone });
                    }
                }
                Ok(out)
            }
        }
    };
}

mod pg {
    use super::*;
    // Several dispatchers claim disjoint rows: a row locked by one is skipped by the others.
    backoffice_store!(
        PgRepository,
        Postgres,
        "BEGIN",
        " FOR UPDATE",
        " FOR UPDATE SKIP LOCKED"
    );
}

mod sqlite {
    use super::*;
    // BEGIN IMMEDIATE serialises writers; row locks do not exist and are not needed.
    backoffice_store!(SqliteRepository, Sqlite, "BEGIN IMMEDIATE", "", "");
}
