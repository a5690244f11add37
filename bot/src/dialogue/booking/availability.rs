//! Free days and times of an office for a slot group, as offered when booking and when
//! moving an appointment; the waiting list when no day has a free place.

use super::Answered;
use crate::dialogue::catalogue::Catalogue;
use crate::dialogue::engine::TurnError;
use crate::dialogue::state::BookingDraft;
use crate::dialogue::turn::{DaySlots, Turn};
use crate::dialogue::{Action, Button};
use crate::domain::{Office, Service, SlotGroup};
use crate::store::Slot;
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;

/// Free places per office-local day, for the next bookable working days.
pub(super) async fn free_days(
    turn: &Turn<'_>,
    office: &Office,
    group: SlotGroup,
) -> Result<Vec<(NaiveDate, i64)>, TurnError> {
    let days = turn.engine.config.booking_days;
    let until = turn.now + Duration::days(days as i64 * 7 / 5 + 21);
    // One query per span of the same UTC offset: one for offices in China.
    let mut by_day: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for (from, to, offset) in office.offset_spans(turn.now, until) {
        let per_day = turn
            .engine
            .repo
            .free_places_per_day(&office.id, group, from, to, offset)
            .await?;
        for (day, free) in per_day {
            *by_day.entry(day).or_default() += free;
        }
    }
    Ok(by_day.into_iter().take(days).collect())
}

/// Slots with a free place on one office-local day (only that day's rows are read, once
/// per turn).
pub(super) async fn free_slots(
    turn: &mut Turn<'_>,
    office: &Office,
    group: SlotGroup,
    day: NaiveDate,
) -> Result<Vec<Slot>, TurnError> {
    if let Some(memo) = &turn.day_slots
        && memo.office == office.id
        && memo.group == group
        && memo.day == day
    {
        return Ok(memo.slots.clone());
    }
    let Some((start, end)) = office.day_span(day) else {
        return Ok(Vec::new());
    };
    if end <= turn.now {
        return Ok(Vec::new());
    }
    let slots: Vec<Slot> = turn
        .engine
        .repo
        .slots(&office.id, group, start.max(turn.now), end)
        .await?
        .into_iter()
        .filter(|s| s.free() > 0)
        .collect();
    turn.day_slots = Some(DaySlots {
        office: office.id.clone(),
        group,
        day,
        slots: slots.clone(),
    });
    Ok(slots)
}

pub(super) fn day_buttons(turn: &Turn<'_>, days: &[(NaiveDate, i64)]) -> Vec<Button> {
    days.iter()
        .map(|(day, free)| {
            let label = turn.ta(
                "booking-day-label",
                vec![("date", turn.date(*day).into()), ("free", (*free).into())],
            );
            Button::new(Action::Day(*day), label)
        })
        .collect()
}

pub(super) fn slot_buttons(turn: &Turn<'_>, office: &Office, slots: &[Slot]) -> Vec<Button> {
    slots
        .iter()
        .map(|s| {
            let time = s
                .starts_at
                .with_timezone(&office.time_zone)
                .format("%H:%M")
                .to_string();
            let label = turn.ta(
                "booking-slot-label",
                vec![("time", time.into()), ("free", i64::from(s.free()).into())],
            );
            Button::new(Action::Slot(s.id), label)
        })
        .collect()
}

/// The draft's office and service, if both are still in the catalogue.
pub(super) fn office_and_service<'c>(
    cat: &'c Catalogue,
    draft: &BookingDraft,
) -> Option<(&'c Office, &'c Service)> {
    Some((
        cat.office(draft.office.as_ref()?)?,
        cat.service(draft.service.as_ref()?.as_str())?,
    ))
}

pub(super) async fn ask_day(
    turn: &mut Turn<'_>,
    cat: &Catalogue,
    draft: &BookingDraft,
) -> Result<(), TurnError> {
    let Some((office, service)) = office_and_service(cat, draft) else {
        turn.ask(turn.t("booking-start-over"), Vec::new(), true);
        return Ok(());
    };
    let days = free_days(turn, office, service.slot_group).await?;
    if days.is_empty() {
        turn.ask(
            turn.t("booking-no-free-days"),
            vec![turn.button(Action::Waitlist, "booking-waitlist")],
            true,
        );
    } else {
        let buttons = day_buttons(turn, &days);
        let text = turn.ta(
            "booking-pick-day",
            vec![("office", turn.office_name(office).into())],
        );
        turn.ask(text, buttons, true);
    }
    Ok(())
}

pub(super) async fn day(
    turn: &mut Turn<'_>,
    cat: &Catalogue,
    draft: &mut BookingDraft,
    day: NaiveDate,
) -> Result<Answered, TurnError> {
    let Some((office, service)) = office_and_service(cat, draft) else {
        turn.stale();
        return Ok(Answered::Stay);
    };
    if free_slots(turn, office, service.slot_group, day)
        .await?
        .is_empty()
    {
        turn.say(turn.t("booking-day-full"));
        return Ok(Answered::Stay);
    }
    draft.day = Some(day);
    draft.slot = None;
    Ok(Answered::Next)
}

/// No free day: wait for a place at this office for this service.
pub(super) async fn join_waitlist(
    turn: &mut Turn<'_>,
    cat: &Catalogue,
    draft: &BookingDraft,
) -> Result<Answered, TurnError> {
    let Some((office, service)) = office_and_service(cat, draft) else {
        turn.stale();
        return Ok(Answered::Stay);
    };
    // The window the booking offers: today to the last bookable day, office dates.
    let today = turn.now.with_timezone(&office.time_zone).date_naive();
    let last = today + Duration::days(turn.engine.config.booking_days as i64 * 7 / 5 + 7);
    let user = turn.user_id().await?;
    turn.engine
        .repo
        .join_waitlist(user, &office.id, &service.code, today, last, turn.now)
        .await?;
    turn.say(turn.t("booking-waitlist-added"));
    Ok(Answered::Finished)
}

pub(super) async fn ask_slot(
    turn: &mut Turn<'_>,
    cat: &Catalogue,
    draft: &BookingDraft,
) -> Result<(), TurnError> {
    let (Some((office, service)), Some(day)) = (office_and_service(cat, draft), draft.day) else {
        turn.ask(turn.t("booking-start-over"), Vec::new(), true);
        return Ok(());
    };
    let slots = free_slots(turn, office, service.slot_group, day).await?;
    if slots.is_empty() {
        turn.ask(turn.t("booking-day-full"), Vec::new(), true);
    } else {
        let buttons = slot_buttons(turn, office, &slots);
        turn.ask(
            turn.ta("booking-pick-slot", vec![("date", turn.date(day).into())]),
            buttons,
            true,
        );
    }
    Ok(())
}

pub(super) async fn slot(
    turn: &mut Turn<'_>,
    cat: &Catalogue,
    draft: &mut BookingDraft,
    wanted: i64,
) -> Result<Answered, TurnError> {
    let (Some((office, service)), Some(day)) = (office_and_service(cat, draft), draft.day) else {
        turn.stale();
        return Ok(Answered::Stay);
    };
    let slots = free_slots(turn, office, service.slot_group, day).await?;
    if slots.iter().any(|s| s.id == wanted) {
        draft.slot = Some(wanted);
        return Ok(Answered::Next);
    }
    if turn
        .engine
        .repo
        .slot(wanted)
        .await?
        .is_some_and(|s| s.office_id == office.id)
    {
        // A real slot of this office that filled up since it was offered.
        turn.say(turn.t("booking-slot-taken"));
    } else {
        turn.stale();
    }
    Ok(Answered::Stay)
}
