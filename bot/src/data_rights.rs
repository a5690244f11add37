//! A person's rights over their data (China's PIPL, the GDPR): a copy of everything
//! visadesk holds about a chat user (`export_person`), and erasing it (`erase_person`).
//! The chat's settings offer both to the person, the back-office API to an operator; both
//! come here, so they hold and remove exactly the same things.
//!
//! "About a chat user" is: the chat user and their channels, the applicants they proved to
//! be with what the offices hold on them (applications and their history, permits,
//! passports, e-documents), appointments they booked or that belong to those applicants,
//! delegations they hold or that act for those applicants, watched applications, places
//! waited for, notifications, and audit lines about them or those applicants.
//!
//! Erasing removes what visadesk keeps for the chat: the chat user, channel identities,
//! links, delegations, watches, waits, notifications, codes, proof attempts, and every
//! session (with its drafts) and expiring value of their channel identities; audit lines
//! stay but name nobody. Office records (applicants, applications, permits, passports,
//! e-documents, appointments) stay: the office owns them.

use crate::domain::records::{AppointmentStatus, PrStatus};
use crate::domain::{ApplicationStatus, Entries, PermitKind};
use crate::store::personal_data::{ChatUserHoldings, ErasureCounts};
use crate::store::{Repository, SessionStore, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// Everything held about one chat user, as handed to them (a JSON file) or to an operator.
/// Personal values appear in full: this is the person's own copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonExport {
    pub generated_at: DateTime<Utc>,
    pub chat_user: ChatUserExport,
    pub channel_identities: Vec<ChannelIdentityExport>,
    pub applicants: Vec<ApplicantExport>,
    pub appointments: Vec<AppointmentExport>,
    pub delegations: Vec<DelegationExport>,
    pub watched_applications: Vec<WatchExport>,
    pub waiting_for_places: Vec<WaitExport>,
    pub notifications: Vec<NotificationExport>,
    pub audit_lines: Vec<AuditExport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChatUserExport {
    pub id: i64,
    pub locale: String,
    pub notifications_enabled: bool,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelIdentityExport {
    pub channel: String,
    pub external_id: String,
    pub locale: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicantExport {
    pub id: i64,
    /// How the chat user proved to be them (`receipt`, `link_code`, …) and when.
    pub proved_by: String,
    pub proved_at: DateTime<Utc>,
    pub full_name: String,
    pub nationality: String,
    pub passport_no: String,
    pub birth_date: Option<NaiveDate>,
    pub applications: Vec<ApplicationExport>,
    pub permits: Vec<PermitExport>,
    pub pr_permit: Option<PrPermitExport>,
    pub passports: Vec<PassportExport>,
    pub e_documents: Vec<EDocumentExport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationExport {
    pub receipt_no: String,
    pub service: String,
    pub office: String,
    pub submitted_at: DateTime<Utc>,
    pub status: ApplicationStatus,
    pub status_note: Option<String>,
    pub pickup_from: Option<DateTime<Utc>>,
    pub pickup_until: Option<DateTime<Utc>>,
    pub pickup_place: Option<String>,
    pub pickup_bring: Option<String>,
    pub history: Vec<StatusChangeExport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusChangeExport {
    pub status: ApplicationStatus,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PermitExport {
    pub kind: PermitKind,
    pub permit_type: String,
    pub number: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub entries: Entries,
    pub stay_days: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrPermitExport {
    pub number: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub status: PrStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassportExport {
    pub number: String,
    pub nationality: String,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EDocumentExport {
    pub id: String,
    pub kind: String,
    pub issued_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppointmentExport {
    pub code: String,
    pub office: String,
    pub service: String,
    pub starts_at: DateTime<Utc>,
    pub status: AppointmentStatus,
    pub full_name: String,
    pub nationality: String,
    pub passport_no: String,
    pub phone: String,
    pub booked_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DelegationExport {
    /// `helper`: the chat user acts for the applicant; `granted`: someone acts for an
    /// applicant the chat user proved to be.
    pub role: &'static str,
    pub applicant_id: i64,
    pub helper_label: Option<String>,
    pub method: String,
    pub granted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchExport {
    pub application_id: i64,
    pub since: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaitExport {
    pub office: String,
    pub service: String,
    pub from_day: NaiveDate,
    pub to_day: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub notified_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotificationExport {
    pub kind: String,
    pub state: String,
    /// The notice as stored (what it said is rendered from it at send time).
    pub notice: serde_json::Value,
    pub due_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditExport {
    pub at: DateTime<Utc>,
    pub actor_kind: String,
    pub actor: String,
    pub channel: Option<String>,
    pub action: String,
    pub subject: Option<String>,
    pub outcome: String,
}

impl PersonExport {
    /// The export as the JSON file handed out (pretty, so a person can read it).
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("an export always serializes")
    }
}

/// Everything held about chat user `chat_user_id` at `now`; `None` if there is no such
/// chat user.
pub async fn export_person(
    repo: &dyn Repository,
    chat_user_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<PersonExport>, StoreError> {
    let Some(held) = repo.holdings(chat_user_id).await? else {
        return Ok(None);
    };
    let ChatUserHoldings {
        user,
        identities,
        links,
        appointments,
        watches,
        waits,
        notifications,
        audit,
    } = held;
    // The applicants they proved to be (not those they act for: those are someone else's).
    let proved = repo.linked_applicants(chat_user_id).await?;
    let mut applicants = Vec::with_capacity(links.len());
    for link in &links {
        let Some(applicant) = proved.iter().find(|a| a.id == link.applicant_id) else {
            continue;
        };
        applicants.push(applicant_export(repo, applicant, link).await?);
    }
    let mut delegations: Vec<DelegationExport> = Vec::new();
    for (role, held) in [
        ("helper", repo.delegations_held(chat_user_id).await?),
        ("granted", repo.delegations_granted(chat_user_id).await?),
    ] {
        delegations.extend(held.into_iter().map(|d| DelegationExport {
            role,
            applicant_id: d.applicant.id,
            helper_label: d.helper_label,
            method: d.method,
            granted_at: d.granted_at,
        }));
    }
    Ok(Some(PersonExport {
        generated_at: now,
        chat_user: ChatUserExport {
            id: user.id,
            locale: user.locale,
            notifications_enabled: user.notifications_enabled,
            created_at: user.created_at,
            last_seen_at: user.last_seen_at,
        },
        channel_identities: identities
            .into_iter()
            .map(|i| ChannelIdentityExport {
                channel: i.channel,
                external_id: i.external_id,
                locale: i.locale,
                created_at: i.created_at,
            })
            .collect(),
        applicants,
        appointments: appointments
            .into_iter()
            .map(|r| AppointmentExport {
                code: r.appointment.code,
                office: r.appointment.slot.office_id.to_string(),
                service: r.appointment.service.to_string(),
                starts_at: r.appointment.slot.starts_at,
                status: r.appointment.status,
                full_name: r.appointment.full_name.into_inner(),
                nationality: r.nationality.to_string(),
                passport_no: r.appointment.passport_no.expose().to_string(),
                phone: r.phone.into_inner(),
                booked_at: r.created_at,
                cancelled_at: r.cancelled_at,
            })
            .collect(),
        delegations,
        watched_applications: watches
            .into_iter()
            .map(|w| WatchExport {
                application_id: w.application_id,
                since: w.since,
            })
            .collect(),
        waiting_for_places: waits
            .into_iter()
            .map(|w| WaitExport {
                office: w.office_id,
                service: w.service_code,
                from_day: w.from_day,
                to_day: w.to_day,
                created_at: w.created_at,
                notified_at: w.notified_at,
            })
            .collect(),
        notifications: notifications
            .into_iter()
            .map(|n| NotificationExport {
                notice: serde_json::from_str(&n.payload)
                    .unwrap_or(serde_json::Value::String(n.payload)),
                kind: n.kind,
                state: n.state,
                due_at: n.due_at,
                created_at: n.created_at,
                delivered_at: n.delivered_at,
            })
            .collect(),
        audit_lines: audit
            .into_iter()
            .map(|a| AuditExport {
                at: a.at,
                actor_kind: a.actor_kind,
                actor: a.actor,
                channel: a.channel,
                action: a.action,
                subject: a.subject,
                outcome: a.outcome,
            })
            .collect(),
    }))
}

/// One proved applicant with what the offices hold on them.
async fn applicant_export(
    repo: &dyn Repository,
    applicant: &crate::store::Applicant,
    link: &crate::store::personal_data::ApplicantLink,
) -> Result<ApplicantExport, StoreError> {
    let applications = repo.applications_of(applicant.id).await?;
    let records = repo.records_of(applicant.id).await?;
    let documents = repo.active_e_documents(applicant.id).await?;
    Ok(ApplicantExport {
        id: applicant.id,
        proved_by: link.method.clone(),
        proved_at: link.linked_at,
        full_name: applicant.full_name.expose().clone(),
        nationality: applicant.nationality.to_string(),
        passport_no: applicant.passport_no.expose().to_string(),
        birth_date: *applicant.birth_date.expose(),
        applications: applications
            .into_iter()
            .map(|a| ApplicationExport {
                receipt_no: a.receipt_no.as_str().to_string(),
                service: a.service.to_string(),
                office: a.office.to_string(),
                submitted_at: a.submitted_at,
                status: a.status,
                status_note: a.status_note,
                pickup_from: a.pickup_from,
                pickup_until: a.pickup_until,
                pickup_place: a.pickup_place,
                pickup_bring: a.pickup_bring,
                history: a
                    .history
                    .into_iter()
                    .map(|h| StatusChangeExport {
                        status: h.status,
                        at: h.at,
                        note: h.note,
                    })
                    .collect(),
            })
            .collect(),
        permits: records
            .permits
            .into_iter()
            .map(|p| PermitExport {
                kind: p.kind,
                permit_type: p.permit_type,
                number: p.number.into_inner(),
                issued_on: p.issued_on,
                expires_on: p.expires_on,
                entries: p.entries,
                stay_days: p.stay_days,
            })
            .collect(),
        pr_permit: records.pr_permit.map(|p| PrPermitExport {
            number: p.number.into_inner(),
            issued_on: p.issued_on,
            expires_on: p.expires_on,
            status: p.status,
        }),
        passports: records
            .passports
            .into_iter()
            .map(|p| PassportExport {
                number: p.number.expose().to_string(),
                nationality: p.nationality.to_string(),
                issued_on: p.issued_on,
                expires_on: p.expires_on,
            })
            .collect(),
        e_documents: documents
            .into_iter()
            .map(|d| EDocumentExport {
                id: d.id,
                kind: d.kind,
                issued_at: d.issued_at,
            })
            .collect(),
    })
}

/// What erasing a person removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Erasure {
    #[serde(flatten)]
    pub rows: ErasureCounts,
    /// Sessions (with their drafts) and expiring values of their channel identities.
    pub session_keys: u64,
}

/// Erases chat user `chat_user_id` (see the module doc); `None` if there is no such chat
/// user. The database part is one transaction; the sessions go after it, so a failure
/// there leaves only values that expire by themselves (within the session idle time), and
/// is reported as `EraseError::Sessions`.
pub async fn erase_person(
    repo: &dyn Repository,
    sessions: &dyn SessionStore,
    chat_user_id: i64,
) -> Result<Option<Erasure>, EraseError> {
    let Some((identities, rows)) = repo.erase_chat_user(chat_user_id).await? else {
        return Ok(None);
    };
    let mut session_keys = 0;
    for identity in &identities {
        session_keys += sessions
            .forget_sender(&identity.channel, &identity.external_id)
            .await?;
    }
    Ok(Some(Erasure { rows, session_keys }))
}

/// Why an erasure failed.
#[derive(Debug, thiserror::Error)]
pub enum EraseError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The database part is done; sessions were left to expire.
    #[error(transparent)]
    Sessions(#[from] crate::store::SessionError),
}
