//! Scheduled notices: which reminders a scheduler tick plans.
//!
//! Each job looks at a window ahead of (or behind) the tick and plans one notice per
//! recipient with a dedup key naming the thing and the reminder ("24 h before appointment
//! 17"), so overlapping windows, a tick run twice or a missed tick caught up later all end
//! in exactly one outbox row. The loop that fires ticks (with a database lease, so one
//! process runs a tick) lives in the gateway's `dispatch::scheduler`.

use super::{Notice, dedup_key, masked_receipt};
use crate::domain::{CHINA_TIME_ZONE, PermitKind, zone_or_china};
use crate::store::StoreError;
use crate::store::backoffice::{Addressee, BackofficeStore, PlannedNotice};
use chrono::{DateTime, Duration, SubsecRound, Utc};
use std::str::FromStr;

pub use cron::Schedule;

/// The scheduled jobs, by the name their lease is kept under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    AppointmentReminders,
    PermitExpiry,
    PickupReminders,
}

impl Job {
    pub const ALL: [Job; 3] = [
        Job::AppointmentReminders,
        Job::PermitExpiry,
        Job::PickupReminders,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Job::AppointmentReminders => "appointment-reminders",
            Job::PermitExpiry => "permit-expiry",
            Job::PickupReminders => "pickup-reminders",
        }
    }
}

/// Parses a cron expression (`sec min hour day-of-month month day-of-week [year]`, UTC).
pub fn parse_cron(expression: &str) -> Result<cron::Schedule, String> {
    cron::Schedule::from_str(expression).map_err(|e| {
        format!("'{expression}' is not a cron expression (sec min hour dom mon dow): {e}")
    })
}

/// The latest tick of `schedule` at or before `now`, if it is later than `last` (the tick
/// last completed): the tick to run now. Several missed ticks collapse into the latest one,
/// whose windows cover what the missed ones would have planned.
pub fn due_tick(
    schedule: &cron::Schedule,
    last: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let now = now.trunc_subsecs(0);
    let latest = if schedule.includes(now) {
        Some(now)
    } else {
        schedule.after(&now).next_back()
    }?;
    match last {
        Some(last) if latest <= last => None,
        _ => Some(latest),
    }
}

/// Appointment reminder leads: 24 hours and 2 hours before.
const APPOINTMENT_LEADS: [i64; 2] = [2, 24];
/// Permit expiry leads in days: 7 and 30.
const EXPIRY_LEADS: [i64; 2] = [7, 30];
/// Pickup reminders after 3 and 7 days; older than 30 days is not chased any more.
const PICKUP_AFTER: [i64; 2] = [3, 7];
const PICKUP_GIVE_UP_DAYS: i64 = 30;

/// Plans the notices of one job for the tick at `tick`; returns how many rows are new.
pub async fn run_job(
    job: Job,
    store: &dyn BackofficeStore,
    tick: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let mut planned = Vec::new();
    match job {
        Job::AppointmentReminders => {
            // The nearest lead that still lies ahead: an appointment 20 hours away gets its
            // 24-hour reminder now and its 2-hour reminder later.
            let mut from = tick;
            for hours in APPOINTMENT_LEADS {
                let to = tick + Duration::hours(hours);
                for a in store.appointments_starting(from, to).await? {
                    // The applicant's appointment reminds the applicant and the helper who
                    // booked it while their delegation lasts; one for nobody on record
                    // reminds whoever booked it.
                    let addressees = match a.applicant_id {
                        Some(applicant) => {
                            store.reminder_addressees(applicant, a.chat_user_id).await?
                        }
                        None => a
                            .chat_user_id
                            .map(|chat_user_id| Addressee {
                                chat_user_id,
                                relative: None,
                            })
                            .into_iter()
                            .collect(),
                    };
                    let zone = zone_or_china(Some(&a.time_zone));
                    let days_ahead = (a.starts_at.with_timezone(&zone).date_naive()
                        - tick.with_timezone(&zone).date_naive())
                    .num_days();
                    for to in addressees {
                        let user = to.chat_user_id;
                        planned.push(PlannedNotice {
                            dedup_key: dedup_key(&format!("appointment:{}:{hours}h", a.id), user),
                            chat_user_id: user,
                            applicant_id: a.applicant_id,
                            notice: Notice::AppointmentReminder {
                                code: a.code.clone(),
                                service: a.service_code.clone(),
                                office_en: a.office_en.clone(),
                                office_zh: a.office_zh.clone(),
                                starts_at: a.starts_at,
                                zone: a.time_zone.clone(),
                                address_en: a.address_en.clone(),
                                address_zh: a.address_zh.clone(),
                                lead_hours: hours,
                                days_ahead: Some(days_ahead),
                                appointment: Some(a.id),
                                documents: a.documents.clone(),
                                relative: to.relative,
                            },
                            due_at: tick,
                        });
                    }
                }
                from = to;
            }
        }
        Job::PermitExpiry => {
            let today = tick.with_timezone(&CHINA_TIME_ZONE).date_naive();
            let mut from = today + Duration::days(1);
            for days in EXPIRY_LEADS {
                let to = today + Duration::days(days);
                for p in store.permits_expiring_between(from, to).await? {
                    let renewal_service = match p.kind {
                        PermitKind::Visa => "visa-extension",
                        PermitKind::ResidencePermit => "residence-renewal",
                    };
                    let notice = Notice::PermitExpiring {
                        permit_kind: p.kind,
                        expires_on: p.expires_on,
                        days: (p.expires_on - today).num_days(),
                        renewal_service: renewal_service.into(),
                    };
                    for user in store.recipients_of_applicant(p.applicant_id).await? {
                        planned.push(PlannedNotice {
                            dedup_key: dedup_key(
                                &format!("permit:{}:{}:{days}d", p.id, p.expires_on),
                                user,
                            ),
                            chat_user_id: user,
                            applicant_id: Some(p.applicant_id),
                            notice: notice.clone(),
                            due_at: tick,
                        });
                    }
                }
                from = to + Duration::days(1);
            }
        }
        Job::PickupReminders => {
            let mut to = tick - Duration::days(PICKUP_AFTER[0]);
            for (i, days) in PICKUP_AFTER.iter().enumerate() {
                let from = match PICKUP_AFTER.get(i + 1) {
                    Some(next) => tick - Duration::days(*next),
                    None => tick - Duration::days(PICKUP_GIVE_UP_DAYS),
                };
                for w in store.pickups_ready_between(from, to).await? {
                    let app = &w.application.application;
                    for to in store.addressees_of_applicant(app.applicant_id).await? {
                        let user = to.chat_user_id;
                        planned.push(PlannedNotice {
                            dedup_key: dedup_key(
                                &format!("pickup:{}:{}:{days}d", app.id, w.ready_since.timestamp()),
                                user,
                            ),
                            chat_user_id: user,
                            applicant_id: Some(app.applicant_id),
                            notice: Notice::PickupWaiting {
                                receipt: masked_receipt(app.receipt_no.as_str()),
                                service: app.service.as_str().to_string(),
                                // Whole days, rounded: a tick a minute short of four days
                                // says four.
                                days: ((tick - w.ready_since).num_minutes() + 720) / 1440,
                                pickup: w.application.pickup.clone(),
                                zone: w.time_zone.clone(),
                                office: Some(w.office.clone()),
                                relative: to.relative,
                            },
                            due_at: tick,
                        });
                    }
                }
                to = from;
            }
        }
    }
    store.enqueue(&planned, tick).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn missed_ticks_collapse_into_the_latest() {
        let every_hour = parse_cron("0 0 * * * *").unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 10, 30, 0).unwrap();
        let ten = Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap();
        assert_eq!(due_tick(&every_hour, None, now), Some(ten));
        let seven = Utc.with_ymd_and_hms(2026, 11, 25, 7, 0, 0).unwrap();
        assert_eq!(due_tick(&every_hour, Some(seven), now), Some(ten));
        assert_eq!(due_tick(&every_hour, Some(ten), now), None);
        assert_eq!(due_tick(&every_hour, Some(seven), ten), Some(ten));
        assert!(parse_cron("every day").is_err());
    }
}
