//! The contract every flow keeps, and the one place where a turn is routed to the flow that
//! owns the current state. Adding a flow is a variant in `State`, a type implementing
//! [`Flow`] in its own file, and one line in `route!`.

use super::engine::TurnError;
use super::menu::MainMenu;
use super::state::State;
use super::turn::{Input, Turn};

/// One conversation flow (booking, office directory, settings …), implemented by the state
/// type it owns. A flow asks its question, handles an answer and knows where `back` leads;
/// it never calls another flow: it hands over by returning the other flow's state, which
/// the engine then asks about. Dispatch is static (`route!`), so the futures stay `Send`.
pub(crate) trait Flow {
    /// Asks the question of this state (with its buttons).
    async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError>;

    /// Handles one answer (global words are handled by the engine before) and returns where
    /// the conversation goes next; staying put re-asks the question.
    async fn handle(self, turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError>;

    /// Where `back` leads from here.
    fn back(&self) -> State;
}

/// Runs `$call` with `$flow` bound to the flow that owns `$state`.
macro_rules! route {
    ($state:expr, $flow:ident => $call:expr) => {
        match $state {
            State::Menu => {
                let $flow = MainMenu;
                $call
            }
            State::Booking($flow) => $call,
            State::Appointments($flow) => $call,
            State::Offices($flow) => $call,
            State::Guidance($flow) => $call,
            State::Settings($flow) => $call,
            State::Link($flow) => $call,
            State::Progress($flow) => $call,
            State::Permits($flow) => $call,
            State::Passport($flow) => $call,
            State::Family($flow) => $call,
            State::EnterCode($flow) => $call,
        }
    };
}

impl State {
    /// Asks the question of this state.
    pub(crate) async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError> {
        route!(self, flow => flow.prompt(turn).await)
    }

    /// Lets the flow that owns this state handle `input`.
    pub(crate) async fn handle(
        self,
        turn: &mut Turn<'_>,
        input: Input,
    ) -> Result<State, TurnError> {
        route!(self, flow => flow.handle(turn, input).await)
    }

    /// Where `back` leads from here.
    pub fn back(&self) -> State {
        route!(self, flow => flow.back())
    }
}

#[cfg(test)]
mod tests {
    use crate::dialogue::state::*;

    #[test]
    fn back_from_a_fixed_office_returns_to_the_service() {
        let draft = BookingDraft {
            office_fixed: true,
            ..BookingDraft::default()
        };
        let s = State::Booking(BookingState {
            step: BookingStep::Day,
            draft,
        });
        assert!(matches!(
            s.back(),
            State::Booking(BookingState {
                step: BookingStep::Service,
                ..
            })
        ));
        let first = State::Booking(BookingState::start(BookingDraft::default()));
        assert_eq!(first.back(), State::Menu);
    }

    #[test]
    fn back_leads_one_level_up() {
        let reschedule = |day| {
            State::Appointments(AppointmentsState::Reschedule {
                appointment: 1,
                day,
            })
        };
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 3);
        assert_eq!(reschedule(day).back(), reschedule(None));
        assert_eq!(
            reschedule(None).back(),
            State::Appointments(AppointmentsState::List)
        );
        assert_eq!(
            State::Appointments(AppointmentsState::List).back(),
            State::Menu
        );
        let resume = State::Guidance(GuidanceState::Services);
        let language = State::Settings(SettingsState::Language {
            resume: Box::new(resume.clone()),
        });
        assert_eq!(language.back(), resume);
        let dependent = State::Link(LinkState::start(RecordView::Family, LinkPurpose::Dependent));
        assert_eq!(dependent.back(), State::Family(FamilyView));
        let code = State::EnterCode(CodeEntry {
            kind: CodeKind::Channel,
        });
        assert_eq!(code.back(), State::Settings(SettingsState::Main));
    }

    #[test]
    fn every_state_reads_back_as_stored() {
        let office: crate::domain::OfficeId = "beijing-andingmen".parse().unwrap();
        let states = [
            State::Menu,
            State::Booking(BookingState::start(BookingDraft::default())),
            State::Appointments(AppointmentsState::List),
            State::Appointments(AppointmentsState::ConfirmCancel { appointment: 3 }),
            State::Offices(OfficesState::Card {
                office,
                back_city: None,
            }),
            State::Offices(OfficesState::Cities),
            State::Guidance(GuidanceState::Services),
            State::Settings(SettingsState::Language {
                resume: Box::new(State::Appointments(AppointmentsState::List)),
            }),
            State::Link(LinkState::start(RecordView::Pr, LinkPurpose::Myself)),
            State::Progress(ProgressView),
            State::Permits(PermitsView::Pr),
            State::Passport(PassportState::Overview),
            State::Passport(PassportState::ConfirmRevoke {
                document: "d".into(),
            }),
            State::Family(FamilyView),
            State::EnterCode(CodeEntry {
                kind: CodeKind::Invitation,
            }),
        ];
        for state in states {
            let text = serde_json::to_string(&state).unwrap();
            assert_eq!(
                serde_json::from_str::<State>(&text).unwrap(),
                state,
                "{text}"
            );
        }
        let booking = serde_json::to_string(&State::Booking(BookingState::start(
            BookingDraft::default(),
        )));
        assert!(
            booking
                .unwrap()
                .starts_with(r#"{"at":"booking","step":"service","draft":"#)
        );
    }

    #[test]
    fn sessions_of_another_version_are_not_read() {
        let mut s = Session::new("ru");
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(Session::from_stored(&text), Some(s.clone()));
        s.version = 0;
        assert_eq!(
            Session::from_stored(&serde_json::to_string(&s).unwrap()),
            None
        );
        // Version 1: what still reads the same is carried over, the rest is not read.
        let v1 = |state: &str| format!(r#"{{"version":1,"locale":"en","state":{state}}}"#);
        let carried = Session::from_stored(&v1(
            r#"{"at":"link","step":"passport","draft":{},"then":"pr"}"#,
        ));
        assert!(matches!(
            carried,
            Some(Session {
                version: Session::VERSION,
                state: State::Link(_),
                ..
            })
        ));
        for changed in [
            r#"{"at":"my_appointments"}"#,
            r#"{"at":"settings"}"#,
            r#"{"at":"records","view":"pr"}"#,
        ] {
            assert_eq!(Session::from_stored(&v1(changed)), None, "{changed}");
        }
        assert_eq!(Session::from_stored("{not json"), None);
        assert_eq!(
            Session::from_stored(r#"{"version":2,"locale":"en","state":{"at":"nowhere"}}"#),
            None
        );
    }
}
