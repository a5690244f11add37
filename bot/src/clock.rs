//! Where "now" comes from.
//!
//! Every part that decides something by the date or the time (the dialogue's "expires in
//! 10 days", the scheduler's due ticks, the dispatcher's due rows, the back office's
//! "pickup window in the past") asks one `Clock`, handed to it at start-up. The service runs
//! on `SystemClock`; a test hands the same parts a `TestClock` set to the instant it means
//! (an evening in UTC that is already tomorrow in Beijing, New Year's Eve, a public holiday),
//! so no test depends on the hour at which it happens to run.
//!
//! A clock gives only the instant, in UTC. Which *day* that is depends on a time zone, and
//! the zone belongs to the office (`Office::time_zone`), never to the clock.

use chrono::{DateTime, TimeDelta, Utc};
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// A source of the current instant.
pub trait Clock: Send + Sync + fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
}

/// The clock every part of one process shares.
pub type SharedClock = Arc<dyn Clock>;

/// The machine's wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The wall clock, shared: what production code starts with.
pub fn system() -> SharedClock {
    Arc::new(SystemClock)
}

/// A clock that starts at a chosen instant and then runs at the pace of real time (so
/// timeouts, back-offs and "due in one second" behave as in production), and that a test
/// can move forward at once with `advance`. Real elapsed time is read from the monotonic
/// clock, so a shifted or stepped wall clock does not move it.
#[derive(Debug)]
pub struct TestClock {
    state: Mutex<(DateTime<Utc>, Instant)>,
}

impl TestClock {
    /// A clock that reads `start` now.
    pub fn starting_at(start: DateTime<Utc>) -> Arc<TestClock> {
        Arc::new(TestClock {
            state: Mutex::new((start, Instant::now())),
        })
    }

    /// Moves the clock forward (or back, with a negative delta) by `by`.
    pub fn advance(&self, by: TimeDelta) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 += by;
    }

    /// Sets the clock to read `instant` now; it runs on from there.
    pub fn set(&self, instant: DateTime<Utc>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        *state = (instant, Instant::now());
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        let (start, at) = *self.state.lock().unwrap_or_else(|e| e.into_inner());
        let elapsed = TimeDelta::from_std(at.elapsed()).unwrap_or(TimeDelta::MAX);
        start + elapsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn a_test_clock_starts_where_it_is_set_and_runs_on() {
        let clock = TestClock::starting_at(instant("2026-12-31T23:30:00Z"));
        let first = clock.now();
        assert!(first >= instant("2026-12-31T23:30:00Z"));
        assert!(first < instant("2026-12-31T23:31:00Z"), "{first}");
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(clock.now() > first, "it runs with real time");
    }

    #[test]
    fn a_test_clock_moves_when_told() {
        let clock = TestClock::starting_at(instant("2026-02-28T15:59:59Z"));
        clock.advance(TimeDelta::days(1));
        let now = clock.now();
        assert_eq!(now.date_naive().to_string(), "2026-03-01");
        clock.set(instant("2027-01-01T00:00:00Z"));
        assert_eq!(clock.now().date_naive().to_string(), "2027-01-01");
    }
}
