//! The booking questions that need no free places: service, city, office, and the applicant's
//! details (typed, or filled from a person this chat user has proven to be or acts for).

use super::Answered;
use crate::dialogue::access::subjects;
use crate::dialogue::catalogue::Catalogue;
use crate::dialogue::engine::TurnError;
use crate::dialogue::state::BookingDraft;
use crate::dialogue::turn::{Input, Turn, city_answer};
use crate::dialogue::{Action, Button};
use crate::domain::{FullName, Office, OfficeId, Personal, PhoneNumber, ServiceCode};

/// Offices offering the draft's service (and in its city, if chosen).
pub(super) fn offices_for<'c>(cat: &'c Catalogue, draft: &BookingDraft) -> Vec<&'c Office> {
    cat.offices
        .iter()
        .filter(|o| {
            draft
                .service
                .as_ref()
                .is_none_or(|s| o.services.contains(s))
        })
        .filter(|o| draft.city.as_deref().is_none_or(|c| o.city_en == c))
        .collect()
}

/// The office chosen before the service ("book here"), which limits the services offered.
fn fixed_office<'c>(cat: &'c Catalogue, draft: &BookingDraft) -> Option<&'c Office> {
    draft
        .office
        .as_ref()
        .and_then(|id| cat.office(id))
        .filter(|_| draft.office_fixed)
}

pub(super) fn ask_service(turn: &mut Turn<'_>, cat: &Catalogue, draft: &BookingDraft) {
    let fixed = fixed_office(cat, draft);
    turn.ask_service(
        "booking-pick-service",
        cat.services
            .iter()
            .filter(|s| fixed.is_none_or(|o| o.services.contains(&s.code))),
    );
}

pub(super) fn service(
    turn: &mut Turn<'_>,
    cat: &Catalogue,
    draft: &mut BookingDraft,
    code: &ServiceCode,
) -> Answered {
    let fixed = fixed_office(cat, draft);
    match cat
        .service(code.as_str())
        .filter(|s| fixed.is_none_or(|o| o.services.contains(&s.code)))
    {
        Some(service) => {
            draft.service = Some(service.code.clone());
            if !draft.office_fixed {
                draft.office = None;
            }
            draft.day = None;
            draft.slot = None;
            Answered::Next
        }
        None => {
            turn.stale();
            Answered::Stay
        }
    }
}

pub(super) fn ask_city(turn: &mut Turn<'_>, cat: &Catalogue, draft: &BookingDraft) {
    let any_city = BookingDraft {
        city: None,
        ..draft.clone()
    };
    turn.ask_city("booking-pick-city", offices_for(cat, &any_city));
}

pub(super) fn city(
    turn: &mut Turn<'_>,
    cat: &Catalogue,
    draft: &mut BookingDraft,
    input: &Input,
) -> Answered {
    match city_answer(input, &cat.offices) {
        Some(city) => {
            draft.city = Some(city);
            draft.near = None;
            draft.office = None;
            Answered::Next
        }
        None if matches!(input, Input::Text(_)) => {
            turn.say(turn.t("offices-city-unknown"));
            Answered::Stay
        }
        None => {
            turn.stale();
            Answered::Stay
        }
    }
}

pub(super) fn ask_office(turn: &mut Turn<'_>, cat: &Catalogue, draft: &BookingDraft) {
    let mut offices = offices_for(cat, draft);
    if let Some((lat, lon)) = draft.near {
        offices.sort_by(|a, b| a.distance_km(lat, lon).total_cmp(&b.distance_km(lat, lon)));
        offices.truncate(3);
    }
    let buttons = offices
        .iter()
        .map(|o| {
            let label = match draft.near {
                Some((lat, lon)) => turn.ta(
                    "offices-with-distance",
                    vec![
                        ("office", turn.office_name(o).into()),
                        ("km", format!("{:.1}", o.distance_km(lat, lon)).into()),
                    ],
                ),
                None => turn.office_name(o),
            };
            Button::new(Action::Office(o.id.clone()), label)
        })
        .collect();
    turn.ask(turn.t("booking-pick-office"), buttons, true);
}

pub(super) fn office(
    turn: &mut Turn<'_>,
    cat: &Catalogue,
    draft: &mut BookingDraft,
    id: &OfficeId,
) -> Answered {
    let allowed = offices_for(
        cat,
        &BookingDraft {
            city: None,
            ..draft.clone()
        },
    );
    match allowed.iter().find(|o| o.id == *id) {
        Some(o) => {
            draft.office = Some(o.id.clone());
            draft.day = None;
            draft.slot = None;
            Answered::Next
        }
        None => {
            turn.stale();
            Answered::Stay
        }
    }
}

/// Asks for the applicant's name, offering the people this user has proven to be or acts
/// for: one press fills their details. Not in a group, where the names would be read by
/// everyone.
pub(super) async fn ask_name(turn: &mut Turn<'_>) -> Result<(), TurnError> {
    let mut buttons = Vec::new();
    if !turn.group {
        for (applicant, _) in subjects(turn).await? {
            let label = turn.ta(
                "booking-for",
                vec![("name", applicant.full_name.expose().clone().into())],
            );
            buttons.push(Button::new(Action::BookFor(applicant.id), label));
        }
    }
    turn.ask(turn.t("booking-ask-name"), buttons, true);
    Ok(())
}

/// Fills the applicant's details from a person this user may act for.
pub(super) async fn book_for(
    turn: &mut Turn<'_>,
    draft: &mut BookingDraft,
    wanted: i64,
) -> Result<Answered, TurnError> {
    let subjects = subjects(turn).await?;
    let Some((applicant, as_helper)) = subjects
        .into_iter()
        .find(|(a, _)| a.id == wanted)
        .filter(|_| !turn.group)
    else {
        turn.stale();
        return Ok(Answered::Stay);
    };
    if as_helper {
        let subject = Some(format!("applicant:{}", applicant.id));
        turn.audit("act-for-booking", subject, "prefilled").await?;
    }
    draft.full_name = Some(applicant.full_name);
    draft.nationality = Some(applicant.nationality);
    draft.passport_no = Some(applicant.passport_no);
    Ok(Answered::Next)
}

pub(super) fn name(turn: &mut Turn<'_>, draft: &mut BookingDraft, text: &str) -> Answered {
    match text.parse::<FullName>() {
        Ok(name) => {
            draft.full_name = Some(Personal::new(name.into_string()));
            Answered::Next
        }
        Err(_) => {
            turn.say(turn.t("booking-name-invalid"));
            Answered::Stay
        }
    }
}

pub(super) fn phone(turn: &mut Turn<'_>, draft: &mut BookingDraft, text: &str) -> Answered {
    match text.parse::<PhoneNumber>() {
        Ok(phone) => {
            draft.phone = Some(Personal::new(phone.into_string()));
            Answered::Next
        }
        Err(_) => {
            turn.say(turn.t("booking-phone-invalid"));
            Answered::Stay
        }
    }
}
