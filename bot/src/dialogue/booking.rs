//! Booking (NIA function 1): service → city or shared location → office → day (next working
//! days with free places) → time → applicant details → summary → confirm; and "my
//! appointments" with reschedule and cancel. Capacity and the anti-hoarding limits are
//! enforced by the repository inside one transaction; this flow explains the outcome.

use super::calendar_file::appointment_ics;
use super::catalogue::Catalogue;
use super::engine::TurnError;
use super::state::{BookingDraft, BookingStep, State};
use super::turn::{DaySlots, Input, Turn, city_answer};
use super::{Button, Document, Reply};
use crate::domain::{Nationality, Office, PassportNo, Personal, SlotGroup};
use crate::store::{Appointment, BookingOutcome, LimitKind, NewAppointment, Slot};
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;

/// The first question the draft has no answer to.
fn next_step(draft: &BookingDraft) -> BookingStep {
    use BookingStep::*;
    if draft.service.is_none() {
        Service
    } else if draft.office.is_none() {
        if draft.city.is_none() && draft.near.is_none() {
            City
        } else {
            Office
        }
    } else if draft.day.is_none() {
        Day
    } else if draft.slot.is_none() {
        Slot
    } else if draft.full_name.is_none() {
        Name
    } else if draft.nationality.is_none() {
        Nationality
    } else if draft.passport_no.is_none() {
        Passport
    } else if draft.phone.is_none() {
        Phone
    } else {
        Confirm
    }
}

/// Starts (or resumes) a booking with what is already known.
pub(crate) async fn start(_turn: &mut Turn<'_>, draft: BookingDraft) -> Result<State, TurnError> {
    Ok(State::Booking {
        step: next_step(&draft),
        draft,
    })
}

/// Offices offering the draft's service (and in its city, if chosen).
fn offices_for<'c>(cat: &'c Catalogue, draft: &BookingDraft) -> Vec<&'c Office> {
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

/// Free places per office-local day, for the next bookable working days.
async fn free_days(
    turn: &Turn<'_>,
    office: &Office,
    group: SlotGroup,
) -> Result<Vec<(NaiveDate, i64)>, TurnError> {
    let days = turn.engine.config.booking_days;
    let until = turn.now + Duration::days(days as i64 * 7 / 5 + 21);
    // One query per span of the same UTC offset: one for offices in China.
    let mut by_day: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for (from, to, offset) in office.offset_spans(turn.now, until) {
        let per_day = turn
            .engine
            .repo
            .free_places_per_day(&office.id, group, from, to, offset)
            .await?;
        for (day, free) in per_day {
            *by_day.entry(day).or_default() += free;
        }
    }
    Ok(by_day.into_iter().take(days).collect())
}

/// Slots with a free place on one office-local day (only that day's rows are read, once
/// per turn).
async fn free_slots(
    turn: &mut Turn<'_>,
    office: &Office,
    group: SlotGroup,
    day: NaiveDate,
) -> Result<Vec<Slot>, TurnError> {
    if let Some(memo) = &turn.day_slots
        && memo.office == office.id
        && memo.group == group
        && memo.day == day
    {
        return Ok(memo.slots.clone());
    }
    let Some((start, end)) = office.day_span(day) else {
        return Ok(Vec::new());
    };
    if end <= turn.now {
        return Ok(Vec::new());
    }
    let slots: Vec<Slot> = turn
        .engine
        .repo
        .slots(&office.id, group, start.max(turn.now), end)
        .await?
        .into_iter()
        .filter(|s| s.free() > 0)
        .collect();
    turn.day_slots = Some(DaySlots {
        office: office.id.clone(),
        group,
        day,
        slots: slots.clone(),
    });
    Ok(slots)
}

fn day_buttons(turn: &Turn<'_>, days: &[(NaiveDate, i64)]) -> Vec<Button> {
    days.iter()
        .map(|(day, free)| Button {
            id: format!("day:{day}"),
            label: turn.ta(
                "booking-day-label",
                vec![("date", turn.date(*day).into()), ("free", (*free).into())],
            ),
        })
        .collect()
}

fn slot_buttons(turn: &Turn<'_>, office: &Office, slots: &[Slot]) -> Vec<Button> {
    slots
        .iter()
        .map(|s| Button {
            id: format!("slot:{}", s.id),
            label: turn.ta(
                "booking-slot-label",
                vec![
                    (
                        "time",
                        s.starts_at
                            .with_timezone(&office.time_zone)
                            .format("%H:%M")
                            .to_string()
                            .into(),
                    ),
                    ("free", i64::from(s.free()).into()),
                ],
            ),
        })
        .collect()
}

pub(crate) async fn prompt(
    turn: &mut Turn<'_>,
    step: BookingStep,
    draft: &BookingDraft,
) -> Result<(), TurnError> {
    let cat = turn.catalogue().await?;
    match step {
        BookingStep::Service => {
            let fixed = draft
                .office
                .as_ref()
                .and_then(|id| cat.office(id))
                .filter(|_| draft.office_fixed);
            let buttons = cat
                .services
                .iter()
                .filter(|s| fixed.is_none_or(|o| o.services.contains(&s.code)))
                .map(|s| Button {
                    id: format!("svc:{}", s.code),
                    label: turn.service_name(s.code.as_str()),
                })
                .collect();
            turn.ask(turn.t("booking-pick-service"), buttons, true);
        }
        BookingStep::City => {
            let any_city = BookingDraft {
                city: None,
                ..draft.clone()
            };
            turn.ask_city("booking-pick-city", offices_for(&cat, &any_city));
        }
        BookingStep::Office => {
            let mut offices = offices_for(&cat, draft);
            if let Some((lat, lon)) = draft.near {
                offices.sort_by(|a, b| a.distance_km(lat, lon).total_cmp(&b.distance_km(lat, lon)));
                offices.truncate(3);
            }
            let buttons = offices
                .iter()
                .map(|o| Button {
                    id: format!("office:{}", o.id),
                    label: match draft.near {
                        Some((lat, lon)) => turn.ta(
                            "offices-with-distance",
                            vec![
                                ("office", turn.office_name(o).into()),
                                ("km", format!("{:.1}", o.distance_km(lat, lon)).into()),
                            ],
                        ),
                        None => turn.office_name(o),
                    },
                })
                .collect();
            turn.ask(turn.t("booking-pick-office"), buttons, true);
        }
        BookingStep::Day => {
            let (Some(office), Some(service)) = (
                draft.office.as_ref().and_then(|o| cat.office(o)),
                draft.service.as_ref().and_then(|s| cat.service(s.as_str())),
            ) else {
                turn.ask(turn.t("booking-start-over"), Vec::new(), true);
                return Ok(());
            };
            let days = free_days(turn, office, service.slot_group).await?;
            if days.is_empty() {
                turn.ask(
                    turn.t("booking-no-free-days"),
                    vec![turn.button("waitlist", "booking-waitlist")],
                    true,
                );
            } else {
                let buttons = day_buttons(turn, &days);
                turn.ask(
                    turn.ta(
                        "booking-pick-day",
                        vec![("office", turn.office_name(office).into())],
                    ),
                    buttons,
                    true,
                );
            }
        }
        BookingStep::Slot => {
            let (Some(office), Some(service), Some(day)) = (
                draft.office.as_ref().and_then(|o| cat.office(o)),
                draft.service.as_ref().and_then(|s| cat.service(s.as_str())),
                draft.day,
            ) else {
                turn.ask(turn.t("booking-start-over"), Vec::new(), true);
                return Ok(());
            };
            let slots = free_slots(turn, office, service.slot_group, day).await?;
            if slots.is_empty() {
                turn.ask(turn.t("booking-day-full"), Vec::new(), true);
            } else {
                let buttons = slot_buttons(turn, office, &slots);
                turn.ask(
                    turn.ta("booking-pick-slot", vec![("date", turn.date(day).into())]),
                    buttons,
                    true,
                );
            }
        }
        BookingStep::Name => {
            // People this user has proven to be or acts for: one press fills their details.
            // Not in a group, where the names would be read by everyone.
            let mut buttons = Vec::new();
            if !turn.group {
                for (applicant, _) in super::records::subjects(turn).await? {
                    buttons.push(super::Button {
                        id: format!("for:{}", applicant.id),
                        label: turn.ta(
                            "booking-for",
                            vec![("name", applicant.full_name.expose().clone().into())],
                        ),
                    });
                }
            }
            turn.ask(turn.t("booking-ask-name"), buttons, true)
        }
        BookingStep::Nationality => turn.ask_nationality(),
        BookingStep::Passport => turn.ask(turn.t("booking-ask-passport"), Vec::new(), true),
        BookingStep::Phone => turn.ask(turn.t("booking-ask-phone"), Vec::new(), true),
        BookingStep::Confirm => {
            let summary = summary(turn, &cat, draft).await?;
            turn.ask(
                summary,
                vec![turn.button("confirm", "booking-confirm")],
                true,
            );
        }
    }
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

/// A full name as printed in a passport: letters of any script, spaces, `-`, `'`, `.`, `,`.
fn parse_name(text: &str) -> Option<String> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let ok = (2..=100).contains(&name.chars().count())
        && name.chars().any(char::is_alphabetic)
        && name
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || "-'.,".contains(c));
    ok.then_some(name)
}

/// A phone number: optional `+`, 7 to 15 digits, spaces, dashes and brackets ignored.
fn parse_phone(text: &str) -> Option<String> {
    let text = text.trim();
    let (plus, rest) = match text.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", text),
    };
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || " -()".contains(c))
    {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    (7..=15)
        .contains(&digits.len())
        .then(|| format!("{plus}{digits}"))
}

pub(crate) async fn handle(
    turn: &mut Turn<'_>,
    step: BookingStep,
    mut draft: BookingDraft,
    input: Input,
) -> Result<State, TurnError> {
    let cat = turn.catalogue().await?;
    let stay = |draft: BookingDraft| State::Booking { step, draft };
    match (step, input) {
        (BookingStep::Service, Input::Button(id)) => {
            let fixed = draft
                .office
                .as_ref()
                .and_then(|o| cat.office(o))
                .filter(|_| draft.office_fixed);
            match id
                .strip_prefix("svc:")
                .and_then(|c| cat.service(c))
                .filter(|s| fixed.is_none_or(|o| o.services.contains(&s.code)))
            {
                Some(service) => {
                    draft.service = Some(service.code.clone());
                    if !draft.office_fixed {
                        draft.office = None;
                    }
                    draft.day = None;
                    draft.slot = None;
                }
                None => {
                    turn.stale();
                    return Ok(stay(draft));
                }
            }
        }
        (BookingStep::City | BookingStep::Office, Input::Location(lat, lon)) => {
            draft.near = Some((lat, lon));
            draft.city = None;
            draft.office = None;
            return Ok(State::Booking {
                step: BookingStep::Office,
                draft,
            });
        }
        (BookingStep::City, input @ (Input::Button(_) | Input::Text(_))) => {
            match city_answer(&input, &cat.offices) {
                Some(city) => {
                    draft.city = Some(city);
                    draft.near = None;
                    draft.office = None;
                }
                None if matches!(input, Input::Text(_)) => {
                    turn.say(turn.t("offices-city-unknown"));
                    return Ok(stay(draft));
                }
                None => {
                    turn.stale();
                    return Ok(stay(draft));
                }
            }
        }
        (BookingStep::Office, Input::Button(id)) => {
            let allowed = offices_for(
                &cat,
                &BookingDraft {
                    city: None,
                    ..draft.clone()
                },
            );
            match id
                .strip_prefix("office:")
                .and_then(|i| allowed.iter().find(|o| o.id.as_str() == i))
            {
                Some(o) => {
                    draft.office = Some(o.id.clone());
                    draft.day = None;
                    draft.slot = None;
                }
                None => {
                    turn.stale();
                    return Ok(stay(draft));
                }
            }
        }
        (BookingStep::Day, Input::Button(id)) if id == "waitlist" => {
            let (Some(office), Some(service)) = (
                draft.office.as_ref().and_then(|o| cat.office(o)),
                draft.service.as_ref().and_then(|s| cat.service(s.as_str())),
            ) else {
                turn.stale();
                return Ok(stay(draft));
            };
            // The window the booking offers: today to the last bookable day, office dates.
            let today = turn.now.with_timezone(&office.time_zone).date_naive();
            let last =
                today + chrono::Duration::days(turn.engine.config.booking_days as i64 * 7 / 5 + 7);
            turn.engine
                .repo
                .join_waitlist(
                    turn.user.id,
                    &office.id,
                    &service.code,
                    today,
                    last,
                    turn.now,
                )
                .await?;
            turn.say(turn.t("booking-waitlist-added"));
            return Ok(State::Menu);
        }
        (BookingStep::Day, Input::Button(id)) => {
            let day = id
                .strip_prefix("day:")
                .and_then(|d| d.parse::<NaiveDate>().ok());
            let (Some(day), Some(office), Some(service)) = (
                day,
                draft.office.as_ref().and_then(|o| cat.office(o)),
                draft.service.as_ref().and_then(|s| cat.service(s.as_str())),
            ) else {
                turn.stale();
                return Ok(stay(draft));
            };
            if free_slots(turn, office, service.slot_group, day)
                .await?
                .is_empty()
            {
                turn.say(turn.t("booking-day-full"));
                return Ok(stay(draft));
            }
            draft.day = Some(day);
            draft.slot = None;
        }
        (BookingStep::Slot, Input::Button(id)) => {
            let (Some(office), Some(service), Some(day)) = (
                draft.office.as_ref().and_then(|o| cat.office(o)),
                draft.service.as_ref().and_then(|s| cat.service(s.as_str())),
                draft.day,
            ) else {
                turn.stale();
                return Ok(stay(draft));
            };
            let wanted = id.strip_prefix("slot:").and_then(|s| s.parse::<i64>().ok());
            let slots = free_slots(turn, office, service.slot_group, day).await?;
            match wanted {
                Some(slot) if slots.iter().any(|s| s.id == slot) => draft.slot = Some(slot),
                Some(slot)
                    if turn
                        .engine
                        .repo
                        .slot(slot)
                        .await?
                        .is_some_and(|s| s.office_id == office.id) =>
                {
                    // A real slot of this office that filled up since it was offered.
                    turn.say(turn.t("booking-slot-taken"));
                    return Ok(stay(draft));
                }
                _ => {
                    turn.stale();
                    return Ok(stay(draft));
                }
            }
        }
        (BookingStep::Name, Input::Button(id)) if id.starts_with("for:") => {
            let wanted = id["for:".len()..].parse::<i64>().ok();
            let subjects = super::records::subjects(turn).await?;
            let Some((applicant, as_helper)) = subjects
                .into_iter()
                .find(|(a, _)| Some(a.id) == wanted)
                .filter(|_| !turn.group)
            else {
                turn.stale();
                return Ok(stay(draft));
            };
            if as_helper {
                let entry = super::records::audit(
                    turn,
                    "act-for-booking",
                    Some(format!("applicant:{}", applicant.id)),
                    "prefilled",
                );
                turn.engine.repo.audit(&entry, turn.now).await?;
            }
            draft.full_name = Some(applicant.full_name);
            draft.nationality = Some(applicant.nationality);
            draft.passport_no = Some(applicant.passport_no);
        }
        (BookingStep::Name, Input::Text(text)) => match parse_name(&text) {
            Some(name) => draft.full_name = Some(Personal::new(name)),
            None => {
                turn.say(turn.t("booking-name-invalid"));
                return Ok(stay(draft));
            }
        },
        (BookingStep::Nationality, input @ (Input::Button(_) | Input::Text(_))) => {
            match turn.nationality_answer(&input) {
                Some(n) => draft.nationality = Some(n),
                None => return Ok(stay(draft)),
            }
        }
        (BookingStep::Passport, input @ Input::Text(_)) => match turn.passport_answer(&input) {
            Some(p) => draft.passport_no = Some(p),
            None => return Ok(stay(draft)),
        },
        (BookingStep::Phone, Input::Text(text)) => match parse_phone(&text) {
            Some(p) => draft.phone = Some(Personal::new(p)),
            None => {
                turn.say(turn.t("booking-phone-invalid"));
                return Ok(stay(draft));
            }
        },
        (BookingStep::Confirm, Input::Button(id)) if id == "confirm" => {
            return confirm(turn, &cat, draft).await;
        }
        (BookingStep::Name | BookingStep::Passport | BookingStep::Phone, Input::Location(..)) => {
            turn.say(turn.t("booking-type-answer"));
            return Ok(stay(draft));
        }
        (_, input) => {
            turn.unexpected(&input);
            return Ok(stay(draft));
        }
    }
    Ok(State::Booking {
        step: next_step(&draft),
        draft,
    })
}

async fn confirm(
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
        return Ok(State::Booking {
            step: next_step(&draft),
            draft,
        });
    };
    let new = NewAppointment {
        slot_id,
        service,
        chat_user_id: turn.user.id,
        full_name,
        nationality,
        passport_no,
        phone,
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
            Ok(State::Booking {
                step: BookingStep::Slot,
                draft,
            })
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
fn confirmation(turn: &mut Turn<'_>, cat: &Catalogue, appointment: &Appointment, key: &str) {
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
            turn.button("appointments", "menu-appointments"),
            turn.button("menu", "nav-menu"),
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

pub(crate) async fn prompt_appointments(
    turn: &mut Turn<'_>,
    state: &State,
) -> Result<(), TurnError> {
    let cat = turn.catalogue().await?;
    let appointments = turn
        .engine
        .repo
        .appointments_of(turn.user.id, turn.now)
        .await?;
    let find = |id: i64| appointments.iter().find(|a| a.id == id);
    match state {
        State::ConfirmCancel { appointment } => match find(*appointment) {
            Some(a) => {
                let text = turn.ta(
                    "appointments-confirm-cancel",
                    vec![("line", line(turn, &cat, a).into())],
                );
                turn.ask(
                    text,
                    vec![turn.button("yes-cancel", "appointments-yes-cancel")],
                    true,
                );
            }
            None => turn.ask(turn.t("appointments-gone"), Vec::new(), true),
        },
        State::Reschedule { appointment, day } => {
            let (Some(a), Some(office)) = (
                find(*appointment),
                find(*appointment).and_then(|a| cat.office(&a.slot.office_id)),
            ) else {
                turn.ask(turn.t("appointments-gone"), Vec::new(), true);
                return Ok(());
            };
            match day {
                None => {
                    let days = free_days(turn, office, a.slot.group).await?;
                    let text = turn.ta(
                        "appointments-reschedule-day",
                        vec![("line", line(turn, &cat, a).into())],
                    );
                    let buttons = day_buttons(turn, &days);
                    turn.ask(text, buttons, true);
                }
                Some(day) => {
                    let slots: Vec<Slot> = free_slots(turn, office, a.slot.group, *day)
                        .await?
                        .into_iter()
                        .filter(|s| s.id != a.slot.id)
                        .collect();
                    let buttons = slot_buttons(turn, office, &slots);
                    let key = if slots.is_empty() {
                        "booking-day-full"
                    } else {
                        "booking-pick-slot"
                    };
                    turn.ask(
                        turn.ta(key, vec![("date", turn.date(*day).into())]),
                        buttons,
                        true,
                    );
                }
            }
        }
        _ => {
            if appointments.is_empty() {
                turn.ask(
                    turn.t("appointments-none"),
                    vec![turn.button("book", "menu-book")],
                    true,
                );
                return Ok(());
            }
            let mut lines = vec![turn.t("appointments-list")];
            let mut buttons = Vec::new();
            for a in &appointments {
                lines.push(line(turn, &cat, a));
                buttons.push(Button {
                    id: format!("rs:{}", a.id),
                    label: turn.ta(
                        "appointments-reschedule",
                        vec![("code", a.code.clone().into())],
                    ),
                });
                buttons.push(Button {
                    id: format!("cx:{}", a.id),
                    label: turn.ta("appointments-cancel", vec![("code", a.code.clone().into())]),
                });
            }
            buttons.push(turn.button("book", "menu-book"));
            turn.ask(lines.join("\n"), buttons, true);
        }
    }
    Ok(())
}

/// `K7Q2M9XH · Visa extension · Beijing … · Thu 3 Dec 2026, 09:30`.
fn line(turn: &Turn<'_>, cat: &Catalogue, a: &Appointment) -> String {
    let office = cat.office(&a.slot.office_id);
    turn.ta(
        "appointments-line",
        vec![
            ("code", a.code.clone().into()),
            ("service", turn.service_name(a.service.as_str()).into()),
            (
                "office",
                office
                    .map(|o| turn.office_name(o))
                    .unwrap_or_default()
                    .into(),
            ),
            (
                "when",
                office
                    .map(|o| turn.date_time(a.slot.starts_at, o.time_zone))
                    .unwrap_or_default()
                    .into(),
            ),
        ],
    )
}

pub(crate) async fn handle_appointments(
    turn: &mut Turn<'_>,
    state: State,
    input: Input,
) -> Result<State, TurnError> {
    let cat = turn.catalogue().await?;
    let appointments = turn
        .engine
        .repo
        .appointments_of(turn.user.id, turn.now)
        .await?;
    let owned = |id: Option<i64>| id.filter(|id| appointments.iter().any(|a| a.id == *id));
    let parse_id =
        |id: &str, prefix: &str| id.strip_prefix(prefix).and_then(|n| n.parse::<i64>().ok());
    Ok(match (&state, input) {
        (State::MyAppointments, Input::Button(id)) if id == "book" => {
            start(turn, BookingDraft::default()).await?
        }
        (State::MyAppointments, Input::Button(id)) => {
            if let Some(a) = owned(parse_id(&id, "rs:")) {
                State::Reschedule {
                    appointment: a,
                    day: None,
                }
            } else if let Some(a) = owned(parse_id(&id, "cx:")) {
                State::ConfirmCancel { appointment: a }
            } else {
                turn.stale();
                state
            }
        }
        (State::ConfirmCancel { appointment }, Input::Button(id)) if id == "yes-cancel" => {
            let outcome = turn
                .engine
                .repo
                .cancel_appointment(*appointment, turn.user.id, turn.now)
                .await?;
            turn.day_slots = None;
            match outcome {
                BookingOutcome::Booked(a) => {
                    turn.say(turn.ta("appointments-cancelled", vec![("code", a.code.into())]))
                }
                _ => turn.say(turn.t("appointments-gone")),
            }
            State::MyAppointments
        }
        (
            State::Reschedule {
                appointment,
                day: None,
            },
            Input::Button(id),
        ) => match id
            .strip_prefix("day:")
            .and_then(|d| d.parse::<NaiveDate>().ok())
        {
            Some(day) if owned(Some(*appointment)).is_some() => State::Reschedule {
                appointment: *appointment,
                day: Some(day),
            },
            _ => {
                turn.stale();
                state
            }
        },
        (
            State::Reschedule {
                appointment,
                day: Some(_),
            },
            Input::Button(id),
        ) => match parse_id(&id, "slot:") {
            Some(slot) => {
                let outcome = turn
                    .engine
                    .repo
                    .reschedule_appointment(*appointment, turn.user.id, slot, turn.now)
                    .await?;
                turn.day_slots = None;
                match outcome {
                    BookingOutcome::Booked(a) => {
                        confirmation(turn, &cat, &a, "appointments-rescheduled");
                        State::Menu
                    }
                    BookingOutcome::SlotTaken => {
                        turn.say(turn.t("booking-slot-taken"));
                        state
                    }
                    _ => {
                        turn.say(turn.t("appointments-gone"));
                        State::MyAppointments
                    }
                }
            }
            None => {
                turn.stale();
                state
            }
        },
        (_, input) => {
            turn.unexpected(&input);
            state
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_accept_any_script_and_reject_digits() {
        assert_eq!(
            parse_name("  Anna   Maria  O'Neil-Smith "),
            Some("Anna Maria O'Neil-Smith".into())
        );
        assert_eq!(parse_name("Иван Петров"), Some("Иван Петров".into()));
        assert_eq!(parse_name("王小明"), Some("王小明".into()));
        assert_eq!(parse_name("R2D2"), None);
        assert_eq!(parse_name("A"), None);
    }

    #[test]
    fn phones_keep_digits_and_plus() {
        assert_eq!(
            parse_phone("+86 138-0013-8000"),
            Some("+8613800138000".into())
        );
        assert_eq!(parse_phone("(010) 8402 0101"), Some("01084020101".into()));
        assert_eq!(parse_phone("12345"), None);
        assert_eq!(parse_phone("call me"), None);
    }
}
