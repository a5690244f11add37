//! Working days and the slot template: which days an office takes appointments and
//! which bookable slots that yields.
//!
//! Weekends are never working days here, even when the State Council moves a working day
//! onto a weekend (调休): offices publish their own arrangements for those, and an office can
//! open such a day through the back office. Listed public holidays and an office's own
//! closures are skipped.

use super::office::{Office, OfficeId};
use super::service::SlotGroup;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use std::collections::{BTreeSet, HashMap};

/// Days on which no office works: public holidays of mainland China, from the seed.
#[derive(Debug, Clone, Default)]
pub struct Holidays(BTreeSet<NaiveDate>);

impl Holidays {
    pub fn new(days: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self(days.into_iter().collect())
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.0.contains(&day)
    }
}

/// Holidays plus each office's own closures.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    pub holidays: Holidays,
    pub closures: HashMap<OfficeId, BTreeSet<NaiveDate>>,
}

impl WorkingCalendar {
    pub fn is_working_day(&self, office: &OfficeId, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
            && !self.holidays.contains(day)
            && !self.closures.get(office).is_some_and(|c| c.contains(&day))
    }

    /// The next `count` working days of an office, starting with `from` itself.
    pub fn working_days(&self, office: &OfficeId, from: NaiveDate, count: usize) -> Vec<NaiveDate> {
        from.iter_days()
            .filter(|d| self.is_working_day(office, *d))
            .take(count)
            .collect()
    }
}

/// A slot about to be created; `(office, group, starts_at)` identifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSlot {
    pub office_id: OfficeId,
    pub group: SlotGroup,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
}

/// How opening hours become bookable slots: fixed-length slots with a capacity per
/// service group, for the next `working_days` working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotTemplate {
    pub slot_minutes: u32,
    pub capacity: i32,
    pub working_days: usize,
}

impl Default for SlotTemplate {
    fn default() -> Self {
        Self {
            slot_minutes: 30,
            capacity: 4,
            working_days: 30,
        }
    }
}

impl SlotTemplate {
    /// Slots for one office from `today` (office-local date) on, for every slot group its
    /// services need. Times are converted from the office's zone to UTC.
    pub fn generate(
        &self,
        office: &Office,
        groups: &[SlotGroup],
        calendar: &WorkingCalendar,
        today: NaiveDate,
    ) -> Vec<NewSlot> {
        let step = Duration::minutes(i64::from(self.slot_minutes.max(5)));
        let mut slots = Vec::new();
        for day in calendar.working_days(&office.id, today, self.working_days) {
            for interval in office.hours.on(day.weekday()) {
                let mut start = day.and_time(interval.opens);
                let close = day.and_time(interval.closes);
                while start + step <= close {
                    // Asia/Shanghai has no DST; `earliest` keeps other zones well-defined too.
                    if let (Some(s), Some(e)) = (
                        office.time_zone.from_local_datetime(&start).earliest(),
                        office
                            .time_zone
                            .from_local_datetime(&(start + step))
                            .earliest(),
                    ) {
                        for group in groups {
                            slots.push(NewSlot {
                                office_id: office.id.clone(),
                                group: *group,
                                starts_at: s.with_timezone(&Utc),
                                ends_at: e.with_timezone(&Utc),
                                capacity: self.capacity,
                            });
                        }
                    }
                    start += step;
                }
            }
        }
        slots
    }
}
