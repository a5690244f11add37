//! Imports in SQL: each record is compared with what is stored, so a second import of the
//! same file changes nothing and reports every record `unchanged`. A record that refers to
//! something missing is rejected with its position, and the whole import rolls back.

use super::backend::Query;
use super::bookings::OFFICE_COLUMNS;
use super::rows::{PASSPORT, PERMIT, PR_PERMIT, SealedPermit, seal_birth_date};
use super::{SqlBackend, SqlStore, hash_link_code, now, query, query_as, query_scalar};
use crate::domain::PassportNo;
use crate::domain::notice::{Notice, dedup_key};
use crate::import::{
    ApplicantRecord, ApplicationRecord, HolidayRecord, Numbered, OfficeRecord, Position,
    ServiceRecord, SlotRecord, StatusChange,
};
use crate::store::data_keys::DataKeys;
use crate::store::outbox::PlannedNotice;
use crate::store::{ImportReport, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::AssertSqlSafe;
use std::collections::HashSet;

/// A passport as stored: owner, dates, PR permit link, whether an office's record is in
/// force, whether the holder declared it and no office has confirmed it yet, and its row id.
type StoredPassport = (
    i64,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<i64>,
    bool,
    bool,
    i64,
);

/// A residence permit as stored, with its owner.
#[derive(sqlx::FromRow)]
struct StoredPermit {
    applicant_id: i64,
    #[sqlx(flatten)]
    permit: SealedPermit,
}

fn weekday_number(day: chrono::Weekday) -> i16 {
    day.number_from_monday() as i16
}

/// What importing one record did to what is stored; each record counts once in the report.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Imported {
    Inserted,
    Updated,
    Unchanged,
}

impl Imported {
    /// A record compared with what is stored under its key (`None`: nothing is).
    fn compare<T: PartialEq>(stored: Option<&T>, record: &T) -> Imported {
        match stored {
            None => Imported::Inserted,
            Some(stored) if stored == record => Imported::Unchanged,
            Some(_) => Imported::Updated,
        }
    }

    /// Counts this in the report; `true` when there is something to write.
    fn count(self, report: &mut ImportReport) -> bool {
        match self {
            Imported::Inserted => report.inserted += 1,
            Imported::Updated => report.updated += 1,
            Imported::Unchanged => report.unchanged += 1,
        }
        self != Imported::Unchanged
    }
}

/// Something an import record names, which an earlier import must have stored.
#[derive(Clone, Copy)]
enum Named {
    Office,
    Service,
}

/// The rejection of a record whose key is another applicant's.
fn belongs_to_another(position: Position, field: &str) -> StoreError {
    StoreError::rejected(position, field, "belongs to another applicant")
}

impl<DB: SqlBackend> SqlStore<DB> {
    /// Rejects the record at `position` unless the office or service it names in `field`
    /// is stored.
    async fn require_stored(
        conn: &mut DB::Connection,
        named: Named,
        key: &str,
        position: Position,
        field: &str,
    ) -> Result<(), StoreError> {
        let (sql, what) = match named {
            Named::Office => ("SELECT 1 FROM offices WHERE id = $1", "office"),
            Named::Service => ("SELECT 1 FROM services WHERE code = $1", "service"),
        };
        let found: Option<i32> = query_scalar(sql)
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
        match found {
            Some(_) => Ok(()),
            None => Err(StoreError::rejected(
                position,
                field,
                format!("unknown {what} '{key}'"),
            )),
        }
    }

    /// Replaces the rows a child table holds for one parent (an office's hours and
    /// services, a service's documents): `delete` removes them by the parent's `key` (`$1`),
    /// then `insert` runs once per row, with `key` as `$1` and `bind` adding the rest.
    async fn replace_children<R>(
        conn: &mut DB::Connection,
        delete: &'static str,
        insert: &'static str,
        key: &str,
        rows: impl IntoIterator<Item = R> + Send,
        bind: impl Fn(Query<DB>, R) -> Query<DB> + Send,
    ) -> Result<(), StoreError>
    where
        R: Send,
    {
        query(delete).bind(key).execute(&mut *conn).await?;
        for row in rows {
            bind(query(insert).bind(key), row)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    pub(super) async fn import_offices(
        tx: &mut DB::Connection,
        records: &[Numbered<OfficeRecord>],
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        let known: HashSet<String> = query_scalar("SELECT code FROM services")
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();
        for Numbered { position, value } in records {
            let mut office = value.clone();
            office.services.sort();
            office.services.dedup();
            if let Some(unknown) = office.services.iter().find(|s| !known.contains(s.as_str())) {
                return Err(StoreError::rejected(
                    *position,
                    "services",
                    format!("unknown service '{unknown}'; import services first"),
                ));
            }
            let stored = Self::load_offices(tx, Some(office.id.as_str()))
                .await?
                .pop();
            if !Imported::compare(stored.as_ref(), &office).count(report) {
                continue;
            }
            query(AssertSqlSafe(format!(
                "INSERT INTO offices ({OFFICE_COLUMNS}) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18) \
                 ON CONFLICT (id) DO UPDATE \
                 SET name_en = excluded.name_en, name_zh = excluded.name_zh, \
                 city_en = excluded.city_en, city_zh = excluded.city_zh, \
                 province_en = excluded.province_en, \
                 province_zh = excluded.province_zh, address_en = excluded.address_en, \
                 address_zh = excluded.address_zh, \
                 latitude = excluded.latitude, longitude = excluded.longitude, \
                 phone = excluded.phone, \
                 time_zone = excluded.time_zone, hours = excluded.hours, \
                 source_url = excluded.source_url, \
                 checked_on = excluded.checked_on, verified = excluded.verified, \
                 note = excluded.note"
            )))
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
            Self::replace_children(
                tx,
                "DELETE FROM office_hours WHERE office_id = $1",
                "INSERT INTO office_hours (office_id, weekday, opens, closes) \
                 VALUES ($1, $2, $3, $4)",
                office.id.as_str(),
                office.hours.intervals(),
                |q, i| {
                    q.bind(weekday_number(i.weekday))
                        .bind(i.opens)
                        .bind(i.closes)
                },
            )
            .await?;
            Self::replace_children(
                tx,
                "DELETE FROM office_services WHERE office_id = $1",
                "INSERT INTO office_services (office_id, service_code) VALUES ($1, $2)",
                office.id.as_str(),
                &office.services,
                |q, code| q.bind(code.as_str()),
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn import_services(
        tx: &mut DB::Connection,
        records: &[Numbered<ServiceRecord>],
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        for Numbered { value: service, .. } in records {
            let stored = Self::load_services(tx, Some(service.code.as_str()))
                .await?
                .pop();
            if !Imported::compare(stored.as_ref(), service).count(report) {
                continue;
            }
            query(
                "INSERT INTO services (code, kind, slot_group, fee_fen, fee_verified, \
                 fee_note_key, processing_days, \
                 processing_verified, source_url, checked_on, verified) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) \
                 ON CONFLICT (code) DO UPDATE \
                 SET kind = excluded.kind, slot_group = excluded.slot_group, \
                 fee_fen = excluded.fee_fen, fee_verified = excluded.fee_verified, \
                 fee_note_key = excluded.fee_note_key, \
                 processing_days = excluded.processing_days, \
                 processing_verified = excluded.processing_verified, \
                 source_url = excluded.source_url, checked_on = excluded.checked_on, \
                 verified = excluded.verified",
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
            Self::replace_children(
                tx,
                "DELETE FROM service_documents WHERE service_code = $1",
                "INSERT INTO service_documents (service_code, position, document_code, \
                 required) VALUES ($1, $2, $3, $4)",
                service.code.as_str(),
                service.documents.iter().enumerate(),
                |q, (position, doc)| q.bind(position as i32).bind(&doc.code).bind(doc.required),
            )
            .await?;
        }
        Ok(())
    }

    pub(super) async fn import_holidays(
        tx: &mut DB::Connection,
        records: &[Numbered<HolidayRecord>],
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        for Numbered { value: h, .. } in records {
            let stored: Option<(String, String, String)> =
                query_as("SELECT name_en, name_zh, source_url FROM public_holidays WHERE day = $1")
                    .bind(h.day)
                    .fetch_optional(&mut *tx)
                    .await?;
            let record = (h.name_en.clone(), h.name_zh.clone(), h.source_url.clone());
            if !Imported::compare(stored.as_ref(), &record).count(report) {
                continue;
            }
            query(
                "INSERT INTO public_holidays (day, name_en, name_zh, source_url) \
                 VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (day) DO UPDATE \
                 SET name_en = excluded.name_en, name_zh = excluded.name_zh, \
                 source_url = excluded.source_url",
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

    pub(super) async fn import_slots(
        tx: &mut DB::Connection,
        records: &[Numbered<SlotRecord>],
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        // New slots and raised capacities: places someone may be waiting for.
        let mut added = Vec::new();
        for Numbered { position, value: s } in records {
            Self::require_stored(
                tx,
                Named::Office,
                s.office_id.as_str(),
                *position,
                "office_id",
            )
            .await?;
            let existing: Option<(i64, DateTime<Utc>, i32, i32)> = query_as(
                "SELECT id, ends_at, capacity, booked FROM slots WHERE office_id = $1 \
                 AND slot_group = $2 AND starts_at = $3",
            )
            .bind(s.office_id.as_str())
            .bind(s.slot_group.as_str())
            .bind(s.starts_at)
            .fetch_optional(&mut *tx)
            .await?;
            let (imported, id, more_places) = match existing {
                None => {
                    let id: i64 = query_scalar(
                        "INSERT INTO slots (office_id, slot_group, \
                         starts_at, ends_at, capacity) \
                         VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    )
                    .bind(s.office_id.as_str())
                    .bind(s.slot_group.as_str())
                    .bind(s.starts_at)
                    .bind(s.ends_at)
                    .bind(s.capacity)
                    .fetch_one(&mut *tx)
                    .await?;
                    (Imported::Inserted, id, true)
                }
                Some((id, ends_at, capacity, _))
                    if ends_at == s.ends_at && capacity == s.capacity =>
                {
                    (Imported::Unchanged, id, false)
                }
                Some((_, _, _, booked)) if booked > s.capacity => {
                    return Err(StoreError::rejected(
                        *position,
                        "capacity",
                        format!("{booked} places are already booked"),
                    ));
                }
                Some((id, _, capacity, _)) => {
                    query("UPDATE slots SET ends_at = $1, capacity = $2 WHERE id = $3")
                        .bind(s.ends_at)
                        .bind(s.capacity)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    (Imported::Updated, id, s.capacity > capacity)
                }
            };
            imported.count(report);
            if more_places {
                added.push((
                    id,
                    s.office_id.to_string(),
                    s.slot_group.to_string(),
                    s.starts_at,
                ));
            }
        }
        Self::places_added(tx, &added, now()).await
    }

    pub(super) async fn import_applicants(
        tx: &mut DB::Connection,
        keys: &DataKeys,
        records: &[Numbered<ApplicantRecord>],
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        for Numbered { position, value: a } in records {
            let birth: Option<NaiveDate> = a.birth_date.as_ref().map(|b| *b.expose());
            let (id, mut changed, inserted) =
                match Self::find_applicant(tx, keys, &a.nationality, &a.passport_no).await? {
                    None => {
                        let id: i64 = query_scalar(
                        "INSERT INTO applicants (full_name, nationality, passport_no, birth_date, \
                         created_at, passport_index) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    )
                    .bind(keys.seal("applicants.full_name", a.full_name.expose()))
                    .bind(a.nationality.as_str())
                    .bind(keys.seal("applicants.passport_no", a.passport_no.expose()))
                    .bind(seal_birth_date(keys, birth))
                    .bind(now())
                    .bind(keys.blind_index(PASSPORT, a.passport_no.expose()))
                    .fetch_one(&mut *tx)
                    .await?;
                        (id, true, true)
                    }
                    Some(row) => {
                        let differs = row.full_name.expose() != a.full_name.expose()
                            || *row.birth_date.expose() != birth;
                        if differs {
                            query(
                            "UPDATE applicants SET full_name = $1, birth_date = $2 WHERE id = $3",
                        )
                        .bind(keys.seal("applicants.full_name", a.full_name.expose()))
                        .bind(seal_birth_date(keys, birth))
                        .bind(row.id)
                        .execute(&mut *tx)
                        .await?;
                        }
                        (row.id, differs, false)
                    }
                };
            for (i, p) in a.permits.iter().enumerate() {
                let stored: Option<StoredPermit> = query_as(
                    "SELECT applicant_id, id, kind, permit_type, number, issued_on, expires_on, \
                     entries, stay_days FROM residence_permits \
                     WHERE kind = $1 AND number_index = $2",
                )
                .bind(p.kind.as_str())
                .bind(keys.blind_index(PERMIT, p.number.expose()))
                .fetch_optional(&mut *tx)
                .await?;
                if stored.as_ref().is_some_and(|s| s.applicant_id != id) {
                    return Err(belongs_to_another(
                        *position,
                        &format!("permits[{i}].number"),
                    ));
                }
                let same = stored.map(|s| s.permit).is_some_and(|e| {
                    e.permit_type == p.permit_type
                        && e.issued_on == p.issued_on
                        && e.expires_on == p.expires_on
                        && e.entries == p.entries
                        && e.stay_days == p.stay_days
                });
                if same {
                    continue;
                }
                changed = true;
                query(
                    "INSERT INTO residence_permits (applicant_id, kind, permit_type, number, \
                     issued_on, expires_on, entries, stay_days, number_index) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                     ON CONFLICT (kind, number_index) DO UPDATE \
                     SET permit_type = excluded.permit_type, \
                     issued_on = excluded.issued_on, expires_on = excluded.expires_on, \
                     entries = excluded.entries, stay_days = excluded.stay_days",
                )
                .bind(id)
                .bind(p.kind.as_str())
                .bind(&p.permit_type)
                .bind(keys.seal("residence_permits.number", p.number.expose()))
                .bind(p.issued_on)
                .bind(p.expires_on)
                .bind(p.entries.as_str())
                .bind(p.stay_days)
                .bind(keys.blind_index(PERMIT, p.number.expose()))
                .execute(&mut *tx)
                .await?;
            }
            let mut pr_id = None;
            if let Some(pr) = &a.pr_permit {
                let existing: Option<(i64, i64, NaiveDate, NaiveDate, String)> = query_as(
                    "SELECT id, applicant_id, issued_on, expires_on, status FROM pr_permits \
                     WHERE number_index = $1",
                )
                .bind(keys.blind_index(PR_PERMIT, pr.number.expose()))
                .fetch_optional(&mut *tx)
                .await?;
                pr_id = match existing {
                    Some((_, owner, ..)) if owner != id => {
                        return Err(belongs_to_another(*position, "pr_permit.number"));
                    }
                    Some((pid, _, issued, expires, status))
                        if issued == pr.issued_on
                            && expires == pr.expires_on
                            && status == pr.status.as_str() =>
                    {
                        Some(pid)
                    }
                    _ => {
                        changed = true;
                        Some(query_scalar(
                            "INSERT INTO pr_permits (applicant_id, number, issued_on, expires_on, \
                             status, number_index) VALUES ($1, $2, $3, $4, $5, $6) \
                             ON CONFLICT (number_index) DO UPDATE \
                             SET issued_on = excluded.issued_on, \
                             expires_on = excluded.expires_on, \
                             status = excluded.status RETURNING id",
                        )
                        .bind(id)
                        .bind(keys.seal("pr_permits.number", pr.number.expose()))
                        .bind(pr.issued_on)
                        .bind(pr.expires_on)
                        .bind(pr.status.as_str())
                        .bind(keys.blind_index(PR_PERMIT, pr.number.expose()))
                        .fetch_one(&mut *tx)
                        .await?)
                    }
                };
            }
            for (i, p) in a.passports.iter().enumerate() {
                let link = if p.linked_to_pr { pr_id } else { None };
                // An office's record of a passport also confirms one a holder declared.
                let existing: Option<StoredPassport> = query_as(
                    "SELECT applicant_id, issued_on, expires_on, pr_permit_id, source = 'office' \
                     AND unlinked_at IS NULL, source = 'holder' AND unlinked_at IS NULL, id \
                     FROM passports WHERE nationality = $1 AND number_index = $2",
                )
                .bind(p.nationality.as_str())
                .bind(keys.blind_index(PASSPORT, p.number.expose()))
                .fetch_optional(&mut *tx)
                .await?;
                match existing {
                    Some((owner, ..)) if owner != id => {
                        return Err(belongs_to_another(
                            *position,
                            &format!("passports[{i}].number"),
                        ));
                    }
                    Some((_, issued, expires, linked, true, ..))
                        if issued == p.issued_on && expires == p.expires_on && linked == link =>
                    {
                        continue;
                    }
                    // The holder declared it: tell them the office has confirmed it.
                    Some((.., true, passport_id)) => {
                        changed = true;
                        Self::plan_passport_confirmed(tx, keys, id, passport_id, &p.number).await?;
                    }
                    _ => changed = true,
                }
                query(
                    "INSERT INTO passports (applicant_id, number, nationality, issued_on, \
                     expires_on, pr_permit_id, linked_at, number_index) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                     ON CONFLICT (nationality, number_index) \
                     DO UPDATE SET issued_on = excluded.issued_on, \
                     expires_on = excluded.expires_on, pr_permit_id = excluded.pr_permit_id, \
                     linked_at = excluded.linked_at, \
                     source = 'office', unlinked_at = NULL",
                )
                .bind(id)
                .bind(keys.seal("passports.number", p.number.expose()))
                .bind(p.nationality.as_str())
                .bind(p.issued_on)
                .bind(p.expires_on)
                .bind(link)
                .bind(link.map(|_| now()))
                .bind(keys.blind_index(PASSPORT, p.number.expose()))
                .execute(&mut *tx)
                .await?;
            }
            for code in &a.link_codes {
                let done = query(
                    "INSERT INTO link_codes (code_hash, applicant_id, issued_by, expires_at) \
                     VALUES ($1, $2, 'import', $3) ON CONFLICT (code_hash) DO NOTHING",
                )
                .bind(hash_link_code(code.code.expose()))
                .bind(id)
                .bind(code.expires_at)
                .execute(&mut *tx)
                .await?;
                changed |= done.rows_affected() > 0;
            }
            let imported = match (inserted, changed) {
                (true, _) => Imported::Inserted,
                (false, true) => Imported::Updated,
                (false, false) => Imported::Unchanged,
            };
            imported.count(report);
        }
        Ok(())
    }

    /// Plans the notice that an office confirmed the passport (row `passport_id`) the
    /// applicant declared, for the applicant's chats and helpers, once per passport.
    async fn plan_passport_confirmed(
        tx: &mut DB::Connection,
        keys: &DataKeys,
        applicant_id: i64,
        passport_id: i64,
        number: &PassportNo,
    ) -> Result<(), StoreError> {
        let at = now();
        let users = Self::recipients(tx, applicant_id, None).await?;
        for to in Self::addressed(tx, keys, applicant_id, users).await? {
            let planned = PlannedNotice {
                dedup_key: dedup_key(
                    &format!("passport-confirmed:{passport_id}"),
                    to.chat_user_id,
                ),
                chat_user_id: to.chat_user_id,
                applicant_id: Some(applicant_id),
                notice: Notice::PassportConfirmed {
                    passport: number.masked(),
                    relative: to.relative,
                },
                due_at: at,
            };
            Self::insert_notice(tx, keys, &planned, at).await?;
        }
        Ok(())
    }

    pub(super) async fn import_applications(
        tx: &mut DB::Connection,
        keys: &DataKeys,
        records: &[Numbered<ApplicationRecord>],
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        for Numbered { position, value: a } in records {
            let Some(applicant) =
                Self::find_applicant(tx, keys, &a.nationality, &a.passport_no).await?
            else {
                return Err(StoreError::rejected(
                    *position,
                    "passport_no",
                    "no applicant with this nationality and passport number; import applicants \
                     first",
                ));
            };
            Self::require_stored(tx, Named::Service, a.service.as_str(), *position, "service")
                .await?;
            Self::require_stored(tx, Named::Office, a.office.as_str(), *position, "office").await?;
            let existing = Self::load_applications(tx, None, Some(a.receipt_no.as_str()))
                .await?
                .pop();
            let known_history = match &existing {
                Some(e) if e.applicant_id != applicant.id => {
                    return Err(belongs_to_another(*position, "receipt_no"));
                }
                Some(e) => {
                    let same = e.service == a.service
                        && e.office == a.office
                        && e.submitted_at == a.submitted_at
                        && e.status == a.status
                        && e.status_note == a.status_note
                        && e.pickup_from == a.pickup_from
                        && e.pickup_until == a.pickup_until
                        && a.history.iter().all(|h| {
                            e.history
                                .iter()
                                .any(|k| k.status == h.status && k.at == h.at)
                        });
                    let imported = if same {
                        Imported::Unchanged
                    } else {
                        Imported::Updated
                    };
                    if !imported.count(report) {
                        continue;
                    }
                    e.history.clone()
                }
                None => {
                    Imported::Inserted.count(report);
                    Vec::new()
                }
            };
            // The receipt number and the applicant stay as they are on an update (the
            // applicant was checked above); the pickup details are the office's.
            let id: i64 = query_scalar(
                "INSERT INTO applications (receipt_no, applicant_id, service_code, \
                 office_id, submitted_at, status, status_note, \
                 pickup_from, pickup_until, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 ON CONFLICT (receipt_no) DO UPDATE SET service_code = excluded.service_code, \
                 office_id = excluded.office_id, submitted_at = excluded.submitted_at, \
                 status = excluded.status, status_note = excluded.status_note, \
                 pickup_from = excluded.pickup_from, pickup_until = excluded.pickup_until, \
                 updated_at = excluded.updated_at RETURNING id",
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
            let mut history: Vec<StatusChange> = a
                .history
                .iter()
                .filter(|h| {
                    !known_history
                        .iter()
                        .any(|k| k.status == h.status && k.at == h.at)
                })
                .cloned()
                .collect();
            let latest = known_history
                .iter()
                .chain(a.history.iter())
                .max_by_key(|h| h.at)
                .map(|h| h.status);
            if latest != Some(a.status) {
                let at = if existing.is_none() && a.history.is_empty() {
                    a.submitted_at
                } else {
                    now()
                };
                history.push(StatusChange {
                    status: a.status,
                    at,
                    note: a.status_note.clone(),
                });
            }
            for h in history {
                query(
                    "INSERT INTO application_status_history (application_id, status, note, \
                     changed_at) VALUES ($1, $2, $3, $4)",
                )
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
