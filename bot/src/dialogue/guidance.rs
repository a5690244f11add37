//! Guidance (NIA function 7): per service, who it is for, the document checklist, fee,
//! processing time, the steps, and the source with the date it was checked; values the
//! sources did not confirm are marked as such. "Book this" starts the booking.

use super::engine::TurnError;
use super::state::{BookingDraft, State};
use super::turn::{Input, Turn};
use super::{Button, booking};

pub(crate) async fn prompt(turn: &mut Turn<'_>, state: &State) -> Result<(), TurnError> {
    let catalogue = turn.catalogue().await?;
    let services = &catalogue.services;
    match state {
        State::GuidanceCard { service } => {
            let Some(s) = services.iter().find(|s| s.code == *service) else {
                turn.ask(turn.t("guidance-gone"), Vec::new(), true);
                return Ok(());
            };
            let documents: Vec<String> = s
                .documents
                .iter()
                .map(|d| {
                    let name = turn.t(&format!("document-{}", d.code));
                    if d.required {
                        format!("• {name}")
                    } else {
                        format!("• {name} {}", turn.t("guidance-if-applicable"))
                    }
                })
                .collect();
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
                documents.join("\n"),
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
                vec![turn.button("book-this", "guidance-book-this")],
                true,
            );
        }
        _ => {
            let buttons = services
                .iter()
                .map(|s| Button {
                    id: format!("svc:{}", s.code),
                    label: turn.service_name(s.code.as_str()),
                })
                .collect();
            turn.ask(turn.t("guidance-pick-service"), buttons, true);
        }
    }
    Ok(())
}

pub(crate) async fn handle(
    turn: &mut Turn<'_>,
    state: State,
    input: Input,
) -> Result<State, TurnError> {
    let catalogue = turn.catalogue().await?;
    let services = &catalogue.services;
    Ok(match (&state, input) {
        (State::GuidanceServices, Input::Button(id)) => match id
            .strip_prefix("svc:")
            .and_then(|c| services.iter().find(|s| s.code.as_str() == c))
        {
            Some(s) => State::GuidanceCard {
                service: s.code.clone(),
            },
            None => {
                turn.stale();
                state
            }
        },
        (State::GuidanceCard { service }, Input::Button(id)) if id == "book-this" => {
            let draft = BookingDraft {
                service: Some(service.clone()),
                ..BookingDraft::default()
            };
            booking::start(turn, draft).await?
        }
        (_, input) => {
            turn.unexpected(&input);
            state
        }
    })
}
