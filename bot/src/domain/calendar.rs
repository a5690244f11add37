//! Working days and the slot template: which days an office takes appointments and
//! which bookable slots that yields.
//!
//! An office takes appointments on the weekdays its own opening hours name (an office open
//! on Saturday offers Saturday slots), except listed public holidays and its own closures.
//! When the State Council moves a working day onto a weekend (调休), offices publish their
//! own arrangements; an office can open such a day through the back office.
//!
//! Processing times count statutory working days instead (Monday to Friday, public
//! holidays skipped), whatever the office's hours: `Holidays::working_days_between`.

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

    /// Statutory working days after `from` up to and including `to` (Monday to Friday,
    /// these holidays skipped): an application submitted on a Friday and ready the next
    /// Monday took one working day. Zero when `to` is not after `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_statutory_working_day(*d))
            .count() as i64
    }

    /// The day `n` statutory working days after `from`.
    pub fn add_working_days(&self, from: NaiveDate, n: i64) -> NaiveDate {
        from.iter_days()
            .skip(1)
            .filter(|d| self.is_statutory_working_day(*d))
            .nth(usize::try_from(n.max(1) - 1).unwrap_or(0))
            .unwrap_or(from)
    }

    fn is_statutory_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.contains(day)
    }
}

/// Holidays plus each office's own closures.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    pub holidays: Holidays,
    pub closures: HashMap<OfficeId, BTreeSet<NaiveDate>>,
}

impl WorkingCalendar {
    /// A public holiday, or a day the office closed.
    pub fn is_closed(&self, office: &OfficeId, day: NaiveDate) -> bool {
        self.holidays.contains(day) || self.closures.get(office).is_some_and(|c| c.contains(&day))
    }

    /// A day the office takes appointments: its hours name the weekday, and it is not closed.
    pub fn is_working_day(&self, office: &Office, day: NaiveDate) -> bool {
        office.hours.on(day.weekday()).next().is_some() && !self.is_closed(&office.id, day)
    }

    /// The next `count` working days of an office, starting with `from` itself.
    pub fn working_days(&self, office: &Office, from: NaiveDate, count: usize) -> Vec<NaiveDate> {
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
        for day in calendar.working_days(office, today, self.working_days) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// China's National Day holidays of 2026 (1 to 7 October), as the seed lists them.
    fn national_day() -> Holidays {
        Holidays::new((1..=7).map(|d| NaiveDate::from_ymd_opt(2026, 10, d).unwrap()))
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let h = national_day();
        // Wednesday 30 September to Friday 9 October: Thursday 8 and Friday 9.
        assert_eq!(
            h.working_days_between(day("2026-09-30"), day("2026-10-09")),
            2
        );
        // Friday to the next Monday: one.
        assert_eq!(
            h.working_days_between(day("2026-10-09"), day("2026-10-12")),
            1
        );
        assert_eq!(
            h.working_days_between(day("2026-10-12"), day("2026-10-12")),
            0
        );
        assert_eq!(
            h.working_days_between(day("2026-10-12"), day("2026-10-01")),
            0
        );
        // And back: 2 working days after 30 September is 9 October.
        assert_eq!(h.add_working_days(day("2026-09-30"), 2), day("2026-10-09"));
        assert_eq!(h.add_working_days(day("2026-11-16"), 7), day("2026-11-25"));
    }

    #[test]
    fn the_template_follows_each_offices_own_weekdays() {
        let office: Office = serde_json::from_value(serde_json::json!({
            "id": "nanjing-baixia", "name_en": "N", "name_zh": "南", "city_en": "Nanjing",
            "city_zh": "南京", "province_en": "Jiangsu", "province_zh": "江苏",
            "address_en": "a", "address_zh": "地", "latitude": 32.0, "longitude": 118.8,
            "phone": "1", "hours": "Mon-Fri 08:30-17:00; Sat 09:00-17:00",
            "services": ["visa-extension"], "source_url": "https://example.org",
            "checked_on": "2026-11-25", "verified": false
        }))
        .unwrap();
        let template = SlotTemplate {
            slot_minutes: 60,
            capacity: 1,
            working_days: 6,
        };
        // From Monday 23 November: Monday to Saturday, no Sunday.
        let slots = template.generate(
            &office,
            &[SlotGroup::Visa],
            &WorkingCalendar::default(),
            day("2026-11-23"),
        );
        let local = |s: &NewSlot| s.starts_at.with_timezone(&office.time_zone);
        let saturday: Vec<String> = slots
            .iter()
            .filter(|s| local(s).date_naive() == day("2026-11-28"))
            .map(|s| local(s).format("%H:%M").to_string())
            .collect();
        assert_eq!(
            saturday,
            [
                "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"
            ]
        );
        assert!(slots.iter().all(|s| local(s).weekday() != Weekday::Sun));
        // A closure or a holiday still closes a Saturday.
        let mut calendar = WorkingCalendar::default();
        calendar
            .closures
            .insert(office.id.clone(), BTreeSet::from([day("2026-11-28")]));
        assert!(!calendar.is_working_day(&office, day("2026-11-28")));
        assert!(calendar.is_working_day(&office, day("2026-11-27")));
    }
}
