//! Row shapes as both backends return them, and their conversion into domain values.
//! A stored value that no longer parses is reported as `StoreError::Corrupt`, never a panic.

use crate::domain::{Office, Personal, Service, ServiceDocument};
use crate::import::StatusChange;
use crate::store::{Applicant, Application, Passport, Permit, PrPermit, Slot, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use std::str::FromStr;

pub(super) fn parse<T: FromStr>(value: &str, what: &str) -> Result<T, StoreError>
where
    T::Err: std::fmt::Display,
{
    value
        .parse()
        .map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

#[derive(sqlx::FromRow)]
pub(super) struct OfficeRow {
    pub id: String,
    pub name_en: String,
    pub name_zh: String,
    pub city_en: String,
    pub city_zh: String,
    pub province_en: String,
    pub province_zh: String,
    pub address_en: String,
    pub address_zh: String,
    pub latitude: f64,
    pub longitude: f64,
    pub phone: String,
    pub time_zone: String,
    pub hours: String,
    pub source_url: String,
    pub checked_on: NaiveDate,
    pub verified: bool,
    pub note: Option<String>,
}

impl OfficeRow {
    pub fn into_office(self, services: Vec<String>) -> Result<Office, StoreError> {
        Ok(Office {
            id: parse(&self.id, "office id")?,
            name_en: self.name_en,
            name_zh: self.name_zh,
            city_en: self.city_en,
            city_zh: self.city_zh,
            province_en: self.province_en,
            province_zh: self.province_zh,
            address_en: self.address_en,
            address_zh: self.address_zh,
            latitude: self.latitude,
            longitude: self.longitude,
            phone: self.phone,
            time_zone: parse(&self.time_zone, "office time zone")?,
            hours: parse(&self.hours, "office hours")?,
            services: services
                .iter()
                .map(|s| parse(s, "service code"))
                .collect::<Result<_, _>>()?,
            source_url: self.source_url,
            checked_on: self.checked_on,
            verified: self.verified,
            note: self.note,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct ServiceRow {
    pub code: String,
    pub kind: String,
    pub slot_group: String,
    pub fee_fen: Option<i64>,
    pub fee_verified: bool,
    pub fee_note_key: Option<String>,
    pub processing_days: Option<i32>,
    pub processing_verified: bool,
    pub source_url: String,
    pub checked_on: NaiveDate,
    pub verified: bool,
}

impl ServiceRow {
    pub fn into_service(self, documents: Vec<ServiceDocument>) -> Result<Service, StoreError> {
        Ok(Service {
            code: parse(&self.code, "service code")?,
            kind: parse(&self.kind, "service kind")?,
            slot_group: parse(&self.slot_group, "slot group")?,
            fee_fen: self.fee_fen,
            fee_verified: self.fee_verified,
            fee_note_key: self.fee_note_key,
            processing_days: self.processing_days,
            processing_verified: self.processing_verified,
            documents,
            source_url: self.source_url,
            checked_on: self.checked_on,
            verified: self.verified,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct SlotRow {
    pub id: i64,
    pub office_id: String,
    pub slot_group: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
    pub booked: i32,
}

impl TryFrom<SlotRow> for Slot {
    type Error = StoreError;
    fn try_from(r: SlotRow) -> Result<Slot, StoreError> {
        Ok(Slot {
            id: r.id,
            office_id: parse(&r.office_id, "office id")?,
            group: parse(&r.slot_group, "slot group")?,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            capacity: r.capacity,
            booked: r.booked,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct ApplicantRow {
    pub id: i64,
    pub full_name: String,
    pub nationality: String,
    pub passport_no: String,
    pub birth_date: Option<NaiveDate>,
}

impl TryFrom<ApplicantRow> for Applicant {
    type Error = StoreError;
    fn try_from(r: ApplicantRow) -> Result<Applicant, StoreError> {
        Ok(Applicant {
            id: r.id,
            full_name: Personal::new(r.full_name),
            nationality: parse(&r.nationality, "nationality")?,
            passport_no: parse(&r.passport_no, "passport number")?,
            birth_date: Personal::new(r.birth_date),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct ApplicationRow {
    pub id: i64,
    pub receipt_no: String,
    pub applicant_id: i64,
    pub service_code: String,
    pub office_id: String,
    pub submitted_at: DateTime<Utc>,
    pub status: String,
    pub status_note: Option<String>,
    pub pickup_from: Option<DateTime<Utc>>,
    pub pickup_until: Option<DateTime<Utc>>,
    /// Not selected by every query (`default`): the office's words on where and what to bring.
    #[sqlx(default)]
    pub pickup_place: Option<String>,
    #[sqlx(default)]
    pub pickup_bring: Option<String>,
}

impl ApplicationRow {
    pub fn into_application(self, history: Vec<StatusChange>) -> Result<Application, StoreError> {
        Ok(Application {
            id: self.id,
            receipt_no: parse(&self.receipt_no, "receipt number")?,
            applicant_id: self.applicant_id,
            service: parse(&self.service_code, "service code")?,
            office: parse(&self.office_id, "office id")?,
            submitted_at: self.submitted_at,
            status: parse(&self.status, "application status")?,
            status_note: self.status_note,
            pickup_from: self.pickup_from,
            pickup_until: self.pickup_until,
            pickup_place: self.pickup_place,
            pickup_bring: self.pickup_bring,
            history,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct HistoryRow {
    pub status: String,
    pub note: Option<String>,
    pub changed_at: DateTime<Utc>,
}

impl TryFrom<HistoryRow> for StatusChange {
    type Error = StoreError;
    fn try_from(r: HistoryRow) -> Result<StatusChange, StoreError> {
        Ok(StatusChange {
            status: parse(&r.status, "application status")?,
            at: r.changed_at,
            note: r.note,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct PermitRow {
    pub id: i64,
    pub kind: String,
    pub permit_type: String,
    pub number: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub entries: String,
    pub stay_days: Option<i32>,
}

impl TryFrom<PermitRow> for Permit {
    type Error = StoreError;
    fn try_from(r: PermitRow) -> Result<Permit, StoreError> {
        Ok(Permit {
            id: r.id,
            kind: parse(&r.kind, "permit kind")?,
            permit_type: r.permit_type,
            number: Personal::new(r.number),
            issued_on: r.issued_on,
            expires_on: r.expires_on,
            entries: parse(&r.entries, "entries")?,
            stay_days: r.stay_days,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct PrPermitRow {
    pub id: i64,
    pub number: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub status: String,
}

impl TryFrom<PrPermitRow> for PrPermit {
    type Error = StoreError;
    fn try_from(r: PrPermitRow) -> Result<PrPermit, StoreError> {
        Ok(PrPermit {
            id: r.id,
            number: Personal::new(r.number),
            issued_on: r.issued_on,
            expires_on: r.expires_on,
            status: parse(&r.status, "PR status")?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct PassportRow {
    pub id: i64,
    pub number: String,
    pub nationality: String,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub pr_permit_id: Option<i64>,
}

impl TryFrom<PassportRow> for Passport {
    type Error = StoreError;
    fn try_from(r: PassportRow) -> Result<Passport, StoreError> {
        Ok(Passport {
            id: r.id,
            number: parse(&r.number, "passport number")?,
            nationality: parse(&r.nationality, "nationality")?,
            issued_on: r.issued_on,
            expires_on: r.expires_on,
            pr_permit_id: r.pr_permit_id,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct AppointmentRow {
    pub id: i64,
    pub code: String,
    pub service_code: String,
    pub status: String,
    pub full_name: String,
    pub passport_no: String,
    pub slot_id: i64,
    pub office_id: String,
    pub slot_group: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
    pub booked: i32,
}

impl TryFrom<AppointmentRow> for crate::store::Appointment {
    type Error = StoreError;
    fn try_from(r: AppointmentRow) -> Result<crate::store::Appointment, StoreError> {
        Ok(crate::store::Appointment {
            id: r.id,
            code: r.code,
            service: parse(&r.service_code, "service code")?,
            status: parse(&r.status, "appointment status")?,
            full_name: Personal::new(r.full_name),
            passport_no: parse(&r.passport_no, "passport number")?,
            slot: Slot::try_from(SlotRow {
                id: r.slot_id,
                office_id: r.office_id,
                slot_group: r.slot_group,
                starts_at: r.starts_at,
                ends_at: r.ends_at,
                capacity: r.capacity,
                booked: r.booked,
            })?,
        })
    }
}
