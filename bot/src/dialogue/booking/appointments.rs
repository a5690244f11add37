//! "My appointments": the list with a reschedule and a cancel button per appointment, the
//! cancel confirmation, and moving one to another free time at the same office (the day and
//! time questions are the booking's own, from `availability.rs`).

use super::availability::{day_buttons, free_days, free_slots, slot_buttons};
use super::confirmation::confirmation;
use crate::dialogue::catalogue::Catalogue;
use crate::dialogue::engine::TurnError;
use crate::dialogue::flow::Flow;
use crate::dialogue::state::{AppointmentsState, State};
use crate::dialogue::turn::{Input, Turn};
use crate::dialogue::{Action, Button};
use crate::store::{Appointment, BookingOutcome, Slot};
use std::sync::Arc;

/// The catalogue and the user's upcoming appointments, which every step of this flow reads.
async fn upcoming(turn: &Turn<'_>) -> Result<(Arc<Catalogue>, Vec<Appointment>), TurnError> {
    let cat = turn.catalogue().await?;
    let appointments = match turn.known_user_id() {
        Some(user) => turn.engine.repo.appointments_of(user, turn.now).await?,
        None => Vec::new(),
    };
    Ok((cat, appointments))
}

impl Flow for AppointmentsState {
    async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError> {
        let (cat, appointments) = upcoming(turn).await?;
        let find = |id: i64| appointments.iter().find(|a| a.id == id);
        match self {
            AppointmentsState::List => list(turn, &cat, &appointments),
            AppointmentsState::ConfirmCancel { appointment } => match find(*appointment) {
                Some(a) => {
                    let text = turn.ta(
                        "appointments-confirm-cancel",
                        vec![("line", line(turn, &cat, a).into())],
                    );
                    turn.ask(
                        text,
                        vec![turn.button(Action::ConfirmCancel, "appointments-yes-cancel")],
                        true,
                    );
                }
                None => turn.ask(turn.t("appointments-gone"), Vec::new(), true),
            },
            AppointmentsState::Reschedule { appointment, day } => {
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
        }
        Ok(())
    }

    async fn handle(self, turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
        let (cat, appointments) = upcoming(turn).await?;
        let owned = |id: i64| appointments.iter().any(|a| a.id == id);
        let here = State::Appointments(self.clone());
        Ok(match (self, input) {
            (AppointmentsState::List, Input::Button(Action::Reschedule(a))) if owned(a) => {
                State::Appointments(AppointmentsState::Reschedule {
                    appointment: a,
                    day: None,
                })
            }
            (AppointmentsState::List, Input::Button(Action::CancelAppointment(a))) if owned(a) => {
                State::Appointments(AppointmentsState::ConfirmCancel { appointment: a })
            }
            (
                AppointmentsState::ConfirmCancel { appointment },
                Input::Button(Action::ConfirmCancel),
            ) => {
                let user = turn.user_id().await?;
                let outcome = turn
                    .engine
                    .repo
                    .cancel_appointment(appointment, user, turn.now)
                    .await?;
                turn.day_slots = None;
                match outcome {
                    BookingOutcome::Booked(a) => {
                        crate::metrics::booking_cancelled();
                        turn.say(turn.ta("appointments-cancelled", vec![("code", a.code.into())]))
                    }
                    _ => turn.say(turn.t("appointments-gone")),
                }
                State::Appointments(AppointmentsState::List)
            }
            (
                AppointmentsState::Reschedule {
                    appointment,
                    day: None,
                },
                Input::Button(Action::Day(day)),
            ) if owned(appointment) => State::Appointments(AppointmentsState::Reschedule {
                appointment,
                day: Some(day),
            }),
            (
                AppointmentsState::Reschedule {
                    appointment,
                    day: Some(_),
                },
                Input::Button(Action::Slot(slot)),
            ) => {
                let user = turn.user_id().await?;
                let outcome = turn
                    .engine
                    .repo
                    .reschedule_appointment(appointment, user, slot, turn.now)
                    .await?;
                turn.day_slots = None;
                match outcome {
                    BookingOutcome::Booked(a) => {
                        confirmation(turn, &cat, &a, "appointments-rescheduled");
                        State::Menu
                    }
                    BookingOutcome::SlotTaken => {
                        turn.say(turn.t("booking-slot-taken"));
                        here
                    }
                    _ => {
                        turn.say(turn.t("appointments-gone"));
                        State::Appointments(AppointmentsState::List)
                    }
                }
            }
            (_, input) => turn.unexpected(&input, here),
        })
    }

    fn back(&self) -> State {
        match self {
            AppointmentsState::List => State::Menu,
            AppointmentsState::Reschedule {
                appointment,
                day: Some(_),
            } => State::Appointments(AppointmentsState::Reschedule {
                appointment: *appointment,
                day: None,
            }),
            AppointmentsState::ConfirmCancel { .. } | AppointmentsState::Reschedule { .. } => {
                State::Appointments(AppointmentsState::List)
            }
        }
    }
}

/// The user's coming appointments, each with a reschedule and a cancel button.
fn list(turn: &mut Turn<'_>, cat: &Catalogue, appointments: &[Appointment]) {
    if appointments.is_empty() {
        turn.ask(
            turn.t("appointments-none"),
            vec![turn.button(Action::Book, "menu-book")],
            true,
        );
        return;
    }
    let mut lines = vec![turn.t("appointments-list")];
    let mut buttons = Vec::new();
    for a in appointments {
        lines.push(line(turn, cat, a));
        let code = || vec![("code", a.code.clone().into())];
        buttons.push(Button::new(
            Action::Reschedule(a.id),
            turn.ta("appointments-reschedule", code()),
        ));
        buttons.push(Button::new(
            Action::CancelAppointment(a.id),
            turn.ta("appointments-cancel", code()),
        ));
    }
    buttons.push(turn.button(Action::Book, "menu-book"));
    turn.ask(lines.join("\n"), buttons, true);
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
