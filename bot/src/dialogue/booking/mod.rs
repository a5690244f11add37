//! Booking (NIA function 1): service → city or shared location → office → day (next working
//! days with free places) → time → applicant details → summary → confirm; and "my
//! appointments" with reschedule and cancel (`appointments.rs`). Capacity and the
//! anti-hoarding limits are enforced by the repository inside one transaction; this flow
//! explains the outcome.
//!
//! `questions.rs` asks and checks the answers that need no free places, `availability.rs`
//! reads free days and times (shared with rescheduling), `confirmation.rs` shows the summary,
//! books and hands out the confirmation (shared with rescheduling).

mod appointments;
mod availability;
mod confirmation;
mod questions;

use super::Action;
use super::engine::TurnError;
use super::flow::Flow;
use super::state::{BookingState, BookingStep, State};
use super::turn::{Input, Turn};

/// Whether this conversation may book: not in a group whose platform has no private chat
/// to continue in (a booking asks for a passport number and a phone, which the other
/// members would read).
pub(crate) fn offered_here(turn: &Turn<'_>) -> bool {
    !turn.group || turn.private_chat.is_some()
}

/// A booking started in a group: it continues in the private chat, where the platform has
/// one (a link that opens it with the booking), and is not offered otherwise; the group
/// goes back to the menu.
pub(crate) fn leave_group(turn: &mut Turn<'_>) -> State {
    match &turn.private_chat {
        Some(link) => {
            let link = format!("{link}?start=book");
            turn.say(turn.ta("booking-in-private", vec![("link", link.into())]));
        }
        None => turn.say(turn.t("booking-not-in-group")),
    }
    State::Menu
}

/// What an answer did to the draft.
enum Answered {
    /// Taken: ask the first question the draft has no answer to.
    Next,
    /// Not taken (the user was told why): ask the same question again.
    Stay,
    /// Taken, and the next question is this one.
    Ask(BookingStep),
    /// The booking is over (the user was told why): back to the main menu.
    Finished,
}

impl Flow for BookingState {
    async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError> {
        let cat = turn.catalogue().await?;
        let draft = &self.draft;
        match self.step {
            BookingStep::Service => questions::ask_service(turn, &cat, draft),
            BookingStep::City => questions::ask_city(turn, &cat, draft),
            BookingStep::Office => questions::ask_office(turn, &cat, draft),
            BookingStep::Day => availability::ask_day(turn, &cat, draft).await?,
            BookingStep::Slot => availability::ask_slot(turn, &cat, draft).await?,
            BookingStep::Name => questions::ask_name(turn).await?,
            BookingStep::Nationality => turn.ask_nationality(),
            BookingStep::Passport => turn.ask(turn.t("booking-ask-passport"), Vec::new(), true),
            BookingStep::Phone => turn.ask(turn.t("booking-ask-phone"), Vec::new(), true),
            BookingStep::Confirm => confirmation::ask_confirm(turn, &cat, draft).await?,
        }
        Ok(())
    }

    async fn handle(self, turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
        let cat = turn.catalogue().await?;
        let BookingState { step, mut draft } = self;
        let d = &mut draft;
        let answered = match (step, input) {
            (BookingStep::Service, Input::Button(Action::Service(code))) => {
                questions::service(turn, &cat, d, &code)
            }
            (BookingStep::City | BookingStep::Office, Input::Location(lat, lon)) => {
                d.near = Some((lat, lon));
                d.city = None;
                d.office = None;
                Answered::Ask(BookingStep::Office)
            }
            (BookingStep::City, input @ (Input::Button(_) | Input::Text(_))) => {
                questions::city(turn, &cat, d, &input)
            }
            (BookingStep::Office, Input::Button(Action::Office(id))) => {
                questions::office(turn, &cat, d, &id)
            }
            (BookingStep::Day, Input::Button(Action::Waitlist)) => {
                availability::join_waitlist(turn, &cat, d).await?
            }
            (BookingStep::Day, Input::Button(Action::Day(day))) => {
                availability::day(turn, &cat, d, day).await?
            }
            (BookingStep::Slot, Input::Button(Action::Slot(slot))) => {
                availability::slot(turn, &cat, d, slot).await?
            }
            (BookingStep::Name, Input::Button(Action::BookFor(applicant))) => {
                questions::book_for(turn, d, applicant).await?
            }
            (BookingStep::Name, Input::Text(text)) => questions::name(turn, d, &text),
            (BookingStep::Nationality, input @ (Input::Button(_) | Input::Text(_))) => {
                match turn.nationality_answer(&input) {
                    Some(n) => {
                        d.nationality = Some(n);
                        Answered::Next
                    }
                    None => Answered::Stay,
                }
            }
            (BookingStep::Passport, input @ Input::Text(_)) => match turn.passport_answer(&input) {
                Some(p) => {
                    d.passport_no = Some(p);
                    Answered::Next
                }
                None => Answered::Stay,
            },
            (BookingStep::Phone, Input::Text(text)) => questions::phone(turn, d, &text),
            (BookingStep::Confirm, Input::Button(Action::Confirm)) => {
                return confirmation::confirm(turn, &cat, draft).await;
            }
            (
                BookingStep::Name | BookingStep::Passport | BookingStep::Phone,
                Input::Location(..),
            ) => {
                turn.say(turn.t("booking-type-answer"));
                Answered::Stay
            }
            (_, input) => turn.unexpected(&input, Answered::Stay),
        };
        Ok(match answered {
            Answered::Next => State::Booking(BookingState::start(draft)),
            Answered::Stay => State::Booking(BookingState { step, draft }),
            Answered::Ask(step) => State::Booking(BookingState { step, draft }),
            Answered::Finished => State::Menu,
        })
    }

    fn back(&self) -> State {
        match self.draft.step_before(self.step) {
            Some(step) => State::Booking(BookingState {
                step,
                draft: self.draft.clone(),
            }),
            None => State::Menu,
        }
    }
}
