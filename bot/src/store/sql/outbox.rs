//! `OutboxStore` in SQL: planning, claiming and finishing notifications, scheduler leases,
//! and the reads scheduled reminders are planned from.

use super::rows::{OUTBOX_PAYLOAD, open_as, parse};
use super::{SqlBackend, SqlStore, micros, query, query_as, query_scalar};
use crate::domain::notice::OfficePlace;
use crate::domain::personal::mask_full_name;
use crate::store::StoreError;
use crate::store::data_keys::DataKeys;
use crate::store::outbox::{
    Addressee, ExpiringPermit, Finish, OutboxGauges, OutboxRow, OutboxStore, PlannedNotice,
    Recipient, UpcomingAppointment, WaitingPickup,
};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::AssertSqlSafe;

#[derive(sqlx::FromRow)]
struct PermitExpiryRow {
    id: i64,
    applicant_id: i64,
    kind: String,
    expires_on: NaiveDate,
}

const OUTBOX_COLUMNS: &str = "id, dedup_key, kind, chat_user_id, payload, state, attempts, due_at, \
     last_error, created_at, delivered_at";

impl<DB: SqlBackend> SqlStore<DB> {
    /// Chat users told about an applicant (and, with `application_id`, its watchers).
    pub(super) async fn recipients(
        conn: &mut DB::Connection,
        applicant_id: i64,
        application_id: Option<i64>,
    ) -> Result<Vec<i64>, StoreError> {
        Ok(query_scalar(
            "SELECT chat_user_id FROM applicant_links WHERE applicant_id = $1 \
             UNION SELECT helper_chat_user FROM delegations WHERE applicant_id = $1 \
             AND revoked_at IS NULL \
             UNION SELECT chat_user_id FROM application_watchers WHERE application_id = $2 \
             ORDER BY 1",
        )
        .bind(applicant_id)
        .bind(application_id.unwrap_or(-1))
        .fetch_all(&mut *conn)
        .await?)
    }

    /// `users` (told about an applicant) with how each is addressed: a chat linked to the
    /// applicant is the applicant's own; any other (a helper, a watcher) reads the
    /// applicant's first name and masked surname.
    pub(super) async fn addressed(
        conn: &mut DB::Connection,
        keys: &DataKeys,
        applicant_id: i64,
        users: Vec<i64>,
    ) -> Result<Vec<Addressee>, StoreError> {
        let own: Vec<i64> =
            query_scalar("SELECT chat_user_id FROM applicant_links WHERE applicant_id = $1")
                .bind(applicant_id)
                .fetch_all(&mut *conn)
                .await?;
        let relative = if users.iter().all(|u| own.contains(u)) {
            None
        } else {
            let name: Option<String> =
                query_scalar("SELECT full_name FROM applicants WHERE id = $1")
                    .bind(applicant_id)
                    .fetch_optional(&mut *conn)
                    .await?;
            match name {
                Some(sealed) => Some(mask_full_name(&open_as::<String>(
                    keys,
                    "applicants.full_name",
                    &sealed,
                )?)),
                None => None,
            }
        };
        Ok(users
            .into_iter()
            .map(|chat_user_id| Addressee {
                chat_user_id,
                relative: if own.contains(&chat_user_id) {
                    None
                } else {
                    relative.clone()
                },
            })
            .collect())
    }

    /// An office's time zone and its name and address for notices.
    pub(super) async fn office_place(
        conn: &mut DB::Connection,
        office_id: &str,
    ) -> Result<(String, OfficePlace), StoreError> {
        let (zone, name_en, name_zh, address_en, address_zh): (
            String,
            String,
            String,
            String,
            String,
        ) = query_as(
            "SELECT time_zone, name_en, name_zh, address_en, address_zh FROM offices \
             WHERE id = $1",
        )
        .bind(office_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("office {office_id} is gone")))?;
        Ok((
            zone,
            OfficePlace {
                name_en,
                name_zh,
                address_en,
                address_zh,
            },
        ))
    }

    /// Rows as read, their payloads opened. A payload that does not open (sealed under a key
    /// this process lacks) is logged and left empty, which no notice parses: the dispatcher
    /// dead-letters that row as unreadable, and the rows beside it still go out.
    fn open_payloads(&self, mut rows: Vec<OutboxRow>) -> Result<Vec<OutboxRow>, StoreError> {
        for row in &mut rows {
            row.payload = match self.keys.open(OUTBOX_PAYLOAD, &row.payload) {
                Ok(payload) => payload,
                Err(e) => {
                    tracing::error!(outbox = row.id, error = %e, "a notification does not open");
                    String::new()
                }
            };
        }
        Ok(rows)
    }

    /// Writes one planned notice; 0 when a row with its dedup key is already there.
    pub(super) async fn insert_notice(
        conn: &mut DB::Connection,
        keys: &DataKeys,
        n: &PlannedNotice,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let done = query(
            "INSERT INTO outbox (dedup_key, kind, chat_user_id, applicant_id, payload, due_at, \
             state, attempts, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7) ON CONFLICT (dedup_key) DO NOTHING",
        )
        .bind(&n.dedup_key)
        .bind(n.notice.kind())
        .bind(n.chat_user_id)
        .bind(n.applicant_id)
        .bind(keys.seal(OUTBOX_PAYLOAD, &n.notice.to_payload()))
        .bind(micros(n.due_at))
        .bind(now)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected())
    }
}

#[async_trait]
impl<DB: SqlBackend> OutboxStore for SqlStore<DB> {
    async fn recipients_of_applicant(&self, applicant_id: i64) -> Result<Vec<i64>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        Self::recipients(&mut conn, applicant_id, None).await
    }

    async fn addressees_of_applicant(
        &self,
        applicant_id: i64,
    ) -> Result<Vec<Addressee>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let users = Self::recipients(&mut conn, applicant_id, None).await?;
        Self::addressed(&mut conn, &self.keys, applicant_id, users).await
    }

    async fn reminder_addressees(
        &self,
        applicant_id: i64,
        booked_by: Option<i64>,
    ) -> Result<Vec<Addressee>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let users: Vec<i64> = query_scalar(
            "SELECT chat_user_id FROM applicant_links WHERE applicant_id = $1 \
             UNION SELECT helper_chat_user FROM delegations WHERE applicant_id = $1 \
             AND revoked_at IS NULL AND helper_chat_user = $2 ORDER BY 1",
        )
        .bind(applicant_id)
        .bind(booked_by.unwrap_or(-1))
        .fetch_all(&mut *conn)
        .await?;
        Self::addressed(&mut conn, &self.keys, applicant_id, users).await
    }

    async fn enqueue(
        &self,
        notices: &[PlannedNotice],
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let now = micros(now);
        let mut tx = self.write_tx().await?;
        let mut inserted = 0;
        for n in notices {
            inserted += Self::insert_notice(&mut tx, &self.keys, n, now).await?;
        }
        tx.commit().await?;
        Ok(inserted)
    }

    async fn claim_due(
        &self,
        worker: &str,
        lease_until: DateTime<Utc>,
        limit: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<OutboxRow>, StoreError> {
        let sql = format!(
            "UPDATE outbox SET state = 'sending', claimed_by = $1, claimed_until = $2, \
             attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox WHERE (state = 'pending' AND due_at <= $3) \
             OR (state = 'sending' AND claimed_until < $3) ORDER BY due_at, id LIMIT $4{}) \
             RETURNING {OUTBOX_COLUMNS}",
            DB::SKIP_LOCKED
        );
        let mut tx = self.write_tx().await?;
        let mut rows: Vec<OutboxRow> = query_as(AssertSqlSafe(sql))
            .bind(worker)
            .bind(micros(lease_until))
            .bind(micros(now))
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        rows.sort_by_key(|r| (r.due_at, r.id));
        self.open_payloads(rows)
    }

    async fn recipient(
        &self,
        chat_user_id: i64,
        outbox_id: i64,
    ) -> Result<Option<Recipient>, StoreError> {
        let user: Option<(String, bool)> =
            query_as("SELECT locale, notifications_enabled FROM chat_users WHERE id = $1")
                .bind(chat_user_id)
                .fetch_optional(&self.pool)
                .await?;
        let Some((locale, notifications_enabled)) = user else {
            return Ok(None);
        };
        let identities: Vec<(String, String)> = query_as(
            "SELECT channel, external_id FROM channel_identities WHERE chat_user_id = $1 \
             ORDER BY id",
        )
        .bind(chat_user_id)
        .fetch_all(&self.pool)
        .await?;
        let delivered: Vec<(String, String)> =
            query_as("SELECT channel, external_id FROM deliveries WHERE outbox_id = $1")
                .bind(outbox_id)
                .fetch_all(&self.pool)
                .await?;
        Ok(Some(Recipient {
            locale,
            notifications_enabled,
            identities,
            delivered,
        }))
    }

    async fn record_delivery(
        &self,
        outbox_id: i64,
        channel: &str,
        external_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        query(
            "INSERT INTO deliveries (outbox_id, channel, external_id, delivered_at) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (outbox_id, channel, external_id) DO NOTHING",
        )
        .bind(outbox_id)
        .bind(channel)
        .bind(external_id)
        .bind(micros(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn finish(
        &self,
        outbox_id: i64,
        worker: &str,
        finish: &Finish,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let now = micros(now);
        let (state, due, error, delivered, refund): (
            &str,
            Option<DateTime<Utc>>,
            Option<&str>,
            Option<DateTime<Utc>>,
            i32,
        ) = match finish {
            Finish::Delivered => ("delivered", None, None, Some(now), 0),
            Finish::Skipped(why) => ("skipped", None, Some(why), None, 0),
            Finish::Retry { at, error } => ("pending", Some(micros(*at)), Some(error), None, 0),
            Finish::Defer { at } => ("pending", Some(micros(*at)), None, None, 1),
            Finish::Dead(why) => ("dead", None, Some(why), None, 0),
        };
        let done = query(
            "UPDATE outbox SET state = $1, due_at = COALESCE($2, due_at), \
             last_error = COALESCE($3, last_error), \
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
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn outbox(&self, state: Option<&str>, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
        let rows = query_as(AssertSqlSafe(format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE ($1 IS NULL OR state = $1) \
             ORDER BY id DESC LIMIT $2"
        )))
        .bind(state)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        self.open_payloads(rows)
    }

    async fn outbox_gauges(&self, now: DateTime<Utc>) -> Result<OutboxGauges, StoreError> {
        // Finished rows (delivered, skipped) are history, not depth, and grow without end.
        let by_state = query_as(
            "SELECT state, COUNT(*) FROM outbox WHERE state IN ('pending', 'sending', 'dead') \
             GROUP BY state ORDER BY state",
        )
        .fetch_all(&self.pool)
        .await?;
        // Both read the (state, due_at) index.
        let oldest_due = query_scalar(
            "SELECT due_at FROM outbox WHERE state = 'pending' AND due_at <= $1 \
             ORDER BY due_at LIMIT 1",
        )
        .bind(micros(now))
        .fetch_optional(&self.pool)
        .await?;
        let expired_leases = query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE state = 'sending' AND claimed_until < $1",
        )
        .bind(micros(now))
        .fetch_one(&self.pool)
        .await?;
        Ok(OutboxGauges {
            by_state,
            oldest_due,
            expired_leases,
        })
    }

    async fn requeue(&self, outbox_id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE outbox SET state = 'pending', attempts = 0, due_at = $1 \
             WHERE id = $2 AND state = 'dead'",
        )
        .bind(micros(now))
        .bind(outbox_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn acquire_job(
        &self,
        job: &str,
        holder: &str,
        lease_until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Option<Option<DateTime<Utc>>>, StoreError> {
        let mut tx = self.write_tx().await?;
        query("INSERT INTO scheduler_jobs (job) VALUES ($1) ON CONFLICT (job) DO NOTHING")
            .bind(job)
            .execute(&mut *tx)
            .await?;
        let taken: Option<(Option<DateTime<Utc>>,)> = query_as(
            "UPDATE scheduler_jobs SET holder = $2, lease_until = $3 \
             WHERE job = $1 AND (holder IS NULL OR holder = $2 OR lease_until < $4) \
             RETURNING last_tick",
        )
        .bind(job)
        .bind(holder)
        .bind(micros(lease_until))
        .bind(micros(now))
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(taken.map(|(t,)| t))
    }

    async fn complete_job(
        &self,
        job: &str,
        holder: &str,
        tick: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        query(
            "UPDATE scheduler_jobs SET last_tick = COALESCE($3, last_tick), holder = NULL, \
             lease_until = NULL \
             WHERE job = $1 AND holder = $2",
        )
        .bind(job)
        .bind(holder)
        .bind(tick.map(micros))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn appointments_starting(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<UpcomingAppointment>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let mut upcoming: Vec<UpcomingAppointment> = query_as(
            "SELECT a.id, a.chat_user_id, a.applicant_id, a.code, a.service_code, \
             o.name_en AS office_en, o.name_zh AS office_zh, o.address_en, o.address_zh, \
             o.time_zone, s.starts_at \
             FROM appointments a JOIN slots s ON s.id = a.slot_id \
             JOIN offices o ON o.id = s.office_id \
             WHERE a.status = 'booked' AND (a.chat_user_id IS NOT NULL \
             OR a.applicant_id IS NOT NULL) AND s.starts_at >= $1 \
             AND s.starts_at < $2 ORDER BY s.starts_at, a.id",
        )
        .bind(micros(from))
        .bind(micros(to))
        .fetch_all(&mut *conn)
        .await?;
        for a in &mut upcoming {
            a.documents = Self::load_services(&mut conn, Some(a.service_code.as_str()))
                .await?
                .pop()
                .map(|s| s.documents)
                .unwrap_or_default();
        }
        Ok(upcoming)
    }

    async fn permits_expiring_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ExpiringPermit>, StoreError> {
        let rows: Vec<PermitExpiryRow> = query_as(
            "SELECT id, applicant_id, kind, expires_on FROM residence_permits \
             WHERE expires_on >= $1 AND expires_on <= $2 ORDER BY id",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(ExpiringPermit {
                    id: r.id,
                    applicant_id: r.applicant_id,
                    kind: parse(&r.kind, "permit kind")?,
                    expires_on: r.expires_on,
                })
            })
            .collect()
    }

    async fn pickups_ready_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<WaitingPickup>, StoreError> {
        let rows: Vec<(String, DateTime<Utc>, String)> = query_as(
            "SELECT a.receipt_no, MAX(h.changed_at) AS ready_since, a.office_id \
             FROM applications a \
             JOIN application_status_history h ON h.application_id = a.id \
             AND h.status = 'ready_for_pickup' \
             WHERE a.status = 'ready_for_pickup' \
             GROUP BY a.id, a.receipt_no, a.office_id HAVING MAX(h.changed_at) >= $1 \
             AND MAX(h.changed_at) < $2 ORDER BY a.id",
        )
        .bind(micros(from))
        .bind(micros(to))
        .fetch_all(&self.pool)
        .await?;
        let mut conn = self.pool.acquire().await?;
        let mut out = Vec::with_capacity(rows.len());
        for (receipt, ready_since, office) in rows {
            if let Some(application) = Self::load_application(&mut conn, &receipt, false).await? {
                let (time_zone, office) = Self::office_place(&mut conn, &office).await?;
                out.push(WaitingPickup {
                    application,
                    ready_since,
                    time_zone,
                    office,
                });
            }
        }
        Ok(out)
    }
}
