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
use std::str::FromStr;

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

/// A pressed button for one of the values the question offered: `take` keeps it; a value
/// no longer offered (`None`) is a stale button, and the question is asked again.
fn offered<T>(turn: &mut Turn<'_>, value: Option<T>, take: impl FnOnce(T)) -> Answered {
    match value {
        Some(value) => {
            take(value);
            Answered::Next
        }
        None => {
            turn.stale();
            Answered::Stay
        }
    }
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
    let service = cat
        .service(code.as_str())
        .filter(|s| fixed.is_none_or(|o| o.services.contains(&s.code)));
    offered(turn, service, |service| {
        draft.service = Some(service.code.clone());
        if !draft.office_fixed {
            draft.office = None;
        }
        draft.day = None;
        draft.slot = None;
    })
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
    offered(turn, allowed.iter().find(|o| o.id == *id), |office| {
        draft.office = Some(office.id.clone());
        draft.day = None;
        draft.slot = None;
    })
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

/// A typed answer: `keep` stores it when it parses as `T`; otherwise the user is told why
/// not (`invalid_key`) and asked again.
fn typed_answer<T: FromStr>(
    turn: &mut Turn<'_>,
    text: &str,
    invalid_key: &str,
    keep: impl FnOnce(T),
) -> Answered {
    match text.parse::<T>() {
        Ok(value) => {
            keep(value);
            Answered::Next
        }
        Err(_) => {
            turn.reprompt(invalid_key);
            Answered::Stay
        }
    }
}

pub(super) fn name(turn: &mut Turn<'_>, draft: &mut BookingDraft, text: &str) -> Answered {
    typed_answer(turn, text, "booking-name-invalid", |name: FullName| {
        draft.full_name = Some(Personal::new(name.into_string()));
    })
}

pub(super) fn phone(turn: &mut Turn<'_>, draft: &mut BookingDraft, text: &str) -> Answered {
    typed_answer(turn, text, "booking-phone-invalid", |phone: PhoneNumber| {
        draft.phone = Some(Personal::new(phone.into_string()));
    })
}
