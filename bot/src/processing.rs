//! How long an application usually takes, and the day it is usually ready by: what the
//! progress screen tells an applicant and what `GET …/processing-times` tells an office.
//!
//! Like USCIS's published processing times, the figure is the time within which 80 % of
//! cases finished: the 80th percentile (nearest rank) of the statutory working days from
//! submission to "ready for pickup" (Monday to Friday, public holidays skipped, in the
//! office's zone) of the same office's applications for the same service that became ready
//! in the last 180 days. With fewer than 20 such cases the figure says too little, and the
//! service's published processing time is used instead; the answer says which.

use crate::domain::calendar::Holidays;
use crate::domain::{Office, Service};
use crate::store::{Repository, StoreError};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Completed applications become ready within this many days before now to count.
pub const WINDOW_DAYS: i64 = 180;
/// Fewer completed applications than this: the published processing time is used.
pub const MIN_CASES: usize = 20;
/// The share of cases that finished within the figure, in percent.
pub const PERCENTILE: usize = 80;

/// Where a processing time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The office's own completed applications (`cases` of them).
    Completed { cases: usize },
    /// The service's published processing time (too few completed cases: `cases`).
    Published { cases: usize },
}

/// A processing time in statutory working days, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcessingTime {
    pub working_days: i64,
    pub basis: Basis,
}

/// The `percentile`th percentile of `values` by the nearest-rank method: the smallest value
/// at least `percentile` % of the values are not above. `None` for no values.
pub fn percentile(values: &[i64], percentile: usize) -> Option<i64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = (percentile * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// The processing time of `service` at `office` as of `now`; `None` when there are too few
/// completed cases and the service publishes no processing time.
pub async fn processing_time(
    repo: &dyn Repository,
    office: &Office,
    service: &Service,
    now: DateTime<Utc>,
) -> Result<Option<ProcessingTime>, StoreError> {
    let since = now - Duration::days(WINDOW_DAYS);
    let completed = repo
        .completed_applications(&office.id, &service.code, since)
        .await?;
    let local = |at: DateTime<Utc>| at.with_timezone(&office.time_zone).date_naive();
    let holidays = match completed
        .iter()
        .map(|(submitted, _)| local(*submitted))
        .min()
    {
        Some(first) => repo.working_calendar(first, local(now)).await?.holidays,
        None => Holidays::default(),
    };
    let days: Vec<i64> = completed
        .iter()
        .map(|(submitted, ready)| holidays.working_days_between(local(*submitted), local(*ready)))
        .collect();
    let cases = days.len();
    Ok(if cases >= MIN_CASES {
        percentile(&days, PERCENTILE).map(|working_days| ProcessingTime {
            working_days,
            basis: Basis::Completed { cases },
        })
    } else {
        service.processing_days.map(|d| ProcessingTime {
            working_days: i64::from(d),
            basis: Basis::Published { cases },
        })
    })
}

/// The day an application submitted at `submitted` is usually ready by, given its
/// processing time (working days after the submission day, in the office's zone).
pub async fn ready_by(
    repo: &dyn Repository,
    office: &Office,
    submitted: DateTime<Utc>,
    time: ProcessingTime,
) -> Result<NaiveDate, StoreError> {
    let day = submitted.with_timezone(&office.time_zone).date_naive();
    // Working days are at most 5 of 7; the longest break (Spring Festival) adds 9 days.
    let horizon = day + Duration::days(time.working_days * 7 / 5 + 21);
    let holidays = repo.working_calendar(day, horizon).await?.holidays;
    Ok(holidays.add_working_days(day, time.working_days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_80th_percentile_is_the_nearest_rank() {
        // Twenty cases: the 16th smallest.
        let mut days = vec![5; 16];
        days.extend([12; 4]);
        assert_eq!(percentile(&days, 80), Some(5));
        let mut days = vec![5; 15];
        days.extend([12; 5]);
        assert_eq!(percentile(&days, 80), Some(12));
        // Ten cases 1..=10: the 8th.
        assert_eq!(percentile(&[3, 1, 4, 10, 5, 9, 2, 6, 8, 7], 80), Some(8));
        assert_eq!(percentile(&[7], 80), Some(7));
        assert_eq!(percentile(&[], 80), None);
    }
}
