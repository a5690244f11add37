//! `BookingStore` in SQL: the catalogue, slots, appointments and the waiting list.
//!
//! Taking a place is a conditional update (`booked < capacity`) inside the booking's write
//! transaction, so two bookings racing for the last place cannot both win; freeing one tells
//! the waiting list in the same transaction (`tell_waiters`).

use super::rows::{OfficeRow, PASSPORT, SealedAppointment, ServiceRow, parse};
use super::{
    SqlBackend, SqlStore, group_by_key, micros, now, query, query_as, query_scalar, tell_waiters,
};
use crate::domain::calendar::{Holidays, NewSlot};
use crate::domain::{
    Office, OfficeId, Service, ServiceCode, ServiceDocument, SlotGroup, WorkingCalendar,
};
use crate::store::data_keys::DataKeys;
use crate::store::{
    Appointment, BookingLimits, BookingOutcome, BookingStore, LimitKind, NewAppointment, Slot,
    StoreError, new_short_code,
};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{AssertSqlSafe, Transaction};
use std::collections::{BTreeSet, HashMap, HashSet};

pub(super) const OFFICE_COLUMNS: &str = "id, name_en, name_zh, city_en, city_zh, province_en, province_zh, address_en, address_zh, \
     latitude, longitude, phone, time_zone, hours, source_url, checked_on, verified, note";

/// The columns of an `Appointment` (`SELECT {APPOINTMENT_COLUMNS} {APPOINTMENT_FROM}`).
pub(super) const APPOINTMENT_COLUMNS: &str = "a.id AS appointment_id, a.code, a.service_code, a.status, \
     a.full_name, a.passport_no, s.id, s.office_id, s.slot_group, s.starts_at, s.ends_at, \
     s.capacity, s.booked";
pub(super) const APPOINTMENT_FROM: &str = "FROM appointments a JOIN slots s ON s.id = a.slot_id";

/// The appointments chat user `$1` sees and manages (`BookingStore::appointments_of`): an
/// appointment for an applicant on record belongs to the applicant, so to their own chats and
/// to their helpers while the delegation lasts; one for nobody on record to whoever booked it.
const SEEN_BY_USER: &str = "((a.applicant_id IS NULL AND a.chat_user_id = $1) \
     OR a.applicant_id IN (SELECT applicant_id FROM applicant_links WHERE chat_user_id = $1 \
     UNION SELECT applicant_id FROM delegations WHERE helper_chat_user = $1 \
     AND revoked_at IS NULL))";

const SLOT_COLUMNS: &str = "id, office_id, slot_group, starts_at, ends_at, capacity, booked";

/// A slot created (or given more places) in this transaction: id, office, group, start.
pub(super) type AddedPlaces = (i64, String, String, DateTime<Utc>);

/// Appointment codes: 8 characters without look-alikes (no 0/O, 1/I/L), easy to read out.
fn new_appointment_code() -> String {
    new_short_code()
}

impl<DB: SqlBackend> SqlStore<DB> {
    /// Every office, or the one with id `only`, with the services it offers.
    pub(super) async fn load_offices(
        conn: &mut DB::Connection,
        only: Option<&str>,
    ) -> Result<Vec<Office>, StoreError> {
        let rows: Vec<OfficeRow> = match only {
            Some(id) => {
                query_as(AssertSqlSafe(format!(
                    "SELECT {OFFICE_COLUMNS} FROM offices WHERE id = $1"
                )))
                .bind(id)
                .fetch_all(&mut *conn)
                .await?
            }
            None => {
                query_as(AssertSqlSafe(format!(
                    "SELECT {OFFICE_COLUMNS} FROM offices ORDER BY id"
                )))
                .fetch_all(&mut *conn)
                .await?
            }
        };
        let links: Vec<(String, String)> = query_as(
            "SELECT office_id, service_code FROM office_services ORDER BY office_id, service_code",
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut services = group_by_key(links);
        rows.into_iter()
            .map(|r| {
                let s = services.remove(&r.id).unwrap_or_default();
                r.into_office(s)
            })
            .collect()
    }

    /// Every service, or the one with code `only`, with the documents it needs.
    pub(super) async fn load_services(
        conn: &mut DB::Connection,
        only: Option<&str>,
    ) -> Result<Vec<Service>, StoreError> {
        let rows: Vec<ServiceRow> = query_as(
            "SELECT code, kind, slot_group, fee_fen, fee_verified, fee_note_key, processing_days, \
             processing_verified, source_url, checked_on, verified FROM services \
             WHERE ($1 IS NULL OR code = $1) ORDER BY code",
        )
        .bind(only)
        .fetch_all(&mut *conn)
        .await?;
        let docs: Vec<(String, String, bool)> = query_as(
            "SELECT service_code, document_code, required FROM service_documents \
             ORDER BY service_code, position",
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut docs = group_by_key(
            docs.into_iter()
                .map(|(s, code, required)| (s, ServiceDocument { code, required }))
                .collect(),
        );
        rows.into_iter()
            .map(|r| {
                let d = docs.remove(&r.code).unwrap_or_default();
                r.into_service(d)
            })
            .collect()
    }

    async fn load_appointment(
        conn: &mut DB::Connection,
        keys: &DataKeys,
        id: i64,
    ) -> Result<Option<Appointment>, StoreError> {
        let found: Option<SealedAppointment> = query_as(AssertSqlSafe(format!(
            "SELECT {APPOINTMENT_COLUMNS} {APPOINTMENT_FROM} WHERE a.id = $1"
        )))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        found.map(|a| a.open(keys)).transpose()
    }

    /// Commits a booking, cancellation or move with the appointment as it now is.
    async fn booked(
        mut tx: Transaction<'static, DB>,
        keys: &DataKeys,
        id: i64,
    ) -> Result<BookingOutcome, StoreError> {
        let appointment = Self::load_appointment(&mut tx, keys, id)
            .await?
            .ok_or_else(|| StoreError::Corrupt("appointment vanished".into()))?;
        tx.commit().await?;
        Ok(BookingOutcome::Booked(appointment))
    }

    /// Takes one place of a slot if it has one and has not started; false otherwise.
    async fn take_place(
        conn: &mut DB::Connection,
        slot_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let taken = query(
            "UPDATE slots SET booked = booked + 1 \
             WHERE id = $1 AND booked < capacity AND starts_at > $2",
        )
        .bind(slot_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        Ok(taken.rows_affected() == 1)
    }

    /// Frees a place and, in the same transaction, tells whoever waits for one at this
    /// office and service group on that day (each waiter once).
    async fn free_place(
        conn: &mut DB::Connection,
        slot_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        query("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
            .bind(slot_id)
            .execute(&mut *conn)
            .await?;
        tell_waiters::<DB>(conn, slot_id, now).await
    }

    /// After places were added in this transaction (new slots, raised capacities): tells
    /// whoever waits at those offices for those days (`tell_waiters`), once per office, slot
    /// group and office-local day. One query when nobody waits.
    pub(super) async fn places_added(
        conn: &mut DB::Connection,
        slots: &[AddedPlaces],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if slots.is_empty() {
            return Ok(());
        }
        let waited_at: HashMap<String, String> = query_as(
            "SELECT DISTINCT w.office_id, o.time_zone FROM slot_waiters w \
             JOIN offices o ON o.id = w.office_id WHERE w.notified_at IS NULL",
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
        let mut told = HashSet::new();
        for (slot_id, office, group, starts_at) in slots.iter().filter(|s| s.3 > now) {
            let Some(zone) = waited_at.get(office) else {
                continue;
            };
            let zone: chrono_tz::Tz = parse(zone, "office time zone")?;
            let day = starts_at.with_timezone(&zone).date_naive();
            if told.insert((office, group, day)) {
                tell_waiters::<DB>(conn, *slot_id, now).await?;
            }
        }
        Ok(())
    }

    /// The user's appointment if it is still active (booked and not started).
    async fn active_appointment(
        conn: &mut DB::Connection,
        keys: &DataKeys,
        id: i64,
        chat_user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<Appointment>, StoreError> {
        let found: Option<SealedAppointment> = query_as(AssertSqlSafe(format!(
            "SELECT {APPOINTMENT_COLUMNS} {APPOINTMENT_FROM} WHERE {SEEN_BY_USER} AND a.id = $2 \
             AND a.status = 'booked' AND s.starts_at > $3"
        )))
        .bind(chat_user_id)
        .bind(id)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?;
        found.map(|a| a.open(keys)).transpose()
    }
}

#[async_trait]
impl<DB: SqlBackend> BookingStore for SqlStore<DB> {
    async fn offices(&self) -> Result<Vec<Office>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        Self::load_offices(&mut conn, None).await
    }

    async fn services(&self) -> Result<Vec<Service>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        Self::load_services(&mut conn, None).await
    }

    async fn working_calendar(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<WorkingCalendar, StoreError> {
        let holidays: Vec<NaiveDate> =
            query_scalar("SELECT day FROM public_holidays WHERE day BETWEEN $1 AND $2")
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?;
        let closures: Vec<(String, NaiveDate)> =
            query_as("SELECT office_id, day FROM office_closures WHERE day BETWEEN $1 AND $2")
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?;
        let mut calendar = WorkingCalendar {
            holidays: Holidays::new(holidays),
            ..Default::default()
        };
        for (office, days) in group_by_key(closures) {
            calendar.closures.insert(
                parse(&office, "office id")?,
                days.into_iter().collect::<BTreeSet<_>>(),
            );
        }
        Ok(calendar)
    }

    async fn completed_applications(
        &self,
        office: &OfficeId,
        service: &ServiceCode,
        since: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>, StoreError> {
        Ok(query_as(
            "SELECT a.submitted_at, MIN(h.changed_at) AS ready_at FROM applications a \
             JOIN application_status_history h ON h.application_id = a.id \
             AND h.status = 'ready_for_pickup' \
             WHERE a.office_id = $1 AND a.service_code = $2 \
             GROUP BY a.id, a.submitted_at HAVING MIN(h.changed_at) >= $3 ORDER BY a.id",
        )
        .bind(office.as_str())
        .bind(service.as_str())
        .bind(micros(since))
        .fetch_all(&self.pool)
        .await?)
    }

    async fn insert_slots(&self, slots: &[NewSlot]) -> Result<u64, StoreError> {
        let mut tx = self.write_tx().await?;
        let mut created = 0;
        for chunk in slots.chunks(1000) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let n = i * 5;
                    format!(
                        "(${}, ${}, ${}, ${}, ${})",
                        n + 1,
                        n + 2,
                        n + 3,
                        n + 4,
                        n + 5
                    )
                })
                .collect();
            let mut insert = query_as(AssertSqlSafe(format!(
                "INSERT INTO slots (office_id, slot_group, starts_at, ends_at, capacity) \
                 VALUES {} \
                 ON CONFLICT (office_id, slot_group, starts_at) DO NOTHING \
                 RETURNING id, office_id, slot_group, starts_at",
                values.join(", ")
            )));
            for s in chunk {
                insert = insert
                    .bind(s.office_id.as_str())
                    .bind(s.group.as_str())
                    .bind(s.starts_at)
                    .bind(s.ends_at)
                    .bind(s.capacity);
            }
            let new: Vec<AddedPlaces> = insert.fetch_all(&mut *tx).await?;
            created += new.len() as u64;
            Self::places_added(&mut tx, &new, now()).await?;
        }
        tx.commit().await?;
        Ok(created)
    }

    async fn slots(
        &self,
        office: &OfficeId,
        group: SlotGroup,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Slot>, StoreError> {
        Ok(query_as(AssertSqlSafe(format!(
            "SELECT {SLOT_COLUMNS} FROM slots \
             WHERE office_id = $1 AND slot_group = $2 AND starts_at >= $3 AND starts_at < $4 \
             ORDER BY starts_at"
        )))
        .bind(office.as_str())
        .bind(group.as_str())
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn free_places_per_day(
        &self,
        office: &OfficeId,
        group: SlotGroup,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        utc_offset: i32,
    ) -> Result<Vec<(NaiveDate, i64)>, StoreError> {
        Ok(query_as(AssertSqlSafe(format!(
            "SELECT {} AS day, SUM(capacity - booked) FROM slots \
             WHERE office_id = $1 AND slot_group = $2 AND starts_at >= $3 AND starts_at < $4 \
             AND booked < capacity GROUP BY day ORDER BY day",
            DB::SLOT_DAY
        )))
        .bind(office.as_str())
        .bind(group.as_str())
        .bind(from)
        .bind(to)
        .bind(f64::from(utc_offset))
        .fetch_all(&self.pool)
        .await?)
    }

    async fn slot(&self, id: i64) -> Result<Option<Slot>, StoreError> {
        Ok(query_as(AssertSqlSafe(format!(
            "SELECT {SLOT_COLUMNS} FROM slots WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn book(
        &self,
        new: &NewAppointment,
        limits: BookingLimits,
        now: DateTime<Utc>,
    ) -> Result<BookingOutcome, StoreError> {
        let passport_index = self.keys.blind_index(PASSPORT, new.passport_no.expose());
        let full_name = self
            .keys
            .seal("appointments.full_name", new.full_name.expose());
        let passport_no = self
            .keys
            .seal("appointments.passport_no", new.passport_no.expose());
        let phone = self.keys.seal("appointments.phone", new.phone.expose());
        let mut tx = self.write_tx().await?;
        let _: Option<String> = query_scalar(DB::LOCK_KEY)
            .bind(format!("{}:{passport_index}", new.nationality))
            .fetch_optional(&mut *tx)
            .await?;
        let active = "SELECT COUNT(*) FROM appointments a JOIN slots s ON s.id = a.slot_id \
                      WHERE a.status = 'booked' AND s.starts_at > $1 AND a.service_code = $2";
        let by_user: i64 = query_scalar(AssertSqlSafe(format!("{active} AND a.chat_user_id = $3")))
            .bind(now)
            .bind(new.service.as_str())
            .bind(new.chat_user_id)
            .fetch_one(&mut *tx)
            .await?;
        if by_user >= limits.per_chat_user {
            return Ok(BookingOutcome::LimitReached {
                kind: LimitKind::ChatUser,
                limit: limits.per_chat_user,
            });
        }
        let by_passport: i64 = query_scalar(AssertSqlSafe(format!(
            "{active} AND a.nationality = $3 AND a.passport_index = $4"
        )))
        .bind(now)
        .bind(new.service.as_str())
        .bind(new.nationality.as_str())
        .bind(&passport_index)
        .fetch_one(&mut *tx)
        .await?;
        if by_passport >= limits.per_passport {
            return Ok(BookingOutcome::LimitReached {
                kind: LimitKind::Passport,
                limit: limits.per_passport,
            });
        }
        if let Some(claim) = &new.from_address {
            // Bookings of one address are serialised too: they may name any passport.
            let _: Option<String> = query_scalar(DB::LOCK_KEY)
                .bind(format!("address:{}", claim.address))
                .fetch_optional(&mut *tx)
                .await?;
            let by_address: i64 = query_scalar(
                "SELECT COUNT(*) FROM appointments a JOIN slots s ON s.id = a.slot_id \
                 WHERE a.booked_from = $1 AND s.starts_at >= $2 AND s.starts_at < $3 \
                 AND s.office_id = (SELECT office_id FROM slots WHERE id = $4)",
            )
            .bind(&claim.address)
            .bind(claim.day_from)
            .bind(claim.day_to)
            .bind(new.slot_id)
            .fetch_one(&mut *tx)
            .await?;
            if by_address >= limits.per_address_per_office_day {
                return Ok(BookingOutcome::LimitReached {
                    kind: LimitKind::Address,
                    limit: limits.per_address_per_office_day,
                });
            }
        }
        if !Self::take_place(&mut tx, new.slot_id, now).await? {
            return Ok(BookingOutcome::SlotTaken);
        }
        let mut id = None;
        for _ in 0..5 {
            // A code collision (1 in 31^8 per pair) just draws another code.
            id = query_scalar(
                "INSERT INTO appointments (code, slot_id, service_code, chat_user_id, full_name, \
                 nationality, passport_no, phone, status, created_at, booked_from, applicant_id, \
                 passport_index) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'booked', $9, $10, $11, $12) \
                 ON CONFLICT (code) DO NOTHING RETURNING id",
            )
            .bind(new_appointment_code())
            .bind(new.slot_id)
            .bind(new.service.as_str())
            .bind(new.chat_user_id)
            .bind(&full_name)
            .bind(new.nationality.as_str())
            .bind(&passport_no)
            .bind(&phone)
            .bind(now)
            .bind(new.from_address.as_ref().map(|c| c.address.as_str()))
            .bind(new.applicant_id)
            .bind(&passport_index)
            .fetch_optional(&mut *tx)
            .await?;
            if id.is_some() {
                break;
            }
        }
        let id: i64 =
            id.ok_or_else(|| StoreError::Corrupt("no free appointment code after 5 draws".into()))?;
        Self::booked(tx, &self.keys, id).await
    }

    async fn appointments_of(
        &self,
        chat_user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<Appointment>, StoreError> {
        let rows: Vec<SealedAppointment> = query_as(AssertSqlSafe(format!(
            "SELECT {APPOINTMENT_COLUMNS} {APPOINTMENT_FROM} WHERE {SEEN_BY_USER} AND a.status = 'booked' \
             AND s.starts_at > $2 ORDER BY s.starts_at, a.id"
        )))
        .bind(chat_user_id)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(|a| a.open(&self.keys)).collect()
    }

    async fn cancel_appointment(
        &self,
        id: i64,
        chat_user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<BookingOutcome, StoreError> {
        let mut tx = self.write_tx().await?;
        let Some(appointment) =
            Self::active_appointment(&mut tx, &self.keys, id, chat_user_id, now).await?
        else {
            return Ok(BookingOutcome::NotFound);
        };
        query("UPDATE appointments SET status = 'cancelled', cancelled_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        Self::free_place(&mut tx, appointment.slot.id, now).await?;
        Self::booked(tx, &self.keys, id).await
    }

    async fn reschedule_appointment(
        &self,
        id: i64,
        chat_user_id: i64,
        new_slot: i64,
        now: DateTime<Utc>,
    ) -> Result<BookingOutcome, StoreError> {
        let mut tx = self.write_tx().await?;
        let Some(appointment) =
            Self::active_appointment(&mut tx, &self.keys, id, chat_user_id, now).await?
        else {
            return Ok(BookingOutcome::NotFound);
        };
        if appointment.slot.id == new_slot {
            return Ok(BookingOutcome::Booked(appointment));
        }
        if !Self::take_place(&mut tx, new_slot, now).await? {
            return Ok(BookingOutcome::SlotTaken);
        }
        Self::free_place(&mut tx, appointment.slot.id, now).await?;
        query("UPDATE appointments SET slot_id = $1 WHERE id = $2")
            .bind(new_slot)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        Self::booked(tx, &self.keys, id).await
    }

    async fn join_waitlist(
        &self,
        chat_user_id: i64,
        office: &OfficeId,
        service: &ServiceCode,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let waiting: Option<i64> = query_scalar(
            "SELECT id FROM slot_waiters WHERE chat_user_id = $1 AND office_id = $2 \
             AND service_code = $3 AND notified_at IS NULL AND to_day >= $4",
        )
        .bind(chat_user_id)
        .bind(office.as_str())
        .bind(service.as_str())
        .bind(from)
        .fetch_optional(&mut *tx)
        .await?;
        if waiting.is_some() {
            return Ok(false);
        }
        query(
            "INSERT INTO slot_waiters (chat_user_id, office_id, service_code, from_day, to_day, \
             created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(chat_user_id)
        .bind(office.as_str())
        .bind(service.as_str())
        .bind(from)
        .bind(to)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
