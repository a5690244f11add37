//! How stored values become domain values: the domain types stored as text decode by
//! parsing, so the records of `store/` derive `sqlx::FromRow` themselves; the row shapes
//! below are for the values assembled from several queries. A stored value that no longer
//! parses is reported as `StoreError::Corrupt`, never a panic.

use crate::domain::records::{AppointmentStatus, PrStatus};
use crate::domain::{
    ApplicationStatus, Entries, Nationality, Office, OfficeId, PassportNo, PermitKind, Personal,
    ReceiptNo, Service, ServiceCode, ServiceDocument, SlotGroup,
};
use crate::import::StatusChange;
use crate::store::StoreError;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Type};
use std::str::FromStr;

/// Domain values stored as text (ids, codes, closed sets) decode on either engine by
/// parsing the text; one that no longer parses is a column decode error carrying the
/// parse error's reason (`StoreError::Corrupt`, naming the column).
macro_rules! decode_by_parsing {
    ($($domain:ty),+ $(,)?) => {$(
        impl<DB: Database> Type<DB> for $domain
        where
            String: Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: Database> Decode<'r, DB> for $domain
        where
            String: Decode<'r, DB>,
        {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok(<String as Decode<'r, DB>>::decode(value)?.parse::<$domain>()?)
            }
        }
    )+};
}

decode_by_parsing!(
    OfficeId,
    ServiceCode,
    SlotGroup,
    Nationality,
    PassportNo,
    ReceiptNo,
    PermitKind,
    Entries,
    PrStatus,
    ApplicationStatus,
    AppointmentStatus,
);

/// Personal data decodes as the value it wraps.
impl<DB: Database, T: Type<DB>> Type<DB> for Personal<T> {
    fn type_info() -> DB::TypeInfo {
        T::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        T::compatible(ty)
    }
}

impl<'r, DB: Database, T: Decode<'r, DB>> Decode<'r, DB> for Personal<T> {
    fn decode(value: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
        T::decode(value).map(Personal::new)
    }
}

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
