//! A person's rights over what visadesk holds about them (`crate::data_rights`): what the
//! store keeps about one chat user beyond the records of the applicants they proved to be
//! (those are read through `IdentityStore`), and erasing that chat user.
//!
//! Office records (applicants, applications, permits, passports, e-documents, appointments)
//! belong to the office and are never erased here; an appointment loses its chat user.

use super::{Appointment, AuditEntryRow, StoreError};
use crate::domain::{Nationality, Personal};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

/// The chat user as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChatUserRecord {
    pub id: i64,
    pub locale: String,
    pub notifications_enabled: bool,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: Option<DateTime<Utc>>,
}

/// One channel the chat user talks on, with the platform's id for them there.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChannelIdentity {
    pub channel: String,
    pub external_id: String,
    pub locale: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The chat user proved to be this applicant.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ApplicantLink {
    pub applicant_id: i64,
    pub method: String,
    pub linked_at: DateTime<Utc>,
}

/// An appointment with everything stored on it (the appointment joined with its slot, plus
/// what `Appointment` leaves out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentRecord {
    pub appointment: Appointment,
    pub nationality: Nationality,
    pub phone: Personal<String>,
    pub created_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
}

/// An application the chat user asked to hear about.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct WatchRecord {
    pub application_id: i64,
    pub since: DateTime<Utc>,
}

/// A place the chat user waits for.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct WaitRecord {
    pub office_id: String,
    pub service_code: String,
    pub from_day: NaiveDate,
    pub to_day: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub notified_at: Option<DateTime<Utc>>,
}

/// A notification for the chat user, sent or waiting.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NotificationRecord {
    pub id: i64,
    pub kind: String,
    pub state: String,
    /// The notice as stored (JSON text).
    pub payload: String,
    pub due_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// What the store keeps about one chat user, apart from the office records of the
/// applicants they proved to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatUserHoldings {
    pub user: ChatUserRecord,
    pub identities: Vec<ChannelIdentity>,
    pub links: Vec<ApplicantLink>,
    /// Appointments they booked and those of the applicants they proved to be, past,
    /// cancelled and ahead, oldest first.
    pub appointments: Vec<AppointmentRecord>,
    pub watches: Vec<WatchRecord>,
    pub waits: Vec<WaitRecord>,
    pub notifications: Vec<NotificationRecord>,
    /// Lines whose actor is the chat user, or whose subject is them or an applicant they
    /// proved to be; oldest first.
    pub audit: Vec<AuditEntryRow>,
}

/// What erasing a chat user removed, table by table (rows deleted or, for audit lines,
/// made anonymous).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ErasureCounts {
    pub chat_users: u64,
    pub channel_identities: u64,
    pub applicant_links: u64,
    pub delegations: u64,
    pub application_watchers: u64,
    pub slot_waiters: u64,
    pub notifications: u64,
    pub codes_and_invitations: u64,
    pub proof_attempts: u64,
    pub appointments_detached: u64,
    pub audit_lines_anonymized: u64,
}

/// The actor (or subject) an audit line of an erased chat user is left with: the line stays,
/// naming nobody.
pub const ERASED: &str = "erased";

/// Reading and erasing what is held about one chat user.
#[async_trait]
pub trait PersonalDataStore: Send + Sync {
    /// Everything held about the chat user (see `ChatUserHoldings`); `None` if there is no
    /// such chat user.
    async fn holdings(&self, chat_user_id: i64) -> Result<Option<ChatUserHoldings>, StoreError>;
    /// Erases the chat user in one transaction: the chat user, their channel identities,
    /// applicant links, delegations they hold or that act for the applicants they proved to
    /// be, watches, places waited for, notifications (sent or not), codes and invitations,
    /// proof attempts; their audit lines keep the action but name nobody (`ERASED`);
    /// appointments stay with the office, without the chat user. Returns the channel
    /// identities they had (for their sessions) and the counts, or `None` for no such user.
    async fn erase_chat_user(
        &self,
        chat_user_id: i64,
    ) -> Result<Option<(Vec<ChannelIdentity>, ErasureCounts)>, StoreError>;
}
