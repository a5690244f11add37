//! Imports in SQL: each record is compared with what is stored, so a second import of the
//! same file changes nothing and reports every record `unchanged`. A record that refers to
//! something missing is rejected with its position, and the whole import rolls back.

use super::bookings::OFFICE_COLUMNS;
use super::{SqlBackend, SqlStore, hash_link_code, now, query, query_as, query_scalar};
use crate::import::{
    ApplicantRecord, ApplicationRecord, HolidayRecord, Numbered, OfficeRecord, ServiceRecord,
    SlotRecord, StatusChange,
};
use crate::store::{ImportReport, Permit, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::AssertSqlSafe;
use std::collections::HashSet;

/// A passport as stored: owner, issued, expires, linked PR permit, and whether an office
/// recorded it (and it is still linked).
type StoredPassport = (i64, Option<NaiveDate>, Option<NaiveDate>, Option<i64>, bool);

fn weekday_number(day: chrono::Weekday) -> i16 {
    day.number_from_monday() as i16
}

impl<DB: SqlBackend> SqlStore<DB> {
    async fn exists(
        conn: &mut DB::Connection,
        sql: &'static str,
        key: &str,
    ) -> Result<bool, StoreError> {
        let found: Option<i32> = query_scalar(sql)
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
        Ok(found.is_some())
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
            let existing = Self::load_offices(tx, Some(office.id.as_str()))
                .await?
                .pop();
            match existing {
                Some(e) if e == office => {
                    report.unchanged += 1;
                    continue;
                }
                Some(_) => report.updated += 1,
                None => report.inserted += 1,
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
            query("DELETE FROM office_hours WHERE office_id = $1")
                .bind(office.id.as_str())
                .execute(&mut *tx)
                .await?;
            for i in office.hours.intervals() {
                query(
                    "INSERT INTO office_hours (office_id, weekday, opens, closes) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(office.id.as_str())
                .bind(weekday_number(i.weekday))
                .bind(i.opens)
                .bind(i.closes)
                .execute(&mut *tx)
                .await?;
            }
            query("DELETE FROM office_services WHERE office_id = $1")
                .bind(office.id.as_str())
                .execute(&mut *tx)
                .await?;
            for code in &office.services {
                query("INSERT INTO office_services (office_id, service_code) VALUES ($1, $2)")
                    .bind(office.id.as_str())
                    .bind(code.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        Ok(())
    }

    pub(super) async fn import_services(
        tx: &mut DB::Connection,
        records: &[Numbered<ServiceRecord>],
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        for Numbered { value: service, .. } in records {
            let existing = Self::load_services(tx, Some(service.code.as_str()))
                .await?
                .pop();
            match existing {
                Some(e) if &e == service => {
                    report.unchanged += 1;
                    continue;
                }
                Some(_) => report.updated += 1,
                None => report.inserted += 1,
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
            query("DELETE FROM service_documents WHERE service_code = $1")
                .bind(service.code.as_str())
                .execute(&mut *tx)
                .await?;
            for (position, doc) in service.documents.iter().enumerate() {
                query(
                    "INSERT INTO service_documents (service_code, position, document_code, \
                     required) VALUES ($1, $2, $3, $4)",
                )
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

    pub(super) async fn import_holidays(
        tx: &mut DB::Connection,
        records: &[Numbered<HolidayRecord>],
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        for Numbered { value: h, .. } in records {
            let existing: Option<(String, String, String)> =
                query_as("SELECT name_en, name_zh, source_url FROM public_holidays WHERE day = $1")
                    .bind(h.day)
                    .fetch_optional(&mut *tx)
                    .await?;
            match existing {
                Some((en, zh, src))
                    if en == h.name_en && zh == h.name_zh && src == h.source_url =>
                {
                    report.unchanged += 1;
                    continue;
                }
                Some(_) => report.updated += 1,
                None => report.inserted += 1,
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
            if !Self::exists(
                tx,
                "SELECT 1 FROM offices WHERE id = $1",
                s.office_id.as_str(),
            )
            .await?
            {
                return Err(StoreError::rejected(
                    *position,
                    "office_id",
                    format!("unknown office '{}'", s.office_id),
                ));
            }
            let existing: Option<(i64, DateTime<Utc>, i32, i32)> = query_as(
                "SELECT id, ends_at, capacity, booked FROM slots WHERE office_id = $1 \
                 AND slot_group = $2 AND starts_at = $3",
            )
            .bind(s.office_id.as_str())
            .bind(s.slot_group.as_str())
            .bind(s.starts_at)
            .fetch_optional(&mut *tx)
            .await?;
            match existing {
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
                    added.push((
                        id,
                        s.office_id.to_string(),
                        s.slot_group.to_string(),
                        s.starts_at,
                    ));
                    report.inserted += 1;
                }
                Some((_, ends_at, capacity, _))
                    if ends_at == s.ends_at && capacity == s.capacity =>
                {
                    report.unchanged += 1
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
                    if s.capacity > capacity {
                        added.push((
                            id,
                            s.office_id.to_string(),
                            s.slot_group.to_string(),
                            s.starts_at,
                        ));
                    }
                    report.updated += 1;
                }
            }
        }
        Self::places_added(tx, &added, now()).await
    }

    pub(super) async fn import_applicants(
        tx: &mut DB::Connection,
        records: &[Numbered<ApplicantRecord>],
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        for Numbered { position, value: a } in records {
            let birth: Option<NaiveDate> = a.birth_date.as_ref().map(|b| *b.expose());
            let (id, mut changed, inserted) =
                match Self::find_applicant(tx, &a.nationality, &a.passport_no).await? {
                    None => {
                        let id: i64 = query_scalar(
                        "INSERT INTO applicants (full_name, nationality, passport_no, birth_date, \
                         created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
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
                        let differs = row.full_name.expose() != a.full_name.expose()
                            || *row.birth_date.expose() != birth;
                        if differs {
                            query(
                            "UPDATE applicants SET full_name = $1, birth_date = $2 WHERE id = $3",
                        )
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
                let existing: Option<Permit> = query_as(
                    "SELECT id, kind, permit_type, number, issued_on, expires_on, entries, \
                     stay_days FROM residence_permits WHERE kind = $1 AND number = $2",
                )
                .bind(p.kind.as_str())
                .bind(p.number.expose())
                .fetch_optional(&mut *tx)
                .await?;
                let owner: Option<i64> = query_scalar(
                    "SELECT applicant_id FROM residence_permits WHERE kind = $1 AND number = $2",
                )
                .bind(p.kind.as_str())
                .bind(p.number.expose())
                .fetch_optional(&mut *tx)
                .await?;
                if owner.is_some_and(|o| o != id) {
                    return Err(StoreError::rejected(
                        *position,
                        &format!("permits[{i}].number"),
                        "belongs to another applicant",
                    ));
                }
                let same = existing.as_ref().is_some_and(|e| {
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
                     issued_on, expires_on, entries, stay_days) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (kind, number) DO UPDATE \
                     SET permit_type = excluded.permit_type, \
                     issued_on = excluded.issued_on, expires_on = excluded.expires_on, \
                     entries = excluded.entries, stay_days = excluded.stay_days",
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
                let existing: Option<(i64, i64, NaiveDate, NaiveDate, String)> = query_as(
                    "SELECT id, applicant_id, issued_on, expires_on, status FROM pr_permits \
                     WHERE number = $1",
                )
                .bind(pr.number.expose())
                .fetch_optional(&mut *tx)
                .await?;
                pr_id = match existing {
                    Some((_, owner, ..)) if owner != id => {
                        return Err(StoreError::rejected(
                            *position,
                            "pr_permit.number",
                            "belongs to another applicant",
                        ));
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
                             status) VALUES ($1, $2, $3, $4, $5) \
                             ON CONFLICT (number) DO UPDATE \
                             SET issued_on = excluded.issued_on, \
                             expires_on = excluded.expires_on, \
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
                let existing: Option<StoredPassport> = query_as(
                    "SELECT applicant_id, issued_on, expires_on, pr_permit_id, source = 'office' \
                     AND unlinked_at IS NULL \
                     FROM passports WHERE nationality = $1 AND number = $2",
                )
                .bind(p.nationality.as_str())
                .bind(p.number.expose())
                .fetch_optional(&mut *tx)
                .await?;
                match existing {
                    Some((owner, ..)) if owner != id => {
                        return Err(StoreError::rejected(
                            *position,
                            &format!("passports[{i}].number"),
                            "belongs to another applicant",
                        ));
                    }
                    Some((_, issued, expires, linked, true))
                        if issued == p.issued_on && expires == p.expires_on && linked == link =>
                    {
                        continue;
                    }
                    _ => changed = true,
                }
                query(
                    "INSERT INTO passports (applicant_id, number, nationality, issued_on, \
                     expires_on, pr_permit_id, linked_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (nationality, number) \
                     DO UPDATE SET issued_on = excluded.issued_on, \
                     expires_on = excluded.expires_on, pr_permit_id = excluded.pr_permit_id, \
                     linked_at = excluded.linked_at, \
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

    pub(super) async fn import_applications(
        tx: &mut DB::Connection,
        records: &[Numbered<ApplicationRecord>],
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        for Numbered { position, value: a } in records {
            let Some(applicant) = Self::find_applicant(tx, &a.nationality, &a.passport_no).await?
            else {
                return Err(StoreError::rejected(
                    *position,
                    "passport_no",
                    "no applicant with this nationality and passport number; import applicants \
                     first",
                ));
            };
            if !Self::exists(
                tx,
                "SELECT 1 FROM services WHERE code = $1",
                a.service.as_str(),
            )
            .await?
            {
                return Err(StoreError::rejected(
                    *position,
                    "service",
                    format!("unknown service '{}'", a.service),
                ));
            }
            if !Self::exists(tx, "SELECT 1 FROM offices WHERE id = $1", a.office.as_str()).await? {
                return Err(StoreError::rejected(
                    *position,
                    "office",
                    format!("unknown office '{}'", a.office),
                ));
            }
            let existing = Self::load_applications(tx, None, Some(a.receipt_no.as_str()))
                .await?
                .pop();
            let (id, known_history) = match &existing {
                Some(e) if e.applicant_id != applicant.id => {
                    return Err(StoreError::rejected(
                        *position,
                        "receipt_no",
                        "belongs to another applicant",
                    ));
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
                    if same {
                        report.unchanged += 1;
                        continue;
                    }
                    report.updated += 1;
                    query(
                        "UPDATE applications SET service_code = $1, office_id = $2, \
                         submitted_at = $3, status = $4, status_note = $5, \
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
                    let id: i64 = query_scalar(
                        "INSERT INTO applications (receipt_no, applicant_id, service_code, \
                         office_id, submitted_at, status, status_note, \
                         pickup_from, pickup_until, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
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
