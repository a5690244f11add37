//! Office directory (NIA function 6): by city, or the three nearest to a shared location;
//! each office with its address in the user's language and in Chinese, phone, this week's
//! hours, whether it is open now (in its own time zone, holidays included), services, a map
//! location and a "book here" button.

use super::engine::TurnError;
use super::flow::Flow;
use super::state::{BookingDraft, BookingState, OfficesState, State};
use super::turn::{Input, Turn, city_answer};
use super::{Action, Button, Location, Reply};
use crate::domain::Office;
use chrono::{Datelike, Duration};

impl Flow for OfficesState {
    async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError> {
        let catalogue = turn.catalogue().await?;
        let offices = &catalogue.offices;
        match self {
            OfficesState::Cities => turn.ask_city("offices-pick-city", offices),
            OfficesState::List { city, near } => {
                let (text, buttons) = match (near, city) {
                    (Some((lat, lon)), _) => {
                        let mut by_distance: Vec<(f64, &Office)> = offices
                            .iter()
                            .map(|o| (o.distance_km(*lat, *lon), o))
                            .collect();
                        by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
                        let buttons = by_distance
                            .iter()
                            .take(3)
                            .map(|(km, o)| {
                                let label = turn.ta(
                                    "offices-with-distance",
                                    vec![
                                        ("office", turn.office_name(o).into()),
                                        ("km", format!("{km:.1}").into()),
                                    ],
                                );
                                Button::new(Action::Office(o.id.clone()), label)
                            })
                            .collect();
                        (turn.t("offices-nearest"), buttons)
                    }
                    (None, city) => {
                        let buttons = offices
                            .iter()
                            .filter(|o| city.as_deref().is_none_or(|c| o.city_en == c))
                            .map(|o| Button::new(Action::Office(o.id.clone()), turn.office_name(o)))
                            .collect();
                        (turn.t("offices-pick-office"), buttons)
                    }
                };
                turn.ask(text, buttons, true);
            }
            OfficesState::Card { office, .. } => match offices.iter().find(|o| o.id == *office) {
                Some(o) => card(turn, o).await?,
                None => turn.ask(turn.t("offices-gone"), Vec::new(), true),
            },
        }
        Ok(())
    }

    async fn handle(self, turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
        let catalogue = turn.catalogue().await?;
        let offices = &catalogue.offices;
        let here = State::Offices(self.clone());
        Ok(match (self, input) {
            (OfficesState::Cities | OfficesState::List { .. }, Input::Location(lat, lon)) => {
                State::Offices(OfficesState::List {
                    city: None,
                    near: Some((lat, lon)),
                })
            }
            (OfficesState::Cities, input) => match city_answer(&input, offices) {
                Some(city) => State::Offices(OfficesState::List {
                    city: Some(city),
                    near: None,
                }),
                None if matches!(input, Input::Text(_)) => {
                    turn.say(turn.t("offices-city-unknown"));
                    here
                }
                None => turn.unexpected(&input, here),
            },
            (OfficesState::List { city, .. }, Input::Button(Action::Office(id))) => {
                match offices.iter().find(|o| o.id == id) {
                    Some(o) => State::Offices(OfficesState::Card {
                        office: o.id.clone(),
                        back_city: city.or(Some(o.city_en.clone())),
                    }),
                    None => {
                        turn.stale();
                        here
                    }
                }
            }
            (OfficesState::Card { office, .. }, Input::Button(Action::BookHere)) => {
                State::Booking(BookingState::start(BookingDraft {
                    office: Some(office),
                    office_fixed: true,
                    ..BookingDraft::default()
                }))
            }
            (_, input) => turn.unexpected(&input, here),
        })
    }

    fn back(&self) -> State {
        match self {
            OfficesState::Cities => State::Menu,
            OfficesState::List { .. } => State::Offices(OfficesState::Cities),
            OfficesState::Card { back_city, .. } => State::Offices(OfficesState::List {
                city: back_city.clone(),
                near: None,
            }),
        }
    }
}

async fn card(turn: &mut Turn<'_>, office: &Office) -> Result<(), TurnError> {
    let local_now = turn.now.with_timezone(&office.time_zone);
    let today = local_now.date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let calendar = turn
        .engine
        .repo
        .working_calendar(monday, monday + Duration::days(6))
        .await?;
    let mut week = Vec::new();
    for day in (0..7).map(|n| monday + Duration::days(n)) {
        let hours: Vec<String> = office
            .hours
            .on(day.weekday())
            .map(|i| format!("{}–{}", i.opens.format("%H:%M"), i.closes.format("%H:%M")))
            .collect();
        let when = if calendar.is_closed(&office.id, day) {
            turn.t("office-closed-holiday")
        } else if hours.is_empty() {
            turn.t("office-closed")
        } else {
            hours.join(", ")
        };
        week.push(format!("{}: {when}", turn.date(day)));
    }
    let open_now = calendar.is_working_day(office, today)
        && office
            .hours
            .on(today.weekday())
            .any(|i| local_now.time() >= i.opens && local_now.time() < i.closes);
    let services: Vec<String> = office
        .services
        .iter()
        .map(|s| format!("• {}", turn.service_name(s.as_str())))
        .collect();
    let mut text = vec![
        turn.office_name(office),
        turn.office_address(office),
        turn.ta("office-phone", vec![("phone", office.phone.clone().into())]),
        turn.t(if open_now {
            "office-open-now"
        } else {
            "office-closed-now"
        }),
        turn.t("office-hours-this-week"),
        week.join("\n"),
        turn.t("office-services"),
        services.join("\n"),
        turn.ta(
            "office-source",
            vec![
                ("url", office.source_url.clone().into()),
                ("date", turn.date(office.checked_on).into()),
            ],
        ),
    ];
    if !office.verified {
        text.push(turn.t("office-unverified"));
    }
    turn.replies.push(Reply {
        text: text.join("\n"),
        location: Some(Location {
            latitude: office.latitude,
            longitude: office.longitude,
            title: turn.office_name(office),
            address: office.address_zh.clone(),
        }),
        ..Reply::default()
    });
    turn.ask(
        turn.t("office-what-next"),
        vec![turn.button(Action::BookHere, "office-book-here")],
        true,
    );
    Ok(())
}
