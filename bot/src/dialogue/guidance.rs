//! Guidance (NIA function 7): per service, who it is for, the document checklist, fee,
//! processing time, the steps, and the source with the date it was checked; values the
//! sources did not confirm are marked as such. "Book this" starts the booking.

use super::Action;
use super::engine::TurnError;
use super::flow::Flow;
use super::state::{BookingDraft, BookingState, GuidanceState, State};
use super::turn::{Input, Turn};

impl Flow for GuidanceState {
    async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError> {
        let catalogue = turn.catalogue().await?;
        let services = &catalogue.services;
        match self {
            GuidanceState::Card { service } => {
                let Some(s) = services.iter().find(|s| s.code == *service) else {
                    turn.ask(turn.t("guidance-gone"), Vec::new(), true);
                    return Ok(());
                };
                let fee = match s.fee_fen {
                    Some(fen) => turn.ta("guidance-fee", vec![("fee", turn.money(fen).into())]),
                    None => turn.t("guidance-fee-unknown"),
                };
                let processing = match s.processing_days {
                    Some(days) => turn.ta(
                        "guidance-processing",
                        vec![("days", i64::from(days).into())],
                    ),
                    None => turn.t("guidance-processing-unknown"),
                };
                let mut lines = vec![
                    turn.service_name(s.code.as_str()),
                    turn.t(&format!("service-{}-who", s.code)),
                    turn.t("guidance-documents"),
                    turn.document_list(s),
                    fee,
                ];
                if let Some(note) = &s.fee_note_key {
                    lines.push(turn.t(note));
                }
                if !s.fee_verified {
                    lines.push(turn.t("guidance-unverified"));
                }
                lines.push(processing);
                if !s.processing_verified {
                    lines.push(turn.t("guidance-unverified"));
                }
                lines.push(turn.t("guidance-steps"));
                lines.push(turn.ta(
                    "guidance-source",
                    vec![
                        ("url", s.source_url.clone().into()),
                        ("date", turn.date(s.checked_on).into()),
                    ],
                ));
                turn.ask(
                    lines.join("\n"),
                    vec![turn.button(Action::BookThis, "guidance-book-this")],
                    true,
                );
            }
            GuidanceState::Services => turn.ask_service("guidance-pick-service", services),
        }
        Ok(())
    }

    async fn handle(self, turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
        let catalogue = turn.catalogue().await?;
        let services = &catalogue.services;
        let here = State::Guidance(self.clone());
        Ok(match (self, input) {
            (GuidanceState::Services, Input::Button(Action::Service(code))) => {
                match services.iter().find(|s| s.code == code) {
                    Some(s) => State::Guidance(GuidanceState::Card {
                        service: s.code.clone(),
                    }),
                    None => {
                        turn.stale();
                        here
                    }
                }
            }
            (GuidanceState::Card { service }, Input::Button(Action::BookThis)) => {
                State::Booking(BookingState::start(BookingDraft {
                    service: Some(service),
                    ..BookingDraft::default()
                }))
            }
            (_, input) => turn.unexpected(&input, here),
        })
    }

    fn back(&self) -> State {
        match self {
            GuidanceState::Services => State::Menu,
            GuidanceState::Card { .. } => State::Guidance(GuidanceState::Services),
        }
    }
}
