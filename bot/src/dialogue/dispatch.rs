//! From an inbound message to the next state: slash commands and deep links, a typed number
//! or label standing for a button of the last question, the words that work at every step
//! (back, cancel, menu, help, language) and the buttons of notifications, which work whatever
//! the conversation is doing. Everything else goes to the flow that owns the current state.

use super::engine::TurnError;
use super::state::{
    AppointmentsState, BookingDraft, BookingState, CodeEntry, CodeKind, GuidanceState,
    OfficesState, Session, SettingsState, State,
};
use super::turn::{Input, Turn};
use super::{Action, InboundKind, UnknownAction};

/// Global commands and words first, then the flow that owns the current state.
pub(crate) async fn dispatch(
    turn: &mut Turn<'_>,
    state: State,
    session: &Session,
    kind: &InboundKind,
) -> Result<State, TurnError> {
    let input = match kind {
        InboundKind::Command { name, argument } => {
            return command(turn, state, name, argument.as_deref()).await;
        }
        InboundKind::Button(id) => match id.parse() {
            Ok(action) => Input::Button(action),
            // Not an id of this release (an old message, a tampered payload).
            Err(_) => {
                turn.stale();
                return Ok(state);
            }
        },
        InboundKind::Location {
            latitude,
            longitude,
        } => Input::Location(*latitude, *longitude),
        InboundKind::Text(text) => match choice_for(session, text) {
            Some(Ok(action)) => Input::Button(action),
            Some(Err(_)) => {
                turn.stale();
                return Ok(state);
            }
            None => match turn.engine.keywords.global(text) {
                Some(action) => Input::Button(action),
                None => Input::Text(text.clone()),
            },
        },
    };
    let Input::Button(action) = &input else {
        return state.handle(turn, input).await;
    };
    match action {
        Action::Menu => Ok(State::Menu),
        Action::Back => Ok(state.back()),
        Action::Cancel => {
            if state != State::Menu {
                turn.say(turn.t("flow-cancelled"));
            }
            Ok(State::Menu)
        }
        Action::Help => {
            turn.say(turn.t("help-text"));
            Ok(state)
        }
        Action::Language => Ok(State::Settings(SettingsState::Language {
            resume: Box::new(state),
        })),
        // Buttons of notifications (rebook, book the renewal) are pressed whatever
        // the conversation is doing when they arrive.
        Action::Book => Ok(booking(BookingDraft::default())),
        Action::WaitBook { office, service } => {
            // "A place freed up" → book at that office for that service.
            let catalogue = turn.catalogue().await?;
            match (
                catalogue.office(office),
                catalogue.service(service.as_str()),
            ) {
                (Some(office), Some(service)) => Ok(booking(BookingDraft {
                    service: Some(service.code.clone()),
                    office: Some(office.id.clone()),
                    office_fixed: true,
                    ..BookingDraft::default()
                })),
                _ => {
                    turn.stale();
                    Ok(state)
                }
            }
        }
        Action::Renew(service) => {
            let catalogue = turn.catalogue().await?;
            match catalogue.service(service.as_str()) {
                Some(service) => Ok(booking(BookingDraft {
                    service: Some(service.code.clone()),
                    ..BookingDraft::default()
                })),
                None => {
                    turn.stale();
                    Ok(state)
                }
            }
        }
        // A reminder's reschedule and cancel buttons: "my appointments" takes them (and
        // checks the appointment is one this user may manage).
        Action::Reschedule(_) | Action::CancelAppointment(_) => {
            State::Appointments(AppointmentsState::List)
                .handle(turn, input)
                .await
        }
        _ => state.handle(turn, input).await,
    }
}

fn booking(draft: BookingDraft) -> State {
    State::Booking(BookingState::start(draft))
}

/// A typed answer to the last question: its number (`2`) or its label, ignoring case.
fn choice_for(session: &Session, text: &str) -> Option<Result<Action, UnknownAction>> {
    let text = text.trim();
    let id = if let Ok(n) = text.trim_end_matches(['.', ')']).parse::<usize>() {
        session.buttons.get(n.checked_sub(1)?)
    } else {
        session
            .buttons
            .iter()
            .find(|(_, label)| label.trim().to_lowercase() == text.to_lowercase())
    };
    id.map(|(id, _)| id.parse())
}

/// Slash commands and deep links (`/start book`, `/start office_<id>`, `/start link_<code>`,
/// `/start join_<code>`).
async fn command(
    turn: &mut Turn<'_>,
    state: State,
    name: &str,
    argument: Option<&str>,
) -> Result<State, TurnError> {
    let deep_link = argument.and_then(|a| a.split_once('_'));
    Ok(match (name, argument, deep_link) {
        ("start", Some("book"), _) | ("book", _, _) => booking(BookingDraft::default()),
        ("start", _, Some(("office", id))) => office_card(turn, id).await?,
        // A code opened from a link is entered as if typed at the code question.
        ("start", _, Some(("link", code))) => {
            let entry = State::EnterCode(CodeEntry {
                kind: CodeKind::Channel,
            });
            entry.handle(turn, Input::Text(code.to_string())).await?
        }
        ("start", _, Some(("join", code))) => {
            let entry = State::EnterCode(CodeEntry {
                kind: CodeKind::Invitation,
            });
            entry.handle(turn, Input::Text(code.to_string())).await?
        }
        ("start", _, _) => {
            turn.say(turn.t("greeting"));
            State::Menu
        }
        ("menu", _, _) => State::Menu,
        ("offices", _, _) => State::Offices(OfficesState::Cities),
        ("guidance", _, _) => State::Guidance(GuidanceState::Services),
        ("appointments", _, _) => State::Appointments(AppointmentsState::List),
        ("settings", _, _) => State::Settings(SettingsState::Main),
        ("language", _, _) => State::Settings(SettingsState::Language {
            resume: Box::new(state),
        }),
        ("cancel", _, _) => {
            if state != State::Menu {
                turn.say(turn.t("flow-cancelled"));
            }
            State::Menu
        }
        ("help", _, _) => {
            turn.say(turn.t("help-text"));
            state
        }
        _ => {
            turn.reprompt("unknown-command");
            state
        }
    })
}

/// An office card opened directly (deep link `/start office_<id>`).
async fn office_card(turn: &mut Turn<'_>, id: &str) -> Result<State, TurnError> {
    let catalogue = turn.catalogue().await?;
    Ok(
        match catalogue.offices.iter().find(|o| o.id.as_str() == id) {
            Some(o) => State::Offices(OfficesState::Card {
                office: o.id.clone(),
                back_city: Some(o.city_en.clone()),
            }),
            None => {
                turn.say(turn.t("offices-gone"));
                State::Offices(OfficesState::Cities)
            }
        },
    )
}
