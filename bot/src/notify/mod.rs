//! Notification planning and rendering: what an event or a schedule tells a person, and how
//! it reads in their language.
//!
//! An event (a status change, a closed day, a due reminder) becomes one `Notice` per
//! recipient, stored as an outbox row in the same transaction as the event (see
//! `store::backoffice`; the type lives in `domain::notice`). The notice holds facts, not text: the dispatcher renders it with
//! `render` in the recipient's language when it sends, so a language change made after the
//! event still counts. Identifiers in a notice are masked, as in the dialogue.

pub mod schedule;

use crate::dialogue::{Action, Button, Reply};
use crate::domain::{ApplicationStatus, PermitKind, zone_or_china};
use crate::i18n::Localizer;
use fluent_bundle::FluentValue;

pub use crate::domain::notice::{Notice, OfficePlace, PickupDetails, dedup_key, masked_receipt};

/// The Fluent arguments saying whose documents or appointment a notice is about: `who` is
/// `own` for the applicant's chats and `relative` (with the relative's `name`) for a helper's.
fn whose(relative: &Option<String>) -> [(&'static str, FluentValue<'static>); 2] {
    match relative {
        Some(name) => [("who", "relative".into()), ("name", name.clone().into())],
        None => [("who", "own".into()), ("name", "".into())],
    }
}

/// Renders a notice in `locale` (already negotiated), as the replies a channel sends.
pub fn render(texts: &Localizer, locale: &str, notice: &Notice) -> Vec<Reply> {
    let t = |key: &str, args: &[(&str, FluentValue<'_>)]| texts.text(locale, key, args);
    let zone_of = |zone: &str| zone_or_china(Some(zone));
    let service_name = |code: &str| t(&format!("service-{code}"), &[]);
    // A helper the platform gave no display name for is "a relative".
    let helper_name = |helper: &Option<String>| {
        helper
            .clone()
            .unwrap_or_else(|| t("family-a-relative", &[]))
    };
    let office_lines = |office: &Option<OfficePlace>, lines: &mut Vec<String>| {
        if let Some(o) = office {
            lines.push(t(
                "notify-office",
                &[
                    ("office", texts.pick(locale, &o.name_en, &o.name_zh).into()),
                    (
                        "address",
                        texts.address(locale, &o.address_en, &o.address_zh).into(),
                    ),
                ],
            ));
        }
    };
    let pickup_lines = |pickup: &PickupDetails, zone: &str, lines: &mut Vec<String>| {
        let zone = zone_of(zone);
        lines.push(t(
            "notify-pickup-where",
            &[("place", pickup.place.clone().into())],
        ));
        lines.push(t(
            "notify-pickup-when",
            &[
                ("from", texts.date_time(locale, pickup.from, zone).into()),
                ("until", texts.date_time(locale, pickup.until, zone).into()),
            ],
        ));
        lines.push(match &pickup.bring {
            Some(bring) => t("notify-pickup-bring", &[("bring", bring.clone().into())]),
            None => t("notify-pickup-bring-default", &[]),
        });
    };
    match notice {
        Notice::StatusChanged {
            receipt,
            service,
            status,
            note,
            pickup,
            zone,
            office,
            relative,
        } => {
            let mut lines = Vec::new();
            let [who, name] = whose(relative);
            let args = [
                ("service", service_name(service).into()),
                ("receipt", receipt.clone().into()),
                who,
                name,
            ];
            if *status == ApplicationStatus::ReadyForPickup {
                lines.push(t("notify-ready-for-pickup", &args));
            } else {
                let status_text = t(
                    &format!("status-{}", status.as_str().replace('_', "-")),
                    &[],
                );
                let mut args = args.to_vec();
                args.push(("status", status_text.into()));
                lines.push(t("notify-status-changed", &args));
            }
            if *status == ApplicationStatus::ReadyForPickup {
                office_lines(office, &mut lines);
            }
            match pickup {
                Some(pickup) => pickup_lines(pickup, zone, &mut lines),
                None if *status == ApplicationStatus::ReadyForPickup => {
                    lines.push(t("notify-pickup-bring-default", &[]));
                }
                None => {}
            }
            if let Some(note) = note {
                lines.push(t("notify-note", &[("note", note.clone().into())]));
            }
            vec![Reply::text(lines.join("\n"))]
        }
        Notice::PickupWaiting {
            receipt,
            service,
            days,
            pickup,
            zone,
            office,
            relative,
        } => {
            let [who, name] = whose(relative);
            let mut lines = vec![t(
                "notify-pickup-waiting",
                &[
                    ("service", service_name(service).into()),
                    ("receipt", receipt.clone().into()),
                    ("days", (*days).into()),
                    who,
                    name,
                ],
            )];
            office_lines(office, &mut lines);
            match pickup {
                Some(pickup) => pickup_lines(pickup, zone, &mut lines),
                None => lines.push(t("notify-pickup-bring-default", &[])),
            }
            vec![Reply::text(lines.join("\n"))]
        }
        Notice::AppointmentReminder {
            code,
            service,
            office_en,
            office_zh,
            starts_at,
            zone,
            address_en,
            address_zh,
            lead_hours,
            days_ahead,
            appointment,
            documents,
            relative,
        } => {
            let zone = zone_of(zone);
            let [who, name] = whose(relative);
            let day = match days_ahead {
                Some(0) => "today",
                Some(1) => "tomorrow",
                _ => "later",
            };
            let (key, lead) = if *lead_hours <= 2 {
                ("notify-reminder-soon", "soon")
            } else {
                ("notify-reminder-day", day)
            };
            let mut lines = vec![t(
                key,
                &[
                    ("code", code.clone().into()),
                    ("service", service_name(service).into()),
                    ("when", texts.date_time(locale, *starts_at, zone).into()),
                    (
                        "time",
                        starts_at
                            .with_timezone(&zone)
                            .format("%H:%M")
                            .to_string()
                            .into(),
                    ),
                    ("day", lead.into()),
                    who,
                    name,
                ],
            )];
            lines.push(t(
                "notify-office",
                &[
                    ("office", texts.pick(locale, office_en, office_zh).into()),
                    (
                        "address",
                        texts.address(locale, address_en, address_zh).into(),
                    ),
                ],
            ));
            if !documents.is_empty() {
                lines.push(t("notify-reminder-bring", &[]));
                lines.push(texts.document_list(locale, documents));
            }
            let buttons = match appointment {
                Some(id) => {
                    let code = || [("code", FluentValue::from(code.clone()))];
                    vec![
                        Button::new(
                            Action::Reschedule(*id),
                            t("appointments-reschedule", &code()),
                        ),
                        Button::new(
                            Action::CancelAppointment(*id),
                            t("appointments-cancel", &code()),
                        ),
                    ]
                }
                None => Vec::new(),
            };
            vec![Reply {
                text: lines.join("\n"),
                buttons,
                ..Reply::default()
            }]
        }
        Notice::AppointmentCancelled {
            code,
            service,
            starts_at,
            zone,
        } => vec![Reply {
            text: t(
                "notify-appointment-cancelled",
                &[
                    ("code", code.clone().into()),
                    ("service", service_name(service).into()),
                    (
                        "when",
                        texts.date_time(locale, *starts_at, zone_of(zone)).into(),
                    ),
                ],
            ),
            buttons: vec![Button::new(Action::Book, t("notify-rebook", &[]))],
            ..Reply::default()
        }],
        Notice::SlotFreed {
            office,
            office_en,
            office_zh,
            service,
            day,
        } => vec![Reply {
            text: t(
                "notify-slot-freed",
                &[
                    ("service", service_name(service).into()),
                    ("office", texts.pick(locale, office_en, office_zh).into()),
                    ("date", texts.date(locale, *day).into()),
                ],
            ),
            // Stored notices carry plain strings; one that is not an office id and a service
            // code of ours could only give a stale button, so it gets none.
            buttons: match (office.parse(), service.parse()) {
                (Ok(office), Ok(service)) => vec![Button::new(
                    Action::WaitBook { office, service },
                    t("notify-book-now", &[]),
                )],
                _ => Vec::new(),
            },
            ..Reply::default()
        }],
        Notice::PassportConfirmed { passport, relative } => {
            let [who, name] = whose(relative);
            vec![Reply::text(t(
                "notify-passport-confirmed",
                &[("passport", passport.clone().into()), who, name],
            ))]
        }
        Notice::ProofFailed { passport } => vec![Reply::text(t(
            "notify-proof-failed",
            &[("passport", passport.clone().into())],
        ))],
        Notice::DelegationGranted { helper } => vec![Reply::text(t(
            "notify-delegation-granted",
            &[("helper", helper_name(helper).into())],
        ))],
        Notice::DelegationEnded { helper } => vec![Reply::text(t(
            "notify-delegation-ended",
            &[("helper", helper_name(helper).into())],
        ))],
        Notice::HelpEnded { passport } => vec![Reply::text(t(
            "notify-help-ended",
            &[("passport", passport.clone().into())],
        ))],
        Notice::PermitExpiring {
            permit_kind,
            expires_on,
            days,
            renewal_service,
        } => {
            let kind_key = match permit_kind {
                PermitKind::Visa => "permit-kind-visa",
                PermitKind::ResidencePermit => "permit-kind-residence-permit",
            };
            vec![Reply {
                text: t(
                    "notify-permit-expiring",
                    &[
                        ("kind", t(kind_key, &[]).into()),
                        ("date", texts.date(locale, *expires_on).into()),
                        ("days", (*days).into()),
                    ],
                ),
                buttons: renewal_service
                    .parse()
                    .map(|service| Button::new(Action::Renew(service), t("notify-renew", &[])))
                    .into_iter()
                    .collect(),
                ..Reply::default()
            }]
        }
    }
}
