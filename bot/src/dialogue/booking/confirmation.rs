//! The end of a booking: the summary to confirm, the booking itself (capacity and limits are
//! checked by the repository in one transaction), and the confirmation with the calendar
//! file, which a moved appointment gets too.

use super::availability;
use crate::dialogue::access::subjects;
use crate::dialogue::calendar_file::appointment_ics;
use crate::dialogue::catalogue::Catalogue;
use crate::dialogue::engine::TurnError;
use crate::dialogue::state::{BookingDraft, BookingState, BookingStep, State};
use crate::dialogue::turn::Turn;
use crate::dialogue::{Action, Document, Reply};
use crate::domain::{Nationality, PassportNo};
use crate::metrics::{self, RefusalReason};
use crate::store::{AddressClaim, Appointment, BookingOutcome, LimitKind, NewAppointment};

/// Shows what is about to be booked, with the button that books it.
pub(super) async fn ask_confirm(
    turn: &mut Turn<'_>,
    cat: &Catalogue,
    draft: &BookingDraft,
) -> Result<(), TurnError> {
    let summary = summary(turn, cat, draft).await?;
    let mut confirm = turn.button(Action::Confirm, "booking-confirm");
    // Nobody vouches for an anonymous booker: their browser pays for the place with work.
    confirm.proof_of_work = turn.anonymous.is_some();
    turn.ask(summary, vec![confirm], true);
    Ok(())
}

async fn summary(
    turn: &Turn<'_>,
    cat: &Catalogue,
    draft: &BookingDraft,
) -> Result<String, TurnError> {
    let office = draft.office.as_ref().and_then(|o| cat.office(o));
    let slot = match draft.slot {
        Some(id) => turn.engine.repo.slot(id).await?,
        None => None,
    };
    let when = match (&slot, office) {
        (Some(s), Some(o)) => turn.date_time(s.starts_at, o.time_zone),
        _ => String::new(),
    };
    Ok(turn.ta(
        "booking-summary",
        vec![
            (
                "service",
                draft
                    .service
                    .as_ref()
                    .map(|s| turn.service_name(s.as_str()))
                    .unwrap_or_default()
                    .into(),
            ),
            (
                "office",
                office
                    .map(|o| turn.office_name(o))
                    .unwrap_or_default()
                    .into(),
            ),
            ("when", when.into()),
            (
                "name",
                draft
                    .full_name
                    .as_ref()
                    .map(|n| n.expose().clone())
                    .unwrap_or_default()
                    .into(),
            ),
            (
                "nationality",
                draft
                    .nationality
                    .as_ref()
                    .map(|n| country_name(turn, n))
                    .unwrap_or_default()
                    .into(),
            ),
            (
                "passport",
                draft
                    .passport_no
                    .as_ref()
                    .map(PassportNo::masked)
                    .unwrap_or_default()
                    .into(),
            ),
            (
                "phone",
                draft
                    .phone
                    .as_ref()
                    .map(|p| crate::domain::personal::mask_identifier(p.expose()))
                    .unwrap_or_default()
                    .into(),
            ),
        ],
    ))
}

fn country_name(turn: &Turn<'_>, nationality: &Nationality) -> String {
    let key = format!("country-{nationality}");
    if turn.engine.texts.has(&turn.locale, &key) {
        turn.t(&key)
    } else {
        nationality.to_string()
    }
}

/// Books the draft's slot and explains the outcome.
pub(super) async fn confirm(
    turn: &mut Turn<'_>,
    cat: &Catalogue,
    draft: BookingDraft,
) -> Result<State, TurnError> {
    let (
        Some(service),
        Some(slot_id),
        Some(full_name),
        Some(nationality),
        Some(passport_no),
        Some(phone),
    ) = (
        draft.service.clone(),
        draft.slot,
        draft.full_name.clone(),
        draft.nationality.clone(),
        draft.passport_no.clone(),
        draft.phone.clone(),
    )
    else {
        return Ok(State::Booking(BookingState::start(draft)));
    };
    let from_address = match &turn.anonymous {
        None => None,
        Some(client) if !client.proof_of_work => {
            // A script that skipped the page's check; the question comes again, its button
            // asking the browser for the work.
            turn.say(turn.t("booking-proof-of-work-missing"));
            return Ok(State::Booking(BookingState {
                step: BookingStep::Confirm,
                draft,
            }));
        }
        Some(client) => match address_claim(turn, cat, slot_id, &client.address).await? {
            Some(claim) => Some(claim),
            // Never booked uncounted: a slot without an office-day is no slot to book.
            None => return slot_taken(turn, cat, draft).await,
        },
    };
    // For someone this user proved to be or acts for, the appointment is that applicant's.
    let applicant_id = subjects(turn)
        .await?
        .into_iter()
        .find(|(a, _)| a.nationality == nationality && a.passport_no == passport_no)
        .map(|(a, _)| a.id);
    let new = NewAppointment {
        slot_id,
        service,
        chat_user_id: turn.user_id().await?,
        full_name,
        nationality,
        passport_no,
        phone,
        from_address,
        applicant_id,
    };
    let outcome = turn
        .engine
        .repo
        .book(&new, turn.engine.config.limits, turn.now)
        .await?;
    // Places changed: a day's slots read before this are out of date.
    turn.day_slots = None;
    match outcome {
        BookingOutcome::Booked(appointment) => {
            metrics::booking_made();
            confirmation(turn, cat, &appointment, "booking-confirmed");
            Ok(State::Menu)
        }
        BookingOutcome::SlotTaken | BookingOutcome::NotFound => {
            metrics::booking_refused(RefusalReason::SlotTaken);
            slot_taken(turn, cat, draft).await
        }
        BookingOutcome::LimitReached { kind, limit } => {
            metrics::booking_refused(match kind {
                LimitKind::ChatUser => RefusalReason::UserLimit,
                LimitKind::Passport => RefusalReason::PassportLimit,
                LimitKind::Address => RefusalReason::AddressLimit,
            });
            let key = match kind {
                LimitKind::ChatUser => "booking-limit-user",
                LimitKind::Passport => "booking-limit-passport",
                LimitKind::Address => {
                    // The operator's signal that a web client hit the cap: a WARN line (the
                    // address as its keyed digest) and an entry in the audit log.
                    let address = turn.anonymous.as_ref().map(|c| c.address.clone());
                    tracing::warn!(
                        address = address.as_deref().unwrap_or_default(),
                        limit,
                        "web chat booking cap per address and office-day reached"
                    );
                    turn.audit(
                        "book",
                        address.map(|a| format!("address:{a}")),
                        "address_cap",
                    )
                    .await?;
                    "booking-limit-address"
                }
            };
            turn.say(turn.ta(key, vec![("limit", limit.into())]));
            Ok(State::Menu)
        }
    }
}

/// The place went to someone else (or the slot is gone): the user picks another time of the
/// same day, or another day when that was the day's last place. The details typed are kept.
async fn slot_taken(
    turn: &mut Turn<'_>,
    cat: &Catalogue,
    mut draft: BookingDraft,
) -> Result<State, TurnError> {
    draft.slot = None;
    let times_left = match (availability::office_and_service(cat, &draft), draft.day) {
        (Some((office, service)), Some(day)) => {
            !availability::free_slots(turn, office, service.slot_group, day)
                .await?
                .is_empty()
        }
        _ => false,
    };
    let step = if times_left {
        turn.say(turn.t("booking-slot-taken"));
        BookingStep::Slot
    } else {
        turn.say(turn.t("booking-day-full"));
        draft.day = None;
        BookingStep::Day
    };
    Ok(State::Booking(BookingState { step, draft }))
}

/// The office-local day of `slot_id` as an instant range, with the client `address`: what the
/// store counts an anonymous booking against. `None` for a slot that is gone.
async fn address_claim(
    turn: &Turn<'_>,
    cat: &Catalogue,
    slot_id: i64,
    address: &str,
) -> Result<Option<AddressClaim>, TurnError> {
    let Some(slot) = turn.engine.repo.slot(slot_id).await? else {
        return Ok(None);
    };
    let Some(office) = cat.office(&slot.office_id) else {
        return Ok(None);
    };
    let zone = office.time_zone;
    let day = slot.starts_at.with_timezone(&zone).date_naive();
    let start_of = |d: chrono::NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(zone).earliest())
            .map(|t| t.with_timezone(&chrono::Utc))
    };
    let (Some(day_from), Some(day_to)) = (start_of(day), day.succ_opt().and_then(start_of)) else {
        return Ok(None);
    };
    Ok(Some(AddressClaim {
        address: address.to_string(),
        day_from,
        day_to,
    }))
}

/// The confirmation: code, office address, time in the office's zone, what to bring,
/// and the calendar file.
pub(super) fn confirmation(
    turn: &mut Turn<'_>,
    cat: &Catalogue,
    appointment: &Appointment,
    key: &str,
) {
    let Some(office) = cat.office(&appointment.slot.office_id) else {
        turn.say(turn.ta(key, vec![("code", appointment.code.clone().into())]));
        return;
    };
    let service_name = turn.service_name(appointment.service.as_str());
    let documents = cat
        .service(appointment.service.as_str())
        .map(|s| turn.document_list(s))
        .unwrap_or_default();
    let when = turn.date_time(appointment.slot.starts_at, office.time_zone);
    let text = turn.ta(
        key,
        vec![
            ("code", appointment.code.clone().into()),
            ("service", service_name.clone().into()),
            ("office", turn.office_name(office).into()),
            ("address", turn.office_address(office).into()),
            ("when", when.into()),
            ("documents", documents.into()),
        ],
    );
    let summary = turn.ta(
        "calendar-summary",
        vec![
            ("service", service_name.into()),
            ("office", turn.office_name(office).into()),
        ],
    );
    let description = turn.ta(
        "calendar-description",
        vec![
            ("code", appointment.code.clone().into()),
            ("phone", office.phone.clone().into()),
        ],
    );
    let ics = appointment_ics(
        &appointment.code,
        &summary,
        &format!("{}, {}", turn.office_name(office), office.address_zh),
        &description,
        appointment.slot.starts_at,
        appointment.slot.ends_at,
        office.time_zone,
        turn.now,
    );
    turn.replies.push(Reply {
        text,
        buttons: vec![
            turn.button(Action::Appointments, "menu-appointments"),
            turn.button(Action::Menu, "nav-menu"),
        ],
        document: Some(Document {
            filename: format!("visadesk-{}.ics", appointment.code),
            content_type: "text/calendar; charset=utf-8".into(),
            bytes: ics.into_bytes(),
        }),
        ..Reply::default()
    });
    turn.prompted = true;
}
