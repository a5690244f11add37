//! Holder documents: the PR holder's passports (declared after a passport change, confirmed
//! by an office) and the e-documents issued to them (NIA function 5). Linking another
//! channel and acting for relatives are identity matters (`identity.rs`).

use super::StoreError;
use crate::domain::{Nationality, PassportNo};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

/// A passport tied to a PR permit (read straight from its row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolderPassport {
    pub id: i64,
    pub number: PassportNo,
    pub nationality: Nationality,
    pub expires_on: Option<NaiveDate>,
    /// `true` when an office recorded the link; `false` when the holder declared it and an
    /// office has yet to confirm it.
    pub confirmed: bool,
    pub linked_at: Option<DateTime<Utc>>,
}

/// An issued e-document as stored (and read straight from its row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EDocument {
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

/// How declaring a new passport ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclareOutcome {
    Declared,
    /// That passport is already on record (for this holder or someone else).
    AlreadyKnown,
}

/// The PR holder's passports and e-documents.
#[async_trait]
pub trait HolderDocumentStore: Send + Sync {
    /// Passports linked to this PR permit, newest link first (unlinked ones left out).
    async fn holder_passports(&self, pr_permit_id: i64) -> Result<Vec<HolderPassport>, StoreError>;
    /// Records a passport the holder declares after a passport change, linked to the PR permit
    /// but unconfirmed until an office confirms it.
    async fn declare_passport(
        &self,
        applicant_id: i64,
        pr_permit_id: i64,
        nationality: &Nationality,
        number: &PassportNo,
        expires_on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<DeclareOutcome, StoreError>;
    async fn insert_e_document(&self, doc: &EDocument) -> Result<(), StoreError>;
    async fn e_document(&self, id: &str) -> Result<Option<EDocument>, StoreError>;
    /// Documents of an applicant that are not revoked, newest first.
    async fn active_e_documents(&self, applicant_id: i64) -> Result<Vec<EDocument>, StoreError>;
    /// Revokes one of the applicant's documents; `false` if it is not theirs or already revoked.
    async fn revoke_e_document(
        &self,
        id: &str,
        applicant_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
}
