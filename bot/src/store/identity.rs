//! Identity and records: who is talking (chat users on their channels), which applicants
//! they have proven to be (links, with attempt limits), and what the offices hold on those
//! applicants (applications with their history, permits, passports). Nothing here is shown
//! to a chat user who has not proven the link; the dialogue checks, the audit log records.
//! Who else may act for an applicant is in `delegation.rs`.

use super::StoreError;
use crate::domain::records::PrStatus;
use crate::domain::{
    ApplicationStatus, Entries, Nationality, OfficeId, PassportNo, PermitKind, Personal, ReceiptNo,
    ServiceCode,
};
use crate::import::StatusChange;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    pub id: i64,
    pub full_name: Personal<String>,
    pub nationality: Nationality,
    pub passport_no: PassportNo,
    pub birth_date: Personal<Option<NaiveDate>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: i64,
    pub receipt_no: ReceiptNo,
    pub applicant_id: i64,
    pub service: ServiceCode,
    pub office: OfficeId,
    pub submitted_at: DateTime<Utc>,
    pub status: ApplicationStatus,
    pub status_note: Option<String>,
    pub pickup_from: Option<DateTime<Utc>>,
    pub pickup_until: Option<DateTime<Utc>>,
    /// Where exactly to collect (hall, window) and what to bring, as the office wrote them.
    pub pickup_place: Option<String>,
    pub pickup_bring: Option<String>,
    /// Oldest first; the last entry is the current status.
    pub history: Vec<StatusChange>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permit {
    pub id: i64,
    pub kind: PermitKind,
    pub permit_type: String,
    pub number: Personal<String>,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub entries: Entries,
    pub stay_days: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrPermit {
    pub id: i64,
    pub number: Personal<String>,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub status: PrStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passport {
    pub id: i64,
    pub number: PassportNo,
    pub nationality: Nationality,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub pr_permit_id: Option<i64>,
}

/// Everything an office holds on one applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicantRecords {
    pub permits: Vec<Permit>,
    pub pr_permit: Option<PrPermit>,
    pub passports: Vec<Passport>,
}

/// A person talking to visadesk, possibly on several channels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatUser {
    pub id: i64,
    pub locale: String,
    pub notifications_enabled: bool,
}

/// How a chat user proves they are an applicant: something only the applicant (or an office
/// acting for them) has, on top of passport number, nationality and birth date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityProof {
    Receipt(ReceiptNo),
    LinkCode(Personal<String>),
}

/// A linking attempt's data; all personal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityClaim {
    pub nationality: Nationality,
    pub passport_no: PassportNo,
    pub birth_date: Personal<NaiveDate>,
    pub proof: IdentityProof,
}

/// Failed linking attempts counted in fixed windows (per chat user per hour, per passport
/// per day), so several processes share the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptCounts {
    pub by_user: i64,
    pub by_user_until: DateTime<Utc>,
    pub by_passport: i64,
    pub by_passport_until: DateTime<Utc>,
}

/// Chat users and their settings, proving and linking identities (with attempt limits), and
/// the records of the applicants a chat user is linked to.
#[async_trait]
pub trait IdentityStore: Send + Sync {
    /// The chat user behind a channel identity, created on first contact with `locale`.
    async fn chat_user(
        &self,
        channel: &str,
        external_id: &str,
        locale: &str,
    ) -> Result<ChatUser, StoreError>;
    async fn set_locale(&self, chat_user_id: i64, locale: &str) -> Result<(), StoreError>;
    async fn set_notifications(&self, chat_user_id: i64, enabled: bool) -> Result<(), StoreError>;

    async fn applicant_by_passport(
        &self,
        nationality: &Nationality,
        passport: &PassportNo,
    ) -> Result<Option<Applicant>, StoreError>;
    async fn applications_of(&self, applicant_id: i64) -> Result<Vec<Application>, StoreError>;
    async fn records_of(&self, applicant_id: i64) -> Result<ApplicantRecords, StoreError>;

    /// Failed linking attempts in the current windows for this user and this passport.
    async fn link_failures(
        &self,
        chat_user_id: i64,
        passport_key: &str,
        now: DateTime<Utc>,
    ) -> Result<AttemptCounts, StoreError>;
    /// Counts one failed linking attempt in both windows.
    async fn record_link_failure(
        &self,
        chat_user_id: i64,
        passport_key: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// The applicant the claim proves, if every part matches (a link code is used up).
    async fn verify_identity(
        &self,
        claim: &IdentityClaim,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError>;
    async fn link_applicant(
        &self,
        chat_user_id: i64,
        applicant_id: i64,
        method: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// Applicants this chat user has proven to be (or acts for).
    async fn linked_applicants(&self, chat_user_id: i64) -> Result<Vec<Applicant>, StoreError>;
    /// Removes every link of this chat user (and their watches) and ends the delegations they
    /// hold as a helper; returns how many links and delegations went.
    async fn unlink_all(&self, chat_user_id: i64) -> Result<u64, StoreError>;

    async fn watched_applications(&self, chat_user_id: i64) -> Result<Vec<i64>, StoreError>;
    async fn set_watch(
        &self,
        chat_user_id: i64,
        application_id: i64,
        watch: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;
}
