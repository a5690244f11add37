//! The main menu: every NIA function one press away, and free-text intents ("I need an
//! appointment", "办事大厅在哪", "сколько стоит").

use super::engine::TurnError;
use super::state::RecordView;
use super::state::{BookingDraft, State};
use super::turn::{Input, Turn};
use super::{booking, records};

/// Personal-record functions behind proven identity (`records.rs`).
const RECORDS: &[(&str, RecordView)] = &[
    ("progress", RecordView::Progress),
    ("permits", RecordView::Permits),
    ("pr", RecordView::Pr),
    ("passport", RecordView::Passport),
    ("family", RecordView::Family),
];

pub(crate) fn prompt(turn: &mut Turn<'_>) {
    let mut buttons = vec![
        turn.button("book", "menu-book"),
        turn.button("appointments", "menu-appointments"),
        turn.button("offices", "menu-offices"),
        turn.button("guidance", "menu-guidance"),
    ];
    for id in RECORDS.iter().map(|(id, _)| id) {
        buttons.push(turn.button(*id, &format!("menu-{id}")));
    }
    buttons.push(turn.button("settings", "menu-settings"));
    buttons.push(turn.button("help", "menu-help"));
    turn.ask(turn.t("menu-prompt"), buttons, false);
}

pub(crate) async fn handle(turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
    let choice = match &input {
        Input::Button(id) => Some(id.clone()),
        Input::Text(text) => turn.engine.keywords.intent(text).map(str::to_string),
        Input::Location(..) => Some("offices-near".to_string()),
    };
    Ok(match choice.as_deref() {
        Some("book") => booking::start(turn, BookingDraft::default()).await?,
        Some("appointments") => State::MyAppointments,
        Some("offices") => State::OfficeCities,
        Some("offices-near") => {
            let Input::Location(lat, lon) = input else {
                unreachable!("set from a location above")
            };
            State::OfficeList {
                city: None,
                near: Some((lat, lon)),
            }
        }
        Some("guidance") => State::GuidanceServices,
        Some("settings") => State::Settings,
        Some(id) if RECORDS.iter().any(|(r, _)| *r == id) => {
            let view = RECORDS
                .iter()
                .find(|(r, _)| *r == id)
                .map(|(_, v)| *v)
                .unwrap_or(RecordView::Progress);
            records::open(turn, view).await?
        }
        Some(_) => {
            turn.stale();
            State::Menu
        }
        None => {
            turn.say(turn.t("menu-not-understood"));
            State::Menu
        }
    })
}
