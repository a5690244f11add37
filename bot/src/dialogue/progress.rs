//! Application progress (NIA function 2): for each person this chat user may see, every
//! application with its status, pickup details when ready, the timeline, and a button to be
//! told of changes (watch / unwatch). Each disclosure is audited.

use super::access::{record_heading, subjects};
use super::engine::TurnError;
use super::flow::Flow;
use super::state::{ProgressView, State};
use super::turn::{Input, Turn};
use super::{Action, Button};
use crate::domain::personal::mask_identifier;
use crate::domain::{ApplicationStatus, CHINA_TIME_ZONE, Office, Service};
use crate::processing::{self, Basis};
use chrono::{DateTime, Utc};

impl Flow for ProgressView {
    async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError> {
        let catalogue = turn.catalogue().await?;
        let mut lines = Vec::new();
        let mut buttons = Vec::new();
        for (applicant, as_helper) in subjects(turn).await? {
            let (heading, shown) = record_heading(turn, &applicant, as_helper);
            lines.push(heading);
            let watched = match turn.known_user_id() {
                Some(user) => turn.engine.repo.watched_applications(user).await?,
                None => Vec::new(),
            };
            let applications = turn.engine.repo.applications_of(applicant.id).await?;
            if applications.is_empty() {
                lines.push(turn.t("progress-none"));
            }
            for app in applications {
                let office = catalogue.office(&app.office);
                let receipt = mask_identifier(app.receipt_no.as_str());
                let office_name = office.map(|o| turn.office_name(o)).unwrap_or_default();
                let args = vec![
                    ("service", turn.service_name(app.service.as_str()).into()),
                    ("office", office_name.into()),
                    ("receipt", receipt.clone().into()),
                    ("status", status_text(turn, app.status).into()),
                ];
                lines.push(turn.ta("progress-application", args));
                if let Some(note) = &app.status_note {
                    lines.push(turn.ta("progress-note", vec![("note", note.clone().into())]));
                }
                if let (true, Some(o), Some(s)) = (
                    app.status.in_progress(),
                    office,
                    catalogue.service(app.service.as_str()),
                ) {
                    lines.extend(estimate(turn, o, s, app.submitted_at).await?);
                }
                if app.status == ApplicationStatus::ReadyForPickup
                    && let Some(o) = office
                {
                    let from = app
                        .pickup_from
                        .map(|t| turn.date_time(t, o.time_zone))
                        .unwrap_or_default();
                    let until = app
                        .pickup_until
                        .map(|t| turn.date_time(t, o.time_zone))
                        .unwrap_or_default();
                    lines.push(turn.ta(
                        "progress-pickup",
                        vec![
                            ("address", turn.office_address(o).into()),
                            ("from", from.into()),
                            ("until", until.into()),
                        ],
                    ));
                    if let Some(place) = &app.pickup_place {
                        lines.push(turn.ta(
                            "progress-pickup-place",
                            vec![("place", place.clone().into())],
                        ));
                    }
                    if let Some(bring) = &app.pickup_bring {
                        lines.push(turn.ta(
                            "progress-pickup-bring",
                            vec![("bring", bring.clone().into())],
                        ));
                    }
                }
                lines.push(turn.t("progress-timeline"));
                for h in &app.history {
                    let zone = office.map_or(CHINA_TIME_ZONE, |o| o.time_zone);
                    lines.push(format!(
                        "• {} — {}",
                        turn.date_time(h.at, zone),
                        status_text(turn, h.status)
                    ));
                }
                let (action, key) = if watched.contains(&app.id) {
                    (Action::Unwatch(app.id), "progress-unwatch")
                } else {
                    (Action::Watch(app.id), "progress-watch")
                };
                let label = turn.ta(key, vec![("receipt", receipt.into())]);
                buttons.push(Button::new(action, label));
            }
            let subject = Some(format!("applicant:{}", applicant.id));
            turn.audit("disclose-progress", subject, shown).await?;
        }
        turn.ask(lines.join("\n"), buttons, true);
        Ok(())
    }

    async fn handle(self, turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
        let here = State::Progress(self);
        let (application, watch) = match input {
            Input::Button(Action::Watch(a)) => (a, true),
            Input::Button(Action::Unwatch(a)) => (a, false),
            Input::Button(_) => {
                turn.stale();
                return Ok(here);
            }
            other => {
                return Ok(turn.unexpected(&other, here));
            }
        };
        // Only an application of a linked applicant can be watched.
        let mut owned = false;
        for (applicant, _) in subjects(turn).await? {
            owned |= turn
                .engine
                .repo
                .applications_of(applicant.id)
                .await?
                .iter()
                .any(|a| a.id == application);
        }
        if !owned {
            turn.stale();
            return Ok(here);
        }
        let user = turn.user_id().await?;
        turn.engine
            .repo
            .set_watch(user, application, watch, turn.now)
            .await?;
        turn.say(turn.t(if watch {
            "progress-watching"
        } else {
            "progress-not-watching"
        }));
        Ok(here)
    }

    fn back(&self) -> State {
        State::Menu
    }
}

/// "Usually ready by …" for an application in progress, saying what the date rests on
/// (`crate::processing`); once that day has passed, says so and gives the office's phone.
async fn estimate(
    turn: &Turn<'_>,
    office: &Office,
    service: &Service,
    submitted: DateTime<Utc>,
) -> Result<Vec<String>, TurnError> {
    let repo = turn.engine.repo.as_ref();
    let Some(time) = processing::processing_time(repo, office, service, turn.now).await? else {
        return Ok(Vec::new());
    };
    let ready_by = processing::ready_by(repo, office, submitted, time).await?;
    let (basis, cases) = match time.basis {
        Basis::Completed { cases } => ("completed", cases),
        Basis::Published { cases } => ("published", cases),
    };
    let args = vec![
        ("date", turn.date(ready_by).into()),
        ("days", time.working_days.into()),
        ("basis", basis.into()),
        ("cases", (cases as i64).into()),
        ("window", processing::WINDOW_DAYS.into()),
        ("percent", (processing::PERCENTILE as i64).into()),
    ];
    let today = turn.now.with_timezone(&office.time_zone).date_naive();
    Ok(if ready_by < today {
        vec![turn.ta(
            "progress-estimate-passed",
            vec![
                ("date", turn.date(ready_by).into()),
                ("phone", office.phone.clone().into()),
            ],
        )]
    } else {
        vec![turn.ta("progress-estimate", args)]
    })
}

fn status_text(turn: &Turn<'_>, status: ApplicationStatus) -> String {
    turn.t(&format!("status-{}", status.as_str().replace('_', "-")))
}
