//! Exit-Entry offices: identity, location, weekly opening hours.

use super::ParseError;
use super::service::ServiceCode;
use chrono::{DateTime, NaiveDate, NaiveTime, Offset, TimeDelta, TimeZone, Utc, Weekday};
use serde::Deserialize;
use std::str::FromStr;

super::validated_string! {
    /// Stable office id, a lowercase slug (`beijing-andingmen`). Used in buttons and deep
    /// links, so it stays short and ASCII.
    #[derive(Debug, PartialOrd, Ord)]
    pub struct OfficeId;
    displayed
}

/// Checks a lowercase ASCII slug of 2 to 40 characters (`[a-z0-9-]`, no leading/trailing dash).
pub(crate) fn parse_slug(s: &str, what: &str) -> Result<String, ParseError> {
    let ok = (2..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-');
    if ok {
        Ok(s.to_string())
    } else {
        Err(ParseError::new(format!(
            "{what} must be 2-40 characters of a-z, 0-9 and '-'"
        )))
    }
}

impl FromStr for OfficeId {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        parse_slug(s, "office id").map(Self)
    }
}

/// One opening interval on one weekday, in the office's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OpeningInterval {
    pub weekday: Weekday,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

/// Weekly opening hours, written compactly as offices publish them:
/// `Mon-Fri 09:00-12:00 13:30-17:00; Sat 09:00-12:00`.
/// Groups are separated by `;`; a group is a day set (`Mon-Fri`, `Sat`, `Mon,Wed`) followed by
/// one or more `HH:MM-HH:MM` intervals. Intervals of one day must not overlap.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct WeeklyHours {
    intervals: Vec<OpeningInterval>,
    text: String,
}

const DAY_NAMES: [(&str, Weekday); 7] = [
    ("Mon", Weekday::Mon),
    ("Tue", Weekday::Tue),
    ("Wed", Weekday::Wed),
    ("Thu", Weekday::Thu),
    ("Fri", Weekday::Fri),
    ("Sat", Weekday::Sat),
    ("Sun", Weekday::Sun),
];

fn parse_day(s: &str) -> Result<Weekday, ParseError> {
    DAY_NAMES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(s))
        .map(|(_, d)| *d)
        .ok_or_else(|| ParseError::new(format!("unknown day '{s}' (use Mon..Sun)")))
}

fn parse_days(s: &str) -> Result<Vec<Weekday>, ParseError> {
    let mut days = Vec::new();
    for part in s.split(',') {
        match part.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (parse_day(from)?, parse_day(to)?);
                let (a, b) = (from.num_days_from_monday(), to.num_days_from_monday());
                if a > b {
                    return Err(ParseError::new(format!(
                        "day range '{part}' runs backwards"
                    )));
                }
                days.extend((a..=b).map(|n| DAY_NAMES[n as usize].1));
            }
            None => days.push(parse_day(part)?),
        }
    }
    Ok(days)
}

fn parse_interval(s: &str) -> Result<(NaiveTime, NaiveTime), ParseError> {
    let bad = || ParseError::new(format!("'{s}' is not an interval like 09:00-12:00"));
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    let opens = NaiveTime::parse_from_str(a, "%H:%M").map_err(|_| bad())?;
    let closes = NaiveTime::parse_from_str(b, "%H:%M").map_err(|_| bad())?;
    if closes <= opens {
        return Err(ParseError::new(format!(
            "interval '{s}' closes before it opens"
        )));
    }
    Ok((opens, closes))
}

impl FromStr for WeeklyHours {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let mut intervals = Vec::new();
        for group in s.split(';').map(str::trim).filter(|g| !g.is_empty()) {
            let mut words = group.split_whitespace();
            let days = parse_days(words.next().unwrap_or_default())?;
            let times: Vec<_> = words.map(parse_interval).collect::<Result<_, _>>()?;
            if times.is_empty() {
                return Err(ParseError::new(format!(
                    "'{group}' has no opening interval"
                )));
            }
            for day in days {
                for (opens, closes) in &times {
                    intervals.push(OpeningInterval {
                        weekday: day,
                        opens: *opens,
                        closes: *closes,
                    });
                }
            }
        }
        if intervals.is_empty() {
            return Err(ParseError::new("opening hours are empty"));
        }
        intervals.sort_by_key(|i| (i.weekday.num_days_from_monday(), i.opens));
        for pair in intervals.windows(2) {
            if pair[0].weekday == pair[1].weekday && pair[1].opens < pair[0].closes {
                return Err(ParseError::new(format!(
                    "intervals overlap on {:?}",
                    pair[0].weekday
                )));
            }
        }
        Ok(Self {
            intervals,
            text: s.trim().to_string(),
        })
    }
}

impl TryFrom<String> for WeeklyHours {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, ParseError> {
        s.parse()
    }
}

impl WeeklyHours {
    pub fn intervals(&self) -> &[OpeningInterval] {
        &self.intervals
    }

    /// The intervals of one weekday, in order.
    pub fn on(&self, weekday: Weekday) -> impl Iterator<Item = &OpeningInterval> {
        self.intervals.iter().filter(move |i| i.weekday == weekday)
    }

    /// The text this was parsed from, as stored.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// An Exit-Entry office as the directory shows it; also its import record.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    pub id: OfficeId,
    pub name_en: String,
    pub name_zh: String,
    pub city_en: String,
    pub city_zh: String,
    pub province_en: String,
    pub province_zh: String,
    pub address_en: String,
    pub address_zh: String,
    pub latitude: f64,
    pub longitude: f64,
    pub phone: String,
    #[serde(default = "default_time_zone")]
    pub time_zone: chrono_tz::Tz,
    pub hours: WeeklyHours,
    pub services: Vec<ServiceCode>,
    pub source_url: String,
    pub checked_on: NaiveDate,
    pub verified: bool,
    #[serde(default)]
    pub note: Option<String>,
}

fn default_time_zone() -> chrono_tz::Tz {
    CHINA_TIME_ZONE
}

/// Mainland China's one time zone: the zone of an office whose data names none, and of the
/// dates that belong to no single office (a permit's expiry, when an attempt limit resets).
/// Everything tied to an office takes `Office::time_zone`.
pub const CHINA_TIME_ZONE: chrono_tz::Tz = chrono_tz::Asia::Shanghai;

/// The zone an office or a stored row names, or China's where it names none (or one that
/// does not parse: a row written by a newer version, say).
pub fn zone_or_china(name: Option<&str>) -> chrono_tz::Tz {
    name.and_then(|n| n.parse().ok()).unwrap_or(CHINA_TIME_ZONE)
}

impl Office {
    /// Great-circle distance in kilometres from a point (haversine; good to a few metres
    /// at city scale, which is all a "nearest office" answer needs).
    pub fn distance_km(&self, latitude: f64, longitude: f64) -> f64 {
        let (lat1, lat2) = (latitude.to_radians(), self.latitude.to_radians());
        let dlat = lat2 - lat1;
        let dlon = (self.longitude - longitude).to_radians();
        let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
        6371.0 * 2.0 * a.sqrt().asin()
    }

    /// The instants `[start, end)` of one office-local calendar day, in UTC: from local
    /// midnight to the next. `None` only where the zone skips that midnight entirely.
    pub fn day_span(&self, day: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let midnight = |d: NaiveDate| {
            self.time_zone
                .from_local_datetime(&d.and_time(NaiveTime::MIN))
                .earliest()
                .map(|t| t.with_timezone(&Utc))
        };
        Some((midnight(day)?, midnight(day.succ_opt()?)?))
    }

    /// Splits `[from, to)` where the office zone's UTC offset changes, so that each part has
    /// one offset: `(start, end, seconds east of UTC)`. Offices in China get one part; a zone
    /// with daylight saving time gets one more per change, found to the hour (changes happen
    /// at night, when no slot starts).
    pub fn offset_spans(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>, i32)> {
        let offset = |t: DateTime<Utc>| {
            self.time_zone
                .offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc()
        };
        let mut spans = Vec::new();
        let (mut start, mut current) = (from, offset(from));
        let mut probe = from;
        while probe < to {
            let next = (probe + TimeDelta::days(1)).min(to);
            if offset(next) == current {
                probe = next;
                continue;
            }
            let mut change = probe;
            while change < next && offset(change) == current {
                change += TimeDelta::hours(1);
            }
            let change = change.min(next);
            spans.push((start, change, current));
            (start, current, probe) = (change, offset(change), change);
        }
        spans.push((start, to, current));
        spans.retain(|(start, end, _)| start < end);
        spans
    }
}

/// Checks a phone number in the international form `+86 10 8402 0101`.
pub fn parse_phone(s: &str) -> Result<String, ParseError> {
    let s = s.trim();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let ok = s.starts_with('+')
        && s[1..].chars().all(|c| c.is_ascii_digit() || c == ' ')
        && (8..=15).contains(&digits);
    if ok {
        Ok(s.to_string())
    } else {
        Err(ParseError::new(
            "phone must be in international form, e.g. +86 10 8402 0101",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded_office(zone: chrono_tz::Tz) -> Office {
        let offices: Vec<Office> =
            serde_json::from_str(include_str!("../../../deploy/seed/offices.json")).unwrap();
        Office {
            time_zone: zone,
            ..offices.into_iter().next().unwrap()
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_zone_without_daylight_saving_is_one_span() {
        let office = seeded_office(chrono_tz::Asia::Shanghai);
        let (from, to) = (utc("2026-03-01T03:17:00Z"), utc("2026-05-01T00:00:00Z"));
        assert_eq!(office.offset_spans(from, to), vec![(from, to, 8 * 3600)]);
    }

    #[test]
    fn daylight_saving_splits_the_span_at_the_change() {
        // Berlin moves from +01:00 to +02:00 at 2026-03-29 01:00 UTC, back on 10-25.
        let office = seeded_office(chrono_tz::Europe::Berlin);
        let (from, to) = (utc("2026-03-01T00:00:00Z"), utc("2026-11-01T00:00:00Z"));
        let spans = office.offset_spans(from, to);
        assert_eq!(
            spans,
            vec![
                (from, utc("2026-03-29T01:00:00Z"), 3600),
                (
                    utc("2026-03-29T01:00:00Z"),
                    utc("2026-10-25T01:00:00Z"),
                    7200
                ),
                (utc("2026-10-25T01:00:00Z"), to, 3600),
            ]
        );
    }

    #[test]
    fn a_day_span_runs_from_local_midnight_to_the_next() {
        let office = seeded_office(chrono_tz::Asia::Shanghai);
        let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(
            office.day_span(day),
            Some((utc("2026-11-24T16:00:00Z"), utc("2026-11-25T16:00:00Z")))
        );
        let berlin = seeded_office(chrono_tz::Europe::Berlin);
        let short = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        let (start, end) = berlin.day_span(short).unwrap();
        assert_eq!(
            end - start,
            TimeDelta::hours(23),
            "the day clocks go forward"
        );
    }

    #[test]
    fn parses_compact_hours() {
        let h: WeeklyHours = "Mon-Fri 09:00-12:00 13:30-17:00; Sat 09:00-12:00"
            .parse()
            .unwrap();
        assert_eq!(h.intervals().len(), 11);
        assert_eq!(h.on(Weekday::Sat).count(), 1);
        assert_eq!(h.on(Weekday::Sun).count(), 0);
        let h: WeeklyHours = "Mon,Wed 08:30-17:00".parse().unwrap();
        assert_eq!(h.intervals().len(), 2);
    }

    #[test]
    fn rejects_bad_hours() {
        for bad in [
            "",
            "Mon-Fri",
            "Fri-Mon 09:00-10:00",
            "Mon 10:00-09:00",
            "Xyz 09:00-10:00",
            "Mon 09:00-12:00 11:00-13:00",
        ] {
            assert!(bad.parse::<WeeklyHours>().is_err(), "{bad}");
        }
    }

    #[test]
    fn office_ids_are_slugs() {
        assert!("beijing-andingmen".parse::<OfficeId>().is_ok());
        for bad in ["Beijing", "-x", "a", "a b", "x/y"] {
            assert!(bad.parse::<OfficeId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn phones_are_international() {
        assert!(parse_phone("+86 10 8402 0101").is_ok());
        assert!(parse_phone("010-84020101").is_err());
    }
}
