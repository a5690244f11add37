//! `OfficeStore` in SQL: back-office tokens and office writes. Each write runs in one
//! transaction with its audit line and, where it tells someone, its outbox rows
//! (`insert_notice`); a row the write depends on is read with `SqlBackend::LOCK_ROW`.

use super::rows::PASSPORT;
use super::{SqlBackend, SqlStore, micros, query, query_as, query_scalar, tell_waiters};
use crate::domain::notice::{Notice, PickupDetails, dedup_key, masked_receipt};
use crate::domain::{ApplicationStatus, Nationality, OfficeId, PassportNo, ReceiptNo};
use crate::store::backoffice::{
    Actor, ApiToken, CapacityOutcome, ClosedDay, CreateRefusal, NewApplication, OfficeApplication,
    OfficeStore, PlannedNotice, RevokeOutcome, StatusOutcome, StatusUpdate,
};
use crate::store::{Application, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::AssertSqlSafe;

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

const TOKEN_COLUMNS: &str = "id, name, scopes, offices, created_at, revoked_at";
const APPLICATION_COLUMNS: &str = "id, receipt_no, applicant_id, service_code, office_id, submitted_at, status, status_note, \
     pickup_from, pickup_until, pickup_place, pickup_bring";

impl<DB: SqlBackend> SqlStore<DB> {
    /// The application with this receipt number, with its history and pickup details;
    /// `lock` reads it for update.
    pub(super) async fn load_application(
        conn: &mut DB::Connection,
        receipt: &str,
        lock: bool,
    ) -> Result<Option<OfficeApplication>, StoreError> {
        let lock = if lock { DB::LOCK_ROW } else { "" };
        let sql =
            format!("SELECT {APPLICATION_COLUMNS} FROM applications WHERE receipt_no = $1{lock}");
        let found: Option<Application> = query_as(AssertSqlSafe(sql))
            .bind(receipt)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(mut application) = found else {
            return Ok(None);
        };
        application.history = Self::status_history(conn, application.id).await?;
        let pickup = match (
            &application.pickup_place,
            application.pickup_from,
            application.pickup_until,
        ) {
            (Some(place), Some(from), Some(until)) => Some(PickupDetails {
                place: place.clone(),
                from,
                until,
                bring: application.pickup_bring.clone(),
            }),
            _ => None,
        };
        Ok(Some(OfficeApplication {
            application,
            pickup,
        }))
    }
}

#[async_trait]
impl<DB: SqlBackend> OfficeStore for SqlStore<DB> {
    async fn create_token(
        &self,
        name: &str,
        secret_hash: &str,
        scopes: &[String],
        offices: Option<&[String]>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = query(
            "INSERT INTO api_tokens (name, secret_hash, scopes, offices, created_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(secret_hash)
        .bind(scopes.join(","))
        .bind(offices.map(|o| o.join(",")))
        .bind(micros(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn tokens(&self) -> Result<Vec<ApiToken>, StoreError> {
        let rows: Vec<TokenRow> = query_as(AssertSqlSafe(format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY id"
        )))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(ApiToken::from).collect())
    }

    async fn token_by_hash(&self, secret_hash: &str) -> Result<Option<ApiToken>, StoreError> {
        let row: Option<TokenRow> = query_as(AssertSqlSafe(format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE secret_hash = $1"
        )))
        .bind(secret_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(ApiToken::from))
    }

    async fn revoke_token(&self, name: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let done =
            query("UPDATE api_tokens SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL")
                .bind(micros(now))
                .bind(name)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn application(
        &self,
        receipt: &ReceiptNo,
    ) -> Result<Option<OfficeApplication>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        Self::load_application(&mut conn, receipt.as_str(), false).await
    }

    async fn create_application(
        &self,
        new: &NewApplication,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Result<OfficeApplication, CreateRefusal>, StoreError> {
        let now = micros(now);
        let mut tx = self.write_tx().await?;
        let applicant: Option<i64> = query_scalar(
            "SELECT id FROM applicants WHERE nationality = $1 AND passport_index = $2",
        )
        .bind(new.nationality.as_str())
        .bind(self.keys.blind_index(PASSPORT, new.passport_no.expose()))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(applicant) = applicant else {
            return Ok(Err(CreateRefusal::UnknownApplicant));
        };
        let service: Option<String> = query_scalar("SELECT code FROM services WHERE code = $1")
            .bind(new.service.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if service.is_none() {
            return Ok(Err(CreateRefusal::UnknownService));
        }
        let office: Option<String> = query_scalar("SELECT id FROM offices WHERE id = $1")
            .bind(new.office.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if office.is_none() {
            return Ok(Err(CreateRefusal::UnknownOffice));
        }
        let id: Option<i64> = query_scalar(
            "INSERT INTO applications (receipt_no, applicant_id, service_code, office_id, \
             submitted_at, status, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (receipt_no) DO NOTHING RETURNING id",
        )
        .bind(new.receipt_no.as_str())
        .bind(applicant)
        .bind(new.service.as_str())
        .bind(new.office.as_str())
        .bind(micros(new.submitted_at))
        .bind(ApplicationStatus::Received.as_str())
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Ok(Err(CreateRefusal::ReceiptTaken));
        };
        query(
            "INSERT INTO application_status_history (application_id, status, note, changed_at) \
             VALUES ($1, $2, NULL, $3)",
        )
        .bind(id)
        .bind(ApplicationStatus::Received.as_str())
        .bind(micros(new.submitted_at))
        .execute(&mut *tx)
        .await?;
        Self::audit_in(
            &mut tx,
            &actor.audit_entry("application-create", format!("application:{id}"), "created"),
            now,
        )
        .await?;
        let created = Self::load_application(&mut tx, new.receipt_no.as_str(), false)
            .await?
            .ok_or_else(|| StoreError::Corrupt("created application vanished".into()))?;
        tx.commit().await?;
        Ok(Ok(created))
    }

    async fn change_status(
        &self,
        receipt: &ReceiptNo,
        update: &StatusUpdate,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<StatusOutcome, StoreError> {
        let now = micros(now);
        let mut tx = self.write_tx().await?;
        let Some(current) = Self::load_application(&mut tx, receipt.as_str(), true).await? else {
            return Ok(StatusOutcome::NotFound);
        };
        let app = &current.application;
        if !app.status.may_become(update.status) {
            Self::audit_in(
                &mut tx,
                &actor.audit_entry(
                    "application-status",
                    format!("application:{}", app.id),
                    "illegal-transition",
                ),
                now,
            )
            .await?;
            tx.commit().await?;
            return Ok(StatusOutcome::Illegal { from: app.status });
        }
        let pickup = update.pickup.as_ref();
        query(
            "UPDATE applications SET status = $1, status_note = $2, pickup_from = $3, \
             pickup_until = $4, pickup_place = $5, \
             pickup_bring = $6, updated_at = $7 WHERE id = $8",
        )
        .bind(update.status.as_str())
        .bind(&update.note)
        .bind(pickup.map(|p| micros(p.from)))
        .bind(pickup.map(|p| micros(p.until)))
        .bind(pickup.map(|p| p.place.clone()))
        .bind(pickup.and_then(|p| p.bring.clone()))
        .bind(now)
        .bind(app.id)
        .execute(&mut *tx)
        .await?;
        let history_id: i64 = query_scalar(
            "INSERT INTO application_status_history (application_id, status, note, changed_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(app.id)
        .bind(update.status.as_str())
        .bind(&update.note)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let (zone, office) = Self::office_place(&mut tx, app.office.as_str()).await?;
        let event = format!("status:{}:{history_id}", app.id);
        let mut planned = 0;
        let users = Self::recipients(&mut tx, app.applicant_id, Some(app.id)).await?;
        for to in Self::addressed(&mut tx, &self.keys, app.applicant_id, users).await? {
            let n = PlannedNotice {
                dedup_key: dedup_key(&event, to.chat_user_id),
                chat_user_id: to.chat_user_id,
                applicant_id: Some(app.applicant_id),
                notice: Notice::StatusChanged {
                    receipt: masked_receipt(app.receipt_no.as_str()),
                    service: app.service.as_str().to_string(),
                    status: update.status,
                    note: update.note.clone(),
                    pickup: update.pickup.clone(),
                    zone: zone.clone(),
                    office: Some(office.clone()),
                    relative: to.relative,
                },
                due_at: now,
            };
            planned += Self::insert_notice(&mut tx, &self.keys, &n, now).await?;
        }
        Self::audit_in(
            &mut tx,
            &actor.audit_entry(
                "application-status",
                format!("application:{}", app.id),
                update.status.as_str(),
            ),
            now,
        )
        .await?;
        let changed = Self::load_application(&mut tx, receipt.as_str(), false)
            .await?
            .ok_or_else(|| StoreError::Corrupt("changed application vanished".into()))?;
        tx.commit().await?;
        Ok(StatusOutcome::Changed {
            application: Box::new(changed),
            planned,
        })
    }

    async fn close_day(
        &self,
        office: &OfficeId,
        day: NaiveDate,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<ClosedDay, StoreError> {
        let now = micros(now);
        let mut tx = self.write_tx().await?;
        query(
            "INSERT INTO office_closures (office_id, day, reason) VALUES ($1, $2, $3) \
             ON CONFLICT (office_id, day) DO UPDATE SET reason = excluded.reason",
        )
        .bind(office.as_str())
        .bind(day)
        .bind(reason)
        .execute(&mut *tx)
        .await?;
        let zone: String = query_scalar("SELECT time_zone FROM offices WHERE id = $1")
            .bind(office.as_str())
            .fetch_one(&mut *tx)
            .await?;
        let booked: Vec<(i64, Option<i64>, Option<i64>, String, String, DateTime<Utc>)> = query_as(
            "SELECT a.id, a.chat_user_id, a.applicant_id, a.code, a.service_code, s.starts_at \
             FROM appointments a \
             JOIN slots s ON s.id = a.slot_id WHERE s.office_id = $1 AND s.starts_at >= $2 \
             AND s.starts_at < $3 \
             AND a.status = 'booked' ORDER BY s.starts_at, a.id",
        )
        .bind(office.as_str())
        .bind(micros(from))
        .bind(micros(to))
        .fetch_all(&mut *tx)
        .await?;
        query(
            "UPDATE appointments SET status = 'cancelled', cancelled_at = $1 \
             WHERE status = 'booked' AND slot_id IN \
             (SELECT id FROM slots WHERE office_id = $2 AND starts_at >= $3 AND starts_at < $4)",
        )
        .bind(now)
        .bind(office.as_str())
        .bind(micros(from))
        .bind(micros(to))
        .execute(&mut *tx)
        .await?;
        query(
            "UPDATE slots SET booked = 0, capacity = 0 WHERE office_id = $1 AND starts_at >= $2 \
             AND starts_at < $3",
        )
        .bind(office.as_str())
        .bind(micros(from))
        .bind(micros(to))
        .execute(&mut *tx)
        .await?;
        let mut closed = ClosedDay {
            cancelled: booked.len() as u64,
            planned: 0,
        };
        for (id, user, applicant_id, code, service, starts_at) in booked {
            // An applicant's appointment is told to the applicant and their current helpers,
            // like its reminders; one for nobody on record to whoever booked it.
            let users = match applicant_id {
                Some(applicant) => Self::recipients(&mut tx, applicant, None).await?,
                None => user.into_iter().collect(),
            };
            let notice = Notice::AppointmentCancelled {
                code,
                service,
                starts_at,
                zone: zone.clone(),
            };
            for user in users {
                let n = PlannedNotice {
                    dedup_key: dedup_key(&format!("cancelled:{id}"), user),
                    chat_user_id: user,
                    applicant_id,
                    notice: notice.clone(),
                    due_at: now,
                };
                closed.planned += Self::insert_notice(&mut tx, &self.keys, &n, now).await?;
            }
        }
        Self::audit_in(
            &mut tx,
            &actor.audit_entry(
                "office-close-day",
                format!("office:{office}:{day}"),
                "closed",
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(closed)
    }

    async fn set_slot_capacity(
        &self,
        slot_id: i64,
        capacity: i32,
        now: DateTime<Utc>,
    ) -> Result<CapacityOutcome, StoreError> {
        let mut tx = self.write_tx().await?;
        let current: Option<(i32, i32)> = query_as(AssertSqlSafe(format!(
            "SELECT booked, capacity FROM slots WHERE id = $1{}",
            DB::LOCK_ROW
        )))
        .bind(slot_id)
        .fetch_optional(&mut *tx)
        .await?;
        let outcome = match current {
            None => CapacityOutcome::NotFound,
            Some((booked, _)) if booked > capacity => CapacityOutcome::BelowBooked { booked },
            Some((booked, before)) => {
                query("UPDATE slots SET capacity = $1 WHERE id = $2")
                    .bind(capacity)
                    .bind(slot_id)
                    .execute(&mut *tx)
                    .await?;
                // New free places are news for the office's waiting list, as freed ones are.
                if capacity > before.max(booked) {
                    tell_waiters::<DB>(&mut tx, slot_id, micros(now)).await?;
                }
                CapacityOutcome::Changed
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }

    async fn issue_link_code(
        &self,
        nationality: &Nationality,
        passport_no: &PassportNo,
        code_hash: &str,
        issued_by: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let applicant: Option<i64> = query_scalar(
            "SELECT id FROM applicants WHERE nationality = $1 AND passport_index = $2",
        )
        .bind(nationality.as_str())
        .bind(self.keys.blind_index(PASSPORT, passport_no.expose()))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(applicant) = applicant else {
            return Ok(false);
        };
        query(
            "INSERT INTO link_codes (code_hash, applicant_id, issued_by, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(code_hash)
        .bind(applicant)
        .bind(issued_by)
        .bind(micros(expires_at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn revoke_e_document(
        &self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<RevokeOutcome, StoreError> {
        let revoked_at: Option<Option<DateTime<Utc>>> =
            query_scalar("SELECT revoked_at FROM e_documents WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(match revoked_at {
            None => RevokeOutcome::NotFound,
            Some(Some(_)) => RevokeOutcome::AlreadyRevoked,
            Some(None) => {
                let done = query(
                    "UPDATE e_documents SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                )
                .bind(micros(now))
                .bind(id)
                .execute(&self.pool)
                .await?;
                if done.rows_affected() == 1 {
                    RevokeOutcome::Revoked
                } else {
                    RevokeOutcome::AlreadyRevoked
                }
            }
        })
    }

    async fn applicant_offices(&self, applicant_id: i64) -> Result<Vec<OfficeId>, StoreError> {
        Ok(query_scalar(
            "SELECT office_id FROM applications WHERE applicant_id = $1 \
             UNION SELECT s.office_id FROM appointments a JOIN slots s ON s.id = a.slot_id \
             WHERE a.applicant_id = $1 ORDER BY 1",
        )
        .bind(applicant_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
