//! The end of a booking: the summary to confirm, the booking itself (capacity and limits are
//! checked by the repository in one transaction), and the confirmation with the calendar
//! file, which a moved appointment gets too.

use crate::dialogue::access::subjects;
use crate::dialogue::calendar_file::appointment_ics;
use crate::dialogue::catalogue::Catalogue;
use crate::dialogue::engine::TurnError;
use crate::dialogue::state::{BookingDraft, BookingState, BookingStep, State};
use crate::dialogue::turn::Turn;
use crate::dialogue::{Action, Document, Reply};
use crate::domain::{Nationality, PassportNo};
use crate::store::{Appointment, BookingOutcome, LimitKind, NewAppointment};

/// Shows what is about to be booked, with the button that books it.
pub(super) async fn ask_confirm(
    turn: &mut Turn<'_>,
    cat: &Catalogue,
    draft: &BookingDraft,
) -> Result<(), TurnError> {
    let summary = summary(turn, cat, draft).await?;
    turn.ask(
        summary,
        vec![turn.button(Action::Confirm, "booking-confirm")],
        true,
    );
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
    mut draft: BookingDraft,
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
    // For someone this user proved to be or acts for, the appointment is that applicant's.
    let applicant_id = subjects(turn)
        .await?
        .into_iter()
        .find(|(a, _)| a.nationality == nationality && a.passport_no == passport_no)
        .map(|(a, _)| a.id);
    let new = NewAppointment {
        slot_id,
        service,
        chat_user_id: turn.user.id,
        full_name,
        nationality,
        passport_no,
        phone,
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
            confirmation(turn, cat, &appointment, "booking-confirmed");
            Ok(State::Menu)
        }
        BookingOutcome::SlotTaken | BookingOutcome::NotFound => {
            turn.say(turn.t("booking-slot-taken"));
            draft.slot = None;
            Ok(State::Booking(BookingState {
                step: BookingStep::Slot,
                draft,
            }))
        }
        BookingOutcome::LimitReached { kind, limit } => {
            let key = match kind {
                LimitKind::ChatUser => "booking-limit-user",
                LimitKind::Passport => "booking-limit-passport",
            };
            turn.say(turn.ta(key, vec![("limit", limit.into())]));
            Ok(State::Menu)
        }
    }
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
    let documents: Vec<String> = cat
        .service(appointment.service.as_str())
        .map(|s| {
            s.documents
                .iter()
                .map(|d| format!("• {}", turn.t(&format!("document-{}", d.code))))
                .collect()
        })
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
            ("documents", documents.join("\n").into()),
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
