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
use crate::store::data_keys::DataKeys;
use crate::store::{
    Applicant, Appointment, Delegation, EDocument, HolderPassport, Passport, Permit, PrPermit,
    Slot, StoreError,
};
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

/// The personal columns, sealed at rest (`store/data_keys.rs`): each as `table.column`,
/// the name its envelope is authenticated with. `blind` names the column beside it that
/// holds the blind index equality lookups use, and the index's kind.
pub(super) struct SealedColumn {
    /// `table.column`.
    pub name: &'static str,
    pub table: &'static str,
    pub column: &'static str,
    pub blind: Option<(&'static str, &'static str)>,
}

/// Blind-index kinds: one per kind of number looked up.
pub(super) const PASSPORT: &str = "passport";
pub(super) const PERMIT: &str = "permit";
pub(super) const PR_PERMIT: &str = "pr-permit";
/// A passport's proof attempts (`proof_attempts.subject`).
pub(super) const ATTEMPTS: &str = "attempts";

/// Every personal column; `migrate` and `keys rotate` seal what is not sealed with the
/// active key, table by table. A new personal column is added here and sealed where written.
pub(super) const SEALED_COLUMNS: &[SealedColumn] = &[
    SealedColumn {
        name: "applicants.full_name",
        table: "applicants",
        column: "full_name",
        blind: None,
    },
    SealedColumn {
        name: "applicants.passport_no",
        table: "applicants",
        column: "passport_no",
        blind: Some(("passport_index", PASSPORT)),
    },
    SealedColumn {
        name: "applicants.birth_date",
        table: "applicants",
        column: "birth_date",
        blind: None,
    },
    SealedColumn {
        name: "appointments.full_name",
        table: "appointments",
        column: "full_name",
        blind: None,
    },
    SealedColumn {
        name: "appointments.passport_no",
        table: "appointments",
        column: "passport_no",
        blind: Some(("passport_index", PASSPORT)),
    },
    SealedColumn {
        name: "appointments.phone",
        table: "appointments",
        column: "phone",
        blind: None,
    },
    SealedColumn {
        name: "residence_permits.number",
        table: "residence_permits",
        column: "number",
        blind: Some(("number_index", PERMIT)),
    },
    SealedColumn {
        name: "pr_permits.number",
        table: "pr_permits",
        column: "number",
        blind: Some(("number_index", PR_PERMIT)),
    },
    SealedColumn {
        name: "passports.number",
        table: "passports",
        column: "number",
        blind: Some(("number_index", PASSPORT)),
    },
    SealedColumn {
        name: "e_documents.payload",
        table: "e_documents",
        column: "payload",
        blind: None,
    },
    // A notice names whom it is about (a relative's first name, a masked passport).
    SealedColumn {
        name: OUTBOX_PAYLOAD,
        table: "outbox",
        column: "payload",
        blind: None,
    },
];

/// The sealed column of a notification's content.
pub(super) const OUTBOX_PAYLOAD: &str = "outbox.payload";

/// Opens the sealed `stored` value of `column` (`table.column`) and parses it.
pub(super) fn open_as<T: FromStr>(
    keys: &DataKeys,
    column: &'static str,
    stored: &str,
) -> Result<T, StoreError>
where
    T::Err: std::fmt::Display,
{
    let plain = keys
        .open(column, stored)
        .map_err(|source| StoreError::Sealed { column, source })?;
    parse(&plain, column)
}

/// An applicant as stored, personal columns sealed.
#[derive(sqlx::FromRow)]
pub(super) struct SealedApplicant {
    pub id: i64,
    pub full_name: String,
    pub nationality: Nationality,
    pub passport_no: String,
    pub birth_date: Option<String>,
}

impl SealedApplicant {
    pub fn open(self, keys: &DataKeys) -> Result<Applicant, StoreError> {
        Ok(Applicant {
            id: self.id,
            full_name: Personal::new(open_as(keys, "applicants.full_name", &self.full_name)?),
            nationality: self.nationality,
            passport_no: open_as(keys, "applicants.passport_no", &self.passport_no)?,
            birth_date: Personal::new(
                self.birth_date
                    .map(|b| open_as(keys, "applicants.birth_date", &b))
                    .transpose()?,
            ),
        })
    }
}

/// Seals a birth date as its ISO text.
pub(super) fn seal_birth_date(keys: &DataKeys, birth: Option<NaiveDate>) -> Option<String> {
    birth.map(|b| keys.seal("applicants.birth_date", &b.format("%Y-%m-%d").to_string()))
}

/// A delegation joined with its applicant, as stored.
#[derive(sqlx::FromRow)]
pub(super) struct SealedDelegation {
    pub delegation_id: i64,
    pub helper_chat_user: i64,
    pub helper_label: Option<String>,
    #[sqlx(flatten)]
    pub applicant: SealedApplicant,
    pub method: String,
    pub granted_at: DateTime<Utc>,
}

impl SealedDelegation {
    pub fn open(self, keys: &DataKeys) -> Result<Delegation, StoreError> {
        Ok(Delegation {
            id: self.delegation_id,
            helper_chat_user: self.helper_chat_user,
            helper_label: self.helper_label,
            applicant: self.applicant.open(keys)?,
            method: self.method,
            granted_at: self.granted_at,
        })
    }
}

/// An appointment joined with its slot, as stored.
#[derive(sqlx::FromRow)]
pub(super) struct SealedAppointment {
    pub appointment_id: i64,
    pub code: String,
    pub service_code: ServiceCode,
    #[sqlx(flatten)]
    pub slot: Slot,
    pub status: AppointmentStatus,
    pub full_name: String,
    pub passport_no: String,
}

impl SealedAppointment {
    pub fn open(self, keys: &DataKeys) -> Result<Appointment, StoreError> {
        Ok(Appointment {
            id: self.appointment_id,
            code: self.code,
            service: self.service_code,
            slot: self.slot,
            status: self.status,
            full_name: Personal::new(open_as(keys, "appointments.full_name", &self.full_name)?),
            passport_no: open_as(keys, "appointments.passport_no", &self.passport_no)?,
        })
    }
}

/// A residence permit or visa as stored.
#[derive(sqlx::FromRow)]
pub(super) struct SealedPermit {
    pub id: i64,
    pub kind: PermitKind,
    pub permit_type: String,
    pub number: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub entries: Entries,
    pub stay_days: Option<i32>,
}

impl SealedPermit {
    pub fn open(self, keys: &DataKeys) -> Result<Permit, StoreError> {
        Ok(Permit {
            id: self.id,
            kind: self.kind,
            permit_type: self.permit_type,
            number: Personal::new(open_as(keys, "residence_permits.number", &self.number)?),
            issued_on: self.issued_on,
            expires_on: self.expires_on,
            entries: self.entries,
            stay_days: self.stay_days,
        })
    }
}

/// A permanent residence permit as stored.
#[derive(sqlx::FromRow)]
pub(super) struct SealedPrPermit {
    pub id: i64,
    pub number: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub status: PrStatus,
}

impl SealedPrPermit {
    pub fn open(self, keys: &DataKeys) -> Result<PrPermit, StoreError> {
        Ok(PrPermit {
            id: self.id,
            number: Personal::new(open_as(keys, "pr_permits.number", &self.number)?),
            issued_on: self.issued_on,
            expires_on: self.expires_on,
            status: self.status,
        })
    }
}

/// A passport on record as stored.
#[derive(sqlx::FromRow)]
pub(super) struct SealedPassport {
    pub id: i64,
    pub number: String,
    pub nationality: Nationality,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub pr_permit_id: Option<i64>,
}

impl SealedPassport {
    pub fn open(self, keys: &DataKeys) -> Result<Passport, StoreError> {
        Ok(Passport {
            id: self.id,
            number: open_as(keys, "passports.number", &self.number)?,
            nationality: self.nationality,
            issued_on: self.issued_on,
            expires_on: self.expires_on,
            pr_permit_id: self.pr_permit_id,
        })
    }
}

/// A holder's passport as stored.
#[derive(sqlx::FromRow)]
pub(super) struct SealedHolderPassport {
    pub id: i64,
    pub number: String,
    pub nationality: Nationality,
    pub expires_on: Option<NaiveDate>,
    pub confirmed: bool,
    pub linked_at: Option<DateTime<Utc>>,
}

impl SealedHolderPassport {
    pub fn open(self, keys: &DataKeys) -> Result<HolderPassport, StoreError> {
        Ok(HolderPassport {
            id: self.id,
            number: open_as(keys, "passports.number", &self.number)?,
            nationality: self.nationality,
            expires_on: self.expires_on,
            confirmed: self.confirmed,
            linked_at: self.linked_at,
        })
    }
}

/// An e-document as stored: its payload (which names the holder) sealed.
#[derive(sqlx::FromRow)]
pub(super) struct SealedEDocument {
    pub id: String,
    pub kind: String,
    pub applicant_id: i64,
    pub pr_permit_id: Option<i64>,
    pub passport_id: Option<i64>,
    pub payload: String,
    pub signature: String,
    pub issued_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl SealedEDocument {
    pub fn open(self, keys: &DataKeys) -> Result<EDocument, StoreError> {
        Ok(EDocument {
            id: self.id,
            kind: self.kind,
            applicant_id: self.applicant_id,
            pr_permit_id: self.pr_permit_id,
            passport_id: self.passport_id,
            payload: keys
                .open("e_documents.payload", &self.payload)
                .map_err(|source| StoreError::Sealed {
                    column: "e_documents.payload",
                    source,
                })?,
            signature: self.signature,
            issued_at: self.issued_at,
            revoked_at: self.revoked_at,
        })
    }
}
