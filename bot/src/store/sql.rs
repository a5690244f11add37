//! The SQL repository, written once and instantiated for PostgreSQL and SQLite.
//!
//! Both backends accept `$N` placeholders and `ON CONFLICT … DO UPDATE SET x = excluded.x`,
//! so one SQL text serves both; the macro only swaps the pool type, the migrations and how
//! a write transaction begins (`BEGIN IMMEDIATE` on SQLite takes the write lock up front, so
//! two writers queue on the busy timeout instead of failing on a lock upgrade).

use super::rows::{
    ApplicantRow, ApplicationRow, AppointmentRow, HistoryRow, OfficeRow, PassportRow, PermitRow,
    PrPermitRow, ServiceRow, SlotRow, parse,
};
use super::*;
use crate::domain::ServiceDocument;
use crate::domain::calendar::{Holidays, NewSlot};
use crate::import::{
    ApplicantRecord, ApplicationRecord, HolidayRecord, Numbered, OfficeRecord, ServiceRecord,
    SlotRecord,
};
use chrono::{DurationRound, SubsecRound};
use sha2::{Digest, Sha256};
use sqlx::migrate::Migrator;
use sqlx::{AssertSqlSafe, Postgres, QueryBuilder, Sqlite, Transaction};
use std::collections::{BTreeSet, HashMap, HashSet};

mod holder;

static PG_MIGRATOR: Migrator = sqlx::migrate!("../migrations/postgres");
static SQLITE_MIGRATOR: Migrator = sqlx::migrate!("../migrations/sqlite");

/// Now, at the precision both backends keep (PostgreSQL stores microseconds), so a value
/// read back compares equal to the value written.
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// The key attempt counters use for a passport: a digest, never the number itself.
pub fn passport_key(nationality: &Nationality, passport: &PassportNo) -> String {
    hex::encode(Sha256::digest(
        format!("{nationality}:{}", passport.expose()).as_bytes(),
    ))
}

/// Link codes are stored as SHA-256 hex digests: a database dump does not hand them out.
pub fn hash_link_code(code: &str) -> String {
    hex::encode(Sha256::digest(code.trim().to_ascii_uppercase().as_bytes()))
}

/// PostgreSQL repository.
#[derive(Clone)]
pub struct PgRepository {
    pool: sqlx::PgPool,
}

/// A pooled PostgreSQL connection idle for longer than this is checked (one round trip)
/// before use, so one that died meanwhile (a server restart, a proxy's idle cut) is replaced
/// instead of failing a query. One in steady use is not: sqlx's default checks every
/// connection on every acquire, which cost a busy service one extra round trip per query.
/// (HikariCP skips the check for connections used within the last 500 ms the same way.)
const CHECK_IF_IDLE_FOR: Duration = Duration::from_secs(1);

impl PgRepository {
    pub async fn connect(url: &str, connect_timeout: Duration) -> Result<Self, StoreError> {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(connect_timeout)
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for > CHECK_IF_IDLE_FOR {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            .connect(url)
            .await?;
        Ok(Self { pool })
    }

    pub fn from_pool(pool: sqlx::PgPool) -> Self {
        Self { pool }
    }

    pub fn pool(&self) -> &sqlx::PgPool {
        &self.pool
    }
}

/// SQLite repository (the embedded default).
#[derive(Clone)]
pub struct SqliteRepository {
    pool: sqlx::SqlitePool,
}

impl SqliteRepository {
    pub async fn connect(url: &str, connect_timeout: Duration) -> Result<Self, StoreError> {
        use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
        use std::str::FromStr;
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let file = options.get_filename();
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Database(sqlx::Error::Configuration(
                    format!("cannot create {}: {e}", dir.display()).into(),
                ))
            })?;
        }
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(connect_timeout)
            // A connection to a local file does not drop while idle; checking it before every
            // use only cost a round trip to its worker thread.
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &sqlx::SqlitePool {
        &self.pool
    }
}

const OFFICE_COLUMNS: &str = "id, name_en, name_zh, city_en, city_zh, province_en, province_zh, address_en, \
     address_zh, latitude, longitude, phone, time_zone, hours, source_url, checked_on, verified, note";

const APPOINTMENT_SELECT: &str = "SELECT a.id, a.code, a.service_code, a.status, a.full_name, a.passport_no, \
     s.id AS slot_id, s.office_id, s.slot_group, s.starts_at, s.ends_at, s.capacity, s.booked \
     FROM appointments a JOIN slots s ON s.id = a.slot_id";

/// Appointment codes: 8 characters without look-alikes (no 0/O, 1/I/L), easy to read out.
fn new_appointment_code() -> String {
    super::holder::new_short_code()
}

/// Groups `(key, value)` rows by key, keeping order.
fn group_by_key<V>(rows: Vec<(String, V)>) -> HashMap<String, Vec<V>> {
    let mut map: HashMap<String, Vec<V>> = HashMap::new();
    for (k, v) in rows {
        map.entry(k).or_default().push(v);
    }
    map
}

fn weekday_number(day: chrono::Weekday) -> i16 {
    day.number_from_monday() as i16
}

macro_rules! sql_repository {
    ($name:ident, $db:ty, $backend:expr, $migrator:expr, $begin:literal, $lock_passport:literal, $slot_day:literal) => {
        type Conn = <$db as sqlx::Database>::Connection;

        impl $name {
            async fn write_tx(&self) -> Result<Transaction<'static, $db>, StoreError> {
                Ok(self.pool.begin_with($begin).await?)
            }

            async fn load_offices(conn: &mut Conn, only: Option<&str>) -> Result<Vec<Office>, StoreError> {
                let rows: Vec<OfficeRow> = match only {
                    Some(id) => {
                        sqlx::query_as(AssertSqlSafe(format!("SELECT {OFFICE_COLUMNS} FROM offices WHERE id = $1")))
                            .bind(id)
                            .fetch_all(&mut *conn)
                            .await?
                    }
                    None => {
                        sqlx::query_as(AssertSqlSafe(format!("SELECT {OFFICE_COLUMNS} FROM offices ORDER BY id")))
                            .fetch_all(&mut *conn)
                            .await?
                    }
                };
                let links: Vec<(String, String)> =
                    sqlx::query_as("SELECT office_id, service_code FROM office_services ORDER BY office_id, service_code")
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

            async fn load_services(conn: &mut Conn, only: Option<&str>) -> Result<Vec<Service>, StoreError> {
                let sql = "SELECT code, kind, slot_group, fee_fen, fee_verified, fee_note_key, processing_days, \
                           processing_verified, source_url, checked_on, verified FROM services \
                           WHERE ($1 IS NULL OR code = $1) ORDER BY code";
                let rows: Vec<ServiceRow> = sqlx::query_as(sql).bind(only).fetch_all(&mut *conn).await?;
                let docs: Vec<(String, String, bool)> = sqlx::query_as(
                    "SELECT service_code, document_code, required FROM service_documents ORDER BY service_code, position",
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

            async fn load_appointment(conn: &mut Conn, id: i64) -> Result<Option<Appointment>, StoreError> {
                let row: Option<AppointmentRow> = sqlx::query_as(AssertSqlSafe(format!("{APPOINTMENT_SELECT} WHERE a.id = $1")))
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
                row.map(Appointment::try_from).transpose()
            }

            /// Takes one place of a slot if it has one and has not started; false otherwise.
            async fn take_place(conn: &mut Conn, slot_id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
                let taken = sqlx::query("UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity AND starts_at > $2")
                    .bind(slot_id)
                    .bind(now)
                    .execute(&mut *conn)
                    .await?;
                Ok(taken.rows_affected() == 1)
            }

            /// Frees a place and, in the same transaction, tells whoever waits for one at this
            /// office and service group on that day (each waiter once).
            async fn free_place(conn: &mut Conn, slot_id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
                sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
                    .bind(slot_id)
                    .execute(&mut *conn)
                    .await?;
                tell_waiters!(conn, slot_id, now)
            }

            /// After places were added in this transaction (new slots, raised capacities):
            /// tells whoever waits at those offices for those days (`tell_waiters!`), once per
            /// office, slot group and office-local day. One query when nobody waits.
            async fn places_added(conn: &mut Conn, slots: &[(i64, String, String, DateTime<Utc>)], now: DateTime<Utc>) -> Result<(), StoreError> {
                if slots.is_empty() {
                    return Ok(());
                }
                let waited_at: HashMap<String, String> = sqlx::query_as(
                    "SELECT DISTINCT w.office_id, o.time_zone FROM slot_waiters w JOIN offices o ON o.id = w.office_id \
                     WHERE w.notified_at IS NULL",
                )
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .collect();
                let mut told = HashSet::new();
                for (slot_id, office, group, starts_at) in slots.iter().filter(|s| s.3 > now) {
                    let Some(zone) = waited_at.get(office) else { continue };
                    let zone: chrono_tz::Tz = parse(zone, "office time zone")?;
                    let day = starts_at.with_timezone(&zone).date_naive();
                    if told.insert((office, group, day)) {
                        tell_waiters!(conn, *slot_id, now)?;
                    }
                }
                Ok(())
            }

            /// The user's appointment if it is still active (booked and not started).
            async fn active_appointment(conn: &mut Conn, id: i64, chat_user_id: i64, now: DateTime<Utc>) -> Result<Option<Appointment>, StoreError> {
                let row: Option<AppointmentRow> = sqlx::query_as(AssertSqlSafe(format!(
                    "{APPOINTMENT_SELECT} WHERE a.id = $1 AND a.chat_user_id = $2 AND a.status = 'booked' AND s.starts_at > $3"
                )))
                .bind(id)
                .bind(chat_user_id)
                .bind(now)
                .fetch_optional(&mut *conn)
                .await?;
                row.map(Appointment::try_from).transpose()
            }

            async fn exists(conn: &mut Conn, sql: &'static str, key: &str) -> Result<bool, StoreError> {
                let found: Option<i32> = sqlx::query_scalar(sql).bind(key).fetch_optional(&mut *conn).await?;
                Ok(found.is_some())
            }

            async fn import_offices(tx: &mut Conn, records: &[Numbered<OfficeRecord>], report: &mut ImportReport) -> Result<(), StoreError> {
                let known: HashSet<String> = sqlx::query_scalar("SELECT code FROM services")
                    .fetch_all(&mut *tx)
                    .await?
                    .into_iter()
                    .collect();
                for Numbered { position, value } in records {
                    let mut office = value.clone();
                    office.services.sort();
                    office.services.dedup();
                    if let Some(unknown) = office.services.iter().find(|s| !known.contains(s.as_str())) {
                        return Err(StoreError::rejected(*position, "services", format!("unknown service '{unknown}'; import services first")));
                    }
                    let existing = Self::load_offices(tx, Some(office.id.as_str())).await?.pop();
                    match existing {
                        Some(e) if e == office => { report.unchanged += 1; continue; }
                        Some(_) => report.updated += 1,
                        None => report.inserted += 1,
                    }
                    sqlx::query(AssertSqlSafe(format!(
                        "INSERT INTO offices ({OFFICE_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18) \
                         ON CONFLICT (id) DO UPDATE SET name_en = excluded.name_en, name_zh = excluded.name_zh, \
                         city_en = excluded.city_en, city_zh = excluded.city_zh, province_en = excluded.province_en, \
                         province_zh = excluded.province_zh, address_en = excluded.address_en, address_zh = excluded.address_zh, \
                         latitude = excluded.latitude, longitude = excluded.longitude, phone = excluded.phone, \
                         time_zone = excluded.time_zone, hours = excluded.hours, source_url = excluded.source_url, \
                         checked_on = excluded.checked_on, verified = excluded.verified, note = excluded.note")))
                    .bind(office.id.as_str())
                    .bind(&office.name_en)
                    .bind(&office.name_zh)
                    .bind(&office.city_en)
                    .bind(&office.city_zh)
                    .bind(&office.province_en)
                    .bind(&office.province_zh)
                    .bind(&office.address_en)
                    .bind(&office.address_zh)
                    .bind(office.latitude)
                    .bind(office.longitude)
                    .bind(&office.phone)
                    .bind(office.time_zone.name())
                    .bind(office.hours.as_str())
                    .bind(&office.source_url)
                    .bind(office.checked_on)
                    .bind(office.verified)
                    .bind(&office.note)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query("DELETE FROM office_hours WHERE office_id = $1").bind(office.id.as_str()).execute(&mut *tx).await?;
                    for i in office.hours.intervals() {
                        sqlx::query("INSERT INTO office_hours (office_id, weekday, opens, closes) VALUES ($1, $2, $3, $4)")
                            .bind(office.id.as_str())
                            .bind(weekday_number(i.weekday))
                            .bind(i.opens)
                            .bind(i.closes)
                            .execute(&mut *tx)
                            .await?;
                    }
                    sqlx::query("DELETE FROM office_services WHERE office_id = $1").bind(office.id.as_str()).execute(&mut *tx).await?;
                    for code in &office.services {
                        sqlx::query("INSERT INTO office_services (office_id, service_code) VALUES ($1, $2)")
                            .bind(office.id.as_str())
                            .bind(code.as_str())
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                Ok(())
            }

            async fn import_services(tx: &mut Conn, records: &[Numbered<ServiceRecord>], report: &mut ImportReport) -> Result<(), StoreError> {
                for Numbered { value: service, .. } in records {
                    let existing = Self::load_services(tx, Some(service.code.as_str())).await?.pop();
                    match existing {
                        Some(e) if &e == service => { report.unchanged += 1; continue; }
                        Some(_) => report.updated += 1,
                        None => report.inserted += 1,
                    }
                    sqlx::query(
                        "INSERT INTO services (code, kind, slot_group, fee_fen, fee_verified, fee_note_key, processing_days, \
                         processing_verified, source_url, checked_on, verified) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) \
                         ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, slot_group = excluded.slot_group, \
                         fee_fen = excluded.fee_fen, fee_verified = excluded.fee_verified, fee_note_key = excluded.fee_note_key, \
                         processing_days = excluded.processing_days, processing_verified = excluded.processing_verified, \
                         source_url = excluded.source_url, checked_on = excluded.checked_on, verified = excluded.verified",
                    )
                    .bind(service.code.as_str())
                    .bind(service.kind.as_str())
                    .bind(service.slot_group.as_str())
                    .bind(service.fee_fen)
                    .bind(service.fee_verified)
                    .bind(&service.fee_note_key)
                    .bind(service.processing_days)
                    .bind(service.processing_verified)
                    .bind(&service.source_url)
                    .bind(service.checked_on)
                    .bind(service.verified)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query("DELETE FROM service_documents WHERE service_code = $1").bind(service.code.as_str()).execute(&mut *tx).await?;
                    for (position, doc) in service.documents.iter().enumerate() {
                        sqlx::query("INSERT INTO service_documents (service_code, position, document_code, required) VALUES ($1, $2, $3, $4)")
                            .bind(service.code.as_str())
                            .bind(position as i32)
                            .bind(&doc.code)
                            .bind(doc.required)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                Ok(())
            }

            async fn import_holidays(tx: &mut Conn, records: &[Numbered<HolidayRecord>], report: &mut ImportReport) -> Result<(), StoreError> {
                for Numbered { value: h, .. } in records {
                    let existing: Option<(String, String, String)> =
                        sqlx::query_as("SELECT name_en, name_zh, source_url FROM public_holidays WHERE day = $1")
                            .bind(h.day)
                            .fetch_optional(&mut *tx)
                            .await?;
                    match existing {
                        Some((en, zh, src)) if en == h.name_en && zh == h.name_zh && src == h.source_url => {
                            report.unchanged += 1;
                            continue;
                        }
                        Some(_) => report.updated += 1,
                        None => report.inserted += 1,
                    }
                    sqlx::query(
                        "INSERT INTO public_holidays (day, name_en, name_zh, source_url) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (day) DO UPDATE SET name_en = excluded.name_en, name_zh = excluded.name_zh, source_url = excluded.source_url",
                    )
                    .bind(h.day)
                    .bind(&h.name_en)
                    .bind(&h.name_zh)
                    .bind(&h.source_url)
                    .execute(&mut *tx)
                    .await?;
                }
                Ok(())
            }

            async fn import_slots(tx: &mut Conn, records: &[Numbered<SlotRecord>], report: &mut ImportReport) -> Result<(), StoreError> {
                // New slots and raised capacities: places someone may be waiting for.
                let mut added = Vec::new();
                for Numbered { position, value: s } in records {
                    if !Self::exists(tx, "SELECT 1 FROM offices WHERE id = $1", s.office_id.as_str()).await? {
                        return Err(StoreError::rejected(*position, "office_id", format!("unknown office '{}'", s.office_id)));
                    }
                    let existing: Option<(i64, DateTime<Utc>, i32, i32)> = sqlx::query_as(
                        "SELECT id, ends_at, capacity, booked FROM slots WHERE office_id = $1 AND slot_group = $2 AND starts_at = $3",
                    )
                    .bind(s.office_id.as_str())
                    .bind(s.slot_group.as_str())
                    .bind(s.starts_at)
                    .fetch_optional(&mut *tx)
                    .await?;
                    match existing {
                        None => {
                            let id: i64 = sqlx::query_scalar("INSERT INTO slots (office_id, slot_group, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4, $5) RETURNING id")
                                .bind(s.office_id.as_str())
                                .bind(s.slot_group.as_str())
                                .bind(s.starts_at)
                                .bind(s.ends_at)
                                .bind(s.capacity)
                                .fetch_one(&mut *tx)
                                .await?;
                            added.push((id, s.office_id.to_string(), s.slot_group.to_string(), s.starts_at));
                            report.inserted += 1;
                        }
                        Some((_, ends_at, capacity, _)) if ends_at == s.ends_at && capacity == s.capacity => report.unchanged += 1,
                        Some((_, _, _, booked)) if booked > s.capacity => {
                            return Err(StoreError::rejected(*position, "capacity", format!("{booked} places are already booked")));
                        }
                        Some((id, _, capacity, _)) => {
                            sqlx::query("UPDATE slots SET ends_at = $1, capacity = $2 WHERE id = $3")
                                .bind(s.ends_at)
                                .bind(s.capacity)
                                .bind(id)
                                .execute(&mut *tx)
                                .await?;
                            if s.capacity > capacity {
                                added.push((id, s.office_id.to_string(), s.slot_group.to_string(), s.starts_at));
                            }
                            report.updated += 1;
                        }
                    }
                }
                Self::places_added(tx, &added, now()).await
            }

            async fn applicant_id(conn: &mut Conn, nationality: &Nationality, passport: &PassportNo) -> Result<Option<ApplicantRow>, StoreError> {
                Ok(sqlx::query_as(
                    "SELECT id, full_name, nationality, passport_no, birth_date FROM applicants WHERE nationality = $1 AND passport_no = $2",
                )
                .bind(nationality.as_str())
                .bind(passport.expose())
                .fetch_optional(&mut *conn)
                .await?)
            }

            async fn import_applicants(tx: &mut Conn, records: &[Numbered<ApplicantRecord>], report: &mut ImportReport) -> Result<(), StoreError> {
                for Numbered { position, value: a } in records {
                    let birth: Option<NaiveDate> = a.birth_date.as_ref().map(|b| *b.expose());
                    let (id, mut changed, inserted) = match Self::applicant_id(tx, &a.nationality, &a.passport_no).await? {
                        None => {
                            let id: i64 = sqlx::query_scalar(
                                "INSERT INTO applicants (full_name, nationality, passport_no, birth_date, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                            )
                            .bind(a.full_name.expose())
                            .bind(a.nationality.as_str())
                            .bind(a.passport_no.expose())
                            .bind(birth)
                            .bind(now())
                            .fetch_one(&mut *tx)
                            .await?;
                            (id, true, true)
                        }
                        Some(row) => {
                            let differs = &row.full_name != a.full_name.expose() || row.birth_date != birth;
                            if differs {
                                sqlx::query("UPDATE applicants SET full_name = $1, birth_date = $2 WHERE id = $3")
                                    .bind(a.full_name.expose())
                                    .bind(birth)
                                    .bind(row.id)
                                    .execute(&mut *tx)
                                    .await?;
                            }
                            (row.id, differs, false)
                        }
                    };
                    for (i, p) in a.permits.iter().enumerate() {
                        let existing: Option<PermitRow> = sqlx::query_as(
                            "SELECT id, kind, permit_type, number, issued_on, expires_on, entries, stay_days FROM residence_permits WHERE kind = $1 AND number = $2",
                        )
                        .bind(p.kind.as_str())
                        .bind(p.number.expose())
                        .fetch_optional(&mut *tx)
                        .await?;
                        let owner: Option<i64> = sqlx::query_scalar("SELECT applicant_id FROM residence_permits WHERE kind = $1 AND number = $2")
                            .bind(p.kind.as_str())
                            .bind(p.number.expose())
                            .fetch_optional(&mut *tx)
                            .await?;
                        if owner.is_some_and(|o| o != id) {
                            return Err(StoreError::rejected(*position, &format!("permits[{i}].number"), "belongs to another applicant"));
                        }
                        let same = existing.as_ref().is_some_and(|e| {
                            e.permit_type == p.permit_type && e.issued_on == p.issued_on && e.expires_on == p.expires_on
                                && e.entries == p.entries.as_str() && e.stay_days == p.stay_days
                        });
                        if same {
                            continue;
                        }
                        changed = true;
                        sqlx::query(
                            "INSERT INTO residence_permits (applicant_id, kind, permit_type, number, issued_on, expires_on, entries, stay_days) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (kind, number) DO UPDATE SET permit_type = excluded.permit_type, \
                             issued_on = excluded.issued_on, expires_on = excluded.expires_on, entries = excluded.entries, stay_days = excluded.stay_days",
                        )
                        .bind(id)
                        .bind(p.kind.as_str())
                        .bind(&p.permit_type)
                        .bind(p.number.expose())
                        .bind(p.issued_on)
                        .bind(p.expires_on)
                        .bind(p.entries.as_str())
                        .bind(p.stay_days)
                        .execute(&mut *tx)
                        .await?;
                    }
                    let mut pr_id = None;
                    if let Some(pr) = &a.pr_permit {
                        let existing: Option<(i64, i64, NaiveDate, NaiveDate, String)> = sqlx::query_as(
                            "SELECT id, applicant_id, issued_on, expires_on, status FROM pr_permits WHERE number = $1",
                        )
                        .bind(pr.number.expose())
                        .fetch_optional(&mut *tx)
                        .await?;
                        pr_id = match existing {
                            Some((_, owner, ..)) if owner != id => {
                                return Err(StoreError::rejected(*position, "pr_permit.number", "belongs to another applicant"));
                            }
                            Some((pid, _, issued, expires, status))
                                if issued == pr.issued_on && expires == pr.expires_on && status == pr.status.as_str() => Some(pid),
                            _ => {
                                changed = true;
                                Some(sqlx::query_scalar(
                                    "INSERT INTO pr_permits (applicant_id, number, issued_on, expires_on, status) VALUES ($1, $2, $3, $4, $5) \
                                     ON CONFLICT (number) DO UPDATE SET issued_on = excluded.issued_on, expires_on = excluded.expires_on, \
                                     status = excluded.status RETURNING id",
                                )
                                .bind(id)
                                .bind(pr.number.expose())
                                .bind(pr.issued_on)
                                .bind(pr.expires_on)
                                .bind(pr.status.as_str())
                                .fetch_one(&mut *tx)
                                .await?)
                            }
                        };
                    }
                    for (i, p) in a.passports.iter().enumerate() {
                        let link = if p.linked_to_pr { pr_id } else { None };
                        // An office's record of a passport also confirms one a holder declared.
                        let existing: Option<(i64, Option<NaiveDate>, Option<NaiveDate>, Option<i64>, bool)> = sqlx::query_as(
                            "SELECT applicant_id, issued_on, expires_on, pr_permit_id, source = 'office' AND unlinked_at IS NULL \
                             FROM passports WHERE nationality = $1 AND number = $2",
                        )
                        .bind(p.nationality.as_str())
                        .bind(p.number.expose())
                        .fetch_optional(&mut *tx)
                        .await?;
                        match existing {
                            Some((owner, ..)) if owner != id => {
                                return Err(StoreError::rejected(*position, &format!("passports[{i}].number"), "belongs to another applicant"));
                            }
                            Some((_, issued, expires, linked, true)) if issued == p.issued_on && expires == p.expires_on && linked == link => continue,
                            _ => changed = true,
                        }
                        sqlx::query(
                            "INSERT INTO passports (applicant_id, number, nationality, issued_on, expires_on, pr_permit_id, linked_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (nationality, number) DO UPDATE SET issued_on = excluded.issued_on, \
                             expires_on = excluded.expires_on, pr_permit_id = excluded.pr_permit_id, linked_at = excluded.linked_at, \
                             source = 'office', unlinked_at = NULL",
                        )
                        .bind(id)
                        .bind(p.number.expose())
                        .bind(p.nationality.as_str())
                        .bind(p.issued_on)
                        .bind(p.expires_on)
                        .bind(link)
                        .bind(link.map(|_| now()))
                        .execute(&mut *tx)
                        .await?;
                    }
                    for code in &a.link_codes {
                        let done = sqlx::query(
                            "INSERT INTO link_codes (code_hash, applicant_id, issued_by, expires_at) VALUES ($1, $2, 'import', $3) ON CONFLICT (code_hash) DO NOTHING",
                        )
                        .bind(hash_link_code(code.code.expose()))
                        .bind(id)
                        .bind(code.expires_at)
                        .execute(&mut *tx)
                        .await?;
                        changed |= done.rows_affected() > 0;
                    }
                    if inserted {
                        report.inserted += 1;
                    } else if changed {
                        report.updated += 1;
                    } else {
                        report.unchanged += 1;
                    }
                }
                Ok(())
            }

            async fn load_applications(conn: &mut Conn, applicant: Option<i64>, receipt: Option<&str>) -> Result<Vec<Application>, StoreError> {
                let rows: Vec<ApplicationRow> = sqlx::query_as(
                    "SELECT id, receipt_no, applicant_id, service_code, office_id, submitted_at, status, status_note, pickup_from, pickup_until, \
                     pickup_place, pickup_bring FROM applications WHERE ($1 IS NULL OR applicant_id = $1) AND ($2 IS NULL OR receipt_no = $2) ORDER BY submitted_at, id",
                )
                .bind(applicant)
                .bind(receipt)
                .fetch_all(&mut *conn)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for row in rows {
                    let history: Vec<HistoryRow> = sqlx::query_as(
                        "SELECT status, note, changed_at FROM application_status_history WHERE application_id = $1 ORDER BY changed_at, id",
                    )
                    .bind(row.id)
                    .fetch_all(&mut *conn)
                    .await?;
                    let history = history.into_iter().map(StatusChange::try_from).collect::<Result<_, _>>()?;
                    out.push(row.into_application(history)?);
                }
                Ok(out)
            }

            async fn import_applications(tx: &mut Conn, records: &[Numbered<ApplicationRecord>], report: &mut ImportReport) -> Result<(), StoreError> {
                for Numbered { position, value: a } in records {
                    let Some(applicant) = Self::applicant_id(tx, &a.nationality, &a.passport_no).await? else {
                        return Err(StoreError::rejected(*position, "passport_no", "no applicant with this nationality and passport number; import applicants first"));
                    };
                    if !Self::exists(tx, "SELECT 1 FROM services WHERE code = $1", a.service.as_str()).await? {
                        return Err(StoreError::rejected(*position, "service", format!("unknown service '{}'", a.service)));
                    }
                    if !Self::exists(tx, "SELECT 1 FROM offices WHERE id = $1", a.office.as_str()).await? {
                        return Err(StoreError::rejected(*position, "office", format!("unknown office '{}'", a.office)));
                    }
                    let existing = Self::load_applications(tx, None, Some(a.receipt_no.as_str())).await?.pop();
                    let (id, known_history) = match &existing {
                        Some(e) if e.applicant_id != applicant.id => {
                            return Err(StoreError::rejected(*position, "receipt_no", "belongs to another applicant"));
                        }
                        Some(e) => {
                            let same = e.service == a.service && e.office == a.office && e.submitted_at == a.submitted_at
                                && e.status == a.status && e.status_note == a.status_note
                                && e.pickup_from == a.pickup_from && e.pickup_until == a.pickup_until
                                && a.history.iter().all(|h| e.history.iter().any(|k| k.status == h.status && k.at == h.at));
                            if same {
                                report.unchanged += 1;
                                continue;
                            }
                            report.updated += 1;
                            sqlx::query(
                                "UPDATE applications SET service_code = $1, office_id = $2, submitted_at = $3, status = $4, status_note = $5, \
                                 pickup_from = $6, pickup_until = $7, updated_at = $8 WHERE id = $9",
                            )
                            .bind(a.service.as_str())
                            .bind(a.office.as_str())
                            .bind(a.submitted_at)
                            .bind(a.status.as_str())
                            .bind(&a.status_note)
                            .bind(a.pickup_from)
                            .bind(a.pickup_until)
                            .bind(now())
                            .bind(e.id)
                            .execute(&mut *tx)
                            .await?;
                            (e.id, e.history.clone())
                        }
                        None => {
                            report.inserted += 1;
                            let id: i64 = sqlx::query_scalar(
                                "INSERT INTO applications (receipt_no, applicant_id, service_code, office_id, submitted_at, status, status_note, \
                                 pickup_from, pickup_until, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                            )
                            .bind(a.receipt_no.as_str())
                            .bind(applicant.id)
                            .bind(a.service.as_str())
                            .bind(a.office.as_str())
                            .bind(a.submitted_at)
                            .bind(a.status.as_str())
                            .bind(&a.status_note)
                            .bind(a.pickup_from)
                            .bind(a.pickup_until)
                            .bind(now())
                            .fetch_one(&mut *tx)
                            .await?;
                            (id, Vec::new())
                        }
                    };
                    let mut history: Vec<StatusChange> = a
                        .history
                        .iter()
                        .filter(|h| !known_history.iter().any(|k| k.status == h.status && k.at == h.at))
                        .cloned()
                        .collect();
                    let latest = known_history.iter().chain(a.history.iter()).max_by_key(|h| h.at).map(|h| h.status);
                    if latest != Some(a.status) {
                        let at = if existing.is_none() && a.history.is_empty() { a.submitted_at } else { now() };
                        history.push(StatusChange { status: a.status, at, note: a.status_note.clone() });
                    }
                    for h in history {
                        sqlx::query("INSERT INTO application_status_history (application_id, status, note, changed_at) VALUES ($1, $2, $3, $4)")
                            .bind(id)
                            .bind(h.status.as_str())
                            .bind(&h.note)
                            .bind(h.at)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                Ok(())
            }
        }

        #[async_trait]
        impl Repository for $name {
            fn backend(&self) -> Backend {
                $backend
            }

            async fn ping(&self) -> Result<(), StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn migrate(&self) -> Result<(), StoreError> {
                $migrator.run(&self.pool).await?;
                Ok(())
            }

            async fn import(&self, batch: &ImportBatch) -> Result<ImportReport, StoreError> {
                let mut tx = self.write_tx().await?;
                let mut report = ImportReport::default();
                match batch {
                    ImportBatch::Offices(r) => Self::import_offices(&mut tx, r, &mut report).await?,
                    ImportBatch::Services(r) => Self::import_services(&mut tx, r, &mut report).await?,
                    ImportBatch::Slots(r) => Self::import_slots(&mut tx, r, &mut report).await?,
                    ImportBatch::Applicants(r) => Self::import_applicants(&mut tx, r, &mut report).await?,
                    ImportBatch::Applications(r) => Self::import_applications(&mut tx, r, &mut report).await?,
                    ImportBatch::Holidays(r) => Self::import_holidays(&mut tx, r, &mut report).await?,
                }
                tx.commit().await?;
                Ok(report)
            }

            async fn offices(&self) -> Result<Vec<Office>, StoreError> {
                let mut conn = self.pool.acquire().await?;
                Self::load_offices(&mut conn, None).await
            }

            async fn services(&self) -> Result<Vec<Service>, StoreError> {
                let mut conn = self.pool.acquire().await?;
                Self::load_services(&mut conn, None).await
            }

            async fn working_calendar(&self, from: NaiveDate, to: NaiveDate) -> Result<WorkingCalendar, StoreError> {
                let holidays: Vec<NaiveDate> = sqlx::query_scalar("SELECT day FROM public_holidays WHERE day BETWEEN $1 AND $2")
                    .bind(from)
                    .bind(to)
                    .fetch_all(&self.pool)
                    .await?;
                let closures: Vec<(String, NaiveDate)> =
                    sqlx::query_as("SELECT office_id, day FROM office_closures WHERE day BETWEEN $1 AND $2")
                        .bind(from)
                        .bind(to)
                        .fetch_all(&self.pool)
                        .await?;
                let mut calendar = WorkingCalendar { holidays: Holidays::new(holidays), ..Default::default() };
                for (office, days) in group_by_key(closures) {
                    calendar.closures.insert(parse(&office, "office id")?, days.into_iter().collect::<BTreeSet<_>>());
                }
                Ok(calendar)
            }

            async fn insert_slots(&self, slots: &[NewSlot]) -> Result<u64, StoreError> {
                let mut tx = self.write_tx().await?;
                let mut created = 0;
                for chunk in slots.chunks(1000) {
                    let mut q: QueryBuilder<$db> =
                        QueryBuilder::new("INSERT INTO slots (office_id, slot_group, starts_at, ends_at, capacity) ");
                    q.push_values(chunk, |mut b, s| {
                        b.push_bind(s.office_id.as_str())
                            .push_bind(s.group.as_str())
                            .push_bind(s.starts_at)
                            .push_bind(s.ends_at)
                            .push_bind(s.capacity);
                    });
                    q.push(" ON CONFLICT (office_id, slot_group, starts_at) DO NOTHING RETURNING id, office_id, slot_group, starts_at");
                    let new: Vec<(i64, String, String, DateTime<Utc>)> = q.build_query_as().fetch_all(&mut *tx).await?;
                    created += new.len() as u64;
                    Self::places_added(&mut tx, &new, now()).await?;
                }
                tx.commit().await?;
                Ok(created)
            }

            async fn slots(&self, office: &OfficeId, group: SlotGroup, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Slot>, StoreError> {
                let rows: Vec<SlotRow> = sqlx::query_as(
                    "SELECT id, office_id, slot_group, starts_at, ends_at, capacity, booked FROM slots \
                     WHERE office_id = $1 AND slot_group = $2 AND starts_at >= $3 AND starts_at < $4 ORDER BY starts_at",
                )
                .bind(office.as_str())
                .bind(group.as_str())
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(Slot::try_from).collect()
            }

            async fn free_places_per_day(&self, office: &OfficeId, group: SlotGroup, from: DateTime<Utc>, to: DateTime<Utc>, utc_offset: i32) -> Result<Vec<(NaiveDate, i64)>, StoreError> {
                Ok(sqlx::query_as(concat!(
                    "SELECT ", $slot_day, " AS day, SUM(capacity - booked) FROM slots \
                     WHERE office_id = $1 AND slot_group = $2 AND starts_at >= $3 AND starts_at < $4 AND booked < capacity \
                     GROUP BY day ORDER BY day",
                ))
                .bind(office.as_str())
                .bind(group.as_str())
                .bind(from)
                .bind(to)
                .bind(f64::from(utc_offset))
                .fetch_all(&self.pool)
                .await?)
            }

            async fn applicant_by_passport(&self, nationality: &Nationality, passport: &PassportNo) -> Result<Option<Applicant>, StoreError> {
                let mut conn = self.pool.acquire().await?;
                Self::applicant_id(&mut conn, nationality, passport).await?.map(Applicant::try_from).transpose()
            }

            async fn applications_of(&self, applicant_id: i64) -> Result<Vec<Application>, StoreError> {
                let mut conn = self.pool.acquire().await?;
                Self::load_applications(&mut conn, Some(applicant_id), None).await
            }

            async fn records_of(&self, applicant_id: i64) -> Result<ApplicantRecords, StoreError> {
                let permits: Vec<PermitRow> = sqlx::query_as(
                    "SELECT id, kind, permit_type, number, issued_on, expires_on, entries, stay_days FROM residence_permits \
                     WHERE applicant_id = $1 ORDER BY expires_on DESC",
                )
                .bind(applicant_id)
                .fetch_all(&self.pool)
                .await?;
                let pr: Option<PrPermitRow> = sqlx::query_as(
                    "SELECT id, number, issued_on, expires_on, status FROM pr_permits WHERE applicant_id = $1 ORDER BY issued_on DESC LIMIT 1",
                )
                .bind(applicant_id)
                .fetch_optional(&self.pool)
                .await?;
                let passports: Vec<PassportRow> = sqlx::query_as(
                    "SELECT id, number, nationality, issued_on, expires_on, pr_permit_id FROM passports WHERE applicant_id = $1 ORDER BY id",
                )
                .bind(applicant_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(ApplicantRecords {
                    permits: permits.into_iter().map(Permit::try_from).collect::<Result<_, _>>()?,
                    pr_permit: pr.map(PrPermit::try_from).transpose()?,
                    passports: passports.into_iter().map(Passport::try_from).collect::<Result<_, _>>()?,
                })
            }

            async fn chat_user(&self, channel: &str, external_id: &str, locale: &str) -> Result<ChatUser, StoreError> {
                let find = "SELECT cu.id, cu.locale, cu.notifications_enabled FROM channel_identities ci \
                            JOIN chat_users cu ON cu.id = ci.chat_user_id WHERE ci.channel = $1 AND ci.external_id = $2";
                let found: Option<(i64, String, bool)> =
                    sqlx::query_as(find).bind(channel).bind(external_id).fetch_optional(&self.pool).await?;
                if let Some((id, locale, notifications_enabled)) = found {
                    return Ok(ChatUser { id, locale, notifications_enabled });
                }
                let mut tx = self.write_tx().await?;
                // Re-check inside the write transaction: another turn may have created it.
                let found: Option<(i64, String, bool)> =
                    sqlx::query_as(find).bind(channel).bind(external_id).fetch_optional(&mut *tx).await?;
                if let Some((id, locale, notifications_enabled)) = found {
                    return Ok(ChatUser { id, locale, notifications_enabled });
                }
                let id: i64 = sqlx::query_scalar("INSERT INTO chat_users (locale, created_at) VALUES ($1, $2) RETURNING id")
                    .bind(locale)
                    .bind(now())
                    .fetch_one(&mut *tx)
                    .await?;
                let linked = sqlx::query(
                    "INSERT INTO channel_identities (chat_user_id, channel, external_id, locale, created_at) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (channel, external_id) DO NOTHING",
                )
                .bind(id)
                .bind(channel)
                .bind(external_id)
                .bind(locale)
                .bind(now())
                .execute(&mut *tx)
                .await?;
                if linked.rows_affected() == 0 {
                    // Lost a race on PostgreSQL: drop our user and return the winner's.
                    tx.rollback().await?;
                    let (id, locale, notifications_enabled): (i64, String, bool) =
                        sqlx::query_as(find).bind(channel).bind(external_id).fetch_one(&self.pool).await?;
                    return Ok(ChatUser { id, locale, notifications_enabled });
                }
                tx.commit().await?;
                Ok(ChatUser { id, locale: locale.to_string(), notifications_enabled: true })
            }

            async fn slot(&self, id: i64) -> Result<Option<Slot>, StoreError> {
                let row: Option<SlotRow> = sqlx::query_as(
                    "SELECT id, office_id, slot_group, starts_at, ends_at, capacity, booked FROM slots WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(Slot::try_from).transpose()
            }

            async fn book(&self, new: &NewAppointment, limits: BookingLimits, now: DateTime<Utc>) -> Result<BookingOutcome, StoreError> {
                let mut tx = self.write_tx().await?;
                let _: Option<String> = sqlx::query_scalar($lock_passport)
                    .bind(format!("{}:{}", new.nationality, new.passport_no.expose()))
                    .fetch_optional(&mut *tx)
                    .await?;
                let active = "SELECT COUNT(*) FROM appointments a JOIN slots s ON s.id = a.slot_id \
                              WHERE a.status = 'booked' AND s.starts_at > $1 AND a.service_code = $2";
                let by_user: i64 = sqlx::query_scalar(AssertSqlSafe(format!("{active} AND a.chat_user_id = $3")))
                    .bind(now)
                    .bind(new.service.as_str())
                    .bind(new.chat_user_id)
                    .fetch_one(&mut *tx)
                    .await?;
                if by_user >= limits.per_chat_user {
                    return Ok(BookingOutcome::LimitReached { kind: LimitKind::ChatUser, limit: limits.per_chat_user });
                }
                let by_passport: i64 = sqlx::query_scalar(AssertSqlSafe(format!("{active} AND a.nationality = $3 AND a.passport_no = $4")))
                    .bind(now)
                    .bind(new.service.as_str())
                    .bind(new.nationality.as_str())
                    .bind(new.passport_no.expose())
                    .fetch_one(&mut *tx)
                    .await?;
                if by_passport >= limits.per_passport {
                    return Ok(BookingOutcome::LimitReached { kind: LimitKind::Passport, limit: limits.per_passport });
                }
                if !Self::take_place(&mut tx, new.slot_id, now).await? {
                    return Ok(BookingOutcome::SlotTaken);
                }
                let mut id = None;
                for _ in 0..5 {
                    // A code collision (1 in 31^8 per pair) just draws another code.
                    id = sqlx::query_scalar(
                        "INSERT INTO appointments (code, slot_id, service_code, chat_user_id, full_name, nationality, passport_no, phone, status, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'booked', $9) ON CONFLICT (code) DO NOTHING RETURNING id",
                    )
                    .bind(new_appointment_code())
                    .bind(new.slot_id)
                    .bind(new.service.as_str())
                    .bind(new.chat_user_id)
                    .bind(new.full_name.expose())
                    .bind(new.nationality.as_str())
                    .bind(new.passport_no.expose())
                    .bind(new.phone.expose())
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if id.is_some() {
                        break;
                    }
                }
                let id: i64 = id.ok_or_else(|| StoreError::Corrupt("no free appointment code after 5 draws".into()))?;
                let appointment = Self::load_appointment(&mut tx, id).await?.ok_or_else(|| StoreError::Corrupt("appointment vanished".into()))?;
                tx.commit().await?;
                Ok(BookingOutcome::Booked(appointment))
            }

            async fn appointments_of(&self, chat_user_id: i64, now: DateTime<Utc>) -> Result<Vec<Appointment>, StoreError> {
                let rows: Vec<AppointmentRow> = sqlx::query_as(AssertSqlSafe(format!(
                    "{APPOINTMENT_SELECT} WHERE a.chat_user_id = $1 AND a.status = 'booked' AND s.starts_at > $2 ORDER BY s.starts_at, a.id"
                )))
                .bind(chat_user_id)
                .bind(now)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(Appointment::try_from).collect()
            }

            async fn cancel_appointment(&self, id: i64, chat_user_id: i64, now: DateTime<Utc>) -> Result<BookingOutcome, StoreError> {
                let mut tx = self.write_tx().await?;
                let Some(appointment) = Self::active_appointment(&mut tx, id, chat_user_id, now).await? else {
                    return Ok(BookingOutcome::NotFound);
                };
                sqlx::query("UPDATE appointments SET status = 'cancelled', cancelled_at = $1 WHERE id = $2")
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                Self::free_place(&mut tx, appointment.slot.id, now).await?;
                let appointment = Self::load_appointment(&mut tx, id).await?.ok_or_else(|| StoreError::Corrupt("appointment vanished".into()))?;
                tx.commit().await?;
                Ok(BookingOutcome::Booked(appointment))
            }

            async fn reschedule_appointment(&self, id: i64, chat_user_id: i64, new_slot: i64, now: DateTime<Utc>) -> Result<BookingOutcome, StoreError> {
                let mut tx = self.write_tx().await?;
                let Some(appointment) = Self::active_appointment(&mut tx, id, chat_user_id, now).await? else {
                    return Ok(BookingOutcome::NotFound);
                };
                if appointment.slot.id == new_slot {
                    return Ok(BookingOutcome::Booked(appointment));
                }
                if !Self::take_place(&mut tx, new_slot, now).await? {
                    return Ok(BookingOutcome::SlotTaken);
                }
                Self::free_place(&mut tx, appointment.slot.id, now).await?;
                sqlx::query("UPDATE appointments SET slot_id = $1 WHERE id = $2")
                    .bind(new_slot)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                let appointment = Self::load_appointment(&mut tx, id).await?.ok_or_else(|| StoreError::Corrupt("appointment vanished".into()))?;
                tx.commit().await?;
                Ok(BookingOutcome::Booked(appointment))
            }

            async fn set_locale(&self, chat_user_id: i64, locale: &str) -> Result<(), StoreError> {
                sqlx::query("UPDATE chat_users SET locale = $1 WHERE id = $2").bind(locale).bind(chat_user_id).execute(&self.pool).await?;
                Ok(())
            }

            async fn set_notifications(&self, chat_user_id: i64, enabled: bool) -> Result<(), StoreError> {
                sqlx::query("UPDATE chat_users SET notifications_enabled = $1 WHERE id = $2")
                    .bind(enabled)
                    .bind(chat_user_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn link_failures(&self, chat_user_id: i64, passport_key: &str, now: DateTime<Utc>) -> Result<AttemptCounts, StoreError> {
                let hour = now.duration_trunc(chrono::Duration::hours(1)).unwrap_or(now);
                let day = now.duration_trunc(chrono::Duration::days(1)).unwrap_or(now);
                let count = "SELECT count FROM attempt_counters WHERE scope = $1 AND subject = $2 AND window_start = $3";
                let by_user: Option<i32> = sqlx::query_scalar(count)
                    .bind("link-user")
                    .bind(chat_user_id.to_string())
                    .bind(hour)
                    .fetch_optional(&self.pool)
                    .await?;
                let by_passport: Option<i32> = sqlx::query_scalar(count)
                    .bind("link-passport")
                    .bind(passport_key)
                    .bind(day)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(AttemptCounts {
                    by_user: i64::from(by_user.unwrap_or(0)),
                    by_user_until: hour + chrono::Duration::hours(1),
                    by_passport: i64::from(by_passport.unwrap_or(0)),
                    by_passport_until: day + chrono::Duration::days(1),
                })
            }

            async fn record_link_failure(&self, chat_user_id: i64, passport_key: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
                let hour = now.duration_trunc(chrono::Duration::hours(1)).unwrap_or(now);
                let day = now.duration_trunc(chrono::Duration::days(1)).unwrap_or(now);
                let mut tx = self.write_tx().await?;
                for (scope, subject, window) in [("link-user", chat_user_id.to_string(), hour), ("link-passport", passport_key.to_string(), day)] {
                    sqlx::query(
                        "INSERT INTO attempt_counters (scope, subject, window_start, count) VALUES ($1, $2, $3, 1) \
                         ON CONFLICT (scope, subject, window_start) DO UPDATE SET count = attempt_counters.count + 1",
                    )
                    .bind(scope)
                    .bind(subject)
                    .bind(window)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn verify_identity(&self, claim: &IdentityClaim, now: DateTime<Utc>) -> Result<Option<i64>, StoreError> {
                let mut tx = self.write_tx().await?;
                let Some(applicant) = Self::applicant_id(&mut tx, &claim.nationality, &claim.passport_no).await? else {
                    return Ok(None);
                };
                if applicant.birth_date != Some(*claim.birth_date.expose()) {
                    return Ok(None);
                }
                let proven = match &claim.proof {
                    IdentityProof::Receipt(receipt) => {
                        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM applications WHERE receipt_no = $1 AND applicant_id = $2")
                            .bind(receipt.as_str())
                            .bind(applicant.id)
                            .fetch_optional(&mut *tx)
                            .await?;
                        found.is_some()
                    }
                    IdentityProof::LinkCode(code) => {
                        let used = sqlx::query(
                            "UPDATE link_codes SET used_at = $1 WHERE code_hash = $2 AND applicant_id = $3 AND used_at IS NULL AND expires_at > $1",
                        )
                        .bind(now)
                        .bind(hash_link_code(code.expose()))
                        .bind(applicant.id)
                        .execute(&mut *tx)
                        .await?;
                        used.rows_affected() == 1
                    }
                };
                if !proven {
                    return Ok(None);
                }
                tx.commit().await?;
                Ok(Some(applicant.id))
            }

            async fn link_applicant(&self, chat_user_id: i64, applicant_id: i64, method: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO applicant_links (chat_user_id, applicant_id, method, linked_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (chat_user_id, applicant_id) DO NOTHING",
                )
                .bind(chat_user_id)
                .bind(applicant_id)
                .bind(method)
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn linked_applicants(&self, chat_user_id: i64) -> Result<Vec<Applicant>, StoreError> {
                let rows: Vec<ApplicantRow> = sqlx::query_as(
                    "SELECT a.id, a.full_name, a.nationality, a.passport_no, a.birth_date FROM applicant_links l \
                     JOIN applicants a ON a.id = l.applicant_id WHERE l.chat_user_id = $1 ORDER BY l.linked_at, a.id",
                )
                .bind(chat_user_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(Applicant::try_from).collect()
            }

            async fn unlink_all(&self, chat_user_id: i64) -> Result<u64, StoreError> {
                let mut tx = self.write_tx().await?;
                sqlx::query("DELETE FROM application_watchers WHERE chat_user_id = $1").bind(chat_user_id).execute(&mut *tx).await?;
                let gone = sqlx::query("DELETE FROM applicant_links WHERE chat_user_id = $1").bind(chat_user_id).execute(&mut *tx).await?;
                // Acting for relatives from this chat ends too: forgetting means no access left.
                let ended = sqlx::query(
                    "UPDATE delegations SET revoked_at = $2, revoked_by = $1 WHERE helper_chat_user = $1 AND revoked_at IS NULL",
                )
                .bind(chat_user_id)
                .bind(now())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(gone.rows_affected() + ended.rows_affected())
            }

            async fn watched_applications(&self, chat_user_id: i64) -> Result<Vec<i64>, StoreError> {
                Ok(sqlx::query_scalar("SELECT application_id FROM application_watchers WHERE chat_user_id = $1 ORDER BY application_id")
                    .bind(chat_user_id)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn set_watch(&self, chat_user_id: i64, application_id: i64, watch: bool, now: DateTime<Utc>) -> Result<(), StoreError> {
                if watch {
                    sqlx::query(
                        "INSERT INTO application_watchers (chat_user_id, application_id, since) VALUES ($1, $2, $3) \
                         ON CONFLICT (chat_user_id, application_id) DO NOTHING",
                    )
                    .bind(chat_user_id)
                    .bind(application_id)
                    .bind(now)
                    .execute(&self.pool)
                    .await?;
                } else {
                    sqlx::query("DELETE FROM application_watchers WHERE chat_user_id = $1 AND application_id = $2")
                        .bind(chat_user_id)
                        .bind(application_id)
                        .execute(&self.pool)
                        .await?;
                }
                Ok(())
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
                let waiting: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM slot_waiters WHERE chat_user_id = $1 AND office_id = $2 AND service_code = $3 \
                     AND notified_at IS NULL AND to_day >= $4",
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
                sqlx::query(
                    "INSERT INTO slot_waiters (chat_user_id, office_id, service_code, from_day, to_day, created_at) \
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

            async fn audit(&self, entry: &AuditEntry, now: DateTime<Utc>) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO audit_log (at, actor_kind, actor, channel, action, subject, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(now)
                .bind(entry.actor_kind)
                .bind(&entry.actor)
                .bind(&entry.channel)
                .bind(entry.action)
                .bind(&entry.subject)
                .bind(entry.outcome)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntryRow>, StoreError> {
                Ok(sqlx::query_as(
                    "SELECT at, actor_kind, actor, channel, action, subject, outcome FROM audit_log ORDER BY id DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn counts(&self) -> Result<BTreeMap<String, i64>, StoreError> {
                let mut counts = BTreeMap::new();
                for table in TABLES {
                    // Table names are the constants above, never user input.
                    let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                        .fetch_one(&self.pool)
                        .await?;
                    counts.insert(table.to_string(), n);
                }
                Ok(counts)
            }
        }
    };
}

mod pg {
    use super::*;
    // Two people booking for one passport at once would both pass the per-passport count; a
    // transaction-scoped advisory lock on the passport makes the second wait for the first.
    sql_repository!(
        PgRepository,
        Postgres,
        Backend::Postgres,
        PG_MIGRATOR,
        "BEGIN",
        "SELECT pg_advisory_xact_lock(hashtext($1))::text",
        // The date of `starts_at` shifted by $5 seconds.
        "CAST((starts_at AT TIME ZONE 'UTC') + make_interval(secs => $5) AS DATE)"
    );
}

mod sqlite {
    use super::*;
    // BEGIN IMMEDIATE already serialises every writer.
    sql_repository!(
        SqliteRepository,
        Sqlite,
        Backend::Sqlite,
        SQLITE_MIGRATOR,
        "BEGIN IMMEDIATE",
        "SELECT $1",
        "date(starts_at, printf('%+d seconds', $5))"
    );
}
