//! `PersonalDataStore` in SQL: what is held about one chat user, and erasing it.

use super::bookings::{APPOINTMENT_COLUMNS, APPOINTMENT_FROM};
use super::rows::{OUTBOX_PAYLOAD, SealedAppointment, open_as};
use super::{SqlBackend, SqlStore, query, query_as};
use crate::domain::{Nationality, Personal};
use crate::store::data_keys::DataKeys;
use crate::store::personal_data::{
    ApplicantLink, AppointmentRecord, ChannelIdentity, ChatUserHoldings, ChatUserRecord, ERASED,
    ErasureCounts, NotificationRecord, PersonalDataStore, WaitRecord, WatchRecord,
};
use crate::store::{AuditEntryRow, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

/// The applicants chat user `$1` proved to be.
const PROVED: &str = "SELECT applicant_id FROM applicant_links WHERE chat_user_id = $1";

/// Audit lines about chat user `$1` (`$2`: their id as text, `$3`: `chat_user:<id>`, `$4`:
/// `helper:<id>`): theirs as actor, or about them or an applicant they proved to be.
const AUDIT_ABOUT: &str = "(actor_kind = 'chat_user' AND actor = $2) OR subject = $3 \
     OR subject = $4 OR subject IN (SELECT 'applicant:' || CAST(applicant_id AS TEXT) \
     FROM applicant_links WHERE chat_user_id = $1)";

/// The subjects an audit line can name a chat user by.
fn subjects_of(chat_user_id: i64) -> (String, String) {
    (
        format!("chat_user:{chat_user_id}"),
        format!("helper:{chat_user_id}"),
    )
}

/// An appointment row as stored: its personal values sealed (`DataKeys`).
#[derive(sqlx::FromRow)]
struct SealedAppointmentRecord {
    #[sqlx(flatten)]
    appointment: SealedAppointment,
    nationality: Nationality,
    phone: String,
    created_at: DateTime<Utc>,
    cancelled_at: Option<DateTime<Utc>>,
}

impl SealedAppointmentRecord {
    fn open(self, keys: &DataKeys) -> Result<AppointmentRecord, StoreError> {
        Ok(AppointmentRecord {
            appointment: self.appointment.open(keys)?,
            nationality: self.nationality,
            phone: Personal::new(open_as(keys, "appointments.phone", &self.phone)?),
            created_at: self.created_at,
            cancelled_at: self.cancelled_at,
        })
    }
}

impl<DB: SqlBackend> SqlStore<DB> {
    /// Runs one statement about chat user `$1`; the rows it touched.
    async fn for_user(
        conn: &mut DB::Connection,
        sql: &'static str,
        chat_user_id: i64,
    ) -> Result<u64, StoreError> {
        Ok(query(sql)
            .bind(chat_user_id)
            .execute(conn)
            .await?
            .rows_affected())
    }
}

#[async_trait]
impl<DB: SqlBackend> PersonalDataStore for SqlStore<DB> {
    async fn holdings(&self, id: i64) -> Result<Option<ChatUserHoldings>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let Some(user) = query_as::<DB, ChatUserRecord>(
            "SELECT id, locale, notifications_enabled, created_at, last_seen_at FROM chat_users \
             WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        else {
            return Ok(None);
        };
        let identities = query_as(
            "SELECT channel, external_id, locale, created_at FROM channel_identities \
             WHERE chat_user_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let links: Vec<ApplicantLink> = query_as(
            "SELECT applicant_id, method, linked_at FROM applicant_links WHERE chat_user_id = $1 \
             ORDER BY linked_at, applicant_id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        // Constants of this file and of `bookings.rs`, never user input.
        let sealed: Vec<SealedAppointmentRecord> = query_as(AssertSqlSafe(format!(
            "SELECT {APPOINTMENT_COLUMNS}, a.nationality, a.phone, a.created_at, a.cancelled_at \
             {APPOINTMENT_FROM} WHERE a.chat_user_id = $1 OR a.applicant_id IN ({PROVED}) \
             ORDER BY a.created_at, a.id"
        )))
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let appointments = sealed
            .into_iter()
            .map(|a| a.open(&self.keys))
            .collect::<Result<Vec<_>, _>>()?;
        let watches: Vec<WatchRecord> = query_as(
            "SELECT application_id, since FROM application_watchers WHERE chat_user_id = $1 \
             ORDER BY since, application_id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let waits: Vec<WaitRecord> = query_as(
            "SELECT office_id, service_code, from_day, to_day, created_at, notified_at \
             FROM slot_waiters WHERE chat_user_id = $1 ORDER BY created_at, id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let mut notifications: Vec<NotificationRecord> = query_as(
            "SELECT id, kind, state, payload, due_at, created_at, delivered_at FROM outbox \
             WHERE chat_user_id = $1 ORDER BY created_at, id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        for n in &mut notifications {
            n.payload = open_as(&self.keys, OUTBOX_PAYLOAD, &n.payload)?;
        }
        let (as_user, as_helper) = subjects_of(id);
        let audit: Vec<AuditEntryRow> = query_as(AssertSqlSafe(format!(
            "SELECT at, actor_kind, actor, channel, action, subject, outcome FROM audit_log \
             WHERE {AUDIT_ABOUT} ORDER BY at, id"
        )))
        .bind(id)
        .bind(id.to_string())
        .bind(as_user)
        .bind(as_helper)
        .fetch_all(&mut *conn)
        .await?;
        Ok(Some(ChatUserHoldings {
            user,
            identities,
            links,
            appointments,
            watches,
            waits,
            notifications,
            audit,
        }))
    }

    async fn erase_chat_user(
        &self,
        id: i64,
    ) -> Result<Option<(Vec<ChannelIdentity>, ErasureCounts)>, StoreError> {
        let mut tx = self.write_tx().await?;
        let identities: Vec<ChannelIdentity> = query_as(
            "SELECT channel, external_id, locale, created_at FROM channel_identities \
             WHERE chat_user_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let exists: Option<i64> = super::query_scalar("SELECT id FROM chat_users WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Ok(None);
        }
        let (as_user, as_helper) = subjects_of(id);
        let conn = &mut *tx;
        // Delegations go before the links that name the applicants they act for.
        let counts = ErasureCounts {
            appointments_detached: Self::for_user(
                conn,
                "UPDATE appointments SET chat_user_id = NULL WHERE chat_user_id = $1",
                id,
            )
            .await?,
            delegations: Self::for_user(
                conn,
                "DELETE FROM delegations WHERE helper_chat_user = $1 OR applicant_id IN \
                 (SELECT applicant_id FROM applicant_links WHERE chat_user_id = $1)",
                id,
            )
            .await?
                + Self::for_user(
                    conn,
                    "UPDATE delegations SET revoked_by = NULL WHERE revoked_by = $1",
                    id,
                )
                .await?,
            applicant_links: Self::for_user(
                conn,
                "DELETE FROM applicant_links WHERE chat_user_id = $1",
                id,
            )
            .await?,
            application_watchers: Self::for_user(
                conn,
                "DELETE FROM application_watchers WHERE chat_user_id = $1",
                id,
            )
            .await?,
            slot_waiters: Self::for_user(
                conn,
                "DELETE FROM slot_waiters WHERE chat_user_id = $1",
                id,
            )
            .await?,
            notifications: Self::for_user(conn, "DELETE FROM outbox WHERE chat_user_id = $1", id)
                .await?,
            codes_and_invitations: Self::for_user(
                conn,
                "DELETE FROM channel_link_codes WHERE chat_user_id = $1",
                id,
            )
            .await?
                + Self::for_user(
                    conn,
                    "DELETE FROM family_invitations WHERE inviter = $1 OR accepted_by = $1",
                    id,
                )
                .await?,
            proof_attempts: query("DELETE FROM proof_attempts WHERE subject = $1")
                .bind(crate::store::user_attempts(id))
                .execute(&mut *conn)
                .await?
                .rows_affected(),
            channel_identities: Self::for_user(
                conn,
                "DELETE FROM channel_identities WHERE chat_user_id = $1",
                id,
            )
            .await?,
            chat_users: Self::for_user(conn, "DELETE FROM chat_users WHERE id = $1", id).await?,
            audit_lines_anonymized: 0,
        };
        let mut counts = counts;
        let mut anonymized = 0;
        for (sql, value) in [
            (
                "UPDATE audit_log SET actor = $1 WHERE actor_kind = 'chat_user' AND actor = $2",
                id.to_string(),
            ),
            (
                "UPDATE audit_log SET subject = $1 WHERE subject = $2",
                as_user,
            ),
            (
                "UPDATE audit_log SET subject = $1 WHERE subject = $2",
                as_helper,
            ),
        ] {
            anonymized += query(sql)
                .bind(ERASED)
                .bind(value)
                .execute(&mut *conn)
                .await?
                .rows_affected();
        }
        counts.audit_lines_anonymized = anonymized;
        tx.commit().await?;
        Ok(Some((identities, counts)))
    }
}
