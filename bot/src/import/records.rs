//! The record of each import kind. Offices and services import as their domain types;
//! the others are here. Field names are the column names of the CSV form.

use super::{ImportError, ImportRecord, Position};
use crate::domain::office::parse_phone;
use crate::domain::records::PrStatus;
use crate::domain::{
    ApplicationStatus, Entries, Nationality, Office, OfficeId, PassportNo, PermitKind, Personal,
    ReceiptNo, Service, ServiceCode, SlotGroup,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

pub type OfficeRecord = Office;
pub type ServiceRecord = Service;

impl ImportRecord for Office {
    const LIST_COLUMNS: &'static [&'static str] = &["services"];
    const NUMBER_COLUMNS: &'static [&'static str] = &["latitude", "longitude"];
    const BOOL_COLUMNS: &'static [&'static str] = &["verified"];

    fn check(&self, position: Position) -> Result<(), ImportError> {
        parse_phone(&self.phone).map_err(|e| ImportError::field(position, "phone", e))?;
        if !(-90.0..=90.0).contains(&self.latitude) {
            return Err(ImportError::field(
                position,
                "latitude",
                "must be between -90 and 90",
            ));
        }
        if !(-180.0..=180.0).contains(&self.longitude) {
            return Err(ImportError::field(
                position,
                "longitude",
                "must be between -180 and 180",
            ));
        }
        for (field, value) in [
            ("name_en", &self.name_en),
            ("name_zh", &self.name_zh),
            ("city_en", &self.city_en),
            ("city_zh", &self.city_zh),
            ("address_en", &self.address_en),
            ("address_zh", &self.address_zh),
            ("source_url", &self.source_url),
        ] {
            if value.trim().is_empty() {
                return Err(ImportError::field(position, field, "must not be empty"));
            }
        }
        if self.services.is_empty() {
            return Err(ImportError::field(
                position,
                "services",
                "an office offers at least one service",
            ));
        }
        Ok(())
    }
}

impl ImportRecord for Service {
    const LIST_COLUMNS: &'static [&'static str] = &["documents"];
    const NUMBER_COLUMNS: &'static [&'static str] = &["fee_fen", "processing_days"];
    const BOOL_COLUMNS: &'static [&'static str] =
        &["fee_verified", "processing_verified", "verified"];

    fn check(&self, position: Position) -> Result<(), ImportError> {
        if self.fee_fen.is_some_and(|f| f < 0) {
            return Err(ImportError::field(
                position,
                "fee_fen",
                "must not be negative",
            ));
        }
        if self.processing_days.is_some_and(|d| d < 0) {
            return Err(ImportError::field(
                position,
                "processing_days",
                "must not be negative",
            ));
        }
        Ok(())
    }
}

/// A bookable slot; `(office_id, slot_group, starts_at)` identifies it, so importing it
/// again only changes its capacity or end.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotRecord {
    pub office_id: OfficeId,
    pub slot_group: SlotGroup,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
}

impl ImportRecord for SlotRecord {
    const NUMBER_COLUMNS: &'static [&'static str] = &["capacity"];

    fn check(&self, position: Position) -> Result<(), ImportError> {
        if self.ends_at <= self.starts_at {
            return Err(ImportError::field(
                position,
                "ends_at",
                "must be after starts_at",
            ));
        }
        if !(0..=1000).contains(&self.capacity) {
            return Err(ImportError::field(
                position,
                "capacity",
                "must be between 0 and 1000",
            ));
        }
        Ok(())
    }
}

/// A public holiday (a day no office works).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayRecord {
    pub day: NaiveDate,
    pub name_en: String,
    pub name_zh: String,
    pub source_url: String,
}

impl ImportRecord for HolidayRecord {}

/// A visa or residence permit held by an applicant.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermitRecord {
    pub kind: PermitKind,
    pub permit_type: String,
    pub number: Personal<String>,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub entries: Entries,
    #[serde(default)]
    pub stay_days: Option<i32>,
}

/// A permanent residence permit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrPermitRecord {
    pub number: Personal<String>,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub status: PrStatus,
}

/// A passport of the applicant; `linked_to_pr` links it to the applicant's PR permit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassportRecord {
    pub number: PassportNo,
    pub nationality: Nationality,
    #[serde(default)]
    pub issued_on: Option<NaiveDate>,
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    #[serde(default)]
    pub linked_to_pr: bool,
}

/// A one-time code an office hands to the applicant to link a chat account; stored hashed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkCodeRecord {
    pub code: Personal<String>,
    pub expires_at: DateTime<Utc>,
}

/// An applicant with the records an office holds on them. In CSV only the first four
/// columns exist; the nested records need JSON.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicantRecord {
    pub full_name: Personal<String>,
    pub nationality: Nationality,
    pub passport_no: PassportNo,
    #[serde(default)]
    pub birth_date: Option<Personal<NaiveDate>>,
    #[serde(default)]
    pub permits: Vec<PermitRecord>,
    #[serde(default)]
    pub pr_permit: Option<PrPermitRecord>,
    #[serde(default)]
    pub passports: Vec<PassportRecord>,
    #[serde(default)]
    pub link_codes: Vec<LinkCodeRecord>,
}

impl ImportRecord for ApplicantRecord {
    fn check(&self, position: Position) -> Result<(), ImportError> {
        if self.full_name.expose().trim().is_empty() {
            return Err(ImportError::field(
                position,
                "full_name",
                "must not be empty",
            ));
        }
        for (i, p) in self.permits.iter().enumerate() {
            if p.expires_on < p.issued_on {
                return Err(ImportError::field(
                    position,
                    &format!("permits[{i}].expires_on"),
                    "is before issued_on",
                ));
            }
        }
        if self.passports.iter().any(|p| p.linked_to_pr) && self.pr_permit.is_none() {
            return Err(ImportError::field(
                position,
                "passports",
                "linked_to_pr needs a pr_permit",
            ));
        }
        Ok(())
    }
}

/// One past status of an application.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: ApplicationStatus,
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub note: Option<String>,
}

/// An application submitted at an office, found by its receipt number.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationRecord {
    pub receipt_no: ReceiptNo,
    pub nationality: Nationality,
    pub passport_no: PassportNo,
    pub service: ServiceCode,
    pub office: OfficeId,
    pub submitted_at: DateTime<Utc>,
    pub status: ApplicationStatus,
    #[serde(default)]
    pub status_note: Option<String>,
    #[serde(default)]
    pub pickup_from: Option<DateTime<Utc>>,
    #[serde(default)]
    pub pickup_until: Option<DateTime<Utc>>,
    /// Earlier statuses; when absent the history starts with the current status.
    #[serde(default)]
    pub history: Vec<StatusChange>,
}

impl ImportRecord for ApplicationRecord {
    fn check(&self, position: Position) -> Result<(), ImportError> {
        if let (Some(from), Some(until)) = (self.pickup_from, self.pickup_until)
            && until < from
        {
            return Err(ImportError::field(
                position,
                "pickup_until",
                "is before pickup_from",
            ));
        }
        Ok(())
    }
}
