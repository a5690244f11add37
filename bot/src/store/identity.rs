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

// The records below are read straight from their rows (`sqlx::FromRow`): a stored text
// is parsed into its domain type (`sql/rows.rs`), so a value that no longer parses is
// `StoreError::Corrupt`, never a panic.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    pub id: i64,
    pub full_name: Personal<String>,
    pub nationality: Nationality,
    pub passport_no: PassportNo,
    pub birth_date: Personal<Option<NaiveDate>>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Application {
    pub id: i64,
    pub receipt_no: ReceiptNo,
    pub applicant_id: i64,
    #[sqlx(rename = "service_code")]
    pub service: ServiceCode,
    #[sqlx(rename = "office_id")]
    pub office: OfficeId,
    pub submitted_at: DateTime<Utc>,
    pub status: ApplicationStatus,
    pub status_note: Option<String>,
    pub pickup_from: Option<DateTime<Utc>>,
    pub pickup_until: Option<DateTime<Utc>>,
    /// Where exactly to collect (hall, window) and what to bring, as the office wrote them
    /// (not selected by every query).
    #[sqlx(default)]
    pub pickup_place: Option<String>,
    #[sqlx(default)]
    pub pickup_bring: Option<String>,
    /// Oldest first; the last entry is the current status. Read separately.
    #[sqlx(skip)]
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
    /// The language they are spoken to in, here and in notifications.
    pub locale: String,
    /// Whether they chose `locale` themselves (Settings → Language); if not, it is what
    /// their platform last hinted, and follows the platform when that changes.
    pub locale_chosen: bool,
    pub notifications_enabled: bool,
    /// When a turn of theirs last refreshed it (see `ChatUser::seen_long_ago`).
    pub last_seen: DateTime<Utc>,
}

/// How far a chat user's last-seen time may lag: it is written at most once this often, not
/// on every turn, and idle periods are counted in days.
pub const LAST_SEEN_PRECISION: chrono::TimeDelta = chrono::TimeDelta::hours(1);

impl ChatUser {
    /// The language to speak to them in when their platform now asks for `hinted` (`None`:
    /// it says nothing): their own choice if they made one, else the platform's.
    pub fn locale_with_hint<'a>(&'a self, hinted: Option<&'a str>) -> &'a str {
        match hinted {
            Some(hinted) if !self.locale_chosen => hinted,
            _ => &self.locale,
        }
    }

    /// Whether the stored last-seen time is `LAST_SEEN_PRECISION` or more away from `now`
    /// (either way: a clock set back is corrected too), so a turn at `now` refreshes it.
    pub fn seen_long_ago(&self, now: DateTime<Utc>) -> bool {
        (now - self.last_seen).abs() >= LAST_SEEN_PRECISION
    }
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

/// How many proof attempts a subject (a chat user, a passport) may make in any window of
/// `window` ending now: a sliding window, so no burst fits around a clock boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptLimit {
    pub max: i64,
    pub window: chrono::Duration,
}

/// The answer to "may this chat user try a proof now?", decided and counted in one step so
/// that concurrent attempts cannot all pass the same count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptGrant {
    /// The chat user's attempts are used up until `until`: nothing may be checked.
    UserLimited { until: DateTime<Utc> },
    /// One attempt is counted for the chat user and, unless the passport's attempts are used
    /// up (then until `passport_limited_until`, and only a proof an attacker cannot guess,
    /// an office's link code, may be checked), for the passport.
    Taken {
        ticket: AttemptTicket,
        passport_limited_until: Option<DateTime<Utc>>,
    },
}

/// The attempts one grant counted, to give back when the proof was right: what stays
/// counted are failures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptTicket {
    pub(crate) ids: Vec<i64>,
}

/// The subject key of a chat user's attempts.
pub fn user_attempts(chat_user_id: i64) -> String {
    format!("user:{chat_user_id}")
}

/// The subject key of a passport's attempts (`passport_key`: a digest, never the number).
pub fn passport_attempts(passport_key: &str) -> String {
    format!("passport:{passport_key}")
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
    /// The chat user behind a channel identity, if one is stored; nothing is created.
    async fn find_chat_user(
        &self,
        channel: &str,
        external_id: &str,
    ) -> Result<Option<ChatUser>, StoreError>;
    /// Records that the chat user was active at `now` (their last-seen time).
    async fn mark_seen(&self, chat_user_id: i64, now: DateTime<Utc>) -> Result<(), StoreError>;
    /// Deletes up to `limit` chat users known only on `channel`, not seen since
    /// `idle_since` and keeping nothing that needs them (see the SQL store's
    /// `KEEPS_NOTHING`); returns the external ids they had on `channel`. Everything that
    /// belonged to them goes with them; appointments stay, without their chat user.
    async fn purge_idle_users(
        &self,
        channel: &str,
        idle_since: DateTime<Utc>,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<String>, StoreError>;
    /// The language the chat user chose themselves: it holds whatever a platform hints.
    async fn set_locale(&self, chat_user_id: i64, locale: &str) -> Result<(), StoreError>;
    /// The language a platform now hints, for a chat user who chose none: from `from` to
    /// `to`, unless meanwhile they chose one (or another turn already followed).
    async fn follow_locale(
        &self,
        chat_user_id: i64,
        from: &str,
        to: &str,
    ) -> Result<(), StoreError>;
    async fn set_notifications(&self, chat_user_id: i64, enabled: bool) -> Result<(), StoreError>;

    async fn applicant_by_passport(
        &self,
        nationality: &Nationality,
        passport: &PassportNo,
    ) -> Result<Option<Applicant>, StoreError>;
    async fn applications_of(&self, applicant_id: i64) -> Result<Vec<Application>, StoreError>;
    async fn records_of(&self, applicant_id: i64) -> Result<ApplicantRecords, StoreError>;

    /// Counts one proof attempt before the proof is checked, atomically per subject across
    /// processes: for the chat user (refused past `user`), and for the passport when given
    /// (not counted past its limit, which the grant then reports).
    async fn take_proof_attempt(
        &self,
        chat_user_id: i64,
        user: AttemptLimit,
        passport: Option<(&str, AttemptLimit)>,
        now: DateTime<Utc>,
    ) -> Result<AttemptGrant, StoreError>;
    /// Gives back the attempts of a grant whose proof was right.
    async fn give_back_attempt(&self, ticket: &AttemptTicket) -> Result<(), StoreError>;
    /// Plans a `Notice::ProofFailed` for the people who hold this passport's records (its
    /// linked chats and their helpers) except `tried_by`: at most one per applicant, person
    /// and day (the outbox keeps one row per key); nothing when no such passport is on record.
    async fn warn_of_failed_proof(
        &self,
        nationality: &Nationality,
        passport_no: &PassportNo,
        tried_by: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// Attempts counted for a subject (`user_attempts`, `passport_attempts`) after `since`.
    async fn attempts_since(&self, subject: &str, since: DateTime<Utc>) -> Result<i64, StoreError>;
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
