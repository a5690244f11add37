//! The main menu: every NIA function one press away, and free-text intents ("I need an
//! appointment", "办事大厅在哪", "сколько стоит").

use super::access::open_record;
use super::engine::TurnError;
use super::flow::Flow;
use super::state::{
    AppointmentsState, BookingDraft, BookingState, GuidanceState, OfficesState, RecordView,
    SettingsState, State,
};
use super::turn::{Input, Turn};
use super::{Action, Button};

/// The main menu's flow (`State::Menu` holds no data).
pub(crate) struct MainMenu;

/// Personal-record functions behind proven identity, with their labels.
const RECORDS: &[(Action, RecordView, &str)] = &[
    (Action::Progress, RecordView::Progress, "menu-progress"),
    (Action::Permits, RecordView::Permits, "menu-permits"),
    (Action::Pr, RecordView::Pr, "menu-pr"),
    (Action::Passport, RecordView::Passport, "menu-passport"),
    (Action::Family, RecordView::Family, "menu-family"),
];

/// The menu's buttons in the turn's language: the same for everyone, so a conversation that
/// was only shown the menu needs nothing stored to understand "2" next time.
pub(crate) fn buttons(turn: &Turn<'_>) -> Vec<Button> {
    let mut buttons = Vec::new();
    if super::booking::offered_here(turn) {
        buttons.push(turn.button(Action::Book, "menu-book"));
    }
    buttons.extend([
        turn.button(Action::Appointments, "menu-appointments"),
        turn.button(Action::Offices, "menu-offices"),
        turn.button(Action::Guidance, "menu-guidance"),
    ]);
    for (action, _, key) in RECORDS {
        buttons.push(turn.button(action.clone(), key));
    }
    buttons.push(turn.button(Action::Settings, "menu-settings"));
    buttons.push(turn.button(Action::Help, "menu-help"));
    buttons
}

impl Flow for MainMenu {
    async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError> {
        turn.ask(turn.t("menu-prompt"), buttons(turn), false);
        Ok(())
    }

    async fn handle(self, turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
        let choice = match input {
            Input::Button(action) => action,
            Input::Text(text) => match turn.engine.keywords.intent(&text) {
                Some(action) => action,
                None => {
                    turn.say(turn.t("menu-not-understood"));
                    return Ok(State::Menu);
                }
            },
            Input::Location(lat, lon) => {
                return Ok(State::Offices(OfficesState::List {
                    city: None,
                    near: Some((lat, lon)),
                }));
            }
        };
        Ok(match choice {
            Action::Book => State::Booking(BookingState::start(BookingDraft::default())),
            Action::Appointments => State::Appointments(AppointmentsState::List),
            Action::Offices => State::Offices(OfficesState::Cities),
            Action::Guidance => State::Guidance(GuidanceState::Services),
            Action::Settings => State::Settings(SettingsState::Main),
            other => match RECORDS.iter().find(|(a, _, _)| *a == other) {
                Some((_, view, _)) => open_record(turn, *view).await?,
                None => {
                    turn.stale();
                    State::Menu
                }
            },
        })
    }

    fn back(&self) -> State {
        State::Menu
    }
}
