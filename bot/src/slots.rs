//! Keeps the slot calendar filled: every office gets bookable slots for the next working
//! days of the `SlotTemplate`, from its opening hours, skipping weekends, public holidays and
//! its closures. Existing slots (and their bookings) are never touched, so this runs safely
//! on every start and from the daily schedule.

use crate::domain::{SlotGroup, SlotTemplate};
use crate::store::{Repository, StoreError};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// Creates the missing slots from `now` on; returns how many were created.
pub async fn fill_calendar(
    repo: &dyn Repository,
    template: &SlotTemplate,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let groups: HashMap<_, SlotGroup> = repo
        .services()
        .await?
        .into_iter()
        .map(|s| (s.code, s.slot_group))
        .collect();
    let today = now.date_naive();
    // Working days are at most 5 of 7, and the longest break (Spring Festival) is 9 days.
    let horizon = today + Duration::days(template.working_days as i64 * 7 / 5 + 21);
    let calendar = repo
        .working_calendar(today - Duration::days(1), horizon)
        .await?;
    let mut created = 0;
    for office in repo.offices().await? {
        let mut office_groups: Vec<SlotGroup> = Vec::new();
        for group in office.services.iter().filter_map(|s| groups.get(s)) {
            if !office_groups.contains(group) {
                office_groups.push(*group);
            }
        }
        let local_today = now.with_timezone(&office.time_zone).date_naive();
        let slots: Vec<_> = template
            .generate(&office, &office_groups, &calendar, local_today)
            .into_iter()
            .filter(|s| s.starts_at > now)
            .collect();
        created += repo.insert_slots(&slots).await?;
    }
    Ok(created)
}
