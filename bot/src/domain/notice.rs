//! What the service tells a person later, as facts: a `Notice` is a domain event (a status
//! change, a closed day, a freed place, a due reminder) planned for one recipient and kept as
//! an outbox row's payload. Writing it is the store's business, rendering it in the
//! recipient's language is `notify`'s; both depend on this type, neither on the other.

use crate::domain::personal::mask_identifier;
use crate::domain::{ApplicationStatus, PermitKind, ServiceDocument};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where and when to collect documents, and what to bring, as the office gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickupDetails {
    pub place: String,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bring: Option<String>,
}

/// The office a notice is about, as the progress screen shows it: name and address in both
/// languages (the recipient's language is chosen when the notice is rendered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficePlace {
    pub name_en: String,
    pub name_zh: String,
    pub address_en: String,
    pub address_zh: String,
}

/// One thing to tell one person. Serialized as the outbox row's payload (`kind` is the
/// outbox row's `kind` column too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// An office changed an application's status.
    StatusChanged {
        /// Masked receipt number.
        receipt: String,
        service: String,
        status: ApplicationStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pickup: Option<PickupDetails>,
        /// The office's time zone (IANA name), for the pickup times.
        zone: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        office: Option<OfficePlace>,
        /// Told to a helper: the relative it concerns (first name, masked surname); `None`
        /// for the applicant's own chats.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        relative: Option<String>,
    },
    /// Documents ready for some days and not yet collected.
    PickupWaiting {
        receipt: String,
        service: String,
        days: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pickup: Option<PickupDetails>,
        zone: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        office: Option<OfficePlace>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        relative: Option<String>,
    },
    /// An appointment is coming up: the day before (`lead_hours` 24) or two hours before.
    AppointmentReminder {
        code: String,
        service: String,
        office_en: String,
        office_zh: String,
        starts_at: DateTime<Utc>,
        zone: String,
        #[serde(default)]
        address_en: String,
        #[serde(default)]
        address_zh: String,
        #[serde(default = "default_lead_hours")]
        lead_hours: i64,
        /// Office-local days from the moment the reminder was planned to the appointment's
        /// day (0 today, 1 tomorrow), so the text can say "tomorrow".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        days_ahead: Option<i64>,
        /// The appointment's id, for the reschedule and cancel buttons.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        appointment: Option<i64>,
        /// What to bring: the service's checklist, as the guidance card shows it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        documents: Vec<ServiceDocument>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        relative: Option<String>,
    },
    /// The office closed the day of an appointment; it is cancelled.
    AppointmentCancelled {
        code: String,
        service: String,
        starts_at: DateTime<Utc>,
        zone: String,
    },
    /// A visa or residence permit expires soon.
    PermitExpiring {
        permit_kind: PermitKind,
        expires_on: NaiveDate,
        days: i64,
        /// The service that renews it (the button starts its booking).
        renewal_service: String,
    },
    /// A place freed up (a cancellation, a moved appointment) at an office and for a service
    /// the user asked to wait for.
    SlotFreed {
        office: String,
        office_en: String,
        office_zh: String,
        service: String,
        /// The office-local day of the freed place.
        day: NaiveDate,
    },
    /// An office confirmed the new passport the holder declared after a passport change.
    PassportConfirmed {
        /// Masked passport number.
        passport: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        relative: Option<String>,
    },
    /// Someone failed to prove this person's identity (from another chat): if it was not
    /// them, their records stay hidden, and an office's link code still lets them in.
    ProofFailed {
        /// Masked passport number.
        passport: String,
    },
    /// A helper may now act for this person (told in the person's own chats, so a grant
    /// they did not want is seen and ended at once).
    DelegationGranted {
        /// The helper's display name when it was granted, if the platform gave one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        helper: Option<String>,
    },
    /// A helper no longer acts for this person.
    DelegationEnded {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        helper: Option<String>,
    },
    /// Told to a helper: the person they acted for ended it.
    HelpEnded {
        /// The person's masked passport number (which of their relatives it was).
        passport: String,
    },
}

impl Notice {
    /// The outbox `kind` column.
    pub fn kind(&self) -> &'static str {
        match self {
            Notice::StatusChanged { .. } => "status_changed",
            Notice::PickupWaiting { .. } => "pickup_waiting",
            Notice::AppointmentReminder { .. } => "appointment_reminder",
            Notice::AppointmentCancelled { .. } => "appointment_cancelled",
            Notice::PermitExpiring { .. } => "permit_expiring",
            Notice::SlotFreed { .. } => "slot_freed",
            Notice::PassportConfirmed { .. } => "passport_confirmed",
            Notice::ProofFailed { .. } => "proof_failed",
            Notice::DelegationGranted { .. } => "delegation_granted",
            Notice::DelegationEnded { .. } => "delegation_ended",
            Notice::HelpEnded { .. } => "help_ended",
        }
    }

    /// Urgent notices are sent during quiet hours too: a cancelled appointment or an
    /// appointment a few hours away cannot wait for the morning.
    pub fn is_urgent(&self) -> bool {
        matches!(
            self,
            Notice::AppointmentCancelled { .. } | Notice::AppointmentReminder { .. }
        )
    }

    /// Whether the notice has lost its point by `now` (the appointment has begun, the permit
    /// has expired): a notice delayed by retries or quiet hours is then dropped, not sent.
    pub fn is_stale(&self, now: DateTime<Utc>) -> bool {
        match self {
            Notice::AppointmentReminder { starts_at, .. }
            | Notice::AppointmentCancelled { starts_at, .. } => *starts_at <= now,
            Notice::PermitExpiring { expires_on, .. } => *expires_on < now.date_naive(),
            // The place may be gone again by then, but the day is what the user waits for.
            Notice::SlotFreed { day, .. } => *day < now.date_naive(),
            Notice::StatusChanged { .. }
            | Notice::PickupWaiting { .. }
            | Notice::PassportConfirmed { .. }
            | Notice::ProofFailed { .. }
            | Notice::DelegationGranted { .. }
            | Notice::DelegationEnded { .. }
            | Notice::HelpEnded { .. } => false,
        }
    }

    /// The time zone (IANA name) of the office the notice is about, if it is about one:
    /// quiet hours and the dates it shows are that office's.
    pub fn zone(&self) -> Option<&str> {
        match self {
            Notice::StatusChanged { zone, .. }
            | Notice::PickupWaiting { zone, .. }
            | Notice::AppointmentReminder { zone, .. }
            | Notice::AppointmentCancelled { zone, .. } => Some(zone.as_str()),
            Notice::PermitExpiring { .. }
            | Notice::SlotFreed { .. }
            | Notice::PassportConfirmed { .. }
            | Notice::ProofFailed { .. }
            | Notice::DelegationGranted { .. }
            | Notice::DelegationEnded { .. }
            | Notice::HelpEnded { .. } => None,
        }
    }

    pub fn to_payload(&self) -> String {
        serde_json::to_string(self).expect("a notice always serializes")
    }

    pub fn from_payload(payload: &str) -> Result<Notice, serde_json::Error> {
        serde_json::from_str(payload)
    }
}

fn default_lead_hours() -> i64 {
    24
}

/// The masked form of a receipt number kept in notices.
pub fn masked_receipt(receipt: &str) -> String {
    mask_identifier(receipt)
}

/// The dedup key of one event for one recipient: the outbox keeps one row per key, so an
/// event planned twice (a retried request, a scheduler tick run again) is told once.
pub fn dedup_key(event: &str, chat_user_id: i64) -> String {
    format!("{event}:user:{chat_user_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_round_trip_through_the_payload() {
        let n = Notice::PermitExpiring {
            permit_kind: PermitKind::Visa,
            expires_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            days: 7,
            renewal_service: "visa-extension".into(),
        };
        assert_eq!(Notice::from_payload(&n.to_payload()).unwrap(), n);
        assert_eq!(n.kind(), "permit_expiring");
        assert!(n.to_payload().contains("\"kind\":\"permit_expiring\""));
    }

    #[test]
    fn reminders_go_stale_when_their_moment_has_passed() {
        let now = Utc::now();
        let reminder = |starts_at| Notice::AppointmentReminder {
            code: "ABCD2345".into(),
            service: "visa-extension".into(),
            office_en: "Office".into(),
            office_zh: "办公室".into(),
            starts_at,
            zone: "Asia/Shanghai".into(),
            address_en: String::new(),
            address_zh: String::new(),
            lead_hours: 2,
            days_ahead: Some(0),
            appointment: Some(1),
            documents: Vec::new(),
            relative: None,
        };
        assert!(reminder(now - chrono::Duration::minutes(1)).is_stale(now));
        assert!(!reminder(now + chrono::Duration::minutes(1)).is_stale(now));
    }
}
